//! JSON Lines read a line at a time by a caller that chooses which lines to parse (`papertui
//! search` with a limit parses only the lines that can make its best few): the file opened as
//! the loader opens it, a line parsed as the loader parses it, and the lines whose paper is
//! known without parsing.

use std::io::Read;

use super::record::{self, Unusable};
use super::{Format, Problem, Source, detect, open, read_head};
use crate::library::{Chunk, Rejected};

/// Bytes per block of JSON Lines, for the loader and for `papertui search`: big enough to
/// amortize a task, small enough that memory stays bounded.
pub const BLOCK: usize = 4 << 20;

/// The lines of a block of JSON Lines that starts at byte `start` of the stream: each line
/// that is not blank, with where it starts and its number in the block, without its line end.
/// `counted` is the number of lines gone through, blank ones too.
pub struct Lines<'a> {
    bytes: &'a [u8],
    start: u64,
    from: usize,
    pub counted: usize,
}

impl<'a> Lines<'a> {
    pub fn of(bytes: &'a [u8], start: u64) -> Lines<'a> {
        Lines {
            bytes,
            start,
            from: 0,
            counted: 0,
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (u64, usize, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.bytes;
        while self.from < bytes.len() {
            let from = self.from;
            let end = memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |i| from + i);
            let line = &bytes[from..end];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            self.from = end + 1;
            self.counted += 1;
            if !line.iter().all(u8::is_ascii_whitespace) {
                return Some((self.start + from as u64, self.counted, line));
            }
        }
        None
    }
}

/// The source opened as JSON Lines: the reader, the first bytes already read (without a
/// byte-order mark) and where in the source they start (3 after a mark). None when the source
/// holds another format or cannot be read: the loader says why.
pub fn open_json_lines(source: &Source) -> Option<(Box<dyn Read + Send>, Vec<u8>, u64)> {
    if matches!(source, Source::Stdin) {
        return None;
    }
    let (mut reader, _) = open(source).ok()?;
    let mut head = read_head(&mut reader, &source.name()).ok()?;
    let skip = if head.starts_with(b"\xEF\xBB\xBF") {
        head.drain(..3);
        3
    } else {
        0
    };
    let first = head.iter().position(|b| !b.is_ascii_whitespace())?;
    (detect(&head[first..]) == Format::JsonLines).then_some((reader, head, skip))
}

/// Bytes `start..end` of a file or in-memory source, read again.
pub fn read_range(source: &Source, start: u64, end: u64) -> Option<Vec<u8>> {
    let mut buf = vec![0; usize::try_from(end - start).ok()?];
    match source {
        Source::Path(path) => {
            use std::os::unix::fs::FileExt;
            std::fs::File::open(path)
                .ok()?
                .read_exact_at(&mut buf, start)
                .ok()?;
        }
        Source::Bytes(_, bytes) => buf.copy_from_slice(bytes.get(start as usize..end as usize)?),
        _ => return None,
    }
    Some(buf)
}

/// Parses line `n` of `file` into `chunk`; a field dropped for its type is a warning in
/// `warnings`: the JSON Lines loader's, and `papertui search`'s for the lines it chooses.
pub fn parse_line(
    chunk: &mut Chunk,
    line: &[u8],
    file: &str,
    n: usize,
    warnings: &mut Vec<Problem>,
) -> Result<(), Problem> {
    let text = std::str::from_utf8(line).map_err(|e| {
        let at = e.valid_up_to();
        Problem::at(
            file,
            n,
            at + 1,
            format!("line skipped: invalid UTF-8 (byte 0x{:02X})", line[at]),
        )
    })?;
    let mut dropped = Vec::new();
    let pushed = record::with_paper(text, &mut dropped, |paper| chunk.push(paper));
    for d in dropped {
        let message = format!("`{}` ignored: {}", d.field, d.why);
        warnings.push(Problem::at(file, n, 1, message));
    }
    let pushed = pushed.map_err(|e| match e {
        Unusable::Json(e) => {
            let mut p = Problem::json(file, &e, (n, 1), "line skipped: ");
            if e.classify() == serde_json::error::Category::Eof {
                p.message
                    .push_str(": the line ends early (an interrupted download?)");
            }
            p
        }
        Unusable::Record(why) => {
            let found = record::fields_of(text);
            Problem::at(file, n, 1, format!("line skipped: {why}{found}"))
        }
    })?;
    pushed
        .map_err(|Rejected::EmptyTitle| Problem::at(file, n, 1, "line skipped: the title is empty"))
}

/// The title of a line that is exactly `{"title":"..."}` (JSON's spaces allowed between the
/// tokens, as Python's `json.dumps` writes `{"title": "..."}`) with a plain title (ASCII letters,
/// digits, single spaces and `-:;,./+?!()'`, no space at either end), and its [`key_print`]:
/// loading keeps such a title as it is written and the paper has nothing else, so it is known
/// without parsing.
pub fn plain_title(line: &[u8]) -> Option<(&str, u64)> {
    let title = title_field(line)?;
    if title.first() == Some(&b' ') || title.last() == Some(&b' ') {
        return None;
    }
    let mut print = Print::default();
    let mut before = 0;
    for &b in title {
        let folded = PLAIN[usize::from(b)];
        if folded == 0 || (b == b' ' && before == b' ') {
            return None;
        }
        before = b;
        print.add(folded);
    }
    let title = std::str::from_utf8(title).ok().filter(|t| !t.is_empty())?;
    Some((title, print.finish()))
}

/// The bytes between the quotes of a line `{"title":"..."}`, with JSON's whitespace anywhere
/// between its tokens.
fn title_field(line: &[u8]) -> Option<&[u8]> {
    fn json_space(b: u8) -> bool {
        matches!(b, b' ' | b'\t' | b'\n' | b'\r')
    }
    let start = |s: &[u8]| -> usize { s.iter().position(|&b| !json_space(b)).unwrap_or(s.len()) };
    let end = |s: &[u8]| -> usize { s.iter().rposition(|&b| !json_space(b)).map_or(0, |i| i + 1) };
    let rest = line[start(line)..].strip_prefix(b"{")?;
    let rest = rest[start(rest)..].strip_prefix(b"\"title\"")?;
    let rest = rest[start(rest)..].strip_prefix(b":")?;
    let rest = rest[start(rest)..].strip_prefix(b"\"")?;
    let rest = rest[..end(rest)].strip_suffix(b"}")?;
    rest[..end(rest)].strip_suffix(b"\"")
}

/// Of each byte of a plain title: 0 if it may not be in one, b'-' for a separator (space and
/// punctuation), else the byte lowercased.
const PLAIN: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else if matches!(
            c,
            b' ' | b'-'
                | b':'
                | b';'
                | b','
                | b'.'
                | b'/'
                | b'+'
                | b'?'
                | b'!'
                | b'('
                | b')'
                | b'\''
        ) {
            b'-'
        } else {
            0
        };
        b += 1;
    }
    t
};

/// A print of a title key's letters and digits, in order: equal keys print the same, so a
/// paper whose print no other paper has has no duplicate. Sums, not a hash: no chain of
/// multiplications from byte to byte.
#[derive(Default)]
struct Print {
    count: u64,
    sum: u64,
    weighted: u64,
}

impl Print {
    /// Adds a byte of the key (b'-' for a separator, which does not count).
    fn add(&mut self, folded: u8) {
        if folded != b'-' {
            self.count += 1;
            self.sum += u64::from(folded);
            self.weighted += self.count * u64::from(folded);
        }
    }

    fn finish(self) -> u64 {
        self.count ^ self.sum.rotate_left(16) ^ self.weighted.rotate_left(36)
    }
}

/// The print of the key of a paper with no arXiv id and this ASCII title: [`key_print`] of
/// it, without making the key.
pub fn title_print(title: &str) -> u64 {
    let mut print = Print::default();
    for &b in title.as_bytes() {
        print.add(fold(b));
    }
    print.finish()
}

/// A byte of a key: lowercased if a letter or digit, else b'-'.
fn fold(b: u8) -> u8 {
    if b.is_ascii_alphanumeric() {
        b.to_ascii_lowercase()
    } else {
        b'-'
    }
}

/// The print of a paper's key, as [`plain_title`] gives it for a line with that key; None for
/// a key no plain title has (an arXiv id, a title that is not ASCII).
pub fn key_print(key: &str) -> Option<u64> {
    let body = key.strip_prefix("title:")?;
    if !body.is_ascii() {
        return None;
    }
    let mut print = Print::default();
    for &b in body.as_bytes() {
        print.add(fold(b));
    }
    Some(print.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::LibraryBuilder;

    fn loaded(line: &str) -> (String, String) {
        let mut chunk = Chunk::default();
        parse_line(&mut chunk, line.as_bytes(), "f", 1, &mut Vec::new()).expect("parses");
        let mut b = LibraryBuilder::default();
        b.append(chunk);
        let lib = b.into_library();
        let p = lib.get(0);
        assert_eq!(lib.len(), 1);
        assert!(p.authors_text().is_empty() && p.abstract_text().is_empty());
        (p.title().to_string(), p.key())
    }

    #[test]
    fn a_plain_title_line_is_loaded_as_written_with_its_key() {
        for title in [
            "Scaling Laws: a Study (v2)?",
            "Pre-training, it's 2026!",
            "A",
            "x.y z",
        ] {
            // As Rust's serde_json writes it, as Python's json.dumps does, and spaced out.
            for line in [
                format!("{{\"title\":\"{title}\"}}"),
                format!("{{\"title\": \"{title}\"}}"),
                format!(" {{ \"title\" :\t\"{title}\" }}\r"),
            ] {
                let (plain, print) = plain_title(line.as_bytes()).expect("plain");
                assert_eq!(plain, title);
                assert_eq!(loaded(&line).0, title);
                assert_eq!(key_print(&loaded(&line).1), Some(print));
            }
        }
        for line in [
            r#"{"title":" A"}"#,
            r#"{"title":"A  B"}"#,
            r#"{"title":"$x$"}"#,
            r#"{"title":"A\nB"}"#,
            r#"{"title":""}"#,
            r#"{"title":"A", "id":"1"}"#,
            r#"{"title" "A"}"#,
            r#"{"title":"A"} x"#,
            r#"{"title":"A"}}"#,
            "{\"title\":\"A\"}\x0c",
            r#"{"title":"a {B}"}"#,
            r#"{"title":"Gödel"}"#,
        ] {
            assert_eq!(plain_title(line.as_bytes()), None, "{line}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_plain_title_is_loaded_as_written(title in "[a-zA-Z0-9 :;,./+?!()'-]{1,40}") {
            let line = format!("{{\"title\":\"{title}\"}}");
            if let Some((plain, print)) = plain_title(line.as_bytes()) {
                let (loaded, key) = loaded(&line);
                proptest::prop_assert_eq!(plain, &loaded);
                proptest::prop_assert_eq!(key_print(&key), Some(print));
                proptest::prop_assert_eq!(title_print(&loaded), print);
            }
        }
    }
}
