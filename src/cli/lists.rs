//! Which lists a command reads: the FILEs given (`bookmarks:` is the reading list of the
//! bookmarks), else the config's `lists` that can be opened (each one that cannot is traced to
//! its line of the config file), else the bundled list.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::export;
use crate::load::{self, Problem, Source};
use crate::storage::{self, Store};

/// The FILE that opens the bookmarks as a list of their own, the most recently added first.
pub const BOOKMARKS_SOURCE: &str = "bookmarks:";
/// The reading list's name in messages: `bookmarks: no bookmarks yet`.
const READING_LIST: &str = "bookmarks";

/// The config's lists, each with where it is written: `/home/me/.config/papertui/config.toml:3`.
#[derive(Debug, Clone, Default)]
pub struct ConfigLists {
    pub paths: Vec<PathBuf>,
    pub origins: Vec<String>,
}

impl ConfigLists {
    /// The lists of `config`, read from the file `config_file`; relative paths are taken from
    /// the config directory, `~/` from `home`.
    pub fn of(config: &Config, config_file: &Path, home: Option<&Path>) -> ConfigLists {
        let dir = config_file.parent().unwrap_or(Path::new("."));
        let paths = config.list_paths(dir, home);
        let origins = (0..paths.len())
            .map(|i| match config.list_lines.get(i) {
                Some(&line) if line > 0 => format!("{}:{line}", config_file.display()),
                _ => config_file.display().to_string(),
            })
            .collect();
        ConfigLists { paths, origins }
    }

    /// Each list that cannot be opened, as a problem that names the config line it came from.
    pub fn problems(&self) -> Vec<(usize, Problem)> {
        self.paths
            .iter()
            .enumerate()
            .filter_map(|(i, path)| {
                let mut p = load::check(&Source::Path(path.clone())).err()?;
                p.message = format!("{} (listed in {})", p.message, self.origins[i]);
                Some((i, p))
            })
            .collect()
    }
}

/// What to read, and the config's lists that could not be opened (the others are read).
pub struct Chosen {
    pub sources: Vec<Source>,
    pub missing: Vec<Problem>,
}

/// The FILEs given, else the config's lists that can be opened, else the bundled list. When
/// every config list is missing, or the bookmarks cannot be read, `sources` is empty and
/// `missing` says why.
pub fn choose(files: &[OsString], lists: &ConfigLists, config_dir: Option<&Path>) -> Chosen {
    if !files.is_empty() {
        let mut sources = Vec::new();
        for file in files {
            if file != BOOKMARKS_SOURCE {
                sources.push(Source::from_arg(file));
                continue;
            }
            match reading_list(config_dir) {
                Ok(source) => sources.push(source),
                Err(problem) => {
                    return Chosen {
                        sources: Vec::new(),
                        missing: vec![problem],
                    };
                }
            }
        }
        return Chosen {
            sources,
            missing: Vec::new(),
        };
    }
    if lists.paths.is_empty() {
        return Chosen {
            sources: vec![Source::Bundled],
            missing: Vec::new(),
        };
    }
    let problems = lists.problems();
    let sources = lists
        .paths
        .iter()
        .enumerate()
        .filter(|(i, _)| !problems.iter().any(|(j, _)| j == i))
        .map(|(_, p)| Source::Path(p.clone()))
        .collect();
    Chosen {
        sources,
        missing: problems.into_iter().map(|(_, p)| p).collect(),
    }
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
        "bookmarks".to_string(),
        text.into_bytes().into(),
    ))
}
