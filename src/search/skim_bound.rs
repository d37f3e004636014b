//! A cheap, tight upper bound of SkimMatcherV2's score for ASCII text, so that a search for
//! the best few papers calls the matcher only for those that can make them.
//!
//! It runs the recurrence SkimMatcherV2 documents (a match scores 16, less 2 for a case
//! mismatch, plus a bonus: 8 at a word head, doubled on the text's first character, 7 after
//! punctuation, 6 for camel case, at least 4 when consecutive; a gap costs 3 plus 1 per skipped
//! character) over the same two-row matrix, including its habits: a bonus is carried along a
//! row in the cell left of a match, and a row starts from cells its predecessor two rows back
//! wrote. For the fresh matcher papertui uses it gives exactly the matcher's score; a matcher
//! reused across calls may carry bonuses over from earlier texts, which the `carried` argument
//! takes at their largest (tests use it to show the bound also holds for a reused matcher).

use std::cell::RefCell;

const MATCH: i32 = 16;
const CASE_MISMATCH: i32 = -2;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const HEAD: i32 = 8;
const BREAK: i32 = 7;
const CAMEL: i32 = 6;
const CONSECUTIVE: i32 = 4;
const NEG_INFINITY: i32 = i16::MIN as i32;

/// What a cell of a reused matcher may hold from an earlier call: its bonus at most this.
#[cfg(test)]
pub const CARRIED_OVER: i32 = 8;

#[cfg(test)]
#[derive(Clone, Copy)]
struct Cell {
    m: i32,
    p: i32,
    bonus: i32,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn kind(b: u8) -> Kind {
    match b {
        0 => Kind::Empty,
        b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Kind::HardSep,
        b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => Kind::SoftSep,
        b'0'..=b'9' => Kind::Number,
        b'A'..=b'Z' => Kind::Upper,
        _ => Kind::Lower,
    }
}

fn in_place_bonus(prev: u8, cur: u8) -> i32 {
    match (kind(prev), kind(cur)) {
        (Kind::Empty | Kind::HardSep, _) => HEAD,
        (Kind::SoftSep, _) => BREAK,
        (Kind::Lower | Kind::Number, Kind::Upper) => CAMEL,
        _ => 0,
    }
}

/// The bound of the score of `pattern` in `text` (both ASCII), or None if it does not match.
/// `carried` is what an unwritten cell's bonus may be: 0 for a fresh matcher (the result is
/// then its exact score), [`CARRIED_OVER`] for a reused one.
///
/// Only the cells where a pattern character matches are computed: between two of them a row
/// only loses 1 a column, which a running maximum gives in one step. `dense_score` computes
/// every cell and tests check the two agree.
pub fn score_bound(text: &[u8], pattern: &[u8], case_sensitive: bool, carried: i32) -> Option<i32> {
    if pattern.is_empty() {
        return Some(0);
    }
    thread_local! {
        static SPARSE: RefCell<Sparse> = RefCell::default();
    }
    SPARSE.with_borrow_mut(|work| work.run(text, pattern, case_sensitive, carried))
}

/// The matched cells of every row, kept between calls so a search allocates nothing.
#[derive(Default)]
struct Sparse {
    rows: Vec<Row>,
    /// Matched columns (column c holds character c - 1), row after row, ascending in each.
    cols: Vec<u32>,
    /// M at each matched column.
    m: Vec<i32>,
    /// The largest M + column - 3 up to each matched column (or the row's base).
    best: Vec<i32>,
    /// Where each pattern character matches in the text, as columns.
    places: Vec<Vec<u32>>,
}

/// One row of the matrix: where its matched cells are in [`Sparse`].
#[derive(Clone, Copy)]
struct Row {
    /// The character of the row's first match (its columns start after it).
    first: usize,
    start: usize,
    end: usize,
    /// The largest P + column the row starts from (at column `first`).
    base: i32,
}

impl Sparse {
    // The matcher's recurrence, kept in one piece so it reads against fuzzy-matcher's own.
    #[allow(clippy::too_many_lines)]
    fn run(
        &mut self,
        text: &[u8],
        pattern: &[u8],
        case_sensitive: bool,
        carried: i32,
    ) -> Option<i32> {
        self.rows.clear();
        self.cols.clear();
        self.m.clear();
        self.best.clear();
        // Every place each pattern character matches, in one pass over the text.
        let m = pattern.len();
        self.places.resize_with(m, Vec::new);
        for places in &mut self.places[..m] {
            places.clear();
        }
        if m <= 64 {
            let mut masks = [0u64; 128];
            for (i, &p) in pattern.iter().enumerate() {
                let bit = 1u64 << i;
                masks[usize::from(p & 0x7f)] |= bit;
                if !case_sensitive {
                    masks[usize::from(p.to_ascii_lowercase() & 0x7f)] |= bit;
                    masks[usize::from(p.to_ascii_uppercase() & 0x7f)] |= bit;
                }
            }
            for (at, &c) in text.iter().enumerate() {
                let mut bits = masks[usize::from(c & 0x7f)];
                while bits != 0 {
                    self.places[bits.trailing_zeros() as usize].push(at as u32 + 1);
                    bits &= bits - 1;
                }
            }
        } else {
            for (i, &p) in pattern.iter().enumerate() {
                for (at, &c) in text.iter().enumerate() {
                    if c == p || !case_sensitive && c.eq_ignore_ascii_case(&p) {
                        self.places[i].push(at as u32 + 1);
                    }
                }
            }
        }
        // Each row starts after the greedy first match of its character.
        let mut from = 0;
        for i in 0..m {
            let places = &self.places[i];
            let k = places.partition_point(|&c| (c as usize) <= from);
            let first = *places.get(k)? as usize - 1;
            from = first + 1;
            let start = self.cols.len();
            self.cols.extend_from_slice(&places[k..]);
            let end = self.cols.len();
            self.rows.push(Row {
                first,
                start,
                end,
                base: 0,
            });
        }
        self.m.resize(self.cols.len(), NEG_INFINITY);
        self.best.resize(self.cols.len(), NEG_INFINITY);
        let bonus_at = |col: usize| -> i32 {
            let prev = if col >= 2 { text[col - 2] } else { 0 };
            let b = in_place_bonus(prev, text[col - 1]);
            if col == 1 { b * 2 } else { b }
        };
        for (i, &p) in pattern.iter().enumerate() {
            let row = self.rows[i];
            let f = row.first;
            // What the memory row held at column f before this row: written two rows back.
            let (m_old, p_old) = match i {
                0 => (NEG_INFINITY, NEG_INFINITY),
                1 => (NEG_INFINITY, GAP_EXTENSION),
                _ => (self.m_at(i - 2, f), self.p_at(i - 2, f)),
            };
            let base = (p_old + f as i32).max(m_old + f as i32 + GAP_START);
            self.rows[i].base = base;
            let mut running = base;
            // The previous row is read left to right: a cursor into it, not a search.
            let prev = if i > 0 { self.rows[i - 1] } else { row };
            let mut cursor = prev.start;
            for k in row.start..row.end {
                let c = self.cols[k] as usize;
                let left = c - 1;
                let left_matched =
                    left == f || (k > row.start && self.cols[k - 1] as usize == left);
                let prev_bonus = if left_matched {
                    self.stale_bonus(i, left, carried, &bonus_at)
                } else {
                    0
                };
                let in_place = bonus_at(c);
                let consecutive = prev_bonus.max(in_place).max(CONSECUTIVE);
                let (m_diag, p_diag) = if i == 0 {
                    (NEG_INFINITY, GAP_EXTENSION)
                } else {
                    while cursor < prev.end && (self.cols[cursor] as usize) < left {
                        cursor += 1;
                    }
                    let m = if cursor < prev.end && self.cols[cursor] as usize == left {
                        self.m[cursor]
                    } else {
                        NEG_INFINITY
                    };
                    let best = if cursor == prev.start {
                        prev.base
                    } else {
                        self.best[cursor - 1]
                    };
                    (m, best - left as i32)
                };
                let penalty = if !case_sensitive && p != text[c - 1] {
                    CASE_MISMATCH
                } else {
                    0
                };
                let m = (m_diag + consecutive).max(p_diag + in_place) + (MATCH + penalty).max(0);
                self.m[k] = m;
                running = running.max(m + c as i32 + GAP_START);
                self.best[k] = running;
            }
        }
        let last = pattern.len() - 1;
        let old = if last >= 2 {
            self.m_at(last - 2, self.rows[last].first)
        } else {
            NEG_INFINITY
        };
        let row = self.rows[last];
        self.m[row.start..row.end]
            .iter()
            .copied()
            .chain([old])
            .max()
    }

    fn find(&self, i: usize, col: usize) -> Result<usize, usize> {
        let row = self.rows[i];
        self.cols[row.start..row.end]
            .binary_search(&(col as u32))
            .map(|k| row.start + k)
    }

    /// M at column `col` of row `i`, a column the row computed (col > first).
    fn m_at(&self, i: usize, col: usize) -> i32 {
        self.find(i, col).map_or(NEG_INFINITY, |k| self.m[k])
    }

    /// P at column `col` of row `i` (col > first): the best M to its left less the gap.
    fn p_at(&self, i: usize, col: usize) -> i32 {
        let row = self.rows[i];
        let k = self.cols[row.start..row.end].partition_point(|&c| (c as usize) < col);
        let best = if k == 0 {
            row.base
        } else {
            self.best[row.start + k - 1]
        };
        best - col as i32
    }

    /// The bonus at column `col` of row `i`'s memory before row `i` ran: what row i - 2 left
    /// there (recursively), or the start (0 under the second pattern character's row,
    /// `carried` under the first one's, but 0 where that is reset).
    fn stale_bonus(
        &self,
        i: usize,
        col: usize,
        carried: i32,
        bonus_at: &dyn Fn(usize) -> i32,
    ) -> i32 {
        match i {
            0 => {
                return if col == self.rows[0].first {
                    0
                } else {
                    carried
                };
            }
            1 => return 0,
            _ => {}
        }
        if col <= self.rows[i - 2].first {
            return self.stale_bonus(i - 2, col, carried, bonus_at);
        }
        if self.find(i - 2, col).is_err() {
            return 0;
        }
        let old = self.stale_bonus(i - 2, col, carried, bonus_at);
        if self.find(i - 2, col + 1).is_ok() {
            old.max(bonus_at(col + 1)).max(CONSECUTIVE)
        } else {
            old
        }
    }
}

/// [`score_bound`], computing every cell of the matrix: the plain reference.
#[cfg(test)]
pub fn dense_score(text: &[u8], pattern: &[u8], case_sensitive: bool, carried: i32) -> Option<i32> {
    let same = |c: u8, p: u8| {
        if case_sensitive {
            c == p
        } else {
            c.eq_ignore_ascii_case(&p)
        }
    };
    if pattern.is_empty() {
        return Some(0);
    }
    thread_local! {
        static WORK: RefCell<(Vec<usize>, Vec<i32>, Vec<Cell>)> = RefCell::default();
    }
    WORK.with_borrow_mut(|(first, bonuses, cells)| {
        // The first place each pattern character can match, greedily.
        first.clear();
        let mut at = 0;
        for &p in pattern {
            at += text.get(at..)?.iter().position(|&c| same(c, p))?;
            first.push(at);
            at += 1;
        }
        let cols = text.len() + 1;
        bonuses.clear();
        bonuses.push(0);
        let mut prev = 0u8;
        for &c in text {
            bonuses.push(in_place_bonus(prev, c));
            prev = c;
        }
        bonuses[1] *= 2;
        cells.clear();
        let unwritten = Cell {
            m: NEG_INFINITY,
            p: NEG_INFINITY,
            bonus: carried,
        };
        cells.resize(2 * cols, unwritten);
        let reset = Cell {
            m: NEG_INFINITY,
            p: NEG_INFINITY,
            bonus: 0,
        };
        cells[cols + first[0]] = reset;
        for cell in &mut cells[..cols] {
            *cell = Cell {
                p: GAP_EXTENSION,
                ..reset
            };
        }
        for (i, &p) in pattern.iter().enumerate() {
            let row = ((i + 1) & 1) * cols;
            let row_prev = (i & 1) * cols;
            for col in first[i] + 1..cols {
                let c = text[col - 1];
                let (cur, last, diag) = (row + col, row + col - 1, row_prev + col - 1);
                if same(c, p) {
                    let in_place = bonuses[col];
                    let consecutive = cells[last].bonus.max(in_place).max(CONSECUTIVE);
                    cells[last].bonus = consecutive;
                    let from_match = cells[diag].m + consecutive;
                    let from_skip = cells[diag].p + in_place;
                    let penalty = if !case_sensitive && p != c {
                        CASE_MISMATCH
                    } else {
                        0
                    };
                    cells[cur].m = from_match.max(from_skip) + (MATCH + penalty).max(0);
                } else {
                    cells[cur].m = NEG_INFINITY;
                    cells[cur].bonus = 0;
                }
                cells[cur].p =
                    (GAP_START + GAP_EXTENSION + cells[last].m).max(GAP_EXTENSION + cells[last].p);
            }
        }
        let last_row = (pattern.len() & 1) * cols;
        (first[pattern.len() - 1]..cols)
            .map(|col| cells[last_row + col].m)
            .max()
    })
}

#[cfg(test)]
mod tests {
    use fuzzy_matcher::skim::SkimMatcherV2;

    use super::*;
    use crate::model::testing::Lcg;

    fn cases() -> impl Iterator<Item = (String, String)> {
        let mut random = Lcg(99);
        let text_chars: Vec<char> = "aAbBpPrReEtT -_1./(x".chars().collect();
        let pattern_chars: Vec<char> = "abpreAPRT1-".chars().collect();
        (0..60_000).map(move |round| {
            let text = random.string(&text_chars, round % 40);
            let pattern = random.string(&pattern_chars, 1 + round % 7);
            (text, pattern)
        })
    }

    fn case_sensitive(pattern: &str) -> bool {
        pattern.bytes().any(|b| b.is_ascii_uppercase())
    }

    #[test]
    fn it_is_a_fresh_matchers_exact_score() {
        for (text, pattern) in cases() {
            let fresh = SkimMatcherV2::default()
                .fuzzy(&text, &pattern, false)
                .map(|(s, _)| s);
            let dense = dense_score(
                text.as_bytes(),
                pattern.as_bytes(),
                case_sensitive(&pattern),
                0,
            );
            assert_eq!(dense.map(i64::from), fresh, "{pattern:?} in {text:?}");
        }
    }

    #[test]
    fn only_matched_cells_give_the_same_as_every_cell() {
        for (text, pattern) in cases() {
            for carried in [0, CARRIED_OVER] {
                let cs = case_sensitive(&pattern);
                let dense = dense_score(text.as_bytes(), pattern.as_bytes(), cs, carried);
                let sparse = score_bound(text.as_bytes(), pattern.as_bytes(), cs, carried);
                assert_eq!(sparse, dense, "{pattern:?} in {text:?}, carried {carried}");
            }
        }
    }

    #[test]
    fn it_bounds_a_reused_matcher() {
        // Texts whose first character matches the pattern's never reach a reused matcher.
        let shared = SkimMatcherV2::default();
        for (text, pattern) in cases() {
            let starts = text
                .bytes()
                .next()
                .zip(pattern.bytes().next())
                .is_some_and(|(t, p)| {
                    if case_sensitive(&pattern) {
                        t == p
                    } else {
                        t.eq_ignore_ascii_case(&p)
                    }
                });
            if starts {
                continue;
            }
            let score = shared.fuzzy(&text, &pattern, false).map(|(s, _)| s);
            let bound = score_bound(
                text.as_bytes(),
                pattern.as_bytes(),
                case_sensitive(&pattern),
                CARRIED_OVER,
            );
            assert_eq!(score.is_some(), bound.is_some(), "{pattern:?} in {text:?}");
            if let (Some(score), Some(bound)) = (score, bound) {
                assert!(
                    score <= i64::from(bound),
                    "{pattern:?} in {text:?}: {score} > {bound}"
                );
            }
        }
    }
}
