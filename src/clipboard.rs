//! The terminal clipboard: text to the OSC 52 sequence that asks the terminal to put it on
//! the clipboard. Pure: the app loop writes the sequence.
//!
//! The text goes base64-encoded, so whatever it holds it cannot end the sequence early or
//! start another one.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The most text one copy sends, in bytes: terminals cap the sequence (xterm at about 100 KB
/// of base64 by default), and a paper's link or BibTeX entry is far shorter.
pub(crate) const MAX_BYTES: usize = 64 * 1024;

/// `ESC ] 52 ; c ; <base64> BEL`: put `text` on the clipboard.
pub(crate) fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", STANDARD.encode(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_goes_base64_encoded_between_the_sequence_markers() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
        let hostile = osc52("a\x07\x1b]0;owned\x1b\\");
        let inner = &hostile[7..hostile.len() - 1];
        assert!(
            inner
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
    }
}
