//! The bookmarks as a reading list, from the command line: what a bookmark keeps, how it
//! reads back, tags, the order, and the answers when something is off. Real data: the Daily
//! Papers list of 2026-06-12 as the Hugging Face API answered it.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::support::Result;
use crate::support::run::{BIN, data, stderr, stdout};
use papertui::marks::bookmarks::Bookmarks;
use papertui::storage;

const DAY: &str = "hf-daily-papers-2026-06-12.json";

fn run(dir: &Path, args: &[&str]) -> Result<Output> {
    Ok(Command::new(BIN)
        .arg("--config-dir")
        .arg(dir)
        .args(args)
        .env_remove(storage::CONFIG_DIR_ENV)
        .stdin(Stdio::null())
        .output()?)
}

fn on_disk(dir: &Path) -> Result<Bookmarks> {
    let bytes = fs::read(dir.join(storage::FILE_NAME))?;
    Ok(Bookmarks::from_json(&bytes).map_err(|e| e.to_string())?)
}

#[test]
fn a_bookmark_keeps_what_is_needed_to_read_the_paper_without_its_list() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    let day = data(DAY);
    let out = run(
        dir,
        &[
            "bookmarks",
            "--add",
            "https://huggingface.co/papers/2606.12730",
            "--add",
            "2606.13594",
            &day,
        ],
    )?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("bookmarked arxiv:2606.12730: Rethinking Psychometric"));
    let saved = on_disk(dir)?;
    let b = saved.get("arxiv:2606.12730").ok_or("not bookmarked")?;
    assert!(b.abstract_text.len() > 200, "{b:?}");
    assert_eq!(b.upvotes, Some(5));
    assert_eq!(b.published.as_deref(), Some("2026-06-10"));
    assert_eq!(b.links[0], "https://arxiv.org/abs/2606.12730");
    assert!(!b.authors.is_empty());
    assert!(b.bookmarked_at.is_some());
    let text = fs::read_to_string(dir.join(storage::FILE_NAME))?;
    assert!(text.starts_with("{\n  \"version\": 2,"), "{text}");
    assert!(!text.contains("\"\""), "an empty field written: {text}");
    Ok(())
}

#[test]
fn the_json_export_reads_back_as_a_list_with_the_same_keys_and_adds_no_duplicate() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    let day = data(DAY);
    let added = run(
        dir,
        &[
            "bookmarks",
            "--add",
            "2606.00467",
            "--add",
            "9912.00001",
            &day,
        ],
    )?;
    assert!(added.status.success(), "{}", stderr(&added));
    let export = tmp.path().join("export.json");
    fs::write(
        &export,
        run(dir, &["bookmarks", "--format", "json"])?.stdout,
    )?;
    let export = export.display().to_string();
    let listed = run(dir, &["list", "--format", "json", &export])?;
    assert!(listed.status.success(), "{}", stderr(&listed));
    let papers: Vec<serde_json::Value> = serde_json::from_slice(&listed.stdout)?;
    let mut keys: Vec<&str> = papers.iter().filter_map(|p| p["key"].as_str()).collect();
    keys.sort();
    assert_eq!(keys, ["arxiv:2606.00467", "arxiv:9912.00001"]);
    let first = papers
        .iter()
        .find(|p| p["key"] == "arxiv:2606.00467")
        .ok_or("lost")?;
    assert!(first["abstract"].as_str().is_some_and(|a| !a.is_empty()));
    assert_eq!(first["links"][0], "https://arxiv.org/abs/2606.00467");

    let again = run(
        dir,
        &[
            "bookmarks",
            "--add",
            "arxiv:2606.00467",
            "--add",
            "arxiv:9912.00001",
            &export,
        ],
    )?;
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(on_disk(dir)?.len(), 2, "{}", stdout(&again));
    Ok(())
}

#[test]
fn a_paper_bookmarked_by_id_alone_is_filled_in_when_a_list_knows_it() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    let thin = run(dir, &["bookmarks", "--add", "2606.12730", "--tag", "cite"])?;
    assert!(thin.status.success(), "{}", stderr(&thin));
    assert!(
        on_disk(dir)?
            .get("arxiv:2606.12730")
            .is_some_and(|b| b.title.is_empty())
    );
    let day = data(DAY);
    let out = run(dir, &["bookmarks", "--add", "2606.12730", &day])?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("filled in arxiv:2606.12730: Rethinking"),
        "{}",
        stdout(&out)
    );
    let b = on_disk(dir)?;
    let b = b.get("arxiv:2606.12730").ok_or("lost")?;
    assert!(b.title.starts_with("Rethinking Psychometric"));
    assert_eq!(b.tags, ["cite"]);
    Ok(())
}

#[test]
fn add_and_remove_work_in_one_call() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    assert!(
        run(dir, &["bookmarks", "--add", "2401.00001"])?
            .status
            .success()
    );
    let out = run(
        dir,
        &["bookmarks", "--add", "2401.00002", "--remove", "2401.00001"],
    )?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "bookmarked arxiv:2401.00002\nremoved arxiv:2401.00001\n"
    );
    let keys: Vec<String> = on_disk(dir)?.iter().map(|b| b.key.clone()).collect();
    assert_eq!(keys, ["arxiv:2401.00002"]);
    Ok(())
}

#[test]
fn the_most_recent_bookmark_is_listed_first() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    fs::write(
        dir.join(storage::FILE_NAME),
        r#"{"version": 2, "bookmarks": [
            {"key": "title:a", "title": "Old", "bookmarked_at": "2024-01-01T00:00:00Z"},
            {"key": "title:b", "title": "Newest", "bookmarked_at": "2026-06-12T08:00:00Z"},
            {"key": "title:c", "title": "Middle", "bookmarked_at": "2025-03-01T00:00:00Z"}
        ]}"#,
    )?;
    assert_eq!(stdout(&run(dir, &["bookmarks"])?), "Newest\nMiddle\nOld\n");
    Ok(())
}

#[test]
fn no_bookmarks_is_said_on_standard_error_with_how_to_add_one() -> Result {
    let tmp = tempfile::tempdir()?;
    let out = run(tmp.path(), &["bookmarks"])?;
    assert!(out.status.success());
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains("no bookmarks yet"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("papertui bookmarks --add"),
        "{}",
        stderr(&out)
    );
    Ok(())
}

#[test]
fn tags_select_bookmarks_and_the_exports_carry_them() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    let day = data(DAY);
    let out = run(
        dir,
        &[
            "bookmarks",
            "--add",
            "2606.12730",
            "--tag",
            "to-read",
            "--tag",
            "cite",
            &day,
        ],
    )?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        run(dir, &["bookmarks", "--add", "2606.00467", &day])?
            .status
            .success()
    );
    let tagged = stdout(&run(dir, &["bookmarks", "--tag", "cite"])?);
    assert_eq!(tagged.lines().count(), 1, "only the tagged one: {tagged}");
    assert!(tagged.ends_with(" #cite #to-read\n"), "{tagged}");
    let bibtex = stdout(&run(
        dir,
        &["bookmarks", "--format", "bibtex", "--tag", "cite"],
    )?);
    assert!(
        bibtex.contains("  keywords = {cite, to-read},\n"),
        "{bibtex}"
    );
    let markdown = stdout(&run(
        dir,
        &["bookmarks", "--format", "markdown", "--tag", "cite"],
    )?);
    assert!(markdown.ends_with(" `#cite` `#to-read`\n"), "{markdown}");
    let none = run(dir, &["bookmarks", "--tag", "nothing"])?;
    assert_eq!(stdout(&none), "");
    assert!(
        stderr(&none).contains("no bookmarks tagged nothing (of 2)"),
        "{}",
        stderr(&none)
    );
    Ok(())
}

#[test]
fn an_arxiv_id_with_an_impossible_month_is_refused() -> Result {
    let tmp = tempfile::tempdir()?;
    let out = run(tmp.path(), &["bookmarks", "--add", "9999.99999"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`9999.99999` is not an arXiv id"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("01-12"), "{}", stderr(&out));
    assert!(!tmp.path().join(storage::FILE_NAME).exists());
    Ok(())
}

#[test]
fn bookmarks_colon_is_the_reading_list_newest_first_and_searchable() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    let day = data(DAY);
    for id in ["2606.00467", "2606.12730"] {
        assert!(
            run(dir, &["bookmarks", "--add", id, &day])?
                .status
                .success()
        );
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    let listed = stdout(&run(dir, &["list", "bookmarks:", "--format", "tsv"])?);
    let keys: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(keys, ["arxiv:2606.12730", "arxiv:2606.00467"]);
    let found = stdout(&run(dir, &["search", "psychometric", "bookmarks:"])?);
    assert!(found.starts_with("Rethinking Psychometric"), "{found}");
    let empty = tempfile::tempdir()?;
    let out = run(empty.path(), &["list", "bookmarks:"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no bookmarks yet"),
        "{}",
        stderr(&out)
    );
    Ok(())
}

#[test]
fn a_version_1_file_keeps_every_bookmark_when_the_command_line_saves() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    let v1 = r#"{
  "version": 1,
  "bookmarks": [
    {"key": "arxiv:2403.03507", "title": "GaLore", "arxiv_id": "2403.03507",
     "link": "https://arxiv.org/abs/2403.03507", "bookmarked_at": "2024-03-14T09:30:00Z"},
    {"key": "title:by-hand", "title": "By hand", "note": "from my notebook", "stars": 4}
  ]
}"#;
    fs::write(dir.join(storage::FILE_NAME), v1)?;
    let out = run(dir, &["bookmarks", "--add", "2401.00001"])?;
    assert!(out.status.success(), "{}", stderr(&out));
    let saved = on_disk(dir)?;
    assert_eq!(saved.version(), 2);
    assert_eq!(saved.len(), 3);
    let galore = saved.get("arxiv:2403.03507").ok_or("lost")?;
    assert_eq!(galore.links, ["https://arxiv.org/abs/2403.03507"]);
    let by_hand = saved.get("title:by-hand").ok_or("lost")?;
    assert_eq!(by_hand.note, "from my notebook");
    assert_eq!(
        by_hand.extra.get("stars"),
        Some(&serde_json::Value::from(4))
    );
    Ok(())
}

#[test]
fn no_bookmarks_as_json_is_an_empty_list_and_the_words_go_to_standard_error() -> Result {
    let tmp = tempfile::tempdir()?;
    let out = run(tmp.path(), &["bookmarks", "--format", "json"])?;
    assert!(out.status.success());
    assert_eq!(stdout(&out), "[]\n");
    assert!(
        stderr(&out).contains("no bookmarks yet"),
        "{}",
        stderr(&out)
    );
    Ok(())
}

#[test]
fn the_config_may_list_the_reading_list_among_its_lists() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    assert!(
        run(dir, &["bookmarks", "--add", "2606.12730", &data(DAY)])?
            .status
            .success()
    );
    fs::write(dir.join("config.toml"), "lists = [\"bookmarks:\"]\n")?;
    let out = run(dir, &["list"])?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("Rethinking Psychometric"),
        "{}",
        stdout(&out)
    );
    let check = run(dir, &["config"])?;
    assert!(check.status.success(), "{}", stderr(&check));
    Ok(())
}
