//! Copying the selected paper's link or BibTeX entry: the model picks the text, the app loop
//! sends it to the terminal's clipboard. Opening the link finds it here too.

use super::Severity;
use super::{Effect, Model};
use crate::library::paper;
use crate::marks::bookmarks::Bookmark;
use crate::{clipboard, export};

impl Model {
    /// Copies link `n` (1-based) of the selected paper; a digit right after copies that one.
    pub(super) fn copy_link(&mut self, n: u8) -> Option<Effect> {
        let link = self.selected_link("copy", n)?;
        let effect = self.copy(link, "link")?;
        if n > 1 {
            let text = format!("Copied link {n} (sent to the terminal's clipboard)");
            self.say(Severity::Info, &text);
        }
        Some(effect)
    }

    pub(super) fn copy_bibtex(&mut self) -> Option<Effect> {
        let paper = self.selected_or_warn()?;
        let one = Bookmark::of_paper(&self.library.get(paper), (self.clock)());
        self.copy(export::bibtex(&[&one]), "BibTeX entry")
    }

    /// Link `n` (1-based) of the selected paper as the detail numbers them, for copying or
    /// opening (`verb`); a warning says what is missing when there is none.
    pub(super) fn selected_link(&mut self, verb: &str, n: u8) -> Option<String> {
        let paper = self.selected_or_warn()?;
        let links = self.library.get(paper).numbered_links();
        let link = links
            .get(usize::from(n).saturating_sub(1))
            .map(|(_, url)| url.clone())
            .filter(|l| paper::is_web_link(l));
        if link.is_none() {
            let text = match links.len() {
                0 => format!("This paper has no link to {verb}"),
                1 => format!("This paper has one link, not {n}"),
                count => format!("This paper has {count} links, not {n}"),
            };
            self.say(Severity::Warning, &text);
        }
        link
    }

    fn selected_or_warn(&mut self) -> Option<usize> {
        let paper = self.selected_paper();
        if paper.is_none() {
            self.say(Severity::Warning, "No paper selected");
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
            self.say(Severity::Warning, &text);
            return None;
        }
        self.say(
            Severity::Info,
            &format!("Copied the {what} (sent to the terminal's clipboard)"),
        );
        Some(Effect::Copy { text, what })
    }
}

#[cfg(test)]
mod tests {
    use crate::action::Action as A;
    use crate::model::Effect;
    use crate::model::testing::{apply, rich_model, said};

    #[test]
    fn y_copies_the_link_and_capital_y_the_bibtex_entry() {
        let mut m = rich_model();
        let effects = apply(&mut m, [A::CopyLink]);
        assert!(
            matches!(
                effects.as_slice(),
                [Effect::Copy { text, what: "link" }] if text == "https://arxiv.org/abs/2403.03507"
            ),
            "{effects:?}"
        );
        assert!(said(&m).is_some_and(|s| s.starts_with("Copied the link")));
        let effects = apply(&mut m, [A::CopyBibtex]);
        let [
            Effect::Copy {
                text,
                what: "BibTeX entry",
            },
        ] = effects.as_slice()
        else {
            panic!("{effects:?}");
        };
        assert!(text.starts_with("@misc{zhao2024galore,"), "{text}");
        assert!(
            text.contains("title = {{GaLore: Memory-Efficient LLM Training}}"),
            "{text}"
        );
        assert!(text.contains("eprint = {2403.03507}"), "{text}");
    }

    #[test]
    fn a_paper_without_a_link_copies_arxivs_search_for_its_title() {
        let mut m = rich_model();
        apply(&mut m, [A::SelectNext]);
        let effects = apply(&mut m, [A::CopyLink]);
        let [Effect::Copy { text, .. }] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        assert!(
            text.starts_with("https://arxiv.org/search/?query=")
                && text.ends_with("searchtype=title"),
            "{text}"
        );
    }

    #[test]
    fn y_then_a_digit_copies_that_link_and_a_digit_alone_opens_it() {
        let mut m = rich_model();
        let effects = apply(&mut m, [A::CopyLink, A::Link(2)]);
        assert!(
            matches!(effects.as_slice(), [Effect::Copy { .. }, Effect::Copy { text, .. }]
                if text == "https://arxiv.org/pdf/2403.03507"),
            "{effects:?}"
        );
        assert_eq!(
            said(&m).as_deref(),
            Some("Copied link 2 (sent to the terminal's clipboard)")
        );
        let effects = apply(&mut m, [A::Link(2)]);
        assert!(
            matches!(effects.as_slice(), [Effect::OpenUrl(u)] if u == "https://arxiv.org/pdf/2403.03507"),
            "{effects:?}"
        );
        assert!(apply(&mut m, [A::Link(9)]).is_empty());
        assert!(
            said(&m).is_some_and(|s| s.contains("links, not 9")),
            "{:?}",
            said(&m)
        );
    }

    #[test]
    fn an_empty_list_copies_nothing() {
        let mut m = crate::model::Model::new(crate::library::Library::default());
        assert!(apply(&mut m, [A::CopyLink, A::CopyBibtex]).is_empty());
    }
}
