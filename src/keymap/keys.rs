//! A key as a binding names it: matched against terminal key events, read from and written to
//! the config file, and labelled for the help and the footer.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use Key::{Char, Code, Ctrl, Text};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A character, shifted or not (`G` is Shift-g), without Ctrl or Alt.
    Char(char),
    Ctrl(char),
    /// A named key without Ctrl or Alt.
    Code(KeyCode),
    /// Any printable character: text typed into the filter.
    Text,
    /// A digit from 1 to 9: the number of a link.
    Digit,
}

impl Key {
    pub(super) fn matches(self, key: &KeyEvent) -> bool {
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
            (Key::Digit, KeyCode::Char(k)) => plain && matches!(k, '1'..='9'),
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
            Key::Digit => "1-9".into(),
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
            Key::Digit => "1-9".into(),
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
