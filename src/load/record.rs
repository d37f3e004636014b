//! One paper record as the JSON formats write it: papertui's own fields, a Hugging Face daily
//! papers item (`{paper: {...}}`), or an arXiv metadata snapshot line. One permissive reader
//! serves all three; unknown fields are ignored and every field but the title is optional.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

mod lenient;
mod snapshot;

use crate::library::{AnnounceType, Authors, RawPaper, cleaned_if_escaped};
use crate::library::{latex, paper};

/// `Inner` is the type of a Hugging Face item's `paper`: a record whose own `paper` is skipped
/// unparsed, so records nest once however deep the input (`{"paper": {"paper": ...}}` a
/// hundred levels down would otherwise recurse a hundred times and exhaust the stack).
#[derive(Deserialize, Default)]
pub(super) struct Record<'a, Inner = Box<Record<'a, IgnoredAny>>> {
    #[serde(borrow, default, deserialize_with = "borrowed")]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    title: Option<Text<'a>>,
    #[serde(borrow, default, rename = "abstract")]
    abstract_text: Option<Text<'a>>,
    #[serde(borrow, default)]
    summary: Option<Text<'a>>,
    #[serde(borrow, default)]
    authors: Option<AuthorsIn<'a>>,
    #[serde(default)]
    authors_parsed: Option<ParsedAuthors>,
    #[serde(borrow, default, deserialize_with = "borrowed")]
    published: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "publishedAt", deserialize_with = "borrowed")]
    published_at: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    versions: Option<FirstVersion<'a>>,
    #[serde(borrow, default, deserialize_with = "borrowed")]
    update_date: Option<Cow<'a, str>>,
    #[serde(default)]
    upvotes: Option<u32>,
    #[serde(borrow, default)]
    categories: Option<ListIn<'a>>,
    #[serde(borrow, default)]
    links: Option<Vec<Cow<'a, str>>>,
    #[serde(borrow, default, deserialize_with = "borrowed")]
    doi: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "githubRepo", deserialize_with = "borrowed")]
    github_repo: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "projectPage", deserialize_with = "borrowed")]
    project_page: Option<Cow<'a, str>>,
    // arXiv's fields (snapshot lines; papertui's own records write them back the same way).
    #[serde(borrow, default, deserialize_with = "borrowed")]
    comments: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "journal-ref", deserialize_with = "borrowed")]
    journal_ref: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "borrowed")]
    primary_category: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "borrowed")]
    announce_type: Option<Cow<'a, str>>,
    // What the Hugging Face page adds.
    #[serde(borrow, default, deserialize_with = "borrowed")]
    ai_summary: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "borrowed")]
    ai_summary_model: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    ai_keywords: Option<Vec<Cow<'a, str>>>,
    #[serde(default, rename = "githubStars")]
    github_stars: Option<u32>,
    #[serde(default, rename = "numComments")]
    num_comments: Option<u32>,
    #[serde(borrow, default)]
    organization: Option<WhoIn<'a>>,
    #[serde(borrow, default, rename = "submittedBy")]
    submitted_by: Option<WhoIn<'a>>,
    #[serde(borrow, default, rename = "submittedOnDailyBy")]
    submitted_on_daily_by: Option<WhoIn<'a>>,
    #[serde(
        borrow,
        default,
        rename = "submittedOnDailyAt",
        deserialize_with = "borrowed"
    )]
    submitted_on_daily_at: Option<Cow<'a, str>>,
    #[serde(
        borrow,
        default,
        rename = "discussionId",
        deserialize_with = "borrowed"
    )]
    discussion_id: Option<Cow<'a, str>>,
    #[serde(default)]
    paper: Option<Inner>,
}

#[derive(Deserialize)]
struct Version<'a> {
    #[serde(borrow, default, deserialize_with = "borrowed")]
    created: Option<Cow<'a, str>>,
}

/// Why a record was not turned into a paper.
pub(super) const NO_TITLE: &str = "record has no title";

/// Why a record was skipped: its JSON, or what it lacks.
pub(super) enum Unusable {
    Json(serde_json::Error),
    Record(&'static str),
}

thread_local! {
    /// Titles and abstracts with escapes (`\n` in every hard-wrapped arXiv abstract) are
    /// unescaped here instead of into strings of their own: one buffer a thread, reused.
    static SCRATCH: RefCell<String> = const { RefCell::new(String::new()) };
}

/// What a record holds instead of a paper, for a message: ` (its fields: error, status)`;
/// empty when it is no object or has none.
pub(super) fn fields_of(json: &str) -> String {
    let Ok(serde_json::Value::Object(fields)) = serde_json::from_str(json) else {
        return String::new();
    };
    let names: Vec<String> = fields
        .keys()
        .take(6)
        .map(|k| crate::sanitize::clean(k, 40))
        .collect();
    match (names.is_empty(), fields.len() > names.len()) {
        (true, _) => String::new(),
        (false, false) => format!(" (its fields: {})", names.join(", ")),
        (false, true) => format!(" (its fields: {}, ...)", names.join(", ")),
    }
}

/// A field of a record whose value had the wrong type: dropped, and the paper kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Dropped {
    /// `upvotes`, or `paper.upvotes` inside a Hugging Face item.
    pub field: String,
    /// serde's words: "invalid type: string \"many\", expected u32".
    pub why: String,
}

/// Parses one JSON record and hands the paper it describes to `take`. A field of the wrong
/// type (`"upvotes": "many"`) is dropped and told in `dropped`, and the paper kept; a title
/// of the wrong type makes the record unusable.
pub(super) fn with_paper<R>(
    json: &str,
    dropped: &mut Vec<Dropped>,
    take: impl FnOnce(&RawPaper<'_>) -> R,
) -> Result<R, Unusable> {
    SCRATCH.with_borrow_mut(String::clear);
    if let Some(record) = snapshot::record(json) {
        return SCRATCH
            .with_borrow(|scratch| Ok(take(&record.into_raw(scratch).map_err(Unusable::Record)?)));
    }
    // A line the one-pass reader declined may have left text in the scratch.
    SCRATCH.with_borrow_mut(String::clear);
    let first = serde_json::from_str::<Record>(json);
    let record = match first {
        Ok(record) => record,
        Err(e) => {
            let Some(fixed) = lenient::without_wrong_fields(json, dropped) else {
                return Err(Unusable::Json(e));
            };
            SCRATCH.with_borrow_mut(String::clear);
            let record: Record = serde_json::from_str(&fixed).map_err(Unusable::Json)?;
            return SCRATCH.with_borrow(|scratch| {
                Ok(take(&record.into_raw(scratch).map_err(Unusable::Record)?))
            });
        }
    };
    SCRATCH.with_borrow(|scratch| Ok(take(&record.into_raw(scratch).map_err(Unusable::Record)?)))
}

impl<'a> Record<'a> {
    /// The paper this record describes; a Hugging Face item's `paper` fields come first.
    /// `scratch` holds the record's unescaped text.
    fn into_raw<'s>(mut self, scratch: &'s str) -> Result<RawPaper<'s>, &'static str>
    where
        'a: 's,
    {
        match self.paper.take() {
            Some(inner) => inner.merge(self).build(scratch),
            None => self.build(scratch),
        }
    }
}

/// A record's text: borrowed from the input, or unescaped into [`SCRATCH`] (a byte range).
pub(super) enum Text<'a> {
    Borrowed(&'a str),
    Scratch(usize, usize),
}

impl<'a> Text<'a> {
    fn resolve<'s>(&self, scratch: &'s str) -> Cow<'s, str>
    where
        'a: 's,
    {
        match *self {
            Text::Borrowed(s) => Cow::Borrowed(s),
            Text::Scratch(start, end) => Cow::Borrowed(&scratch[start..end]),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(Text::Borrowed(s))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(SCRATCH.with_borrow_mut(|scratch| {
                    let start = scratch.len();
                    scratch.push_str(s);
                    Text::Scratch(start, scratch.len())
                }))
            }
        }
        d.deserialize_str(V)
    }
}

impl<'a, Inner> Record<'a, Inner> {
    /// Fills this record's missing fields from `other`.
    fn merge<O>(mut self, o: Record<'a, O>) -> Self {
        macro_rules! fill {
            ($($f:ident),*) => { $( if self.$f.is_none() { self.$f = o.$f; } )* };
        }
        fill!(
            id,
            title,
            abstract_text,
            summary,
            authors,
            authors_parsed,
            published,
            published_at,
            versions,
            update_date,
            upvotes,
            categories,
            links,
            doi,
            github_repo,
            project_page,
            comments,
            journal_ref,
            primary_category,
            announce_type,
            ai_summary,
            ai_summary_model,
            ai_keywords,
            github_stars,
            num_comments,
            organization,
            submitted_by,
            submitted_on_daily_by,
            submitted_on_daily_at,
            discussion_id
        );
        self
    }

    fn build<'s>(self, scratch: &'s str) -> Result<RawPaper<'s>, &'static str>
    where
        'a: 's,
    {
        let title = self
            .title
            .map(|t| t.resolve(scratch))
            .filter(|t| !t.trim().is_empty())
            .ok_or(NO_TITLE)?;
        let authors = match (self.authors_parsed, self.authors) {
            (Some(ParsedAuthors(names)), _) if !names.is_empty() => Authors::Lines(names.into()),
            (_, Some(AuthorsIn::Joined(s))) => Authors::Joined(names(s)),
            (_, Some(AuthorsIn::List(names))) => Authors::List(names),
            _ => Authors::default(),
        };
        let first_version = self.versions.and_then(|v| v.0);
        let published = self
            .published
            .or(self.published_at)
            .or(first_version)
            .or(self.update_date)
            .map(|d| match normalize_date(&d) {
                Some(iso) => Cow::Owned(iso),
                None => d,
            });
        let mut links: Vec<Cow<'s, str>> = Vec::new();
        // A paper of the Daily Papers has a page there, where its discussion is.
        let on_hugging_face = self.discussion_id.is_some() || self.submitted_on_daily_at.is_some();
        if on_hugging_face && let Some(id) = self.id.as_deref().and_then(paper::normalize_arxiv_id)
        {
            links.push(Cow::Owned(paper::hugging_face_url(&id)));
        }
        links.extend(self.github_repo);
        links.extend(self.project_page);
        links.extend(self.doi.as_deref().and_then(paper::doi_url).map(Cow::Owned));
        links.extend(self.links.unwrap_or_default());
        Ok(RawPaper {
            id: self.id,
            title,
            abstract_text: self
                .abstract_text
                .or(self.summary)
                .map_or(Cow::Borrowed(""), |t| t.resolve(scratch)),
            authors,
            published,
            upvotes: self.upvotes,
            categories: match self.categories {
                Some(ListIn(items)) => items,
                None => Vec::new(),
            },
            links,
            comment: self.comments,
            doi: self.doi,
            journal_ref: self.journal_ref,
            primary_category: self.primary_category,
            announce_type: self.announce_type.as_deref().and_then(AnnounceType::parse),
            ai_summary: self.ai_summary,
            ai_model: self.ai_summary_model,
            keywords: self.ai_keywords.unwrap_or_default(),
            stars: self.github_stars,
            comments: self.num_comments,
            organization: self.organization.and_then(|w| w.0),
            submitted_by: self
                .submitted_by
                .and_then(|w| w.0)
                .or(self.submitted_on_daily_by.and_then(|w| w.0)),
            list_day: self
                .submitted_on_daily_at
                .map(|d| normalize_date(&d).map_or(d, Cow::Owned)),
        })
    }
}

/// Turns the dates the formats write into `YYYY-MM-DD`: ISO timestamps
/// (`2024-10-22T17:59:30.000Z`) and arXiv's `Mon, 2 Apr 2007 19:18:42 GMT`.
pub(super) fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let iso = b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    if iso {
        return Some(s[..10].to_string());
    }
    let rest = s.split_once(", ").map_or(s, |(_, r)| r);
    let mut words = rest.split_whitespace();
    let day: u32 = words.next()?.parse().ok()?;
    let month = month_number(words.next()?)?;
    let year: u32 = words.next()?.parse().ok()?;
    if !(1..=31).contains(&day) || !(1000..=9999).contains(&year) {
        return None;
    }
    // Digit by digit, not format!: this runs for every record of an arXiv snapshot.
    let mut iso = String::with_capacity(10);
    for (n, width, then) in [(year, 4, "-"), (month, 2, "-"), (day, 2, "")] {
        for p in (0..width).rev() {
            iso.push(char::from(b'0' + (n / 10u32.pow(p) % 10) as u8));
        }
        iso.push_str(then);
    }
    Some(iso)
}

pub fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let start = name.get(..3)?;
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(start))
        .map(|i| i as u32 + 1)
}

/// `authors`: one string, or a list of names or of `{name: ...}` objects (Hugging Face).
pub(super) enum AuthorsIn<'a> {
    Joined(Cow<'a, str>),
    List(Vec<Cow<'a, str>>),
}

impl<'de: 'a, 'a> Deserialize<'de> for AuthorsIn<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AuthorsIn<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a list of names")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(AuthorsIn::Joined(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(AuthorsIn::Joined(Cow::Owned(s.to_string())))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut names = Vec::new();
                while let Some(NameIn(name)) = seq.next_element()? {
                    names.extend(name);
                }
                Ok(AuthorsIn::List(names))
            }
        }
        d.deserialize_any(V)
    }
}

/// One author: a name string, or an object with a `name` field (other fields ignored).
struct NameIn<'a>(Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for NameIn<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = NameIn<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name or an object with a name")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(NameIn(Some(Cow::Borrowed(s))))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(NameIn(Some(Cow::Owned(s.to_string()))))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut name = None;
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    if key == "name" && name.is_none() {
                        name = map.next_value::<Option<Cow<'de, str>>>()?;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(NameIn(name))
            }
        }
        d.deserialize_any(V)
    }
}

/// A person or an organization: a name string, or an object whose `fullname` (else `name`)
/// names it (Hugging Face's `organization`, `submittedBy`).
pub(super) struct WhoIn<'a>(Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for WhoIn<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = WhoIn<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name or an object with a name")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(WhoIn(Some(Cow::Borrowed(s))))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(WhoIn(Some(Cow::Owned(s.to_string()))))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let (mut full, mut name) = (None, None);
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    match &*key {
                        "fullname" if full.is_none() => {
                            full = map.next_value::<Option<Cow<'de, str>>>()?;
                        }
                        "name" if name.is_none() => {
                            name = map.next_value::<Option<Cow<'de, str>>>()?;
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(WhoIn(full.filter(|f| !f.trim().is_empty()).or(name)))
            }
        }
        d.deserialize_any(V)
    }
}

/// arXiv's `authors_parsed`, `[[last, first, suffix, affiliation?], ...]`, read straight into
/// one string of "first last suffix" names, one per line: this runs for every line of a
/// multi-gigabyte snapshot, so it allocates once per record, not once per name part.
pub(super) struct ParsedAuthors(String);

impl<'de> Deserialize<'de> for ParsedAuthors {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Names;
        impl<'de> Visitor<'de> for Names {
            type Value = ParsedAuthors;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of [last, first, suffix] names")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = String::new();
                while let Some(NameParts([last, first, suffix])) = seq.next_element()? {
                    push_name(&mut out, [&*first, &*last, &*suffix]);
                }
                Ok(ParsedAuthors(out))
            }
        }
        d.deserialize_seq(Names)
    }
}

/// Appends one author to `out`, a line of its non-empty `words` joined by spaces (nothing when
/// all are empty), with its LaTeX converted.
fn push_name(out: &mut String, words: [&str; 3]) {
    let mut words = words
        .into_iter()
        .map(trim)
        .filter(|w| !w.is_empty())
        .peekable();
    if words.peek().is_none() {
        return;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    let start = out.len();
    for (i, w) in words.enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // Names are one per line: a line break inside a part is a space.
        if w.as_bytes().contains(&b'\n') {
            out.push_str(&w.replace('\n', " "));
        } else {
            out.push_str(w);
        }
    }
    if let Cow::Owned(decoded) = latex::names(&out[start..]) {
        out.truncate(start);
        out.push_str(&decoded);
    }
}

/// `s` without its leading and trailing whitespace, as [`str::trim`] gives it: the ASCII ends
/// first, a byte test where `str::trim` decodes characters (it ran for every name part).
fn trim(s: &str) -> &str {
    let t = s.trim_ascii();
    match (t.as_bytes().first(), t.as_bytes().last()) {
        (Some(a), Some(z)) if !a.is_ascii() || !z.is_ascii() => t.trim(),
        _ => t,
    }
}

/// A string borrowed from the input unless it has escapes: serde's own `Cow<str>` (in an
/// `Option` or a sequence) always copies, and this runs for several fields of every record.
struct Str<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(s.to_string())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// An optional string field, borrowed from the input when it can be (see [`Str`]).
fn borrowed<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Option<Cow<'a, str>>, D::Error> {
    Ok(Option::<Str<'de>>::deserialize(d)?.map(|Str(s)| s))
}

/// One `[last, first, suffix, ...]` entry; parts past the third (affiliations) are ignored.
struct NameParts<'a>([Cow<'a, str>; 3]);

impl<'de: 'a, 'a> Deserialize<'de> for NameParts<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Parts;
        impl<'de> Visitor<'de> for Parts {
            type Value = NameParts<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a [last, first, suffix] list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut parts: [Cow<'de, str>; 3] = Default::default();
                let mut i = 0;
                while i < 3 {
                    match seq.next_element::<Str<'de>>()? {
                        Some(Str(p)) => parts[i] = p,
                        None => return Ok(NameParts(parts)),
                    }
                    i += 1;
                }
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(NameParts(parts))
            }
        }
        d.deserialize_seq(Parts)
    }
}

/// arXiv's `versions`: only the first version's `created` date is kept.
pub(super) struct FirstVersion<'a>(Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for FirstVersion<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct First;
        impl<'de> Visitor<'de> for First {
            type Value = FirstVersion<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of versions")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let first = seq.next_element::<Version<'de>>()?.and_then(|v| v.created);
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(FirstVersion(first))
            }
        }
        d.deserialize_seq(First)
    }
}

/// `categories`: a space-separated string (arXiv) or a list of strings.
pub(super) struct ListIn<'a>(Vec<Cow<'a, str>>);

impl<'a> ListIn<'a> {
    /// The words of a space-separated string, borrowed from it when they can be.
    fn of(s: Cow<'a, str>) -> ListIn<'a> {
        match s {
            Cow::Borrowed(s) => match cleaned_if_escaped(s) {
                Cow::Borrowed(s) => ListIn(s.split_whitespace().map(Cow::Borrowed).collect()),
                Cow::Owned(s) => ListIn::owned(&s),
            },
            Cow::Owned(s) => ListIn::owned(&cleaned_if_escaped(&s)),
        }
    }

    fn owned(s: &str) -> ListIn<'a> {
        ListIn(
            s.split_whitespace()
                .map(|w| Cow::Owned(w.to_string()))
                .collect(),
        )
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for ListIn<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ListIn<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(ListIn::of(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(ListIn::owned(&cleaned_if_escaped(s)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Cow<'de, str>>()? {
                    items.push(item);
                }
                Ok(ListIn(items))
            }
        }
        d.deserialize_any(V)
    }
}

/// An author string with its LaTeX converted, kept as it came when it holds none.
fn names(s: Cow<'_, str>) -> Cow<'_, str> {
    match latex::names(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(decoded) => Cow::Owned(decoded),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(json: &str) -> Result<RawPaper<'static>, String> {
        let owned = |c: &Cow<'_, str>| Cow::Owned(c.to_string());
        let all = |v: &[Cow<'_, str>]| v.iter().map(owned).collect::<Vec<_>>();
        with_paper(json, &mut Vec::new(), |p| RawPaper {
            id: p.id.as_ref().map(owned),
            title: owned(&p.title),
            abstract_text: owned(&p.abstract_text),
            authors: match &p.authors {
                Authors::List(names) => Authors::List(all(names)),
                Authors::Joined(s) => Authors::Joined(owned(s)),
                Authors::Lines(s) => Authors::Lines(owned(s)),
            },
            published: p.published.as_ref().map(owned),
            upvotes: p.upvotes,
            categories: all(&p.categories),
            links: all(&p.links),
            ..RawPaper::default()
        })
        .map_err(|e| match e {
            Unusable::Json(e) => e.to_string(),
            Unusable::Record(why) => why.to_string(),
        })
    }

    #[test]
    fn hugging_face_items_use_the_inner_paper() {
        let p = raw(
            r#"{"paper":{"id":"2410.17243","title":"Inner","summary":"S","upvotes":64,
            "authors":[{"name":"Zesen Cheng","hidden":false},{"_id":"x","name":"Hang Zhang"}],
            "publishedAt":"2024-10-22T17:59:30.000Z","githubRepo":"https://github.com/x/y"},
            "title":"Outer","numComments":3,"thumbnail":"t"}"#,
        )
        .unwrap();
        assert_eq!(p.title, "Inner");
        assert_eq!(p.abstract_text, "S");
        assert_eq!(p.upvotes, Some(64));
        assert_eq!(p.published.as_deref(), Some("2024-10-22"));
        assert_eq!(p.links, ["https://github.com/x/y"]);
        match p.authors {
            Authors::List(n) => assert_eq!(n, ["Zesen Cheng", "Hang Zhang"]),
            _ => panic!("expected a list"),
        }
    }

    #[test]
    fn arxiv_lines_take_parsed_authors_first_version_and_doi() {
        let p = raw(r#"{"id":"0704.0001","authors":"C. Bal\\'azs, E. L. Berger","title":"T",
            "abstract":"  A\nB","categories":"hep-ph math.CO","doi":"10.1103/PhysRevD.76.013009",
            "versions":[{"version":"v1","created":"Mon, 2 Apr 2007 19:18:42 GMT"}],
            "update_date":"2008-11-26","authors_parsed":[["Bal\u00e1zs","C.",""],["Berger","E. L.",""]]}"#)
        .unwrap();
        assert_eq!(p.published.as_deref(), Some("2007-04-02"));
        assert_eq!(p.categories, ["hep-ph", "math.CO"]);
        assert_eq!(p.links, ["https://doi.org/10.1103/PhysRevD.76.013009"]);
        match p.authors {
            Authors::Lines(n) => assert_eq!(n, "C. Bal\u{e1}zs\nE. L. Berger"),
            _ => panic!("expected lines"),
        }
    }

    #[test]
    fn a_daily_papers_item_gives_what_its_page_shows() {
        let json = r#"{"paper":{"id":"2606.12730","title":"T","upvotes":7,
            "submittedOnDailyAt":"2026-06-12T00:00:00.000Z","discussionId":"6a2c",
            "submittedOnDailyBy":{"fullname":"Rafal Kocielnik","name":"RKocielnik"},
            "ai_summary":"Short.","ai_summary_model":"Qwen/Qwen2.5-Coder-32B-Instruct",
            "ai_keywords":["zero-shot annotation","LLM-as-a-judge"],
            "githubRepo":"https://github.com/x/y","githubStars":1,
            "organization":{"_id":"6848","name":"caltech","fullname":"California institute of technology"}},
            "numComments":3,"title":"T"}"#;
        let seen = with_paper(json, &mut Vec::new(), |p| {
            (
                p.list_day.as_deref().map(str::to_string),
                p.submitted_by.as_deref().map(str::to_string),
                p.ai_model.as_deref().map(str::to_string),
                p.keywords.len(),
                (p.stars, p.comments),
                p.organization.as_deref().map(str::to_string),
                p.links.iter().map(ToString::to_string).collect::<Vec<_>>(),
            )
        })
        .map_err(|_| "unusable")
        .unwrap();
        assert_eq!(seen.0.as_deref(), Some("2026-06-12"));
        assert_eq!(seen.1.as_deref(), Some("Rafal Kocielnik"));
        assert_eq!(seen.2.as_deref(), Some("Qwen/Qwen2.5-Coder-32B-Instruct"));
        assert_eq!((seen.3, seen.4), (2, (Some(1), Some(3))));
        assert_eq!(
            seen.5.as_deref(),
            Some("California institute of technology")
        );
        assert_eq!(
            seen.6,
            [
                "https://huggingface.co/papers/2606.12730",
                "https://github.com/x/y"
            ]
        );
    }

    #[test]
    fn an_arxiv_line_gives_its_comment_and_journal_reference() {
        let json = r#"{"id":"0704.0001","title":"T","comments":"37 pages, 15 figures",
            "journal-ref":"Phys.Rev.D76:013009,2007","doi":"10.1103/PhysRevD.76.013009"}"#;
        let seen = with_paper(json, &mut Vec::new(), |p| {
            (
                p.comment.as_deref().map(str::to_string),
                p.journal_ref.as_deref().map(str::to_string),
            )
        })
        .map_err(|_| "unusable")
        .unwrap();
        assert_eq!(seen.0.as_deref(), Some("37 pages, 15 figures"));
        assert_eq!(seen.1.as_deref(), Some("Phys.Rev.D76:013009,2007"));
    }

    #[test]
    fn a_record_without_title_or_with_a_wrong_type_is_refused() {
        assert_eq!(raw(r#"{"abstract":"x"}"#).err().as_deref(), Some(NO_TITLE));
        let err = raw(r#"{"title": 5}"#).err().unwrap();
        assert!(
            err.contains("invalid type: integer `5`, expected a string"),
            "{err}"
        );
    }

    #[test]
    fn a_field_of_the_wrong_type_is_dropped_and_the_paper_kept() {
        let mut dropped = Vec::new();
        let title = with_paper(
            r#"{"title": "T", "upvotes": "many", "abstract": ["a"], "paper": {"upvotes": -1}}"#,
            &mut dropped,
            |p| (p.title.to_string(), p.upvotes, p.abstract_text.to_string()),
        )
        .map_err(|_| "the paper was dropped")
        .unwrap();
        assert_eq!(title, ("T".to_string(), None, String::new()));
        let fields: Vec<&str> = dropped.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(fields, ["abstract", "paper.upvotes", "upvotes"]);
        assert!(
            dropped[2].why.contains("invalid type: string \"many\""),
            "{dropped:?}"
        );
    }

    #[test]
    fn dates_are_normalized() {
        assert_eq!(
            normalize_date("Sat, 31 Mar 2007 02:26:18 GMT").as_deref(),
            Some("2007-03-31")
        );
        assert_eq!(normalize_date("2024-03-14").as_deref(), Some("2024-03-14"));
        assert_eq!(normalize_date("Mar 14"), None);
    }
}
