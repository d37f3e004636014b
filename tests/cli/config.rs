//! The config file from the command line: `papertui config`, default lists, and a broken file
//! stopping every command that reads it with its line and column.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use crate::support::Result;
use crate::support::run::{BIN, data, stderr, stdout};

fn papertui(config: &Path, args: &[&str]) -> Result<Output> {
    Ok(Command::new(BIN)
        .args(args)
        .env("PAPERTUI_CONFIG_DIR", config)
        .env_remove("NO_COLOR")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()?)
}

#[test]
fn the_printed_default_config_is_accepted_as_it_is() -> Result {
    let dir = tempfile::tempdir()?;
    let out = papertui(dir.path(), &["config", "--print-default"])?;
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.starts_with("# papertui configuration"), "{text}");
    assert!(text.contains("theme = \"dark\""), "{text}");
    assert!(text.contains("next = [\"j\", \"down\"]"), "{text}");
    fs::write(dir.path().join("config.toml"), &text)?;
    let out = papertui(dir.path(), &["config"])?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).ends_with("config.toml: ok\n"),
        "{}",
        stdout(&out)
    );
    let out = papertui(dir.path(), &["config", "--path"])?;
    assert_eq!(
        stdout(&out),
        format!("{}\n", dir.path().join("config.toml").display())
    );
    Ok(())
}

#[test]
fn a_broken_config_stops_commands_and_the_reader_with_its_place() -> Result {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("config.toml");
    fs::write(&file, "theme = \"dark\"\n\n[list]\nfeilds = [\"date\"]\n")?;
    let expected = format!(
        "papertui: error: {}:4:1: unknown field `feilds`",
        file.display()
    );
    for args in [
        &["config"][..],
        &["list"],
        &["search", "x"],
        &["bookmarks"],
        &[],
    ] {
        let out = papertui(dir.path(), args)?;
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).starts_with(&expected),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
    // What helps fix it still works.
    for args in [
        &["config", "--print-default"][..],
        &["completions", "bash"],
        &["man"],
    ] {
        assert!(papertui(dir.path(), args)?.status.success(), "{args:?}");
    }
    Ok(())
}

#[test]
fn lists_in_the_config_replace_the_bundled_list_when_no_file_is_given() -> Result {
    let dir = tempfile::tempdir()?;
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
    fs::copy(
        format!("{data}/hf_daily_papers.sample.json"),
        dir.path().join("today.json"),
    )?;
    fs::write(dir.path().join("config.toml"), "lists = [\"today.json\"]\n")?;
    let out = papertui(dir.path(), &["list"])?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 4);
    assert!(stdout(&out).starts_with("Breaking the Memory Barrier"));
    let out = papertui(dir.path(), &["list", "tests/data/daily-papers.txt"])?;
    assert!(
        stdout(&out).lines().count() > 4,
        "a FILE wins over the config"
    );

    fs::write(dir.path().join("config.toml"), "lists = [\"gone.json\"]\n")?;
    let out = papertui(dir.path(), &["list"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("gone.json"), "{}", stderr(&out));
    Ok(())
}

#[test]
fn the_man_page_is_one_page_with_commands_keys_files_and_exit_status() -> Result {
    let dir = tempfile::tempdir()?;
    let out = papertui(dir.path(), &["man"])?;
    assert!(out.status.success());
    let page = stdout(&out);
    assert!(
        page.starts_with(".TH PAPERTUI 1"),
        "{}",
        &page[..80.min(page.len())]
    );
    for command in [
        "list",
        "search",
        "bookmarks",
        "config",
        "completions",
        "man",
    ] {
        assert!(page.contains(&format!(".SS {command}\n")), "{command}");
    }
    // No page it points to is missing: there is only this one.
    assert!(!page.contains("papertui\\-list"), "{page}");
    for words in [
        ".SH \"KEYS\"",
        "bookmark the paper (or unmark it)",
        ".SH \"FILES\"",
        "bookmarks.json",
        ".SH \"ENVIRONMENT\"",
        "PAPERTUI_CONFIG_DIR",
        ".SH \"EXIT STATUS\"",
        ".SH \"EXAMPLES\"",
        "\\-\\-config\\-dir",
        "\\-\\-format",
    ] {
        assert!(page.contains(words), "{words} not in the page");
    }
    Ok(())
}

#[test]
fn the_config_can_leave_cross_lists_and_replacements_out_of_an_announcement() -> Result {
    // The recorded announcement of cs.CL, its second paper made a cross-list and its third a
    // new version.
    let recorded = fs::read_to_string(data("recorded/arxiv-rss-cs.CL-2026-04-27-3items.xml"))?;
    // Each item says it twice: in its description and in `arxiv:announce_type`.
    let mut feed = String::new();
    for (i, item) in recorded.split("<item>").enumerate() {
        let kind = ["new", "new", "cross", "replace"][i.min(3)];
        if i > 0 {
            feed.push_str("<item>");
        }
        feed.push_str(
            &item
                .replace("Announce Type: new", &format!("Announce Type: {kind}"))
                .replace(
                    ">new</arxiv:announce_type>",
                    &format!(">{kind}</arxiv:announce_type>"),
                ),
        );
    }
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("cs.CL.xml");
    fs::write(&file, feed)?;
    let file = file.to_str().ok_or("a path")?;
    let all = papertui(dir.path(), &["list", file])?;
    assert_eq!(stdout(&all).lines().count(), 3, "{}", stderr(&all));
    fs::write(
        dir.path().join("config.toml"),
        "[sources]\narxiv-cross-lists = false\narxiv-replacements = false\n",
    )?;
    let new_only = papertui(dir.path(), &["list", "--json", file])?;
    assert!(new_only.status.success(), "{}", stderr(&new_only));
    let papers: Vec<serde_json::Value> = serde_json::from_slice(&new_only.stdout)?;
    assert_eq!(papers.len(), 1);
    assert_eq!(papers[0]["announce_type"], "new");
    Ok(())
}
