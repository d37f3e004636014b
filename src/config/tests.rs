use super::*;
use crate::action::Action;
use crate::keymap::KeyContext;
use crate::model::{Focus, Mode};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn parse(text: &str) -> std::result::Result<Config, ConfigError> {
    Config::parse(text, Path::new("/home/me/.config/papertui/config.toml"))
}

/// The error for `text`, as the user reads it.
fn error(text: &str) -> String {
    match parse(text) {
        Ok(config) => panic!("{text:?} was accepted: {config:?}"),
        Err(e) => e.to_string(),
    }
}

const LIST: KeyContext = KeyContext {
    mode: Mode::Browse,
    focus: Focus::List,
    reading: false,
};

fn action(config: &Config, c: char) -> Option<Action> {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    config.keymap.action_for_key(LIST, &key)
}

#[test]
fn an_empty_file_and_the_printed_default_file_are_the_defaults() -> Result {
    assert_eq!(parse("")?, Config::default());
    assert_eq!(parse(&default_text())?, Config::default());
    Ok(())
}

#[test]
fn every_setting_is_read() -> Result {
    let config = parse(
        r#"
lists = ["today.json", "~/papers/all.jsonl"]
theme = "light"
mark-read = "manual"
[list]
fields = ["authors", "date"]
title-lines = 1
[layout]
list-percent = 55
[keys]
next = ["x", "ctrl-n"]
copy-link = []
"#,
    )?;
    assert_eq!(config.theme, ThemeName::Light);
    assert_eq!(config.row_fields, [RowField::Authors, RowField::Date]);
    assert_eq!(config.title_lines, 1);
    assert_eq!(config.list_percent, Some(55));
    assert_eq!(config.mark_read, MarkRead::Manual);
    assert!(matches!(action(&config, 'x'), Some(Action::SelectNext)));
    assert!(action(&config, 'j').is_none(), "j is no longer bound");
    assert!(action(&config, 'y').is_none(), "copy-link is unbound");
    assert!(matches!(action(&config, 'k'), Some(Action::SelectPrev)));
    let paths = config.list_paths(Path::new("/cfg"), Some(Path::new("/home/me")));
    assert_eq!(
        paths,
        [
            PathBuf::from("/cfg/today.json"),
            PathBuf::from("/home/me/papers/all.jsonl")
        ]
    );
    Ok(())
}

#[test]
fn an_unknown_setting_is_named_with_its_line_and_column() {
    assert_eq!(
        error("theme = \"dark\"\ncolour = \"red\"\n"),
        "/home/me/.config/papertui/config.toml:2:1: unknown field `colour`, expected one of \
         `lists`, `theme`, `mark-read`, `sort`, `opener`, `list`, `layout`, `sources`, `keys`"
    );
    let e = error("[list]\nfields = []\nwidth = 3\n");
    assert!(e.contains("config.toml:3:1: unknown field `width`"), "{e}");
    let e = error("[layout]\nlist-width = 30\n");
    assert!(
        e.contains("config.toml:2:1: unknown field `list-width`"),
        "{e}"
    );
}

#[test]
fn a_bad_value_is_named_with_its_line_and_column() {
    let e = error("theme = \"blue\"\n");
    assert!(e.contains("config.toml:1:9: unknown variant `blue`"), "{e}");
    assert!(e.contains("`dark`, `light`, `terminal`"), "{e}");
    let e = error("theme = 3\n");
    assert!(e.contains("config.toml:1:9:"), "{e}");
    let e = error("[list]\nfields = [\"upvotes\", \"stars\"]\n");
    assert!(
        e.contains("config.toml:2:22: unknown variant `stars`"),
        "{e}"
    );
    let e = error("[list]\nfields = [\"date\", \"date\"]\n");
    assert!(
        e.contains("config.toml:2:10: `fields` lists \"date\" twice"),
        "{e}"
    );
    let e = error("[list]\ntitle-lines = 3\n");
    assert!(
        e.contains("config.toml:2:15: `title-lines` is 3; it must be 1 or 2"),
        "{e}"
    );
    let e = error("[layout]\nlist-percent = 95\n");
    assert!(
        e.contains("config.toml:2:16: `list-percent` is 95; it must be 20 to 80"),
        "{e}"
    );
    let e = error("lists = \"today.json\"\n");
    assert!(e.contains("config.toml:1:9:"), "{e}");
}

#[test]
fn a_syntax_error_is_placed() {
    let e = error("theme = \"dark\n");
    assert!(
        e.starts_with("/home/me/.config/papertui/config.toml:1:"),
        "{e}"
    );
    assert!(!e.contains('\n'), "one line: {e}");
}

#[test]
fn an_unknown_action_or_key_is_named_with_its_line_and_column() {
    let e = error("[keys]\nnxt = [\"n\"]\n");
    assert!(
        e.contains("config.toml:2:1: no action is called `nxt`; the actions are: read,"),
        "{e}"
    );
    let e = error("[keys]\nnext = [\"n\", \"hyper-x\"]\n");
    assert!(
        e.contains("config.toml:2:14: \"hyper-x\" is not a key"),
        "{e}"
    );
    let e = error("[keys]\nnext = [\"ctrl-\"]\n");
    assert!(e.contains("config.toml:2:9:"), "{e}");
}

#[test]
fn a_key_bound_to_two_actions_is_an_error_at_the_key() {
    let e = error("[keys]\nnext = [\"k\"]\n");
    assert_eq!(
        e,
        "/home/me/.config/papertui/config.toml:2:9: the key \"k\" is bound to both `next` and \
         `previous`; give one of them other keys"
    );
    // Swapping two keys in one file is fine.
    let config = parse_ok("[keys]\nnext = [\"k\"]\nprevious = [\"j\"]\n");
    assert!(matches!(action(&config, 'k'), Some(Action::SelectNext)));
    let e = error("[keys]\nsort = [\"ctrl-c\"]\n");
    assert!(
        e.contains("2:9: the key \"ctrl-c\" is bound to both `sort`"),
        "{e}"
    );
    let e = error("[keys]\nnext = [\"j\", \"J\", \"j\"]\n");
    assert!(
        e.contains("2:19: the key \"j\" is listed twice for `next`"),
        "{e}"
    );
    let e = error("[keys]\nfilter-keep = [\"x\"]\n");
    assert!(
        e.contains("2:16: the key \"x\" cannot be bound to `filter-keep`"),
        "{e}"
    );
    // Different contexts may share a key: j moves in the list and scrolls the help.
    parse_ok("[keys]\nhelp-down = [\"x\"]\nnext = [\"x\"]\n");
}

fn parse_ok(text: &str) -> Config {
    parse(text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn keys_read_back_as_they_are_written() {
    for b in BINDINGS {
        for &key in b
            .keys
            .iter()
            .filter(|k| !matches!(k, Key::Text | Key::Digit))
        {
            assert_eq!(Key::parse(&key.config_name()), Ok(key), "{key:?}");
        }
    }
    assert_eq!(Key::parse("Ctrl-D"), Ok(Key::Ctrl('d')));
    assert_eq!(Key::parse("PageDown"), Ok(Key::Code(KeyCode::PageDown)));
    assert_eq!(Key::parse("f5"), Ok(Key::Code(KeyCode::F(5))));
    assert_eq!(Key::parse("G"), Ok(Key::Char('G')));
    assert!(Key::parse("f13").is_err());
    assert!(Key::parse("").is_err());
}

#[test]
fn no_colour_means_the_terminal_theme() {
    let config = Config {
        theme: ThemeName::Light,
        ..Config::default()
    };
    assert_eq!(config.without_colour().theme, ThemeName::Terminal);
}

#[test]
fn a_key_written_as_one_string_is_that_key_and_a_bad_one_is_placed() -> Result {
    let config = parse("[keys]\nnext = \"h\"\n")?;
    assert_eq!(action(&config, 'h'), Some(Action::SelectNext));
    assert_eq!(
        action(&config, 'j'),
        None,
        "the key replaces the shipped ones"
    );
    let err = error("[keys]\nnext = \"no-such-key\"\n");
    assert!(
        err.starts_with("/home/me/.config/papertui/config.toml:2:8:"),
        "{err}"
    );
    Ok(())
}

#[test]
fn each_list_remembers_its_line_for_messages() -> Result {
    let config = parse("theme = \"dark\"\nlists = [\n  \"a.json\",\n\n  \"b.json\",\n]\n")?;
    assert_eq!(config.list_lines, [3, 5]);
    Ok(())
}

#[test]
fn sources_name_their_base_urls_and_a_bad_one_is_placed() -> Result {
    let text = "[sources]\nhuggingface = \"http://127.0.0.1:8080/\"\narxiv-max-results = 50\n";
    let config = Config::parse(text, Path::new("config.toml"))?;
    assert_eq!(config.sources.huggingface, "http://127.0.0.1:8080");
    assert_eq!(config.sources.arxiv_max_results, 50);
    assert_eq!(config.sources.arxiv_rss, SourceUrls::default().arxiv_rss);
    let e = error("[sources]\narxiv-api = \"export.arxiv.org\"\n");
    assert!(
        e.contains("config.toml:2:13: `arxiv-api` is not a URL"),
        "{e}"
    );
    Ok(())
}
