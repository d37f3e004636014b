//! Answers that help: what the command line says when a user gets something wrong, asserted on
//! the words a user needs (what the file is, where, and what to do instead).

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::support::Result;
use crate::support::run::{BIN, data, stderr, stdout};

/// The binary with `config` as its config directory, from the repository's root.
fn papertui(config: &Path, args: &[&str]) -> Result<Output> {
    Ok(Command::new(BIN)
        .args(args)
        .env("PAPERTUI_CONFIG_DIR", config)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()?)
}

/// `papertui list` of a file holding `bytes`.
fn list_of(name: &str, bytes: &[u8]) -> Result<Output> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join(name);
    fs::write(&file, bytes)?;
    papertui(dir.path(), &["list", &file.display().to_string()])
}

#[test]
fn a_daily_papers_page_saved_from_the_browser_is_refused_with_the_command_that_fetches_it() -> Result
{
    let page = b"<!DOCTYPE html>\n<html><head><title>Daily Papers - Hugging Face</title>\
                 </head><body><a href=\"/papers/date/2026-06-12\">Jun 12</a></body></html>";
    let out = list_of("Daily Papers.html", page)?;
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(err.contains("Daily Papers.html: an HTML page"), "{err}");
    assert!(err.contains("`papertui hf:2026-06-12`"), "{err}");
    Ok(())
}

#[test]
fn xml_that_is_no_feed_papertui_reads_is_named_by_its_root() -> Result {
    let out = list_of(
        "pom.xml",
        b"<?xml version=\"1.0\"?>\n<project><name>x</name></project>",
    )?;
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("an XML document (root element <project>)"),
        "{err}"
    );
    assert!(err.contains("papertui hf:DATE"), "{err}");
    Ok(())
}

#[test]
fn a_services_error_response_is_called_one() -> Result {
    let out = list_of("today.json", br#"{"error": "Invalid rate limit"}"#)?;
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("an error response from a service, not a paper list: \"Invalid rate limit\""),
        "{err}"
    );
    Ok(())
}

#[test]
fn a_field_of_the_wrong_type_costs_the_field_not_the_paper() -> Result {
    let out = list_of(
        "odd.json",
        br#"[{"title": "Kept", "upvotes": "many", "abstract": ["a"]}]"#,
    )?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Kept\n");
    let err = stderr(&out);
    assert!(
        err.contains("odd.json:1:2: paper 1: `abstract` ignored"),
        "{err}"
    );
    assert!(
        err.contains("odd.json:1:2: paper 1: `upvotes` ignored"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 2, "{err}");
    Ok(())
}

#[test]
fn a_file_cut_off_says_where_and_that_it_ends_early() -> Result {
    let real = fs::read(data("hf-daily-papers-2026-06-12.json"))?;
    let out = list_of("cut.json", &real[..real.len() / 2])?;
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("cut.json:1:"), "{err}");
    assert!(
        err.contains("the file ends early (an interrupted download?)"),
        "{err}"
    );
    Ok(())
}

#[test]
fn a_missing_file_spelled_like_a_command_suggests_the_command() -> Result {
    let dir = tempfile::tempdir()?;
    let out = papertui(dir.path(), &["bookmark"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bookmark: no such file; did you mean `papertui bookmarks`?"),
        "{}",
        stderr(&out)
    );
    let out = papertui(dir.path(), &["serch", "llm"])?;
    assert!(
        stderr(&out).contains("did you mean `papertui search llm`?"),
        "{}",
        stderr(&out)
    );
    Ok(())
}

#[test]
fn a_missing_config_list_is_traced_to_its_line_and_the_others_still_open() -> Result {
    let dir = tempfile::tempdir()?;
    fs::copy(
        data("hf_daily_papers.sample.json"),
        dir.path().join("today.json"),
    )?;
    let config = dir.path().join("config.toml");
    fs::write(
        &config,
        "theme = \"dark\"\nlists = [\n  \"gone.json\",\n  \"today.json\",\n]\n",
    )?;
    let out = papertui(dir.path(), &["list"])?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 4);
    let err = stderr(&out);
    assert!(err.contains("gone.json"), "{err}");
    assert!(
        err.contains(&format!("(listed in {}:3)", config.display())),
        "{err}"
    );
    assert!(err.contains("the other lists are read"), "{err}");

    let check = papertui(dir.path(), &["config"])?;
    assert_eq!(check.status.code(), Some(2));
    assert!(
        stderr(&check).contains(&format!("{}:3", config.display())),
        "{}",
        stderr(&check)
    );

    fs::write(&config, "lists = [\"gone.json\"]\n")?;
    let out = papertui(dir.path(), &["list"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("listed in"), "{}", stderr(&out));
    Ok(())
}

#[test]
fn a_config_dir_that_is_a_file_says_so() -> Result {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("config.toml");
    fs::write(&file, "")?;
    let out = papertui(
        dir.path(),
        &["--config-dir", &file.display().to_string(), "list"],
    )?;
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("--config-dir"), "{err}");
    assert!(err.contains("a file, not a directory"), "{err}");
    Ok(())
}

#[test]
fn a_key_given_as_one_string_is_one_key() -> Result {
    let dir = tempfile::tempdir()?;
    fs::write(dir.path().join("config.toml"), "[keys]\nnext = \"h\"\n")?;
    let out = papertui(dir.path(), &["config"])?;
    assert!(out.status.success(), "{}", stderr(&out));
    // `n` is shipped for next-paper: one string still reads as one key, and the clash is told.
    fs::write(dir.path().join("config.toml"), "[keys]\nnext = \"n\"\n")?;
    let out = papertui(dir.path(), &["config"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("config.toml:2:8: the key \"n\" is bound to both `next` and"),
        "{}",
        stderr(&out)
    );
    Ok(())
}

#[test]
fn list_and_search_print_tab_separated_values_for_scripts() -> Result {
    let dir = tempfile::tempdir()?;
    let day = data("hf-daily-papers-2026-06-12.json");
    let out = papertui(dir.path(), &["list", "--format", "tsv", &day])?;
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 30);
    let first: Vec<&str> = text.lines().next().unwrap_or("").split('\t').collect();
    assert_eq!(first.len(), 4, "{first:?}");
    assert_eq!(first[0], "arxiv:2606.00467");
    assert_eq!(first[1], "2026-05-30");
    assert_eq!(first[2], "0");
    assert!(first[3].starts_with("On the Limits of LLM Adaptability"));
    let out = papertui(
        dir.path(),
        &["search", "psychometric", "--format", "tsv", &day],
    )?;
    assert!(
        stdout(&out).starts_with("arxiv:2606.12730\t2026-06-10\t5\tRethinking"),
        "{}",
        stdout(&out)
    );
    Ok(())
}
