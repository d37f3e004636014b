//! Carries out the model's effects: the search, sort and save workers, the bookmarks file, the
//! clipboard and the browser, and the last saves on quitting.

use std::io::{self, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, Sender};
use std::thread;

use super::AppEvent;
use crate::clipboard;
use crate::library::paper;
use crate::load::Collected;
use crate::model::read_state::SaveFailed;
use std::sync::Arc;

use jiff::Timestamp;

use crate::lists::{self, Fetching, List};
use crate::load::Progress;
use crate::model::{Effect, Model, Report, Severity, Shift};
use crate::storage::{ReadStore, Store};
use crate::workers::loader;
use crate::workers::saver::{self, Saver};
use crate::workers::searcher::Searcher;
use crate::workers::sorter::Sorter;

/// What carries out the model's effects: the workers, and the bookmark storage.
pub(super) struct Shell {
    pub(super) tx: Sender<AppEvent>,
    pub(super) searcher: Searcher,
    pub(super) sorter: Sorter,
    /// Saves read marks in the background; None when they are not saved.
    pub(super) saver: Option<Saver>,
    pub(super) store: Option<Store>,
    pub(super) read_store: Option<ReadStore>,
    /// What the background load finished with, once it has.
    pub(super) loaded: Option<Collected>,
    /// The lists open, how to fetch them, and the load now running for them.
    pub(super) lists: Vec<List>,
    pub(super) fetching: Arc<Fetching>,
    pub(super) load_generation: u64,
    /// The config's `opener`, if set.
    pub(super) opener: Option<String>,
}

impl Shell {
    /// Carries out one effect; some report back to the model. Returns true to quit.
    pub(super) fn carry_out(&mut self, model: &mut Model, effect: Effect) -> bool {
        match effect {
            Effect::Quit => return true,
            Effect::Search(request) => self.searcher.submit(request),
            Effect::OpenUrl(url) => {
                if let Err(why) = open_url(&url, self.opener.as_deref(), self.tx.clone()) {
                    let why = why.to_string();
                    model.take(Report::OpenFailed { url, why });
                }
            }
            Effect::SaveBookmarks(mut bookmarks) => {
                let Some(store) = &self.store else {
                    return false;
                };
                match store.save(&mut bookmarks) {
                    Ok(()) => {
                        model.take(Report::BookmarksSaved(bookmarks));
                    }
                    Err(e) => {
                        let text = format!(
                            "Bookmark not saved: {e}. It is kept and saved with the next change"
                        );
                        model.take(Report::Message(Severity::Error, text));
                    }
                }
            }
            Effect::ReloadBookmarks => {
                if let Some(Ok(bookmarks)) = self.store.as_ref().map(Store::load) {
                    model.take(Report::BookmarksReloaded(bookmarks));
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
                    model.take(Report::ReadSaved(Err(Box::new(failed))));
                }
            }
            Effect::Sort(request) => self.sorter.submit(request),
            Effect::Reopen(shift) => self.reopen(model, shift),
            Effect::Copy { text, what } => {
                if let Err(e) = copy_to_clipboard(&text) {
                    let text = format!("Cannot copy the {what}: {e}");
                    model.take(Report::Message(Severity::Error, text));
                }
            }
        }
        false
    }

    /// Opens the lists of the day before or after, or the same lists fetched anew: a new load
    /// whose events replace the old one's.
    fn reopen(&mut self, model: &mut Model, shift: Shift) {
        let lists = match shift {
            Shift::Refresh => {
                self.fetching = Arc::new(self.fetching.refreshing());
                Some(self.lists.clone())
            }
            Shift::Previous => lists::shifted(&self.lists, false, Timestamp::now()),
            Shift::Next => lists::shifted(&self.lists, true, Timestamp::now()),
        };
        let Some(lists) = lists else {
            let why = match shift {
                Shift::Next if self.lists.iter().any(|l| matches!(l, List::Fetch(_))) => {
                    "There is no later list yet"
                }
                _ => {
                    "Only a day's, week's or month's Daily Papers (hf:DATE) has one before and after"
                }
            };
            model.take(Report::Message(Severity::Info, why.into()));
            return;
        };
        let events = match loader::spawn(lists.clone(), Arc::clone(&self.fetching)) {
            Ok(events) => events,
            Err(e) => {
                let text = format!("Cannot start loading: {e}");
                model.take(Report::Message(Severity::Error, text));
                return;
            }
        };
        self.lists = lists;
        self.load_generation += 1;
        self.loaded = None;
        model.take(Report::Reopening);
        model.take(Report::Loading(Some(Progress::default())));
        if let Err(e) = super::forward_load(events, self.tx.clone(), self.load_generation) {
            let text = format!("Cannot follow the load: {e}");
            model.take(Report::Message(Severity::Error, text));
        }
    }

    /// Waits for the saves running, then saves what is left; the message if that fails.
    pub(super) fn save_read_on_quit(
        &mut self,
        model: &mut Model,
        events: &Receiver<AppEvent>,
    ) -> Option<String> {
        if let Some(saver) = self.saver.take() {
            saver.finish();
        }
        for event in events.try_iter() {
            if let AppEvent::Report(report @ Report::ReadSaved(_)) = event {
                model.take(report);
            }
        }
        let store = self.read_store.as_ref()?;
        for effect in model.take(Report::SaveRead) {
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
    pub(super) fn save_on_quit(&self, model: &Model) -> Option<String> {
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

/// Puts `text` on the terminal's clipboard with the OSC 52 sequence: the one escape sequence
/// the reader writes itself, between two frames.
fn copy_to_clipboard(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(clipboard::osc52(text).as_bytes())?;
    out.flush()
}

/// Opens an http(s) link with the platform's opener: the URL as one argument (never through
/// a shell), no terminal I/O, not waited on. A failure found later is reported to the footer.
fn open_url(url: &str, configured: Option<&str>, tx: Sender<AppEvent>) -> io::Result<()> {
    if !paper::is_web_link(url) {
        return Err(io::Error::other("only http and https links are opened"));
    }
    let command = opener(configured, std::env::var("BROWSER").ok().as_deref());
    let Some((opener, args)) = command.split_first() else {
        return Err(io::Error::other("the opener setting is empty"));
    };
    let opener = opener.as_str();
    let mut child = Command::new(opener)
        .args(args)
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
            let _ = tx.send(AppEvent::Report(Report::Message(Severity::Error, why)));
        }
    });
    Ok(())
}

/// The command that opens links: the config's `opener`, else the first of `$BROWSER`'s
/// commands (colon-separated), else the system's opener; split at white space.
fn opener(configured: Option<&str>, browser: Option<&str>) -> Vec<String> {
    let system = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let browser = browser.and_then(|b| b.split(':').find(|c| !c.trim().is_empty()));
    let chosen = configured.or(browser).unwrap_or(system);
    chosen.split_whitespace().map(String::from).collect()
}

#[cfg(test)]
mod tests {
    use super::opener;

    #[test]
    fn the_opener_is_the_setting_else_browser_else_the_systems() {
        assert_eq!(
            opener(Some("firefox --new-tab"), Some("lynx")),
            ["firefox", "--new-tab"]
        );
        assert_eq!(opener(None, Some(":w3m:lynx")), ["w3m"]);
        let system = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        assert_eq!(opener(None, None), [system]);
    }
}
