//! A line of the arXiv metadata snapshot read in one pass. Such lines fill every
//! multi-gigabyte file papertui opens, and serde, visiting each field through several calls
//! and copying each escaped string twice, spent half of their load. Only the snapshot's shape
//! is read here: an object of its fields, each once, holding strings or null, `versions` and
//! `authors_parsed` lists. Anything else gives None, and serde reads the line instead, with
//! its own errors, so a line means the same whichever reads it.

use std::borrow::Cow;

use super::{AuthorsIn, FirstVersion, ListIn, ParsedAuthors, Record, SCRATCH, Text, push_name};

/// Fields of the snapshot that papertui does not keep.
const IGNORED: [&str; 3] = ["submitter", "report-no", "license"];

/// The record of `json`, one line of the snapshot's shape; None for any other line.
pub(super) fn record(json: &str) -> Option<Record<'_>> {
    // serde refuses a control character inside a string; a tab or a carriage return between
    // tokens is allowed, but no snapshot line holds one, so both are left to serde.
    if has_control(json.as_bytes()) {
        return None;
    }
    let mut at = Cursor { s: json, i: 0 };
    let mut r = Record::default();
    let mut seen = 0u16;
    at.expect(b'{')?;
    if !at.next_is(b'}') {
        loop {
            let key = at.key()?;
            at.expect(b':')?;
            let Some(field) = Field::of(key) else {
                if !IGNORED.contains(&key) {
                    return None;
                }
                at.nullable(Cursor::string)?;
                if at.more()? {
                    continue;
                }
                break;
            };
            // serde refuses a field given twice.
            if seen & (1 << field as u16) != 0 {
                return None;
            }
            seen |= 1 << field as u16;
            match field {
                Field::Id => r.id = at.nullable(Cursor::string)?,
                Field::Title => r.title = at.nullable(Cursor::text)?,
                Field::Abstract => r.abstract_text = at.nullable(Cursor::text)?,
                Field::Authors => r.authors = at.nullable(Cursor::string)?.map(AuthorsIn::Joined),
                Field::Categories => r.categories = at.nullable(Cursor::string)?.map(ListIn::of),
                Field::Comments => r.comments = at.nullable(Cursor::string)?,
                Field::JournalRef => r.journal_ref = at.nullable(Cursor::string)?,
                Field::Doi => r.doi = at.nullable(Cursor::string)?,
                Field::UpdateDate => r.update_date = at.nullable(Cursor::string)?,
                Field::Versions => r.versions = at.nullable(Cursor::versions)?,
                Field::AuthorsParsed => r.authors_parsed = at.nullable(Cursor::names)?,
            }
            if !at.more()? {
                break;
            }
        }
    }
    at.byte().is_none().then_some(r)
}

/// The fields read here; serde's record reads them too, so each may come once.
#[derive(Clone, Copy)]
enum Field {
    Id,
    Title,
    Abstract,
    Authors,
    Categories,
    Comments,
    JournalRef,
    Doi,
    UpdateDate,
    Versions,
    AuthorsParsed,
}

impl Field {
    fn of(key: &str) -> Option<Field> {
        Some(match key {
            "id" => Field::Id,
            "title" => Field::Title,
            "abstract" => Field::Abstract,
            "authors" => Field::Authors,
            "categories" => Field::Categories,
            "comments" => Field::Comments,
            "journal-ref" => Field::JournalRef,
            "doi" => Field::Doi,
            "update_date" => Field::UpdateDate,
            "versions" => Field::Versions,
            "authors_parsed" => Field::AuthorsParsed,
            _ => return None,
        })
    }
}

/// True if `b` holds a byte below a space: checked 32 bytes at a time, without branches
/// inside a step, so the compiler can use vector instructions.
fn has_control(b: &[u8]) -> bool {
    let mut chunks = b.chunks_exact(32);
    for chunk in chunks.by_ref() {
        if chunk.iter().fold(0u8, |any, &c| any | u8::from(c < 0x20)) != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&c| c < 0x20)
}

struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

type Read<'a, T> = fn(&mut Cursor<'a>) -> Option<T>;

impl<'a> Cursor<'a> {
    /// The next byte that is not a space, consumed. JSON's other whitespace (tab, line
    /// breaks) never gets here: [`record`] leaves lines holding any to serde.
    fn byte(&mut self) -> Option<u8> {
        let b = self.s.as_bytes();
        while let Some(&c) = b.get(self.i) {
            self.i += 1;
            if c != b' ' {
                return Some(c);
            }
        }
        None
    }

    fn expect(&mut self, want: u8) -> Option<()> {
        (self.byte()? == want).then_some(())
    }

    /// Consumes `want` if it comes next (after whitespace).
    fn next_is(&mut self, want: u8) -> bool {
        let at = self.i;
        if self.byte() == Some(want) {
            return true;
        }
        self.i = at;
        false
    }

    /// After an object's member: true if another follows (`,`), false at its end (`}`).
    fn more(&mut self) -> Option<bool> {
        match self.byte()? {
            b',' => Some(true),
            b'}' => Some(false),
            _ => None,
        }
    }

    /// `null` (Some(None)), or what `read` reads; None, as everywhere here, declines the line.
    #[allow(clippy::option_option)]
    fn nullable<T>(&mut self, read: Read<'a, T>) -> Option<Option<T>> {
        if self.next_is(b'n') {
            return (self.s.as_bytes().get(self.i..self.i + 3)? == b"ull").then(|| {
                self.i += 3;
                None
            });
        }
        read(self).map(Some)
    }

    /// A key: a string without escapes (serde unescapes keys; such a line is left to it).
    fn key(&mut self) -> Option<&'a str> {
        match self.string()? {
            Cow::Borrowed(key) => Some(key),
            Cow::Owned(_) => None,
        }
    }

    /// A string's start up to its first escape, and whether that was all of it (its closing
    /// quote consumed); otherwise the escape comes next.
    fn plain_run(&mut self) -> Option<(&'a str, bool)> {
        self.expect(b'"')?;
        let rest = &self.s.as_bytes()[self.i..];
        let end = memchr::memchr2(b'"', b'\\', rest)?;
        let run = &self.s[self.i..self.i + end];
        let whole = rest[end] == b'"';
        self.i += end + usize::from(whole);
        Some((run, whole))
    }

    /// A string, borrowed unless it has escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let (run, whole) = self.plain_run()?;
        if whole {
            return Some(Cow::Borrowed(run));
        }
        let mut owned = String::with_capacity(run.len() + 16);
        owned.push_str(run);
        self.unescape_into(&mut owned)?;
        Some(Cow::Owned(owned))
    }

    /// A title or an abstract: borrowed, or unescaped into [`SCRATCH`].
    fn text(&mut self) -> Option<Text<'a>> {
        let (run, whole) = self.plain_run()?;
        if whole {
            return Some(Text::Borrowed(run));
        }
        SCRATCH.with_borrow_mut(|scratch| {
            let from = scratch.len();
            scratch.push_str(run);
            self.unescape_into(scratch)?;
            Some(Text::Scratch(from, scratch.len()))
        })
    }

    /// Appends the rest of a string whose first escape is next, and consumes its quote.
    fn unescape_into(&mut self, out: &mut String) -> Option<()> {
        loop {
            let rest = &self.s.as_bytes()[self.i..];
            match *rest.first()? {
                b'"' => {
                    self.i += 1;
                    return Some(());
                }
                b'\\' => {
                    let (c, len) = escape(&rest[1..])?;
                    out.push(c);
                    self.i += 1 + len;
                }
                _ => {
                    let end = memchr::memchr2(b'"', b'\\', rest)?;
                    out.push_str(&self.s[self.i..self.i + end]);
                    self.i += end;
                }
            }
        }
    }

    /// `versions`: only the first version's `created` is kept.
    fn versions(&mut self) -> Option<FirstVersion<'a>> {
        self.expect(b'[')?;
        let mut first = None;
        if self.next_is(b']') {
            return Some(FirstVersion(first));
        }
        let mut n = 0;
        loop {
            self.expect(b'{')?;
            let mut created = false;
            if !self.next_is(b'}') {
                loop {
                    let key = self.key()?;
                    self.expect(b':')?;
                    let value = self.nullable(Cursor::string)?;
                    match key {
                        // serde reads the first version alone, and refuses a second date.
                        "created" if n == 0 => {
                            if std::mem::replace(&mut created, true) {
                                return None;
                            }
                            first = value;
                        }
                        "version" | "created" => {}
                        _ => return None,
                    }
                    if self.next_is(b'}') {
                        break;
                    }
                    self.expect(b',')?;
                }
            }
            if self.next_is(b']') {
                return Some(FirstVersion(first));
            }
            self.expect(b',')?;
            n += 1;
        }
    }

    /// `authors_parsed`: `[[last, first, suffix, affiliation...], ...]`, strings only.
    fn names(&mut self) -> Option<ParsedAuthors> {
        self.expect(b'[')?;
        let mut out = String::new();
        if self.next_is(b']') {
            return Some(ParsedAuthors(out));
        }
        loop {
            self.expect(b'[')?;
            let mut parts: [Cow<'_, str>; 3] = Default::default();
            if !self.next_is(b']') {
                for n in 0.. {
                    let part = self.string()?;
                    if let Some(slot) = parts.get_mut(n) {
                        *slot = part;
                    }
                    if self.next_is(b']') {
                        break;
                    }
                    self.expect(b',')?;
                }
            }
            let [last, first, suffix] = &parts;
            push_name(&mut out, [first, last, suffix].map(|p| &**p));
            if self.next_is(b']') {
                return Some(ParsedAuthors(out));
            }
            self.expect(b',')?;
        }
    }
}

/// The character of the escape whose letter starts `b` (after its backslash), and how many
/// bytes it takes; None for a lone surrogate, which serde reports.
fn escape(b: &[u8]) -> Option<(char, usize)> {
    let c = match *b.first()? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let high = hex4(b.get(1..5)?)?;
            if !(0xD800..0xE000).contains(&high) {
                return Some((char::from_u32(high)?, 5));
            }
            // A surrogate pair: `\uD83D\uDE00`.
            if high >= 0xDC00 || b.get(5..7)? != b"\\u" {
                return None;
            }
            let low = hex4(b.get(7..11)?)?;
            if !(0xDC00..0xE000).contains(&low) {
                return None;
            }
            let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            return Some((char::from_u32(c)?, 11));
        }
        _ => return None,
    };
    Some((c, 1))
}

fn hex4(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0, |n, &c| {
        let digit = char::from(c).to_digit(16)?;
        Some(n << 4 | digit)
    })
}

#[cfg(test)]
mod tests;
