//! A paper's tags and note, edited on one line in the footer: Enter saves them to its
//! bookmark (bookmarking it first if needed), Esc leaves them as they were.

use super::{Effect, Mode, Model, Severity};
use crate::marks::bookmarks::{Bookmark, clean_tag};
use crate::sanitize;

/// Longest note kept, in characters: a note is a reminder, not a document.
pub const NOTE_MAX: usize = 500;

/// What the footer's editor edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Editing {
    /// The tags, words with a space between (`to-read cite`).
    Tags,
    Note,
}

/// The editor's state while it is open.
pub(super) struct Editor {
    what: Editing,
    /// The key of the paper edited: the list may grow or be replaced (`[`, `]`) meanwhile.
    key: String,
    text: String,
}

impl Model {
    /// What is being edited and its text so far, while the editor is open.
    pub fn editing(&self) -> Option<(Editing, &str)> {
        self.editor
            .as_ref()
            .filter(|_| self.mode == Mode::Edit)
            .map(|e| (e.what, e.text.as_str()))
    }

    /// Opens the editor on the selected paper's tags or note.
    pub(super) fn start_edit(&mut self, what: Editing) -> Option<Effect> {
        let paper = match self.paper_to_mark() {
            Ok(paper) => paper,
            Err(reload) => return reload.then_some(Effect::ReloadBookmarks),
        };
        let key = self.library.get(paper).key();
        let text = self
            .marks
            .all
            .get(&key)
            .map_or_else(String::new, |b| match what {
                Editing::Tags => b.tags.join(" "),
                Editing::Note => b.note.clone(),
            });
        self.editor = Some(Editor { what, key, text });
        self.mode = Mode::Edit;
        None
    }

    pub(super) fn edit_input(&mut self, c: char) {
        if let Some(e) = &mut self.editor
            && sanitize::is_allowed(c)
            && e.text.chars().count() < NOTE_MAX
        {
            e.text.push(c);
        }
    }

    pub(super) fn edit_paste(&mut self, pasted: &str) {
        let clean = sanitize::clean(pasted, pasted.len());
        for c in clean.chars() {
            self.edit_input(c);
        }
    }

    pub(super) fn edit_backspace(&mut self) {
        if let Some(e) = &mut self.editor {
            e.text.pop();
        }
    }

    pub(super) fn edit_clear(&mut self) {
        if let Some(e) = &mut self.editor {
            e.text.clear();
        }
    }

    pub(super) fn cancel_edit(&mut self) {
        self.editor = None;
        self.mode = Mode::Browse;
        self.say(Severity::Info, "Left as it was");
    }

    /// Saves what the editor holds to the paper's bookmark, bookmarking the paper if it was
    /// not; asks for the bookmarks to be saved.
    pub(super) fn accept_edit(&mut self) -> Option<Effect> {
        self.mode = Mode::Browse;
        let Editor { what, key, text } = self.editor.take()?;
        let newly = !self.marks.all.contains(&key);
        if newly {
            // Found again by its key: on the selection, or anywhere in the list.
            let on_selection = self
                .selected_paper()
                .filter(|&i| self.library.get(i).key() == key);
            let found = on_selection.or_else(|| self.library.iter().position(|p| p.key() == key));
            let Some(paper) = found else {
                self.say(Severity::Warning, "The paper is no longer in the list");
                return None;
            };
            let p = self.library.get(paper);
            self.marks.all.add(Bookmark::of_paper(&p, (self.clock)()));
            self.marks.hashes.insert(p.key_hash());
            self.count_bookmarked(true);
        }
        let said = match what {
            Editing::Tags => {
                let mut tags: Vec<String> = text.split_whitespace().filter_map(clean_tag).collect();
                tags.sort();
                tags.dedup();
                let said = if tags.is_empty() {
                    "Tags removed".to_string()
                } else {
                    format!("Tagged #{}", tags.join(" #"))
                };
                self.marks.all.update(&key, |b| b.tags = tags);
                said
            }
            Editing::Note => {
                let note = text.trim().to_string();
                let said = if note.is_empty() {
                    "Note removed"
                } else {
                    "Note saved"
                };
                self.marks.all.update(&key, |b| b.note = note);
                said.to_string()
            }
        };
        let said = if newly {
            format!("Bookmarked · {said}")
        } else {
            said
        };
        self.say(Severity::Info, &said);
        let keep = self.selected_paper();
        self.refresh_view(keep);
        Some(Effect::SaveBookmarks(self.marks.all.clone()))
    }
}
