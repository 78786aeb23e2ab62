//! The akn reader on arbitrary text: never panics; what it accepts writes back and reads back
//! to the same model (the round trip).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    match gongwen::akn::from_str(src) {
        Ok(doc) => {
            // a model the reader accepted may still hold what XML cannot carry (C0 controls):
            // the writer refuses it with an error, never a panic
            let Ok(out) = gongwen::akn::to_string(&doc) else { return };
            let again = gongwen::akn::from_str(&out).expect("own output reads");
            assert_eq!(again, doc);
        }
        Err(e) => assert!(e.position().is_some() || matches!(e, gongwen::Error::Empty), "error without a position: {e}"),
    }
});
