//! The detail pane: the selected paper's title (bold, filter matches highlighted), authors,
//! facts and numbered links, the AI summary, then its abstract (filter words highlighted),
//! scrolled, with a scrollbar on its border.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::ScrollbarState;

use super::theme::Theme;
use super::{Hyperlink, frame_pane, highlighted, theme};
use crate::config::Config;
use crate::layout::document::{self, Part};
use crate::layout::screen::Pane;
use crate::model::{Focus, Model};
use crate::text;

pub(super) fn draw(frame: &mut Frame, pane: Pane, model: &Model, config: &Config) {
    let t = theme::of(config);
    let focused = model.focus() == Focus::Detail;
    let inner = pane.inner;
    frame_pane(frame, t, pane, Line::from(" Detail "), focused);
    let Some(paper) = model.selected_paper() else {
        return;
    };
    let p = model.library().get(paper);
    let (tags, note) = (model.tags_of(paper), model.note_of(paper));
    let doc = document::lay_out_marked(&p, tags, note, usize::from(inner.width));
    let rows = usize::from(inner.height);
    let scroll = model.detail_scroll().min(doc.len().saturating_sub(rows));
    if doc.len() > rows && rows > 0 && pane.bordered {
        draw_scrollbar(frame, pane, t, focused, (scroll, rows, doc.len()));
    }
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
            Part::Facts | Part::Keywords => vec![Span::styled(&*line.text, t.facts)],
            Part::Label => vec![Span::styled(&*line.text, t.pane_title)],
            Part::Link => link_spans(&line.text, t),
            Part::Summary | Part::Abstract => {
                let words = model.query().word_positions(&line.text);
                highlighted(&line.text, &words, 0, t.abstract_text, t.matched)
            }
            Part::Blank => continue,
        };
        super::draw_line(frame.buffer_mut(), area, &Line::from(spans));
    }
}

/// The scrollbar on the pane's right border, for a window of `rows` at `scroll` in `lines`.
fn draw_scrollbar(
    frame: &mut Frame,
    pane: Pane,
    t: &Theme,
    focused: bool,
    (scroll, rows, lines): (usize, usize, usize),
) {
    let state = ScrollbarState::new(lines - rows + 1)
        .position(scroll)
        .viewport_content_length(rows);
    let area = pane.area.inner(Margin::new(0, 1));
    super::draw_scrollbar(frame, area, t, focused, state);
}

/// Where each link's URL shows in the detail pane, for the terminal to make it a hyperlink.
pub(super) fn hyperlinks(pane: Pane, model: &Model) -> Vec<Hyperlink> {
    let Some(paper) = model.selected_paper() else {
        return Vec::new();
    };
    let inner = pane.inner;
    let p = model.library().get(paper);
    let (tags, note) = (model.tags_of(paper), model.note_of(paper));
    let doc = document::lay_out_marked(&p, tags, note, usize::from(inner.width));
    let rows = usize::from(inner.height);
    let scroll = model.detail_scroll().min(doc.len().saturating_sub(rows));
    let mut links = Vec::new();
    for (row, line) in doc.iter().skip(scroll).take(rows).enumerate() {
        let (Some(url), Some(at)) = (&line.url, line.text.find("http")) else {
            continue;
        };
        links.push(Hyperlink {
            x: inner.x + text::width(&line.text[..at]) as u16,
            y: inner.y + row as u16,
            width: text::width(&line.text[at..]) as u16,
            url: url.clone(),
        });
    }
    links
}

/// A link line: its number as a key hint, its label, the URL as a link.
fn link_spans<'a>(line: &'a str, t: &Theme) -> Vec<Span<'a>> {
    let (number, rest) = line.split_at(line.find(' ').unwrap_or(0));
    let url_at = rest.find("http").unwrap_or(rest.len());
    let (label, url) = rest.split_at(url_at);
    vec![
        Span::styled(number, t.hint_key),
        Span::styled(label, t.facts),
        Span::styled(url, t.link),
    ]
}
