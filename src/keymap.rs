//! Terminal events to actions. One table of bindings gives the mapping, the help overlay and
//! the footer hints, so they always agree; the config file may give any named binding other
//! keys ([`Keymap::remap`]). Pure: no state, no terminal.

use std::fmt;
use std::sync::LazyLock;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::action::{Action, Wheel};
use crate::model::{Focus, Mode};

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Browsing, whichever pane has the focus.
    Browse,
    /// Browsing with the focus on the list.
    List,
    /// Browsing with the focus on the detail.
    Detail,
    /// The detail open full screen (narrow terminals); before [`Scope::Detail`].
    Reading,
    Filter,
    Help,
    Anywhere,
}

impl Scope {
    /// The heading the help overlay lists a binding under.
    fn section(self) -> &'static str {
        match self {
            Scope::Browse | Scope::List | Scope::Anywhere => "Browsing",
            Scope::Detail | Scope::Reading => "Reading",
            Scope::Filter => "Filtering",
            Scope::Help => "Help",
        }
    }
}

/// What the keymap needs to know about the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyContext {
    pub mode: Mode,
    pub focus: Focus,
    /// The detail fills the screen (narrow terminals).
    pub reading: bool,
}

impl KeyContext {
    /// The scopes searched for a key, most specific first.
    fn scopes(self) -> &'static [Scope] {
        use Scope::*;
        match (self.mode, self.focus, self.reading) {
            (Mode::Filter, ..) => &[Filter, Anywhere],
            (Mode::Help, ..) => &[Help, Anywhere],
            (Mode::Browse, Focus::List, _) => &[List, Browse, Anywhere],
            (Mode::Browse, Focus::Detail, false) => &[Detail, Browse, Anywhere],
            (Mode::Browse, Focus::Detail, true) => &[Reading, Detail, Browse, Anywhere],
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A character, shifted or not (`G` is Shift-g), without Ctrl or Alt.
    Char(char),
    Ctrl(char),
    /// A named key without Ctrl or Alt.
    Code(KeyCode),
    /// Any printable character: text typed into the filter.
    Text,
}

impl Key {
    fn matches(self, key: &KeyEvent) -> bool {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match (self, key.code) {
            (Key::Char(c), KeyCode::Char(k)) => plain && c == k,
            (Key::Ctrl(c), KeyCode::Char(k)) => {
                key.modifiers.contains(KeyModifiers::CONTROL)
                    && !key.modifiers.contains(KeyModifiers::ALT)
                    && k.eq_ignore_ascii_case(&c)
            }
            (Key::Code(c), k) => plain && c == k,
            (Key::Text, KeyCode::Char(k)) => plain && !k.is_control(),
            _ => false,
        }
    }

    /// A key as the config file writes it: a character (`j`, `G`, `/`), a name (`down`,
    /// `enter`, `esc`, `tab`, `space`, `backspace`, `home`, `end`, `pageup`, `pagedown`,
    /// `up`, `left`, `right`, `insert`, `delete`, `f1`..`f12`), or `ctrl-` and a letter.
    /// Names are case-insensitive, characters are not.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return match c {
                ' ' => Ok(Char(' ')),
                c if c.is_control() => Err("a control character is not a key".into()),
                c => Ok(Char(c)),
            };
        }
        let lower = text.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("ctrl-") {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphanumeric() => Ok(Ctrl(c)),
                _ => Err(format!(
                    "\"{text}\" is not a key: `ctrl-` takes one letter or digit, as in \"ctrl-d\""
                )),
            };
        }
        let code = match lower.as_str() {
            "space" => return Ok(Char(' ')),
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "insert" => KeyCode::Insert,
            "delete" | "del" => KeyCode::Delete,
            f if f.starts_with('f')
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
            {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                return Err(format!(
                    "\"{text}\" is not a key; write a character (\"j\"), a name (\"down\", \
                     \"enter\", \"esc\", \"tab\", \"space\", \"pagedown\", \"f1\") or \
                     \"ctrl-\" and a letter"
                ));
            }
        };
        Ok(Code(code))
    }

    /// How the config file writes the key; [`Key::parse`] reads it back.
    pub fn config_name(self) -> String {
        match self {
            Char(' ') => "space".into(),
            Char(c) => c.to_string(),
            Ctrl(c) => format!("ctrl-{c}"),
            Text => "text".into(),
            Code(code) => match code {
                KeyCode::Enter => "enter".into(),
                KeyCode::Esc => "esc".into(),
                KeyCode::Tab => "tab".into(),
                KeyCode::BackTab => "backtab".into(),
                KeyCode::Backspace => "backspace".into(),
                KeyCode::Up => "up".into(),
                KeyCode::Down => "down".into(),
                KeyCode::Left => "left".into(),
                KeyCode::Right => "right".into(),
                KeyCode::Home => "home".into(),
                KeyCode::End => "end".into(),
                KeyCode::PageUp => "pageup".into(),
                KeyCode::PageDown => "pagedown".into(),
                KeyCode::Insert => "insert".into(),
                KeyCode::Delete => "delete".into(),
                KeyCode::F(n) => format!("f{n}"),
                other => other.to_string().to_ascii_lowercase(),
            },
        }
    }

    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::Text => "text".into(),
            Key::Code(code) => match code {
                KeyCode::Down => "Down".into(),
                KeyCode::Up => "Up".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::PageUp => "PgUp".into(),
                other => other.to_string(),
            },
        }
    }
}

pub struct Binding {
    /// The name the config file's `[keys]` table gives it; None for keys that cannot be
    /// changed (Ctrl-c quits, text types into the filter).
    pub name: Option<&'static str>,
    pub keys: &'static [Key],
    pub scope: Scope,
    pub action: Action,
    /// What the help overlay says.
    pub help: &'static str,
    /// The footer's word for it, for the most useful keys.
    pub hint: Option<&'static str>,
}

const fn bind(
    name: &'static str,
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        name: Some(name),
        keys,
        scope,
        action,
        help,
        hint,
    }
}

/// A binding the config file cannot change.
const fn fixed(scope: Scope, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        name: None,
        keys,
        scope,
        action,
        help,
        hint: None,
    }
}

use Key::{Char, Code, Ctrl, Text};
use Scope::{Anywhere, Browse, Detail, Filter, Help, List, Reading};

/// Every key of the reader, as shipped. Earlier bindings win within a scope.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind("read", List, &[Code(KeyCode::Enter)], Action::OpenDetail, "read the paper", Some("read")),
    bind("clear-filter", List, &[Code(KeyCode::Esc)], Action::ClearFilter, "clear the filter, or show all papers again", None),
    bind("next", Browse, &[Char('j'), Code(KeyCode::Down)], Action::SelectNext, "next paper (detail: scroll)", None),
    bind("previous", Browse, &[Char('k'), Code(KeyCode::Up)], Action::SelectPrev, "previous paper (detail: scroll)", None),
    bind("first", Browse, &[Char('g'), Code(KeyCode::Home)], Action::SelectFirst, "first paper (detail: top)", None),
    bind("last", Browse, &[Char('G'), Code(KeyCode::End)], Action::SelectLast, "last paper (detail: end)", None),
    bind("page-down", Browse, &[Code(KeyCode::PageDown)], Action::PageDown, "a page down", None),
    bind("page-up", Browse, &[Code(KeyCode::PageUp)], Action::PageUp, "a page up", None),
    bind("half-page-down", Browse, &[Ctrl('d')], Action::HalfPageDown, "half a page down", None),
    bind("half-page-up", Browse, &[Ctrl('u')], Action::HalfPageUp, "half a page up", None),
    bind("switch-pane", Browse, &[Code(KeyCode::Tab)], Action::ToggleFocus, "switch between list and detail", None),
    bind("filter", Browse, &[Char('/')], Action::StartFilter, "filter the list", Some("filter")),
    bind("bookmark", Browse, &[Char('b'), Char(' ')], Action::ToggleBookmark, "bookmark the paper (or unmark it)", Some("mark")),
    bind("bookmarked-only", Browse, &[Char('B')], Action::ToggleBookmarkedOnly, "show bookmarked papers only (or all)", Some("marked")),
    bind("toggle-read", Browse, &[Char('r')], Action::ToggleRead, "mark the paper read (or unread)", None),
    bind("unread-only", Browse, &[Char('u')], Action::ToggleUnreadOnly, "show unread papers only (or all)", Some("unread")),
    bind("mark-all-read", Browse, &[Char('R')], Action::MarkAllRead, "mark every paper shown as read (twice)", None),
    bind("sort", Browse, &[Char('s')], Action::CycleSort, "sort: list order, upvotes, date, title", Some("sort")),
    bind("copy-link", Browse, &[Char('y')], Action::CopyLink, "copy the paper's link", Some("copy")),
    bind("copy-bibtex", Browse, &[Char('Y')], Action::CopyBibtex, "copy the paper's BibTeX entry", None),
    bind("open", Browse, &[Char('o')], Action::OpenLink, "open the paper's link in the browser", Some("open")),
    bind("help", Browse, &[Char('?')], Action::ToggleHelp, "this help", Some("help")),
    bind("quit", Browse, &[Char('q')], Action::Quit, "quit", Some("quit")),
    fixed(Anywhere, &[Ctrl('c')], Action::Quit, "quit, from anywhere"),
    bind("leave-full-screen", Reading, &[Char('q')], Action::CloseDetail, "back to the list (full screen)", None),
    bind("back", Detail, &[Code(KeyCode::Enter), Code(KeyCode::Esc)], Action::CloseDetail, "back to the list", Some("back")),
    fixed(Filter, &[Text], Action::FilterInput(' '), "type: every word must match"),
    bind("filter-delete-char", Filter, &[Code(KeyCode::Backspace)], Action::FilterBackspace, "delete a character", None),
    bind("filter-delete-word", Filter, &[Ctrl('w')], Action::FilterDeleteWord, "delete a word", None),
    bind("filter-clear", Filter, &[Ctrl('u')], Action::FilterClear, "clear the query", Some("clear")),
    bind("filter-next", Filter, &[Code(KeyCode::Down)], Action::SelectNext, "next paper", None),
    bind("filter-previous", Filter, &[Code(KeyCode::Up)], Action::SelectPrev, "previous paper", None),
    bind("filter-keep", Filter, &[Code(KeyCode::Enter)], Action::AcceptFilter, "keep the filter, back to the list", Some("keep")),
    bind("filter-cancel", Filter, &[Code(KeyCode::Esc)], Action::CancelFilter, "cancel the edit", Some("cancel")),
    bind("help-close", Help, &[Code(KeyCode::Esc), Char('?'), Char('q')], Action::ToggleHelp, "close the help", Some("close")),
    bind("help-down", Help, &[Char('j'), Code(KeyCode::Down)], Action::SelectNext, "scroll down", Some("scroll")),
    bind("help-up", Help, &[Char('k'), Code(KeyCode::Up)], Action::SelectPrev, "scroll up", None),
];

/// Every context the reader can be in, for checking a keymap.
const CONTEXTS: [KeyContext; 5] = [
    KeyContext {
        mode: Mode::Browse,
        focus: Focus::List,
        reading: false,
    },
    KeyContext {
        mode: Mode::Browse,
        focus: Focus::Detail,
        reading: false,
    },
    KeyContext {
        mode: Mode::Browse,
        focus: Focus::Detail,
        reading: true,
    },
    KeyContext {
        mode: Mode::Filter,
        focus: Focus::List,
        reading: false,
    },
    KeyContext {
        mode: Mode::Help,
        focus: Focus::List,
        reading: false,
    },
];

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
            KeymapError::Typed { key, name } => write!(
                f,
                "the key \"{}\" cannot be bound to `{name}`: it types into the filter",
                key.config_name()
            ),
        }
    }
}

impl std::error::Error for KeymapError {}

/// The names the config file may bind, in table order.
pub fn names() -> impl Iterator<Item = &'static str> {
    BINDINGS.iter().filter_map(|b| b.name)
}

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
            Event::Mouse(mouse) => action_for_mouse(mouse),
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
                        (Key::Text, KeyCode::Char(c)) => Action::FilterInput(c),
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

    /// The help overlay's text: every bound binding but the help's own, under its section's
    /// heading.
    pub fn help_lines(&self) -> Vec<HelpLine> {
        let mut lines = Vec::new();
        for section in ["Browsing", "Reading", "Filtering"] {
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
        lines
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
        for section in ["Browsing", "Reading", "Filtering", "Help"] {
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

/// The action for a terminal event with the shipped keys.
pub fn action_for_event(ctx: KeyContext, event: &Event) -> Option<Action> {
    SHIPPED.action_for_event(ctx, event)
}

/// The action for a key with the shipped keys.
pub fn action_for_key(ctx: KeyContext, key: &KeyEvent) -> Option<Action> {
    SHIPPED.action_for_key(ctx, key)
}

fn action_for_mouse(mouse: &MouseEvent) -> Option<Action> {
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

#[cfg(test)]
mod tests;
