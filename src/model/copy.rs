//! Copying the selected paper's link or BibTeX entry: the model picks the text, the app loop
//! sends it to the terminal's clipboard.

use super::bookmarks::{Bookmark, Bookmarks};
use super::{Effect, Model, paper};
use crate::action::Severity;
use crate::{clipboard, export};

impl Model {
    pub(super) fn copy_link(&mut self) -> Option<Effect> {
        let paper = self.paper_to_copy()?;
        let link = self
            .library
            .get(paper)
            .links()
            .into_iter()
            .find(|l| paper::is_web_link(l));
        match link {
            Some(link) => self.copy(link, "link"),
            None => {
                self.report(Severity::Warning, "This paper has no link to copy");
                None
            }
        }
    }

    pub(super) fn copy_bibtex(&mut self) -> Option<Effect> {
        let paper = self.paper_to_copy()?;
        let mut one = Bookmarks::default();
        one.add(Bookmark::of_paper(&self.library.get(paper), (self.clock)()));
        self.copy(export::bibtex(&one), "BibTeX entry")
    }

    fn paper_to_copy(&mut self) -> Option<usize> {
        let paper = self.selected_paper();
        if paper.is_none() {
            self.report(Severity::Warning, "No paper selected");
        }
        paper
    }

    fn copy(&mut self, text: String, what: &'static str) -> Option<Effect> {
        if text.len() > clipboard::MAX_BYTES {
            let text = format!(
                "The {what} is too long to copy ({} KB; at most {} KB)",
                text.len() / 1024,
                clipboard::MAX_BYTES / 1024
            );
            self.report(Severity::Warning, &text);
            return None;
        }
        self.report(
            Severity::Info,
            &format!("Copied the {what} (sent to the terminal's clipboard)"),
        );
        Some(Effect::Copy { text, what })
    }
}
