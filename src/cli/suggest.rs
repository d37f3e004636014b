//! "Did you mean": a FILE that does not exist but is spelled like a command is most likely
//! the command, mistyped (`papertui bookmark`, `papertui serch llm`).

use std::ffi::OsString;
use std::path::Path;

use clap::CommandFactory;

use super::Cli;

/// The command `files[0]` was probably meant to be, when it names no file and is one or two
/// edits away from a command's name (or starts one).
pub fn misspelled_command(files: &[OsString]) -> Option<String> {
    let first = files.first()?.to_str()?;
    if first.len() < 3 || first.contains(['/', '.', ':']) || Path::new(first).exists() {
        return None;
    }
    let command = Cli::command();
    command
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .map(|name| (edits(first, &name), name))
        .filter(|(d, name)| *d <= 2 || name.starts_with(first))
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

/// The Levenshtein distance between two short words.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let replaced = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = replaced.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggest(args: &[&str]) -> Option<String> {
        misspelled_command(&args.iter().map(OsString::from).collect::<Vec<_>>())
    }

    #[test]
    fn a_missing_file_spelled_like_a_command_suggests_it() {
        assert_eq!(suggest(&["bookmark"]).as_deref(), Some("bookmarks"));
        assert_eq!(suggest(&["serch", "llm"]).as_deref(), Some("search"));
        assert_eq!(suggest(&["lsit"]).as_deref(), Some("list"));
        assert_eq!(suggest(&["conf"]).as_deref(), Some("config"));
    }

    #[test]
    fn a_path_or_a_far_word_suggests_nothing() {
        assert_eq!(suggest(&["papers.json"]), None);
        assert_eq!(suggest(&["galore"]), None);
        assert_eq!(suggest(&["./list"]), None);
        assert_eq!(suggest(&["bookmarks:"]), None);
    }
}
