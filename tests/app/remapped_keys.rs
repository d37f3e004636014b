//! With every binding remapped, no screen names a key that is not bound: the footer's hints,
//! the help, the empty lists and every notice follow the config's `[keys]`.

use std::collections::BTreeSet;

use crate::support::{Reader, Result};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use papertui::config::Config;
use papertui::keymap::{BINDINGS, Key, Keymap, names};
use papertui::library::{Authors, Chunk, Library, LibraryBuilder, RawPaper};

/// Three papers whose text holds no word that could pass for a key's label.
fn library() -> Result<Library> {
    let mut chunk = Chunk::default();
    for title in ["Sparse attention", "Diffusion models", "Robot learning"] {
        chunk
            .push(&RawPaper {
                title: title.into(),
                authors: Authors::Joined("Ada Lovelace".into()),
                abstract_text: "an abstract".into(),
                ..Default::default()
            })
            .map_err(|e| format!("{e:?}"))?;
    }
    let mut builder = LibraryBuilder::default();
    builder.append(chunk);
    Ok(builder.into_library())
}

/// Every named binding on a key of its own that no binding has as shipped.
fn remapped() -> Result<Keymap> {
    let fresh: Vec<Key> = (1..=20)
        .map(|n| Key::Code(KeyCode::F(n)))
        .chain("abefghijklmnopqstvxyz0123456789".chars().map(Key::Ctrl))
        .collect();
    let names: Vec<&str> = names().collect();
    assert!(names.len() <= fresh.len(), "more bindings than fresh keys");
    Ok(Keymap::remap(
        names
            .iter()
            .zip(&fresh)
            .map(|(name, key)| (*name, vec![*key])),
    )?)
}

fn press(r: &mut Reader, name: &str) -> Result {
    let key = *r
        .config
        .keymap
        .keys_of(name)
        .and_then(|keys| keys.first())
        .ok_or_else(|| format!("{name} has no key"))?;
    let event = match key {
        Key::Code(code) => KeyEvent::new(code, KeyModifiers::NONE),
        Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
        Key::Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        Key::Text | Key::Digit => return Err("text is not a key to press".into()),
    };
    r.event(Event::Key(event));
    Ok(())
}

fn labels(keymap: &Keymap) -> BTreeSet<String> {
    BINDINGS
        .iter()
        .filter_map(|b| b.name)
        .filter_map(|name| keymap.keys_of(name))
        .flatten()
        .chain(
            BINDINGS
                .iter()
                .filter(|b| b.name.is_none())
                .flat_map(|b| b.keys),
        )
        .map(|k| k.label())
        .collect()
}

/// Every word on screen that is the label of a shipped key no longer bound.
fn stale(screen: &str, stale_labels: &BTreeSet<String>) -> Vec<String> {
    screen
        .split(|c: char| c.is_whitespace() || ",.;:·│─╭╮╰╯()\"".contains(c))
        .filter(|word| stale_labels.contains(*word))
        .map(String::from)
        .collect()
}

#[test]
fn with_every_key_remapped_no_screen_names_an_unbound_key() -> Result {
    let config = Config {
        keymap: remapped()?,
        ..Config::default()
    };
    let bound = labels(&config.keymap);
    let shipped = labels(&Keymap::default());
    let gone: BTreeSet<String> = shipped.difference(&bound).cloned().collect();
    assert!(gone.contains("B") && gone.contains("q") && gone.contains("Esc"));

    let mut r = Reader::with_config(library()?, config, 100, 12)?;
    let mut screens = Vec::new();
    let mut shot = |r: &mut Reader, what: &str| -> Result {
        screens.push((what.to_string(), r.screen()?));
        Ok(())
    };
    shot(&mut r, "browsing")?;
    press(&mut r, "clear-filter")?;
    shot(&mut r, "nothing to clear")?;
    press(&mut r, "bookmarked-only")?;
    shot(&mut r, "no bookmarks here")?;
    press(&mut r, "bookmarked-only")?;
    press(&mut r, "bookmark")?;
    press(&mut r, "bookmarked-only")?;
    shot(&mut r, "bookmarked only")?;
    press(&mut r, "bookmarked-only")?;
    press(&mut r, "mark-all-read")?;
    shot(&mut r, "mark all read?")?;
    press(&mut r, "mark-all-read")?;
    press(&mut r, "unread-only")?;
    shot(&mut r, "no unread papers")?;
    press(&mut r, "unread-only")?;
    press(&mut r, "filter")?;
    r.keys("zzzz")?;
    shot(&mut r, "no match while typing")?;
    press(&mut r, "filter-keep")?;
    shot(&mut r, "no match kept")?;
    press(&mut r, "clear-filter")?;
    press(&mut r, "switch-pane")?;
    shot(&mut r, "reading")?;
    press(&mut r, "switch-pane")?;
    press(&mut r, "help")?;
    shot(&mut r, "help")?;

    for (what, screen) in &screens {
        let words = stale(screen, &gone);
        assert!(
            words.is_empty(),
            "{what} names unbound keys {words:?}:\n{screen}"
        );
    }
    let quit = r
        .config
        .keymap
        .keys_of("quit")
        .and_then(|k| k.first())
        .map(|k| k.label());
    let quit = quit.ok_or("quit has a key")?;
    let nothing = &screens[1].1;
    assert!(nothing.contains(&format!("{quit} quits")), "{nothing}");
    let all = r
        .config
        .keymap
        .keys_of("bookmarked-only")
        .and_then(|k| k.first())
        .map(|k| k.label());
    let all = all.ok_or("bookmarked-only has a key")?;
    assert!(
        screens[2].1.contains(&format!("{all} shows all")),
        "{}",
        screens[2].1
    );
    Ok(())
}
