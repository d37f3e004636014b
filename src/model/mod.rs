//! The pure core and the reader's state. [`Model::update`] is the only place a user's action
//! changes it, [`Model::take`] the only place a worker's or timer's report does: both return
//! effects for the app loop to carry out. No terminal, no disk, no threads.

mod annotating;
mod bookmarking;
mod copy;
mod effect;
mod filter;
mod list_window;
mod lists;
pub mod mode;
mod navigation;
mod notice;
pub mod read_state;
mod reading;
mod report;
mod settings;
pub mod sorting;
#[cfg(test)]
pub(crate) mod testing;
mod view_state;
mod visible;

pub use annotating::{Editing, NOTE_MAX};
pub use effect::{Effect, Shift};
pub use list_window::{ListRow, ListWindow};
pub use mode::{Focus, Mode};
pub use notice::{Notice, Severity};
pub use report::Report;
pub use settings::Settings;
pub use visible::Visible;

use std::time::SystemTime;

use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::layout::list::FieldStats;
use crate::library::{Library, Progress};

use crate::search::query::Query;
use bookmarking::Marks;
use read_state::ReadState;
use sorting::SortState;

/// Longest filter query kept, in characters: a paste cannot make a huge one.
pub const QUERY_MAX: usize = 256;
/// Rows or lines one turn of the wheel scrolls.
const WHEEL_STEP: usize = 3;

/// What a first page of results shows while the full ranking runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Partial {
    /// The best matches, ranked: what the screen shows is in its final order.
    BestPage,
    /// The first matches in list order, found without scoring (a broad query).
    InListOrder,
}

/// What the fetched lists say of themselves.
#[derive(Default)]
struct FetchState {
    /// "fetching hf:today · page 2".
    doing: Option<String>,
    /// "offline · Daily Papers · Mon 30 Nov 2026, fetched 3 h ago".
    offline: Option<String>,
    /// "No Daily Papers on Saturday 2026-11-28".
    empty: Option<String>,
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
    /// How many of the best papers are asked for before the whole ranking: a first page,
    /// more as the list is scrolled.
    depth: usize,
    /// The last paper was asked for (End) while only the best were ranked.
    wants_last: bool,
    /// Ranked library indices; None for an empty query (the whole list, no vector).
    hits: Option<Vec<u32>>,
    /// The query's `#tag` terms, without `#`: only bookmarks carrying them all are shown.
    tags: Vec<String>,
}

pub struct Model {
    library: Library,
    /// What the list's fields need (widths, the newest date), kept as the library grows.
    fields: FieldStats,
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
    /// The few config settings the model needs.
    settings: Settings,
    /// The paper the user was on dropped out of the results, so the selection follows the
    /// best match while the query changes (until the user moves it).
    following_top: bool,
    notice: Option<Notice>,
    /// How far the background load has come; None once the list is complete.
    loading: Option<Progress>,
    /// What fetching is doing, what stands in for the network, and what an empty list means.
    fetch: FetchState,
    /// When a bookmark is made; tests set their own.
    clock: fn() -> SystemTime,
    /// The tags or note being edited, while the mode is [`Mode::Edit`].
    editor: Option<annotating::Editor>,
    /// The link was just copied: a digit now copies that link instead of opening it.
    copying: bool,
}

#[derive(Clone, Copy)]
enum Step {
    By(isize),
    First,
    Last,
}

impl Model {
    /// The model with the config file's settings that it needs (the layout, the help's size).
    pub fn with_settings(mut self, settings: Settings) -> Model {
        self.settings = settings;
        self.settle();
        self
    }

    pub fn new(library: Library) -> Model {
        Model {
            fields: FieldStats::of(&library),
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
                depth: crate::search::FIRST_PAGE,
                wants_last: false,
                hits: None,
                tags: Vec::new(),
            },
            marks: Marks::default(),
            bookmarked_only: false,
            unread_only: false,
            subset: None,
            read: ReadState::default(),
            sort: SortState::default(),
            settings: Settings::default(),
            following_top: false,
            notice: None,
            loading: None,
            fetch: FetchState::default(),
            clock: SystemTime::now,
            editor: None,
            copying: false,
        }
    }

    /// Applies one action of the user's. The only place the user changes the reader's state.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        // A digit right after `y` copies that link: the last action says.
        let copying = self.copying;
        if !matches!(action, Action::Resize { .. }) {
            self.notice = None;
            self.read.confirming &= action == Action::MarkAllRead;
            self.copying = action == Action::CopyLink;
        }
        let mut effects = Vec::new();
        match action {
            Action::SelectNext => self.step(Step::By(1)),
            Action::SelectPrev => self.step(Step::By(-1)),
            Action::SelectFirst => self.step(Step::First),
            Action::SelectLast => self.step(Step::Last),
            Action::PageDown => self.step(Step::By(self.page(true))),
            Action::PageUp => self.step(Step::By(-self.page(false))),
            Action::HalfPageDown => self.step(Step::By((self.page(true) / 2).max(1))),
            Action::HalfPageUp => self.step(Step::By(-(self.page(false) / 2).max(1))),
            Action::NextPaper => self.move_paper(1),
            Action::PreviousPaper => self.move_paper(-1),
            Action::ScrollDetailDown => self.scroll_detail(WHEEL_STEP as isize),
            Action::ScrollDetailUp => self.scroll_detail(-(WHEEL_STEP as isize)),
            Action::ReadOn => self.read_on(),
            Action::ToggleFocus => self.toggle_focus(),
            Action::OpenDetail => self.focus = Focus::Detail,
            Action::CloseDetail => self.focus = Focus::List,
            Action::StartFilter => self.start_filter(),
            Action::FilterInput(c) => effects.extend(self.type_char(c)),
            Action::FilterBackspace => effects.extend(self.backspace()),
            Action::FilterClear => effects.extend(self.set_query(String::new())),
            Action::FilterDeleteWord => effects.extend(self.delete_word()),
            Action::Paste(pasted) if self.mode == Mode::Edit => self.edit_paste(&pasted),
            Action::Paste(pasted) => effects.extend(self.paste(&pasted)),
            Action::AcceptFilter => self.accept_filter(),
            Action::CancelFilter => effects.extend(self.cancel_filter()),
            Action::ClearFilter => effects.extend(self.clear_filter()),
            Action::ToggleBookmark => effects.extend(self.toggle_bookmark()),
            Action::ToggleBookmarkedOnly => self.toggle_bookmarked_only(),
            Action::OpenLink => effects.extend(self.open_link(1)),
            Action::Link(n) if copying => effects.extend(self.copy_link(n)),
            Action::Link(n) => effects.extend(self.open_link(n)),
            Action::ToggleRead => self.toggle_read(),
            Action::ToggleUnreadOnly => self.toggle_unread_only(),
            Action::MarkAllRead => self.mark_all_read(),
            Action::CycleSort => effects.extend(self.cycle_sort()),
            Action::CopyLink => effects.extend(self.copy_link(1)),
            Action::CopyBibtex => effects.extend(self.copy_bibtex()),
            Action::EditTags => effects.extend(self.start_edit(Editing::Tags)),
            Action::EditNote => effects.extend(self.start_edit(Editing::Note)),
            Action::EditInput(c) => self.edit_input(c),
            Action::EditBackspace => self.edit_backspace(),
            Action::EditClear => self.edit_clear(),
            Action::AcceptEdit => effects.extend(self.accept_edit()),
            Action::CancelEdit => self.cancel_edit(),
            Action::PreviousList => effects.push(Effect::Reopen(Shift::Previous)),
            Action::NextList => effects.push(Effect::Reopen(Shift::Next)),
            Action::Refresh => effects.push(Effect::Reopen(Shift::Refresh)),
            Action::ToggleHelp => self.toggle_help(),
            Action::Quit => effects.push(Effect::Quit),
            Action::Resize { width, height } => self.area = Rect::new(0, 0, width, height),
            Action::Scroll { column, row, wheel } => self.wheel(Position::new(column, row), wheel),
            Action::Click { column, row } => self.click(Position::new(column, row)),
        }
        self.settle();
        self.mark_opened();
        effects.extend(self.rank_further());
        effects
    }

    /// Takes one report of a worker or a timer. It leaves the footer's message alone.
    pub fn take(&mut self, report: Report) -> Vec<Effect> {
        let mut effects = Vec::new();
        match report {
            Report::SearchDone {
                generation,
                hits,
                stage,
            } => effects.extend(self.take_results(generation, hits, stage)),
            Report::LibraryGrew(library) => effects.extend(self.grew(library)),
            Report::Loading(progress) => self.loading = progress,
            Report::Fetching(doing) => self.fetch.doing = doing,
            Report::Offline(notice) => {
                self.say(Severity::Warning, &notice);
                self.fetch.offline = Some(notice);
            }
            Report::EmptyList(meaning) => self.fetch.empty = Some(meaning),
            Report::Reopening => effects.extend(self.reopening()),
            Report::BookmarksSaved(saved) => self.bookmarks_saved(saved),
            Report::BookmarksReloaded(read) => self.bookmarks_reloaded(read),
            Report::Message(severity, text) => self.say(severity, &text),
            Report::OpenFailed { url, why } => self.tell(Notice::OpenFailed { url, why }),
            Report::Seen(paper) => self.seen(paper),
            Report::SaveRead => effects.extend(self.save_read()),
            Report::ReadSaved(result) => self.read_saved(result),
            Report::Sorted {
                generation,
                indices,
            } => self.take_sorted(generation, indices),
        }
        self.settle();
        effects
    }

    fn toggle_help(&mut self) {
        self.help_scroll = 0;
        self.mode = match self.mode {
            Mode::Help => Mode::Browse,
            _ => Mode::Help,
        };
    }

    fn open_link(&mut self, n: u8) -> Option<Effect> {
        let url = self.selected_link("open", n)?;
        self.say(Severity::Info, &format!("Opening {url}"));
        Some(Effect::OpenUrl(url))
    }

    /// A message for the footer that names no key.
    fn say(&mut self, severity: Severity, text: &str) {
        self.notice = Some(Notice::Said(severity, text.to_string()));
    }

    fn tell(&mut self, notice: Notice) {
        self.notice = Some(notice);
    }
}

#[cfg(test)]
mod tests;
