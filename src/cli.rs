//! The command line: argument definitions and the commands that print instead of opening the
//! reader. They share the loaders and the ranking with the reader.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use clap::{CommandFactory, Parser, Subcommand};
use clap_complete::Shell;

use crate::app::{self, Exit, Streaming};
use crate::load::{self, Loaded, Progress, Source};
use crate::loading::{self, LoadEvent};
use crate::model::engine;
use crate::model::filter::Query;
use crate::model::library::Library;

/// Exit code for input papertui cannot read (and for usage errors, as clap does).
pub const EXIT_BAD_INPUT: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "papertui",
    version,
    about = "A terminal reader for research papers: read, filter and bookmark paper lists",
    long_about = "A terminal reader for research papers. With no FILE it opens the bundled \
                  Daily Papers list; FILE may be papertui JSON, a Hugging Face daily papers \
                  response, JSON Lines (papertui or arXiv metadata snapshot) or the Daily Papers \
                  page saved as text; `-` reads standard input.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Paper lists to open in the reader (`-` for standard input)
    #[arg(value_name = "FILE")]
    pub files: Vec<OsString>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print the titles of a list, one per line, in list order
    List {
        /// Paper lists (`-` for standard input); the bundled list if none
        #[arg(value_name = "FILE")]
        files: Vec<OsString>,
        /// Print the papers as a JSON array in papertui's format, each with its key
        #[arg(long)]
        json: bool,
    },
    /// Print the papers matching QUERY, best first, ranked as the reader's filter ranks them
    Search {
        /// Space-separated terms; all must match (fuzzy in titles and authors, substring in
        /// abstracts; a capital letter makes a term case-sensitive)
        query: String,
        /// Paper lists (`-` for standard input); the bundled list if none
        #[arg(value_name = "FILE")]
        files: Vec<OsString>,
        /// Print at most N papers
        #[arg(long, short = 'n', value_name = "N")]
        limit: Option<usize>,
        /// Print the papers as a JSON array in papertui's format, each with its key
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
}

/// The sources named on the command line, or the bundled list.
pub fn sources(files: &[OsString]) -> Vec<Source> {
    if files.is_empty() {
        vec![Source::Bundled]
    } else {
        files.iter().map(|f| Source::from_arg(f)).collect()
    }
}

/// Loads the sources, printing warnings; on failure prints one line per problem.
pub fn load_or_report(sources: &[Source]) -> Result<Loaded, ExitCode> {
    load_filtered_or_report(sources, None)
}

fn load_filtered_or_report(
    sources: &[Source],
    filter: Option<load::LineFilter>,
) -> Result<Loaded, ExitCode> {
    match load::load_all_filtered(sources, filter) {
        Ok(loaded) => {
            print_warnings(&loaded.warnings);
            Ok(loaded)
        }
        Err(problems) => Err(report_failure(&problems)),
    }
}

pub fn run_command(command: Command) -> ExitCode {
    let result = match command {
        Command::List { files, json } => {
            let loaded = match load_or_report(&sources(&files)) {
                Ok(l) => l,
                Err(code) => return code,
            };
            let lib = &loaded.library;
            print_papers(lib, 0..lib.len(), json)
        }
        Command::Search {
            query,
            files,
            limit,
            json,
        } => {
            // Lines that cannot match are not even parsed: the ranking is the reader's, but a
            // million-line file is searched at the speed of its cheapest test.
            let query = Arc::new(Query::parse(&query));
            let prefilter = query.clone();
            let filter: load::LineFilter = Arc::new(move |line| prefilter.may_match_line(line));
            let loaded = match load_filtered_or_report(&sources(&files), Some(filter)) {
                Ok(l) => l,
                Err(code) => return code,
            };
            let lib = &loaded.library;
            let never = AtomicBool::new(false);
            let hits = engine::search(lib, &query, None, limit, &never)
                .expect("a search nobody cancels finishes");
            print_papers(lib, hits.into_iter().map(|i| i as usize), json)
        }
        Command::Completions { shell } => {
            let mut out = io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "papertui", &mut out);
            out.flush()
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`| head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("papertui: error: cannot write output: {e}");
            ExitCode::FAILURE
        }
    }
}

/// How long the reader waits for the lists to finish loading before it opens on what it has:
/// small lists open complete (and their problems print like `list`'s), large ones stream in.
const READER_WAITS: Duration = Duration::from_millis(150);

/// Opens the reader on the lists (the bundled one if none).
pub fn run_reader(files: &[OsString]) -> ExitCode {
    if !io::stdout().is_terminal() {
        eprintln!(
            "papertui: standard output is not a terminal, so the reader cannot start; \
             use `papertui list` to print the papers"
        );
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    let sources = sources(files);
    let refused: Vec<_> = sources
        .iter()
        .filter_map(|s| load::check(s).err())
        .collect();
    if !refused.is_empty() {
        return report_failure(&refused);
    }
    let events = match loading::spawn(sources) {
        Ok(events) => events,
        Err(e) => {
            eprintln!("papertui: error: cannot start loading: {e}");
            return ExitCode::FAILURE;
        }
    };
    let deadline = Instant::now() + READER_WAITS;
    let (mut library, mut progress) = (Library::default(), Progress::default());
    let outcome = loop {
        match events.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(LoadEvent::Grew(grown, now)) => (library, progress) = (grown, now),
            Ok(LoadEvent::Finished(all)) => {
                if !all.errors.is_empty() {
                    print_warnings(&all.warnings);
                    return report_failure(&all.errors);
                }
                print_warnings(&all.warnings);
                let notice = match all.warnings.len() {
                    0 => None,
                    1 => Some(all.warnings[0].to_string()),
                    n => Some(format!(
                        "{n} records skipped while loading; the first: {}",
                        all.warnings[0]
                    )),
                };
                break app::run(all.library, notice, None);
            }
            Err(_) => {
                let streaming = Streaming { events, progress };
                break app::run(library, None, Some(streaming));
            }
        }
    };
    match outcome {
        Ok((exit, loaded)) => {
            // Problems met after the reader opened are told once the terminal is back.
            let failed = loaded.is_some_and(|all| {
                print_warnings(&all.warnings);
                all.errors
                    .iter()
                    .for_each(|p| eprintln!("papertui: error: {p}"));
                !all.errors.is_empty()
            });
            match exit {
                Exit::Signal(signal) => ExitCode::from(128u8.saturating_add(signal as u8)),
                Exit::Quit if failed => ExitCode::from(EXIT_BAD_INPUT),
                Exit::Quit => ExitCode::SUCCESS,
            }
        }
        Err(e) => {
            eprintln!("papertui: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn print_warnings(warnings: &[load::Problem]) {
    for line in load::summarize(warnings) {
        eprintln!("papertui: {line}");
    }
}

fn report_failure(problems: &[load::Problem]) -> ExitCode {
    for p in problems {
        eprintln!("papertui: error: {p}");
    }
    ExitCode::from(EXIT_BAD_INPUT)
}

fn print_papers(lib: &Library, indices: impl Iterator<Item = usize>, json: bool) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        let papers: Vec<_> = indices.map(|i| lib.get(i).to_paper()).collect();
        serde_json::to_writer_pretty(&mut out, &papers)?;
        writeln!(out)?;
    } else {
        for i in indices {
            writeln!(out, "{}", lib.get(i).title())?;
        }
    }
    out.flush()
}
