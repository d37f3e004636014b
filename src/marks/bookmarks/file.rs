//! The bookmarks file's JSON: read strictly, so every mistake is placed, with the fields
//! papertui does not know kept; version 1 entries migrated; written pretty and sorted by key.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Bookmark, Bookmarks, FORMAT_VERSION, ParseError, clean_tag};
use crate::marks::file_version::versioned;

/// The entry fields of version 2; everything else goes to [`Bookmark::extra`].
const KNOWN_FIELDS: [&str; 13] = [
    "key",
    "id",
    "title",
    "abstract",
    "authors",
    "published",
    "upvotes",
    "categories",
    "links",
    "tags",
    "note",
    "bookmarked_at",
    // Never written; read so that a hand-written link is not lost.
    "link",
];

/// The entry fields of version 1.
const V1_FIELDS: [&str; 7] = [
    "key",
    "title",
    "authors",
    "arxiv_id",
    "link",
    "published",
    "bookmarked_at",
];

/// What a version 1 file's unknown field named like a version 2 field is kept as when it
/// cannot be that field (another type, or the field is set already): `v1.note`.
const V1_PREFIX: &str = "v1.";

impl Bookmarks {
    /// Reads a bookmarks file, version 1 or 2. A newer version is reported before anything
    /// else is checked, since a later format may not parse as this one.
    pub fn from_json(bytes: &[u8]) -> Result<Bookmarks, ParseError> {
        let (bytes, version) = versioned(bytes, FORMAT_VERSION)?;
        // The strict pass places every error at its line and column; the loose pass then
        // only collects the fields papertui does not know.
        let bookmarks: Vec<Bookmark> = if version == 1 {
            let strict: StrictFile<V1Entry> =
                serde_json::from_slice(bytes).map_err(ParseError::Invalid)?;
            strict.bookmarks.into_iter().map(V1Entry::migrate).collect()
        } else {
            let strict: StrictFile<V2Entry> =
                serde_json::from_slice(bytes).map_err(ParseError::Invalid)?;
            strict
                .bookmarks
                .into_iter()
                .map(V2Entry::into_bookmark)
                .collect()
        };
        let mut loose: Map<String, Value> =
            serde_json::from_slice(bytes).map_err(ParseError::Invalid)?;
        let loose_entries = match loose.remove("bookmarks") {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        };
        loose.remove("version");
        let mut entries = BTreeMap::new();
        for (mut bookmark, raw) in bookmarks.into_iter().zip(loose_entries) {
            if let Value::Object(fields) = raw {
                bookmark.extra = unknown_fields(fields, version);
                if version == 1 {
                    adopt_v1_fields(&mut bookmark);
                }
            }
            entries.insert(bookmark.key.clone(), bookmark);
        }
        Ok(Bookmarks {
            version,
            entries,
            extra: loose.into_iter().collect(),
            added: BTreeSet::new(),
            removed: BTreeSet::new(),
            updated: BTreeSet::new(),
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

/// The fields of an entry that its version does not know; a version 1 field that version 2
/// knows under the same name is renamed with [`V1_PREFIX`].
fn unknown_fields(fields: Map<String, Value>, version: u64) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for (name, value) in fields {
        if version == 1 {
            if V1_FIELDS.contains(&name.as_str()) {
                continue;
            }
            if KNOWN_FIELDS.contains(&name.as_str()) || name.starts_with(V1_PREFIX) {
                out.insert(format!("{V1_PREFIX}{name}"), value);
                continue;
            }
        } else if KNOWN_FIELDS.contains(&name.as_str()) {
            continue;
        }
        out.insert(name, value);
    }
    out
}

/// A version 1 entry's hand-written field named like a version 2 one (the README suggested a
/// `"note"`) becomes that field when its value fits and the field is empty; it stays under
/// its `v1.` name otherwise.
fn adopt_v1_fields(b: &mut Bookmark) {
    fn take<T: serde::de::DeserializeOwned>(b: &mut Bookmark, name: &str) -> Option<T> {
        let key = format!("{V1_PREFIX}{name}");
        let value: T = serde_json::from_value(b.extra.get(&key)?.clone()).ok()?;
        b.extra.remove(&key);
        Some(value)
    }
    if b.note.is_empty() {
        b.note = take(b, "note").unwrap_or_default();
    }
    if b.abstract_text.is_empty() {
        b.abstract_text = take(b, "abstract").unwrap_or_default();
    }
    if b.upvotes.is_none() {
        b.upvotes = take(b, "upvotes");
    }
    if b.categories.is_empty() {
        b.categories = take(b, "categories").unwrap_or_default();
    }
    if b.tags.is_empty() {
        let tags: Vec<String> = take(b, "tags").unwrap_or_default();
        b.tags = tags.iter().filter_map(|t| clean_tag(t)).collect();
        b.tags.sort();
        b.tags.dedup();
    }
    if let Some(links) = take::<Vec<String>>(b, "links") {
        for link in links {
            if !b.links.contains(&link) {
                b.links.push(link);
            }
        }
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
#[serde(bound = "E: DeserializeOwned + Keyed")]
struct StrictFile<E> {
    #[serde(default = "Vec::new", deserialize_with = "unique_entries")]
    bookmarks: Vec<E>,
}

trait Keyed {
    fn key(&self) -> &str;
}

/// An entry of a version 1 file.
#[derive(Deserialize)]
struct V1Entry {
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

impl V1Entry {
    /// The same bookmark in version 2: `arxiv_id` is `id`, the one `link` the first of `links`.
    fn migrate(self) -> Bookmark {
        Bookmark {
            key: self.key,
            arxiv_id: non_empty(self.arxiv_id),
            title: self.title,
            authors: self.authors,
            published: non_empty(self.published),
            links: non_empty(self.link).into_iter().collect(),
            bookmarked_at: non_empty(self.bookmarked_at),
            ..Bookmark::default()
        }
    }
}

impl Keyed for V1Entry {
    fn key(&self) -> &str {
        &self.key
    }
}

/// An entry of a version 2 file.
#[derive(Deserialize)]
struct V2Entry {
    key: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: String,
    #[serde(default, rename = "abstract")]
    abstract_text: String,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    upvotes: Option<u32>,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    links: Vec<String>,
    /// A hand-written single link, as version 1 had it.
    #[serde(default)]
    link: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    bookmarked_at: Option<String>,
}

impl V2Entry {
    fn into_bookmark(self) -> Bookmark {
        let mut links = self.links;
        if let Some(link) = non_empty(self.link).filter(|l| !links.contains(l)) {
            links.push(link);
        }
        let mut tags: Vec<String> = self.tags.iter().filter_map(|t| clean_tag(t)).collect();
        tags.sort();
        tags.dedup();
        Bookmark {
            key: self.key,
            arxiv_id: non_empty(self.id),
            title: self.title,
            abstract_text: self.abstract_text,
            authors: self.authors,
            published: non_empty(self.published),
            upvotes: self.upvotes,
            categories: self.categories,
            links,
            tags,
            note: self.note,
            bookmarked_at: non_empty(self.bookmarked_at),
            extra: BTreeMap::new(),
        }
    }
}

impl Keyed for V2Entry {
    fn key(&self) -> &str {
        &self.key
    }
}

/// None for an empty string: a field written as `""` is a field left out.
fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

/// Reads the entries, refusing an empty key and a key seen twice: a file whose entries
/// contradict each other cannot be saved back without dropping one of them.
fn unique_entries<'de, D, E>(d: D) -> Result<Vec<E>, D::Error>
where
    D: Deserializer<'de>,
    E: DeserializeOwned + Keyed,
{
    struct Entries<E>(PhantomData<E>);
    impl<'de, E: DeserializeOwned + Keyed> Visitor<'de> for Entries<E> {
        type Value = Vec<E>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of bookmarks")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut seen = HashSet::new();
            let mut out = Vec::new();
            while let Some(entry) = seq.next_element::<E>()? {
                if entry.key().trim().is_empty() {
                    return Err(de::Error::custom("a bookmark has an empty `key`"));
                }
                if !seen.insert(entry.key().to_string()) {
                    return Err(de::Error::custom(format!(
                        "the key `{}` is bookmarked twice",
                        entry.key()
                    )));
                }
                out.push(entry);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Entries(PhantomData))
}
