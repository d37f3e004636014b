//! papertui: a terminal reader for research papers. Wiring only: parse arguments, dispatch.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use papertui::cli;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    if let Some(command) = cli.command {
        return cli::run_command(command, cli.config_dir.as_deref());
    }
    if !std::io::stdout().is_terminal() {
        eprintln!(
            "papertui: standard output is not a terminal, so the reader cannot start; \
             use `papertui list` to print the papers"
        );
        return ExitCode::from(cli::EXIT_BAD_INPUT);
    }
    let _loaded = match cli::load_or_report(&cli::sources(&cli.files)) {
        Ok(l) => l,
        Err(code) => return code,
    };
    eprintln!("papertui: the reader is not built yet; use `papertui list` or `papertui search`");
    ExitCode::from(cli::EXIT_BAD_INPUT)
}
