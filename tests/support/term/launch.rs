//! How the reader is started in a pseudo-terminal: size, config and working directory, arguments,
//! environment and standard input.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use portable_pty::{CommandBuilder, native_pty_system};

use super::{Term, Watch, nonzero, size};
use crate::support::Result;

/// How to start the reader: see [`Term::launch`].
pub struct Launch {
    cols: u16,
    rows: u16,
    config: Option<PathBuf>,
    dir: Option<PathBuf>,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<PathBuf>,
    paced: bool,
}

impl Launch {
    pub(super) fn new(cols: u16, rows: u16) -> Launch {
        Launch {
            cols,
            rows,
            config: None,
            dir: None,
            args: Vec::new(),
            env: Vec::new(),
            stdin: None,
            paced: false,
        }
    }

    /// The config (bookmarks, read marks, config file) in `dir`, which outlives the reader.
    pub fn config(mut self, dir: &Path) -> Launch {
        self.config = Some(dir.to_path_buf());
        self
    }

    /// The config in `dir`, and the reader run there too (for relative file names).
    pub fn in_dir(mut self, dir: &Path) -> Launch {
        self.dir = Some(dir.to_path_buf());
        self.config(dir)
    }

    pub fn args(mut self, args: &[&str]) -> Launch {
        self.args
            .extend(args.iter().map(std::string::ToString::to_string));
        self
    }

    /// Sets `key` in the reader's environment (NO_COLOR is cleared unless set here).
    pub fn env(mut self, key: &str, value: &str) -> Launch {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// Standard input read from `file` while the keys still come from the terminal.
    pub fn stdin(mut self, file: &Path) -> Launch {
        self.stdin = Some(file.to_path_buf());
        self
    }

    /// Pauses after every key and resize, so the reader draws between them as it would for a
    /// person, instead of taking a burst of input at once.
    pub fn paced(mut self) -> Launch {
        self.paced = true;
        self
    }

    pub fn start(self) -> Result<Term> {
        let (cols, rows) = (self.cols, self.rows);
        let (config, owned) = if let Some(dir) = self.config {
            (dir, None)
        } else {
            let temp = tempfile::tempdir()?;
            (temp.path().to_path_buf(), Some(temp))
        };
        let bin = env!("CARGO_BIN_EXE_papertui");
        let mut cmd = match &self.stdin {
            Some(file) => {
                let mut cmd = CommandBuilder::new("sh");
                cmd.args(["-c", r#"stdin=$1; shift; exec "$0" "$@" < "$stdin""#, bin]);
                cmd.arg(file);
                cmd
            }
            None => CommandBuilder::new(bin),
        };
        cmd.args(&self.args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env("PAPERTUI_CONFIG_DIR", &config);
        for (key, value) in &self.env {
            cmd.env(key, value);
        }
        match &self.dir {
            Some(dir) => cmd.cwd(dir),
            None => cmd.cwd(env!("CARGO_MANIFEST_DIR")),
        }

        let pair = native_pty_system().openpty(size(cols, rows))?;
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
            paced: self.paced,
            _config: owned,
        })
    }
}
