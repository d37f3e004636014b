//! Finding a term's spellings in text: every occurrence, the first, or whether there is one.
//!
//! Aho-Corasick finds any set of spellings, but ignoring ASCII case it reads about 1 GB/s on
//! prose whatever the term. Most terms are plain ASCII words whose spellings are the word and
//! the word with one hyphen between two of its letters; those are found from their rarest
//! letter instead (memchr on both its cases, then a comparison around each hit), several times
//! faster, with the very same occurrences in the very same order.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input};

/// A term's spellings, ready to be found.
pub(crate) struct Finder {
    ac: AhoCorasick,
    /// The quick way, for plain ASCII terms.
    rare: Option<RareLetter>,
}

impl Finder {
    /// `spellings[0]` is the term as typed; `hyphens` says the others are it with one hyphen
    /// between two of its characters, each place once.
    pub(super) fn new(spellings: &[String], hyphens: bool, case_sensitive: bool) -> Finder {
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(!case_sensitive)
            .kind(Some(AhoCorasickKind::DFA))
            .build(spellings)
            .expect("a few short patterns always build");
        let term = spellings[0].as_bytes();
        let family = hyphens && term.iter().all(u8::is_ascii_alphanumeric);
        let rare = (term.is_ascii() && !term.is_empty() && (spellings.len() == 1 || family))
            .then(|| RareLetter::new(term, family, case_sensitive));
        Finder { ac, rare }
    }

    /// Every occurrence of any spelling in `text[from..]`, overlapping, as byte ranges: in
    /// order of their ends (of their starts too, for the spellings found the quick way).
    pub(super) fn occurrences<'t>(&'t self, text: &'t [u8], from: usize) -> Occurrences<'t> {
        let from = from.min(text.len());
        if let Some(rare) = &self.rare {
            return Occurrences::Rare(RareIter {
                rare,
                hay: text,
                from,
                next: from + rare.at,
                pending: None,
            });
        }
        let input = Input::new(text).span(from..text.len());
        Occurrences::Ac(self.ac.find_overlapping_iter(input))
    }

    /// The first occurrence in `text[from..]`: the one that ends first (Aho-Corasick's
    /// standard match), which for the quick spellings is also the one that starts first.
    pub(super) fn find(&self, text: &[u8], from: usize) -> Option<(usize, usize)> {
        if self.rare.is_some() {
            return self.occurrences(text, from).next();
        }
        let from = from.min(text.len());
        self.ac
            .find(Input::new(text).span(from..text.len()))
            .map(|m| (m.start(), m.end()))
    }

    /// The occurrences in `text[from..]` that may begin a word: the byte before them is no
    /// ASCII letter or digit (a field's first byte is not looked at: the caller checks those
    /// with [`Finder::spelled_from`]). None unless the term is found the quick way and is one
    /// of letters and digits, or if its rarest letter is rare enough to be found quicker on
    /// its own. Such terms count only where they start a word, and in prose far fewer letters
    /// start words than occur: the bytes are compared 32 at a time, in code the compiler turns
    /// into vector instructions.
    pub(super) fn word_starts<'t>(&'t self, text: &'t [u8], from: usize) -> Option<WordStarts<'t>> {
        let rare = self.rare.as_ref()?;
        let common = commonness(rare.term[rare.at], rare.case_sensitive) > RARE_ENOUGH;
        let plain = rare.term.iter().all(u8::is_ascii_alphanumeric);
        (common && plain).then(|| WordStarts {
            rare,
            hay: text,
            base: from.min(text.len()),
            mask: 0,
            started: false,
        })
    }

    /// True if even the rarest letter of the term is among the commonest (`e`, `t`, `a`, `o`,
    /// `i`, `n`, `s`, `r`): found the quick way, it stops too often to be quick.
    pub(super) fn is_dense(&self) -> bool {
        (self.rare.as_ref()).is_some_and(|r| commonness(r.term[r.at], r.case_sensitive) > DENSE)
    }

    /// Where the occurrence of a spelling that starts at `start` ends, if there is one (for
    /// terms found the quick way).
    pub(super) fn spelled_from(&self, text: &[u8], start: usize) -> Option<usize> {
        self.rare.as_ref()?.spelled_from(text, start)
    }

    pub(super) fn is_match(&self, text: &[u8]) -> bool {
        self.find(text, 0).is_some()
    }
}

/// A plain ASCII term found from its rarest byte: `at` is where that byte sits in the term.
struct RareLetter {
    /// The term, lower-cased unless case matters.
    term: Vec<u8>,
    at: usize,
    /// The byte looked for, in both cases where case does not matter.
    bytes: (u8, u8),
    /// The spellings with one hyphen between two letters are looked for too.
    hyphens: bool,
    case_sensitive: bool,
}

/// How common a byte is in English prose, rarest first, for picking the byte to look for.
const BY_FREQUENCY: &[u8] = b"etaoinsrhldcumfpgwybvkxjqz";

/// A byte this rare (see [`commonness`]: `b`, `v`, `k`, `x`, `j`, `q`, `z`, digits) is found
/// quicker by memchr than by comparing every byte.
const RARE_ENOUGH: usize = 7;

/// Bytes more common than this (see [`Finder::is_dense`]).
const DENSE: usize = 18;

fn commonness(b: u8, case_sensitive: bool) -> usize {
    let lower = b.to_ascii_lowercase();
    match BY_FREQUENCY.iter().position(|&c| c == lower) {
        // A capital is rarer than its small letter when case matters.
        Some(rank) if case_sensitive && b.is_ascii_uppercase() => (BY_FREQUENCY.len() - rank) / 2,
        Some(rank) => BY_FREQUENCY.len() - rank,
        None if b.is_ascii_digit() => 5,
        None if b == b' ' => 40,
        None => 3,
    }
}

impl RareLetter {
    fn new(term: &[u8], hyphens: bool, case_sensitive: bool) -> RareLetter {
        let term: Vec<u8> = if case_sensitive {
            term.to_vec()
        } else {
            term.to_ascii_lowercase()
        };
        let at = (0..term.len())
            .min_by_key(|&i| commonness(term[i], case_sensitive))
            .unwrap_or(0);
        let b = term[at];
        let bytes = if case_sensitive {
            (b, b)
        } else {
            (b, b.to_ascii_uppercase())
        };
        RareLetter {
            term,
            at,
            bytes,
            hyphens,
            case_sensitive,
        }
    }

    fn same(&self, text: &[u8], term: &[u8]) -> bool {
        if self.case_sensitive {
            text == term
        } else {
            text.len() == term.len()
                && text
                    .iter()
                    .zip(term)
                    .all(|(a, b)| a.to_ascii_lowercase() == *b)
        }
    }

    /// True if the spelling with a hyphen at `hyphen` (before term byte `i = hyphen - start`),
    /// or without any, occurs at `start` in `hay`.
    fn spelled_at(&self, hay: &[u8], start: usize, hyphen: Option<usize>) -> bool {
        let n = self.term.len();
        match hyphen {
            None => hay
                .get(start..start + n)
                .is_some_and(|t| self.same(t, &self.term)),
            Some(h) => {
                let i = h - start;
                hay.get(start..start + n + 1).is_some_and(|_| {
                    self.same(&hay[start..h], &self.term[..i])
                        && self.same(&hay[h + 1..=start + n], &self.term[i..])
                })
            }
        }
    }

    /// Where the occurrence of a spelling that starts at `start` ends, if there is one: at
    /// most one can (a hyphen stands where another has a letter).
    fn spelled_from(&self, hay: &[u8], start: usize) -> Option<usize> {
        let n = self.term.len();
        if self.spelled_at(hay, start, None) {
            return Some(start + n);
        }
        if !self.hyphens {
            return None;
        }
        let last = (start + n).min(hay.len());
        (start + 1..last)
            .find(|&h| hay[h] == b'-' && self.spelled_at(hay, start, Some(h)))
            .map(|_| start + n + 1)
    }

    /// The occurrences whose rarest byte is the one at `c`, in order: one with a hyphen
    /// before it, then one starting at `c - at` (with or without a hyphen after it). No two
    /// can start at the same place: a hyphen stands where the other has a letter.
    fn around(&self, hay: &[u8], c: usize, from: usize) -> [Option<(usize, usize)>; 2] {
        let (n, at) = (self.term.len(), self.at);
        let mut out = [None, None];
        // Most hits of a common letter are not the term: the letters on either side say so.
        let beside = |pos: Option<usize>, want: u8| {
            pos.and_then(|p| hay.get(p)).is_some_and(|&b| {
                let b = if self.case_sensitive {
                    b
                } else {
                    b.to_ascii_lowercase()
                };
                b == want || (self.hyphens && b == b'-')
            })
        };
        if (at + 1 < n && !beside(Some(c + 1), self.term[at + 1]))
            || (at >= 1 && !beside(c.checked_sub(1), self.term[at - 1]))
        {
            return out;
        }
        if self.hyphens && at >= 1 && c > at && c - at > from {
            let start = c - at - 1;
            out[0] = (c - at..c)
                .find(|&h| hay[h] == b'-' && self.spelled_at(hay, start, Some(h)))
                .map(|_| (start, start + n + 1));
        }
        if c >= at && c - at >= from {
            let start = c - at;
            if self.spelled_at(hay, start, None) {
                out[1] = Some((start, start + n));
            } else if self.hyphens {
                let last = (start + n).min(hay.len());
                out[1] = (c + 1..last)
                    .find(|&h| hay[h] == b'-' && self.spelled_at(hay, start, Some(h)))
                    .map(|_| (start, start + n + 1));
            }
        }
        out
    }
}

/// The occurrences of a term, found either way.
pub(super) enum Occurrences<'t> {
    Rare(RareIter<'t>),
    Ac(aho_corasick::FindOverlappingIter<'t, 't>),
}

impl Iterator for Occurrences<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        match self {
            Occurrences::Rare(it) => it.next(),
            Occurrences::Ac(it) => it.next().map(|m| (m.start(), m.end())),
        }
    }
}

pub(super) struct RareIter<'t> {
    rare: &'t RareLetter,
    hay: &'t [u8],
    from: usize,
    /// Where to look for the next rarest byte.
    next: usize,
    pending: Option<(usize, usize)>,
}

impl Iterator for RareIter<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        if let Some(found) = self.pending.take() {
            return Some(found);
        }
        let (a, b) = self.rare.bytes;
        loop {
            let rest = self.hay.get(self.next..)?;
            let hit = if a == b {
                memchr::memchr(a, rest)
            } else {
                memchr::memchr2(a, b, rest)
            };
            let c = self.next + hit?;
            self.next = c + 1;
            match self.rare.around(self.hay, c, self.from) {
                [Some(first), second] => {
                    self.pending = second;
                    return Some(first);
                }
                [None, Some(only)] => return Some(only),
                [None, None] => {}
            }
        }
    }
}

/// Bytes compared at a time by [`WordStarts`].
const BLOCK: usize = 32;

/// The occurrences of a term of letters and digits that may begin a word, in order.
pub(super) struct WordStarts<'t> {
    rare: &'t RareLetter,
    hay: &'t [u8],
    /// Where the block whose candidates are in `mask` starts.
    base: usize,
    /// Candidate starts left in the block, one bit each.
    mask: u32,
    started: bool,
}

impl WordStarts<'_> {
    /// A bit for each place of the block at `base` where the term's first byte stands (its
    /// second too, or a hyphen) after a byte that is no ASCII letter or digit.
    fn block(&self, base: usize) -> u32 {
        let (hay, term) = (self.hay, &self.rare.term);
        let fold = |b: u8| {
            if self.rare.case_sensitive {
                b
            } else {
                b.to_ascii_lowercase()
            }
        };
        let word = |b: u8| b.is_ascii_alphanumeric();
        let first = term[0];
        let second = term.get(1).copied();
        let hyphens = self.rare.hyphens;
        let hit = |at: usize| -> bool {
            let before = at.checked_sub(1).map_or(b' ', |b| hay[b]);
            let next = hay.get(at + 1).copied().unwrap_or(0);
            fold(hay[at]) == first
                && !word(before)
                && second.is_none_or(|s| fold(next) == s || (hyphens && next == b'-'))
        };
        if base == 0 || base + BLOCK + 1 > hay.len() {
            let end = (base + BLOCK).min(hay.len());
            return (base..end).fold(0, |m, at| m | (u32::from(hit(at)) << (at - base)));
        }
        // The same test on whole arrays: no branch, so the compiler vectorizes it.
        let window: &[u8; BLOCK + 2] = hay[base - 1..=base + BLOCK]
            .try_into()
            .expect("a whole block");
        let mut hits = [0u8; BLOCK];
        let lower = |b: u8| {
            if self.rare.case_sensitive {
                b
            } else {
                b | 0x20
            }
        };
        let alnum = |b: u8| {
            let l = b | 0x20;
            b.is_ascii_digit() || (l.is_ascii_lowercase() && b < 0x80)
        };
        let (want2, any2) = match second {
            Some(s) => (s, false),
            None => (0, true),
        };
        for j in 0..BLOCK {
            let (before, this, next) = (window[j], window[j + 1], window[j + 2]);
            let second_ok = any2 || lower(next) == want2 || (hyphens && next == b'-');
            hits[j] = u8::from(lower(this) == first && !alnum(before) && second_ok);
        }
        // Eight bytes of 0 or 1 to eight bits: each byte's bit lands in the top byte.
        let mut mask = 0u32;
        for (k, eight) in hits.chunks_exact(8).enumerate() {
            let x = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
            mask |= ((x.wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32) << (8 * k);
        }
        mask
    }
}

impl Iterator for WordStarts<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            while self.mask != 0 {
                let at = self.base + self.mask.trailing_zeros() as usize;
                self.mask &= self.mask - 1;
                if let Some(end) = self.rare.spelled_from(self.hay, at) {
                    return Some((at, end));
                }
            }
            if self.started {
                self.base += BLOCK;
            }
            self.started = true;
            if self.base >= self.hay.len() {
                return None;
            }
            self.mask = self.block(self.base);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::Lcg;

    fn spellings(term: &str) -> Vec<String> {
        let mut all = vec![term.to_string()];
        all.extend((1..term.len()).map(|i| format!("{}-{}", &term[..i], &term[i..])));
        all
    }

    #[test]
    fn the_quick_way_finds_what_aho_corasick_finds_in_the_same_order() {
        let mut random = Lcg(5);
        let text_chars: Vec<char> = "abAB-- .xé1".chars().collect();
        let term_chars: Vec<char> = "abeAEB1x".chars().collect();
        for round in 0..20_000 {
            let text = random.string(&text_chars, round % 90);
            let term = random.string(&term_chars, 1 + round % 4);
            let case_sensitive = term.bytes().any(|b| b.is_ascii_uppercase());
            let hyphens = round % 3 != 0;
            let all = if hyphens {
                spellings(&term)
            } else {
                vec![term.clone()]
            };
            let finder = Finder::new(&all, hyphens, case_sensitive);
            assert!(finder.rare.is_some());
            let reference = Finder {
                ac: AhoCorasick::builder()
                    .ascii_case_insensitive(!case_sensitive)
                    .build(&all)
                    .unwrap(),
                rare: None,
            };
            let from = round % 5;
            let hay = text.as_bytes();
            let quick: Vec<_> = finder.occurrences(hay, from).collect();
            let slow: Vec<_> = reference.occurrences(hay, from).collect();
            assert_eq!(quick, slow, "{term:?} in {text:?} from {from}");
            assert_eq!(
                finder.find(hay, from),
                reference.find(hay, from),
                "first {term:?} in {text:?} from {from}"
            );
            // Those that may start a word: after no ASCII letter or digit (the first byte
            // aside, which the caller checks).
            let starting: Vec<_> = slow
                .iter()
                .copied()
                .filter(|&(s, _)| s > 0 && !hay[s - 1].is_ascii_alphanumeric())
                .collect();
            if let Some(starts) = finder.word_starts(hay, from) {
                let found: Vec<_> = starts.filter(|&(s, _)| s > 0).collect();
                assert_eq!(
                    found, starting,
                    "word starts of {term:?} in {text:?} from {from}"
                );
            }
            let at_start = slow.iter().find(|&&(s, _)| s == 0).map(|&(_, e)| e);
            if from == 0 {
                assert_eq!(
                    finder.spelled_from(hay, 0),
                    at_start,
                    "{term:?} at 0 of {text:?}"
                );
            }
        }
    }

    #[test]
    fn terms_with_other_characters_are_found_by_aho_corasick() {
        let finder = Finder::new(&["pre-t".into(), "pret".into()], false, false);
        assert!(finder.rare.is_none());
        assert!(finder.is_match(b"Pretraining"));
        let finder = Finder::new(&["é".into()], false, false);
        assert!(finder.rare.is_none());
    }
}
