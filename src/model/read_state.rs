//! Read state in the reader: papers become read when shown for a while or marked with a key,
//! read papers are dimmed, the unread-only view, and the changes waiting to be saved.
//!
//! A million papers can be marked at once, so the model keeps read papers as key hashes and
//! logs changes by paper index; storage turns them into keys when it saves, off the UI
//! thread.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use super::mode::MarkRead;
use super::{Effect, Mode, Model, Notice, Severity, Visible};
use crate::library::{Library, PassThrough, hash_of_key};
use crate::marks::read::ReadMarks;

/// Read changes to save: papers of `library` marked read (true) or unread, in order.
#[derive(Clone, Debug)]
pub struct ReadChanges {
    pub library: Library,
    pub changes: Vec<(u32, bool)>,
}

/// A save of read changes that failed: why, and the changes handed back.
#[derive(Clone, Debug)]
pub struct SaveFailed {
    pub why: String,
    pub changes: ReadChanges,
}

/// What storage says of a save of read changes.
pub type SaveResult = Result<(), Box<SaveFailed>>;

#[derive(Default)]
pub(super) struct ReadState {
    /// The key hashes of the papers read (a 64-bit hash: a false match among a million
    /// papers is about as likely as a cosmic ray flipping the bit).
    hashes: HashSet<u64, BuildHasherDefault<PassThrough>>,
    /// Changes not handed to storage yet.
    log: Vec<(u32, bool)>,
    /// A save is running; the next waits for it.
    saving: bool,
    /// Why read marks are not saved this session (their file could not be read).
    read_only: Option<String>,
    /// `R` was pressed once: the next `R` marks every paper shown.
    pub(super) confirming: bool,
    /// The paper last opened in the detail (marked read then, once).
    pub(super) opened: Option<usize>,
    /// How many papers of the library are read, among the first `counted`.
    count: usize,
    counted: usize,
}

impl Model {
    /// The model with the read marks storage read, or not saving them (with the reason) if
    /// it could not read them.
    pub fn with_read_marks(mut self, marks: &ReadMarks, read_only: Option<String>) -> Model {
        self.read.hashes = marks.iter().map(hash_of_key).collect();
        self.count_read(true);
        if let Some(why) = &read_only {
            self.say(
                Severity::Warning,
                &format!("Read marks are not saved this time: {why}"),
            );
        }
        self.read.read_only = read_only;
        let keep = self.selected_paper();
        self.refresh_view(keep);
        self
    }

    /// How many papers of the list are not read yet.
    pub fn unread_count(&self) -> usize {
        self.library.len().saturating_sub(self.read.count)
    }

    /// Counts the read papers among those added since the last count (all, after the read
    /// marks were replaced), so a growing million-paper list is counted once.
    pub(super) fn count_read(&mut self, from_scratch: bool) {
        if from_scratch || self.read.counted > self.library.len() {
            (self.read.count, self.read.counted) = (0, 0);
        }
        let new = (self.read.counted..self.library.len()).filter(|&i| self.is_read(i));
        self.read.count += new.count();
        self.read.counted = self.library.len();
    }

    pub fn is_read(&self, paper: usize) -> bool {
        self.read
            .hashes
            .contains(&self.library.get(paper).key_hash())
    }

    pub fn unread_only(&self) -> bool {
        self.unread_only
    }

    /// The paper the detail pane shows while browsing, if it is not read yet and papers are
    /// read by dwelling on them: the app's timer marks it read once it has been shown for a
    /// while.
    pub fn unread_shown_paper(&self) -> Option<usize> {
        if self.settings.mark_read != MarkRead::Dwell {
            return None;
        }
        let paper = self.selected_paper()?;
        let shown = self.mode == Mode::Browse && self.screen().detail.is_some();
        (shown && !self.is_read(paper)).then_some(paper)
    }

    /// There are read changes that no save has been asked for.
    pub fn read_changes_waiting(&self) -> bool {
        !self.read.log.is_empty() && !self.read.saving
    }

    /// Marks `paper` read or unread; true if that changed anything.
    pub(super) fn set_read(&mut self, paper: usize, read: bool) -> bool {
        self.count_read(false);
        let hash = self.library.get(paper).key_hash();
        let changed = if read {
            self.read.hashes.insert(hash)
        } else {
            self.read.hashes.remove(&hash)
        };
        if changed && paper < self.read.counted {
            match read {
                true => self.read.count += 1,
                false => self.read.count = self.read.count.saturating_sub(1),
            }
        }
        if changed && self.read.read_only.is_none() {
            self.read.log.push((paper as u32, read));
        }
        changed
    }

    /// The timer says `paper` was shown long enough; it is read if it is still shown.
    pub(super) fn seen(&mut self, paper: usize) {
        if self.unread_shown_paper() == Some(paper) {
            self.set_read(paper, true);
        }
    }

    pub(super) fn toggle_read(&mut self) {
        let Some(paper) = self.selected_paper() else {
            self.say(Severity::Warning, "No paper selected");
            return;
        };
        let read = !self.is_read(paper);
        self.set_read(paper, read);
        if read
            && self.unread_only
            && let Some(view) = &mut self.subset
        {
            view.retain(|&i| i as usize != paper);
            self.detail_scroll = 0;
        }
        self.say(
            Severity::Info,
            if read {
                "Marked as read"
            } else {
                "Marked as unread"
            },
        );
    }

    pub(super) fn toggle_unread_only(&mut self) {
        let keep = self.selected_paper();
        self.unread_only = !self.unread_only;
        self.refresh_view(keep);
        let text = match (self.unread_only, self.visible().is_empty()) {
            (false, _) => "Showing read and unread papers",
            (true, false) => "Showing unread papers only",
            (true, true) => "No unread papers here",
        };
        self.say(Severity::Info, text);
    }

    /// Marks every paper shown as read, on the second press in a row (the first asks).
    pub(super) fn mark_all_read(&mut self) {
        let shown = self.visible().len();
        if shown == 0 {
            self.say(Severity::Info, "No papers shown to mark");
            return;
        }
        if !std::mem::take(&mut self.read.confirming) {
            self.read.confirming = true;
            self.tell(Notice::ConfirmMarkAllRead { shown });
            return;
        }
        // A million papers: their key hashes chunk by chunk, not one lookup each.
        let papers: Vec<(u32, u64)> = match self.visible() {
            Visible::All(_) => self
                .library
                .chunks()
                .flat_map(|(start, chunk)| {
                    (0..chunk.len()).map(move |i| ((start + i) as u32, chunk.get(i).key_hash()))
                })
                .collect(),
            Visible::Indices(shown) => shown
                .iter()
                .map(|&i| (i, self.library.get(i as usize).key_hash()))
                .collect(),
        };
        self.read.hashes.reserve(papers.len());
        let saving = self.read.read_only.is_none();
        let mut marked = 0;
        for (paper, hash) in papers {
            if self.read.hashes.insert(hash) {
                marked += 1;
                if saving {
                    self.read.log.push((paper, true));
                }
            }
        }
        let keep = self.selected_paper();
        self.refresh_view(keep);
        let text = match shown - marked {
            0 => format!("Marked {marked} papers as read"),
            before => format!("Marked {marked} papers as read; {before} were read already"),
        };
        self.say(Severity::Info, &text);
    }

    /// Hands the changes logged so far to storage, unless a save is still running.
    pub(super) fn save_read(&mut self) -> Option<Effect> {
        if self.read.saving || self.read.log.is_empty() {
            return None;
        }
        self.read.saving = true;
        Some(Effect::SaveRead(ReadChanges {
            library: self.library.clone(),
            changes: std::mem::take(&mut self.read.log),
        }))
    }

    /// Storage saved the last changes, or hands them back: they go before the newer ones
    /// and the next save retries them.
    pub(super) fn read_saved(&mut self, result: SaveResult) {
        self.read.saving = false;
        if let Err(failed) = result {
            let SaveFailed { why, changes } = *failed;
            let newer = std::mem::replace(&mut self.read.log, changes.changes);
            self.read.log.extend(newer);
            self.say(
                Severity::Error,
                &format!(
                    "Read marks not saved: {why}. They are kept and saved with the next change"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests;
