//! What every drawn frame must satisfy: clean cells, wide characters whole and followed by
//! their blank continuation in the same pane, and no stale cell after incremental redraws.

use papertui::model::Mode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::hostile::is_forbidden;
use super::{Reader, Result};

/// Where a wide character at `at` must end: the pane (or line) it was drawn in.
fn region(r: &Reader, at: Position) -> Rect {
    let screen = r.model.screen();
    if screen.too_small {
        return screen.area;
    }
    if r.model.mode() == Mode::Help {
        let help = screen.help_area(papertui::keymap::help_lines().len(), 56);
        if help.contains(at) {
            return help;
        }
    }
    [Some(screen.header), Some(screen.footer)]
        .into_iter()
        .chain([screen.list.map(|p| p.area), screen.detail.map(|p| p.area)])
        .flatten()
        .find(|rect| rect.contains(at))
        .unwrap_or(screen.area)
}

/// Every cell is clean, and every wide character is followed by its blank continuation in the
/// same pane.
pub fn check_buffer(r: &Reader, buffer: &Buffer, what: &str) -> Result {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let symbol = buffer[(x, y)].symbol();
            if let Some(c) = symbol.chars().find(|&c| is_forbidden(c)) {
                return Err(format!("{what}: cell {x},{y} holds {c:?} in {symbol:?}").into());
            }
            // A grapheme takes `width` cells: its own, then blank continuations in its pane.
            let width = papertui::text::width(symbol) as u16;
            if width >= 2 {
                let pane = region(r, Position::new(x, y));
                if x + width > pane.right() {
                    return Err(format!(
                        "{what}: {symbol:?} at {x},{y} crosses the edge of {pane:?}"
                    )
                    .into());
                }
                for next_x in x + 1..x + width {
                    let next = buffer[(next_x, y)].symbol();
                    if next != " " {
                        return Err(format!(
                            "{what}: {symbol:?} at {x},{y} is followed by {next:?} at {next_x}, \
                             not its blank continuation"
                        )
                        .into());
                    }
                }
            }
        }
    }
    Ok(())
}

/// The terminal's buffer after incremental redraws equals a fresh drawing of the same state
/// (cells under the right half of a wide character excepted: a terminal never shows them).
pub fn check_no_stale_cells(r: &mut Reader, what: &str) -> Result {
    let drawn = r.terminal.backend().buffer().clone();
    let area = drawn.area;
    let mut fresh = Terminal::new(TestBackend::new(area.width, area.height))?;
    let (model, config) = (&r.model, &r.config);
    fresh.draw(|frame| papertui::ui::view(frame, model, config))?;
    let fresh = fresh.backend().buffer();
    for y in area.top()..area.bottom() {
        let mut hidden = 0;
        for x in area.left()..area.right() {
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            let (old, new) = (&drawn[(x, y)], &fresh[(x, y)]);
            if old.symbol() != new.symbol() {
                return Err(format!(
                    "{what}: stale cell {x},{y}: {:?} where a fresh drawing has {:?}",
                    old.symbol(),
                    new.symbol()
                )
                .into());
            }
            hidden = papertui::text::width(new.symbol()).saturating_sub(1);
        }
    }
    Ok(())
}

/// Draws the reader and returns the frame the view drew, before the diff reached the backend.
pub fn draw_frame(r: &mut Reader) -> Result<Buffer> {
    let (model, config) = (&r.model, &r.config);
    let frame = r.terminal.draw(|f| papertui::ui::view(f, model, config))?;
    Ok(frame.buffer.clone())
}

pub fn draw_and_check(r: &mut Reader, what: &str) -> Result {
    let frame = draw_frame(r)?;
    check_buffer(r, &frame, what)?;
    check_no_stale_cells(r, what)
}
