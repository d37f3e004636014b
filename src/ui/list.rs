//! The list pane: one row per paper on screen (never one per paper in the list), with a
//! bookmark mark, the title cut to fit, upvotes or date, and a scrollbar.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::symbols::scrollbar;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap};

use super::{frame_pane, highlighted, theme};
use crate::model::screen::Pane;
use crate::model::{Focus, Mode, Model};
use crate::text;

const MARK: &str = "★ ";
const NO_MARK: &str = "  ";

pub fn draw(frame: &mut Frame, pane: Pane, model: &Model) {
    let focused = model.focus() == Focus::List;
    let title = if model.bookmarked_only() {
        " Bookmarked papers "
    } else {
        " Papers "
    };
    frame_pane(frame, pane, Line::from(title), focused);
    let inner = pane.inner;
    let visible = model.visible();
    if inner.is_empty() {
        return;
    }
    if visible.is_empty() {
        let message = Paragraph::new(empty_message(model))
            .style(theme::EMPTY)
            .wrap(Wrap { trim: true });
        frame.render_widget(message, inner.inner(Margin::new(1, 0)));
        return;
    }
    let rows = usize::from(inner.height);
    let len = visible.len();
    let offset = model.list_offset().min(len.saturating_sub(rows));
    let scrollbar = len > rows;
    let width = if scrollbar && !pane.bordered {
        inner.width - 1
    } else {
        inner.width
    };
    let lib = model.library();
    let on_screen: Vec<usize> = (offset..len.min(offset + rows))
        .filter_map(|pos| visible.paper(pos))
        .collect();
    // Upvotes where the papers on screen have them, else their dates.
    let upvotes = on_screen.iter().any(|&i| lib.get(i).upvotes().is_some());
    let extras: Vec<Option<String>> = on_screen
        .iter()
        .map(|&i| {
            let p = lib.get(i);
            if upvotes {
                p.upvotes().map(|n| n.to_string())
            } else {
                p.published().map(str::to_string)
            }
        })
        .collect();
    let extra_width = extras
        .iter()
        .flatten()
        .map(|e| text::width(e))
        .max()
        .unwrap_or(0);
    let matcher = crate::model::filter::matcher();
    for (row, (&paper, extra)) in on_screen.iter().zip(&extras).enumerate() {
        let area = Rect {
            y: inner.y + row as u16,
            height: 1,
            width,
            ..inner
        };
        let selected = offset + row == model.selected();
        let row_style = match (selected, focused) {
            (false, _) => Style::new(),
            (true, true) => theme::SELECTED,
            (true, false) => theme::SELECTED_UNFOCUSED,
        };
        let plain = |style: Style| if selected { Style::new() } else { style };
        frame.buffer_mut().set_style(area, row_style);
        let p = lib.get(paper);
        let mark = if model.is_bookmarked(paper) {
            MARK
        } else {
            NO_MARK
        };
        let mut room = usize::from(width).saturating_sub(text::width(mark));
        let extra_room = if extra_width > 0 && room >= extra_width + 12 {
            room -= extra_width + 1;
            extra_width
        } else {
            0
        };
        let title = text::truncate(p.title(), room);
        let positions = model.query().title_positions(&matcher, &title);
        let mut spans = vec![Span::styled(mark, plain(theme::BOOKMARK))];
        spans.extend(highlighted(
            &title,
            &positions,
            0,
            Style::new(),
            theme::MATCH,
        ));
        if extra_room > 0 {
            let pad = room - text::width(&title) + 1;
            let extra = extra.as_deref().unwrap_or("");
            let pad = pad + extra_room - text::width(extra);
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(extra.to_string(), plain(theme::ROW_EXTRA)));
        }
        frame.render_widget(Line::from(spans), area);
    }
    if scrollbar {
        let bar_area = if pane.bordered {
            pane.area.inner(Margin::new(0, 1))
        } else {
            inner
        };
        let mut state = ScrollbarState::new(len - rows + 1)
            .position(offset)
            .viewport_content_length(rows);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .symbols(scrollbar::VERTICAL)
            .begin_symbol(None)
            .end_symbol(None)
            .track_style(theme::BORDER)
            .thumb_style(if focused {
                theme::BORDER_FOCUSED
            } else {
                theme::BORDER
            });
        frame.render_stateful_widget(bar, bar_area, &mut state);
    }
}

fn empty_message(model: &Model) -> String {
    let query = model.query_text().trim();
    if model.is_searching() {
        "Searching…".to_string()
    } else if model.bookmarked_only() && query.is_empty() {
        "No bookmarked papers. b bookmarks the selected paper; B shows all papers.".to_string()
    } else if !query.is_empty() {
        let query = text::truncate(query, 40);
        let undo = if model.mode() == Mode::Filter {
            "Backspace or Ctrl-u edits the query."
        } else {
            "Esc clears the filter."
        };
        format!("No papers match \"{query}\". {undo}")
    } else {
        "This list holds no papers.".to_string()
    }
}
