//! Markup is refused with words that say what the file is and what to do instead: an HTML page
//! (a Daily Papers page saved from the browser) or an XML document that is no list papertui
//! reads. Read as text, its tags would become papers.

use super::Problem;

/// True when the first non-blank bytes open a tag, a declaration or a comment (`<html`,
/// `<?xml`, `<!DOCTYPE`, `<!--`), not text that starts with `<` (`<3 a title`).
pub fn looks_like_markup(start: &[u8]) -> bool {
    matches!(start, [b'<', next, ..] if next.is_ascii_alphabetic() || matches!(next, b'!' | b'?'))
}

/// Why the markup in `head` (the file's first bytes) is not read, and what to do.
pub fn refusal(head: &[u8], file: &str) -> Problem {
    let lower = String::from_utf8_lossy(&head[..head.len().min(64 * 1024)]).to_ascii_lowercase();
    if lower.contains("<html") || lower.contains("<!doctype html") {
        let fetch = match daily_papers_date(&lower) {
            Some(date) => format!("`papertui hf:{date}` fetches that day's Daily Papers list"),
            None => "`papertui hf:DATE` (hf:2026-06-12, hf:today) fetches a day's Daily Papers \
                     list"
                .to_string(),
        };
        return Problem::file(
            file,
            format!(
                "an HTML page (a web page saved from the browser?), not a paper list: {fetch}; \
                 papertui reads JSON, JSON Lines and the page saved as text"
            ),
        );
    }
    let root = root_element(&lower).unwrap_or_else(|| "?".to_string());
    Problem::file(
        file,
        format!(
            "an XML document (root element <{root}>) that is not a feed papertui reads: it reads \
             arXiv's RSS and Atom feeds, JSON, JSON Lines and the Daily Papers page saved as \
             text; `papertui hf:DATE` fetches a day's Daily Papers list"
        ),
    )
}

/// The day of a Daily Papers page, from its links (`/papers/date/2026-06-12`, `?date=...`).
fn daily_papers_date(page: &str) -> Option<&str> {
    ["papers/date/", "papers?date=", "daily_papers?date="]
        .iter()
        .find_map(|marker| {
            let at = page.find(marker)? + marker.len();
            let date = page.get(at..at + 10)?;
            let b = date.as_bytes();
            let ok = b[4] == b'-'
                && b[7] == b'-'
                && [0, 1, 2, 3, 5, 6, 8, 9]
                    .iter()
                    .all(|&i| b[i].is_ascii_digit());
            ok.then_some(date)
        })
}

/// The name of the first element that is not a declaration, comment or doctype.
fn root_element(doc: &str) -> Option<String> {
    let mut rest = doc;
    loop {
        let at = rest.find('<')?;
        rest = &rest[at + 1..];
        if rest.starts_with(['?', '!']) {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'))
            .take(40)
            .collect();
        return (!name.is_empty()).then_some(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_told_from_text_that_starts_with_a_bracket() {
        assert!(looks_like_markup(b"<!DOCTYPE html>"));
        assert!(looks_like_markup(b"<?xml version=\"1.0\"?>"));
        assert!(looks_like_markup(b"<html>"));
        assert!(!looks_like_markup(b"<3 A title\n\nAn abstract"));
        assert!(!looks_like_markup(b"< spaced"));
    }

    #[test]
    fn a_daily_papers_page_is_refused_with_the_command_that_fetches_its_day() {
        let page = b"<!DOCTYPE html><html><a href=\"/papers/date/2026-06-12\">";
        let p = refusal(page, "page.html").to_string();
        assert!(p.starts_with("page.html: an HTML page"), "{p}");
        assert!(p.contains("`papertui hf:2026-06-12`"), "{p}");
        let p = refusal(b"<html><body>", "x.html").to_string();
        assert!(p.contains("`papertui hf:DATE`"), "{p}");
    }

    #[test]
    fn other_xml_is_named_by_its_root_element() {
        let p = refusal(
            b"<?xml version=\"1.0\"?>\n<!-- c -->\n<svg width=\"1\">",
            "a.svg",
        );
        assert!(p.to_string().contains("root element <svg>"), "{p}");
    }
}
