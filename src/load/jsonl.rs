//! JSON Lines: one paper per line, in papertui's fields or the arXiv metadata snapshot's.
//! The file streams in blocks parsed on all cores, so a multi-gigabyte snapshot never sits in
//! memory whole and papers arrive while the rest is read. A bad line is skipped with its number.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::{Arc, mpsc};

use super::line::{BLOCK, Lines, parse_line};
use super::{Event, LINE_MAX, Problem, Reader, io_message};
use crate::library::Chunk;

/// The line test of a [`super::LineFilter`], borrowed.
type LineTest = dyn Fn(&[u8]) -> bool + Send + Sync;

/// Bytes of the first block: small, so the first papers come in a few milliseconds.
const FIRST_BLOCK: usize = 256 << 10;

/// One block of whole lines; line numbers are relative until the block's place is known.
struct Block {
    bytes: Vec<u8>,
    /// Lines too long to keep, replaced by an empty line, as (line within block).
    long_lines: Vec<usize>,
}

struct Parsed {
    chunk: Chunk,
    problems: Vec<Problem>,
    lines: usize,
    filtered: usize,
}

/// What the reading thread reports to the one that emits papers in file order.
enum Done {
    Parsed {
        seq: usize,
        parsed: Box<Parsed>,
        read: u64,
    },
    End {
        blocks: usize,
        error: Option<Problem>,
    },
}

/// Streams `reader` (whose first bytes are `head`) as JSON Lines. One thread reads blocks of
/// whole lines, the rayon pool parses them, and this thread emits them in file order; at most
/// two blocks per core are in flight, so memory stays bounded whatever the file size.
pub(super) fn stream(
    mut reader: Reader,
    head: Vec<u8>,
    file: &str,
    total: Option<u64>,
    filter: Option<super::LineFilter>,
    sink: &mut dyn FnMut(Event),
) -> Result<(), Problem> {
    // Parsed blocks' buffers come back to be read into again.
    let (spare_tx, spare_rx) = mpsc::channel::<Vec<u8>>();
    let mut blocks = Blocks {
        spares: spare_rx,
        read: head.len() as u64,
        carry: head,
        size: FIRST_BLOCK,
        eof: false,
        skipping: false,
    };
    if blocks.carry.starts_with(b"\xEF\xBB\xBF") {
        blocks.carry.drain(..3);
    }
    let in_flight = rayon::current_num_threads().max(1) * 2;
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(in_flight);
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    let name: Arc<str> = Arc::from(file);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut seq = 0;
            let error = loop {
                match blocks.next(&mut reader, &name) {
                    Ok(Some(block)) => {
                        if token_tx.send(()).is_err() {
                            break None;
                        }
                        let (tx, name, read) = (done_tx.clone(), name.clone(), blocks.read);
                        let (filter, spare) = (filter.clone(), spare_tx.clone());
                        rayon::spawn(move || {
                            let parsed = parse_block(&block, &name, filter.as_deref());
                            let mut bytes = block.bytes;
                            // One grown by a long line is not kept.
                            if bytes.capacity() <= 2 * BLOCK {
                                bytes.clear();
                                let _ = spare.send(bytes);
                            }
                            let _ = tx.send(Done::Parsed {
                                seq,
                                parsed: Box::new(parsed),
                                read,
                            });
                        });
                        seq += 1;
                    }
                    Ok(None) => break None,
                    Err(p) => break Some(p),
                }
            };
            let _ = done_tx.send(Done::End { blocks: seq, error });
        });
        let mut waiting = BTreeMap::new();
        let (mut next, mut line_base, mut end) = (0, 0, None);
        loop {
            if let Some((blocks, _)) = &end
                && next == *blocks
            {
                break;
            }
            match done_rx.recv() {
                Ok(Done::Parsed { seq, parsed, read }) => {
                    waiting.insert(seq, (parsed, read));
                }
                Ok(Done::End { blocks, error }) => end = Some((blocks, error)),
                Err(_) => break,
            }
            while let Some((p, read)) = waiting.remove(&next) {
                for mut problem in p.problems {
                    problem.line += line_base;
                    sink(Event::Warning(problem));
                }
                line_base += p.lines;
                if p.filtered > 0 {
                    sink(Event::Filtered(p.filtered));
                }
                // Progress first: whoever shows the papers knows how much of the file they are.
                sink(Event::Progress { read, total });
                sink(Event::Papers(Box::new(p.chunk)));
                let _ = token_rx.recv();
                next += 1;
            }
        }
        match end {
            Some((_, Some(problem))) => Err(problem),
            _ => Ok(()),
        }
    })
}

struct Blocks {
    carry: Vec<u8>,
    /// Buffers of parsed blocks, empty, to read the next blocks into.
    spares: mpsc::Receiver<Vec<u8>>,
    /// Bytes wanted in the next block: [`FIRST_BLOCK`], then [`BLOCK`].
    size: usize,
    eof: bool,
    /// Inside a line longer than LINE_MAX: drop bytes up to its end.
    skipping: bool,
    read: u64,
}

impl Blocks {
    fn next(&mut self, reader: &mut Reader, file: &str) -> Result<Option<Block>, Problem> {
        let mut long_lines = Vec::new();
        loop {
            if !self.eof && self.carry.len() < self.size {
                let want = self.size - self.carry.len();
                let before = self.carry.len();
                let n = reader
                    .by_ref()
                    .take(want as u64)
                    .read_to_end(&mut self.carry)
                    .map_err(|e| Problem::file(file, format!("read failed: {}", io_message(&e))))?;
                self.read += (self.carry.len() - before) as u64;
                self.eof = n == 0;
            }
            if self.skipping {
                if let Some(i) = memchr::memchr(b'\n', &self.carry) {
                    self.carry.drain(..i);
                    self.skipping = false;
                } else {
                    self.carry.clear();
                    if self.eof {
                        return Ok(None);
                    }
                    continue;
                }
            }
            if self.eof {
                if self.carry.is_empty() {
                    return Ok(None);
                }
                let bytes = std::mem::take(&mut self.carry);
                return Ok(Some(Block { bytes, long_lines }));
            }
            match memchr::memrchr(b'\n', &self.carry) {
                Some(i) => {
                    let mut rest = self
                        .spares
                        .try_recv()
                        .unwrap_or_else(|_| Vec::with_capacity(BLOCK));
                    rest.extend_from_slice(&self.carry[i + 1..]);
                    self.carry.truncate(i + 1);
                    let bytes = std::mem::replace(&mut self.carry, rest);
                    self.size = BLOCK;
                    return Ok(Some(Block { bytes, long_lines }));
                }
                None if self.carry.len() >= LINE_MAX => {
                    // Keep the line's place with an empty line; report it when parsed.
                    self.carry.clear();
                    self.skipping = true;
                    long_lines.push(0);
                }
                None => {
                    // A line longer than a block: read on (the buffer grows up to LINE_MAX).
                    let more = reader
                        .by_ref()
                        .take(BLOCK as u64)
                        .read_to_end(&mut self.carry)
                        .map_err(|e| {
                            Problem::file(file, format!("read failed: {}", io_message(&e)))
                        })?;
                    self.read += more as u64;
                    self.eof = more == 0;
                }
            }
        }
    }
}

/// Parses a block into the working chunk of this thread (reused, so its arenas are allocated
/// once), and hands on an exact copy of it.
fn parse_block(block: &Block, file: &str, filter: Option<&LineTest>) -> Parsed {
    thread_local! {
        static WORKING: std::cell::RefCell<Chunk> = std::cell::RefCell::new(Chunk::default());
    }
    WORKING.with_borrow_mut(|working| {
        working.reuse_for_input(block.bytes.len());
        let parsed = parse_block_into(working, block, file, filter);
        // A block of one huge line should not keep its arenas for the rest of the run.
        if working.heap_bytes() > 4 * BLOCK {
            *working = Chunk::default();
        }
        parsed
    })
}

fn parse_block_into(
    chunk: &mut Chunk,
    block: &Block,
    file: &str,
    filter: Option<&LineTest>,
) -> Parsed {
    let mut problems = Vec::new();
    let mut filtered = 0;
    for &long in &block.long_lines {
        problems.push(Problem::at(
            file,
            long + 1,
            0,
            format!("line skipped: longer than {} MiB", super::LINE_MAX >> 20),
        ));
    }
    let mut lines = Lines::of(&block.bytes, 0);
    for (_, n, line) in lines.by_ref() {
        if filter.is_some_and(|keep| !keep(line)) {
            filtered += 1;
            continue;
        }
        if let Err(p) = parse_line(chunk, line, file, n, &mut problems) {
            problems.push(p);
        }
    }
    Parsed {
        chunk: chunk.exact_copy(),
        problems,
        lines: lines.counted,
        filtered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::LibraryBuilder;

    fn load(bytes: &[u8]) -> (Vec<String>, Vec<String>) {
        let reader: Reader = Box::new(std::io::Cursor::new(bytes.to_vec()));
        let mut b = LibraryBuilder::default();
        let mut warnings = Vec::new();
        stream(
            reader,
            Vec::new(),
            "t.jsonl",
            None,
            None,
            &mut |e| match e {
                Event::Papers(c) => {
                    b.append(*c);
                }
                Event::Warning(p) => warnings.push(p.to_string()),
                _ => {}
            },
        )
        .unwrap();
        let titles = b.library().iter().map(|p| p.title().to_string()).collect();
        (titles, warnings)
    }

    #[test]
    fn bad_lines_are_skipped_with_their_numbers() {
        let input =
            b"{\"title\":\"a\"}\n\n{\"title\":\"b\"\n{\"title\":\"\xff\"}\r\n{\"title\":\"c\"}";
        let (titles, warnings) = load(input);
        assert_eq!(titles, ["a", "c"]);
        assert_eq!(
            warnings,
            [
                "t.jsonl:3:12: line skipped: EOF while parsing an object: the line ends early (an \
             interrupted download?)",
                "t.jsonl:4:11: line skipped: invalid UTF-8 (byte 0xFF)",
            ]
        );
    }

    #[test]
    fn line_numbers_continue_across_blocks() {
        let mut input = Vec::new();
        let n = BLOCK / 20 * 3;
        for i in 0..n {
            input.extend_from_slice(format!("{{\"title\":\"p{i:07}\"}}\n").as_bytes());
        }
        input.extend_from_slice(b"oops\n");
        let (titles, warnings) = load(&input);
        assert_eq!(titles.len(), n);
        assert_eq!(
            warnings,
            [format!("t.jsonl:{}:1: line skipped: expected value", n + 1)]
        );
    }
}
