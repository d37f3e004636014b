//! Turns lists into papers: opens each source safely, detects its format from its content, and
//! reports every problem as `file:line:column: what`. Loaders make papers and nothing else.

mod collect;
pub mod days;
pub mod feed;
mod json;
mod jsonl;
pub mod line;
mod markup;
mod problem;
mod record;
mod source;
mod text;

use crate::library::Chunk;
use source::{Reader, open, position, read_head, read_rest, too_large, utf8};

pub use collect::{
    Collected, Collector, Loaded, Progress, collect, default_name, load_all, load_all_filtered,
    summarize,
};
pub use problem::Problem;
pub use record::month_number;
pub use source::{BUNDLED, Source, check, io_message};

/// Largest JSON or text document read whole (JSON Lines stream and have no limit).
pub const DOCUMENT_MAX: u64 = 1 << 30;
/// Longest JSON Lines line; a longer one is skipped with a warning.
pub const LINE_MAX: usize = 64 << 20;
/// Warnings printed per file before they are only counted.
pub const WARNINGS_SHOWN: usize = 20;

/// What a loader reports while it reads, in file order.
pub enum Event {
    /// The list's own name and date, when the format has them.
    Meta {
        name: Option<String>,
        date: Option<String>,
    },
    Papers(Box<Chunk>),
    /// A record or line that was skipped; the rest loads.
    Warning(Problem),
    /// Lines a [`LineFilter`] rejected unparsed.
    Filtered(usize),
    /// Bytes read so far, of `total` when the size is known.
    Progress {
        read: u64,
        total: Option<u64>,
    },
}

/// A test on a raw JSON Lines line: false means no paper on that line can be wanted, so it is
/// not even parsed. `papertui search` passes the query's cheap prefilter.
pub type LineFilter = std::sync::Arc<dyn Fn(&[u8]) -> bool + Send + Sync>;

/// Reads one source, sending its papers to `sink` as they are parsed. An error means the file
/// as a whole could not be read (papers sent before it stay valid).
pub fn load(source: &Source, sink: &mut dyn FnMut(Event)) -> Result<(), Problem> {
    load_filtered(source, None, sink)
}

/// [`load`], skipping the JSON Lines lines that `filter` rejects unparsed.
pub fn load_filtered(
    source: &Source,
    filter: Option<LineFilter>,
    sink: &mut dyn FnMut(Event),
) -> Result<(), Problem> {
    let file = source.name();
    let filter_is_none = filter.is_none();
    let (mut reader, total) = open(source)?;
    let head = read_head(&mut reader, &file)?;
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    let Some(first) = body.iter().position(|b| !b.is_ascii_whitespace()) else {
        if head.len() as u64 >= DOCUMENT_MAX {
            return Err(Problem::file(
                &file,
                "nothing but white space in the first 1 GiB",
            ));
        }
        return Err(Problem::file(&file, "the file is empty: no papers in it"));
    };
    let (mut papers, mut skipped) = (0usize, 0usize);
    let mut first_problems: Vec<Problem> = Vec::new();
    let mut counting = |e: Event| {
        match &e {
            Event::Papers(c) => papers += c.len(),
            Event::Warning(p) => {
                skipped += 1;
                if first_problems.len() < FIRST_PROBLEMS {
                    first_problems.push(p.clone());
                }
            }
            Event::Filtered(n) => skipped += n,
            _ => {}
        }
        sink(e);
    };
    match detect(&body[first..]) {
        Format::JsonLines => jsonl::stream(reader, head, &file, total, filter, &mut counting)?,
        // A file known to be too large is refused before a byte more is read.
        _ if total.is_some_and(|n| n > DOCUMENT_MAX) => return Err(too_large(&file)),
        format => {
            let bytes = read_rest(reader, head, &file)?;
            let text = utf8(&bytes, &file)?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            match format {
                Format::Json => json::parse(text, &file, &mut counting)?,
                Format::Markup if feed::is_feed(text) => feed::parse(text, &file, &mut counting)?,
                // A web page, or XML of no feed papertui reads: its tags would become papers.
                Format::Markup
                    if feed::is_web_page(text.as_bytes())
                        || markup::looks_like_markup(text.trim_start().as_bytes()) =>
                {
                    return Err(markup::refusal(text.trim_start().as_bytes(), &file));
                }
                _ => text::parse(text, &file, &mut counting)?,
            }
            counting(Event::Progress {
                read: bytes.len() as u64,
                total: Some(bytes.len() as u64),
            });
        }
    }
    if papers == 0 && skipped > 0 && filter_is_none {
        return Err(no_papers(&file, &first_problems, skipped));
    }
    // A search that skipped every line found no match: the list is not empty.
    if papers == 0 && (filter_is_none || skipped == 0) {
        sink(Event::Warning(Problem::file(
            &file,
            "the list holds no papers",
        )));
    }
    Ok(())
}

/// Problems quoted when no paper of a file could be read.
const FIRST_PROBLEMS: usize = 3;

/// No paper of `file` could be read: why, from the first problems (placed, without the file
/// name repeated).
fn no_papers(file: &str, first: &[Problem], all: usize) -> Problem {
    let reasons: Vec<String> = first
        .iter()
        .map(|p| match (p.line, p.column) {
            (0, _) => p.message.clone(),
            (l, 0) => format!("line {l}: {}", p.message),
            (l, c) => format!("{l}:{c}: {}", p.message),
        })
        .collect();
    let more = match all.saturating_sub(first.len()) {
        0 => String::new(),
        n => format!(" (and {n} more)"),
    };
    Problem::file(
        file,
        format!(
            "no papers could be read from this file: {}{more}",
            reasons.join("; ")
        ),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    JsonLines,
    /// Starts with `<`: a feed, markup that is refused (a web page, other XML), or text; told
    /// once the whole is read.
    Markup,
    Text,
}

/// Tells the format from the first bytes: a JSON array or object, one JSON object per line,
/// markup (a feed or a web page), or text. `{` alone is ambiguous: JSON Lines when the first line is a whole JSON value and
/// more follows.
fn detect(start: &[u8]) -> Format {
    let next = |from: usize| {
        start[from..]
            .iter()
            .copied()
            .find(|b| !b.is_ascii_whitespace())
    };
    match start[0] {
        b'[' if matches!(next(1), Some(b'{' | b']' | b'"' | b'[') | None) => Format::Json,
        b'{' if matches!(next(1), Some(b'"' | b'}') | None) => {
            let line_end = memchr::memchr(b'\n', start).unwrap_or(start.len());
            let first_line = std::str::from_utf8(&start[..line_end]).unwrap_or("");
            let whole = serde_json::from_str::<serde::de::IgnoredAny>(first_line).is_ok();
            if whole && next(line_end).is_some() {
                Format::JsonLines
            } else {
                Format::Json
            }
        }
        b'<' => Format::Markup,
        _ => Format::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(detect(b"[{\"title\":\"x\"}]"), Format::Json);
        assert_eq!(detect(b"{\n  \"papers\": []\n}"), Format::Json);
        assert_eq!(detect(b"{\"title\":\"a\"}"), Format::Json);
        assert_eq!(
            detect(b"{\"title\":\"a\"}\n{\"title\":\"b\"}\n"),
            Format::JsonLines
        );
        assert_eq!(detect(b"[Re] A reproduction\n\nAbstract"), Format::Text);
        assert_eq!(detect(b"{Braces} in a title\n"), Format::Text);
        assert_eq!(detect(b"new\n\nSubscribe"), Format::Text);
        assert_eq!(detect(b"<!doctype html>\n<html>"), Format::Markup);
        assert_eq!(detect(b"<?xml version='1.0'?>\n<rss>"), Format::Markup);
    }

    fn titles_of(name: &str, bytes: &[u8]) -> Result<Vec<String>, Problem> {
        let source = Source::Bytes(name.into(), bytes.into());
        let mut titles = Vec::new();
        load(&source, &mut |e| {
            if let Event::Papers(c) = e {
                let mut b = crate::library::LibraryBuilder::default();
                b.append(*c);
                titles.extend(b.library().iter().map(|p| p.title().to_string()));
            }
        })?;
        Ok(titles)
    }

    #[test]
    fn feeds_load_from_bytes_and_files_and_web_pages_are_refused() -> Result<(), Problem> {
        let rss = include_bytes!("../../tests/data/recorded/arxiv-rss-cs.CL-2026-04-27-3items.xml");
        assert_eq!(titles_of("arxiv:cs.CL", rss)?.len(), 3);
        let path = std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/recorded/arxiv-api-cs.LG-cs.AI-2026-04-30.xml"
        ));
        let mut n = 0;
        load(&Source::Path(path), &mut |e| {
            if let Event::Papers(c) = e {
                n += c.len();
            }
        })?;
        assert_eq!(n, 20);
        let err = titles_of(
            "portal",
            b"<!DOCTYPE html>\n<html><body>Sign in</body></html>",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("portal: an HTML page"), "{err}");
        assert_eq!(
            titles_of("heart", b"<3 a title\n\nits abstract")?,
            ["<3 a title"]
        );
        Ok(())
    }
}
