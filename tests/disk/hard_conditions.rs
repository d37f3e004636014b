//! Hard conditions: JSON nested a million deep in every position, files over the document
//! limit, empty lists, standard input that is not a terminal. A clear answer, never a panic,
//! a stack overflow or a run out of memory.

use std::fs::File;
use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::support::checks::draw_and_check;
use crate::support::{Reader, Result};
use papertui::library::Library;
use papertui::load::{self, DOCUMENT_MAX, Event, Source};

/// `n` arrays, one inside the other.
fn arrays(n: usize) -> String {
    "[".repeat(n) + &"]".repeat(n)
}

/// `n` objects, one inside the other, under `key`.
fn objects(key: &str, n: usize) -> String {
    format!("{{\"{key}\":").repeat(n) + "1" + &"}".repeat(n)
}

/// Documents with deep nesting in each place a loader meets JSON.
fn deep_documents(n: usize) -> Vec<(&'static str, String)> {
    let a = arrays(n);
    vec![
        ("whole document.json", a.clone()),
        ("paper list.json", format!("[{a}]")),
        (
            "papers field.json",
            format!("{{\"papers\": [{a}, {{\"title\": \"ok\"}}]}}"),
        ),
        (
            "list name.json",
            format!("{{\"name\": {a}, \"papers\": []}}"),
        ),
        (
            "title.json",
            format!("[{{\"title\": {a}}}, {{\"title\": \"ok\"}}]"),
        ),
        (
            "abstract.json",
            format!("[{{\"title\": \"t\", \"abstract\": {a}}}]"),
        ),
        (
            "authors.json",
            format!("[{{\"title\": \"t\", \"authors\": [{a}]}}]"),
        ),
        (
            "unknown field.json",
            format!("[{{\"title\": \"t\", \"x\": {a}}}]"),
        ),
        (
            "objects.json",
            format!("[{{\"title\": \"t\", \"x\": {}}}]", objects("k", n)),
        ),
        ("hf paper.json", format!("[{}]", objects("paper", n))),
        (
            "line.jsonl",
            format!("{{\"title\": \"a\"}}\n{{\"title\": \"b\", \"x\": {a}}}\n{a}\n"),
        ),
        ("text page.txt", format!("Title\n{a}\n\nOther\nabstract\n")),
    ]
}

fn load_bytes(name: &str, bytes: &[u8]) -> std::result::Result<Library, String> {
    let source = Source::Bytes(name.to_string(), Arc::from(bytes));
    load::load_all(&[source])
        .map(|l| l.library)
        .map_err(|e| format!("{e:?}"))
}

#[test]
fn json_nested_a_million_deep_anywhere_is_an_error_or_a_skipped_record() -> Result {
    for n in [100_000, 1_000_000] {
        for (name, doc) in deep_documents(n) {
            // A small stack: deep input must not recurse deeply.
            let bytes = doc.into_bytes();
            let name_owned = name.to_string();
            let result = std::thread::Builder::new()
                .stack_size(512 * 1024)
                .spawn(move || load_bytes(&name_owned, &bytes))?
                .join()
                .map_err(|_| format!("{name} at depth {n} panicked"))?;
            if let Ok(library) = result {
                assert!(library.len() <= 2, "{name}: {}", library.len());
                let mut r = Reader::new(library, 40, 10)?;
                draw_and_check(&mut r, name)?;
            }
        }
    }
    Ok(())
}

fn papertui(args: &[&str], stdin: Stdio) -> Result<Output> {
    let dir = tempfile::tempdir()?;
    Ok(Command::new(env!("CARGO_BIN_EXE_papertui"))
        .args(args)
        .env("PAPERTUI_CONFIG_DIR", dir.path())
        .stdin(stdin)
        .output()?)
}

#[test]
fn the_binary_survives_a_million_deep_json() -> Result {
    let dir = tempfile::tempdir()?;
    for (name, doc) in deep_documents(1_000_000) {
        let path = dir.path().join(name);
        std::fs::write(&path, doc)?;
        let out = papertui(&["list", &path.to_string_lossy()], Stdio::null())?;
        let code = out.status.code();
        assert!(matches!(code, Some(0 | 2)), "{name}: {out:?}");
    }
    Ok(())
}

#[test]
fn a_document_over_the_limit_is_refused_at_once_without_reading_it() -> Result {
    let dir = tempfile::tempdir()?;
    for (name, start) in [
        ("huge.json", &b"[{\"title\": \"x\"}"[..]),
        ("huge-object.json", b"{\n\"papers\": ["),
        ("huge.txt", b"new\n\nTitle\nAbstract\n"),
    ] {
        let path = dir.path().join(name);
        let mut f = File::create(&path)?;
        f.write_all(start)?;
        // Sparse: the file says 1 GiB and a byte, but no gigabyte is written.
        f.set_len(DOCUMENT_MAX + 1)?;
        drop(f);
        let started = Instant::now();
        let result = load::load(&Source::Path(path.clone()), &mut |_: Event| {});
        let err = result.err().ok_or(format!("{name} was read"))?;
        assert!(err.to_string().contains("larger than 1 GiB"), "{err}");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{name} was read first"
        );
        let out = papertui(&["list", &path.to_string_lossy()], Stdio::null())?;
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("larger than 1 GiB"));
    }
    Ok(())
}

#[test]
fn an_empty_list_loads_with_a_warning_and_every_view_draws() -> Result {
    let source = Source::Bytes("empty.json".into(), Arc::from(&b"{\"papers\": []}"[..]));
    let loaded = load::load_all(&[source]).map_err(|e| format!("{e:?}"))?;
    assert!(loaded.library.is_empty());
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    for keys in [
        "",
        "jkGg<pgdn>",
        "/x",
        "/x<enter><esc>",
        "bB",
        "?",
        "o",
        "<tab><enter>",
    ] {
        for (w, h) in [(0, 0), (1, 1), (20, 5), (80, 24), (120, 36)] {
            let mut r = Reader::new(loaded.library.clone(), w, h)?;
            r.keys(keys)?;
            draw_and_check(&mut r, &format!("empty list, {keys:?} at {w}x{h}"))?;
        }
    }
    let screen = Reader::new(loaded.library, 80, 24)?.screen()?;
    assert!(screen.contains("This list holds no papers."), "{screen}");
    Ok(())
}

#[test]
fn a_filter_with_no_results_says_so() -> Result {
    let mut r = Reader::bundled(80, 24)?;
    r.keys("/zzqqxxzz")?;
    let screen = r.screen()?;
    assert!(screen.contains("No papers match"), "{screen}");
    assert!(screen.contains("0 of 86 papers"), "{screen}");
    r.keys("<enter>jjo b")?;
    draw_and_check(&mut r, "no results, keys pressed")?;
    Ok(())
}

#[test]
fn standard_input_that_is_not_a_terminal_is_read_or_refused_clearly() -> Result {
    let out = papertui(&["list", "-"], Stdio::null())?;
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty"));
    // The reader itself needs a terminal for its output; without one it says so.
    let out = papertui(&[], Stdio::null())?;
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a terminal"));
    Ok(())
}
