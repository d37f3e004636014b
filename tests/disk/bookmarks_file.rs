//! The bookmarks file on a real disk, what only it has: its format, another instance's save
//! kept, hand edits, symlinks written through, temporaries of killed saves removed. What
//! every file of the save protocol does is in `save_protocol`.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::support::Result;
use crate::support::run::temporaries;
use papertui::marks::bookmarks::{Bookmark, Bookmarks};
use papertui::storage::Store;

fn mark(id: &str) -> Bookmark {
    Bookmark::of_arxiv_id(id, SystemTime::now())
}

fn keys(b: &Bookmarks) -> Vec<String> {
    b.iter().map(|e| e.key.clone()).collect()
}

/// Opens the store, failing the test if the file cannot be read.
fn open(dir: &Path) -> Result<(Store, Bookmarks)> {
    let (store, loaded) = Store::open(dir);
    Ok((store, loaded?))
}

#[test]
fn saved_bookmarks_read_back_the_same() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().join("not/yet/there");
    let (store, mut b) = open(&dir)?;
    b.add(mark("2403.03507"));
    b.add(mark("2310.12962"));
    store.save(&mut b)?;
    assert!(!b.has_unsaved_changes());
    let (_, back) = open(&dir)?;
    assert_eq!(back, b);
    assert_eq!(keys(&back), ["arxiv:2310.12962", "arxiv:2403.03507"]);
    let text = fs::read_to_string(store.path())?;
    assert!(
        text.starts_with("{\n  \"version\": 2,\n  \"bookmarks\": [\n"),
        "{text}"
    );
    assert!(temporaries(&dir)?.is_empty());
    Ok(())
}

#[test]
fn a_config_dir_that_cannot_be_created_fails_the_save_with_its_name() -> Result {
    let tmp = tempfile::tempdir()?;
    fs::write(tmp.path().join("file"), b"")?;
    let dir = tmp.path().join("file/papertui");
    let (store, mut b) = Store::open(&dir);
    let mut b = b.as_mut().map(std::mem::take).unwrap_or_default();
    b.add(mark("2403.03507"));
    let err = store.save(&mut b).err().ok_or("saved under a file")?;
    let text = err.to_string();
    assert!(text.contains("cannot create the directory"), "{text}");
    assert!(text.contains(&dir.display().to_string()), "{text}");
    assert!(b.has_unsaved_changes());
    Ok(())
}

#[test]
fn a_save_keeps_what_another_instance_saved_meanwhile() -> Result {
    let tmp = tempfile::tempdir()?;
    let (first, mut a) = open(tmp.path())?;
    let (second, mut b) = open(tmp.path())?;
    a.add(mark("2401.00001"));
    first.save(&mut a)?;
    b.add(mark("2402.00002"));
    second.save(&mut b)?;
    assert_eq!(keys(&b), ["arxiv:2401.00001", "arxiv:2402.00002"]);
    a.remove("arxiv:2401.00001");
    first.save(&mut a)?;
    assert_eq!(keys(&open(tmp.path())?.1), ["arxiv:2402.00002"]);
    Ok(())
}

#[test]
fn hand_edits_made_while_running_are_kept() -> Result {
    let tmp = tempfile::tempdir()?;
    let (store, mut b) = open(tmp.path())?;
    b.add(mark("2401.00001"));
    store.save(&mut b)?;
    // An empty title is left out of the file: the hand edit adds one.
    let edited = fs::read_to_string(store.path())?.replace(
        "\"key\": \"arxiv:2401.00001\",",
        "\"key\": \"arxiv:2401.00001\",\n      \"title\": \"Named by hand\",\n      \"note\": \"read twice\",",
    );
    fs::write(store.path(), edited)?;
    b.add(mark("2402.00002"));
    store.save(&mut b)?;
    let first = b
        .get("arxiv:2401.00001")
        .ok_or("the hand-edited bookmark was lost")?;
    assert_eq!(first.title, "Named by hand");
    assert!(fs::read_to_string(store.path())?.contains("\"note\": \"read twice\""));
    Ok(())
}

#[test]
fn a_save_that_changes_nothing_leaves_the_bytes_alone() -> Result {
    let tmp = tempfile::tempdir()?;
    let hand_formatted = "{\"version\":1,\"bookmarks\":[{\"key\":\"arxiv:2401.00001\"}]}";
    fs::write(tmp.path().join("bookmarks.json"), hand_formatted)?;
    let (store, mut b) = open(tmp.path())?;
    let mut other = Bookmarks::default();
    other.add(mark("2401.00001"));
    store.save(&mut other)?;
    assert_eq!(fs::read_to_string(store.path())?, hand_formatted);
    assert!(!b.add(mark("2401.00001")));
    store.save(&mut b)?;
    assert_eq!(fs::read_to_string(store.path())?, hand_formatted);
    Ok(())
}

#[test]
fn a_symlinked_file_is_written_through_and_keeps_its_mode() -> Result {
    let tmp = tempfile::tempdir()?;
    let dotfiles = tmp.path().join("dotfiles");
    let config = tmp.path().join("config");
    fs::create_dir_all(&dotfiles)?;
    fs::create_dir_all(&config)?;
    let target = dotfiles.join("bookmarks.json");
    fs::write(&target, "{\"version\": 1, \"bookmarks\": []}")?;
    fs::set_permissions(&target, fs::Permissions::from_mode(0o600))?;
    std::os::unix::fs::symlink(&target, config.join("bookmarks.json"))?;

    let (store, mut b) = open(&config)?;
    b.add(mark("2403.03507"));
    store.save(&mut b)?;
    assert!(fs::symlink_metadata(store.path())?.file_type().is_symlink());
    assert!(fs::read_to_string(&target)?.contains("arxiv:2403.03507"));
    assert_eq!(fs::metadata(&target)?.permissions().mode() & 0o777, 0o600);
    assert!(temporaries(&dotfiles)?.is_empty());
    Ok(())
}

#[test]
fn temporaries_of_dead_processes_or_a_minute_old_are_removed_at_start() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    let mut child = std::process::Command::new("true").spawn()?;
    let dead = child.id();
    child.wait()?;
    let me = std::process::id();
    let of_dead = dir.join(format!(".bookmarks.json.tmp.{dead}.0"));
    let old = dir.join(format!(".bookmarks.json.tmp.{me}.900"));
    let fresh = dir.join(format!(".bookmarks.json.tmp.{me}.901"));
    let unrelated = dir.join(".bookmarks.json.tmp.notes");
    for path in [&of_dead, &old, &fresh, &unrelated] {
        fs::write(path, b"{\"version\": 1, \"bookm")?;
    }
    let minutes_ago = SystemTime::now() - Duration::from_mins(2);
    fs::File::options()
        .write(true)
        .open(&old)?
        .set_modified(minutes_ago)?;

    open(dir)?;
    assert!(!of_dead.exists() && !old.exists());
    assert!(
        fresh.exists(),
        "a temporary a live process may be writing was removed"
    );
    assert!(unrelated.exists());
    Ok(())
}
