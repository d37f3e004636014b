//! The read marks file: which papers the user has read, by key, and how this instance's
//! changes merge into what another instance (or a hand edit) wrote meanwhile. Pure: storage
//! reads and writes the bytes.
//!
//! The file (`read.json`) is pretty JSON, keys sorted, so it diffs well:
//!
//! ```json
//! {
//!   "version": 1,
//!   "read": [
//!     "arxiv:2403.03507",
//!     "title:the-fine-line-navigating-large-language-model-pretraining"
//!   ]
//! }
//! ```
//!
//! Fields papertui does not know are kept as they are.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::marks::file_version::{ParseError, versioned};

pub use crate::marks::file_version::READ_VERSION as FORMAT_VERSION;

/// The keys of the papers read, and the changes this instance made since it last saved.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadMarks {
    keys: BTreeSet<String>,
    /// Top-level fields this papertui does not know, kept as found.
    extra: BTreeMap<String, Value>,
    /// Keys this instance marked read or unread since the last save; the last change of a
    /// key wins, so a key is never in both.
    added: BTreeSet<String>,
    removed: BTreeSet<String>,
}

impl ReadMarks {
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn contains(&self, key: &str) -> bool {
        self.keys.contains(key)
    }

    /// The keys in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.keys.iter().map(String::as_str)
    }

    /// Marks `key` read or unread, as a change of this instance.
    pub fn set(&mut self, key: String, read: bool) {
        if read {
            self.removed.remove(&key);
            self.keys.insert(key.clone());
            self.added.insert(key);
        } else {
            self.added.remove(&key);
            self.keys.remove(&key);
            self.removed.insert(key);
        }
    }

    /// This instance's changes alone: `read` marked read, `unread` unread (no key in both).
    pub fn changes(read: Vec<String>, unread: Vec<String>) -> ReadMarks {
        let added: BTreeSet<String> = read.into_iter().collect();
        ReadMarks {
            keys: added.clone(),
            added,
            removed: unread.into_iter().collect(),
            extra: BTreeMap::new(),
        }
    }

    /// True if this instance changed something that no save has written yet.
    pub fn has_unsaved_changes(&self) -> bool {
        !self.added.is_empty() || !self.removed.is_empty()
    }

    /// What the file should hold after this instance saves: `on_disk` with only this
    /// instance's own changes applied. The result has no unsaved changes.
    pub fn merge_into(&self, on_disk: ReadMarks) -> ReadMarks {
        let mut merged = ReadMarks {
            added: BTreeSet::new(),
            removed: BTreeSet::new(),
            ..on_disk
        };
        for key in &self.removed {
            merged.keys.remove(key);
        }
        merged.keys.extend(self.added.iter().cloned());
        merged
    }

    /// Reads a read marks file; a newer version is refused before anything else is checked.
    pub fn from_json(bytes: &[u8]) -> Result<ReadMarks, ParseError> {
        let (bytes, _) = versioned(bytes, FORMAT_VERSION)?;
        let strict: Strict = serde_json::from_slice(bytes).map_err(ParseError::Invalid)?;
        // The other top-level fields, kept as found; the keys are not parsed twice.
        let loose: BTreeMap<String, &RawValue> =
            serde_json::from_slice(bytes).map_err(ParseError::Invalid)?;
        let mut extra = BTreeMap::new();
        for (name, raw) in loose {
            if name != "version" && name != "read" {
                let value = serde_json::from_str(raw.get()).map_err(ParseError::Invalid)?;
                extra.insert(name, value);
            }
        }
        Ok(ReadMarks {
            keys: strict.read.into_iter().collect(),
            extra,
            ..ReadMarks::default()
        })
    }

    /// The file's bytes: pretty JSON, keys sorted, a newline at the end.
    pub fn to_json(&self) -> String {
        let file = FileOut {
            version: FORMAT_VERSION,
            read: &self.keys,
            extra: &self.extra,
        };
        let mut text = serde_json::to_string_pretty(&file).expect("read marks serialize");
        text.push('\n');
        text
    }
}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u64,
    read: &'a BTreeSet<String>,
    #[serde(flatten)]
    extra: &'a BTreeMap<String, Value>,
}

#[derive(Deserialize)]
struct Strict {
    #[serde(default)]
    read: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

    #[test]
    fn marks_read_back_the_same_with_unknown_fields_kept() -> Result {
        let text = "{\"version\": 1, \"read\": [\"b\", \"a\"], \"note\": \"mine\"}";
        let marks = ReadMarks::from_json(text.as_bytes())?;
        assert_eq!(marks.iter().collect::<Vec<_>>(), ["a", "b"]);
        let again = ReadMarks::from_json(marks.to_json().as_bytes())?;
        assert_eq!(again, marks);
        assert!(marks.to_json().contains("\"note\": \"mine\""));
        Ok(())
    }

    #[test]
    fn a_newer_or_broken_file_is_refused() {
        let newer = ReadMarks::from_json(b"{\"version\": 2, \"read\": 7}");
        assert!(matches!(newer, Err(ParseError::Newer { version: 2, .. })));
        let broken = ReadMarks::from_json(b"{\"version\": 1, \"read\": [1]}");
        assert!(matches!(broken, Err(ParseError::Invalid(_))));
        assert!(ReadMarks::from_json(b"{\"read\": []}").is_err());
    }

    #[test]
    fn only_this_instances_changes_merge_into_the_file() -> Result {
        let at_start = ReadMarks::from_json(br#"{"version": 1, "read": ["a", "b"]}"#)?;
        let mut mine = at_start;
        mine.set("c".into(), true);
        mine.set("a".into(), false);
        // Meanwhile another instance marked d read and b unread.
        let theirs = ReadMarks::from_json(br#"{"version": 1, "read": ["a", "d"]}"#)?;
        let merged = mine.merge_into(theirs);
        assert_eq!(merged.iter().collect::<Vec<_>>(), ["c", "d"]);
        assert!(!merged.has_unsaved_changes());
        Ok(())
    }
}
