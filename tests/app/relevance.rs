//! The filter on real paper lists: papers holding a query's words rank above all others, typos
//! find their papers, and scattered letters are not results.

use std::sync::atomic::AtomicBool;

use papertui::library::{Library, PaperRef};
use papertui::load::{Source, load_all};
use papertui::search::query::Query;
use papertui::search::scan;

/// Real lists: a 2026 Daily Papers response, the 2024 Daily Papers page, the first 200 records
/// of the arXiv snapshot (2007, mostly physics and mathematics).
const CORPORA: [&str; 4] = [
    "tests/data/recorded/hf-daily-papers-2026-06-12.json",
    "tests/data/daily-papers.txt",
    "tests/data/arxiv-metadata-oai-snapshot.sample200.jsonl",
    "tests/data/hf_daily_papers.sample.json",
];

/// Topic queries a researcher would type, chosen before any result was looked at.
const TOPICS: [&str; 15] = [
    "sparse",
    "robot",
    "agent",
    "memory",
    "reasoning",
    "video",
    "token",
    "graph",
    "sparse attention",
    "world model",
    "diffusion",
    "reinforcement learning",
    "quantum",
    "language model",
    "black hole",
];

fn corpus(path: &str) -> Library {
    load_all(&[Source::Path(path.into())])
        .unwrap_or_else(|e| panic!("{path} loads: {e:?}"))
        .library
}

fn search(lib: &Library, q: &str) -> Vec<u32> {
    scan::search(lib, &Query::parse(q), None, None, &AtomicBool::new(false))
        .expect("a search nobody cancels finishes")
}

/// True if some word of `text` starts with `word` (case folded): written independently of
/// the engine, as a reader would check it.
fn has_word(text: &str, word: &str) -> bool {
    let word = word.to_lowercase();
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.starts_with(&word))
}

fn holds(p: &PaperRef<'_>, word: &str) -> bool {
    has_word(p.title(), word)
        || has_word(p.authors_text(), word)
        || has_word(p.abstract_text(), word)
}

fn holds_all(p: &PaperRef<'_>, q: &str) -> bool {
    q.split_whitespace().all(|w| holds(p, w))
}

#[test]
fn papers_holding_every_word_rank_above_all_others_on_real_lists() {
    let (mut holding, mut noise) = (0, 0);
    for path in CORPORA {
        let lib = corpus(path);
        for q in TOPICS {
            let hits = search(&lib, q);
            let held: Vec<bool> = hits
                .iter()
                .map(|&i| holds_all(&lib.get(i as usize), q))
                .collect();
            let first_other = held.iter().position(|h| !h).unwrap_or(held.len());
            assert!(
                held[first_other..].iter().all(|h| !h),
                "{path}: {q:?}: a paper holding the words ranks below one that does not"
            );
            let all_holders = (0..lib.len())
                .filter(|&i| holds_all(&lib.get(i), q))
                .count();
            assert_eq!(first_other, all_holders, "{path}: {q:?}: holders missed");
            holding += first_other;
            noise += held.len() - first_other;
        }
    }
    eprintln!("topic queries on real lists: {holding} hits hold the words, {noise} do not");
    assert!(
        noise * 10 <= holding,
        "{noise} noise hits for {holding} good ones"
    );
}

#[test]
fn scattered_letters_across_a_title_are_not_a_match() {
    let lib = corpus(CORPORA[0]);
    for q in ["robot", "sparse"] {
        for i in search(&lib, q) {
            let p = lib.get(i as usize);
            assert!(
                holds(&p, q) || p.title().to_lowercase().contains(&q[..3]),
                "{q:?} matched {:?}",
                p.title()
            );
        }
    }
}

#[test]
fn typos_find_their_papers() {
    for (typo, meant) in [
        ("difusion", "diffusion"),
        ("trnsformer", "transformer"),
        ("reinforcment lerning", "reinforcement learning"),
    ] {
        let mut found = 0;
        for path in CORPORA {
            let lib = corpus(path);
            let hits = search(&lib, typo);
            for i in 0..lib.len() {
                let p = lib.get(i);
                if meant.split(' ').all(|w| has_word(p.title(), w)) {
                    assert!(
                        hits.contains(&(i as u32)),
                        "{typo:?} misses {:?}",
                        p.title()
                    );
                    found += 1;
                }
            }
            for &i in &hits {
                let p = lib.get(i as usize);
                assert!(
                    holds_all(&p, meant),
                    "{typo:?} lists {:?}, which is not about {meant:?}",
                    p.title()
                );
            }
        }
        assert!(found > 0, "no paper about {meant:?} to find");
    }
}

#[test]
fn a_title_match_ranks_first_for_a_topic() {
    let lib = corpus(CORPORA[1]);
    for q in ["diffusion", "reinforcement learning", "agent"] {
        let top = lib.get(search(&lib, q)[0] as usize);
        assert!(
            q.split(' ').all(|w| has_word(top.title(), w)),
            "{q:?}: top is {:?}",
            top.title()
        );
    }
}
