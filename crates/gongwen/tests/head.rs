//! The head of a document as web pages and official copies print it: the title, the number,
//! the publication lines and widgets a page sets around them, the addressee. Each case is a
//! layout met on real pages, written here in fixtures of our own.

use gongwen::Document;

const BODY: &str = "为推进城市更新，结合本市实际，现就有关事项通知如下。\n一、总体要求\n坚持规划引领。\n二、主要任务\n推进老旧小区改造。\n";

fn read(head: &str) -> Document {
    gongwen::parse(&format!("{head}{BODY}")).expect("parses")
}

/// The canonical text of `doc` reads back to the same metadata.
fn reads_back(doc: &Document) {
    let again = gongwen::parse(&gongwen::text::write(doc)).expect("reads back");
    assert_eq!(again.meta, doc.meta, "{}", gongwen::text::write(doc));
}

fn number(doc: &Document) -> Option<&str> {
    doc.meta.number.as_ref().map(|n| n.text.as_str())
}

/// The metadata box's fields, key and value, in order.
fn fields(doc: &Document) -> Vec<(&str, &str)> {
    doc.meta
        .fields
        .iter()
        .map(|f| (f.key.as_str(), f.value.as_str()))
        .collect()
}

/// `……的通知(临办发〔2024〕3号)`: a page prints the number after the title in brackets.
#[test]
fn a_number_in_brackets_after_the_title_is_the_number() {
    let doc = read("临江市人民政府办公室印发《关于推进城市更新的实施意见》的通知(临办发〔2024〕3号)\n各区人民政府：\n");
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("临江市人民政府办公室印发《关于推进城市更新的实施意见》的通知")
    );
    assert_eq!(number(&doc), Some("临办发〔2024〕3号"));
    assert_eq!(doc.meta.kind, gongwen::DocKind::Notice);
    // the 关于 of the title quoted in it does not cut the issuer's name: the verb does
    assert_eq!(doc.meta.issuers, ["临江市人民政府办公室"]);
    reads_back(&doc);
}

/// A page's headline, its publication line, then the document's number, title and addressee:
/// the publication line is no addressee, and the number between it and the title is read.
#[test]
fn a_headline_above_the_publication_line_and_the_number() {
    let doc = read(
        "关于推进城市更新的通知\n\n来源:市政府办公室 发布时间:2024年10月14日 18:46 浏览次数:\n\n临政发〔2024〕83号\n\n关于推进城市更新的通知\n\n各区人民政府:\n\n",
    );
    assert_eq!(doc.meta.title.as_deref(), Some("关于推进城市更新的通知"));
    assert_eq!(number(&doc), Some("临政发〔2024〕83号"));
    assert_eq!(doc.meta.addressee.as_deref(), Some("各区人民政府:"));
    assert!(doc.meta.publication.is_some());
}

/// A page's headline with its channel (`政务服务丨……`), publication lines set as a Markdown
/// list (`- 发布日期:…`, `- 浏览次数:` without its value), then the document's own title on two
/// lines, the issuer above `关于……`: the title is the document's, both lines, and the issuer's
/// line is no value of the empty key.
#[test]
fn a_headline_above_bulleted_publication_lines_and_a_title_on_two_lines() {
    let doc = read(
        "政务服务丨临江市人民政府关于深化简政放权改革的实施意见\n- 发布日期:2021-07-19\n- 浏览次数:\n临江市人民政府\n关于深化简政放权改革的实施意见\n临政字〔2021〕30号\n各县(市、区)人民政府,市政府各部门:\n为深入推进简政放权改革,提出如下意见。\n一、目标要求\n扎实推进简政放权改革。\n二、基本原则\n权责一致,用权受监督。\n",
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("临江市人民政府关于深化简政放权改革的实施意见")
    );
    assert_eq!(number(&doc), Some("临政字〔2021〕30号"));
    assert_eq!(
        doc.meta
            .publication
            .as_ref()
            .and_then(|p| p.datetime.as_deref()),
        Some("2021-07-19")
    );
    assert!(
        !fields(&doc).iter().any(|(_, v)| *v == "临江市人民政府"),
        "{:?}",
        fields(&doc)
    );
}

/// A Markdown crawl of a page: a breadcrumb set with full-width `＞` above the `#` title, and a
/// metadata box as a list of keys in escaped brackets, each value an item under its key
/// (`- \[ 发文字号 \]` / `- 临油联办发〔2024〕2号`): the title is the document's, the keys and
/// values are fields, none a piece of the title.
#[test]
fn a_markdown_crawl_with_a_breadcrumb_and_a_listed_box() {
    let doc = read(
        "返回\n\n无障碍\n\n首页＞新闻动态＞通知公告\n\n- \\[ 索引号 \\]\n- 11500222696599495J/2024-00030\n- \\[ 发文字号 \\]\n- 临油联办发〔2024〕2号\n- \\[ 主题分类 \\]\n- 商贸、海关、旅游\n- \\[ 发布机构 \\]\n- 临江区商务委\n\n临江区商务委员会关于开展成品油零售经营企业年度检查工作的通知\n\n各街镇，有关企业：\n\n现将有关事项通知如下。\n\n一、检查范围\n\n在本区从事成品油零售经营的加油站。\n\n二、检查时间\n\n2025年6月至11月。\n",
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("临江区商务委员会关于开展成品油零售经营企业年度检查工作的通知")
    );
    assert_eq!(number(&doc), Some("临油联办发〔2024〕2号"));
    let f = fields(&doc);
    assert!(
        f.contains(&("索引号", "11500222696599495J/2024-00030")),
        "{f:?}"
    );
    assert!(f.contains(&("主题分类", "商贸、海关、旅游")), "{f:?}");
}

/// A page's box of keys and values each on a line of its own, a blank line between each, one
/// value ending in a genre word (`分　　类：` / `……市政府文件通知`): the value is the key's, not
/// the title.
#[test]
fn a_box_of_keys_and_values_apart_on_their_lines() {
    let doc = read(
        "## 当前位置： 首页 > 政务公开 > 市政府文件\n\n索 引 号：\n\n014150827/2024-00091\n\n分　　类：\n\n宏观经济国民经济管理、国有资产监管市政府文件通知\n\n发布机构：\n\n临江市人民政府\n\n文　　号：\n\n临府〔2024〕33号\n\n市政府关于印发临江市设备更新实施方案的通知\n\n各区人民政府，市各委办局：\n\n现将《临江市设备更新实施方案》印发给你们，请认真贯彻执行。\n\n一、总体要求\n\n推动设备更新。\n\n二、重点任务\n\n实施设备更新行动。\n",
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("市政府关于印发临江市设备更新实施方案的通知")
    );
    assert!(
        fields(&doc).contains(&("分类", "宏观经济国民经济管理、国有资产监管市政府文件通知")),
        "{:?}",
        fields(&doc)
    );
}

/// Publication lines and page widgets a page sets under the title are residue and publication
/// data, not subtitles or the addressee; the speaker's line of a report is a subtitle.
#[test]
fn publication_lines_and_widgets_under_the_title() {
    let doc = gongwen::parse(
        "2026年临江市人民政府工作报告\n来源：临江日报\n时间：2026-02-03\n分享：\n——2026年1月28日在临江市第六届人民代表大会第四次会议上\n临江市市长 张三\n各位代表：\n现在，我代表市人民政府，向大会报告工作，请予审议。\n一、过去一年的工作\n过去一年，我们完成了全年目标任务。\n二、今年的工作\n今年要做好以下工作。\n",
    )
    .expect("parses");
    let m = &doc.meta;
    assert_eq!(m.addressee.as_deref(), Some("各位代表："));
    assert_eq!(
        m.subtitle,
        [
            "——2026年1月28日在临江市第六届人民代表大会第四次会议上",
            "临江市市长 张三"
        ]
    );
    let p = m.publication.as_ref().expect("publication");
    assert_eq!(p.source.as_deref(), Some("临江日报"));
    assert_eq!(p.datetime.as_deref(), Some("2026-02-03"));
    let kept: Vec<&str> = doc.residue.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(kept, ["来源：临江日报", "时间：2026-02-03", "分享："]);
}

/// LawRefBook's `<!-- INFO END -->` ends in `>` but is no breadcrumb: the issuer and title
/// lines under it are the head's.
#[test]
fn a_markup_comment_is_no_breadcrumb() {
    let doc = gongwen::parse(
        "# 某省高级人民法院关于审理物业纠纷案件的规定\n\n2023年1月1日 施行\n\n<!-- INFO END -->\n\n某省高级人民法院\n\n关于审理物业纠纷案件的规定\n\n某法释〔2022〕20号\n\n为正确审理物业纠纷案件，制定本规定。\n\n第一条 本规定适用于物业纠纷。\n\n第二条 本规定自2023年1月1日起施行。\n",
    )
    .expect("parses");
    assert_eq!(number(&doc), Some("某法释〔2022〕20号"));
    assert!(doc.meta.subtitle.contains(&"某省高级人民法院".to_string()));
}

/// A bracketed note may end a title, never open one: `（此件公开发布）` under a notice's date,
/// then the title of the text the notice issues.
#[test]
fn a_note_does_not_open_a_title() {
    let doc = read("(此件公开发布)\n临江市城市更新工作规则\n");
    assert_eq!(doc.meta.title.as_deref(), Some("临江市城市更新工作规则"));
}

/// A page's list items as text: `• 发文字号：…` is a metadata box line.
#[test]
fn a_bulleted_box_line_is_a_box_line() {
    let doc = read("• 索引号：000014349/2024-00005\n• 发文字号：临办字〔2024〕3号\n关于城市更新的通知\n各区人民政府：\n");
    assert_eq!(number(&doc), Some("临办字〔2024〕3号"));
    assert!(doc.meta.fields.iter().any(|f| f.key == "索引号"));
}

/// A page that prints `number title` as its headline, then the title and the number again:
/// one title, one number, and the addressee under them.
#[test]
fn a_headline_with_the_number_first_and_the_head_again() {
    let doc = read(
        "临政办发〔2017〕55号 临江市人民政府办公厅关于印发城市更新工作方案的通知\n临江市人民政府办公厅关于印发城市更新工作方案的通知\n临政办发〔2017〕55号\n各区人民政府:\n",
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("临江市人民政府办公厅关于印发城市更新工作方案的通知")
    );
    assert_eq!(number(&doc), Some("临政办发〔2017〕55号"));
    assert_eq!(doc.meta.addressee.as_deref(), Some("各区人民政府:"));
    assert!(doc.meta.subtitle.is_empty());
    reads_back(&doc);
    // a repeat that leaves out the 《》 of the title is the title again
    let doc = read(
        "临江市人民政府关于印发《城市更新工作方案》的通知\n\n临政发〔2023〕2号临江市人民政府关于印发城市更新工作方案的通知\n\n各区人民政府:\n",
    );
    assert_eq!(doc.meta.addressee.as_deref(), Some("各区人民政府:"));
    assert_eq!(number(&doc), Some("临政发〔2023〕2号"));
}

/// A metadata box line that sets two fields apart by spaces, not tabs.
#[test]
fn box_fields_set_apart_by_spaces() {
    let doc = read("索引号: 113417000032454254/202010-00167 组配分类: 意见征集\n发布机构: 临江市卫生健康委员会 主题分类: 卫生、体育 / 通知\n关于城市更新的通知\n各区人民政府：\n");
    let fields: Vec<(&str, &str)> = doc
        .meta
        .fields
        .iter()
        .map(|f| (f.key.as_str(), f.value.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("索引号", "113417000032454254/202010-00167"),
            ("组配分类", "意见征集"),
            ("发布机构", "临江市卫生健康委员会"),
            ("主题分类", "卫生、体育 / 通知"),
        ]
    );
    assert_eq!(doc.meta.issuers, ["临江市卫生健康委员会"]);
}

/// A breadcrumb that ends in the page's section (`-> 公 告`) is no title, and a font widget in
/// square brackets is page chrome.
#[test]
fn a_breadcrumb_is_no_title() {
    let doc = read("首页 -> 政务公开 -> 其他政府信息 -> 公 告\n临江市人民代表大会常务委员会办公室公告(第7号)\n[字体: ] 打印\n");
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("临江市人民代表大会常务委员会办公室公告(第7号)")
    );
    assert!(doc.meta.subtitle.is_empty(), "{:?}", doc.meta.subtitle);
}

/// A page that prints the title whole in 《》 with the number glued in front, then the title
/// in 《》 again and the number twice: the title is the one inside, the number is read, the
/// repeats are page matter, and the addressee is the addressee.
#[test]
fn a_title_printed_whole_in_book_title_marks() {
    let doc = read(
        "临办发〔2024〕7号《临江市人民政府办公室关于印发〈临江市城市更新工作要点〉的通知》\n《临江市人民政府办公室关于印发〈临江市城市更新工作要点〉的通知》\n临办发〔2024〕7号\n各区人民政府:\n",
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("临江市人民政府办公室关于印发〈临江市城市更新工作要点〉的通知")
    );
    assert_eq!(number(&doc), Some("临办发〔2024〕7号"));
    assert_eq!(doc.meta.addressee.as_deref(), Some("各区人民政府:"));
    assert_eq!(doc.meta.kind, gongwen::DocKind::Notice);
    assert_eq!(doc.residue.len(), 2, "{:?}", doc.residue);
    reads_back(&doc);
    // two titles cited on one line are no title
    let doc = read("《临江市城市更新条例》《临江市城市更新办法》\n");
    assert_eq!(doc.meta.title, None);
}

/// A crawler's copy of a page's metadata box: each key a bulleted line, its value (if any) set
/// in under it after a blank line, keys we know and keys we do not. Every key is a field with
/// its own value, the number is read from its field, and nothing in the box is a subtitle or
/// the addressee.
#[test]
fn a_bulleted_box_with_values_set_under_their_keys() {
    let doc = read(
        "临江市人民政府工作规则\n\n  • 索引号:\n\n    1234/2024-0001\n  • 主题分类:\n\n  • 发文机构:\n\n    市政府网站\n  • 发文字号:\n\n    临政发〔2024〕7号\n  • 有效性:\n\n  • 发布日期:\n\n    2024年04月06日 16:34\n\n临江市人民政府工作规则\n\n",
    );
    assert_eq!(doc.meta.title.as_deref(), Some("临江市人民政府工作规则"));
    assert_eq!(number(&doc), Some("临政发〔2024〕7号"));
    assert!(doc.meta.subtitle.is_empty(), "{:?}", doc.meta.subtitle);
    assert_eq!(doc.meta.addressee, None);
    let field = |k: &str| {
        doc.meta
            .fields
            .iter()
            .find(|f| f.key == k)
            .map(|f| f.value.as_str())
    };
    assert_eq!(field("索引号"), Some("1234/2024-0001"));
    assert_eq!(field("主题分类"), Some(""));
    assert_eq!(field("发文机构"), Some("市政府网站"));
    assert_eq!(field("有效性"), Some(""));
    // a key with nothing set under it does not take the title below as its value
    let doc = read("  • 发布日期:\n\n关于推进城市更新的通知\n\n");
    assert_eq!(doc.meta.title.as_deref(), Some("关于推进城市更新的通知"));
}

/// A law database's page: its headline names the text with a note (`……规定(2005年)`), a line
/// of `key:value` pairs under it, the headline again and the issuer; then the document's own
/// title, which is the title: the headline without its note, or the notice that carries what
/// the headline names.
#[test]
fn a_law_databases_headline_above_the_documents_own_title() {
    let page = "临江市墙体材料管理规定(2005年)\n\n作者:资料网 时间:2024-07-22 08:54:31  浏览:9249   来源:资料网\n下载地址: 点击此处下载\n\n临江市墙体材料管理规定(2005年)\n\n临江市人民政府\n\n\n";
    let doc = read(&format!("{page}临江市墙体材料管理规定\n\n"));
    assert_eq!(doc.meta.title.as_deref(), Some("临江市墙体材料管理规定"));
    let p = doc.meta.publication.as_ref().expect("publication");
    assert_eq!(p.source.as_deref(), Some("资料网"));
    assert_eq!(p.datetime.as_deref(), Some("2024-07-22T08:54:31"));
    assert!(doc.preamble.iter().all(|p| !p.text.contains("浏览")));
    let doc = read(&format!(
        "{page}关于批转临江市墙体材料管理规定的通知\n\n临政〔2005〕32号\n\n各区人民政府:\n\n"
    ));
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("关于批转临江市墙体材料管理规定的通知")
    );
    assert_eq!(number(&doc), Some("临政〔2005〕32号"));
    // the headline printed again with the issuer's line above it is no other title
    let doc = read("临江市人大常委会关于修改部分法规的决定\n临江市人大常委会\n临江市人大常委会关于修改部分法规的决定\n");
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("临江市人大常委会关于修改部分法规的决定")
    );
}

/// A page's table of metadata flattened to lines, keys and values set apart by spaces alone
/// (keys letter-spaced or not), its last key alone: box lines, read as fields (the last with
/// its value empty), none of them in the title.
#[test]
fn a_box_whose_cells_are_set_apart_by_spaces() {
    let doc = read(
        "索引号 002482242/2011-37736 发布机构 临江市住房和城乡建设局\n公开方式 主动公开 公开范围 面向全社会\n文  号 lj_20111027001 有 效 性\n统一编号\n\n临江市特种设备事故应急预案\n\n",
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("临江市特种设备事故应急预案")
    );
    let keys = fields(&doc);
    assert_eq!(
        keys,
        [
            ("索引号", "002482242/2011-37736"),
            ("发布机构", "临江市住房和城乡建设局"),
            ("公开方式", "主动公开"),
            ("公开范围", "面向全社会"),
            ("文号", "lj_20111027001"),
            ("有效性", ""),
            // a key alone on the last line, its cell empty
            ("统一编号", ""),
        ]
    );
}

/// A news page's first line, a place and a colon before the title (`临江：关于印发……的通知`):
/// the title is what follows, and the line reads back as printed.
#[test]
fn a_title_after_a_place_and_a_colon() {
    let doc = read("临江：关于印发《临江市乡村振兴责任制实施细则》的通知\n\n");
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("关于印发《临江市乡村振兴责任制实施细则》的通知")
    );
    assert_eq!(doc.meta.kind, gongwen::DocKind::Notice);
    reads_back(&doc);
    // a breadcrumb after its label is no title: the title under it is
    let doc = read("当前位置: 范文大全  >  工作范文  >  临江市城市更新工作实施方案\n\n临江市城市更新工作实施方案\n\n");
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("临江市城市更新工作实施方案")
    );
}

/// A party committee's proposals for a five-year plan end in 建议, a genre word: the title, under
/// a news page's caption line.
#[test]
fn proposals_are_a_genre() {
    let doc =
        read("中共临江市委关于制定临江市国民经济和社会发展第十五个五年规划的建议\n\n图片\n\n");
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("中共临江市委关于制定临江市国民经济和社会发展第十五个五年规划的建议")
    );
}

/// A Markdown file's front matter (YAML between `---` lines, as site generators keep a page's
/// data): box lines, its `title:` the title where the text prints none; a list item in it
/// (`  - 法律解释`) and a site's directive (`[[toc]]`) are no title.
#[test]
fn a_markdown_front_matter() {
    let doc = gongwen::parse(
        "---\ntitle: 关于临江市城市更新有关问题的意见\nshortTitle: 城市更新意见\ndate: 2019-10-17\ncategory:\n  - 法律解释\n---\n\n[[toc]]\n\n为推进城市更新，现提出如下意见。\n\n一、总体要求\n\n坚持规划引领。\n\n二、主要任务\n\n推进老旧小区改造。\n",
    )
    .expect("parses");
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("关于临江市城市更新有关问题的意见")
    );
    assert_eq!(doc.meta.title_from, gongwen::TitleSource::MetadataBox);
    assert_eq!(doc.body.len(), 2);
    reads_back(&doc);
}

/// A page's box whose cells a copy set one a line, a key alone (no colon), its value on the
/// next line, a key whose cell was empty right before the next key: a box, its values given
/// to its keys, its title the title's; not a title of `标题` and the value joined.
#[test]
fn a_box_of_keys_and_values_on_lines_of_their_own() {
    let doc = read(
        "首页 > 政务公开\n\n索引号\n\n1234/2021-0001\n\n发布机关\n\n临江县政府\n\n成文日期\n\n2021-06-28\n\n标题\n\n临江县人民政府办公室关于印发政务公开工作要点的通知\n\n统一编号\n\n发文字号\n\n临政办发〔2021〕9号\n\n临江县人民政府办公室\n关于印发政务公开工作要点的通知\n\n各乡镇人民政府：\n",
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("临江县人民政府办公室关于印发政务公开工作要点的通知")
    );
    assert_eq!(number(&doc), Some("临政办发〔2021〕9号"));
    let keys = fields(&doc);
    // (the dates, the title and the number are the metadata's own, not fields)
    assert_eq!(
        keys,
        [
            ("索引号", "1234/2021-0001"),
            ("发布机关", "临江县政府"),
            ("统一编号", "")
        ]
    );
    assert_eq!(doc.meta.addressee.as_deref(), Some("各乡镇人民政府："));
    reads_back(&doc);
}

/// A page's bulleted navigation right above the title (`• 加入收藏`, `• 长者版`) is no piece
/// of the title.
#[test]
fn bulleted_navigation_above_the_title() {
    let doc = read(
        "• 设为首页\n  • 加入收藏\n  • 长者版\n区人民政府办公室关于印发重点任务分解的通知\n\n各街办，区政府各部门：\n",
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("区人民政府办公室关于印发重点任务分解的通知")
    );
}

/// A title a page broke at an inline element, a bracket alone on its line and an ASCII `<…>`
/// inside it (`关于转发《……关于印发` / `<` / `……方案> 的通知》的通知`): one title, not a breadcrumb, the
/// space the page set after the bracket left out.
#[test]
fn a_title_broken_at_a_bracket() {
    let doc = read(
        "政务公开\n当前位置：\n首页\n/ 政策文件\n关于转发《国家能源局关于印发\n<\n电网规划建设实施方案> 的通知》的通知\n临发改能源〔2021〕3号\n各有关单位：\n现将文件转发给你们，请认真贯彻落实。\n",
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("关于转发《国家能源局关于印发<电网规划建设实施方案>的通知》的通知")
    );
    assert_eq!(number(&doc), Some("临发改能源〔2021〕3号"));
}

/// A legal database's export prints its own copy of the title above the document's (brackets
/// and dashes half-width there): the document's own title line, under it, is the title.
#[test]
fn a_database_title_above_the_documents_own() {
    let src = "    【法宝引证码】 CLI.12.1234567\n原文链接：https://www.example.com/lar/1.html\n临江市人民政府办公厅关于印发临江市数字经济行动计划(2021—2023年)的通知\n临江市人民政府办公厅关于印发临江市数字经济行动计划（2021-2023年）的通知\n\n（临政办〔2021〕8号）\n\n各区人民政府，市政府各部门：\n\n现将《临江市数字经济行动计划（2021-2023年）》印发给你们，请认真贯彻落实。\n\n临江市人民政府办公厅\n\n2021年6月2日\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("临江市人民政府办公厅关于印发临江市数字经济行动计划（2021-2023年）的通知")
    );
}
