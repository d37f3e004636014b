//! JSON documents: papertui's list (`{"name", "date", "papers": [...]}`), a bare array of
//! papers, a Hugging Face daily papers response (an array of `{paper: {...}}` items), or a
//! single paper object. A record with a wrong type is skipped with its position; the rest loads.

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::record::{self, Unusable};
use super::source::Lines;
use super::{Event, Problem};
use crate::library::{Chunk, Detail, Rejected};

/// Records parsed per task when a large array is split across threads.
const RECORDS_PER_TASK: usize = 4096;

#[derive(Deserialize)]
struct ListObject<'a> {
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    date: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    papers: Option<Vec<&'a RawValue>>,
}

pub(super) fn parse(text: &str, file: &str, sink: &mut dyn FnMut(Event)) -> Result<(), Problem> {
    let syntax = |e: serde_json::Error| {
        let mut p = Problem::json(file, &e, (1, 1), "");
        if e.classify() == serde_json::error::Category::Eof {
            p.message
                .push_str(": the file ends early (an interrupted download?)");
        }
        p
    };
    let records: Vec<&RawValue> = if text.trim_start().starts_with('[') {
        serde_json::from_str(text).map_err(syntax)?
    } else {
        let list: ListObject = serde_json::from_str(text).map_err(syntax)?;
        if let Some(papers) = list.papers {
            sink(Event::Meta {
                name: list.name.map(|n| crate::sanitize::clean(&n, 200)),
                date: list.date.map(|d| crate::sanitize::clean(&d, 64)),
            });
            papers
        } else {
            // Not a list: the object is one paper, unless it is no paper at all.
            let one: &RawValue = serde_json::from_str(text).map_err(syntax)?;
            if let Some(what) = not_a_paper(one.get()) {
                return Err(Problem::file(file, what));
            }
            vec![one]
        }
    };
    let results: Vec<(Chunk, Vec<Problem>)> = records
        .par_chunks(RECORDS_PER_TASK)
        .enumerate()
        .map(|(task, slice)| {
            let mut chunk = Chunk::default();
            let mut problems = Vec::new();
            let mut lines = Lines::new(text.as_bytes());
            for (k, raw) in slice.iter().enumerate() {
                let index = task * RECORDS_PER_TASK + k + 1;
                if let Err(p) = add_record(&mut chunk, raw, &mut lines, file, index, &mut problems)
                {
                    problems.push(p);
                }
            }
            (chunk, problems)
        })
        .collect();
    // A Daily Papers answer names no list: it is the Daily Papers of the days its papers
    // were on.
    let days = results
        .iter()
        .flat_map(|(chunk, _)| (0..chunk.len()).map(|i| chunk.get(i)))
        .filter_map(|p| p.detail(Detail::ListDay));
    if let Some(date) = super::days::list_days_words(days) {
        sink(Event::Meta {
            name: Some("Daily Papers".to_string()),
            date: Some(date),
        });
    }
    for (chunk, problems) in results {
        for p in problems {
            sink(Event::Warning(p));
        }
        sink(Event::Papers(Box::new(chunk)));
    }
    Ok(())
}

/// What a lone JSON object without a title is, when it is no paper: a service's error
/// response (`{"error": "Invalid rate limit"}`), or an object of other fields.
fn not_a_paper(object: &str) -> Option<String> {
    let serde_json::Value::Object(fields) = serde_json::from_str(object).ok()? else {
        return None;
    };
    if fields.contains_key("title") || fields.contains_key("paper") {
        return None;
    }
    let quoted = |v: &serde_json::Value| {
        let text = match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        crate::sanitize::clean(&text, 200)
    };
    if let Some(error) = fields.get("error") {
        let error = match error {
            serde_json::Value::Object(inner) => {
                inner.get("message").map_or_else(|| quoted(error), quoted)
            }
            other => quoted(other),
        };
        return Some(format!(
            "an error response from a service, not a paper list: \"{error}\"; fetch the list \
             again later (or with `papertui hf:DATE`)"
        ));
    }
    let names: Vec<&str> = fields.keys().map(String::as_str).take(8).collect();
    Some(format!(
        "a JSON object with no `papers` list and no `title` (its fields: {}), not a paper list",
        names.join(", ")
    ))
}

/// Parses record number `index` (1-based), whose text is a slice of `text`; a field dropped
/// for its type is a warning in `warnings`.
fn add_record(
    chunk: &mut Chunk,
    raw: &RawValue,
    lines: &mut Lines<'_>,
    file: &str,
    index: usize,
    warnings: &mut Vec<Problem>,
) -> Result<(), Problem> {
    let mut dropped = Vec::new();
    let pushed = record::with_paper(raw.get(), &mut dropped, |paper| chunk.push(paper));
    // Where the record is, counted only when there is something to say.
    if dropped.is_empty() && matches!(pushed, Ok(Ok(()))) {
        return Ok(());
    }
    let at = lines.of(raw.get());
    let what = format!("paper {index} skipped: ");
    for d in dropped {
        let message = format!("paper {index}: `{}` ignored: {}", d.field, d.why);
        warnings.push(Problem::at(file, at.0, at.1, message));
    }
    let pushed = pushed.map_err(|e| match e {
        Unusable::Json(e) => Problem::json(file, &e, at, &what),
        Unusable::Record(why) => {
            let found = record::fields_of(raw.get());
            Problem::at(file, at.0, at.1, format!("{what}{why}{found}"))
        }
    })?;
    pushed.map_err(|Rejected::EmptyTitle| {
        Problem::at(file, at.0, at.1, format!("{what}the title is empty"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::LibraryBuilder;

    fn load(text: &str) -> (Vec<String>, Vec<String>) {
        let mut b = LibraryBuilder::default();
        let mut warnings = Vec::new();
        parse(text, "t.json", &mut |e| match e {
            Event::Papers(c) => {
                b.append(*c);
            }
            Event::Warning(p) => warnings.push(p.to_string()),
            _ => {}
        })
        .map_err(|p| p.to_string())
        .unwrap();
        let titles = b.library().iter().map(|p| p.title().to_string()).collect();
        (titles, warnings)
    }

    #[test]
    fn a_papertui_list_and_a_bare_array_load() {
        let (t, w) = load(r#"{"name":"L","papers":[{"title":"A"},{"title":"B","upvotes":3}]}"#);
        assert_eq!((t, w.len()), (vec!["A".to_string(), "B".to_string()], 0));
        let (t, _) = load(r#"[{"title":"A"}]"#);
        assert_eq!(t, ["A"]);
    }

    #[test]
    fn wrong_records_are_skipped_with_their_place() {
        let text =
            "[\n  {\"title\": \"ok\"},\n  {\"title\": 42},\n  7,\n  {\"title\": \"\\u200b\"}\n]";
        let (t, w) = load(text);
        assert_eq!(t, ["ok"]);
        assert_eq!(
            w,
            [
                "t.json:3:14: paper 2 skipped: invalid type: integer `42`, expected a string",
                "t.json:4:3: paper 3 skipped: invalid type: integer `7`, expected struct Record",
                "t.json:5:3: paper 4 skipped: the title is empty",
            ]
        );
    }

    #[test]
    fn a_field_of_the_wrong_type_is_dropped_with_a_warning_and_the_paper_kept() {
        let (t, w) = load("[\n  {\"title\": \"ok\", \"upvotes\": \"many\"}\n]");
        assert_eq!(t, ["ok"]);
        assert_eq!(
            w,
            ["t.json:2:3: paper 1: `upvotes` ignored: invalid type: string \"many\", expected u32"]
        );
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let err = parse(
            "[\n {\"title\": \"a\"}\n {\"title\": \"b\"}]",
            "t.json",
            &mut |_| {},
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "t.json:3:2: expected `,` or `]`");
    }

    #[test]
    fn a_file_cut_off_says_where_and_that_it_ends_early() {
        let err = parse("[\n {\"title\": \"a\"},\n {\"tit", "t.json", &mut |_| {}).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.json:3:6: EOF while parsing a string: the file ends early (an interrupted \
             download?)"
        );
    }

    #[test]
    fn an_error_response_is_told_apart_from_a_paper() {
        let err = parse(r#"{"error": "Invalid rate limit"}"#, "t.json", &mut |_| {}).unwrap_err();
        assert!(
            err.to_string().starts_with(
                "t.json: an error response from a service, not a paper list: \"Invalid rate limit\""
            ),
            "{err}"
        );
        let err = parse(r#"{"items": [], "count": 0}"#, "t.json", &mut |_| {}).unwrap_err();
        assert!(
            err.to_string().contains("(its fields: count, items)"),
            "{err}"
        );
    }

    #[test]
    fn deep_nesting_never_overflows_the_stack() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let (titles, warnings) = load(&format!("[{deep}]"));
        assert!(titles.is_empty());
        assert!(
            warnings[0].starts_with("t.json:1:2: paper 1 skipped"),
            "{warnings:?}"
        );
        let inside = format!("[{{\"title\": \"x\", \"extra\": {deep}}}, {{\"title\": \"y\"}}]");
        let (titles, warnings) = load(&inside);
        assert_eq!(
            (titles, warnings.len()),
            (vec!["x".to_string(), "y".to_string()], 0)
        );
    }
}
