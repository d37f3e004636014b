//! JSON Lines read a line at a time by a caller that chooses which lines to parse (`papertui
//! search` with a limit parses only the lines that can make its best few): the file opened as
//! the loader opens it, a line parsed as the loader parses it, and the lines whose paper is
//! known without parsing.

use std::io::Read;

use super::record::{self, Unusable};
use super::{Format, Problem, Source, detect, open, read_head};
use crate::library::{Chunk, Rejected, hash_of_key, paper};

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

/// Parses line `n` of `file` into `chunk` as the JSON Lines loader does; a field dropped for
/// its type is a warning in `warnings`.
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

/// The title of a line that is exactly `{"title":"..."}` with a plain title (ASCII letters,
/// digits, single spaces and `-:,.?!()'`, no space at either end): loading keeps such a title
/// as it is written and the paper has nothing else, so its key is known without parsing.
pub fn plain_title(line: &[u8]) -> Option<&str> {
    let title = line.strip_prefix(b"{\"title\":\"")?.strip_suffix(b"\"}")?;
    let plain = |b: &u8| b.is_ascii_alphanumeric() || b" -:,.?!()'".contains(b);
    let ok = !title.is_empty()
        && title.iter().all(plain)
        && title.first() != Some(&b' ')
        && title.last() != Some(&b' ')
        && memchr::memmem::find(title, b"  ").is_none();
    ok.then(|| std::str::from_utf8(title).expect("ASCII"))
}

/// The key hash ([`crate::library::PaperRef::key_hash`]) of the paper with no arXiv id and
/// this title.
pub fn title_key_hash(title: &str) -> u64 {
    hash_of_key(&paper::paper_key(None, title))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::LibraryBuilder;

    fn loaded(line: &str) -> (String, u64) {
        let mut chunk = Chunk::default();
        parse_line(&mut chunk, line.as_bytes(), "f", 1, &mut Vec::new()).expect("parses");
        let mut b = LibraryBuilder::default();
        b.append(chunk);
        let lib = b.into_library();
        let p = lib.get(0);
        assert_eq!(lib.len(), 1);
        assert!(p.authors_text().is_empty() && p.abstract_text().is_empty());
        (p.title().to_string(), p.key_hash())
    }

    #[test]
    fn a_plain_title_line_is_loaded_as_written_with_its_key() {
        for title in [
            "Scaling Laws: a Study (v2)?",
            "Pre-training, it's 2026!",
            "A",
            "x.y z",
        ] {
            let line = format!("{{\"title\":\"{title}\"}}");
            assert_eq!(plain_title(line.as_bytes()), Some(title));
            assert_eq!(loaded(&line), (title.to_string(), title_key_hash(title)));
        }
        for line in [
            r#"{"title":" A"}"#,
            r#"{"title":"A  B"}"#,
            r#"{"title":"$x$"}"#,
            r#"{"title":"A\nB"}"#,
            r#"{"title":""}"#,
            r#"{"title":"A", "id":"1"}"#,
            r#"{"title": "A"}"#,
            r#"{"title":"a {B}"}"#,
            r#"{"title":"Gödel"}"#,
        ] {
            assert_eq!(plain_title(line.as_bytes()), None, "{line}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_plain_title_is_loaded_as_written(title in "[a-zA-Z0-9 :,.?!()'-]{1,40}") {
            let line = format!("{{\"title\":\"{title}\"}}");
            if plain_title(line.as_bytes()).is_some() {
                proptest::prop_assert_eq!(loaded(&line), (title.clone(), title_key_hash(&title)));
            }
        }
    }
}
