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
fn a_small_letter_beyond_ascii_finds_every_case_of_it() {
    let lib = library(&[
        ("Über die Quantenmechanik", "A", ""),
        ("über alles", "B", ""),
        ("ÜBER DIE WELLEN", "C", ""),
        ("Uber rides", "D", ""),
        ("Other", "E", "a note über it"),
    ]);
    assert_eq!(search(&lib, "über"), [0, 1, 2, 4]);
    assert_eq!(search(&lib, "übe"), [0, 1, 2, 4], "a word's start");
    assert_eq!(search(&lib, "über die"), [0, 2]);
    assert_eq!(search(&lib, "uber"), [3], "no accent is left out");
}

#[test]
fn a_capital_beyond_ascii_makes_a_term_case_sensitive() {
    let lib = library(&[
        ("Über die Quantenmechanik", "A", ""),
        ("über alles", "B", ""),
        ("ÜBER DIE WELLEN", "C", ""),
    ]);
    assert_eq!(search(&lib, "Über"), [0]);
    assert_eq!(search(&lib, "ÜBER"), [2]);
    assert!(search(&lib, "übER").is_empty());
    let greek = library(&[
        ("Σ-protocols", "A", ""),
        ("σ-algebras", "B", ""),
        ("Sums Σ and σ", "C", ""),
    ]);
    assert_eq!(search(&greek, "σ"), [0, 1, 2]);
    assert_eq!(search(&greek, "Σ"), [0, 2]);
    assert_eq!(search(&greek, "σ-alg"), [1]);
}

#[test]
fn accented_authors_are_found_in_any_case() {
    let lib = library(&[
        ("Quantum dots", "Hans Müller", ""),
        ("Spin chains", "K. MÜLLER", ""),
        ("Other", "Mueller, Ann", ""),
        ("Müller cells", "Bo Chen", ""),
    ]);
    assert_eq!(search(&lib, "müller"), [3, 0, 1], "the title first");
    assert_eq!(search(&lib, "Müller"), [3, 0]);
    assert_eq!(search(&lib, "mül"), [3, 0, 1]);
}

#[test]
fn typos_are_forgiven_in_any_case_beyond_ascii() {
    let lib = library(&[
        ("Quantum dots", "Hans Müller", ""),
        ("Spin chains", "K. MÜLLER", ""),
        ("Other", "Ann Lee", ""),
    ]);
    assert_eq!(search(&lib, "müler"), [0, 1]);
    assert_eq!(search(&lib, "Müler"), [0]);
    assert_eq!(
        Query::parse("müler").title_positions("MÜLLER lemma"),
        [0, 1, 2, 4, 5]
    );
    // Where another term is only a typo, each paper is scored fuzzily: the case of `ü` in
    // the abstract changes nothing (that of ASCII letters costs what it always does).
    let lib = library(&[
        ("Diffusion one", "A", "notes ÜBER it"),
        ("Diffusion two", "B", "notes üBER it"),
    ]);
    let q = Query::parse("über difusion");
    let scores: Vec<Option<i64>> = (0..2).map(|i| q.score(&lib.get(i))).collect();
    assert!(scores[0].is_some_and(|s| !holds_as_words(s)), "{scores:?}");
    assert_eq!(scores[0], scores[1]);
}

#[test]
fn every_kind_of_term_folds_case_beyond_ascii() {
    let lib = library(&[
        ("Élan vital", "A", ""),
        ("Sur l'élan", "B", ""),
        ("ÉLAN", "C", ""),
        ("Elan", "D", ""),
        ("Other", "E", "with élan"),
    ]);
    assert_eq!(search(&lib, "'élan"), [0, 1, 2, 4]);
    assert_eq!(search(&lib, "'lan"), [0, 1, 2, 3, 4]);
    assert_eq!(search(&lib, "'Élan"), [0]);
    assert_eq!(search(&lib, "^élan"), [0, 2]);
    assert_eq!(search(&lib, "élan$"), [1, 2]);
    assert_eq!(search(&lib, "^élan$"), [2]);
    assert_eq!(search(&lib, "^Élan"), [0]);
    assert_eq!(search(&lib, "!élan"), [3]);
    assert_eq!(search(&lib, "!^élan"), [1, 3, 4]);
    assert_eq!(search(&lib, "!Élan"), [1, 2, 3, 4]);
    assert_eq!(search(&lib, "vital | élan"), [0, 1, 2, 4]);
    assert_eq!(search(&lib, "xyz | élan$"), [1, 2]);
    let q = Query::parse("élan$");
    assert_eq!(q.title_positions("Sur l'ÉLAN"), [6, 7, 8, 9]);
    assert_eq!(
        Query::parse("élan").title_positions("Élan, ÉLAN"),
        [0, 1, 2, 3, 6, 7, 8, 9]
    );
}

#[test]
fn a_case_variant_of_another_length_is_found_and_highlighted_whole() {
    // Dotless ı's capital is the one-byte I; the finder folds ASCII case, so "i" too.
    let lib = library(&[
        ("ILIK SU", "A", ""),
        ("ılık su", "B", ""),
        ("Other", "C", ""),
    ]);
    assert_eq!(search(&lib, "ılık"), [0, 1]);
    assert_eq!(search(&lib, "^ılık"), [0, 1]);
    assert_eq!(
        Query::parse("^ılık").title_positions("ILIK SU"),
        [0, 1, 2, 3]
    );
    assert_eq!(
        Query::parse("ılık").title_positions("ILIK SU"),
        [0, 1, 2, 3]
    );
}

#[test]
fn a_long_word_beyond_ascii_is_a_word_as_typed_in_capitals_or_capitalized() {
    let lib = library(&[
        ("Квантовая механика", "A", ""),
        ("КВАНТОВАЯ ХИМИЯ", "B", ""),
        ("квантовая оптика", "C", ""),
        ("кВАНТОВАЯ", "D", ""),
    ]);
    let as_words = |q: &str| -> Vec<bool> {
        let q = Query::parse(q);
        (0..lib.len())
            .map(|i| q.score(&lib.get(i)).is_some_and(holds_as_words))
            .collect()
    };
    assert_eq!(search(&lib, "квантовая"), [0, 1, 2, 3]);
    assert_eq!(
        as_words("квантовая"),
        [true, true, true, false],
        "a mix: fuzzily"
    );
    assert_eq!(search(&lib, "квантовая химия"), [1]);
    assert_eq!(search(&lib, "кван"), [0, 1, 2, 3]);
    assert_eq!(as_words("кван"), [true; 4], "four letters mix freely");
}

/// Whether text character `x` is one that query character `c` finds, straight from the
/// standard library's case mappings: in a case-sensitive term only itself; else an ASCII
/// letter in either case, and any other letter as itself, its uppercase, that one's lowercase
/// or its lowercase, each where it is one letter (and those in either ASCII case).
fn finds(c: char, x: char, case_sensitive: bool) -> bool {
    if case_sensitive {
        return x == c;
    }
    if c.is_ascii() {
        return x.eq_ignore_ascii_case(&c);
    }
    let one = |mapped: String| {
        let mut chars = mapped.chars();
        chars.next().filter(|_| chars.next().is_none())
    };
    let upper = one(c.to_uppercase().collect());
    let lower_of_upper = upper.and_then(|u| one(u.to_lowercase().collect()));
    let lower = one(c.to_lowercase().collect());
    [Some(c), upper, lower_of_upper, lower]
        .into_iter()
        .flatten()
        .any(|f| f.eq_ignore_ascii_case(&x))
}

#[test]
fn terms_beyond_ascii_are_found_where_each_of_their_letters_is() {
    let mut random = Lcg(31);
    let text_chars: Vec<char> = "aAeEüÜéÉσΣςıIiß- ".chars().collect();
    let term_chars: Vec<char> = "aeEüéσςıißÜΣ-".chars().collect();
    let kinds = [Kind::Exact, Kind::Prefix, Kind::Suffix, Kind::Equal];
    let mut other_case = 0;
    for round in 0..20_000 {
        let text = random.string(&text_chars, round % 16);
        let n = 1 + round % 4;
        // Four ς would mix in 81 ways, past the words that mix freely.
        let typed = random.string(&term_chars, n).replace("ςςςς", "σςςς");
        let sensitive = typed.chars().any(char::is_uppercase);
        let kind = kinds[(round / 4) % kinds.len()];
        let piece = syntax::Piece {
            text: typed.clone(),
            kind,
            negated: false,
        };
        let term = Term::of(&piece);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let expected: Vec<(usize, usize)> = (0..chars.len())
            .filter_map(|i| {
                let window = chars.get(i..i + n)?;
                let found = window
                    .iter()
                    .zip(typed.chars())
                    .all(|(&(_, x), c)| finds(c, x, sensitive));
                let end = chars.get(i + n).map_or(text.len(), |&(at, _)| at);
                found.then_some((chars[i].0, end))
            })
            .collect();
        let non_ascii = |t: &str| t.chars().filter(|c| !c.is_ascii()).collect::<String>();
        other_case += expected
            .iter()
            .filter(|&&(s, e)| non_ascii(&text[s..e]) != non_ascii(&typed))
            .count();
        let at_ends = match kind {
            Kind::Prefix => expected.iter().find(|&&(s, _)| s == 0),
            Kind::Suffix => expected.iter().find(|&&(_, e)| e == text.len()),
            Kind::Equal => expected.iter().find(|&&(s, e)| s == 0 && e == text.len()),
            Kind::Word | Kind::Exact => None,
        };
        assert_eq!(
            term.title_match(&text),
            at_ends.copied(),
            "{typed:?} ({kind:?}) at the ends of {text:?}"
        );
        if kind == Kind::Exact {
            let mut found: Vec<(usize, usize)> =
                term.found(&text, 0).map(|(s, e, _)| (s, e)).collect();
            found.sort_unstable();
            assert_eq!(found, expected, "{typed:?} in {text:?}");
        }
    }
    assert!(
        other_case > 500,
        "few letters found in another case: {other_case}"
    );
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
    let text_chars: Vec<char> = "aAbBpPrReE tT-_1.éÉ".chars().collect();
    let term_chars: Vec<char> = "abpreAPR1éÉ".chars().collect();
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
    let mut random = Lcg(5);
    let text_chars: Vec<char> = "aAbBpPrReE tT-_1.éÉ".chars().collect();
    let term_chars: Vec<char> = "abpreAPR1éÉ-".chars().collect();
    for round in 0..20_000 {
        let text = random.string(&text_chars, round % 30);
        let term = Term::new(&random.string(&term_chars, 1 + round % 6));
        // A fresh matcher for each, as the ranking uses (a reused one reads stale cells), on
        // the text as the term gives it to the matcher.
        let (text, pattern) = (term.folded(&text), &term.fuzzy_text);
        let whole = term.matcher().fuzzy(&text, pattern, false);
        let trimmed = term
            .matcher()
            .fuzzy(term.trim_for_matcher(&text), pattern, false);
        let (whole, trimmed) = (whole.map(|(s, _)| s), trimmed.map(|(s, _)| s));
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
    let chars: Vec<char> = "abcdeAB  -éÉ{}\\\"\t\u{200b}".chars().collect();
    let query_chars: Vec<char> = "abcdeAB-éÉ".chars().collect();
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
    assert_eq!(
        search(&lib, "λ"),
        [0, 2],
        "a small letter finds its capital"
    );
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
