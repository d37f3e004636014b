//! Screens of the bundled list at fixed sizes, as insta snapshots, with the styles that carry
//! meaning checked on the buffer.

mod support;

use ratatui::style::{Color, Modifier};
use support::{Reader, Result};

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
    let buffer = r.draw()?;
    // Row 3: the second paper (header, border, first paper above it).
    let selected = &buffer[(5, 3)];
    assert_eq!(selected.bg, Color::Blue, "the selected row is highlighted");
    assert!(selected.modifier.contains(Modifier::BOLD));
    assert_eq!(buffer[(5, 2)].bg, Color::Reset, "other rows are not");
    // The detail's first line is the title, in bold.
    let title = &buffer[(50, 2)];
    assert_eq!(title.symbol(), "E");
    assert!(title.modifier.contains(Modifier::BOLD));
    Ok(())
}

#[test]
fn filter_matches_are_highlighted_in_the_title() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("/galore<enter>")?;
    let buffer = r.draw()?;
    let (g, y) = (&buffer[(50, 2)], &buffer[(56, 2)]);
    assert_eq!((g.symbol(), g.fg), ("G", Color::Yellow));
    assert_eq!(y.symbol(), ":");
    assert_ne!(y.fg, Color::Yellow);
    Ok(())
}

#[test]
fn the_unfocused_selection_is_dimmer_than_the_focused_one() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("<tab>")?;
    let buffer = r.draw()?;
    assert_eq!(buffer[(5, 2)].bg, Color::DarkGray);
    Ok(())
}
