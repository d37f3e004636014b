//! `papertui bookmarks`: prints the bookmarks, or adds and removes them by key, arXiv id or
//! title, all resolved before anything is saved.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::SystemTime;

use super::{BookmarkFormat, EXIT_BAD_INPUT, load_or_report};
use crate::export;
use crate::library::paper;
use crate::library::{Library, PaperRef};
use crate::load::Source;
use crate::marks::bookmarks::{Bookmark, Bookmarks};
use crate::sanitize;
use crate::storage::{self, Store};

/// Opens the bookmarks; a file that cannot be read is reported, never overwritten.
pub(super) fn open_bookmarks(config_dir: Option<&Path>) -> Result<(Store, Bookmarks), ExitCode> {
    let dir = storage::config_dir(config_dir).map_err(|e| {
        eprintln!("papertui: error: {e}");
        ExitCode::FAILURE
    })?;
    match Store::open(dir) {
        (store, Ok(bookmarks)) => Ok((store, bookmarks)),
        (_, Err(e)) => {
            eprintln!("papertui: error: {e}");
            eprintln!(
                "papertui: the bookmarks file was left as it is; fix it (or move it away) and \
                 try again"
            );
            Err(ExitCode::from(EXIT_BAD_INPUT))
        }
    }
}

pub(super) fn print_bookmarks(bookmarks: &Bookmarks, format: BookmarkFormat) -> io::Result<()> {
    let text = match format {
        BookmarkFormat::Text => export::text(bookmarks),
        BookmarkFormat::Json => export::json(bookmarks),
        BookmarkFormat::Markdown => export::markdown(bookmarks),
        BookmarkFormat::Bibtex => export::bibtex(bookmarks),
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// `bookmarks --add/--remove`: every key is resolved before anything changes, then all the
/// changes are saved at once.
pub(super) fn change_bookmarks(
    (store, mut bookmarks): (Store, Bookmarks),
    add: &[String],
    remove: &[String],
    sources: &[Source],
) -> ExitCode {
    let mut report = Vec::new();
    if !add.is_empty() {
        let loaded = match load_or_report(sources) {
            Ok(l) => l,
            Err(code) => return code,
        };
        let now = SystemTime::now();
        for arg in add {
            let bookmark = if bookmarks.contains(arg) {
                None
            } else {
                match bookmark_for(&loaded.library, arg, now) {
                    Ok(b) => Some(b),
                    Err(why) => {
                        let names: Vec<String> = sources.iter().map(Source::name).collect();
                        eprintln!("papertui: error: {why} in {}", names.join(", "));
                        eprintln!(
                            "papertui: give the list that holds it as FILE, or add it by arXiv \
                             id (`--add arxiv:2403.03507`); nothing was changed"
                        );
                        return ExitCode::from(EXIT_BAD_INPUT);
                    }
                }
            };
            match bookmark {
                Some(b) if !bookmarks.contains(&b.key) => {
                    report.push(format!("bookmarked {}", described(&b)));
                    bookmarks.add(b);
                }
                Some(b) => report.push(format!("already bookmarked {}", b.key)),
                None => report.push(format!("already bookmarked {arg}")),
            }
        }
    }
    for arg in remove {
        let key = key_of(&bookmarks, arg);
        match bookmarks.remove(&key) {
            Some(gone) => report.push(format!("removed {}", described(&gone))),
            None => report.push(format!("not bookmarked {arg}")),
        }
    }
    if let Err(e) = store.save(&mut bookmarks) {
        eprintln!("papertui: error: {e}");
        eprintln!("papertui: the bookmarks were not changed");
        return ExitCode::FAILURE;
    }
    for line in report {
        println!("{}", sanitize::clean(&line, 2 * sanitize::TITLE_MAX));
    }
    ExitCode::SUCCESS
}

/// `key: title`, or the key alone for a bookmark without a title.
fn described(b: &Bookmark) -> String {
    match b.title.trim() {
        "" => b.key.clone(),
        title => format!("{}: {title}", b.key),
    }
}

/// The bookmark `arg` names: a paper of the library by key, arXiv id or title, or an arXiv id
/// alone. A `title:` key of no loaded paper has nothing to show, so it is refused.
fn bookmark_for(library: &Library, arg: &str, now: SystemTime) -> Result<Bookmark, String> {
    let find = |key: &str| -> Option<PaperRef<'_>> { library.iter().find(|p| p.key() == key) };
    if let Some(p) = find(arg) {
        return Ok(Bookmark::of_paper(&p, now));
    }
    if let Some(id) = paper::normalize_arxiv_id(arg) {
        let key = paper::paper_key(Some(&id), "");
        return Ok(match find(&key) {
            Some(p) => Bookmark::of_paper(&p, now),
            None => Bookmark::of_arxiv_id(&id, now),
        });
    }
    let by_title = (!arg.starts_with("title:"))
        .then(|| find(&paper::paper_key(None, arg)))
        .flatten();
    by_title
        .map(|p| Bookmark::of_paper(&p, now))
        .ok_or_else(|| format!("no paper with the key `{arg}`"))
}

/// The key `arg` names among the bookmarks: itself, or the key of the arXiv id or title it is.
fn key_of(bookmarks: &Bookmarks, arg: &str) -> String {
    if bookmarks.contains(arg) {
        return arg.to_string();
    }
    if let Some(id) = paper::normalize_arxiv_id(arg) {
        return paper::paper_key(Some(&id), "");
    }
    if arg.starts_with("title:") {
        arg.to_string()
    } else {
        paper::paper_key(None, arg)
    }
}
