//! `papertui bookmarks`: prints the bookmarks, or adds, tags and removes them by key, arXiv id
//! or title, all resolved before anything is saved.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::SystemTime;

use super::{BookmarkFormat, EXIT_BAD_INPUT, load_or_report};
use crate::export;
use crate::library::paper;
use crate::library::{Library, PaperRef};
use crate::load::Source;
use crate::marks::bookmarks::{Bookmark, Bookmarks, clean_tag};
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

/// Prints the bookmarks tagged with every one of `tags`, the most recent first; with none, says
/// so on standard error, and how to add one.
pub(super) fn print_bookmarks(
    bookmarks: &Bookmarks,
    format: BookmarkFormat,
    tags: &[String],
) -> io::Result<()> {
    let shown: Vec<&Bookmark> = bookmarks
        .newest_first()
        .into_iter()
        .filter(|b| tags.iter().all(|t| b.has_tag(t)))
        .collect();
    // Said on standard error, so a script reading standard output still gets its format
    // (an empty JSON list).
    if shown.is_empty() {
        if bookmarks.is_empty() {
            eprintln!(
                "papertui: no bookmarks yet; add one with `papertui bookmarks --add \
                 2403.03507` (an arXiv id, URL or a key of `papertui list --json`), or `b` in \
                 the reader"
            );
        } else {
            let tags: Vec<String> = tags.iter().map(|t| sanitize::clean(t, 64)).collect();
            eprintln!(
                "papertui: no bookmarks tagged {} (of {}); tag one with `papertui bookmarks \
                 --add KEY --tag {}`",
                tags.join(" and "),
                bookmarks.len(),
                tags.first().map_or("TAG", String::as_str)
            );
        }
        if format != BookmarkFormat::Json {
            return Ok(());
        }
    }
    let text = match format {
        BookmarkFormat::Text => export::text(&shown),
        BookmarkFormat::Json => export::json(&shown),
        BookmarkFormat::Markdown => export::markdown(&shown),
        BookmarkFormat::Bibtex => export::bibtex(&shown),
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// What one `bookmarks` call changes.
pub(super) struct Changes<'a> {
    pub add: &'a [String],
    pub remove: &'a [String],
    /// Tags for the added papers.
    pub tags: &'a [String],
}

/// `bookmarks --add/--remove/--tag`: every key is resolved before anything changes, then all
/// the changes are saved at once.
pub(super) fn change_bookmarks(
    (store, mut bookmarks): (Store, Bookmarks),
    changes: Changes<'_>,
    sources: &[Source],
) -> ExitCode {
    let mut tags = Vec::new();
    for raw in changes.tags {
        match clean_tag(raw) {
            Some(tag) if !tags.contains(&tag) => tags.push(tag),
            Some(_) => {}
            None => {
                eprintln!("papertui: error: `--tag {raw}` is empty; a tag is a word such as cite");
                return ExitCode::from(EXIT_BAD_INPUT);
            }
        }
    }
    let mut report = Vec::new();
    if !changes.add.is_empty() {
        let loaded = match load_or_report(sources) {
            Ok(l) => l,
            Err(code) => return code,
        };
        let now = SystemTime::now();
        let mut wanted = Vec::new();
        for arg in changes.add {
            match bookmark_for(&loaded.library, arg, now) {
                Ok(b) => wanted.push(b),
                Err(_) if bookmarks.contains(arg) => {
                    wanted.push(bookmarks.get(arg).cloned().unwrap_or_default())
                }
                Err(why) => {
                    let names: Vec<String> = sources.iter().map(Source::name).collect();
                    if paper::has_impossible_month(arg) {
                        eprintln!("papertui: error: {why}; nothing was changed");
                    } else {
                        eprintln!("papertui: error: {why} in {}", names.join(", "));
                        eprintln!(
                            "papertui: give the list that holds it as FILE, or add it by arXiv \
                             id (`--add 2403.03507`); nothing was changed"
                        );
                    }
                    return ExitCode::from(EXIT_BAD_INPUT);
                }
            }
        }
        for mut b in wanted {
            let key = b.key.clone();
            if bookmarks.contains(&key) {
                let filled = bookmarks.update(&key, |old| {
                    old.fill_from(&b);
                });
                let tagged = bookmarks.update(&key, |old| add_tags(old, &tags));
                let now = bookmarks.get(&key).map(described).unwrap_or(key);
                report.push(match (filled, tagged) {
                    (true, _) => format!("filled in {now}"),
                    (false, true) => format!("tagged {now}"),
                    (false, false) => format!("already bookmarked {now}"),
                });
            } else {
                add_tags(&mut b, &tags);
                report.push(format!("bookmarked {}", described(&b)));
                bookmarks.add(b);
            }
        }
    }
    for arg in changes.remove {
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

/// Adds `tags` (clean already) that `b` does not carry, keeping its tags sorted.
fn add_tags(b: &mut Bookmark, tags: &[String]) {
    for tag in tags {
        if !b.has_tag(tag) {
            b.tags.push(tag.clone());
        }
    }
    b.tags.sort();
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
    if paper::has_impossible_month(arg) {
        return Err(format!(
            "`{arg}` is not an arXiv id: its month (the digits 3-4) is not 01-12"
        ));
    }
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
