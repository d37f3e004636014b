//! A borrowed view of one paper in a chunk: its fields, links and key.

use super::chunk::{Chunk, SEP};
use super::details::Detail;
use super::raw::AnnounceType;
use crate::library::paper::{self, Paper};

/// A borrowed view of one paper.
#[derive(Clone, Copy)]
pub struct PaperRef<'a> {
    pub(super) chunk: &'a Chunk,
    pub(super) i: usize,
}

impl Chunk {
    pub fn get(&self, i: usize) -> PaperRef<'_> {
        PaperRef { chunk: self, i }
    }
}

impl<'a> PaperRef<'a> {
    pub fn title(&self) -> &'a str {
        self.chunk.titles.get(self.i)
    }

    pub fn abstract_text(&self) -> &'a str {
        self.chunk.abstracts.get(self.i)
    }

    /// The authors, one name per line: what the filter matches against.
    pub fn authors_text(&self) -> &'a str {
        self.chunk.authors.get(self.i)
    }

    pub fn authors(&self) -> impl Iterator<Item = &'a str> + 'a {
        split_items(self.authors_text())
    }

    pub fn arxiv_id(&self) -> Option<&'a str> {
        Some(self.chunk.ids.get(self.i)).filter(|s| !s.is_empty())
    }

    pub fn published(&self) -> Option<&'a str> {
        Some(self.chunk.dates.get(self.i)).filter(|s| !s.is_empty())
    }

    pub fn upvotes(&self) -> Option<u32> {
        self.chunk.upvotes[self.i]
    }

    pub fn categories(&self) -> impl Iterator<Item = &'a str> + 'a {
        split_items(self.chunk.categories.get(self.i))
    }

    /// The stored links (code, project page, DOI), without the derived ones.
    pub fn stored_links(&self) -> impl Iterator<Item = &'a str> + 'a {
        split_items(self.chunk.links.get(self.i))
    }

    /// All links: the arXiv page, then stored links, then URLs in the abstract; no repeats.
    pub fn links(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let arxiv = self.arxiv_id().map(paper::arxiv_url);
        let stored = self.stored_links().map(str::to_string);
        let found = paper::urls_in(self.abstract_text()).map(str::to_string);
        for link in arxiv.into_iter().chain(stored).chain(found) {
            if !out.contains(&link) {
                out.push(link);
            }
        }
        out
    }

    /// The first stored detail of this kind.
    pub fn detail(&self, detail: Detail) -> Option<&'a str> {
        self.details_of(detail).next()
    }

    /// Every stored detail of this kind, in order (keywords).
    pub fn details_of(&self, detail: Detail) -> impl Iterator<Item = &'a str> + 'a {
        let tag = detail.tag();
        self.details()
            .filter_map(move |(d, text)| (d.tag() == tag).then_some(text))
    }

    /// All stored details, in order.
    pub fn details(&self) -> impl Iterator<Item = (Detail, &'a str)> + 'a {
        split_items(self.chunk.details.get(self.i)).filter_map(|item| {
            let tag = item.chars().next()?;
            Some((Detail::of_tag(tag)?, &item[tag.len_utf8()..]))
        })
    }

    /// Why the paper is in an arXiv announcement, when it came from one.
    pub fn announce(&self) -> Option<AnnounceType> {
        self.detail(Detail::Announce).and_then(AnnounceType::parse)
    }

    /// The links the detail numbers, each with what it leads to: the arXiv page and PDF,
    /// then the others of [`PaperRef::links`]; for a paper without any, arXiv's search for its
    /// title.
    pub fn numbered_links(&self) -> Vec<(&'static str, String)> {
        let mut links = self.links();
        if let Some(id) = self.arxiv_id() {
            links.insert(1, paper::pdf_url(id));
        }
        if links.is_empty() {
            links.push(paper::title_search_url(self.title()));
        }
        links
            .into_iter()
            .map(|url| (paper::link_label(&url), url))
            .collect()
    }

    pub fn key(&self) -> String {
        paper::paper_key(self.arxiv_id(), self.title())
    }

    /// The hash of [`PaperRef::key`], stored at load: a cheap first test of a key.
    pub fn key_hash(&self) -> u64 {
        self.chunk.key_hashes[self.i]
    }

    /// An owned copy in papertui's JSON format, with its key and all links.
    pub fn to_paper(&self) -> Paper {
        Paper {
            key: Some(self.key()),
            id: self.arxiv_id().map(str::to_string),
            title: self.title().to_string(),
            abstract_text: self.abstract_text().to_string(),
            authors: self.authors().map(str::to_string).collect(),
            published: self.published().map(str::to_string),
            upvotes: self.upvotes(),
            categories: self.categories().map(str::to_string).collect(),
            links: self.links(),
            comments: self.owned(Detail::Comment),
            journal_ref: self.owned(Detail::JournalRef),
            doi: self.owned(Detail::Doi),
            primary_category: self.owned(Detail::PrimaryCategory),
            announce_type: self.owned(Detail::Announce),
            ai_summary: self.owned(Detail::AiSummary),
            ai_summary_model: self.owned(Detail::AiModel),
            ai_keywords: self
                .details_of(Detail::Keyword)
                .map(str::to_string)
                .collect(),
            github_stars: self.detail(Detail::Stars).and_then(|n| n.parse().ok()),
            num_comments: self.detail(Detail::Comments).and_then(|n| n.parse().ok()),
            organization: self.owned(Detail::Organization),
            submitted_by: self.owned(Detail::SubmittedBy),
            list_day: self.owned(Detail::ListDay),
        }
    }

    fn owned(&self, detail: Detail) -> Option<String> {
        self.detail(detail).map(str::to_string)
    }
}

fn split_items(s: &str) -> impl Iterator<Item = &str> {
    s.split(SEP).filter(|x| !x.is_empty())
}
