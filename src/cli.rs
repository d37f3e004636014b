//! The command line: argument definitions and the commands that print instead of opening the
//! reader. They share the loaders and the ranking with the reader.

mod bookmarks;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::config::{self, Config};
use crate::library::Library;
use crate::lists::{self, Fetching, List};
use crate::load::{self, Loaded, Source};
use crate::search::query::Query;
use crate::search::scan;
use crate::sources;
use crate::storage;
use bookmarks::{change_bookmarks, open_bookmarks, print_bookmarks};

/// Exit code for input papertui cannot read (and for usage errors, as clap does).
pub const EXIT_BAD_INPUT: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "papertui",
    version,
    about = "A terminal reader for research papers: read, filter and bookmark paper lists",
    long_about = "A terminal reader for research papers. With no FILE it opens the lists of \
                  the config file (config.toml in the config directory), else the bundled \
                  Daily Papers list; FILE may be papertui JSON, a Hugging Face daily papers \
                  response, JSON Lines (papertui or arXiv metadata snapshot) or the Daily Papers \
                  page saved as text; `-` reads standard input. NO_COLOR turns colours off."
)]
pub struct Cli {
    /// Paper lists to open in the reader (`-` for standard input); the config's lists, else
    /// the bundled list, if none
    #[arg(value_name = "FILE")]
    pub files: Vec<OsString>,

    /// Directory of config.toml, bookmarks.json and read.json [default: $PAPERTUI_CONFIG_DIR,
    /// else the platform's config directory, ~/.config/papertui on Linux]
    #[arg(long, global = true, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,

    #[command(flatten)]
    pub net: NetFlags,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// How lists named hf:..., arxiv:... or by URL are fetched; before or after the command.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct NetFlags {
    /// Read fetched lists from the cache only, never from the network
    #[arg(long, global = true, conflicts_with = "refresh")]
    pub offline: bool,
    /// Fetch lists again even when the cached copy is fresh
    #[arg(long, global = true)]
    pub refresh: bool,
    /// Directory of fetched lists [default: $PAPERTUI_CACHE_DIR, else the platform's cache
    /// directory, ~/.cache/papertui on Linux]
    #[arg(long, global = true, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

impl NetFlags {
    /// Fetching as these flags and the config's `[sources]` say.
    pub fn fetching(&self, config: &Config) -> Fetching {
        let cache_dir = crate::net::cache_dir(self.cache_dir.as_deref());
        Fetching::new(&config.sources, cache_dir, self.offline, self.refresh)
    }
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
    /// Print the bookmarks, or add and remove them (for scripts)
    #[command(
        long_about = "Print the bookmarks (in key order), or add and remove them. They live in \
                      bookmarks.json in the config directory; see --config-dir."
    )]
    Bookmarks {
        /// How to print them [default: text, one title a line]
        #[arg(long, value_enum, conflicts_with_all = ["add", "remove"])]
        format: Option<BookmarkFormat>,
        /// Bookmark the paper with this key (as `list --json` prints it), arXiv id or title;
        /// repeatable
        #[arg(long, value_name = "KEY")]
        add: Vec<String>,
        /// Remove the bookmark with this key or arXiv id; repeatable
        #[arg(long, value_name = "KEY", conflicts_with = "add")]
        remove: Vec<String>,
        /// Lists to look the added papers up in, for their title, authors and link (`-` for
        /// standard input); the bundled list if none
        #[arg(value_name = "FILE", requires = "add")]
        files: Vec<OsString>,
    },
    /// Check the config file, print where it is, or print the default one
    #[command(
        long_about = "Check config.toml in the config directory (see --config-dir) and say \
                      where it is; with --print-default, print a commented config file with \
                      every setting at its default, to start one from."
    )]
    Config {
        /// Print a config file with every setting at its default, explained
        #[arg(long, conflicts_with = "path")]
        print_default: bool,
        /// Print the path of the config file (it may not exist)
        #[arg(long)]
        path: bool,
    },
    /// Print where fetched lists are kept and how much they take, or clear them
    #[command(
        long_about = "Fetched lists (hf:..., arxiv:..., URLs) are kept in the cache directory \
                      (see --cache-dir) so that they open offline and are asked for again only \
                      when stale. Entries older than 30 days go, and the oldest beyond 256 MiB."
    )]
    Cache {
        /// Print the cache directory only
        #[arg(long, conflicts_with = "clear")]
        path: bool,
        /// Delete every cached list
        #[arg(long)]
        clear: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff): `papertui man > papertui.1`
    Man,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum BookmarkFormat {
    /// One title a line
    Text,
    /// The entries as bookmarks.json holds them
    Json,
    /// A list of links
    Markdown,
    /// One @misc entry each, with a unique cite key
    Bibtex,
}

/// The lists named on the command line, else the config's default lists, else the bundled
/// list; a name that is no source is refused (exit code 2).
pub fn lists_or(files: &[OsString], defaults: &[OsString]) -> Result<Vec<List>, ExitCode> {
    let args = if files.is_empty() { defaults } else { files };
    if args.is_empty() {
        return Ok(vec![List::File(Source::Bundled)]);
    }
    List::from_args(args).map_err(|e| {
        eprintln!("papertui: error: {e}");
        ExitCode::from(EXIT_BAD_INPUT)
    })
}

/// The config file's settings, and the lists to open when no FILE is given.
pub struct Settings {
    pub config: Config,
    /// Files (resolved from the config directory) and source names, as given.
    pub default_lists: Vec<OsString>,
}

/// Reads the config file of the config directory; a file that cannot be used is reported
/// (exit code 2). With no config directory at all the defaults apply.
pub fn load_settings(config_dir: Option<&Path>) -> Result<Settings, ExitCode> {
    let Ok(dir) = storage::config_dir(config_dir) else {
        return Ok(Settings {
            config: Config::default(),
            default_lists: Vec::new(),
        });
    };
    match storage::load_config(&dir) {
        Ok(config) => {
            let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
            let paths = config.list_paths(&dir, home.as_deref());
            let default_lists = config
                .lists
                .iter()
                .zip(paths)
                .map(|(given, path)| match given.to_str() {
                    Some(name) if sources::is_name(name) => OsString::from(name),
                    _ => path.into_os_string(),
                })
                .collect();
            Ok(Settings {
                config,
                default_lists,
            })
        }
        Err(e) => {
            eprintln!("papertui: error: {e}");
            eprintln!(
                "papertui: fix the config file (`papertui config --print-default` prints one \
                 with every setting explained)"
            );
            Err(ExitCode::from(EXIT_BAD_INPUT))
        }
    }
}

/// Loads the sources, printing warnings; on failure prints one line per problem.
pub fn load_or_report(sources: &[Source]) -> Result<Loaded, ExitCode> {
    match load::load_all(sources) {
        Ok(loaded) => {
            print_warnings(&loaded.warnings);
            Ok(loaded)
        }
        Err(problems) => Err(report_failure(&problems)),
    }
}

/// The lists opened: their papers, and whether a list to fetch could not be had.
pub struct Opened {
    pub loaded: Loaded,
    pub fetch_failed: bool,
}

/// Fetches the lists to fetch, saying on standard error what stands in for the network and
/// what failed, then loads everything, printing warnings. The exit code (2) when nothing could
/// be read, after one line per problem.
pub fn open_lists(
    lists: &[List],
    fetching: &Fetching,
    filter: Option<load::LineFilter>,
) -> Result<Opened, ExitCode> {
    let mut sources = Vec::new();
    let (mut fetch_failed, mut empty_day) = (false, false);
    for list in lists {
        match list {
            List::File(source) => sources.push(source.clone()),
            List::Fetch(source) => match lists::fetch_list(fetching, source, &mut |_| {}) {
                Ok(outcome) => {
                    for warning in outcome.warnings.iter().chain(&outcome.offline) {
                        eprintln!("papertui: warning: {warning}");
                    }
                    // An empty day is said once, not again as a list that holds no papers.
                    match &outcome.empty {
                        Some(empty) => {
                            eprintln!("papertui: {source}: {empty}");
                            empty_day = true;
                        }
                        None => sources.extend(outcome.sources),
                    }
                }
                Err(e) => {
                    eprintln!("papertui: error: {e}");
                    fetch_failed = true;
                }
            },
        }
    }
    if sources.is_empty() && !empty_day {
        return Err(ExitCode::from(EXIT_BAD_INPUT));
    }
    if sources.is_empty() {
        let loaded = Loaded {
            library: Library::default(),
            warnings: Vec::new(),
        };
        return Ok(Opened {
            loaded,
            fetch_failed,
        });
    }
    match load::load_all_filtered(&sources, filter) {
        Ok(loaded) => {
            print_warnings(&loaded.warnings);
            Ok(Opened {
                loaded,
                fetch_failed,
            })
        }
        Err(problems) => Err(report_failure(&problems)),
    }
}

/// Runs a command that prints instead of opening the reader; `config_dir` is `--config-dir`.
pub fn run_command(command: Command, config_dir: Option<&Path>, net: &NetFlags) -> ExitCode {
    let settings = match &command {
        Command::Config { .. } | Command::Completions { .. } | Command::Man => None,
        Command::Cache { path, clear } => return cache_command(net, *path, *clear),
        _ => match load_settings(config_dir) {
            Ok(settings) => Some(settings),
            Err(code) => return code,
        },
    };
    let defaults = settings.as_ref().map_or(&[][..], |s| &s.default_lists[..]);
    let config = settings
        .as_ref()
        .map(|s| s.config.clone())
        .unwrap_or_default();
    let fetching = net.fetching(&config);
    let open = |files: &[OsString], filter| {
        let lists = lists_or(files, defaults)?;
        open_lists(&lists, &fetching, filter)
    };
    let mut fetch_failed = false;
    let result = match command {
        Command::List { files, json } => {
            let opened = match open(&files, None) {
                Ok(opened) => opened,
                Err(code) => return code,
            };
            fetch_failed = opened.fetch_failed;
            let lib = &opened.loaded.library;
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
            let opened = match open(&files, Some(filter)) {
                Ok(opened) => opened,
                Err(code) => return code,
            };
            fetch_failed = opened.fetch_failed;
            let lib = &opened.loaded.library;
            let never = AtomicBool::new(false);
            let hits = scan::search(lib, &query, None, limit, &never)
                .expect("a search nobody cancels finishes");
            print_papers(lib, hits.into_iter().map(|i| i as usize), json)
        }
        Command::Bookmarks {
            format,
            add,
            remove,
            files,
        } => {
            let store = match open_bookmarks(config_dir) {
                Ok(opened) => opened,
                Err(code) => return code,
            };
            if add.is_empty() && remove.is_empty() {
                print_bookmarks(&store.1, format.unwrap_or(BookmarkFormat::Text))
            } else {
                let lists = match lists_or(&files, defaults) {
                    Ok(lists) => lists,
                    Err(code) => return code,
                };
                let Some(sources) = fetched_sources(&lists, &fetching) else {
                    return ExitCode::from(EXIT_BAD_INPUT);
                };
                return change_bookmarks(store, &add, &remove, &sources);
            }
        }
        Command::Config {
            print_default,
            path,
        } => return config_command(config_dir, print_default, path),
        Command::Cache { .. } => unreachable!("answered above"),
        Command::Completions { shell } => {
            let mut out = io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "papertui", &mut out);
            out.flush()
        }
        Command::Man => {
            let mut out = io::stdout().lock();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .and_then(|()| out.flush())
        }
    };
    match result {
        Ok(()) if fetch_failed => ExitCode::from(EXIT_BAD_INPUT),
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`| head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("papertui: error: cannot write output: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The lists as the loaders' sources, the fetched ones fetched; None (after saying why) when
/// one could not be.
fn fetched_sources(lists: &[List], fetching: &Fetching) -> Option<Vec<Source>> {
    let mut sources = Vec::new();
    for list in lists {
        match list {
            List::File(source) => sources.push(source.clone()),
            List::Fetch(source) => match lists::fetch_list(fetching, source, &mut |_| {}) {
                Ok(outcome) => sources.extend(outcome.sources),
                Err(e) => {
                    eprintln!("papertui: error: {e}");
                    return None;
                }
            },
        }
    }
    Some(sources)
}

/// `papertui cache`: where fetched lists are kept and their size, or clear them.
fn cache_command(net: &NetFlags, path: bool, clear: bool) -> ExitCode {
    let Some(dir) = crate::net::cache_dir(net.cache_dir.as_deref()) else {
        eprintln!(
            "papertui: error: no cache directory (no home directory); give one with --cache-dir"
        );
        return ExitCode::FAILURE;
    };
    let cache = crate::net::Cache::new(&dir);
    if path {
        println!("{}", dir.display());
        return ExitCode::SUCCESS;
    }
    if clear {
        return match cache.clear() {
            Ok(n) => {
                println!("Cleared {n} cached responses from {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("papertui: error: cannot clear {}: {e}", dir.display());
                ExitCode::FAILURE
            }
        };
    }
    match cache.usage() {
        Ok(usage) => {
            println!(
                "{}: {} cached responses, {} (entries older than 30 days go, and the oldest \
                 beyond 256 MiB)",
                dir.display(),
                usage.files,
                crate::net::size_words(usage.bytes)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("papertui: error: cannot read {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

pub fn print_warnings(warnings: &[load::Problem]) {
    for line in load::summarize(warnings) {
        eprintln!("papertui: {line}");
    }
}

pub fn report_failure(problems: &[load::Problem]) -> ExitCode {
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

/// `papertui config`: print the default file, or the path, or check the file.
fn config_command(config_dir: Option<&Path>, print_default: bool, path: bool) -> ExitCode {
    if print_default {
        print!("{}", config::default_text());
        return ExitCode::SUCCESS;
    }
    let dir = match storage::config_dir(config_dir) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("papertui: error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let file = dir.join(config::FILE_NAME);
    if path {
        println!("{}", file.display());
        return ExitCode::SUCCESS;
    }
    match load_settings(Some(&dir)) {
        Ok(_) if file.exists() => {
            println!("{}: ok", file.display());
            ExitCode::SUCCESS
        }
        Ok(_) => {
            println!(
                "{}: no such file; every setting is at its default",
                file.display()
            );
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}
