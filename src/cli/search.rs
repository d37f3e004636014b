//! `papertui search`: the papers matching a query, best first. With a limit and one JSON
//! Lines list, the list is read in blocks on all cores and a line whose paper is known without
//! parsing (a plain title alone) is scored from its raw bytes and parsed only if it can beat
//! the best its block holds so far; what it returns is what a scan of every line returns.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::Read;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use super::{
    EXIT_NO_MATCH, PaperFormat, Settings, exit_code, list_sources, load_filtered_or_report,
    print_papers, print_warnings,
};
use crate::library::{AnnounceType, Chunk, LibraryBuilder};
use crate::lists::Fetching;
use rayon::prelude::*;

use crate::library::PaperRef;
use crate::load::line::{
    BLOCK, Lines, key_print, open_json_lines, parse_line, plain_title, read_range, title_print,
};
use crate::load::{self, LINE_MAX, Loaded, Problem, Source};
use crate::search::best_lines::BlockBest;
use crate::search::query::{FUZZY_CEILING, Query, holds_as_words};
use crate::search::scan::{self, Among};

/// What `papertui search` was asked.
pub(super) struct Searched<'a> {
    pub query: &'a str,
    pub files: &'a [std::ffi::OsString],
    pub limit: Option<usize>,
    pub format: PaperFormat,
}

/// `papertui search`: the papers matching the query, best first; exit code 1 when none does,
/// like grep and fzf.
pub(super) fn search_command(
    settings: &Settings,
    fetching: &Fetching,
    asked: &Searched,
) -> ExitCode {
    let query = Arc::new(Query::parse(asked.query));
    let listed = settings
        .lists_warned(asked.files)
        .and_then(|lists| list_sources(&lists, fetching));
    let (sources, fetch_failed) = match listed {
        Ok(listed) => listed,
        Err(code) => return code,
    };
    let leave_out = &fetching.leave_out;
    let fast = match (asked.limit, sources.as_slice()) {
        (Some(limit), [only]) if limit > 0 && !query.is_empty() => {
            best_in_list(&query, only, limit, leave_out, BLOCK)
                .inspect(|(loaded, _)| print_warnings(&loaded.warnings))
        }
        _ => None,
    };
    let hits = match fast.or_else(|| {
        asked
            .limit
            .and_then(|limit| best_as_words(&query, &sources, limit, leave_out))
    }) {
        Some(found) => Ok(found),
        None => search_all(&query, &sources, asked.limit, leave_out),
    };
    let (loaded, hits) = match hits {
        Ok(found) => found,
        Err(code) => return code,
    };
    let lib = &loaded.library;
    let printed = print_papers(lib, hits.iter().map(|&i| i as usize), asked.format);
    if hits.is_empty() && printed.is_ok() && !fetch_failed {
        return ExitCode::from(EXIT_NO_MATCH);
    }
    exit_code(printed, fetch_failed)
}

/// The best `limit` papers for `query` when they all hold its words: those are among the lines
/// that hold its text, so only those are parsed. None when fewer do and other lines may match
/// fuzzily (then they are wanted too), or when a source cannot be read twice.
fn best_as_words(
    query: &Arc<Query>,
    sources: &[Source],
    limit: usize,
    leave_out: &[AnnounceType],
) -> Option<(Loaded, Vec<u32>)> {
    if sources.iter().any(|s| matches!(s, Source::Stdin)) {
        return None;
    }
    let prefilter = query.clone();
    let left_out = Arc::new(AtomicUsize::new(0));
    let counted = left_out.clone();
    let filter: load::LineFilter = Arc::new(move |line| {
        if !prefilter.may_match_line(line) {
            return false;
        }
        let words = prefilter.may_hold_words_line(line);
        // One such line is enough to know the fuzzy matches must be looked for.
        if !words && counted.load(Ordering::Relaxed) == 0 && prefilter.may_match_line_tightly(line)
        {
            counted.fetch_add(1, Ordering::Relaxed);
        }
        words
    });
    let loaded = load::load_all_filtered(sources, Some(filter), leave_out).ok()?;
    let never = AtomicBool::new(false);
    let hits = scan::ranked(&loaded.library, query, Among::All, Some(limit), &never)
        .expect("a search nobody cancels finishes");
    let enough = hits.len() == limit && hits.iter().all(|&(score, _)| holds_as_words(score));
    if !enough && left_out.load(Ordering::Relaxed) > 0 {
        return None;
    }
    print_warnings(&loaded.warnings);
    Some((loaded, hits.into_iter().map(|(_, i)| i).collect()))
}

/// Every paper matching `query`, best first (at most `limit`). Lines that cannot match are not
/// even parsed: the ranking is the reader's, but a million-line file is searched at the speed
/// of its cheapest test.
pub(super) fn search_all(
    query: &Arc<Query>,
    sources: &[Source],
    limit: Option<usize>,
    leave_out: &[AnnounceType],
) -> Result<(Loaded, Vec<u32>), ExitCode> {
    let prefilter = query.clone();
    let filter: load::LineFilter = Arc::new(move |line| prefilter.may_match_line(line));
    let loaded = load_filtered_or_report(sources, Some(filter), leave_out)?;
    let never = AtomicBool::new(false);
    let hits = scan::search(&loaded.library, query, None, limit, &never)
        .expect("a search nobody cancels finishes");
    Ok((loaded, hits))
}

/// A plain-title line left unparsed: where it starts, its score or a bound of it (i64::MIN if
/// it does not match) and its key's print.
struct Skipped {
    at: u64,
    score: i64,
    print: u64,
}

/// A block of the list, searched: bytes `start..end` of the stream.
struct Block {
    start: u64,
    end: u64,
    /// Lines in the block, to number the lines of the next.
    lines: usize,
    /// The papers of the lines parsed, in order, and where each line starts.
    chunk: Chunk,
    at: Vec<u64>,
    /// Where every line parsed starts, papers or not.
    tried: Vec<u64>,
    skipped: Vec<Skipped>,
    /// Lines that cannot match, never parsed.
    filtered: usize,
    /// Numbered from the block's first line.
    warnings: Vec<Problem>,
}

/// The lines of `bytes` holding a paper the query may want: parsed, or (plain titles)
/// skipped where their score cannot beat the block's best `limit`.
fn search_block(
    query: &Query,
    bytes: &[u8],
    start: u64,
    limit: usize,
    leave_out: &[AnnounceType],
    file: &str,
) -> Block {
    let mut block = Block {
        start,
        end: start + bytes.len() as u64,
        lines: 0,
        chunk: Chunk::default(),
        at: Vec::new(),
        tried: Vec::new(),
        skipped: Vec::new(),
        filtered: 0,
        warnings: Vec::new(),
    };
    let mut best = BlockBest::new(limit);
    let mut lines = Lines::of(bytes, start);
    for (at, n, line) in lines.by_ref() {
        if !query.may_match_line(line) {
            block.filtered += 1;
            continue;
        }
        if let Some((title, print)) = plain_title(line) {
            // Once fuzzy matches cannot make the best, only words are looked for.
            let score = match query.title_words_score(title) {
                None if !best.may_take(FUZZY_CEILING) => Some(FUZZY_CEILING),
                None => query.title_score(title),
                words => words,
            };
            if !score.is_some_and(|s| best.may_take(s)) {
                let score = score.unwrap_or(i64::MIN);
                block.skipped.push(Skipped { at, score, print });
                continue;
            }
        }
        block.tried.push(at);
        if let Err(p) = parse_line(&mut block.chunk, line, file, n, &mut block.warnings) {
            block.warnings.push(p);
            continue;
        }
        block.at.push(at);
        let p = block.chunk.get(block.chunk.len() - 1);
        if p.announce().is_some_and(|a| leave_out.contains(&a)) {
            continue;
        }
        if let Some(score) = query.score(&p) {
            best.offer(score, at, p.key_hash());
        }
    }
    block.lines = lines.counted;
    block
}

/// Parses again the lines of `block` it parsed and those starting at `more` (sorted), from
/// its bytes read again.
fn parse_again(block: &mut Block, bytes: &[u8], more: &[u64], file: &str) {
    let mut wanted: Vec<u64> = block.tried.iter().chain(more).copied().collect();
    wanted.sort_unstable();
    let (mut chunk, mut at, mut warnings) = (Chunk::default(), Vec::new(), Vec::new());
    let mut next = wanted.iter().peekable();
    for (start, n, line) in Lines::of(bytes, block.start) {
        if next.next_if_eq(&&start).is_none() {
            continue;
        }
        match parse_line(&mut chunk, line, file, n, &mut warnings) {
            Ok(()) => at.push(start),
            Err(p) => warnings.push(p),
        }
    }
    (block.chunk, block.at, block.tried, block.warnings) = (chunk, at, wanted, warnings);
}

/// Reads the stream in blocks of whole lines (`block` bytes or so), giving each with where it
/// starts. False when a line is longer than the loader reads.
fn read_blocks(
    mut reader: Box<dyn Read + Send>,
    mut carry: Vec<u8>,
    block: usize,
    mut each: impl FnMut(Vec<u8>, u64),
) -> bool {
    let mut start = 0u64;
    let mut eof = false;
    loop {
        if !eof && carry.len() < block {
            let want = (block - carry.len()) as u64;
            match reader.by_ref().take(want).read_to_end(&mut carry) {
                Ok(n) => eof = n == 0,
                Err(_) => return false,
            }
        }
        if eof {
            if !carry.is_empty() {
                each(std::mem::take(&mut carry), start);
            }
            return true;
        }
        match memchr::memrchr(b'\n', &carry) {
            Some(i) => {
                let rest = carry.split_off(i + 1);
                let bytes = std::mem::replace(&mut carry, rest);
                let len = bytes.len() as u64;
                each(bytes, start);
                start += len;
            }
            None if carry.len() >= LINE_MAX => return false,
            None => match reader.by_ref().take(block as u64).read_to_end(&mut carry) {
                Ok(n) => eof = n == 0,
                Err(_) => return false,
            },
        }
    }
}

/// The print of a paper's key as [`plain_title`] gives it (see [`key_print`]), from its title
/// where it is ASCII (no allocation).
fn paper_print(p: &PaperRef<'_>) -> Option<u64> {
    match (p.arxiv_id(), p.title()) {
        (Some(_), _) => None,
        (None, title) if title.is_ascii() => Some(title_print(title)),
        _ => key_print(&p.key()),
    }
}

/// The best `limit` papers of one JSON Lines list, exactly as [`search_all`] finds them, with
/// the list's papers that could be among them (the others are never parsed). None when the
/// list is no JSON Lines file, or cannot be read again; the caller searches it as usual then.
///
/// Blocks are searched on all cores, each keeping its best `limit` (see [`search_block`]).
/// Then every skipped line holding the key of a later parsed paper is parsed too (a duplicate
/// is one paper, the first, given the fields it lacks by the later: a plain title with no
/// duplicate parsed after it is the paper it scored, a plain title gives nothing), and the
/// answer is checked: every line left must score below the
/// last paper found, or as much and come later.
pub(super) fn best_in_list(
    query: &Query,
    source: &Source,
    limit: usize,
    leave_out: &[AnnounceType],
    block_bytes: usize,
) -> Option<(Loaded, Vec<u32>)> {
    let (reader, head, skip) = open_json_lines(source)?;
    let file = source.name();
    let searched = Mutex::new(Vec::new());
    let in_flight = rayon::current_num_threads().max(1) * 2;
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(in_flight);
    let token_rx = Mutex::new(token_rx);
    let whole = rayon::in_place_scope(|s| {
        let mut seq = 0;
        read_blocks(reader, head, block_bytes, |bytes, start| {
            let _ = token_tx.send(());
            let (searched, token_rx, file) = (&searched, &token_rx, &file);
            s.spawn(move |_| {
                let block = search_block(query, &bytes, start, limit, leave_out, file);
                searched.lock().expect("no panic").push((seq, block));
                let _ = token_rx.lock().expect("no panic").recv();
            });
            seq += 1;
        })
    });
    if !whole {
        return None;
    }
    let mut blocks = searched.into_inner().ok()?;
    blocks.sort_unstable_by_key(|(seq, _)| *seq);
    let mut blocks: Vec<Block> = blocks.into_iter().map(|(_, b)| b).collect();

    pull_duplicates(&mut blocks, source, skip, &file)?;

    let first = first_places(&blocks, leave_out);

    let mut builder = LibraryBuilder::default();
    builder.leave_out(leave_out);
    let (mut warnings, mut line_base, mut unparsed) = (Vec::new(), 0, 0);
    let mut skipped = Vec::new();
    for block in blocks {
        for mut p in block.warnings {
            p.line += line_base;
            warnings.push(p);
        }
        line_base += block.lines;
        unparsed += block.filtered + block.skipped.len() + block.tried.len() - block.at.len();
        skipped.extend(block.skipped);
        builder.append(block.chunk);
    }
    let library = builder.into_library();
    if library.is_empty() && unparsed == 0 {
        warnings.push(Problem::file(&file, "the list holds no papers"));
    }
    let never = AtomicBool::new(false);
    let hits = scan::ranked(&library, query, Among::All, Some(limit), &never).ok()?;

    // Every line left unparsed must lose to the last paper found (a line that does not match
    // loses to anything).
    let last = match hits.last() {
        Some(&(score, i)) if hits.len() == limit => {
            let p = library.get(i as usize);
            let (at, key) = first.get(&p.key_hash())?.as_ref()?;
            (*key == p.key()).then_some((score, *at))?
        }
        _ if skipped.iter().all(|s| s.score == i64::MIN) => (i64::MIN, 0),
        _ => return None,
    };
    let loses = |s: &Skipped| {
        s.score == i64::MIN || s.score < last.0 || (s.score == last.0 && s.at > last.1)
    };
    if !skipped.iter().all(loses) {
        return None;
    }
    let mut library = library;
    library.name = Some(load::default_name(source));
    let hits = hits.into_iter().map(|(_, i)| i).collect();
    Some((Loaded { library, warnings }, hits))
}

/// Parses the plain-title lines skipped that hold the key of a later parsed paper: the paper
/// is theirs then, with the fields the parsed one gives it (a plain title after its paper
/// gives it nothing). None if the list cannot be read again.
fn pull_duplicates(blocks: &mut [Block], source: &Source, skip: u64, file: &str) -> Option<()> {
    let mut parsed: HashMap<u64, u64> = HashMap::new();
    for block in blocks.iter() {
        for (i, &at) in block.at.iter().enumerate() {
            if let Some(print) = paper_print(&block.chunk.get(i)) {
                parsed.entry(print).or_insert(at);
            }
        }
    }
    blocks.par_iter_mut().try_for_each(|block| {
        let first = |s: &Skipped| parsed.get(&s.print).is_some_and(|&at| s.at < at);
        let (more, left): (Vec<Skipped>, Vec<Skipped>) = std::mem::take(&mut block.skipped)
            .into_iter()
            .partition(first);
        block.skipped = left;
        if !more.is_empty() {
            let bytes = read_range(source, block.start + skip, block.end + skip)?;
            let more: Vec<u64> = more.iter().map(|s| s.at).collect();
            parse_again(block, &bytes, &more, file);
        }
        Some(())
    })
}

/// Where the first paper of each key hash starts (None where two keys share a hash; keys are
/// compared only where hashes repeat), and its key.
fn first_places(
    blocks: &[Block],
    leave_out: &[AnnounceType],
) -> HashMap<u64, Option<(u64, String)>> {
    let mut first: HashMap<u64, Option<(u64, usize, usize)>> = HashMap::new();
    for (b, block) in blocks.iter().enumerate() {
        for (i, &at) in block.at.iter().enumerate() {
            let p = block.chunk.get(i);
            if p.announce().is_some_and(|a| leave_out.contains(&a)) {
                continue;
            }
            match first.entry(p.key_hash()) {
                Entry::Vacant(v) => {
                    v.insert(Some((at, b, i)));
                }
                Entry::Occupied(mut o) => {
                    if let Some((_, b0, i0)) = *o.get()
                        && blocks[b0].chunk.get(i0).key() != p.key()
                    {
                        o.insert(None);
                    }
                }
            }
        }
    }
    first
        .into_iter()
        .map(|(h, f)| (h, f.map(|(at, b, i)| (at, blocks[b].chunk.get(i).key()))))
        .collect()
}

#[cfg(test)]
mod tests;
