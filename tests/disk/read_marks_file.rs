//! The read marks file and the config file on a real disk: the read marks' format and saves
//! killed at any moment (what every file of the save protocol does is in `save_protocol`),
//! and the config file as storage reads it.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::support::Result;
use crate::support::run::temporaries;
use papertui::config::ThemeName;
use papertui::marks::read::ReadMarks;
use papertui::storage::{self, ReadStore};

fn marks(keys: &[&str]) -> ReadMarks {
    let mut m = ReadMarks::default();
    for k in keys {
        m.set(k.to_string(), true);
    }
    m
}

fn on_disk(dir: &Path) -> Result<BTreeSet<String>> {
    let bytes = fs::read(dir.join(storage::READ_FILE_NAME))?;
    Ok(ReadMarks::from_json(&bytes)?
        .iter()
        .map(str::to_string)
        .collect())
}

#[test]
fn read_marks_read_back_the_same_and_a_missing_file_is_none() -> Result {
    let tmp = tempfile::tempdir()?;
    let (store, loaded) = ReadStore::open(tmp.path());
    assert!(loaded?.is_empty());
    assert!(
        !tmp.path().join("read.json").exists(),
        "opening writes nothing"
    );
    let mut mine = marks(&["arxiv:2403.03507", "title:a-b"]);
    store.save(&mut mine)?;
    assert!(!mine.has_unsaved_changes());
    let (_, again) = ReadStore::open(tmp.path());
    assert_eq!(again?, mine);
    let text = fs::read_to_string(tmp.path().join("read.json"))?;
    assert_eq!(
        text,
        "{\n  \"version\": 1,\n  \"read\": [\n    \"arxiv:2403.03507\",\n    \"title:a-b\"\n  ]\n}\n"
    );
    assert!(
        !tmp.path().join("bookmarks.json").exists(),
        "the bookmarks are another file"
    );
    assert_eq!(temporaries(tmp.path())?.len(), 0);
    Ok(())
}

/// Set to a directory, [`saving_child`] saves read marks there until it is killed.
const CHILD_DIR: &str = "PAPERTUI_TEST_READ_SAVER_DIR";

/// Not a test on its own (so it is ignored): the child process of the crash test. It adds keys
/// `<round>-<n>` in order, one save each.
#[test]
#[ignore = "the crash test's child process"]
fn saving_child() -> Result {
    let (Some(dir), Ok(round)) = (
        std::env::var_os(CHILD_DIR),
        std::env::var("PAPERTUI_TEST_ROUND"),
    ) else {
        return Err("run by the crash test, with the directory and round set".into());
    };
    let (store, loaded) = ReadStore::open(Path::new(&dir));
    let mut mine = loaded?;
    for n in 0..100_000 {
        mine.set(format!("{round}-{n:06}"), true);
        store.save(&mut mine)?;
    }
    Ok(())
}

#[test]
fn a_read_save_killed_at_any_moment_leaves_the_old_file_or_the_new_one() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    let mut seed = SystemTime::now().duration_since(UNIX_EPOCH)?.as_nanos() as u64 | 1;
    eprintln!("crash test seed: {seed}");
    let mut before = BTreeSet::new();
    let mut killed_mid_run = 0;
    for round in 0..40 {
        let mut child = Command::new(std::env::current_exe()?)
            .args([
                "--exact",
                "read_marks_file::saving_child",
                "--ignored",
                "--test-threads=1",
                "--quiet",
            ])
            .env(CHILD_DIR, dir)
            .env("PAPERTUI_TEST_ROUND", format!("r{round:02}"))
            .stdout(std::process::Stdio::null())
            .spawn()?;
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(5 + seed % 40));
        child.kill()?;
        child.wait()?;
        let now = if dir.join("read.json").exists() {
            on_disk(dir)?
        } else {
            BTreeSet::new()
        };
        // Whatever the kill interrupted, the file parses and holds every earlier key and a
        // run of this round's keys from the first on.
        assert!(now.is_superset(&before), "round {round}: keys were lost");
        let new: Vec<&String> = now.difference(&before).collect();
        for (n, key) in new.iter().enumerate() {
            assert_eq!(**key, format!("r{round:02}-{n:06}"), "round {round}");
        }
        killed_mid_run += usize::from(!new.is_empty());
        assert!(
            temporaries(dir)?.len() <= 1,
            "round {round}: temporaries pile up"
        );
        before = now;
    }
    eprintln!("{killed_mid_run} of 40 rounds saved before they were killed");
    let (_, reopened) = ReadStore::open(dir);
    reopened?;
    assert_eq!(
        temporaries(dir)?.len(),
        0,
        "opening cleans what killed saves left"
    );
    Ok(())
}

#[test]
fn the_config_file_is_read_from_the_config_directory() -> Result {
    let tmp = tempfile::tempdir()?;
    assert_eq!(storage::load_config(tmp.path())?.theme, ThemeName::Dark);
    fs::write(
        tmp.path().join("config.toml"),
        "\u{feff}theme = \"light\"\n",
    )?;
    assert_eq!(storage::load_config(tmp.path())?.theme, ThemeName::Light);
    fs::write(
        tmp.path().join("config.toml"),
        "theme = \"light\"\nthem = 1\n",
    )?;
    let e = storage::load_config(tmp.path())
        .err()
        .ok_or("a typo was accepted")?;
    let file = tmp.path().join("config.toml");
    assert!(
        e.to_string()
            .starts_with(&format!("{}:2:1: unknown field `them`", file.display())),
        "{e}"
    );
    fs::write(&file, b"theme = \"\xff\"\n")?;
    let e = storage::load_config(tmp.path())
        .err()
        .ok_or("bad bytes were accepted")?;
    assert!(e.to_string().contains("not UTF-8"), "{e}");
    fs::remove_file(&file)?;
    fs::create_dir(&file)?;
    let e = storage::load_config(tmp.path())
        .err()
        .ok_or("a directory was accepted")?;
    assert!(
        e.to_string().contains("is a directory, not a config file"),
        "{e}"
    );
    Ok(())
}
