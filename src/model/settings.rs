//! The few plain values the model needs from the config: it knows nothing else of it.

use super::mode::{MarkRead, Order};
use crate::layout::list::RowFormat;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The list pane's share of a wide terminal, in percent; None for a share that adapts.
    pub list_percent: Option<u16>,
    /// What list rows show: their fields, and how many lines a title takes.
    pub rows: RowFormat,
    /// How many lines the help holds (its scroll is clamped to them).
    pub help_lines: usize,
    /// When a paper counts as read.
    pub mark_read: MarkRead,
    /// The order the list opens in.
    pub sort: Order,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            list_percent: None,
            rows: RowFormat::default(),
            help_lines: 0,
            mark_read: MarkRead::default(),
            sort: Order::List,
        }
    }
}
