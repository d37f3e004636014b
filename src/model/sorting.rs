//! The order of the list: as loaded, or sorted by upvotes, date or title. Sorting a million
//! papers takes a while, so the model asks for it ([`Effect::Sort`]) and the app sorts off the
//! UI thread; the list keeps its old order until the new one arrives. A filter's ranking wins
//! over the order while the filter is active.

use super::Severity;
use super::{Effect, Model};
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
        self.say(Severity::Info, &text);
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
    use crate::model::Report;

    #[test]
    fn sorting_asks_the_sorter_and_shows_its_order_keeping_the_selection() {
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
}
