//! The tables: what a LaTeX command, font or script turns a character into.
//!
//! Every ASCII character a table gives is one of the command's own name, in order (`\log` is
//! `log`, `\{` is `{`): converting never makes up ASCII the raw text did not hold, which the
//! prefilter of raw lines relies on (`ascii_is_never_made_up` checks each entry).

use std::collections::HashMap;
use std::sync::LazyLock;

use foldhash::fast::FixedState;

/// What a command does, found with one lookup per command met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Command {
    /// A character or a word: `\alpha` is α.
    Symbol(&'static str),
    /// An upright function name: `\log n` is "log n".
    Function(&'static str),
    /// A combining mark on its argument: `\'e` is é, `\hat{x}` x̂.
    Accent(char),
    /// Its argument's letters in another alphabet: `\mathbb{R}` is ℝ.
    Font(Font),
    /// Its argument, as it is: `\mathrm{d}`, `\text{if}`.
    Argument,
    /// A switch that changes nothing a terminal shows: `\rm`, `\displaystyle`.
    Switch,
    /// The size of the delimiter after it (`\left(`, `\big|`); `\left.` is none.
    Delimiter,
    /// A space: `\quad`.
    Space,
    Sqrt,
    Frac,
    Not,
}

/// The command named `name` (without its backslash).
pub(super) fn command(name: &str) -> Option<Command> {
    static COMMANDS: LazyLock<HashMap<&str, Command, FixedState>> = LazyLock::new(|| {
        let mut map = HashMap::with_hasher(FixedState::default());
        let symbols = GREEK.iter().chain(OPERATORS).chain(OTHERS).chain(LETTERS);
        for &(name, sym) in symbols {
            map.entry(name).or_insert(Command::Symbol(sym));
        }
        for &name in FUNCTIONS {
            map.entry(name).or_insert(Command::Function(name));
        }
        for &(name, mark) in ACCENTS {
            map.entry(name).or_insert(Command::Accent(mark));
        }
        let fonts: [(Font, &[&str]); 3] = [
            (Font::Double, &["mathbb", "Bbb", "mathbbm", "bbb"]),
            (Font::Script, &["mathcal", "cal", "mathscr", "scr"]),
            (Font::Fraktur, &["mathfrak", "frak"]),
        ];
        for (font, names) in fonts {
            for &name in names {
                map.entry(name).or_insert(Command::Font(font));
            }
        }
        let kinds: [(&[&str], Command); 7] = [
            (ARGUMENTS, Command::Argument),
            (SWITCHES, Command::Switch),
            (DELIMITERS, Command::Delimiter),
            (&["quad", "qquad"], Command::Space),
            (&["sqrt"], Command::Sqrt),
            (&["frac", "dfrac", "tfrac"], Command::Frac),
            (&["not"], Command::Not),
        ];
        for (names, kind) in kinds {
            for &name in names {
                map.entry(name).or_insert(kind);
            }
        }
        map
    });
    COMMANDS.get(name).copied()
}

/// The character or word a command without arguments stands for.
pub(super) fn symbol(name: &str) -> Option<&'static str> {
    match command(name)? {
        Command::Symbol(sym) => Some(sym),
        _ => None,
    }
}

/// A letter of another alphabet written as a command (`\ss`, `\o`).
pub(super) fn letter(name: &str) -> Option<&'static str> {
    LETTERS.iter().find(|&&(n, _)| n == name).map(|&(_, l)| l)
}

/// The command that writes `c` in a formula, for text LaTeX reads again; None for symbols
/// LaTeX's text mode reads as they are (dashes, `°`, `…`).
pub(super) fn command_of(c: char) -> Option<&'static str> {
    if "–—°§¶©…".contains(c) {
        return None;
    }
    let mut buf = [0; 4];
    let sym: &str = c.encode_utf8(&mut buf);
    let symbols = GREEK.iter().chain(OPERATORS).chain(OTHERS);
    symbols
        .into_iter()
        .find(|&&(_, s)| s == sym)
        .map(|&(name, _)| name)
}

/// Greek letters, upper and lower case, with their variants.
const GREEK: &[(&str, &str)] = &[
    ("alpha", "α"),
    ("beta", "β"),
    ("gamma", "γ"),
    ("delta", "δ"),
    ("epsilon", "ε"),
    ("varepsilon", "ε"),
    ("zeta", "ζ"),
    ("eta", "η"),
    ("theta", "θ"),
    ("vartheta", "ϑ"),
    ("iota", "ι"),
    ("kappa", "κ"),
    ("varkappa", "ϰ"),
    ("lambda", "λ"),
    ("mu", "μ"),
    ("nu", "ν"),
    ("xi", "ξ"),
    ("omicron", "ο"),
    ("pi", "π"),
    ("varpi", "ϖ"),
    ("rho", "ρ"),
    ("varrho", "ϱ"),
    ("sigma", "σ"),
    ("varsigma", "ς"),
    ("tau", "τ"),
    ("upsilon", "υ"),
    ("phi", "φ"),
    ("varphi", "φ"),
    ("chi", "χ"),
    ("psi", "ψ"),
    ("omega", "ω"),
    ("Gamma", "Γ"),
    ("varGamma", "Γ"),
    ("Delta", "Δ"),
    ("varDelta", "Δ"),
    ("Theta", "Θ"),
    ("varTheta", "Θ"),
    ("Lambda", "Λ"),
    ("varLambda", "Λ"),
    ("Xi", "Ξ"),
    ("varXi", "Ξ"),
    ("Pi", "Π"),
    ("varPi", "Π"),
    ("Sigma", "Σ"),
    ("varSigma", "Σ"),
    ("Upsilon", "Υ"),
    ("varUpsilon", "Υ"),
    ("Phi", "Φ"),
    ("varPhi", "Φ"),
    ("Psi", "Ψ"),
    ("varPsi", "Ψ"),
    ("Omega", "Ω"),
    ("varOmega", "Ω"),
];

/// Operators and relations.
const OPERATORS: &[(&str, &str)] = &[
    ("times", "×"),
    ("cdot", "·"),
    ("pm", "±"),
    ("mp", "∓"),
    ("div", "÷"),
    ("ast", "∗"),
    ("star", "⋆"),
    ("circ", "∘"),
    ("bullet", "•"),
    ("oplus", "⊕"),
    ("ominus", "⊖"),
    ("otimes", "⊗"),
    ("odot", "⊙"),
    ("dagger", "†"),
    ("ddagger", "‡"),
    ("leq", "≤"),
    ("le", "≤"),
    ("geq", "≥"),
    ("ge", "≥"),
    ("leqslant", "⩽"),
    ("geqslant", "⩾"),
    ("neq", "≠"),
    ("ne", "≠"),
    ("ll", "≪"),
    ("gg", "≫"),
    ("lesssim", "≲"),
    ("gtrsim", "≳"),
    ("approx", "≈"),
    ("sim", "∼"),
    ("simeq", "≃"),
    ("cong", "≅"),
    ("equiv", "≡"),
    ("propto", "∝"),
    ("asymp", "≍"),
    ("doteq", "≐"),
    ("prec", "≺"),
    ("succ", "≻"),
    ("preceq", "⪯"),
    ("succeq", "⪰"),
    ("parallel", "∥"),
    ("mid", "∣"),
    ("in", "∈"),
    ("notin", "∉"),
    ("ni", "∋"),
    ("subset", "⊂"),
    ("supset", "⊃"),
    ("subseteq", "⊆"),
    ("supseteq", "⊇"),
    ("subsetneq", "⊊"),
    ("supsetneq", "⊋"),
    ("cup", "∪"),
    ("cap", "∩"),
    ("bigcup", "⋃"),
    ("bigcap", "⋂"),
    ("setminus", "∖"),
    ("emptyset", "∅"),
    ("varnothing", "∅"),
    ("forall", "∀"),
    ("exists", "∃"),
    ("nexists", "∄"),
    ("neg", "¬"),
    ("lnot", "¬"),
    ("wedge", "∧"),
    ("land", "∧"),
    ("vee", "∨"),
    ("lor", "∨"),
    ("bigwedge", "⋀"),
    ("bigvee", "⋁"),
    ("bigoplus", "⨁"),
    ("bigotimes", "⨂"),
    ("vdash", "⊢"),
    ("models", "⊨"),
    ("top", "⊤"),
    ("bot", "⊥"),
    ("perp", "⊥"),
];

/// Big operators, arrows, delimiters, dots and other symbols.
const OTHERS: &[(&str, &str)] = &[
    ("sum", "∑"),
    ("prod", "∏"),
    ("coprod", "∐"),
    ("int", "∫"),
    ("iint", "∬"),
    ("iiint", "∭"),
    ("oint", "∮"),
    ("partial", "∂"),
    ("nabla", "∇"),
    ("infty", "∞"),
    ("surd", "√"),
    ("ell", "ℓ"),
    ("hbar", "ℏ"),
    ("aleph", "ℵ"),
    ("wp", "℘"),
    ("Re", "ℜ"),
    ("Im", "ℑ"),
    ("angle", "∠"),
    ("triangle", "△"),
    ("square", "□"),
    ("Box", "□"),
    ("diamond", "⋄"),
    ("prime", "′"),
    ("to", "→"),
    ("rightarrow", "→"),
    ("gets", "←"),
    ("leftarrow", "←"),
    ("leftrightarrow", "↔"),
    ("Rightarrow", "⇒"),
    ("Leftarrow", "⇐"),
    ("Leftrightarrow", "⇔"),
    ("implies", "⟹"),
    ("Longrightarrow", "⟹"),
    ("impliedby", "⟸"),
    ("Longleftarrow", "⟸"),
    ("iff", "⟺"),
    ("Longleftrightarrow", "⟺"),
    ("longrightarrow", "⟶"),
    ("longleftarrow", "⟵"),
    ("mapsto", "↦"),
    ("longmapsto", "⟼"),
    ("hookrightarrow", "↪"),
    ("uparrow", "↑"),
    ("downarrow", "↓"),
    ("rightleftharpoons", "⇌"),
    ("langle", "⟨"),
    ("rangle", "⟩"),
    ("lfloor", "⌊"),
    ("rfloor", "⌋"),
    ("lceil", "⌈"),
    ("rceil", "⌉"),
    ("ldots", "…"),
    ("dots", "…"),
    ("dotsc", "…"),
    ("dotsb", "…"),
    ("textellipsis", "…"),
    ("cdots", "⋯"),
    ("vdots", "⋮"),
    ("ddots", "⋱"),
    ("textendash", "–"),
    ("textemdash", "—"),
    ("degree", "°"),
    ("textdegree", "°"),
    ("S", "§"),
    ("P", "¶"),
    ("copyright", "©"),
    ("checkmark", "✓"),
    ("TeX", "TeX"),
    ("LaTeX", "LaTeX"),
];

/// Letters of other alphabets written as commands in names and text: `Gei\\ss ler`, `\\o`.
const LETTERS: &[(&str, &str)] = &[
    ("ss", "ß"),
    ("o", "ø"),
    ("O", "Ø"),
    ("l", "ł"),
    ("L", "Ł"),
    ("aa", "å"),
    ("AA", "Å"),
    ("ae", "æ"),
    ("AE", "Æ"),
    ("oe", "œ"),
    ("OE", "Œ"),
    ("i", "ı"),
    ("j", "ȷ"),
];

/// The combining mark of an accent command, in text (`\\'e`, `\\v{S}`) or math (`\\hat{x}`).
const ACCENTS: &[(&str, char)] = &[
    ("'", '\u{301}'),
    ("acute", '\u{301}'),
    ("`", '\u{300}'),
    ("grave", '\u{300}'),
    ("^", '\u{302}'),
    ("hat", '\u{302}'),
    ("widehat", '\u{302}'),
    ("\"", '\u{308}'),
    ("ddot", '\u{308}'),
    ("~", '\u{303}'),
    ("tilde", '\u{303}'),
    ("widetilde", '\u{303}'),
    ("=", '\u{304}'),
    ("bar", '\u{304}'),
    (".", '\u{307}'),
    ("dot", '\u{307}'),
    ("u", '\u{306}'),
    ("breve", '\u{306}'),
    ("v", '\u{30c}'),
    ("check", '\u{30c}'),
    ("H", '\u{30b}'),
    ("c", '\u{327}'),
    ("k", '\u{328}'),
    ("r", '\u{30a}'),
    ("mathring", '\u{30a}'),
    ("d", '\u{323}'),
    ("b", '\u{331}'),
    ("overline", '\u{305}'),
    ("underline", '\u{332}'),
    ("vec", '\u{20d7}'),
];

/// Function names set upright.
const FUNCTIONS: &[&str] = &[
    "arccos", "arcsin", "arctan", "arg", "bmod", "cos", "cosh", "cot", "coth", "csc", "deg", "det",
    "dim", "exp", "gcd", "hom", "inf", "ker", "lg", "lim", "liminf", "limsup", "ln", "log", "max",
    "min", "mod", "Pr", "sec", "sin", "sinh", "sup", "tan", "tanh",
];

/// Commands shown as their argument.
const ARGUMENTS: &[&str] = &[
    "mathrm",
    "mathbf",
    "mathit",
    "mathsf",
    "mathtt",
    "mathnormal",
    "text",
    "textrm",
    "textit",
    "textbf",
    "textsf",
    "texttt",
    "textup",
    "textnormal",
    "textsc",
    "textsl",
    "emph",
    "mbox",
    "hbox",
    "operatorname",
    "boldsymbol",
    "bm",
    "pmb",
    "mathop",
    "mathbin",
    "mathrel",
    "ensuremath",
];

/// Switches of font and style.
const SWITCHES: &[&str] = &[
    "rm",
    "bf",
    "it",
    "sf",
    "tt",
    "sl",
    "sc",
    "em",
    "mit",
    "normalfont",
    "displaystyle",
    "textstyle",
    "scriptstyle",
    "scriptscriptstyle",
    "limits",
    "nolimits",
];

/// Sizes of delimiters.
const DELIMITERS: &[&str] = &[
    "left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
    "biggl", "biggr", "Biggl", "Biggr", "bigm", "Bigm",
];

/// How TeX spaces a symbol in a formula.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    Ordinary,
    /// `=`, `≤`, `→`, `∈`: a space on either side.
    Relation,
    /// `×`, `±`, `∪`: a space on either side, between two operands.
    Binary,
}

pub(super) fn class(sym: &str) -> Class {
    let mut chars = sym.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return Class::Ordinary;
    };
    match c {
        '≤' | '≥' | '⩽' | '⩾' | '≠' | '≪' | '≫' | '≲' | '≳' | '≈' | '∼' | '≃' | '≅' | '≡' | '∝'
        | '≍' | '≐' | '≺' | '≻' | '⪯' | '⪰' | '∥' | '∣' | '∈' | '∉' | '∋' | '∌' | '⊂' | '⊃'
        | '⊆' | '⊇' | '⊊' | '⊋' | '⊄' | '⊅' | '⊈' | '⊉' | '⊢' | '⊨' | '→' | '←' | '↔' | '⇒'
        | '⇐' | '⇔' | '⟹' | '⟸' | '⟺' | '⟶' | '⟵' | '↦' | '⟼' | '↪' | '↑' | '↓' | '⇌' | '≮'
        | '≯' | '≢' | '≁' | '≄' | '≇' | '≉' | '≰' | '≱' | '∤' | '∦' | '⊀' | '⊁' => {
            Class::Relation
        }
        '×' | '·' | '±' | '∓' | '÷' | '∗' | '⋆' | '∘' | '•' | '⊕' | '⊖' | '⊗' | '⊙' | '∪' | '∩'
        | '∖' | '∧' | '∨' | '⋄' => Class::Binary,
        _ => Class::Ordinary,
    }
}

/// The negation of a relation (`\not\in`); None where Unicode has no single character.
pub(super) fn negated(c: char) -> Option<char> {
    Some(match c {
        '=' => '≠',
        '<' => '≮',
        '>' => '≯',
        '∈' => '∉',
        '∋' => '∌',
        '⊂' => '⊄',
        '⊃' => '⊅',
        '⊆' => '⊈',
        '⊇' => '⊉',
        '≡' => '≢',
        '∼' => '≁',
        '≃' => '≄',
        '≅' => '≇',
        '≈' => '≉',
        '≤' => '≰',
        '≥' => '≱',
        '∣' | '|' => '∤',
        '∥' => '∦',
        '∃' => '∄',
        '≺' => '⊀',
        '≻' => '⊁',
        _ => return None,
    })
}

/// The alphabets of `\mathbb`, `\mathcal` and `\mathfrak`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Font {
    Double,
    Script,
    Fraktur,
}

impl Font {
    /// `c` in this alphabet: ASCII letters (and digits, double-struck); None for the rest.
    pub(super) fn letter(self, c: char) -> Option<char> {
        // The letters Unicode had before the mathematical alphabets sit outside them.
        let early = match (self, c) {
            (Font::Double, 'C') => 'ℂ',
            (Font::Double, 'H') => 'ℍ',
            (Font::Double, 'N') => 'ℕ',
            (Font::Double, 'P') => 'ℙ',
            (Font::Double, 'Q') => 'ℚ',
            (Font::Double, 'R') => 'ℝ',
            (Font::Double, 'Z') => 'ℤ',
            (Font::Script, 'B') => 'ℬ',
            (Font::Script, 'E') => 'ℰ',
            (Font::Script, 'F') => 'ℱ',
            (Font::Script, 'H') => 'ℋ',
            (Font::Script, 'I') => 'ℐ',
            (Font::Script, 'L') => 'ℒ',
            (Font::Script, 'M') => 'ℳ',
            (Font::Script, 'R') => 'ℛ',
            (Font::Script, 'e') => 'ℯ',
            (Font::Script, 'g') => 'ℊ',
            (Font::Script, 'o') => 'ℴ',
            (Font::Fraktur, 'C') => 'ℭ',
            (Font::Fraktur, 'H') => 'ℌ',
            (Font::Fraktur, 'I') => 'ℑ',
            (Font::Fraktur, 'R') => 'ℜ',
            (Font::Fraktur, 'Z') => 'ℨ',
            _ => '\0',
        };
        if early != '\0' {
            return Some(early);
        }
        let (upper, lower) = match self {
            Font::Double => (0x1D538, 0x1D552),
            Font::Script => (0x1D49C, 0x1D4B6),
            Font::Fraktur => (0x1D504, 0x1D51E),
        };
        let code = match c {
            'A'..='Z' => upper + (c as u32 - 'A' as u32),
            'a'..='z' => lower + (c as u32 - 'a' as u32),
            '0'..='9' if self == Font::Double => 0x1D7D8 + (c as u32 - '0' as u32),
            _ => return None,
        };
        char::from_u32(code)
    }
}

/// `c` raised, where Unicode has it.
pub(super) fn superscript(c: char) -> Option<char> {
    Some(match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        '+' => '⁺',
        '-' | '−' => '⁻',
        '=' => '⁼',
        '(' => '⁽',
        ')' => '⁾',
        'a' => 'ᵃ',
        'b' => 'ᵇ',
        'c' => 'ᶜ',
        'd' => 'ᵈ',
        'e' => 'ᵉ',
        'f' => 'ᶠ',
        'g' => 'ᵍ',
        'h' => 'ʰ',
        'i' => 'ⁱ',
        'j' => 'ʲ',
        'k' => 'ᵏ',
        'l' => 'ˡ',
        'm' => 'ᵐ',
        'n' => 'ⁿ',
        'o' => 'ᵒ',
        'p' => 'ᵖ',
        'r' => 'ʳ',
        's' => 'ˢ',
        't' => 'ᵗ',
        'u' => 'ᵘ',
        'v' => 'ᵛ',
        'w' => 'ʷ',
        'x' => 'ˣ',
        'y' => 'ʸ',
        'z' => 'ᶻ',
        'A' => 'ᴬ',
        'B' => 'ᴮ',
        'D' => 'ᴰ',
        'E' => 'ᴱ',
        'G' => 'ᴳ',
        'H' => 'ᴴ',
        'I' => 'ᴵ',
        'J' => 'ᴶ',
        'K' => 'ᴷ',
        'L' => 'ᴸ',
        'M' => 'ᴹ',
        'N' => 'ᴺ',
        'O' => 'ᴼ',
        'P' => 'ᴾ',
        'R' => 'ᴿ',
        'T' => 'ᵀ',
        'U' => 'ᵁ',
        'V' => 'ⱽ',
        'W' => 'ᵂ',
        'β' => 'ᵝ',
        'γ' => 'ᵞ',
        'δ' => 'ᵟ',
        'θ' => 'ᶿ',
        'φ' => 'ᵠ',
        'χ' => 'ᵡ',
        _ => return None,
    })
}

/// `c` lowered, where Unicode has it.
pub(super) fn subscript(c: char) -> Option<char> {
    Some(match c {
        '0' => '₀',
        '1' => '₁',
        '2' => '₂',
        '3' => '₃',
        '4' => '₄',
        '5' => '₅',
        '6' => '₆',
        '7' => '₇',
        '8' => '₈',
        '9' => '₉',
        '+' => '₊',
        '-' | '−' => '₋',
        '=' => '₌',
        '(' => '₍',
        ')' => '₎',
        'a' => 'ₐ',
        'e' => 'ₑ',
        'h' => 'ₕ',
        'i' => 'ᵢ',
        'j' => 'ⱼ',
        'k' => 'ₖ',
        'l' => 'ₗ',
        'm' => 'ₘ',
        'n' => 'ₙ',
        'o' => 'ₒ',
        'p' => 'ₚ',
        'r' => 'ᵣ',
        's' => 'ₛ',
        't' => 'ₜ',
        'u' => 'ᵤ',
        'v' => 'ᵥ',
        'x' => 'ₓ',
        'β' => 'ᵦ',
        'γ' => 'ᵧ',
        'ρ' => 'ᵨ',
        'φ' => 'ᵩ',
        'χ' => 'ᵪ',
        _ => return None,
    })
}

/// Fractions Unicode writes as one character (`\frac{1}{2}` is ½).
pub(super) fn vulgar_fraction(num: &str, den: &str) -> Option<char> {
    Some(match (num, den) {
        ("1", "2") => '½',
        ("1", "3") => '⅓',
        ("2", "3") => '⅔',
        ("1", "4") => '¼',
        ("3", "4") => '¾',
        ("1", "5") => '⅕',
        ("2", "5") => '⅖',
        ("3", "5") => '⅗',
        ("4", "5") => '⅘',
        ("1", "6") => '⅙',
        ("5", "6") => '⅚',
        ("1", "7") => '⅐',
        ("1", "8") => '⅛',
        ("3", "8") => '⅜',
        ("5", "8") => '⅝',
        ("7", "8") => '⅞',
        ("1", "9") => '⅑',
        ("1", "10") => '⅒',
        _ => return None,
    })
}

/// The names a reader may type for a symbol the converter writes (Greek letters and a few
/// others), so that the filter finds `λ` for `lambda`.
pub(super) const SEARCHED: [&str; 30] = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi",
    "psi", "omega", "infty", "nabla", "ell", "hbar", "aleph", "emptyset",
];
