//! The table of bindings: every key of the reader as shipped, where it applies, what it does,
//! and what the help and the footer say about it.

use crossterm::event::KeyCode;

use super::keys::Key::{self, Char, Code, Ctrl, Text};
use crate::action::Action;
use crate::model::mode::{Focus, Mode};
use Scope::{Anywhere, Browse, Detail, Edit, Filter, Help, List, Reading};

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Browsing, whichever pane has the focus.
    Browse,
    /// Browsing with the focus on the list.
    List,
    /// Browsing with the focus on the detail.
    Detail,
    /// The detail open full screen (narrow terminals); before [`Scope::Detail`].
    Reading,
    Filter,
    /// Editing a paper's tags or note.
    Edit,
    Help,
    Anywhere,
}

impl Scope {
    /// The heading the help overlay lists a binding under.
    pub(super) fn section(self) -> &'static str {
        match self {
            Scope::Browse | Scope::List | Scope::Anywhere => "Browsing",
            Scope::Detail | Scope::Reading => "Reading",
            Scope::Filter => "Filtering",
            Scope::Edit => "Tags and notes",
            Scope::Help => "Help",
        }
    }
}

/// What the keymap needs to know about the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyContext {
    pub mode: Mode,
    pub focus: Focus,
    /// The detail fills the screen (narrow terminals).
    pub reading: bool,
}

impl KeyContext {
    /// The scopes searched for a key, most specific first.
    pub(super) fn scopes(self) -> &'static [Scope] {
        use Scope::{Anywhere, Browse, Detail, Edit, Filter, Help, List, Reading};
        match (self.mode, self.focus, self.reading) {
            (Mode::Filter, ..) => &[Filter, Anywhere],
            (Mode::Edit, ..) => &[Edit, Anywhere],
            (Mode::Help, ..) => &[Help, Anywhere],
            (Mode::Browse, Focus::List, _) => &[List, Browse, Anywhere],
            (Mode::Browse, Focus::Detail, false) => &[Detail, Browse, Anywhere],
            (Mode::Browse, Focus::Detail, true) => &[Reading, Detail, Browse, Anywhere],
        }
    }
}

pub struct Binding {
    /// The name the config file's `[keys]` table gives it; None for keys that cannot be
    /// changed (Ctrl-c quits, text types into the filter).
    pub name: Option<&'static str>,
    pub keys: &'static [Key],
    pub scope: Scope,
    pub action: Action,
    /// What the help overlay says.
    pub help: &'static str,
    /// The footer's word for it, for the most useful keys.
    pub hint: Option<&'static str>,
}

const fn bind(
    name: &'static str,
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        name: Some(name),
        keys,
        scope,
        action,
        help,
        hint,
    }
}

/// A binding the config file cannot change.
const fn fixed(scope: Scope, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        name: None,
        keys,
        scope,
        action,
        help,
        hint: None,
    }
}

/// Every key of the reader, as shipped. Earlier bindings win within a scope.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind("read", List, &[Code(KeyCode::Enter)], Action::OpenDetail, "read the paper", Some("read")),
    bind("clear-filter", List, &[Code(KeyCode::Esc)], Action::ClearFilter, "clear the filter, or show all papers again", None),
    bind("next", Browse, &[Char('j'), Code(KeyCode::Down)], Action::SelectNext, "next paper (detail: scroll)", None),
    bind("previous", Browse, &[Char('k'), Code(KeyCode::Up)], Action::SelectPrev, "previous paper (detail: scroll)", None),
    bind("first", Browse, &[Char('g'), Code(KeyCode::Home)], Action::SelectFirst, "first paper (detail: top)", None),
    bind("last", Browse, &[Char('G'), Code(KeyCode::End)], Action::SelectLast, "last paper (detail: end)", None),
    bind("page-down", Browse, &[Code(KeyCode::PageDown)], Action::PageDown, "a page down", None),
    bind("page-up", Browse, &[Code(KeyCode::PageUp)], Action::PageUp, "a page up", None),
    bind("half-page-down", Browse, &[Ctrl('d')], Action::HalfPageDown, "half a page down", None),
    bind("half-page-up", Browse, &[Ctrl('u')], Action::HalfPageUp, "half a page up", None),
    bind("switch-pane", Browse, &[Code(KeyCode::Tab)], Action::ToggleFocus, "switch between list and detail", None),
    bind("filter", Browse, &[Char('/')], Action::StartFilter, "filter the list", Some("filter")),
    bind("bookmark", Browse, &[Char('b')], Action::ToggleBookmark, "bookmark the paper (or unmark it)", Some("mark")),
    bind("next-paper", Browse, &[Char('n')], Action::NextPaper, "next paper, staying in the detail", None),
    bind("previous-paper", Browse, &[Char('p')], Action::PreviousPaper, "previous paper, staying in the detail", None),
    bind("read-on", Browse, &[Char(' ')], Action::ReadOn, "a page of the detail, then the next paper", None),
    bind("detail-down", Browse, &[Char('J')], Action::ScrollDetailDown, "scroll the detail down from the list", None),
    bind("detail-up", Browse, &[Char('K')], Action::ScrollDetailUp, "scroll the detail up from the list", None),
    bind("bookmarked-only", Browse, &[Char('B')], Action::ToggleBookmarkedOnly, "show bookmarked papers only (or all)", Some("marked")),
    bind("toggle-read", Browse, &[Char('r')], Action::ToggleRead, "mark the paper read (or unread)", None),
    bind("unread-only", Browse, &[Char('u')], Action::ToggleUnreadOnly, "show unread papers only (or all)", Some("unread")),
    bind("mark-all-read", Browse, &[Char('R')], Action::MarkAllRead, "mark every paper shown as read (twice)", None),
    bind("sort", Browse, &[Char('s')], Action::CycleSort, "sort: list order, upvotes, date, title", Some("sort")),
    bind("copy-link", Browse, &[Char('y')], Action::CopyLink, "copy the paper's first link (y then 1-9: that one)", Some("copy")),
    bind("copy-bibtex", Browse, &[Char('Y')], Action::CopyBibtex, "copy the paper's BibTeX entry", None),
    bind("tag", Browse, &[Char('t')], Action::EditTags, "tag the paper: to-read, cite, any word", None),
    bind("note", Browse, &[Char('e')], Action::EditNote, "edit the paper's note (bookmarks it)", None),
    bind("open", Browse, &[Char('o')], Action::OpenLink, "open the paper's first link in the browser", Some("open")),
    fixed(Browse, &[Key::Digit], Action::Link(1), "open the detail's link of that number (after y: copy it)"),
    bind("previous-list", Browse, &[Char('[')], Action::PreviousList, "the list of the day (week, month) before", None),
    bind("next-list", Browse, &[Char(']')], Action::NextList, "the list of the day (week, month) after", None),
    bind("refresh", Browse, &[Code(KeyCode::F(5)), Ctrl('r')], Action::Refresh, "fetch the lists again", None),
    bind("help", Browse, &[Char('?')], Action::ToggleHelp, "this help", Some("help")),
    bind("quit", Browse, &[Char('q')], Action::Quit, "quit", Some("quit")),
    fixed(Anywhere, &[Ctrl('c')], Action::Quit, "quit, from anywhere"),
    bind("leave-full-screen", Reading, &[Char('q')], Action::CloseDetail, "back to the list (full screen)", None),
    bind("back", Detail, &[Code(KeyCode::Enter), Code(KeyCode::Esc)], Action::CloseDetail, "back to the list", Some("back")),
    fixed(Filter, &[Text], Action::FilterInput(' '), "type: every word must match"),
    bind("filter-delete-char", Filter, &[Code(KeyCode::Backspace)], Action::FilterBackspace, "delete a character", None),
    bind("filter-delete-word", Filter, &[Ctrl('w')], Action::FilterDeleteWord, "delete a word", None),
    bind("filter-clear", Filter, &[Ctrl('u')], Action::FilterClear, "clear the query", Some("clear")),
    bind("filter-next", Filter, &[Code(KeyCode::Down)], Action::SelectNext, "next paper", None),
    bind("filter-previous", Filter, &[Code(KeyCode::Up)], Action::SelectPrev, "previous paper", None),
    bind("filter-keep", Filter, &[Code(KeyCode::Enter)], Action::AcceptFilter, "keep the filter, back to the list", Some("keep")),
    bind("filter-cancel", Filter, &[Code(KeyCode::Esc)], Action::CancelFilter, "cancel the edit", Some("cancel")),
    fixed(Edit, &[Text], Action::EditInput(' '), "type the tags, a space between, or the note"),
    bind("edit-delete-char", Edit, &[Code(KeyCode::Backspace)], Action::EditBackspace, "delete a character", None),
    bind("edit-clear", Edit, &[Ctrl('u')], Action::EditClear, "clear the tags or note", None),
    bind("edit-keep", Edit, &[Code(KeyCode::Enter)], Action::AcceptEdit, "save the tags or note", Some("save")),
    bind("edit-cancel", Edit, &[Code(KeyCode::Esc)], Action::CancelEdit, "leave them as they were", Some("cancel")),
    bind("help-close", Help, &[Code(KeyCode::Esc), Char('?'), Char('q')], Action::ToggleHelp, "close the help", Some("close")),
    bind("help-down", Help, &[Char('j'), Code(KeyCode::Down)], Action::SelectNext, "scroll down", Some("scroll")),
    bind("help-up", Help, &[Char('k'), Code(KeyCode::Up)], Action::SelectPrev, "scroll up", None),
];

/// Every context the reader can be in, for checking a keymap.
pub(super) const CONTEXTS: [KeyContext; 6] = [
    KeyContext {
        mode: Mode::Browse,
        focus: Focus::List,
        reading: false,
    },
    KeyContext {
        mode: Mode::Browse,
        focus: Focus::Detail,
        reading: false,
    },
    KeyContext {
        mode: Mode::Browse,
        focus: Focus::Detail,
        reading: true,
    },
    KeyContext {
        mode: Mode::Filter,
        focus: Focus::List,
        reading: false,
    },
    KeyContext {
        mode: Mode::Edit,
        focus: Focus::List,
        reading: false,
    },
    KeyContext {
        mode: Mode::Help,
        focus: Focus::List,
        reading: false,
    },
];

/// The names the config file may bind, in table order.
pub fn names() -> impl Iterator<Item = &'static str> {
    BINDINGS.iter().filter_map(|b| b.name)
}
