//! Raw responses kept on disk, one file per URL, with the time fetched and the validators.
//!
//! Layout: `<dir>/<16 hex digits>.entry`, the digits an FNV-1a hash of the URL. A file is a
//! header line `papertui-cache 1`, one JSON line `{url, fetched, etag, last_modified, length,
//! checksum}` (`fetched` in Unix seconds, `checksum` FNV-1a of the body), then the body's bytes
//! as received (decompressed). Files are written to a temporary name, synced, renamed over
//! the entry and the directory synced, so a crash leaves the old entry or the new one. A file
//! that does not read back exactly (another URL, a wrong length or checksum, bad JSON) is
//! removed and counts as missing: it is fetched again, never trusted.
//!
//! Pruning runs after each write: entries not written for [`MAX_AGE_DAYS`] days go, then the
//! oldest until the whole holds at most [`SIZE_MAX`] bytes; temporary files of killed writes
//! go after an hour.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::Validators;

/// Entries older than this many days are removed.
pub const MAX_AGE_DAYS: u64 = 30;
/// The most bytes the cache keeps; the oldest entries go first.
pub const SIZE_MAX: u64 = 256 << 20;
/// Overrides the cache directory (below `--cache-dir`, above the platform's).
pub const CACHE_DIR_ENV: &str = "PAPERTUI_CACHE_DIR";

const MAGIC: &[u8] = b"papertui-cache 1\n";
const EXT: &str = "entry";
const TMP_EXT: &str = "tmp";
/// The largest entry read back (the client's cap on a decompressed body, with room).
const ENTRY_MAX: u64 = 128 << 20;
const TMP_STALE: Duration = Duration::from_hours(1);

static TMP_SEQ: AtomicU64 = AtomicU64::new(0);

/// The cache directory: `--cache-dir` (`flag`), else [`default_cache_dir`].
pub fn cache_dir(flag: Option<&Path>) -> Option<PathBuf> {
    flag.map(Path::to_path_buf).or_else(default_cache_dir)
}

/// `PAPERTUI_CACHE_DIR`, else the platform's cache directory (`~/.cache/papertui` on Linux).
/// `None` only when there is no home directory.
pub fn default_cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CACHE_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "papertui").map(|d| d.cache_dir().to_path_buf())
}

/// One cached response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub url: String,
    pub fetched: Timestamp,
    pub validators: Validators,
    pub body: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
struct Meta {
    url: String,
    fetched: i64,
    #[serde(default)]
    etag: Option<String>,
    #[serde(default)]
    last_modified: Option<String>,
    length: u64,
    checksum: String,
}

/// Files and their bytes: what [`Cache::prune`] removed, or what [`Cache::usage`] found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    pub files: usize,
    pub bytes: u64,
}

/// The response cache in one directory (created on the first write).
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn new(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    /// The directory, for `papertui cache --path`.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    fn file_of(&self, url: &str) -> PathBuf {
        self.dir
            .join(format!("{:016x}.{EXT}", fnv1a(url.as_bytes())))
    }

    /// The cached response for `url`; a damaged file is removed and reads as missing.
    pub fn get(&self, url: &str) -> Option<Entry> {
        let path = self.file_of(url);
        let mut bytes = Vec::new();
        File::open(&path)
            .ok()?
            .take(ENTRY_MAX)
            .read_to_end(&mut bytes)
            .ok()?;
        let entry = decode(&bytes).filter(|e| e.url == url);
        if entry.is_none() {
            let _ = fs::remove_file(&path);
        }
        entry
    }

    /// Stores `entry` durably, replacing the one of its URL, then prunes.
    pub fn put(&self, entry: &Entry) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let target = self.file_of(&entry.url);
        let tmp = self.dir.join(format!(
            "{:016x}.{}.{}.{TMP_EXT}",
            fnv1a(entry.url.as_bytes()),
            std::process::id(),
            TMP_SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        let written = (|| {
            let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
            f.write_all(&encode(entry))?;
            f.sync_all()?;
            drop(f);
            fs::rename(&tmp, &target)
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        // Some file systems cannot sync a directory; the entry is still whole.
        let _ = File::open(&self.dir).and_then(|d| d.sync_all());
        self.prune(SystemTime::now()).map(drop)
    }

    /// Removes entries older than [`MAX_AGE_DAYS`], then the oldest beyond [`SIZE_MAX`].
    pub fn prune(&self, now: SystemTime) -> io::Result<Pruned> {
        self.prune_to(now, Duration::from_secs(MAX_AGE_DAYS * 24 * 3600), SIZE_MAX)
    }

    /// [`Cache::prune`] with other bounds.
    pub fn prune_to(
        &self,
        now: SystemTime,
        max_age: Duration,
        size_max: u64,
    ) -> io::Result<Pruned> {
        let mut kept: Vec<(SystemTime, u64, PathBuf)> = Vec::new();
        let mut pruned = Pruned::default();
        let mut remove = |path: &Path, len: u64| {
            if fs::remove_file(path).is_ok() {
                pruned.files += 1;
                pruned.bytes += len;
            }
        };
        for item in fs::read_dir(&self.dir)? {
            let item = item?;
            let path = item.path();
            let Ok(meta) = item.metadata() else { continue };
            if !meta.is_file() {
                continue;
            }
            let age = now
                .duration_since(meta.modified().unwrap_or(now))
                .unwrap_or_default();
            match path.extension().and_then(|e| e.to_str()) {
                Some(EXT) if age > max_age => remove(&path, meta.len()),
                Some(EXT) => kept.push((meta.modified().unwrap_or(now), meta.len(), path)),
                Some(TMP_EXT) if age > TMP_STALE => remove(&path, meta.len()),
                _ => {}
            }
        }
        let mut total: u64 = kept.iter().map(|k| k.1).sum();
        kept.sort_by_key(|k| k.0);
        for (_, len, path) in kept {
            if total <= size_max {
                break;
            }
            remove(&path, len);
            total -= len;
        }
        Ok(pruned)
    }

    /// How many entries the cache holds and their bytes, for `papertui cache`.
    pub fn usage(&self) -> io::Result<Pruned> {
        let mut usage = Pruned::default();
        let items = match fs::read_dir(&self.dir) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(usage),
            other => other?,
        };
        for item in items {
            let item = item?;
            if item.path().extension().and_then(|e| e.to_str()) == Some(EXT) {
                usage.files += 1;
                usage.bytes += item.metadata().map_or(0, |m| m.len());
            }
        }
        Ok(usage)
    }

    /// Removes every entry (and temporary file); returns how many files went. Other files in
    /// the directory are left alone.
    pub fn clear(&self) -> io::Result<usize> {
        let mut removed = 0;
        let items = match fs::read_dir(&self.dir) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
            other => other?,
        };
        for item in items {
            let path = item?.path();
            let ours = matches!(
                path.extension().and_then(|e| e.to_str()),
                Some(EXT | TMP_EXT)
            );
            if ours && path.is_file() {
                fs::remove_file(&path)?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

fn encode(entry: &Entry) -> Vec<u8> {
    let meta = Meta {
        url: entry.url.clone(),
        fetched: entry.fetched.as_second(),
        etag: entry.validators.etag.clone(),
        last_modified: entry.validators.last_modified.clone(),
        length: entry.body.len() as u64,
        checksum: format!("{:016x}", fnv1a(&entry.body)),
    };
    let mut out = MAGIC.to_vec();
    // A struct of strings and numbers always serializes.
    out.extend(serde_json::to_vec(&meta).unwrap_or_default());
    out.push(b'\n');
    out.extend_from_slice(&entry.body);
    out
}

fn decode(bytes: &[u8]) -> Option<Entry> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let end = memchr::memchr(b'\n', rest)?;
    let meta: Meta = serde_json::from_slice(&rest[..end]).ok()?;
    let body = &rest[end + 1..];
    let whole =
        body.len() as u64 == meta.length && meta.checksum == format!("{:016x}", fnv1a(body));
    whole.then(|| Entry {
        url: meta.url,
        fetched: Timestamp::from_second(meta.fetched).unwrap_or(Timestamp::UNIX_EPOCH),
        validators: Validators {
            etag: meta.etag,
            last_modified: meta.last_modified,
        },
        body: body.to_vec(),
    })
}

/// FNV-1a, 64 bits: stable across versions and platforms, unlike the std hashers.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    type R = Result<(), Box<dyn std::error::Error>>;

    fn entry(url: &str, body: &[u8]) -> Entry {
        Entry {
            url: url.into(),
            fetched: Timestamp::from_second(1_800_000_000).unwrap_or(Timestamp::UNIX_EPOCH),
            validators: Validators {
                etag: Some("\"abc\"".into()),
                last_modified: None,
            },
            body: body.to_vec(),
        }
    }

    #[test]
    fn an_entry_reads_back_as_written() -> R {
        let dir = tempfile::tempdir()?;
        let cache = Cache::new(dir.path().join("cache"));
        let e = entry("https://a.example/x", b"[1,2]");
        cache.put(&e)?;
        assert_eq!(cache.get("https://a.example/x"), Some(e));
        assert_eq!(cache.get("https://a.example/y"), None);
        Ok(())
    }

    #[test]
    fn a_damaged_entry_reads_as_missing_and_is_removed() -> R {
        let dir = tempfile::tempdir()?;
        let cache = Cache::new(dir.path());
        cache.put(&entry("https://a.example/x", b"[1,2,3]"))?;
        let file = cache.file_of("https://a.example/x");
        let mut bytes = fs::read(&file)?;
        let n = bytes.len();
        bytes[n - 2] = b'9';
        fs::write(&file, &bytes)?;
        assert_eq!(cache.get("https://a.example/x"), None);
        assert!(!file.exists());
        fs::write(&file, b"garbage")?;
        assert_eq!(cache.get("https://a.example/x"), None);
        Ok(())
    }

    #[test]
    fn pruning_removes_old_entries_and_keeps_new_ones() -> R {
        let dir = tempfile::tempdir()?;
        let cache = Cache::new(dir.path());
        cache.put(&entry("https://a.example/old", b"old"))?;
        cache.put(&entry("https://a.example/new", b"new"))?;
        let old = File::options()
            .write(true)
            .open(cache.file_of("https://a.example/old"))?;
        old.set_modified(SystemTime::now() - Duration::from_secs((MAX_AGE_DAYS + 1) * 86400))?;
        let pruned = cache.prune(SystemTime::now())?;
        assert_eq!(pruned.files, 1);
        assert!(cache.get("https://a.example/old").is_none());
        assert!(cache.get("https://a.example/new").is_some());
        Ok(())
    }

    #[test]
    fn pruning_keeps_the_newest_within_the_size_bound() -> R {
        let dir = tempfile::tempdir()?;
        let cache = Cache::new(dir.path());
        for (i, age) in [(0, 300), (1, 200), (2, 100)] {
            let url = format!("https://a.example/{i}");
            cache.put(&entry(&url, &[b'x'; 1000]))?;
            File::options()
                .write(true)
                .open(cache.file_of(&url))?
                .set_modified(SystemTime::now() - Duration::from_secs(age))?;
        }
        let week = Duration::from_hours(168);
        let pruned = cache.prune_to(SystemTime::now(), week, 2500)?;
        assert_eq!(pruned.files, 1);
        assert!(cache.get("https://a.example/0").is_none());
        assert!(cache.get("https://a.example/1").is_some());
        assert!(cache.get("https://a.example/2").is_some());
        Ok(())
    }

    #[test]
    fn clearing_removes_only_entries() -> R {
        let dir = tempfile::tempdir()?;
        let cache = Cache::new(dir.path());
        cache.put(&entry("https://a.example/x", b"x"))?;
        fs::write(dir.path().join("notes.txt"), "mine")?;
        assert_eq!(cache.usage()?.files, 1);
        assert_eq!(cache.clear()?, 1);
        assert_eq!(cache.usage()?, Pruned::default());
        assert!(dir.path().join("notes.txt").exists());
        assert_eq!(Cache::new(dir.path().join("none")).clear()?, 0);
        Ok(())
    }

    #[test]
    fn the_env_var_names_the_cache_dir() {
        // Read only: setting it would race with other tests.
        let expected = std::env::var_os(CACHE_DIR_ENV).filter(|d| !d.is_empty());
        if let Some(dir) = expected {
            assert_eq!(default_cache_dir(), Some(PathBuf::from(dir)));
        }
    }
}
