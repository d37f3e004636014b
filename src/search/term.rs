//! One term of a query, ready to match: as words, as text, fuzzily, or at the title's ends.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use fuzzy_matcher::skim::SkimMatcherV2;

use crate::search::case;
use crate::search::finder::Finder;
use crate::search::skim_bound;
use crate::search::syntax::{Kind, Piece};
use crate::search::words::{self, Fit};

pub const TITLE_WEIGHT: i64 = 4;
pub const AUTHORS_WEIGHT: i64 = 2;
pub const ABSTRACT_WEIGHT: i64 = 1;

pub(super) struct Term {
    pub(super) text: String,
    pub(super) kind: Kind,
    pub(super) negated: bool,
    /// Smart case: a term with a capital, ASCII or not, matches case-sensitively (see
    /// [`case::is_sensitive`]); SkimMatcherV2 is told so (see [`Term::matcher`]).
    case_sensitive: bool,
    /// Case-insensitive with a non-ASCII letter of two cases: the finder looks for its case
    /// variants as spellings (see [`case::spellings`]), the title's ends are compared through
    /// the finder, and the fuzzy matcher is given the term and the text folded (see
    /// [`Term::folded`]).
    cased: bool,
    /// The term as the fuzzy matcher is given it: `text`, folded if `cased`.
    pub(super) fuzzy_text: String,
    /// The bytes of `fuzzy_text` as matched by the subsequence prefilter (ASCII lower-cased
    /// unless case-sensitive).
    needle: Vec<u8>,
    /// The ASCII bytes of `needle`: all that can be looked for in text not yet decoded.
    pub(super) ascii_needle: Vec<u8>,
    /// Finds the term in any text (ASCII case-insensitive unless case-sensitive).
    pub(super) finder: Finder,
    /// No skim score can exceed this: each character scores at most a match plus the largest
    /// bonus. Lets a strong title match skip the other fields.
    max_score: i64,
}

impl Term {
    /// A plain term (the tests' and the bounds' unit).
    #[cfg(test)]
    pub(super) fn new(text: &str) -> Term {
        Term::of(&Piece {
            text: text.into(),
            kind: Kind::Word,
            negated: false,
        })
    }

    pub(super) fn of(piece: &Piece) -> Term {
        let text = piece.text.as_str();
        let case_sensitive = case::is_sensitive(text);
        let (mut spellings, hyphens) = spellings(piece);
        // ASCII terms are left as they are: their case is the finder's to fold.
        let cased = !case_sensitive && !text.is_ascii() && {
            let cased = case::spellings(&spellings);
            let any = !cased.is_empty();
            if any {
                spellings = cased;
            }
            any
        };
        let finder = Finder::new(&spellings, hyphens, case_sensitive);
        let fuzzy_text = if cased {
            case::folded(text).into_owned()
        } else {
            text.to_string()
        };
        let needle = if case_sensitive {
            fuzzy_text.as_bytes().to_vec()
        } else {
            fuzzy_text.to_ascii_lowercase().into_bytes()
        };
        let hyphen_free = piece.kind == Kind::Word && !piece.negated;
        Term {
            text: text.to_string(),
            kind: piece.kind,
            negated: piece.negated,
            case_sensitive,
            cased,
            fuzzy_text,
            ascii_needle: needle
                .iter()
                .copied()
                .filter(|&b| b.is_ascii() && !(hyphen_free && b == b'-'))
                .collect(),
            needle,
            finder,
            max_score: 32 * text.chars().count() as i64,
        }
    }

    /// Where the term occurs in `text` from byte `from` on, overlapping, as byte ranges.
    fn occurrences<'t>(
        &'t self,
        text: &'t str,
        from: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 't {
        self.finder.occurrences(text.as_bytes(), from)
    }

    /// The least fit that counts: any occurrence for `'exact`, a word or a word's start else.
    fn least_fit(&self) -> Fit {
        if self.kind == Kind::Word {
            Fit::Start
        } else {
            Fit::Inside
        }
    }

    /// Occurrences that count as the term's, from byte `from` on.
    pub(super) fn found<'t>(
        &'t self,
        text: &'t str,
        from: usize,
    ) -> impl Iterator<Item = (usize, usize, Fit)> + 't {
        let least = self.least_fit();
        self.occurrences(text, from)
            .map(move |(s, e)| (s, e, words::fit(text, s, e)))
            .filter(move |&(_, _, f)| f >= least)
    }

    /// The best fit of the term in `text` from `from` on.
    pub(super) fn best_fit(&self, text: &str, from: usize) -> Option<Fit> {
        let least = self.least_fit();
        // A plain word of the commonest letters counts only where it starts a word: only
        // those places are looked at (far fewer than its letters in an abstract).
        if least == Fit::Start
            && self.finder.is_dense()
            && let Some(starts) = self.finder.word_starts(text.as_bytes(), from)
        {
            let mut best = None;
            for (s, e) in starts {
                let fit = words::fit(text, s, e);
                if fit >= least {
                    best = best.max(Some(fit));
                    if fit == Fit::Whole {
                        break;
                    }
                }
            }
            return best;
        }
        let mut best = None;
        for (_, _, f) in self.found(text, from) {
            best = best.max(Some(f));
            if f == Fit::Whole {
                break;
            }
        }
        best
    }

    /// [`Term::best_fit`] in each of the fields `text` holds back to back (field `i` ends at
    /// `ends[i]`), from field `from` on, found in one pass over the text: the per-call cost of
    /// a search is paid once for all the titles of a chunk, not once per title.
    pub(super) fn best_fits(&self, text: &str, ends: &[u32], from: usize) -> Vec<Option<Fit>> {
        let mut out = vec![None; ends.len()];
        let start_of = |i: usize| if i == 0 { 0 } else { ends[i - 1] as usize };
        if from >= ends.len() {
            return out;
        }
        let least = self.least_fit();
        let mut i = from;
        let mut record = |s: usize, e: usize, out: &mut Vec<Option<Fit>>| {
            while ends[i] as usize <= s {
                i += 1;
            }
            let (field_start, field_end) = (start_of(i), ends[i] as usize);
            // An occurrence running over a field's border is none (a shorter spelling within
            // one field is an occurrence of its own). Occurrences come in the order of their
            // ends, so one may start in a field already passed: it runs over the border too.
            if s < field_start || e > field_end {
                return;
            }
            let fit = words::fit(
                &text[field_start..field_end],
                s - field_start,
                e - field_start,
            );
            if fit >= least && Some(fit) > out[i] {
                out[i] = Some(fit);
            }
        };
        let bytes = text.as_bytes();
        // A plain word counts only where it starts a word: only those places are looked at,
        // each field's first byte apart (the byte before it is another field's).
        if least == Fit::Start
            && let Some(starts) = self.finder.word_starts(bytes, start_of(from))
        {
            for (s, e) in starts {
                record(s, e, &mut out);
            }
            for field in from..ends.len() {
                let (s, end) = (start_of(field), ends[field] as usize);
                if let Some(e) = self.finder.spelled_from(bytes, s).filter(|&e| e <= end) {
                    let fit = words::fit(&text[s..end], 0, e - s);
                    if fit >= least && Some(fit) > out[field] {
                        out[field] = Some(fit);
                    }
                }
            }
            return out;
        }
        for (s, e) in self.occurrences(text, start_of(from)) {
            record(s, e, &mut out);
        }
        out
    }

    /// Where the words holding the term start in `text`, from `from` on.
    pub(super) fn starts(&self, text: &str, from: usize) -> Vec<usize> {
        self.found(text, from).map(|(s, _, _)| s).take(16).collect()
    }

    /// True if the title starts with, ends with or is the term (as its kind says).
    pub(super) fn title_holds(&self, title: &str) -> bool {
        self.title_match(title).is_some()
    }

    /// Where the title starts with, ends with or is the term (as its kind says), as a byte
    /// range.
    pub(super) fn title_match(&self, title: &str) -> Option<(usize, usize)> {
        let (t, n) = (title.as_bytes(), self.needle.len());
        if self.cased {
            // A case variant may be longer or shorter than the term (`ı` is "I").
            let fits = |&(s, e): &(usize, usize)| match self.kind {
                Kind::Prefix => s == 0,
                Kind::Suffix => e == t.len(),
                Kind::Equal => s == 0 && e == t.len(),
                Kind::Word | Kind::Exact => false,
            };
            return match self.kind {
                Kind::Word | Kind::Exact => None,
                _ => self.occurrences(title, 0).find(fits),
            };
        }
        let same = |part: Option<&[u8]>| {
            part.is_some_and(|part| {
                if self.case_sensitive {
                    part == self.needle.as_slice()
                } else {
                    part.eq_ignore_ascii_case(&self.needle)
                }
            })
        };
        let head = || same(t.get(..n)).then_some((0, n));
        let tail = || {
            let at = t.len().checked_sub(n)?;
            same(t.get(at..)).then_some((at, t.len()))
        };
        match self.kind {
            Kind::Prefix => head(),
            Kind::Suffix => tail(),
            Kind::Equal if t.len() == n => head(),
            Kind::Equal | Kind::Word | Kind::Exact => None,
        }
    }

    /// True if the paper holds the term (what `!term` excludes); `in_abstract` says whether it
    /// occurs in the abstract.
    pub(super) fn held_by(&self, title: &str, authors: &str, in_abstract: bool) -> bool {
        match self.kind {
            Kind::Word | Kind::Exact => {
                self.finder.is_match(title.as_bytes())
                    || self.finder.is_match(authors.as_bytes())
                    || in_abstract
            }
            _ => self.title_holds(title),
        }
    }

    /// True if the term matches `text` tightly enough to be more than noise: as a substring,
    /// or with a letter or two left out.
    pub(super) fn is_tight_in(&self, text: &str) -> bool {
        let text = self.folded(text);
        words::is_tight_in(&self.needle, self.case_sensitive, text.as_bytes())
            && (self.fuzzy_text.is_ascii()
                || self
                    .matcher()
                    .fuzzy(&text, &self.fuzzy_text, false)
                    .is_some())
    }

    /// `text` as the fuzzy matcher is given it for this term: as it is, or with its non-ASCII
    /// letters folded where their case does not matter (see [`case::folded`]), so that `über`
    /// forgives a typo in "ÜBER" as in "über". ASCII terms and texts are never copied.
    pub(super) fn folded<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.cased {
            case::folded(text)
        } else {
            Cow::Borrowed(text)
        }
    }

    /// True if a plain term matches `text` (a title or the authors) at all: as words, or
    /// tightly.
    pub(super) fn shows_in(&self, text: &str) -> bool {
        self.best_fit(text, 0).is_some() || self.is_tight_in(text)
    }

    /// [`Term::is_tight_in`] on bytes, as the prefilter of lines sees them: only lines that
    /// loading keeps as written are asked, which are ASCII (nothing to fold).
    pub(super) fn is_tight_in_bytes(&self, hay: &[u8]) -> bool {
        words::is_tight_in(&self.needle, self.case_sensitive, hay)
    }

    /// The term's weighted fuzzy score in its best field, counting only tight matches.
    /// `abs_match` gives the abstract and where the term first occurs in it; it is only asked
    /// when the other fields cannot win.
    pub(super) fn fuzzy_score<'a>(
        &self,
        title: &str,
        authors: &str,
        abs_match: impl FnOnce() -> Option<(&'a str, usize)>,
    ) -> Option<i64> {
        let tight = |text: &str| {
            if self.is_tight_in(text) {
                self.fuzzy(text)
            } else {
                None
            }
        };
        let title = tight(title).map(|s| TITLE_WEIGHT * s);
        if title.is_some_and(|t| t >= AUTHORS_WEIGHT * self.max_score) {
            return title;
        }
        let authors = tight(authors).map(|s| AUTHORS_WEIGHT * s);
        let best = title.max(authors);
        if best.is_some_and(|b| b >= ABSTRACT_WEIGHT * self.max_score) {
            return best;
        }
        let in_abstract = abs_match().and_then(|(abs, at)| self.in_abstract(abs, at));
        best.max(in_abstract.map(|s| ABSTRACT_WEIGHT * s))
    }

    /// An upper bound of [`Term::fuzzy_score`]; `may_be_in_abstract` false says it is not there.
    pub(super) fn fuzzy_score_bound(
        &self,
        title: &str,
        authors: &str,
        may_be_in_abstract: bool,
    ) -> Option<i64> {
        let named = [
            self.fuzzy_bound(title).map(|b| TITLE_WEIGHT * b),
            self.fuzzy_bound(authors).map(|b| AUTHORS_WEIGHT * b),
        ];
        let named = named.into_iter().flatten().max();
        // An abstract match scores at most max_score: when the title or the authors match,
        // that bounds the abstract without looking in it.
        let abs = ABSTRACT_WEIGHT * self.max_score;
        match named {
            Some(b) => Some(b.max(abs)),
            None => may_be_in_abstract.then_some(abs),
        }
    }

    /// An upper bound of [`Term::fuzzy`] on `text`, or None if it cannot match.
    ///
    /// For ASCII, [`skim_bound::score_bound`] runs the matcher's own recurrence: the exact score.
    /// Otherwise each character scores at most 16 plus a bonus of 8 (16 for the text's first
    /// character), and the first match pays 1. `bounds_are_never_exceeded` checks both against
    /// fuzzy-matcher itself.
    pub(super) fn fuzzy_bound(&self, text: &str) -> Option<i64> {
        if text.is_ascii() && self.text.is_ascii() {
            // The recurrence finds out itself whether the term matches at all, and gives the
            // same on the whole text as on the part the matcher is given: a fresh matcher's
            // exact score.
            let carried = 0;
            let b = skim_bound::score_bound(
                text.as_bytes(),
                self.text.as_bytes(),
                self.case_sensitive,
                carried,
            )?;
            return Some(i64::from(b).max(1));
        }
        let text = self.folded(text);
        if !self.is_subsequence_of(text.as_bytes()) {
            return None;
        }
        let starts = self.matches_first_char(self.trim_for_matcher(&text));
        let n = self.text.chars().count() as i64;
        Some(24 * n - 1 + if starts { 8 } else { 0 })
    }

    /// Skim score of the term in `text`, at least 1 so that weights keep their order.
    pub(super) fn fuzzy(&self, text: &str) -> Option<i64> {
        let text = self.folded(text);
        if !self.is_subsequence_of(text.as_bytes()) {
            return None;
        }
        // A fresh matcher each time: SkimMatcherV2 reuses its score matrix between calls and
        // reads a few cells it did not write, so a reused one can score the same text
        // differently after other texts, and differently on another thread.
        self.matcher()
            .fuzzy(self.trim_for_matcher(&text), &self.fuzzy_text, false)
            .map(|(s, _)| s.max(1))
    }

    /// The characters of `text` the matcher matches the term with, for highlighting.
    pub(super) fn fuzzy_positions(&self, text: &str) -> Option<Vec<usize>> {
        let text = self.folded(text);
        self.matcher()
            .fuzzy(&text, &self.fuzzy_text, true)
            .map(|(_, positions)| positions)
    }

    /// The fuzzy matcher for this term: case-sensitive as the term is. For ASCII terms that
    /// is SkimMatcherV2's own smart case, which looks for ASCII capitals only: it would fold
    /// `b`, `e` and `r` in `Über`, which matches exactly.
    pub(super) fn matcher(&self) -> SkimMatcherV2 {
        matcher_for(self.case_sensitive)
    }

    /// True if `text` (as given to the matcher) starts with the term's first character (as
    /// the matcher compares them).
    fn matches_first_char(&self, text: &str) -> bool {
        let (Some(t), Some(p)) = (text.chars().next(), self.fuzzy_text.chars().next()) else {
            return false;
        };
        if self.case_sensitive {
            t == p
        } else {
            t.eq_ignore_ascii_case(&p)
        }
    }

    /// `text` (as given to the matcher, see [`Term::folded`]) from the character before the
    /// first place the term's first character occurs to the last place its last character
    /// occurs. SkimMatcherV2 neither scores nor reads anything left of that first character
    /// (only its type, for the next one's bonus), and a match must end on the last character,
    /// whose score depends on nothing to its right: the score is the same, and the rest costs
    /// nothing. `trimmed_text_scores_the_same` checks this against fuzzy-matcher.
    pub(super) fn trim_for_matcher<'t>(&self, text: &'t str) -> &'t str {
        let first = self.needle[0];
        let start = match self.find_byte(first, text.as_bytes(), false) {
            Some(at) if at > 0 => text[..at].char_indices().next_back().map_or(0, |(i, _)| i),
            _ => 0,
        };
        let last = self
            .fuzzy_text
            .chars()
            .next_back()
            .expect("terms are not empty");
        let end = if last.is_ascii() {
            self.find_byte(last as u8, text.as_bytes(), true)
                .map(|at| at + 1)
        } else {
            text.rfind(last).map(|at| at + last.len_utf8())
        };
        match end {
            Some(end) if end > start => &text[start..end],
            _ => &text[start..],
        }
    }

    /// The first (or last) place of byte `b` in `hay`, either case for a letter unless the
    /// term is case-sensitive.
    fn find_byte(&self, b: u8, hay: &[u8], last: bool) -> Option<usize> {
        let lower = b.to_ascii_lowercase();
        if self.case_sensitive || !b.is_ascii_alphabetic() {
            if last {
                memchr::memrchr(b, hay)
            } else {
                memchr::memchr(b, hay)
            }
        } else if last {
            memchr::memrchr2(lower, lower.to_ascii_uppercase(), hay)
        } else {
            memchr::memchr2(lower, lower.to_ascii_uppercase(), hay)
        }
    }

    /// The cheap prefilter: are the term's bytes a subsequence of `hay` (ASCII case folded
    /// unless case-sensitive)? Never false for a text SkimMatcherV2 would match.
    fn is_subsequence_of(&self, hay: &[u8]) -> bool {
        is_subsequence(&self.needle, self.case_sensitive, hay)
    }

    pub(super) fn case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// A match in the abstract at byte `at`: the term as a substring, scored like a title
    /// match over the word it sits in (so a word-prefix match beats one inside a word).
    fn in_abstract(&self, abs: &str, at: usize) -> Option<i64> {
        let word_start = abs[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let end = self
            .finder
            .find(abs.as_bytes(), at)
            .map_or(at + self.text.len(), |(_, end)| end);
        let window = abs.get(word_start..end)?;
        let window = self.folded(window);
        Some(window_score(&self.fuzzy_text, &window, self.case_sensitive))
    }
}

/// How a term may be written in a paper: as typed, and for a plain word also with a hyphen
/// between two of its letters (`pretraining` finds "pre-training") or, typed with such
/// hyphens, without them. Every spelling of a term starts with a spelling of each of its
/// prefixes, so typing more only narrows. True with them if the others are the first with a
/// hyphen at each place.
fn spellings(piece: &Piece) -> (Vec<String>, bool) {
    let text = piece.text.as_str();
    let mut all = vec![text.to_string()];
    if piece.kind != Kind::Word || piece.negated {
        return (all, false);
    }
    let b = text.as_bytes();
    let alnum = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphanumeric);
    if b.iter().all(u8::is_ascii_alphanumeric) {
        all.extend((1..b.len()).map(|i| format!("{}-{}", &text[..i], &text[i..])));
        return (all, true);
    } else if (1..b.len()).any(|i| b[i] == b'-' && alnum(i - 1) && alnum(i + 1)) {
        let joined: String = text
            .char_indices()
            .filter(|&(i, c)| !(c == '-' && i > 0 && alnum(i - 1) && alnum(i + 1)))
            .map(|(_, c)| c)
            .collect();
        all.push(joined);
    }
    (all, false)
}

/// The fuzzy matcher every ranking uses: a fresh SkimMatcherV2, case-sensitive as the term
/// is (see [`Term::matcher`]).
fn matcher_for(case_sensitive: bool) -> SkimMatcherV2 {
    if case_sensitive {
        SkimMatcherV2::default().respect_case()
    } else {
        SkimMatcherV2::default().ignore_case()
    }
}

/// The matcher's score of `term` over `window`, at least 1. The same few words ("contrastive",
/// "Contrastive,") hold a term in thousands of abstracts, so scores are kept per thread
/// (computed with a fresh matcher, so they never depend on what was matched before; whether
/// it is case-sensitive follows from the term, which is in the key).
fn window_score(term: &str, window: &str, case_sensitive: bool) -> i64 {
    const KEPT: usize = 1 << 16;
    thread_local! {
        static SCORES: RefCell<(String, HashMap<String, i64>)> = RefCell::default();
    }
    SCORES.with_borrow_mut(|(key, scores)| {
        key.clear();
        key.push_str(term);
        key.push('\0');
        key.push_str(window);
        if let Some(&score) = scores.get(key.as_str()) {
            return score;
        }
        let score = matcher_for(case_sensitive)
            .fuzzy(window, term, false)
            .map_or(1, |(s, _)| s.max(1));
        if scores.len() >= KEPT {
            scores.clear();
        }
        scores.insert(key.clone(), score);
        score
    })
}

/// True if `needle`'s bytes occur in `hay` in order; ASCII letters match either case unless
/// `case_sensitive` (the needle is lower-cased then).
pub(super) fn is_subsequence(needle: &[u8], case_sensitive: bool, hay: &[u8]) -> bool {
    let mut rest = hay;
    for &b in needle {
        let found = if case_sensitive || !b.is_ascii_alphabetic() {
            memchr::memchr(b, rest)
        } else {
            memchr::memchr2(b, b.to_ascii_uppercase(), rest)
        };
        match found {
            Some(i) => rest = &rest[i + 1..],
            None => return false,
        }
    }
    true
}
