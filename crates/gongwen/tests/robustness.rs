//! Untrusted text: generated and mutated inputs never panic and always conserve every
//! non-white-space character; every corpus document and fixture cut at 50 points likewise.

mod common;

use proptest::prelude::*;
use std::collections::HashMap;

/// Every non-white-space character of `src` (BOM aside) appears in the JSON's string values at
/// least as often as in `src`: nothing was dropped. The JSON round trip is always the identity;
/// with `text_identity`, so is the canonical text round trip (asked of real documents, not of
/// random strings, where the reader's genre rules have nothing to hold on to).
fn check(src: &str, what: &str, text_identity: bool) {
    let doc = match gongwen::parse(src) {
        Ok(doc) => doc,
        Err(gongwen::Error::Empty) => {
            assert!(
                src.chars().all(|c| c.is_whitespace() || c == '\u{feff}'),
                "{what}: empty error on text"
            );
            return;
        }
        Err(e) => panic!("{what}: reading text failed: {e}"),
    };
    let value = serde_json::to_value(&doc).expect("the model serialises");
    let mut have: HashMap<char, usize> = HashMap::new();
    collect(&value, &mut have);
    let mut missing = Vec::new();
    let mut need: HashMap<char, usize> = HashMap::new();
    for c in src
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
    {
        *need.entry(c).or_default() += 1;
    }
    for (c, n) in need {
        let h = have.get(&c).copied().unwrap_or(0);
        if h < n {
            missing.push(format!("{c:?} ({h} of {n})"));
        }
    }
    assert!(
        missing.is_empty(),
        "{what}: lost characters: {}",
        missing.join(", ")
    );
    // and the document survives its own round trips
    let text = gongwen::text::write(&doc);
    match gongwen::parse(&text) {
        Ok(again) if text_identity => {
            let (a, b) = (again.without_page(), doc.without_page());
            if a != b {
                let (ja, jb) = (
                    gongwen::json::to_string_pretty(&b),
                    gongwen::json::to_string_pretty(&a),
                );
                panic!(
                    "{what}: text round trip differs (- first reading, + reading of the canonical text)\n{}\n--- canonical text:\n{text}",
                    common::labelled_diff(("first", &ja), ("again", &jb), 2, 40)
                );
            }
        }
        Ok(_) => {}
        Err(gongwen::Error::Empty) => assert!(
            text.trim().is_empty(),
            "{what}: canonical text is not empty"
        ),
        Err(e) => panic!("{what}: canonical text does not read: {e}"),
    }
    let json = gongwen::json::to_string(&doc);
    assert_eq!(
        gongwen::json::from_str(&json).expect("own JSON reads"),
        doc,
        "{what}: JSON round trip"
    );
}

fn collect(v: &serde_json::Value, out: &mut HashMap<char, usize>) {
    match v {
        serde_json::Value::String(s) => {
            for c in s.chars() {
                *out.entry(c).or_default() += 1;
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect(x, out)),
        _ => {}
    }
}

/// Pieces the genre is made of, so that generated text hits the reader's rules.
const PIECES: &[&str] = &[
    "一、",
    "二、",
    "十二、",
    "（一）",
    "(二)",
    "（十）",
    "1.",
    "2．",
    "3、",
    "（1）",
    "(2)",
    "①",
    "附件",
    "附件1",
    "附件：",
    "关于加强管理的通知",
    "的决定",
    "的意见",
    "实施方案",
    "国发〔2019〕5号",
    "（2020年6月30日全会通过）",
    "2020年6月30日",
    "2020-06-30 10:35",
    "来源:某网",
    "原标题:《某》",
    "索 引 号：\t000/2019\t主题分类：\t教育",
    "各有关单位：",
    "审议通过《某某关于某事的决定》",
    "今天某全会举行",
    "强化组织保障",
    "组织实施",
    "确保学深悟透。",
    "加强领导：",
    "一是",
    "——",
    "。",
    "，",
    "；",
    "：",
    "《",
    "》",
    "“",
    "”",
    "（",
    "）",
    "(",
    ")",
    "# ",
    "## ",
    "<!-- x -->",
    "ICP备",
    "版权所有",
    "扫一扫",
    "（此件公开发布）",
    "国务院",
    "中共某某县委",
    "的",
    "工作",
    "要",
    "\t",
    " ",
    "　",
    "\u{feff}",
    "\u{200b}",
    "\u{0}",
    "\u{1}",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "\r",
    "\r\n",
    "\n",
    "\n\n",
];

fn genre_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::sample::select(PIECES).prop_map(str::to_string),
        2 => "[\\u{4e00}-\\u{4e80}]{1,12}",
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => "[0-9a-zA-Z.,:;()\\-]{1,6}",
    ];
    proptest::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn generated_text_never_panics_and_conserves(src in genre_text()) {
        check(&src, "generated", false);
    }

    #[test]
    fn mutated_sample_never_panics_and_conserves(
        cut in 0usize..10_000,
        swap in (0usize..400, 0usize..400),
        insert in proptest::sample::select(PIECES),
        at in 0usize..400,
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let sample = common::fixture("sample-decision.txt").text;
        let mut lines: Vec<String> = sample.lines().map(str::to_string).collect();
        let n = lines.len();
        lines.swap(swap.0 % n, swap.1 % n);
        lines.insert(at % (n + 1), insert.to_string());
        let mut text = lines.join(if crlf { "\r\n" } else { "\n" });
        if bom {
            text.insert(0, '\u{feff}');
        }
        let mut cut_at = cut % (text.len() + 1);
        while !text.is_char_boundary(cut_at) {
            cut_at -= 1;
        }
        text.truncate(cut_at);
        check(&text, "mutated sample", false);
    }

    #[test]
    fn run_together_text_never_panics_and_conserves(
        pad in "[\\u{4e00}-\\u{4e80}a-z]{0,260}",
        inserts in proptest::collection::vec((0usize..20_000, proptest::sample::select(PIECES)), 0..12),
        fixture in proptest::sample::select(&["sample-decision.txt", "run-together-notice.txt"][..]),
    ) {
        // a text with its line breaks lost (one line, as a dataset keeps it), a head of any
        // length before it, pieces put in at random places: the stage that cuts it apart
        let sample = common::fixture(fixture).text;
        let mut text = format!("{pad}{}", sample.replace(['\n', '\r'], ""));
        for (at, piece) in inserts {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert_str(at, piece);
        }
        check(&text, "run together", false);
    }

    #[test]
    fn mixed_width_marks_never_panic(flip in proptest::collection::vec(any::<bool>(), 64)) {
        // half- and full-width marks swapped at random places of the sample
        let sample = common::fixture("sample-decision.txt").text;
        let pairs = [('（', '('), ('）', ')'), ('．', '.'), ('：', ':'), ('，', ',')];
        let mut i = 0;
        let text: String = sample
            .chars()
            .map(|c| {
                for (full, half) in pairs {
                    if c == full || c == half {
                        i += 1;
                        if flip[i % flip.len()] {
                            return if c == full { half } else { full };
                        }
                    }
                }
                c
            })
            .collect();
        check(&text, "mixed widths", true);
    }
}

#[test]
fn long_lines_are_read_in_linear_time() {
    // 100 000-character lines, one of them a numbered heading without punctuation
    let long = "发展".repeat(50_000);
    for src in [
        long.clone(),
        format!("一、{long}\n（一）{long}。{long}\n{long}"),
        format!("关于某事的通知\n{}\n", "确保落实。".repeat(20_000)),
    ] {
        let started = std::time::Instant::now();
        check(&src, "long line", true);
        // generous: this is a smoke check for quadratic behaviour, not a benchmark
        assert!(
            started.elapsed().as_secs() < 20,
            "a long line took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn every_document_cut_at_50_points_conserves() {
    for input in common::all_documents() {
        let (name, text) = (input.name, input.text);
        // a fixed, simple generator: reproducible without a dependency
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15 ^ text.len() as u64;
        for _ in 0..50 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut at = (state % (text.len() as u64 + 1)) as usize;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            check(&text[..at], &format!("{name} cut at byte {at}"), false);
        }
    }
}
