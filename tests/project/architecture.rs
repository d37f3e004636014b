//! The architecture holds (ARCHITECTURE.md, "Which module may import which"): each module of
//! `src/` imports only the modules its band allows, the pure core touches no terminal, disk,
//! network, thread or process, and no file imports another that imports it back.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Who may import whom, by top-level module (or `model::mode`, which the keymap needs). A
/// module not listed (app, reader, cli, harness, lib) may import anything.
const ALLOWED: &[(&str, &[&str])] = &[
    ("sanitize", &[]),
    ("text", &[]),
    ("clipboard", &[]),
    ("action", &[]),
    ("os", &[]),
    ("model::mode", &[]),
    ("library", &["sanitize", "text"]),
    ("marks", &["library"]),
    ("search", &["library"]),
    ("layout", &["library", "text"]),
    ("export", &["library", "marks", "sanitize", "text"]),
    (
        "model",
        &[
            "action",
            "library",
            "marks",
            "layout",
            "search",
            "export",
            "clipboard",
            "sanitize",
            "text",
        ],
    ),
    ("keymap", &["action", "model::mode"]),
    ("config", &["keymap", "layout", "model::mode"]),
    (
        "ui",
        &[
            "model", "layout", "keymap", "config", "text", "library", "search", "action",
        ],
    ),
    ("load", &["library", "sanitize"]),
    ("net", &["os"]),
    ("sources", &["net", "load", "library"]),
    ("storage", &["marks", "config", "os"]),
    ("lists", &["load", "sources", "net", "config", "library"]),
    (
        "workers",
        &[
            "search", "library", "load", "sources", "lists", "net", "storage", "marks", "model",
            "os",
        ],
    ),
];

/// The pure core: none of these, and rayon only in the search's scan.
const CORE: &[&str] = &["library", "marks", "search", "layout", "model"];
const IMPURE: &[&str] = &[
    "crossterm",
    "std::fs",
    "std::net",
    "std::thread",
    "std::process",
    "rayon",
];
const RAYON_AT: &str = "src/search/scan.rs";

/// A source file: its module path and its lines outside tests.
struct File {
    path: PathBuf,
    module: Vec<String>,
    lines: Vec<String>,
}

fn files() -> Result<Vec<File>> {
    let mut out = Vec::new();
    let mut dirs = vec![PathBuf::from("src")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && let Some(file) = read(&path)?
            {
                out.push(file);
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The file's module and lines, or None for test-only files and the binary's `main.rs`.
fn read(path: &Path) -> Result<Option<File>> {
    let rel = path.strip_prefix("src")?.with_extension("");
    let mut module: Vec<String> = rel.iter().map(|c| c.to_string_lossy().into()).collect();
    if module.iter().any(|c| c == "tests" || c == "testing") || module == ["main"] {
        return Ok(None);
    }
    if module.last().is_some_and(|c| c == "mod" || c == "lib") {
        module.pop();
    }
    let text = fs::read_to_string(path)?;
    let body = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
    let lines = body.lines().map(str::to_string).collect();
    Ok(Some(File {
        path: path.to_path_buf(),
        module,
        lines,
    }))
}

/// The module paths a line names: `crate::a::b`, `super::c`, and each item of a brace group
/// (`super::{d, e::f}`), resolved against `module` (the file's own).
fn named(line: &str, module: &[String]) -> Vec<Vec<String>> {
    let code = line.split("//").next().unwrap_or("");
    let mut out = Vec::new();
    for (start, _) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
    {
        let before = code[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut base: Vec<String> = Vec::new();
        let mut rest = &code[start..];
        if let Some(r) = rest.strip_prefix("crate::") {
            rest = r;
        } else {
            base = module.to_vec();
            while let Some(r) = rest.strip_prefix("super::") {
                base.pop();
                rest = r;
            }
        }
        let path: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let prefix: Vec<String> = path
            .split("::")
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        let after = &rest[path.len()..];
        if let Some(group) = after.strip_prefix('{') {
            let group = group.split('}').next().unwrap_or("");
            for item in group.split(',') {
                let item = item.split_whitespace().next().unwrap_or("");
                let mut full = base.clone();
                full.extend(prefix.iter().cloned());
                full.extend(item.split("::").filter(|s| !s.is_empty()).map(String::from));
                out.push(full);
            }
        } else {
            let mut full = base;
            full.extend(prefix);
            out.push(full);
        }
    }
    out
}

/// The longest prefix of `path` that is a module of `known`.
fn resolve(path: &[String], known: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| known.contains(p))
}

/// The name the rules know a module by: `model::mode`, or its top-level module.
fn band(module: &[String]) -> String {
    match module {
        [a, b, ..] if a == "model" && b == "mode" => "model::mode".into(),
        [a, ..] => a.clone(),
        [] => String::new(),
    }
}

fn allowed(from: &str) -> Option<&'static [&'static str]> {
    ALLOWED
        .iter()
        .find(|(m, _)| *m == from)
        .map(|(_, may)| *may)
}

#[test]
fn every_module_imports_only_what_its_band_allows() -> Result {
    let files = files()?;
    let known: BTreeSet<Vec<String>> = files.iter().map(|f| f.module.clone()).collect();
    let mut wrong = Vec::new();
    for file in &files {
        let from = band(&file.module);
        let Some(may) = allowed(&from) else {
            continue;
        };
        for (n, line) in file.lines.iter().enumerate() {
            for path in named(line, &file.module) {
                let Some(target) = resolve(&path, &known) else {
                    continue;
                };
                let to = band(&target);
                let top = target.first().cloned().unwrap_or_default();
                if to == from
                    || top == from
                    || may.contains(&to.as_str())
                    || may.contains(&top.as_str())
                {
                    continue;
                }
                // model::mode is part of model: the model may use it, and it may use nothing.
                if from == "model::mode" && top == "model" && to != "model::mode" {
                    wrong.push(format!(
                        "{}:{}: model::mode imports {}",
                        file.path.display(),
                        n + 1,
                        target.join("::")
                    ));
                    continue;
                }
                if from == "model" && to == "model::mode" {
                    continue;
                }
                wrong.push(format!(
                    "{}:{}: {from} may not import {}",
                    file.path.display(),
                    n + 1,
                    target.join("::")
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against ARCHITECTURE.md:\n{}",
        wrong.join("\n")
    );
    Ok(())
}

#[test]
fn the_pure_core_touches_no_terminal_disk_network_thread_or_process() -> Result {
    let mut wrong = Vec::new();
    for file in files()? {
        if !CORE.contains(&band(&file.module).as_str()) && band(&file.module) != "model::mode" {
            continue;
        }
        for (n, line) in file.lines.iter().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in IMPURE {
                let at_scan = *word == "rayon" && file.path == Path::new(RAYON_AT);
                if !at_scan && mentions(code, word) {
                    wrong.push(format!("{}:{}: uses {word}", file.path.display(), n + 1));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the core is not pure:\n{}",
        wrong.join("\n")
    );
    Ok(())
}

/// True if `code` names `word` as a path (not as part of a longer name).
fn mentions(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(i, _)| {
        let before = code[..i].chars().next_back();
        let after = code[i + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn no_file_imports_one_that_imports_it_back() -> Result {
    let files = files()?;
    let known: BTreeSet<Vec<String>> = files.iter().map(|f| f.module.clone()).collect();
    // Edges from a file to the modules it names, but not to its own submodules: a parent
    // declaring and re-exporting its children is how Rust modules are made.
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in &files {
        let out = edges.entry(file.module.clone()).or_default();
        for line in &file.lines {
            for path in named(line, &file.module) {
                if let Some(target) = resolve(&path, &known)
                    && !target.starts_with(&file.module)
                {
                    out.insert(target);
                }
            }
        }
    }
    let mut cycles = Vec::new();
    for (from, targets) in &edges {
        for to in targets {
            if let Some(back) = path_between(&edges, to, from) {
                let mut cycle: Vec<String> = vec![from.join("::")];
                cycle.extend(back.iter().map(|m| m.join("::")));
                cycles.push(cycle.join(" -> "));
            }
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
    Ok(())
}

/// A path of imports from `from` to `to`, if there is one (both included).
fn path_between(
    edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    from: &[String],
    to: &[String],
) -> Option<Vec<Vec<String>>> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![vec![from.to_vec()]];
    while let Some(path) = stack.pop() {
        let last = path.last()?.clone();
        // Reaching `to` or one of its submodules closes the cycle.
        if last.starts_with(to) {
            return Some(path);
        }
        if !seen.insert(last.clone()) {
            continue;
        }
        for next in edges.get(&last).into_iter().flatten() {
            let mut longer = path.clone();
            longer.push(next.clone());
            stack.push(longer);
        }
    }
    None
}

#[test]
fn the_checker_sees_an_import_through_super_and_a_brace_group() {
    let module = vec!["model".to_string(), "filter".to_string()];
    let named = named("use super::{Effect, Model, sorting::Order};", &module);
    assert!(named.contains(&vec!["model".into(), "sorting".into(), "Order".into()]));
    let named = super_named("crate::config::Config");
    assert_eq!(
        named,
        vec![vec!["config".to_string(), "Config".to_string()]]
    );
}

fn super_named(line: &str) -> Vec<Vec<String>> {
    named(line, &[])
}
