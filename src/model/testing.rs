//! Test helpers for the model: small libraries, the plain ranking the engine must agree
//! with, and a tiny deterministic random source.

use crate::library::{Authors, Chunk, Library, LibraryBuilder, RawPaper};
use crate::search::query::{self as filter, Query};

/// A library of (title, authors, abstract) papers, `per_chunk` to a chunk.
pub fn library(papers: &[(&str, &str, &str)], per_chunk: usize) -> Library {
    let mut b = LibraryBuilder::default();
    for group in papers.chunks(per_chunk.max(1)) {
        let mut chunk = Chunk::default();
        for (title, authors, abs) in group {
            chunk
                .push(&RawPaper {
                    title: (*title).into(),
                    authors: Authors::Joined((*authors).into()),
                    abstract_text: (*abs).into(),
                    ..Default::default()
                })
                .expect("test titles are not empty");
        }
        b.append(chunk);
    }
    b.into_library()
}

/// The straightforward ranking: every paper scored one by one, then sorted.
pub fn reference(lib: &Library, q: &str) -> Vec<u32> {
    let query = Query::parse(q);
    let hits = lib
        .iter()
        .enumerate()
        .filter_map(|(i, p)| query.score(&p).map(|s| (s, i as u32)))
        .collect();
    filter::rank(hits, None)
}

/// A linear congruential generator: the same strings on every machine.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize % n
    }

    /// `len` characters drawn from `alphabet`.
    pub fn string(&mut self, alphabet: &[char], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
}

/// Four papers with ids, upvotes, dates and links where a real list has them, in a model
/// sized like a wide terminal.
pub fn rich_model() -> super::Model {
    let mut chunk = Chunk::default();
    /// arXiv id, title, upvotes, date.
    type Row<'a> = (Option<&'a str>, &'a str, Option<u32>, Option<&'a str>);
    let papers: [Row; 4] = [
        (
            Some("2403.03507"),
            "GaLore: Memory-Efficient LLM Training",
            Some(185),
            Some("2024-03-06"),
        ),
        (
            None,
            "continual pre-training of large language models",
            Some(7),
            Some("2024-03-08"),
        ),
        (
            None,
            "Metadata Conditioning Accelerates Pre-training",
            None,
            Some("2023-01-01"),
        ),
        (
            Some("2310.12962"),
            "An Emulator for Fine-Tuning",
            Some(40),
            None,
        ),
    ];
    for (id, title, upvotes, published) in papers {
        chunk
            .push(&RawPaper {
                id: id.map(Into::into),
                title: title.into(),
                authors: Authors::Joined("Jiawei Zhao, Zhenyu Zhang".into()),
                abstract_text: "An abstract.".into(),
                upvotes,
                published: published.map(Into::into),
                ..Default::default()
            })
            .expect("test titles are not empty");
    }
    let mut b = LibraryBuilder::default();
    b.append(chunk);
    let mut m = super::Model::new(b.into_library());
    m.update(crate::action::Action::Resize {
        width: 120,
        height: 36,
    });
    m
}

pub use crate::harness::apply;

/// Takes workers' or timers' reports as the app loop does, with the workers' answers at once;
/// returns the effects left for the app loop.
pub fn report(
    m: &mut super::Model,
    reports: impl IntoIterator<Item = super::Report>,
) -> Vec<super::Effect> {
    let mut left = Vec::new();
    for report in reports {
        let effects = m.take(report);
        left.extend(crate::harness::settle(m, effects));
    }
    left
}

/// The rich model, reading papers by dwelling on them (the timer's rule).
pub fn dwelling_model() -> super::Model {
    let settings = super::Settings {
        mark_read: super::mode::MarkRead::Dwell,
        ..super::Settings::default()
    };
    rich_model().with_settings(settings)
}

/// The footer's message as the shipped keys word it.
pub fn said(m: &super::Model) -> Option<String> {
    let keymap = crate::keymap::Keymap::default();
    m.notice().map(|n| n.words(&|a| keymap.label_of(a)))
}

/// The titles the list shows, in order.
pub fn shown(m: &super::Model) -> Vec<&str> {
    let v = m.visible();
    (0..v.len())
        .filter_map(|pos| v.paper(pos))
        .map(|i| m.library().get(i).title())
        .collect()
}

/// Four papers with upvotes, dates and titles that each order sorts differently.
pub fn sortable() -> Library {
    let mut chunk = Chunk::default();
    for (title, upvotes, date) in [
        ("beta", Some(3), Some("2024-03-06")),
        ("Alpha", None, Some("2023-12-01")),
        ("gamma", Some(10), None),
        ("alpha two", Some(3), Some("2024-03")),
    ] {
        chunk
            .push(&RawPaper {
                title: title.into(),
                upvotes,
                published: date.map(Into::into),
                ..Default::default()
            })
            .expect("a title");
    }
    let mut b = LibraryBuilder::default();
    b.append(chunk);
    b.into_library()
}
