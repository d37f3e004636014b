//! The hostile corpus in a real terminal: the real binary in a pseudo-terminal, its output read
//! by a vt100 parser that records what a terminal would do besides drawing. Browsing,
//! filtering, pasting, scrolling, help and resizes must never set the window title or icon
//! name, write or read the clipboard, ring a bell, ask the terminal anything, and no escape
//! sequence planted in the data may appear in the bytes the reader wrote.

use std::path::Path;

use crate::support::Result;
use crate::support::hostile;
use crate::support::term::{Launch, Term};

/// The reader's own OSC 8 around a link of the detail (`8;;URL`, or `8;;` to end it): a web
/// link of printable ASCII, never anything from the data around it.
fn is_our_hyperlink(osc: &[u8]) -> bool {
    osc.strip_prefix(b"8;;").is_some_and(|url| {
        url.is_empty()
            || (url.starts_with(b"https://") || url.starts_with(b"http://"))
                && url
                    .iter()
                    .all(|b| b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(b))
    })
}

/// The output with the reader's own hyperlink sequences taken out.
fn without_our_hyperlinks(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i..].starts_with(b"\x1b]8;;") {
            let body = &raw[i + 2..];
            if let Some(end) = body.windows(2).position(|w| w == b"\x1b\\")
                && is_our_hyperlink(&body[..end])
            {
                i += 2 + end + 2;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

/// Nothing but drawing happened, and none of the data's escape sequences got out.
fn assert_nothing_escaped(t: &Term) -> Result {
    let watch = t.watch();
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
    let not_ours: Vec<&Vec<u8>> = watch
        .unhandled_osc
        .iter()
        .filter(|osc| !is_our_hyperlink(osc))
        .collect();
    assert!(not_ours.is_empty(), "OSC: {not_ours:?}");
    let raw = without_our_hyperlinks(&t.raw());
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

/// Writes the hostile corpus in papertui's JSON format and in JSON Lines.
fn corpus(dir: &Path) -> Result {
    std::fs::write(dir.join("hostile.json"), hostile::papertui_json())?;
    std::fs::write(dir.join("hostile.jsonl"), hostile::json_lines())?;
    Ok(())
}

/// The panes' borders stand where they belong on every body row of a 100x30 terminal, so no
/// wide or joined character pushed anything out of place in the terminal's own reckoning. The
/// list ends where its top border turns down (`╮` on row 1), wherever the layout puts it.
fn assert_aligned(t: &Term, when: &str) -> Result {
    t.wait_for(&format!("the pane borders in place {when}"), |s| {
        let is = |row, col, symbols: &[&str]| {
            s.cell(row, col)
                .is_some_and(|c| symbols.contains(&c.contents()))
        };
        let Some(list_end) = (1..99).find(|&col| is(1, col, &["╮"])) else {
            return false;
        };
        // Each pane's right border holds its scrollbar.
        (2..28).all(|row| {
            is(row, 0, &["│"])
                && is(row, list_end, &["│", "█"])
                && is(row, list_end + 1, &["│"])
                && is(row, 99, &["│", "█"])
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

/// The reader at 100x30 with its config and the corpus in `dir`, paced like a person typing.
fn launch(dir: &Path) -> Result<Launch> {
    corpus(dir)?;
    Ok(Term::launch(100, 30).in_dir(dir).paced())
}

/// Uses the reader, quits, and checks that nothing but drawing happened.
fn use_and_quit(mut t: Term) -> Result {
    use_the_reader(&mut t)?;
    t.send("q")?;
    let status = t.wait_for_exit()?;
    assert!(status.success(), "exit status {status:?}");
    t.assert_restored();
    assert_nothing_escaped(&t)
}

#[test]
fn the_hostile_corpus_changes_nothing_but_the_screen() -> Result {
    let dir = tempfile::tempdir()?;
    let t = launch(dir.path())?
        .args(&["hostile.json", "hostile.jsonl"])
        .start()?;
    use_and_quit(t)
}

#[test]
fn a_list_on_standard_input_is_read_while_keys_come_from_the_terminal() -> Result {
    let dir = tempfile::tempdir()?;
    let t = launch(dir.path())?
        .args(&["-"])
        .stdin(&dir.path().join("hostile.json"))
        .start()?;
    use_and_quit(t)
}

#[test]
fn sighup_and_sigint_restore_the_terminal() -> Result {
    for (signal, code) in [(libc::SIGHUP, 128 + 1), (libc::SIGINT, 128 + 2)] {
        let dir = tempfile::tempdir()?;
        let mut t = launch(dir.path())?.args(&["hostile.json"]).start()?;
        t.wait_for_text("papers")?;
        t.send("jj?")?;
        t.signal(signal)?;
        let status = t.wait_for_exit()?;
        assert_eq!(status.exit_code(), code as u32, "signal {signal}");
        t.assert_restored();
        assert_nothing_escaped(&t)?;
    }
    Ok(())
}
