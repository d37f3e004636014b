//! Where a list comes from, and reading it safely: only regular files are opened, documents
//! have a size limit, and bad bytes are named by line and column.

use std::ffi::OsStr;
use std::fs::{File, OpenOptions};
use std::io::{self, IsTerminal, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::PathBuf;

use super::{DOCUMENT_MAX, LINE_MAX, Problem};

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

pub(super) type Reader = Box<dyn Read + Send>;

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
pub(super) fn open(source: &Source) -> Result<(Reader, Option<u64>), Problem> {
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
pub(super) fn read_head(reader: &mut Reader, file: &str) -> Result<Vec<u8>, Problem> {
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

pub(super) fn read_some(reader: &mut Reader, buf: &mut [u8], file: &str) -> Result<usize, Problem> {
    loop {
        match reader.read(buf) {
            Ok(n) => return Ok(n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
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
pub(super) fn read_rest(reader: Reader, head: Vec<u8>, file: &str) -> Result<Vec<u8>, Problem> {
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

pub(super) fn too_large(file: &str) -> Problem {
    Problem::file(
        file,
        "larger than 1 GiB, the most papertui reads as one JSON or text document; \
         use JSON Lines (one paper per line), which has no size limit",
    )
}

/// Checks UTF-8, naming the line and column of the first bad byte.
pub(super) fn utf8<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str, Problem> {
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
pub(super) fn position(text: &[u8], offset: usize) -> (usize, usize) {
    Lines::new(text).at(offset)
}

/// Lines counted forward from the last offset asked, so that the positions of a file's
/// records, asked in order, cost one pass over it rather than one each.
pub(super) struct Lines<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a [u8]) -> Lines<'a> {
        Lines {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The line and column where `part`, a slice of the text, starts.
    pub(super) fn of(&mut self, part: &str) -> (usize, usize) {
        self.at(part.as_ptr() as usize - self.text.as_ptr() as usize)
    }

    /// The 1-based line and byte column of `offset`.
    pub(super) fn at(&mut self, offset: usize) -> (usize, usize) {
        if offset < self.offset {
            *self = Lines::new(self.text);
        }
        let between = &self.text[self.offset..offset];
        self.line += memchr::memchr_iter(b'\n', between).count();
        if let Some(i) = memchr::memrchr(b'\n', between) {
            self.line_start = self.offset + i + 1;
        }
        self.offset = offset;
        (self.line, offset - self.line_start + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_lines_and_byte_columns() {
        assert_eq!(position(b"ab\ncd", 0), (1, 1));
        assert_eq!(position(b"ab\ncd", 4), (2, 2));
    }

    #[test]
    fn lines_asked_in_any_order_are_the_positions() {
        let text = b"a\nbc\n\ndef\ng";
        let mut lines = Lines::new(text);
        for offset in [0, 3, 2, 9, 5, 6, 11, 1, 11] {
            assert_eq!(lines.at(offset), position_by_hand(text, offset), "{offset}");
        }
    }

    fn position_by_hand(text: &[u8], offset: usize) -> (usize, usize) {
        let before = &text[..offset];
        let line = before.split(|&b| b == b'\n').count();
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        (line, offset - start + 1)
    }
}
