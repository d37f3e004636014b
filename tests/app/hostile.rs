//! The hostile corpus, loaded in every format and drawn in every view at many sizes: no cell
//! ever holds a forbidden character or half of a wide one, a redraw leaves no stale cell, and
//! the command line prints nothing forbidden either.

use std::process::Command;

use crate::support::checks::draw_and_check;
use crate::support::hostile::{self, is_forbidden};
use crate::support::{Reader, Result};
use crossterm::event::Event;
use papertui::library::paper;
use papertui::model::Effect;

const SIZES: &[(u16, u16)] = &[
    (0, 0),
    (1, 1),
    (0, 24),
    (80, 0),
    (2, 2),
    (20, 5),
    (33, 9),
    (80, 24),
    (99, 30),
    (100, 12),
    (200, 60),
];

/// Each view, as the keys that reach it.
const VIEWS: &[(&str, &str)] = &[
    ("browse", ""),
    ("browse further", "jjjjjjjjjjjjj"),
    ("filter", "/title"),
    ("filter with no results", "/zzqqxxjjww"),
    ("filter kept", "/w<enter>G"),
    ("detail scrolled", "jjjjj<tab><pgdn><pgdn><c-d>"),
    ("detail at the end", "jjjj<tab>G"),
    ("reading full screen", "jjj<enter><pgdn>"),
    ("help", "?"),
    ("help scrolled", "?jjjjjjjj"),
    ("bookmarked only", "bjbjjbB"),
    ("bookmarked only, empty", "B"),
    ("last paper", "G"),
];

#[test]
fn the_corpus_loads_in_every_format_with_its_hostile_papers() -> Result {
    for (name, bytes) in hostile::formats() {
        let lib = hostile::load(name, bytes)?;
        assert!(lib.len() >= hostile::texts().len(), "{name}: {}", lib.len());
        for p in lib.iter() {
            let fields = [p.title(), p.abstract_text()];
            let dates = p.published().into_iter().chain(p.arxiv_id());
            let lists: Vec<&str> = p
                .authors()
                .chain(p.categories())
                .chain(p.stored_links())
                .collect();
            for text in fields.into_iter().chain(dates).chain(lists) {
                if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
                    return Err(format!("{name}: {c:?} in {text:?}").into());
                }
                // Nothing inside a planted escape sequence survives as text either.
                for payload in ["PWNED", "evil.example", "cm0gLXJmIH4K"] {
                    if text.contains(payload) {
                        return Err(format!("{name}: {payload} leaked into {text:?}").into());
                    }
                }
            }
            for link in p.links() {
                assert!(paper::is_web_link(&link), "{name}: {link:?}");
            }
        }
        let name_and_date = lib.name.iter().chain(&lib.date);
        for text in name_and_date {
            assert!(!text.chars().any(is_forbidden), "{name}: {text:?}");
        }
    }
    Ok(())
}

#[test]
fn every_view_at_every_size_draws_clean_cells() -> Result {
    for (name, bytes) in hostile::formats() {
        let lib = hostile::load(name, bytes)?;
        for &(w, h) in SIZES {
            for (view, keys) in VIEWS {
                let what = format!("{name} {view} {w}x{h}");
                let mut r = Reader::new(lib.clone(), w, h)?;
                r.keys(keys)?;
                draw_and_check(&mut r, &what)?;
            }
        }
    }
    Ok(())
}

#[test]
fn every_hostile_paper_draws_clean_in_the_list_the_detail_and_full_screen() -> Result {
    for (name, bytes) in hostile::formats() {
        let lib = hostile::load(name, bytes)?;
        for (w, h) in [(200, 60), (37, 14)] {
            let mut r = Reader::new(lib.clone(), w, h)?;
            for i in 0..lib.len() {
                let what = format!("{name} paper {i} at {w}x{h}");
                draw_and_check(&mut r, &what)?;
                r.keys("<tab>G")?;
                draw_and_check(&mut r, &format!("{what}, detail end"))?;
                r.keys("<tab><enter>")?;
                draw_and_check(&mut r, &format!("{what}, read"))?;
                r.keys("<esc>")?;
                if r.model.focus() != papertui::model::Focus::List {
                    r.keys("<tab>")?;
                }
                r.keys("j")?;
            }
        }
    }
    Ok(())
}

#[test]
fn resizing_through_every_size_leaves_no_stale_cell() -> Result {
    let (name, bytes) = hostile::formats().swap_remove(0);
    let lib = hostile::load(name, bytes)?;
    let mut r = Reader::new(lib, 80, 24)?;
    r.keys("jjjjjjjj")?;
    for round in 0..3 {
        for &(w, h) in SIZES.iter().chain(SIZES.iter().rev()) {
            r.resize(w, h);
            draw_and_check(&mut r, &format!("round {round} at {w}x{h}"))?;
            r.keys("j")?;
            draw_and_check(&mut r, &format!("round {round} at {w}x{h}, next"))?;
        }
        r.keys("?")?;
    }
    Ok(())
}

#[test]
fn a_grapheme_of_several_characters_leaves_no_stale_cell_when_replaced() -> Result {
    // `6🏻` and `न्दी` are one grapheme, three cells wide, but several characters to a
    // terminal: overwriting the first cell alone would leave the rest on screen.
    let json = r#"[{"title": "abcdefghijkl"}, {"title": "abcdefgh6🏻"}, {"title": "abcdefgh"},
        {"title": "abcdefghijkl"}, {"title": "abcdefghन्दी"}, {"title": "abcdefgh"}]"#;
    let mut r = Reader::new(hostile::load("t.json", json.into())?, 80, 24)?;
    let steps = [
        "letters",
        "6🏻",
        "shorter",
        "letters",
        "न्दी",
        "shorter again",
    ];
    for (i, what) in steps.into_iter().enumerate() {
        r.keys(if i == 0 { "" } else { "j" })?;
        draw_and_check(&mut r, what)?;
    }
    Ok(())
}

#[test]
fn the_help_box_never_cuts_a_wide_character_in_half() -> Result {
    let titles: Vec<String> = (0..30)
        .map(|i| format!(r#"{{"title": "{}{i}"}}"#, "日".repeat(i % 7 + 3)))
        .collect();
    let json = format!("[{}]", titles.join(","));
    for (w, h) in [(80, 24), (81, 24), (120, 36), (121, 40)] {
        let mut r = Reader::new(hostile::load("t.json", json.clone().into_bytes())?, w, h)?;
        r.keys("?")?;
        draw_and_check(&mut r, &format!("help over wide titles at {w}x{h}"))?;
    }
    Ok(())
}

#[test]
fn a_paste_with_control_characters_is_cleaned_into_the_filter() -> Result {
    let (name, bytes) = hostile::formats().swap_remove(0);
    let mut r = Reader::new(hostile::load(name, bytes)?, 80, 24)?;
    r.keys("/")?;
    r.event(Event::Paste(
        "ti\x1b]0;PWNED\x07tle\n\u{202e}x\x1b[6n\u{9b}2J".into(),
    ));
    assert_eq!(r.model.query_text(), "title x");
    r.event(Event::Paste("y".repeat(10_000)));
    assert_eq!(
        r.model.query_text().chars().count(),
        papertui::model::QUERY_MAX
    );
    draw_and_check(&mut r, "after a hostile paste")?;
    // Outside the filter a paste does nothing.
    r.keys("<esc>")?;
    r.event(Event::Paste("q".into()));
    assert!(!r.quit_asked());
    Ok(())
}

#[test]
fn opening_links_of_hostile_papers_only_ever_asks_for_web_links() -> Result {
    for (name, bytes) in hostile::formats() {
        let lib = hostile::load(name, bytes)?;
        let mut r = Reader::new(lib.clone(), 120, 40)?;
        for _ in 0..lib.len() {
            r.keys("oj")?;
        }
        for effect in &r.effects {
            if let Effect::OpenUrl(url) = effect {
                assert!(paper::is_web_link(url), "{name}: {url:?}");
                assert!(url.starts_with("http"), "{name}: {url:?}");
            }
        }
    }
    Ok(())
}

/// Runs the real binary on a corpus file.
fn papertui(args: &[&str], dir: &std::path::Path) -> Result<std::process::Output> {
    Ok(Command::new(env!("CARGO_BIN_EXE_papertui"))
        .args(args)
        .current_dir(dir)
        .env("PAPERTUI_CONFIG_DIR", dir)
        .output()?)
}

#[test]
fn list_and_search_print_nothing_forbidden() -> Result {
    let dir = tempfile::tempdir()?;
    for (name, bytes) in hostile::formats() {
        std::fs::write(dir.path().join(name), bytes)?;
        for args in [
            vec!["list", name],
            vec!["list", "--json", name],
            vec!["search", "title", name],
            vec!["search", "e", "--json", name],
        ] {
            let out = papertui(&args, dir.path())?;
            assert!(out.status.success(), "{args:?}: {out:?}");
            let stdout = String::from_utf8(out.stdout)?;
            assert!(!stdout.is_empty(), "{args:?}");
            let bad = stdout.chars().find(|&c| is_forbidden(c) && c != '\n');
            assert_eq!(bad, None, "{args:?} printed a forbidden character");
            let stderr = String::from_utf8_lossy(&out.stderr);
            let bad = stderr.chars().find(|&c| is_forbidden(c) && c != '\n');
            assert_eq!(
                bad, None,
                "{args:?} warned with a forbidden character: {stderr}"
            );
        }
    }
    Ok(())
}
