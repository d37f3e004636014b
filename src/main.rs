//! papertui: a terminal reader for research papers. Wiring only: parse arguments, dispatch.

use std::process::ExitCode;

use clap::Parser;
use papertui::{cli, reader};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let config_dir = cli.config_dir.as_deref();
    match cli.command {
        Some(command) => cli::run_command(command, config_dir, &cli.net),
        None => reader::run(&cli.files, config_dir, &cli.net),
    }
}
