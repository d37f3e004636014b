//! The app loop, the only code that touches the terminal. Events arrive on one channel (keys,
//! mouse, paste and resizes from an input thread; results from the searcher, the sorter and
//! the saver; signals) or from the loop's own timers, the model turns them into effects, the
//! loop carries those out, then draws once per batch.

mod effects;
mod hyperlinks;
mod session;
pub mod timers;

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Instant;

use anyhow::{Context, Result, anyhow};
use crossterm::event::Event;
use ratatui::DefaultTerminal;

use crate::action::Action;
use crate::app::timers::Timers;
use crate::config::Config;
use crate::layout::list::RowFormat;
use crate::library::Library;
use crate::lists::{Fetching, List};
use crate::load::{Collected, Progress};
use crate::marks::bookmarks::Bookmarks;
use crate::marks::read::ReadMarks;
use crate::model::{Effect, Model, Report, Settings, Severity};
use crate::storage::{ReadStore, Store};
use crate::ui;
use crate::workers::loader::LoadEvent;
use crate::workers::saver::Saver;
use crate::workers::searcher::Searcher;
use crate::workers::sorter::Sorter;
use effects::Shell;
use session::{Session, spawn_input, watch_signals};

/// Events handled between two frames, at most: a flood of input still gets drawn.
const BATCH_MAX: usize = 1024;

enum AppEvent {
    Terminal(Event),
    Report(Report),
    /// What the load of `generation` says; a load for lists since replaced is ignored.
    Load {
        generation: u64,
        event: LoadEvent,
    },
    /// SIGTERM, SIGHUP or SIGINT: leave the way `q` does.
    Signal(i32),
    /// A worker cannot go on (the terminal cannot be read).
    Failed(String),
}

/// How the reader ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal(i32),
}

/// A load still going on when the reader opens.
pub struct Streaming {
    pub events: Receiver<LoadEvent>,
    pub progress: Progress,
}

/// What the reader starts with.
pub struct Start {
    pub library: Library,
    /// What the model is told first (records skipped, a list fetched offline or empty).
    pub reports: Vec<Report>,
    /// The lists opened, and how those to fetch are fetched: `[`, `]` and refresh open them
    /// again.
    pub lists: Vec<List>,
    pub fetching: Arc<Fetching>,
    /// A load still going on.
    pub streaming: Option<Streaming>,
    /// Where bookmarks are saved; None when there is no config directory.
    pub store: Option<Store>,
    pub bookmarks: Bookmarks,
    /// Why bookmarks cannot be saved (their file could not be read), naming the file.
    pub read_only: Option<String>,
    /// The config file's settings.
    pub config: Config,
    /// Where read marks are saved; None when they are not (no config directory, or their
    /// file could not be read: `read_marks_unsaved` says why).
    pub read_store: Option<ReadStore>,
    pub read_marks: ReadMarks,
    pub read_marks_unsaved: Option<String>,
}

/// How the reader ended, and what the caller must still tell the user.
pub struct Outcome {
    pub exit: Exit,
    /// What a load that was still going on when the reader opened finished with.
    pub loaded: Option<Collected>,
    /// Bookmark changes that could not be saved, and why.
    pub unsaved: Option<String>,
    /// Read marks that could not be saved, and why.
    pub unsaved_read: Option<String>,
}

/// Runs the reader until the user quits or a signal arrives.
pub fn run(start: Start) -> Result<Outcome> {
    let (tx, rx) = mpsc::channel();
    watch_signals(tx.clone())?;
    let mut session = Session::start()?;
    spawn_input(tx.clone())?;
    let loading = start.streaming.as_ref().map(|s| s.progress);
    if let Some(streaming) = start.streaming {
        forward_load(streaming.events, tx.clone(), 0)?;
    }
    let reply = |tx: &Sender<AppEvent>| {
        let tx = tx.clone();
        Box::new(move |report| tx.send(AppEvent::Report(report)).is_ok())
    };
    let searcher = Searcher::spawn(reply(&tx)).context("cannot start the search thread")?;
    let sorter = Sorter::spawn(reply(&tx)).context("cannot start the sort thread")?;
    let saver = match &start.read_store {
        Some(store) => {
            Some(Saver::spawn(store.clone(), reply(&tx)).context("cannot start saving")?)
        }
        None => None,
    };
    let config = start.config;
    let mut model = Model::new(start.library)
        .with_settings(settings_of(&config))
        .with_bookmarks(start.bookmarks, start.read_only)
        .with_read_marks(&start.read_marks, start.read_marks_unsaved);
    model.take(Report::Loading(loading));
    for report in start.reports {
        model.take(report);
    }
    let sort = model.start_sorted();
    let mut shell = Shell {
        tx,
        searcher,
        sorter,
        saver,
        store: start.store,
        read_store: start.read_store,
        loaded: None,
        lists: start.lists,
        fetching: start.fetching,
        load_generation: 0,
        opener: config.opener.clone(),
    };
    if let Some(effect) = sort {
        shell.carry_out(&mut model, effect);
    }
    let exit = event_loop(&mut session.terminal, &mut model, &config, &rx, &mut shell);
    drop(session);
    let unsaved = shell.save_on_quit(&model);
    let unsaved_read = shell.save_read_on_quit(&mut model, &rx);
    Ok(Outcome {
        exit: exit?,
        loaded: shell.loaded,
        unsaved,
        unsaved_read,
    })
}

/// What the model needs of the config.
pub fn settings_of(config: &Config) -> Settings {
    Settings {
        list_percent: config.list_percent,
        rows: RowFormat::new(&config.row_fields, config.title_lines),
        help_lines: config.keymap.help_lines().len(),
        mark_read: config.mark_read,
        sort: config.sort,
    }
}

/// Passes the background load's events to the loop, marked with the load's generation.
fn forward_load(events: Receiver<LoadEvent>, tx: Sender<AppEvent>, generation: u64) -> Result<()> {
    thread::Builder::new()
        .name("papertui-load-events".into())
        .spawn(move || {
            for event in events {
                if tx.send(AppEvent::Load { generation, event }).is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}

/// What the model makes of one of the load's events.
fn take_load(model: &mut Model, event: LoadEvent, shell: &mut Shell) -> Vec<Effect> {
    match event {
        LoadEvent::Grew(library, progress) => {
            let effects = model.take(Report::LibraryGrew(library));
            model.take(Report::Loading(Some(progress)));
            effects
        }
        LoadEvent::Fetching(doing) => model.take(Report::Fetching(doing)),
        LoadEvent::Offline(notice) => model.take(Report::Offline(notice)),
        LoadEvent::Empty(meaning) => model.take(Report::EmptyList(meaning)),
        LoadEvent::Said(severity, text) => model.take(Report::Message(severity, text)),
        LoadEvent::Finished(all) => finish_load(model, shell.loaded.insert(all)),
    }
}

/// Applies the finished load: the whole library, and a footer line on what went wrong.
fn finish_load(model: &mut Model, all: &Collected) -> Vec<Effect> {
    let mut effects = model.take(Report::LibraryGrew(all.library.clone()));
    model.take(Report::Loading(None));
    let (problems, severity) = if all.errors.is_empty() {
        (&all.warnings, Severity::Warning)
    } else {
        (&all.errors, Severity::Error)
    };
    if let Some(first) = problems.first() {
        let text = match problems.len() {
            1 => first.to_string(),
            n => format!("{n} problems while loading; the first: {first}"),
        };
        effects.extend(model.take(Report::Message(severity, text)));
    }
    effects
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    model: &mut Model,
    config: &Config,
    events: &Receiver<AppEvent>,
    shell: &mut Shell,
) -> Result<Exit> {
    let mut dirty = true;
    let mut timers = Timers::default();
    loop {
        if dirty {
            let size = terminal.size()?;
            if model.screen().area.as_size() != size {
                model.update(Action::Resize {
                    width: size.width,
                    height: size.height,
                });
            }
            let frame = terminal.draw(|frame| ui::view(frame, model, config))?;
            let links = ui::hyperlinks(frame.area, model, config);
            if !links.is_empty() && hyperlinks::supported() {
                let buffer = frame.buffer.clone();
                hyperlinks::write(terminal.backend_mut(), &buffer, &links)?;
            }
            dirty = false;
        }
        timers.follow(model, Instant::now());
        let first = match timers.next() {
            None => Some(events.recv().context("every event source stopped")?),
            Some(at) => match events.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(event) => Some(event),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(anyhow!("every event source stopped"));
                }
            },
        };
        let due = timers.due(Instant::now()).into_iter().map(AppEvent::Report);
        for event in first
            .into_iter()
            .chain(due)
            .chain(events.try_iter().take(BATCH_MAX))
        {
            let effects = match event {
                AppEvent::Signal(signal) => return Ok(Exit::Signal(signal)),
                AppEvent::Failed(why) => return Err(anyhow!(why)),
                AppEvent::Terminal(event) => {
                    match config
                        .keymap
                        .action_for_event(ui::key_context(model), &event)
                    {
                        Some(action) => model.update(action),
                        None => continue,
                    }
                }
                AppEvent::Report(report) => model.take(report),
                AppEvent::Load { generation, event } if generation == shell.load_generation => {
                    take_load(model, event, shell)
                }
                AppEvent::Load { .. } => continue,
            };
            dirty = true;
            for effect in effects {
                if shell.carry_out(model, effect) {
                    return Ok(Exit::Quit);
                }
            }
        }
    }
}
