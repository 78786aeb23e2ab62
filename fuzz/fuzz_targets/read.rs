//! The front door on arbitrary bytes: whatever format it detects (text, JSON, gongwen XML,
//! Akoma Ntoso, HTML), it never panics, and what it reads survives the JSON round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = gongwen::read(data, None) else {
        return;
    };
    let json = gongwen::json::to_string(&doc);
    let again = gongwen::json::from_str(&json).expect("own JSON reads");
    assert!(
        again == doc,
        "JSON round trip changed the document:\n{json}"
    );
});
