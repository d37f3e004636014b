//! The pure core and the reader's state. [`Model::update`] is the only place that state
//! changes: it applies an action and returns effects for the app loop to carry out. No
//! terminal, no disk.

mod bookmarking;
mod copy;
mod filter;
mod navigation;
pub mod read_state;
pub mod sorting;
#[cfg(test)]
pub(crate) mod testing;
mod view_state;
mod visible;

pub use visible::Visible;

use std::time::SystemTime;

use ratatui::layout::{Position, Rect};

use crate::action::{Action, Severity};
use crate::config::Config;
use crate::library::Library;
use crate::load::Progress;
use crate::marks::bookmarks::Bookmarks;
use crate::search::SearchRequest;
use crate::search::query::Query;
use bookmarking::Marks;
use read_state::{ReadChanges, ReadState};
use sorting::{SortRequest, SortState};

/// Longest filter query kept, in characters: a paste cannot make a huge one.
pub const QUERY_MAX: usize = 256;
/// Rows or lines one turn of the wheel scrolls.
const WHEEL_STEP: usize = 3;

/// What the keys do: browse the papers, edit the filter, or read the help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Browse,
    Filter,
    Help,
}

/// The pane the moving keys act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// What the app loop carries out for the model: everything that is not a state change.
#[derive(Clone, Debug)]
pub enum Effect {
    Search(SearchRequest),
    OpenUrl(String),
    /// Write these bookmarks' unsaved changes to storage.
    SaveBookmarks(Bookmarks),
    /// Read the bookmarks file again: it could not be read before.
    ReloadBookmarks,
    /// Write these read changes to storage; the answer is [`Action::ReadSaved`].
    SaveRead(ReadChanges),
    /// Sort the library; the answer is [`Action::Sorted`].
    Sort(SortRequest),
    /// Put `text` on the terminal's clipboard; `what` it is, for a message if that fails.
    Copy {
        text: String,
        what: &'static str,
    },
    Quit,
}

/// What a first page of results shows while the full ranking runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Partial {
    /// The best matches, ranked: what the screen shows is in its final order.
    BestPage,
    /// The first matches in list order, found without scoring (a broad query).
    InListOrder,
}

/// A message for the footer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub severity: Severity,
    pub text: String,
}

/// The query being typed or kept, and the newest results for it.
struct FilterState {
    text: String,
    query: Query,
    /// The text when editing started, for Esc.
    before: String,
    /// Bumped on every change of the query; results of older generations are stale.
    generation: u64,
    searching: bool,
    /// The hits shown are a first page only; the full ranking is on its way.
    partial: Option<Partial>,
    /// The list grew while the search ran: search again once it is done.
    grew_meanwhile: bool,
    /// Ranked library indices; None for an empty query (the whole list, no vector).
    hits: Option<Vec<u32>>,
}

pub struct Model {
    library: Library,
    mode: Mode,
    focus: Focus,
    area: Rect,
    /// Position of the selection in the visible list.
    selected: usize,
    list_offset: usize,
    detail_scroll: usize,
    help_scroll: usize,
    filter: FilterState,
    marks: Marks,
    bookmarked_only: bool,
    unread_only: bool,
    /// The hits (or the whole list, in its order) restricted to bookmarked or unread papers,
    /// when `bookmarked_only` or `unread_only`.
    subset: Option<Vec<u32>>,
    read: ReadState,
    sort: SortState,
    /// The settings of the config file.
    config: Config,
    /// The paper the user was on dropped out of the results, so the selection follows the
    /// best match while the query changes (until the user moves it).
    following_top: bool,
    status: Option<Status>,
    /// How far the background load has come; None once the list is complete.
    loading: Option<Progress>,
    /// When a bookmark is made; tests set their own.
    clock: fn() -> SystemTime,
}

#[derive(Clone, Copy)]
enum Step {
    By(isize),
    First,
    Last,
}

impl Model {
    /// The model with the config file's settings (keys, theme, list rows, layout).
    pub fn with_config(mut self, config: Config) -> Model {
        self.config = config;
        self.settle();
        self
    }

    pub fn new(library: Library) -> Model {
        Model {
            library,
            mode: Mode::Browse,
            focus: Focus::List,
            area: Rect::default(),
            selected: 0,
            list_offset: 0,
            detail_scroll: 0,
            help_scroll: 0,
            filter: FilterState {
                text: String::new(),
                query: Query::parse(""),
                before: String::new(),
                generation: 0,
                searching: false,
                partial: None,
                grew_meanwhile: false,
                hits: None,
            },
            marks: Marks::default(),
            bookmarked_only: false,
            unread_only: false,
            subset: None,
            read: ReadState::default(),
            sort: SortState::default(),
            config: Config::default(),
            following_top: false,
            status: None,
            loading: None,
            clock: SystemTime::now,
        }
    }

    /// Applies one action. The only place the reader's state changes.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if action.is_from_user() {
            self.status = None;
            if !matches!(action, Action::MarkAllRead) {
                self.read.confirming = false;
            }
        }
        let mut effects = Vec::new();
        match action {
            Action::SelectNext => self.step(Step::By(1)),
            Action::SelectPrev => self.step(Step::By(-1)),
            Action::SelectFirst => self.step(Step::First),
            Action::SelectLast => self.step(Step::Last),
            Action::PageDown => self.step(Step::By(self.page())),
            Action::PageUp => self.step(Step::By(-self.page())),
            Action::HalfPageDown => self.step(Step::By((self.page() / 2).max(1))),
            Action::HalfPageUp => self.step(Step::By(-(self.page() / 2).max(1))),
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::List => Focus::Detail,
                    Focus::Detail => Focus::List,
                }
            }
            Action::OpenDetail => self.focus = Focus::Detail,
            Action::CloseDetail => self.focus = Focus::List,
            Action::StartFilter => {
                self.mode = Mode::Filter;
                self.following_top = false;
                self.focus = Focus::List;
                self.filter.before = self.filter.text.clone();
            }
            Action::FilterInput(c) => {
                let mut text = self.filter.text.clone();
                // A typed character is untrusted too (a terminal can send any): no bidi
                // control or invisible character reaches the footer.
                if crate::sanitize::is_allowed(c) && text.chars().count() < QUERY_MAX {
                    text.push(c);
                }
                effects.extend(self.set_query(text));
            }
            Action::FilterBackspace => {
                let mut text = self.filter.text.clone();
                text.pop();
                effects.extend(self.set_query(text));
            }
            Action::FilterClear => effects.extend(self.set_query(String::new())),
            Action::FilterDeleteWord => {
                let kept = self.filter.text.trim_end();
                let cut = kept.rfind(' ').map_or(0, |i| i + 1);
                effects.extend(self.set_query(kept[..cut].to_string()));
            }
            Action::Paste(pasted) if self.mode == Mode::Filter => {
                let clean = crate::sanitize::clean(&pasted, pasted.len());
                let mut text = self.filter.text.clone();
                let room = QUERY_MAX.saturating_sub(text.chars().count());
                text.extend(clean.chars().take(room));
                effects.extend(self.set_query(text));
            }
            Action::Paste(_) => {}
            Action::AcceptFilter => {
                self.mode = Mode::Browse;
                self.following_top = false;
            }
            Action::CancelFilter => {
                self.mode = Mode::Browse;
                self.following_top = false;
                let before = std::mem::take(&mut self.filter.before);
                effects.extend(self.set_query(before));
            }
            Action::ClearFilter => {
                if !self.filter.text.is_empty() {
                    effects.extend(self.set_query(String::new()));
                } else if self.bookmarked_only {
                    self.toggle_bookmarked_only();
                } else if self.unread_only {
                    self.toggle_unread_only();
                } else {
                    self.report(Severity::Info, "No filter to clear · q quits");
                }
            }
            Action::ToggleBookmark => effects.extend(self.toggle_bookmark()),
            Action::ToggleBookmarkedOnly => self.toggle_bookmarked_only(),
            Action::OpenLink => effects.extend(self.open_link()),
            Action::ToggleRead => self.toggle_read(),
            Action::ToggleUnreadOnly => self.toggle_unread_only(),
            Action::MarkAllRead => self.mark_all_read(),
            Action::CycleSort => effects.extend(self.cycle_sort()),
            Action::CopyLink => effects.extend(self.copy_link()),
            Action::CopyBibtex => effects.extend(self.copy_bibtex()),
            Action::ToggleHelp => {
                self.help_scroll = 0;
                self.mode = match self.mode {
                    Mode::Help => Mode::Browse,
                    _ => Mode::Help,
                };
            }
            Action::Quit => effects.push(Effect::Quit),
            Action::Resize { width, height } => self.area = Rect::new(0, 0, width, height),
            Action::Scroll { column, row, wheel } => self.wheel(Position::new(column, row), wheel),
            Action::Click { column, row } => self.click(Position::new(column, row)),
            Action::SearchDone { generation, hits } => {
                effects.extend(self.take_results(generation, hits, None))
            }
            Action::SearchPartial {
                generation,
                hits,
                ranked,
            } => {
                let partial = if ranked {
                    Partial::BestPage
                } else {
                    Partial::InListOrder
                };
                effects.extend(self.take_results(generation, hits, Some(partial)))
            }
            Action::LibraryGrew(library) => {
                effects.extend(self.library_grew(library));
                if self.sort.order != sorting::Order::List {
                    effects.extend(self.request_sort());
                }
            }
            Action::Loading(progress) => self.loading = progress,
            Action::BookmarksSaved(saved) => self.bookmarks_saved(saved),
            Action::BookmarksReloaded(read) => self.bookmarks_reloaded(read),
            Action::Report(severity, text) => self.report(severity, &text),
            Action::Seen(paper) => self.seen(paper),
            Action::SaveRead => effects.extend(self.save_read()),
            Action::ReadSaved(result) => self.read_saved(result),
            Action::Sorted {
                generation,
                indices,
            } => self.take_sorted(generation, indices),
        }
        self.settle();
        effects
    }

    fn open_link(&mut self) -> Option<Effect> {
        let url = self.selected_link("open")?;
        self.report(Severity::Info, &format!("Opening {url}"));
        Some(Effect::OpenUrl(url))
    }

    fn report(&mut self, severity: Severity, text: &str) {
        self.status = Some(Status {
            severity,
            text: text.to_string(),
        });
    }
}

#[cfg(test)]
mod tests;
