//! `papertui config`: prints the default file or the path, or checks the file and the lists
//! it names.

use std::path::Path;
use std::process::ExitCode;

use super::{EXIT_BAD_INPUT, load_settings};
use crate::config;
use crate::storage;

/// `papertui config`: print the default file, or the path, or check the file.
pub(super) fn config_command(
    config_dir: Option<&Path>,
    print_default: bool,
    path: bool,
) -> ExitCode {
    if print_default {
        print!("{}", config::default_text());
        return ExitCode::SUCCESS;
    }
    let dir = match storage::config_dir(config_dir) {
        Ok(dir) => dir,
        Err(e @ storage::StorageError::ConfigDirNotADirectory { .. }) => {
            eprintln!("papertui: error: {e}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
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
        Ok(settings) if file.exists() => {
            let missing = settings.lists.problems();
            if missing.is_empty() {
                println!("{}: ok", file.display());
                return ExitCode::SUCCESS;
            }
            for (_, p) in &missing {
                eprintln!("papertui: error: {p}");
            }
            eprintln!(
                "papertui: {} of the {} lists in {} cannot be opened; fix or remove them",
                missing.len(),
                settings.lists.entries.len(),
                file.display()
            );
            ExitCode::from(EXIT_BAD_INPUT)
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
