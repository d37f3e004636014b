//! The view: draws the model and only draws. [`Screen`] says where each pane sits; each pane
//! is its own file; every style comes from [`theme`].

mod detail;
mod footer;
mod header;
mod help;
mod list;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::scrollbar;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Scrollbar, ScrollbarOrientation, ScrollbarState};

use crate::config::Config;
use crate::keymap::KeyContext;
use crate::layout::screen::{MIN_HEIGHT, MIN_WIDTH, Pane, Screen};
use crate::model::{Mode, Model};
use crate::text;
use theme::Theme;

/// Draws the whole reader for `model` into the frame, with the config's look: its theme,
/// its keys (the hints and messages name them) and its row fields.
pub fn view(frame: &mut Frame, model: &Model, config: &Config) {
    let area = frame.area();
    let screen = Screen::with_list_percent(area, model.is_reading(), config.list_percent);
    if screen.too_small {
        too_small(frame, area);
        return;
    }
    header::draw(frame, screen.header, model, config);
    if let Some(pane) = screen.list {
        list::draw(frame, pane, model, config);
    }
    if let Some(pane) = screen.detail {
        detail::draw(frame, pane, model, config);
    }
    footer::draw(frame, screen.footer, model, config);
    if model.mode() == Mode::Help {
        help::draw(frame, &screen, model, config);
    }
    mark_wide_cells(frame.buffer_mut());
}

/// A URL on screen: `width` cells from `x` on row `y` show it (perhaps cut).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hyperlink {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub url: String,
}

/// The links [`view`] draws for `model` in `area`, for the shell to mark as hyperlinks.
pub fn hyperlinks(area: Rect, model: &Model, config: &Config) -> Vec<Hyperlink> {
    let screen = Screen::with_list_percent(area, model.is_reading(), config.list_percent);
    match screen.detail {
        Some(pane) if !screen.too_small && model.mode() != Mode::Help => {
            detail::hyperlinks(pane, model)
        }
        _ => Vec::new(),
    }
}

/// Where the keys act now: the model's mode and focus, as the keymap needs them.
pub fn key_context(model: &Model) -> KeyContext {
    KeyContext {
        mode: model.mode(),
        focus: model.focus(),
        reading: model.is_reading(),
    }
}

/// Marks the cells a wide character covers so that the next frame rewrites them. ratatui's
/// diff skips a cell that was a blank continuation and still is blank, but the terminal may
/// still show part of the old character there: `6🏻` or `न्दी` are one grapheme to ratatui
/// and several characters to a terminal, and overwriting the first leaves the others. The
/// cells a terminal may spill a joined emoji over (`👨‍👩‍👧` drawn as its three people) are
/// rewritten after it, so that a border or a column there is put back (at the end of a row,
/// the first cells of the next, where the terminal wraps).
fn mark_wide_cells(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            let width = cells(symbol);
            let spill = if symbol.len() > 1 {
                u16::try_from(text::widest_in_terminals(symbol)).unwrap_or(u16::MAX)
            } else {
                0
            };
            let end = x.saturating_add(width).min(area.right());
            let spilled = x.saturating_add(spill);
            for hidden in x + 1..end.max(spilled.min(area.right())) {
                buf[(hidden, y)].diff_option = CellDiffOption::AlwaysUpdate;
            }
            // Spilled past the last column, a terminal goes on at the start of the next row.
            let wrapped = spilled.saturating_sub(area.right()).min(area.width);
            if wrapped > 0 && y + 1 < area.bottom() {
                for next in area.left()..area.left() + wrapped {
                    buf[(next, y + 1)].diff_option = CellDiffOption::AlwaysUpdate;
                }
            }
            x = end.max(x + 1);
        }
    }
}

/// Cells a buffer symbol takes (1 for the blank a cleared cell holds).
fn cells(symbol: &str) -> u16 {
    u16::try_from(text::width(symbol))
        .unwrap_or(u16::MAX)
        .max(1)
}

/// Blanks a wide character just left of `area` whose right part lies under `area`, which is
/// about to be drawn over: half a character is never left on screen.
fn clear_wide_before(buf: &mut Buffer, area: Rect) {
    for y in area.top()..area.bottom().min(buf.area.bottom()) {
        for k in 1..=area.x.saturating_sub(buf.area.x).min(4) {
            let cell = &mut buf[(area.x - k, y)];
            if cells(cell.symbol()) > k {
                cell.set_symbol(" ");
                break;
            }
        }
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let message = format!("Terminal too small: {MIN_WIDTH}x{MIN_HEIGHT} at least");
    let line = Line::from(text::truncate(&message, usize::from(area.width)).into_owned());
    draw_line(frame.buffer_mut(), area, &line);
}

/// Draws `line` on the first row of `area`, never past it: each grapheme in the cells
/// [`text::width`] gives it (ratatui's own `set_stringn`), each span where the one before it
/// ended. ratatui's `Line` widget puts a span where the width of the whole text before it
/// says, which unicode-width measures with ligatures its cells do not have (`لا` is one cell
/// to it and two on screen), so a span could land on the right half of a wide character.
pub(super) fn draw_line(buf: &mut Buffer, area: Rect, line: &Line<'_>) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let mut x = area.x;
    for span in &line.spans {
        let room = usize::from(area.right().saturating_sub(x));
        if room == 0 {
            break;
        }
        let style = line.style.patch(span.style);
        (x, _) = buf.set_stringn(x, area.y, &span.content, room, style);
    }
}

/// A pane's scrollbar in `area` (its right border), the thumb brighter in the focused pane.
fn draw_scrollbar(
    frame: &mut Frame,
    area: Rect,
    t: &Theme,
    focused: bool,
    mut state: ScrollbarState,
) {
    let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .symbols(scrollbar::VERTICAL)
        .begin_symbol(None)
        .end_symbol(None)
        .track_style(t.border)
        .thumb_style(if focused { t.border_focused } else { t.border });
    frame.render_stateful_widget(bar, area, &mut state);
}

/// Draws a pane's border with its title, when it has one.
fn frame_pane(frame: &mut Frame, t: &Theme, pane: Pane, title: Line<'_>, focused: bool) {
    if !pane.bordered {
        return;
    }
    let style = if focused { t.border_focused } else { t.border };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(style)
        .title(title.style(t.pane_title));
    frame.render_widget(block, pane.area);
}

/// `text` as spans, the characters at `positions` (counted from `first_char`) in `hit`.
fn highlighted<'a>(
    text: &'a str,
    positions: &[usize],
    first_char: usize,
    base: Style,
    hit: Style,
) -> Vec<Span<'a>> {
    if positions.is_empty() {
        return vec![Span::styled(text, base)];
    }
    let mut spans = Vec::new();
    let mut run_start = 0;
    let mut run_hit = false;
    for (n, (i, _)) in text.char_indices().enumerate() {
        let is_hit = positions.binary_search(&(first_char + n)).is_ok();
        if is_hit != run_hit {
            if i > run_start {
                spans.push(Span::styled(
                    &text[run_start..i],
                    if run_hit { hit } else { base },
                ));
            }
            run_start = i;
            run_hit = is_hit;
        }
    }
    if run_start < text.len() || spans.is_empty() {
        spans.push(Span::styled(
            &text[run_start..],
            if run_hit { hit } else { base },
        ));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_starts_where_the_one_before_it_ended_on_screen() {
        // unicode-width makes lam-alef one cell; ratatui draws each letter in its own.
        let line = Line::from(vec![Span::raw("لا日"), Span::raw("X")]);
        let area = Rect::new(0, 0, 6, 1);
        let mut buf = Buffer::empty(area);
        draw_line(&mut buf, area, &line);
        let cells: Vec<&str> = (0..6).map(|x| buf[(x, 0)].symbol()).collect();
        assert_eq!(cells, ["ل", "ا", "日", " ", "X", " "]);
        let mut by_widget = Buffer::empty(area);
        ratatui::widgets::Widget::render(&line, area, &mut by_widget);
        assert_eq!(
            by_widget[(3, 0)].symbol(),
            "X",
            "the widget breaks 日: why draw_line"
        );
        let mut narrow = Buffer::empty(Rect::new(0, 0, 3, 1));
        draw_line(&mut narrow, Rect::new(0, 0, 3, 1), &line);
        let cells: Vec<&str> = (0..3).map(|x| narrow[(x, 0)].symbol()).collect();
        assert_eq!(cells, ["ل", "ا", "X"], "日 does not fit: left out whole");
    }

    #[test]
    fn the_cells_a_terminal_may_spill_a_joined_emoji_over_are_rewritten() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 2));
        buf.set_string(0, 0, "ab", Style::new());
        buf.set_string(3, 0, "👨\u{200d}👩\u{200d}👧", Style::new());
        mark_wide_cells(&mut buf);
        let marked = |x, y| buf[(x, y)].diff_option == CellDiffOption::AlwaysUpdate;
        assert!(
            !marked(1, 0) && !marked(3, 0),
            "ordinary cells and the emoji's own"
        );
        assert!(
            marked(4, 0) && marked(5, 0),
            "the cells after it to the edge"
        );
        assert!(
            marked(0, 1) && marked(2, 1) && !marked(3, 1),
            "and the next row's first"
        );
    }

    #[test]
    fn highlights_split_the_text_at_matched_characters() {
        let (b, h) = (Style::new(), theme::DARK.matched);
        let spans = highlighted("GaLore x", &[0, 1, 2], 0, b, h);
        let parts: Vec<(&str, Style)> = spans.iter().map(|s| (&*s.content, s.style)).collect();
        assert_eq!(parts, [("GaL", h), ("ore x", b)]);
        let spans = highlighted("ab", &[5], 4, b, h);
        let parts: Vec<(&str, Style)> = spans.iter().map(|s| (&*s.content, s.style)).collect();
        assert_eq!(parts, [("a", b), ("b", h)]);
    }
}
