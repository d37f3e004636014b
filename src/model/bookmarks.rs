//! The bookmarks: what the user keeps, the file format that holds them, and how this
//! instance's own changes merge into what another instance (or a hand edit) wrote meanwhile.
//! Pure: storage reads and writes the bytes.
//!
//! The file (`bookmarks.json`) is pretty JSON, entries sorted by key, so it diffs well:
//!
//! ```json
//! {
//!   "version": 1,
//!   "bookmarks": [
//!     {
//!       "key": "arxiv:2403.03507",
//!       "title": "GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection",
//!       "authors": ["Jiawei Zhao", "Zhenyu Zhang"],
//!       "arxiv_id": "2403.03507",
//!       "link": "https://arxiv.org/abs/2403.03507",
//!       "bookmarked_at": "2024-03-14T09:30:00Z"
//!     }
//!   ]
//! }
//! ```
//!
//! Only `version` and each entry's `key` are required. Fields papertui does not know, at the
//! top or in an entry, are kept as they are.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::library::PaperRef;
use super::paper;

/// The format version this papertui writes and the newest it reads.
pub const FORMAT_VERSION: u64 = 1;

/// One bookmarked paper, with enough to be useful without the list that held it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bookmark {
    /// The paper's stable key (`arxiv:<id>` or `title:<words>`).
    pub key: String,
    pub title: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arxiv_id: Option<String>,
    /// The paper's first link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// When it was bookmarked, RFC 3339 in UTC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bookmarked_at: Option<String>,
    /// Fields this papertui does not know (a hand-written note, a later version's), kept so a
    /// save never drops what someone else wrote.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// The entry fields papertui knows; everything else goes to [`Bookmark::extra`].
const KNOWN_FIELDS: [&str; 7] = [
    "key",
    "title",
    "authors",
    "arxiv_id",
    "link",
    "published",
    "bookmarked_at",
];

impl Bookmark {
    /// A bookmark of a paper of a loaded list.
    pub fn of_paper(paper: &PaperRef<'_>, now: SystemTime) -> Bookmark {
        Bookmark {
            key: paper.key(),
            title: paper.title().to_string(),
            authors: paper.authors().map(str::to_string).collect(),
            arxiv_id: paper.arxiv_id().map(str::to_string),
            link: paper.links().into_iter().next(),
            published: paper.published().map(str::to_string),
            bookmarked_at: Some(rfc3339_utc(now)),
            extra: BTreeMap::new(),
        }
    }

    /// A bookmark known only by its arXiv id (normalized, without version): no title yet.
    pub fn of_arxiv_id(id: &str, now: SystemTime) -> Bookmark {
        Bookmark {
            key: paper::paper_key(Some(id), ""),
            title: String::new(),
            authors: Vec::new(),
            arxiv_id: Some(id.to_string()),
            link: Some(paper::arxiv_url(id)),
            published: None,
            bookmarked_at: Some(rfc3339_utc(now)),
            extra: BTreeMap::new(),
        }
    }

    /// The title, or the key for a bookmark that has none.
    pub fn display_title(&self) -> &str {
        if self.title.trim().is_empty() {
            &self.key
        } else {
            &self.title
        }
    }
}

/// All bookmarks, sorted by key, and the changes this instance made since it last saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmarks {
    /// The format version the file had when it was read; a save writes [`FORMAT_VERSION`].
    version: u64,
    entries: BTreeMap<String, Bookmark>,
    /// Top-level fields this papertui does not know, kept as found.
    extra: BTreeMap<String, Value>,
    /// Keys this instance bookmarked since the last save; the last action on a key wins, so a
    /// key is never in both sets.
    added: BTreeSet<String>,
    removed: BTreeSet<String>,
}

/// Why bytes are not a bookmarks file papertui can use.
#[derive(Debug)]
pub enum ParseError {
    /// Not valid JSON, or not the shape of a bookmarks file; serde_json says where.
    Invalid(serde_json::Error),
    /// Written by a later papertui; never overwritten, so nothing it holds is lost.
    Newer { version: u64 },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Invalid(e) => write!(f, "{e}"),
            ParseError::Newer { version } => write!(
                f,
                "written by a newer papertui (format version {version}; this one reads up to \
                 {FORMAT_VERSION})"
            ),
        }
    }
}

impl std::error::Error for ParseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ParseError::Invalid(e) => Some(e),
            ParseError::Newer { .. } => None,
        }
    }
}

impl Default for Bookmarks {
    fn default() -> Self {
        Bookmarks {
            version: FORMAT_VERSION,
            entries: BTreeMap::new(),
            extra: BTreeMap::new(),
            added: BTreeSet::new(),
            removed: BTreeSet::new(),
        }
    }
}

impl Bookmarks {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn contains(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    pub fn get(&self, key: &str) -> Option<&Bookmark> {
        self.entries.get(key)
    }

    /// The bookmarks in key order.
    pub fn iter(&self) -> impl Iterator<Item = &Bookmark> + '_ {
        self.entries.values()
    }

    /// The format version the file had when it was read; a save writes [`FORMAT_VERSION`].
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Bookmarks `bookmark` unless its key already is; true if it was added.
    pub fn add(&mut self, bookmark: Bookmark) -> bool {
        if self.entries.contains_key(&bookmark.key) {
            return false;
        }
        self.removed.remove(&bookmark.key);
        self.added.insert(bookmark.key.clone());
        self.entries.insert(bookmark.key.clone(), bookmark);
        true
    }

    /// Removes the bookmark of `key`, returning it if there was one.
    pub fn remove(&mut self, key: &str) -> Option<Bookmark> {
        let gone = self.entries.remove(key)?;
        self.added.remove(key);
        self.removed.insert(key.to_string());
        Some(gone)
    }

    /// Bookmarks the paper, or removes its bookmark; true if it is bookmarked now.
    pub fn toggle(&mut self, paper: &PaperRef<'_>, now: SystemTime) -> bool {
        let key = paper.key();
        if self.remove(&key).is_some() {
            false
        } else {
            self.add(Bookmark::of_paper(paper, now))
        }
    }

    /// True if this instance changed something that no save has written yet.
    pub fn has_unsaved_changes(&self) -> bool {
        !self.added.is_empty() || !self.removed.is_empty()
    }

    /// The keys this instance added and removed since the last save, for telling the user.
    pub fn unsaved_changes(&self) -> (impl Iterator<Item = &str>, impl Iterator<Item = &str>) {
        (
            self.added.iter().map(String::as_str),
            self.removed.iter().map(String::as_str),
        )
    }

    /// What the file should hold after this instance saves: `on_disk` (what the file holds now,
    /// with other instances' bookmarks and hand edits) with only this instance's own changes
    /// applied. An own add keeps the entry on disk if the key is there already; an own remove
    /// removes that key only. The result has no unsaved changes.
    pub fn merge_into(&self, on_disk: Bookmarks) -> Bookmarks {
        let mut merged = Bookmarks {
            added: BTreeSet::new(),
            removed: BTreeSet::new(),
            ..on_disk
        };
        for key in &self.removed {
            merged.entries.remove(key);
        }
        for key in &self.added {
            if let Some(mine) = self.entries.get(key) {
                merged
                    .entries
                    .entry(key.clone())
                    .or_insert_with(|| mine.clone());
            }
        }
        merged
    }

    /// Reads a bookmarks file. A newer version is reported before anything else is checked,
    /// since a later format may not parse as this one.
    pub fn from_json(bytes: &[u8]) -> Result<Bookmarks, ParseError> {
        // Some editors start a UTF-8 file with a byte order mark; it is not JSON.
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let head: Head = serde_json::from_slice(bytes).map_err(ParseError::Invalid)?;
        if head.version > FORMAT_VERSION {
            return Err(ParseError::Newer {
                version: head.version,
            });
        }
        if head.version == 0 {
            return Err(ParseError::Invalid(de::Error::custom(
                "format version 0 does not exist; papertui writes version 1",
            )));
        }
        // The strict pass places every error at its line and column; the loose pass then
        // only collects the fields papertui does not know.
        let strict: StrictFile = serde_json::from_slice(bytes).map_err(ParseError::Invalid)?;
        let mut loose: Map<String, Value> =
            serde_json::from_slice(bytes).map_err(ParseError::Invalid)?;
        let loose_entries = match loose.remove("bookmarks") {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        };
        loose.remove("version");
        let mut entries = BTreeMap::new();
        for (e, raw) in strict.bookmarks.into_iter().zip(loose_entries) {
            let extra = match raw {
                Value::Object(fields) => fields
                    .into_iter()
                    .filter(|(k, _)| !KNOWN_FIELDS.contains(&k.as_str()))
                    .collect(),
                _ => BTreeMap::new(),
            };
            let bookmark = Bookmark {
                key: e.key,
                title: e.title,
                authors: e.authors,
                arxiv_id: e.arxiv_id,
                link: e.link,
                published: e.published,
                bookmarked_at: e.bookmarked_at,
                extra,
            };
            entries.insert(bookmark.key.clone(), bookmark);
        }
        Ok(Bookmarks {
            version: head.version,
            entries,
            extra: loose.into_iter().collect(),
            added: BTreeSet::new(),
            removed: BTreeSet::new(),
        })
    }

    /// The file's bytes: pretty JSON, entries sorted by key, a newline at the end.
    pub fn to_json(&self) -> String {
        let file = FileOut {
            version: FORMAT_VERSION,
            bookmarks: self.entries.values().collect(),
            extra: &self.extra,
        };
        let mut text = serde_json::to_string_pretty(&file).expect("bookmarks serialize");
        text.push('\n');
        text
    }
}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u64,
    bookmarks: Vec<&'a Bookmark>,
    #[serde(flatten)]
    extra: &'a BTreeMap<String, Value>,
}

/// Just the version, read first so a newer file is told apart from a broken one.
#[derive(Deserialize)]
struct Head {
    version: u64,
}

#[derive(Deserialize)]
struct StrictFile {
    #[serde(default, deserialize_with = "unique_entries")]
    bookmarks: Vec<StrictEntry>,
}

#[derive(Deserialize)]
struct StrictEntry {
    key: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    arxiv_id: Option<String>,
    #[serde(default)]
    link: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    bookmarked_at: Option<String>,
}

/// Reads the entries, refusing an empty key and a key seen twice: a file whose entries
/// contradict each other cannot be saved back without dropping one of them.
fn unique_entries<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<StrictEntry>, D::Error> {
    struct Entries;
    impl<'de> Visitor<'de> for Entries {
        type Value = Vec<StrictEntry>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of bookmarks")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut seen = HashSet::new();
            let mut out = Vec::new();
            while let Some(entry) = seq.next_element::<StrictEntry>()? {
                if entry.key.trim().is_empty() {
                    return Err(de::Error::custom("a bookmark has an empty `key`"));
                }
                if !seen.insert(entry.key.clone()) {
                    return Err(de::Error::custom(format!(
                        "the key `{}` is bookmarked twice",
                        entry.key
                    )));
                }
                out.push(entry);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Entries)
}

/// `t` as RFC 3339 in UTC to the second (`2024-03-14T09:30:00Z`); times before 1970 read as
/// 1970.
pub fn rfc3339_utc(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::time::Duration;

    use super::*;
    use crate::model::library::{Authors, Chunk, Library, LibraryBuilder, RawPaper};

    type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

    /// 2024-03-14T09:30:00Z.
    fn at(offset_secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_710_408_600 + offset_secs)
    }

    fn three_papers() -> Library {
        let papers = [
            (
                Some("2403.03507v2"),
                "GaLore: Memory-Efficient LLM Training",
            ),
            (None, "A Paper Without an Id"),
            (Some("2310.12962"), "An Emulator for Fine-Tuning"),
        ];
        let mut chunk = Chunk::default();
        for (id, title) in papers {
            let raw = RawPaper {
                id: id.map(Cow::from),
                title: title.into(),
                authors: Authors::Joined("Jiawei Zhao, Zhenyu Zhang and Beidi Chen".into()),
                published: Some("2024-03-06".into()),
                links: vec!["https://github.com/jiaweizzhao/GaLore".into()],
                ..Default::default()
            };
            chunk.push(&raw).expect("fixture titles are not empty");
        }
        let mut builder = LibraryBuilder::default();
        builder.append(chunk);
        builder.into_library()
    }

    fn keys(b: &Bookmarks) -> Vec<&str> {
        b.iter().map(|e| e.key.as_str()).collect()
    }

    fn hand_written(key: &str, title: &str) -> Bookmark {
        Bookmark {
            key: key.to_string(),
            title: title.to_string(),
            authors: Vec::new(),
            arxiv_id: None,
            link: None,
            published: None,
            bookmarked_at: None,
            extra: BTreeMap::new(),
        }
    }

    /// What another instance or a hand edit left on disk: bookmarks with no unsaved changes.
    fn on_disk(entries: &[Bookmark]) -> Result<Bookmarks> {
        let mut b = Bookmarks::default();
        for e in entries {
            b.add(e.clone());
        }
        Ok(Bookmarks::from_json(b.to_json().as_bytes())?)
    }

    #[test]
    fn toggling_a_paper_bookmarks_it_then_removes_it() -> Result {
        let lib = three_papers();
        let mut b = Bookmarks::default();
        assert!(b.toggle(&lib.get(0), at(0)));
        assert!(b.contains("arxiv:2403.03507"));
        assert_eq!(b.len(), 1);
        assert!(!b.toggle(&lib.get(0), at(1)));
        assert!(b.is_empty());
        Ok(())
    }

    #[test]
    fn a_bookmark_holds_title_authors_id_first_link_and_when() -> Result {
        let lib = three_papers();
        let mark = Bookmark::of_paper(&lib.get(0), at(0));
        assert_eq!(mark.key, "arxiv:2403.03507");
        assert_eq!(mark.title, "GaLore: Memory-Efficient LLM Training");
        assert_eq!(mark.authors, ["Jiawei Zhao", "Zhenyu Zhang", "Beidi Chen"]);
        assert_eq!(mark.arxiv_id.as_deref(), Some("2403.03507"));
        assert_eq!(
            mark.link.as_deref(),
            Some("https://arxiv.org/abs/2403.03507")
        );
        assert_eq!(mark.bookmarked_at.as_deref(), Some("2024-03-14T09:30:00Z"));
        let no_id = Bookmark::of_paper(&lib.get(1), at(0));
        assert_eq!(no_id.key, "title:a-paper-without-an-id");
        assert_eq!(
            no_id.link.as_deref(),
            Some("https://github.com/jiaweizzhao/GaLore")
        );
        Ok(())
    }

    #[test]
    fn a_save_applies_only_this_instances_adds_and_removes() -> Result {
        let lib = three_papers();
        let disk = on_disk(&[
            Bookmark::of_paper(&lib.get(1), at(0)),
            hand_written("title:kept-from-an-older-list", "Kept"),
        ])?;
        let mut mine = disk.clone();
        mine.toggle(&lib.get(0), at(5));
        mine.toggle(&lib.get(1), at(5));
        assert!(mine.has_unsaved_changes());

        let mut disk_now = disk;
        disk_now.add(Bookmark::of_paper(&lib.get(2), at(3)));
        let merged = mine.merge_into(Bookmarks::from_json(disk_now.to_json().as_bytes())?);
        assert_eq!(
            keys(&merged),
            [
                "arxiv:2310.12962",
                "arxiv:2403.03507",
                "title:kept-from-an-older-list"
            ]
        );
        assert!(!merged.has_unsaved_changes());
        Ok(())
    }

    #[test]
    fn an_own_add_keeps_the_entry_already_on_disk() -> Result {
        let lib = three_papers();
        let mut mine = Bookmarks::default();
        mine.toggle(&lib.get(0), at(9));
        let mut edited = hand_written("arxiv:2403.03507", "GaLore (retitled by hand)");
        edited
            .extra
            .insert("note".into(), Value::from("read section 3"));
        let merged = mine.merge_into(on_disk(&[edited.clone()])?);
        assert_eq!(merged.get("arxiv:2403.03507"), Some(&edited));
        Ok(())
    }

    #[test]
    fn hand_edits_and_other_instances_bookmarks_survive_a_save() -> Result {
        let lib = three_papers();
        let mut mine = on_disk(&[hand_written("title:old", "Old")])?;
        mine.toggle(&lib.get(2), at(0));
        // Meanwhile, by hand: "Old" retitled, an unknown field added, a bookmark added.
        let disk = br#"{
  "version": 1,
  "bookmarks": [
    {"key": "title:old", "title": "Old, retitled", "stars": 5},
    {"key": "title:written-by-hand", "title": "Written by hand"}
  ],
  "comment": "my reading list"
}"#;
        let merged = mine.merge_into(Bookmarks::from_json(disk)?);
        assert_eq!(
            keys(&merged),
            ["arxiv:2310.12962", "title:old", "title:written-by-hand"]
        );
        let old = merged.get("title:old").ok_or("title:old was lost")?;
        assert_eq!(old.title, "Old, retitled");
        assert_eq!(old.extra.get("stars"), Some(&Value::from(5)));
        assert!(
            merged
                .to_json()
                .contains("\"comment\": \"my reading list\"")
        );
        Ok(())
    }

    #[test]
    fn an_own_remove_removes_that_key_only() -> Result {
        let lib = three_papers();
        let disk = on_disk(&[
            Bookmark::of_paper(&lib.get(0), at(0)),
            Bookmark::of_paper(&lib.get(2), at(0)),
        ])?;
        let mut mine = disk.clone();
        mine.remove("arxiv:2403.03507");
        let merged = mine.merge_into(disk);
        assert_eq!(keys(&merged), ["arxiv:2310.12962"]);
        Ok(())
    }

    #[test]
    fn the_last_action_on_a_key_is_the_one_saved() -> Result {
        let lib = three_papers();
        let mut mine = Bookmarks::default();
        mine.toggle(&lib.get(0), at(0));
        mine.toggle(&lib.get(0), at(1));
        let disk = on_disk(&[Bookmark::of_paper(&lib.get(0), at(0))])?;
        assert!(mine.merge_into(disk.clone()).is_empty());

        let mut mine = disk.clone();
        mine.toggle(&lib.get(0), at(1));
        mine.toggle(&lib.get(0), at(2));
        assert_eq!(
            keys(&mine.merge_into(Bookmarks::default())),
            ["arxiv:2403.03507"]
        );
        let (added, removed) = mine.unsaved_changes();
        assert_eq!(added.collect::<Vec<_>>(), ["arxiv:2403.03507"]);
        assert_eq!(removed.count(), 0);
        Ok(())
    }

    #[test]
    fn the_file_is_pretty_sorted_and_reads_back_the_same() -> Result {
        let lib = three_papers();
        let mut b = Bookmarks::default();
        for i in [2, 0, 1] {
            b.toggle(&lib.get(i), at(i as u64));
        }
        let text = b.to_json();
        assert!(text.starts_with("{\n  \"version\": 1,\n  \"bookmarks\": [\n    {\n"));
        assert!(text.ends_with("}\n"));
        let back = Bookmarks::from_json(text.as_bytes())?;
        assert_eq!(
            keys(&back),
            [
                "arxiv:2310.12962",
                "arxiv:2403.03507",
                "title:a-paper-without-an-id"
            ]
        );
        assert_eq!(back.to_json(), text);
        assert!(!back.has_unsaved_changes());
        Ok(())
    }

    #[test]
    fn a_newer_version_is_refused_whatever_its_shape() -> Result {
        let err = Bookmarks::from_json(br#"{"version": 2, "bookmarks": {"new": "shape"}}"#)
            .err()
            .ok_or("a version 2 file was accepted")?;
        assert!(matches!(err, ParseError::Newer { version: 2 }), "{err}");
        assert!(err.to_string().contains("newer papertui"));
        Ok(())
    }

    #[test]
    fn broken_files_are_refused_with_line_and_column() -> Result {
        let cases: [(&[u8], usize, &str); 5] = [
            (
                b"{\"version\": 1,\n  \"bookmarks\": [\n    {\"key\": }",
                3,
                "expected value",
            ),
            (b"", 1, "EOF"),
            (b"{\"bookmarks\": []}", 1, "missing field `version`"),
            (
                b"{\"version\": 1, \"bookmarks\": [\n {\"key\": \"a\"},\n {\"key\": \"a\"}]}",
                3,
                "twice",
            ),
            (
                b"{\"version\": 1, \"bookmarks\": [\n {\"title\": 3}]}",
                2,
                "invalid type",
            ),
        ];
        for (bytes, line, what) in cases {
            match Bookmarks::from_json(bytes) {
                Err(ParseError::Invalid(e)) => {
                    assert_eq!(e.line(), line, "{e}");
                    assert!(e.to_string().contains(what), "{e}");
                }
                other => {
                    return Err(
                        format!("{:?} read as {other:?}", String::from_utf8_lossy(bytes)).into(),
                    );
                }
            }
        }
        Ok(())
    }

    #[test]
    fn a_byte_order_mark_from_an_editor_is_accepted() -> Result {
        let b = Bookmarks::from_json(
            b"\xEF\xBB\xBF{\"version\": 1, \"bookmarks\": [{\"key\": \"k\"}]}",
        )?;
        assert_eq!(keys(&b), ["k"]);
        Ok(())
    }

    #[test]
    fn an_arxiv_id_alone_makes_a_bookmark_with_its_abstract_page() -> Result {
        let mark = Bookmark::of_arxiv_id("2401.00001", at(0));
        assert_eq!(mark.key, "arxiv:2401.00001");
        assert_eq!(mark.display_title(), "arxiv:2401.00001");
        assert_eq!(
            mark.link.as_deref(),
            Some("https://arxiv.org/abs/2401.00001")
        );
        Ok(())
    }

    #[test]
    fn times_are_rfc3339_utc() -> Result {
        assert_eq!(rfc3339_utc(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(at(0)), "2024-03-14T09:30:00Z");
        let leap_day = UNIX_EPOCH + Duration::from_secs(951_782_399);
        assert_eq!(rfc3339_utc(leap_day), "2000-02-28T23:59:59Z");
        let new_year = UNIX_EPOCH + Duration::from_secs(1_735_689_600);
        assert_eq!(rfc3339_utc(new_year), "2025-01-01T00:00:00Z");
        Ok(())
    }
}
