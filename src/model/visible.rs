//! The papers the list shows, in order: the whole library (no index vector at all), or
//! indices into it. Never copies of papers.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visible<'a> {
    /// Every paper of a library of this many, in list order.
    All(usize),
    Indices(&'a [u32]),
}

impl Visible<'_> {
    pub fn len(&self) -> usize {
        match self {
            Visible::All(n) => *n,
            Visible::Indices(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The library index of the paper at list position `pos`.
    pub fn paper(&self, pos: usize) -> Option<usize> {
        match self {
            Visible::All(n) => (pos < *n).then_some(pos),
            Visible::Indices(v) => v.get(pos).map(|&i| i as usize),
        }
    }

    /// The list position of library paper `paper`, if shown.
    pub fn position(&self, paper: usize) -> Option<usize> {
        match self {
            Visible::All(n) => (paper < *n).then_some(paper),
            Visible::Indices(v) => v.iter().position(|&i| i as usize == paper),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_is_the_identity_and_indices_map_both_ways() {
        let all = Visible::All(3);
        assert_eq!(
            (all.paper(2), all.paper(3), all.position(1)),
            (Some(2), None, Some(1))
        );
        let some = Visible::Indices(&[5, 1]);
        assert_eq!(some.len(), 2);
        assert_eq!(
            (some.paper(0), some.position(1), some.position(2)),
            (Some(5), Some(1), None)
        );
    }
}
