//! The terminal in the reader's modes, restored on drop, panic or signal, and the threads that
//! turn its input and the signals into events.

use std::io;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::Sender;
use std::thread;

use anyhow::{Context, Result};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use ratatui::DefaultTerminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::AppEvent;

/// The terminal in the reader's modes; dropping it (or a panic) restores the terminal.
pub(super) struct Session {
    pub(super) terminal: DefaultTerminal,
}

impl Session {
    pub(super) fn start() -> Result<Session> {
        let terminal = ratatui::try_init().context("cannot set up the terminal")?;
        // ratatui's hook restores raw mode and the screen; ours first turns off the modes it
        // does not know, and ends the program when a worker thread panics.
        let restore = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            disable_modes();
            restore(info);
            if thread::current().name() != Some("main") {
                std::process::exit(101);
            }
        }));
        let session = Session { terminal };
        execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)
            .context("cannot enable the mouse")?;
        Ok(session)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        disable_modes();
        ratatui::restore();
    }
}

fn disable_modes() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
}

/// Turns SIGTERM, SIGHUP and SIGINT into a quit event, so the terminal is restored. A second
/// signal while the first is being handled ends the program at once.
pub(super) fn watch_signals(tx: Sender<AppEvent>) -> Result<()> {
    let signals = [SIGTERM, SIGHUP, SIGINT];
    let pending = Arc::new(AtomicBool::new(false));
    for signal in signals {
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&pending))?;
        signal_hook::flag::register(signal, Arc::clone(&pending))?;
    }
    let mut signals = Signals::new(signals).context("cannot watch for signals")?;
    thread::Builder::new()
        .name("papertui-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if tx.send(AppEvent::Signal(signal)).is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}

pub(super) fn spawn_input(tx: Sender<AppEvent>) -> Result<()> {
    thread::Builder::new()
        .name("papertui-input".into())
        .spawn(move || {
            loop {
                let sent = match event::read() {
                    Ok(event) => tx.send(AppEvent::Terminal(event)),
                    Err(e) => {
                        let _ = tx.send(AppEvent::Failed(format!("cannot read the terminal: {e}")));
                        break;
                    }
                };
                if sent.is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}
