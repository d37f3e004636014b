//! Every style of the reader, in one place. Named ANSI colours only, so the terminal's own
//! palette (light or dark) decides the shades.

use ratatui::style::{Color, Modifier, Style};

pub const LIST_NAME: Style = Style::new().add_modifier(Modifier::BOLD);
pub const DIM: Style = Style::new().fg(Color::DarkGray);
pub const COUNTS: Style = Style::new();

pub const BORDER: Style = Style::new().fg(Color::DarkGray);
pub const BORDER_FOCUSED: Style = Style::new().fg(Color::Cyan);
pub const PANE_TITLE: Style = Style::new().add_modifier(Modifier::BOLD);

/// The selected row while the list has the focus.
pub const SELECTED: Style = Style::new()
    .fg(Color::White)
    .bg(Color::Blue)
    .add_modifier(Modifier::BOLD);
/// The selected row while the detail has the focus.
pub const SELECTED_UNFOCUSED: Style = Style::new().bg(Color::DarkGray);
pub const BOOKMARK: Style = Style::new().fg(Color::Yellow);
pub const ROW_EXTRA: Style = Style::new().fg(Color::DarkGray);
pub const EMPTY: Style = Style::new().fg(Color::DarkGray);

pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
/// Filter matches in the title.
pub const MATCH: Style = Style::new()
    .fg(Color::Yellow)
    .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED));
pub const AUTHORS: Style = Style::new().fg(Color::Cyan);
pub const FACTS: Style = Style::new().fg(Color::DarkGray);
pub const LINK: Style = Style::new()
    .fg(Color::Blue)
    .add_modifier(Modifier::UNDERLINED);
pub const ABSTRACT: Style = Style::new();

pub const MODE_BROWSE: Style = Style::new().fg(Color::Black).bg(Color::Cyan);
pub const MODE_FILTER: Style = Style::new().fg(Color::Black).bg(Color::Yellow);
pub const MODE_HELP: Style = Style::new().fg(Color::Black).bg(Color::Green);
pub const FILTER_TEXT: Style = Style::new().fg(Color::Yellow);
pub const HINT_KEY: Style = Style::new().add_modifier(Modifier::BOLD);
pub const HINT: Style = Style::new().fg(Color::DarkGray);
pub const INFO: Style = Style::new().fg(Color::Green);
pub const WARNING: Style = Style::new().fg(Color::Yellow);
pub const ERROR: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);

pub const HELP_BORDER: Style = Style::new().fg(Color::Green);
pub const HELP_HEADING: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const HELP_KEYS: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
