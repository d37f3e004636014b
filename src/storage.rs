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

use std::ffi::OsStr;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use crate::config::{self, Config, ConfigError};
use crate::model::bookmarks::{Bookmarks, ParseError};
use crate::model::read_marks::ReadMarks;

pub const FILE_NAME: &str = "bookmarks.json";
pub const LOCK_NAME: &str = "bookmarks.lock";
pub const READ_FILE_NAME: &str = "read.json";
pub const READ_LOCK_NAME: &str = "read.lock";
/// Overrides the config directory (below `--config-dir`, above the platform's).
pub const CONFIG_DIR_ENV: &str = "PAPERTUI_CONFIG_DIR";
/// What a temporary file's name holds after the saved file's name.
const TMP_INFIX: &str = ".tmp.";
/// How long a save waits for another instance's save before giving up. Saves take
/// milliseconds; only a stopped or hung instance holds the lock this long.
const LOCK_WAIT: Duration = Duration::from_secs(10);
/// A temporary file this old is stale even if a process with its pid still runs (pid reuse).
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Makes temporary names unique among the saves of one process.
static TMP_SEQ: AtomicU64 = AtomicU64::new(0);

/// Why bookmarks could not be read or saved, naming the file and what failed.
#[derive(Debug)]
pub enum StorageError {
    /// No `--config-dir`, no `PAPERTUI_CONFIG_DIR` and no home directory to put one in.
    NoConfigDir,
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
    /// Written by a newer papertui.
    Newer { path: PathBuf, version: u64 },
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
            StorageError::Unreadable { path, .. }
            | StorageError::NotAFile { path, .. }
            | StorageError::Corrupt { path, .. }
            | StorageError::Newer { path, .. }
            | StorageError::Save { path, .. } => Some(path),
        }
    }

    fn parse(path: &Path, e: ParseError) -> StorageError {
        let path = path.to_path_buf();
        match e {
            ParseError::Newer { version } => StorageError::Newer { path, version },
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
            StorageError::Newer { path, version } => write!(
                f,
                "{}: {}",
                path.display(),
                ParseError::Newer { version: *version }
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
fn io_text(e: &io::Error) -> String {
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

/// The config directory: `--config-dir`, else `PAPERTUI_CONFIG_DIR`, else the platform's
/// (`$XDG_CONFIG_HOME/papertui`, by default `~/.config/papertui`, on Linux).
pub fn config_dir(flag: Option<&Path>) -> Result<PathBuf, StorageError> {
    if let Some(dir) = flag {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
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

    /// Replaces the file's content with `bytes` by writing a temporary file and renaming it
    /// over the file, so a crash never leaves half a file.
    fn replace(&self, bytes: &[u8]) -> Result<(), StorageError> {
        let target = self.target();
        let dir = target.parent().unwrap_or(Path::new("."));
        let keep_mode = fs::metadata(&target).ok().map(|m| m.permissions());
        // The rename would replace a file its owner made read-only; honour the mode instead.
        if let (Some(_), Err(e)) = (&keep_mode, writable(&target)) {
            let what = match target == self.file {
                true => "the file".to_string(),
                false => format!("its target {}", target.display()),
            };
            return Err(self.save_error(format!("{what} is not writable"), e));
        }
        let (tmp_path, mut tmp) = create_temporary(dir, &self.tmp_prefix)
            .map_err(|(p, e)| self.save_error(format!("cannot create {}", p.display()), e))?;
        let written = (|| {
            if let Some(mode) = keep_mode {
                tmp.set_permissions(mode)
                    .map_err(|e| ("cannot set the permissions of", e))?;
            }
            tmp.write_all(bytes).map_err(|e| ("cannot write", e))?;
            tmp.sync_all().map_err(|e| ("cannot flush to disk", e))?;
            drop(tmp);
            fs::rename(&tmp_path, &target).map_err(|e| ("cannot rename over the file", e))
        })();
        if let Err((what, e)) = written {
            let _ = fs::remove_file(&tmp_path);
            return Err(self.save_error(format!("{what} {}", tmp_path.display()), e));
        }
        // The rename is durable only once the directory is; some file systems cannot sync a
        // directory (EINVAL), and there is nothing more to do on those.
        match File::open(dir).and_then(|d| d.sync_all()) {
            Err(e) if e.raw_os_error() != Some(libc::EINVAL) => Err(self.save_error(
                format!("cannot flush the directory {} to disk", dir.display()),
                e,
            )),
            _ => Ok(()),
        }
    }

    /// Waits for the exclusive lock on the lock file; it is released when the file closes.
    fn lock(&self) -> Result<File, StorageError> {
        let path = self.dir.join(D::LOCK_NAME);
        let lock = open_lock_file(&path)
            .map_err(|e| self.save_error(format!("cannot open {}", path.display()), e))?;
        let deadline = Instant::now() + LOCK_WAIT;
        loop {
            match try_flock(&lock) {
                Ok(true) => return Ok(lock),
                Ok(false) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(2))
                }
                Ok(false) => {
                    return Err(self.save_error(
                        format!(
                            "another papertui has held the lock {} for {} s",
                            path.display(),
                            LOCK_WAIT.as_secs()
                        ),
                        io::ErrorKind::TimedOut.into(),
                    ));
                }
                Err(e) => {
                    return Err(self.save_error(format!("cannot lock {}", path.display()), e));
                }
            }
        }
    }

    /// At start: removes what killed saves left, if no save is running now. Best effort: a
    /// read-only directory just keeps them.
    fn clean_stale_temporaries(&self) {
        let any = self
            .temporary_dirs()
            .iter()
            .any(|dir| !temporaries(dir, &self.tmp_prefix).is_empty());
        if !any {
            return;
        }
        let Ok(lock) = open_lock_file(&self.dir.join(D::LOCK_NAME)) else {
            return;
        };
        if let Ok(true) = try_flock(&lock) {
            self.clean_temporaries_locked();
        }
    }

    /// Removes stale temporary files; the caller holds the lock, so no save is writing one.
    fn clean_temporaries_locked(&self) {
        let now = SystemTime::now();
        for dir in self.temporary_dirs() {
            for (path, pid) in temporaries(&dir, &self.tmp_prefix) {
                let old = fs::symlink_metadata(&path)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| now.duration_since(t).ok())
                    .is_some_and(|age| age >= STALE_AFTER);
                if old || !process_is_alive(pid) {
                    let _ = fs::remove_file(&path);
                }
            }
        }
    }

    /// The config directory, and the directory of the symlink target if the file is one.
    fn temporary_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = vec![self.dir.clone()];
        let target = self.target();
        match target.parent() {
            Some(dir) if dir != self.dir => dirs.push(dir.to_path_buf()),
            _ => {}
        }
        dirs
    }
}

/// The bytes of the regular file at `path`, None if there is none; an error names the path
/// and says what it holds instead (a `kind` file is expected there).
fn read_regular_file(path: &Path, kind: &'static str) -> Result<Option<Vec<u8>>, StorageError> {
    let unreadable = |source| StorageError::Unreadable {
        path: path.to_path_buf(),
        source,
    };
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unreadable(e)),
        Ok(meta) if meta.file_type().is_symlink() => {
            if let Err(e) = fs::metadata(path) {
                let target = fs::read_link(path).unwrap_or_default();
                return Err(unreadable(io::Error::new(
                    e.kind(),
                    format!("a symlink to {}: {}", target.display(), io_text(&e)),
                )));
            }
        }
        Ok(_) => {}
    }
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    let mut file = match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
    {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        other => other.map_err(unreadable)?,
    };
    let file_type = file.metadata().map_err(unreadable)?.file_type();
    let not_a_file = if file_type.is_dir() {
        Some("is a directory")
    } else if file_type.is_fifo() {
        Some("is a FIFO (named pipe)")
    } else if file_type.is_socket() {
        Some("is a socket")
    } else if file_type.is_block_device() || file_type.is_char_device() {
        Some("is a device")
    } else if !file_type.is_file() {
        Some("is not a regular file")
    } else {
        None
    };
    if let Some(what) = not_a_file {
        return Err(StorageError::NotAFile {
            path: path.to_path_buf(),
            what,
            kind,
        });
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(unreadable)?;
    Ok(Some(bytes))
}

/// Creates a new temporary file in `dir` with a name no other save uses.
fn create_temporary(dir: &Path, prefix: &str) -> Result<(PathBuf, File), (PathBuf, io::Error)> {
    let pid = std::process::id();
    let mut tries = 0;
    loop {
        let n = TMP_SEQ.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!("{prefix}{pid}.{n}"));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o666)
            .open(&path)
        {
            Ok(file) => return Ok((path, file)),
            // Left by a killed process that had our pid; take the next name.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 1000 => tries += 1,
            Err(e) => return Err((path, e)),
        }
    }
}

/// The temporary files in `dir` with the pid in their names.
fn temporaries(dir: &Path, prefix: &str) -> Vec<(PathBuf, i32)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name();
            let rest = name.to_str()?.strip_prefix(prefix)?;
            let (pid, seq) = rest.split_once('.')?;
            seq.parse::<u64>().ok()?;
            Some((entry.path(), pid.parse().ok()?))
        })
        .collect()
}

fn process_is_alive(pid: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    alive || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Opens (creating it if need be) the lock file; read-only is enough to lock it, so a lock
/// file someone else created still works.
fn open_lock_file(path: &Path) -> io::Result<File> {
    match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o666)
        .open(path)
    {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied && path.exists() => File::open(path),
        other => other,
    }
}

/// Whether this process may write `path`, by the kernel's rules (root may write anything).
fn writable(path: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    // SAFETY: `c_path` is a valid NUL-terminated string that outlives the call.
    match unsafe { libc::access(c_path.as_ptr(), libc::W_OK) } {
        0 => Ok(()),
        _ => Err(io::Error::last_os_error()),
    }
}

/// Tries to take the exclusive lock: Ok(false) if another process holds it.
fn try_flock(file: &File) -> io::Result<bool> {
    loop {
        // SAFETY: the descriptor belongs to `file`, which outlives the call.
        let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if r == 0 {
            return Ok(true);
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EWOULDBLOCK) => return Ok(false),
            _ => return Err(e),
        }
    }
}

/// True if `name` is one of the temporary files a save writes.
pub fn is_temporary_name(name: &OsStr) -> bool {
    name.to_str().is_some_and(|n| {
        [FILE_NAME, READ_FILE_NAME]
            .iter()
            .any(|file| n.starts_with(&format!(".{file}{TMP_INFIX}")))
    })
}

/// Reads `config.toml` from the config directory: the defaults if there is none, an error
/// naming the file (and the line and column of a mistake) if it cannot be used.
pub fn load_config(dir: &Path) -> Result<Config, ConfigLoadError> {
    let path = dir.join(config::FILE_NAME);
    let Some(bytes) = read_regular_file(&path, "config").map_err(ConfigLoadError::Storage)? else {
        return Ok(Config::default());
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        ConfigLoadError::Config(ConfigError {
            path: path.clone(),
            line: 0,
            column: 0,
            message: format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
        })
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Config::parse(text, &path).map_err(ConfigLoadError::Config)
}

/// Why the config file cannot be used.
#[derive(Debug)]
pub enum ConfigLoadError {
    /// It cannot be read, or is not a file.
    Storage(StorageError),
    Config(ConfigError),
}

impl fmt::Display for ConfigLoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigLoadError::Storage(e) => e.fmt(f),
            ConfigLoadError::Config(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ConfigLoadError {}
