//! Properties of the one sanitizer, over arbitrary and hostile text: nothing forbidden gets
//! through, cleaning twice changes nothing, printable text is kept as it is, and caps hold
//! with a visible ellipsis, never splitting a grapheme.

use crate::support::hostile::{FRAGMENTS, is_forbidden};
use papertui::sanitize::{self, MARKS_MAX, clean};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// No cap: the whole cleaned text.
const ALL: usize = usize::MAX / 8;

/// Arbitrary text mixed with the pieces attackers use (escape sequences, C1, bidi, invisible
/// characters, marks, odd spaces) and real scripts.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        2 => any::<char>().prop_map(String::from),
        2 => "[a-z ]{1,8}",
        1 => proptest::sample::select(SCRIPT_ATOMS).prop_map(str::to_string),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// Pieces of real text, each starting with a base character: letters with accents, words of
/// real scripts, emoji with skin tones, joined emoji, flags, keycaps.
const SCRIPT_ATOMS: &[&str] = &[
    "a",
    "Z",
    "7",
    ".",
    ",",
    ":",
    "(",
    ")",
    "-",
    "'",
    "\"",
    "?",
    "!",
    "&",
    "%",
    "/",
    "@",
    "#",
    "é",
    "e\u{301}",
    "ñ",
    "ü",
    "ø",
    "ß",
    "Å",
    "ł",
    "ő",
    "مرحبا",
    "بِسْمِ",
    "اللُّغَة",
    "שלום",
    "עִבְרִית",
    "ภาษาไทย",
    "กิ่",
    "हिन्दी",
    "क्षि",
    "নমস্কার",
    "東京",
    "日本語",
    "中文",
    "한국어",
    "ｶﾀｶﾅ",
    "Ελληνικά",
    "Русский",
    "ქართული",
    "∑∫√∞≈",
    "😀",
    "👍🏽",
    "👨\u{200d}👩\u{200d}👧",
    "👩🏽\u{200d}💻",
    "🏳\u{fe0f}\u{200d}🌈",
    "❤\u{fe0f}",
    "🇯🇵",
    "🇫🇷",
    "🇺🇸🇬🇧",
    "1\u{fe0f}\u{20e3}",
    "★",
    "→",
    "…",
    "—",
    "«",
    "»",
];

/// Printable text: atoms joined into words, words joined by single spaces.
fn printable_text() -> impl Strategy<Value = String> {
    let word = proptest::collection::vec(proptest::sample::select(SCRIPT_ATOMS), 1..6)
        .prop_map(|atoms| atoms.concat());
    proptest::collection::vec(word, 1..12).prop_map(|words| words.join(" "))
}

/// A few thousand cases in CI; `PROPTEST_CASES=1000000` for a longer run.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok());
    ProptestConfig {
        cases: cases.unwrap_or(3000),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn output_never_holds_a_forbidden_character(s in hostile_text(), max in 1usize..300) {
        for out in [clean(&s, max), clean(&s, ALL)] {
            let bad: Vec<char> = out.chars().filter(|&c| is_forbidden(c)).collect();
            prop_assert!(bad.is_empty(), "{out:?} holds {bad:?}");
            prop_assert!(out.chars().all(sanitize::is_allowed), "{out:?}");
            prop_assert!(!out.contains("  ") && !out.starts_with(' ') && !out.ends_with(' '));
        }
    }

    #[test]
    fn arbitrary_text_is_safe_too(s in any::<String>()) {
        let out = clean(&s, ALL);
        prop_assert!(!out.chars().any(is_forbidden), "{out:?}");
    }

    #[test]
    fn cleaning_twice_changes_nothing(s in hostile_text(), max in 1usize..300) {
        let once = clean(&s, max);
        prop_assert_eq!(clean(&once, max), once.clone());
        let all = clean(&s, ALL);
        prop_assert_eq!(clean(&all, ALL), all);
    }

    #[test]
    fn printable_text_is_kept_as_it_is(s in printable_text()) {
        prop_assert_eq!(clean(&s, ALL), s);
    }

    #[test]
    fn caps_hold_with_an_ellipsis_on_a_grapheme_boundary(
        s in prop_oneof![hostile_text(), printable_text()],
        max in 1usize..120,
    ) {
        let full = clean(&s, ALL);
        let out = clean(&s, max);
        prop_assert!(out.chars().count() <= max, "{out:?} is over {max}");
        if full.chars().count() <= max {
            prop_assert_eq!(out, full);
        } else {
            let kept = out.strip_suffix('…');
            prop_assert!(kept.is_some(), "{out:?} was cut without an ellipsis");
            let kept = kept.unwrap_or_default();
            prop_assert!(full.starts_with(kept), "{kept:?} is not a start of {full:?}");
            let boundaries: Vec<usize> = full.grapheme_indices(true).map(|(i, _)| i).collect();
            prop_assert!(
                kept.is_empty() || boundaries.contains(&kept.len()),
                "{kept:?} splits a grapheme of {full:?}"
            );
        }
    }

    #[test]
    fn marks_never_pile_up(s in hostile_text()) {
        let out = clean(&s, ALL);
        let mut run = 0;
        for c in out.chars() {
            run = if c.width() == Some(0) { run + 1 } else { 0 };
            prop_assert!(run <= MARKS_MAX, "{out:?}");
        }
    }
}

#[test]
fn every_hostile_fragment_alone_leaves_nothing_forbidden() -> crate::support::Result {
    for fragment in FRAGMENTS {
        let out = clean(&format!("x{fragment}y"), ALL);
        if out.chars().any(is_forbidden) {
            return Err(format!("{fragment:?} left {out:?}").into());
        }
    }
    Ok(())
}

#[test]
fn escape_sequences_leave_none_of_their_payload() -> crate::support::Result {
    for (input, want) in [
        ("a\x1b]0;PWNED\x07b", "ab"),
        ("a\x1b]2;PWNED\x1b\\b", "ab"),
        ("a\x1b]52;c;cm0gLXJmIH4=\x07b", "ab"),
        (
            "a\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\b",
            "aclickb",
        ),
        ("a\x1b[6nb", "ab"),
        ("a\x1b[cb", "ab"),
        ("a\x1b[>0cb", "ab"),
        ("a\x1bP+q544e\x1b\\b", "ab"),
        ("a\x1b_APC payload\x1b\\b", "ab"),
        ("a\x1bXSOS payload\x1b\\b", "ab"),
        ("a\x1b^PM payload\x1b\\b", "ab"),
        ("a\u{9b}6nb", "ab"),
        ("a\u{9d}0;PWNED\u{9c}b", "ab"),
        ("a\u{90}1$r\u{9c}b", "ab"),
        ("a\u{9f}apc\u{9c}b", "ab"),
    ] {
        assert_eq!(clean(input, ALL), want, "{input:?}");
    }
    Ok(())
}

#[test]
fn ideographic_variation_selectors_are_kept_but_tags_are_not() -> crate::support::Result {
    // 葛 with an ideographic variation selector (U+E0100): a real variant of a kanji.
    assert_eq!(clean("葛\u{e0100}城", ALL), "葛\u{e0100}城");
    // A subdivision flag's tag characters go: only the black flag stays.
    assert_eq!(
        clean(
            "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
            ALL
        ),
        "🏴"
    );
    Ok(())
}
