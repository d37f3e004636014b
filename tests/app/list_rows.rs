//! The list's rows on a real day of Daily Papers: titles first at every width, in one line or
//! two, and the model's rows are the ones drawn: a click, a page, the wheel and the selection
//! land on the paper the screen shows there.

use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use papertui::config::Config;
use papertui::library::Library;

use crate::support::{Reader, Result, recorded_day};

const SIZES: [(u16, u16); 4] = [(80, 24), (100, 30), (120, 35), (200, 50)];

fn reader(title_lines: u8, w: u16, h: u16) -> Result<Reader> {
    reader_of(recorded_day()?, title_lines, w, h)
}

fn reader_of(day: Library, title_lines: u8, w: u16, h: u16) -> Result<Reader> {
    let config = Config {
        title_lines,
        ..Config::default()
    };
    Reader::with_config(day, config, w, h)
}

fn click(r: &mut Reader, column: u16, row: u16) {
    r.event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
}

/// Characters of each title on screen, from the model's rows, for the first `n` papers.
fn title_chars(r: &Reader, n: usize) -> Vec<(usize, usize)> {
    let window = r.model.list_window().unwrap();
    window.rows[..n]
        .iter()
        .map(|row| {
            let title = r.model.library().get(row.paper).title();
            let shown = row
                .lines
                .lines
                .iter()
                .map(|l| title[l.range.clone()].chars().count());
            (shown.sum(), title.chars().count())
        })
        .collect()
}

#[test]
fn the_first_titles_are_readable_at_every_width() -> Result {
    for (w, h) in SIZES {
        let mut r = Reader::new(recorded_day()?, w, h)?;
        r.draw()?;
        insta::assert_snapshot!(format!("recorded_day_{w}x{h}"), r.terminal.backend());
        for (shown, all) in title_chars(&r, 3) {
            assert!(shown >= all.min(64), "{w}x{h}: {shown} of {all} characters");
        }
    }
    Ok(())
}

#[test]
fn titles_of_one_line_fit_twice_the_papers() -> Result {
    let mut one = reader(1, 100, 30)?;
    let mut two = reader(2, 100, 30)?;
    one.draw()?;
    insta::assert_snapshot!("recorded_day_one_line_100x30", one.terminal.backend());
    let rows = |r: &Reader| r.model.list_window().unwrap().whole_rows();
    assert_eq!(rows(&one), 26);
    assert!(rows(&two) < 20, "{}", rows(&two));
    let (shown_one, _) = title_chars(&one, 1)[0];
    let (shown_two, all) = title_chars(&two, 1)[0];
    assert!(
        shown_one < 40 && shown_two > 60,
        "{shown_one} {shown_two} of {all}"
    );
    two.draw()?;
    Ok(())
}

#[test]
fn a_click_on_either_line_of_a_row_selects_its_paper() -> Result {
    let day = recorded_day()?;
    for lines in [1, 2] {
        for (w, h) in SIZES.into_iter().chain([(60, 40), (30, 20)]) {
            let scrolled = |day: &Library| -> Result<Reader> {
                let mut r = reader_of(day.clone(), lines, w, h)?;
                r.keys("jjjjjjjjjjjj")?;
                Ok(r)
            };
            let r = scrolled(&day)?;
            let list = r.model.screen().list.unwrap().inner;
            let window = r.model.list_window().unwrap();
            for line in 0..list.height {
                let mut r = scrolled(&day)?;
                let expected = window.row_at(usize::from(line)).map(|row| row.pos);
                let before = r.model.selected();
                click(&mut r, list.x + 3, list.y + line);
                let what = format!("{lines} lines, {w}x{h}, line {line}");
                assert_eq!(r.model.selected(), expected.unwrap_or(before), "{what}");
                let Some(row) = window.row_at(usize::from(line)) else {
                    continue;
                };
                let now = r.model.list_window().unwrap();
                let drawn = now.rows.iter().find(|r| r.pos == row.pos).unwrap();
                if row.whole {
                    assert_eq!(drawn, row, "{what}: a whole row stays where it was clicked");
                } else {
                    assert!(
                        drawn.whole,
                        "{what}: a row cut at the bottom scrolls into view"
                    );
                }
            }
        }
    }
    Ok(())
}

#[test]
fn pages_and_the_wheel_keep_the_selected_row_whole_on_screen() -> Result {
    for lines in [1, 2] {
        for (w, h) in SIZES.into_iter().chain([(60, 40), (100, 12), (30, 20)]) {
            let mut r = reader(lines, w, h)?;
            let mut seen = [false; 30];
            let keys =
                std::iter::repeat_n("<pgdn>", 30).chain(["<pgup>", "<c-u>", "G", "g", "<c-d>"]);
            for keys in keys {
                r.keys(keys)?;
                let what = format!("{lines} lines, {w}x{h}, after {keys}");
                let window = r.model.list_window().unwrap();
                let row = window.rows.iter().find(|row| row.pos == r.model.selected());
                assert!(row.is_some_and(|row| row.whole), "{what}: {window:?}");
                for row in &window.rows {
                    seen[row.paper] = true;
                }
                // What is drawn is what the model lays out.
                let screen = r.screen()?;
                let title = r.selected_title().unwrap();
                let first_words: String = title.chars().take(12).collect();
                assert!(screen.contains(&first_words), "{what}: {first_words}");
            }
            assert!(
                seen.iter().all(|&s| s),
                "{lines} lines, {w}x{h}: every paper shown"
            );
        }
    }
    let mut r = reader(2, 100, 30)?;
    r.keys("<pgdn>")?;
    let before = r.model.list_window().unwrap();
    let last = before.rows[before.whole_rows() - 1].pos;
    assert_eq!(r.model.selected(), last, "the last paper on screen");
    r.keys("<pgdn>")?;
    let after = r.model.list_window().unwrap();
    let first = after.rows[0].pos;
    assert!(
        first > before.rows[0].pos && first <= last + 1,
        "no paper is skipped"
    );
    assert_eq!(r.model.selected(), after.rows[after.whole_rows() - 1].pos);
    let list = r.model.screen().list.unwrap().inner;
    r.event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: list.x,
        row: list.y,
        modifiers: KeyModifiers::NONE,
    }));
    let window = r.model.list_window().unwrap();
    assert!(r.model.list_offset() > 0);
    assert!(
        window
            .rows
            .iter()
            .any(|row| row.pos == r.model.selected() && row.whole)
    );
    Ok(())
}
