//! Links in the detail pane as OSC 8 hyperlinks: once a frame is drawn, the cells that show a
//! URL are written again, the same characters in the same style, inside an OSC 8 pair, so the
//! terminal opens the whole URL on a click even where the screen shows it cut. Only URLs that
//! passed `paper::is_web_link` get here (printable ASCII, no escape), and nothing else from
//! the data is ever written around them.

use std::io::Write;

use crossterm::cursor::MoveTo;
use crossterm::queue;
use crossterm::style::{Print, ResetColor, SetAttribute, SetStyle};
use ratatui::backend::IntoCrossterm;
use ratatui::buffer::{Buffer, CellDiffOption};

use crate::ui::Hyperlink;

/// Whether the terminal is one that shows OSC 8 as text or garbles it (the Linux console,
/// a dumb terminal); elsewhere an unknown OSC is ignored.
pub(super) fn supported() -> bool {
    !matches!(std::env::var("TERM").as_deref(), Ok("linux" | "dumb"))
}

/// Writes `links` again over `buffer`'s cells (the frame just drawn) as hyperlinks.
pub(super) fn write(
    out: &mut impl Write,
    buffer: &Buffer,
    links: &[Hyperlink],
) -> std::io::Result<()> {
    for link in links {
        queue!(
            out,
            MoveTo(link.x, link.y),
            Print(format!("\x1b]8;;{}\x1b\\", link.url))
        )?;
        for x in link.x..link.x.saturating_add(link.width) {
            let Some(cell) = buffer.cell((x, link.y)) else {
                break;
            };
            if cell.diff_option == CellDiffOption::Skip {
                continue;
            }
            queue!(
                out,
                SetStyle(cell.style().into_crossterm()),
                Print(cell.symbol())
            )?;
            queue!(
                out,
                SetAttribute(crossterm::style::Attribute::Reset),
                ResetColor
            )?;
        }
        queue!(out, Print("\x1b]8;;\x1b\\"))?;
    }
    out.flush()
}
