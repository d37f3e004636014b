//! The bookmarks file's JSON: read strictly, so every mistake is placed, with the fields
//! papertui does not know kept; written pretty and sorted by key.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Bookmark, Bookmarks, FORMAT_VERSION, ParseError};
use crate::marks::file_version::versioned;

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

impl Bookmarks {
    /// Reads a bookmarks file. A newer version is reported before anything else is checked,
    /// since a later format may not parse as this one.
    pub fn from_json(bytes: &[u8]) -> Result<Bookmarks, ParseError> {
        let (bytes, version) = versioned(bytes)?;
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
            version,
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
