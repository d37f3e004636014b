//! Opening the reader: the config file is read, the lists are checked, small ones load before
//! the terminal is touched (so their problems print like `list`'s), large ones stream in;
//! bookmarks and read marks are read; and once the reader closes, whatever the user must
//! still know is told.

use std::ffi::OsString;
use std::io::{self, IsTerminal};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::app::{self, Exit, Start, Streaming};
use crate::cli::{self, EXIT_BAD_INPUT};
use crate::library::Library;
use crate::load::{self, Progress};
use crate::marks::bookmarks::Bookmarks;
use crate::marks::read::ReadMarks;
use crate::storage::{self, ReadStore, Store};
use crate::workers::loader::{self, LoadEvent};

/// Set and not empty, it turns colour off (no-color.org).
pub const NO_COLOR_ENV: &str = "NO_COLOR";

/// How long the reader waits for the lists to finish loading before it opens on what it has.
const WAITS: Duration = Duration::from_millis(150);

/// Opens the reader on the lists (the bundled one if none).
pub fn run(files: &[OsString], config_dir: Option<&Path>) -> ExitCode {
    if let Some(command) = cli::misspelled_command(files) {
        let rest: Vec<String> = files[1..]
            .iter()
            .map(|f| f.to_string_lossy().into_owned())
            .collect();
        let meant = [command.as_str()]
            .into_iter()
            .chain(rest.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        eprintln!(
            "papertui: error: {}: no such file; did you mean `papertui {}`?",
            files[0].to_string_lossy(),
            crate::sanitize::clean(&meant, 200)
        );
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    let settings = match cli::load_settings(config_dir) {
        Ok(settings) => settings,
        Err(code) => return code,
    };
    if !io::stdout().is_terminal() {
        eprintln!(
            "papertui: standard output is not a terminal, so the reader cannot start; \
             use `papertui list` to print the papers"
        );
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    let mut config = settings.config;
    if std::env::var_os(NO_COLOR_ENV).is_some_and(|v| !v.is_empty()) {
        config = config.without_colour();
    }
    crate::workers::lower_workers_priority();
    let cli::Chosen { sources, missing } = cli::choose(files, &settings.lists, config_dir);
    if sources.is_empty() {
        return cli::report_failure(&missing);
    }
    let refused: Vec<_> = sources
        .iter()
        .filter_map(|s| load::check(s).err())
        .collect();
    if !refused.is_empty() {
        return cli::report_failure(&refused);
    }
    // A config list that is missing is told in the footer; the others open.
    let missing_notice = missing.first().map(|first| match missing.len() {
        1 => format!("A list of the config could not be opened: {first}"),
        n => format!("{n} lists of the config could not be opened; the first: {first}"),
    });
    let events = match loader::spawn(sources) {
        Ok(events) => events,
        Err(e) => {
            eprintln!("papertui: error: cannot start loading: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (store, bookmarks, read_only) = open_bookmarks(config_dir);
    let (read_store, read_marks, read_marks_unsaved) = open_read_marks(config_dir);
    let mut start = Start {
        library: Library::default(),
        notice: missing_notice.clone(),
        streaming: None,
        store,
        bookmarks,
        read_only,
        config,
        read_store,
        read_marks,
        read_marks_unsaved,
    };
    let deadline = Instant::now() + WAITS;
    let mut progress = Progress::default();
    loop {
        match events.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(LoadEvent::Grew(grown, now)) => (start.library, progress) = (grown, now),
            Ok(LoadEvent::Finished(all)) => {
                cli::print_warnings(&all.warnings);
                if !all.errors.is_empty() {
                    return cli::report_failure(&all.errors);
                }
                start.notice = match all.warnings.as_slice() {
                    [] => missing_notice,
                    [only] => Some(only.to_string()),
                    [first, ..] => Some(format!(
                        "{} records skipped while loading; the first: {first}",
                        all.warnings.len()
                    )),
                };
                start.library = all.library;
                break;
            }
            Err(_) => {
                start.streaming = Some(Streaming { events, progress });
                break;
            }
        }
    }
    let outcome = match app::run(start) {
        Ok(outcome) => outcome,
        Err(e) => {
            eprintln!("papertui: error: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    // What happened while the reader was open is told once the terminal is back.
    let load_failed = outcome.loaded.is_some_and(|all| {
        cli::print_warnings(&all.warnings);
        for p in &all.errors {
            eprintln!("papertui: error: {p}");
        }
        !all.errors.is_empty()
    });
    if let Some(unsaved) = &outcome.unsaved {
        eprintln!("papertui: error: {unsaved}");
    }
    if let Some(unsaved) = &outcome.unsaved_read {
        eprintln!("papertui: error: {unsaved}");
    }
    match outcome.exit {
        Exit::Signal(signal) => ExitCode::from(128u8.saturating_add(signal as u8)),
        Exit::Quit if outcome.unsaved.is_some() || outcome.unsaved_read.is_some() => {
            ExitCode::FAILURE
        }
        Exit::Quit if load_failed => ExitCode::from(EXIT_BAD_INPUT),
        Exit::Quit => ExitCode::SUCCESS,
    }
}

/// The bookmark store and what it holds; read-only (with the reason) if it cannot be read.
fn open_bookmarks(config_dir: Option<&Path>) -> (Option<Store>, Bookmarks, Option<String>) {
    let dir = match storage::config_dir(config_dir) {
        Ok(dir) => dir,
        Err(e) => return (None, Bookmarks::default(), Some(e.to_string())),
    };
    let (store, read) = Store::open(dir);
    match read {
        Ok(bookmarks) => (Some(store), bookmarks, None),
        Err(e) => (Some(store), Bookmarks::default(), Some(e.to_string())),
    }
}

/// The read marks store and what it holds. Marks that cannot be read are not saved this
/// session (the file is never written over), with the reason.
fn open_read_marks(config_dir: Option<&Path>) -> (Option<ReadStore>, ReadMarks, Option<String>) {
    let dir = match storage::config_dir(config_dir) {
        Ok(dir) => dir,
        Err(e) => return (None, ReadMarks::default(), Some(e.to_string())),
    };
    match ReadStore::open(dir) {
        (store, Ok(marks)) => (Some(store), marks, None),
        (_, Err(e)) => (None, ReadMarks::default(), Some(e.to_string())),
    }
}
