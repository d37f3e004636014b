//! Load (any format), clean, then draw every view at a few sizes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    papertui::harness::load_and_render(data);
});
