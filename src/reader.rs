//! Opening the reader: the config file is read, the lists are checked, small ones load before
//! the terminal is touched (so their problems print like `list`'s), large ones stream in;
//! bookmarks and read marks are read; and once the reader closes, whatever the user must
//! still know is told.

use std::ffi::OsString;
use std::io::{self, IsTerminal};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use std::sync::Arc;
use std::sync::mpsc::Receiver;

use crate::app::{self, Exit, Outcome, Start, Streaming};
use crate::cli::{self, EXIT_BAD_INPUT, NetFlags};
use crate::library::Library;
use crate::lists::List;
use crate::load::{self, Progress};
use crate::marks::bookmarks::Bookmarks;
use crate::marks::read::ReadMarks;
use crate::model::{Report, Severity};
use crate::storage::{self, ReadStore, Store};
use crate::workers::loader::{self, LoadEvent};

/// Set and not empty, it turns colour off (no-color.org).
pub const NO_COLOR_ENV: &str = "NO_COLOR";

/// How long the reader waits for the lists to finish loading before it opens on what it has.
const WAITS: Duration = Duration::from_millis(150);

/// Opens the reader on the lists (the bundled one if none).
pub fn run(files: &[OsString], config_dir: Option<&Path>, net: &NetFlags) -> ExitCode {
    if let Some(command) = cli::misspelled_command(files) {
        return did_you_mean(files, &command);
    }
    let code = match prepare(files, config_dir, net).map(app::run) {
        Err(code) => code,
        Ok(Ok(outcome)) => finish(outcome),
        Ok(Err(e)) => {
            eprintln!("papertui: error: {e:#}");
            ExitCode::FAILURE
        }
    };
    // Fetched pages are written to the cache once shown; a quick quit waits for them.
    crate::sources::wait_for_cache_writes();
    code
}

/// A FILE that is no file but a command mistyped (`papertui serch llm`): the command meant.
fn did_you_mean(files: &[OsString], command: &str) -> ExitCode {
    let meant: Vec<String> = std::iter::once(command.to_string())
        .chain(files[1..].iter().map(|f| f.to_string_lossy().into_owned()))
        .collect();
    eprintln!(
        "papertui: error: {}: no such file; did you mean `papertui {}`?",
        crate::sanitize::clean(&files[0].to_string_lossy(), 200),
        crate::sanitize::clean(&meant.join(" "), 200)
    );
    ExitCode::from(EXIT_BAD_INPUT)
}

/// Everything the reader starts with: the config, the stores, and the lists loaded for a
/// moment (a large one goes on loading in the reader); the exit code if it cannot start.
fn prepare(
    files: &[OsString],
    config_dir: Option<&Path>,
    net: &NetFlags,
) -> Result<Start, ExitCode> {
    let settings = cli::load_settings(config_dir)?;
    if !io::stdout().is_terminal() {
        eprintln!(
            "papertui: standard output is not a terminal, so the reader cannot start; \
             use `papertui list` to print the papers"
        );
        return Err(ExitCode::from(EXIT_BAD_INPUT));
    }
    let cli::Chosen { lists, missing } = settings.lists(files)?;
    let mut config = settings.config;
    if std::env::var_os(NO_COLOR_ENV).is_some_and(|v| !v.is_empty()) {
        config = config.without_colour();
    }
    crate::workers::lower_workers_priority();
    let refused: Vec<_> = lists
        .iter()
        .filter_map(|list| match list {
            List::File(source) => load::check(source).err(),
            List::Fetch(_) => None,
        })
        .collect();
    if !refused.is_empty() {
        return Err(cli::report_failure(&refused));
    }
    let fetching = Arc::new(net.fetching(&config));
    let events = loader::spawn(lists.clone(), Arc::clone(&fetching)).map_err(|e| {
        eprintln!("papertui: error: cannot start loading: {e}");
        ExitCode::FAILURE
    })?;
    let (store, bookmarks, read_only) = open_bookmarks(config_dir);
    let (read_store, read_marks, read_marks_unsaved) = open_read_marks(config_dir);
    // A list of the config that cannot be opened is told in the footer; the others open.
    let notice = missing.first().map(|first| {
        let text = match missing.len() {
            1 => format!("A list of the config could not be opened: {first}"),
            n => format!("{n} lists of the config could not be opened; the first: {first}"),
        };
        Report::Message(Severity::Warning, text)
    });
    let mut start = Start {
        library: Library::default(),
        reports: notice.into_iter().collect(),
        streaming: None,
        lists,
        fetching,
        store,
        bookmarks,
        read_only,
        config,
        read_store,
        read_marks,
        read_marks_unsaved,
    };
    wait_for_small_lists(&mut start, events)?;
    Ok(start)
}

/// Waits a moment for the lists: small ones open whole, a large one opens on its first
/// papers and streams in the rest.
fn wait_for_small_lists(start: &mut Start, events: Receiver<LoadEvent>) -> Result<(), ExitCode> {
    let began = Instant::now();
    let deadline = began + WAITS;
    let mut progress = Progress::default();
    loop {
        match events.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(LoadEvent::Grew(grown, now)) => {
                (start.library, progress) = (grown, now);
                // The first papers show the rest cannot come within the wait: open on them now.
                if cannot_finish_by(progress, began.elapsed(), WAITS) {
                    start.streaming = Some(Streaming { events, progress });
                    return Ok(());
                }
            }
            Ok(LoadEvent::Finished(all)) => {
                cli::print_warnings(&all.warnings);
                if !all.errors.is_empty() {
                    return Err(cli::report_failure(&all.errors));
                }
                let skipped = match all.warnings.as_slice() {
                    [] => None,
                    [only] => Some(only.to_string()),
                    [first, ..] => Some(format!(
                        "{} records skipped while loading; the first: {first}",
                        all.warnings.len()
                    )),
                };
                let skipped = skipped.map(|text| Report::Message(Severity::Warning, text));
                start.reports.extend(skipped);
                start.library = all.library;
                return Ok(());
            }
            // What a fetch said before the reader opened is told once it has: a fetch still
            // under way ("fetching hf:today · page 2") too.
            Ok(LoadEvent::Fetching(doing)) => start.reports.push(Report::Fetching(doing)),
            Ok(LoadEvent::Offline(notice)) => start.reports.push(Report::Offline(notice)),
            Ok(LoadEvent::Empty(meaning)) => start.reports.push(Report::EmptyList(meaning)),
            Ok(LoadEvent::Said(severity, text)) => {
                start.reports.push(Report::Message(severity, text));
            }
            Err(_) => {
                start.streaming = Some(Streaming { events, progress });
                return Ok(());
            }
        }
    }
}

/// Whether a load that has come to `progress` in `elapsed`, going on at that pace, will still
/// be reading after `wait`. Unknown sizes are waited for.
fn cannot_finish_by(progress: Progress, elapsed: Duration, wait: Duration) -> bool {
    let Some(total) = progress.total.filter(|_| progress.read > 0) else {
        return false;
    };
    let whole = elapsed.as_secs_f64() * total as f64 / progress.read as f64;
    whole > wait.as_secs_f64()
}

/// Tells what happened while the reader was open, once the terminal is back; the exit code.
fn finish(outcome: Outcome) -> ExitCode {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_load_opens_at_once_only_when_its_pace_cannot_finish_within_the_wait() {
        let at = |read, total| Progress {
            papers: 1,
            read,
            total,
        };
        let ms = Duration::from_millis;
        assert!(cannot_finish_by(at(1 << 18, Some(4 << 30)), ms(5), WAITS));
        assert!(!cannot_finish_by(at(1 << 18, Some(1 << 20)), ms(5), WAITS));
        assert!(!cannot_finish_by(at(1 << 18, None), ms(5), WAITS));
        assert!(!cannot_finish_by(at(0, Some(4 << 30)), ms(5), WAITS));
    }
}
