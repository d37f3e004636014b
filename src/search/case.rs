//! Smart case beyond ASCII: when a term is case-sensitive, which spellings of a
//! case-insensitive one the finder looks for (so that it never folds Unicode case itself),
//! and how the fuzzy matcher is given text where case does not matter.
//!
//! Case is mapped one letter to one (Unicode's simple case mapping): `über` finds "Über" and
//! "ÜBER", `σ` finds "Σ", but `straße` does not find "STRASSE" (ß's uppercase is two letters).
//! ASCII letters are left as typed: the finder and the fuzzy matcher fold their case.

use std::borrow::Cow;

/// Spellings made from one typed spelling by mixing the cases of its letters, at most: a word
/// with up to six letters of two cases is found in every mix of them (`müller` in "MüLLER"
/// and "MÜLLER" alike); a longer one only as typed, in capitals or capitalized (see
/// [`variants`]); in any other mix it is still a fuzzy match (see [`folded`]), ranked after
/// the papers that hold it as a word.
const MIXED: usize = 64;

/// Smart case: a term is case-sensitive if it holds an uppercase letter (`Über`, `LoRA`,
/// `Σ`), ASCII or not.
pub(super) fn is_sensitive(term: &str) -> bool {
    if term.is_ascii() {
        term.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        term.chars().any(char::is_uppercase)
    }
}

/// The one letter `c` maps to, if it maps to one (`ß`'s uppercase is two: none).
fn single(mut mapped: impl Iterator<Item = char>) -> Option<char> {
    let c = mapped.next()?;
    mapped.next().is_none().then_some(c)
}

/// The letters a non-ASCII letter `c` of a case-insensitive term matches, `c` first: its
/// uppercase, that one's lowercase and its own lowercase (`σ`: σ Σ; `ς`: ς Σ σ; `ǅ`: ǅ Ǆ ǆ).
/// ASCII letters among them are lower-cased: the finder folds ASCII case (`ı` matches "I",
/// so "i" too).
pub(super) fn forms(c: char) -> Vec<char> {
    let upper = single(c.to_uppercase());
    let candidates = [
        Some(c),
        upper,
        upper.and_then(|u| single(u.to_lowercase())),
        single(c.to_lowercase()),
    ];
    let mut out: Vec<char> = Vec::with_capacity(2);
    for f in candidates.into_iter().flatten() {
        let f = f.to_ascii_lowercase();
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

/// Every spelling of a case-insensitive term with non-ASCII letters: each of `spellings`
/// first, as typed, then its case variants (see [`variants`]), none twice. Empty if no
/// letter of them has another case (the spellings as they are do then).
pub(super) fn spellings(spellings: &[String]) -> Vec<String> {
    let mut all: Vec<String> = spellings.to_vec();
    let mut more = false;
    for spelling in spellings {
        for variant in variants(spelling) {
            if !all.contains(&variant) {
                all.push(variant);
                more = true;
            }
        }
    }
    if more { all } else { Vec::new() }
}

/// The case variants of a spelling of a case-insensitive term, as typed first. Where its
/// letters' forms (see [`forms`]) mix in at most [`MIXED`] ways, every mix; else (seven or
/// more letters of two cases: a Greek or Cyrillic word) three: as typed, in capitals and
/// capitalized (its first letter in capitals), so a word never becomes thousands of
/// spellings. Either way every variant of a term starts with a variant of each of its
/// prefixes: typing more only narrows.
pub(super) fn variants(spelling: &str) -> Vec<String> {
    let slots: Vec<Vec<char>> = spelling
        .chars()
        .map(|c| if c.is_ascii() { vec![c] } else { forms(c) })
        .collect();
    let mixes = slots
        .iter()
        .try_fold(1usize, |n, forms| n.checked_mul(forms.len()))
        .filter(|&n| n <= MIXED);
    let Some(mixes) = mixes else {
        let upper = |c: char| single(c.to_uppercase()).map_or(c, |u| u.to_ascii_lowercase());
        let capitals: String = spelling.chars().map(upper).collect();
        let mut chars = spelling.chars();
        let capitalized: String = chars.next().map(upper).into_iter().chain(chars).collect();
        let mut out = vec![spelling.to_string()];
        for v in [capitals, capitalized] {
            if !out.contains(&v) {
                out.push(v);
            }
        }
        return out;
    };
    // Counting in mixed radix, the first form of each letter (the letter as typed) first.
    (0..mixes)
        .map(|mut n| {
            slots
                .iter()
                .map(|forms| {
                    let c = forms[n % forms.len()];
                    n /= forms.len();
                    c
                })
                .collect()
        })
        .collect()
}

/// The letter that stands for every case of non-ASCII letter `c` in fuzzy matching: the
/// lowercase of its uppercase (`Ü`, `ü`: ü; `Σ`, `σ`, `ς`: σ), where each is one letter and
/// the result is not ASCII (`ı`, whose capital is `I`, stays: the matcher folds ASCII case
/// itself, and only ASCII letters match ASCII letters).
fn fold(c: char) -> char {
    let upper = single(c.to_uppercase()).unwrap_or(c);
    let lower = single(upper.to_lowercase()).unwrap_or(upper);
    if lower.is_ascii() { c } else { lower }
}

/// `text` with its non-ASCII letters folded (see [`fold`]), as the fuzzy matcher is given
/// the text and the term where case does not matter: SkimMatcherV2 folds ASCII case only.
/// One character for one, so the matcher's positions stay those of `text`; and SkimMatcherV2
/// takes every non-ASCII character for a small letter, so the score is unchanged but for
/// its penalty for a case mismatch, which such letters no longer pay.
pub(super) fn folded(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut chars = text.char_indices();
    let Some((at, _)) = chars.find(|&(_, c)| !c.is_ascii() && fold(c) != c) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..at]);
    out.extend(
        text[at..]
            .chars()
            .map(|c| if c.is_ascii() { c } else { fold(c) }),
    );
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capital_anywhere_makes_a_term_case_sensitive() {
        for sensitive in ["Über", "übER", "LoRA", "Σ", "müLler"] {
            assert!(is_sensitive(sensitive), "{sensitive:?}");
        }
        for insensitive in ["über", "lora", "σ", "straße", "λ-calculus", "1+1"] {
            assert!(!is_sensitive(insensitive), "{insensitive:?}");
        }
    }

    #[test]
    fn a_letter_matches_its_simple_case_forms() {
        assert_eq!(forms('ü'), ['ü', 'Ü']);
        assert_eq!(forms('σ'), ['σ', 'Σ']);
        assert_eq!(forms('ς'), ['ς', 'Σ', 'σ']);
        assert_eq!(forms('ß'), ['ß'], "ß's uppercase is two letters");
        assert_eq!(
            forms('ı'),
            ['ı', 'i'],
            "dotless i's capital is I, which the finder folds"
        );
        assert_eq!(forms('∞'), ['∞']);
    }

    #[test]
    fn short_words_get_every_mix_of_cases_long_ones_three() {
        assert_eq!(variants("über"), ["über", "Über"]);
        assert_eq!(variants("éé"), ["éé", "Éé", "éÉ", "ÉÉ"]);
        assert_eq!(variants("straße"), ["straße"]);
        let six = variants("ééééééx");
        assert_eq!(six.len(), 64);
        assert_eq!(six[0], "ééééééx");
        assert_eq!(
            variants("квантовая"),
            ["квантовая", "КВАНТОВАЯ", "Квантовая"]
        );
        assert_eq!(variants("éééééééx"), ["éééééééx", "ÉÉÉÉÉÉÉx", "Éééééééx"]);
    }

    #[test]
    fn the_fuzzy_matcher_sees_one_letter_for_every_case_of_it() {
        assert_eq!(folded("ÜBER über Über"), "üBER über über");
        assert_eq!(folded("Σ σ ς"), "σ σ σ");
        assert_eq!(folded("ILIK ılık ß ẞ"), "ILIK ılık ß ß");
        assert!(matches!(folded("Quantum ∞"), Cow::Borrowed(_)));
        assert!(matches!(folded("plain"), Cow::Borrowed(_)));
        for text in ["ǅemal ǈ", "İstanbul", "K Å"] {
            assert_eq!(folded(text).chars().count(), text.chars().count(), "{text}");
        }
    }

    #[test]
    fn spellings_add_the_variants_of_each_once() {
        assert_eq!(
            spellings(&["é-t".into(), "ét".into()]),
            ["é-t", "ét", "É-t", "Ét"]
        );
        assert!(spellings(&["straße".into()]).is_empty());
        assert!(spellings(&["∞".into()]).is_empty());
    }
}
