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
