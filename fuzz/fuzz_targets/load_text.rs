//! The Daily Papers page saved as text: after a header, the input is the papers.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut doc = b"new\n\nSubscribe\n\nMar 14\n\n".to_vec();
    doc.extend_from_slice(data);
    papertui::harness::load_checked("fuzz.txt", doc);
});
