//! The detail pane: the selected paper's title (bold, filter matches highlighted), authors,
//! facts and links, then its abstract (filter words highlighted), scrolled, with a position
//! indicator.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{frame_pane, highlighted, theme};
use crate::config::Config;
use crate::layout::document::{self, Part};
use crate::layout::screen::Pane;
use crate::model::{Focus, Model};

pub fn draw(frame: &mut Frame, pane: Pane, model: &Model, config: &Config) {
    let t = theme::of(config);
    let focused = model.focus() == Focus::Detail;
    let inner = pane.inner;
    let Some(paper) = model.selected_paper() else {
        frame_pane(frame, t, pane, Line::from(" Detail "), focused);
        return;
    };
    let p = model.library().get(paper);
    let (tags, note) = (model.tags_of(paper), model.note_of(paper));
    let doc = document::lay_out_marked(&p, tags, note, usize::from(inner.width));
    let rows = usize::from(inner.height);
    let scroll = model.detail_scroll().min(doc.len().saturating_sub(rows));
    let title = match position(scroll, rows, doc.len()) {
        Some(at) => Line::from(vec![Span::raw(" Detail "), Span::raw(format!("{at} "))]),
        None => Line::from(" Detail "),
    };
    frame_pane(frame, t, pane, title, focused);
    let positions = model.query().title_positions(p.title());
    for (row, line) in doc.iter().skip(scroll).take(rows).enumerate() {
        let area = Rect {
            y: inner.y + row as u16,
            height: 1,
            ..inner
        };
        let spans = match line.part {
            Part::Title => highlighted(&line.text, &positions, line.first_char, t.title, t.matched),
            Part::Authors => vec![Span::styled(&*line.text, t.authors)],
            Part::Facts => vec![Span::styled(&*line.text, t.facts)],
            Part::Link => vec![Span::styled(&*line.text, t.link)],
            Part::Abstract => {
                let words = model.query().word_positions(&line.text);
                highlighted(&line.text, &words, 0, t.abstract_text, t.matched)
            }
            Part::Blank => continue,
        };
        frame.render_widget(Line::from(spans), area);
    }
}

/// Where the view is in a text longer than the pane, as a percentage of the way down.
fn position(scroll: usize, rows: usize, lines: usize) -> Option<String> {
    if lines <= rows || rows == 0 {
        return None;
    }
    let seen = (scroll + rows).min(lines);
    Some(format!("· {}%", seen * 100 / lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_position_shows_only_when_the_text_is_longer_than_the_pane() {
        assert_eq!(position(0, 10, 10), None);
        assert_eq!(position(0, 10, 40).as_deref(), Some("· 25%"));
        assert_eq!(position(30, 10, 40).as_deref(), Some("· 100%"));
    }
}
