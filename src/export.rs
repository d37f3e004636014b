//! Bookmarks written out for other tools: titles, JSON, Markdown and BibTeX. Pure.
//!
//! The bookmarks file may have been edited by hand, so every text field is cleaned (escape
//! sequences, control characters) before it is printed. Titles show LaTeX as symbols, save a
//! formula papertui could not convert: BibTeX gets LaTeX back (`Λ` as `$\Lambda$`), and
//! `$...$` math is kept as written and only the text around it is escaped.

use std::collections::HashSet;
use std::fmt::Write;

use unicode_normalization::UnicodeNormalization;

use crate::library::{latex, paper};
use crate::marks::bookmarks::Bookmark;
use crate::sanitize::{self, FIELD_MAX, TITLE_MAX};

/// Authors a Markdown line names before "et al.".
const MARKDOWN_AUTHORS: usize = 3;

/// One title a line (the key for a bookmark without one), with its tags.
pub(crate) fn text(bookmarks: &[&Bookmark]) -> String {
    let mut out = String::new();
    for b in bookmarks {
        out.push_str(&sanitize::clean(b.display_title(), TITLE_MAX));
        for tag in &b.tags {
            out.push_str(" #");
            out.push_str(&sanitize::clean(tag, FIELD_MAX));
        }
        out.push('\n');
    }
    out
}

/// The entries as the file holds them, as a pretty JSON array that papertui reads back as a
/// list of the same papers (same keys): an entry without a title is titled by its key, and
/// one keyed by an arXiv id carries the id.
pub(crate) fn json(bookmarks: &[&Bookmark]) -> String {
    let entries: Vec<Bookmark> = bookmarks
        .iter()
        .map(|&b| {
            let mut entry = b.clone();
            if entry.arxiv_id.is_none() {
                entry.arxiv_id = arxiv_id(b);
            }
            if entry.title.trim().is_empty() {
                entry.title = entry.key.clone();
            }
            entry
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&entries).expect("bookmarks serialize");
    out.push('\n');
    out
}

/// The bookmarks as a list papertui opens (`papertui bookmarks:`): papertui's JSON list
/// object, the entries as [`json`] writes them, in the order given.
pub(crate) fn reading_list(bookmarks: &[&Bookmark]) -> String {
    let entries: serde_json::Value =
        serde_json::from_str(&json(bookmarks)).expect("the entries are JSON");
    let list = serde_json::json!({ "name": "Bookmarks", "papers": entries });
    let mut out = serde_json::to_string_pretty(&list).expect("bookmarks serialize");
    out.push('\n');
    out
}

/// A Markdown list: each title links to the paper, followed by its first authors and tags.
pub(crate) fn markdown(bookmarks: &[&Bookmark]) -> String {
    let mut out = String::new();
    for b in bookmarks {
        let title = outside_math(
            &sanitize::clean(b.display_title(), TITLE_MAX),
            markdown_escape,
        );
        match link(b) {
            Some(url) => {
                let url = url.replace('(', "%28").replace(')', "%29");
                let _ = write!(out, "- [{title}]({url})");
            }
            None => {
                let _ = write!(out, "- {title}");
            }
        }
        let authors = authors(b);
        if !authors.is_empty() {
            let shown: Vec<String> = authors
                .iter()
                .take(MARKDOWN_AUTHORS)
                .map(|a| markdown_escape(a))
                .collect();
            let more = if authors.len() > MARKDOWN_AUTHORS {
                " et al."
            } else {
                ""
            };
            let _ = write!(out, " — {}{more}", shown.join(", "));
        }
        for tag in &b.tags {
            let _ = write!(
                out,
                " `#{}`",
                sanitize::clean(tag, FIELD_MAX).replace('`', "")
            );
        }
        out.push('\n');
    }
    out
}

/// One `@misc` entry per bookmark, as arXiv suggests for preprints, with a unique cite key;
/// tags are its `keywords`.
pub(crate) fn bibtex(bookmarks: &[&Bookmark]) -> String {
    let mut out = String::new();
    let mut used = HashSet::new();
    for (i, &b) in bookmarks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let year = year(b);
        let _ = writeln!(out, "@misc{{{},", cite_key(b, year, &mut used));
        let title = sanitize::clean(&b.title, TITLE_MAX);
        if !title.is_empty() {
            let title = outside_math(&title, bibtex_escape);
            let _ = writeln!(out, "  title = {{{{{title}}}}},");
        }
        let authors: Vec<String> = authors(b)
            .iter()
            .map(|name| match name.as_str() {
                "et al." => "others".to_string(),
                // "and" inside a name would split it in two; braces keep it whole.
                _ if name.split(' ').any(|w| w.eq_ignore_ascii_case("and")) => {
                    format!("{{{}}}", bibtex_escape(name))
                }
                _ => bibtex_escape(name),
            })
            .collect();
        if !authors.is_empty() {
            let _ = writeln!(out, "  author = {{{}}},", authors.join(" and "));
        }
        if let Some(year) = year {
            let _ = writeln!(out, "  year = {{{year}}},");
        }
        if let Some(id) = arxiv_id(b) {
            let _ = writeln!(out, "  eprint = {{{id}}},");
            let _ = writeln!(out, "  archivePrefix = {{arXiv}},");
        }
        if let Some(url) = link(b).filter(|u| !u.contains(['{', '}', '\\'])) {
            let _ = writeln!(out, "  url = {{{url}}},");
        }
        let tags: Vec<String> = b
            .tags
            .iter()
            .map(|t| bibtex_escape(&sanitize::clean(t, FIELD_MAX)))
            .collect();
        if !tags.is_empty() {
            let _ = writeln!(out, "  keywords = {{{}}},", tags.join(", "));
        }
        out.push_str("}\n");
    }
    out
}

fn authors(b: &Bookmark) -> Vec<String> {
    b.authors
        .iter()
        .map(|a| sanitize::clean(a, FIELD_MAX))
        .filter(|a| !a.is_empty())
        .collect()
}

/// The arXiv id, if the bookmark's own field (or its key) is one.
fn arxiv_id(b: &Bookmark) -> Option<String> {
    b.arxiv_id
        .as_deref()
        .or_else(|| b.key.strip_prefix("arxiv:"))
        .and_then(paper::normalize_arxiv_id)
}

/// The link to print: the bookmark's own if it is a web link, else its arXiv page.
fn link(b: &Bookmark) -> Option<String> {
    b.links
        .iter()
        .map(|l| l.trim())
        .find(|l| paper::is_web_link(l))
        .map(str::to_string)
        .or_else(|| arxiv_id(b).map(|id| paper::arxiv_url(&id)))
}

/// The year: from the arXiv id (`2403.03507` is March 2024, `hep-th/9901001` January 1999),
/// else the first plausible year in the published date.
fn year(b: &Bookmark) -> Option<u32> {
    if let Some(id) = arxiv_id(b) {
        let yy = match id.split_once('/') {
            Some((_, num)) => &num[..2],
            None => &id[..2],
        };
        if let Ok(yy) = yy.parse::<u32>() {
            return Some(if yy >= 91 { 1900 + yy } else { 2000 + yy });
        }
    }
    let date = b.published.as_deref()?;
    let bytes = date.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let digits = &bytes[i..i + 4];
        let whole = (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        let y: u32 = std::str::from_utf8(digits).ok()?.parse().ok()?;
        (whole && digits.iter().all(u8::is_ascii_digit) && (1900..2100).contains(&y)).then_some(y)
    })
}

/// `surname` + `year` + first significant title word (`zhao2024galore`), ASCII only, or
/// `arxiv` + the id for a bookmark with neither; a key already used gets a letter
/// (`zhao2024galoreb`).
fn cite_key(b: &Bookmark, year: Option<u32>, used: &mut HashSet<String>) -> String {
    const SMALL_WORDS: [&str; 19] = [
        "a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "via", "from", "towards",
        "toward", "is", "are", "by", "at", "do",
    ];
    let surname = authors(b)
        .into_iter()
        .find(|a| a != "et al.")
        .and_then(|a| a.split_whitespace().last().map(ascii_word))
        .unwrap_or_default();
    let word = b
        .title
        .split(|c: char| !c.is_alphanumeric())
        .map(ascii_word)
        .find(|w| !w.is_empty() && !SMALL_WORDS.contains(&w.as_str()))
        .unwrap_or_default();
    let year = year.map(|y| y.to_string()).unwrap_or_default();
    let base = match (surname.is_empty() && word.is_empty(), arxiv_id(b)) {
        (false, _) => format!("{surname}{year}{word}"),
        (true, Some(id)) => format!("arxiv{}", ascii_word(&id)),
        (true, None) => format!("bookmark{year}"),
    };
    let mut key = base.clone();
    let mut n = 0;
    while !used.insert(key.clone()) {
        n += 1;
        key = match char::from_u32('a' as u32 + n) {
            Some(c) if n < 26 => format!("{base}{c}"),
            _ => format!("{base}-{n}"),
        };
    }
    key
}

/// Lower-case ASCII letters and digits of `s`, accents dropped (`Balázs` -> `balazs`).
fn ascii_word(s: &str) -> String {
    s.nfd()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// `text` with `escape` applied outside its `$...$` math, which is kept as written. A `$`
/// without its pair, or math whose braces do not balance (it would break the entry), is text.
fn outside_math(text: &str, escape: fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = find_dollar(rest, 0) {
        let Some(close) = find_dollar(rest, open + 1) else {
            break;
        };
        let math = &rest[open..=close];
        if close == open + 1 || !braces_balance(math) {
            out.push_str(&escape(&rest[..=close]));
            rest = &rest[close + 1..];
            continue;
        }
        out.push_str(&escape(&rest[..open]));
        out.push_str(math);
        rest = &rest[close + 1..];
    }
    out.push_str(&escape(rest));
    out
}

/// The byte index of the first `$` at or after `from` that no backslash escapes.
fn find_dollar(s: &str, from: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    (from..bytes.len()).find(|&i| bytes[i] == b'$' && (i == 0 || bytes[i - 1] != b'\\'))
}

fn braces_balance(s: &str) -> bool {
    let mut depth = 0i32;
    let mut prev = ' ';
    for c in s.chars() {
        match c {
            '{' if prev != '\\' => depth += 1,
            '}' if prev != '\\' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
        prev = c;
    }
    depth == 0
}

/// Escapes what LaTeX reads as commands or groups.
fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '{' | '}' | '$' | '&' | '%' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            // Titles show LaTeX as symbols: LaTeX gets its own commands back.
            _ => match latex::latex_of(c) {
                Some(tex) => out.push_str(&tex),
                None => out.push(c),
            },
        }
    }
    out
}

/// Escapes what Markdown reads as emphasis, code, links or HTML.
fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

    fn entry(key: &str, title: &str, authors: &[&str]) -> Bookmark {
        Bookmark {
            key: key.to_string(),
            title: title.to_string(),
            authors: authors
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            arxiv_id: key.strip_prefix("arxiv:").map(str::to_string),
            bookmarked_at: Some("2024-03-14T09:30:00Z".to_string()),
            ..Bookmark::default()
        }
    }

    fn set(entries: &[Bookmark]) -> Vec<&Bookmark> {
        entries.iter().collect()
    }

    #[test]
    fn bibtex_entries_escape_specials_and_keep_keys_unique() -> Result {
        let mut same = entry("title:galore-again", "GaLore & 100% of $x_1$", &["J. Zhao"]);
        same.published = Some("March 6, 2024".to_string());
        let entries = [
            entry(
                "arxiv:2403.03507",
                "GaLore: Memory-Efficient {LLM} Training",
                &["Jiawei Zhao", "Research and Development Team", "et al."],
            ),
            entry("arxiv:hep-th/9901001", "", &[]),
            same,
        ];
        let out = bibtex(&set(&entries));
        assert_eq!(
            out,
            "@misc{zhao2024galore,
  title = {{GaLore: Memory-Efficient \\{LLM\\} Training}},
  author = {Jiawei Zhao and {Research and Development Team} and others},
  year = {2024},
  eprint = {2403.03507},
  archivePrefix = {arXiv},
  url = {https://arxiv.org/abs/2403.03507},
}

@misc{arxivhepth9901001,
  year = {1999},
  eprint = {hep-th/9901001},
  archivePrefix = {arXiv},
  url = {https://arxiv.org/abs/hep-th/9901001},
}

@misc{zhao2024galoreb,
  title = {{GaLore \\& 100\\% of $x_1$}},
  author = {J. Zhao},
  year = {2024},
}
"
        );
        Ok(())
    }

    #[test]
    fn markdown_links_titles_and_names_the_first_authors() -> Result {
        let mut plain = entry("title:no-link", "No *link* here", &[]);
        plain.links = vec!["javascript:alert(1)".to_string()];
        let mut wiki = entry("title:wiki", "Wiki [page]", &["A", "B", "C", "D"]);
        wiki.links = vec!["https://en.wikipedia.org/wiki/Foo_(bar)".to_string()];
        let out = markdown(&set(&[
            entry("arxiv:2403.03507", "GaLore", &["Jiawei Zhao"]),
            plain,
            wiki,
        ]));
        assert_eq!(
            out,
            "- [GaLore](https://arxiv.org/abs/2403.03507) — Jiawei Zhao\n\
             - No \\*link\\* here\n\
             - [Wiki \\[page\\]](https://en.wikipedia.org/wiki/Foo_%28bar%29) — A, B, C et al.\n"
        );
        Ok(())
    }

    #[test]
    fn text_prints_one_clean_title_a_line() -> Result {
        let out = text(&set(&[
            entry("arxiv:2401.00001", "", &[]),
            entry("title:x", "Evil\u{1b}[2J\ntitle", &[]),
        ]));
        assert_eq!(out, "arxiv:2401.00001\nEvil title\n");
        Ok(())
    }

    #[test]
    fn json_prints_the_entries_as_the_file_holds_them() -> Result {
        let entries = [entry("arxiv:2401.00001", "T", &["A"])];
        let value: serde_json::Value = serde_json::from_str(&json(&set(&entries)))?;
        assert_eq!(value[0]["key"], "arxiv:2401.00001");
        assert_eq!(value[0]["id"], "2401.00001");
        assert_eq!(value[0]["authors"][0], "A");
        assert_eq!(value[0]["bookmarked_at"], "2024-03-14T09:30:00Z");
        Ok(())
    }

    #[test]
    fn math_is_kept_as_written_and_only_the_text_around_it_escaped() -> Result {
        let mut tagged = entry(
            "arxiv:2401.00001",
            "$\\Lambda_{\\alpha}$ & the $5 *prize*",
            &["A"],
        );
        tagged.tags = vec!["cite".into(), "to_read".into()];
        let entries = [tagged];
        let bib = bibtex(&set(&entries));
        assert!(
            bib.contains("title = {{$\\Lambda_{\\alpha}$ \\& the \\$5 *prize*}},"),
            "{bib}"
        );
        assert!(bib.contains("keywords = {cite, to\\_read},"), "{bib}");
        let md = markdown(&set(&entries));
        assert!(
            md.starts_with("- [$\\Lambda_{\\alpha}$ & the $5 \\*prize\\*]("),
            "{md}"
        );
        assert!(md.ends_with(" `#cite` `#to_read`\n"), "{md}");
        assert_eq!(
            outside_math("a $x}$ b $y$", bibtex_escape),
            "a \\$x\\}\\$ b $y$"
        );
        Ok(())
    }

    #[test]
    fn symbols_a_title_shows_are_latex_again_in_bibtex() -> Result {
        let entries = [entry(
            "arxiv:0704.0005",
            "From dyadic Λ_α to SL₂(ℤ)",
            &["A"],
        )];
        let bib = bibtex(&set(&entries));
        assert!(
            bib.contains(
                "title = {{From dyadic $\\Lambda$\\_$\\alpha$ to SL$_{2}$($\\mathbb{Z}$)}},"
            ),
            "{bib}"
        );
        let md = markdown(&set(&entries));
        assert!(md.starts_with("- [From dyadic Λ\\_α to SL₂(ℤ)]("), "{md}");
        Ok(())
    }
}
