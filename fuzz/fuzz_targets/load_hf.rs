//! A Hugging Face daily papers response: the input is one item's `paper` value.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut doc = br#"[{"paper": "#.to_vec();
    doc.extend_from_slice(data);
    doc.extend_from_slice(b"}]");
    papertui::harness::load_checked("fuzz-hf.json", doc);
});
