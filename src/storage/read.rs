//! Reading a file of the config directory without ever writing it: only a regular file is
//! read, and the config file is parsed with its mistakes placed.

use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use super::error::{StorageError, io_text};
use crate::config::{self, Config, ConfigError};

/// The bytes of the regular file at `path`, None if there is none; an error names the path
/// and says what it holds instead (a `kind` file is expected there).
pub(super) fn read_regular_file(
    path: &Path,
    kind: &'static str,
) -> Result<Option<Vec<u8>>, StorageError> {
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
