//! The list's rows on screen: the lines each paper takes from the scroll offset on. The view
//! draws them; the model keeps the selection on a whole row, pages, scrolls and hit-tests
//! with the same heights, so what fits is the same to both.

use super::Model;
use crate::layout::list::{self, RowLayout, RowLines};

/// A paper's row on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListRow {
    /// Its position in the list.
    pub pos: usize,
    /// Its index in the library.
    pub paper: usize,
    /// Its first line, counted from the top of the pane.
    pub y: usize,
    pub lines: RowLines,
    /// All its lines are on screen (a row that does not fit shows its first line alone).
    pub whole: bool,
}

/// The rows of the list pane, from the scroll offset down.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListWindow {
    pub layout: RowLayout,
    pub rows: Vec<ListRow>,
    /// Lines of the pane.
    pub height: usize,
    /// The largest offset: the one from which the last papers fill the pane.
    pub last_offset: usize,
    /// The list scrolls: not all its papers fit.
    pub scrolls: bool,
}

impl ListWindow {
    /// The row on line `line` of the pane.
    pub fn row_at(&self, line: usize) -> Option<&ListRow> {
        self.rows
            .iter()
            .find(|r| (r.y..r.y + r.lines.height()).contains(&line))
    }

    /// Rows shown whole (the first counts even when the pane is too short for it).
    pub fn whole_rows(&self) -> usize {
        self.rows
            .iter()
            .enumerate()
            .take_while(|(i, r)| *i == 0 || r.whole)
            .count()
    }
}

impl Model {
    /// The list pane's rows as they are on screen; None without a list pane.
    pub fn list_window(&self) -> Option<ListWindow> {
        let (layout, height) = self.row_layout()?;
        let visible = self.visible();
        let len = visible.len();
        let mut rows = Vec::new();
        let mut y = 0;
        for pos in self.list_offset..len {
            if y >= height {
                break;
            }
            let Some(paper) = visible.paper(pos) else {
                break;
            };
            let mut lines = self.row_lines(&layout, paper);
            let whole = y + lines.height() <= height;
            if !whole {
                lines = self.row_lines(&layout.clone().one_line(), paper);
            }
            rows.push(ListRow {
                pos,
                paper,
                y,
                lines,
                whole,
            });
            y += rows.last().map_or(1, |r| r.lines.height());
        }
        let last_offset = self.offset_ending_at(&layout, height, len.saturating_sub(1));
        let scrolls = self.list_offset > 0 || rows.len() < len || rows.iter().any(|r| !r.whole);
        Some(ListWindow {
            layout,
            rows,
            height,
            last_offset,
            scrolls,
        })
    }

    /// How rows are laid out in the list pane, and its lines; None without a list pane.
    /// Short panes show titles of one line; those too short for a border put them beside a
    /// scrollbar when the papers outnumber the lines.
    pub(super) fn row_layout(&self) -> Option<(RowLayout, usize)> {
        let pane = self.screen().list?;
        let height = usize::from(pane.inner.height);
        let mut width = usize::from(pane.inner.width);
        if !pane.bordered && self.visible().len() > height {
            width = width.saturating_sub(1);
        }
        let layout = RowLayout::new(width, self.settings.rows, &self.fields);
        if !pane.bordered || height < list::TWO_LINES_MIN_HEIGHT {
            return Some((layout.one_line(), height));
        }
        Some((layout, height))
    }

    /// Paper `paper` laid out as a row: its title, its tags, the note that it matched in its
    /// abstract alone.
    pub(super) fn row_lines(&self, layout: &RowLayout, paper: usize) -> RowLines {
        let p = self.library.get(paper);
        let tags = crate::text::width(&list::tag_text(self.tags_of(paper)));
        let note = self.query().only_in_abstract(&p);
        layout.row(p.title(), tags, note)
    }

    /// Lines the row at list position `pos` takes.
    fn row_height(&self, layout: &RowLayout, pos: usize) -> usize {
        if layout.title_lines < 2 {
            return 1;
        }
        self.visible()
            .paper(pos)
            .map_or(1, |paper| self.row_lines(layout, paper).height())
    }

    /// Rows from list position `offset` on that `height` lines show whole (at least one when
    /// there is one: a row taller than the pane shows its first line), and one for each line
    /// left below the end of the list: a page of rows.
    pub(super) fn page_from(&self, layout: &RowLayout, height: usize, offset: usize) -> usize {
        let len = self.visible().len();
        let (mut used, mut rows) = (0, 0);
        for pos in offset..len {
            used += self.row_height(layout, pos);
            if used > height && rows > 0 {
                return rows;
            }
            rows += 1;
            if used >= height {
                return rows;
            }
        }
        rows + height.saturating_sub(used)
    }

    /// The smallest offset from which the row at `pos` is shown whole in `height` lines.
    pub(super) fn offset_ending_at(&self, layout: &RowLayout, height: usize, pos: usize) -> usize {
        let mut offset = pos;
        let mut used = self.row_height(layout, pos);
        while offset > 0 {
            let above = self.row_height(layout, offset - 1);
            if used + above > height {
                break;
            }
            used += above;
            offset -= 1;
        }
        offset
    }
}
