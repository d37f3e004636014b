//! The detail pane's text laid out for a width: the model clamps the scroll with its length,
//! the view draws its lines.

use crate::library::PaperRef;
use crate::text;

/// Which part of the paper a line shows (the view styles each part).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Title,
    Authors,
    Facts,
    Link,
    Abstract,
    Blank,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocLine {
    pub part: Part,
    pub text: String,
    /// For title lines: how many characters of the title come before this line, to place
    /// the filter's highlights.
    pub first_char: usize,
}

/// The paper as lines at most `width` cells wide: title, authors, facts (date, arXiv id,
/// upvotes, categories), links, then the abstract.
pub fn lay_out(p: &PaperRef<'_>, width: usize) -> Vec<DocLine> {
    lay_out_marked(p, &[], "", width)
}

/// [`lay_out`], with the tags and note of the paper's bookmark after its facts.
pub fn lay_out_marked(p: &PaperRef<'_>, tags: &[String], note: &str, width: usize) -> Vec<DocLine> {
    let mut doc = Doc {
        lines: Vec::new(),
        width,
    };
    let title = p.title();
    let mut chars_before = 0;
    let mut last_end = 0;
    for range in text::wrap(title, width) {
        chars_before += title[last_end..range.start].chars().count();
        doc.lines.push(DocLine {
            part: Part::Title,
            text: title[range.clone()].to_string(),
            first_char: chars_before,
        });
        chars_before += title[range.clone()].chars().count();
        last_end = range.end;
    }
    doc.blank();
    let authors: Vec<&str> = p.authors().collect();
    if !authors.is_empty() {
        doc.add(Part::Authors, &authors.join(", "));
    }
    let mut facts: Vec<String> = Vec::new();
    facts.extend(p.published().map(str::to_string));
    facts.extend(p.arxiv_id().map(|id| format!("arXiv:{id}")));
    facts.extend(p.upvotes().map(|n| format!("{n} upvotes")));
    let categories: Vec<&str> = p.categories().collect();
    if !categories.is_empty() {
        facts.push(categories.join(" "));
    }
    if !facts.is_empty() {
        doc.add(Part::Facts, &facts.join(" · "));
    }
    if !tags.is_empty() {
        let tags: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
        doc.add(Part::Facts, &tags.join(" "));
    }
    if !note.is_empty() {
        doc.add(Part::Facts, &format!("Note: {note}"));
    }
    for link in p.links() {
        doc.add(Part::Link, &link);
    }
    if doc.lines.last().is_some_and(|l| l.part != Part::Blank) {
        doc.blank();
    }
    if p.abstract_text().is_empty() {
        doc.add(Part::Facts, "No abstract.");
    } else {
        doc.add(Part::Abstract, p.abstract_text());
    }
    doc.lines
}

struct Doc {
    lines: Vec<DocLine>,
    width: usize,
}

impl Doc {
    fn add(&mut self, part: Part, s: &str) {
        for range in text::wrap(s, self.width) {
            self.lines.push(DocLine {
                part,
                text: s[range].to_string(),
                first_char: 0,
            });
        }
    }

    fn blank(&mut self) {
        self.lines.push(DocLine {
            part: Part::Blank,
            text: String::new(),
            first_char: 0,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Authors, Chunk, LibraryBuilder, RawPaper};

    #[test]
    fn a_full_paper_reads_title_authors_facts_links_abstract() {
        let mut chunk = Chunk::default();
        chunk
            .push(&RawPaper {
                id: Some("2403.03507".into()),
                title: "GaLore: Memory-Efficient LLM Training".into(),
                abstract_text: "Training large models is costly.".into(),
                authors: Authors::Joined("Jiawei Zhao and Zhenyu Zhang".into()),
                published: Some("2024-03-06".into()),
                upvotes: Some(185),
                ..Default::default()
            })
            .unwrap();
        let mut b = LibraryBuilder::default();
        b.append(chunk);
        let lib = b.into_library();
        let doc = lay_out(&lib.get(0), 20);
        let text: Vec<(Part, &str)> = doc.iter().map(|l| (l.part, l.text.as_str())).collect();
        assert_eq!(
            text,
            [
                (Part::Title, "GaLore:"),
                (Part::Title, "Memory-Efficient LLM"),
                (Part::Title, "Training"),
                (Part::Blank, ""),
                (Part::Authors, "Jiawei Zhao, Zhenyu"),
                (Part::Authors, "Zhang"),
                (Part::Facts, "2024-03-06 ·"),
                (Part::Facts, "arXiv:2403.03507 ·"),
                (Part::Facts, "185 upvotes"),
                (Part::Link, "https://arxiv.org/ab"),
                (Part::Link, "s/2403.03507"),
                (Part::Blank, ""),
                (Part::Abstract, "Training large"),
                (Part::Abstract, "models is costly."),
            ]
        );
        assert_eq!(doc[1].first_char, "GaLore: ".len());
        assert_eq!(doc[2].first_char, "GaLore: Memory-Efficient LLM ".len());
    }
}
