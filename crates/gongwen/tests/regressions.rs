//! One test for every crash or loss the fuzzers and property tests found, named after what it
//! caught.

/// `text_read` fuzz target: a closing date `22023年11月20日` was read as year 22023, which the
/// JSON reader then refused (`YYYY-MM-DD` has four digits), so the JSON round trip failed.
#[test]
fn five_digit_year_is_not_a_date() {
    let src = "关于做好冬春季森林防火工作的意见\n\n一、总体要求\n要求落实。\n\n青溪县人民政府\n22023年11月20日\n";
    let doc = gongwen::parse(src).unwrap();
    assert_eq!(doc.meta.signed, None);
    let json = gongwen::json::to_string(&doc);
    assert_eq!(gongwen::json::from_str(&json).unwrap(), doc);
    assert!(gongwen::Date::new(9999, 12, 31).is_some());
    assert!(gongwen::Date::new(10000, 1, 1).is_none());
    assert!(gongwen::Date::new(0, 1, 1).is_none());
}

/// Property test `generated_text_never_panics_and_conserves`: a date-like line cut inside a
/// multi-byte character (`2020-06-3年`) was sliced at byte 10 and panicked.
#[test]
fn date_like_line_cut_inside_a_character_does_not_panic() {
    for src in [
        "2020-06-3年\n一、总则",
        "2020-06-30年 10:35\n一、总则",
        "2020-0年-30",
    ] {
        let _ = gongwen::parse(src);
    }
}

/// Property test: a news lead with `》` before `《` (`审议》通过《`) sliced a backwards range.
#[test]
fn lead_with_closing_bracket_first_does_not_panic() {
    let doc = gongwen::parse("审议通过》某某《的决定\n一、总则\n要求落实。").unwrap();
    assert_eq!(doc.meta.title, None);
}

/// Property test `mutated_sample_never_panics_and_conserves`: a numbered line whose text stood
/// on the next line (`一、` / `审议通过《……》`) was written back on one line and read differently.
/// The layout stage now reads a number alone on its line with the text after it (the way web
/// pages break a bold number from its text), so both layouts read the same.
#[test]
fn number_alone_on_its_line_reads_back_the_same() {
    let src = "一、\n审议通过《中共青溪县委关于深化数字化改革的决定》\n";
    let doc = gongwen::parse(src).unwrap();
    assert_eq!(
        doc.body[0].heading_text(),
        Some("审议通过《中共青溪县委关于深化数字化改革的决定》")
    );
    let one_line =
        gongwen::parse("一、审议通过《中共青溪县委关于深化数字化改革的决定》\n").unwrap();
    assert_eq!(one_line.without_page(), doc.without_page());
    let again = gongwen::parse(&gongwen::text::write(&doc)).unwrap();
    assert_eq!(again.without_page(), doc.without_page());
}

/// Property test: an adoption taken from a news lead without a date (`（县委全会通过）`) was
/// written as a line the reader did not take for an adoption line.
#[test]
fn adoption_without_a_date_reads_back() {
    let src = "中共青溪县委关于加强管理的决定\n（县委十五届七次全会通过）\n一、总则\n要求落实。\n";
    let doc = gongwen::parse(src).unwrap();
    let adopted = doc.meta.adopted.as_ref().unwrap();
    assert_eq!(adopted.meeting.as_deref(), Some("县委十五届七次全会"));
    assert_eq!(adopted.date, None);
    let again = gongwen::parse(&gongwen::text::write(&doc)).unwrap();
    assert_eq!(again.without_page(), doc.without_page());
}

/// Property test: a title taken from a page's metadata box was written as a title line and read
/// back as the document's own, pulling the next line into the head.
#[test]
fn title_from_the_metadata_box_stays_in_the_box() {
    let src = "标　　题：\t中华人民共和国个人所得税法实施条例\n\n主 题\n";
    let doc = gongwen::parse(src).unwrap();
    assert_eq!(doc.meta.title_from, gongwen::TitleSource::MetadataBox);
    let again = gongwen::parse(&gongwen::text::write(&doc)).unwrap();
    assert_eq!(again.without_page(), doc.without_page());
}

/// `akn_read` fuzz target and the Python binding's hostile-input test: a span with line 0 and
/// a non-zero offset counted as "no span", so the JSON and AKN writers dropped it and the
/// document did not survive its round trips.
#[test]
fn span_with_line_zero_is_still_a_span() {
    let src = r#"{"meta": {}, "preamble": [{"text": "x", "span": {"offset": 5, "len": 1, "line": 0, "column": 1}}]}"#;
    let doc = gongwen::json::from_str(src).unwrap();
    assert_eq!(
        gongwen::json::from_str(&gongwen::json::to_string(&doc)).unwrap(),
        doc
    );
    let akn = gongwen::akn::to_string(&doc).unwrap();
    assert_eq!(gongwen::akn::from_str(&akn).unwrap(), doc);
}

/// `text_roundtrip` fuzz target: an item `1. 2024年……` was written `1.2024年……`, which reads as
/// the number 1.2024 and not as item 1.
#[test]
fn item_text_starting_with_a_digit_stays_an_item() {
    let src = "一、目标\n1. 2024年完成改造。\n2． 2025年全面推开。\n";
    let doc = gongwen::parse(src).unwrap();
    assert_eq!(doc.body[0].children.len(), 2);
    let text = gongwen::text::write(&doc);
    let again = gongwen::parse(&text).unwrap();
    assert_eq!(
        again.without_page(),
        doc.without_page(),
        "canonical text:\n{text}"
    );
}
