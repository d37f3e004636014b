//! The Daily Papers page saved as text: optional header lines and a date, then each paper as a
//! title line and an abstract paragraph separated by blank lines. A plain list of
//! title/abstract pairs with no header reads the same way.

use std::borrow::Cow;

use super::{Event, Problem, month_number};
use crate::library::{Chunk, RawPaper, Rejected};

/// The page's own lines above the first paper.
const HEADER_LINES: [&str; 5] = [
    "new",
    "Get trending papers in your email inbox!",
    "Subscribe",
    "byAK and the research community",
    "Daily Papers",
];

pub(super) fn parse(text: &str, file: &str, sink: &mut dyn FnMut(Event)) -> Result<(), Problem> {
    let mut paragraphs = paragraphs(text).peekable();
    let (mut header, mut date) = (false, None);
    while let Some((_, lines)) = paragraphs.peek() {
        let &[line] = lines.as_slice() else { break };
        if HEADER_LINES.contains(&line) {
            header = true;
        } else if date.is_none() && is_date(line) {
            date = Some(line.to_string());
        } else {
            break;
        }
        paragraphs.next();
    }
    if header || date.is_some() {
        sink(Event::Meta {
            name: header.then(|| "Daily Papers".to_string()),
            date,
        });
    }
    let mut chunk = Chunk::default();
    let mut title: Option<(usize, &str)> = None;
    for (line_no, lines) in paragraphs {
        match title.take() {
            None if lines.len() > 1 => {
                // Title and abstract on consecutive lines.
                let abstract_text = lines[1..].join(" ");
                add(
                    &mut chunk,
                    line_no,
                    lines[0],
                    abstract_text.into(),
                    file,
                    sink,
                );
            }
            None => title = Some((line_no, lines[0])),
            Some((t_line, t)) => add(&mut chunk, t_line, t, lines.join(" ").into(), file, sink),
        }
    }
    if let Some((line_no, t)) = title {
        sink(Event::Warning(Problem::at(
            file,
            line_no,
            1,
            "the last title has no abstract after it",
        )));
        add(&mut chunk, line_no, t, Cow::Borrowed(""), file, sink);
    }
    sink(Event::Papers(Box::new(chunk)));
    Ok(())
}

fn add(
    chunk: &mut Chunk,
    line: usize,
    title: &str,
    abstract_text: Cow<'_, str>,
    file: &str,
    sink: &mut dyn FnMut(Event),
) {
    let raw = RawPaper {
        title: Cow::Borrowed(title),
        abstract_text,
        ..Default::default()
    };
    if let Err(Rejected::EmptyTitle) = chunk.push(&raw) {
        sink(Event::Warning(Problem::at(
            file,
            line,
            1,
            "paper skipped: the title is empty",
        )));
    }
}

/// Runs of non-blank lines with the 1-based number of their first line.
fn paragraphs(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    let mut lines = text.lines().enumerate().peekable();
    std::iter::from_fn(move || {
        while lines.next_if(|(_, l)| is_blank(l)).is_some() {}
        let (first, _) = *lines.peek()?;
        let mut para = Vec::new();
        while let Some((_, l)) = lines.next_if(|(_, l)| !is_blank(l)) {
            para.push(l.trim());
        }
        Some((first + 1, para))
    })
}

/// Blank once cleaned: white space, or only characters the sanitizer drops.
fn is_blank(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_whitespace() || !crate::sanitize::is_allowed(c))
}

/// "Mar 14", "Mar 14, 2024", "March 14 2024" or "2024-03-14".
fn is_date(line: &str) -> bool {
    if super::record::normalize_date(line).is_some() && line.len() <= 10 {
        return true;
    }
    let mut words = line.split([' ', ',']).filter(|w| !w.is_empty());
    let month = words.next().and_then(month_number).is_some();
    let day = words
        .next()
        .and_then(|d| d.parse::<u32>().ok())
        .is_some_and(|d| (1..=31).contains(&d));
    let year = words
        .next()
        .is_none_or(|y| y.len() == 4 && y.parse::<u32>().is_ok());
    month && day && year && words.next().is_none() && line.len() <= 20
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::LibraryBuilder;

    fn load(text: &str) -> (Vec<(String, String)>, Option<String>, Vec<String>) {
        let mut b = LibraryBuilder::default();
        let mut warnings = Vec::new();
        parse(text, "t.txt", &mut |e| match e {
            Event::Papers(c) => {
                b.append(*c);
            }
            Event::Meta { name, date } => b.set_name(name, date),
            Event::Warning(p) => warnings.push(p.to_string()),
            _ => {}
        })
        .unwrap();
        let lib = b.into_library();
        let papers = lib
            .iter()
            .map(|p| (p.title().to_string(), p.abstract_text().to_string()))
            .collect();
        (papers, lib.date.clone(), warnings)
    }

    #[test]
    fn the_page_header_and_date_are_read_and_skipped() {
        let page = "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\n\
                    byAK and the research community\n\nMar 14\n\nTitle A\n\nAbstract A.\n\n\
                    Title B\n\nAbstract\nB.\n";
        let (papers, date, warnings) = load(page);
        assert_eq!(date.as_deref(), Some("Mar 14"));
        assert_eq!(
            papers,
            [
                ("Title A".into(), "Abstract A.".into()),
                ("Title B".into(), "Abstract B.".into())
            ]
        );
        assert!(warnings.is_empty());
    }

    #[test]
    fn plain_pairs_without_header_load_too() {
        let (papers, date, _) = load("\u{feff}T1\r\n\r\nA1\r\n\r\n\r\nT2\nA2 on the next line\n");
        assert_eq!(date, None);
        assert_eq!(
            papers,
            [
                ("T1".into(), "A1".into()),
                ("T2".into(), "A2 on the next line".into())
            ]
        );
    }

    #[test]
    fn a_last_title_without_abstract_is_kept_with_a_warning() {
        let (papers, _, warnings) = load("T1\n\nA1\n\nT2\n");
        assert_eq!(papers.len(), 2);
        assert_eq!(
            warnings,
            ["t.txt:5:1: the last title has no abstract after it"]
        );
    }
}
