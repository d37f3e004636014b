//! The paper as papertui's JSON format writes it, and the rules that name a paper: its arXiv id,
//! its stable key and its links.

use serde::{Deserialize, Serialize};

/// One paper in papertui's own JSON format (the bundled list, `list --json`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paper {
    /// Stable key (`arxiv:<id>` or `title:<words>`); written by `list --json`, ignored on read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    #[serde(rename = "abstract", default)]
    pub abstract_text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upvotes: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// What arXiv and the Daily Papers add, named as their own formats name it, so a list
    /// written by `list --json` reads back the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
    #[serde(
        rename = "journal-ref",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub journal_ref: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announce_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_summary_model: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ai_keywords: Vec<String>,
    #[serde(
        rename = "githubStars",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub github_stars: Option<u32>,
    #[serde(
        rename = "numComments",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub num_comments: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    #[serde(
        rename = "submittedBy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub submitted_by: Option<String>,
    #[serde(
        rename = "submittedOnDailyAt",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub list_day: Option<String>,
}

/// A whole list in papertui's JSON format.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperList {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub papers: Vec<Paper>,
}

/// Normalizes an arXiv identifier: drops an `arXiv:` prefix, an arXiv abs/pdf or Hugging Face
/// paper URL around it and the version suffix (`2310.12962v2` -> `2310.12962`). Returns None
/// for anything that is not an arXiv id, new style (`YYMM.NNNNN`, month 01-12) or old style
/// (`hep-th/9901001`, `math.CO/0601001`).
pub fn normalize_arxiv_id(raw: &str) -> Option<String> {
    arxiv_id_in(raw).map(str::to_string)
}

/// [`normalize_arxiv_id`] without the copy: the id is a part of `raw`.
pub fn arxiv_id_in(raw: &str) -> Option<&str> {
    let s = unwrapped_id(raw);
    (is_new_style(s) || is_old_style(s)).then_some(s)
}

/// True for what has the shape of a new-style arXiv id but a month outside 01-12
/// (`9999.99999`), so a refusal can say why.
pub fn has_impossible_month(raw: &str) -> bool {
    let s = unwrapped_id(raw);
    has_new_style_shape(s) && !is_new_style(s)
}

/// The id inside `raw`: without the URL, prefix, `.pdf` and version around it.
fn unwrapped_id(raw: &str) -> &str {
    let mut s = raw.trim();
    let is_url = s.starts_with("https://") || s.starts_with("http://");
    for prefix in ["https://", "http://"] {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    for prefix in ["www.", "export."] {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    for prefix in [
        "arxiv.org/abs/",
        "arxiv.org/pdf/",
        "huggingface.co/papers/",
        "hf.co/papers/",
        "arXiv:",
        "arxiv:",
    ] {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    if is_url {
        // A page's fragment or query (`#community`, `?utm=...`) and a trailing slash.
        s = s.split(['#', '?']).next().unwrap_or(s);
        s = s.strip_suffix('/').unwrap_or(s);
    }
    let s = s.strip_suffix(".pdf").unwrap_or(s);
    strip_version(s)
}

fn strip_version(s: &str) -> &str {
    match s.rfind('v') {
        Some(i) if i > 0 && i + 1 < s.len() && s[i + 1..].bytes().all(|b| b.is_ascii_digit()) => {
            &s[..i]
        }
        _ => s,
    }
}

fn has_new_style_shape(s: &str) -> bool {
    let Some((yymm, num)) = s.split_once('.') else {
        return false;
    };
    yymm.len() == 4
        && (4..=5).contains(&num.len())
        && yymm.bytes().chain(num.bytes()).all(|b| b.is_ascii_digit())
}

fn is_new_style(s: &str) -> bool {
    has_new_style_shape(s)
        && matches!(
            &s.as_bytes()[2..4],
            [b'0', b'1'..=b'9'] | [b'1', b'0'..=b'2']
        )
}

fn is_old_style(s: &str) -> bool {
    let Some((archive, num)) = s.split_once('/') else {
        return false;
    };
    let (name, class) = archive.split_once('.').unwrap_or((archive, ""));
    !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && class.bytes().all(|b| b.is_ascii_uppercase())
        && num.len() == 7
        && num.bytes().all(|b| b.is_ascii_digit())
}

/// The stable key of a paper: `arxiv:<id>` when it has one, else `title:` and the title's
/// lower-cased words joined by `-`, so case, punctuation and spacing changes keep the key.
pub fn paper_key(id: Option<&str>, title: &str) -> String {
    let mut key = Vec::new();
    write_key(&mut key, id, title);
    String::from_utf8(key).expect("keys are built from whole characters")
}

/// Appends the key of [`paper_key`] to `key` as UTF-8 bytes. This runs for every paper
/// loaded, so ASCII is handled byte by byte, without the Unicode tables.
pub fn write_key(key: &mut Vec<u8>, id: Option<&str>, title: &str) {
    if let Some(id) = id.filter(|id| !id.is_empty()) {
        key.extend_from_slice(b"arxiv:");
        key.extend_from_slice(id.as_bytes());
        return;
    }
    key.extend_from_slice(b"title:");
    let start = key.len();
    let bytes = title.as_bytes();
    if title.is_ascii() {
        // Most titles: one table lookup a byte, no Unicode tables.
        key.reserve(bytes.len());
        let mut sep = false;
        for &b in bytes {
            let folded = ASCII_KEY[usize::from(b)];
            if folded == 0 {
                sep = true;
                continue;
            }
            if sep && key.len() > start {
                key.push(b'-');
            }
            sep = false;
            key.push(folded);
        }
        if key.len() == start {
            key.extend_from_slice(title.trim().as_bytes());
        }
        return;
    }
    let mut sep = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (alnum, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = title[i..].chars().next().expect("i is a char boundary");
            (c.to_lowercase().any(char::is_alphanumeric), c.len_utf8())
        };
        if alnum {
            if sep && key.len() > start {
                key.push(b'-');
            }
            if len == 1 {
                key.push(b.to_ascii_lowercase());
            } else {
                let mut buf = [0u8; 4];
                for c in title[i..i + len].chars().flat_map(char::to_lowercase) {
                    key.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
            }
        }
        sep = !alnum;
        i += len;
    }
    if key.len() == start {
        key.extend_from_slice(title.trim().as_bytes());
    }
}

/// Each ASCII byte as a key holds it: letters lower-cased, digits kept, the rest 0 (a break).
const ASCII_KEY: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// The arXiv abstract page of an id.
pub fn arxiv_url(id: &str) -> String {
    format!("https://arxiv.org/abs/{id}")
}

/// The arXiv PDF of an id.
pub fn pdf_url(id: &str) -> String {
    format!("https://arxiv.org/pdf/{id}")
}

/// The paper's page on Hugging Face, where its discussion is.
pub fn hugging_face_url(id: &str) -> String {
    format!("https://huggingface.co/papers/{id}")
}

/// arXiv's search for a title: the link of a paper that has none.
pub fn title_search_url(title: &str) -> String {
    let mut query = String::with_capacity(title.len());
    for b in title.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' => query.push(b as char),
            b' ' => query.push('+'),
            _ => query.push_str(&format!("%{b:02X}")),
        }
    }
    format!("https://arxiv.org/search/?query={query}&searchtype=title")
}

/// What a link leads to, in a word, for the detail's numbered list.
pub fn link_label(url: &str) -> &'static str {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    match host {
        "arxiv.org" | "export.arxiv.org" if rest.contains("/pdf/") => "PDF",
        "arxiv.org" if rest.contains("/search/") => "search",
        "arxiv.org" | "export.arxiv.org" => "arXiv",
        "huggingface.co" | "hf.co" if rest.contains("/papers/") => "Hugging Face",
        "github.com" | "gitlab.com" | "codeberg.org" | "bitbucket.org" => "code",
        "doi.org" | "dx.doi.org" => "DOI",
        _ => "page",
    }
}

/// Longest link papertui stores or opens, in bytes; a longer one is dropped, never cut.
pub const LINK_MAX: usize = 2048;

/// True for the only links papertui stores or opens: http and https URLs with a host, made
/// of the characters RFC 3986 allows (no space, control, quote, backslash or non-ASCII), at
/// most [`LINK_MAX`] long. So a link never changes when cleaned, and never starts with `-`.
pub fn is_web_link(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let allowed = |b: u8| b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&b);
    !host.is_empty() && s.len() <= LINK_MAX && s.bytes().all(allowed)
}

/// Turns a DOI (`10.1103/PhysRevD.76.013009`, `doi:...`, or a doi.org URL) into its https link.
pub fn doi_url(doi: &str) -> Option<String> {
    let d = doi.trim();
    let d = d
        .strip_prefix("https://doi.org/")
        .or_else(|| d.strip_prefix("http://dx.doi.org/"))
        .or_else(|| d.strip_prefix("doi:"))
        .unwrap_or(d);
    let ok = d.starts_with("10.") && d.contains('/') && !d.contains(char::is_whitespace);
    ok.then(|| format!("https://doi.org/{}", encode_path(d)))
}

/// Percent-encodes what a URL path may not hold as is, so a DOI cannot smuggle anything.
fn encode_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:;()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The http(s) URLs written in a text, trailing punctuation trimmed.
pub fn urls_in(text: &str) -> impl Iterator<Item = &str> {
    memchr::memmem::find_iter(text.as_bytes(), b"http").filter_map(move |i| {
        let rest = &text[i..];
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '`' | '\\'))
            .unwrap_or(rest.len());
        let url = rest[..end].trim_end_matches(['.', ',', ';', ':', ')', ']', '}', '\'', '!', '?']);
        let balanced = url.matches('(').count() > url.matches(')').count();
        let url = if balanced && rest[url.len()..].starts_with(')') {
            &rest[..=url.len()]
        } else {
            url
        };
        let starts_word = i == 0 || !text.as_bytes()[i - 1].is_ascii_alphanumeric();
        (starts_word && is_web_link(url) && url.len() > "https://".len() + 3).then_some(url)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arxiv_ids_are_normalized() {
        let n = |s| normalize_arxiv_id(s);
        assert_eq!(n("2310.12962v2").as_deref(), Some("2310.12962"));
        assert_eq!(n("arXiv:2403.03507").as_deref(), Some("2403.03507"));
        assert_eq!(
            n("https://arxiv.org/abs/2403.03507v1").as_deref(),
            Some("2403.03507")
        );
        assert_eq!(
            n("https://arxiv.org/pdf/2403.03507.pdf").as_deref(),
            Some("2403.03507")
        );
        assert_eq!(n("0704.0001").as_deref(), Some("0704.0001"));
        assert_eq!(n("hep-th/9901001v3").as_deref(), Some("hep-th/9901001"));
        assert_eq!(n("math.CO/0601001").as_deref(), Some("math.CO/0601001"));
        assert_eq!(n("not an id"), None);
        assert_eq!(n("1234.5"), None);
        assert_eq!(n(""), None);
    }

    #[test]
    fn hugging_face_paper_urls_name_their_arxiv_id() {
        let n = |s| normalize_arxiv_id(s);
        for url in [
            "https://huggingface.co/papers/2606.13392",
            "huggingface.co/papers/2606.13392v2",
            "https://hf.co/papers/2606.13392#community",
            "https://huggingface.co/papers/2606.13392?utm=x",
        ] {
            assert_eq!(n(url).as_deref(), Some("2606.13392"), "{url}");
        }
    }

    #[test]
    fn an_id_whose_month_is_not_01_to_12_is_refused() {
        for bad in [
            "9999.99999",
            "2400.00001",
            "2413.00001",
            "arXiv:2300.12345v1",
        ] {
            assert_eq!(normalize_arxiv_id(bad), None, "{bad}");
            assert!(has_impossible_month(bad), "{bad}");
        }
        assert_eq!(
            normalize_arxiv_id("2412.00001").as_deref(),
            Some("2412.00001")
        );
        assert!(!has_impossible_month("2412.00001"));
        assert!(!has_impossible_month("not an id"));
    }

    #[test]
    fn keys_prefer_the_arxiv_id_and_survive_title_cosmetics() {
        assert_eq!(paper_key(Some("2403.03507"), "x"), "arxiv:2403.03507");
        assert_eq!(
            paper_key(None, "GaLore:  Memory-Efficient LLM Training"),
            paper_key(None, "galore memory efficient llm training")
        );
        assert_eq!(paper_key(None, "A  B"), "title:a-b");
        assert_eq!(paper_key(None, "???"), "title:???");
    }

    #[test]
    fn only_web_links_pass() {
        assert!(is_web_link("https://github.com/x/y"));
        assert!(is_web_link("http://x.org/a?b=1&c=(2)#frag"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link("file:///etc/passwd"));
        assert!(!is_web_link("https://"));
        assert!(!is_web_link("https:///etc/passwd"));
        assert!(!is_web_link("https://a b"));
    }

    #[test]
    fn hostile_links_never_pass() {
        let long = format!("https://x.org/{}", "a".repeat(LINK_MAX));
        for link in [
            "JAVASCRIPT:alert(1)",
            " https://x.org",
            "-https://x.org",
            "--help",
            "data:text/html,<script>",
            "ftp://x.org",
            "https://x.org/\x1b]0;PWNED\x07",
            "https://x.org/\u{9b}6n",
            "https://x.org/a\tb",
            "https://x.org/a\nb",
            "https://x.org/\0",
            "https://x.org/\"onmouseover=\"x",
            "https://x.org/<script>",
            "https://x.org/`id`",
            "https://x.org/a\\b",
            "https://x.org/\u{202e}fdp.exe",
            "https://ex\u{e1}mple.org",
            "https://?q=1",
            "https://#x",
            &long,
        ] {
            assert!(!is_web_link(link), "{link:?}");
        }
    }

    #[test]
    fn dois_never_smuggle_anything_into_their_link() {
        for doi in [
            "10.1000/a b",
            "10.1000/\x1b]0;PWNED\x07",
            "10.1000/\"><script>",
            "10.1000/`rm -rf ~`",
            "10.1000/\u{202e}x",
            "doi:10.1000/$(id)",
        ] {
            if let Some(url) = doi_url(doi) {
                assert!(is_web_link(&url), "{doi:?} gave {url:?}");
                assert!(url.starts_with("https://doi.org/10.1000/"), "{url}");
            }
        }
        assert_eq!(doi_url("javascript:alert(1)"), None);
        assert_eq!(
            doi_url("doi:10.1000/$(id)").as_deref(),
            Some("https://doi.org/10.1000/%24(id)")
        );
    }

    #[test]
    fn urls_are_found_in_abstracts() {
        let text =
            "Code is at https://github.com/a/b. See (https://x.org/p_(1)) and http://y.io/z, done";
        let urls: Vec<_> = urls_in(text).collect();
        assert_eq!(
            urls,
            [
                "https://github.com/a/b",
                "https://x.org/p_(1)",
                "http://y.io/z"
            ]
        );
    }

    #[test]
    fn dois_become_https_links() {
        assert_eq!(
            doi_url("10.1103/PhysRevD.76.013009").as_deref(),
            Some("https://doi.org/10.1103/PhysRevD.76.013009")
        );
        assert_eq!(doi_url("nonsense"), None);
    }
}
