//! The order of the list: as loaded, or sorted by upvotes, date or title. Sorting a million
//! papers takes a while, so the model asks for it ([`Effect::Sort`]) and the app sorts off the
//! UI thread; the list keeps its old order until the new one arrives. A filter's ranking wins
//! over the order while the filter is active.

use std::cmp::Reverse;

use rayon::prelude::*;

use super::{Effect, Model};
use crate::action::Severity;
use crate::library::Library;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// As the lists hold them.
    #[default]
    List,
    /// Most upvoted first; papers without upvotes last.
    Upvotes,
    /// Newest first; papers without a date last.
    Date,
    /// By title, A to Z, ignoring case.
    Title,
}

impl Order {
    /// The order `s` moves to.
    pub fn next(self) -> Order {
        match self {
            Order::List => Order::Upvotes,
            Order::Upvotes => Order::Date,
            Order::Date => Order::Title,
            Order::Title => Order::List,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Order::List => "list order",
            Order::Upvotes => "upvotes",
            Order::Date => "date",
            Order::Title => "title",
        }
    }
}

/// Sort `library` by `order`; the answer comes back as [`crate::action::Action::Sorted`]
/// with the same generation.
#[derive(Clone, Debug)]
pub struct SortRequest {
    pub generation: u64,
    pub order: Order,
    pub library: Library,
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

/// The order chosen and the sorted indices for it.
#[derive(Default)]
pub(super) struct SortState {
    pub(super) order: Order,
    generation: u64,
    /// The library in the order last sorted; None for list order.
    pub(super) indices: Option<Vec<u32>>,
    /// A sort for `order` is running.
    sorting: bool,
}

impl Model {
    pub fn order(&self) -> Order {
        self.sort.order
    }

    /// A sort is running: the list shows the previous order meanwhile.
    pub fn is_sorting(&self) -> bool {
        self.sort.sorting
    }

    /// The filter's ranking shows instead of the chosen order.
    pub fn ranked_by_filter(&self) -> bool {
        self.filter.hits.is_some()
    }

    pub(super) fn cycle_sort(&mut self) -> Option<Effect> {
        self.sort.order = self.sort.order.next();
        let order = self.sort.order.label();
        let text = if self.ranked_by_filter() {
            format!("Sorted by {order} once the filter is cleared; the filter ranks by match")
        } else {
            format!("Sorted by {order}")
        };
        self.report(Severity::Info, &text);
        self.request_sort()
    }

    /// Asks for the library in the chosen order (again, after it grew).
    pub(super) fn request_sort(&mut self) -> Option<Effect> {
        self.sort.generation += 1;
        if self.sort.order == Order::List {
            self.sort.sorting = false;
            let keep = self.selected_paper();
            self.sort.indices = None;
            self.refresh_view(keep);
            return None;
        }
        self.sort.sorting = true;
        Some(Effect::Sort(SortRequest {
            generation: self.sort.generation,
            order: self.sort.order,
            library: self.library.clone(),
        }))
    }

    pub(super) fn take_sorted(&mut self, generation: u64, indices: Vec<u32>) {
        if generation != self.sort.generation {
            return;
        }
        let keep = self.selected_paper();
        self.sort.sorting = false;
        self.sort.indices = Some(indices);
        self.refresh_view(keep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Chunk, LibraryBuilder, RawPaper};

    fn library() -> Library {
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

    #[test]
    fn each_order_sorts_and_ties_keep_list_order() {
        let lib = library();
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

    #[test]
    fn sorting_asks_the_sorter_and_shows_its_order_keeping_the_selection() {
        use crate::action::Action as A;
        use crate::model::testing::{apply, rich_model, shown};
        let mut m = rich_model();
        apply(&mut m, [A::SelectNext]);
        let effects = m.update(A::CycleSort);
        let Some(Effect::Sort(request)) = effects.first() else {
            panic!("no sort asked for: {effects:?}");
        };
        assert_eq!(request.order, Order::Upvotes);
        assert!(m.is_sorting());
        assert_eq!(
            m.visible(),
            super::super::Visible::All(4),
            "the old order meanwhile"
        );
        let indices = sorted(&request.library, request.order);
        apply(
            &mut m,
            [A::Sorted {
                generation: request.generation - 1,
                indices: vec![3, 2, 1, 0],
            }],
        );
        assert!(m.is_sorting(), "a stale answer is dropped");
        apply(
            &mut m,
            [A::Sorted {
                generation: request.generation,
                indices,
            }],
        );
        assert_eq!(shown(&m)[0], "GaLore: Memory-Efficient LLM Training");
        assert_eq!(m.selected(), 2, "the selected paper is still selected");
        apply(&mut m, [A::CycleSort]);
        assert_eq!(m.order(), Order::Date);
        assert_eq!(
            shown(&m)[0],
            "continual pre-training of large language models"
        );
        apply(&mut m, [A::CycleSort]);
        assert_eq!(shown(&m)[0], "An Emulator for Fine-Tuning");
        apply(&mut m, [A::CycleSort]);
        assert_eq!(
            (m.order(), m.visible()),
            (Order::List, super::super::Visible::All(4))
        );
    }

    #[test]
    fn a_filter_ranks_by_match_and_the_order_comes_back_when_it_is_cleared() {
        use crate::action::Action as A;
        use crate::model::testing::{apply, rich_model, shown};
        let mut m = rich_model();
        apply(&mut m, [A::CycleSort, A::CycleSort]);
        apply(
            &mut m,
            [
                A::StartFilter,
                A::FilterInput('p'),
                A::FilterInput('r'),
                A::AcceptFilter,
            ],
        );
        assert!(m.ranked_by_filter());
        let ranked = crate::model::testing::reference(m.library(), "pr");
        let titles: Vec<&str> = ranked
            .iter()
            .map(|&i| m.library().get(i as usize).title())
            .collect();
        assert_eq!(shown(&m), titles);
        apply(&mut m, [A::CycleSort]);
        assert!(
            m.status()
                .is_some_and(|s| s.text.contains("the filter ranks by match"))
        );
        apply(&mut m, [A::ClearFilter]);
        assert!(!m.ranked_by_filter());
        assert_eq!(
            shown(&m)[0],
            "An Emulator for Fine-Tuning",
            "by title again"
        );
    }

    #[test]
    fn s_cycles_through_every_order_and_back() {
        let mut order = Order::List;
        let mut seen = Vec::new();
        for _ in 0..4 {
            order = order.next();
            seen.push(order);
        }
        assert_eq!(
            seen,
            [Order::Upvotes, Order::Date, Order::Title, Order::List]
        );
    }
}
