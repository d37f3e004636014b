//! The save protocol, once for each file it writes (the bookmarks and the read marks): what is
//! saved reads back; a missing file is empty and opening writes nothing; a corrupt file, one
//! from a newer papertui, a directory, a FIFO or a dangling symlink is named and never
//! overwritten; a failed save keeps its changes for the next; instances saving at once lose
//! nothing. What only one file has (tags, notes, hand edits, symlinks written through, killed
//! saves) is in that file's own tests.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::fs;
use std::path::Path;
use std::time::SystemTime;

use crate::support::Result;
use crate::support::run::temporaries;
use papertui::marks::bookmarks::{Bookmark, Bookmarks};
use papertui::marks::read::ReadMarks;
use papertui::storage::{FileStore, Stored};

/// A file the protocol writes, seen as the set of keys it holds.
trait Kept: Stored + Debug + Send + 'static {
    /// A file of this kind written by a newer papertui.
    const NEWER: &'static str;
    fn put(&mut self, key: &str);
    fn take_out(&mut self, key: &str);
    fn keys(&self) -> BTreeSet<String>;
}

impl Kept for Bookmarks {
    const NEWER: &'static str = r#"{"version": 7, "bookmarks": {"arxiv:1": {"tags": ["x"]}}}"#;
    fn put(&mut self, key: &str) {
        let id = key.strip_prefix("arxiv:").unwrap_or(key);
        self.add(Bookmark::of_arxiv_id(id, SystemTime::now()));
    }
    fn take_out(&mut self, key: &str) {
        self.remove(key);
    }
    fn keys(&self) -> BTreeSet<String> {
        self.iter().map(|b| b.key.clone()).collect()
    }
}

impl Kept for ReadMarks {
    const NEWER: &'static str = r#"{"version": 9, "read": []}"#;
    fn put(&mut self, key: &str) {
        self.set(key.to_string(), true);
    }
    fn take_out(&mut self, key: &str) {
        self.set(key.to_string(), false);
    }
    fn keys(&self) -> BTreeSet<String> {
        self.iter().map(str::to_string).collect()
    }
}

fn key(n: usize) -> String {
    format!("arxiv:2401.{n:05}")
}

fn open<D: Kept>(dir: &Path) -> Result<(FileStore<D>, D)> {
    let (store, loaded) = FileStore::<D>::open(dir);
    Ok((store, loaded?))
}

fn reads_back<D: Kept>() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().join("not/yet/there");
    let (store, mut mine) = open::<D>(&dir)?;
    assert!(mine.keys().is_empty(), "a missing file is empty");
    assert!(!dir.exists(), "opening writes nothing");
    assert_eq!(store.path(), dir.join(D::FILE_NAME));
    mine.put(&key(1));
    mine.put(&key(2));
    store.save(&mut mine)?;
    assert!(!mine.has_unsaved_changes());
    let (_, back) = open::<D>(&dir)?;
    assert_eq!(back, mine);
    assert_eq!(back.keys(), BTreeSet::from([key(1), key(2)]));
    assert!(temporaries(&dir)?.is_empty());
    Ok(())
}

/// Opening `dir` must fail naming the file and `expect`, and saving must fail the same way
/// without changing the file's bytes or leaving a temporary.
fn never_overwritten<D: Kept>(dir: &Path, expect: &str) -> Result {
    let file = dir.join(D::FILE_NAME);
    let bytes = |file: &Path| {
        fs::metadata(file)
            .ok()
            .filter(fs::Metadata::is_file)
            .map(|_| fs::read(file))
            .transpose()
    };
    let before = bytes(&file)?;
    let (store, loaded) = FileStore::<D>::open(dir);
    let err = loaded.err().ok_or("a broken file was read")?.to_string();
    assert!(err.contains(expect), "{err}");
    assert!(err.contains(&file.display().to_string()), "{err}");
    let mut mine = D::default();
    mine.put(&key(1));
    let refused = store.save(&mut mine).err().ok_or("a save wrote over it")?;
    assert_eq!(refused.to_string(), err);
    assert!(
        mine.has_unsaved_changes(),
        "the change waits for the next save"
    );
    assert_eq!(bytes(&file)?, before, "the file changed");
    assert!(temporaries(dir)?.is_empty());
    Ok(())
}

fn broken_files_are_never_overwritten<D: Kept>() -> Result {
    let tmp = tempfile::tempdir()?;
    let file = tmp.path().join(D::FILE_NAME);
    let name = D::FILE_NAME;
    fs::write(&file, b"{\n  \"version\": 1,\n  \"x\": [oops\n")?;
    never_overwritten::<D>(tmp.path(), &format!("{name}:3:9: expected value"))?;
    fs::write(&file, b"")?;
    never_overwritten::<D>(tmp.path(), &format!("{name}:1:1: EOF while parsing"))?;
    fs::write(&file, D::NEWER)?;
    never_overwritten::<D>(tmp.path(), "newer papertui")?;
    fs::remove_file(&file)?;

    fs::create_dir(&file)?;
    never_overwritten::<D>(
        tmp.path(),
        &format!("is a directory, not a {} file", D::KIND),
    )?;
    assert!(file.is_dir());
    fs::remove_dir(&file)?;

    let status = std::process::Command::new("mkfifo").arg(&file).status()?;
    assert!(status.success());
    never_overwritten::<D>(tmp.path(), "is a FIFO")?;
    fs::remove_file(&file)?;

    std::os::unix::fs::symlink(tmp.path().join("dotfiles").join(name), &file)?;
    never_overwritten::<D>(tmp.path(), "cannot read: a symlink to")?;
    assert!(fs::symlink_metadata(&file)?.file_type().is_symlink());
    Ok(())
}

fn a_failed_save_is_retried<D: Kept>() -> Result {
    let tmp = tempfile::tempdir()?;
    let (store, mut mine) = open::<D>(tmp.path())?;
    mine.put(&key(1));
    store.save(&mut mine)?;
    mine.put(&key(2));
    fs::remove_file(store.path())?;
    fs::create_dir(store.path())?;
    let err = store
        .save(&mut mine)
        .err()
        .ok_or("saved over a directory")?;
    assert!(err.to_string().contains("is a directory"), "{err}");
    assert!(mine.has_unsaved_changes());
    fs::remove_dir(store.path())?;
    store.save(&mut mine)?;
    assert!(!mine.has_unsaved_changes());
    // The file was deleted meanwhile: only this save's own change is in it.
    assert_eq!(open::<D>(tmp.path())?.1.keys(), BTreeSet::from([key(2)]));
    Ok(())
}

fn instances_saving_at_once_lose_nothing<D: Kept>() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().to_path_buf();
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let dir = dir.clone();
            std::thread::spawn(move || -> std::result::Result<BTreeSet<String>, String> {
                let (store, loaded) = FileStore::<D>::open(&dir);
                let mut mine = loaded.map_err(|e| e.to_string())?;
                let mut intended = BTreeSet::new();
                for n in 0..30 {
                    let k = key(t * 1000 + n);
                    mine.put(&k);
                    intended.insert(k.clone());
                    if n % 3 == 0 {
                        mine.take_out(&k);
                        intended.remove(&k);
                    }
                    store.save(&mut mine).map_err(|e| e.to_string())?;
                }
                Ok(intended)
            })
        })
        .collect();
    let mut union = BTreeSet::new();
    for t in threads {
        union.extend(t.join().map_err(|_| "a saving thread panicked")??);
    }
    assert_eq!(union.len(), 4 * 20);
    assert_eq!(open::<D>(&dir)?.1.keys(), union);
    assert!(temporaries(&dir)?.is_empty());
    Ok(())
}

#[test]
fn what_is_saved_reads_back_and_a_missing_file_is_empty() -> Result {
    reads_back::<Bookmarks>()?;
    reads_back::<ReadMarks>()
}

#[test]
fn a_broken_file_is_named_and_never_overwritten() -> Result {
    broken_files_are_never_overwritten::<Bookmarks>()?;
    broken_files_are_never_overwritten::<ReadMarks>()
}

#[test]
fn a_failed_save_keeps_its_changes_and_the_next_save_retries_them() -> Result {
    a_failed_save_is_retried::<Bookmarks>()?;
    a_failed_save_is_retried::<ReadMarks>()
}

#[test]
fn instances_saving_at_once_lose_nothing_in_either_file() -> Result {
    instances_saving_at_once_lose_nothing::<Bookmarks>()?;
    instances_saving_at_once_lose_nothing::<ReadMarks>()
}
