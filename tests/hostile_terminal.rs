//! The hostile corpus in a real terminal: the real binary in a pseudo-terminal, its output read
//! by a vt100 parser that records what a terminal would do besides drawing. Browsing,
//! filtering, pasting, scrolling, help and resizes must never set the window title or icon
//! name, write or read the clipboard, ring a bell, ask the terminal anything, and no escape
//! sequence planted in the data may appear in the bytes the reader wrote.

mod support;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use support::Result;
use support::hostile;

const PATIENCE: Duration = Duration::from_secs(15);

/// What the terminal was asked to do besides drawing.
#[derive(Default, Debug)]
struct Watch {
    titles: Vec<Vec<u8>>,
    icon_names: Vec<Vec<u8>>,
    clipboard: Vec<Vec<u8>>,
    bells: usize,
    resizes: Vec<(u16, u16)>,
    unhandled_osc: Vec<Vec<u8>>,
}

impl vt100::Callbacks for Watch {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn resize(&mut self, _: &mut vt100::Screen, request: (u16, u16)) {
        self.resizes.push(request);
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.icon_names.push(name.to_vec());
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8]) {
        self.clipboard.push(ty.to_vec());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.unhandled_osc.push(params.join(&b';'));
    }
}

type Parser = Arc<Mutex<vt100::Parser<Watch>>>;

struct Term {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Parser,
    raw: Arc<Mutex<Vec<u8>>>,
    closed: Arc<AtomicBool>,
}

impl Term {
    /// Starts `papertui` in a pseudo-terminal; `shell` runs it through `sh -c` instead, for
    /// redirections.
    fn start(args: &[&str], shell: Option<&str>, dir: &std::path::Path) -> Result<Term> {
        let (cols, rows) = (100, 30);
        let pair = native_pty_system().openpty(size(cols, rows))?;
        let bin = env!("CARGO_BIN_EXE_papertui");
        let mut cmd = match shell {
            Some(script) => {
                let mut cmd = CommandBuilder::new("sh");
                cmd.args(["-c", &script.replace("PAPERTUI", bin)]);
                cmd
            }
            None => {
                let mut cmd = CommandBuilder::new(bin);
                cmd.args(args);
                cmd
            }
        };
        cmd.env("TERM", "xterm-256color");
        cmd.env("PAPERTUI_CONFIG_DIR", dir);
        cmd.cwd(dir);
        let child = pair.slave.spawn_command(cmd)?;
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            nonzero(rows)?,
            nonzero(cols)?,
            0,
            Watch::default(),
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
            master: pair.master,
            writer,
            child,
            parser,
            raw,
            closed,
        })
    }

    fn send(&mut self, bytes: &str) -> Result {
        self.writer.write_all(bytes.as_bytes())?;
        self.writer.flush()?;
        // Let the reader draw, as a person typing would.
        thread::sleep(Duration::from_millis(40));
        Ok(())
    }

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
        thread::sleep(Duration::from_millis(60));
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

    /// Nothing but drawing happened, and none of the data's escape sequences got out.
    fn assert_nothing_escaped(&self) -> Result {
        let parser = self.parser.lock().unwrap();
        let watch = parser.callbacks();
        assert!(
            watch.titles.is_empty(),
            "the title was set: {:?}",
            watch.titles
        );
        assert!(
            watch.icon_names.is_empty(),
            "icon name: {:?}",
            watch.icon_names
        );
        assert!(
            watch.clipboard.is_empty(),
            "clipboard: {:?}",
            watch.clipboard
        );
        assert_eq!(watch.bells, 0, "a bell rang");
        assert!(
            watch.resizes.is_empty(),
            "resize asked: {:?}",
            watch.resizes
        );
        assert!(
            watch.unhandled_osc.is_empty(),
            "OSC: {:?}",
            watch.unhandled_osc
        );
        drop(parser);
        let raw = self.raw.lock().unwrap();
        for planted in [
            &b"\x1b]0;"[..],
            b"\x1b]1;",
            b"\x1b]2;",
            b"\x1b]52;",
            b"\x1b]8;",
            b"\x1b[6n",
            b"\x1b[c",
            b"\x1b[>c",
            b"\x1b[8;5;5t",
            b"\x1bP",
            b"\x1b_",
            b"\x1bX",
            b"\x1b^",
            b"\x1bc",
            b"\x1bg",
            b"\x07",
            b"PWNED",
            b"evil.example",
        ] {
            if let Some(at) = raw.windows(planted.len()).position(|w| w == planted) {
                let around = &raw[at.saturating_sub(80)..(at + 80).min(raw.len())];
                let around = String::from_utf8_lossy(around);
                return Err(format!("{planted:?} in the output: {around:?}").into());
            }
        }
        let text = String::from_utf8_lossy(&raw);
        for c1 in [
            '\u{90}', '\u{98}', '\u{9b}', '\u{9c}', '\u{9d}', '\u{9e}', '\u{9f}',
        ] {
            assert!(!text.contains(c1), "C1 {c1:?} in the output");
        }
        for bidi in [
            '\u{202e}', '\u{202d}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{200f}',
        ] {
            assert!(!text.contains(bidi), "bidi control {bidi:?} in the output");
        }
        Ok(())
    }

    /// The terminal is as the shell left it.
    fn assert_restored(&self) {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
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

/// Writes the hostile corpus in papertui's JSON format and in JSON Lines.
fn corpus(dir: &std::path::Path) -> Result {
    std::fs::write(dir.join("hostile.json"), hostile::papertui_json())?;
    std::fs::write(dir.join("hostile.jsonl"), hostile::json_lines())?;
    Ok(())
}

/// The panes' borders stand where they belong on every body row of a 100x30 terminal, so no
/// wide or joined character pushed anything out of place in the terminal's own reckoning.
fn assert_aligned(t: &Term, when: &str) -> Result {
    t.wait_for(&format!("the pane borders in place {when}"), |s| {
        let is = |row, col, symbols: &[&str]| {
            s.cell(row, col)
                .is_some_and(|c| symbols.contains(&c.contents()))
        };
        // The list's right border holds its scrollbar.
        (2..28).all(|row| {
            is(row, 0, &["│"])
                && is(row, 39, &["│", "█"])
                && is(row, 40, &["│"])
                && is(row, 99, &["│"])
        })
    })
}

/// Browses, filters, pastes, scrolls, opens help, bookmarks and resizes.
fn use_the_reader(t: &mut Term) -> Result {
    t.wait_for_text("papers")?;
    assert_aligned(t, "at the start")?;
    for step in 1..=40 {
        t.send("j")?;
        if step % 8 == 0 {
            assert_aligned(t, &format!("on paper {step}"))?;
        }
    }
    for keys in [
        "g",
        "G",
        "g",
        "jjjjjjjjjjjj",
        "\t",
        "\x1b[6~",
        "\x1b[6~",
        "G",
        "\t",
    ] {
        t.send(keys)?;
    }
    t.send("/")?;
    t.send("title")?;
    // A bracketed paste full of escape sequences, into the filter.
    t.send("\x1b[200~ x\x1b]0;PWNED\x07\x1b]52;c;cm0K\x07\u{202e}\x1b[6n\x1b[201~")?;
    t.send("\x15")?;
    t.send("w\r")?;
    t.send("jjbjb")?;
    t.send("B")?;
    t.send("B")?;
    t.send("?")?;
    t.wait_for_text("Keys")?;
    t.send("jj\x1b")?;
    for (cols, rows) in [(40, 12), (19, 4), (1, 1), (2, 2), (150, 45), (60, 30)] {
        t.resize(cols, rows)?;
        t.send("j")?;
    }
    t.send("\r\x1b[6~q")?;
    t.resize(120, 36)?;
    t.send("\x1b[<64;60;10M\x1b[<65;60;10M\x1b[<0;10;5M")?;
    t.wait_for_text("papers")?;
    Ok(())
}

#[test]
fn the_hostile_corpus_changes_nothing_but_the_screen() -> Result {
    let dir = tempfile::tempdir()?;
    corpus(dir.path())?;
    let mut t = Term::start(&["hostile.json", "hostile.jsonl"], None, dir.path())?;
    use_the_reader(&mut t)?;
    t.send("q")?;
    let status = t.wait_for_exit()?;
    assert!(status.success(), "exit status {status:?}");
    t.assert_restored();
    t.assert_nothing_escaped()
}

#[test]
fn a_list_on_standard_input_is_read_while_keys_come_from_the_terminal() -> Result {
    let dir = tempfile::tempdir()?;
    corpus(dir.path())?;
    let mut t = Term::start(&[], Some("exec PAPERTUI - < hostile.json"), dir.path())?;
    use_the_reader(&mut t)?;
    t.send("q")?;
    let status = t.wait_for_exit()?;
    assert!(status.success(), "exit status {status:?}");
    t.assert_restored();
    t.assert_nothing_escaped()
}

#[test]
fn sighup_and_sigint_restore_the_terminal() -> Result {
    for (signal, code) in [(libc::SIGHUP, 128 + 1), (libc::SIGINT, 128 + 2)] {
        let dir = tempfile::tempdir()?;
        corpus(dir.path())?;
        let mut t = Term::start(&["hostile.json"], None, dir.path())?;
        t.wait_for_text("papers")?;
        t.send("jj?")?;
        let pid = t.child.process_id().ok_or("no process id")?;
        // SAFETY: kill(2) on the reader this test started; no memory is shared.
        let sent = unsafe { libc::kill(pid as libc::pid_t, signal) };
        assert_eq!(sent, 0);
        let status = t.wait_for_exit()?;
        assert_eq!(status.exit_code(), code as u32, "signal {signal}");
        t.assert_restored();
        t.assert_nothing_escaped()?;
    }
    Ok(())
}
