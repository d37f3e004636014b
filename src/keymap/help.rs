//! What the bindings say about themselves: the help overlay's lines, the footer's hints and the
//! README's key table, from the keys in use.

use super::{BINDINGS, KeyContext, Keymap, SHIPPED};
use crate::action::Action;

impl Keymap {
    /// The help overlay's text: every bound binding but the help's own, under its section's
    /// heading.
    pub fn help_lines(&self) -> Vec<HelpLine> {
        let mut lines = Vec::new();
        for section in ["Browsing", "Reading", "Filtering", "Tags and notes"] {
            lines.push(HelpLine::Heading(section));
            for (b, keys) in BINDINGS.iter().zip(&self.keys) {
                if b.scope.section() != section || keys.is_empty() {
                    continue;
                }
                let keys: Vec<String> = keys.iter().map(|k| k.label()).collect();
                lines.push(HelpLine::Keys {
                    keys: keys.join(" "),
                    help: b.help,
                });
            }
        }
        lines.push(HelpLine::Heading("Query"));
        for (keys, help) in QUERY_SYNTAX {
            lines.push(HelpLine::Keys {
                keys: keys.to_string(),
                help,
            });
        }
        lines
    }

    /// The label of the first key that asks for `action`, in any context; None when no key
    /// does. Messages name keys with it, so they follow the config's `[keys]`.
    pub fn label_of(&self, action: &Action) -> Option<String> {
        BINDINGS
            .iter()
            .zip(&self.keys)
            .filter(|(b, _)| b.action == *action)
            .find_map(|(_, keys)| keys.first())
            .map(|key| key.label())
    }

    /// The footer's hints for a context: (first key, word), most specific scope first.
    pub fn hints(&self, ctx: KeyContext) -> Vec<(String, &'static str)> {
        ctx.scopes()
            .iter()
            .flat_map(|&scope| self.in_scope(scope))
            .filter_map(|(b, keys)| Some((keys.first()?.label(), b.hint?)))
            .collect()
    }

    /// Every binding as a Markdown table (the README's), with the names the config file uses.
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| keys | does | name in `[keys]` |\n|---|---|---|\n");
        for section in ["Browsing", "Reading", "Filtering", "Tags and notes", "Help"] {
            out.push_str(&format!("| **{section}** | | |\n"));
            for (b, keys) in BINDINGS.iter().zip(&self.keys) {
                if b.scope.section() != section {
                    continue;
                }
                let keys: Vec<String> = keys.iter().map(|k| format!("`{}`", k.label())).collect();
                let name = b.name.map_or("(fixed)".to_string(), |n| format!("`{n}`"));
                out.push_str(&format!("| {} | {} | {name} |\n", keys.join(" "), b.help));
            }
        }
        out
    }
}

/// What a query can say, as fzf's extended syntax says it.
const QUERY_SYNTAX: [(&str, &str); 6] = [
    ("word", "a word or word start; typos after"),
    ("'text", "the exact text, anywhere"),
    ("^text", "the title starts with it"),
    ("text$", "the title ends with it"),
    ("!text", "papers without it"),
    ("a | b", "either"),
];

/// One line of the help overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpLine {
    Heading(&'static str),
    Keys { keys: String, help: &'static str },
}

/// The help overlay's text with the shipped keys.
pub fn help_lines() -> Vec<HelpLine> {
    SHIPPED.help_lines()
}

/// The footer's hints with the shipped keys.
pub fn hints(ctx: KeyContext) -> Vec<(String, &'static str)> {
    SHIPPED.hints(ctx)
}
