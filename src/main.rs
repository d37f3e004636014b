//! papertui: a terminal reader for research papers. Wiring only: parse arguments, dispatch.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use papertui::app::{self, Exit};
use papertui::{cli, load};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    if let Some(command) = cli.command {
        return cli::run_command(command);
    }
    if !std::io::stdout().is_terminal() {
        eprintln!(
            "papertui: standard output is not a terminal, so the reader cannot start; \
             use `papertui list` to print the papers"
        );
        return ExitCode::from(cli::EXIT_BAD_INPUT);
    }
    let loaded = match cli::load_or_report(&cli::sources(&cli.files)) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let notice = match loaded.warnings.len() {
        0 => None,
        1 => load::summarize(&loaded.warnings).into_iter().next(),
        n => Some(format!(
            "{n} records skipped while loading; the first: {}",
            loaded.warnings[0]
        )),
    };
    match app::run(loaded.library, notice) {
        Ok(Exit::Quit) => ExitCode::SUCCESS,
        Ok(Exit::Signal(signal)) => ExitCode::from(128u8.saturating_add(signal as u8)),
        Err(e) => {
            eprintln!("papertui: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
