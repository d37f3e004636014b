//! What the view reads from the model, and the derived state behind it: the visible list,
//! the pane sizes.

use super::{Focus, Mode, Model, Notice, Partial, Settings, Visible};
use crate::layout::document;
use crate::layout::list::FieldStats;
use crate::layout::screen::{self, Screen};
use crate::library::Library;
use crate::library::Progress;
use crate::search::query::Query;

impl Model {
    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The papers the list shows, in order.
    pub fn visible(&self) -> Visible<'_> {
        if self.narrowed() {
            return Visible::Indices(self.subset.as_deref().unwrap_or(&[]));
        }
        self.base()
    }

    /// The papers before the bookmarked-only and unread-only views: the filter's ranking,
    /// else the chosen order, else the whole list.
    pub(super) fn base(&self) -> Visible<'_> {
        match (&self.filter.hits, &self.sort.indices) {
            (Some(hits), _) => Visible::Indices(hits),
            (None, Some(sorted)) => Visible::Indices(sorted),
            (None, None) => Visible::All(self.library.len()),
        }
    }

    /// What the list's fields need: their widths, the newest date.
    pub fn field_stats(&self) -> &FieldStats {
        &self.fields
    }

    pub fn settings(&self) -> Settings {
        self.settings
    }

    /// The list position of the selection (0 in an empty list).
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The library index of the selected paper.
    pub fn selected_paper(&self) -> Option<usize> {
        self.visible().paper(self.selected)
    }

    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    pub fn detail_scroll(&self) -> usize {
        self.detail_scroll
    }

    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    /// The filter's text as typed.
    pub fn query_text(&self) -> &str {
        &self.filter.text
    }

    pub fn query(&self) -> &Query {
        &self.filter.query
    }

    /// How far the background load has come, while it runs.
    pub fn loading(&self) -> Option<Progress> {
        self.loading
    }

    /// The list shows only the best page of the current query's results so far.
    pub fn showing_first_page(&self) -> Option<Partial> {
        self.filter.partial
    }

    /// A search for the current query is still running.
    pub fn is_searching(&self) -> bool {
        self.filter.searching
    }

    /// The footer's message, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    pub fn bookmarked_only(&self) -> bool {
        self.bookmarked_only
    }

    /// The detail fills the screen: a narrow terminal with the focus on the detail.
    pub fn is_reading(&self) -> bool {
        self.focus == Focus::Detail && !Screen::is_wide(self.area)
    }

    pub fn screen(&self) -> Screen {
        Screen::with_list_percent(self.area, self.is_reading(), self.settings.list_percent)
    }

    pub(super) fn detail_rows(&self) -> usize {
        self.screen()
            .detail
            .map_or(0, |p| usize::from(p.inner.height))
    }

    pub(super) fn detail_max_scroll(&self) -> usize {
        let (Some(pane), Some(paper)) = (self.screen().detail, self.selected_paper()) else {
            return 0;
        };
        let inner = pane.inner;
        let (tags, note) = (self.tags_of(paper), self.note_of(paper));
        let p = self.library.get(paper);
        let lines = document::lay_out_marked(&p, tags, note, usize::from(inner.width)).len();
        lines.saturating_sub(usize::from(inner.height))
    }

    pub(super) fn help_rows(&self) -> usize {
        let lines = self.settings.help_lines;
        let area = self.screen().help_area(lines, screen::HELP_WIDTH);
        usize::from(area.height.saturating_sub(2))
    }

    pub(super) fn help_max_scroll(&self) -> usize {
        let lines = self.settings.help_lines;
        lines.saturating_sub(self.help_rows())
    }
}
