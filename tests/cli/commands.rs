//! The command line, run as a user runs it: the real binary, real files, exit codes and output.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::support::Result;
use crate::support::run::{BIN, data, stderr, stdout};

fn papertui(args: &[&str]) -> Output {
    papertui_with_stdin(args, None)
}

fn papertui_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env(
            "PAPERTUI_CONFIG_DIR",
            std::env::temp_dir().join("papertui-cli-tests"),
        )
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn json(o: &Output) -> Result<Vec<serde_json::Value>> {
    Ok(serde_json::from_slice(&o.stdout)?)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let path = dir.join(name);
    std::fs::write(&path, bytes)?;
    Ok(path)
}

#[test]
fn list_prints_the_86_bundled_titles_in_page_order() -> Result {
    let out = papertui(&["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let titles: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert_eq!(titles.len(), 86);
    assert_eq!(
        titles[0],
        "An Emulator for Fine-Tuning Large Language Models using Small Language Models"
    );
    assert_eq!(
        titles[85],
        "Training Language Models to Self-Correct via Reinforcement Learning"
    );
    let page = std::fs::read_to_string(data("daily-papers.txt"))?;
    let mut at = 0;
    for t in &titles {
        at += page[at..]
            .find(t.as_str())
            .ok_or(format!("{t} out of page order"))?;
    }
    Ok(())
}

#[test]
fn list_json_gives_86_papers_with_keys_and_abstracts() -> Result {
    let papers = json(&papertui(&["list", "--json"]))?;
    assert_eq!(papers.len(), 86);
    for p in &papers {
        assert!(p["key"].as_str().is_some_and(|k| k.starts_with("title:")));
        assert!(p["abstract"].as_str().is_some_and(|a| a.len() > 200), "{p}");
    }
    Ok(())
}

#[test]
fn search_galore_puts_galore_first() -> Result {
    let out = papertui(&["search", "galore"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out).lines().next(),
        Some("GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection")
    );
    let limited = papertui(&["search", "language model", "--limit", "3"]);
    assert_eq!(stdout(&limited).lines().count(), 3);
    let none = papertui(&["search", "xyzqq"]);
    assert!(stdout(&none).is_empty());
    assert_eq!(none.status.code(), Some(1), "nothing matched, as grep says");
    Ok(())
}

#[test]
fn a_limited_search_is_the_top_of_the_whole_ranking() -> Result {
    let file = "tests/data/arxiv-metadata-oai-snapshot.sample200.jsonl";
    for q in [
        "quantum",
        "field",
        "fiel",
        "mass ratio",
        "difusion",
        "'ion",
        "^the",
        "!the",
        "a | b",
        "Sch",
        "xyzq",
        "lambda",
        "Λ",
        "p-adic",
    ] {
        let all = stdout(&papertui(&["search", q, file]));
        let all: Vec<&str> = all.lines().collect();
        for limit in [1, 3, 10, 500] {
            let top = stdout(&papertui(&[
                "search",
                q,
                file,
                "--limit",
                &limit.to_string(),
            ]));
            let top: Vec<&str> = top.lines().collect();
            assert_eq!(top, all[..limit.min(all.len())], "{q:?} limit {limit}");
        }
    }
    Ok(())
}

#[test]
fn search_takes_fzf_syntax() -> Result {
    let titles = |q: &str| -> Vec<String> {
        stdout(&papertui(&["search", q]))
            .lines()
            .map(str::to_string)
            .collect()
    };
    assert!(titles("^GaLore")[0].starts_with("GaLore"));
    assert!(titles("Models$").iter().all(|t| t.ends_with("Models")));
    assert!(
        titles("language !large")
            .iter()
            .all(|t| !t.contains("Large"))
    );
    let either = titles("galore | xyzqq");
    assert_eq!(either.len(), 1);
    Ok(())
}

#[test]
fn smart_case_covers_letters_beyond_ascii() -> Result {
    let dir = tempfile::tempdir()?;
    let papers = [
        ("Über die Quantenmechanik", "Werner Heisenberg", ""),
        ("ÜBER DIE WELLEN", "Anon", ""),
        ("über alles", "Ann Lee", ""),
        ("Quantum dots", "Hans Müller", ""),
        ("Spin chains", "K. MÜLLER", ""),
        ("Uber rides", "Bo Chen", "no umlaut"),
        ("Σ-protocols", "Ivan Damgård", ""),
        ("Measures", "Ann Lee", "on a σ-algebra with élan"),
        ("Élan vital", "Henri Bergson", ""),
    ];
    let records: Vec<serde_json::Value> = papers
        .iter()
        .map(|(title, authors, abs)| {
            serde_json::json!({"title": title, "authors": authors, "abstract": abs})
        })
        .collect();
    let array = write(dir.path(), "papers.json", &serde_json::to_vec(&records)?)?;
    let lines: String = records.iter().map(|r| r.to_string() + "\n").collect();
    let lines = write(dir.path(), "papers.jsonl", lines.as_bytes())?;
    for file in [&array, &lines] {
        let file = file.to_str().ok_or("a UTF-8 path")?;
        let titles = |q: &str, limit: Option<&str>| -> Vec<String> {
            let mut args = vec!["search", q, file];
            args.extend(limit.map(|n| ["--limit", n]).into_iter().flatten());
            stdout(&papertui(&args))
                .lines()
                .map(str::to_string)
                .collect()
        };
        let cases: [(&str, &[&str]); 11] = [
            (
                "über",
                &["Über die Quantenmechanik", "ÜBER DIE WELLEN", "über alles"],
            ),
            ("Über", &["Über die Quantenmechanik"]),
            ("ÜBER", &["ÜBER DIE WELLEN"]),
            ("müller", &["Quantum dots", "Spin chains"]),
            ("Müller", &["Quantum dots"]),
            ("müler", &["Quantum dots", "Spin chains"]),
            ("σ", &["Σ-protocols", "Measures"]),
            ("Σ", &["Σ-protocols"]),
            ("^élan", &["Élan vital"]),
            ("'élan", &["Élan vital", "Measures"]),
            (
                "!über !élan !σ",
                &["Quantum dots", "Spin chains", "Uber rides"],
            ),
        ];
        for (q, expected) in cases {
            assert_eq!(titles(q, None), expected, "{q:?} in {file}");
            assert_eq!(
                titles(q, Some("1")),
                expected[..1],
                "{q:?} --limit 1 in {file}"
            );
        }
    }
    Ok(())
}

#[test]
fn latex_is_shown_as_symbols_and_found_by_the_symbols_name() {
    let file = data("arxiv-metadata-oai-snapshot.sample200.jsonl");
    let best = |q: &str| stdout(&papertui(&["search", q, &file, "--limit", "1"]));
    assert_eq!(best("lambda"), "From dyadic Λ_α to Λ_α\n");
    assert_eq!(best("Λ"), "From dyadic Λ_α to Λ_α\n");
    assert_eq!(
        best("p-adic limit"),
        "p-adic Limit of Weakly Holomorphic Modular Forms of Half Integral Weight\n"
    );
    assert!(best("gröbner").contains("the Gröbner basis"));
}

#[test]
fn all_200_arxiv_records_load_clean() -> Result {
    let papers = json(&papertui(&[
        "list",
        "--json",
        &data("arxiv-metadata-oai-snapshot.sample200.jsonl"),
    ]))?;
    assert_eq!(papers.len(), 200);
    for p in &papers {
        let title = p["title"].as_str().unwrap();
        let abs = p["abstract"].as_str().unwrap();
        for text in [title, abs] {
            assert!(!text.contains('\n') && !text.contains("  ") && text.trim() == text);
        }
        assert!(!abs.is_empty());
        let authors = p["authors"].as_array().unwrap();
        assert!(!authors.is_empty());
        for a in authors {
            let a = a.as_str().unwrap();
            assert!(!a.contains(['\\', '{', '}', ',']), "author {a:?}");
        }
        assert!(p["key"].as_str().unwrap().starts_with("arxiv:0704."));
    }
    assert_eq!(papers[0]["authors"][0], "C. Bal\u{e1}zs");
    assert_eq!(papers[0]["published"], "2007-04-02");
    assert_eq!(
        papers[0]["title"],
        "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies"
    );
    Ok(())
}

#[test]
fn all_4_hugging_face_items_load() -> Result {
    let papers = json(&papertui(&[
        "list",
        "--json",
        &data("hf_daily_papers.sample.json"),
    ]))?;
    assert_eq!(papers.len(), 4);
    assert_eq!(papers[0]["id"], "2410.17243");
    assert_eq!(
        papers[0]["title"],
        "Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss"
    );
    assert_eq!(papers[0]["upvotes"], 64);
    assert_eq!(papers[0]["authors"][0], "Zesen Cheng");
    assert!(
        papers
            .iter()
            .all(|p| p["abstract"].as_str().unwrap().len() > 100)
    );
    Ok(())
}

#[test]
fn the_test_data_are_the_shared_samples_verbatim() -> Result {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if !shared.exists() {
        return Ok(()); // A clone outside the team's workspace has only its own copies.
    }
    for (ours, theirs) in [
        (
            "arxiv-metadata-oai-snapshot.sample200.jsonl",
            "data/arxiv-metadata-oai-snapshot.sample200.jsonl",
        ),
        (
            "hf_daily_papers.sample.json",
            "data/hf_daily_papers.sample.json",
        ),
        ("daily-papers.txt", "seed/daily-papers.txt"),
    ] {
        assert_eq!(
            std::fs::read(data(ours))?,
            std::fs::read(shared.join(theirs))?,
            "{ours}"
        );
    }
    Ok(())
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let out = papertui_with_stdin(
        &["list", "-"],
        Some(b"{\"title\":\"A\"}\n{\"title\":\"B\"}\n"),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "A\nB\n");
}

#[test]
fn several_files_merge_and_drop_duplicates() -> Result {
    let dir = tempfile::tempdir()?;
    let a = write(
        dir.path(),
        "a.json",
        br#"[{"id":"2403.03507","title":"GaLore"},{"title":"Only A"}]"#,
    )?;
    let b = write(dir.path(), "b.jsonl", b"{\"id\":\"2403.03507v2\",\"title\":\"GaLore v2\"}\n{\"title\":\"only a\"}\n{\"title\":\"Only B\"}\n")?;
    let out = papertui(&["list", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(stdout(&out), "GaLore\nOnly A\nOnly B\n");
    Ok(())
}

/// Runs `list` on a file holding `bytes` and returns (exit code, stdout, stderr).
fn list_file(name: &str, bytes: &[u8]) -> Result<(i32, String, String)> {
    let dir = tempfile::tempdir()?;
    let path = write(dir.path(), name, bytes)?;
    let out = papertui(&["list", path.to_str().unwrap()]);
    let err = stderr(&out).replace(&dir.path().display().to_string(), "DIR");
    Ok((out.status.code().unwrap_or(-1), stdout(&out), err))
}

#[test]
fn a_missing_file_is_named() {
    let out = papertui(&["list", "/nonexistent/papers.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "papertui: error: /nonexistent/papers.json: no such file\n"
    );
}

#[test]
fn a_directory_is_refused() -> Result {
    let dir = tempfile::tempdir()?;
    let out = papertui(&["list", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).ends_with(": is a directory, not a paper list\n"),
        "{}",
        stderr(&out)
    );
    Ok(())
}

#[test]
fn a_fifo_is_refused_without_hanging() -> Result {
    let dir = tempfile::tempdir()?;
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status()?;
    assert!(made.success());
    let out = papertui(&["list", fifo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is a FIFO (named pipe), not a regular file"),
        "{}",
        stderr(&out)
    );
    Ok(())
}

#[test]
fn a_device_is_refused() {
    let out = papertui(&["list", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "papertui: error: /dev/zero: is a device, not a regular file\n"
    );
}

#[test]
fn invalid_utf8_is_placed() -> Result {
    let (code, _, err) = list_file("bad.txt", b"Title\n\nAbs\xfftract\n")?;
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "papertui: error: DIR/bad.txt:3:4: invalid UTF-8 (byte 0xFF); papertui reads UTF-8 text\n"
    );
    Ok(())
}

#[test]
fn a_json_syntax_error_says_where_and_what() -> Result {
    let (code, _, err) = list_file(
        "bad.json",
        b"[\n  {\"title\": \"a\"}\n  {\"title\": \"b\"}\n]",
    )?;
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "papertui: error: DIR/bad.json:3:3: expected `,` or `]`\n"
    );
    let (code, _, err) = list_file("cut.json", b"[{\"title\": \"a\"")?;
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "papertui: error: DIR/cut.json:1:14: EOF while parsing an object: the file ends early \
         (an interrupted download?)\n"
    );
    Ok(())
}

#[test]
fn a_wrong_title_skips_the_record_and_a_wrong_field_only_the_field() -> Result {
    let (code, out, err) = list_file(
        "mixed.json",
        b"[\n {\"title\": \"good\"},\n {\"title\": [\"bad\"]},\n {\"title\": \"also good\", \"upvotes\": \"many\"}\n]",
    )?;
    assert_eq!(code, 0);
    assert_eq!(out, "good\nalso good\n");
    assert_eq!(
        err,
        "papertui: warning: DIR/mixed.json:3:11: paper 2 skipped: invalid type: sequence, expected a string\n\
         papertui: warning: DIR/mixed.json:4:2: paper 3: `upvotes` ignored: invalid type: string \"many\", expected u32\n"
    );
    Ok(())
}

#[test]
fn a_torn_json_lines_line_is_skipped_with_its_number() -> Result {
    let (code, out, err) = list_file(
        "torn.jsonl",
        b"{\"title\": \"one\"}\n{\"title\": \"tw\n{\"title\": \"three\"}\n",
    )?;
    assert_eq!(code, 0);
    assert_eq!(out, "one\nthree\n");
    assert_eq!(
        err,
        "papertui: warning: DIR/torn.jsonl:2:13: line skipped: EOF while parsing a string: the \
         line ends early (an interrupted download?)\n"
    );
    Ok(())
}

#[test]
fn a_byte_order_mark_is_accepted() -> Result {
    let (code, out, _) = list_file("bom.json", b"\xEF\xBB\xBF[{\"title\": \"a\"}]")?;
    assert_eq!((code, out.as_str()), (0, "a\n"));
    let (code, out, _) = list_file(
        "bom.jsonl",
        b"\xEF\xBB\xBF{\"title\": \"a\"}\n{\"title\": \"b\"}\n",
    )?;
    assert_eq!((code, out.as_str()), (0, "a\nb\n"));
    let (code, out, _) = list_file("bom.txt", b"\xEF\xBB\xBFT\n\nA\n")?;
    assert_eq!((code, out.as_str()), (0, "T\n"));
    Ok(())
}

#[test]
fn an_empty_file_gets_a_clear_message() -> Result {
    for bytes in [&b""[..], b"  \n\n", b"\xEF\xBB\xBF"] {
        let (code, _, err) = list_file("empty.json", bytes)?;
        assert_eq!(code, 2);
        assert_eq!(
            err,
            "papertui: error: DIR/empty.json: the file is empty: no papers in it\n"
        );
    }
    Ok(())
}

#[test]
fn a_file_with_no_readable_paper_fails() -> Result {
    let (code, _, err) = list_file("nothing.jsonl", b"{\"x\": 1}\n{\"title\": 2}\n")?;
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "papertui: error: DIR/nothing.jsonl: no papers could be read from this file: 1:1: line \
         skipped: record has no title (its fields: x); 2:11: line skipped: invalid type: integer `2`, expected a \
         string\n"
    );
    Ok(())
}

#[test]
fn every_problem_gets_its_own_line_and_all_files_are_checked() {
    let out = papertui(&["list", "/nonexistent/a", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).lines().count(), 2);
}

#[test]
fn the_reader_refuses_to_start_without_a_terminal() {
    let out = papertui(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("use `papertui list`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_version_and_completions_work() {
    let help = papertui(&["--help"]);
    assert!(help.status.success() && stdout(&help).contains("search"));
    let version = papertui(&["--version"]);
    assert_eq!(
        stdout(&version),
        format!("papertui {}\n", env!("CARGO_PKG_VERSION"))
    );
    let bash = papertui(&["completions", "bash"]);
    assert!(bash.status.success() && stdout(&bash).contains("_papertui"));
}

#[test]
fn a_closed_pipe_is_not_an_error() -> Result {
    let mut child = Command::new(BIN)
        .args(["list", &data("arxiv-metadata-oai-snapshot.sample200.jsonl")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    drop(child.stdout.take());
    let out = child.wait_with_output()?;
    assert!(out.status.success(), "{}", stderr(&out));
    Ok(())
}

#[test]
fn the_same_paper_from_the_daily_papers_and_an_arxiv_feed_is_one_paper_with_both_fields() -> Result
{
    let dir = tempfile::tempdir()?;
    // arXiv's API answer for the first paper of the recorded Daily Papers of 2026-06-12.
    let feed = r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title>arXiv Query</title>
  <entry>
    <id>http://arxiv.org/abs/2606.00467v2</id>
    <title>On the Limits of LLM Adaptability</title>
    <summary>The abstract as arXiv has it.</summary>
    <author><name>Etienne Casanova</name></author>
    <arxiv:comment>37 pages, 15 figures</arxiv:comment>
    <arxiv:primary_category term="cs.CL"/>
    <category term="cs.CL"/>
    <category term="cs.AI"/>
  </entry>
</feed>"#;
    let feed = write(dir.path(), "feed.xml", feed.as_bytes())?;
    let out = papertui(&[
        "list",
        "--json",
        &data("hf-daily-papers-2026-06-12.json"),
        feed.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let papers = json(&out)?;
    assert_eq!(papers.len(), 30, "the feed's paper is one of the 30");
    let p = papers
        .iter()
        .find(|p| p["id"] == "2606.00467")
        .ok_or("the paper")?;
    assert_eq!(p["upvotes"], 0, "from the Daily Papers");
    assert!(
        p["ai_summary"]
            .as_str()
            .is_some_and(|s| s.starts_with("Large language models"))
    );
    assert_eq!(p["comments"], "37 pages, 15 figures", "from the feed");
    assert_eq!(p["primary_category"], "cs.CL");
    assert_eq!(p["categories"], serde_json::json!(["cs.CL", "cs.AI"]));
    assert_eq!(p["key"], "arxiv:2606.00467");
    Ok(())
}
