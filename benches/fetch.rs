//! The fetching figures papertui promises (issue 11), measured against a local server: the real
//! binary in a pseudo-terminal, timed from its start to the papers on screen, with the
//! network's own time measured apart by a plain client. `cargo bench --bench fetch`; set `RUNS`
//! (default 11) to change the repeats.

// A bench driver: it fails loudly rather than recovering, and its main reads as the report.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

#[allow(dead_code)]
#[path = "scale/pty.rs"]
mod pty;
#[allow(dead_code)]
#[path = "../tests/net/server.rs"]
mod server;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::SignedDuration;
use papertui::net::Cache;
use server::{Exchange, Server, respond};

const HF_DAY: &[u8] = include_bytes!("../tests/data/recorded/hf-daily-papers-2026-06-12.json");
/// The start of the recorded list's first title, as the list pane shows it.
const FIRST: &str = "On the Limits of LLM Adapt";
const PATIENCE: Duration = Duration::from_secs(30);
const COLS: u16 = 100;
const ROWS: u16 = 30;

fn main() {
    let runs = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(11);
    let binary = env!("CARGO_BIN_EXE_papertui");
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    println!("papertui fetch bench: {runs} runs, {cores} cores, a {COLS}x{ROWS} pseudo-terminal");

    let day = recorded_day();
    let dirs = Dirs::new(&day.base());
    let fetched = Command::new(binary)
        .args(dirs.args())
        .args(["list", "hf:today"])
        .output()
        .expect("the binary runs");
    assert!(fetched.status.success(), "{fetched:?}");
    let url = day.url(&day.requests()[0].target);

    // 1. A fresh copy in the cache: no request.
    let before = day.count();
    let mut fresh = Vec::new();
    for _ in 0..runs {
        fresh.push(first_paper(binary, &dirs, &["hf:today"]));
    }
    assert_eq!(day.count(), before, "a fresh copy is used without asking");

    // 2. A stale copy, revalidated: one conditional request answered 304.
    let mut revalidated = Vec::new();
    for _ in 0..runs {
        age(&dirs.cache, &url, SignedDuration::from_hours(2));
        revalidated.push(first_paper(binary, &dirs, &["hf:today"]));
    }
    let asked = day.requests();
    assert_eq!(asked.len(), before + runs, "one request a run");
    assert!(
        asked[before..]
            .iter()
            .all(|r| r.header("if-none-match").is_some())
    );

    // 3. An empty cache: one request answered 200.
    let mut cold = Vec::new();
    for _ in 0..runs {
        let dirs = Dirs::new(&day.base());
        cold.push(first_paper(binary, &dirs, &["hf:today"]));
    }

    // 4. Five pages (100, 100, 100, 100 and 7 papers), fetched and shown, against the same
    // five requests made by a plain client.
    let pages = five_pages();
    // A first run, untimed, tells the five URLs the reader asks for.
    all_shown(binary, &Dirs::new(&pages.base()), 407, &[]);
    let targets: Vec<String> = pages.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets.len(), 5, "{targets:?}");
    let urls: Vec<String> = targets.iter().map(|t| pages.url(t)).collect();
    let (mut shown, mut network) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let start = Instant::now();
        for target in &targets {
            plain_get(&pages.base(), target);
        }
        network.push(start.elapsed());
        shown.push(all_shown(binary, &Dirs::new(&pages.base()), 407, &urls));
    }

    let fresh = median(fresh);
    let revalidated = median(revalidated);
    let cold = median(cold);
    let (shown, network) = (median(shown), median(network));
    let overhead = shown.saturating_sub(network);
    println!();
    println!("| figure (`hf:today`, local server) | measured | target |");
    println!("|---|---|---|");
    row(
        "start to the first paper on screen, fresh copy in the cache (no request)",
        fresh,
        "<= 50 ms",
    );
    row(
        "start to the first paper on screen, stale copy revalidated (one 304)",
        revalidated,
        "one round trip",
    );
    row(
        "start to the first paper on screen, empty cache (one 200)",
        cold,
        "",
    );
    println!(
        "| 5 pages (407 papers) fetched and all on screen, vs the same 5 requests by a plain client | {} vs {} = network + {} | network + <= 20 ms |",
        ms(shown),
        ms(network),
        ms(overhead)
    );
}

fn row(figure: &str, value: Duration, target: &str) {
    println!("| {figure} | {} | {target} |", ms(value));
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// A config directory naming the server, and a cache directory.
struct Dirs {
    config: tempfile::TempDir,
    cache: std::path::PathBuf,
    _cache: tempfile::TempDir,
}

impl Dirs {
    fn new(base: &str) -> Dirs {
        Dirs::with_cache(base, tempfile::tempdir().expect("a cache directory"))
    }

    fn with_cache(base: &str, cache: tempfile::TempDir) -> Dirs {
        let config = tempfile::tempdir().expect("a config directory");
        std::fs::write(
            config.path().join("config.toml"),
            format!("[sources]\nhuggingface = \"{base}\"\n"),
        )
        .expect("a config file");
        Dirs {
            config,
            cache: cache.path().to_path_buf(),
            _cache: cache,
        }
    }

    fn args(&self) -> Vec<String> {
        vec![
            "--config-dir".into(),
            self.config.path().display().to_string(),
            "--cache-dir".into(),
            self.cache.display().to_string(),
        ]
    }
}

/// The reader started on `lists`; the time until the recorded first title is on screen.
fn first_paper(binary: &str, dirs: &Dirs, lists: &[&str]) -> Duration {
    let mut args = dirs.args();
    args.extend(lists.iter().map(std::string::ToString::to_string));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let config = dirs.config.path().display().to_string();
    let start = Instant::now();
    let mut term = pty::Term::start(binary, &args, COLS, ROWS, &config);
    let seen = term
        .wait_for(PATIENCE, |s| s.contains(FIRST))
        .unwrap_or_else(|| panic!("the first paper never showed:\n{}", term.contents()));
    term.send("q");
    term.child.wait().expect("the reader ends");
    seen - start
}

/// The reader started on `hf:today`; the time until all `n` papers are on screen. Quit at
/// once, it still leaves the pages at `urls` in the cache.
fn all_shown(binary: &str, dirs: &Dirs, n: usize, urls: &[String]) -> Duration {
    let mut args = dirs.args();
    args.push("hf:today".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let config = dirs.config.path().display().to_string();
    let counts = format!("{n} of {n} papers");
    let start = Instant::now();
    let mut term = pty::Term::start(binary, &args, COLS, ROWS, &config);
    let seen = term
        .wait_for(PATIENCE, |s| {
            s.lines().next().unwrap_or("").contains(&counts)
        })
        .unwrap_or_else(|| panic!("never saw {counts}:\n{}", term.contents()));
    term.send("q");
    term.child.wait().expect("the reader ends");
    let cache = Cache::new(&dirs.cache);
    for url in urls {
        assert!(cache.get(url).is_some(), "{url} is not in the cache");
    }
    seen - start
}

/// Makes the cached copy of `url` look fetched `by` earlier.
fn age(dir: &Path, url: &str, by: SignedDuration) {
    let cache = Cache::new(dir);
    let mut entry = cache.get(url).expect("the copy is cached");
    entry.fetched = entry.fetched.checked_sub(by).expect("a time");
    cache.put(&entry).expect("the cache takes it");
}

/// The recorded Daily Papers on every day, with an ETag and a 304 to it.
fn recorded_day() -> Server {
    Server::start(|x: Exchange<'_>| {
        if x.request.header("if-none-match") == Some("\"v1\"") {
            return respond(x.stream, 304, &[("ETag", "\"v1\"")], b"");
        }
        respond(
            x.stream,
            200,
            &[("Content-Type", "application/json"), ("ETag", "\"v1\"")],
            HF_DAY,
        )
    })
}

/// Five pages of a day, made once: four of 100 papers with abstracts, then 7.
fn five_pages() -> Server {
    let pages: Arc<Vec<Vec<u8>>> = Arc::new(
        (0..5)
            .map(|p| {
                let n = if p < 4 { 100 } else { 7 };
                let items: Vec<String> = (0..n)
                    .map(|i| {
                        format!(
                            r#"{{"paper":{{"id":"2606.{p}{i:04}","title":"Paper {p}-{i}","summary":"{}","authors":[{{"name":"A. Author"}},{{"name":"B. Author"}}],"upvotes":{i}}},"publishedAt":"2026-06-10T00:00:00.000Z"}}"#,
                            "An abstract of some length. ".repeat(40)
                        )
                    })
                    .collect();
                format!("[{}]", items.join(",")).into_bytes()
            })
            .collect(),
    );
    Server::start(move |x: Exchange<'_>| {
        let p: usize = x
            .request
            .query("p")
            .and_then(|p| p.parse().ok())
            .unwrap_or(9);
        match pages.get(p) {
            Some(body) => respond(x.stream, 200, &[("Content-Type", "application/json")], body),
            None => respond(x.stream, 200, &[], b"[]"),
        }
    })
}

/// One GET by a plain client: connect, ask, read the whole answer.
fn plain_get(base: &str, target: &str) -> usize {
    let host = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host).expect("the server answers");
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("a request");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("an answer");
    assert!(answer.starts_with(b"HTTP/1.1 200"));
    answer.len()
}
