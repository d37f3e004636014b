//! The engine against the plain scan: chunk and abstract borders, narrowing, limits, cancelling
//! and a list that grew.

use super::*;
use crate::model::testing::{self, Lcg};

/// Papers spread over several chunks, so the bulk scan meets chunk and abstract borders.
fn library(papers: &[(&str, &str)], per_chunk: usize) -> Library {
    let papers: Vec<_> = papers.iter().map(|(t, a)| (*t, "Ann Author", *a)).collect();
    testing::library(&papers, per_chunk)
}

fn run(lib: &Library, q: &str, within: Option<&[u32]>) -> Vec<u32> {
    search(lib, &Query::parse(q), within, None, &AtomicBool::new(false)).unwrap()
}

#[test]
fn bulk_abstract_search_agrees_with_the_plain_scan() {
    let lib = library(
        &[
            ("One", "alpha beta"),
            ("Two", "gamma alp"),
            ("Three", "ha beta alpha"),
            ("Four", ""),
            ("Alpha five", "nothing"),
            ("Six", "xalphax"),
        ],
        2,
    );
    for q in [
        "alpha", "alp", "ha", "beta", "al be", "x", "nothing", "zz", "Alpha",
    ] {
        assert_eq!(
            run(&lib, q, None),
            testing::reference(&lib, q),
            "query {q:?}"
        );
    }
}

#[test]
fn random_corpora_and_queries_rank_as_the_plain_scan_does() {
    let mut random = Lcg(2024);
    // Letters beyond ASCII in both cases, and letters whose other case is longer or shorter.
    let letters: Vec<char> = "abcdeABCDE  -éÉüÜσΣıI".chars().collect();
    // Queries also take fzf's operators.
    let query_letters: Vec<char> = "abcdeABCDE  -éÉüÜσΣı'^$!|".chars().collect();
    let never = AtomicBool::new(false);
    for round in 0..40 {
        let papers: Vec<(String, String, String)> = (0..=random.below(120))
            .map(|_| {
                let title = format!("t{} {}", random.below(9), random.string(&letters, 12));
                (
                    title,
                    random.string(&letters, 6),
                    random.string(&letters, 40),
                )
            })
            .collect();
        let papers: Vec<(&str, &str, &str)> = papers
            .iter()
            .map(|(t, a, b)| (t.as_str(), a.as_str(), b.as_str()))
            .collect();
        let lib = testing::library(&papers, 1 + random.below(30));
        for _ in 0..20 {
            let len = 1 + random.below(5);
            let q = random.string(&query_letters, len);
            let expected = testing::reference(&lib, &q);
            let query = Query::parse(&q);
            let matching: Vec<u32> = (0..lib.len() as u32)
                .filter(|&i| query.matches(&lib.get(i as usize)))
                .collect();
            let mut ranked_set = expected.clone();
            ranked_set.sort_unstable();
            assert_eq!(
                matching, ranked_set,
                "matches() and score() disagree on {q:?}"
            );
            let n = matching.len().min(3);
            if n > 0 {
                let page = first_in_order(&lib, &query, Among::All, n, lib.len());
                assert_eq!(page.as_deref(), Some(&matching[..n]), "{q:?}");
            }
            assert_eq!(run(&lib, &q, None), expected, "round {round}, query {q:?}");
            let limit = 1 + random.below(10);
            let top = search(&lib, &Query::parse(&q), None, Some(limit), &never).unwrap();
            assert_eq!(
                top,
                expected[..limit.min(expected.len())],
                "{q:?} limit {limit}"
            );
            // Narrowing: the results of a prefix of the query, then the query within them
            // (an alternative widens instead, and a hyphen may be left out).
            if q.contains(['|', '-']) {
                continue;
            }
            let prefix = &q[..q.char_indices().nth(1).map_or(q.len(), |(i, _)| i)];
            let broad = run(&lib, prefix, None);
            assert_eq!(
                run(&lib, &q, Some(&broad)),
                expected,
                "{q:?} within {prefix:?}"
            );
        }
    }
}

#[test]
fn a_match_across_two_abstracts_is_not_a_match() {
    let lib = library(&[("One", "ends with al"), ("Two", "pha starts")], 2);
    assert!(run(&lib, "alpha", None).is_empty());
}

#[test]
fn narrowing_within_earlier_results_equals_a_fresh_search() {
    let lib = library(
        &[
            ("pretraining", "a"),
            ("pre", "b"),
            ("training", "c"),
            ("pretrain x", "d"),
        ],
        3,
    );
    let broad = run(&lib, "pre", None);
    assert_eq!(
        run(&lib, "pretrain", Some(&broad)),
        run(&lib, "pretrain", None)
    );
}

#[test]
fn a_cancelled_search_says_so() {
    let lib = library(&[("a", "a"); 3000].map(|(t, a)| (t, a)), 3000);
    let cancel = AtomicBool::new(true);
    assert_eq!(
        search(&lib, &Query::parse("a"), None, None, &cancel),
        Err(Cancelled)
    );
}

#[test]
fn a_limited_search_is_the_top_of_the_full_ranking() {
    let titles: Vec<String> = (0..500)
        .map(|i| match i % 7 {
            0 => format!("Pretraining models {i}"),
            1 => format!("pretrain {i}"),
            2 => format!("a preliminary training {i}"),
            3 => format!("Other work {i}"),
            4 => format!("PRE-TRAINING {i}"),
            5 => format!("xp r e t r a i n {i}"),
            _ => format!("Re-pretraining {i}"),
        })
        .collect();
    let papers: Vec<(&str, &str)> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), if i % 5 == 0 { "we pretrain here" } else { "" }))
        .collect();
    let lib = library(&papers, 37);
    let never = AtomicBool::new(false);
    for q in ["pretrain", "pre train", "Pre", "xp", "models 4", "here"] {
        let full = run(&lib, q, None);
        for limit in [1, 5, 50, 1000] {
            let top = search(&lib, &Query::parse(q), None, Some(limit), &never).unwrap();
            assert_eq!(top, full[..limit.min(full.len())], "{q:?} limit {limit}");
        }
    }
}

#[test]
fn a_limited_search_within_results_is_the_top_of_the_full_ranking() {
    let titles: Vec<String> = (0..300)
        .map(|i| format!("pre {i} train {}", i % 13))
        .collect();
    let papers: Vec<(&str, &str)> = titles.iter().map(|t| (t.as_str(), "")).collect();
    let lib = library(&papers, 50);
    let mut within: Vec<u32> = (0..300).rev().collect();
    within.retain(|i| i % 3 != 0);
    let never = AtomicBool::new(false);
    let full = run(&lib, "pretrain 1", Some(&within));
    for limit in [1, 7, 500] {
        let top = search(
            &lib,
            &Query::parse("pretrain 1"),
            Some(&within),
            Some(limit),
            &never,
        )
        .unwrap();
        assert_eq!(top, full[..limit.min(full.len())], "limit {limit}");
    }
}

#[test]
fn a_grown_list_is_searched_from_where_it_grew_and_merged() {
    let papers: Vec<(String, String)> = (0..400)
        .map(|i| {
            (
                format!("paper {i} on pretraining"),
                format!("abstract {}", i % 9),
            )
        })
        .collect();
    let papers: Vec<(&str, &str)> = papers
        .iter()
        .map(|(t, a)| (t.as_str(), a.as_str()))
        .collect();
    let lib = library(&papers, 64);
    let never = AtomicBool::new(false);
    let q = Query::parse("pre 3");
    let whole = ranked(&lib, &q, Among::All, None, &never).unwrap();
    for from in [0, 1, 63, 64, 65, 250, 399, 400] {
        let before = ranked(
            &lib,
            &q,
            Among::Within(&(0..from as u32).collect::<Vec<_>>()),
            None,
            &never,
        )
        .unwrap();
        let after = ranked(&lib, &q, Among::From(from), None, &never).unwrap();
        assert_eq!(merge(&before, &after), whole, "grown from {from}");
    }
}

#[test]
fn limits_keep_the_best() {
    let lib = library(&[("galore", ""), ("g a l o r e", ""), ("GaLore x", "")], 3);
    assert_eq!(
        search(
            &lib,
            &Query::parse("galore"),
            None,
            Some(1),
            &AtomicBool::new(false)
        ),
        Ok(vec![0])
    );
}

/// Words the papers of [`word_corpora_and_queries_rank_as_the_plain_scan_does`] are made of:
/// hyphens, capitals, and letters beyond ASCII in either case.
const WORDS: &[&str] = &[
    "pre-training",
    "Pretraining",
    "pretrain",
    "world",
    "World-Model",
    "models",
    "model",
    "Diffusion",
    "difusion",
    "sparse",
    "sparsity",
    "attention",
    "LLM",
    "llm-based",
    "x",
    "Über",
    "über",
    "ÜBER",
    "Übersicht",
    "Élan",
    "élan-based",
    "σ-algebra",
    "Σ",
    "Müller",
    "MÜLLER",
];

/// Query terms of [`word_corpora_and_queries_rank_as_the_plain_scan_does`], of every kind.
const TERMS: &[&str] = &[
    "pretraining",
    "pre-train",
    "pre",
    "world model",
    "model",
    "difusion",
    "'ion",
    "^world",
    "models$",
    "!sparse",
    "sparse | llm",
    "atention",
    "LLM",
    "llm-b",
    "wor mod",
    "x",
    "über",
    "Über",
    "über model",
    "'élan",
    "^über",
    "élan$",
    "!über",
    "σ | müller",
    "mül",
    "müler",
    "Σ",
    "élan-b",
];

#[test]
fn word_corpora_and_queries_rank_as_the_plain_scan_does() {
    let mut random = Lcg(7);
    let pick = |random: &mut Lcg, n: usize| -> String {
        (0..n)
            .map(|_| WORDS[random.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let never = AtomicBool::new(false);
    for round in 0..30 {
        let papers: Vec<(String, String, String)> = (0..=random.below(80))
            .map(|_| {
                let (t, a, b) = (1 + random.below(5), random.below(3), random.below(12));
                (
                    pick(&mut random, t),
                    pick(&mut random, a),
                    pick(&mut random, b),
                )
            })
            .collect();
        let papers: Vec<(&str, &str, &str)> = papers
            .iter()
            .map(|(t, a, b)| (t.as_str(), a.as_str(), b.as_str()))
            .collect();
        let lib = testing::library(&papers, 1 + random.below(20));
        for _ in 0..8 {
            let n = 1 + random.below(2);
            let q = (0..n)
                .map(|_| TERMS[random.below(TERMS.len())])
                .collect::<Vec<_>>()
                .join(" ");
            let expected = testing::reference(&lib, &q);
            let query = Query::parse(&q);
            let mut matching: Vec<u32> = (0..lib.len() as u32)
                .filter(|&i| query.matches(&lib.get(i as usize)))
                .collect();
            let mut ranked_set = expected.clone();
            ranked_set.sort_unstable();
            matching.sort_unstable();
            assert_eq!(
                matching, ranked_set,
                "round {round}: matches() and score() on {q:?}"
            );
            assert_eq!(run(&lib, &q, None), expected, "round {round}: {q:?}");
            assert_bounds_found_in_bulk_are_the_same(&lib, &query);
            assert_best_pages(&lib, &q, &expected);
            for limit in [1, 3, 10] {
                let top = search(&lib, &query, None, Some(limit), &never).unwrap();
                assert_eq!(
                    top,
                    expected[..limit.min(expected.len())],
                    "{q:?} limit {limit}"
                );
            }
        }
    }
}

/// [`best_page`] against the reference: every scope, several page sizes; None only when too
/// many papers would be scored, never for these small libraries.
fn assert_best_pages(lib: &Library, q: &str, expected: &[u32]) {
    let never = AtomicBool::new(false);
    let query = Query::parse(q);
    let within: Vec<u32> = (0..lib.len() as u32).rev().collect();
    for k in [1, 3, 10, 300] {
        let top = &expected[..k.min(expected.len())];
        for scope in [Among::All, Among::From(0), Among::Within(&within)] {
            let page = best_page(lib, &query, scope, k, &never).unwrap();
            let page: Option<Vec<u32>> =
                page.map(|hits| hits.into_iter().map(|(_, i)| i).collect());
            assert_eq!(
                page.as_deref(),
                Some(top),
                "{q:?} page of {k} among {scope:?}"
            );
        }
        // The walk on either kind of bounds alone, and handed over at any floor.
        let loose = bounds(lib, &query, Among::All, false, &never).unwrap();
        let exact = bounds(lib, &query, Among::All, true, &never).unwrap();
        let floors = [None, Some(query.authors_ceiling()), Some(i64::MIN + 1)];
        for (parts, floor) in [(&loose, None), (&exact, None)]
            .into_iter()
            .chain(floors.map(|f| (&exact, f)))
        {
            let mut walk = Walk {
                best: Best::new(Some(k)),
                scored: 0,
                visits: 0,
                budget: usize::MAX,
            };
            let first = if floor.is_some() { &loose } else { parts };
            let mut walked = walk.run(lib, &query, first, None, floor, &never).unwrap();
            if matches!(walked, Walked::Below) {
                walked = walk.run(lib, &query, parts, floor, None, &never).unwrap();
            }
            assert!(matches!(walked, Walked::Done), "{q:?}");
            let page: Vec<u32> = walk.page().into_iter().map(|(_, i)| i).collect();
            assert_eq!(page, top, "{q:?} page of {k}, handed over below {floor:?}");
        }
        // From the middle: the top of the later papers' ranking.
        let from = lib.len() / 2;
        let later: Vec<u32> = expected
            .iter()
            .copied()
            .filter(|&i| i as usize >= from)
            .collect();
        let page = best_page(lib, &query, Among::From(from), k, &never)
            .unwrap()
            .unwrap();
        let page: Vec<u32> = page.into_iter().map(|(_, i)| i).collect();
        assert_eq!(
            page,
            later[..k.min(later.len())],
            "{q:?} page of {k} from {from}"
        );
    }
}

#[test]
fn best_pages_are_the_top_of_the_plain_ranking() {
    let mut random = Lcg(99);
    let letters: Vec<char> = "abcdeABCDE  -éÉüÜσΣıI".chars().collect();
    let query_letters: Vec<char> = "abcdeABCDE  -éÉüÜσΣı'^$!|".chars().collect();
    for _ in 0..30 {
        let papers: Vec<(String, String, String)> = (0..=random.below(150))
            .map(|_| {
                let title = format!("t{} {}", random.below(9), random.string(&letters, 12));
                let abs = if random.below(4) == 0 {
                    String::new()
                } else {
                    random.string(&letters, 40)
                };
                (title, random.string(&letters, 6), abs)
            })
            .collect();
        let papers: Vec<(&str, &str, &str)> = papers
            .iter()
            .map(|(t, a, b)| (t.as_str(), a.as_str(), b.as_str()))
            .collect();
        let lib = testing::library(&papers, 1 + random.below(30));
        for _ in 0..12 {
            let len = 1 + random.below(5);
            let q = random.string(&query_letters, len);
            assert_bounds_found_in_bulk_are_the_same(&lib, &Query::parse(&q));
            // An empty query keeps the order it is given, which only `All` is.
            if !Query::parse(&q).is_empty() {
                assert_best_pages(&lib, &q, &testing::reference(&lib, &q));
            }
        }
    }
}

/// The bounds from titles and authors searched a chunk at a time are those of each paper alone.
fn assert_bounds_found_in_bulk_are_the_same(lib: &Library, query: &Query) {
    for (_, chunk) in lib.chunks() {
        for from in [0, chunk.len() / 2] {
            let fits = query.named_fits(chunk, from, true);
            let titles_only = query.named_fits(chunk, from, false);
            for fits in [&fits, &titles_only] {
                let each: Vec<i64> = (from..chunk.len())
                    .map(|i| {
                        query
                            .upper_bound_fitted(chunk, fits, i, |_| true)
                            .unwrap_or(NO_BOUND)
                    })
                    .collect();
                assert_eq!(
                    query.chunk_bounds(chunk, from, fits, NO_BOUND),
                    each,
                    "{:?}",
                    query.text()
                );
            }
            for i in from..chunk.len() {
                let paper = chunk.get(i);
                let exact = query.upper_bound(&paper, |_| true);
                assert_eq!(
                    query.upper_bound_fitted(chunk, &fits, i, |_| true),
                    exact,
                    "{:?} on {:?} / {:?}",
                    query.text(),
                    paper.title(),
                    paper.authors_text()
                );
                let looser = query.upper_bound_fitted(chunk, &titles_only, i, |_| true);
                assert!(looser >= exact, "{:?} on {:?}", query.text(), paper.title());
            }
        }
    }
}
