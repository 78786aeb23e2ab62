//! The text reader on arbitrary bytes: never panics; what it reads keeps every character and
//! survives the JSON round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = gongwen::text::read_bytes(data) else { return };
    let src = std::str::from_utf8(data).expect("read_bytes accepted it, so it is UTF-8");
    // conservation: every non-white-space character is somewhere in the model
    let value = serde_json::to_value(&doc).expect("the model serialises");
    let mut have = std::collections::HashMap::<char, usize>::new();
    fn collect(v: &serde_json::Value, out: &mut std::collections::HashMap<char, usize>) {
        match v {
            serde_json::Value::String(s) => s.chars().for_each(|c| *out.entry(c).or_default() += 1),
            serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| collect(x, out)),
            _ => {}
        }
    }
    collect(&value, &mut have);
    let mut need = std::collections::HashMap::<char, usize>::new();
    for c in src.chars().filter(|c| !c.is_whitespace() && *c != '\u{feff}') {
        *need.entry(c).or_default() += 1;
    }
    for (c, n) in need {
        assert!(have.get(&c).copied().unwrap_or(0) >= n, "lost {c:?}");
    }
    let json = gongwen::json::to_string(&doc);
    assert_eq!(gongwen::json::from_str(&json).expect("own JSON reads"), doc);
});
