//! Drives the real keymap and model like the app loop does, with searches run synchronously,
//! and draws to a `TestBackend`.
#![allow(dead_code)]

pub mod checks;
pub mod hostile;
pub mod run;
pub mod term;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use papertui::action::Action;
use papertui::config::Config;
use papertui::library::Library;
use papertui::load::{Source, load_all};
use papertui::model::{Effect, Model};
use papertui::{app, harness, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn bundled() -> Result<Library> {
    let loaded = load_all(&[Source::Bundled]).map_err(|e| format!("{e:?}"))?;
    Ok(loaded.library)
}

/// A day of Daily Papers as Hugging Face answered it: 30 papers of 2026-06-12, titles of 24
/// to 105 characters (a verbatim copy of the shared recording).
pub fn recorded_day() -> Result<Library> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/recorded/hf-daily-papers-2026-06-12.json"
    );
    let loaded = load_all(&[Source::Path(path.into())]).map_err(|e| format!("{e:?}"))?;
    Ok(loaded.library)
}

pub struct Reader {
    pub model: Model,
    /// The config the keys and the view follow.
    pub config: Config,
    pub terminal: Terminal<TestBackend>,
    /// Every effect the model asked for, in order.
    pub effects: Vec<Effect>,
    /// Searches not run yet, while `hold_searches` is set.
    pub held: Vec<Effect>,
    pub hold_searches: bool,
}

impl Reader {
    pub fn new(library: Library, width: u16, height: u16) -> Result<Reader> {
        let mut reader = Reader {
            model: Model::new(library),
            config: Config::default(),
            terminal: Terminal::new(TestBackend::new(width, height))?,
            effects: Vec::new(),
            held: Vec::new(),
            hold_searches: false,
        };
        reader.resize(width, height);
        Ok(reader)
    }

    pub fn bundled(width: u16, height: u16) -> Result<Reader> {
        Reader::new(bundled()?, width, height)
    }

    /// The reader with a config file's settings.
    pub fn with_config(
        library: Library,
        config: Config,
        width: u16,
        height: u16,
    ) -> Result<Reader> {
        let mut reader = Reader::new(library, width, height)?;
        let model = std::mem::replace(&mut reader.model, Model::new(Library::default()));
        reader.model = model.with_settings(app::settings_of(&config));
        reader.config = config;
        reader.resize(width, height);
        Ok(reader)
    }

    /// Sends a terminal event through the model's keymap to the model, as the app loop does.
    pub fn event(&mut self, event: Event) -> &mut Self {
        let context = ui::key_context(&self.model);
        if let Some(action) = self.config.keymap.action_for_event(context, &event) {
            self.act(action);
        }
        self
    }

    pub fn act(&mut self, action: Action) -> &mut Self {
        let effects = self.model.update(action);
        self.carry_out(effects)
    }

    /// Records the effects and answers the workers' ones at once, as the app's workers would
    /// (searches wait while `hold_searches` is set).
    fn carry_out(&mut self, effects: Vec<Effect>) -> &mut Self {
        for effect in effects {
            match harness::answer(&effect) {
                Some(_) if self.hold_searches && matches!(effect, Effect::Search(_)) => {
                    self.held.push(effect.clone());
                }
                Some(report) => {
                    let more = self.model.take(report);
                    self.carry_out(more);
                }
                None => {}
            }
            self.effects.push(effect);
        }
        self
    }

    /// Runs the searches held back, in order.
    pub fn finish_searches(&mut self) -> &mut Self {
        self.hold_searches = false;
        for effect in std::mem::take(&mut self.held) {
            if let Some(report) = harness::answer(&effect) {
                let more = self.model.take(report);
                self.carry_out(more);
            }
        }
        self
    }

    /// Types a key string such as `"jj/galore<enter>"`.
    pub fn keys(&mut self, keys: &str) -> Result<&mut Self> {
        for key in parse_keys(keys)? {
            self.event(Event::Key(key));
        }
        Ok(self)
    }

    pub fn resize(&mut self, width: u16, height: u16) -> &mut Self {
        self.terminal.backend_mut().resize(width, height);
        self.event(Event::Resize(width, height))
    }

    pub fn draw(&mut self) -> Result<&Buffer> {
        let (model, config) = (&self.model, &self.config);
        self.terminal.draw(|frame| ui::view(frame, model, config))?;
        Ok(self.terminal.backend().buffer())
    }

    /// The screen as text, one line per row, trailing spaces trimmed.
    pub fn screen(&mut self) -> Result<String> {
        let buffer = self.draw()?.clone();
        Ok(text_of(&buffer))
    }

    /// The screen row of the first line of list position `pos`, while its row is on screen.
    pub fn row_y(&self, pos: usize) -> Option<u16> {
        let window = self.model.list_window()?;
        let row = window.rows.iter().find(|r| r.pos == pos)?;
        let inner = self.model.screen().list?.inner;
        Some(inner.y + row.y as u16)
    }

    pub fn selected_title(&self) -> Option<String> {
        let paper = self.model.selected_paper()?;
        Some(self.model.library().get(paper).title().to_string())
    }

    pub fn quit_asked(&self) -> bool {
        self.effects.iter().any(|e| matches!(e, Effect::Quit))
    }
}

pub fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = papertui::text::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Parses key notation: plain characters, and `<esc>`, `<enter>`, `<tab>`, `<bs>`, `<space>`,
/// `<up>`, `<down>`, `<home>`, `<end>`, `<pgup>`, `<pgdn>`, `<lt>` (a `<`), and `<c-x>` for
/// Ctrl-x.
pub fn parse_keys(s: &str) -> Result<Vec<KeyEvent>> {
    let mut keys = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let name = &rest[1..end];
            rest = &rest[end + 1..];
            let code = match name {
                "esc" => KeyCode::Esc,
                "enter" => KeyCode::Enter,
                "tab" => KeyCode::Tab,
                "bs" => KeyCode::Backspace,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" => KeyCode::PageUp,
                "pgdn" => KeyCode::PageDown,
                "lt" => KeyCode::Char('<'),
                ctrl if ctrl.starts_with("c-") && ctrl.len() == 3 => {
                    let c = ctrl.chars().nth(2).ok_or("empty ctrl key")?;
                    keys.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
                    continue;
                }
                other => return Err(format!("unknown key <{other}>").into()),
            };
            keys.push(KeyEvent::new(code, KeyModifiers::NONE));
            continue;
        }
        rest = &rest[c.len_utf8()..];
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        keys.push(KeyEvent::new(KeyCode::Char(c), mods));
    }
    Ok(keys)
}
