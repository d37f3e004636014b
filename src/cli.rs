//! The command line: argument definitions and the commands that print instead of opening the
//! reader. They share the loaders and the ranking with the reader.

mod bookmarks;
mod chosen;
mod config_check;
mod man;
mod papers;
mod search;
mod suggest;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::config::{self, Config};
use crate::library::AnnounceType;
use crate::lists::{self, Fetching, List};
use crate::load::{self, Loaded, Source};
use crate::storage;
use bookmarks::{change_bookmarks, open_bookmarks, print_bookmarks};
pub use chosen::{BOOKMARKS_SOURCE, Chosen, ConfigLists, choose};
use config_check::config_command;
pub use man::{ENVIRONMENT, EXAMPLES, EXIT_STATUS, FILES};
use papers::{paper_format, print_papers};
use search::{Searched, search_command};
pub use suggest::misspelled_command;

/// Exit code for input papertui cannot read (and for usage errors, as clap does).
pub const EXIT_BAD_INPUT: u8 = 2;
/// `search` found nothing.
pub const EXIT_NO_MATCH: u8 = 1;

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
    /// Paper lists to open in the reader (`-` for standard input, `bookmarks:` for the
    /// bookmarks); the config's lists, else the bundled list, if none
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
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// How to print them [default: text, one title a line]
        #[arg(long, value_enum)]
        format: Option<PaperFormat>,
    },
    /// Print the papers matching QUERY, best first, ranked as the reader's filter ranks them
    Search {
        /// Space-separated terms, all of which must match: papers holding them as words (or
        /// word starts) first, then tight fuzzy matches; fzf's `'exact`, `^title-start`,
        /// `title-end$`, `!exclude` and `a | b`; a capital (`LoRA`, `Über`) makes a term
        /// case-sensitive, and a term without one finds any case (`über` finds "ÜBER")
        query: String,
        /// Paper lists (`-` for standard input); the bundled list if none
        #[arg(value_name = "FILE")]
        files: Vec<OsString>,
        /// Print at most N papers
        #[arg(long, short = 'n', value_name = "N")]
        limit: Option<usize>,
        /// Print the papers as a JSON array in papertui's format, each with its key
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// How to print them [default: text, one title a line]
        #[arg(long, value_enum)]
        format: Option<PaperFormat>,
    },
    /// Print the bookmarks, or add, tag and remove them (for scripts)
    #[command(
        long_about = "Print the bookmarks, the most recently added first, or add, tag and \
                      remove them. They live in bookmarks.json in the config directory; see \
                      --config-dir. The reader opens them as a list of their own: `papertui \
                      bookmarks:`."
    )]
    Bookmarks {
        /// How to print them [default: text, one title a line with its tags]
        #[arg(long, value_enum, conflicts_with_all = ["add", "remove"])]
        format: Option<BookmarkFormat>,
        /// Bookmark the paper with this key (as `list --json` prints it), arXiv id, arXiv or
        /// Hugging Face URL, or title; a bookmark that has less than the list fills in;
        /// repeatable
        #[arg(long, value_name = "KEY")]
        add: Vec<String>,
        /// Remove the bookmark with this key or arXiv id; repeatable
        #[arg(long, value_name = "KEY")]
        remove: Vec<String>,
        /// Print only the bookmarks tagged TAG; with --add, tag the added papers; repeatable
        #[arg(long, value_name = "TAG")]
        tag: Vec<String>,
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
pub enum PaperFormat {
    /// One title a line
    Text,
    /// A JSON array in papertui's format, each paper with its key (as --json)
    Json,
    /// One paper a line, tab-separated: key, date, upvotes, title (empty when unknown)
    Tsv,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum BookmarkFormat {
    /// One title a line
    Text,
    /// The entries as bookmarks.json holds them, a list papertui reads back
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
    pub lists: ConfigLists,
    /// `--config-dir`, for the bookmarks of `bookmarks:`.
    pub config_dir: Option<PathBuf>,
}

impl Settings {
    fn defaults(config_dir: Option<&Path>) -> Settings {
        Settings {
            config: Config::default(),
            lists: ConfigLists::default(),
            config_dir: config_dir.map(Path::to_path_buf),
        }
    }

    /// What to open: [`choose`]. A config list that cannot be opened is a warning on
    /// standard error; when none can, or a FILE is no list, an error (exit code 2).
    pub fn lists(&self, files: &[OsString]) -> Result<Chosen, ExitCode> {
        let chosen = choose(files, &self.lists, self.config_dir.as_deref()).map_err(|e| {
            eprintln!("papertui: error: {e}");
            ExitCode::from(EXIT_BAD_INPUT)
        })?;
        if chosen.lists.is_empty() {
            return Err(report_failure(&chosen.missing));
        }
        Ok(chosen)
    }

    /// [`Settings::lists`], each missing config list warned about.
    fn lists_warned(&self, files: &[OsString]) -> Result<Vec<List>, ExitCode> {
        let Chosen { lists, missing } = self.lists(files)?;
        for p in &missing {
            eprintln!("papertui: warning: {p}; the other lists are read");
        }
        Ok(lists)
    }
}

/// Reads the config file of the config directory; a file that cannot be used is reported
/// (exit code 2). With no config directory at all the defaults apply.
pub fn load_settings(config_dir: Option<&Path>) -> Result<Settings, ExitCode> {
    let dir = match storage::config_dir(config_dir) {
        Ok(dir) => dir,
        Err(e @ storage::StorageError::ConfigDirNotADirectory { .. }) => {
            eprintln!("papertui: error: {e}");
            return Err(ExitCode::from(EXIT_BAD_INPUT));
        }
        Err(_) => return Ok(Settings::defaults(config_dir)),
    };
    match storage::load_config(&dir) {
        Ok(config) => {
            let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
            let file = dir.join(config::FILE_NAME);
            let lists = ConfigLists::of(&config, &file, home.as_deref());
            Ok(Settings {
                config,
                lists,
                config_dir: config_dir.map(Path::to_path_buf),
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
    load_filtered_or_report(sources, None, &[])
}

/// [`load_or_report`], skipping unparsed the lines `filter` rejects.
fn load_filtered_or_report(
    sources: &[Source],
    filter: Option<load::LineFilter>,
    leave_out: &[AnnounceType],
) -> Result<Loaded, ExitCode> {
    match load::load_all_filtered(sources, filter, leave_out) {
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
    let (sources, fetch_failed) = list_sources(lists, fetching)?;
    let loaded = load_filtered_or_report(&sources, filter, &fetching.leave_out)?;
    Ok(Opened {
        loaded,
        fetch_failed,
    })
}

/// The lists as the loaders' sources, the lists to fetch fetched (saying on standard error
/// what stands in for the network and what failed), and whether one could not be had.
fn list_sources(lists: &[List], fetching: &Fetching) -> Result<(Vec<Source>, bool), ExitCode> {
    let mut sources = Vec::new();
    let (mut fetch_failed, mut empty_day) = (false, false);
    for list in lists {
        match list {
            List::File(source) => sources.push(source.clone()),
            List::Fetch(source) => match lists::fetch_list(fetching, source, &mut |_| {}) {
                Ok(mut outcome) => {
                    outcome.save();
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
    Ok((sources, fetch_failed))
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
    let settings = settings.unwrap_or_else(|| Settings::defaults(config_dir));
    let fetching = net.fetching(&settings.config);
    let open = |files: &[OsString], filter| {
        let lists = settings.lists_warned(files)?;
        open_lists(&lists, &fetching, filter)
    };
    let mut fetch_failed = false;
    let result = match command {
        Command::List {
            files,
            json,
            format,
        } => {
            let opened = match open(&files, None) {
                Ok(opened) => opened,
                Err(code) => return code,
            };
            fetch_failed = opened.fetch_failed;
            let lib = &opened.loaded.library;
            print_papers(lib, 0..lib.len(), paper_format(json, format))
        }
        Command::Search {
            query,
            files,
            limit,
            json,
            format,
        } => {
            let asked = Searched {
                query: &query,
                files: &files,
                limit,
                format: paper_format(json, format),
            };
            return search_command(&settings, &fetching, &asked);
        }
        Command::Bookmarks {
            format,
            add,
            remove,
            tag,
            files,
        } => {
            let store = match open_bookmarks(config_dir) {
                Ok(opened) => opened,
                Err(code) => return code,
            };
            if add.is_empty() && remove.is_empty() {
                print_bookmarks(&store.1, format.unwrap_or(BookmarkFormat::Text), &tag)
            } else {
                let changes = bookmarks::Changes {
                    add: &add,
                    remove: &remove,
                    tags: &tag,
                };
                let lists = match settings.lists_warned(&files) {
                    Ok(lists) => lists,
                    Err(code) => return code,
                };
                let Some(sources) = fetched_sources(&lists, &fetching) else {
                    return ExitCode::from(EXIT_BAD_INPUT);
                };
                return change_bookmarks(store, changes, &sources);
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
            out.write_all(man::page(&Cli::command()).as_bytes())
                .and_then(|()| out.flush())
        }
    };
    exit_code(result, fetch_failed)
}

/// What printing gave: exit code 2 when a list could not be fetched, 1 when the output could
/// not be written (a reader that stops early, `| head`, is no error).
fn exit_code(printed: io::Result<()>, fetch_failed: bool) -> ExitCode {
    match printed {
        Ok(()) if fetch_failed => ExitCode::from(EXIT_BAD_INPUT),
        Ok(()) => ExitCode::SUCCESS,
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
                Ok(mut outcome) => {
                    outcome.save();
                    for warning in &outcome.warnings {
                        eprintln!("papertui: warning: {warning}");
                    }
                    sources.extend(outcome.sources);
                }
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
