use proptest::prelude::*;

use super::*;

/// Each paper a search found, as JSON with its key, and its score; then the warnings.
type Answer = (Vec<(String, Option<i64>)>, Vec<String>);

fn answer(query: &Query, (loaded, hits): &(Loaded, Vec<u32>)) -> Answer {
    let papers = hits
        .iter()
        .map(|&i| {
            let p = loaded.library.get(i as usize);
            let json = serde_json::to_string(&p.to_paper()).expect("serializes");
            (json, query.score(&p))
        })
        .collect();
    let warnings = loaded.warnings.iter().map(ToString::to_string).collect();
    (papers, warnings)
}

/// The fast search's answer (None if it gave up) and the full scan's.
fn both(text: &str, source: &Source, limit: usize, block: usize) -> (Option<Answer>, Answer) {
    let query = Arc::new(Query::parse(text));
    let all =
        search_all(&query, std::slice::from_ref(source), Some(limit), &[]).expect("the list loads");
    let fast = best_in_list(&query, source, limit, &[], block);
    (fast.map(|f| answer(&query, &f)), answer(&query, &all))
}

const QUERIES: &[&str] = &[
    "pretrain",
    "llm dist",
    "contrastive",
    "xyzq",
    "model",
    "learning",
    "a",
    "language model",
    "Pre-training",
    "LLM",
    "^Sc",
    "!model learning",
    "'vision",
    "diffusion$",
    "reasoning | agent",
    "modl",
];

fn data(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The seed page's titles as JSON Lines, twice over (every paper a duplicate), some with an
/// arXiv id.
fn seed_titles() -> Vec<u8> {
    let seed = Source::Path(data("daily-papers.txt"));
    let loaded = load::load_all(&[seed]).expect("the seed loads");
    let mut out = Vec::new();
    for round in 0..2 {
        for (i, p) in loaded.library.iter().enumerate() {
            let title = serde_json::to_string(p.title()).expect("serializes");
            if round == 1 && i % 3 == 0 {
                out.extend(format!("{{\"id\":\"2401.{i:05}\",\"title\":{title}}}\n").bytes());
            } else {
                out.extend(format!("{{\"title\":{title}}}\n").bytes());
            }
        }
    }
    out
}

#[test]
fn the_fast_search_finds_what_the_full_scan_finds_in_real_lists() {
    let mut sources = vec![
        Source::Path(data("arxiv-metadata-oai-snapshot.sample200.jsonl")),
        Source::Bytes("seed.jsonl".into(), seed_titles().into()),
    ];
    let shared =
        std::path::Path::new("/work/shared/data/arxiv-metadata-oai-snapshot.sample200.jsonl");
    if shared.exists() {
        sources.push(Source::Path(shared.to_path_buf()));
    }
    for source in &sources {
        for query in QUERIES {
            for limit in [1, 3, 10, 50] {
                for block in [300, 4096, BLOCK] {
                    let (fast, all) = both(query, source, limit, block);
                    let fast = fast.unwrap_or_else(|| panic!("{query} {limit} {block} gave up"));
                    assert_eq!(fast, all, "{} `{query}` --limit {limit}", source.name());
                }
            }
        }
    }
}

#[test]
fn a_broad_query_parses_few_plain_lines() {
    let titles = seed_titles();
    let query = Query::parse("model");
    let block = search_block(&query, &titles, 0, 3, &[], "seed.jsonl");
    assert!(block.chunk.len() < 40, "{} parsed", block.chunk.len());
    assert!(!block.skipped.is_empty());
}

const WORDS: &[&str] = &[
    "pretrain",
    "Pretraining",
    "pre-training",
    "LLM",
    "llm",
    "dist",
    "distillation",
    "model",
    "Models",
    "contrastive",
    "learning",
    "of",
    "a",
    "xyz",
];

/// A JSON Lines line of one of several makes, or a copy of an earlier line.
fn line(shape: u8, words: &[usize], n: usize, earlier: &[String], pick: usize) -> String {
    let title: Vec<&str> = words.iter().map(|&w| WORDS[w % WORDS.len()]).collect();
    let title = title.join(" ");
    match shape % 8 {
        0 | 1 => format!("{{\"title\":\"{title}\"}}"),
        2 => format!("{{\"id\":\"2401.{:05}\",\"title\":\"{title}\"}}", n % 7),
        3 => format!(
            "{{\"title\":\"{title}\",\"authors\":\"{} Smith\",\"abstract\":\"{title} and more\"}}",
            WORDS[n % WORDS.len()]
        ),
        4 => format!("{{\"title\":\"{title} $x$\\nend\"}}"),
        5 => "   ".to_string(),
        6 => "{\"title\":".to_string(),
        _ if earlier.is_empty() => format!("{{\"title\":\"{title}\"}}"),
        _ => earlier[pick % earlier.len()].clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_fast_search_finds_what_the_full_scan_finds_in_any_list(
        made in proptest::collection::vec(
            (any::<u8>(), proptest::collection::vec(0usize..100, 1..6), any::<usize>()),
            1..60,
        ),
        query in proptest::sample::select(QUERIES),
        limit in 1usize..6,
        block in 16usize..400,
    ) {
        let mut lines: Vec<String> = Vec::new();
        for (n, (shape, words, pick)) in made.iter().enumerate() {
            let l = line(*shape, words, n, &lines, *pick);
            lines.push(l);
        }
        let bytes = (lines.join("\n") + "\n").into_bytes();
        let source = Source::Bytes("made.jsonl".into(), bytes.into());
        if load::load_all(std::slice::from_ref(&source)).is_err() {
            return Ok(());
        }
        let (fast, all) = both(query, &source, limit, block);
        if let Some(fast) = fast {
            prop_assert_eq!(fast, all);
        }
    }
}

#[test]
fn a_plain_title_scores_without_parsing_as_its_paper_scores() {
    let titles = seed_titles();
    let mut plain = 0;
    for query in QUERIES.iter().map(|q| Query::parse(q)) {
        for line in titles.split(|&b| b == b'\n') {
            let Some((title, _)) = plain_title(line) else {
                continue;
            };
            plain += 1;
            let mut chunk = Chunk::default();
            parse_line(&mut chunk, line, "f", 1, &mut Vec::new()).expect("parses");
            let score = query.score(&chunk.get(0));
            assert_eq!(query.title_score(title), score, "{} {title}", query.text());
            let words = score.filter(|&s| holds_as_words(s));
            assert_eq!(query.title_words_score(title), words, "{title}");
            assert!(words.is_some() || score.is_none_or(|s| s <= FUZZY_CEILING));
        }
    }
    assert!(plain > 1000, "{plain} plain titles");
}
