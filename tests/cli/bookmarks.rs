//! `papertui bookmarks`, run as users and scripts run it: the real binary on a real config
//! directory, with two instances at once, kills at random moments and a read-only directory.

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::support::Result;
use crate::support::run::{BIN, data, stderr, stdout, temporaries};
use papertui::marks::bookmarks::Bookmarks;
use papertui::storage;

fn papertui_in(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.arg("--config-dir")
        .arg(dir)
        .args(args)
        .env_remove(storage::CONFIG_DIR_ENV)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

fn run(dir: &Path, args: &[&str]) -> Result<Output> {
    Ok(papertui_in(dir, args).output()?)
}

/// The keys in `dir`'s bookmarks file, which must parse.
fn keys_on_disk(dir: &Path) -> Result<BTreeSet<String>> {
    let bytes = fs::read(dir.join(storage::FILE_NAME))?;
    let b = Bookmarks::from_json(&bytes).map_err(|e| format!("the file does not parse: {e}"))?;
    Ok(b.iter().map(|e| e.key.clone()).collect())
}

#[test]
fn added_papers_print_in_every_format_and_removed_ones_go() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    let sample = data("arxiv-metadata-oai-snapshot.sample200.jsonl");
    let out = run(
        dir,
        &[
            "bookmarks",
            "--add",
            "0704.0001v2",
            "--add",
            "arxiv:0704.0002",
            &sample,
        ],
    )?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "bookmarked arxiv:0704.0001: Calculation of prompt diphoton production cross sections \
         at Tevatron and LHC energies\n\
         bookmarked arxiv:0704.0002: Sparsity-certifying Graph Decompositions\n"
    );

    let text = run(dir, &["bookmarks"])?;
    assert_eq!(
        stdout(&text),
        "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies\n\
         Sparsity-certifying Graph Decompositions\n"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(dir, &["bookmarks", "--format", "json"])?.stdout)?;
    assert_eq!(json[0]["authors"][0], "C. Balázs");
    assert_eq!(json[1]["links"][0], "https://arxiv.org/abs/0704.0002");
    assert!(
        json[0]["abstract"]
            .as_str()
            .is_some_and(|a| a.contains("diphoton")),
        "{json}"
    );
    let markdown = stdout(&run(dir, &["bookmarks", "--format", "markdown"])?);
    assert!(markdown.starts_with(
        "- [Calculation of prompt diphoton production cross sections at Tevatron and LHC \
         energies](https://arxiv.org/abs/0704.0001) — C. Balázs, E. L. Berger, P. M. Nadolsky \
         et al.\n"
    ));
    let bibtex = stdout(&run(dir, &["bookmarks", "--format", "bibtex"])?);
    assert!(
        bibtex.starts_with("@misc{balazs2007calculation,\n"),
        "{bibtex}"
    );
    assert!(bibtex.contains("  author = {Ileana Streinu and Louis Theran},\n"));
    assert!(bibtex.contains("  eprint = {0704.0002},\n  archivePrefix = {arXiv},\n"));

    let out = run(
        dir,
        &["bookmarks", "--remove", "https://arxiv.org/abs/0704.0001"],
    )?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("removed arxiv:0704.0001: Calculation"));
    assert_eq!(
        keys_on_disk(dir)?,
        BTreeSet::from(["arxiv:0704.0002".into()])
    );
    Ok(())
}

#[test]
fn bundled_papers_are_found_by_key_or_title_and_arxiv_ids_need_no_list() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    let title = "Training Language Models to Self-Correct via Reinforcement Learning";
    let out = run(
        dir,
        &["bookmarks", "--add", title, "--add", "arxiv:2403.03507"],
    )?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&run(dir, &["bookmarks"])?),
        format!("arxiv:2403.03507\n{title}\n")
    );
    let again = run(dir, &["bookmarks", "--add", "2403.03507v3"])?;
    assert_eq!(stdout(&again), "already bookmarked arxiv:2403.03507\n");
    Ok(())
}

#[test]
fn an_unknown_key_with_nothing_to_show_is_an_error_and_changes_nothing() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    let out = run(
        dir,
        &[
            "bookmarks",
            "--add",
            "arxiv:2403.03507",
            "--add",
            "title:no-such-paper",
        ],
    )?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no paper with the key `title:no-such-paper` in <bundled list>"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("bookmarks.json").exists());
    Ok(())
}

#[test]
fn a_corrupt_or_newer_file_is_named_with_its_position_and_left_byte_identical() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    let file = dir.join("bookmarks.json");
    let cases: [(&[u8], &str); 2] = [
        (
            b"{\n  \"version\": 1,\n  \"bookmarks\": [\n    {\"key\": \"arxiv:1\"\n",
            "bookmarks.json:5:1: EOF while parsing an object",
        ),
        (
            br#"{"version": 3, "bookmarks": {}}"#,
            "bookmarks.json: written by a newer papertui (format version 3",
        ),
    ];
    for (bytes, expect) in cases {
        fs::write(&file, bytes)?;
        for args in [
            &["bookmarks"][..],
            &["bookmarks", "--format", "bibtex"],
            &["bookmarks", "--add", "arxiv:2403.03507"],
            &["bookmarks", "--remove", "arxiv:1"],
        ] {
            let out = run(dir, args)?;
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = stderr(&out);
            assert!(err.contains(&file.display().to_string()), "{err}");
            assert!(err.contains(expect), "{err}");
            assert!(err.contains("left as it is"), "{err}");
            assert_eq!(fs::read(&file)?, bytes, "{args:?} changed the file");
        }
    }
    Ok(())
}

#[test]
fn the_flag_beats_the_environment_which_beats_the_xdg_config_home() -> Result {
    let tmp = tempfile::tempdir()?;
    let (flag, env, xdg) = (
        tmp.path().join("flag"),
        tmp.path().join("env"),
        tmp.path().join("xdg"),
    );
    let add = |id: &str, with_flag: bool, with_env: bool| -> Result<Output> {
        let mut cmd = Command::new(BIN);
        if with_flag {
            cmd.arg("--config-dir").arg(&flag);
        }
        cmd.args(["bookmarks", "--add", id])
            .env_remove(storage::CONFIG_DIR_ENV)
            .env("XDG_CONFIG_HOME", &xdg)
            .env("HOME", tmp.path());
        if with_env {
            cmd.env(storage::CONFIG_DIR_ENV, &env);
        }
        Ok(cmd.output()?)
    };
    assert!(add("2401.00001", true, true)?.status.success());
    assert!(add("2401.00002", false, true)?.status.success());
    assert!(add("2401.00003", false, false)?.status.success());
    let one = |id: &str| BTreeSet::from([format!("arxiv:{id}")]);
    assert_eq!(keys_on_disk(&flag)?, one("2401.00001"));
    assert_eq!(keys_on_disk(&env)?, one("2401.00002"));
    assert_eq!(keys_on_disk(&xdg.join("papertui"))?, one("2401.00003"));
    Ok(())
}

/// What one instance means to leave bookmarked after adding `prefix.00000..n` and removing
/// every third key again, one run each.
fn churn(dir: &Path, prefix: &str, n: usize) -> Result<BTreeSet<String>> {
    let mut intended = BTreeSet::new();
    for i in 0..n {
        let key = format!("arxiv:{prefix}.{i:05}");
        let out = run(dir, &["bookmarks", "--add", &key])?;
        assert!(out.status.success(), "{}", stderr(&out));
        intended.insert(key);
        if i % 3 == 2 {
            let gone = format!("arxiv:{prefix}.{:05}", i - 1);
            let out = run(dir, &["bookmarks", "--remove", &gone])?;
            assert!(out.status.success(), "{}", stderr(&out));
            intended.remove(&gone);
        }
    }
    Ok(intended)
}

#[test]
fn two_processes_changing_bookmarks_at_once_keep_the_union_of_what_each_meant() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().to_path_buf();
    let hand = "{\"version\": 1, \"bookmarks\": [{\"key\": \"title:by-hand\", \"note\": \"x\"}]}";
    fs::write(dir.join("bookmarks.json"), hand)?;
    let other = {
        let dir = dir.clone();
        std::thread::spawn(move || churn(&dir, "2402", 45).map_err(|e| e.to_string()))
    };
    let mut intended = churn(&dir, "2401", 45)?;
    intended.extend(other.join().map_err(|_| "the other instance panicked")??);
    intended.insert("title:by-hand".to_string());
    assert_eq!(keys_on_disk(&dir)?, intended);
    assert_eq!(intended.len(), 2 * 30 + 1);
    assert!(fs::read_to_string(dir.join("bookmarks.json"))?.contains("\"note\": \"x\""));
    assert_eq!(temporaries(&dir)?.len(), 0);
    Ok(())
}

/// A small xorshift generator; the seed is printed so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_file_or_the_new_one() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    let seed = std::env::var("PAPERTUI_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    eprintln!("crash test seed: PAPERTUI_CRASH_SEED={seed}");
    let mut rng = Rng(seed);

    // How long one run takes here, so the kills spread over a whole run, save included.
    let start = Instant::now();
    assert!(
        run(dir, &["bookmarks", "--add", "arxiv:2312.00000"])?
            .status
            .success()
    );
    let span = start.elapsed().as_micros() as u64 * 3 / 2;

    let mut saved: BTreeSet<String> = BTreeSet::from(["arxiv:2312.00000".to_string()]);
    let (mut killed, mut left_temporary) = (0, 0);
    for round in 0..250 {
        let remove = round % 4 == 3 && !saved.is_empty();
        let key = if remove {
            saved
                .iter()
                .nth(rng.below(saved.len() as u64) as usize)
                .cloned()
                .unwrap_or_default()
        } else {
            format!("arxiv:2401.{round:05}")
        };
        let flag = if remove { "--remove" } else { "--add" };
        let mut child = papertui_in(dir, &["bookmarks", flag, &key]).spawn()?;
        std::thread::sleep(Duration::from_micros(rng.below(span)));
        child.kill()?;
        let status = child.wait()?;

        let on_disk = keys_on_disk(dir)?;
        if status.signal() == Some(libc::SIGKILL) {
            killed += 1;
            // Killed: the change is in the file or it is not, and nothing else moved.
            let mut expected = saved.clone();
            if remove {
                expected.remove(&key)
            } else {
                expected.insert(key.clone())
            };
            assert!(
                on_disk == saved || on_disk == expected,
                "round {round}: {on_disk:?}"
            );
            saved = on_disk;
        } else {
            assert!(status.success(), "round {round}: {status}");
            if remove {
                saved.remove(&key)
            } else {
                saved.insert(key)
            };
            assert_eq!(on_disk, saved, "round {round}");
        }
        let temps = temporaries(dir)?.len();
        left_temporary += usize::from(temps > 0);
        assert!(
            temps <= 1,
            "round {round}: {temps} temporary files accumulated"
        );
    }
    eprintln!("{killed} of 250 runs killed; {left_temporary} rounds left a temporary file");

    let out = run(dir, &["bookmarks"])?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        temporaries(dir)?.len(),
        0,
        "a clean start left temporary files"
    );
    assert_eq!(keys_on_disk(dir)?, saved);
    Ok(())
}

/// Runs the binary as `nobody` when the tests run as root (root ignores permissions), else as
/// the current user. Never skips: without a way to drop privileges the test fails.
fn unprivileged(dir: &Path, args: &[&str], bin: &Path) -> Result<Output> {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    // The copy of the binary may still be open for writing in a child another test thread
    // forked before exec; running it then fails with "Text file busy" until that child execs.
    for _ in 0..100 {
        let mut cmd = if root {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
                .arg(bin);
            c
        } else {
            Command::new(bin)
        };
        let out = cmd
            .arg("--config-dir")
            .arg(dir)
            .args(args)
            .env_remove(storage::CONFIG_DIR_ENV)
            .stdin(Stdio::null())
            .output();
        let busy = match &out {
            Err(e) => e.raw_os_error() == Some(libc::ETXTBSY),
            Ok(o) => root && stderr(o).starts_with("setpriv:") && stderr(o).contains("busy"),
        };
        if busy {
            std::thread::sleep(Duration::from_millis(10));
            continue;
        }
        let out = out.map_err(|e| match root {
            true => format!("cannot run setpriv (util-linux) to drop root: {e}"),
            false => format!("cannot run {}: {e}", bin.display()),
        })?;
        if root && stderr(&out).starts_with("setpriv:") {
            return Err(format!("setpriv failed: {}", stderr(&out)).into());
        }
        return Ok(out);
    }
    Err(format!("{} stayed busy", bin.display()).into())
}

/// A world-readable copy of the binary in a traversable directory, so `nobody` can run it
/// wherever the checkout is.
fn shared_binary(root: &Path) -> Result<PathBuf> {
    fs::set_permissions(root, fs::Permissions::from_mode(0o755))?;
    let bin = root.join("papertui");
    fs::copy(BIN, &bin)?;
    fs::set_permissions(&bin, fs::Permissions::from_mode(0o755))?;
    Ok(bin)
}

/// A bookmarks file holding one bookmark.
const ONE_BOOKMARK: &[u8] = b"{\"version\": 1, \"bookmarks\": [{\"key\": \"arxiv:2401.00001\"}]}";

/// A config directory in `root` that anyone may write to, holding [`ONE_BOOKMARK`] in a
/// bookmarks file of `mode`; returns the directory and the file.
fn config_with_one_bookmark(root: &Path, mode: u32) -> Result<(PathBuf, PathBuf)> {
    let dir = root.join("config");
    fs::create_dir(&dir)?;
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o777))?;
    let file = dir.join("bookmarks.json");
    fs::write(&file, ONE_BOOKMARK)?;
    fs::set_permissions(&file, fs::Permissions::from_mode(mode))?;
    Ok((dir, file))
}

#[test]
fn a_read_only_directory_fails_the_save_clearly_and_loses_nothing() -> Result {
    let tmp = tempfile::tempdir()?;
    let bin = shared_binary(tmp.path())?;
    let dir = tmp.path().join("config");
    fs::create_dir(&dir)?;
    let before = "{\n  \"version\": 1,\n  \"bookmarks\": [\n    {\"key\": \"arxiv:2401.00001\", \"title\": \"Kept\"}\n  ]\n}\n";
    fs::write(dir.join("bookmarks.json"), before)?;
    fs::set_permissions(
        dir.join("bookmarks.json"),
        fs::Permissions::from_mode(0o644),
    )?;
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555))?;

    let listed = unprivileged(&dir, &["bookmarks"], &bin)?;
    assert!(listed.status.success(), "{}", stderr(&listed));
    assert_eq!(stdout(&listed), "Kept\n");

    let out = unprivileged(&dir, &["bookmarks", "--add", "arxiv:2403.03507"], &bin)?;
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "cannot save {}",
            dir.join("bookmarks.json").display()
        )),
        "{err}"
    );
    assert!(err.contains("bookmarks.lock: permission denied"), "{err}");
    assert!(err.contains("the bookmarks were not changed"), "{err}");
    assert_eq!(fs::read_to_string(dir.join("bookmarks.json"))?, before);

    // With a lock file and a writable bookmarks file, the temporary file still cannot be
    // created.
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755))?;
    fs::write(dir.join("bookmarks.lock"), b"")?;
    fs::set_permissions(
        dir.join("bookmarks.json"),
        fs::Permissions::from_mode(0o666),
    )?;
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555))?;
    let out = unprivileged(&dir, &["bookmarks", "--remove", "arxiv:2401.00001"], &bin)?;
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot create"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(".bookmarks.json.tmp."),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(dir.join("bookmarks.json"))?, before);
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755))?;
    Ok(())
}

#[test]
fn an_unreadable_file_is_named_and_never_overwritten() -> Result {
    let tmp = tempfile::tempdir()?;
    let bin = shared_binary(tmp.path())?;
    let (dir, file) = config_with_one_bookmark(tmp.path(), 0o000)?;
    let before = ONE_BOOKMARK;
    for args in [
        &["bookmarks"][..],
        &["bookmarks", "--add", "arxiv:2403.03507"],
    ] {
        let out = unprivileged(&dir, args, &bin)?;
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!(
                "{}: cannot read: permission denied",
                file.display()
            )),
            "{err}"
        );
    }
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644))?;
    assert_eq!(fs::read(&file)?, before);
    Ok(())
}

#[test]
fn a_file_made_read_only_is_not_replaced() -> Result {
    let tmp = tempfile::tempdir()?;
    let bin = shared_binary(tmp.path())?;
    let (dir, file) = config_with_one_bookmark(tmp.path(), 0o444)?;
    let before = ONE_BOOKMARK;
    let out = unprivileged(&dir, &["bookmarks", "--add", "arxiv:2403.03507"], &bin)?;
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "cannot save {}: the file is not writable: permission denied",
            file.display()
        )),
        "{err}"
    );
    assert_eq!(fs::read(&file)?, before);
    assert_eq!(temporaries(&dir)?.len(), 0);
    Ok(())
}

#[test]
fn a_write_that_fails_midway_as_on_a_full_disk_leaves_the_old_file() -> Result {
    use std::os::unix::process::CommandExt;
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    assert!(
        run(dir, &["bookmarks", "--add", "arxiv:2401.00001"])?
            .status
            .success()
    );
    let before = fs::read(dir.join("bookmarks.json"))?;

    let max = before.len() as libc::rlim_t + 16;
    let mut cmd = papertui_in(dir, &["bookmarks", "--add", "arxiv:2401.00002"]);
    // SAFETY: between fork and exec only async-signal-safe calls (signal, setrlimit).
    unsafe {
        cmd.pre_exec(move || {
            // A file may not grow past the old file's size: the write fails with EFBIG, as it
            // would with ENOSPC on a full disk (SIGXFSZ ignored so the write returns an error).
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: max,
                rlim_max: max,
            };
            match libc::setrlimit(libc::RLIMIT_FSIZE, &limit) {
                0 => Ok(()),
                _ => Err(std::io::Error::last_os_error()),
            }
        });
    }
    let out = cmd.output()?;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("cannot save"), "{err}");
    assert!(err.contains("cannot write"), "{err}");
    assert!(err.contains("file too large"), "{err}");
    assert_eq!(fs::read(dir.join("bookmarks.json"))?, before);
    assert_eq!(temporaries(dir)?.len(), 0);

    let retried = run(dir, &["bookmarks", "--add", "arxiv:2401.00002"])?;
    assert!(retried.status.success(), "{}", stderr(&retried));
    assert_eq!(keys_on_disk(dir)?.len(), 2);
    Ok(())
}
