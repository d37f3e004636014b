//! The background sorter: sorts the library in the chosen order off the UI thread, so a
//! million papers never hold up typing. Only the newest request is sorted.

use std::cmp::Reverse;
use std::io;

use rayon::prelude::*;

use super::{Latest, Reply};
use crate::library::Library;
use crate::model::Report;
use crate::model::sorting::{Order, SortRequest};

/// A handle on the sort thread. Dropping it ends the thread once it is idle.
pub struct Sorter {
    requests: Latest<SortRequest>,
}

impl Sorter {
    /// Starts the sort thread. It replies [`Report::Sorted`] for the newest request only;
    /// when nobody listens any more the thread ends.
    pub fn spawn(reply: Box<Reply>) -> io::Result<Sorter> {
        let requests: Latest<SortRequest> = Latest::default();
        let queue = requests.clone();
        super::spawn("sort", move || {
            while let Some(request) = queue.take() {
                let indices = sorted(&request.library, request.order);
                let generation = request.generation;
                if !reply(Report::Sorted {
                    generation,
                    indices,
                }) {
                    break;
                }
            }
        })?;
        Ok(Sorter { requests })
    }

    pub fn submit(&self, request: SortRequest) {
        self.requests.put(request);
    }
}

impl Drop for Sorter {
    fn drop(&mut self) {
        self.requests.close();
    }
}

/// The library's indices in `order`; ties keep list order.
pub fn sorted(library: &Library, order: Order) -> Vec<u32> {
    let papers = library.chunks().flat_map(|(start, chunk)| {
        (0..chunk.len()).map(move |i| ((start + i) as u32, chunk.get(i)))
    });
    match order {
        Order::List => (0..library.len() as u32).collect(),
        Order::Upvotes => {
            by_key(papers.map(|(i, p)| (Reverse(p.upvotes().map_or(0, |n| u64::from(n) + 1)), i)))
        }
        Order::Date => {
            by_key(papers.map(|(i, p)| (Reverse(p.published().map_or(0, date_number)), i)))
        }
        Order::Title => {
            let mut keyed: Vec<(u64, &str, u32)> = papers
                .map(|(i, p)| (title_prefix(p.title()), p.title(), i))
                .collect();
            keyed.par_sort_unstable_by(|a, b| {
                a.0.cmp(&b.0)
                    .then_with(|| caseless(a.1).cmp(caseless(b.1)))
                    .then(a.2.cmp(&b.2))
            });
            keyed.into_iter().map(|(_, _, i)| i).collect()
        }
    }
}

/// Sorts (key, index) pairs; the index breaks ties, so the unstable sort keeps list order.
fn by_key<K: Ord + Send>(pairs: impl Iterator<Item = (K, u32)>) -> Vec<u32> {
    let mut pairs: Vec<(K, u32)> = pairs.collect();
    pairs.par_sort_unstable();
    pairs.into_iter().map(|(_, i)| i).collect()
}

/// A date such as `2024-03-06` (or `2024-03`, `2024`) as a number that sorts like it; 0 if
/// it does not start with a year.
fn date_number(date: &str) -> u64 {
    let digits: Vec<u64> = date
        .split(|c: char| !c.is_ascii_digit())
        .take(3)
        .map(|part| part.parse().unwrap_or(0))
        .collect();
    match digits.as_slice() {
        [year, rest @ ..] if (1000..=9999).contains(year) => {
            let month = rest.first().copied().unwrap_or(0).min(99);
            let day = rest.get(1).copied().unwrap_or(0).min(99);
            year * 10_000 + month * 100 + day
        }
        _ => 0,
    }
}

/// The title's first eight bytes, lower-cased, as a number: most comparisons end here.
fn title_prefix(title: &str) -> u64 {
    let mut key = [0u8; 8];
    for (slot, b) in key.iter_mut().zip(caseless(title)) {
        *slot = b;
    }
    u64::from_be_bytes(key)
}

fn caseless(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.bytes().map(|b| b.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing;

    #[test]
    fn each_order_sorts_and_ties_keep_list_order() {
        let lib = testing::sortable();
        assert_eq!(sorted(&lib, Order::List), [0, 1, 2, 3]);
        assert_eq!(sorted(&lib, Order::Upvotes), [2, 0, 3, 1]);
        assert_eq!(sorted(&lib, Order::Date), [0, 3, 1, 2]);
        assert_eq!(sorted(&lib, Order::Title), [1, 3, 0, 2]);
    }

    #[test]
    fn dates_sort_by_their_numbers() {
        assert!(date_number("2024-03-06") > date_number("2024-03"));
        assert!(date_number("2024-03") > date_number("2023-12-31"));
        assert_eq!(date_number("Mar 14"), 0);
    }
}
