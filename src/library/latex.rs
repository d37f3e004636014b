//! LaTeX in titles, abstracts and author names shown as text a reader reads:
//! `$\Lambda_{\alpha}$` is `Λ_α`, `$SL_2(\mathbb{Z})$` is `SL₂(ℤ)`, `Schr\"odinger` is
//! `Schrödinger`. A formula holding anything not understood stays exactly as written, dollars
//! included; in text, an unknown command stays as written and the rest is converted.

mod symbols;

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::char::{compose, is_combining_mark};

use symbols::{Class, Command, Font};

/// `s` with its LaTeX converted; borrowed when it holds none (no `$` and no `\`, or nothing
/// understood).
pub fn to_unicode(s: &str) -> Cow<'_, str> {
    convert(s, false)
}

/// An author string with its LaTeX converted (`Bal\'azs`, `{\"O}zt{\"u}rk`) and the braces that
/// group letters (`{M}artin`) dropped.
pub fn names(s: &str) -> Cow<'_, str> {
    convert(s, true)
}

/// True if `s` may hold LaTeX: what [`to_unicode`] looks for before doing anything.
pub fn may_hold_latex(s: &str) -> bool {
    memchr::memchr2(b'$', b'\\', s.as_bytes()).is_some()
}

/// Appends `s` converted to `out`: [`to_unicode`] into a buffer the caller reuses. Returns
/// how many formulas it held and how many were converted.
pub fn write_unicode(s: &str, out: &mut String) -> Formulas {
    write(s, out, false)
}

/// The symbols the converter writes for a name a reader may type, so that the filter finds
/// them too: `lambda` gives `λ` and `Λ`, `Lambda` only `Λ` (smart case), `infty` (or
/// `infinity`) `∞`. Empty for any other word.
pub fn symbols_named(word: &str) -> Vec<&'static str> {
    let b = word.as_bytes();
    let lower = !b.is_empty() && b.iter().all(u8::is_ascii_lowercase);
    let capital =
        b.first().is_some_and(u8::is_ascii_uppercase) && b[1..].iter().all(u8::is_ascii_lowercase);
    if !(lower || capital) {
        return Vec::new();
    }
    let mut key = word.to_ascii_lowercase();
    if key == "infinity" {
        key = "infty".into();
    }
    if !symbols::SEARCHED.contains(&key.as_str()) {
        return Vec::new();
    }
    let mut upper = key.clone();
    upper[..1].make_ascii_uppercase();
    let names = if lower {
        vec![
            format!("var{key}"),
            upper.clone(),
            format!("var{upper}"),
            key,
        ]
    } else {
        vec![upper.clone(), format!("var{upper}")]
    };
    let mut out: Vec<&'static str> = Vec::new();
    for name in &names {
        if let Some(sym) = symbols::symbol(name)
            && !out.contains(&sym)
        {
            out.push(sym);
        }
    }
    out.sort_unstable();
    out
}

/// The LaTeX for a symbol the converter writes, for text that LaTeX reads again (BibTeX):
/// `Λ` is `$\Lambda$`, `ℤ` `$\mathbb{Z}$`, `₂` `$_{2}$`. None for any other character: ASCII,
/// and what LaTeX's text mode reads as written (accented letters, dashes, `…`).
pub fn latex_of(c: char) -> Option<String> {
    if c.is_ascii() {
        return None;
    }
    if let Some(name) = command_of(c) {
        return Some(format!("${name}$"));
    }
    let alphabets = [
        (Font::Double, "mathbb"),
        (Font::Script, "mathcal"),
        (Font::Fraktur, "mathfrak"),
    ];
    for (font, command) in alphabets {
        let mut letters = ('A'..='Z').chain('a'..='z').chain('0'..='9');
        if let Some(x) = letters.find(|&x| font.letter(x) == Some(c)) {
            return Some(format!("$\\{command}{{{x}}}$"));
        }
    }
    type Script = fn(char) -> Option<char>;
    let scripts: [(Script, char); 2] = [(symbols::superscript, '^'), (symbols::subscript, '_')];
    for (script, mark) in scripts {
        let bases = ('0'..='9')
            .chain("+-=()".chars())
            .chain('a'..='z')
            .chain('A'..='Z');
        let mut bases = bases.chain("βγδθφχρ".chars());
        if let Some(x) = bases.find(|&x| script(x) == Some(c)) {
            let x = command_of(x).unwrap_or_else(|| x.to_string());
            return Some(format!("${mark}{{{x}}}$"));
        }
    }
    None
}

/// `\name` of a symbol of the tables.
fn command_of(c: char) -> Option<String> {
    symbols::command_of(c).map(|name| format!("\\{name}"))
}

fn convert(s: &str, names: bool) -> Cow<'_, str> {
    let special = if names {
        s.bytes().any(|b| matches!(b, b'$' | b'\\' | b'{' | b'}'))
    } else {
        may_hold_latex(s)
    };
    if !special {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    write(s, &mut out, names);
    if out == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(out)
    }
}

/// How many formulas a text held, and how many of them were converted (the others are left
/// as written).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Formulas {
    pub met: usize,
    pub converted: usize,
}

fn write(s: &str, out: &mut String, names: bool) -> Formulas {
    let mut text = Text::new(s, out, names);
    text.run();
    text.formulas
}

/// How far past a command in text its arguments are looked for: an argument never closed
/// costs no more than this.
const TEXT_COMMAND_REACH: usize = 256;
/// How far a `$$`, `\(` or `\[` formula is looked for its end.
const DISPLAY_REACH: usize = 4096;
/// Braces and arguments nested deeper make a formula stay as written.
const MAX_DEPTH: u8 = 24;

/// Text outside formulas: accents, `\emph{}` and its kin unwrapped, escapes unescaped, symbol
/// commands converted; formulas are handed to [`Math`].
struct Text<'s, 'o> {
    s: &'s str,
    i: usize,
    out: &'o mut String,
    /// Author names: every brace is dropped.
    names: bool,
    groups: Groups,
    formulas: Formulas,
}

impl<'s, 'o> Text<'s, 'o> {
    fn new(s: &'s str, out: &'o mut String, names: bool) -> Self {
        Text {
            s,
            i: 0,
            out,
            names,
            groups: Groups::default(),
            formulas: Formulas::default(),
        }
    }

    fn run(&mut self) {
        let b = self.s.as_bytes();
        // An odd number of `$` means one was left out: the first pair that reads as the end of
        // one formula and the start of the next encloses text, and is not taken for a formula.
        let mut realign = dollars(b) % 2 == 1;
        while self.i < b.len() {
            // A `}` only matters inside a group (or in names, where every brace goes).
            let rest = &b[self.i..];
            let special = if self.groups.depth == 0 && !self.names {
                memchr::memchr3(b'$', b'\\', b'{', rest)
            } else {
                rest.iter()
                    .position(|&c| matches!(c, b'$' | b'\\' | b'{' | b'}'))
            };
            let next = special.map_or(b.len(), |k| self.i + k);
            self.out.push_str(&self.s[self.i..next]);
            self.i = next;
            match b.get(next) {
                None => break,
                Some(b'$') => self.dollar(&mut realign),
                Some(b'\\') => self.command(),
                Some(b'{') => {
                    // A group that starts with a command (`{\em word}`, `{\"o}`) only groups.
                    let drop = self.names || b.get(next + 1) == Some(&b'\\');
                    self.groups.open(drop);
                    if !drop {
                        self.out.push('{');
                    }
                    self.i += 1;
                }
                Some(_) => {
                    let dropped = self.groups.close();
                    if !(dropped == Some(true) || self.names) {
                        self.out.push('}');
                    }
                    self.i += 1;
                }
            }
        }
    }

    fn dollar(&mut self, realign: &mut bool) {
        let b = self.s.as_bytes();
        let at = self.i;
        if b.get(at + 1) == Some(&b'$') {
            if let Some(end) = find_unescaped(b, at + 2, b"$$", DISPLAY_REACH) {
                self.formula(at, at + 2..end, end + 2);
            } else {
                self.out.push_str("$$");
                self.i += 2;
            }
            return;
        }
        match find_unescaped(b, at + 1, b"$", usize::MAX) {
            // `from $5 to $10`: prices, not a formula.
            Some(end) if b.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                self.out.push('$');
                self.i += 1;
            }
            Some(end) if *realign && misaligned(b, at, end) => {
                *realign = false;
                self.out.push('$');
                self.i += 1;
            }
            Some(end) => self.formula(at, at + 1..end, end + 1),
            None => {
                self.out.push('$');
                self.i += 1;
            }
        }
    }

    /// The formula `s[body]`, written `s[start..end]` with its delimiters: converted whole or
    /// left as written.
    fn formula(&mut self, start: usize, body: Range<usize>, end: usize) {
        self.formulas.met += 1;
        let mark = self.out.len();
        let text = &self.s[body];
        if !text.trim().is_empty() && Math::new(text, self.out, true).run().is_ok() {
            self.formulas.converted += 1;
        } else {
            self.out.truncate(mark);
            self.out.push_str(&self.s[start..end]);
        }
        self.i = end;
    }

    /// A command in text, at its backslash.
    fn command(&mut self) {
        let b = self.s.as_bytes();
        let at = self.i;
        let rest = &self.s[at + 1..];
        let Some(c) = rest.chars().next() else {
            self.out.push('\\');
            self.i += 1;
            return;
        };
        if let '(' | '[' = c {
            let close: &[u8] = if c == '(' { b"\\)" } else { b"\\]" };
            if let Some(end) = find_unescaped(b, at + 2, close, DISPLAY_REACH) {
                self.formula(at, at + 2..end, end + 2);
            } else {
                self.out.push('\\');
                self.out.push(c);
                self.i += 2;
            }
            return;
        }
        let name_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let name = &rest[..name_len];
        let after = at + 1 + name_len;
        if name_len > 0 {
            if let Some(letter) = symbols::letter(name) {
                // `Gei\ss ler`: the space ends the command and is no space of the word.
                self.out.push_str(letter);
                self.i = after + usize::from(b.get(after) == Some(&b' '));
                return;
            }
            if is_text_wrapper(name) || is_text_declaration(name) {
                let brace = after + spaces(&b[after..]);
                if b.get(brace) == Some(&b'{') {
                    self.groups.open(true);
                    self.i = brace + 1;
                    return;
                }
            }
            if is_text_declaration(name) {
                self.i = after + spaces(&b[after..]);
                return;
            }
        }
        let mark = self.out.len();
        let reach = self
            .s
            .floor_char_boundary((at + TEXT_COMMAND_REACH).min(self.s.len()));
        let mut math = Math::new(&self.s[at..reach], self.out, false);
        if math.command().is_ok() {
            self.i = at + math.i;
        } else {
            self.out.truncate(mark);
            let end = if name_len > 0 {
                after
            } else {
                at + 1 + c.len_utf8()
            };
            self.out.push_str(&self.s[at..end]);
            self.i = end;
        }
    }
}

/// Commands of text whose argument is shown as it is: `\emph{word}` is "word".
fn is_text_wrapper(name: &str) -> bool {
    matches!(
        name,
        "emph"
            | "textit"
            | "textbf"
            | "texttt"
            | "textrm"
            | "textsf"
            | "textsc"
            | "textsl"
            | "textup"
            | "textnormal"
            | "text"
            | "underline"
            | "uline"
            | "mbox"
            | "hbox"
    )
}

/// Font switches of text, which change nothing a terminal shows: `{\em word}` is "word".
fn is_text_declaration(name: &str) -> bool {
    matches!(
        name,
        "em" | "it"
            | "bf"
            | "rm"
            | "sl"
            | "sc"
            | "tt"
            | "sf"
            | "normalfont"
            | "itshape"
            | "bfseries"
            | "upshape"
            | "scshape"
            | "rmfamily"
            | "sffamily"
            | "ttfamily"
    )
}

/// Which open braces of text are dropped with their closing one, as bits (deeper groups are
/// kept).
#[derive(Default)]
struct Groups {
    dropped: u64,
    depth: u32,
}

impl Groups {
    fn open(&mut self, drop: bool) {
        if self.depth < 64 {
            let bit = 1u64 << self.depth;
            if drop {
                self.dropped |= bit;
            } else {
                self.dropped &= !bit;
            }
        }
        self.depth = self.depth.saturating_add(1);
    }

    /// Whether the group a `}` closes was dropped; None for a `}` that closes nothing.
    fn close(&mut self) -> Option<bool> {
        if self.depth == 0 {
            return None;
        }
        self.depth -= 1;
        Some(self.depth < 64 && self.dropped & (1u64 << self.depth) != 0)
    }
}

/// The number of `$` delimiters in `b` (a `$$` is another kind, `\$` is no delimiter).
fn dollars(b: &[u8]) -> usize {
    let (mut n, mut i) = (0, 0);
    while let Some(k) = memchr::memchr2(b'$', b'\\', &b[i..]) {
        i += k;
        if b[i] == b'\\' || b.get(i + 1) == Some(&b'$') {
            i += 2;
        } else {
            n += 1;
            i += 1;
        }
        if i >= b.len() {
            break;
        }
    }
    n
}

/// Where `pat` next occurs in `b` from `from` on, not escaped by a backslash, looking at most
/// `reach` bytes ahead.
fn find_unescaped(b: &[u8], from: usize, pat: &[u8], reach: usize) -> Option<usize> {
    let end = from.saturating_add(reach).min(b.len());
    let mut i = from;
    while i < end {
        let k = memchr::memchr2(b'\\', pat[0], &b[i..end])?;
        i += k;
        if b[i] == b'\\' && pat[0] != b'\\' {
            i += 2;
        } else if b[i..].starts_with(pat) {
            return Some(i);
        } else {
            i += 1 + usize::from(b[i] == b'\\');
        }
    }
    None
}

/// True if the `$` at `open` and the one at `close` read as the end of a formula and the start
/// of the next: `...^2)$ in deeply inelastic ... at order $\mathcal{O}...`.
fn misaligned(b: &[u8], open: usize, close: usize) -> bool {
    open > 0
        && !b[open - 1].is_ascii_whitespace()
        && b.get(open + 1).is_some_and(u8::is_ascii_whitespace)
        && b[close - 1].is_ascii_whitespace()
        && b.get(close + 1).is_none_or(|c| !c.is_ascii_whitespace())
}

fn spaces(b: &[u8]) -> usize {
    b.iter().take_while(|c| c.is_ascii_whitespace()).count()
}

/// Something in a formula that has no conversion: the formula stays as written.
#[derive(Debug)]
struct Unknown;

type Step = Result<(), Unknown>;

/// A formula (or one command of text), written into `out` as it is read.
struct Math<'s, 'o> {
    s: &'s str,
    i: usize,
    out: &'o mut String,
    /// Where the formula starts in `out`.
    floor: usize,
    depth: u8,
    /// A formula, spaced as TeX spaces it; false for a command met in text, where the spaces
    /// around it are the text's.
    formula: bool,
}

impl<'s, 'o> Math<'s, 'o> {
    fn new(s: &'s str, out: &'o mut String, formula: bool) -> Self {
        let floor = out.len();
        Math {
            s,
            i: 0,
            out,
            floor,
            depth: 0,
            formula,
        }
    }

    fn run(&mut self) -> Step {
        self.seq(false)
    }

    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    fn skip_spaces(&mut self) {
        self.i += spaces(&self.s.as_bytes()[self.i..]);
    }

    fn push(&mut self, c: char) -> Step {
        self.out.push(c);
        Ok(())
    }

    /// Atoms up to the end, or up to the `}` that closes a `group`.
    fn seq(&mut self, group: bool) -> Step {
        loop {
            // Characters that stand for themselves are copied a run at a time.
            let rest = &self.s.as_bytes()[self.i..];
            let plain = rest.iter().take_while(|&&b| !is_math_special(b)).count();
            if plain > 0 {
                self.out.push_str(&self.s[self.i..self.i + plain]);
                self.i += plain;
            }
            match self.peek() {
                None if group => return Err(Unknown),
                None => return Ok(()),
                Some(b'}') if group => {
                    self.i += 1;
                    return Ok(());
                }
                Some(_) => self.atom()?,
            }
        }
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self) -> Step) -> Step {
        if self.depth >= MAX_DEPTH {
            return Err(Unknown);
        }
        self.depth += 1;
        let step = f(self);
        self.depth -= 1;
        step
    }

    fn atom(&mut self) -> Step {
        match self.peek().ok_or(Unknown)? {
            b'{' => {
                self.i += 1;
                self.nested(|m| m.seq(true))
            }
            b'^' => self.script(true),
            b'_' => self.script(false),
            b'\\' => self.command(),
            b'~' => {
                self.i += 1;
                self.push(' ')
            }
            b'}' | b'&' | b'#' | b'%' | b'$' => Err(Unknown),
            _ => self.char(),
        }
    }

    fn char(&mut self) -> Step {
        let c = self.s[self.i..].chars().next().ok_or(Unknown)?;
        self.i += c.len_utf8();
        self.push(c)
    }

    /// One argument: a group, a command with its own arguments, or a character.
    fn arg(&mut self) -> Step {
        self.skip_spaces();
        self.nested(|m| match m.peek().ok_or(Unknown)? {
            b'{' => {
                m.i += 1;
                m.seq(true)
            }
            b'\\' => m.command(),
            b'}' | b'^' | b'_' | b'&' | b'#' | b'%' | b'$' => Err(Unknown),
            _ => m.char(),
        })
    }

    /// [`Math::arg`], written at `out[at..]` without the spaces around it.
    fn arg_at(&mut self) -> Result<usize, Unknown> {
        let at = self.out.len();
        self.arg()?;
        trim_from(self.out, at);
        Ok(at)
    }

    /// A command at its backslash, with its arguments.
    fn command(&mut self) -> Step {
        let rest = &self.s[self.i + 1..];
        let c = rest.chars().next().ok_or(Unknown)?;
        if !c.is_ascii_alphabetic() {
            self.i += 1 + c.len_utf8();
            if let Some(Command::Accent(mark)) = symbols::command(c.encode_utf8(&mut [0; 4])) {
                return self.accent(mark);
            }
            return match c {
                ',' | ';' | ':' | '>' | ' ' | '\n' => self.push(' '),
                '!' | '/' => Ok(()),
                '{' | '}' | '$' | '%' | '&' | '#' | '_' => self.push(c),
                '|' => self.push('‖'),
                _ => Err(Unknown),
            };
        }
        let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let name = &rest[..len];
        self.i += 1 + len;
        match symbols::command(name).ok_or(Unknown)? {
            Command::Symbol(sym) => self.symbol(sym),
            Command::Function(word) => self.function(word),
            Command::Accent(mark) => self.accent(mark),
            Command::Font(font) => self.font(font),
            Command::Argument => self.arg(),
            Command::Switch => {
                self.skip_spaces();
                Ok(())
            }
            Command::Delimiter => {
                self.skip_spaces();
                if self.peek() == Some(b'.') {
                    self.i += 1;
                }
                Ok(())
            }
            Command::Space => self.push(' '),
            Command::Sqrt => self.sqrt(),
            Command::Frac => self.frac(),
            Command::Not => self.not(),
        }
    }

    /// A symbol, spaced as TeX spaces it: a relation or an operator between two operands with
    /// a space on either side (`p\geq5` is "p ≥ 5"), and no space after a letter (the one in
    /// `\Delta R` only ends the command).
    fn symbol(&mut self, sym: &str) -> Step {
        let class = symbols::class(sym);
        if !self.formula || class == Class::Ordinary {
            self.out.push_str(sym);
            if self.formula {
                self.skip_spaces();
            }
            return Ok(());
        }
        let before = self.out[self.floor..].trim_end().chars().next_back();
        let left = before.is_some_and(|c| {
            class == Class::Relation
                || !(matches!(c, '(' | '[' | '{' | ',' | '=' | '<' | '>' | ':' | '|')
                    || symbols::class(c.encode_utf8(&mut [0; 4])) != Class::Ordinary)
        });
        let rest = self.s[self.i..].trim_start();
        if self.depth == 0 && left && !rest.is_empty() && !rest.starts_with('}') {
            let end = self.out.trim_end().len().max(self.floor);
            self.out.truncate(end);
            self.out.push(' ');
            self.out.push_str(sym);
            self.out.push(' ');
            self.skip_spaces();
        } else {
            self.out.push_str(sym);
        }
        Ok(())
    }

    /// `^` or `_` and its argument: raised or lowered characters where Unicode has them all,
    /// else the mark and the argument (`Λ_α`, `S_{λ+1/2}`).
    fn script(&mut self, up: bool) -> Step {
        self.i += 1;
        // TeX ignores spaces before a script: `q ^n` is qⁿ.
        while self.out.len() > self.floor && self.out.ends_with([' ', '\n', '\t']) {
            self.out.pop();
        }
        self.skip_spaces();
        let grouped = self.peek() == Some(b'{');
        let at = self.arg_at()?;
        let body = &self.out[at..];
        if body.is_empty() {
            return Err(Unknown);
        }
        if up && body.chars().all(|c| "′″‴†‡*∗⋆°".contains(c)) {
            // Already raised: `P^{*}`, `f^\prime`, `^\dagger`.
            return Ok(());
        }
        if up && body == "∘" {
            self.out.truncate(at);
            return self.push('°');
        }
        let map = if up {
            symbols::superscript
        } else {
            symbols::subscript
        };
        let single = one_symbol(body);
        if remap_tail(self.out, at, map) {
            return Ok(());
        }
        let mark = if up { '^' } else { '_' };
        if single {
            self.out.insert(at, mark);
        } else if grouped {
            self.out.insert_str(at, if up { "^{" } else { "_{" });
            self.out.push('}');
        } else {
            return Err(Unknown);
        }
        Ok(())
    }

    /// An upright function name (`\log`), set apart from letters beside it.
    fn function(&mut self, word: &str) -> Step {
        if self
            .out
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            self.out.push(' ');
        }
        self.out.push_str(word);
        if self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'\\')
        {
            self.out.push(' ');
        }
        Ok(())
    }

    /// An accent on one letter: `\'e` is é, `\bar\nu` is ν̄.
    fn accent(&mut self, mark: char) -> Step {
        let at = self.arg_at()?;
        let mut chars = self.out[at..].chars();
        let (Some(base), None) = (chars.next(), chars.next()) else {
            return Err(Unknown);
        };
        if !base.is_alphabetic() {
            return Err(Unknown);
        }
        let base = match base {
            'ı' => 'i',
            'ȷ' => 'j',
            c => c,
        };
        self.out.truncate(at);
        if let Some(c) = compose(base, mark) {
            self.out.push(c);
        } else {
            self.out.push(base);
            self.out.push(mark);
        }
        Ok(())
    }

    /// `\mathbb{R}`, `\mathcal O`, `{\cal K}`: letters of another alphabet.
    fn font(&mut self, font: Font) -> Step {
        let at = self.arg_at()?;
        if self.out.len() > at && remap_tail(self.out, at, |c| font.letter(c)) {
            Ok(())
        } else {
            Err(Unknown)
        }
    }

    /// `\sqrt{n}` is √n; a root of more than one symbol is not converted.
    fn sqrt(&mut self) -> Step {
        self.skip_spaces();
        let radical = if self.peek() == Some(b'[') {
            let close = self.s[self.i..].find(']').ok_or(Unknown)?;
            let index = self.s[self.i + 1..self.i + close].trim();
            self.i += close + 1;
            match index {
                "3" => '∛',
                "4" => '∜',
                _ => return Err(Unknown),
            }
        } else {
            '√'
        };
        self.out.push(radical);
        let at = self.arg_at()?;
        if is_atom(&self.out[at..]) {
            Ok(())
        } else {
            Err(Unknown)
        }
    }

    /// `\frac{1}{2}` is ½, `\frac{a}{b}` a⁄b; a fraction of more than one symbol over another
    /// is not converted.
    fn frac(&mut self) -> Step {
        let num = self.arg_at()?;
        let den = self.arg_at()?;
        let (n, d) = (&self.out[num..den], &self.out[den..]);
        if let Some(f) = symbols::vulgar_fraction(n, d) {
            self.out.truncate(num);
            return self.push(f);
        }
        if is_atom(n) && is_atom(d.trim_start_matches(['√', '∛', '∜'])) {
            self.out.insert(den, '⁄');
            Ok(())
        } else {
            Err(Unknown)
        }
    }

    /// `\not\in` is ∉, `\not=` ≠; a relation Unicode has no negation of gets a slash over it.
    fn not(&mut self) -> Step {
        let at = self.arg_at()?;
        let mut chars = self.out[at..].chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return Err(Unknown);
        };
        self.out.truncate(at);
        if let Some(n) = symbols::negated(c) {
            self.out.push(n);
        } else {
            self.out.push(c);
            self.out.push('\u{338}');
        }
        Ok(())
    }
}

/// The bytes a formula does not copy as they are (a multi-byte character is copied whole:
/// none of its bytes is ASCII).
fn is_math_special(b: u8) -> bool {
    matches!(
        b,
        b'{' | b'}' | b'^' | b'_' | b'\\' | b'~' | b'&' | b'#' | b'%' | b'$'
    )
}

/// One character and its combining marks.
fn one_symbol(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some() && chars.all(is_combining_mark)
}

/// One symbol with its scripts (`dₖ`), or a number: what a root or a fraction may hold and
/// still read right without parentheses.
fn is_atom(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => s.bytes().all(|b| b.is_ascii_digit() || b == b'.'),
        Some(_) => chars.all(|c| is_combining_mark(c) || is_script(c)),
        None => false,
    }
}

/// A raised or lowered character, as [`symbols::superscript`] and [`symbols::subscript`] give.
fn is_script(c: char) -> bool {
    matches!(c,
        '²' | '³' | '¹' | '\u{2070}'..='\u{209f}' | '\u{1d2c}'..='\u{1d6a}'
        | '\u{1d9b}'..='\u{1dbf}' | '\u{2b0}'..='\u{2b8}' | '\u{2e1}'..='\u{2e3}'
        | 'ⱼ' | 'ⱽ')
}

/// Removes the spaces at both ends of `out[at..]`.
fn trim_from(out: &mut String, at: usize) {
    let end = out.trim_end().len().max(at);
    out.truncate(end);
    let lead = out.len() - at - out[at..].trim_start().len();
    if lead > 0 {
        out.drain(at..at + lead);
    }
}

/// Rewrites `out[at..]` character by character through `f`; false (and `out` unchanged) if
/// some character has no image, or the text is longer than a script or a name ever is.
fn remap_tail(out: &mut String, at: usize, f: impl Fn(char) -> Option<char>) -> bool {
    const MOST: usize = 64;
    let tail = &out[at..];
    if tail.len() > MOST || !tail.chars().all(|c| f(c).is_some()) {
        return false;
    }
    let mut copy = [0u8; MOST];
    let n = tail.len();
    copy[..n].copy_from_slice(tail.as_bytes());
    out.truncate(at);
    let copy = std::str::from_utf8(&copy[..n]).expect("copied from a str");
    out.extend(copy.chars().filter_map(f));
    true
}

#[cfg(test)]
mod tests;
