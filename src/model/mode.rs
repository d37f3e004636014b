//! The reader's modes and the focused pane: what the keymap needs to know of the model.

/// What the keys do: browse the papers, edit the filter, edit a paper's tags or note, or read
/// the help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Browse,
    Filter,
    Edit,
    Help,
}

/// When a paper counts as read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MarkRead {
    /// When it is opened: the detail gets the focus on it (as newsboat does).
    #[default]
    Open,
    /// When it has been shown in the detail pane for a moment while browsing.
    Dwell,
    /// Only with the key.
    Manual,
}

/// The pane the moving keys act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// The order of the list.
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
