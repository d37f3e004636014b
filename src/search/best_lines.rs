//! The best few lines of a block of a file, as it is read in order: what a line's bound must
//! beat for the line to be worth parsing.

/// The best `limit` papers of a block read in order, one per key (a later duplicate is the
/// same paper and does not count again): (score, position, key hash), best first.
pub struct BlockBest {
    limit: usize,
    best: Vec<(i64, u64, u64)>,
}

impl BlockBest {
    pub fn new(limit: usize) -> BlockBest {
        BlockBest {
            limit,
            best: Vec::with_capacity(limit + 1),
        }
    }

    /// Whether a line read after all those offered so far, with this bound, may make the
    /// best: a tie goes to the earlier line, so it must score more than the last of a full
    /// best.
    pub fn may_take(&self, bound: i64) -> bool {
        self.best.len() < self.limit || self.best.last().is_some_and(|last| bound > last.0)
    }

    /// Offers a paper read after all those offered so far.
    pub fn offer(&mut self, score: i64, position: u64, key_hash: u64) {
        if !self.may_take(score) || self.best.iter().any(|b| b.2 == key_hash) {
            return;
        }
        let at = self.best.partition_point(|b| b.0 >= score);
        self.best.insert(at, (score, position, key_hash));
        self.best.truncate(self.limit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_best_takes_only_a_line_that_scores_more_than_its_last() {
        let mut best = BlockBest::new(2);
        assert!(best.may_take(0));
        best.offer(5, 0, 1);
        best.offer(5, 1, 1);
        assert!(best.may_take(0), "a duplicate does not count");
        best.offer(3, 2, 2);
        assert!(!best.may_take(3) && best.may_take(4));
        best.offer(7, 3, 3);
        assert!(!best.may_take(5) && best.may_take(6));
        assert_eq!(best.best, [(7, 3, 3), (5, 0, 1)]);
    }

    #[test]
    fn no_line_is_taken_for_a_limit_of_zero() {
        let mut best = BlockBest::new(0);
        best.offer(1, 0, 0);
        assert!(!best.may_take(i64::MAX));
    }
}
