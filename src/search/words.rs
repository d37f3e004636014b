//! Words in prose: how an occurrence sits among words, tight fuzzy matches, closeness.

/// How an occurrence of a term sits among the words around it, worst to best.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Fit {
    Inside,
    Start,
    Whole,
}

/// Letters and digits make words; anything else separates them.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// How `text[start..end]` sits among words. A term that begins (ends) with a separator needs
/// no boundary on that side.
pub(super) fn fit(text: &str, start: usize, end: usize) -> Fit {
    let inner = &text[start..end];
    // The characters on either side, decoded only where not ASCII: a million titles are
    // looked at per keystroke.
    let bytes = text.as_bytes();
    let before = match start.checked_sub(1).map(|i| bytes[i]) {
        None => None,
        Some(b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text[..start].chars().next_back(),
    };
    let after = match bytes.get(end) {
        None => None,
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text[end..].chars().next(),
    };
    let opens =
        !inner.chars().next().is_some_and(is_word_char) || !before.is_some_and(is_word_char);
    let closes =
        !inner.chars().next_back().is_some_and(is_word_char) || !after.is_some_and(is_word_char);
    match (opens, closes) {
        (true, true) => Fit::Whole,
        (true, false) => Fit::Start,
        _ => Fit::Inside,
    }
}

/// Where the word holding byte `at` ends.
pub(super) fn word_end(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(i, _)| at + i)
}

/// How many bytes a fuzzy match may spread over beyond the term's own length and still be
/// tight: a letter or two left out (`difusion`, `trnsformer`), never letters scattered over
/// several words. The same for every length, so a term's prefix is tight wherever the term is
/// (typing more only narrows the results).
pub(super) const SLACK: usize = 2;

/// True if `needle` (lower-cased unless `case_sensitive`) is a subsequence of a window of
/// `hay` at most `needle.len() + SLACK` bytes long.
pub(super) fn is_tight_in(needle: &[u8], case_sensitive: bool, hay: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let same = |a: u8, b: u8| {
        if case_sensitive {
            a == b
        } else {
            a.to_ascii_lowercase() == b
        }
    };
    let width = needle.len() + SLACK;
    (0..hay.len()).filter(|&i| same(hay[i], first)).any(|i| {
        let window = &hay[i + 1..hay.len().min(i + width)];
        let mut want = rest.iter().peekable();
        for &b in window {
            if want.peek().is_some_and(|&&w| same(b, w)) {
                want.next();
            }
        }
        want.peek().is_none()
    })
}

/// Most occurrences of each term looked at for closeness.
const NEAR_LOOKS: usize = 16;
/// Bytes between two words that still count as near.
const NEAR: usize = 40;

/// How close an occurrence of one term (`a`, starts of its words) comes to one of the next
/// (`b`) in `text`: 3 the very next word, 2 after it within a few words, 1 within a few words
/// before it, 0 apart.
pub(super) fn closeness(text: &str, a: &[usize], b: &[usize]) -> i64 {
    let mut best = 0;
    for &x in a.iter().take(NEAR_LOOKS) {
        let x_end = word_end(text, x);
        for &y in b.iter().take(NEAR_LOOKS) {
            let points = if y >= x_end {
                let between = &text[x_end..y];
                if between.len() <= 3 && !between.chars().any(is_word_char) {
                    3
                } else if y - x_end <= NEAR {
                    2
                } else {
                    0
                }
            } else {
                i64::from(y < x && x.saturating_sub(word_end(text, y)) <= NEAR)
            };
            best = best.max(points);
            if best == 3 {
                return best;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_follow_the_words_around() {
        assert_eq!(fit("the robot arm", 4, 9), Fit::Whole);
        assert_eq!(fit("robotic arms", 0, 5), Fit::Start);
        assert_eq!(fit("microrobot", 5, 10), Fit::Inside);
        assert_eq!(fit("LLM-based agents", 3, 9), Fit::Whole);
        assert_eq!(fit("Müller's", 0, 7), Fit::Whole);
    }

    #[test]
    fn tight_means_at_most_a_letter_or_two_left_out() {
        assert!(is_tight_in(b"difusion", false, b"Latent Diffusion Models"));
        assert!(is_tight_in(b"trnsformer", false, b"Vision Transformers"));
        assert!(!is_tight_in(
            b"robot",
            false,
            b"Reasoning over bounded tokens"
        ));
        assert!(!is_tight_in(
            b"sparse",
            false,
            b"Statement Prototype-Anchored"
        ));
        assert!(is_tight_in(b"", false, b""));
        assert!(!is_tight_in(b"a", false, b""));
    }

    #[test]
    fn closeness_prefers_the_next_word_in_order() {
        let text = "sparse attention for long attention maps that are sparse";
        assert_eq!(closeness(text, &[0], &[7]), 3);
        assert_eq!(closeness(text, &[0], &[26]), 2);
        assert_eq!(closeness(text, &[51], &[26]), 1);
        assert_eq!(closeness("a b", &[2], &[0]), 1);
    }
}
