//! Replacing a stored file so that no kill loses it: an exclusive lock, a temporary file
//! renamed over the file, and cleaning up the temporary files of killed saves.

use std::ffi::OsStr;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use super::{FILE_NAME, FileStore, READ_FILE_NAME, StorageError, Stored};

/// What a temporary file's name holds after the saved file's name.
pub(super) const TMP_INFIX: &str = ".tmp.";
/// How long a save waits for another instance's save before giving up. Saves take
/// milliseconds; only a stopped or hung instance holds the lock this long.
const LOCK_WAIT: Duration = Duration::from_secs(10);
/// A temporary file this old is stale even if a process with its pid still runs (pid reuse).
const STALE_AFTER: Duration = Duration::from_mins(1);

/// Makes temporary names unique among the saves of one process.
static TMP_SEQ: AtomicU64 = AtomicU64::new(0);

impl<D: Stored> FileStore<D> {
    /// Replaces the file's content with `bytes` by writing a temporary file and renaming it
    /// over the file, so a crash never leaves half a file.
    pub(super) fn replace(&self, bytes: &[u8]) -> Result<(), StorageError> {
        let target = self.target();
        let dir = target.parent().unwrap_or(Path::new("."));
        let keep_mode = fs::metadata(&target).ok().map(|m| m.permissions());
        // The rename would replace a file its owner made read-only; honour the mode instead.
        if let (Some(_), Err(e)) = (&keep_mode, crate::os::writable(&target)) {
            let what = if target == self.file {
                "the file".to_string()
            } else {
                format!("its target {}", target.display())
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
    pub(super) fn lock(&self) -> Result<File, StorageError> {
        let path = self.dir.join(D::LOCK_NAME);
        let lock = open_lock_file(&path)
            .map_err(|e| self.save_error(format!("cannot open {}", path.display()), e))?;
        let deadline = Instant::now() + LOCK_WAIT;
        loop {
            match crate::os::try_flock(&lock) {
                Ok(true) => return Ok(lock),
                Ok(false) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(2));
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
    pub(super) fn clean_stale_temporaries(&self) {
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
        if let Ok(true) = crate::os::try_flock(&lock) {
            self.clean_temporaries_locked();
        }
    }

    /// Removes stale temporary files; the caller holds the lock, so no save is writing one.
    pub(super) fn clean_temporaries_locked(&self) {
        let now = SystemTime::now();
        for dir in self.temporary_dirs() {
            for (path, pid) in temporaries(&dir, &self.tmp_prefix) {
                let old = fs::symlink_metadata(&path)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| now.duration_since(t).ok())
                    .is_some_and(|age| age >= STALE_AFTER);
                if old || !crate::os::process_is_alive(pid) {
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

/// True if `name` is one of the temporary files a save writes.
pub fn is_temporary_name(name: &OsStr) -> bool {
    name.to_str().is_some_and(|n| {
        [FILE_NAME, READ_FILE_NAME]
            .iter()
            .any(|file| n.starts_with(&format!(".{file}{TMP_INFIX}")))
    })
}
