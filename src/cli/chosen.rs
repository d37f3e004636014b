//! Which lists a command reads: the FILEs given (`bookmarks:` is the reading list of the
//! bookmarks), else the config's `lists` that can be opened (each one that cannot is traced to
//! its line of the config file), else the bundled list.

use std::ffi::OsString;
use std::path::Path;

use crate::config::Config;
use crate::export;
use crate::lists::List;
use crate::load::{self, Problem, Source};
use crate::sources;
use crate::storage::{self, Store};

/// The FILE that opens the bookmarks as a list of their own, the most recently added first.
pub const BOOKMARKS_SOURCE: &str = "bookmarks:";
/// The reading list's name in messages: `bookmarks: no bookmarks yet`.
const READING_LIST: &str = "bookmarks";

/// The config's lists, each with where it is written: `/home/me/.config/papertui/config.toml:3`.
#[derive(Debug, Clone, Default)]
pub struct ConfigLists {
    /// Files (resolved from the config directory) and source names (`hf:today`), as given.
    pub entries: Vec<OsString>,
    pub origins: Vec<String>,
}

impl ConfigLists {
    /// The lists of `config`, read from the file `config_file`; relative paths are taken from
    /// the config directory, `~/` from `home`; source names stay as written.
    pub fn of(config: &Config, config_file: &Path, home: Option<&Path>) -> ConfigLists {
        let dir = config_file.parent().unwrap_or(Path::new("."));
        let paths = config.list_paths(dir, home);
        let entries = config
            .lists
            .iter()
            .zip(paths)
            .map(|(given, path)| match given.to_str() {
                Some(name) if sources::is_name(name) || name == BOOKMARKS_SOURCE => {
                    OsString::from(name)
                }
                _ => path.into_os_string(),
            })
            .collect::<Vec<_>>();
        let origins = (0..entries.len())
            .map(|i| match config.list_lines.get(i) {
                Some(&line) if line > 0 => format!("{}:{line}", config_file.display()),
                _ => config_file.display().to_string(),
            })
            .collect();
        ConfigLists { entries, origins }
    }

    /// Each list file that cannot be opened, as a problem that names the config line it came
    /// from. Lists to fetch are not checked here: fetching says what went wrong.
    pub fn problems(&self) -> Vec<(usize, Problem)> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, entry)| {
                !entry
                    .to_str()
                    .is_some_and(|e| sources::is_name(e) || e == BOOKMARKS_SOURCE)
            })
            .filter_map(|(i, entry)| {
                let mut p = load::check(&Source::from_arg(entry)).err()?;
                p.message = format!("{} (listed in {})", p.message, self.origins[i]);
                Some((i, p))
            })
            .collect()
    }
}

/// What to read, and the config's lists that could not be opened (the others are read).
pub struct Chosen {
    pub lists: Vec<List>,
    pub missing: Vec<Problem>,
}

/// The FILEs given, else the config's lists that can be opened, else the bundled list. When
/// every config list is missing, `lists` is empty and `missing` says why; a FILE that is no
/// list (a bad source name, unreadable bookmarks) is an error in words.
pub fn choose(
    files: &[OsString],
    config: &ConfigLists,
    config_dir: Option<&Path>,
) -> Result<Chosen, String> {
    if !files.is_empty() {
        let lists = files
            .iter()
            .map(|file| list_of(file, config_dir))
            .collect::<Result<_, _>>()?;
        return Ok(Chosen {
            lists,
            missing: Vec::new(),
        });
    }
    if config.entries.is_empty() {
        return Ok(Chosen {
            lists: vec![List::File(Source::Bundled)],
            missing: Vec::new(),
        });
    }
    let problems = config.problems();
    let mut lists = Vec::new();
    for (i, entry) in config.entries.iter().enumerate() {
        if problems.iter().any(|(j, _)| *j == i) {
            continue;
        }
        let list = list_of(entry, config_dir)
            .map_err(|e| format!("{e} (listed in {})", config.origins[i]))?;
        lists.push(list);
    }
    Ok(Chosen {
        lists,
        missing: problems.into_iter().map(|(_, p)| p).collect(),
    })
}

/// One FILE or config list: the reading list, a list to fetch, or a file.
fn list_of(arg: &OsString, config_dir: Option<&Path>) -> Result<List, String> {
    if arg == BOOKMARKS_SOURCE {
        let source = reading_list(config_dir).map_err(|p| p.to_string())?;
        return Ok(List::File(source));
    }
    List::from_arg(arg).map_err(|e| e.to_string())
}

/// The bookmarks as a list in papertui's JSON format, the most recently added first.
fn reading_list(config_dir: Option<&Path>) -> Result<Source, Problem> {
    let dir =
        storage::config_dir(config_dir).map_err(|e| Problem::file(READING_LIST, e.to_string()))?;
    let (_, read) = Store::open(dir);
    let bookmarks = read.map_err(|e| Problem::file(READING_LIST, e.to_string()))?;
    if bookmarks.is_empty() {
        return Err(Problem::file(
            READING_LIST,
            "no bookmarks yet: `b` in the reader bookmarks the selected paper, and \
             `papertui bookmarks --add 2403.03507` one by arXiv id",
        ));
    }
    let text = export::reading_list(&bookmarks.newest_first());
    Ok(Source::Bytes(
        READING_LIST.to_string(),
        text.into_bytes().into(),
    ))
}
