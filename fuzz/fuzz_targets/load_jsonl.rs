//! JSON Lines: a first whole line makes the input the rest of the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut doc = b"{\"title\": \"first\"}\n".to_vec();
    doc.extend_from_slice(data);
    papertui::harness::load_checked("fuzz.jsonl", doc);
});
