use proptest::prelude::*;

use super::super::{Record, SCRATCH};
use super::*;

/// The paper `json` gives, as text, read by the one-pass reader (None if it declines).
fn one_pass(json: &str) -> Option<String> {
    SCRATCH.with_borrow_mut(String::clear);
    let record = record(json)?;
    Some(SCRATCH.with_borrow(|scratch| format!("{:?}", record.into_raw(scratch))))
}

/// The same by serde; None if serde refuses the line.
fn by_serde(json: &str) -> Option<String> {
    SCRATCH.with_borrow_mut(String::clear);
    let record = serde_json::from_str::<Record>(json).ok()?;
    Some(SCRATCH.with_borrow(|scratch| format!("{:?}", record.into_raw(scratch))))
}

/// Both readers agree wherever the one-pass reader reads a line.
fn agree(json: &str) -> bool {
    match one_pass(json) {
        Some(paper) => {
            assert_eq!(Some(&paper), by_serde(json).as_ref(), "{json}");
            true
        }
        None => false,
    }
}

fn lines(name: &str) -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("the test data is in the repository");
    text.lines().map(str::to_string).collect()
}

#[test]
fn every_real_snapshot_line_is_read_in_one_pass_as_serde_reads_it() {
    let lines = lines("arxiv-metadata-oai-snapshot.sample200.jsonl");
    assert_eq!(lines.len(), 200);
    for line in &lines {
        assert!(agree(line), "declined: {line}");
    }
}

#[test]
fn other_shapes_are_left_to_serde() {
    for json in [
        // Daily Papers and papertui's own fields.
        r#"{"title":"T","summary":"S"}"#,
        r#"{"paper":{"title":"T"}}"#,
        r#"{"title":"T","upvotes":3}"#,
        // Wrong types, for serde to name.
        r#"{"title":5}"#,
        r#"{"title":"T","abstract":["a"]}"#,
        r#"{"title":"T","authors_parsed":"Smith, J."}"#,
        r#"{"title":"T","authors_parsed":[["Smith",1]]}"#,
        r#"{"title":"T","versions":[{"created":"x","n":1}]}"#,
        // Not JSON, or more than one value.
        r#"{"title":"T""#,
        r#"{"title":"T"} x"#,
        r#"{"title":"T",}"#,
        r#"{"title" "T"}"#,
        r#"{"title":nul}"#,
        // A field twice, an escaped key, a raw control character, a tab, a lone surrogate.
        r#"{"title":"T","title":"U"}"#,
        r#"{"ti\u0074le":"T"}"#,
        "{\"title\":\"T\u{1}\"}",
        "{\"title\":\t\"T\"}",
        r#"{"title":"T \ud800"}"#,
        r#"{"title":"T \udc00\ud800"}"#,
        r#"{"title":"T","versions":[{"created":"a","created":"b"}]}"#,
    ] {
        assert_eq!(record(json).map(|_| ()), None, "{json}");
    }
}

#[test]
fn escapes_nulls_and_spaces_read_as_serde_reads_them() {
    for json in [
        "{}",
        "{ }",
        r#" { "title" : "T" , "id" : null } "#,
        r#"{"title":"A\nB \"q\" \\ \/ \b\f\r\t","abstract":"  x\n  y\u00e9\ud83d\ude00"}"#,
        r#"{"title":"T","authors":"C. Bal\\'azs and E. Berger","categories":"hep-ph  math.CO"}"#,
        r#"{"title":"T","categories":"a\u0020b\nc","comments":"x\u001b[31m"}"#,
        r#"{"title":"T","authors_parsed":[],"versions":[]}"#,
        r#"{"title":"T","authors_parsed":[[],[""],["A"],["B","C"],["D","E","F","aff","more"]]}"#,
        r#"{"title":"T","authors_parsed":[["M\\\"uller","J.",""],["A\nB","C\tD",""]]}"#,
        r#"{"title":"T","versions":[{"version":"v1","created":"Mon, 2 Apr 2007 19:18:42 GMT"},{"version":"v2","created":"x","version":"y"}]}"#,
        r#"{"title":"T","versions":[{},{"created":null}]}"#,
        r#"{"title":"T","versions":[{"created":null}],"update_date":"2008-11-26"}"#,
        r#"{"title":"T","submitter":"x","report-no":null,"license":"http://x","submitter":"y"}"#,
        r#"{"title":null,"abstract":null}"#,
        r#"{"title":"","doi":"10.1/x","journal-ref":"J. 1 (2000)"}"#,
    ] {
        assert!(agree(json), "declined: {json}");
    }
}

/// A JSON string holding `s`, with some characters escaped as a JSON writer may.
fn quoted(s: &str, unicode: bool) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if unicode && !c.is_ascii() => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn text() -> impl Strategy<Value = String> {
    "([a-zA-Z .,$\\\\{}\"'é€😀\n\t\u{1}]|  ){0,30}"
}

fn value() -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(0.85, text())
}

proptest! {
    #[test]
    fn random_snapshot_lines_read_as_serde_reads_them(
        fields in prop::collection::vec(
            (prop::sample::select(vec![
                "id", "title", "abstract", "authors", "categories", "comments",
                "journal-ref", "doi", "update_date", "submitter", "license",
            ]), value(), any::<bool>()),
            0..8,
        ),
        names in prop::option::of(prop::collection::vec(prop::collection::vec(text(), 0..5), 0..4)),
        versions in prop::option::of(prop::collection::vec(value(), 0..3)),
        spaced in any::<bool>(),
    ) {
        let sep = if spaced { ", " } else { "," };
        let mut members = Vec::new();
        for (key, value, unicode) in &fields {
            let value = value.as_deref().map_or("null".to_string(), |v| quoted(v, *unicode));
            members.push(format!("\"{key}\":{value}"));
        }
        if let Some(names) = &names {
            let names: Vec<String> = names
                .iter()
                .map(|parts| {
                    let parts: Vec<String> = parts.iter().map(|p| quoted(p, true)).collect();
                    format!("[{}]", parts.join(sep))
                })
                .collect();
            members.push(format!("\"authors_parsed\":[{}]", names.join(sep)));
        }
        if let Some(versions) = &versions {
            let versions: Vec<String> = versions
                .iter()
                .enumerate()
                .map(|(i, created)| {
                    let created = created.as_deref().map_or("null".to_string(), |c| quoted(c, false));
                    format!("{{\"version\":\"v{i}\"{sep}\"created\":{created}}}")
                })
                .collect();
            members.push(format!("\"versions\":[{}]", versions.join(sep)));
        }
        let json = format!("{{{}}}", members.join(sep));
        let read = agree(&json);
        // Declined only for a field given twice (serde refuses it).
        let mut keys: Vec<&str> = fields.iter().map(|f| f.0).filter(|k| !IGNORED.contains(k)).collect();
        keys.sort_unstable();
        let twice = keys.windows(2).any(|w| w[0] == w[1]);
        prop_assert_eq!(read, !twice, "{}", json);
    }
}

proptest! {
    /// Real lines broken at random (a quote, a bracket, a backslash, a control character or
    /// a byte gone): whatever the one-pass reader still reads, serde reads the same.
    #[test]
    fn broken_real_lines_read_as_serde_reads_them(
        line in 0..200usize,
        edits in prop::collection::vec(
            (any::<prop::sample::Index>(), prop::sample::select(vec![
                "", "\"", "\\", "{", "}", "[", "]", ",", ":", " ", "null", "\\u", "\\ud800",
                "\u{1}", "\t", "é", "\\n", "\"x\":1,", "\"title\":\"T\",",
            ])),
            1..4,
        ),
    ) {
        let lines = lines("arxiv-metadata-oai-snapshot.sample200.jsonl");
        let mut json = lines[line].clone();
        for (at, insert) in &edits {
            let mut i = at.index(json.len());
            while !json.is_char_boundary(i) {
                i -= 1;
            }
            // Half the edits replace the character there, half insert before it.
            if at.index(2) == 0 && i < json.len() {
                let c = json[i..].chars().next().map_or(0, char::len_utf8);
                json.replace_range(i..i + c, insert);
            } else {
                json.insert_str(i, insert);
            }
        }
        agree(&json);
    }
}
