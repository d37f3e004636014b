//! The real binary in a pseudo-terminal, read back through a vt100 parser that records what the
//! terminal was asked to do besides drawing, with every byte it wrote kept too (for sequences
//! vt100 does not keep, like OSC 52).

mod launch;
mod watch;

use std::io::Write;
use std::num::NonZeroU16;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, MasterPty, PtySize};
use vt100::MouseProtocolMode;

use super::Result;
pub use launch::Launch;
pub use watch::Watch;

/// How long to wait for the screen to show something: generous, as this only bounds a hang.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// The pause after a key of a paced run, to let the reader draw as a person typing would.
const KEY_PAUSE: Duration = Duration::from_millis(40);

/// The pause after a resize of a paced run.
const RESIZE_PAUSE: Duration = Duration::from_millis(60);

pub struct Term {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser<Watch>>>,
    /// Every byte the reader wrote.
    raw: Arc<Mutex<Vec<u8>>>,
    closed: Arc<AtomicBool>,
    paced: bool,
    /// The config directory made for this run when none was given, removed with it.
    _config: Option<tempfile::TempDir>,
}

impl Term {
    /// The reader at `cols` x `rows`, on the bundled list, with a config directory of its own
    /// and run from the crate's root, unless the [`Launch`] says otherwise.
    pub fn launch(cols: u16, rows: u16) -> Launch {
        Launch::new(cols, rows)
    }

    pub fn send(&mut self, bytes: &str) -> Result {
        self.writer.write_all(bytes.as_bytes())?;
        self.writer.flush()?;
        if self.paced {
            thread::sleep(KEY_PAUSE);
        }
        Ok(())
    }

    /// Waits until `ready` holds for the screen; fails with the screen if it never does.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) -> Result {
        let start = Instant::now();
        loop {
            {
                let parser = self.parser.lock().unwrap();
                if ready(parser.screen()) {
                    return Ok(());
                }
                if start.elapsed() > PATIENCE {
                    let screen = parser.screen().contents();
                    return Err(format!("never saw {what}; the screen:\n{screen}").into());
                }
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_for_text(&self, text: &str) -> Result {
        self.wait_for(&format!("{text:?}"), |s| s.contents().contains(text))
    }

    /// Waits until the bytes written so far hold `wanted`.
    pub fn wait_for_bytes(&self, wanted: &[u8]) -> Result {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if self
                .raw
                .lock()
                .unwrap()
                .windows(wanted.len())
                .any(|w| w == wanted)
            {
                return Ok(());
            }
            thread::sleep(Duration::from_millis(20));
        }
        Err(format!("never wrote {:?}", String::from_utf8_lossy(wanted)).into())
    }

    /// Every byte written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Runs `f` on the screen as it is now.
    pub fn screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap().screen())
    }

    /// What the terminal was asked to do besides drawing, so far.
    pub fn watch(&self) -> Watch {
        self.parser.lock().unwrap().callbacks().clone()
    }

    pub fn resize(&mut self, cols: u16, rows: u16) -> Result {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nonzero(rows)?, nonzero(cols)?);
        self.master.resize(size(cols, rows))?;
        if self.paced {
            thread::sleep(RESIZE_PAUSE);
        }
        Ok(())
    }

    /// Sends `signal` to the reader.
    pub fn signal(&self, signal: libc::c_int) -> Result {
        let pid = self.child.process_id().ok_or("no process id")?;
        // SAFETY: kill(2) on the reader this harness started; no memory is shared.
        let sent = unsafe { libc::kill(pid as libc::pid_t, signal) };
        assert_eq!(sent, 0, "kill({pid}, {signal})");
        Ok(())
    }

    pub fn wait_for_exit(&mut self) -> Result<portable_pty::ExitStatus> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait()? {
                while !self.closed.load(Ordering::SeqCst) && start.elapsed() < PATIENCE {
                    thread::sleep(Duration::from_millis(20));
                }
                return Ok(status);
            }
            if start.elapsed() > PATIENCE {
                self.child.kill()?;
                return Err("the reader did not exit".into());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Quits with `q` and checks the exit status.
    pub fn quit(&mut self) -> Result {
        self.send("q")?;
        let status = self.wait_for_exit()?;
        if !status.success() {
            return Err(format!("exit status {status:?}").into());
        }
        Ok(())
    }

    /// The terminal is as the shell left it: main screen, no mouse reports, no paste mode.
    pub fn assert_restored(&self) {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert_eq!(screen.mouse_protocol_mode(), MouseProtocolMode::None);
        assert!(!screen.bracketed_paste(), "bracketed paste still on");
    }
}

fn nonzero(n: u16) -> Result<NonZeroU16> {
    Ok(NonZeroU16::new(n).ok_or("a terminal has at least one row and column")?)
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// Row `row` of the screen from column `col` on.
pub fn row_from(screen: &vt100::Screen, row: u16, col: u16) -> String {
    let (_, cols) = screen.size();
    screen
        .rows(col, cols.get().saturating_sub(col))
        .nth(usize::from(row))
        .unwrap_or_default()
}

/// The column of the list pane's right border: where its top border turns down, on row 1.
pub fn list_end(screen: &vt100::Screen) -> Option<u16> {
    let (_, cols) = screen.size();
    (1..cols.get()).find(|&col| screen.cell(1, col).is_some_and(|c| c.contents() == "╮"))
}

/// The detail pane's first row (row 2), from its left border on.
pub fn detail_top(screen: &vt100::Screen) -> String {
    list_end(screen).map_or_else(String::new, |end| row_from(screen, 2, end + 1))
}

/// The row of the list whose title starts with `title` (after the border and the mark).
pub fn list_row(screen: &vt100::Screen, title: &str) -> Option<u16> {
    let (rows, _) = screen.size();
    (2..rows.get()).find(|&row| row_from(screen, row, 3).starts_with(title))
}
