//! The app loop, the only code that touches the terminal. Events arrive on one channel (keys,
//! mouse, paste and resizes from an input thread; results from the searcher; signals), the
//! model turns them into effects, the loop carries those out, then draws once per batch.

use std::io;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

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
use crate::keymap;
use crate::load::{Collected, Progress};
use crate::loading::LoadEvent;
use crate::model::library::Library;
use crate::model::paper;
use crate::model::{Effect, Model};
use crate::search::Searcher;
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

/// Runs the reader on `library` until the user quits or a signal arrives. `notice` goes to
/// the footer first (load warnings). With `streaming`, papers keep arriving; what that load
/// finished with (its skipped records and failures) is returned for the caller to report.
pub fn run(
    library: Library,
    notice: Option<String>,
    streaming: Option<Streaming>,
) -> Result<(Exit, Option<Collected>)> {
    let (tx, rx) = mpsc::channel();
    watch_signals(tx.clone())?;
    let mut session = Session::start()?;
    spawn_input(tx.clone())?;
    let loading = streaming.as_ref().map(|s| s.progress);
    if let Some(streaming) = streaming {
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
    let mut model = Model::new(library);
    model.update(Action::Loading(loading));
    if let Some(notice) = notice {
        model.update(Action::Report(Severity::Warning, notice));
    }
    let mut loaded = None;
    let exit = event_loop(
        &mut session.terminal,
        &mut model,
        &rx,
        &tx,
        &searcher,
        &mut loaded,
    );
    drop(session);
    Ok((exit?, loaded))
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
    tx: &Sender<AppEvent>,
    searcher: &Searcher,
    loaded: &mut Option<Collected>,
) -> Result<Exit> {
    let mut dirty = true;
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
        let first = events.recv().context("every event source stopped")?;
        for event in std::iter::once(first).chain(events.try_iter().take(BATCH_MAX)) {
            let effects = match event {
                AppEvent::Signal(signal) => return Ok(Exit::Signal(signal)),
                AppEvent::Failed(why) => return Err(anyhow!(why)),
                AppEvent::Terminal(event) => {
                    match keymap::action_for_event(model.key_context(), &event) {
                        Some(action) => model.update(action),
                        None => continue,
                    }
                }
                AppEvent::Action(action) => model.update(action),
                AppEvent::Loaded(all) => finish_load(model, loaded.insert(all)),
            };
            dirty = true;
            for effect in effects {
                match effect {
                    Effect::Quit => return Ok(Exit::Quit),
                    Effect::Search(request) => searcher.submit(request),
                    Effect::OpenUrl(url) => {
                        if let Err(why) = open_url(&url, tx.clone()) {
                            model.update(Action::Report(
                                Severity::Error,
                                format!("Cannot open {url}: {why}"),
                            ));
                        }
                    }
                    // Bookmarks are kept in memory until their storage lands (its own issue).
                    Effect::SaveBookmarks => {}
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
