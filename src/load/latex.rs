//! Turns the LaTeX accents of arXiv author strings (`Bal\'azs`, `{\"o}`, `\v{S}`) into letters.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Decodes LaTeX accent commands and drops grouping braces; text without a backslash or a
/// brace comes back borrowed.
pub(super) fn decode(s: Cow<'_, str>) -> Cow<'_, str> {
    if !s.contains(['\\', '{', '}']) {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' => {}
            '\\' => {
                let Some(&cmd) = chars.peek() else {
                    out.push('\\');
                    break;
                };
                let mut ahead = chars.clone();
                ahead.next();
                // A letter command (\v, \c) ends at a brace or space: \unknown is no accent.
                let word_ends =
                    !cmd.is_ascii_alphabetic() || matches!(ahead.peek(), Some('{' | ' '));
                if let Some(mark) = accent_mark(cmd).filter(|_| word_ends) {
                    chars.next();
                    // Letter commands (\v, \c) need a space or brace before their argument.
                    while matches!(chars.peek(), Some('{' | ' ')) && cmd.is_ascii_alphabetic()
                        || chars.peek() == Some(&'{')
                    {
                        chars.next();
                    }
                    let base = match chars.next() {
                        Some('\\') if chars.peek() == Some(&'i') => {
                            chars.next();
                            'i'
                        }
                        Some(b) if b.is_alphabetic() => b,
                        other => {
                            out.push('\\');
                            out.push(cmd);
                            out.extend(other);
                            continue;
                        }
                    };
                    out.push(base);
                    out.push(mark);
                } else {
                    let word: String =
                        std::iter::from_fn(|| chars.next_if(char::is_ascii_alphabetic)).collect();
                    match letter(&word) {
                        Some(l) => {
                            out.push_str(l);
                            if chars.peek() == Some(&' ') && !word.is_empty() {
                                chars.next();
                            }
                        }
                        None if word.is_empty() => {
                            // An escaped symbol such as \& or \_ stands for itself.
                            out.extend(chars.next());
                        }
                        None => {
                            out.push('\\');
                            out.push_str(&word);
                        }
                    }
                }
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out.nfc().collect())
}

fn accent_mark(cmd: char) -> Option<char> {
    Some(match cmd {
        '\'' => '\u{301}',
        '`' => '\u{300}',
        '^' => '\u{302}',
        '"' => '\u{308}',
        '~' => '\u{303}',
        '=' => '\u{304}',
        '.' => '\u{307}',
        'u' => '\u{306}',
        'v' => '\u{30c}',
        'H' => '\u{30b}',
        'c' => '\u{327}',
        'k' => '\u{328}',
        'r' => '\u{30a}',
        'd' => '\u{323}',
        'b' => '\u{331}',
        _ => return None,
    })
}

fn letter(word: &str) -> Option<&'static str> {
    Some(match word {
        "ss" => "ß",
        "o" => "ø",
        "O" => "Ø",
        "l" => "ł",
        "L" => "Ł",
        "aa" => "å",
        "AA" => "Å",
        "ae" => "æ",
        "AE" => "Æ",
        "oe" => "œ",
        "OE" => "Œ",
        "i" => "ı",
        "j" => "ȷ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> String {
        decode(Cow::Borrowed(s)).into_owned()
    }

    #[test]
    fn accents_become_letters() {
        assert_eq!(d(r"C. Bal\'azs"), "C. Balázs");
        assert_eq!(
            d(r#"J. M\"uller and {\"O}zt{\"u}rk"#),
            "J. Müller and Öztürk"
        );
        assert_eq!(
            d(r"\v{S}koda, \c{C}elik, Fran\c cois"),
            "Škoda, Çelik, François"
        );
        assert_eq!(
            d(r"Gei\ss ler, \o stergaard, \L ukasz, P\'{\i}a"),
            "Geißler, østergaard, Łukasz, Pía"
        );
        assert_eq!(d(r"{\'E}cole"), "École");
    }

    #[test]
    fn plain_names_are_borrowed_and_odd_input_survives() {
        assert!(matches!(
            decode(Cow::Borrowed("Plain Name")),
            Cow::Borrowed(_)
        ));
        assert_eq!(d(r"A \& B"), "A & B");
        assert_eq!(d(r"tail\"), r"tail\");
        assert_eq!(d(r"\'1"), r"\'1");
        assert_eq!(d(r"\unknown x"), r"\unknown x");
    }
}
