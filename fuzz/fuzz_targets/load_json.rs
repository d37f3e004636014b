//! papertui's JSON list: the input is the inside of its `papers` array.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut doc = br#"{"name": "fuzz", "papers": ["#.to_vec();
    doc.extend_from_slice(data);
    doc.extend_from_slice(b"]}");
    papertui::harness::load_checked("fuzz.json", doc);
});
