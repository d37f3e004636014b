//! The config file, `config.toml`: its text in, the reader's settings out, or an error at the
//! line and column of the mistake. Pure: storage reads the file.
//!
//! Every setting is optional; an unknown key, a bad value and a key bound to two actions are
//! errors, never ignored, so a typo cannot silently leave a setting at its default.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::keymap::{BINDINGS, Key, Keymap, KeymapError};
pub use crate::model::mode::{MarkRead, Order};

pub use crate::layout::list::{RowField, TITLE_LINES};

pub const FILE_NAME: &str = "config.toml";
/// The bounds a config may set on the list pane's share of a wide terminal, in percent.
const LIST_PERCENT_RANGE: Range<i64> = 20..81;

/// The colours of the reader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// Named ANSI colours chosen for a dark background.
    #[default]
    Dark,
    /// Colours chosen for a light background.
    Light,
    /// No colours at all: the terminal's own foreground and background, bold, dim, reverse
    /// video and underline. What `NO_COLOR` gives too.
    Terminal,
}

/// A row field as written.
#[derive(Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum RowFieldName {
    Upvotes,
    Date,
    Authors,
}

/// The settings, every one at its default unless the file says otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Lists to open when no FILE is given, as written (see [`Config::list_paths`]); empty
    /// for the bundled list.
    pub lists: Vec<PathBuf>,
    /// The 1-based line of the file where each of `lists` is written (0 when unknown), so a
    /// list that cannot be opened is traced to it.
    pub list_lines: Vec<usize>,
    pub theme: ThemeName,
    pub keymap: Keymap,
    /// What list rows show after the title, in order; each where a paper of the list has it.
    pub row_fields: Vec<RowField>,
    /// Lines a long title takes in the list: 1, or 2 (then cut).
    pub title_lines: u8,
    /// The list pane's share of a wide terminal, in percent; None for a share that adapts to
    /// the width (see [`crate::layout::screen`]).
    pub list_percent: Option<u16>,
    /// Where the services are fetched from (`[sources]`): mirrors, or a local server in tests.
    pub sources: SourceUrls,
    /// When a paper counts as read.
    pub mark_read: MarkRead,
    /// The order the list opens in.
    pub sort: Order,
    /// The command that opens links (the URL is added as its last argument); else
    /// `$BROWSER`, else the system's opener.
    pub opener: Option<String>,
}

/// The services' base URLs, and how many results an arXiv search fetches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceUrls {
    pub huggingface: String,
    pub arxiv_rss: String,
    pub arxiv_api: String,
    pub arxiv_max_results: usize,
    /// Whether an arXiv announcement's cross-lists (papers of other categories) and
    /// replacements (new versions) are shown, or only its new papers.
    pub cross_lists: bool,
    pub replacements: bool,
}

impl Default for SourceUrls {
    fn default() -> SourceUrls {
        SourceUrls {
            huggingface: "https://huggingface.co".into(),
            arxiv_rss: "https://rss.arxiv.org".into(),
            arxiv_api: "https://export.arxiv.org".into(),
            arxiv_max_results: 200,
            cross_lists: true,
            replacements: true,
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            lists: Vec::new(),
            list_lines: Vec::new(),
            theme: ThemeName::default(),
            keymap: Keymap::default(),
            row_fields: vec![RowField::Upvotes, RowField::Date],
            title_lines: TITLE_LINES,
            list_percent: None,
            sources: SourceUrls::default(),
            mark_read: MarkRead::default(),
            sort: Order::List,
            opener: None,
        }
    }
}

/// A config file papertui cannot use: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based; 0 when the mistake has no one place.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.path.display(), self.message),
            line => write!(
                f,
                "{}:{line}:{}: {}",
                self.path.display(),
                self.column,
                self.message
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The file as written; only its shape is checked here.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    #[serde(default)]
    lists: Vec<Spanned<String>>,
    theme: Option<ThemeName>,
    mark_read: Option<MarkReadName>,
    sort: Option<SortName>,
    opener: Option<String>,
    #[serde(default)]
    list: ListTable,
    #[serde(default)]
    layout: LayoutTable,
    #[serde(default)]
    sources: SourcesTable,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<KeyNames>>,
}

/// The keys of a `[keys]` entry: a list (`next = ["j", "down"]`) or one key (`next = "n"`).
enum KeyNames {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for KeyNames {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = KeyNames;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key (\"n\") or a list of keys ([\"n\", \"down\"])")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<KeyNames, E> {
                Ok(KeyNames::One(s.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<KeyNames, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = seq.next_element()? {
                    keys.push(key);
                }
                Ok(KeyNames::Many(keys))
            }
        }
        d.deserialize_any(V)
    }
}

/// The keys of an entry as a list, each with its place in the file.
fn key_list(names: &Spanned<KeyNames>) -> Vec<Spanned<String>> {
    match names.get_ref() {
        KeyNames::One(key) => vec![Spanned::new(names.span(), key.clone())],
        KeyNames::Many(keys) => keys.clone(),
    }
}

/// `sort` as written.
#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum SortName {
    List,
    Upvotes,
    Date,
    Title,
}

/// `mark-read` as written.
#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum MarkReadName {
    Open,
    Dwell,
    Manual,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SourcesTable {
    huggingface: Option<Spanned<String>>,
    arxiv_rss: Option<Spanned<String>>,
    arxiv_api: Option<Spanned<String>>,
    arxiv_max_results: Option<Spanned<i64>>,
    arxiv_cross_lists: Option<bool>,
    arxiv_replacements: Option<bool>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ListTable {
    fields: Option<Spanned<Vec<RowFieldName>>>,
    title_lines: Option<Spanned<i64>>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LayoutTable {
    list_percent: Option<Spanned<i64>>,
}

impl Config {
    /// Reads the text of the config file at `path` (named in errors).
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let error = |span: Option<Range<usize>>, message: String| {
            let (line, column) = span.map_or((0, 0), |s| line_and_column(text, s.start));
            ConfigError {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let file: File = toml::from_str(text).map_err(|e| error(e.span(), message_of(&e)))?;
        let mut config = Config {
            list_lines: file
                .lists
                .iter()
                .map(|l| line_and_column(text, l.span().start).0)
                .collect(),
            lists: file
                .lists
                .into_iter()
                .map(|l| PathBuf::from(l.into_inner()))
                .collect(),
            ..Config::default()
        };
        if let Some(theme) = file.theme {
            config.theme = theme;
        }
        config.opener = file.opener.filter(|o| !o.trim().is_empty());
        if let Some(sort) = file.sort {
            config.sort = match sort {
                SortName::List => Order::List,
                SortName::Upvotes => Order::Upvotes,
                SortName::Date => Order::Date,
                SortName::Title => Order::Title,
            };
        }
        if let Some(rule) = file.mark_read {
            config.mark_read = match rule {
                MarkReadName::Open => MarkRead::Open,
                MarkReadName::Dwell => MarkRead::Dwell,
                MarkReadName::Manual => MarkRead::Manual,
            };
        }
        if let Some(fields) = file.list.fields {
            let span = fields.span();
            let fields = fields.into_inner();
            if let Some(twice) = fields
                .iter()
                .enumerate()
                .find(|(i, f)| fields[..*i].contains(f))
            {
                let name = format!("{:?}", field_of(*twice.1)).to_lowercase();
                return Err(error(
                    Some(span),
                    format!("`fields` lists \"{name}\" twice"),
                ));
            }
            config.row_fields = fields.into_iter().map(field_of).collect();
        }
        if let Some(lines) = file.list.title_lines {
            config.title_lines = match lines.get_ref() {
                1 => 1,
                2 => 2,
                n => {
                    let why = format!("`title-lines` is {n}; it must be 1 or 2");
                    return Err(error(Some(lines.span()), why));
                }
            };
        }
        if let Some(percent) = file.layout.list_percent {
            if !LIST_PERCENT_RANGE.contains(percent.get_ref()) {
                let (low, high) = (LIST_PERCENT_RANGE.start, LIST_PERCENT_RANGE.end - 1);
                return Err(error(
                    Some(percent.span()),
                    format!(
                        "`list-percent` is {}; it must be {low} to {high}",
                        percent.get_ref()
                    ),
                ));
            }
            config.list_percent = Some(*percent.get_ref() as u16);
        }
        config.sources = source_urls(file.sources).map_err(|(span, why)| error(Some(span), why))?;
        config.keymap = keymap(&file.keys).map_err(|(span, why)| error(Some(span), why))?;
        Ok(config)
    }

    /// What `NO_COLOR` asks for: no colour, whatever the theme.
    pub fn without_colour(mut self) -> Config {
        self.theme = ThemeName::Terminal;
        self
    }

    /// The lists to open when no FILE is given: relative paths are taken from the config
    /// directory, `~/` from the home directory.
    pub fn list_paths(&self, config_dir: &Path, home: Option<&Path>) -> Vec<PathBuf> {
        self.lists
            .iter()
            .map(|p| match (p.strip_prefix("~"), home) {
                (Ok(rest), Some(home)) => home.join(rest),
                _ => config_dir.join(p),
            })
            .collect()
    }
}

/// The `[sources]` table over the defaults: each URL `https://` (or `http://` for a server on
/// this machine), without a trailing slash; an error at the value at fault.
fn source_urls(table: SourcesTable) -> Result<SourceUrls, (Range<usize>, String)> {
    let mut urls = SourceUrls::default();
    for (value, name, slot) in [
        (table.huggingface, "huggingface", &mut urls.huggingface),
        (table.arxiv_rss, "arxiv-rss", &mut urls.arxiv_rss),
        (table.arxiv_api, "arxiv-api", &mut urls.arxiv_api),
    ] {
        let Some(value) = value else { continue };
        let url = value.get_ref().trim_end_matches('/');
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            let why = format!("`{name}` is not a URL: write it as https://host");
            return Err((value.span(), why));
        }
        *slot = url.to_string();
    }
    urls.cross_lists = table.arxiv_cross_lists.unwrap_or(true);
    urls.replacements = table.arxiv_replacements.unwrap_or(true);
    if let Some(max) = table.arxiv_max_results {
        match usize::try_from(*max.get_ref()) {
            Ok(n @ 1..=2000) => urls.arxiv_max_results = n,
            _ => return Err((max.span(), "`arxiv-max-results` must be 1 to 2000".into())),
        }
    }
    Ok(urls)
}

fn field_of(name: RowFieldName) -> RowField {
    match name {
        RowFieldName::Upvotes => RowField::Upvotes,
        RowFieldName::Date => RowField::Date,
        RowFieldName::Authors => RowField::Authors,
    }
}

/// The shipped keymap with the file's `[keys]`; an error at the key or name at fault.
fn keymap(
    keys: &BTreeMap<Spanned<String>, Spanned<KeyNames>>,
) -> Result<Keymap, (Range<usize>, String)> {
    let keys: Vec<(&Spanned<String>, Vec<Spanned<String>>)> = keys
        .iter()
        .map(|(name, list)| (name, key_list(list)))
        .collect();
    let mut changes = Vec::new();
    for (name, list) in &keys {
        if !BINDINGS.iter().any(|b| b.name == Some(name.get_ref())) {
            let why = KeymapError::UnknownName(name.get_ref().clone()).to_string();
            return Err((name.span(), why));
        }
        let mut parsed = Vec::new();
        for key in list {
            parsed.push(Key::parse(key.get_ref()).map_err(|why| (key.span(), why))?);
        }
        changes.push((name.get_ref().as_str(), parsed));
    }
    Keymap::remap(changes).map_err(|e| {
        // Place the error at the last key the file wrote that takes part in it.
        let (key, names): (Key, Vec<&str>) = match &e {
            KeymapError::Conflict { key, first, second } => (*key, vec![*first, *second]),
            KeymapError::Repeated { key, name } | KeymapError::Typed { key, name } => {
                (*key, vec![*name])
            }
            KeymapError::UnknownName(_) => (Key::Text, Vec::new()),
        };
        let span = keys
            .iter()
            .filter(|(name, _)| names.contains(&name.get_ref().as_str()))
            .flat_map(|(_, list)| list.iter())
            .filter(|k| Key::parse(k.get_ref()) == Ok(key))
            .map(Spanned::span)
            .max_by_key(|s| s.start)
            .unwrap_or(0..0);
        (span, e.to_string())
    })
}

/// toml's message without its own position (ours is in front).
fn message_of(e: &toml::de::Error) -> String {
    let message = e.message().trim();
    match message.split_once('\n') {
        Some((first, _)) => first.to_string(),
        None => message.to_string(),
    }
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The default config file, every setting at its default and explained: `papertui config
/// --print-default` prints it, and it reads back as [`Config::default`].
pub fn default_text() -> String {
    let mut out = String::from(
        "# papertui configuration: config.toml in papertui's config directory (see `papertui
# config --path`). Every setting is optional; these are the defaults. An unknown setting,
# a bad value or a key bound to two actions is an error naming this file, line and column.

# Lists to open when no FILE is given, in place of the bundled Daily Papers list: files (a
# relative path is taken from this file's directory; ~/ is the home directory) or lists to
# fetch (hf:today, arxiv:cs.CL, arxiv-search:QUERY, an https:// URL).
# lists = [\"hf:today\", \"arxiv:cs.CL\", \"~/papers/mine.json\"]
lists = []

# Colours: \"dark\" (for a dark background), \"light\" (for a light one) or \"terminal\" (no
# colours of its own: the terminal's foreground and background, bold, dim and reverse
# video). The NO_COLOR environment variable (set and not empty) means \"terminal\".
theme = \"dark\"

# When a paper counts as read: \"open\" (when you open it: Enter, or the next paper while
# reading), \"dwell\" (after it has been shown in the detail pane for a moment) or
# \"manual\" (only with the key).
mark-read = \"open\"

# The order the list opens in: \"list\" (as the lists hold the papers), \"upvotes\",
# \"date\" (newest first) or \"title\". `s` goes through them.
sort = \"list\"

# The command that opens links, the URL added as its last argument (\"firefox --new-tab\");
# unset, $BROWSER is used, else xdg-open (open on macOS).
# opener = \"firefox\"

[list]
# What the rows of the list show after the title, in this order: any of \"upvotes\",
# \"date\" and \"authors\", each where a paper of the list has it. The titles come first:
# where room is short the fields take short forms (a date as 06-12, or as 13d: days before
# the newest paper of the list; 1.2k upvotes; a surname), and the last ones give way.
fields = [\"upvotes\", \"date\"]
# Lines a long title takes: 2 (it breaks between words onto a second line, then is cut;
# a list pane under 10 lines tall shows one) or 1 (it is cut, and more papers fit).
title-lines = 2

[layout]
# The list pane's share of the width, in percent (20 to 80), on terminals of 100 columns or
# more; narrower ones put the list above the detail. Unset, the share adapts to the width:
# the list gets all but 72 columns, and at least 50.
# list-percent = 40

[sources]
# Where lists named hf:..., arxiv:... and arxiv-search:... are fetched from (a mirror, or a
# server on this machine), and how many papers an arxiv-search: fetches at most (1 to 2000).
huggingface = \"https://huggingface.co\"
arxiv-rss = \"https://rss.arxiv.org\"
arxiv-api = \"https://export.arxiv.org\"
arxiv-max-results = 200
# Whether an arXiv announcement (arxiv:...) lists cross-lists from other categories and
# replacements (new versions of papers announced before), or only its new papers.
arxiv-cross-lists = true
arxiv-replacements = true

[keys]
# The keys of each action. A key is a character (\"j\", \"G\", \"/\"), a name (\"down\",
# \"enter\", \"esc\", \"tab\", \"space\", \"backspace\", \"home\", \"end\", \"pageup\",
# \"pagedown\", \"left\", \"right\", \"f1\"...) or \"ctrl-\" and a letter. [] unbinds an action.
# Ctrl-c always quits, and in the filter printable keys type.
",
    );
    let map = Keymap::default();
    for b in BINDINGS {
        let Some(name) = b.name else { continue };
        let keys: Vec<String> = map
            .keys_of(name)
            .unwrap_or_default()
            .iter()
            .map(|k| format!("\"{}\"", toml_escape(&k.config_name())))
            .collect();
        let line = format!("{name} = [{}]", keys.join(", "));
        out.push_str(&format!("{line:<40} # {}\n", b.help));
    }
    out
}

fn toml_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests;
