//! The reader's vocabulary: what a user can ask for, and what the app's own workers report.

use crate::library::Library;
use crate::load::Progress;
use crate::marks::bookmarks::Bookmarks;
use crate::model::read_state::SaveResult;

/// Whether a wheel turn scrolls up or down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wheel {
    Up,
    Down,
}

/// How a report in the footer should read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

#[derive(Clone, Debug)]
pub enum Action {
    // Moving: the list selection, or the detail or help text when they have the keys.
    SelectNext,
    SelectPrev,
    SelectFirst,
    SelectLast,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,

    // Panes.
    ToggleFocus,
    OpenDetail,
    CloseDetail,

    // The filter.
    StartFilter,
    FilterInput(char),
    FilterBackspace,
    FilterClear,
    FilterDeleteWord,
    AcceptFilter,
    CancelFilter,
    ClearFilter,
    /// Text pasted into the terminal (untrusted: cleaned before use).
    Paste(String),

    // Papers.
    ToggleBookmark,
    ToggleBookmarkedOnly,
    OpenLink,
    ToggleRead,
    ToggleUnreadOnly,
    /// Asks first; the same action again right away does it.
    MarkAllRead,
    CycleSort,
    CopyLink,
    CopyBibtex,

    ToggleHelp,
    Quit,

    // The terminal.
    Resize {
        width: u16,
        height: u16,
    },
    Scroll {
        column: u16,
        row: u16,
        wheel: Wheel,
    },
    Click {
        column: u16,
        row: u16,
    },

    // Reports from the app's workers, never bound to a key.
    /// The ranked papers for the query of `generation`.
    SearchDone {
        generation: u64,
        hits: Vec<u32>,
    },
    /// A first page of papers for the query of `generation` (the best ones, ranked, or the
    /// first matches in list order); the full ranking follows.
    SearchPartial {
        generation: u64,
        hits: Vec<u32>,
        ranked: bool,
    },
    /// A bigger snapshot of the library (papers appended, none removed).
    LibraryGrew(Library),
    /// How far loading has come; None once everything is loaded.
    Loading(Option<Progress>),
    /// Storage saved the bookmarks; this is what the file holds now.
    BookmarksSaved(Bookmarks),
    /// Storage could read the bookmarks file again.
    BookmarksReloaded(Bookmarks),
    /// Something for the footer: a load warning, a failed effect.
    Report(Severity, String),
    /// Paper `0` has been in the detail pane for a while (the app's timer): it is read.
    Seen(usize),
    /// Time to save the read marks changed since the last save (the app's timer, and quit).
    SaveRead,
    /// Storage saved the read marks of the last [`crate::model::Effect::SaveRead`], or
    /// could not, and hands the changes back with the reason.
    ReadSaved(SaveResult),
    /// The library in the order of `generation`'s sort request.
    Sorted {
        generation: u64,
        indices: Vec<u32>,
    },
}

impl Action {
    /// True for what a person did (as opposed to a worker's report): it clears the footer's
    /// last message.
    pub fn is_from_user(&self) -> bool {
        !matches!(
            self,
            Action::SearchDone { .. }
                | Action::SearchPartial { .. }
                | Action::LibraryGrew(_)
                | Action::Loading(_)
                | Action::BookmarksSaved(_)
                | Action::BookmarksReloaded(_)
                | Action::Report(..)
                | Action::Resize { .. }
                | Action::Seen(_)
                | Action::SaveRead
                | Action::ReadSaved(_)
                | Action::Sorted { .. }
        )
    }
}
