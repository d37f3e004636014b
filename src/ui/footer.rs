//! The footer line: the mode, the filter, then a status message or the most useful keys.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::theme;
use crate::config::Config;
use crate::model::{Editing, Mode, Model, Severity};
use crate::text;

pub(super) fn draw(frame: &mut Frame, area: Rect, model: &Model, config: &Config) {
    let t = theme::of(config);
    let width = usize::from(area.width);
    let (badge, badge_style) = match model.mode() {
        Mode::Browse => (" BROWSE ", t.mode_browse),
        Mode::Filter => (" FILTER ", t.mode_filter),
        Mode::Edit => match model.editing() {
            Some((Editing::Tags, _)) => (" TAGS ", t.mode_filter),
            _ => (" NOTE ", t.mode_filter),
        },
        Mode::Help => (" HELP ", t.mode_help),
    };
    let mut spans = vec![Span::styled(badge, badge_style)];
    let mut used = text::width(badge);
    if let Some((_, text)) = model.editing() {
        // The tags or note being edited take the filter's place, cursor at the end.
        let room = width.saturating_sub(used + 2).max(4) * 2 / 3;
        let shown = text::truncate_start(text, room).into_owned();
        used += 1 + text::width(&shown);
        spans.push(Span::raw(" "));
        spans.push(Span::styled(shown, t.filter_text));
        if used < width {
            frame.set_cursor_position(Position::new(area.x + used as u16, area.y));
        }
    }
    let editing = model.mode() == Mode::Filter;
    if model.editing().is_none() && (editing || !model.query_text().is_empty()) {
        let room = (width / 2).saturating_sub(used + 2).max(4);
        let shown = format!("/{}", model.query_text());
        let shown = text::truncate_start(&shown, room).into_owned();
        used += 1 + text::width(&shown);
        spans.push(Span::raw(" "));
        spans.push(Span::styled(shown, t.filter_text));
        if editing && used < width {
            frame.set_cursor_position(Position::new(area.x + used as u16, area.y));
        }
    }
    if model.bookmarked_only() {
        spans.push(Span::styled(" ★ only", t.bookmark));
        used += 7;
    }
    if model.unread_only() {
        spans.push(Span::styled(" unread only", t.filter_text));
        used += 12;
    }
    spans.push(Span::raw("  "));
    used += 2;
    let room = width.saturating_sub(used);
    if let Some(notice) = model.notice() {
        let style = match notice.severity() {
            Severity::Info => t.info,
            Severity::Warning => t.warning,
            Severity::Error => t.error,
        };
        spans.push(Span::styled(
            text::truncate(&notice.words(&|a| config.keymap.label_of(a)), room).into_owned(),
            style,
        ));
    } else {
        let hints = config.keymap.hints(super::key_context(model));
        for (key, hint) in fitting(hints, room) {
            spans.push(Span::styled(key, t.hint_key));
            spans.push(Span::styled(format!(" {hint}  "), t.hint));
        }
    }
    super::draw_line(frame.buffer_mut(), area, &Line::from(spans));
}

/// Hints that matter most where not all fit: the way to the help, out, and back.
const FIRST: [&str; 5] = ["help", "quit", "cancel", "back", "close"];

/// The hints that fit in `room` cells, those of [`FIRST`] before the others, shown in the
/// table's order but for the help, first.
fn fitting(hints: Vec<(String, &'static str)>, room: usize) -> Vec<(String, &'static str)> {
    let rank = |hint: &str| FIRST.iter().position(|f| *f == hint).unwrap_or(FIRST.len());
    let mut by_need: Vec<usize> = (0..hints.len()).collect();
    by_need.sort_by_key(|&i| rank(hints[i].1));
    let mut left = room;
    let mut kept = vec![false; hints.len()];
    for i in by_need {
        let (key, hint) = &hints[i];
        let cost = text::width(key) + 1 + text::width(hint) + 2;
        if cost <= left {
            left -= cost;
            kept[i] = true;
        }
    }
    let mut shown: Vec<_> = hints
        .into_iter()
        .zip(kept)
        .filter_map(|(hint, kept)| kept.then_some(hint))
        .collect();
    shown.sort_by_key(|(_, hint)| *hint != "help");
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_and_quit_stay_where_not_every_hint_fits() {
        let hints = vec![
            ("?".to_string(), "help"),
            ("Enter".to_string(), "read"),
            ("/".to_string(), "filter"),
            ("b".to_string(), "mark"),
            ("q".to_string(), "quit"),
        ];
        let kept: Vec<&str> = fitting(hints, 28).iter().map(|(_, h)| *h).collect();
        assert_eq!(kept, ["help", "read", "quit"]);
    }
}
