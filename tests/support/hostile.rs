//! A corpus of hostile papers, generated here rather than committed: escape sequences of every
//! kind, C1 controls, bidi overrides, invisible characters, Zalgo, emoji, CJK, megabyte fields
//! and wrong types, in every text field, written in each format papertui reads.

use std::sync::Arc;

use papertui::library::Library;
use papertui::load::{Source, load_all};
use serde_json::{Value, json};

/// Payloads planted in the data; none may ever reach the terminal.
pub const PAYLOADS: &[&str] = &[
    "\x1b]0;PWNED\x07",
    "\x1b]2;PWNED title\x1b\\",
    "\x1b]1;PWNED icon\x07",
    "\x1b]52;c;cm0gLXJmIH4K\x07",
    "\x1b]8;;https://evil.example/\x1b\\",
    "\x1b[6n",
    "\x1b[c",
    "\x1b[>c",
    "\x1bP+q544e\x1b\\",
    "\x1b_APC PWNED\x1b\\",
    "\x1bXSOS PWNED\x1b\\",
    "\x1b^PM PWNED\x1b\\",
    "\u{9b}6n",
    "\u{9d}0;PWNED\u{9c}",
    "\u{90}DCS\u{9c}",
    "\x07\x07\x07",
    "\x1bg",
    "\x1b[8;5;5t",
    "\x1b[2J\x1b[H",
    "\x1b[?1049l",
    "\x1b[?1000l\x1b[?2004l",
    "\x1bc",
    "\x1b[31;1;4mred\x1b[0m",
];

/// Pieces of hostile text: the payloads, controls, bidi and invisible characters, odd spaces,
/// mark floods, and text in real scripts next to them.
pub const FRAGMENTS: &[&str] = &[
    "\x1b]0;PWNED\x07",
    "\x1b]2;PWNED\x1b\\",
    "\x1b]52;c;cm0gLXJmIH4K\x07",
    "\x1b]8;;https://evil.example/\x1b\\",
    "\x1b]8;;\x1b\\",
    "\x1b[6n",
    "\x1b[c",
    "\x1b[?25l",
    "\x1b[38;5;196m",
    "\x1bP1$r\x1b\\",
    "\x1b_x\x1b\\",
    "\x1bX",
    "\x1b^",
    "\x1b",
    "\x1b[",
    "\x1b]",
    "\x1b(B",
    "\x1b#8",
    "\x1b7",
    "\u{9b}31m",
    "\u{9d}0;t\u{9c}",
    "\u{90}",
    "\u{98}",
    "\u{9c}",
    "\u{9e}",
    "\u{9f}",
    "\u{85}",
    "\u{80}",
    "\x00",
    "\x07",
    "\x08",
    "\t",
    "\n",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x7f",
    "\u{2028}",
    "\u{2029}",
    "\u{a0}",
    "\u{3000}",
    "\u{202a}",
    "\u{202b}",
    "\u{202c}",
    "\u{202d}",
    "\u{202e}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
    "\u{200e}",
    "\u{200f}",
    "\u{61c}",
    "\u{200b}",
    "\u{200c}",
    "\u{200d}",
    "\u{2060}",
    "\u{feff}",
    "\u{ad}",
    "\u{e0001}",
    "\u{e0041}",
    "\u{e007f}",
    "\u{fe0f}",
    "\u{301}",
    "\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}",
    "\u{20e3}",
    "\u{1f3fb}",
    "\u{1f1ef}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{fff9}",
    " ",
    "  ",
    "日本",
    "😀",
    "👨\u{200d}👩\u{200d}👧",
    "🇯🇵",
    "שלום",
    "مرحبا",
];

/// True for a character that must never reach a terminal from the data.
pub fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}'
        | '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}' | '\u{e0000}'..='\u{e007f}'
        | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'
    )
}

/// Zalgo: a letter under hundreds of combining marks.
fn zalgo(n: usize) -> String {
    let marks: Vec<char> = ('\u{300}'..='\u{36f}').collect();
    let mut s = String::new();
    for word in ["Z", "a", "l", "g", "o"] {
        s.push_str(word);
        for i in 0..n {
            s.push(marks[i % marks.len()]);
        }
    }
    s
}

/// Every fragment and payload, back to back, around words.
fn all_fragments() -> String {
    let mut s = String::from("All the tricks:");
    for (i, f) in FRAGMENTS.iter().chain(PAYLOADS).enumerate() {
        s.push_str(&format!(" w{i}{f}"));
    }
    s
}

/// The hostile text fields: every one appears as a title, an abstract, an author and more.
pub fn texts() -> Vec<String> {
    let mut texts: Vec<String> = PAYLOADS
        .iter()
        .map(|p| format!("Title{p}with payload"))
        .collect();
    texts.extend([
        all_fragments(),
        format!(
            "Bidi \u{202e}desrever\u{202c} and \u{2066}isolate\u{2069} {}",
            "\u{200f}"
        ),
        "In\u{200b}vis\u{feff}i\u{ad}ble\u{2060} tag\u{e0041}\u{e0042} text".to_string(),
        zalgo(300),
        format!("Z{}", "\u{301}".repeat(10_000)),
        "👨\u{200d}👩\u{200d}👧\u{200d}👦 family 🏳\u{fe0f}\u{200d}🌈 🇯🇵🇫🇷🇺🇸 👍🏽 1\u{fe0f}\u{20e3}"
            .into(),
        "大規模言語モデルの効率的な事前学習に関する研究と評価、そして日本語の長いタイトル"
            .repeat(4),
        "Ｗｉｄｅ ｆｕｌｌｗｉｄｔｈ ＬＡＴＩＮ ｔｅｘｔ ｗｉｔｈ 한국어 and 中文".into(),
        "ภาษาไทย हिन्दी নমস্কার עִבְרִית اللُّغَةُ العَرَبِيَّة".into(),
        "\u{9b}31mC1 colour\u{9b}0m \u{85}next\u{2028}line\u{2029}para".into(),
        format!("{}end", "\x1b[1m".repeat(5_000)),
        "\t\n\r  spaced   \t  out  \n".into(),
        "日".repeat(3_000),
        "😀".repeat(3_000),
        format!("a{}", " ".repeat(100_000)),
    ]);
    texts
}

/// A megabyte of mixed hostile text.
pub fn megabyte() -> String {
    let unit = format!("{} 日本語 😀 \x1b]0;PWNED\x07 ", zalgo(3));
    unit.repeat((1 << 20) / unit.len() + 1)
}

/// Papers in papertui's fields: each hostile text in every field, wrong types, huge fields.
pub fn papers() -> Vec<Value> {
    let texts = texts();
    let mut papers = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let other = &texts[(i + 7) % texts.len()];
        papers.push(json!({
            "id": if i % 3 == 0 { json!(format!("2403.{:05}v2", 10_000 + i)) } else { json!(t) },
            "title": format!("{i} {t}"),
            "abstract": format!("{other} https://example.org/p{i}\x1b]8;;x\x1b\\ {t}"),
            "authors": [t, other, format!("Author{i}\x1b[6n"), "\u{202e}Mallory"],
            "published": t,
            "upvotes": i,
            "categories": [t, "cs.LG", other],
            "links": [
                format!("https://github.com/a/b{i}"),
                t,
                "javascript:alert(1)",
                "file:///etc/passwd",
                format!("https://x.org/{t}"),
                "http://a b",
                "-https://x.org",
                format!("https://long.example/{}", "a".repeat(5000)),
            ],
        }));
    }
    let mb = megabyte();
    papers.push(json!({"title": format!("Megabyte title {mb}"), "abstract": mb, "authors": [mb]}));
    let many: Vec<String> = (0..10_000).map(|i| format!("Author {i}\u{202e}")).collect();
    papers.push(json!({"title": "Ten thousand authors", "authors": many, "categories": many}));
    papers.push(json!({"title": "Authors as one string", "authors": format!("A\x1b]0;PWNED\x07, B and C {}", zalgo(50))}));
    // Wrong types: each is skipped with a warning, or its field is ignored.
    for wrong in [
        json!({"title": 42}),
        json!({"title": ["a", "b"]}),
        json!({"title": {"nested": "x"}}),
        json!({"title": null}),
        json!({"title": "ok", "authors": {"x": 1}}),
        json!({"title": "ok2", "upvotes": "many"}),
        json!({"title": "ok3", "upvotes": -1}),
        json!({"title": "ok4", "upvotes": 1e300}),
        json!({"title": "ok5", "categories": 7}),
        json!({"title": "ok6", "links": [1, null, {"a": 2}]}),
        json!({"title": "ok7", "abstract": false}),
        json!({"title": "ok8", "paper": "not an object"}),
        json!({"title": "ok9", "id": 2403.03507}),
        json!(17),
        json!("a string"),
        json!(null),
        json!([[[[[]]]]]),
    ] {
        papers.push(wrong);
    }
    papers
}

/// The corpus as papertui JSON, with a hostile list name and date.
pub fn papertui_json() -> Vec<u8> {
    let list = json!({
        "name": format!("List\x1b]0;PWNED\x07 name {}", zalgo(20)),
        "date": "Mar\u{202e} 14\x1b[6n",
        "papers": papers(),
    });
    list.to_string().into_bytes()
}

/// The corpus as a Hugging Face daily papers response.
pub fn hf_json() -> Vec<u8> {
    let texts = texts();
    let items: Vec<Value> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            json!({
                "paper": {
                    "id": t,
                    "title": format!("HF {i} {t}"),
                    "summary": t,
                    "authors": [{"name": t}, {"hidden": true}, t],
                    "publishedAt": t,
                    "upvotes": i,
                    "githubRepo": t,
                    "projectPage": format!("https://p.example/{i}"),
                },
                "title": t,
                "numComments": "wrong",
            })
        })
        .chain([
            json!({"paper": {"title": 5}}),
            json!({"paper": null, "title": "top-level"}),
        ])
        .collect();
    Value::Array(items).to_string().into_bytes()
}

/// The corpus as JSON Lines: papertui's fields and arXiv snapshot fields, and bad lines.
pub fn json_lines() -> Vec<u8> {
    let mut out = String::new();
    for p in papers() {
        out.push_str(&p.to_string());
        out.push('\n');
    }
    for (i, t) in texts().iter().enumerate() {
        let line = json!({
            "id": t,
            "title": format!("arXiv {i}\n  {t}"),
            "abstract": t,
            "authors": format!("{t}, B. Bal\\'azs and {t}"),
            "authors_parsed": [[t, t, ""], ["x"]],
            "categories": t,
            "doi": t,
            "versions": [{"created": t}],
            "update_date": t,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out.push_str("{\"title\": \"torn line\n");
    out.push_str("not json at all \x1b]0;PWNED\x07\n");
    out.push_str("[1, 2, 3]\n");
    out.push_str("{\"title\": \"last\"}\n");
    out.into_bytes()
}

/// The corpus as the Daily Papers page saved as text.
pub fn text_page() -> Vec<u8> {
    let mut out = String::from("new\n\nSubscribe\n\nMar 14\n\n");
    for (i, t) in texts().iter().enumerate() {
        let t = t.replace('\n', " ");
        out.push_str(&format!("Paper {i} {t}\n{t} abstract\n\n"));
    }
    out.into_bytes()
}

/// The corpus in each format, by name.
pub fn formats() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("hostile.json", papertui_json()),
        ("hostile-hf.json", hf_json()),
        ("hostile.jsonl", json_lines()),
        ("hostile.txt", text_page()),
    ]
}

pub fn load(name: &str, bytes: Vec<u8>) -> super::Result<Library> {
    let source = Source::Bytes(name.to_string(), Arc::from(bytes));
    let loaded = load_all(&[source]).map_err(|e| format!("{name}: {e:?}"))?;
    Ok(loaded.library)
}
