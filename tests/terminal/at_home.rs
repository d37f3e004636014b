//! The config file, themes, NO_COLOR, read state, sorting and copying, each tried once in the
//! real binary in a pseudo-terminal, as a person would see it.

use std::fs;
use std::time::Duration;

use crate::support::Result;
use crate::support::term::{Launch, Term, detail_top, list_row, row_from};
use base64::Engine;
use papertui::app::timers::SEEN_AFTER;
use vt100::Color;

/// A list with arXiv ids, upvotes and dates.
const HF: &str = "tests/data/hf_daily_papers.sample.json";

/// The reader at 120x36 on the list with arXiv ids, upvotes and dates.
fn on_hf() -> Launch {
    Term::launch(120, 36).args(&[HF])
}

#[test]
fn a_config_file_remaps_a_key_and_changes_the_theme() -> Result {
    let config = tempfile::tempdir()?;
    fs::write(
        config.path().join("config.toml"),
        "theme = \"light\"\n[keys]\nnext = [\"x\"]\n",
    )?;
    let mut t = Term::launch(120, 36).config(config.path()).start()?;
    t.wait_for_text("86 of 86 papers")?;
    t.send("j")?;
    t.send("x")?;
    t.wait_for("the second paper after x", |s| {
        detail_top(s).contains("Exploring Learngene")
    })?;
    // The light theme's exact colours: the list's name in ink, the selection pale blue.
    t.screen(|s| -> Result {
        let name = s.cell(0, 1).ok_or("no cell")?;
        assert_eq!(name.fgcolor(), Color::Rgb(0x1f, 0x23, 0x28));
        let row = list_row(s, "Exploring Learngene").ok_or("no second paper")?;
        let selected = s.cell(row, 5).ok_or("no cell")?;
        assert_eq!(selected.bgcolor(), Color::Rgb(0xdd, 0xf4, 0xff));
        Ok(())
    })?;
    t.send("?")?;
    t.wait_for_text("x           next paper (detail: scroll)")?;
    t.send("q")?;
    t.quit()?;

    fs::write(
        config.path().join("config.toml"),
        "[keys]\nnext = [\"k\"]\n",
    )?;
    let mut t = Term::launch(120, 36).config(config.path()).start()?;
    let status = t.wait_for_exit()?;
    assert_eq!(status.exit_code(), 2, "a key bound twice is refused");
    Ok(())
}

#[test]
fn no_color_draws_without_a_single_colour_and_selects_in_reverse_video() -> Result {
    let mut t = on_hf().env("NO_COLOR", "1").start()?;
    t.wait_for_text("Breaking the Memory Barrier")?;
    t.send("r")?;
    t.wait_for_text("Marked as read")?;
    t.send("jb")?;
    t.wait_for_text("1 bookmarked")?;
    t.screen(|s| -> Result {
        let (rows, cols) = s.size();
        for row in 0..rows.get() {
            for col in 0..cols.get() {
                let cell = s.cell(row, col).ok_or("no cell")?;
                assert_eq!(
                    (cell.fgcolor(), cell.bgcolor()),
                    (Color::Default, Color::Default),
                    "a colour at row {row}, column {col}"
                );
            }
        }
        let second = list_row(s, "Can Knowledge Editing").ok_or("no second paper")?;
        let first = list_row(s, "Breaking the Memory").ok_or("no first paper")?;
        assert!(
            s.cell(second, 5).ok_or("no cell")?.inverse(),
            "the selection"
        );
        assert!(s.cell(first, 5).ok_or("no cell")?.dim(), "the paper read");
        assert_eq!(
            row_from(s, second, 1).chars().next(),
            Some('★'),
            "the bookmark"
        );
        Ok(())
    })?;
    t.quit()
}

#[test]
fn read_marks_survive_a_restart() -> Result {
    let config = tempfile::tempdir()?;
    let mut t = Term::launch(120, 36).config(config.path()).start()?;
    t.wait_for_text("86 of 86 papers")?;
    t.send("jr")?;
    t.wait_for_text("Marked as read")?;
    t.quit()?;
    let saved = fs::read_to_string(config.path().join("read.json"))?;
    assert!(
        saved.contains("title:exploring-learngene-via-stage-wise-weight-sharing"),
        "{saved}"
    );

    let mut t = Term::launch(120, 36).config(config.path()).start()?;
    t.wait_for_text("86 of 86 papers")?;
    t.wait_for("the paper read dimmed", |s| {
        let fg = |title| {
            list_row(s, title)
                .and_then(|row| s.cell(row, 5))
                .map(vt100::Cell::fgcolor)
        };
        fg("Exploring Learngene") == Some(Color::Idx(8))
            && fg("The Fine Line") == Some(Color::Default)
    })?;
    t.send("u")?;
    t.wait_for_text("85 of 86 papers")?;
    t.quit()
}

#[test]
fn with_dwell_a_paper_shown_for_a_moment_becomes_read() -> Result {
    let config = tempfile::tempdir()?;
    fs::write(config.path().join("config.toml"), "mark-read = \"dwell\"\n")?;
    let mut t = on_hf().config(config.path()).start()?;
    t.wait_for_text("Breaking the Memory Barrier")?;
    // The selected row is highlighted, so look once the selection has moved on.
    std::thread::sleep(SEEN_AFTER + Duration::from_millis(700));
    t.send("j")?;
    t.wait_for("the first paper dimmed once read", |s| {
        let row = list_row(s, "Breaking the Memory");
        row.and_then(|row| s.cell(row, 5))
            .is_some_and(|c| c.fgcolor() == Color::Idx(8))
    })?;
    t.quit()?;
    let saved = fs::read_to_string(config.path().join("read.json"))?;
    assert!(saved.contains("arxiv:2410.17243"), "{saved}");
    Ok(())
}

#[test]
fn a_paper_opened_with_enter_is_read_and_one_only_shown_is_not() -> Result {
    let config = tempfile::tempdir()?;
    let mut t = on_hf().config(config.path()).start()?;
    t.wait_for_text("Breaking the Memory Barrier")?;
    t.send("j\r")?;
    t.wait_for_text("Enter back")?;
    t.send("\r")?;
    t.wait_for_text("Enter read")?;
    t.send("k")?;
    t.wait_for("the second paper dimmed once opened", |s| {
        let row = list_row(s, "Can Knowledge Editing");
        row.and_then(|row| s.cell(row, 5))
            .is_some_and(|c| c.fgcolor() == Color::Idx(8))
    })?;
    t.quit()?;
    let saved = fs::read_to_string(config.path().join("read.json"))?;
    assert!(
        !saved.contains("arxiv:2410.17243"),
        "the first was only shown: {saved}"
    );
    Ok(())
}

#[test]
fn s_sorts_and_the_header_says_by_what() -> Result {
    let mut t = on_hf().start()?;
    t.wait_for_text("4 of 4 papers · 0 bookmarked")?;
    t.send("s")?;
    t.wait_for_text("4 of 4 papers · 0 bookmarked · by upvotes")?;
    t.send("s")?;
    t.wait_for_text("· by date")?;
    t.wait_for("the newest paper first", |s| {
        row_from(s, 2, 0).starts_with("│  LOGO -- Long cOntext")
    })?;
    t.send("/memory\r")?;
    t.wait_for_text("· by match")?;
    t.quit()
}

#[test]
fn y_copies_the_link_through_osc_52() -> Result {
    let mut t = on_hf().start()?;
    t.wait_for_text("Breaking the Memory Barrier")?;
    t.send("y")?;
    t.wait_for_text("Copied the link")?;
    let payload =
        base64::engine::general_purpose::STANDARD.encode("https://arxiv.org/abs/2410.17243");
    let sequence = format!("\x1b]52;c;{payload}\x07");
    t.wait_for_bytes(sequence.as_bytes())?;
    t.quit()?;
    let raw = t.raw();
    let osc52 = raw.windows(5).filter(|w| w == b"\x1b]52;").count();
    assert_eq!(osc52, 1, "one copy, one sequence");
    Ok(())
}
