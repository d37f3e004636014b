//! The real binary in a pseudo-terminal, read back through a vt100 parser, with every byte it
//! wrote kept too (for sequences vt100 does not keep, like OSC 52).

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use super::Result;

/// How long to wait for the screen to show something: generous, as this only bounds a hang.
pub const PATIENCE: Duration = Duration::from_secs(10);

pub struct Term {
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the reader wrote.
    raw: Arc<Mutex<Vec<u8>>>,
    closed: Arc<AtomicBool>,
}

impl Term {
    /// The reader at `cols` x `rows` with its config in `config`, given `args`, and `env`
    /// set (NO_COLOR is cleared unless given).
    pub fn start(
        cols: u16,
        rows: u16,
        config: &Path,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Result<Term> {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size)?;
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_papertui"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env("PAPERTUI_CONFIG_DIR", config);
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pair.slave.spawn_command(cmd)?;
        drop(pair.slave);
        let nonzero = |n| NonZeroU16::new(n).ok_or("a terminal has a row and a column");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(rows)?,
            nonzero(cols)?,
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let closed = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader()?;
        let (sink, bytes, done) = (Arc::clone(&parser), Arc::clone(&raw), Arc::clone(&closed));
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                bytes.lock().unwrap().extend_from_slice(&buf[..n]);
                sink.lock().unwrap().process(&buf[..n]);
            }
            done.store(true, Ordering::SeqCst);
        });
        let writer = pair.master.take_writer()?;
        Ok(Term {
            _master: pair.master,
            writer,
            child,
            parser,
            raw,
            closed,
        })
    }

    pub fn send(&mut self, bytes: &str) -> Result {
        self.writer.write_all(bytes.as_bytes())?;
        self.writer.flush()?;
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
}

/// Row `row` of the screen from column `col` on.
pub fn row_from(screen: &vt100::Screen, row: u16, col: u16) -> String {
    let (_, cols) = screen.size();
    screen
        .rows(col, cols.get().saturating_sub(col))
        .nth(usize::from(row))
        .unwrap_or_default()
}
