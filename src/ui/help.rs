//! The help overlay: every key, generated from the keymap's table.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear};

use super::theme;
use crate::action::Action;
use crate::config::Config;
use crate::keymap::HelpLine;
use crate::layout::screen::{HELP_WIDTH, Screen};
use crate::model::Model;
use crate::text;

/// Cells kept for the keys column.
const KEYS_WIDTH: usize = 10;

pub(super) fn draw(frame: &mut Frame, screen: &Screen, model: &Model, config: &Config) {
    let t = theme::of(config);
    let lines = config.keymap.help_lines();
    let area = screen.help_area(lines.len(), HELP_WIDTH);
    let rows = usize::from(area.height.saturating_sub(2));
    let scroll = model.help_scroll().min(lines.len().saturating_sub(rows));
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.help_border)
        .title(Line::from(" Keys ").style(t.pane_title));
    if scroll + rows < lines.len() {
        let more = match config.keymap.label_of(&Action::SelectNext) {
            Some(key) => format!(" {key}: more below "),
            None => " more below ".to_string(),
        };
        block = block.title_bottom(Line::from(more).right_aligned());
    }
    super::clear_wide_before(frame.buffer_mut(), area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let inner = area.inner(Margin::new(2, 1));
    for (row, line) in lines.iter().skip(scroll).take(rows).enumerate() {
        let row_area = Rect {
            y: inner.y + row as u16,
            height: 1,
            ..inner
        };
        let line = match line {
            HelpLine::Heading(title) => Line::from(Span::styled(*title, t.help_heading)),
            HelpLine::Keys { keys, help } => {
                let pad = KEYS_WIDTH.saturating_sub(text::width(keys)) + 2;
                let room = usize::from(inner.width).saturating_sub(text::width(keys) + pad);
                Line::from(vec![
                    Span::styled(keys.clone(), t.help_keys),
                    Span::raw(" ".repeat(pad)),
                    Span::raw(text::truncate(help, room)),
                ])
            }
        };
        super::draw_line(frame.buffer_mut(), row_area, &line);
    }
}
