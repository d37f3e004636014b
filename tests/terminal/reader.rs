//! The real binary in a pseudo-terminal, read back through a vt100 parser: what a person at a
//! terminal sees, and the terminal's state after the reader leaves.

use crate::support::Result;
use crate::support::term::{Term, detail_top, list_row, row_from};
use vt100::MouseProtocolMode;

#[test]
fn a_new_user_reads_filters_opens_help_resizes_and_quits() -> Result {
    let mut t = Term::launch(120, 36).start()?;
    t.wait_for_text("An Emulator for Fine-Tuning Large Language")?;
    t.wait_for_text("Widely used language models (LMs)")?;
    t.wait_for("the alternate screen with mouse reporting", |s| {
        s.alternate_screen() && s.mouse_protocol_mode() != MouseProtocolMode::None
    })?;

    t.send("j")?;
    t.wait_for("the second paper in the detail", |s| {
        detail_top(s).contains("Exploring Learngene")
    })?;

    t.send("/galore")?;
    t.wait_for_text("/galore")?;
    t.send("\r")?;
    t.wait_for_text("1 of 86 papers")?;
    t.wait_for("GaLore selected and shown", |s| {
        detail_top(s).contains("GaLore: Memory-Efficient LLM Training")
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
            && detail_top(s).contains("GaLore: Memory-Efficient LLM Training")
    })?;

    t.send("q")?;
    let status = t.wait_for_exit()?;
    assert!(status.success(), "exit status {status:?}");
    t.assert_restored();
    Ok(())
}

#[test]
fn sigterm_restores_the_terminal() -> Result {
    let mut t = Term::launch(80, 24).start()?;
    t.wait_for_text("Widely used language models")?;
    t.signal(libc::SIGTERM)?;
    let status = t.wait_for_exit()?;
    assert_eq!(status.exit_code(), 128 + 15);
    t.assert_restored();
    Ok(())
}

#[test]
fn bookmarks_made_in_the_reader_are_there_after_a_restart() -> Result {
    let config = tempfile::tempdir()?;
    let mut t = Term::launch(120, 36).in_dir(config.path()).start()?;
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

    let mut t = Term::launch(120, 36).in_dir(config.path()).start()?;
    t.wait_for_text("86 of 86 papers · 1 bookmarked")?;
    t.wait_for("the mark on the second paper", |s| {
        list_row(s, "Exploring Learngene").is_some_and(|row| row_from(s, row, 0).starts_with("│★"))
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
    let mut t = Term::launch(120, 36).in_dir(config.path()).start()?;
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

#[test]
fn bookmarks_colon_opens_the_reading_list_newest_first_with_tags_and_notes() -> Result {
    let config = tempfile::tempdir()?;
    std::fs::write(
        config.path().join("bookmarks.json"),
        r#"{"version": 2, "bookmarks": [
  {"key": "arxiv:2403.03507", "id": "2403.03507",
   "title": "GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection",
   "abstract": "Training Large Language Models presents significant memory challenges.",
   "tags": ["cite"], "note": "section 3", "bookmarked_at": "2026-06-12T08:00:00Z"},
  {"key": "title:an-older-one", "title": "An Older One", "abstract": "Read long ago.",
   "bookmarked_at": "2024-01-01T00:00:00Z"}
]}"#,
    )?;
    let mut t = Term::launch(120, 36)
        .config(config.path())
        .args(&["bookmarks:"])
        .start()?;
    t.wait_for("the reading list, newest first, tags and note shown", |s| {
        let text = s.contents();
        let galore = text.find("GaLore: Memory-Efficient");
        let older = text.find("An Older One");
        galore.is_some_and(|g| older.is_some_and(|o| g < o))
            && text.contains("#cite")
            && text.contains("Note: section 3")
            && text.contains("Bookmarks")
    })?;
    t.send("/#cite\r")?;
    t.wait_for("only the tagged bookmark", |s| {
        s.contents().contains("1 of 2 papers") && !s.contents().contains("An Older One")
    })?;
    t.send("q")?;
    let status = t.wait_for_exit()?;
    assert!(status.success(), "exit status {status:?}");
    Ok(())
}

#[test]
fn a_daily_papers_list_names_its_day_and_its_links_are_hyperlinks() -> Result {
    let list = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/hf-daily-papers-2026-06-12.json"
    );
    let mut t = Term::launch(120, 40).args(&[list]).start()?;
    t.wait_for_text("Daily Papers · Fri 12 Jun 2026")?;
    t.wait_for_text("AI summary · generated by Qwen2.5-Coder-32B-Instruct")?;
    t.wait_for_text("3 Hugging Face  https://huggingface.co/papers/")?;
    // The first paper's links, each written as an OSC 8 hyperlink to its whole URL.
    let first = "2606.00467";
    for url in [
        format!("https://arxiv.org/abs/{first}"),
        format!("https://arxiv.org/pdf/{first}"),
        format!("https://huggingface.co/papers/{first}"),
    ] {
        t.wait_for_bytes(format!("\x1b]8;;{url}\x1b\\").as_bytes())?;
    }
    t.wait_for_bytes(b"\x1b]8;;\x1b\\")?;
    t.send("q")?;
    let status = t.wait_for_exit()?;
    assert!(status.success(), "exit status {status:?}");
    t.assert_restored();
    Ok(())
}
