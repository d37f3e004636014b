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

/// The pane the moving keys act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}
