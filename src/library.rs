//! All papers of a run in list order, and the builder that appends loaded chunks to it,
//! dropping duplicates. Chunks are immutable and shared, so a background filter can read a
//! snapshot while the loader appends.

mod chunk;
mod details;
pub mod latex;
pub mod paper;
mod paper_ref;
mod progress;
mod raw;

use std::sync::Arc;

use hashbrown::HashTable;

pub use chunk::{Chunk, Rejected, hash_of_key};
pub use details::Detail;
pub use paper_ref::PaperRef;
pub use progress::Progress;
pub use raw::{AnnounceType, Authors, RawPaper, cleaned_if_escaped};

/// The papers of a run in list order. Cloning is cheap (chunks are shared), which is how the
/// filter thread gets a snapshot.
#[derive(Clone, Debug, Default)]
pub struct Library {
    pub name: Option<String>,
    pub date: Option<String>,
    chunks: Vec<Arc<Chunk>>,
    /// Index of the first paper of each chunk.
    starts: Vec<usize>,
    len: usize,
}

impl Library {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Paper `i` in list order. Panics if `i >= len()`, like slice indexing.
    pub fn get(&self, i: usize) -> PaperRef<'_> {
        let c = self.starts.partition_point(|&s| s <= i) - 1;
        self.chunks[c].get(i - self.starts[c])
    }

    /// The hash of paper `i`'s key ([`PaperRef::key_hash`]).
    fn key_hash(&self, i: usize) -> u64 {
        let c = self.starts.partition_point(|&s| s <= i) - 1;
        self.chunks[c].key_hashes[i - self.starts[c]]
    }

    pub fn iter(&self) -> impl Iterator<Item = PaperRef<'_>> + '_ {
        self.chunks
            .iter()
            .flat_map(|c| (0..c.len()).map(|i| c.get(i)))
    }

    /// The chunks with the index of their first paper, for parallel scans.
    pub fn chunks(&self) -> impl Iterator<Item = (usize, &Chunk)> + '_ {
        self.starts
            .iter()
            .copied()
            .zip(self.chunks.iter().map(|c| &**c))
    }

    pub fn heap_bytes(&self) -> usize {
        self.chunks.iter().map(|c| c.heap_bytes()).sum()
    }
}

/// Grows a [`Library`], dropping papers whose key was seen before (the first one wins).
#[derive(Default)]
pub struct LibraryBuilder {
    library: Library,
    /// The index of each paper kept, found by its key hash (kept in its chunk, so the table
    /// holds 4 bytes a paper).
    seen: HashTable<u32>,
    /// Papers an arXiv announcement lists for these reasons are not added (the config's
    /// choice: no cross-lists, no replacements).
    leave_out: Vec<AnnounceType>,
}

/// A hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default)]
pub struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl LibraryBuilder {
    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn into_library(self) -> Library {
        self.library
    }

    /// Leaves out the papers an announcement lists for one of `kinds`.
    pub fn leave_out(&mut self, kinds: &[AnnounceType]) {
        self.leave_out = kinds.to_vec();
    }

    /// Names the library, whatever it was named before.
    pub fn rename(&mut self, name: Option<String>, date: Option<String>) {
        self.library.name = name;
        self.library.date = date;
    }

    pub fn set_name(&mut self, name: Option<String>, date: Option<String>) {
        let lib = &mut self.library;
        lib.name = lib.name.take().or(name);
        lib.date = lib.date.take().or(date);
    }

    /// Appends a chunk; returns how many of its papers were duplicates and dropped (papers
    /// left out for their announcement are not counted). A
    /// duplicate gives the paper seen first the fields it lacks (the same paper from the
    /// Daily Papers and from an arXiv feed: upvotes from one, comment from the other).
    pub fn append(&mut self, chunk: Chunk) -> usize {
        let Self {
            library,
            seen,
            leave_out,
        } = self;
        let base = library.len;
        // (index in the library of the paper seen first, index in `chunk` of its duplicate)
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let mut dups = Vec::new();
        // Room for the whole chunk now, so the table never grows (and rehashes) below, while
        // some of its indices are the chunk's.
        seen.reserve(chunk.len(), |&i| library.key_hash(i as usize));
        let mut left_out = 0;
        for i in 0..chunk.len() {
            if !leave_out.is_empty()
                && chunk
                    .get(i)
                    .announce()
                    .is_some_and(|a| leave_out.contains(&a))
            {
                dups.push(i);
                left_out += 1;
                continue;
            }
            let hash = chunk.key_hashes[i];
            // The paper at `earlier` in the library, or in this chunk (kept papers precede it).
            let paper = |earlier: usize| {
                if earlier >= base {
                    chunk.get(chunk_local(earlier - base, &dups))
                } else {
                    library.get(earlier)
                }
            };
            let found = seen.find(hash, |&earlier| {
                let earlier = paper(earlier as usize);
                earlier.key_hash() == hash && earlier.key() == chunk.get(i).key()
            });
            if let Some(&earlier) = found {
                dups.push(i);
                pairs.push((earlier as usize, i));
            } else {
                let at = base + i - dups.len();
                seen.insert_unique(hash, at as u32, |&j| paper(j as usize).key_hash());
            }
        }
        if dups.is_empty() {
            self.push(chunk);
        } else {
            self.push(chunk.without(&dups));
            self.fill_from(&pairs, &chunk);
        }
        dups.len() - left_out
    }

    fn push(&mut self, mut chunk: Chunk) {
        chunk.shrink();
        if !chunk.is_empty() {
            let lib = &mut self.library;
            lib.starts.push(lib.len);
            lib.len += chunk.len();
            lib.chunks.push(Arc::new(chunk));
        }
    }

    /// Gives each paper of `pairs` the fields its duplicate in `chunk` has and it lacks,
    /// rebuilding only the chunks where something changes.
    fn fill_from(&mut self, pairs: &[(usize, usize)], chunk: &Chunk) {
        let lib = &mut self.library;
        let mut by_chunk: Vec<(usize, usize, usize)> = pairs
            .iter()
            .map(|&(earlier, i)| {
                let c = lib.starts.partition_point(|&s| s <= earlier) - 1;
                (c, earlier - lib.starts[c], i)
            })
            .filter(|&(c, local, i)| lib.chunks[c].would_fill(local, chunk, i))
            .collect();
        by_chunk.sort_unstable();
        for group in by_chunk.chunk_by(|a, b| a.0 == b.0) {
            let c = group[0].0;
            let fills: Vec<(usize, usize)> =
                group.iter().map(|&(_, local, i)| (local, i)).collect();
            lib.chunks[c] = Arc::new(lib.chunks[c].filled(&fills, chunk));
        }
    }
}

/// The index in the un-deduplicated chunk of the kept paper `kept` (dups are sorted).
fn chunk_local(kept: usize, dups: &[usize]) -> usize {
    let mut i = kept;
    for &d in dups {
        if d <= i {
            i += 1;
        } else {
            break;
        }
    }
    i
}

#[cfg(test)]
mod tests;
