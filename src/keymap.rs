//! Terminal events to actions. One table of bindings gives the mapping, the help overlay and
//! the footer hints, so they always agree; the config file may give any named binding other
//! keys ([`Keymap::remap`]). Pure: no state, no terminal.

mod bindings;
mod help;
mod keys;

use std::fmt;
use std::sync::LazyLock;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};

use crate::action::{Action, Wheel};
use Key::{Char, Text};
use Scope::{Browse, Reading};
use bindings::CONTEXTS;

pub use bindings::{BINDINGS, Binding, KeyContext, Scope, names};
pub use help::{HelpLine, help_lines, hints};
pub use keys::Key;

/// The keys of every binding of [`BINDINGS`]: as shipped, or as the config file set them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    /// `keys[i]` are the keys of `BINDINGS[i]`.
    keys: Vec<Vec<Key>>,
}

/// Why a config's `[keys]` cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeymapError {
    UnknownName(String),
    /// `key` would do both `first` and `second` (binding names).
    Conflict {
        key: Key,
        first: &'static str,
        second: &'static str,
    },
    /// `key` is listed twice for one binding.
    Repeated {
        key: Key,
        name: &'static str,
    },
    /// `key` can never act in the filter: it types there.
    Typed {
        key: Key,
        name: &'static str,
    },
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeymapError::UnknownName(name) => {
                write!(f, "no action is called `{name}`; the actions are: ")?;
                let names: Vec<&str> = names().collect();
                write!(f, "{}", names.join(", "))
            }
            KeymapError::Conflict { key, first, second } => write!(
                f,
                "the key \"{}\" is bound to both `{first}` and `{second}`; give one of them \
                 other keys",
                key.config_name()
            ),
            KeymapError::Repeated { key, name } => {
                write!(
                    f,
                    "the key \"{}\" is listed twice for `{name}`",
                    key.config_name()
                )
            }
            KeymapError::Typed { key, name } => {
                let why = match key {
                    Char('1'..='9') => "it opens the detail's link of that number",
                    _ => "it types into the filter",
                };
                write!(
                    f,
                    "the key \"{}\" cannot be bound to `{name}`: {why}",
                    key.config_name()
                )
            }
        }
    }
}

impl std::error::Error for KeymapError {}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            keys: BINDINGS.iter().map(|b| b.keys.to_vec()).collect(),
        }
    }
}

/// The keymap as shipped, for the functions that take no keymap.
static SHIPPED: LazyLock<Keymap> = LazyLock::new(Keymap::default);

impl Keymap {
    /// The shipped keymap with the named bindings given other keys (an empty list unbinds
    /// one). Any key left doing two things in one context is an error.
    pub fn remap<'a>(
        changes: impl IntoIterator<Item = (&'a str, Vec<Key>)>,
    ) -> Result<Keymap, KeymapError> {
        let mut map = Keymap::default();
        for (name, keys) in changes {
            let i = BINDINGS
                .iter()
                .position(|b| b.name == Some(name))
                .ok_or_else(|| KeymapError::UnknownName(name.to_string()))?;
            map.keys[i] = keys;
        }
        map.check()?;
        Ok(map)
    }

    /// The keys of the binding called `name`.
    pub fn keys_of(&self, name: &str) -> Option<&[Key]> {
        let i = BINDINGS.iter().position(|b| b.name == Some(name))?;
        Some(&self.keys[i])
    }

    /// Every key has one meaning in every context. The one shadowing allowed is the shipped
    /// one: in the full-screen detail, its own keys win over the browsing keys (`q` goes back).
    fn check(&self) -> Result<(), KeymapError> {
        for (i, keys) in self.keys.iter().enumerate() {
            for (n, key) in keys.iter().enumerate() {
                if keys[..n].contains(key) {
                    let name = BINDINGS[i].name.unwrap_or("?");
                    return Err(KeymapError::Repeated { key: *key, name });
                }
            }
        }
        for ctx in CONTEXTS {
            let scopes = ctx.scopes();
            let live: Vec<usize> = (0..BINDINGS.len())
                .filter(|&i| scopes.contains(&BINDINGS[i].scope))
                .collect();
            for (n, &a) in live.iter().enumerate() {
                for &b in &live[n + 1..] {
                    let (sa, sb) = (BINDINGS[a].scope, BINDINGS[b].scope);
                    if sa == Reading && sb == Browse || sb == Reading && sa == Browse {
                        continue;
                    }
                    if let Some(e) = self.clash(a, b) {
                        return Err(e);
                    }
                }
            }
        }
        Ok(())
    }

    /// Whether bindings `a` and `b` share a key.
    fn clash(&self, a: usize, b: usize) -> Option<KeymapError> {
        let name = |i: usize| BINDINGS[i].name.unwrap_or("?");
        for &ka in &self.keys[a] {
            for &kb in &self.keys[b] {
                let typed = |text: Key, other: Key| {
                    text == Text && matches!(other, Char(c) if !c.is_control())
                        || text == Key::Digit && matches!(other, Char('1'..='9'))
                };
                if typed(ka, kb) {
                    return Some(KeymapError::Typed {
                        key: kb,
                        name: name(b),
                    });
                }
                if typed(kb, ka) {
                    return Some(KeymapError::Typed {
                        key: ka,
                        name: name(a),
                    });
                }
                if ka == kb {
                    let (first, second) = (name(a), name(b));
                    return Some(KeymapError::Conflict {
                        key: ka,
                        first,
                        second,
                    });
                }
            }
        }
        None
    }

    /// The action for a terminal event, if any.
    pub fn action_for_event(&self, ctx: KeyContext, event: &Event) -> Option<Action> {
        match event {
            Event::Key(key) => self.action_for_key(ctx, key),
            Event::Mouse(mouse) => action_for_mouse(*mouse),
            Event::Paste(text) => Some(Action::Paste(text.clone())),
            Event::Resize(width, height) => Some(Action::Resize {
                width: *width,
                height: *height,
            }),
            Event::FocusGained | Event::FocusLost => None,
        }
    }

    pub fn action_for_key(&self, ctx: KeyContext, key: &KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        for &scope in ctx.scopes() {
            for (binding, keys) in self.in_scope(scope) {
                if let Some(k) = keys.iter().find(|k| k.matches(key)) {
                    return Some(match (k, key.code) {
                        (Key::Digit, KeyCode::Char(c)) => Action::Link(c as u8 - b'0'),
                        (Key::Text, KeyCode::Char(c)) => match binding.action {
                            Action::EditInput(_) => Action::EditInput(c),
                            _ => Action::FilterInput(c),
                        },
                        _ => binding.action.clone(),
                    });
                }
            }
        }
        None
    }

    fn in_scope(&self, scope: Scope) -> impl Iterator<Item = (&'static Binding, &[Key])> + '_ {
        BINDINGS
            .iter()
            .zip(&self.keys)
            .filter(move |(b, _)| b.scope == scope)
            .map(|(b, k)| (b, k.as_slice()))
    }
}

/// The action for a terminal event with the shipped keys.
pub fn action_for_event(ctx: KeyContext, event: &Event) -> Option<Action> {
    SHIPPED.action_for_event(ctx, event)
}

/// The action for a key with the shipped keys.
pub fn action_for_key(ctx: KeyContext, key: &KeyEvent) -> Option<Action> {
    SHIPPED.action_for_key(ctx, key)
}

fn action_for_mouse(mouse: MouseEvent) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Scroll {
            column,
            row,
            wheel: Wheel::Down,
        }),
        MouseEventKind::ScrollUp => Some(Action::Scroll {
            column,
            row,
            wheel: Wheel::Up,
        }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
