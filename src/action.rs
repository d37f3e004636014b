//! The reader's vocabulary: what a user can ask for, and what the terminal tells of itself.
//! What workers and timers answer is a `model::Report`, never an action.

/// Whether a wheel turn scrolls up or down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wheel {
    Up,
    Down,
}

/// What a user can ask for. A key, a click or a paste becomes one of these.
#[derive(Clone, Debug, PartialEq, Eq)]
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

    // Reading: the next or previous paper from the detail, the detail from the list, and
    // Space, a page of the detail then the next paper.
    NextPaper,
    PreviousPaper,
    ScrollDetailDown,
    ScrollDetailUp,
    ReadOn,

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
    /// Link 1-9 of the detail: opened, or copied right after [`Action::CopyLink`].
    Link(u8),
    ToggleRead,
    ToggleUnreadOnly,
    /// Asks first; the same action again right away does it.
    MarkAllRead,
    CycleSort,
    CopyLink,
    CopyBibtex,
    /// Edit the selected paper's tags, or its note, in the footer (bookmarking it on save).
    EditTags,
    EditNote,

    // Editing tags or a note.
    EditInput(char),
    EditBackspace,
    EditClear,
    AcceptEdit,
    CancelEdit,

    /// The day (week, month) before the list's, or after it.
    PreviousList,
    NextList,
    /// Fetch the lists again, fresh copies too.
    Refresh,

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
}
