//! The themes, NO_COLOR, and the config's list rows and layout, on the drawn buffer: where a
//! style carries meaning (the selection, a paper read, a bookmark) it is checked cell by cell.

use crate::support::{Reader, Result};
use papertui::config::{Config, RowField, ThemeName};
use papertui::library::Library;
use papertui::load::{Source, load_all};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// Four papers with upvotes, dates and authors.
fn hf() -> Result<Library> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/hf_daily_papers.sample.json"
    );
    let loaded = load_all(&[Source::Path(path.into())]).map_err(|e| format!("{e:?}"))?;
    Ok(loaded.library)
}

/// The reader with `config`, the first paper read and the second bookmarked and selected.
fn reader(config: Config) -> Result<Reader> {
    let mut r = Reader::with_config(hf()?, config, 120, 20)?;
    r.keys("rjb")?;
    Ok(r)
}

fn themed(theme: ThemeName) -> Config {
    Config {
        theme,
        ..Config::default()
    }
}

/// A cell of the first three rows of the list: read, selected and bookmarked, plain.
fn rows<'a>(r: &Reader, buffer: &'a Buffer) -> [&'a ratatui::buffer::Cell; 3] {
    [0, 1, 2].map(|pos| &buffer[(5, r.row_y(pos).unwrap())])
}

#[test]
fn the_dark_theme_highlights_the_selection_and_dims_papers_read() -> Result {
    let mut r = reader(themed(ThemeName::Dark))?;
    let buffer = r.draw()?.clone();
    let [read, selected, plain] = rows(&r, &buffer);
    assert_eq!(read.fg, Color::DarkGray);
    assert_eq!((selected.fg, selected.bg), (Color::White, Color::Blue));
    assert_eq!((plain.fg, plain.bg), (Color::Reset, Color::Reset));
    assert_eq!(buffer[(1, r.row_y(1).unwrap())].symbol(), "★");
    Ok(())
}

#[test]
fn the_light_theme_uses_dark_ink_on_pale_colours() -> Result {
    let mut r = reader(themed(ThemeName::Light))?;
    let buffer = r.draw()?.clone();
    let [read, selected, _] = rows(&r, &buffer);
    assert_eq!(read.fg, Color::Rgb(0x6e, 0x77, 0x81));
    assert_eq!(selected.bg, Color::Rgb(0xdd, 0xf4, 0xff));
    assert_eq!(
        buffer[(1, 0)].fg,
        Color::Rgb(0x1f, 0x23, 0x28),
        "the list's name"
    );
    Ok(())
}

#[test]
fn the_terminal_theme_and_no_color_draw_no_colour_at_all() -> Result {
    for config in [
        themed(ThemeName::Terminal),
        themed(ThemeName::Light).without_colour(),
    ] {
        let mut r = reader(config)?;
        r.keys("?")?;
        r.keys("<esc>/memory")?;
        let buffer = r.draw()?.clone();
        for cell in buffer.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
        }
        r.keys("<esc>gj")?;
        let buffer = r.draw()?.clone();
        let [read, selected, plain] = rows(&r, &buffer);
        assert!(read.modifier.contains(Modifier::DIM), "papers read are dim");
        assert!(
            selected.modifier.contains(Modifier::REVERSED),
            "the selection"
        );
        assert!(plain.modifier.is_empty());
        let bookmarked = r.row_y(1).unwrap();
        assert_eq!(
            buffer[(1, bookmarked)].symbol(),
            "★",
            "bookmarks keep their mark"
        );
    }
    Ok(())
}

#[test]
fn list_rows_show_the_configured_fields_and_the_list_takes_its_share() -> Result {
    let config = Config {
        row_fields: vec![RowField::Authors, RowField::Upvotes],
        list_percent: Some(60),
        ..Config::default()
    };
    let mut r = Reader::with_config(hf()?, config, 100, 12)?;
    r.draw()?;
    insta::assert_snapshot!("authors_and_upvotes_100x12", r.terminal.backend());
    let screen = r.screen()?;
    let rows: Vec<&str> = screen.lines().collect();
    // Short of room, the authors are a surname: the titles come first.
    assert!(rows[2].contains(" Cheng 64│"), "{}", rows[2]);
    assert!(rows[4].contains(" Tang  37│"), "{}", rows[4]);
    let list_end = rows[1].chars().position(|c| c == '╮');
    assert_eq!(list_end, Some(59), "60% of 100 columns");
    Ok(())
}
