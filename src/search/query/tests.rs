//! Ranking on fixed texts: field weights, every term, smart case, ties, bounds and highlights.

use super::*;
use crate::model::testing::{self, Lcg};

fn library(papers: &[(&str, &str, &str)]) -> crate::library::Library {
    testing::library(papers, papers.len())
}

fn search(lib: &crate::library::Library, q: &str) -> Vec<usize> {
    testing::reference(lib, q)
        .into_iter()
        .map(|i| i as usize)
        .collect()
}

#[test]
fn title_beats_authors_beats_abstract_for_the_same_match() {
    let lib = library(&[
        ("Other things", "Ann Lee", "We study galore here."),
        ("Another paper", "Galore Smith", "Nothing."),
        ("GaLore: low rank", "Bo Chen", "Nothing."),
    ]);
    assert_eq!(search(&lib, "galore"), [2, 1, 0]);
}

#[test]
fn all_terms_must_match() {
    let lib = library(&[
        ("Pretraining language models", "A", ""),
        ("Language models", "B", ""),
        ("Pretraining vision models", "C", ""),
    ]);
    assert_eq!(search(&lib, "pretrain lang"), [0]);
    assert_eq!(search(&lib, "models"), [0, 1, 2]);
}

#[test]
fn abstracts_need_a_substring_not_a_scattered_subsequence() {
    let lib = library(&[("T", "A", "great abstract on learning")]);
    assert_eq!(search(&lib, "learn"), [0]);
    assert!(
        search(&lib, "gal").is_empty(),
        "g..a..l scattered must not match"
    );
}

#[test]
fn smart_case_follows_capitals() {
    let lib = library(&[("lora tuning", "A", ""), ("LoRA adapters", "B", "")]);
    assert_eq!(search(&lib, "LoRA"), [1]);
    assert_eq!(search(&lib, "lora").len(), 2);
}

#[test]
fn tight_matches_beat_scattered_ones_and_ties_keep_order() {
    let lib = library(&[
        ("Gradient aligned learning of representations", "A", ""),
        ("Galore one", "B", ""),
        ("Galore two", "C", ""),
    ]);
    assert_eq!(search(&lib, "galore"), [1, 2, 0]);
}

#[test]
fn bounds_are_never_exceeded() {
    let mut random = Lcg(11);
    let text_chars: Vec<char> = "aAbBpPrReE tT-_1.é".chars().collect();
    let term_chars: Vec<char> = "abpreAPR1é".chars().collect();
    let mut tightest = 0;
    let fixed = [
        "pretrain",
        "Pretraining models",
        "pre train",
        "a-pretrain",
        "PRETRAIN",
    ];
    for round in 0..40_000 {
        let (text, term) = if round < fixed.len() * fixed.len() {
            (
                fixed[round / fixed.len()].to_string(),
                fixed[round % fixed.len()].to_string(),
            )
        } else {
            let text_len = round % 24;
            (
                random.string(&text_chars, text_len),
                random.string(&term_chars, 1 + round % 5),
            )
        };
        let t = Term::new(&term);
        if let Some(score) = t.fuzzy(&text) {
            let bound = t.fuzzy_bound(&text).expect("a match passes the prefilter");
            if text.is_ascii() {
                assert_eq!(score, bound, "ASCII bounds are exact: {term:?} in {text:?}");
            }
            assert!(score <= bound, "{term:?} in {text:?}: {score} > {bound}");
            tightest += usize::from(score == bound);
        }
    }
    assert!(
        tightest > 0,
        "no case reaches the bound: the test misses the edges"
    );
}

#[test]
fn trimmed_text_scores_the_same() {
    let m = matcher();
    let mut random = Lcg(5);
    let text_chars: Vec<char> = "aAbBpPrReE tT-_1.é".chars().collect();
    let term_chars: Vec<char> = "abpreAPR1é-".chars().collect();
    for round in 0..20_000 {
        let text = random.string(&text_chars, round % 30);
        let term = Term::new(&random.string(&term_chars, 1 + round % 6));
        let whole = m.fuzzy(&text, &term.text, false).map(|(s, _)| s);
        let trimmed = m
            .fuzzy(term.trim_for_matcher(&text), &term.text, false)
            .map(|(s, _)| s);
        assert_eq!(whole, trimmed, "{:?} in {text:?}", term.text);
    }
}

#[test]
fn an_empty_query_is_empty() {
    assert!(Query::parse("  ").is_empty());
}

#[test]
fn partial_sort_keeps_the_best_in_order() {
    let hits = vec![(1, 0), (5, 1), (3, 2), (5, 3), (9, 4)];
    assert_eq!(rank(hits.clone(), Some(3)), [4, 1, 3]);
    assert_eq!(rank(hits.clone(), None), [4, 1, 3, 2, 0]);
    assert!(rank(hits, Some(0)).is_empty());
}

#[test]
fn highlights_are_title_character_positions() {
    assert_eq!(Query::parse("gal").title_positions("GaLore"), [0, 1, 2]);
}
