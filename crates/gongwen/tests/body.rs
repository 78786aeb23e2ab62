//! The body of a document as copies met in the field print it: half-width marks, a content
//! field copied out with its markup, a document cut short. Each case is a layout met on real
//! pages, written here in fixtures of our own.

use gongwen::outline::outline;

/// A web copy with half-width colons: `1、以人为本:必须……` opens with a run-in heading closed by
/// the colon, as its siblings do; a time (`14:30`) closes none.
#[test]
fn run_in_headings_closed_by_a_half_width_colon() {
    let src = "临江市教育工作意见\n\n一、工作原则\n\n1、以人为本:必须以学生的健康成长为根本目的，关爱学生，确实减轻学生课业负担，推动学校的发展。\n\n2、依法治教:必须进一步增强依法行政意识，完善依法、科学、民主的教育决策机制。\n\n3、质量至上:必须更加全面地审视和定位教育质量的评定标准，全面提升学校的核心竞争力。\n\n二、工作安排\n\n1、每周一14:30召开例会，研究部署当周重点工作任务，通报上周工作进展情况和存在问题。\n\n2、每月末召开月度工作总结会，通报全月工作任务完成情况，安排部署下月工作。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 临江市教育工作意见\npart 1 工作原则\n  item 1 以人为本\n  item 2 依法治教\n  item 3 质量至上\npart 2 工作安排\n  item 1 -\n  item 2 -\n"
    );
    let again = gongwen::parse(&gongwen::text::write(&doc)).expect("reads back");
    assert_eq!(outline(&again), outline(&doc));
}

/// A document of one numbered part (or a copy cut short after it) has no closing part: its
/// one part, `一、总体要求`, opens it and holds no guarantees.
#[test]
fn one_part_is_no_closing_part() {
    let src = "临江市关于深化预算管理制度改革的实施意见\n\n为深化预算管理制度改革，现提出如下意见。\n\n一、总体要求\n\n以新时代中国特色社会主义思想为指导，深化预算管理制度改革。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert!(doc.body[0].num.is_some());
    assert!(!doc.body[0].guarantees);
    // with parts before it, the closing part so headed holds them
    let src = "临江市关于深化预算管理制度改革的实施意见\n\n一、主要任务\n\n深化预算管理制度改革。\n\n二、工作要求\n\n各部门要抓好落实。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert!(doc.body[1].guarantees);
}

/// A content management system's field copied out with its markup after a few plain lines
/// (`发文机关:…` then `<p>…</p>` on one line) is read as the HTML it is: its paragraphs are
/// the document's, and every byte is accounted for.
#[test]
fn text_that_carries_paragraph_markup() {
    let src = "发文机关:临江市人民政府\n文号 :临政发〔2018〕13号\n<p>各区人民政府:</p><p>现将《临江市城乡居民增收实施方案》印发给你们，请认真组织实施。</p><p style=\"text-align: right;\">临江市人民政府</p><p style=\"text-align: right;\">2018年3月27日</p><p><br/></p><p style=\"text-align: center;\"><strong>临江市城乡居民增收实施方案</strong></p><p>为带动城乡居民增收，制定本方案。</p><p><strong>一、指导思想</strong></p><p>坚持以人民为中心的发展思想。</p><p><strong>二、总体目标</strong></p><p>城乡居民收入稳步增长。</p>";
    let doc = gongwen::read(src.as_bytes(), None).expect("reads");
    let o = outline(&doc);
    assert!(o.ends_with("part 1 指导思想\npart 2 总体目标\n"), "{o}");
    assert!(!o.contains("<p>"));
}

/// The imprint under the date (版记): the bodies a copy goes to, with the lines its list goes on
/// over, and the office and date of printing, are the closing block's, not a document of their
/// own; they read back the same.
#[test]
fn the_imprint_under_the_date() {
    let src = "临江县应急管理局关于加强值班工作的通知\n\n局机关各股室：\n\n现就加强值班工作通知如下。\n\n一、严格值班制度\n\n各单位要严格落实领导带班制度。\n\n二、及时报送信息\n\n发生突发事件要及时报告。\n\n临江县应急管理局\n\n2020年4月28日\n\n抄送：市应急管理局。\n\n县委办、县政府办。\n\n临江县应急管理局办公室　　2020年4月28日印发\n";
    let doc = gongwen::parse(src).expect("parses");
    assert!(doc.attachments.is_empty(), "{:?}", doc.attachments);
    let roles: Vec<&str> = doc.closing.iter().map(|c| c.role.as_str()).collect();
    assert_eq!(
        roles,
        ["signature", "date", "copy-to", "copy-to", "printed"]
    );
    let again = gongwen::parse(&gongwen::text::write(&doc)).expect("reads back");
    let lines = |d: &gongwen::Document| -> Vec<(String, String)> {
        d.closing
            .iter()
            .map(|c| (c.role.as_str().to_string(), c.text.clone()))
            .collect()
    };
    assert_eq!(lines(&again), lines(&doc));
}

/// `附件1：某某目录` with the attachment's rows after it labels the attachment, its title on the
/// same line; a title that ends in a count (`目录(28件)`) is a table's, whose numbered rows are
/// not structure. `附件1：…` lines followed by the signature and date are a list.
#[test]
fn a_label_with_its_title_on_the_line() {
    let src = "临江市人民政府关于废止部分文件的决定\n\n一、对制定文件所依据的法律、法规发生重大变化，已严重不适应经济发展需要的28件文件予以废止。（目录见附件1）\n\n二、对适用期已过或者调整对象已经消失，实际上已不执行的4件文件，宣布失效。（目录见附件2）\n\n临江市人民政府\n\n2008年10月13日\n\n附件1：临江市人民政府决定废止的文件目录(28件)\n序号 文件名称 说明\n1 关于城市规划的通知 1、制定依据发生了变化。\n2、根据需要，已制定了新的政策。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 临江市人民政府关于废止部分文件的决定\npart 1 -\npart 2 -\nattachment 1 临江市人民政府决定废止的文件目录(28件)\n"
    );
    assert_eq!(doc.attachments[0].label.as_deref(), Some("附件1："));
    let list = "临江市人民政府关于报送材料的通知\n\n各区：\n\n请按附件要求报送材料。\n\n附件1：材料清单\n附件2：报送表\n\n临江市人民政府\n\n2008年10月13日\n";
    let doc = gongwen::parse(list).expect("parses");
    assert!(doc.attachments.is_empty(), "{:?}", doc.attachments);
}

/// A notice whose cover letter issues three documents by name, of which the copy holds the
/// first (cut short): it is an attachment of the notice, titled by the title-like line above
/// its first heading, though that ends in no genre word.
#[test]
fn a_notice_that_issues_several_documents() {
    let src = "临江县应急管理局关于印发三项制度的通知\n\n局机关各股室：\n\n现将《行政执法公示制度》、《行政执法全过程记录制度》、《重大执法决定法制审核制度》印发给你们，请认真遵照执行。\n\n临江县应急管理局\n\n2020年4月28日\n\n临江县应急管理局行政执法公示制度\n\n第一章 总则\n\n第一条 为提高行政执法透明度，制定本制度。\n\n第二条 本制度适用于局机关。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 临江县应急管理局关于印发三项制度的通知\nattachment - 临江县应急管理局行政执法公示制度\n  chapter 1 总则\n    article 1 -\n    article 2 -\n"
    );
}

/// A site's copyright notice after the date is chrome, even written as a sentence.
#[test]
fn a_copyright_notice_is_page_matter() {
    let src = "关于加强城市管理工作的通告\n\n一、禁止占用城市道路从事各类经营活动。\n\n二、严禁在城区燃放孔明灯。\n\n特此通告。\n\n二〇一一年十二月二十一日\n\n声明：临江信息网内容版权所有，未经许可不得转载。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert!(doc.attachments.is_empty(), "{:?}", doc.attachments);
    assert!(doc.residue.iter().any(|r| r.text.contains("版权所有")));
}

/// A plan's table of contents with no 目录 line, whose first-level entries lost their numbers
/// (`总则` / `1.1 编制目的` … `8  附则`), before the text that starts over at `1 总则`, a copy
/// cut short: the table is text, and nothing is said of the order of its levels.
#[test]
fn a_table_of_contents_that_lost_its_first_numbers() {
    let src = "临江县突发环境事件应急预案\n\n总则\n\n1.1 编制目的\n\n1.2 编制依据\n\n组织体系及职责\n\n2.1 指挥机构\n\n2.2 办事机构\n\n8  附则\n\n1 总则\n\n1.1 编制目的\n\n建立健全突发环境事件应急机制，提高政府应对突发环境事件的能力。\n\n1.2 编制依据\n\n依据有关法律法规，制定本预案。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 临江县突发环境事件应急预案\npart 1 总则\n  section 1 编制目的\n  section 2 编制依据\n"
    );
    assert!(
        doc.diagnostics
            .iter()
            .all(|d| !d.code.starts_with("level-")),
        "{:?}",
        doc.diagnostics
    );
    let again = gongwen::parse(&gongwen::text::write(&doc)).expect("reads back");
    assert_eq!(outline(&again), outline(&doc));
}

/// A report on a news page that dropped its parts' numbers: bare heading lines above the
/// paragraphs, the last above the sections `（一）`, are parts without a number (a note each);
/// the review's paragraphs that all open alike (`我们……，……。`, four or more in a row) are its
/// measures, though `我们` opens running text elsewhere.
#[test]
fn a_report_whose_parts_lost_their_numbers() {
    let src = "2026年临江市政府工作报告\n\n各位代表：\n\n现在，我代表市人民政府，向大会报告工作，请予审议。\n\n“十四五”时期工作回顾\n\n五年来，我们主要做了以下工作。\n\n我们扭住高质量发展首要任务，全力推进产业强市。工业增加值年均增长百分之七。\n\n我们加快构建现代化基础设施体系，着力强化发展支撑。新建高速公路三百公里。\n\n我们巩固拓展脱贫攻坚成果，扎实推进城乡融合发展。农村居民收入持续增长。\n\n我们全面深化改革扩大开放，有效激发发展活力。国企改革深入推进。\n\n2026年重点工作\n\n今年要重点抓好以下工作。\n\n（一）放大促消费扩投资政策效应\n\n落实好更加积极的财政政策，扩大有效投资。\n\n（二）加快建设现代化产业体系\n\n推进传统产业改造提升，培育新兴产业。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 2026年临江市政府工作报告\npart - “十四五”时期工作回顾\n  measure - 我们扭住高质量发展首要任务，全力推进产业强市\n  measure - 我们加快构建现代化基础设施体系，着力强化发展支撑\n  measure - 我们巩固拓展脱贫攻坚成果，扎实推进城乡融合发展\n  measure - 我们全面深化改革扩大开放，有效激发发展活力\npart - 2026年重点工作\n  section 1 放大促消费扩投资政策效应\n  section 2 加快建设现代化产业体系\n"
    );
    let notes = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == "unnumbered-unit")
        .count();
    assert_eq!(notes, 2);
    let again = gongwen::parse(&gongwen::text::write(&doc)).expect("reads back");
    assert_eq!(outline(&again), outline(&doc));
    // three paragraphs that open alike are no series: 我们 opens running text
    let few = "临江市关于推进改革的意见\n\n（一）深化改革\n\n我们扭住高质量发展首要任务，全力推进产业强市。工业增加值年均增长。\n\n我们加快构建现代化基础设施体系，着力强化发展支撑。新建高速公路。\n\n我们巩固拓展脱贫攻坚成果，扎实推进城乡融合发展。农村居民收入增长。\n\n（二）扩大开放\n\n推进高水平对外开放。\n";
    let doc = gongwen::parse(few).expect("parses");
    assert!(
        doc.body.iter().all(|n| n.children.is_empty()),
        "{}",
        outline(&doc)
    );
}

/// A site's source of Markdown and HTML mixed (`<p id="t1">……<b>第一条</b>……</p>`): the text
/// reader reads no numbering inside markup, and says so rather than keep silent.
#[test]
fn markup_in_a_text_is_named() {
    let src = "---\ntitle: 某省大气污染防治条例\n---\n\n## 第一章&emsp;总则\n\n<p id=\"t1\">&emsp;&emsp;<b>第一条</b>&emsp;为保护和改善大气环境，制定本条例。</p>\n<p id=\"t2\">&emsp;&emsp;<b>第二条</b>&emsp;本条例适用于本省。</p>\n<p id=\"t3\">&emsp;&emsp;<b>第三条</b>&emsp;各级人民政府应当负责。</p>\n";
    let doc = gongwen::parse(src).expect("parses");
    let d = doc
        .diagnostics
        .iter()
        .find(|d| d.code == "markup-in-text")
        .expect("a markup-in-text warning");
    assert_eq!(d.span.line, 7);
}

/// A web copy that lost its line breaks: the addressee, the lead-in and every numbered entry on
/// one line, set apart by spaces. Each entry is read as a line of its own (a note says so), at
/// its own column, and the text reads back to the same tree.
#[test]
fn numbered_entries_on_one_line() {
    let src = "临江市人民政府督查室关于开展人居环境专项督查的通知\n各乡镇人民政府: 为有效推进重点工作，现将有关事宜通知如下: 一、重点督办事项 1.加快推进农村垃圾收储运一体化进程，尽快完善收集转运处理模式。(责任单位:城管局) 2.全面开展整治乱搭乱建、乱停乱放等问题，持续改善村容村貌。(责任单位:住建局) 二、几点要求 1.各乡镇要主动认领，尽快开展相关工作，并于7月17日前报送落实情况报告。 2.报告要做到内容翔实，简洁明了。\n";
    let doc = gongwen::parse(src).expect("parses");
    let o = outline(&doc);
    assert!(
        o.contains("part 1 重点督办事项\n  item 1 ")
            && o.contains("part 2 几点要求")
            && o.matches("item").count() == 4,
        "{o}"
    );
    let cut = doc
        .diagnostics
        .iter()
        .find(|d| d.code == "line-cut")
        .expect("a line-cut note");
    assert_eq!(cut.span.line, 2);
    let part = &doc.body[0];
    let at = part.span.offset;
    assert!(src[at..].starts_with("一、"));
    assert_eq!(part.span.line, 2);
    assert_eq!(
        part.span.column as usize,
        src[..at].chars().count()
            - src[..at]
                .rfind('\n')
                .map_or(0, |p| src[..=p].chars().count())
            + 1
    );
    let again = gongwen::parse(&gongwen::text::write(&doc)).expect("reads back");
    assert_eq!(outline(&again), o);
}

/// A list of short entries, each a phrase alone on its line (`1.……方面的配套政策措施。`), one
/// of them long: it is headed as its siblings are, not body text among headings.
#[test]
fn a_long_entry_among_short_ones_alone_on_their_lines() {
    let src = "临江市工作计划\n\n一、工作任务\n\n（一）分行业进行政策研究，提出配套政策措施。\n\n1.区域中心城市建设方面的配套政策措施。\n\n2.统筹城乡发展示范区建设方面的配套政策措施。\n\n3.重大技术装备制造业基地、战略性新兴产业示范基地、新型化工基地建设方面的配套政策措施。\n\n4.科技、教育、卫生事业发展方面的配套政策措施。\n";
    let doc = gongwen::parse(src).expect("parses");
    let items = &doc.body[0].children[0].children;
    assert_eq!(items.len(), 4, "{}", outline(&doc));
    assert!(
        items.iter().all(|i| i.heading.is_some()),
        "{}",
        outline(&doc)
    );
    let again = gongwen::parse(&gongwen::text::write(&doc)).expect("reads back");
    assert_eq!(outline(&again), outline(&doc));
}

/// A Markdown source whose paragraphs are HTML (`<p>……<br>` a line), with its front matter: it
/// is read as HTML (detected, not named), its top-level line breaks kept, so the front matter's
/// title is the title and the parts and points are read.
#[test]
fn a_markdown_source_with_html_paragraphs() {
    let src = "---\ntitle: 关于临江市建设项目总投资额认定问题的指导意见（试行）\ndate: 2018-09-21\n---\n\n<p>&emsp;&emsp;为规范建设项目总投资额的认定，提出如下意见。<br>\n&emsp;&emsp;一、对实行审批制管理的政府投资项目，以批准的总投资额为准。<br>\n&emsp;&emsp;二、有下列情形之一的建设项目，可以委托专业机构评估确定其总投资额：<br>\n&emsp;&emsp;（一）备案的项目总投资额与实际情况存在明显差异的；<br>\n&emsp;&emsp;（二）未经审批、核准、备案的。<br>\n&emsp;&emsp;三、地方在执行本意见过程中遇到问题，请及时反馈。</p>\n";
    let doc = gongwen::read(src.as_bytes(), None).expect("reads");
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("关于临江市建设项目总投资额认定问题的指导意见（试行）")
    );
    let o = outline(&doc);
    assert!(
        o.contains("\npart 1 -\npart 2 ") && o.contains("  section 2 -\npart 3 -\n"),
        "{o}"
    );
}

/// A Markdown copy that sets its numbered headings in strong emphasis, indented as the page
/// was (`　　**一、主要目标**`, `**（一）总体要求。**……` run in): the emphasis closes the heading,
/// its marks are kept with the number and after the heading's punctuation.
#[test]
fn headings_in_strong_emphasis() {
    let src = "# 关于印发某区创新区建设方案的通知\n\n　　**某区创新区建设方案**\n\n　　为推动创新发展，制定本方案。\n\n　　**一、主要目标**\n\n　　到2027年，创新区基本建成。\n\n　　**二、重点任务**\n\n　　**（一）打造策源高地。**支持高校建设研究型大学。\n\n　　**（二）激发创业活力。**完善创新创业载体。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 关于印发某区创新区建设方案的通知\npart 1 主要目标\npart 2 重点任务\n  section 1 打造策源高地\n  section 2 激发创业活力\n"
    );
    let h = doc.body[1].children[0].heading.as_ref().expect("heading");
    assert_eq!(h.end.as_deref(), Some("。**"));
    assert!(h.run_in);
    assert_eq!(
        doc.body[0].num.as_ref().map(|n| n.text.as_str()),
        Some("**一、")
    );
    let again = gongwen::parse(&gongwen::text::write(&doc)).expect("reads back");
    assert_eq!(outline(&again), outline(&doc));
}

/// A Markdown site's container fences (`::: right` around the signature and date, `:::
/// warning 原文链接` after them): the fence around the closing block is passed over and the
/// signature read; a fence with no document text after it is the page's foot, kept as residue,
/// never an attachment without a label.
#[test]
fn markdown_container_fences() {
    let src = "关于临江市建设项目验收问题的意见\n\n一、适用规则\n\n违法行为发生在旧条例施行期间的，适用旧条例进行处罚，这是基本规则。\n\n二、持续行为的处罚\n\n违法行为一直持续到新条例施行之后的，适用新条例进行处罚，不属于例外情形。\n\n::: right\n\n临江市生态环境局\n\n2019年10月17日\n\n:::\n\n---\n\n::: warning 原文链接\n\n<http://www.example.gov.cn/a.html>\n\n:::\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 关于临江市建设项目验收问题的意见\npart 1 适用规则\npart 2 持续行为的处罚\n"
    );
    assert!(doc.attachments.is_empty(), "{:?}", doc.attachments);
    let roles: Vec<&str> = doc.closing.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(roles, ["临江市生态环境局", "2019年10月17日"]);
    assert!(doc.residue.iter().any(|r| r.text.contains("原文链接")));
    let again = gongwen::parse(&gongwen::text::write(&doc)).expect("reads back");
    assert_eq!(outline(&again), outline(&doc));
}

/// A Markdown heading with an attribute list (`## 第一章　总则{align="center"}`): the list is
/// markup after the heading, kept as its end, and no part of its text.
#[test]
fn a_markdown_heading_with_an_attribute_list() {
    let src = "# 临江市大气污染防治条例\n\n## 第一章　总则{align=\"center\"}\n\n**第一条**　为了防治大气污染，制定本条例。\n\n**第二条**　本条例适用于本市行政区域。\n\n## 第二章　监督管理{#jiandu .zhang}\n\n**第三条**　市生态环境主管部门统一监督管理。\n";
    let doc = gongwen::parse(src).expect("parses");
    let chapters: Vec<(&str, Option<&str>)> = doc
        .body
        .iter()
        .map(|n| {
            let h = n.heading.as_ref().expect("heading");
            (h.text.as_str(), h.end.as_deref())
        })
        .collect();
    assert_eq!(
        chapters,
        [
            ("总则", Some("{align=\"center\"}")),
            ("监督管理", Some("{#jiandu .zhang}"))
        ]
    );
    let again = gongwen::parse(&gongwen::text::write(&doc)).expect("reads back");
    assert_eq!(outline(&again), outline(&doc));
    assert_eq!(again.body[0].heading, doc.body[0].heading);
}

/// Four paragraphs or more that open with the same words and a copula, each a heading-like
/// first sentence (`实施本战略是……的现实需要。`): a parallel series of measures, as a plan gives
/// its reasons. Three are not enough: a statement (`X是Y`) alone is running text.
#[test]
fn a_parallel_series_of_copula_headings() {
    let reasons = [
        "实施本战略是满足群众美好生活需要的现实需要。群众需求日益多样，供给必须跟上。",
        "实施本战略是发挥本地市场优势的主动选择。本地市场规模大，潜力足。",
        "实施本战略是应对外部环境变化的必然要求。外部环境复杂多变，必须立足自身。",
        "实施本战略是促进经济循环畅通的关键支撑。循环畅通才能行稳致远。",
    ];
    let doc = |n: usize| {
        let mut src = "临江市扩大消费工作方案\n\n一、重大意义\n\n".to_string();
        for r in &reasons[..n] {
            src.push_str(r);
            src.push_str("\n\n");
        }
        src.push_str("二、工作要求\n\n各部门要抓好落实。\n");
        gongwen::parse(&src).expect("parses")
    };
    assert_eq!(
        outline(&doc(4)),
        "title: 临江市扩大消费工作方案\npart 1 重大意义\n  measure - 实施本战略是满足群众美好生活需要的现实需要\n  measure - 实施本战略是发挥本地市场优势的主动选择\n  measure - 实施本战略是应对外部环境变化的必然要求\n  measure - 实施本战略是促进经济循环畅通的关键支撑\npart 2 工作要求 [guarantees]\n"
    );
    assert_eq!(
        outline(&doc(3)),
        "title: 临江市扩大消费工作方案\npart 1 重大意义\npart 2 工作要求 [guarantees]\n"
    );
}

/// A web page that sets every figure on a line of its own, as it sets its inline elements
/// (`为` / `2021` / `年春节期间…`): the figures go on with their sentences, a number split in
/// brackets (`（` / `1` / `）`) is whole again, a heading keeps its line, and the date in pieces
/// under the signature stays the date.
#[test]
fn a_page_that_sets_its_figures_apart() {
    let src = "临江市电力需求响应实施细则\n一、实施背景\n2018~2020\n年，我市连续实施了填谷需求响应，共有\n2\n台机组稳定运行，满足了\n1000\n万平米采暖需求。\n二、实施方式\n（一）实施时间\n本次响应时间为\n2021\n年\n2\n月\n13\n日至\n2021\n年\n2\n月\n15\n日，每日\n0:00\n至\n6:00\n。\n（二）参与条件\n（\n1\n）对于参与过\n2018~2020\n年响应的用户，申报量不低于\n3000\n千瓦时。\n（\n2\n）对于未参与过的用户，申报量不低于\n500\n千瓦时。\n临江市工业和信息化局\n202\n1\n年\n2\n月\n2\n日\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 临江市电力需求响应实施细则\npart 1 实施背景\npart 2 实施方式\n  section 1 实施时间\n  section 2 参与条件\n    subitem 1 -\n    subitem 2 -\n"
    );
    assert_eq!(
        doc.body[0].paragraphs[0].text,
        "2018~2020年，我市连续实施了填谷需求响应，共有2台机组稳定运行，满足了1000万平米采暖需求。"
    );
    assert_eq!(
        doc.body[1].children[1].children[0].paragraphs[0].text,
        "对于参与过2018~2020年响应的用户，申报量不低于3000千瓦时。"
    );
    assert_eq!(doc.meta.signed, gongwen::Date::new(2021, 2, 2));
}

/// A line that reads as page chrome (`技术支持`) with numbered text after it, as a notice's
/// contact lines may print it above the text it issues: the document goes on past it.
#[test]
fn chrome_words_above_numbered_text() {
    let src = "临江市关于印发电力需求响应实施细则的通知\n\n各有关单位：\n\n现将《临江市电力需求响应实施细则》印发给你们，请遵照执行。\n\n临江市工业和信息化局\n\n2021年2月2日\n\n（联系人：电力处 张三；系统平台技术支持负责人 李四）\n\n临江市电力需求响应实施细则\n\n一、实施背景\n\n我市连续三年实施了填谷需求响应，成效明显。\n\n二、实施方式\n\n响应分固定补贴和竞价两种方式，由用户自主选择。\n\n三、实施流程\n\n用户申报后，由电力公司统一组织邀约，并及时公布邀约结果。\n\n四、补贴价格\n\n固定补贴价格为每千瓦时一元，竞价模式由用户申报。\n\n五、保障措施\n\n各单位要加强组织领导，确保响应量满足指标要求。\n";
    let doc = gongwen::parse(src).expect("parses");
    let o = outline(&doc);
    assert!(
        o.contains("part 1 实施背景") && o.contains("part 5 保障措施"),
        "{o}"
    );
}

/// A table of contents whose entries are led to their pages by dots (`一、实施背景……………`, the
/// dots going on over lines of their own), whose heading is split (`目` / `录`) and whose last
/// entry the text's preamble follows: kept as text, the parts read once, where the text has
/// them.
#[test]
fn a_table_of_contents_with_dot_leaders() {
    let src = "临江市电力需求响应实施细则\n\n目\n录\n一、实施背景........................\n...................................\n二、实施方式........................\n.....................................\n三、保障措施........................\n....................................\n为做好本市电力需求响应工作，保障春节期间电力供应，制定本细则。\n一、实施背景\n我市连续三年实施了填谷需求响应，成效明显。\n二、实施方式\n响应分固定补贴和竞价两种方式，由用户自主选择。\n三、保障措施\n各单位要加强组织领导，确保响应量满足指标要求。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 临江市电力需求响应实施细则\npart 1 实施背景\npart 2 实施方式\npart 3 保障措施 [guarantees]\n"
    );
}

/// A date among the cells of a table inside the text, under short lines (`响应日期` /
/// `2021年2月13日`), with the parts' numbering going on below: no closing block, the parts all
/// read.
#[test]
fn a_dated_table_inside_the_text_is_no_closing() {
    let src = "临江市电力需求响应实施细则\n\n一、实施时间\n\n本次需求响应的时间安排如下表所示。\n\n响应日期\n\n响应时段\n\n2021年2月13日\n\n二、补贴价格\n\n固定补贴价格为每千瓦时一元二角，竞价补贴上限为每千瓦时二元。\n\n三、保障措施\n\n各单位要加强组织领导，确保响应量满足指标要求。\n\n临江市工业和信息化局\n\n2021年2月2日\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 临江市电力需求响应实施细则\npart 1 实施时间\npart 2 补贴价格\npart 3 保障措施 [guarantees]\n"
    );
    assert_eq!(doc.meta.signed, gongwen::Date::new(2021, 2, 2));
}

/// A copy that broke a sentence with a blank line between a number and its measure word
/// (`选育或引进2-3` / `个适宜……的品种。`): one paragraph again. A number that ends a field
/// (`时间：2026-02-03`) keeps its line, whatever the next opens with.
#[test]
fn a_sentence_broken_between_a_number_and_its_measure_word() {
    let src = "临江市农业机械化实施意见\n\n一、主要任务\n\n重点围绕主要绿叶菜品种，加快关键环节机械化。选育或引进2-3\n\n个适宜机械化生产的品种，形成生产标准。\n\n二、保障措施\n\n时间：2026-02-03\n\n万众一心抓落实，确保各项任务完成。\n";
    let doc = gongwen::parse(src).expect("parses");
    let texts = |i: usize| -> Vec<&str> {
        doc.body[i]
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect()
    };
    assert_eq!(
        texts(0),
        ["重点围绕主要绿叶菜品种，加快关键环节机械化。选育或引进2-3个适宜机械化生产的品种，形成生产标准。"]
    );
    assert_eq!(
        texts(1),
        ["时间：2026-02-03", "万众一心抓落实，确保各项任务完成。"]
    );
}

/// Attachments named above the signature each on a label line with its title (`附件1：……表.xls`,
/// `附件2：……`), their texts not in the copy (a page's downloads): the closing block's
/// attachment list, not text of the last part; and they read back so.
#[test]
fn labels_with_titles_above_the_signature_are_the_attachment_list() {
    let src = "关于开展售电企业专项监管的通知\n\n各有关单位：\n\n现将有关事项通知如下。\n\n一、工作要求\n\n各单位要高度重视，认真组织开展自查。\n\n附件1：售电企业注册情况表.xls\n附件2：售电企业基本情况表.xls\n\n国家能源局临江监管办公室\n\n2018年9月28日\n";
    let doc = gongwen::parse(src).expect("parses");
    let lines = |d: &gongwen::Document| -> Vec<(String, String)> {
        d.closing
            .iter()
            .map(|c| (c.role.as_str().to_string(), c.text.clone()))
            .collect()
    };
    assert_eq!(
        lines(&doc)
            .iter()
            .map(|(r, _)| r.as_str())
            .collect::<Vec<_>>(),
        ["attachment-list", "attachment-list", "signature", "date"]
    );
    assert_eq!(doc.body[0].paragraphs.len(), 1);
    let again = gongwen::parse(&gongwen::text::write(&doc)).expect("reads back");
    assert_eq!(lines(&again), lines(&doc));
    // the outline names them, as the list does, without the files' extensions
    assert!(
        outline(&doc)
            .ends_with("attachment 1 售电企业注册情况表\nattachment 2 售电企业基本情况表\n"),
        "{}",
        outline(&doc)
    );
}

/// Lays `text` out as a PDF extractor does that joins a paragraph's printed lines with a blank:
/// the first line 28 characters wide (an indent of two), the next ones 30.
fn wrapped_with_blanks(text: &str) -> String {
    let mut out = String::new();
    let (mut col, mut limit) = (0, 56);
    for c in text.chars() {
        let w = if c.is_ascii() { 1 } else { 2 };
        if col + w > limit {
            out.push(' ');
            col = 0;
            limit = 60;
        }
        out.push(c);
        col += w;
    }
    out
}

/// PDF text whose paragraphs are each one line, with a blank wherever a printed line wrapped
/// (`……结算基金 支付政策。`): the blanks on that grid are line breaks, read away (in headings
/// too); a blank off the grid (`中共中央 国务院`) is the text's; a paragraph cut by a page break
/// after a full printed line is one paragraph again.
#[test]
fn blanks_where_printed_lines_wrapped() {
    let paragraph = |head: &str, n: usize| {
        format!(
            "{head}{}",
            "各地要按照统一部署认真组织实施，确保各项政策措施落到实处，取得实效。".repeat(n)
        )
    };
    let mut lines = vec![
        "临江市医疗保障局关于做好跨省异地就医直接结算工作的通知".to_string(),
        "各区医保局：".to_string(),
        wrapped_with_blanks(&paragraph(
            "为贯彻落实《中共中央 国务院关于深化医疗保障制度改革的意见》精神，",
            3,
        )),
        "一、总体要求".to_string(),
    ];
    for (i, h) in [
        "统一住院普通门诊和门诊慢特病费用跨省直接结算基金支付政策。",
        "明确异地就医备案人员范围。",
        "规范异地就医备案有效期限。",
        "合理确定跨省临时外出就医人员报销政策。",
    ]
    .iter()
    .enumerate()
    {
        lines.push(wrapped_with_blanks(&format!(
            "（{}）{}",
            ["一", "二", "三", "四"][i],
            paragraph(h, 4)
        )));
    }
    lines.push("二、工作要求".to_string());
    // a paragraph the page broke after a full printed line, inside its sentence
    let broken = wrapped_with_blanks(&paragraph("各区医保部门要加强组织领导，", 3));
    let pieces: Vec<&str> = broken.split(' ').collect();
    assert!(pieces.len() > 3 && !pieces[1].ends_with('。'));
    lines.push(pieces[..2].join(" "));
    lines.push(pieces[2..].join(" "));
    for _ in 0..3 {
        lines.push(wrapped_with_blanks(&paragraph("各区要做好宣传引导，", 4)));
    }
    lines.push("临江市医疗保障局".to_string());
    lines.push("2025年6月30日".to_string());
    let src = lines.join("\n") + "\n";
    let doc = gongwen::parse(&src).expect("parses");
    let o = outline(&doc);
    assert!(
        o.contains("  section 1 统一住院普通门诊和门诊慢特病费用跨省直接结算基金支付政策\n"),
        "{o}\n{src}"
    );
    assert!(
        doc.preamble[0].text.contains("中共中央 国务院"),
        "{:?}",
        doc.preamble
    );
    assert_eq!(doc.preamble[0].text.matches(' ').count(), 1);
    let part2 = &doc.body[1];
    assert_eq!(part2.paragraphs.len(), 4, "{:?}", part2.paragraphs);
    assert!(part2.paragraphs.iter().all(|p| !p.text.contains(' ')));
    assert!(doc.diagnostics.iter().any(|d| d.code == "wrap-blanks"));
    let again = gongwen::parse(&gongwen::text::write(&doc)).expect("reads back");
    assert_eq!(outline(&again), o);
}

/// The messages of a document's `list` notes, in order.
fn list_notes(doc: &gongwen::Document) -> Vec<&str> {
    doc.diagnostics
        .iter()
        .filter(|d| d.code == "list")
        .map(|d| d.message.as_str())
        .collect()
}

/// A list of names run together on the line of its first entry (`1、内科专业2、外科专业3、……`,
/// as PDF text joins a table's cells): one list kept as text with a note, not an item whose
/// heading is the first name; an item whose text cites numbers (`第2、3项`) is an item.
#[test]
fn a_list_run_together_on_one_line() {
    let src = "临江市医师执业范围的暂行规定\n\n一、医师执业范围\n\n（一）临床类别医师执业范围\n\n1、内科专业2、外科专业3、妇产科专业4、省级以上卫生行政部门规定的其他专业\n\n（二）口腔类别医师执业范围\n\n1、口腔专业2、省级以上卫生行政部门规定的其他专业\n\n二、注册范围\n\n1、医师申请注册时，应当按照本规定第2、3项的要求选择执业范围。\n\n2、医师变更执业范围的，应当办理变更注册手续。\n";
    let doc = gongwen::parse(src).expect("parses");
    let o = outline(&doc);
    assert_eq!(
        o,
        "title: 临江市医师执业范围的暂行规定\npart 1 医师执业范围\n  section 1 临床类别医师执业范围\n  section 2 口腔类别医师执业范围\npart 2 注册范围\n  item 1 -\n  item 2 -\n"
    );
    let notes = list_notes(&doc);
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].contains("4 entries"), "{notes:?}");
    let again = gongwen::parse(&gongwen::text::write(&doc)).expect("reads back");
    assert_eq!(outline(&again), o);
}

/// Where most numbered siblings (three of five) open with body text, the two whose first
/// sentence happens to be short are body text too, and an item numbered before a year
/// (`3.2018年要……`) is an item, not a decimal number.
#[test]
fn most_siblings_without_headings_settle_the_few() {
    let src = "临江市深化改革重点任务分工方案\n\n一、任务分工\n\n1.对现有审批和许可事项要逐一深入论证，除关系国家安全和重大公共利益等的项目外，能取消的坚决取消。（市政府办公室牵头）\n\n2.进一步压缩企业开办时间，减并工商、税务、刻章、社保等流程，将企业开办时间压缩一半以上。（市市场监管局牵头）\n\n3.2018年要在全市推开“证照分离”改革，重点是“照后减证”，能取消审批的予以取消。（市市场监管局牵头）\n\n4.推行市场主体简易注销改革。（市市场监管局牵头，市税务局配合）\n\n5.推进投资项目审批改革。（市发展改革委牵头）\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 临江市深化改革重点任务分工方案\npart 1 任务分工\n  item 1 -\n  item 2 -\n  item 3 -\n  item 4 -\n  item 5 -\n"
    );
}

/// A crawl that kept a page's whole text on one line, its paragraph breaks lost, headings run
/// into their text (`……提出如下意见：一、总体要求我区……。二、主要目标……三、重点工作1.编制……`): the
/// line is cut before each numbered entry that follows the mark ending what comes before it, a
/// run's first entry glued to the heading above it included, with a note; numbers inside a
/// sentence (`第2、3项`) are no entries.
#[test]
fn a_whole_text_run_together_on_one_line() {
    let f = "要坚持保障供应、提升品质、服务发展的基本理念，优质高效地做好城市供水安全保障工作，为全区经济建设和民生发展提供良好服务，并按照本意见第2、3项的要求认真落实。".repeat(2);
    let body = format!(
        "临江市人民政府关于加强城市供水安全保障工作的实施意见各区人民政府，市政府各部门：为进一步保障全市供水安全，现提出如下实施意见：一、总体要求全市供水行业{f}{f}二、主要目标坚持抓源头、抓水厂、抓管网。{f}{f}三、重点工作1.编制完成专项规划{f}（牵头单位：市规划局）2.加快推进水厂建设{f}（牵头单位：市建设局）3.提升应急处置能力{f}（牵头单位：市水务局）四、保障措施（一）组织保障{f}（二）资金保障{f}"
    );
    assert!(body.len() > 3000);
    let doc = gongwen::parse(&format!("{body}\n")).expect("parses");
    let o = outline(&doc);
    let kinds: Vec<String> = o
        .lines()
        .skip(1)
        .map(|l| {
            let t = l.trim_start();
            let kind = t.split(' ').next().unwrap_or("");
            format!("{}{kind}", &l[..l.len() - t.len()])
        })
        .collect();
    let kinds: Vec<&str> = kinds.iter().map(String::as_str).collect();
    assert_eq!(
        kinds,
        [
            "part",
            "part",
            "part",
            "  item",
            "  item",
            "  item",
            "part",
            "  section",
            "  section"
        ],
        "{o}"
    );
    assert!(doc.diagnostics.iter().any(|d| d.code == "line-cut"));
}

/// A table of contents among the text (`目  录`, entries led by dots to their pages, `01` or a
/// form's `xx`): its numbered entries are a list kept as text, not items; the last may have
/// the text after the table under it.
#[test]
fn numbered_entries_led_to_their_pages_are_contents() {
    let src = "临江市科技创新奖励申报指南的通知\n\n一、申报材料\n\n申请材料须按以下目录顺序装订成册。\n\n目  录\n\n1. 奖励申请表………………………01\n2. 营业执照…………………………xx\n3. 承诺书……………………………xx\n4. 开户许可证………………………xx\n\n申请表须加盖公章，复印件须注明与原件一致。\n\n二、办理时限\n\n自受理之日起二十个工作日内办结。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 临江市科技创新奖励申报指南的通知\npart 1 申报材料\npart 2 办理时限\n"
    );
    let notes = list_notes(&doc);
    assert!(notes[0].contains("table of contents"), "{notes:?}");
    assert_eq!(notes.len(), 4);
}

/// A Markdown crawl: a section's number in strong emphasis of its own, its heading in another
/// (`**（二）** **强化宣传培训。** ……`), and the page's links to the previous and next articles
/// after the text (`[上一篇：……](https://……)`), then its footer: the heading is read, and the
/// links end the document, no measures.
#[test]
fn a_markdown_crawl_with_split_emphasis_and_navigation_links() {
    let src = "临江市商务局关于印发双随机抽查工作方案的通知\n\n一、工作要求\n\n**（一）** **加强组织领导。** 各有关部门要高度重视，认真组织实施。\n\n**（二）** **强化宣传培训。** 要加大双随机抽查工作宣传力度，广泛宣传此次部门联合抽查。\n\n[上一篇：临江市商务局关于印发《2024年全市家政服务业管理抽查工作方案》的通知](https://example.gov.cn/art/2024/9/24/art_1.html)\n\n[下一篇：临江市商务局关于印发《2024年汽车流通行业部门联合抽查工作方案》的通知](https://example.gov.cn/art/2024/9/24/art_2.html)\n\n主办单位：临江市商务局地址：临江市邮政编码：067000\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 临江市商务局关于印发双随机抽查工作方案的通知\npart 1 工作要求\n  section 1 加强组织领导\n  section 2 强化宣传培训\n"
    );
    let h = doc.body[0].children[1].heading.as_ref().expect("heading");
    assert_eq!(h.end.as_deref(), Some("。**"));
    assert!(doc.residue.iter().any(|r| r.text.contains("上一篇")));
}

/// A line or two after the closing block with no label, no title and no sentence (a PDF's
/// footer, `临江市医疗保障局`; the first words of the next document a crawl ran on into): kept as
/// unplaced text with a warning, never an attachment without a label or a title.
#[test]
fn a_stray_line_after_the_closing_block_is_no_attachment() {
    let src = |tail: &str| {
        format!("临江市医疗保障局办公室关于推进即时结算改革的通知\n\n各区医保局：\n\n为提高医保基金使用效率，现就有关事项通知如下。\n\n一、工作目标\n\n2026年底前实现即时结算全覆盖。\n\n二、工作要求\n\n各区要高度重视，认真组织实施。\n\n临江市医疗保障局办公室\n\n2025年10月14日\n\n{tail}")
    };
    for tail in [
        "临江市医疗保障局\n",
        "临江市医保局 临江市卫生健康委关于建立\n",
    ] {
        let doc = gongwen::parse(&src(tail)).expect("parses");
        assert!(doc.attachments.is_empty(), "{tail}: {:?}", doc.attachments);
        assert!(
            doc.residue
                .iter()
                .any(|r| r.role == gongwen::model::ResidueRole::Unplaced
                    && tail.starts_with(&r.text)),
            "{:?}",
            doc.residue
        );
        assert!(doc.diagnostics.iter().any(|d| d.code == "unplaced-tail"));
        assert_eq!(doc.closing.len(), 2);
    }
    // an issued document after it, title and text, is one
    let doc = gongwen::parse(&src(
        "临江市即时结算改革实施方案\n\n为推进即时结算改革，制定本方案。\n",
    ))
    .expect("parses");
    assert_eq!(doc.attachments.len(), 1);
}

/// A document issued by a notice whose parts put their headings before a colon, run in
/// (`一、指导思想:以……`), with a section under one: the text's structure, not a glossary of terms
/// (`1.“两重”：是指……`, a list of one level).
#[test]
fn parts_headed_before_a_colon_are_no_glossary() {
    let src = "关于印发临江市耕地保护责任目标考核办法的通知\n\n各县、市人民政府：\n\n临江市耕地保护责任目标考核办法已经常务会议通过，现印发你们，请认真贯彻执行。\n\n二〇〇八年四月十一日\n\n临江市耕地保护责任目标考核办法\n\n为严格保护耕地，制定本办法。\n\n一、指导思想:以科学发展观为指导，严格执行土地利用总体规划，切实保护耕地。\n\n二、考核对象:市政府每年与各县签定耕地保护责任书，考核对象为各县人民政府。\n\n三、考核内容及标准:\n\n(一)耕地保有量和基本农田保护面积情况。\n\n(二)耕地占补平衡情况。\n";
    let doc = gongwen::parse(src).expect("parses");
    let o = outline(&doc);
    assert!(
        o.contains("part 1 指导思想\npart 2 考核对象\npart 3 考核内容及标准\n  section 1 "),
        "{o}"
    );
}

/// A list that names one document in 《》 with its number in brackets (`附件：《……的通知》
/// （国能发电力〔2020〕40号）`), or a list cut after its first number (`附件:1`): the outline's
/// attachment lines, the title without the 《》 and the number, or none.
#[test]
fn attachments_named_by_the_list_alone() {
    let doc = |list: &str| {
        gongwen::parse(&format!(
            "关于转发电网规划建设实施方案的通知\n\n各有关单位：\n\n现将文件转发给你们，请认真贯彻落实。\n\n{list}\n\n临江市发展和改革委员会\n\n2021年1月5日\n"
        ))
        .expect("parses")
    };
    let o = outline(&doc(
        "附件：《国家能源局关于印发<电网规划建设实施方案>的通知》（国能发电力〔2020〕40号）",
    ));
    assert!(
        o.ends_with("attachment - 国家能源局关于印发<电网规划建设实施方案>的通知\n"),
        "{o}"
    );
    let o = outline(&doc("附件:1"));
    assert!(o.ends_with("attachment 1 -\n"), "{o}");
}

/// Sentences alone on their lines, each above its paragraph, four or more that open alike
/// (`这是……的五年。`): measures by their layout, whatever their opening word and copula; a body
/// may run over two paragraphs. Three are not enough.
#[test]
fn headings_alone_above_their_paragraphs_opening_alike() {
    let years = [
        ("这是经济实力持续提升的五年。", "地区生产总值年均增长百分之五点五，经济总量迈上新台阶，发展质量效益明显提高。"),
        ("这是改革开放不断深化的五年。", "重点领域改革取得突破，营商环境持续优化，对外开放水平明显提升，开放型经济加快发展。"),
        ("这是城乡面貌显著变化的五年。", "城市更新有序推进，乡村振兴全面铺开，城乡基础设施更加完善，人居环境明显改善。"),
        ("这是人民生活不断改善的五年。", "居民收入稳步增长，就业保持稳定，教育医疗养老等公共服务水平持续提升，社会大局和谐稳定。"),
    ];
    let doc = |n: usize| {
        let mut src = "临江市政府工作报告\n\n一、过去五年工作回顾\n\n五年来，我们坚持稳中求进工作总基调，全面完成了各项目标任务。\n\n".to_string();
        for (i, (h, b)) in years[..n].iter().enumerate() {
            src.push_str(&format!("{h}\n\n{b}\n\n"));
            if i == 1 {
                src.push_str("与此同时，各项改革举措落地见效，群众获得感明显增强。\n\n");
            }
        }
        src.push_str(
            "二、今后五年主要任务\n\n坚持以人民为中心的发展思想，推动高质量发展取得新成效。\n",
        );
        gongwen::parse(&src).expect("parses")
    };
    assert_eq!(
        outline(&doc(4)),
        "title: 临江市政府工作报告\npart 1 过去五年工作回顾\n  measure - 这是经济实力持续提升的五年\n  measure - 这是改革开放不断深化的五年\n  measure - 这是城乡面貌显著变化的五年\n  measure - 这是人民生活不断改善的五年\npart 2 今后五年主要任务\n"
    );
    assert_eq!(
        outline(&doc(3)),
        "title: 临江市政府工作报告\npart 1 过去五年工作回顾\npart 2 今后五年主要任务\n"
    );
    let again = gongwen::parse(&gongwen::text::write(&doc(4))).expect("reads back");
    assert_eq!(outline(&again), outline(&doc(4)));
}

/// A site's numbered menu above the document (`1. [首页](…)`) is page residue, and a note on
/// each numbered line says so: numbering is never passed over without a word.
#[test]
fn a_numbered_menu_of_the_page_is_residue_with_a_note_on_each_line() {
    let src = "[首页](https://www.example.gov.cn/) > [政务公开](https://www.example.gov.cn/zwgk/)\n\n1. [首页](https://www.example.gov.cn/)\n2. [政务公开](https://www.example.gov.cn/zwgk/)\n3. [政务服务](https://www.example.gov.cn/zwfw/)\n\n# 临江市人民政府办公室关于做好春季农业生产工作的通知\n\n各区人民政府，市政府各部门：\n\n为做好今年春季农业生产工作，现就有关事项通知如下。\n\n一、抓好粮食生产。各区要稳定粮食播种面积，落实好各项扶持政策。\n\n二、加强组织领导。各区要切实加强组织领导，确保各项工作落实到位。\n\n临江市人民政府办公室\n\n2024年3月1日\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 临江市人民政府办公室关于做好春季农业生产工作的通知\npart 1 抓好粮食生产\npart 2 加强组织领导 [guarantees]\n"
    );
    let notes: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == "list")
        .map(|d| (d.span.line, d.message.contains("page around the document")))
        .collect();
    assert_eq!(notes, vec![(3, true), (4, false), (5, false)]);
    assert!(doc.residue.iter().any(|r| r.text.contains("3. [政务服务]")));
}

/// A page's attachments as its crawl to Markdown writes them, links to download them
/// (`[附件1：……申报书.docx](https://……)`), above the signature or under the date, or labels
/// alone under the date: the attachments the closing block names, never measures of the
/// last part or an attachment without label.
#[test]
fn attachments_named_by_links_or_under_the_date_are_the_closing_list() {
    let body = "# 临江市工业和信息化局关于开展专精特新企业申报工作的通知\n\n各区工业和信息化主管部门：\n\n为培育专精特新企业，现将申报工作有关事项通知如下。\n\n一、申报条件。申报企业应在本市注册，具有独立法人资格。\n\n二、工作要求。各区要认真组织，严格审核，确保申报材料真实有效。\n\n";
    let sign = "临江市工业和信息化局\n\n2024年3月1日\n\n";
    let links = "[附件1：专精特新企业申报书.docx](https://www.example.gov.cn/a/P1.docx)\n\n[附件2：申报汇总表.xlsx](https://www.example.gov.cn/a/P2.xlsx)\n\n";
    let entries = "附件：[1.专精特新企业申报书.docx](https://www.example.gov.cn/a/P1.docx)\n\n[2.申报汇总表.xlsx](https://www.example.gov.cn/a/P2.xlsx)\n\n";
    let labels = "附件1：专精特新企业申报书.docx\n\n附件2：申报汇总表.xlsx\n";
    let expected = "title: 临江市工业和信息化局关于开展专精特新企业申报工作的通知\npart 1 申报条件\npart 2 工作要求 [guarantees]\nattachment 1 专精特新企业申报书\nattachment 2 申报汇总表\n";
    for src in [
        format!("{body}{links}{sign}"),
        format!("{body}{entries}{sign}"),
        format!("{body}{sign}{links}"),
        format!("{body}{sign}{labels}"),
    ] {
        let doc = gongwen::parse(&src).expect("parses");
        assert_eq!(outline(&doc), expected, "{src}");
        assert!(doc.attachments.is_empty());
        assert!(
            !doc.diagnostics
                .iter()
                .any(|d| d.severity != gongwen::model::Severity::Note),
            "{:?}",
            doc.diagnostics
        );
        // the links are kept as the page wrote them
        let list: Vec<&str> = doc
            .closing
            .iter()
            .filter(|c| c.role == gongwen::model::ClosingRole::AttachmentList)
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(list.len(), 2, "{list:?}");
        assert!(src.contains(list[1]));
    }
}

/// An attachment whose title names a table (`……考评指标`) but whose rows are numbered on
/// levels of their own and are sentences (`1．……。（6月底完成，牵头单位：……）`) is a text of
/// tasks under headings: its structure is read, not kept as the cells of a table.
#[test]
fn an_attachment_of_tasks_under_headings_is_structure_whatever_its_title() {
    let src = "临江市人民政府办公室关于印发数字政府建设考评办法的通知\n\n各区人民政府：\n\n现将《临江市数字政府建设考评办法》印发给你们，请认真抓好落实。\n\n临江市人民政府办公室\n\n2022年4月14日\n\n临江市数字政府建设考评办法\n\n一、考评对象\n\n各区人民政府，市直各部门。\n\n二、考评方式\n\n考评每半年进行一次。\n\n附件\n\n临江市数字政府建设考评指标\n\n一、政务服务（25分）\n\n（一）一体化平台建设（3分）\n\n1．除涉密事项外，各级政务服务事项全部开通全程网办，完成统一身份认证。（5月底完成，牵头考核单位：市审批服务局）\n\n2．通过大数据平台，不断完善数据分析功能，强化审批智能化，整合电子证照。（6月底完成，牵头考核单位：市审批服务局）\n\n（二）便民热线升级（2分）\n\n3．对标全国一流，加快升级热线平台，全面提升政务热线服务水平。（6月底完成，牵头考核单位：市政府办公室）\n";
    let doc = gongwen::parse(src).expect("parses");
    let out = outline(&doc);
    assert!(
        out.ends_with("attachment - 临江市数字政府建设考评指标\n  part 1 政务服务（25分）\n    section 1 一体化平台建设（3分）\n      item 1 -\n      item 2 -\n    section 2 便民热线升级（2分）\n      item 3 -\n"),
        "{out}"
    );
}

/// A notice that issues one document given as its one attachment under a label (`附件：` and
/// the title the cover letter names in 《》) is outlined as that document; a heading of short
/// parallel phrases (`加强领导，统筹规划，狠抓落实`) is a heading; a subject and its copula
/// before a colon (`……的指导思想是：以……`) lead into their sentence, no heading; an item
/// numbered with the small full stop (`1﹒`) is an item.
#[test]
fn a_labelled_issued_document_slogan_headings_and_copulas() {
    let src = "关于印发《关于加强职教师资基地建设的意见》的通知\n\n各省教育厅：\n\n现将《关于加强职教师资基地建设的意见》印发给你们，请认真贯彻执行。\n\n教育部\n\n二○○○年八月十八日\n\n附件：\n\n关于加强职教师资基地建设的意见\n\n一、指导思想和目标\n\n1﹒基地建设的指导思想是：以提高教师素质为重点，建立基地网络。\n\n2﹒基地建设的总体目标是：经过三年努力，建成五十个基地。\n\n二、加强领导，统筹规划，狠抓落实\n\n3﹒各级教育行政部门要高度重视基地建设，纳入教育事业发展总体规划。\n\n4﹒各地要加大投入，改善基地办学条件，确保各项任务落到实处。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 关于印发《关于加强职教师资基地建设的意见》的通知\npart 1 指导思想和目标\n  item 1 -\n  item 2 -\npart 2 加强领导，统筹规划，狠抓落实 [guarantees]\n  item 3 -\n  item 4 -\n"
    );
    assert_eq!(
        doc.meta.signed.map(|d| d.to_string()).as_deref(),
        Some("2000-08-18")
    );
}

/// A document the cover letter issues by name, its title ending in no genre word
/// (`……若干政策`), right after the closing block: its title is read; and a part whose one
/// paragraph opens with a run-in heading, among parts of series of measures, holds a measure.
#[test]
fn a_named_issued_title_and_a_lone_measure_among_series() {
    let src = "临江市人民政府办公室关于印发支持工业互联网发展若干政策的通知\n\n各区人民政府：\n\n《支持工业互联网发展若干政策》已经市政府同意，现印发给你们，请认真贯彻执行。\n\n临江市人民政府办公室\n\n2021年9月2日\n\n支持工业互联网发展若干政策\n\n为加快我市工业互联网发展，制定如下政策。\n\n一、支持平台建设\n\n培育工业互联网平台。对新获评的平台给予一次性奖励，最高不超过500万元。\n\n推动企业上云上平台。建立服务商资源池，实施动态管理，给予补助。\n\n二、支持信息技术发展\n\n推动集成电路产业强链补链。集成电路设计企业开展首轮流片的，给予一定补助。\n\n三、支持场景应用\n\n开展诊断咨询服务。支持服务商为企业开展诊断咨询，按服务费用给予补助。\n\n拓展场景应用。支持企业开展应用场景建设，给予一次性奖励。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 临江市人民政府办公室关于印发支持工业互联网发展若干政策的通知\npart 1 支持平台建设\n  measure - 培育工业互联网平台\n  measure - 推动企业上云上平台\npart 2 支持信息技术发展\n  measure - 推动集成电路产业强链补链\npart 3 支持场景应用\n  measure - 开展诊断咨询服务\n  measure - 拓展场景应用\n"
    );
}

/// A notice cut from a PDF compilation (`tests/fixtures/compilation-pdf-notice.txt`): the
/// compilation's number and the document's date around its title are no part of the title
/// (and are kept in the title's printed lines); the lines broken short at clauses are joined
/// again into whole paragraphs; the converter's page mark is furniture.
#[test]
fn a_compiled_pdf_notice_broken_at_its_clauses() {
    let src = include_str!("../../../tests/fixtures/compilation-pdf-notice.txt");
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("临江市市场监督管理局关于印发临江市知识产权行政保护工作实施方案的通知")
    );
    assert!(doc.meta.title_lines[0].starts_with("5. "));
    assert!(doc.meta.title_lines[1].ends_with("（2023 年4 月6 日）"));
    // every paragraph whole: none ends in a comma, the cover letter is one paragraph
    assert_eq!(doc.preamble.len(), 1, "{:?}", doc.preamble);
    let plan = &doc.attachments[0].content;
    assert_eq!(plan.preamble.len(), 1);
    fn walk(nodes: &[gongwen::model::Node], out: &mut Vec<String>) {
        for n in nodes {
            out.extend(n.paragraphs.iter().map(|p| p.text.clone()));
            walk(&n.children, out);
        }
    }
    let mut paragraphs = Vec::new();
    walk(&plan.body, &mut paragraphs);
    assert_eq!(paragraphs.len(), 7, "{paragraphs:#?}");
    assert!(
        paragraphs.iter().all(|p| p.ends_with('。')),
        "{paragraphs:#?}"
    );
    assert!(doc.residue.iter().any(|r| r.text == "# Page 1573:"));
    // a name in brackets after the plan's (`（以下简称《实施方案》）`) names no second document
    assert!(gongwen::outline::outline(&doc).starts_with("title: 临江市市场监督管理局关于印发临江市知识产权行政保护工作实施方案的通知\npart 1 总体要求\n"));
}

/// A document kept on one line, its line breaks lost (`tests/fixtures/run-together-notice.txt`,
/// a dataset's field): its head, its signature and date, the forwarded opinion's title and
/// byline, and each numbered entry are read as lines of their own; a number after any other
/// character (`安全第一、预防为主`) is text.
#[test]
fn a_notice_run_together_on_one_line() {
    let src = include_str!("../../../tests/fixtures/run-together-notice.txt");
    assert!(!src.contains('\n'));
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        doc.meta.number.as_ref().map(|n| n.text.as_str()),
        Some("临政办发〔2021〕12号")
    );
    assert_eq!(
        doc.meta.signed.map(|d| d.to_string()).as_deref(),
        Some("2021-03-08")
    );
    // (the issuer of `X转发Y关于……的通知` is X)
    assert_eq!(doc.meta.issuers, ["临江市人民政府办公室"]);
    let opinion = &doc.attachments[0].content;
    assert_eq!(
        opinion.meta.title.as_deref(),
        Some("关于加强城乡供水安全管理的意见")
    );
    let first = &opinion.body[0].children[0].paragraphs[0].text;
    assert!(first.contains("“安全第一、预防为主”"), "{first}");
    // the attachment printed again under its note, its list cut into entries
    assert_eq!(opinion.closing[0].text, "附件：重点水源地名录");
    let list = &doc.attachments[1].content;
    assert_eq!(list.meta.title.as_deref(), Some("重点水源地名录"));
    assert_eq!(list.preamble.len(), 3);
    let again = gongwen::parse(&gongwen::text::write(&doc)).expect("reads back");
    assert_eq!(
        gongwen::outline::outline(&again),
        gongwen::outline::outline(&doc)
    );
}

/// A notice that issues one plan whose last line names the plan's attachment, the copy holding
/// none of its text (a page that links it): the outline, the plan's, has a line for it.
#[test]
fn the_issued_documents_named_attachment() {
    let src = "临江市人民政府办公室关于印发临江市城市体检工作方案的通知\n\n各镇人民政府，区政府各委、办、局：\n\n现将《临江市城市体检工作方案》印发给你们，请认真按照执行。\n\n临江市人民政府办公室\n\n2021年9月9日\n\n临江市城市体检工作方案\n\n为做好城市体检工作，制定本方案。\n\n一、工作目标\n\n建立城市体检评估机制。\n\n二、组织保障\n\n区政府是城市体检工作的责任主体。\n\n附件：临江市城市体检指标体系\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        gongwen::outline::outline(&doc),
        "title: 临江市人民政府办公室关于印发临江市城市体检工作方案的通知\npart 1 工作目标\npart 2 组织保障 [guarantees]\nattachment - 临江市城市体检指标体系\n"
    );
}

/// A copy that lost its line breaks but kept each paragraph's indent of ideographic spaces
/// (`……。　　（二）……`): the entries are cut apart at those spaces.
#[test]
fn entries_run_together_after_ideographic_indents() {
    let src = "临江市关于加强水资源保护的意见\n\n一、总体要求　　（一）指导思想。坚持节水优先，统筹推进。　　（二）基本原则。坚持统一规划，规范管理。　　（三）工作目标。到2025年水质稳定达标。\n二、主要任务　　（一）加强水源保护。划定保护区，严格管理。　　（二）推进节约用水。实行总量控制。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        gongwen::outline::outline(&doc),
        "title: 临江市关于加强水资源保护的意见\npart 1 总体要求\n  section 1 指导思想\n  section 2 基本原则\n  section 3 工作目标\npart 2 主要任务\n  section 1 加强水源保护\n  section 2 推进节约用水\n"
    );
}

/// A page's list of attachments given as files (`附件1.……说明.docx附件预览`, a download's copy
/// `……表 (1).xlsx`): each attachment's title is the file's name without its extension, its
/// counter and the link's words after it. A closing part headed by two clauses, the first of
/// which names the safeguards (`强化要素支撑保障，推动各项任务落地见效`), holds the guarantees.
#[test]
fn attachments_named_by_files_and_a_two_clause_safeguards_heading() {
    let src = "临江市卫生健康委员会关于开展卫生村复核工作的通知\n\n各区卫生健康局：\n\n现就有关事项通知如下。\n\n一、复核范围\n\n全市已命名的卫生村。\n\n二、复核方式\n\n采取暗访和现场检查相结合的方式。\n\n三、强化要素支撑保障，推动各项任务落地见效\n\n各区要安排必要经费。\n\n附件：\n附件1.卫生村暗访要求和说明.docx附件预览\n附件2.卫生村现场检查表 (1).xlsx附件预览\n\n临江市卫生健康委员会\n\n2019年12月2日\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        gongwen::outline::outline(&doc),
        "title: 临江市卫生健康委员会关于开展卫生村复核工作的通知\npart 1 复核范围\npart 2 复核方式\npart 3 强化要素支撑保障，推动各项任务落地见效 [guarantees]\nattachment 1 卫生村暗访要求和说明\nattachment 2 卫生村现场检查表\n"
    );
}

/// A closing part headed only as carrying its measures out (`认真落实……各项工作措施`) whose first
/// section names the safeguards (`加强组织保障`): that section holds the guarantees, not the
/// part; a closing part headed as the requirements (`工作要求`) holds them itself.
#[test]
fn guarantees_in_a_section_of_a_closing_part_of_measures() {
    let src = "临江市关于加快推进企业上市的实施意见\n\n一、明确工作目标\n\n到2022年新增上市企业10家。\n\n二、认真落实推进企业上市的各项工作措施\n\n（一）加强组织保障。成立工作领导小组。\n\n（二）加大财政支持。对上市企业给予奖励。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        gongwen::outline::outline(&doc),
        "title: 临江市关于加快推进企业上市的实施意见\npart 1 明确工作目标\npart 2 认真落实推进企业上市的各项工作措施\n  section 1 加强组织保障 [guarantees]\n  section 2 加大财政支持\n"
    );
    let src = src.replace("认真落实推进企业上市的各项工作措施", "工作要求");
    let doc = gongwen::parse(&src).expect("parses");
    assert!(gongwen::outline::outline(&doc)
        .contains("part 2 工作要求 [guarantees]\n  section 1 加强组织保障\n"));
}

/// A text run together on one line whose part headings run into their text with no mark
/// (`一、总体要求全市供水行业……`): the reader cannot see where such a heading ends, reads the
/// part as text and says so, for a part whose siblings show theirs (glued to the `（一）` below)
/// and for top-level parts none of which shows one; the same text with its line breaks has no
/// such note.
#[test]
fn headings_run_into_their_text_on_one_line_are_named() {
    let f = "要坚持保障供应、提升品质、服务发展的基本理念，优质高效地做好城市供水安全保障工作，为全区经济建设和民生发展提供良好服务。".repeat(3);
    let head = "临江市人民政府关于加强城市供水安全保障工作的实施意见各区人民政府，市政府各部门：为进一步保障全市供水安全，现提出如下实施意见：";
    let one = format!(
        "{head}一、总体要求全市供水行业{f}二、主要任务（一）编制完成专项规划。{f}（二）加快推进水厂建设。{f}三、保障措施（一）加强组织领导。{f}（二）强化资金保障。{f}\n"
    );
    let doc = gongwen::parse(&one).expect("parses");
    let notes: Vec<&str> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == "heading-unmarked")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(notes.len(), 1, "{:?}", doc.diagnostics);
    assert!(notes[0].starts_with("part 一、"), "{}", notes[0]);
    assert!(doc.body[0].heading.is_none());
    assert_eq!(doc.body[1].heading.as_ref().unwrap().text, "主要任务");

    let none = format!("{head}一、总体要求全市供水行业{f}二、主要目标全面提升供水品质{f}三、重点工作加快推进水厂建设{f}\n");
    let doc = gongwen::parse(&none).expect("parses");
    let notes: Vec<&gongwen::Diagnostic> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == "heading-unmarked")
        .collect();
    assert_eq!(notes.len(), 1, "{:?}", doc.diagnostics);
    assert!(
        notes[0].message.starts_with("the 3 parts"),
        "{}",
        notes[0].message
    );
    assert_eq!(notes[0].span.line, 1);

    let broken = format!(
        "临江市人民政府关于加强城市供水安全保障工作的实施意见\n\n各区人民政府，市政府各部门：\n\n为进一步保障全市供水安全，现提出如下实施意见：\n\n一、总体要求全市供水行业{f}\n\n二、主要目标全面提升供水品质{f}\n\n三、重点工作加快推进水厂建设{f}\n"
    );
    let doc = gongwen::parse(&broken).expect("parses");
    assert!(
        doc.diagnostics.iter().all(|d| d.code != "heading-unmarked"),
        "{:?}",
        doc.diagnostics
    );
}

/// A report whose list names two attachments on one line (`附件：一、……；二、……。`) and holds
/// only the second, a rule of articles under `附件二`: the outline has a line for the first as
/// the list names it, then the second with its articles, whether the text keeps its line
/// breaks or runs together on one line.
#[test]
fn an_attachment_listed_but_not_held_beside_one_held() {
    // (a line this long is a text run together, not a paragraph)
    let f =
        "各区要按照分配的任务认真组织债券的发行工作，保证资金及时到位，不得挪作它用。".repeat(4);
    let one = format!("临江市计划委员会关于发行建设债券的报告市政府：一、今年发行债券一亿元。{f}二、债券按项目分配。{f}三、所需材料纳入计划。{f}附件：一、各区购买债券数额；二、关于发行建设债券的暂行规定。临江市计划委员会一九八七年二月十六日附件二关于发行建设债券的暂行规定第一条为了保证债券的顺利发行，特制定本规定。第二条本债券不计利息，依照本规定第五条偿还。第三条本债券在本市发行。第四条本规定自发布之日起施行。");
    let broken = format!("临江市计划委员会关于发行建设债券的报告\n\n市政府：\n\n一、今年发行债券一亿元。{f}\n\n二、债券按项目分配。{f}\n\n三、所需材料纳入计划。{f}\n\n附件：一、各区购买债券数额；二、关于发行建设债券的暂行规定。\n\n临江市计划委员会\n\n一九八七年二月十六日\n\n附件二\n\n关于发行建设债券的暂行规定\n\n第一条为了保证债券的顺利发行，特制定本规定。\n\n第二条本债券不计利息，依照本规定第五条偿还。\n\n第三条本债券在本市发行。\n\n第四条本规定自发布之日起施行。\n");
    for src in [one, broken] {
        let doc = gongwen::parse(&src).expect("parses");
        assert_eq!(
            outline(&doc),
            "title: 临江市计划委员会关于发行建设债券的报告\npart 1 今年发行债券一亿元\npart 2 债券按项目分配\npart 3 所需材料纳入计划\nattachment 1 各区购买债券数额\nattachment 2 关于发行建设债券的暂行规定\n  article 1 -\n  article 2 -\n  article 3 -\n  article 4 -\n",
            "{src}"
        );
    }
}

/// Items numbered through their sections (`（一）` holds 1–3, `（二）` opens with 4) are one run
/// of siblings: where most of the run opens with body text, the few under one section whose
/// first sentences could pass for headings are body text too.
#[test]
fn items_numbered_through_their_sections_are_siblings() {
    let long = "按照全市统一部署，结合各部门职责分工，持续推进平台建设和数据归集共享工作，确保按时完成年度各项任务。（持续推进，牵头单位：市工信局）";
    let mut src =
        String::from("临江市数字政府建设考评办法\n\n一、考评内容\n\n（一）完善信用监管\n\n");
    let short = [
        "依托信用信息公示平台，做好涉企信息归集共享工作。",
        "依托信用金融综合服务平台，构建信用融资服务市场。",
        "建立全市物价信息服务平台，完成项目前期手续。",
    ];
    for (i, s) in short.iter().enumerate() {
        src.push_str(&format!("{}．{s}{long}\n\n", i + 1));
    }
    for (sec, from) in [("（二）推进政务网络建设", 4), ("（三）深化数据共享", 7)]
    {
        src.push_str(&format!("{sec}\n\n"));
        for i in from..from + 3 {
            src.push_str(&format!("{i}．{long}{long}\n\n"));
        }
    }
    let doc = gongwen::parse(&src).expect("parses");
    let o = outline(&doc);
    let items: Vec<&str> = o
        .lines()
        .filter(|l| l.trim_start().starts_with("item"))
        .collect();
    assert_eq!(items.len(), 9, "{o}");
    assert!(items.iter().all(|l| l.ends_with(" -")), "{o}");
}

/// A text run together on one line under the issuer's masthead (`……文件`) and its number, its
/// sentences ended now by `。`, now by an ASCII `.` (an OCR'd copy), one part's number glued to
/// the text before it (`……准确三、`) between two that follow marks: the title after the number,
/// and every part with its heading.
#[test]
fn a_masthead_and_ocr_full_stops_on_one_line() {
    let f = "各单位要按照统一部署认真组织实施，明确责任分工，加强协调配合，确保各项任务落到实处"
        .repeat(3);
    let src = format!(
        "临江市科学技术协会文件临科协〔2021〕18号临江市科学技术协会关于印发《2021年科普工作要点》的通知各区科协:现将《2021年科普工作要点》印发你们，请认真贯彻执行。附件:2021年科普工作要点附件2021年科普工作要点为做好今年科普工作，制定本要点。一、坚持依法依规开展科普。{f}。二、加强科普阵地建设.{f}.{f}及时、准确三、推进科普信息化。{f}。四、加强科普队伍建设.{f}。"
    );
    let doc = gongwen::parse(&src).expect("parses");
    assert_eq!(
        outline(&doc),
        "title: 临江市科学技术协会关于印发《2021年科普工作要点》的通知\npart 1 坚持依法依规开展科普\npart 2 加强科普阵地建设\npart 3 推进科普信息化\npart 4 加强科普队伍建设\n"
    );
    assert_eq!(
        doc.meta.number.as_ref().map(|n| n.text.as_str()),
        Some("临科协〔2021〕18号")
    );
    // (a head of more than 600 bytes with no colon, its 600th byte inside a character)
    let long = format!("a{}{src}", "临".repeat(201));
    assert!(gongwen::parse(&long).is_ok());
}

/// An attachment whose title is printed over two lines, neither ending a title, is titled by
/// both where the closing's list names it whole.
#[test]
fn an_attachment_title_over_two_lines_as_the_list_names_it() {
    let src = "临江市人民政府办公室关于促进婴幼儿照护服务发展的实施意见\n\n各县（区）人民政府，市政府各部门：\n\n一、总体要求\n\n到2025年，婴幼儿照护服务体系基本健全。\n\n二、组织实施\n\n各地要加强组织领导。\n\n附件：促进婴幼儿照护服务发展工作部门职责分工\n\n临江市人民政府办公室\n\n2020年2月21日\n\n附件\n\n促进婴幼儿照护服务发展\n\n工作部门职责分工\n\n市发展改革委负责将婴幼儿照护服务纳入相关规划。\n\n市教育局负责婴幼儿照护服务人才培养。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        doc.attachments[0].content.meta.title.as_deref(),
        Some("促进婴幼儿照护服务发展工作部门职责分工")
    );
}

/// A part's heading set apart from its text by a space, no mark (a web page's bold heading
/// run on into its paragraph), is its heading, and reads back the same from the canonical text;
/// a document with no title outlines as `title: -`.
#[test]
fn a_heading_set_apart_by_a_space() {
    let f = "各地要按照督查的内容和重点，对本地区贯彻实施情况开展逐项自查，认真总结经验做法。";
    let src = format!("临江市人民政府办公室关于开展政策落实情况自查的通知\n\n各县（区）人民政府：\n\n一、各地自查 {f}\n\n二、部门自查 {f}\n\n三、重点抽查 {f}\n");
    let doc = gongwen::parse(&src).expect("parses");
    let o = outline(&doc);
    assert!(
        o.contains("part 1 各地自查\npart 2 部门自查\npart 3 重点抽查\n"),
        "{o}"
    );
    let again = gongwen::parse(&gongwen::text::write(&doc)).expect("reads back");
    assert_eq!(outline(&again), o);
    let untitled =
        gongwen::parse(&format!("一、各地自查 {f}\n\n二、部门自查 {f}\n")).expect("parses");
    assert!(
        outline(&untitled).starts_with("title: -\n"),
        "{}",
        outline(&untitled)
    );
}
