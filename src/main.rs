//! papertui: a terminal reader for research papers. Wiring only: parse arguments, dispatch.

use std::process::ExitCode;

use clap::Parser;
use papertui::cli;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        Some(command) => cli::run_command(command),
        None => cli::run_reader(&cli.files),
    }
}
