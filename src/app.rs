//! The app loop, the only code that touches the terminal. Events arrive on one channel (keys,
//! mouse, paste and resizes from an input thread; results from the searcher, the sorter and
//! the saver; signals) or from the loop's own timers, the model turns them into effects, the
//! loop carries those out, then draws once per batch.

use std::io::{self, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Instant;

use anyhow::{Context, Result, anyhow};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::execute;
use ratatui::DefaultTerminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::action::{Action, Severity};
use crate::clipboard;
use crate::config::Config;
use crate::load::{Collected, Progress};
use crate::loading::LoadEvent;
use crate::model::bookmarks::Bookmarks;
use crate::model::library::Library;
use crate::model::paper;
use crate::model::read_marks::ReadMarks;
use crate::model::read_state::SaveFailed;
use crate::model::{Effect, Model};
use crate::saver::{self, Saver};
use crate::search::Searcher;
use crate::sorter::Sorter;
use crate::storage::{ReadStore, Store};
use crate::timers::Timers;
use crate::ui;

/// Events handled between two frames, at most: a flood of input still gets drawn.
const BATCH_MAX: usize = 1024;

enum AppEvent {
    Terminal(Event),
    Action(Action),
    /// The background load finished.
    Loaded(Collected),
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
    /// A warning for the footer (records skipped while loading).
    pub notice: Option<String>,
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
        forward_load(streaming.events, tx.clone())?;
    }
    let results = tx.clone();
    let searcher = Searcher::spawn(Box::new(move |generation, hits, complete| {
        let action = if complete {
            Action::SearchDone { generation, hits }
        } else {
            Action::SearchPartial { generation, hits }
        };
        results.send(AppEvent::Action(action)).is_ok()
    }))
    .context("cannot start the search thread")?;
    let sorted = tx.clone();
    let sorter = Sorter::spawn(Box::new(move |generation, indices| {
        let action = Action::Sorted {
            generation,
            indices,
        };
        sorted.send(AppEvent::Action(action)).is_ok()
    }))
    .context("cannot start the sort thread")?;
    let saver = match &start.read_store {
        Some(store) => {
            let saved = tx.clone();
            let done = move |result| {
                let _ = saved.send(AppEvent::Action(Action::ReadSaved(result)));
            };
            Some(Saver::spawn(store.clone(), Box::new(done)).context("cannot start saving")?)
        }
        None => None,
    };
    let mut model = Model::new(start.library)
        .with_config(start.config)
        .with_bookmarks(start.bookmarks, start.read_only)
        .with_read_marks(&start.read_marks, start.read_marks_unsaved);
    model.update(Action::Loading(loading));
    if let Some(notice) = start.notice {
        model.update(Action::Report(Severity::Warning, notice));
    }
    let mut shell = Shell {
        tx,
        searcher,
        sorter,
        saver,
        store: start.store,
        read_store: start.read_store,
        loaded: None,
    };
    let exit = event_loop(&mut session.terminal, &mut model, &rx, &mut shell);
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

/// What carries out the model's effects: the workers, and the bookmark storage.
struct Shell {
    tx: Sender<AppEvent>,
    searcher: Searcher,
    sorter: Sorter,
    /// Saves read marks in the background; None when they are not saved.
    saver: Option<Saver>,
    store: Option<Store>,
    read_store: Option<ReadStore>,
    /// What the background load finished with, once it has.
    loaded: Option<Collected>,
}

impl Shell {
    /// Carries out one effect; some report back to the model. Returns true to quit.
    fn carry_out(&mut self, model: &mut Model, effect: Effect) -> bool {
        match effect {
            Effect::Quit => return true,
            Effect::Search(request) => self.searcher.submit(request),
            Effect::OpenUrl(url) => {
                if let Err(why) = open_url(&url, self.tx.clone()) {
                    let text = format!("Cannot open {url}: {why}");
                    model.update(Action::Report(Severity::Error, text));
                }
            }
            Effect::SaveBookmarks(mut bookmarks) => {
                let Some(store) = &self.store else {
                    return false;
                };
                match store.save(&mut bookmarks) {
                    Ok(()) => {
                        model.update(Action::BookmarksSaved(bookmarks));
                    }
                    Err(e) => {
                        let text = format!(
                            "Bookmark not saved: {e}. It is kept and saved with the next change"
                        );
                        model.update(Action::Report(Severity::Error, text));
                    }
                }
            }
            Effect::ReloadBookmarks => {
                if let Some(Ok(bookmarks)) = self.store.as_ref().map(Store::load) {
                    model.update(Action::BookmarksReloaded(bookmarks));
                }
            }
            Effect::SaveRead(changes) => {
                let result = match &self.saver {
                    Some(saver) => saver.submit(changes),
                    None => Err(Box::new(changes)),
                };
                if let Err(changes) = result {
                    let why = "read marks cannot be saved now".to_string();
                    let changes = *changes;
                    let failed = SaveFailed { why, changes };
                    model.update(Action::ReadSaved(Err(Box::new(failed))));
                }
            }
            Effect::Sort(request) => self.sorter.submit(request),
            Effect::Copy { text, what } => {
                if let Err(e) = copy_to_clipboard(&text) {
                    let text = format!("Cannot copy the {what}: {e}");
                    model.update(Action::Report(Severity::Error, text));
                }
            }
        }
        false
    }

    /// Waits for the saves running, then saves what is left; the message if that fails.
    fn save_read_on_quit(
        &mut self,
        model: &mut Model,
        events: &Receiver<AppEvent>,
    ) -> Option<String> {
        if let Some(saver) = self.saver.take() {
            saver.finish();
        }
        for event in events.try_iter() {
            if let AppEvent::Action(action @ Action::ReadSaved(_)) = event {
                model.update(action);
            }
        }
        let store = self.read_store.as_ref()?;
        for effect in model.update(Action::SaveRead) {
            if let Effect::SaveRead(changes) = effect
                && let Err(failed) = saver::save(store, changes)
            {
                let papers = failed.changes.changes.len();
                let why = failed.why;
                return Some(format!("read marks not saved ({papers} changes): {why}"));
            }
        }
        None
    }

    /// One last try at saving what the model still holds unsaved; the message if it fails.
    fn save_on_quit(&self, model: &Model) -> Option<String> {
        let bookmarks = model.bookmarks();
        if !bookmarks.has_unsaved_changes() {
            return None;
        }
        let why = match &self.store {
            Some(store) => store.save(&mut bookmarks.clone()).err()?.to_string(),
            None => "no config directory to save them in".to_string(),
        };
        let (added, removed) = bookmarks.unsaved_changes();
        let list = |keys: Vec<&str>| {
            if keys.is_empty() {
                "none".to_string()
            } else {
                keys.join(", ")
            }
        };
        Some(format!(
            "bookmarks not saved: {why}; bookmarked: {}; removed: {}",
            list(added.collect()),
            list(removed.collect())
        ))
    }
}

/// Makes the worker threads (loading, searching) yield to the thread that reads keys and
/// draws: on a machine with few cores a million-paper search must not delay the echo of the
/// next keystroke. Call before any work starts; errors only mean the default pool is used.
pub fn lower_workers_priority() {
    let _ = rayon::ThreadPoolBuilder::new()
        .start_handler(|_| lower_this_thread())
        .build_global();
}

/// A nice value of 5 for the calling thread (Linux keeps one per thread).
pub fn lower_this_thread() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority take and return plain integers; no memory is touched.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, 5);
    }
}

/// Turns the background load's events into the model's actions.
fn forward_load(events: Receiver<LoadEvent>, tx: Sender<AppEvent>) -> Result<()> {
    thread::Builder::new()
        .name("papertui-load-events".into())
        .spawn(move || {
            for event in events {
                let events = match event {
                    LoadEvent::Grew(library, progress) => vec![
                        AppEvent::Action(Action::LibraryGrew(library)),
                        AppEvent::Action(Action::Loading(Some(progress))),
                    ],
                    LoadEvent::Finished(all) => vec![AppEvent::Loaded(all)],
                };
                if events.into_iter().any(|e| tx.send(e).is_err()) {
                    break;
                }
            }
        })?;
    Ok(())
}

/// Applies the finished load: the whole library, and a footer line on what went wrong.
fn finish_load(model: &mut Model, all: &Collected) -> Vec<Effect> {
    let mut effects = model.update(Action::LibraryGrew(all.library.clone()));
    model.update(Action::Loading(None));
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
        effects.extend(model.update(Action::Report(severity, text)));
    }
    effects
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    model: &mut Model,
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
            terminal.draw(|frame| ui::view(frame, model))?;
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
        let due = timers.due(Instant::now()).into_iter().map(AppEvent::Action);
        for event in first
            .into_iter()
            .chain(due)
            .chain(events.try_iter().take(BATCH_MAX))
        {
            let effects = match event {
                AppEvent::Signal(signal) => return Ok(Exit::Signal(signal)),
                AppEvent::Failed(why) => return Err(anyhow!(why)),
                AppEvent::Terminal(event) => {
                    let keymap = &model.config().keymap;
                    match keymap.action_for_event(model.key_context(), &event) {
                        Some(action) => model.update(action),
                        None => continue,
                    }
                }
                AppEvent::Action(action) => model.update(action),
                AppEvent::Loaded(all) => finish_load(model, shell.loaded.insert(all)),
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

/// The terminal in the reader's modes; dropping it (or a panic) restores the terminal.
struct Session {
    terminal: DefaultTerminal,
}

impl Session {
    fn start() -> Result<Session> {
        let terminal = ratatui::try_init().context("cannot set up the terminal")?;
        // ratatui's hook restores raw mode and the screen; ours first turns off the modes it
        // does not know, and ends the program when a worker thread panics.
        let restore = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            disable_modes();
            restore(info);
            if thread::current().name() != Some("main") {
                std::process::exit(101);
            }
        }));
        let session = Session { terminal };
        execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)
            .context("cannot enable the mouse")?;
        Ok(session)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        disable_modes();
        ratatui::restore();
    }
}

fn disable_modes() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
}

/// Turns SIGTERM, SIGHUP and SIGINT into a quit event, so the terminal is restored. A second
/// signal while the first is being handled ends the program at once.
fn watch_signals(tx: Sender<AppEvent>) -> Result<()> {
    let signals = [SIGTERM, SIGHUP, SIGINT];
    let pending = Arc::new(AtomicBool::new(false));
    for signal in signals {
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&pending))?;
        signal_hook::flag::register(signal, Arc::clone(&pending))?;
    }
    let mut signals = Signals::new(signals).context("cannot watch for signals")?;
    thread::Builder::new()
        .name("papertui-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if tx.send(AppEvent::Signal(signal)).is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}

fn spawn_input(tx: Sender<AppEvent>) -> Result<()> {
    thread::Builder::new()
        .name("papertui-input".into())
        .spawn(move || {
            loop {
                let sent = match event::read() {
                    Ok(event) => tx.send(AppEvent::Terminal(event)),
                    Err(e) => {
                        let _ = tx.send(AppEvent::Failed(format!("cannot read the terminal: {e}")));
                        break;
                    }
                };
                if sent.is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}

/// Puts `text` on the terminal's clipboard with the OSC 52 sequence: the one escape sequence
/// the reader writes itself, between two frames.
fn copy_to_clipboard(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(clipboard::osc52(text).as_bytes())?;
    out.flush()
}

/// Opens an http(s) link with the platform's opener: the URL as one argument (never through
/// a shell), no terminal I/O, not waited on. A failure found later is reported to the footer.
fn open_url(url: &str, tx: Sender<AppEvent>) -> io::Result<()> {
    if !paper::is_web_link(url) {
        return Err(io::Error::other("only http and https links are opened"));
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let mut child = Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => io::Error::other(format!("{opener} is not installed")),
            _ => e,
        })?;
    let opener = opener.to_string();
    thread::spawn(move || {
        if let Ok(status) = child.wait()
            && !status.success()
        {
            let why = format!("{opener} could not open the link ({status})");
            let _ = tx.send(AppEvent::Action(Action::Report(Severity::Error, why)));
        }
    });
    Ok(())
}
