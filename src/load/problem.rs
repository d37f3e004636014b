//! Something wrong with an input and where it is, printed as `file:line:column: what` with no
//! character a terminal would act on.

use std::fmt;

/// Something wrong with an input, and where: a whole file, a line, or a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Problem {
    pub fn file(file: &str, message: impl Into<String>) -> Problem {
        Problem::at(file, 0, 0, message)
    }

    pub fn at(file: &str, line: usize, column: usize, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }

    /// A serde_json error, placed `line_offset` lines and `column_offset` columns into the file
    /// (for errors inside one record or one line).
    pub(super) fn json(
        file: &str,
        e: &serde_json::Error,
        base: (usize, usize),
        what: &str,
    ) -> Problem {
        let (line, column) = if e.line() <= 1 {
            (base.0, base.1 + e.column().saturating_sub(1))
        } else {
            (base.0 + e.line() - 1, e.column())
        };
        let msg = e.to_string();
        let msg = match msg.rfind(" at line ") {
            Some(i) => &msg[..i],
            None => &msg,
        };
        Problem::at(file, line, column.max(1), format!("{what}{msg}"))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (file, message) = (shown(&self.file), shown(&self.message));
        match (self.line, self.column) {
            (0, _) => write!(f, "{file}: {message}"),
            (l, 0) => write!(f, "{file}:{l}: {message}"),
            (l, c) => write!(f, "{file}:{l}:{c}: {message}"),
        }
    }
}

/// `s` with every character the sanitizer would drop written as `\u{..}`: a file name or a
/// quoted value in a message goes to a terminal too (standard error, the footer).
fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().all(crate::sanitize::is_allowed) {
        return s.into();
    }
    s.chars()
        .map(|c| {
            if crate::sanitize::is_allowed(c) {
                c.to_string()
            } else {
                c.escape_unicode().to_string()
            }
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_never_print_a_control_character() {
        let p = Problem::at("a\x1b]0;x\x07.json", 1, 2, "bad \u{202e}");
        assert_eq!(p.to_string(), "a\\u{1b}]0;x\\u{7}.json:1:2: bad \\u{202e}");
    }

    #[test]
    fn problems_print_where_they_are() {
        assert_eq!(
            Problem::at("a.json", 3, 7, "x").to_string(),
            "a.json:3:7: x"
        );
        assert_eq!(Problem::at("a.json", 3, 0, "x").to_string(), "a.json:3: x");
        assert_eq!(Problem::file("a.json", "x").to_string(), "a.json: x");
    }
}
