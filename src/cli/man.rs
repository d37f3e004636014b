//! The manual page: one complete page (roff) from the sources the README is made of: the
//! commands and options of clap, the keys of the keymap, and the files, environment, exit
//! status and examples below (the README's tables of them are generated from these too).

use std::fmt::Write;

use clap::{Arg, Command};

use crate::keymap::{HelpLine, help_lines};
use crate::storage::CONFIG_DIR_ENV;

/// The files of the config directory, and what each holds.
pub const FILES: [(&str, &str); 4] = [
    (
        "config.toml",
        "the settings; optional (`papertui config --print-default` prints one)",
    ),
    (
        "bookmarks.json",
        "the bookmarks, a reading list of their own (`papertui bookmarks:`)",
    ),
    ("read.json", "the keys of the papers read"),
    (
        "bookmarks.lock, read.lock",
        "the locks two papertuis take to save; empty, and may be deleted when no papertui runs",
    ),
];

/// The environment variables papertui reads.
pub const ENVIRONMENT: [(&str, &str); 3] = [
    (
        CONFIG_DIR_ENV,
        "the config directory, when --config-dir is not given",
    ),
    (
        "XDG_CONFIG_HOME",
        "where the platform's config directory is on Linux (papertui/ in it), by default ~/.config",
    ),
    ("NO_COLOR", "set and not empty, papertui draws no colour"),
];

/// The exit codes.
pub const EXIT_STATUS: [(&str, &str); 4] = [
    ("0", "success"),
    (
        "1",
        "output that could not be written, or bookmarks or read marks that could not be saved",
    ),
    (
        "2",
        "input papertui cannot read (each problem on standard error as file:line:column: what), \
         a config file it cannot use, or a usage error",
    ),
    ("128+N", "the reader was ended by signal N"),
];

/// Examples, each a command and what it does.
pub const EXAMPLES: [(&str, &str); 8] = [
    (
        "papertui",
        "open the config's lists, else the bundled Daily Papers list",
    ),
    ("papertui papers.json arxiv.jsonl", "open two lists as one"),
    (
        "papertui bookmarks:",
        "open the bookmarks as a reading list",
    ),
    (
        "papertui search 'galore memory' --format tsv",
        "the papers that match, best first, one a line: key, date, upvotes, title",
    ),
    (
        "papertui bookmarks --add https://huggingface.co/papers/2403.03507 --tag to-read",
        "bookmark a paper and tag it",
    ),
    (
        "papertui bookmarks --tag to-read",
        "the bookmarks tagged to-read, newest first",
    ),
    (
        "papertui bookmarks --format bibtex > refs.bib",
        "the bookmarks as BibTeX, tags as keywords",
    ),
    (
        "papertui config",
        "check the config file and the lists it names",
    ),
];

/// The whole page, for `papertui man`.
pub fn page(cli: &Command) -> String {
    // Built, clap has filled in what it derives: value counts, the usage lines.
    let mut built = cli.clone();
    built.build();
    let cli = &built;
    let mut out = String::new();
    let name = cli.get_name();
    let version = cli.get_version().unwrap_or("");
    let _ = writeln!(
        out,
        ".TH {} 1 \"\" \"{name} {version}\" \"User Commands\"",
        name.to_uppercase()
    );
    section(&mut out, "NAME");
    let about = cli.get_about().map(|a| a.to_string()).unwrap_or_default();
    let _ = writeln!(out, "{name} \\- {}", roff(&about));

    section(&mut out, "SYNOPSIS");
    let _ = writeln!(
        out,
        "\\fB{name}\\fR [\\fIOPTIONS\\fR] [\\fIFILE\\fR|\\fB-\\fR]..."
    );
    for sub in commands(cli) {
        let _ = writeln!(out, ".br");
        let _ = writeln!(
            out,
            "\\fB{name} {}\\fR {}",
            sub.get_name(),
            roff(&usage_tail(sub))
        );
    }

    section(&mut out, "DESCRIPTION");
    let long = cli
        .get_long_about()
        .or(cli.get_about())
        .map(|a| a.to_string());
    paragraph(&mut out, &long.unwrap_or_default());

    section(&mut out, "OPTIONS");
    for arg in cli.get_arguments() {
        describe(&mut out, arg);
    }

    section(&mut out, "COMMANDS");
    for sub in commands(cli) {
        let _ = writeln!(out, ".SS {}", roff(sub.get_name()));
        let text = sub
            .get_long_about()
            .or(sub.get_about())
            .map(|a| a.to_string());
        paragraph(&mut out, &text.unwrap_or_default());
        for arg in sub.get_arguments().filter(|a| a.get_id() != "config_dir") {
            describe(&mut out, arg);
        }
    }

    section(&mut out, "KEYS");
    paragraph(
        &mut out,
        "The reader's keys as shipped; config.toml's [keys] table changes them, and ? shows \
         the keys in use.",
    );
    for line in help_lines() {
        match line {
            HelpLine::Heading(h) => {
                let _ = writeln!(out, ".SS {}", roff(h));
            }
            HelpLine::Keys { keys, help } => item(&mut out, &keys, help),
        }
    }

    section(&mut out, "FILES");
    paragraph(
        &mut out,
        "Everything papertui keeps is in one config directory: --config-dir DIR, else \
         $PAPERTUI_CONFIG_DIR, else the platform's (~/.config/papertui on Linux).",
    );
    for (file, what) in FILES {
        item(&mut out, file, what);
    }
    section(&mut out, "ENVIRONMENT");
    for (var, what) in ENVIRONMENT {
        item(&mut out, var, what);
    }
    section(&mut out, "EXIT STATUS");
    for (code, what) in EXIT_STATUS {
        item(&mut out, code, what);
    }
    section(&mut out, "EXAMPLES");
    for (command, what) in EXAMPLES {
        let _ = writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(command), roff(what));
    }
    out
}

/// The visible commands (not `help`).
fn commands(cli: &Command) -> impl Iterator<Item = &Command> {
    cli.get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
}

/// A command's arguments as its usage line writes them, after its name.
fn usage_tail(sub: &Command) -> String {
    let usage = sub.clone().render_usage().to_string();
    let usage = usage.trim_start_matches("Usage:").trim();
    let name = format!(" {} ", sub.get_name());
    usage
        .split_once(&name)
        .map_or(String::new(), |(_, rest)| rest.trim().to_string())
}

fn section(out: &mut String, title: &str) {
    let _ = writeln!(out, ".SH \"{title}\"");
}

fn paragraph(out: &mut String, text: &str) {
    for (i, para) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.push_str(".PP\n");
        }
        let _ = writeln!(out, "{}", roff(para.trim()));
    }
}

fn item(out: &mut String, tag: &str, text: &str) {
    let _ = writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(tag), roff(text));
}

/// One option: its flags and value, its help, and its values when it takes one of a few.
fn describe(out: &mut String, arg: &Arg) {
    if arg.is_hide_set() {
        return;
    }
    let mut flags = Vec::new();
    if let Some(short) = arg.get_short() {
        flags.push(format!("-{short}"));
    }
    if let Some(long) = arg.get_long() {
        flags.push(format!("--{long}"));
    }
    let values: Vec<String> = arg
        .get_value_names()
        .map(|names| names.iter().map(|n| n.to_string()).collect())
        .unwrap_or_default();
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    let tag = match (flags.is_empty(), values.first()) {
        (true, Some(v)) => v.clone(),
        (true, None) => arg.get_id().to_string().to_uppercase(),
        (false, Some(v)) if takes_value => format!("{} {v}", flags.join(", ")),
        (false, _) => flags.join(", "),
    };
    let help = arg
        .get_long_help()
        .or(arg.get_help())
        .map(|h| h.to_string())
        .unwrap_or_default();
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| match v.get_help() {
            Some(h) => format!("{}: {h}", v.get_name()),
            None => v.get_name().to_string(),
        })
        .collect();
    let mut text = help;
    if !possible.is_empty() && arg.get_long().is_some() {
        text.push_str(&format!(" ({})", possible.join("; ")));
    }
    item(out, &tag, &text);
}

/// Text made safe for roff: backslashes doubled, a leading dot or quote guarded, dashes kept
/// as the ASCII minus a reader types.
fn roff(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.trim_start();
        if line.starts_with(['.', '\'']) {
            out.push_str("\\&");
        }
        for c in line.chars() {
            match c {
                '\\' => out.push_str("\\e"),
                '-' => out.push_str("\\-"),
                _ => out.push(c),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::Cli;

    #[test]
    fn the_page_has_every_section_command_option_and_key() {
        let cli = Cli::command();
        let page = page(&cli);
        for section in [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "COMMANDS",
            "KEYS",
            "FILES",
            "ENVIRONMENT",
            "EXIT STATUS",
            "EXAMPLES",
        ] {
            assert!(page.contains(&format!(".SH \"{section}\"\n")), "{section}");
        }
        for sub in commands(&cli) {
            assert!(
                page.contains(&format!(".SS {}\n", sub.get_name())),
                "{}",
                sub.get_name()
            );
            for arg in sub.get_arguments().filter_map(Arg::get_long) {
                assert!(page.contains(&roff(&format!("--{arg}"))), "--{arg}");
            }
        }
        for line in help_lines() {
            if let HelpLine::Keys { help, .. } = line {
                assert!(page.contains(&roff(help)), "{help}");
            }
        }
        assert!(
            !page.contains("papertui\\-list(1)"),
            "a page that does not exist"
        );
        assert!(page.contains(CONFIG_DIR_ENV));
    }

    #[test]
    fn the_synopsis_gives_each_command_its_options_and_arguments() {
        let page = page(&Cli::command());
        assert!(
            page.contains("\\fBpapertui list\\fR [OPTIONS] [FILE]..."),
            "{page}"
        );
        assert!(
            page.contains("\\fBpapertui completions\\fR [OPTIONS] <SHELL>"),
            "{page}"
        );
        assert!(page.contains("\\fB\\-\\-config\\-dir DIR\\fR"), "{page}");
    }

    #[test]
    fn every_request_line_is_a_macro_the_page_means() {
        let page = page(&Cli::command());
        for line in page.lines().filter(|l| l.starts_with(['.', '\''])) {
            let request = line.split_whitespace().next().unwrap_or("");
            assert!(
                [".TH", ".SH", ".SS", ".TP", ".PP", ".br"].contains(&request),
                "{line}"
            );
        }
    }
}
