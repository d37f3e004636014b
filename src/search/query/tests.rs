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
fn letters_scattered_over_a_title_are_no_match_and_ties_keep_order() {
    let lib = library(&[
        ("Gradient aligned learning of representations", "A", ""),
        ("Galore one", "B", ""),
        ("Galore two", "C", ""),
    ]);
    assert_eq!(search(&lib, "galore"), [1, 2]);
}

#[test]
fn a_word_anywhere_beats_a_fuzzy_match_in_the_title() {
    let lib = library(&[
        ("Diffusers at scale", "A", ""),
        ("Other", "B", "A note on diffusion."),
        ("Microdiffusion", "C", ""),
    ]);
    assert_eq!(search(&lib, "diffusion"), [1, 2]);
}

#[test]
fn a_whole_word_beats_a_word_start_beats_inside_a_word() {
    let lib = library(&[
        ("Microrobots", "A", ""),
        ("Robotic arms", "B", ""),
        ("A robot arm", "C", ""),
    ]);
    assert_eq!(search(&lib, "robot"), [2, 1, 0]);
}

#[test]
fn terms_side_by_side_in_order_beat_terms_apart() {
    let lib = library(&[
        ("Model of the world", "A", ""),
        ("World knowledge in a language model", "B", ""),
        ("A world model for robots", "C", ""),
    ]);
    assert_eq!(search(&lib, "world model"), [2, 1, 0]);
}

#[test]
fn typos_match_tightly_and_rank_after_words() {
    let lib = library(&[
        ("Latent Diffusion Models", "A", ""),
        ("Different fusion", "B", ""),
        ("Difusion", "C", ""),
    ]);
    assert_eq!(search(&lib, "difusion"), [2, 0]);
}

#[test]
fn a_quote_asks_for_the_exact_text_anywhere() {
    let lib = library(&[
        ("Latent Diffusion Models", "A", ""),
        ("LoRA adapters", "B", ""),
        ("Other", "C", "we decorate"),
    ]);
    assert!(search(&lib, "'difusion").is_empty());
    assert_eq!(search(&lib, "'ora"), [1, 2]);
}

#[test]
fn a_caret_anchors_the_title_start_and_a_dollar_its_end() {
    let lib = library(&[
        ("Vision transformers", "A", "vision"),
        ("Transformers for vision", "B", ""),
        ("vision", "C", ""),
    ]);
    assert_eq!(search(&lib, "^vision"), [0, 2]);
    assert_eq!(search(&lib, "vision$"), [1, 2]);
    assert_eq!(search(&lib, "^vision$"), [2]);
    assert_eq!(search(&lib, "!^vision"), [1]);
}

#[test]
fn a_bang_excludes_papers_holding_the_text_anywhere() {
    let lib = library(&[
        ("A survey of agents", "A", ""),
        ("Agents at work", "B", "not a survey"),
        ("Agents", "Survey Smith", ""),
        ("Agent tools", "D", ""),
    ]);
    assert_eq!(search(&lib, "agent !survey"), [3]);
    assert_eq!(search(&lib, "!survey").len(), 1);
}

#[test]
fn a_bar_takes_either_term() {
    let lib = library(&[
        ("Robot arms", "A", ""),
        ("Agents", "B", ""),
        ("Graphs", "C", ""),
    ]);
    assert_eq!(search(&lib, "robot | agent"), [0, 1]);
    assert_eq!(search(&lib, "robot | agent graph"), Vec::<usize>::new());
    assert_eq!(search(&lib, "graph | !robot"), [2, 1]);
}

#[test]
fn matched_words_are_found_in_abstract_lines_and_abstract_only_rows_say_so() {
    let q = Query::parse("sparse attn");
    assert_eq!(
        q.word_positions("Sparse, sparser."),
        [0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13]
    );
    let lib = library(&[
        ("Title", "A", "sparse attention here"),
        ("Sparse things", "B", "attention"),
    ]);
    let q = Query::parse("sparse atten");
    assert!(q.only_in_abstract(&lib.get(0)));
    assert!(!q.only_in_abstract(&lib.get(1)));
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

/// Ranked titles of `lines` (JSON Lines) for `q`, loading only the lines `keep` passes.
fn ranked_titles(
    lines: &str,
    q: &Query,
    keep: Option<crate::load::LineFilter>,
) -> Vec<(bool, String)> {
    use crate::load::{Source, load_all_filtered};
    let source = Source::Bytes("lines.jsonl".into(), lines.as_bytes().into());
    let lib = load_all_filtered(&[source], keep, &[])
        .expect("the lines load")
        .library;
    let hits = lib
        .iter()
        .enumerate()
        .filter_map(|(i, p)| q.score(&p).map(|s| (s, i as u32)))
        .collect();
    rank_hits(hits, None)
        .into_iter()
        .map(|(s, i)| (holds_as_words(s), lib.get(i as usize).title().to_string()))
        .collect()
}

#[test]
fn line_prefilters_never_drop_a_paper_they_are_asked_to_keep() {
    let mut random = Lcg(77);
    let chars: Vec<char> = "abcdeAB  -é{}\\\"\t\u{200b}".chars().collect();
    let query_chars: Vec<char> = "abcdeAB-é".chars().collect();
    for round in 0..60 {
        let lines: String = (0..40)
            .map(|i| {
                let title = format!("t{i} {}", random.string(&chars, 14));
                let abs = random.string(&chars, 30);
                format!("{}\n", serde_json::json!({"title": title, "abstract": abs}))
            })
            .collect::<Vec<String>>()
            .concat();
        for _ in 0..6 {
            let len = 1 + random.below(4);
            let mut q = random.string(&query_chars, len);
            match random.below(5) {
                0 => q = format!("'{q}"),
                1 => q = format!("{q} !a"),
                2 => q = format!("{q} | b"),
                _ => {}
            }
            let query = std::sync::Arc::new(Query::parse(&q));
            let all = ranked_titles(&lines, &query, None);
            let (a, b) = (query.clone(), query.clone());
            let words = ranked_titles(
                &lines,
                &query,
                Some(std::sync::Arc::new(move |l: &[u8]| {
                    a.may_hold_words_line(l)
                })),
            );
            let tight = ranked_titles(
                &lines,
                &query,
                Some(std::sync::Arc::new(move |l: &[u8]| {
                    b.may_match_line_tightly(l)
                })),
            );
            let as_words: Vec<_> = all.iter().filter(|(w, _)| *w).collect();
            let words: Vec<_> = words.iter().filter(|(w, _)| *w).collect();
            assert_eq!(
                words, as_words,
                "round {round}: {q:?}: papers holding the words"
            );
            assert_eq!(tight, all, "round {round}: {q:?}: every match");
        }
    }
}

#[test]
fn a_hyphen_inside_a_word_is_no_obstacle() {
    let lib = library(&[
        ("Other", "A", "we pretrain it"),
        ("Continual Pre-Training", "B", ""),
        ("Pretraining at scale", "C", ""),
    ]);
    assert_eq!(search(&lib, "pretraining"), [1, 2]);
    assert_eq!(search(&lib, "pre-train"), [1, 2, 0]);
    let typo = library(&[("Pretraining Diffusion", "A", ""), ("Other", "B", "")]);
    assert_eq!(search(&typo, "pre-training difusion"), [0]);
    let query = Query::parse("pre-training difusion");
    let never = std::sync::atomic::AtomicBool::new(false);
    let top = crate::search::scan::search(&typo, &query, None, Some(1), &never);
    assert_eq!(top, Ok(vec![0]), "the bound knows it too");
    assert_eq!(
        Query::parse("pretraining").title_positions("Pre-Training"),
        (0..12).collect::<Vec<_>>()
    );
}

#[test]
fn a_symbol_is_found_by_its_name_and_as_itself() {
    // Titles as arXiv writes them; loading shows their LaTeX as symbols.
    let lib = library(&[
        (
            r"From dyadic $\Lambda_{\alpha}$ to $\Lambda_{\alpha}$",
            "A",
            "",
        ),
        ("Lambda calculus", "B", ""),
        ("Other", "C", r"the parameter $\lambda$ is small"),
        ("Unrelated", "D", "nothing here"),
    ]);
    assert_eq!(lib.get(0).title(), "From dyadic Λ_α to Λ_α");
    assert_eq!(search(&lib, "lambda"), [0, 1, 2]);
    assert_eq!(search(&lib, "Λ"), [0]);
    assert_eq!(search(&lib, "λ"), [2]);
    assert_eq!(
        search(&lib, "Lambda"),
        [0, 1],
        "a capital asks for the capital"
    );
    assert_eq!(search(&lib, "alpha dyadic"), [0]);
    assert_eq!(
        Query::parse("lambda").title_positions(lib.get(0).title()),
        [12, 19]
    );
    assert_eq!(Query::parse("alpha").word_positions("Λ_α and α"), [2, 8]);
}

#[test]
fn line_prefilters_keep_papers_whose_latex_is_shown_as_symbols() {
    let lines: String = [
        r"$p$-adic Limit of Weakly Holomorphic Modular Forms",
        r"From dyadic $\Lambda_{\alpha}$ to $\Lambda_{\alpha}$",
        r"Modular forms on $SL_2(\mathbb{Z})$ for $p=2,3,5,7$",
        r#"The {\em Lorentzian} path integral of Gr\"obner bases"#,
        r"Plain words only",
    ]
    .iter()
    .map(|title| serde_json::json!({"title": title, "abstract": ""}).to_string() + "\n")
    .collect();
    for q in [
        "p-adic",
        "padic",
        "lambda",
        "Λ",
        "alpha",
        "SL₂",
        "ℤ",
        "lorentzian path",
        "gröbner",
        "words",
        "modular | α",
    ] {
        let query = std::sync::Arc::new(Query::parse(q));
        let all = ranked_titles(&lines, &query, None);
        assert!(!all.is_empty(), "{q:?} finds a paper");
        let (a, b, c) = (query.clone(), query.clone(), query.clone());
        let matching = std::sync::Arc::new(move |l: &[u8]| a.may_match_line(l));
        let tight = std::sync::Arc::new(move |l: &[u8]| b.may_match_line_tightly(l));
        let words = std::sync::Arc::new(move |l: &[u8]| c.may_hold_words_line(l));
        assert_eq!(ranked_titles(&lines, &query, Some(matching)), all, "{q:?}");
        assert_eq!(ranked_titles(&lines, &query, Some(tight)), all, "{q:?}");
        let words = ranked_titles(&lines, &query, Some(words));
        let as_words: Vec<_> = all.iter().filter(|(w, _)| *w).collect();
        let kept: Vec<_> = words.iter().filter(|(w, _)| *w).collect();
        assert_eq!(kept, as_words, "{q:?}: papers holding the words");
    }
}
