//! The real binary in a pseudo-terminal, its screen read back through vt100: the figures a
//! person at a terminal would see, timed from outside the process.

use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub(crate) struct Term {
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    screen: Arc<(Mutex<vt100::Parser>, Condvar)>,
}

impl Term {
    pub(crate) fn start(program: &str, args: &[&str], cols: u16, rows: u16, config: &str) -> Term {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size).expect("a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("PAPERTUI_CONFIG_DIR", config);
        let child = pair.slave.spawn_command(cmd).expect("the binary starts");
        drop(pair.slave);
        let nonzero = |n: u16| std::num::NonZeroU16::new(n).expect("a terminal size above 0");
        let parser = vt100::Parser::new(nonzero(rows), nonzero(cols), 0);
        let screen = Arc::new((Mutex::new(parser), Condvar::new()));
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let sink = Arc::clone(&screen);
        thread::spawn(move || {
            let mut buf = [0u8; 1 << 16];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let (parser, changed) = &*sink;
                parser.lock().unwrap().process(&buf[..n]);
                changed.notify_all();
            }
        });
        let writer = pair.master.take_writer().expect("a writer");
        Term {
            _master: pair.master,
            writer,
            child,
            screen,
        }
    }

    pub(crate) fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .expect("the pty takes input");
        self.writer.flush().expect("the pty takes input");
    }

    /// Waits until `ready` holds for the screen's text; returns when it did, or None after
    /// `patience`.
    pub(crate) fn wait_for(
        &self,
        patience: Duration,
        ready: impl Fn(&str) -> bool,
    ) -> Option<Instant> {
        let start = Instant::now();
        let (parser, changed) = &*self.screen;
        let mut guard = parser.lock().unwrap();
        loop {
            if ready(&guard.screen().contents()) {
                return Some(Instant::now());
            }
            let left = patience.checked_sub(start.elapsed())?;
            guard = changed.wait_timeout(guard, left).unwrap().0;
        }
    }

    pub(crate) fn contents(&self) -> String {
        self.screen.0.lock().unwrap().screen().contents()
    }

    /// The first line of the screen: the reader's header.
    pub(crate) fn header(&self) -> String {
        self.contents().lines().next().unwrap_or("").to_string()
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The header's "N of M papers" counts, if shown.
pub(crate) fn counts(header: &str) -> Option<(usize, usize)> {
    let words: Vec<&str> = header.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "of")?;
    let shown = words.get(at.checked_sub(1)?)?.parse().ok()?;
    let total = words.get(at + 1)?.parse().ok()?;
    Some((shown, total))
}
