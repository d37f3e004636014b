//! Where the panes sit for a terminal size: the view draws there, and the model pages and
//! hit-tests mouse clicks with the same rectangles.

use ratatui::layout::{Margin, Position, Rect};

/// The list pane of a wide terminal gets at least this many columns: a narrower one shows
/// too little of each title...
const LIST_MIN: u16 = 50;
/// ...and all the detail does not need: lines of abstract are easy to read up to about this
/// wide (68 cells of text inside its border and padding).
const DETAIL_MAX: u16 = 72;
/// Below this the reader shows only a "terminal too small" line.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// From this width on, the list and the detail sit side by side.
pub const WIDE: u16 = 100;
/// Cells of text across the help overlay (inside its border and margins).
pub const HELP_WIDTH: u16 = 56;
/// A narrow body shorter than this shows the list alone (the detail opens full screen).
const STACK_MIN_HEIGHT: u16 = 12;
/// Panes get borders (and titles) from this body height on.
const BORDER_MIN_HEIGHT: u16 = 6;

/// One pane: its whole area and the part inside its border.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pane {
    pub area: Rect,
    pub inner: Rect,
    pub bordered: bool,
}

impl Pane {
    fn new(area: Rect, bordered: bool) -> Pane {
        let bordered = bordered && area.width >= 3 && area.height >= 3;
        let inner = if bordered {
            area.inner(Margin::new(1, 1))
        } else {
            area
        };
        Pane {
            area,
            inner,
            bordered,
        }
    }

    /// A pane of running text: a column of space inside the border on either side.
    fn padded(area: Rect, bordered: bool) -> Pane {
        let mut pane = Pane::new(area, bordered);
        if pane.bordered && area.width >= 30 {
            pane.inner = area.inner(Margin::new(2, 1));
        }
        pane
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Screen {
    pub area: Rect,
    /// Too small to be useful: nothing but a one-line message is drawn.
    pub too_small: bool,
    pub header: Rect,
    pub footer: Rect,
    pub list: Option<Pane>,
    pub detail: Option<Pane>,
}

impl Screen {
    /// The layout for `area`. `reading` asks for the detail pane on a narrow terminal, where
    /// it takes the whole body.
    pub fn new(area: Rect, reading: bool) -> Screen {
        Screen::with_list_percent(area, reading, None)
    }

    /// The layout with the list taking `list_percent` of a wide terminal's width, or (None) a
    /// share that adapts to the width: all the detail does not need, and at least 50 columns.
    pub fn with_list_percent(area: Rect, reading: bool, list_percent: Option<u16>) -> Screen {
        let mut screen = Screen {
            area,
            too_small: true,
            header: Rect::default(),
            footer: Rect::default(),
            list: None,
            detail: None,
        };
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return screen;
        }
        screen.too_small = false;
        screen.header = Rect { height: 1, ..area };
        screen.footer = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let body = Rect {
            y: area.y + 1,
            height: area.height - 2,
            ..area
        };
        let bordered = body.height >= BORDER_MIN_HEIGHT;
        if Screen::is_wide(area) {
            let list_width = match list_percent {
                Some(percent) => (u32::from(area.width) * u32::from(percent.min(100)) / 100) as u16,
                None => area.width.saturating_sub(DETAIL_MAX).max(LIST_MIN),
            };
            let (list, detail) = split(body, list_width, true);
            screen.list = Some(Pane::new(list, bordered));
            screen.detail = Some(Pane::padded(detail, bordered));
        } else if reading {
            screen.detail = Some(Pane::padded(body, bordered));
        } else if body.height >= STACK_MIN_HEIGHT {
            let list_height = (body.height * 2 / 5).max(3);
            let (list, detail) = split(body, list_height, false);
            screen.list = Some(Pane::new(list, bordered));
            screen.detail = Some(Pane::padded(detail, bordered));
        } else {
            screen.list = Some(Pane::new(body, bordered));
        }
        screen
    }

    /// Wide terminals show the detail beside the list; narrow ones open it full screen.
    pub fn is_wide(area: Rect) -> bool {
        area.width >= WIDE
    }

    pub fn list_hit(&self, at: Position) -> Option<usize> {
        let inner = self.list?.inner;
        inner.contains(at).then(|| usize::from(at.y - inner.y))
    }

    pub fn in_detail(&self, at: Position) -> bool {
        self.detail.is_some_and(|d| d.area.contains(at))
    }

    pub fn in_list(&self, at: Position) -> bool {
        self.list.is_some_and(|d| d.area.contains(at))
    }

    /// The centred box of the help overlay for `lines` lines of text `width` cells wide.
    pub fn help_area(&self, lines: usize, width: u16) -> Rect {
        let area = self.area;
        let w = (width + 4).min(area.width);
        let h = u16::try_from(lines + 2)
            .unwrap_or(u16::MAX)
            .min(area.height);
        Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + (area.height - h) / 2,
            width: w,
            height: h,
        }
    }
}

/// `area` cut in two after `at` columns (`across`) or rows: the list's part and the detail's.
fn split(area: Rect, at: u16, across: bool) -> (Rect, Rect) {
    let at = at.min(if across { area.width } else { area.height });
    if across {
        let first = Rect { width: at, ..area };
        let rest = Rect {
            x: area.x + at,
            width: area.width - at,
            ..area
        };
        (first, rest)
    } else {
        let first = Rect { height: at, ..area };
        let rest = Rect {
            y: area.y + at,
            height: area.height - at,
            ..area
        };
        (first, rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_put_the_detail_beside_the_list() {
        let s = Screen::new(Rect::new(0, 0, 120, 36), false);
        let (list, detail) = (s.list.unwrap(), s.detail.unwrap());
        assert_eq!(list.area, Rect::new(0, 1, 50, 34));
        assert_eq!(detail.area, Rect::new(50, 1, 70, 34));
        assert_eq!(list.inner.height, 32);
        let s = Screen::with_list_percent(Rect::new(0, 0, 120, 36), false, Some(40));
        assert_eq!(s.list.unwrap().area.width, 48, "as the config says");
    }

    #[test]
    fn the_list_takes_what_the_detail_does_not_need_and_at_least_fifty_columns() {
        let widths = [100, 120, 144, 200].map(|w| {
            let s = Screen::new(Rect::new(0, 0, w, 30), false);
            (s.list.unwrap().area.width, s.detail.unwrap().area.width)
        });
        assert_eq!(widths, [(50, 50), (50, 70), (72, 72), (128, 72)]);
    }

    #[test]
    fn narrow_terminals_stack_or_read_full_screen() {
        let s = Screen::new(Rect::new(0, 0, 60, 30), false);
        assert_eq!(s.list.unwrap().area, Rect::new(0, 1, 60, 11));
        assert_eq!(s.detail.unwrap().area, Rect::new(0, 12, 60, 17));
        let s = Screen::new(Rect::new(0, 0, 60, 30), true);
        assert!(s.list.is_none());
        assert_eq!(s.detail.unwrap().area, Rect::new(0, 1, 60, 28));
    }

    #[test]
    fn tiny_terminals_are_too_small_and_small_ones_drop_borders() {
        for (w, h) in [(0, 0), (1, 1), (19, 30), (120, 4), (0, 36), (120, 0)] {
            assert!(Screen::new(Rect::new(0, 0, w, h), false).too_small);
        }
        let s = Screen::new(Rect::new(0, 0, 20, 5), false);
        assert!(!s.too_small);
        let list = s.list.unwrap();
        assert!(!list.bordered);
        assert_eq!(list.inner, Rect::new(0, 1, 20, 3));
        assert!(s.detail.is_none());
    }

    #[test]
    fn the_help_box_never_leaves_the_screen() {
        let s = Screen::new(Rect::new(0, 0, 20, 5), false);
        let help = s.help_area(40, 60);
        assert!(s.area.contains(help.as_position()));
        assert_eq!((help.width, help.height), (20, 5));
    }
}
