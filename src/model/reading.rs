//! Reading one paper after another: the next or previous paper without leaving the detail,
//! the detail scrolled from the list, Space paging the detail and then moving on, and papers
//! read as they are opened.

use super::mode::MarkRead;
use super::{Focus, Mode, Model};

impl Model {
    /// The paper `by` rows on, wherever the focus is; its text starts at the top.
    pub(super) fn move_paper(&mut self, by: isize) {
        let last = self.visible().len().saturating_sub(1);
        self.select(self.selected.saturating_add_signed(by).min(last));
        self.following_top = false;
    }

    /// Scrolls the detail by `by` lines, whichever pane has the focus.
    pub(super) fn scroll_detail(&mut self, by: isize) {
        let max = self.detail_max_scroll();
        self.detail_scroll = self.detail_scroll.saturating_add_signed(by).min(max);
    }

    /// A page further into the detail; at its end, the next paper.
    pub(super) fn read_on(&mut self) {
        if self.screen().detail.is_some() && self.detail_scroll < self.detail_max_scroll() {
            self.scroll_detail(self.detail_page());
        } else {
            self.move_paper(1);
        }
    }

    fn detail_page(&self) -> isize {
        isize::try_from(self.detail_rows().saturating_sub(1).max(1)).unwrap_or(isize::MAX)
    }

    /// With papers read as they are opened: the paper the focused detail shows is read, once
    /// per opening (so `r` can mark it unread again while it stays open).
    pub(super) fn mark_opened(&mut self) {
        let open = self.mode == Mode::Browse && self.focus == Focus::Detail;
        let paper = self.selected_paper().filter(|_| open);
        if paper.is_none() {
            self.read.opened = None;
            return;
        }
        if self.settings.mark_read == MarkRead::Open && paper != self.read.opened {
            self.read.opened = paper;
            if let Some(paper) = paper {
                self.set_read(paper, true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::action::Action as A;
    use crate::model::Focus;
    use crate::model::testing::{apply, rich_model, said};

    #[test]
    fn a_paper_is_read_when_opened_not_when_shown_at_start_or_while_typing() {
        let mut m = rich_model();
        assert!(
            !m.is_read(0),
            "the first paper shown at start-up is not read"
        );
        apply(
            &mut m,
            [A::StartFilter, A::FilterInput('p'), A::AcceptFilter],
        );
        let top = m.selected_paper().expect("a match");
        assert!(!m.is_read(top), "the top hit while typing is not read");
        apply(&mut m, [A::OpenDetail]);
        assert!(m.is_read(top), "Enter opens it: read");
    }

    #[test]
    fn r_marks_an_open_paper_unread_and_it_stays_unread_while_open() {
        let mut m = rich_model();
        apply(&mut m, [A::OpenDetail]);
        assert!(m.is_read(0));
        apply(&mut m, [A::ToggleRead, A::ScrollDetailDown]);
        assert!(!m.is_read(0), "{:?}", said(&m));
        apply(&mut m, [A::CloseDetail, A::OpenDetail]);
        assert!(m.is_read(0), "opened again: read again");
    }

    #[test]
    fn n_and_p_move_between_papers_without_leaving_the_detail_and_read_them() {
        let mut m = rich_model();
        apply(&mut m, [A::OpenDetail, A::NextPaper]);
        assert_eq!((m.selected(), m.focus()), (1, Focus::Detail));
        assert!(m.is_read(1));
        apply(&mut m, [A::PreviousPaper]);
        assert_eq!(m.selected(), 0);
    }

    #[test]
    fn space_pages_the_detail_then_moves_on_and_j_k_scroll_it_from_the_list() {
        let mut m = rich_model();
        apply(
            &mut m,
            [A::Resize {
                width: 120,
                height: 8,
            }],
        );
        assert!(
            m.detail_max_scroll() > 0,
            "the first paper's text is longer than the pane"
        );
        apply(&mut m, [A::ScrollDetailDown]);
        assert_eq!((m.detail_scroll(), m.focus()), (3, Focus::List));
        apply(&mut m, [A::ScrollDetailUp, A::ReadOn]);
        assert!(m.detail_scroll() > 0, "a page of the detail first");
        while m.selected() == 0 {
            apply(&mut m, [A::ReadOn]);
        }
        assert_eq!(
            (m.selected(), m.detail_scroll()),
            (1, 0),
            "then the next paper, from the top"
        );
    }
}
