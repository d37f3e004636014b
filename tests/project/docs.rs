//! The README's generated parts never drift: the screenshot is the real reader at 100x30 on
//! the recorded Daily Papers of 12 June 2026, the
//! key table comes from the keymap, the config reference is the printed default file, and
//! the commands are those of `papertui --help`. Regenerate them with
//! `UPDATE_README=1 cargo test --test project docs`.

use crate::support::run::data;
use crate::support::{Reader, Result};
use clap::CommandFactory;
use papertui::cli::Cli;
use papertui::config;
use papertui::keymap::Keymap;
use papertui::load::{Source, load_all};

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

/// The text between `<!-- NAME:start -->` and `<!-- NAME:end -->`.
fn between<'a>(text: &'a str, name: &str) -> Result<(usize, usize, &'a str)> {
    let start_marker = format!("<!-- {name}:start -->\n");
    let end_marker = format!("<!-- {name}:end -->");
    let start = text
        .find(&start_marker)
        .ok_or(format!("README has no {start_marker:?}"))?
        + start_marker.len();
    let end = start
        + text[start..]
            .find(&end_marker)
            .ok_or(format!("README has no {end_marker:?}"))?;
    Ok((start, end, &text[start..end]))
}

/// Tests run at once; their rewrites of the README take turns.
static WRITING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Checks that the README's part `name` is `expected`, or writes it with UPDATE_README=1.
fn generated(name: &str, expected: &str) -> Result {
    let _turn = WRITING
        .lock()
        .map_err(|_| "another test panicked while writing")?;
    let readme = std::fs::read_to_string(README)?;
    let (start, end, found) = between(&readme, name)?;
    if found == expected {
        return Ok(());
    }
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write(README, updated)?;
        return Ok(());
    }
    Err(format!(
        "the README's {name} is out of date; run `UPDATE_README=1 cargo test --test project docs`.\n\
         expected:\n{expected}\nfound:\n{found}"
    )
    .into())
}

#[test]
fn the_screenshot_is_the_real_reader_at_100x30_on_a_real_daily_papers_list() -> Result {
    let day = Source::Path(data("hf-daily-papers-2026-06-12.json").into());
    let library = load_all(&[day]).map_err(|e| format!("{e:?}"))?.library;
    let mut r = Reader::new(library, 100, 30)?;
    let screen = r.screen()?;
    generated("screenshot", &format!("```text\n{screen}```\n"))
}

#[test]
fn the_key_table_is_the_keymap() -> Result {
    generated("keys", &Keymap::default().markdown_table())
}

#[test]
fn the_config_reference_is_the_printed_default_file() -> Result {
    generated(
        "config",
        &format!("```toml\n{}```\n", config::default_text()),
    )
}

#[test]
fn the_commands_are_those_of_help() -> Result {
    let readme = std::fs::read_to_string(README)?;
    let (_, _, commands) = between(&readme, "commands")?;
    let mut in_readme: Vec<String> = commands
        .lines()
        .filter_map(|line| line.strip_prefix("papertui "))
        .filter_map(|rest| rest.split_whitespace().next())
        .filter(|word| word.chars().all(|c| c.is_ascii_lowercase()))
        .map(str::to_string)
        .collect();
    in_readme.dedup();
    let in_help: Vec<String> = Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect();
    assert_eq!(in_readme, in_help);
    let help = Cli::command().render_long_help().to_string();
    for command in &in_help {
        assert!(
            help.contains(&format!("  {command} ")),
            "{command} in --help"
        );
    }
    Ok(())
}

#[test]
fn the_man_pages_files_environment_and_examples_agree_with_the_readme_and_the_parser() -> Result {
    use clap::Parser;
    let readme = std::fs::read_to_string(README)?;
    for (file, _) in papertui::cli::FILES {
        for name in file.split(", ") {
            assert!(
                readme.contains(&format!("`{name}`")),
                "{name} not in the README"
            );
        }
    }
    for (var, _) in papertui::cli::ENVIRONMENT {
        assert!(readme.contains(var), "{var} not in the README");
    }
    for (code, _) in papertui::cli::EXIT_STATUS.iter().take(3) {
        assert!(
            readme.contains(&format!("{code} ")),
            "exit code {code} not in the README"
        );
    }
    for (example, _) in papertui::cli::EXAMPLES {
        // Quotes hold one argument: the examples use single quotes only.
        let mut args = Vec::new();
        for (i, part) in example.split('\'').enumerate() {
            if i % 2 == 1 {
                args.push(part.to_string());
            } else {
                args.extend(part.split_whitespace().map(str::to_string));
            }
        }
        Cli::try_parse_from(&args).map_err(|e| format!("{example}: {e}"))?;
    }
    Ok(())
}
