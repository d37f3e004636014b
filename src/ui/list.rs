//! The list pane: the rows on screen (never one per paper in the list) as the model lays them
//! out, each with a bookmark mark, its title in one or two lines, the fields after it, and a
//! scrollbar.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::ScrollbarState;

use super::theme::Theme;
use super::{draw_line, frame_pane, highlighted, theme};
use crate::action::Action;
use crate::config::Config;
use crate::layout::list::{self, ABSTRACT_NOTE, RowField};
use crate::layout::screen::Pane;
use crate::model::{Focus, ListRow, ListWindow, Mode, Model};
use crate::text;

const MARK: &str = "★ ";
const NO_MARK: &str = "  ";

pub(super) fn draw(frame: &mut Frame, pane: Pane, model: &Model, config: &Config) {
    let t = theme::of(config);
    let focused = model.focus() == Focus::List;
    let title = match (model.bookmarked_only(), model.unread_only()) {
        (false, false) => " Papers ",
        (true, false) => " Bookmarked papers ",
        (false, true) => " Unread papers ",
        (true, true) => " Unread bookmarked papers ",
    };
    frame_pane(frame, t, pane, Line::from(title), focused);
    let inner = pane.inner;
    if inner.is_empty() {
        return;
    }
    if model.visible().is_empty() {
        draw_empty(
            frame,
            inner.inner(Margin::new(1, 0)),
            t.empty,
            &empty_message(model, config),
        );
        return;
    }
    let Some(window) = model.list_window() else {
        return;
    };
    for row in &window.rows {
        let selected = row.pos == model.selected();
        let style = match (selected, focused) {
            (false, _) => Style::new(),
            (true, true) => t.selected,
            (true, false) => t.selected_unfocused,
        };
        let lines = row.lines.height();
        let area = Rect {
            y: inner.y.saturating_add(row.y as u16),
            height: lines as u16,
            width: window.layout.width as u16,
            ..inner
        }
        .intersection(inner);
        frame.buffer_mut().set_style(area, style);
        for (n, line) in row_lines(model, t, &window, row).into_iter().enumerate() {
            let line_area = Rect {
                y: area.y.saturating_add(n as u16),
                height: 1,
                ..area
            }
            .intersection(area);
            draw_line(frame.buffer_mut(), line_area, &line);
        }
    }
    if window.scrolls {
        draw_scrollbar(frame, pane, t, focused, model.list_offset(), &window);
    }
}

/// What an empty list says, wrapped in `area` as the rest of papertui wraps text: never a
/// line wider than the area (ratatui's `Paragraph` lets a line take a wide character past
/// its width when the character comes at the end of a word, onto the pane's border).
fn draw_empty(frame: &mut Frame, area: Rect, style: Style, message: &str) {
    frame.buffer_mut().set_style(area, style);
    let lines = text::wrap(message, usize::from(area.width));
    for (row, range) in lines.into_iter().take(usize::from(area.height)).enumerate() {
        let line_area = Rect {
            y: area.y + row as u16,
            height: 1,
            ..area
        };
        draw_line(frame.buffer_mut(), line_area, &Line::raw(&message[range]));
    }
}

/// A row's lines: the mark, the title's first line and the fields after it; then the rest of
/// the title (indented under it), its tags and note after the last line.
fn row_lines<'a>(model: &'a Model, t: &Theme, window: &ListWindow, row: &ListRow) -> Vec<Line<'a>> {
    let plain = |style: Style| {
        if row.pos == model.selected() {
            Style::new()
        } else {
            style
        }
    };
    let p = model.library().get(row.paper);
    let title = p.title();
    let positions = model.query().title_positions(title);
    let title_style = if model.is_read(row.paper) {
        plain(t.read)
    } else {
        Style::new()
    };
    let room = window.layout.title_room;
    let last = row.lines.lines.len() - 1;
    let mut out = Vec::new();
    for (n, piece) in row.lines.lines.iter().enumerate() {
        let mut spans = if n == 0 && model.is_bookmarked(row.paper) {
            vec![Span::styled(MARK, plain(t.bookmark))]
        } else {
            vec![Span::raw(NO_MARK)]
        };
        let first_char = title[..piece.range.start].chars().count();
        let text = &title[piece.range.clone()];
        spans.extend(highlighted(
            text,
            &positions,
            first_char,
            title_style,
            t.matched,
        ));
        let mut used = text::width(text);
        if piece.cut {
            spans.push(Span::styled(text::ELLIPSIS, title_style));
            used += text::width(text::ELLIPSIS);
        }
        if n == last {
            if row.lines.note {
                spans.push(Span::styled(ABSTRACT_NOTE, plain(t.row_extra)));
                used += text::width(ABSTRACT_NOTE);
            }
            if row.lines.tags {
                let tags = list::tag_text(model.tags_of(row.paper));
                used += 1 + text::width(&tags);
                spans.push(Span::raw(" "));
                spans.push(Span::styled(tags, plain(t.row_extra)));
            }
        }
        if n == 0 {
            let mut pad = room.saturating_sub(used);
            for column in &window.layout.columns {
                let value = list::value(column.field, column.form, &p, model.field_stats());
                let value = value.unwrap_or_default();
                let gap = column.width.saturating_sub(text::width(&value));
                let (before, after) = if column.field == RowField::Authors {
                    (pad + 1, gap)
                } else {
                    (pad + 1 + gap, 0)
                };
                spans.push(Span::raw(" ".repeat(before)));
                spans.push(Span::styled(value, plain(t.row_extra)));
                pad = after;
            }
        }
        out.push(Line::from(spans));
    }
    out
}

/// The scrollbar on the pane's right border (or its last column, without borders), at the
/// list's offset among the offsets it can take.
fn draw_scrollbar(
    frame: &mut Frame,
    pane: Pane,
    t: &Theme,
    focused: bool,
    offset: usize,
    window: &ListWindow,
) {
    let bar_area = if pane.bordered {
        pane.area.inner(Margin::new(0, 1))
    } else {
        pane.inner
    };
    let state = ScrollbarState::new(window.last_offset + 1)
        .position(offset)
        .viewport_content_length(window.whole_rows());
    super::draw_scrollbar(frame, bar_area, t, focused, state);
}

/// What an empty list says, naming the keys that lead out of it as the keymap binds them.
fn empty_message(model: &Model, config: &Config) -> String {
    let key = |action: Action| config.keymap.label_of(&action);
    let query = model.query_text().trim();
    if model.is_searching() {
        "Searching…".to_string()
    } else if model.unread_only() && query.is_empty() {
        let how = key(Action::ToggleUnreadOnly).map(|k| format!(" {k} shows the read ones too."));
        format!("No unread papers here.{}", how.unwrap_or_default())
    } else if model.bookmarked_only() && query.is_empty() {
        let mark =
            key(Action::ToggleBookmark).map(|k| format!(" {k} bookmarks the selected paper;"));
        let all = key(Action::ToggleBookmarkedOnly).map(|k| format!(" {k} shows all papers."));
        format!(
            "No bookmarked papers.{}{}",
            mark.unwrap_or_default(),
            all.unwrap_or_default()
        )
    } else if !query.is_empty() {
        let query = text::truncate(query, 40);
        let undo = if model.mode() == Mode::Filter {
            let keys: Vec<String> = [Action::FilterBackspace, Action::FilterClear]
                .into_iter()
                .filter_map(key)
                .collect();
            (!keys.is_empty()).then(|| format!(" {} edits the query.", keys.join(" or ")))
        } else {
            key(Action::ClearFilter).map(|k| format!(" {k} clears the filter."))
        };
        format!("No papers match \"{query}\".{}", undo.unwrap_or_default())
    } else if let Some(meaning) = model.empty_meaning() {
        meaning.to_string()
    } else if let Some(doing) = model.fetching() {
        format!("{}…", text::truncate(doing, 60))
    } else {
        "This list holds no papers.".to_string()
    }
}
