use crossterm::event::{KeyEventState, KeyModifiers, MouseEvent};

use super::*;
use crate::model::{Focus, Mode};

const LIST: KeyContext = KeyContext {
    mode: Mode::Browse,
    focus: Focus::List,
    reading: false,
};
const DETAIL: KeyContext = KeyContext {
    focus: Focus::Detail,
    ..LIST
};
const READING: KeyContext = KeyContext {
    reading: true,
    ..DETAIL
};
const FILTER: KeyContext = KeyContext {
    mode: Mode::Filter,
    ..LIST
};
const HELP: KeyContext = KeyContext {
    mode: Mode::Help,
    ..LIST
};

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }
}

fn press(ctx: KeyContext, code: KeyCode) -> Option<Action> {
    action_for_key(ctx, &key(code, KeyModifiers::NONE))
}

fn ch(ctx: KeyContext, c: char) -> Option<Action> {
    let mods = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    action_for_key(ctx, &key(KeyCode::Char(c), mods))
}

fn ctrl(ctx: KeyContext, c: char) -> Option<Action> {
    action_for_key(ctx, &key(KeyCode::Char(c), KeyModifiers::CONTROL))
}

#[test]
fn vim_keys_and_arrows_move_the_selection() {
    assert!(matches!(ch(LIST, 'j'), Some(Action::SelectNext)));
    assert!(matches!(
        press(LIST, KeyCode::Down),
        Some(Action::SelectNext)
    ));
    assert!(matches!(ch(LIST, 'k'), Some(Action::SelectPrev)));
    assert!(matches!(press(LIST, KeyCode::Up), Some(Action::SelectPrev)));
    assert!(matches!(ch(LIST, 'g'), Some(Action::SelectFirst)));
    assert!(matches!(
        press(LIST, KeyCode::Home),
        Some(Action::SelectFirst)
    ));
    assert!(matches!(ch(LIST, 'G'), Some(Action::SelectLast)));
    assert!(matches!(
        press(LIST, KeyCode::End),
        Some(Action::SelectLast)
    ));
    assert!(matches!(
        press(LIST, KeyCode::PageDown),
        Some(Action::PageDown)
    ));
    assert!(matches!(press(LIST, KeyCode::PageUp), Some(Action::PageUp)));
    assert!(matches!(ctrl(LIST, 'd'), Some(Action::HalfPageDown)));
    assert!(matches!(ctrl(LIST, 'u'), Some(Action::HalfPageUp)));
}

#[test]
fn the_same_keys_reach_the_detail_pane() {
    assert!(matches!(ch(DETAIL, 'j'), Some(Action::SelectNext)));
    assert!(matches!(ctrl(DETAIL, 'd'), Some(Action::HalfPageDown)));
    assert!(matches!(
        press(DETAIL, KeyCode::Tab),
        Some(Action::ToggleFocus)
    ));
}

#[test]
fn enter_opens_the_detail_and_enter_or_esc_come_back() {
    assert!(matches!(
        press(LIST, KeyCode::Enter),
        Some(Action::OpenDetail)
    ));
    assert!(matches!(
        press(DETAIL, KeyCode::Enter),
        Some(Action::CloseDetail)
    ));
    assert!(matches!(
        press(DETAIL, KeyCode::Esc),
        Some(Action::CloseDetail)
    ));
}

#[test]
fn q_quits_except_when_reading_full_screen_where_it_returns() {
    assert!(matches!(ch(LIST, 'q'), Some(Action::Quit)));
    assert!(matches!(ch(DETAIL, 'q'), Some(Action::Quit)));
    assert!(matches!(ch(READING, 'q'), Some(Action::CloseDetail)));
    for ctx in [LIST, DETAIL, READING, FILTER, HELP] {
        assert!(matches!(ctrl(ctx, 'c'), Some(Action::Quit)), "{ctx:?}");
    }
}

#[test]
fn esc_never_quits() {
    for ctx in [LIST, DETAIL, READING, FILTER, HELP] {
        let action = press(ctx, KeyCode::Esc);
        assert!(action.is_some(), "{ctx:?}");
        assert!(!matches!(action, Some(Action::Quit)), "{ctx:?}");
    }
    assert!(matches!(
        press(LIST, KeyCode::Esc),
        Some(Action::ClearFilter)
    ));
    assert!(matches!(
        press(FILTER, KeyCode::Esc),
        Some(Action::CancelFilter)
    ));
    assert!(matches!(
        press(HELP, KeyCode::Esc),
        Some(Action::ToggleHelp)
    ));
}

#[test]
fn filter_mode_types_letters_and_edits_the_query() {
    assert!(matches!(ch(FILTER, 'q'), Some(Action::FilterInput('q'))));
    assert!(matches!(ch(FILTER, 'G'), Some(Action::FilterInput('G'))));
    assert!(matches!(ch(FILTER, ' '), Some(Action::FilterInput(' '))));
    assert!(matches!(ch(FILTER, '?'), Some(Action::FilterInput('?'))));
    assert!(matches!(
        press(FILTER, KeyCode::Backspace),
        Some(Action::FilterBackspace)
    ));
    assert!(matches!(ctrl(FILTER, 'u'), Some(Action::FilterClear)));
    assert!(matches!(ctrl(FILTER, 'w'), Some(Action::FilterDeleteWord)));
    assert!(matches!(
        press(FILTER, KeyCode::Enter),
        Some(Action::AcceptFilter)
    ));
    assert!(matches!(
        press(FILTER, KeyCode::Down),
        Some(Action::SelectNext)
    ));
}

#[test]
fn papers_keys_bookmark_open_and_help() {
    assert!(matches!(ch(LIST, '/'), Some(Action::StartFilter)));
    assert!(matches!(ch(LIST, 'b'), Some(Action::ToggleBookmark)));
    assert!(matches!(ch(LIST, ' '), Some(Action::ReadOn)));
    assert!(matches!(ch(DETAIL, 'n'), Some(Action::NextPaper)));
    assert!(matches!(ch(LIST, 'J'), Some(Action::ScrollDetailDown)));
    assert!(matches!(ch(LIST, 'B'), Some(Action::ToggleBookmarkedOnly)));
    assert!(matches!(ch(LIST, 'o'), Some(Action::OpenLink)));
    assert!(matches!(ch(LIST, '?'), Some(Action::ToggleHelp)));
    assert!(matches!(ch(HELP, '?'), Some(Action::ToggleHelp)));
    assert!(matches!(ch(HELP, 'q'), Some(Action::ToggleHelp)));
}

#[test]
fn releases_and_unbound_keys_do_nothing() {
    let mut release = key(KeyCode::Char('j'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert!(action_for_key(LIST, &release).is_none());
    assert!(ch(LIST, 'z').is_none());
    assert!(ctrl(FILTER, 'x').is_none());
    assert!(action_for_key(LIST, &key(KeyCode::Char('j'), KeyModifiers::ALT)).is_none());
}

#[test]
fn the_wheel_and_a_click_become_actions_where_they_happen() {
    let mouse = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 3,
            row: 4,
            modifiers: KeyModifiers::NONE,
        })
    };
    assert!(matches!(
        action_for_event(LIST, &mouse(MouseEventKind::ScrollDown)),
        Some(Action::Scroll {
            column: 3,
            row: 4,
            wheel: Wheel::Down
        })
    ));
    assert!(matches!(
        action_for_event(LIST, &mouse(MouseEventKind::Down(MouseButton::Left))),
        Some(Action::Click { column: 3, row: 4 })
    ));
    assert!(action_for_event(LIST, &mouse(MouseEventKind::Moved)).is_none());
    assert!(matches!(
        action_for_event(FILTER, &Event::Paste("x".into())),
        Some(Action::Paste(_))
    ));
}

#[test]
fn help_and_hints_come_from_the_table() {
    let help = help_lines();
    assert_eq!(help[0], HelpLine::Heading("Browsing"));
    assert!(help.contains(&HelpLine::Keys {
        keys: "b".into(),
        help: "bookmark the paper (or unmark it)"
    }));
    assert!(help.contains(&HelpLine::Keys {
        keys: "Ctrl-w".into(),
        help: "delete a word"
    }));
    let list = hints(LIST);
    assert_eq!(list[0], ("Enter".to_string(), "read"));
    assert!(list.contains(&("/".to_string(), "filter")));
    assert!(list.contains(&("q".to_string(), "quit")));
    assert_eq!(hints(FILTER)[0], ("Ctrl-u".to_string(), "clear"));
}

#[test]
fn every_bound_key_has_one_meaning_per_context() {
    for ctx in [LIST, DETAIL, READING, FILTER, HELP] {
        let mut seen = Vec::new();
        for scope in ctx.scopes() {
            for b in BINDINGS.iter().filter(|b| b.scope == *scope) {
                for k in b.keys {
                    assert!(
                        !seen.contains(&(k, *scope)),
                        "{k:?} bound twice in {scope:?}"
                    );
                    seen.push((k, *scope));
                }
            }
        }
    }
}

#[test]
fn read_sort_and_copy_keys() {
    assert!(matches!(ch(LIST, 'r'), Some(Action::ToggleRead)));
    assert!(matches!(ch(LIST, 'u'), Some(Action::ToggleUnreadOnly)));
    assert!(matches!(ch(LIST, 'R'), Some(Action::MarkAllRead)));
    assert!(matches!(ch(DETAIL, 's'), Some(Action::CycleSort)));
    assert!(matches!(ch(LIST, 'y'), Some(Action::CopyLink)));
    assert!(matches!(ch(LIST, 'Y'), Some(Action::CopyBibtex)));
}

#[test]
fn the_shipped_keymap_passes_its_own_checks() {
    assert_eq!(Keymap::remap([]), Ok(Keymap::default()));
    let names: Vec<&str> = names().collect();
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "every name is unique");
}

#[test]
fn a_remapped_action_answers_to_its_new_keys_only() -> Result<(), KeymapError> {
    let map = Keymap::remap([("next", vec![Key::Char('x'), Key::Ctrl('n')])])?;
    let key_n = key(KeyCode::Char('x'), KeyModifiers::NONE);
    assert!(matches!(
        map.action_for_key(LIST, &key_n),
        Some(Action::SelectNext)
    ));
    let ctrl_n = key(KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert!(matches!(
        map.action_for_key(DETAIL, &ctrl_n),
        Some(Action::SelectNext)
    ));
    let key_j = key(KeyCode::Char('j'), KeyModifiers::NONE);
    assert!(map.action_for_key(LIST, &key_j).is_none());
    assert!(map.help_lines().contains(&HelpLine::Keys {
        keys: "x Ctrl-n".into(),
        help: "next paper (detail: scroll)"
    }));
    let unbound = Keymap::remap([("sort", vec![])])?;
    assert!(!unbound.hints(LIST).iter().any(|(_, hint)| *hint == "sort"));
    Ok(())
}

#[test]
fn a_key_bound_twice_in_one_context_is_refused() {
    assert!(matches!(
        Keymap::remap([("next", vec![Key::Char('k')])]),
        Err(KeymapError::Conflict {
            key: Key::Char('k'),
            ..
        })
    ));
    assert!(matches!(
        Keymap::remap([("read", vec![Key::Char('q')])]),
        Err(KeymapError::Conflict {
            key: Key::Char('q'),
            ..
        })
    ));
    assert!(matches!(
        Keymap::remap([("filter-clear", vec![Key::Char('x')])]),
        Err(KeymapError::Typed { .. })
    ));
    assert!(matches!(
        Keymap::remap([("nope", vec![])]),
        Err(KeymapError::UnknownName(name)) if name == "nope"
    ));
    // Different contexts may share a key.
    assert!(Keymap::remap([("help-close", vec![Key::Char('b')])]).is_ok());
}

#[test]
fn the_markdown_table_names_every_binding() {
    let table = Keymap::default().markdown_table();
    for name in names() {
        assert!(table.contains(&format!("`{name}`")), "{name}");
    }
    assert!(table.contains("| `Ctrl-c` | quit, from anywhere | (fixed) |"));
}

#[test]
fn t_and_e_open_the_tag_and_note_editor_which_takes_every_typed_key() {
    let edit = KeyContext {
        mode: Mode::Edit,
        ..LIST
    };
    assert_eq!(press(LIST, KeyCode::Char('t')), Some(Action::EditTags));
    assert_eq!(press(DETAIL, KeyCode::Char('e')), Some(Action::EditNote));
    for c in ['q', 'j', 't', '/', ' '] {
        assert_eq!(press(edit, KeyCode::Char(c)), Some(Action::EditInput(c)));
    }
    assert_eq!(press(edit, KeyCode::Enter), Some(Action::AcceptEdit));
    assert_eq!(press(edit, KeyCode::Esc), Some(Action::CancelEdit));
    assert_eq!(press(edit, KeyCode::Backspace), Some(Action::EditBackspace));
}
