//! The order of the list: as loaded, or sorted by upvotes, date or title. Sorting a million
//! papers takes a while, so the model asks for it ([`Effect::Sort`]) and the app sorts off the
//! UI thread; the list keeps its old order until the new one arrives. A filter's ranking wins
//! over the order while the filter is active.

use super::Severity;
use super::{Effect, Model};
use crate::library::Library;

pub use super::mode::Order;

/// Sort `library` by `order`; the answer comes back as [`crate::action::Action::Sorted`]
/// with the same generation.
#[derive(Clone, Debug)]
pub struct SortRequest {
    pub generation: u64,
    pub order: Order,
    pub library: Library,
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
    /// The user asked for this order: its answer is read from the top (a re-sort after the
    /// list grew keeps the selection).
    to_top: bool,
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

    /// The next order that something in the list sorts by: an order nothing has (upvotes in
    /// a list without any) is passed over, and the message says so.
    pub(super) fn cycle_sort(&mut self) -> Option<Effect> {
        let mut skipped = Vec::new();
        let mut order = self.sort.order.next();
        while !self.sorts_by(order) {
            skipped.push(order.label());
            order = order.next();
        }
        self.sort.order = order;
        self.sort.to_top = true;
        let label = order.label();
        let mut text = if self.ranked_by_filter() {
            format!("Sorted by {label} once the filter is cleared; the filter ranks by match")
        } else {
            format!("Sorted by {label}")
        };
        if !skipped.is_empty() {
            text = format!("No paper here has {} · {text}", skipped.join(" or a "));
        }
        self.say(Severity::Info, &text);
        self.request_sort()
    }

    /// Whether some paper of the list has what `order` sorts by.
    fn sorts_by(&self, order: Order) -> bool {
        let papers = || (0..self.library.len()).map(|i| self.library.get(i));
        match order {
            Order::List | Order::Title => true,
            Order::Upvotes => papers().any(|p| p.upvotes().is_some()),
            Order::Date => papers().any(|p| p.published().is_some()),
        }
    }

    /// The order the settings ask for, from the start.
    pub fn start_sorted(&mut self) -> Option<Effect> {
        self.sort.order = self.settings.sort;
        if self.sort.order == Order::List {
            return None;
        }
        self.request_sort()
    }

    /// Asks for the library in the chosen order (again, after it grew).
    pub(super) fn request_sort(&mut self) -> Option<Effect> {
        self.sort.generation += 1;
        if self.sort.order == Order::List {
            self.sort.sorting = false;
            self.sort.indices = None;
            let keep = self.kept_by_sort();
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
        self.sort.sorting = false;
        self.sort.indices = Some(indices);
        let keep = self.kept_by_sort();
        self.refresh_view(keep);
    }

    /// The paper a new order keeps selected: none when the user asked for the order (it is
    /// read from its top), else the one selected.
    fn kept_by_sort(&mut self) -> Option<usize> {
        match std::mem::take(&mut self.sort.to_top) {
            true => None,
            false => self.selected_paper(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Report;

    #[test]
    fn sorting_asks_the_sorter_and_shows_its_order_from_the_top() {
        use crate::action::Action as A;
        use crate::model::testing::*;
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
        let indices = crate::workers::sorter::sorted(&request.library, request.order);
        report(
            &mut m,
            [Report::Sorted {
                generation: request.generation - 1,
                indices: vec![3, 2, 1, 0],
            }],
        );
        assert!(m.is_sorting(), "a stale answer is dropped");
        report(
            &mut m,
            [Report::Sorted {
                generation: request.generation,
                indices,
            }],
        );
        assert_eq!(shown(&m)[0], "GaLore: Memory-Efficient LLM Training");
        assert_eq!(m.selected(), 0, "a new order is read from its top");
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
        use crate::model::testing::*;
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
        assert!(said(&m).is_some_and(|s| s.contains("the filter ranks by match")));
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

    #[test]
    fn a_sort_with_nothing_to_sort_by_says_so_and_a_new_order_starts_at_the_top() {
        use crate::action::Action as A;
        use crate::model::testing::*;
        let lib = library(&[("b", "x", ""), ("a", "y", ""), ("c", "z", "")], 2);
        let mut m = crate::model::Model::new(lib);
        apply(&mut m, [A::SelectLast, A::CycleSort]);
        assert_eq!(m.order(), Order::Title, "no upvotes and no dates: by title");
        let text = said(&m).unwrap_or_default();
        assert!(
            text.starts_with("No paper here has upvotes or a date"),
            "{text}"
        );
        assert_eq!((shown(&m)[0], m.selected()), ("a", 0));
    }
}
