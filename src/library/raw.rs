//! A paper as a loader found it, before cleaning, and the splitting of its author strings.

use std::borrow::Cow;

use crate::sanitize::{self, ABSTRACT_MAX};

/// A paper as a loader found it, before cleaning. Loaders fill it from their own format.
#[derive(Debug, Default, Clone)]
pub struct RawPaper<'a> {
    pub id: Option<Cow<'a, str>>,
    pub title: Cow<'a, str>,
    pub abstract_text: Cow<'a, str>,
    pub authors: Authors<'a>,
    pub published: Option<Cow<'a, str>>,
    pub upvotes: Option<u32>,
    pub categories: Vec<Cow<'a, str>>,
    pub links: Vec<Cow<'a, str>>,
    /// What feeds add (arXiv's API and RSS): the authors' comment ("12 pages, 3 figures"),
    /// the DOI, the journal reference, the primary category and why it is in an announcement.
    pub comment: Option<Cow<'a, str>>,
    pub doi: Option<Cow<'a, str>>,
    pub journal_ref: Option<Cow<'a, str>>,
    pub primary_category: Option<Cow<'a, str>>,
    pub announce_type: Option<AnnounceType>,
    /// What the Hugging Face page adds: its AI summary and the model that wrote it, keywords,
    /// the repository's stars, the discussion's comments, the organization, who submitted
    /// the paper and the day of the Daily Papers list it is in.
    pub ai_summary: Option<Cow<'a, str>>,
    pub ai_model: Option<Cow<'a, str>>,
    pub keywords: Vec<Cow<'a, str>>,
    pub stars: Option<u32>,
    pub comments: Option<u32>,
    pub organization: Option<Cow<'a, str>>,
    pub submitted_by: Option<Cow<'a, str>>,
    pub list_day: Option<Cow<'a, str>>,
}

/// Why a paper is in an arXiv announcement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnounceType {
    New,
    /// Listed from another category.
    Cross,
    /// A new version of a paper announced before.
    Replace,
    /// A new version of a cross-listed paper.
    ReplaceCross,
}

impl AnnounceType {
    /// Reads arXiv's words: `new`, `cross`, `replace`, `replace-cross`.
    pub fn parse(s: &str) -> Option<AnnounceType> {
        match s.trim().to_ascii_lowercase().as_str() {
            "new" => Some(AnnounceType::New),
            "cross" => Some(AnnounceType::Cross),
            "replace" => Some(AnnounceType::Replace),
            "replace-cross" => Some(AnnounceType::ReplaceCross),
            _ => None,
        }
    }
}

/// Authors as formats give them: a list of names, or one string ("A, B and C").
#[derive(Debug, Clone)]
pub enum Authors<'a> {
    List(Vec<Cow<'a, str>>),
    Joined(Cow<'a, str>),
    /// Names one per line, already split.
    Lines(Cow<'a, str>),
}

impl Default for Authors<'_> {
    fn default() -> Self {
        Authors::List(Vec::new())
    }
}

/// `s` cleaned when it holds an escape sequence, else as it is: splitting it into items
/// first could cut a sequence in two and let part of its payload through as an item.
pub fn cleaned_if_escaped(s: &str) -> Cow<'_, str> {
    if sanitize::has_escape(s) {
        Cow::Owned(sanitize::clean(s, ABSTRACT_MAX))
    } else {
        Cow::Borrowed(s)
    }
}

/// Splits an authors string as arXiv writes it ("A, B and C"): at commas, semicolons and the
/// word "and", but not inside parentheses ("A (MIT, CSAIL)").
pub(super) fn split_authors(s: &str) -> impl Iterator<Item = &str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b',' | b';' | b'\n' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            b'a' if depth == 0 && is_and_at(bytes, i) => {
                parts.push(&s[start..i]);
                start = i + 3;
                i += 2;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(&s[start..]);
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty())
}

/// True if the word "and" stands alone at byte `i`.
fn is_and_at(b: &[u8], i: usize) -> bool {
    b[i..].starts_with(b"and")
        && i > 0
        && b[i - 1].is_ascii_whitespace()
        && b.get(i + 3).is_none_or(u8::is_ascii_whitespace)
}
