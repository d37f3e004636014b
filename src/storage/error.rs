//! Why a stored file could not be read or saved, naming the file and the step that failed.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use super::CONFIG_DIR_ENV;
use crate::marks::bookmarks::ParseError;

/// Why bookmarks could not be read or saved, naming the file and what failed.
#[derive(Debug)]
pub enum StorageError {
    /// No `--config-dir`, no `PAPERTUI_CONFIG_DIR` and no home directory to put one in.
    NoConfigDir,
    /// `--config-dir` (or the variable, `given`) names something that is not a directory.
    ConfigDirNotADirectory { path: PathBuf, given: &'static str },
    /// The file exists but cannot be read (permissions, I/O error, a dangling symlink).
    Unreadable { path: PathBuf, source: io::Error },
    /// The path holds something other than a regular file; `kind` says what the file should
    /// be ("bookmarks").
    NotAFile {
        path: PathBuf,
        what: &'static str,
        kind: &'static str,
    },
    /// Not valid bookmarks JSON; `line` and `column` are 1-based, 0 when unknown.
    Corrupt {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// Written by a newer papertui, which reads up to `newest`.
    Newer {
        path: PathBuf,
        version: u64,
        newest: u64,
    },
    /// A save failed at `step`; the file on disk is as it was.
    Save {
        path: PathBuf,
        step: String,
        source: io::Error,
    },
}

impl StorageError {
    /// The bookmarks file the error is about.
    pub fn path(&self) -> Option<&Path> {
        match self {
            StorageError::NoConfigDir => None,
            StorageError::ConfigDirNotADirectory { path, .. } => Some(path),
            StorageError::Unreadable { path, .. }
            | StorageError::NotAFile { path, .. }
            | StorageError::Corrupt { path, .. }
            | StorageError::Newer { path, .. }
            | StorageError::Save { path, .. } => Some(path),
        }
    }

    pub(super) fn parse(path: &Path, e: ParseError) -> StorageError {
        let path = path.to_path_buf();
        match e {
            ParseError::Newer { version, newest } => StorageError::Newer {
                path,
                version,
                newest,
            },
            ParseError::Invalid(e) => {
                let text = e.to_string();
                let message = match text.rfind(" at line ") {
                    Some(i) if e.line() > 0 => text[..i].to_string(),
                    _ => text,
                };
                StorageError::Corrupt {
                    path,
                    line: e.line(),
                    column: e.column().max(usize::from(e.line() > 0)),
                    message,
                }
            }
        }
    }
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::NoConfigDir => write!(
                f,
                "cannot tell where the config directory is (no home directory); set \
                 {CONFIG_DIR_ENV} or pass --config-dir"
            ),
            StorageError::ConfigDirNotADirectory { path, given } => write!(
                f,
                "{given} {}: a file, not a directory; give the directory that holds (or will \
                 hold) config.toml and bookmarks.json",
                path.display()
            ),
            StorageError::Unreadable { path, source } => {
                write!(f, "{}: cannot read: {}", path.display(), io_text(source))
            }
            StorageError::NotAFile { path, what, kind } => {
                write!(f, "{}: {what}, not a {kind} file", path.display())
            }
            StorageError::Corrupt {
                path,
                line,
                column,
                message,
            } => match line {
                0 => write!(f, "{}: {message}", path.display()),
                _ => write!(f, "{}:{line}:{column}: {message}", path.display()),
            },
            StorageError::Newer {
                path,
                version,
                newest,
            } => write!(
                f,
                "{}: {}",
                path.display(),
                ParseError::Newer {
                    version: *version,
                    newest: *newest
                }
            ),
            StorageError::Save { path, step, source } => write!(
                f,
                "cannot save {}: {step}: {}",
                path.display(),
                io_text(source)
            ),
        }
    }
}

impl std::error::Error for StorageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StorageError::Unreadable { source, .. } | StorageError::Save { source, .. } => {
                Some(source)
            }
            _ => None,
        }
    }
}

/// An I/O error as a short phrase: "permission denied", without "(os error 13)".
pub(super) fn io_text(e: &io::Error) -> String {
    let text = e.to_string();
    let text = match text.find(" (os error") {
        Some(i) => &text[..i],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
