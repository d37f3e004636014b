//! Screens of the bundled list at fixed sizes, as insta snapshots, with the styles that carry
//! meaning checked on the buffer.

use crate::support::checks::draw_and_check;
use crate::support::{Reader, Result};
use ratatui::style::{Color, Modifier};

const SIZES: [(u16, u16); 4] = [(120, 36), (60, 30), (20, 5), (1, 1)];

/// The screens, each as the keys that reach it from the start. The seventh paper has one of
/// the longest abstracts, so it scrolls even at 120x36.
const SCREENS: [(&str, &str); 5] = [
    ("browse", ""),
    ("filter", "/galore"),
    ("detail_scrolled", "jjjjjj<tab><c-d>"),
    ("empty_result", "/xyzq<enter>"),
    ("help", "?"),
];

#[test]
fn every_screen_at_every_size() -> Result {
    for (name, keys) in SCREENS {
        for (w, h) in SIZES {
            let mut r = Reader::bundled(w, h)?;
            r.keys(keys)?;
            r.draw()?;
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), r.terminal.backend());
        }
    }
    Ok(())
}

#[test]
fn the_selected_row_is_highlighted_and_the_title_is_bold() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("j")?;
    let (first, second) = (r.row_y(0).unwrap(), r.row_y(1).unwrap());
    let detail = r.model.screen().detail.unwrap().inner;
    let buffer = r.draw()?;
    let selected = &buffer[(5, second)];
    assert_eq!(selected.bg, Color::Blue, "the selected row is highlighted");
    assert!(selected.modifier.contains(Modifier::BOLD));
    assert_eq!(buffer[(5, first)].bg, Color::Reset, "other rows are not");
    // The detail's first line is the title, in bold.
    let title = &buffer[(detail.x, detail.y)];
    assert_eq!(title.symbol(), "E");
    assert!(title.modifier.contains(Modifier::BOLD));
    Ok(())
}

#[test]
fn filter_matches_are_highlighted_in_the_title() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("/galore<enter>")?;
    let detail = r.model.screen().detail.unwrap().inner;
    let buffer = r.draw()?;
    let (g, y) = (&buffer[(detail.x, 2)], &buffer[(detail.x + 6, 2)]);
    assert_eq!((g.symbol(), g.fg), ("G", Color::Yellow));
    assert_eq!(y.symbol(), ":");
    assert_ne!(y.fg, Color::Yellow);
    Ok(())
}

#[test]
fn the_unfocused_selection_is_dimmer_than_the_focused_one() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("<tab>")?;
    let first = r.row_y(0).unwrap();
    let buffer = r.draw()?;
    assert_eq!(buffer[(5, first)].bg, Color::DarkGray);
    Ok(())
}

/// A small list with every field, wide characters and emoji.
fn rich_list() -> Result<papertui::library::Library> {
    let json = r#"{"name": "Reading group", "date": "2024-03-14", "papers": [
      {"id": "2403.03507", "title": "GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection",
       "abstract": "Training Large Language Models (LLMs) presents significant memory challenges.",
       "authors": ["Jiawei Zhao", "Zhenyu Zhang", "Beidi Chen"], "published": "2024-03-06",
       "upvotes": 185, "categories": ["cs.LG"], "links": ["https://github.com/jiaweizzhao/GaLore"]},
      {"title": "大規模言語モデルの効率的な事前学習に関する研究と評価", "abstract": "日本語の要旨。",
       "published": "2024-03-01", "upvotes": 7},
      {"title": "Emoji 👨‍👩‍👧 families and flags 🇯🇵 in titles that are long enough to be cut",
       "abstract": "Graphemes stay whole.", "published": "2024-02-29"}
    ]}"#;
    let source = papertui::load::Source::Bytes("rich.json".into(), json.as_bytes().into());
    let loaded = papertui::load::load_all(&[source]).map_err(|e| format!("{e:?}"))?;
    Ok(loaded.library)
}

#[test]
fn every_field_and_wide_characters() -> Result {
    for (w, h) in [(120, 14), (60, 24), (20, 5)] {
        let mut r = Reader::new(rich_list()?, w, h)?;
        r.keys("b")?;
        r.draw()?;
        insta::assert_snapshot!(format!("rich_{w}x{h}"), r.terminal.backend());
    }
    Ok(())
}

#[test]
fn wide_characters_are_never_split_at_any_width() -> Result {
    for w in 20..=130 {
        let mut r = Reader::new(rich_list()?, w, 12)?;
        for keys in ["", "j", "j"] {
            r.keys(keys)?;
            let buffer = r.draw()?.clone();
            for y in 0..buffer.area.height {
                let mut x = 0;
                while x < buffer.area.width {
                    let symbol = buffer[(x, y)].symbol();
                    let cells = papertui::text::width(symbol).max(1) as u16;
                    assert!(
                        x + cells <= buffer.area.width,
                        "a wide character spills over the edge at width {w}, row {y}"
                    );
                    x += cells;
                }
            }
        }
    }
    Ok(())
}

/// Lam-alef is one cell to unicode-width's measure of a whole string and two on screen: a
/// row drawn span by span by that measure put its next span (the ellipsis, a column) on the
/// right half of the wide character after it.
#[test]
fn a_ligature_before_a_wide_character_never_moves_what_follows() -> Result {
    let json = r#"[
      {"title": "لا日本語 لا日本語 لا日本語 لا日本語 لا日本語 لا日本語 لا日本語 لا日本語", "upvotes": 12,
       "published": "2024-03-06"},
      {"title": "سلام لا日 عليكم لا日 لا日 لا日 لا日 لا日 لا日 لا日 لا日 لا日 لا日", "upvotes": 7,
       "published": "2024-03-01"}
    ]"#;
    let source = papertui::load::Source::Bytes("lam-alef.json".into(), json.as_bytes().into());
    let library = papertui::load::load_all(&[source])
        .map_err(|e| format!("{e:?}"))?
        .library;
    for w in 20..=130 {
        for h in [8, 30] {
            let mut r = Reader::new(library.clone(), w, h)?;
            draw_and_check(&mut r, &format!("{w}x{h}"))?;
            r.keys("j")?;
            draw_and_check(&mut r, &format!("{w}x{h}, the second selected"))?;
        }
    }
    Ok(())
}
