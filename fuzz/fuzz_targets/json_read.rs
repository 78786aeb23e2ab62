//! The JSON reader on arbitrary text: never panics; what it accepts writes back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    match gongwen::json::from_str(src) {
        Ok(doc) => {
            let json = gongwen::json::to_string(&doc);
            let again = gongwen::json::from_str(&json).expect("own JSON reads");
            assert_eq!(again, doc);
            // and the canonical text of any valid model can be written and read without panic
            let text = gongwen::text::write(&doc);
            let _ = gongwen::text::read(&text);
        }
        Err(e) => {
            // every refusal says where
            assert!(e.position().is_some(), "error without a position: {e}");
        }
    }
});
