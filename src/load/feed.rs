//! RSS 2.0 and Atom feeds: arXiv's announcements (RSS, `Announce Type:` in each description),
//! arXiv's API answers (Atom with `arxiv:` fields) and any other feed, one item a paper.

use std::borrow::Cow;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event as Xml};
use quick_xml::{Reader, XmlVersion};

use super::record::normalize_date;
use super::source::Lines;
use super::{Event, Problem, position};
use crate::library::paper;
use crate::library::{AnnounceType, Authors, Chunk, RawPaper, Rejected};

/// A feed as read, before its items become papers.
#[derive(Debug, Default)]
pub struct Feed {
    pub title: Option<String>,
    pub date: Option<String>,
    pub items: Vec<Item>,
}

/// One `<item>` or `<entry>`, its text unescaped.
#[derive(Debug, Default)]
pub struct Item {
    /// Line and column of its start tag.
    pub at: (usize, usize),
    pub title: String,
    summary: String,
    content: String,
    id: String,
    guid: String,
    published: String,
    updated: String,
    authors: Vec<String>,
    creators: Vec<String>,
    categories: Vec<String>,
    links: Vec<String>,
    comment: String,
    doi: String,
    journal_ref: String,
    primary_category: String,
    announce_type: String,
}

/// True when the first element of `text` is a feed's root (`rss`, `feed`, `rdf:RDF`).
pub fn is_feed(text: &str) -> bool {
    let mut reader = Reader::from_str(text);
    for _ in 0..64 {
        match reader.read_event() {
            Ok(Xml::Start(e) | Xml::Empty(e)) => {
                let name = e.name();
                let name = name.as_ref();
                return matches!(name, "rss" | "feed" | "atom:feed") || name.ends_with(":RDF");
            }
            Ok(Xml::Eof) | Err(_) => return false,
            Ok(_) => {}
        }
    }
    false
}

/// True when `body` starts like an HTML page (a captive portal, a proxy's block page, a login
/// form) rather than a list or a feed.
pub fn is_web_page(body: &[u8]) -> bool {
    let start = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let first = start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let head = start[first..start.len().min(first + 512)].to_ascii_lowercase();
    let opens = |tag: &[u8]| head.windows(tag.len()).any(|w| w == tag);
    head.starts_with(b"<!doctype html")
        || head.starts_with(b"<html")
        || head.starts_with(b"<head")
        || head.starts_with(b"<body")
        || (head.starts_with(b"<!--") && opens(b"<html"))
}

/// Loads a feed's items as papers. An arXiv API answer holding one `Error` entry is an error
/// whose text is that entry's summary; a feed with no items is an empty list.
pub fn parse(text: &str, file: &str, sink: &mut dyn FnMut(Event)) -> Result<(), Problem> {
    let feed = read(text, file)?;
    if let Some(message) = arxiv_error(&feed) {
        return Err(Problem::file(file, format!("arXiv answered: {message}")));
    }
    sink(Event::Meta {
        name: feed
            .title
            .as_deref()
            .map(|t| crate::sanitize::clean(t, 200)),
        date: feed.date.clone(),
    });
    let mut chunk = Chunk::default();
    for (i, item) in feed.items.iter().enumerate() {
        if let Err(Rejected::EmptyTitle) = chunk.push(&item.raw()) {
            let (line, column) = item.at;
            sink(Event::Warning(Problem::at(
                file,
                line,
                column,
                format!("paper {} skipped: the title is empty", i + 1),
            )));
        }
    }
    sink(Event::Papers(Box::new(chunk)));
    Ok(())
}

/// The message of an arXiv API error answer: one entry titled `Error` (its id under
/// `/api/errors`), the message in its summary.
pub fn arxiv_error(feed: &Feed) -> Option<String> {
    match feed.items.as_slice() {
        [only] if only.title.trim() == "Error" || only.id.contains("/api/errors") => {
            let message = only.summary.trim();
            Some(if message.is_empty() {
                "an error with no message".to_string()
            } else {
                crate::sanitize::clean(message, 500)
            })
        }
        _ => None,
    }
}

/// Reads the feed's title, date and items; malformed XML is an error at its line and column.
pub fn read(text: &str, file: &str) -> Result<Feed, Problem> {
    let mut reader = Reader::from_str(text);
    let mut feed = Feed::default();
    let mut stack: Vec<String> = Vec::new();
    let mut item: Option<Item> = None;
    let mut buf = String::new();
    let mut lines = Lines::new(text.as_bytes());
    loop {
        let offset = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            let at = (reader.error_position() as usize).min(text.len());
            let (line, column) = position(text.as_bytes(), at);
            Problem::at(file, line, column, format!("not a well-formed feed: {e}"))
        })?;
        match event {
            Xml::Start(e) => {
                let name = local(&e);
                if matches!(name.as_str(), "item" | "entry") && item.is_none() {
                    let at = lines.at(offset.min(text.len()));
                    item = Some(Item {
                        at,
                        ..Item::default()
                    });
                }
                if let Some(it) = item.as_mut() {
                    it.attributes(&name, &e);
                }
                stack.push(name);
                buf.clear();
            }
            Xml::Empty(e) => {
                if let Some(it) = item.as_mut() {
                    it.attributes(&local(&e), &e);
                }
            }
            Xml::Text(t) => buf.push_str(&t.xml10_content()),
            Xml::CData(t) => buf.push_str(&t.xml10_content()),
            Xml::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    buf.push(c);
                } else {
                    let name = r.xml10_content();
                    let common = match name.as_ref() {
                        "nbsp" => Some("\u{a0}"),
                        "ndash" => Some("–"),
                        "mdash" => Some("—"),
                        _ => None,
                    };
                    if let Some(s) = resolve_predefined_entity(&name).or(common) {
                        buf.push_str(s);
                    } else {
                        buf.push('&');
                        buf.push_str(&name);
                        buf.push(';');
                    }
                }
            }
            Xml::End(_) => {
                let Some(name) = stack.pop() else { continue };
                let parent = stack.last().map_or("", String::as_str);
                let value = std::mem::take(&mut buf);
                match item.as_mut() {
                    Some(_) if matches!(name.as_str(), "item" | "entry") => {
                        feed.items.extend(item.take());
                    }
                    Some(it) => it.element(&name, parent, value),
                    None => match (name.as_str(), parent) {
                        ("title", "channel" | "feed") if feed.title.is_none() => {
                            feed.title = Some(value.trim().to_string());
                        }
                        (
                            "pubDate" | "lastBuildDate" | "updated" | "dc:date",
                            "channel" | "feed",
                        ) if feed.date.is_none() => {
                            feed.date = normalize_date(&value);
                        }
                        _ => {}
                    },
                }
            }
            Xml::Eof => break,
            _ => {}
        }
    }
    Ok(feed)
}

/// An element's name with an `atom:` prefix dropped (Atom written with a prefix reads like
/// Atom written without).
fn local(e: &BytesStart) -> String {
    let name = e.name().as_ref().to_string();
    match name.strip_prefix("atom:") {
        Some(rest) => rest.to_string(),
        None => name,
    }
}

impl Item {
    fn attributes(&mut self, name: &str, e: &BytesStart) {
        let attr = |key: &str| {
            e.try_get_attribute(key).ok().flatten().and_then(|a| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .ok()
                    .map(Cow::into_owned)
            })
        };
        match name {
            "link" => {
                if let Some(href) = attr("href") {
                    let rel = attr("rel").unwrap_or_default();
                    if !matches!(rel.as_str(), "self" | "replies" | "edit") {
                        self.links.push(href);
                    }
                }
            }
            "category" => self.categories.extend(attr("term")),
            "arxiv:primary_category" => {
                self.primary_category = attr("term").unwrap_or_default();
            }
            _ => {}
        }
    }

    fn element(&mut self, name: &str, parent: &str, value: String) {
        let value = value.trim().to_string();
        let slot = match (name, parent) {
            ("title", "item" | "entry") => &mut self.title,
            ("description" | "summary", _) => &mut self.summary,
            ("content:encoded" | "content", _) => &mut self.content,
            ("id", "entry") => &mut self.id,
            ("guid", _) => &mut self.guid,
            ("pubDate" | "published" | "dc:date", _) => &mut self.published,
            ("updated", _) => &mut self.updated,
            ("arxiv:comment", _) => &mut self.comment,
            ("arxiv:doi", _) => &mut self.doi,
            ("arxiv:journal_ref", _) => &mut self.journal_ref,
            ("arxiv:announce_type", _) => &mut self.announce_type,
            _ => {
                if value.is_empty() {
                    return;
                }
                match (name, parent) {
                    ("link", "item") => self.links.push(value),
                    ("category", _) => self.categories.push(value),
                    ("dc:creator", _) => self.creators.push(value),
                    ("name", "author") | ("author", "item") => self.authors.push(value),
                    _ => {}
                }
                return;
            }
        };
        if slot.is_empty() {
            *slot = value;
        }
    }

    /// The paper this item describes, borrowing its text.
    pub fn raw(&self) -> RawPaper<'_> {
        let description = if self.summary.is_empty() {
            &self.content
        } else {
            &self.summary
        };
        let listing = ArxivListing::read(description);
        let abstract_text = match &listing {
            Some(l) => Cow::Borrowed(l.abstract_text),
            None => strip_markup(description),
        };
        let id = [listing.as_ref().map_or("", |l| l.id), &self.id, &self.guid]
            .into_iter()
            .chain(self.links.iter().map(String::as_str))
            .find_map(|candidate| {
                let candidate = candidate
                    .strip_prefix("oai:arXiv.org:")
                    .unwrap_or(candidate);
                paper::normalize_arxiv_id(candidate)
            });
        let authors = match self.creators.as_slice() {
            [one] => Authors::Joined(Cow::Borrowed(one)),
            [] => Authors::List(
                self.authors
                    .iter()
                    .map(|a| Cow::Borrowed(a.as_str()))
                    .collect(),
            ),
            many => Authors::List(many.iter().map(|a| Cow::Borrowed(a.as_str())).collect()),
        };
        let published = [&self.published, &self.updated]
            .into_iter()
            .find(|d| !d.is_empty())
            .map(|d| normalize_date(d).map_or(Cow::Borrowed(d.as_str()), Cow::Owned));
        let mut categories: Vec<Cow<'_, str>> = Vec::new();
        let primary = non_empty(&self.primary_category);
        categories.extend(primary.clone());
        for c in &self.categories {
            if !categories.iter().any(|k| k == c) {
                categories.push(Cow::Borrowed(c));
            }
        }
        let mut links: Vec<Cow<'_, str>> = Vec::new();
        for l in &self.links {
            if !links.iter().any(|k| k == l) {
                links.push(Cow::Borrowed(l));
            }
        }
        links.extend(paper::doi_url(&self.doi).map(Cow::Owned));
        let announce = if self.announce_type.is_empty() {
            listing
                .as_ref()
                .and_then(|l| AnnounceType::parse(l.announce_type))
        } else {
            AnnounceType::parse(&self.announce_type)
        };
        RawPaper {
            id: id.map(Cow::Owned),
            title: Cow::Borrowed(&self.title),
            abstract_text,
            authors,
            published,
            upvotes: None,
            categories,
            links,
            comment: non_empty(&self.comment),
            doi: non_empty(&self.doi),
            journal_ref: non_empty(&self.journal_ref),
            primary_category: primary,
            announce_type: announce,
            ..RawPaper::default()
        }
    }
}

fn non_empty(s: &str) -> Option<Cow<'_, str>> {
    (!s.trim().is_empty()).then_some(Cow::Borrowed(s.trim()))
}

/// The parts of an arXiv RSS description: `arXiv:2604.22002v1 Announce Type: new` then
/// `Abstract: ...`.
struct ArxivListing<'a> {
    id: &'a str,
    announce_type: &'a str,
    abstract_text: &'a str,
}

impl<'a> ArxivListing<'a> {
    fn read(description: &'a str) -> Option<ArxivListing<'a>> {
        let rest = description.trim_start().strip_prefix("arXiv:")?;
        let (id, rest) = rest.split_once(char::is_whitespace)?;
        let (announce_type, abstract_text) = match rest.trim_start().strip_prefix("Announce Type:")
        {
            Some(rest) => {
                let rest = rest.trim_start();
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..end], &rest[end..])
            }
            None => ("", rest),
        };
        let abstract_text = abstract_text.trim_start();
        let abstract_text = abstract_text
            .strip_prefix("Abstract:")
            .unwrap_or(abstract_text)
            .trim();
        Some(ArxivListing {
            id,
            announce_type,
            abstract_text,
        })
    }
}

/// A description written as HTML (most blog and journal feeds) as plain text: tags dropped,
/// the common entities decoded. Text without tags is returned as it is.
fn strip_markup(s: &str) -> Cow<'_, str> {
    if !(s.contains('<') && s.contains('>')) {
        return Cow::Borrowed(s.trim());
    }
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    Cow::Owned(out.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    type R = Result<(), Problem>;

    const RSS: &str =
        include_str!("../../tests/data/recorded/arxiv-rss-cs.CL-2026-04-27-3items.xml");
    const EMPTY: &str =
        include_str!("../../tests/data/recorded/arxiv-rss-cs.CL-2026-08-01-saturday-empty.xml");
    const API: &str =
        include_str!("../../tests/data/recorded/arxiv-api-cs.LG-cs.AI-2026-04-30.xml");

    #[test]
    fn arxiv_rss_items_give_id_announce_type_abstract_and_authors() -> R {
        assert!(is_feed(RSS));
        let feed = read(RSS, "cs.CL.xml")?;
        assert_eq!(feed.title.as_deref(), Some("cs.CL updates on arXiv.org"));
        assert_eq!(feed.date.as_deref(), Some("2026-04-27"));
        assert_eq!(feed.items.len(), 3);
        let p = feed.items[0].raw();
        assert_eq!(p.id.as_deref(), Some("2604.22002"));
        assert_eq!(p.announce_type, Some(AnnounceType::New));
        assert!(
            p.abstract_text.starts_with("Social media platforms"),
            "{}",
            p.abstract_text
        );
        assert!(p.title.starts_with("When Cow Urine Cures Constipation"));
        assert!(
            matches!(&p.authors, Authors::Joined(a) if a.starts_with("Anamta Khan, Ratna Kandala")),
            "{:?}",
            p.authors
        );
        assert_eq!(p.published.as_deref(), Some("2026-04-27"));
        assert_eq!(p.categories, ["cs.CL"]);
        assert_eq!(p.links, ["https://arxiv.org/abs/2604.22002"]);
        Ok(())
    }

    #[test]
    fn a_saturday_channel_is_zero_papers_not_an_error() -> R {
        assert!(is_feed(EMPTY));
        let mut papers = 0;
        parse(EMPTY, "sat.xml", &mut |e| {
            if let Event::Papers(c) = e {
                papers += c.len();
            }
        })?;
        assert_eq!(papers, 0);
        Ok(())
    }

    #[test]
    fn arxiv_api_entries_give_the_arxiv_fields() -> R {
        let feed = read(API, "api.xml")?;
        assert_eq!(feed.items.len(), 20);
        let p = feed.items[0].raw();
        assert_eq!(p.id.as_deref(), Some("2604.26951"));
        assert_eq!(p.primary_category.as_deref(), Some("cs.CL"));
        assert_eq!(p.categories, ["cs.CL", "cs.AI", "cs.LG"]);
        assert_eq!(
            p.comment.as_deref(),
            Some("15 pages, 3 figures. Code: https://github.com/PKU-YuanGroup/TIDE")
        );
        assert_eq!(p.published.as_deref(), Some("2026-04-29"));
        assert!(matches!(&p.authors, Authors::List(a) if a.len() == 4 && a[0] == "Gongbo Zhang"));
        let with_ref = feed
            .items
            .iter()
            .map(Item::raw)
            .find(|p| p.journal_ref.is_some());
        let with_ref = with_ref.ok_or_else(|| Problem::file("api.xml", "no journal_ref"))?;
        assert_eq!(
            with_ref.doi.as_deref(),
            Some("10.1007/978-3-031-85252-7_10")
        );
        assert!(
            with_ref
                .journal_ref
                .is_some_and(|j| j.starts_with("In: Bäck, T."))
        );
        assert!(
            with_ref
                .links
                .iter()
                .any(|l| l.contains("10.1007/978-3-031-85252-7_10"))
        );
        Ok(())
    }

    #[test]
    fn an_arxiv_error_entry_is_an_error_with_its_summary() {
        let text = r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>arXiv Query: search_query=&amp;id_list=1234</title>
  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id>
    <title>Error</title>
    <summary>incorrect id format for 1234</summary>
  </entry>
</feed>"#;
        let err = parse(text, "q.xml", &mut |_| {}).unwrap_err();
        assert_eq!(
            err.to_string(),
            "q.xml: arXiv answered: incorrect id format for 1234"
        );
    }

    #[test]
    fn a_generic_rss_feed_with_html_descriptions_reads() -> R {
        let text = r#"<rss version="2.0"><channel><title>Blog</title>
<item><title>Post &amp; more</title><link>https://blog.example/p1</link>
<description>&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;</description>
<author>ann@example.org (Ann)</author><pubDate>Tue, 1 Dec 2026 10:00:00 GMT</pubDate></item>
</channel></rss>"#;
        let feed = read(text, "blog.xml")?;
        let p = feed.items[0].raw();
        assert_eq!(p.title, "Post & more");
        assert_eq!(p.abstract_text, "Hello  world");
        assert_eq!(p.published.as_deref(), Some("2026-12-01"));
        assert_eq!(p.id, None);
        Ok(())
    }

    #[test]
    fn announce_types_are_read_from_the_description() -> R {
        let text = "<rss><channel><item><title>T</title>\
            <description>arXiv:2604.00001v3 Announce Type: replace-cross \nAbstract: Words.</description>\
            </item></channel></rss>";
        let feed = read(text, "x.xml")?;
        let p = feed.items[0].raw();
        assert_eq!(p.announce_type, Some(AnnounceType::ReplaceCross));
        assert_eq!(p.abstract_text, "Words.");
        assert_eq!(p.id.as_deref(), Some("2604.00001"));
        assert_eq!(AnnounceType::parse("cross"), Some(AnnounceType::Cross));
        assert_eq!(AnnounceType::parse("replace"), Some(AnnounceType::Replace));
        assert_eq!(AnnounceType::parse("later"), None);
        Ok(())
    }

    #[test]
    fn rss_1_and_prefixed_atom_read_like_the_others() -> R {
        let rdf = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Journal</title></channel>
<item rdf:about="https://j.example/1"><title>One</title><link>https://j.example/1</link>
<dc:creator>Ann Smith</dc:creator><dc:creator>Bo Li</dc:creator><dc:date>2026-11-30</dc:date></item>
</rdf:RDF>"#;
        assert!(is_feed(rdf));
        let feed = read(rdf, "j.rdf")?;
        let p = feed.items[0].raw();
        assert_eq!(
            (p.title.as_ref(), p.published.as_deref()),
            ("One", Some("2026-11-30"))
        );
        assert!(matches!(&p.authors, Authors::List(a) if a.len() == 2));
        let atom = r#"<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>F</atom:title>
<atom:entry><atom:title>Two</atom:title><atom:summary>S</atom:summary>
<atom:author><atom:name>Cy</atom:name></atom:author></atom:entry></atom:feed>"#;
        assert!(is_feed(atom));
        let feed = read(atom, "a.xml")?;
        assert_eq!(feed.title.as_deref(), Some("F"));
        let p = feed.items[0].raw();
        assert_eq!((p.title.as_ref(), p.abstract_text.as_ref()), ("Two", "S"));
        assert!(matches!(&p.authors, Authors::List(a) if a == &["Cy"]));
        Ok(())
    }

    #[test]
    fn deep_nesting_and_hostile_text_are_harmless() -> R {
        let deep = format!(
            "<rss><channel><item><title>T</title>{}{}</item></channel></rss>",
            "<x>".repeat(100_000),
            "</x>".repeat(100_000)
        );
        assert_eq!(read(&deep, "d.xml")?.items.len(), 1);
        let hostile =
            "<rss><channel><item><title>A&#x1b;]0;PWNED&#x7;B</title></item></channel></rss>";
        let mut titles = Vec::new();
        parse(hostile, "h.xml", &mut |e| {
            if let Event::Papers(c) = e {
                let mut b = crate::library::LibraryBuilder::default();
                b.append(*c);
                titles.extend(b.library().iter().map(|p| p.title().to_string()));
            }
        })?;
        assert_eq!(titles.len(), 1);
        assert!(
            !titles[0].contains('\x1b') && !titles[0].contains('\x07'),
            "{titles:?}"
        );
        Ok(())
    }

    #[test]
    fn broken_xml_is_named_by_line_and_column() {
        let err = read("<rss><channel>\n<item><title>x</item>", "b.xml").unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("b.xml", 2));
        assert!(err.message.starts_with("not a well-formed feed"), "{err}");
    }

    #[test]
    fn web_pages_are_told_from_feeds_and_lists() {
        assert!(is_web_page(b"\n<!DOCTYPE html><html>"));
        assert!(is_web_page(b"<HTML><head>"));
        assert!(!is_web_page(b"<?xml version='1.0'?><rss>"));
        assert!(!is_web_page(b"[{\"title\":\"x\"}]"));
    }

    #[test]
    fn html_is_not_a_feed() {
        assert!(!is_feed("<!DOCTYPE html><html><body>Sign in</body></html>"));
        assert!(is_feed(
            "<?xml version='1.0'?>\n<!-- c -->\n<feed xmlns='http://www.w3.org/2005/Atom'/>"
        ));
    }
}
