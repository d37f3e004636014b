//! What the model asks the shell to do: everything that is not a state change.

use crate::marks::bookmarks::Bookmarks;
use crate::search::SearchRequest;

use super::read_state::ReadChanges;
use super::sorting::SortRequest;

/// What the app loop carries out for the model: everything that is not a state change.
#[derive(Clone, Debug)]
pub enum Effect {
    Search(SearchRequest),
    OpenUrl(String),
    /// Write these bookmarks' unsaved changes to storage.
    SaveBookmarks(Bookmarks),
    /// Read the bookmarks file again: it could not be read before.
    ReloadBookmarks,
    /// Write these read changes to storage; the answer is [`super::Report::ReadSaved`].
    SaveRead(ReadChanges),
    /// Sort the library; the answer is [`super::Report::Sorted`].
    Sort(SortRequest),
    /// Put `text` on the terminal's clipboard; `what` it is, for a message if that fails.
    Copy {
        text: String,
        what: &'static str,
    },
    /// Open the lists again: the day before, the day after, or the same, fetched anew.
    Reopen(Shift),
    Quit,
}

/// Which lists [`Effect::Reopen`] opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shift {
    Previous,
    Next,
    Refresh,
}
