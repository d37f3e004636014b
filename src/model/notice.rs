//! The footer's messages as data. The view words them with the keys the keymap really binds,
//! so a remapped key never leaves a stale hint.

use crate::action::Action;

/// How a message in the footer should read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// A message for the footer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Words that name no key.
    Said(Severity, String),
    /// Esc with no filter and no view to clear.
    NothingToClear,
    /// The bookmarked-only view turned on; `empty` when no paper shown is bookmarked,
    /// `elsewhere` the bookmarks of papers not in the lists open.
    BookmarkedOnly { empty: bool, elsewhere: usize },
    /// The first press of mark-all-read: the next one marks the `shown` papers read.
    ConfirmMarkAllRead { shown: usize },
    /// A link could not be opened: why, and how to copy it instead.
    OpenFailed { url: String, why: String },
}

impl Notice {
    pub fn severity(&self) -> Severity {
        match self {
            Notice::Said(severity, _) => *severity,
            Notice::ConfirmMarkAllRead { .. } => Severity::Warning,
            Notice::OpenFailed { .. } => Severity::Error,
            Notice::NothingToClear | Notice::BookmarkedOnly { .. } => Severity::Info,
        }
    }

    /// The message, naming each key by `label`; where an action has no key, its hint is left
    /// out.
    pub fn words(&self, label: &dyn Fn(&Action) -> Option<String>) -> String {
        let hint = |action: Action, does: &str| {
            label(&action).map_or(String::new(), |key| format!(" · {key} {does}"))
        };
        match self {
            Notice::Said(_, text) => text.clone(),
            Notice::NothingToClear => {
                format!("No filter to clear{}", hint(Action::Quit, "quits"))
            }
            Notice::BookmarkedOnly { empty, elsewhere } => {
                let said = match (empty, elsewhere) {
                    (false, _) => "Showing bookmarked papers only",
                    (true, 0) => "No bookmarked papers here yet",
                    (true, _) => "No bookmarked papers in this list",
                };
                let others = match elsewhere {
                    0 => String::new(),
                    1 => " · 1 more in other lists: `papertui bookmarks:` opens all".to_string(),
                    n => format!(" · {n} more in other lists: `papertui bookmarks:` opens all"),
                };
                let all = hint(Action::ToggleBookmarkedOnly, "shows all");
                format!("{said}{others}{all}")
            }
            Notice::OpenFailed { url, why } => {
                format!(
                    "Cannot open {url}: {why}{}",
                    hint(Action::CopyLink, "copies it")
                )
            }
            Notice::ConfirmMarkAllRead { shown } => {
                let papers = if *shown == 1 { "paper" } else { "papers" };
                let key = label(&Action::MarkAllRead).unwrap_or_else(|| "the same key".into());
                format!("Mark all {shown} {papers} shown as read? Press {key} again to confirm")
            }
        }
    }
}
