//! Turns lists into papers: opens each source safely, detects its format from its content, and
//! reports every problem as `file:line:column: what`. Loaders make papers and nothing else.

mod json;
mod jsonl;
mod latex;
mod record;
mod text;

use std::ffi::OsStr;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, IsTerminal, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::PathBuf;

use crate::model::library::{Chunk, Library, LibraryBuilder};

pub use record::month_number;

/// Largest JSON or text document read whole (JSON Lines stream and have no limit).
pub const DOCUMENT_MAX: u64 = 1 << 30;
/// Longest JSON Lines line; a longer one is skipped with a warning.
pub const LINE_MAX: usize = 64 << 20;
/// Warnings printed per file before they are only counted.
pub const WARNINGS_SHOWN: usize = 20;

/// Where a list comes from: a file, or standard input (`-`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The Daily Papers list built into the binary.
    Bundled,
    Stdin,
    Path(PathBuf),
    /// Bytes already in memory, under a name for messages (tests, fuzzing).
    Bytes(String, std::sync::Arc<[u8]>),
}

/// The bundled list (the Daily Papers page of Mar 14), in papertui's JSON format.
pub const BUNDLED: &str = include_str!("../../assets/daily-papers.json");

impl Source {
    pub fn from_arg(arg: &OsStr) -> Source {
        if arg == "-" {
            Source::Stdin
        } else {
            Source::Path(PathBuf::from(arg))
        }
    }

    /// The size in bytes, when known before reading.
    pub fn size(&self) -> Option<u64> {
        match self {
            Source::Bundled => Some(BUNDLED.len() as u64),
            Source::Bytes(_, bytes) => Some(bytes.len() as u64),
            Source::Stdin => None,
            Source::Path(p) => std::fs::metadata(p).ok().map(|m| m.len()),
        }
    }

    /// The name problems are reported under.
    pub fn name(&self) -> String {
        match self {
            Source::Bundled => "<bundled list>".to_string(),
            Source::Stdin => "<stdin>".to_string(),
            Source::Path(p) => p.display().to_string(),
            Source::Bytes(name, _) => name.clone(),
        }
    }
}

/// Something wrong with an input, and where: a whole file, a line, or a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Problem {
    pub fn file(file: &str, message: impl Into<String>) -> Problem {
        Problem::at(file, 0, 0, message)
    }

    pub fn at(file: &str, line: usize, column: usize, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }

    /// A serde_json error, placed `line_offset` lines and `column_offset` columns into the file
    /// (for errors inside one record or one line).
    fn json(file: &str, e: &serde_json::Error, base: (usize, usize), what: &str) -> Problem {
        let (line, column) = if e.line() <= 1 {
            (base.0, base.1 + e.column().saturating_sub(1))
        } else {
            (base.0 + e.line() - 1, e.column())
        };
        let msg = e.to_string();
        let msg = match msg.rfind(" at line ") {
            Some(i) => &msg[..i],
            None => &msg,
        };
        Problem::at(file, line, column.max(1), format!("{what}{msg}"))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (file, message) = (shown(&self.file), shown(&self.message));
        match (self.line, self.column) {
            (0, _) => write!(f, "{file}: {message}"),
            (l, 0) => write!(f, "{file}:{l}: {message}"),
            (l, c) => write!(f, "{file}:{l}:{c}: {message}"),
        }
    }
}

/// `s` with every character the sanitizer would drop written as `\u{..}`: a file name or a
/// quoted value in a message goes to a terminal too (standard error, the footer).
fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().all(crate::sanitize::is_allowed) {
        return s.into();
    }
    s.chars()
        .map(|c| {
            if crate::sanitize::is_allowed(c) {
                c.to_string()
            } else {
                c.escape_unicode().to_string()
            }
        })
        .collect::<String>()
        .into()
}

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
    let mut counting = |e: Event| {
        match &e {
            Event::Papers(c) => papers += c.len(),
            Event::Warning(_) => skipped += 1,
            Event::Filtered(n) => skipped += n,
            _ => {}
        }
        sink(e)
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
                _ => text::parse(text, &file, &mut counting)?,
            }
            counting(Event::Progress {
                read: bytes.len() as u64,
                total: Some(bytes.len() as u64),
            });
        }
    }
    if papers == 0 && skipped > 0 && filter_is_none {
        return Err(Problem::file(
            &file,
            "no papers could be read from this file",
        ));
    }
    if papers == 0 {
        sink(Event::Warning(Problem::file(
            &file,
            "the list holds no papers",
        )));
    }
    Ok(())
}

/// All papers of several sources merged in order (later duplicates dropped), with the warnings;
/// or every source's error.
pub struct Loaded {
    pub library: Library,
    pub warnings: Vec<Problem>,
}

pub fn load_all(sources: &[Source]) -> Result<Loaded, Vec<Problem>> {
    load_all_filtered(sources, None)
}

/// [`load_all`], skipping unparsed the JSON Lines lines that `filter` rejects.
pub fn load_all_filtered(
    sources: &[Source],
    filter: Option<LineFilter>,
) -> Result<Loaded, Vec<Problem>> {
    let all = collect(sources, filter, &mut |_, _| {});
    if all.errors.is_empty() {
        Ok(Loaded {
            library: all.library,
            warnings: all.warnings,
        })
    } else {
        Err(all.errors)
    }
}

/// How far loading has come, over all the sources.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub papers: usize,
    pub read: u64,
    /// The sources' total size, when all are files of known size.
    pub total: Option<u64>,
}

impl Progress {
    /// Percent of the bytes read, when the total is known.
    pub fn percent(&self) -> Option<u64> {
        self.total
            .filter(|&t| t > 0)
            .map(|t| (self.read.saturating_mul(100) / t).min(100))
    }
}

/// Everything loading the sources gave: the papers, the records skipped, the sources that
/// could not be read (the papers read before a failure are kept).
pub struct Collected {
    pub library: Library,
    pub warnings: Vec<Problem>,
    pub errors: Vec<Problem>,
}

/// Loads the sources in order into one library, calling `grew` after each batch of papers.
pub fn collect(
    sources: &[Source],
    filter: Option<LineFilter>,
    grew: &mut dyn FnMut(&Library, Progress),
) -> Collected {
    let mut builder = LibraryBuilder::default();
    // A single list is named after its file unless its format names it.
    let fallback = match sources {
        [only] => Some(default_name(only)),
        _ => None,
    };
    let (mut warnings, mut errors) = (Vec::new(), Vec::new());
    let sizes: Vec<Option<u64>> = sources.iter().map(Source::size).collect();
    let mut progress = Progress {
        total: sizes.iter().copied().sum(),
        ..Progress::default()
    };
    for (source, size) in sources.iter().zip(&sizes) {
        let done_before = progress.read;
        let result = load_filtered(source, filter.clone(), &mut |event| match event {
            Event::Meta { name, date } => builder.set_name(name, date),
            Event::Papers(chunk) => {
                builder.append(*chunk);
                progress.papers = builder.library().len();
                let mut library = builder.library().clone();
                library.name = library.name.or_else(|| fallback.clone());
                grew(&library, progress);
            }
            Event::Warning(p) => warnings.push(p),
            Event::Progress { read, .. } => progress.read = done_before + read,
            Event::Filtered(_) => {}
        });
        progress.read = done_before + size.unwrap_or(0);
        if let Err(p) = result {
            errors.push(p);
        }
    }
    let mut library = builder.into_library();
    library.name = library.name.or(fallback);
    Collected {
        library,
        warnings,
        errors,
    }
}

/// A list's name when its format has none: the file name without extension, cleaned like any
/// text the reader shows (a downloaded file keeps whatever name the web gave it).
pub fn default_name(source: &Source) -> String {
    let name = match source {
        Source::Bundled => "Daily Papers".to_string(),
        Source::Stdin => "standard input".to_string(),
        Source::Bytes(name, _) => name.clone(),
        Source::Path(p) => p.file_stem().map_or_else(
            || p.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        ),
    };
    crate::sanitize::clean(&name, 200)
}

/// The lines to print for a list of warnings: the first few, then a count of the rest.
pub fn summarize(warnings: &[Problem]) -> Vec<String> {
    let mut lines: Vec<String> = warnings
        .iter()
        .take(WARNINGS_SHOWN)
        .map(|w| format!("warning: {w}"))
        .collect();
    if warnings.len() > WARNINGS_SHOWN {
        lines.push(format!(
            "warning: {} more problems not shown ({} records skipped in all)",
            warnings.len() - WARNINGS_SHOWN,
            warnings.len()
        ));
    }
    lines
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    JsonLines,
    Text,
}

/// Tells the format from the first bytes: a JSON array or object, one JSON object per line,
/// or text. `{` alone is ambiguous: JSON Lines when the first line is a whole JSON value and
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
        _ => Format::Text,
    }
}

type Reader = Box<dyn Read + Send>;

/// Checks that a source can be opened, without reading it (stdin is not touched): a missing
/// file, a directory or a device is refused before anything else happens.
pub fn check(source: &Source) -> Result<(), Problem> {
    match source {
        Source::Path(_) => open(source).map(drop),
        _ => Ok(()),
    }
}

/// Opens a source for reading. Only regular files are read: a directory, FIFO, socket or
/// device is refused before any read, so nothing can hang.
fn open(source: &Source) -> Result<(Reader, Option<u64>), Problem> {
    let file = source.name();
    match source {
        Source::Bundled => Ok((Box::new(BUNDLED.as_bytes()), Some(BUNDLED.len() as u64))),
        Source::Bytes(_, bytes) => {
            let len = bytes.len() as u64;
            Ok((Box::new(io::Cursor::new(bytes.clone())), Some(len)))
        }
        Source::Stdin => {
            let stdin = io::stdin();
            if stdin.is_terminal() {
                return Err(Problem::file(
                    &file,
                    "standard input is a terminal; pipe a list in, e.g. `papertui list - < papers.json`",
                ));
            }
            Ok((Box::new(stdin), None))
        }
        Source::Path(path) => {
            // O_NONBLOCK: opening a FIFO must not wait for a writer.
            let f: File = OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
                .open(path)
                .map_err(|e| Problem::file(&file, io_message(&e)))?;
            let meta = f
                .metadata()
                .map_err(|e| Problem::file(&file, io_message(&e)))?;
            let kind = meta.file_type();
            let refused = if kind.is_dir() {
                Some("is a directory, not a paper list")
            } else if kind.is_fifo() {
                Some("is a FIFO (named pipe), not a regular file; use `papertui -` to read a pipe")
            } else if kind.is_socket() {
                Some("is a socket, not a regular file")
            } else if kind.is_block_device() || kind.is_char_device() {
                Some("is a device, not a regular file")
            } else if !kind.is_file() {
                Some("is not a regular file")
            } else {
                None
            };
            match refused {
                Some(why) => Err(Problem::file(&file, why)),
                None => Ok((Box::new(f), Some(meta.len()))),
            }
        }
    }
}

pub fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory, not a paper list".to_string(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

/// Reads enough of the start to tell the format: up to the end of the first non-blank line,
/// at most one line's worth. Each byte is looked at once, so a long first line (a whole
/// document on one line) costs no more than reading it.
fn read_head(reader: &mut Reader, file: &str) -> Result<Vec<u8>, Problem> {
    let mut head = Vec::with_capacity(64 * 1024);
    let mut buf = [0u8; 64 * 1024];
    let mut content: Option<usize> = None;
    loop {
        let n = read_some(reader, &mut buf, file)?;
        let from = head.len();
        head.extend_from_slice(&buf[..n]);
        if content.is_none() {
            content = head[from..]
                .iter()
                .position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF))
                .map(|i| from + i);
        }
        let has_content_line =
            content.is_some_and(|i| memchr::memchr(b'\n', &head[i.max(from)..]).is_some());
        if n == 0 || has_content_line || head.len() >= LINE_MAX {
            return Ok(head);
        }
    }
}

fn read_some(reader: &mut Reader, buf: &mut [u8], file: &str) -> Result<usize, Problem> {
    loop {
        match reader.read(buf) {
            Ok(n) => return Ok(n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(Problem::file(
                    file,
                    format!("read failed: {}", io_message(&e)),
                ));
            }
        }
    }
}

/// Reads a whole document, refusing one larger than [`DOCUMENT_MAX`].
fn read_rest(reader: Reader, head: Vec<u8>, file: &str) -> Result<Vec<u8>, Problem> {
    let mut bytes = head;
    let room = (DOCUMENT_MAX + 1).saturating_sub(bytes.len() as u64);
    reader
        .take(room)
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::file(file, format!("read failed: {}", io_message(&e))))?;
    if bytes.len() as u64 > DOCUMENT_MAX {
        return Err(too_large(file));
    }
    Ok(bytes)
}

fn too_large(file: &str) -> Problem {
    Problem::file(
        file,
        "larger than 1 GiB, the most papertui reads as one JSON or text document; \
         use JSON Lines (one paper per line), which has no size limit",
    )
}

/// Checks UTF-8, naming the line and column of the first bad byte.
fn utf8<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str, Problem> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let (line, column) = position(bytes, at);
        Problem::at(
            file,
            line,
            column,
            format!(
                "invalid UTF-8 (byte 0x{:02X}); papertui reads UTF-8 text",
                bytes[at]
            ),
        )
    })
}

/// The 1-based line and byte column of `offset` in `text`.
fn position(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    (line, offset - line_start + 1)
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
    }

    #[test]
    fn problems_never_print_a_control_character() {
        let p = Problem::at("a\x1b]0;x\x07.json", 1, 2, "bad \u{202e}");
        assert_eq!(p.to_string(), "a\\u{1b}]0;x\\u{7}.json:1:2: bad \\u{202e}");
    }

    #[test]
    fn a_hostile_file_name_is_cleaned_into_the_list_name() {
        let path = PathBuf::from("/tmp/a\u{202e}b\x1b]0;PWNED\x07c.json");
        assert_eq!(default_name(&Source::Path(path)), "abc");
    }

    #[test]
    fn positions_are_one_based_lines_and_byte_columns() {
        assert_eq!(position(b"ab\ncd", 0), (1, 1));
        assert_eq!(position(b"ab\ncd", 4), (2, 2));
    }

    #[test]
    fn problems_print_where_they_are() {
        assert_eq!(
            Problem::at("a.json", 3, 7, "x").to_string(),
            "a.json:3:7: x"
        );
        assert_eq!(Problem::at("a.json", 3, 0, "x").to_string(), "a.json:3: x");
        assert_eq!(Problem::file("a.json", "x").to_string(), "a.json: x");
    }
}
