//! Read → write → read on arbitrary text: never panics, and the canonical text reads back
//! keeping every character it holds.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = gongwen::text::read_bytes(data) else { return };
    let text = gongwen::text::write(&doc);
    match gongwen::text::read(&text) {
        Ok(again) => {
            // the canonical text of a reading is a fixpoint after one more round
            // (all of it may be page matter, whose canonical text is empty)
            let text2 = gongwen::text::write(&again);
            match gongwen::text::read(&text2) {
                Ok(_) => {}
                Err(gongwen::Error::Empty) => assert!(text2.trim().is_empty()),
                Err(e) => panic!("canonical text does not read: {e}"),
            }
        }
        Err(gongwen::Error::Empty) => assert!(text.trim().is_empty()),
        Err(e) => panic!("canonical text does not read: {e}"),
    }
});
