//! The list pane: one row per paper on screen (never one per paper in the list), with a
//! bookmark mark, the title cut to fit, upvotes or date, and a scrollbar.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::symbols::scrollbar;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap};

use super::theme::Theme;
use super::{frame_pane, highlighted, theme};
use crate::action::Action;
use crate::config::Config;
use crate::config::RowField;
use crate::layout::screen::Pane;
use crate::model::{Focus, Mode, Model};
use crate::text;

const MARK: &str = "★ ";
const NO_MARK: &str = "  ";
/// Cells a title keeps before the columns after it give way.
const TITLE_MIN: usize = 11;
/// After the title of a paper that matched in its abstract alone.
const ABSTRACT_NOTE: &str = " · in abstract";
/// Widest the authors column gets.
const AUTHORS_MAX: usize = 18;

/// One column after the titles: a field's values for the rows on screen.
struct Column {
    field: RowField,
    values: Vec<Option<String>>,
    width: usize,
}

/// The columns of the config's row fields that some paper on screen has, in order.
fn columns(model: &Model, config: &Config, on_screen: &[usize]) -> Vec<Column> {
    let lib = model.library();
    config
        .row_fields
        .iter()
        .map(|&field| {
            let values: Vec<Option<String>> = on_screen
                .iter()
                .map(|&i| {
                    let p = lib.get(i);
                    match field {
                        RowField::Upvotes => p.upvotes().map(|n| n.to_string()),
                        RowField::Date => p.published().map(str::to_string),
                        RowField::Authors => authors_short(p.authors()),
                    }
                })
                .collect();
            let width = values.iter().flatten().map(|v| text::width(v)).max();
            Column {
                field,
                values,
                width: width.unwrap_or(0),
            }
        })
        .filter(|c| c.width > 0)
        .collect()
}

/// The first author's last name, with "et al." when there are more, cut to fit.
fn authors_short<'a>(mut authors: impl Iterator<Item = &'a str>) -> Option<String> {
    let first = authors.next()?;
    let surname = first.rsplit(' ').next().unwrap_or(first);
    let short = match authors.next() {
        Some(_) => format!("{surname} et al."),
        None => surname.to_string(),
    };
    Some(text::truncate(&short, AUTHORS_MAX).into_owned())
}

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
    let visible = model.visible();
    if inner.is_empty() {
        return;
    }
    if visible.is_empty() {
        let message = Paragraph::new(empty_message(model, config))
            .style(t.empty)
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
    let on_screen: Vec<usize> = (offset..len.min(offset + rows))
        .filter_map(|pos| visible.paper(pos))
        .collect();
    let columns = columns(model, config, &on_screen);
    for (row, &paper) in on_screen.iter().enumerate() {
        let area = Rect {
            y: inner.y + row as u16,
            height: 1,
            width,
            ..inner
        };
        let selected = offset + row == model.selected();
        let row_style = match (selected, focused) {
            (false, _) => Style::new(),
            (true, true) => t.selected,
            (true, false) => t.selected_unfocused,
        };
        frame.buffer_mut().set_style(area, row_style);
        let cells = Row {
            paper,
            at: row,
            selected,
            width: usize::from(width),
        };
        draw_row(frame, area, model, t, &columns, &cells);
    }
    if scrollbar {
        draw_scrollbar(frame, pane, t, focused, (offset, rows, len));
    }
}

/// One row of the list: which paper, on which screen row, how wide.
struct Row {
    paper: usize,
    /// The row on screen, from the top of the pane.
    at: usize,
    selected: bool,
    width: usize,
}

/// The row's mark, its title (as much as fits beside the columns that fit) and the columns.
fn draw_row(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    t: &Theme,
    columns: &[Column],
    cells: &Row,
) {
    let plain = |style: Style| if cells.selected { Style::new() } else { style };
    let p = model.library().get(cells.paper);
    let mark = if model.is_bookmarked(cells.paper) {
        MARK
    } else {
        NO_MARK
    };
    let mut room = cells.width.saturating_sub(text::width(mark));
    // The columns that fit beside a title of a dozen cells, the first ones first.
    let mut shown = 0;
    for column in columns {
        if room < column.width + 1 + TITLE_MIN {
            break;
        }
        room -= column.width + 1;
        shown += 1;
    }
    // A bookmark's tags follow its title when a dozen cells of title are left beside them.
    let tags = tag_text(model.tags_of(cells.paper));
    let tags_width = text::width(&tags);
    let tags = if tags.is_empty() || room < tags_width + 1 + TITLE_MIN {
        String::new()
    } else {
        room -= tags_width + 1;
        tags
    };
    // A paper that matched in its abstract alone says so: its title shows no match.
    let note_width = text::width(ABSTRACT_NOTE);
    let note = if room >= TITLE_MIN + note_width && model.query().only_in_abstract(&p) {
        ABSTRACT_NOTE
    } else {
        ""
    };
    room -= text::width(note);
    let title = text::truncate(p.title(), room);
    let positions = model.query().title_positions(&title);
    let title_style = if model.is_read(cells.paper) {
        plain(t.read)
    } else {
        Style::new()
    };
    let mut spans = vec![Span::styled(mark, plain(t.bookmark))];
    spans.extend(highlighted(&title, &positions, 0, title_style, t.matched));
    spans.push(Span::styled(note, plain(t.row_extra)));
    let mut pad = room - text::width(&title);
    if !tags.is_empty() {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(tags, plain(t.row_extra)));
    }
    for column in &columns[..shown] {
        let value = column.values[cells.at].as_deref().unwrap_or("");
        let gap = column.width - text::width(value);
        let (before, after) = if column.field == RowField::Authors {
            (pad + 1, gap)
        } else {
            (pad + 1 + gap, 0)
        };
        spans.push(Span::raw(" ".repeat(before)));
        spans.push(Span::styled(value.to_string(), plain(t.row_extra)));
        pad = after;
    }
    frame.render_widget(Line::from(spans), area);
}

/// Tags as a row shows them: `#cite #to-read`.
fn tag_text(tags: &[String]) -> String {
    let shown: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
    shown.join(" ")
}

/// The scrollbar on the pane's right border (or its last column, without borders), for a
/// window of `rows` at `offset` in `len` papers.
pub(super) fn draw_scrollbar(
    frame: &mut Frame,
    pane: Pane,
    t: &Theme,
    focused: bool,
    (offset, rows, len): (usize, usize, usize),
) {
    let bar_area = if pane.bordered {
        pane.area.inner(Margin::new(0, 1))
    } else {
        pane.inner
    };
    let mut state = ScrollbarState::new(len - rows + 1)
        .position(offset)
        .viewport_content_length(rows);
    let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .symbols(scrollbar::VERTICAL)
        .begin_symbol(None)
        .end_symbol(None)
        .track_style(t.border)
        .thumb_style(if focused { t.border_focused } else { t.border });
    frame.render_stateful_widget(bar, bar_area, &mut state);
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
