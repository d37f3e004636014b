//! Cleans untrusted text once, at load, so no view and no command ever prints a control sequence.
//!
//! Every text field of a paper passes through [`clean_into`]: escape sequences and control,
//! bidi and invisible characters are removed, whitespace (including line breaks) collapses to
//! single spaces, combining-mark floods are capped, and over-long fields end in an ellipsis.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// Longest title kept, in characters.
pub const TITLE_MAX: usize = 512;
/// Longest abstract kept, in characters (64 Ki).
pub const ABSTRACT_MAX: usize = 64 * 1024;
/// Longest author name, id, date, category or link kept, in characters.
pub const FIELD_MAX: usize = 256;
/// Most authors kept; more become a last entry "et al.".
pub const AUTHORS_MAX: usize = 100;
/// Most zero-width marks (combining accents, variation selectors, joiners) after one base
/// character: real scripts need a few, "Zalgo" text stacks hundreds.
pub const MARKS_MAX: usize = 4;

const ELLIPSIS: char = '…';

/// Returns `s` cleaned and cut to `max` characters.
pub fn clean(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max * 4));
    clean_into(s, max, &mut out);
    out
}

/// Appends `s` cleaned to `out`: one line, single spaces, at most `max` characters (a cut
/// field ends in `…` and never splits a grapheme). Returns true if anything was appended.
pub fn clean_into(s: &str, max: usize, out: &mut String) -> bool {
    let start = out.len();
    let mut chars = 0usize;
    let mut marks = 0usize;
    let mut pending_space = false;
    let mut truncated = false;
    let mut it = s.chars();
    loop {
        // Fast path: a run of printable ASCII with single spaces is copied whole...
        let rest = it.as_str();
        let (run, after) = rest.split_at(plain_ascii_prefix(rest.as_bytes()));
        if !run.is_empty() {
            // No two spaces in a row in a run: at most one to trim at each end.
            let word = run.strip_prefix(' ').unwrap_or(run);
            let word = word.strip_suffix(' ').unwrap_or(word);
            if run.starts_with(' ') {
                pending_space = out.len() > start;
            }
            if !word.is_empty() {
                if pending_space {
                    out.push(' ');
                    chars += 1;
                }
                if chars + word.len() > max {
                    out.push_str(&word[..max.saturating_sub(chars)]);
                    truncated = true;
                    break;
                }
                out.push_str(word);
                chars += word.len();
                marks = 0;
                pending_space = run.ends_with(' ');
            }
        }
        // ...and the ASCII whitespace after it (a hard-wrapped line's break and indent)
        // collapses without the char path.
        let gap = after.bytes().take_while(|&b| is_ascii_space(b)).count();
        it = after[gap..].chars();
        if gap > 0 {
            pending_space = out.len() > start;
            marks = 0;
            continue;
        }
        // What is left starts with a control or non-ASCII character, or is empty.
        let Some(c) = it.next() else { break };
        match classify(c) {
            Kind::Escape => {
                skip_escape(c, &mut it);
                continue;
            }
            Kind::Drop => continue,
            Kind::Space => {
                pending_space = out.len() > start;
                marks = 0;
                continue;
            }
            Kind::Mark => {
                // A mark needs a base character and is capped per base.
                if out.len() == start || pending_space || marks >= MARKS_MAX {
                    continue;
                }
                marks += 1;
            }
            Kind::Joiner => {
                // Joiners only mean something between two visible characters.
                let next_visible = it
                    .clone()
                    .next()
                    .is_some_and(|n| classify(n) == Kind::Plain);
                if out.len() == start || pending_space || !next_visible || marks >= MARKS_MAX {
                    continue;
                }
                marks += 1;
            }
            Kind::Plain => marks = 0,
        }
        if pending_space {
            out.push(' ');
            chars += 1;
            pending_space = false;
        }
        if chars >= max {
            truncated = true;
            break;
        }
        out.push(c);
        chars += 1;
    }
    if truncated {
        cut_to_grapheme(out, start, max);
    }
    out.len() > start
}

/// The length of the longest prefix of printable ASCII (space to `~`) without two spaces in
/// a row: text the sanitizer copies unchanged. Loading a large file spends most of its time
/// here, so it checks [`STEP`] bytes at a time (see [`first_stop`]).
fn plain_ascii_prefix(b: &[u8]) -> usize {
    if b.len() <= STEP {
        // A short field (a name, a category): one window, padded with stops (zeros), and a
        // zero before the first byte, which has no byte before it.
        let mut w = [0; STEP + 1];
        w[1..=b.len()].copy_from_slice(b);
        return first_stop(&w).unwrap_or(b.len());
    }
    // Each window is the bytes checked and the one before them, so steps start at byte 1.
    if !(b' '..=b'~').contains(&b[0]) {
        return 0;
    }
    let mut n = 1;
    while let Some(w) = b[n - 1..].first_chunk() {
        if let Some(i) = first_stop(w) {
            return n + i;
        }
        n += STEP;
    }
    // Fewer than STEP bytes left: check the last STEP again (those before n are plain).
    let w = b.last_chunk().expect("more than STEP bytes");
    first_stop(w).map_or(b.len(), |i| b.len() - STEP + i)
}

/// Bytes checked at a time by [`plain_ascii_prefix`]: two SSE2 registers.
const STEP: usize = 32;

/// The index in `w[1..]` of the first byte that ends a plain run: not printable ASCII, or a
/// space after a space (`w[0]` is the byte before). Written as a loop without branches over
/// a fixed array, with 0 or 0xff per byte as a compare gives, so LLVM turns it into SSE2
/// compares; the first stop is then found in the two halves as u128s.
fn first_stop(w: &[u8; STEP + 1]) -> Option<usize> {
    let mut stops = [0u8; STEP];
    for (i, stop) in stops.iter_mut().enumerate() {
        let (prev, c) = (w[i], w[i + 1]);
        let outside = u8::from(c.wrapping_sub(b' ') > b'~' - b' ');
        let double = u8::from(c == b' ') & u8::from(prev == b' ');
        *stop = 0u8.wrapping_sub(outside | double);
    }
    let (lo, hi) = stops.split_at(16);
    let lo = u128::from_le_bytes(lo.try_into().expect("16 bytes"));
    let hi = u128::from_le_bytes(hi.try_into().expect("16 bytes"));
    if (lo | hi) == 0 {
        None
    } else if lo != 0 {
        Some(lo.trailing_zeros() as usize / 8)
    } else {
        Some(16 + hi.trailing_zeros() as usize / 8)
    }
}

/// The ASCII characters [`classify`] calls [`Kind::Space`].
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// Cuts `out[start..]` to fewer than `max` characters on a grapheme boundary, then adds `…`.
fn cut_to_grapheme(out: &mut String, start: usize, max: usize) {
    let field = &out[start..];
    let mut end = 0;
    let mut chars = 0;
    for g in field.graphemes(true) {
        let n = g.chars().count();
        if chars + n >= max {
            break;
        }
        chars += n;
        end += g.len();
    }
    let keep = field[..end].trim_end().len();
    out.truncate(start + keep);
    out.push(ELLIPSIS);
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Plain,
    Space,
    Mark,
    Joiner,
    Escape,
    Drop,
}

fn classify(c: char) -> Kind {
    match c {
        '\u{1b}' | '\u{90}' | '\u{98}' | '\u{9b}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => Kind::Escape,
        '\t' | '\n' | '\u{0b}' | '\u{0c}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
            Kind::Space
        }
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Kind::Drop,
        ' ' => Kind::Space,
        c if c.is_ascii() => Kind::Plain,
        '\u{200c}' | '\u{200d}' => Kind::Joiner,
        c if is_invisible(c) => Kind::Drop,
        c if c.is_whitespace() => Kind::Space,
        c if is_zero_width_mark(c) => Kind::Mark,
        _ => Kind::Plain,
    }
}

/// Bidi controls, zero-width and format characters, BOM, soft hyphen, tags, noncharacters.
/// The ideographic variation selectors (U+E0100-E01EF) stay: they choose a kanji's glyph.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}' | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{feff}'
        | '\u{ffa0}' | '\u{fff0}'..='\u{fffb}' | '\u{fffe}' | '\u{ffff}'
        | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0000}'..='\u{e00ff}' | '\u{e01f0}'..='\u{e0fff}'
    ) || (c as u32 & 0xfffe) == 0xfffe
}

/// Characters that take no cell of their own: combining marks, variation selectors.
fn is_zero_width_mark(c: char) -> bool {
    c.width() == Some(0)
}

/// Skips the rest of an escape sequence whose introducer `first` was just read, so that none
/// of its bytes (a window title, a clipboard payload, a hyperlink) reach the output.
fn skip_escape(first: char, it: &mut std::str::Chars<'_>) {
    let kind = if first == '\u{1b}' {
        match it.next() {
            Some('[') => '\u{9b}',
            Some(']') => '\u{9d}',
            Some('P') => '\u{90}',
            Some('X') => '\u{98}',
            Some('^') => '\u{9e}',
            Some('_') => '\u{9f}',
            // ESC followed by intermediates then a final byte (e.g. ESC ( B, ESC c).
            Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
                for n in it.by_ref() {
                    if !('\u{20}'..='\u{2f}').contains(&n) {
                        break;
                    }
                }
                return;
            }
            _ => return,
        }
    } else {
        first
    };
    if kind == '\u{9b}' {
        // CSI: parameter and intermediate bytes, then one final byte in @..~.
        for c in it.by_ref() {
            if ('\u{40}'..='\u{7e}').contains(&c) || !('\u{20}'..='\u{3f}').contains(&c) {
                break;
            }
        }
        return;
    }
    // OSC, DCS, SOS, PM, APC: a string ended by BEL (OSC), ST (ESC \) or C1 ST.
    while let Some(c) = it.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if it.clone().next() == Some('\\') {
                    it.next();
                }
                return;
            }
            _ => {}
        }
    }
}

/// True if `s` holds the start of an escape sequence: text to clean before splitting it into
/// items, since a split inside a sequence would let part of its payload through as text.
pub fn has_escape(s: &str) -> bool {
    s.contains(|c| classify(c) == Kind::Escape)
}

/// True if `c` may appear in cleaned text (used by tests and debug assertions).
pub fn is_allowed(c: char) -> bool {
    matches!(classify(c), Kind::Plain | Kind::Mark | Kind::Joiner) || c == ' '
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn c(s: &str) -> String {
        clean(s, 1000)
    }

    #[test]
    fn plain_text_is_unchanged() {
        let s = "GaLore: Memory-Efficient LLM Training (2024) — 東京 مرحبا שלום 😀 ภาษาไทย हिन्दी";
        assert_eq!(c(s), s);
    }

    #[test]
    fn hard_wrapped_text_is_unwrapped() {
        assert_eq!(
            c("  A fully\n  differential\tcalc.\r\n"),
            "A fully differential calc."
        );
    }

    #[test]
    fn escape_sequences_vanish_whole() {
        assert_eq!(c("a\x1b[31mred\x1b[0m b"), "ared b");
        assert_eq!(c("x\x1b]0;pwned title\x07y"), "xy");
        assert_eq!(c("x\x1b]52;c;ZXZpbA==\x1b\\y"), "xy");
        assert_eq!(c("x\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\y"), "xlinky");
        assert_eq!(c("x\x1bP1$r0m\x1b\\y"), "xy");
        assert_eq!(c("x\u{9b}6ny"), "xy");
        assert_eq!(c("x\u{9d}0;t\u{9c}y"), "xy");
        assert_eq!(c("x\x1b(By\x1bc"), "xy");
    }

    #[test]
    fn controls_bidi_and_invisibles_are_removed() {
        assert_eq!(c("a\u{7}b\u{0}c\u{7f}d\u{85}e"), "abcd e");
        assert_eq!(c("abc\u{202e}fed\u{2066}x\u{2069}"), "abcfedx");
        assert_eq!(c("in\u{200b}vis\u{feff}ible\u{ad}\u{e0041}"), "invisible");
    }

    #[test]
    fn combining_floods_are_capped_but_accents_kept() {
        assert_eq!(c("e\u{301}"), "e\u{301}");
        let zalgo = format!("a{}b", "\u{300}".repeat(200));
        assert_eq!(c(&zalgo).chars().count(), 2 + MARKS_MAX);
    }

    #[test]
    fn joined_emoji_stay_joined() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(c(family), family);
        assert_eq!(c("\u{200d}x\u{200d}"), "x");
    }

    #[test]
    fn long_fields_end_in_an_ellipsis() {
        let s = clean(&"word ".repeat(100), 20);
        assert_eq!(s.chars().count(), 20);
        assert!(s.ends_with('…'));
        assert_eq!(clean("e\u{301}e\u{301}e\u{301}", 4), "e\u{301}…");
    }

    /// What [`plain_ascii_prefix`] computes, one byte at a time.
    fn plain_prefix_by_bytes(b: &[u8]) -> usize {
        let mut n = 0;
        while n < b.len()
            && (0x20..0x7f).contains(&b[n])
            && !(b[n] == b' ' && n > 0 && b[n - 1] == b' ')
        {
            n += 1;
        }
        n
    }

    #[test]
    fn the_fast_prefix_agrees_with_a_plain_scan() {
        let reference = plain_prefix_by_bytes;
        let mut seed = 7u64;
        for (len, alphabet) in (0..40).flat_map(|n| {
            [
                (n, &b"ab  ~\x7f\x1f\xc3 Z\x00\x80\xff"[..]),
                (n, &b"abcdefgh ~!@#$%^&*()\x7f"[..]),
            ]
        }) {
            for _ in 0..300 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        alphabet[(seed >> 33) as usize % alphabet.len()]
                    })
                    .collect();
                assert_eq!(plain_ascii_prefix(&bytes), reference(&bytes), "{bytes:?}");
            }
        }
    }

    #[test]
    fn the_fast_prefix_stops_at_every_offset_of_a_step() {
        // Lengths and offsets on both sides of the short-field case and of each step, the
        // last (overlapping) window included.
        for len in 0..=3 * STEP + 2 {
            let plain = vec![b'x'; len];
            assert_eq!(plain_ascii_prefix(&plain), len);
            let words: Vec<u8> = (0..len)
                .map(|i| if i % 2 == 1 { b' ' } else { b'x' })
                .collect();
            assert_eq!(plain_ascii_prefix(&words), len, "{words:?}");
            for at in 0..len {
                for stop in [0, b'\n', 0x1f, 0x7f, 0x80, 0xc3, 0xff] {
                    let mut b = plain.clone();
                    b[at] = stop;
                    assert_eq!(plain_ascii_prefix(&b), at, "{b:?}");
                }
                for edge in [b' ', b'!', b'~'] {
                    let mut b = plain.clone();
                    b[at] = edge;
                    assert_eq!(plain_ascii_prefix(&b), len, "{b:?}");
                }
                if at + 1 < len {
                    let mut b = plain.clone();
                    b[at..at + 2].copy_from_slice(b"  ");
                    assert_eq!(plain_ascii_prefix(&b), at + 1, "{b:?}");
                }
            }
        }
    }

    /// Printable ASCII with single and double spaces, and a few bytes that end a run (or are
    /// just inside the printable range) put anywhere.
    fn mostly_plain_bytes() -> impl Strategy<Value = Vec<u8>> {
        let plain = prop_oneof![8 => b'a'..=b'z', 2 => Just(b' '), 1 => b'!'..=b'~'];
        let special = proptest::sample::select(
            &[
                b' ', b'!', b'~', 0, b'\t', b'\n', 0x1b, 0x1f, 0x7f, 0x80, 0xc3, 0xe2, 0xff,
            ][..],
        );
        (
            proptest::collection::vec(plain, 0..4 * STEP),
            proptest::collection::vec((any::<proptest::sample::Index>(), special), 0..4),
        )
            .prop_map(|(mut bytes, put)| {
                for (at, byte) in put {
                    if !bytes.is_empty() {
                        let at = at.index(bytes.len());
                        bytes[at] = byte;
                    }
                }
                bytes
            })
    }

    proptest! {
        #[test]
        fn the_fast_prefix_agrees_with_a_plain_scan_on_any_bytes(bytes in mostly_plain_bytes()) {
            prop_assert_eq!(plain_ascii_prefix(&bytes), plain_prefix_by_bytes(&bytes));
        }
    }

    #[test]
    fn output_has_only_allowed_characters() {
        let s = c("\u{1b}[1m\u{9b}x\u{2028}y\u{2029}\u{0}");
        assert!(s.chars().all(is_allowed), "{s:?}");
    }

    #[test]
    fn ascii_spaces_are_the_ascii_chars_classify_calls_spaces() {
        for b in 0..0x80u8 {
            assert_eq!(
                is_ascii_space(b),
                classify(char::from(b)) == Kind::Space,
                "{b:#x}"
            );
        }
    }

    /// What [`clean`] computes, every char through [`classify`]: [`clean_into`] without its
    /// ASCII fast path.
    fn clean_by_chars(s: &str, max: usize) -> String {
        let mut out = String::new();
        let (mut chars, mut marks, mut pending_space) = (0, 0, false);
        let mut it = s.chars();
        while let Some(c) = it.next() {
            match classify(c) {
                Kind::Escape => {
                    skip_escape(c, &mut it);
                    continue;
                }
                Kind::Drop => continue,
                Kind::Space => {
                    pending_space = !out.is_empty();
                    marks = 0;
                    continue;
                }
                Kind::Mark => {
                    if out.is_empty() || pending_space || marks >= MARKS_MAX {
                        continue;
                    }
                    marks += 1;
                }
                Kind::Joiner => {
                    let next = it.clone().next();
                    let next_visible = next.is_some_and(|n| classify(n) == Kind::Plain);
                    if out.is_empty() || pending_space || !next_visible || marks >= MARKS_MAX {
                        continue;
                    }
                    marks += 1;
                }
                Kind::Plain => marks = 0,
            }
            if pending_space {
                out.push(' ');
                chars += 1;
                pending_space = false;
            }
            if chars >= max {
                cut_to_grapheme(&mut out, 0, max);
                break;
            }
            out.push(c);
            chars += 1;
        }
        out
    }

    /// Checks [`clean_into`] against [`clean_by_chars`], into an empty string and after text.
    fn assert_cleans_as_by_chars(s: &str, max: usize) {
        let expected = clean_by_chars(s, max);
        assert_eq!(clean(s, max), expected, "{s:?} cut to {max}");
        let mut out = String::from("x");
        assert_eq!(clean_into(s, max, &mut out), !expected.is_empty());
        assert_eq!(out, format!("x{expected}"), "{s:?} cut to {max}");
    }

    #[test]
    fn cleaning_agrees_with_the_char_path_around_each_step() {
        let seps = [
            "", " ", "  ", "\n", "\n  ", " \n", "\r\n", "\t", "\u{b}", "é", "\u{301}", "\u{200d}",
            "\u{85}", "\x1b[0m", "\u{7f}",
        ];
        for n in 0..=3 * STEP + 2 {
            let head = "x".repeat(n);
            for sep in seps {
                for s in [format!("{head}{sep}y z"), format!("{sep}{head}{sep}")] {
                    for max in [1, n.max(1) - 1, n, n + 1, n + 2, 1000] {
                        assert_cleans_as_by_chars(&s, max.max(1));
                    }
                }
            }
        }
    }

    /// Text as the loader sees it: words and spaces, hard-wrapped lines, and now and then a
    /// character the fast path leaves to the char path.
    fn wrapped_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            6 => "[a-zA-Z0-9.,()-]{1,40}",
            3 => Just(" ".to_string()),
            2 => proptest::sample::select(&["  ", "\n", "\n  ", "\r\n", "\t", "\u{b}", "\u{c}", " \n"][..])
                .prop_map(String::from),
            1 => proptest::sample::select(
                &["é", "😀", "\u{85}", "\u{2028}", "\u{301}", "\u{200d}", "\u{feff}", "\x1b[31m", "\u{7f}", "\0"][..],
            )
            .prop_map(String::from),
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn cleaning_agrees_with_the_char_path(s in wrapped_text(), max in 1..120usize) {
            assert_cleans_as_by_chars(&s, max);
            assert_cleans_as_by_chars(&s, ABSTRACT_MAX);
        }
    }
}
