//! How far loading has come: what the loaders count and the reader's header shows.

/// How far loading has come, over all the sources.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub papers: usize,
    pub read: u64,
    /// The sources' total size, when all are files of known size.
    pub total: Option<u64>,
}

impl Progress {
    /// Percent of the bytes read, when the total is known.
    pub fn percent(&self) -> Option<u64> {
        self.total
            .filter(|&t| t > 0)
            .map(|t| (self.read.saturating_mul(100) / t).min(100))
    }
}
