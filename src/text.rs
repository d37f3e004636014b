//! Fitting clean text into terminal cells: width by grapheme, cutting with an ellipsis, and
//! word wrapping, all with one measure: the cells ratatui's `Buffer::set_stringn` draws each
//! grapheme in (not unicode-width's width of a whole string). A grapheme is never split.

use std::borrow::Cow;
use std::ops::Range;

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

pub const ELLIPSIS: &str = "…";

/// Cells one grapheme takes; 0 for those ratatui does not draw.
pub fn grapheme_width(g: &str) -> usize {
    if g.contains(char::is_control) {
        0
    } else {
        usize::from(g.cell_width())
    }
}

/// Cells a terminal that sizes each character of grapheme `g` on its own may give it: two
/// for a wide character or one a variation selector (U+FE0F) makes an emoji, none for marks
/// and joiners. More than [`grapheme_width`] for joined emoji (`👨‍👩‍👧`, `🏳️‍🌈`), which some
/// terminals draw as their parts.
pub fn widest_in_terminals(g: &str) -> usize {
    let mut cells = 0;
    let mut chars = g.chars().peekable();
    while let Some(c) = chars.next() {
        cells += match chars.peek() {
            Some('\u{fe0f}') => 2,
            _ => c.width().unwrap_or(0),
        };
    }
    cells
}

/// Cells `s` takes on screen.
pub fn width(s: &str) -> usize {
    if s.is_ascii() && !s.contains(|c: char| c.is_ascii_control()) {
        return s.len();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// `s` cut to at most `max` cells, ending in an ellipsis when anything was cut.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    match cut(s, max) {
        (len, false) => Cow::Borrowed(&s[..len]),
        (len, true) => Cow::Owned(format!("{}{ELLIPSIS}", &s[..len])),
    }
}

/// Where [`truncate`] cuts `s`: the bytes of `s` it keeps, and whether an ellipsis follows
/// them (within the `max` cells). Reads no further than `max` cells into `s`.
pub fn cut(s: &str, max: usize) -> (usize, bool) {
    if max == 0 {
        return (0, false);
    }
    let room = max - 1;
    let (mut used, mut keep) = (0, 0);
    for (i, g) in s.grapheme_indices(true) {
        used += grapheme_width(g);
        if used > max {
            return (s[..keep].trim_end().len(), true);
        }
        if used <= room {
            keep = i + g.len();
        }
    }
    (s.len(), false)
}

/// True if `s` takes at most `max` cells. Reads no further than `max` cells into `s`.
pub fn fits(s: &str, max: usize) -> bool {
    let mut used = 0;
    s.graphemes(true).all(|g| {
        used += grapheme_width(g);
        used <= max
    })
}

/// The first line of `s` in `width` cells, broken as [`wrap`] breaks it: after the last word
/// that fits (words are what spaces separate), else inside a word too long for a line, between
/// graphemes. Returns where the line ends and where the rest starts (the spaces between belong
/// to neither); both are `s.len()` when all of `s` fits. Reads no further than a word past
/// `width` cells.
pub fn break_line(s: &str, width: usize) -> (usize, usize) {
    let mut used: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for word in s.split(' ') {
        let start = offset;
        offset += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        // The spaces since the last word, all of them: the line is drawn with them.
        let room = used.map_or(width, |u| width.saturating_sub(u + start - end));
        if !fits(word, room) {
            if used.is_some() {
                return (end, start);
            }
            // A word wider than the line: as much of it as fits, at least one grapheme.
            let mut piece = 0;
            let mut cells = 0;
            for (i, g) in word.grapheme_indices(true) {
                cells += grapheme_width(g);
                if cells > width && piece > 0 {
                    break;
                }
                piece = i + g.len();
            }
            return (start + piece, start + piece);
        }
        let cells = self::width(word);
        used = Some(used.map_or(cells, |u| u + start - end + cells));
        end = start + word.len();
    }
    (s.len(), s.len())
}

/// The end of `s` in at most `max` cells, starting with an ellipsis when anything was cut:
/// for a line being typed, whose end matters most.
pub fn truncate_start(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut used = 0;
    let mut start = s.len();
    for (i, g) in s.grapheme_indices(true).rev() {
        used += grapheme_width(g);
        if used > max - 1 {
            break;
        }
        start = i;
    }
    Cow::Owned(format!("{ELLIPSIS}{}", &s[start..]))
}

/// Breaks `s` into lines of at most `width` cells: at spaces where it can, inside a word
/// (between graphemes) where a word alone is wider than the line. Returns byte ranges of `s`;
/// the spaces at breaks belong to no line. An empty `s` or a zero width gives no lines.
pub fn wrap(s: &str, width: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    if width == 0 {
        return lines;
    }
    let mut at = s.len() - s.trim_start_matches(' ').len();
    while at < s.len() {
        let (end, rest) = break_line(&s[at..], width);
        let end = s[at..at + end].trim_end_matches(' ').len();
        if end > 0 {
            lines.push(at..at + end);
        }
        at += rest;
        at += s[at..].len() - s[at..].trim_start_matches(' ').len();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(s: &str, width: usize) -> Vec<&str> {
        wrap(s, width).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn wide_characters_count_two_cells() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("日本"), 4);
        assert_eq!(width("👍🏽"), 2);
        assert_eq!(width("e\u{301}"), 1);
    }

    #[test]
    fn a_terminal_may_draw_joined_emoji_as_their_parts() {
        assert_eq!(widest_in_terminals("👨\u{200d}👩\u{200d}👧"), 6);
        assert_eq!(widest_in_terminals("🏳\u{fe0f}\u{200d}🌈"), 4);
        assert_eq!(widest_in_terminals("e\u{301}"), 1);
        assert_eq!(widest_in_terminals("日"), 2);
        assert_eq!(width("👨\u{200d}👩\u{200d}👧"), 2, "one emoji to ratatui");
    }

    #[test]
    fn truncation_adds_an_ellipsis_only_when_cutting() {
        assert_eq!(truncate("hello", 5), "hello");
        assert_eq!(truncate("hello world", 8), "hello w…");
        assert_eq!(truncate("hello world", 7), "hello…");
        assert_eq!(truncate("hello", 1), "…");
        assert_eq!(truncate("hello", 0), "");
    }

    #[test]
    fn truncation_never_splits_a_wide_character() {
        let cut = truncate("日本語のタイトル", 6);
        assert_eq!(cut, "日本…");
        assert!(width(&cut) <= 6);
        let cut = truncate("a👨‍👩‍👧b", 3);
        assert_eq!(cut, "a…");
    }

    #[test]
    fn cut_says_where_truncate_cuts_and_fits_reads_no_further_than_needed() {
        for (s, max) in [
            ("hello world", 8),
            ("hello", 5),
            ("日本語", 3),
            ("", 0),
            ("ab", 0),
        ] {
            let (len, cut) = cut(s, max);
            let expected = if cut {
                format!("{}{ELLIPSIS}", &s[..len])
            } else {
                s[..len].to_string()
            };
            assert_eq!(truncate(s, max), expected, "{s:?} in {max}");
        }
        assert!(fits("hello", 5) && !fits("hello", 4) && fits("", 0));
        assert!(fits("日本", 4) && !fits("日本", 3));
    }

    #[test]
    fn the_first_line_breaks_where_wrap_breaks_it() {
        let cases = [
            ("the quick brown fox", 10),
            ("the quick brown fox", 9),
            ("the  quick", 4),
            ("abcdefgh ij", 3),
            ("日本語のタイトル and words", 5),
            ("word", 10),
            ("a 🏻b c", 3),
        ];
        for (s, cells) in cases {
            let (end, next) = break_line(s, cells);
            let first = wrap(s, cells).into_iter().next().unwrap_or(0..0);
            assert_eq!(&s[..end], &s[first], "{s:?} in {cells}");
            assert!(!s[next..].starts_with(' '), "{s:?}");
            assert!(width(&s[..end]) <= cells, "{s:?} in {cells}");
        }
        assert_eq!(break_line("a long title", 6), (6, 7));
        assert_eq!(break_line("a long title", 5), (1, 2));
        assert_eq!(break_line("short", 6), (5, 5));
    }

    #[test]
    fn cutting_the_start_keeps_the_end() {
        assert_eq!(truncate_start("galore", 10), "galore");
        assert_eq!(truncate_start("galore", 4), "…ore");
        assert_eq!(truncate_start("日本語", 4), "…語");
        assert_eq!(truncate_start("abc", 0), "");
    }

    #[test]
    fn wrapping_breaks_at_spaces() {
        assert_eq!(
            wrapped("the quick brown fox", 10),
            ["the quick", "brown fox"]
        );
        assert_eq!(wrapped("", 10), Vec::<&str>::new());
        assert_eq!(wrapped("word", 0), Vec::<&str>::new());
    }

    #[test]
    fn wrapping_counts_every_space_between_words() {
        assert_eq!(wrapped("a  b", 3), ["a", "b"]);
        assert_eq!(wrapped("a  b c", 4), ["a  b", "c"]);
        for line in wrapped("No   papers  match \"a   b\".", 9) {
            assert!(width(line) <= 9, "{line:?}");
        }
    }

    /// Where a string ends when ratatui draws it from column 0 of a wide enough row.
    fn drawn_width(s: &str) -> usize {
        let area = ratatui::layout::Rect::new(0, 0, 200, 1);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        let (x, _) = buf.set_stringn(0, 0, s, 200, ratatui::style::Style::new());
        usize::from(x)
    }

    /// An emoji modifier after a space or a letter (no emoji before it to join) is one
    /// grapheme of three cells. The random-event test found two: ratatui's `Paragraph` put
    /// `" 🏻"` and `"g🏻"` at the end of a wrapped line one and two cells past its width,
    /// onto a pane's border (seeds 20261200 and 20261203 at 1M events).
    #[test]
    fn a_modifier_after_a_space_or_a_letter_measures_the_same_cut_wrapped_and_drawn() {
        for g in [" 🏻", "g🏻", "B🏻"] {
            assert_eq!(g.graphemes(true).count(), 1, "{g:?}");
            assert_eq!((width(g), drawn_width(g)), (3, 3), "{g:?}");
            assert_eq!(truncate(g, 2), ELLIPSIS, "never half of it");
            assert_eq!(truncate(&format!("ab{g}"), 4), "ab…");
            let message = format!("No papers match \"?k😀{g} jt Gq/j\u{301}baa o?\".");
            for cells in 3..=40 {
                for line in wrapped(&message, cells) {
                    assert!(drawn_width(line) <= cells, "{line:?} in {cells}");
                    assert_eq!(width(line), drawn_width(line), "{line:?}");
                }
            }
        }
    }

    /// unicode-width measures a whole string with ligatures (lam-alef is one cell) that
    /// ratatui's cells do not have; papertui measures by grapheme, as ratatui draws.
    #[test]
    fn width_is_the_width_ratatui_draws_not_the_width_of_the_whole_string() {
        use unicode_width::UnicodeWidthStr;
        let s = "لا日";
        assert_eq!(UnicodeWidthStr::width(s), 3);
        assert_eq!((width(s), drawn_width(s)), (4, 4));
    }

    #[test]
    fn wrapping_breaks_long_words_between_graphemes() {
        assert_eq!(wrapped("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
        assert_eq!(wrapped("日本語の", 3), ["日", "本", "語", "の"]);
        for line in wrapped("日本語のタイトル and words", 5) {
            assert!(width(line) <= 5, "{line}");
        }
    }
}
