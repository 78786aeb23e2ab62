//! Text → model, then the model through every format: JSON, gongwen XML and AKN each read back
//! to the same model. Never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = gongwen::text::read_bytes(data) else { return };
    let json = gongwen::json::to_string(&doc);
    assert_eq!(gongwen::json::from_str(&json).expect("own JSON reads"), doc);
    if let Ok(xml) = gongwen::xml::to_string(&doc) {
        assert_eq!(gongwen::xml::from_str(&xml).expect("own XML reads"), doc);
    }
    if let Ok(akn) = gongwen::akn::to_string(&doc) {
        assert_eq!(gongwen::akn::from_str(&akn).expect("own AKN reads"), doc);
    }
});
