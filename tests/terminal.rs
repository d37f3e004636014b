//! The real binary in a pseudo-terminal, read back through a vt100 parser: what a person at a
//! terminal sees, and the terminal's state after the reader leaves.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use vt100::MouseProtocolMode;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// How long to wait for the screen to show something: generous, as this only bounds a hang.
const PATIENCE: Duration = Duration::from_secs(10);

struct Term {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    closed: Arc<AtomicBool>,
    _config: Option<tempfile::TempDir>,
}

impl Term {
    /// The reader on the bundled list, with a config directory of its own.
    fn start(cols: u16, rows: u16) -> Result<Term> {
        let config = tempfile::tempdir()?;
        let mut term = Term::start_in(cols, rows, config.path())?;
        term._config = Some(config);
        Ok(term)
    }

    /// The reader with its config (bookmarks) in `config`, which outlives it.
    fn start_in(cols: u16, rows: u16, config: &std::path::Path) -> Result<Term> {
        let pair = native_pty_system().openpty(size(cols, rows))?;
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_papertui"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("PAPERTUI_CONFIG_DIR", config);
        cmd.cwd(config);
        let child = pair.slave.spawn_command(cmd)?;
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(rows)?,
            nonzero(cols)?,
            0,
        )));
        let closed = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader()?;
        let (sink, done) = (Arc::clone(&parser), Arc::clone(&closed));
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
            done.store(true, Ordering::SeqCst);
        });
        let writer = pair.master.take_writer()?;
        Ok(Term {
            master: pair.master,
            writer,
            child,
            parser,
            closed,
            _config: None,
        })
    }

    fn send(&mut self, bytes: &str) -> Result {
        self.writer.write_all(bytes.as_bytes())?;
        self.writer.flush()?;
        Ok(())
    }

    /// Waits until `ready` holds for the screen; fails with the screen if it never does.
    fn wait_for(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) -> Result {
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

    fn wait_for_text(&self, text: &str) -> Result {
        self.wait_for(&format!("{text:?}"), |s| s.contents().contains(text))
    }

    fn resize(&mut self, cols: u16, rows: u16) -> Result {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nonzero(rows)?, nonzero(cols)?);
        self.master.resize(size(cols, rows))?;
        Ok(())
    }

    fn wait_for_exit(&mut self) -> Result<portable_pty::ExitStatus> {
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

    /// The terminal is as the shell left it: main screen, no mouse reports, no paste mode.
    fn assert_restored(&self) {
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
fn row_from(screen: &vt100::Screen, row: u16, col: u16) -> String {
    let (_, cols) = screen.size();
    screen
        .rows(col, cols.get().saturating_sub(col))
        .nth(usize::from(row))
        .unwrap_or_default()
}

#[test]
fn a_new_user_reads_filters_opens_help_resizes_and_quits() -> Result {
    let mut t = Term::start(120, 36)?;
    t.wait_for_text("An Emulator for Fine-Tuning Large Language")?;
    t.wait_for_text("Widely used language models (LMs)")?;
    t.wait_for("the alternate screen with mouse reporting", |s| {
        s.alternate_screen() && s.mouse_protocol_mode() != MouseProtocolMode::None
    })?;

    t.send("j")?;
    t.wait_for("the second paper in the detail", |s| {
        row_from(s, 2, 48).contains("Exploring Learngene")
    })?;

    t.send("/galore")?;
    t.wait_for_text("/galore")?;
    t.send("\r")?;
    t.wait_for_text("37 of 86 papers")?;
    t.wait_for("GaLore selected and shown", |s| {
        row_from(s, 2, 48).contains("GaLore: Memory-Efficient LLM Training")
            && s.contents()
                .contains("Training Large Language Models (LLMs) presents")
            && s.contents().contains(" BROWSE ")
    })?;

    t.send("?")?;
    t.wait_for_text("show bookmarked papers only")?;
    t.send("\x1b")?;
    t.wait_for("the help to close", |s| {
        !s.contents().contains("show bookmarked papers only")
    })?;

    t.resize(15, 4)?;
    t.wait_for_text("Terminal too")?;
    t.resize(1, 1)?;
    t.wait_for("one cell", |s| s.contents().trim() == "…")?;
    t.resize(120, 36)?;
    t.wait_for("the reader back at full size", |s| {
        s.contents().contains("Daily Papers · Mar 14")
            && row_from(s, 2, 48).contains("GaLore: Memory-Efficient LLM Training")
    })?;

    t.send("q")?;
    let status = t.wait_for_exit()?;
    assert!(status.success(), "exit status {status:?}");
    t.assert_restored();
    Ok(())
}

#[test]
fn sigterm_restores_the_terminal() -> Result {
    let mut t = Term::start(80, 24)?;
    t.wait_for_text("Widely used language models")?;
    let pid = t.child.process_id().ok_or("no process id")?;
    // SAFETY: kill(2) on the reader we started; no memory is shared.
    let sent = unsafe { libc::kill(pid as libc::pid_t, libc::SIGTERM) };
    assert_eq!(sent, 0);
    let status = t.wait_for_exit()?;
    assert_eq!(status.exit_code(), 128 + 15);
    t.assert_restored();
    Ok(())
}

#[test]
fn bookmarks_made_in_the_reader_are_there_after_a_restart() -> Result {
    let config = tempfile::tempdir()?;
    let mut t = Term::start_in(120, 36, config.path())?;
    t.wait_for_text("86 of 86 papers · 0 bookmarked")?;
    t.send("jb")?;
    t.wait_for_text("86 of 86 papers · 1 bookmarked")?;
    t.send("q")?;
    assert!(t.wait_for_exit()?.success());
    let saved = std::fs::read_to_string(config.path().join("bookmarks.json"))?;
    assert!(
        saved.contains("Exploring Learngene via Stage-wise Weight Sharing"),
        "{saved}"
    );

    let mut t = Term::start_in(120, 36, config.path())?;
    t.wait_for_text("86 of 86 papers · 1 bookmarked")?;
    t.wait_for("the mark on the second paper", |s| {
        row_from(s, 3, 0).starts_with("│★ Exploring Learngene")
    })?;
    t.send("B")?;
    t.wait_for_text("1 of 86 papers · 1 bookmarked")?;
    t.send("q")?;
    assert!(t.wait_for_exit()?.success());
    Ok(())
}

#[test]
fn a_corrupt_bookmarks_file_is_named_and_never_overwritten() -> Result {
    let config = tempfile::tempdir()?;
    let file = config.path().join("bookmarks.json");
    std::fs::write(&file, "{\"version\": 1, \"bookmarks\": [oops")?;
    let mut t = Term::start_in(120, 36, config.path())?;
    t.wait_for_text("read-only")?;
    t.wait_for_text("bookmarks.json")?;
    t.send("b")?;
    t.wait_for_text("read-only")?;
    t.send("q")?;
    assert!(t.wait_for_exit()?.success());
    assert_eq!(
        std::fs::read_to_string(&file)?,
        "{\"version\": 1, \"bookmarks\": [oops"
    );
    Ok(())
}
