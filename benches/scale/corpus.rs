//! Deterministic, realistic corpora for the benchmarks: titles and abstracts recombined from
//! runs of words of the seed page, in the arXiv metadata snapshot's format (hard-wrapped
//! fields, an authors string, versions and authors_parsed), and a titles-only pair of files
//! (text for fzf, JSON Lines for papertui) holding the same titles.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

const SEED: &str = include_str!("../../tests/data/daily-papers.txt");

/// splitmix64: tiny, fast and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

pub struct Words {
    titles: Vec<Vec<&'static str>>,
    abstracts: Vec<Vec<&'static str>>,
}

impl Words {
    pub fn from_seed() -> Words {
        let paragraphs: Vec<&str> = SEED
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .skip(5)
            .collect();
        let split = |p: &&'static str| p.split_whitespace().collect::<Vec<_>>();
        Words {
            titles: paragraphs.iter().step_by(2).map(split).collect(),
            abstracts: paragraphs.iter().skip(1).step_by(2).map(split).collect(),
        }
    }

    /// Appends `count` words taken as runs of `run` consecutive words from random texts.
    fn runs(
        texts: &[Vec<&'static str>],
        rng: &mut Rng,
        count: usize,
        run: (usize, usize),
        out: &mut Vec<&'static str>,
    ) {
        let goal = out.len() + count;
        while out.len() < goal {
            let text = &texts[rng.below(texts.len())];
            let len = rng
                .range(run.0, run.1)
                .min(text.len())
                .min(goal - out.len());
            let start = rng.below(text.len() - len + 1);
            out.extend_from_slice(&text[start..start + len]);
        }
    }

    pub fn title(&self, rng: &mut Rng) -> String {
        let mut w = Vec::new();
        let n = rng.range(5, 13);
        Self::runs(&self.titles, rng, n, (2, 5), &mut w);
        w.join(" ")
    }

    pub fn abstract_text(&self, rng: &mut Rng) -> String {
        let mut w = Vec::new();
        let n = rng.range(120, 190);
        Self::runs(&self.abstracts, rng, n, (5, 15), &mut w);
        w.join(" ")
    }
}

const SURNAMES: [&str; 24] = [
    "Zhao",
    "Smith",
    "M\\\"uller",
    "Garc\\'ia",
    "Nakamura",
    "Kowalski",
    "Okafor",
    "Chen",
    "Ivanova",
    "Dubois",
    "Rossi",
    "Kim",
    "Haddad",
    "Silva",
    "Johansson",
    "Nguyen",
    "Patel",
    "O'Brien",
    "Schmidt",
    "Tanaka",
    "Novak",
    "Cohen",
    "Wang",
    "Fern\\'andez",
];
const INITIALS: &str = "ABCDEFGHIJKLMNOPRSTVWYZ";
const CATEGORIES: [&str; 10] = [
    "cs.LG", "cs.CL", "cs.CV", "cs.AI", "stat.ML", "cs.IR", "math.OC", "cs.NE", "hep-ph",
    "quant-ph",
];

/// Hard-wraps at 80 columns with arXiv's two-space indent.
fn wrap(text: &str, indent_first: bool) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 40);
    let mut col = 0;
    if indent_first {
        out.push_str("  ");
        col = 2;
    }
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            if col + 1 + word.len() > 80 {
                out.push_str("\n  ");
                col = 2;
            } else {
                out.push(' ');
                col += 1;
            }
        }
        out.push_str(word);
        col += word.len();
    }
    out
}

fn json(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}

/// Writes `n` papers in the arXiv metadata snapshot format; returns the file size.
pub fn write_arxiv(path: &Path, n: usize, seed: u64) -> io::Result<u64> {
    let words = Words::from_seed();
    let mut rng = Rng::new(seed);
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    for i in 0..n {
        let title = words.title(&mut rng);
        let abs = words.abstract_text(&mut rng);
        let authors: Vec<(char, &str)> = (0..rng.range(1, 8))
            .map(|_| {
                let initial = INITIALS.as_bytes()[rng.below(INITIALS.len())] as char;
                (initial, SURNAMES[rng.below(SURNAMES.len())])
            })
            .collect();
        let authors_string = authors
            .iter()
            .map(|(i, s)| format!("{i}. {s}"))
            .collect::<Vec<_>>()
            .join(", ");
        let parsed = authors
            .iter()
            .map(|(i, s)| format!("[{},{},\"\"]", json(s), json(&format!("{i}."))))
            .collect::<Vec<_>>()
            .join(",");
        let (yy, mm) = (7 + i / 120_000, 1 + (i / 10_000) % 12);
        let day = 1 + rng.below(28);
        writeln!(
            out,
            "{{\"id\":\"{yy:02}{mm:02}.{num:05}\",\"submitter\":{sub},\"authors\":{authors},\
             \"title\":{title},\"comments\":\"{pages} pages, {figs} figures\",\"journal-ref\":null,\
             \"doi\":null,\"report-no\":null,\"categories\":\"{cat1} {cat2}\",\"license\":null,\
             \"abstract\":{abs},\"versions\":[{{\"version\":\"v1\",\"created\":\"Mon, {day} Apr 20{yy:02} \
             19:18:42 GMT\"}}],\"update_date\":\"20{yy:02}-{mm:02}-{day:02}\",\"authors_parsed\":[{parsed}]}}",
            num = i % 100_000,
            sub = json(&authors[0].1.replace('\\', "")),
            authors = json(&wrap(&authors_string, false)),
            title = json(&wrap(&title, false)),
            pages = rng.range(4, 40),
            figs = rng.range(1, 12),
            cat1 = CATEGORIES[rng.below(CATEGORIES.len())],
            cat2 = CATEGORIES[rng.below(CATEGORIES.len())],
            abs = json(&(wrap(&abs, true) + "\n")),
        )?;
    }
    out.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

/// Writes the same `n` titles as text (one a line, for fzf) and as JSON Lines (for papertui).
pub fn write_titles(text: &Path, jsonl: &Path, n: usize, seed: u64) -> io::Result<()> {
    let words = Words::from_seed();
    let mut rng = Rng::new(seed);
    let mut t = BufWriter::with_capacity(1 << 20, File::create(text)?);
    let mut j = BufWriter::with_capacity(1 << 20, File::create(jsonl)?);
    for _ in 0..n {
        let title = words.title(&mut rng);
        writeln!(t, "{title}")?;
        writeln!(j, "{{\"title\":{}}}", json(&title))?;
    }
    t.flush()?;
    j.flush()
}

/// Words every title of the second corpus may take, with the chance (in percent) that it does:
/// a corpus where `pretrain` matches more than half the titles and `llm dist` a third.
const COMMON: [(&[&str], usize); 3] = [
    (
        &[
            "Pretraining",
            "pretrained",
            "Pre-training",
            "pretrain",
            "Pretrained",
        ],
        55,
    ),
    (&["LLM", "LLMs", "llm-based", "Large Language Models"], 45),
    (
        &[
            "Distillation",
            "distilled",
            "distribution",
            "Distributed",
            "distance",
        ],
        60,
    ),
];

/// Writes `n` titles of another make: words drawn one at a time from the seed's vocabulary
/// with Zipf-like frequencies (a few words everywhere, most rare), 3 to 24 words long, with
/// the [`COMMON`] words mixed in. Text (for fzf) and JSON Lines (for papertui).
pub fn write_zipf_titles(text: &Path, jsonl: &Path, n: usize, seed: u64) -> io::Result<()> {
    let mut vocabulary: Vec<&'static str> = SEED
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    vocabulary.sort_unstable();
    vocabulary.dedup();
    let mut rng = Rng::new(seed);
    for i in (1..vocabulary.len()).rev() {
        vocabulary.swap(i, rng.below(i + 1));
    }
    // Zipf with exponent 1: the cumulative weights of ranks 1..=len.
    let cumulative: Vec<f64> = vocabulary
        .iter()
        .enumerate()
        .scan(0.0, |sum, (rank, _)| {
            *sum += 1.0 / (rank + 1) as f64;
            Some(*sum)
        })
        .collect();
    let total = *cumulative.last().expect("a vocabulary");
    let mut t = BufWriter::with_capacity(1 << 20, File::create(text)?);
    let mut j = BufWriter::with_capacity(1 << 20, File::create(jsonl)?);
    for _ in 0..n {
        let len = if rng.below(10) == 0 {
            rng.range(14, 24)
        } else {
            rng.range(3, 12)
        };
        let mut words: Vec<&str> = (0..len)
            .map(|_| {
                let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
                vocabulary[cumulative
                    .partition_point(|&c| c < x)
                    .min(vocabulary.len() - 1)]
            })
            .collect();
        for (choices, percent) in COMMON {
            if rng.below(100) < percent {
                let at = rng.below(words.len() + 1);
                words.insert(at, choices[rng.below(choices.len())]);
            }
        }
        let title = words.join(" ");
        writeln!(t, "{title}")?;
        writeln!(j, "{{\"title\":{}}}", json(&title))?;
    }
    t.flush()?;
    j.flush()
}
