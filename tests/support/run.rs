//! The real binary run as a command: its output as text, the test data it reads, and the
//! temporary files its saves may leave behind.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use papertui::storage;

use super::Result;

pub const BIN: &str = env!("CARGO_BIN_EXE_papertui");

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The absolute path of `name` in `tests/data`, so it is found from any working directory.
pub fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
        .display()
        .to_string()
}

/// The temporary files of saves in `dir`.
pub fn temporaries(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if storage::is_temporary_name(&entry.file_name()) {
            found.push(entry.path());
        }
    }
    Ok(found)
}
