//! Every style of the reader, in one place: the dark theme (named ANSI colours, so the
//! terminal's palette decides the shades), the light one (exact colours that read on a light
//! background), and the terminal's own (no colour at all: bold, dim, underline and reverse
//! video only, which is also what `NO_COLOR` gets).

use ratatui::style::{Color, Modifier, Style};

use crate::config::{Config, ThemeName};

/// The styles of one theme, by what they show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub list_name: Style,
    pub counts: Style,
    pub border: Style,
    pub border_focused: Style,
    pub pane_title: Style,
    /// The selected row while the list has the focus.
    pub selected: Style,
    /// The selected row while the detail has the focus.
    pub selected_unfocused: Style,
    pub bookmark: Style,
    /// The title of a paper already read.
    pub read: Style,
    pub row_extra: Style,
    pub empty: Style,
    pub title: Style,
    /// Filter matches in the title.
    pub matched: Style,
    pub authors: Style,
    pub facts: Style,
    pub link: Style,
    pub abstract_text: Style,
    pub mode_browse: Style,
    pub mode_filter: Style,
    pub mode_help: Style,
    pub filter_text: Style,
    pub hint_key: Style,
    pub hint: Style,
    pub info: Style,
    pub warning: Style,
    pub error: Style,
    pub help_border: Style,
    pub help_heading: Style,
    pub help_keys: Style,
}

const BOLD: Modifier = Modifier::BOLD;

pub const DARK: Theme = Theme {
    list_name: Style::new().add_modifier(BOLD),
    counts: Style::new(),
    border: Style::new().fg(Color::DarkGray),
    border_focused: Style::new().fg(Color::Cyan),
    pane_title: Style::new().add_modifier(BOLD),
    selected: Style::new()
        .fg(Color::White)
        .bg(Color::Blue)
        .add_modifier(BOLD),
    selected_unfocused: Style::new().bg(Color::DarkGray),
    bookmark: Style::new().fg(Color::Yellow),
    read: Style::new().fg(Color::DarkGray),
    row_extra: Style::new().fg(Color::DarkGray),
    empty: Style::new().fg(Color::DarkGray),
    title: Style::new().add_modifier(BOLD),
    matched: Style::new()
        .fg(Color::Yellow)
        .add_modifier(BOLD.union(Modifier::UNDERLINED)),
    authors: Style::new().fg(Color::Cyan),
    facts: Style::new().fg(Color::DarkGray),
    link: Style::new()
        .fg(Color::Blue)
        .add_modifier(Modifier::UNDERLINED),
    abstract_text: Style::new(),
    mode_browse: Style::new().fg(Color::Black).bg(Color::Cyan),
    mode_filter: Style::new().fg(Color::Black).bg(Color::Yellow),
    mode_help: Style::new().fg(Color::Black).bg(Color::Green),
    filter_text: Style::new().fg(Color::Yellow),
    hint_key: Style::new().add_modifier(BOLD),
    hint: Style::new().fg(Color::DarkGray),
    info: Style::new().fg(Color::Green),
    warning: Style::new().fg(Color::Yellow),
    error: Style::new().fg(Color::Red).add_modifier(BOLD),
    help_border: Style::new().fg(Color::Green),
    help_heading: Style::new().fg(Color::Yellow).add_modifier(BOLD),
    help_keys: Style::new().fg(Color::Cyan).add_modifier(BOLD),
};

const INK: Color = Color::Rgb(0x1f, 0x23, 0x28);
const GREY: Color = Color::Rgb(0x6e, 0x77, 0x81);
const BLUE: Color = Color::Rgb(0x09, 0x69, 0xda);
const TEAL: Color = Color::Rgb(0x0a, 0x6e, 0x6e);
const AMBER: Color = Color::Rgb(0x9a, 0x67, 0x00);
const GREEN: Color = Color::Rgb(0x1a, 0x7f, 0x37);
const RED: Color = Color::Rgb(0xcf, 0x22, 0x2e);
const PALE_BLUE: Color = Color::Rgb(0xdd, 0xf4, 0xff);
const PALE_GREY: Color = Color::Rgb(0xea, 0xee, 0xf2);

pub const LIGHT: Theme = Theme {
    list_name: Style::new().fg(INK).add_modifier(BOLD),
    counts: Style::new().fg(INK),
    border: Style::new().fg(GREY),
    border_focused: Style::new().fg(BLUE),
    pane_title: Style::new().fg(INK).add_modifier(BOLD),
    selected: Style::new().fg(INK).bg(PALE_BLUE).add_modifier(BOLD),
    selected_unfocused: Style::new().fg(INK).bg(PALE_GREY),
    bookmark: Style::new().fg(AMBER),
    read: Style::new().fg(GREY),
    row_extra: Style::new().fg(GREY),
    empty: Style::new().fg(GREY),
    title: Style::new().fg(INK).add_modifier(BOLD),
    matched: Style::new()
        .fg(AMBER)
        .add_modifier(BOLD.union(Modifier::UNDERLINED)),
    authors: Style::new().fg(TEAL),
    facts: Style::new().fg(GREY),
    link: Style::new().fg(BLUE).add_modifier(Modifier::UNDERLINED),
    abstract_text: Style::new().fg(INK),
    mode_browse: Style::new().fg(Color::Rgb(0xff, 0xff, 0xff)).bg(BLUE),
    mode_filter: Style::new().fg(Color::Rgb(0xff, 0xff, 0xff)).bg(AMBER),
    mode_help: Style::new().fg(Color::Rgb(0xff, 0xff, 0xff)).bg(GREEN),
    filter_text: Style::new().fg(AMBER),
    hint_key: Style::new().fg(INK).add_modifier(BOLD),
    hint: Style::new().fg(GREY),
    info: Style::new().fg(GREEN),
    warning: Style::new().fg(AMBER),
    error: Style::new().fg(RED).add_modifier(BOLD),
    help_border: Style::new().fg(GREEN),
    help_heading: Style::new().fg(AMBER).add_modifier(BOLD),
    help_keys: Style::new().fg(TEAL).add_modifier(BOLD),
};

const PLAIN: Style = Style::new();
const DIM: Style = Style::new().add_modifier(Modifier::DIM);
const REVERSED: Style = Style::new().add_modifier(Modifier::REVERSED);

/// No colours: what stands out is bold, dim, underlined or in reverse video.
pub const TERMINAL: Theme = Theme {
    list_name: Style::new().add_modifier(BOLD),
    counts: PLAIN,
    border: PLAIN,
    border_focused: Style::new().add_modifier(BOLD),
    pane_title: Style::new().add_modifier(BOLD),
    selected: REVERSED.add_modifier(BOLD),
    selected_unfocused: REVERSED,
    bookmark: Style::new().add_modifier(BOLD),
    read: DIM,
    row_extra: DIM,
    empty: DIM,
    title: Style::new().add_modifier(BOLD),
    matched: Style::new().add_modifier(BOLD.union(Modifier::UNDERLINED)),
    authors: Style::new().add_modifier(Modifier::ITALIC),
    facts: DIM,
    link: Style::new().add_modifier(Modifier::UNDERLINED),
    abstract_text: PLAIN,
    mode_browse: REVERSED,
    mode_filter: REVERSED.add_modifier(BOLD),
    mode_help: REVERSED,
    filter_text: Style::new().add_modifier(BOLD),
    hint_key: Style::new().add_modifier(BOLD),
    hint: DIM,
    info: PLAIN,
    warning: Style::new().add_modifier(BOLD),
    error: REVERSED.add_modifier(BOLD),
    help_border: PLAIN,
    help_heading: Style::new().add_modifier(BOLD.union(Modifier::UNDERLINED)),
    help_keys: Style::new().add_modifier(BOLD),
};

impl Theme {
    pub fn named(name: ThemeName) -> &'static Theme {
        match name {
            ThemeName::Dark => &DARK,
            ThemeName::Light => &LIGHT,
            ThemeName::Terminal => &TERMINAL,
        }
    }
}

/// The theme the config asks for (the terminal's own under `NO_COLOR`).
pub fn of(config: &Config) -> &'static Theme {
    Theme::named(config.theme)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(t: &Theme) -> [Style; 29] {
        [
            t.list_name,
            t.counts,
            t.border,
            t.border_focused,
            t.pane_title,
            t.selected,
            t.selected_unfocused,
            t.bookmark,
            t.read,
            t.row_extra,
            t.empty,
            t.title,
            t.matched,
            t.authors,
            t.facts,
            t.link,
            t.abstract_text,
            t.mode_browse,
            t.mode_filter,
            t.mode_help,
            t.filter_text,
            t.hint_key,
            t.hint,
            t.info,
            t.warning,
            t.error,
            t.help_border,
            t.help_heading,
            t.help_keys,
        ]
    }

    #[test]
    fn the_terminal_theme_sets_no_colour_at_all() {
        for style in styles(&TERMINAL) {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
        assert!(TERMINAL.selected.add_modifier.contains(Modifier::REVERSED));
        assert_ne!(
            TERMINAL.read, TERMINAL.abstract_text,
            "read papers stand out"
        );
    }

    #[test]
    fn the_light_theme_uses_exact_colours_and_the_dark_one_named_colours() {
        let exact = |s: Style| matches!(s.fg, None | Some(Color::Rgb(..)));
        assert!(styles(&LIGHT).into_iter().all(exact));
        let named = |s: Style| !matches!(s.fg, Some(Color::Rgb(..) | Color::Indexed(_)));
        assert!(styles(&DARK).into_iter().all(named));
    }
}
