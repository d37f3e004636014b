//! Storage: the only code that touches the disk. It finds the config directory, reads
//! `config.toml` there, and reads and saves `bookmarks.json` and `read.json` so that no
//! bookmark or read mark is ever lost.
//!
//! The protocol, the same for both files (the bookmarks' names below; `read.json` has
//! `read.lock` and `.read.json.tmp.*`):
//! - **Read** never writes. A missing file is no bookmarks; a file that cannot be read, is not
//!   a regular file, is not valid bookmarks JSON or has a newer format version is an error,
//!   and nothing ever writes over it (the caller runs read-only until it is fixed).
//! - **Save** takes an exclusive `flock` on `bookmarks.lock` (a separate file, so the lock
//!   survives the rename below), re-reads `bookmarks.json`, applies only this instance's own
//!   changes to what it holds ([`Bookmarks::merge_into`]), writes the result to a new
//!   `.bookmarks.json.tmp.<pid>.<n>` in the same directory, fsyncs it, renames it over
//!   `bookmarks.json`, fsyncs the directory and releases the lock. A kill at any moment leaves
//!   the old file or the new one; two instances never lose each other's bookmarks, and a hand
//!   edit made meanwhile is kept. If the re-read fails the save is refused (fail closed).
//! - A save that fails keeps the bookmarks and their unsaved changes in memory, so the next
//!   save retries them.
//! - Temporary files left by a killed save are removed at start and at each save, under the
//!   lock (so no save is writing them), when their process is gone or they are a minute old.
//! - A `bookmarks.json` that is a symlink (a dotfiles repository) is written through: the
//!   temporary file goes beside the link's target and replaces the target.

mod error;
mod read;
mod replace;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::marks::bookmarks::{Bookmarks, ParseError};
use crate::marks::read::ReadMarks;
use read::read_regular_file;
use replace::TMP_INFIX;

pub use error::StorageError;
pub use read::{ConfigLoadError, load_config};
pub use replace::is_temporary_name;

pub const FILE_NAME: &str = "bookmarks.json";
pub const LOCK_NAME: &str = "bookmarks.lock";
pub const READ_FILE_NAME: &str = "read.json";
pub const READ_LOCK_NAME: &str = "read.lock";
/// Overrides the config directory (below `--config-dir`, above the platform's).
pub const CONFIG_DIR_ENV: &str = "PAPERTUI_CONFIG_DIR";

/// The config directory: `--config-dir`, else `PAPERTUI_CONFIG_DIR`, else the platform's
/// (`$XDG_CONFIG_HOME/papertui`, by default `~/.config/papertui`, on Linux).
/// A directory named that exists but is no directory (a file given by mistake) is an error
/// naming where it was given.
pub fn config_dir(flag: Option<&Path>) -> Result<PathBuf, StorageError> {
    let not_a_dir = |path: &Path, given: &'static str| {
        let meta = fs::metadata(path).ok()?;
        (!meta.is_dir()).then(|| StorageError::ConfigDirNotADirectory {
            path: path.to_path_buf(),
            given,
        })
    };
    if let Some(dir) = flag {
        return match not_a_dir(dir, "--config-dir") {
            Some(e) => Err(e),
            None => Ok(dir.to_path_buf()),
        };
    }
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        let dir = PathBuf::from(dir);
        return match not_a_dir(&dir, CONFIG_DIR_ENV) {
            Some(e) => Err(e),
            None => Ok(dir),
        };
    }
    directories::ProjectDirs::from("", "", "papertui")
        .map(|dirs| dirs.config_dir().to_path_buf())
        .ok_or(StorageError::NoConfigDir)
}

/// What a store keeps in its file: how it reads and writes, and how this instance's changes
/// merge into what the file holds when it saves.
pub trait Stored: Clone + Default + PartialEq {
    const FILE_NAME: &'static str;
    const LOCK_NAME: &'static str;
    /// What the file is, for messages: "bookmarks".
    const KIND: &'static str;
    fn from_json(bytes: &[u8]) -> Result<Self, ParseError>;
    fn to_json(&self) -> String;
    fn has_unsaved_changes(&self) -> bool;
    /// `on_disk` with only this instance's changes applied; no unsaved changes left.
    fn merge_into(&self, on_disk: Self) -> Self;
}

impl Stored for Bookmarks {
    const FILE_NAME: &'static str = FILE_NAME;
    const LOCK_NAME: &'static str = LOCK_NAME;
    const KIND: &'static str = "bookmarks";
    fn from_json(bytes: &[u8]) -> Result<Self, ParseError> {
        Bookmarks::from_json(bytes)
    }
    fn to_json(&self) -> String {
        Bookmarks::to_json(self)
    }
    fn has_unsaved_changes(&self) -> bool {
        Bookmarks::has_unsaved_changes(self)
    }
    fn merge_into(&self, on_disk: Self) -> Self {
        Bookmarks::merge_into(self, on_disk)
    }
}

impl Stored for ReadMarks {
    const FILE_NAME: &'static str = READ_FILE_NAME;
    const LOCK_NAME: &'static str = READ_LOCK_NAME;
    const KIND: &'static str = "read marks";
    fn from_json(bytes: &[u8]) -> Result<Self, ParseError> {
        ReadMarks::from_json(bytes)
    }
    fn to_json(&self) -> String {
        ReadMarks::to_json(self)
    }
    fn has_unsaved_changes(&self) -> bool {
        ReadMarks::has_unsaved_changes(self)
    }
    fn merge_into(&self, on_disk: Self) -> Self {
        ReadMarks::merge_into(self, on_disk)
    }
}

/// The bookmarks file of one config directory.
pub type Store = FileStore<Bookmarks>;
/// The read marks file of one config directory.
pub type ReadStore = FileStore<ReadMarks>;

/// One stored file of a config directory.
#[derive(Debug)]
pub struct FileStore<D> {
    dir: PathBuf,
    file: PathBuf,
    tmp_prefix: String,
    kept: std::marker::PhantomData<fn() -> D>,
}

impl<D> Clone for FileStore<D> {
    fn clone(&self) -> Self {
        FileStore {
            dir: self.dir.clone(),
            file: self.file.clone(),
            tmp_prefix: self.tmp_prefix.clone(),
            kept: std::marker::PhantomData,
        }
    }
}

impl<D: Stored> FileStore<D> {
    /// Cleans up after killed saves and reads the file. An error means the file must not be
    /// written: the caller runs read-only, naming the file, until it is fixed (see
    /// [`FileStore::load`] to check again).
    pub fn open(dir: impl Into<PathBuf>) -> (FileStore<D>, Result<D, StorageError>) {
        let dir = dir.into();
        let store = FileStore {
            file: dir.join(D::FILE_NAME),
            dir,
            tmp_prefix: format!(".{}{TMP_INFIX}", D::FILE_NAME),
            kept: std::marker::PhantomData,
        };
        store.clean_stale_temporaries();
        let document = store.load();
        (store, document)
    }

    /// The file, for messages.
    pub fn path(&self) -> &Path {
        &self.file
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Reads the file as it is on disk now; a missing file is an empty document.
    pub fn load(&self) -> Result<D, StorageError> {
        Ok(self.read()?.0)
    }

    /// Writes this instance's unsaved changes into the file (see the module comment). On
    /// success `document` becomes what the file now holds, other instances' changes included,
    /// with no unsaved changes. On failure the file is as it was and `document` is untouched,
    /// so the next save retries.
    pub fn save(&self, document: &mut D) -> Result<(), StorageError> {
        if !document.has_unsaved_changes() {
            return Ok(());
        }
        fs::create_dir_all(&self.dir).map_err(|e| {
            self.save_error(
                format!("cannot create the directory {}", self.dir.display()),
                e,
            )
        })?;
        let _lock = self.lock()?;
        self.clean_temporaries_locked();
        let (on_disk, exists) = self.read()?;
        let merged = document.merge_into(on_disk.clone());
        // Nothing to write (another instance saved the same change): leave the bytes alone,
        // hand formatting included.
        if merged != on_disk || !exists {
            self.replace(merged.to_json().as_bytes())?;
        }
        *document = merged;
        Ok(())
    }

    fn save_error(&self, step: String, source: io::Error) -> StorageError {
        StorageError::Save {
            path: self.file.clone(),
            step,
            source,
        }
    }

    /// The document, and whether the file exists.
    fn read(&self) -> Result<(D, bool), StorageError> {
        match read_regular_file(&self.file, D::KIND)? {
            None => Ok(Default::default()),
            Some(bytes) => {
                let document =
                    D::from_json(&bytes).map_err(|e| StorageError::parse(&self.file, e))?;
                Ok((document, true))
            }
        }
    }

    /// Where the bytes go: the file, or the target of the symlink it is.
    fn target(&self) -> PathBuf {
        match fs::symlink_metadata(&self.file) {
            Ok(meta) if meta.file_type().is_symlink() => {
                fs::canonicalize(&self.file).unwrap_or_else(|_| self.file.clone())
            }
            _ => self.file.clone(),
        }
    }
}
