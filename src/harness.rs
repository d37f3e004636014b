//! Support for the tests, the fuzz targets and the benches, kept in the crate so that there is
//! one of each: the synchronous effect runner (the workers' answers, computed at once), and
//! what the fuzz targets run (load untrusted bytes, then draw them, checking that nothing
//! forbidden comes out), so their crashes replay as plain tests.

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::action::Action;
use crate::config::Config;
use crate::library::PaperRef;
use crate::load::{self, Event, Source};
use crate::model::{Effect, Model, Report};
use crate::sanitize::is_allowed;
use crate::search::Stage;
use crate::workers::sorter;
use crate::{search, ui};

/// Sizes every view is drawn at: none, a sliver, the smallest useful, narrow, wide and flat.
const SIZES: [(u16, u16); 6] = [(0, 0), (1, 1), (20, 5), (45, 16), (120, 30), (150, 7)];

/// Loads `bytes` as the file `name`; panics if a loaded paper holds a forbidden character.
pub fn load_checked(name: &str, bytes: Vec<u8>) {
    let source = Source::Bytes(name.to_string(), Arc::from(bytes));
    let _ = load::load(&source, &mut |event| match event {
        Event::Papers(chunk) => (0..chunk.len()).for_each(|i| check_paper(&chunk.get(i))),
        Event::Meta { name, date } => name.iter().chain(&date).for_each(|t| check_text(t)),
        Event::Warning(_) | Event::Filtered(_) | Event::Progress { .. } => {}
    });
}

fn check_paper(p: &PaperRef<'_>) {
    for text in [p.title(), p.abstract_text()] {
        check_text(text);
    }
    p.authors().chain(p.categories()).for_each(check_text);
    p.published()
        .into_iter()
        .chain(p.arxiv_id())
        .for_each(check_text);
    for link in p.links() {
        assert!(crate::library::paper::is_web_link(&link), "link {link:?}");
    }
}

fn check_text(text: &str) {
    if let Some(c) = text.chars().find(|&c| !is_allowed(c)) {
        panic!("{c:?} got through in {text:?}");
    }
}

/// Loads `data` (any format), then draws every view at every size of [`SIZES`], moving,
/// filtering, reading and bookmarking; panics if a cell ever holds a forbidden character.
pub fn load_and_render(data: &[u8]) {
    let source = Source::Bytes("fuzz".to_string(), Arc::from(data));
    let Ok(loaded) = load::load_all(&[source]) else {
        return;
    };
    let query: String = String::from_utf8_lossy(data)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(2)
        .collect();
    let mut model = Model::new(loaded.library);
    let Ok(mut terminal) = Terminal::new(TestBackend::new(1, 1));
    for (width, height) in SIZES {
        terminal.backend_mut().resize(width, height);
        let script = [
            vec![Action::Resize { width, height }],
            vec![Action::SelectNext, Action::ToggleFocus, Action::PageDown],
            vec![Action::ToggleFocus, Action::StartFilter],
            query.chars().map(Action::FilterInput).collect(),
            vec![Action::Paste("\u{1b}]0;x\u{7}y".into())],
            vec![Action::CancelFilter, Action::ToggleHelp, Action::PageDown],
            vec![Action::ToggleHelp, Action::ToggleBookmark],
            vec![Action::ToggleBookmarkedOnly],
            vec![
                Action::ToggleBookmarkedOnly,
                Action::SelectLast,
                Action::OpenDetail,
            ],
            vec![Action::SelectLast, Action::CloseDetail],
        ];
        for actions in script {
            apply(&mut model, actions);
            draw_checked(&mut terminal, &model);
        }
    }
}

/// The report a worker gives for `effect`, computed at once: the whole ranking of a search,
/// the order of a sort. None for the effects no worker answers.
pub fn answer(effect: &Effect) -> Option<Report> {
    match effect {
        Effect::Search(request) => Some(Report::SearchDone {
            generation: request.generation,
            hits: search::run(request),
            stage: Stage::Complete,
        }),
        Effect::Sort(request) => Some(Report::Sorted {
            generation: request.generation,
            indices: sorter::sorted(&request.library, request.order),
        }),
        _ => None,
    }
}

/// Answers the workers' effects among `effects` at once, and what the model asks in turn;
/// returns the effects left for the app loop (saves, links, copies, quitting).
pub fn settle(model: &mut Model, effects: Vec<Effect>) -> Vec<Effect> {
    let mut left = Vec::new();
    for effect in effects {
        match answer(&effect) {
            Some(report) => {
                let more = model.take(report);
                left.extend(settle(model, more));
            }
            None => left.push(effect),
        }
    }
    left
}

/// Applies actions as the app loop does, with the workers' answers at once; returns the
/// effects left for the app loop.
pub fn apply(model: &mut Model, actions: impl IntoIterator<Item = Action>) -> Vec<Effect> {
    let mut left = Vec::new();
    for action in actions {
        let effects = model.update(action);
        left.extend(settle(model, effects));
    }
    left
}

fn draw_checked(terminal: &mut Terminal<TestBackend>, model: &Model) {
    let config = Config::default();
    let Ok(frame) = terminal.draw(|frame| ui::view(frame, model, &config));
    for cell in &frame.buffer.content {
        check_text(cell.symbol());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fuzz_targets_run_on_the_bundled_list_and_odd_inputs() {
        load_and_render(load::BUNDLED.as_bytes());
        for data in [
            &b""[..],
            b"[",
            b"{\"title\":\"\x1b]0;x\x07\"}",
            b"\xff\xfe",
            b"a\n\nb",
        ] {
            load_checked("t.json", data.to_vec());
            load_and_render(data);
        }
    }
}
