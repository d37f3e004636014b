//! Terminal events to actions. One table of bindings gives the mapping, the help overlay and
//! the footer hints, so they always agree. Pure: no state, no terminal.

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
    pub keys: &'static [Key],
    pub scope: Scope,
    pub action: Action,
    /// What the help overlay says.
    pub help: &'static str,
    /// The footer's word for it, for the most useful keys.
    pub hint: Option<&'static str>,
}

const fn bind(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        scope,
        action,
        help,
        hint,
    }
}

use Key::{Char, Code, Ctrl, Text};
use Scope::{Anywhere, Browse, Detail, Filter, Help, List, Reading};

/// Every key of the reader. Earlier bindings win within a scope.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(List, &[Code(KeyCode::Enter)], Action::OpenDetail, "read the paper", Some("read")),
    bind(List, &[Code(KeyCode::Esc)], Action::ClearFilter, "clear the filter", None),
    bind(Browse, &[Char('j'), Code(KeyCode::Down)], Action::SelectNext, "next paper (detail: scroll)", None),
    bind(Browse, &[Char('k'), Code(KeyCode::Up)], Action::SelectPrev, "previous paper (detail: scroll)", None),
    bind(Browse, &[Char('g'), Code(KeyCode::Home)], Action::SelectFirst, "first paper (detail: top)", None),
    bind(Browse, &[Char('G'), Code(KeyCode::End)], Action::SelectLast, "last paper (detail: end)", None),
    bind(Browse, &[Code(KeyCode::PageDown)], Action::PageDown, "a page down", None),
    bind(Browse, &[Code(KeyCode::PageUp)], Action::PageUp, "a page up", None),
    bind(Browse, &[Ctrl('d')], Action::HalfPageDown, "half a page down", None),
    bind(Browse, &[Ctrl('u')], Action::HalfPageUp, "half a page up", None),
    bind(Browse, &[Code(KeyCode::Tab)], Action::ToggleFocus, "switch between list and detail", None),
    bind(Browse, &[Char('/')], Action::StartFilter, "filter the list", Some("filter")),
    bind(Browse, &[Char('b'), Char(' ')], Action::ToggleBookmark, "bookmark the paper (or unmark it)", Some("mark")),
    bind(Browse, &[Char('B')], Action::ToggleBookmarkedOnly, "show bookmarked papers only (or all)", Some("marked")),
    bind(Browse, &[Char('o')], Action::OpenLink, "open the paper's link in the browser", Some("open")),
    bind(Browse, &[Char('?')], Action::ToggleHelp, "this help", Some("help")),
    bind(Browse, &[Char('q')], Action::Quit, "quit", Some("quit")),
    bind(Anywhere, &[Ctrl('c')], Action::Quit, "quit, from anywhere", None),
    bind(Reading, &[Char('q')], Action::CloseDetail, "back to the list (full screen)", None),
    bind(Detail, &[Code(KeyCode::Enter), Code(KeyCode::Esc)], Action::CloseDetail, "back to the list", Some("back")),
    bind(Filter, &[Text], Action::FilterInput(' '), "type: every word must match", None),
    bind(Filter, &[Code(KeyCode::Backspace)], Action::FilterBackspace, "delete a character", None),
    bind(Filter, &[Ctrl('w')], Action::FilterDeleteWord, "delete a word", None),
    bind(Filter, &[Ctrl('u')], Action::FilterClear, "clear the query", Some("clear")),
    bind(Filter, &[Code(KeyCode::Down)], Action::SelectNext, "next paper", None),
    bind(Filter, &[Code(KeyCode::Up)], Action::SelectPrev, "previous paper", None),
    bind(Filter, &[Code(KeyCode::Enter)], Action::AcceptFilter, "keep the filter, back to the list", Some("keep")),
    bind(Filter, &[Code(KeyCode::Esc)], Action::CancelFilter, "cancel the edit", Some("cancel")),
    bind(Help, &[Code(KeyCode::Esc), Char('?'), Char('q')], Action::ToggleHelp, "close the help", Some("close")),
    bind(Help, &[Char('j'), Code(KeyCode::Down)], Action::SelectNext, "scroll down", Some("scroll")),
    bind(Help, &[Char('k'), Code(KeyCode::Up)], Action::SelectPrev, "scroll up", None),
];

/// The action for a terminal event, if any.
pub fn action_for_event(ctx: KeyContext, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => action_for_key(ctx, key),
        Event::Mouse(mouse) => action_for_mouse(mouse),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        Event::FocusGained | Event::FocusLost => None,
    }
}

pub fn action_for_key(ctx: KeyContext, key: &KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    for &scope in ctx.scopes() {
        for binding in BINDINGS.iter().filter(|b| b.scope == scope) {
            if let Some(k) = binding.keys.iter().find(|k| k.matches(key)) {
                return Some(match (k, key.code) {
                    (Key::Text, KeyCode::Char(c)) => Action::FilterInput(c),
                    _ => binding.action.clone(),
                });
            }
        }
    }
    None
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

/// The help overlay's text: every binding but the help's own, under its section's heading.
pub fn help_lines() -> Vec<HelpLine> {
    let mut lines = Vec::new();
    for section in ["Browsing", "Reading", "Filtering"] {
        lines.push(HelpLine::Heading(section));
        for b in BINDINGS.iter().filter(|b| b.scope.section() == section) {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            lines.push(HelpLine::Keys {
                keys: keys.join(" "),
                help: b.help,
            });
        }
    }
    lines
}

/// The footer's hints for a context: (first key, word), most specific scope first.
pub fn hints(ctx: KeyContext) -> Vec<(String, &'static str)> {
    ctx.scopes()
        .iter()
        .flat_map(|&scope| BINDINGS.iter().filter(move |b| b.scope == scope))
        .filter_map(|b| Some((b.keys.first()?.label(), b.hint?)))
        .collect()
}

#[cfg(test)]
mod tests;
