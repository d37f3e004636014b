//! Test helpers for the model: small libraries, the plain ranking the engine must agree
//! with, and a tiny deterministic random source.

use super::filter::{self, Query};
use super::library::{Authors, Chunk, Library, LibraryBuilder, RawPaper};

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
    let m = crate::model::filter::matcher();
    let query = Query::parse(q);
    let hits = lib
        .iter()
        .enumerate()
        .filter_map(|(i, p)| query.score(&m, &p).map(|s| (s, i as u32)))
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
