//! Moving: the selection and the scrolls, by key or by mouse, and keeping every position valid
//! after any change.

use ratatui::layout::Position;

use super::{Focus, Mode, Model, Step, WHEEL_STEP};
use crate::action::Wheel;

impl Model {
    pub(super) fn step(&mut self, step: Step) {
        let target = |now: usize, max: usize| match step {
            Step::By(d) => now.saturating_add_signed(d).min(max),
            Step::First => 0,
            Step::Last => max,
        };
        match (self.mode, self.focus) {
            (Mode::Help, _) => self.help_scroll = target(self.help_scroll, self.help_max_scroll()),
            (Mode::Browse, Focus::Detail) => {
                self.detail_scroll = target(self.detail_scroll, self.detail_max_scroll());
            }
            _ => {
                let last = self.visible().len().saturating_sub(1);
                self.select(target(self.selected, last));
                self.following_top = false;
                self.moved_to(matches!(step, Step::Last));
            }
        }
    }

    /// Rows a page key moves `down` or up: the height of the pane the keys act on. In the
    /// list, the papers whose rows fill the pane after the selection (or before it), so that a
    /// page of rows of one or two lines skips none.
    pub(super) fn page(&self, down: bool) -> isize {
        let rows = match (self.mode, self.focus) {
            (Mode::Help, _) => self.help_rows(),
            (Mode::Browse, Focus::Detail) => self.detail_rows(),
            _ => self.row_layout().map_or(0, |(layout, height)| {
                let selected = self.selected;
                match (down, selected) {
                    (true, _) => self.page_from(&layout, height, selected + 1),
                    (false, 0) => height,
                    (false, _) => selected - self.offset_ending_at(&layout, height, selected - 1),
                }
            }),
        };
        isize::try_from(rows.max(1)).unwrap_or(isize::MAX)
    }

    pub(super) fn wheel(&mut self, at: Position, wheel: Wheel) {
        let by = match wheel {
            Wheel::Up => -(WHEEL_STEP as isize),
            Wheel::Down => WHEEL_STEP as isize,
        };
        let screen = self.screen();
        if self.mode == Mode::Help {
            self.help_scroll = self
                .help_scroll
                .saturating_add_signed(by)
                .min(self.help_max_scroll());
        } else if screen.in_list(at)
            && let Some((layout, height)) = self.row_layout()
        {
            let last = self.visible().len().saturating_sub(1);
            let max_offset = self.offset_ending_at(&layout, height, last);
            self.list_offset = self.list_offset.saturating_add_signed(by).min(max_offset);
            let rows = self.page_from(&layout, height, self.list_offset);
            let last_row = self.list_offset + rows.saturating_sub(1);
            self.select(self.selected.clamp(self.list_offset, last_row));
            self.following_top = false;
        } else if screen.in_detail(at) {
            self.detail_scroll = self
                .detail_scroll
                .saturating_add_signed(by)
                .min(self.detail_max_scroll());
        }
    }

    pub(super) fn click(&mut self, at: Position) {
        if self.mode == Mode::Help {
            return;
        }
        let line = self.screen().list_hit(at);
        let window = self.list_window();
        if let Some(row) = window
            .as_ref()
            .zip(line)
            .and_then(|(w, line)| w.row_at(line))
        {
            self.select(row.pos);
            self.focus = Focus::List;
            self.following_top = false;
        }
    }

    /// Moves the selection to list position `pos`; a new paper starts at the top of its text.
    pub(super) fn select(&mut self, pos: usize) {
        let before = self.selected_paper();
        self.selected = pos;
        if self.selected_paper() != before {
            self.detail_scroll = 0;
        }
    }

    /// Keeps every position valid: the selection in the list, the selected row whole on
    /// screen, scrolls within their text.
    pub(super) fn settle(&mut self) {
        let len = self.visible().len();
        self.select(self.selected.min(len.saturating_sub(1)));
        match self.row_layout() {
            Some((layout, height)) if height > 0 => {
                let mut offset = self.list_offset;
                if self.selected < offset {
                    offset = self.selected;
                } else if self.selected >= offset + self.page_from(&layout, height, offset) {
                    offset = self.offset_ending_at(&layout, height, self.selected);
                }
                let last = self.offset_ending_at(&layout, height, len.saturating_sub(1));
                self.list_offset = offset.min(last);
            }
            _ => self.list_offset = self.list_offset.min(self.selected),
        }
        if self.detail_scroll > 0 {
            self.detail_scroll = self.detail_scroll.min(self.detail_max_scroll());
        }
        if self.help_scroll > 0 {
            self.help_scroll = self.help_scroll.min(self.help_max_scroll());
        }
    }

    pub(super) fn toggle_focus(&mut self) {
        self.focus = match self.focus {
            Focus::List => Focus::Detail,
            Focus::Detail => Focus::List,
        }
    }
}
