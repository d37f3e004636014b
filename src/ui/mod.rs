//! The view: draws the model and only draws. [`Screen`] says where each pane sits; each pane
//! is its own file; every style comes from [`theme`].

mod detail;
mod footer;
mod header;
mod help;
mod list;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use crate::model::screen::{MIN_HEIGHT, MIN_WIDTH, Pane, Screen};
use crate::model::{Mode, Model};
use crate::text;
use theme::Theme;

/// Draws the whole reader for `model` into the frame.
pub fn view(frame: &mut Frame, model: &Model) {
    let area = frame.area();
    let screen = Screen::with_list_percent(area, model.is_reading(), model.config().list_percent);
    if screen.too_small {
        too_small(frame, area);
        return;
    }
    header::draw(frame, screen.header, model);
    if let Some(pane) = screen.list {
        list::draw(frame, pane, model);
    }
    if let Some(pane) = screen.detail {
        detail::draw(frame, pane, model);
    }
    footer::draw(frame, screen.footer, model);
    if model.mode() == Mode::Help {
        help::draw(frame, &screen, model);
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let message = format!("Terminal too small: {MIN_WIDTH}x{MIN_HEIGHT} at least");
    let line = Line::from(text::truncate(&message, usize::from(area.width)).into_owned());
    frame.render_widget(line, Rect { height: 1, ..area });
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
