use super::*;
use crate::action::Action as A;
use crate::model::Report;
use crate::model::testing::{apply, report, rich_model, said, shown};

/// The changes the next save would write, as (title, read).
fn saved(m: &mut Model) -> Vec<(String, bool)> {
    let effects = report(m, [Report::SaveRead]);
    let Some(Effect::SaveRead(changes)) = effects.into_iter().next() else {
        return Vec::new();
    };
    report(m, [Report::ReadSaved(Ok(()))]);
    changes
        .changes
        .iter()
        .map(|&(i, read)| (changes.library.get(i as usize).title().to_string(), read))
        .collect()
}

#[test]
fn r_marks_the_selected_paper_read_and_again_unread_and_both_are_saved() {
    let mut m = rich_model();
    apply(&mut m, [A::ToggleRead]);
    assert!(m.is_read(0));
    assert!(m.read_changes_waiting());
    assert_eq!(said(&m).as_deref(), Some("Marked as read"));
    apply(&mut m, [A::ToggleRead]);
    assert!(!m.is_read(0));
    let galore = "GaLore: Memory-Efficient LLM Training".to_string();
    assert_eq!(saved(&mut m), [(galore.clone(), true), (galore, false)]);
    assert!(!m.read_changes_waiting(), "nothing left to save");
    assert!(
        report(&mut m, [Report::SaveRead]).is_empty(),
        "no empty saves"
    );
}

#[test]
fn a_paper_is_read_once_shown_long_enough_but_only_if_still_shown() {
    let mut m = crate::model::testing::dwelling_model();
    assert_eq!(m.unread_shown_paper(), Some(0));
    apply(&mut m, [A::SelectNext]);
    report(&mut m, [Report::Seen(0)]);
    assert!(!m.is_read(0), "the user moved on before the timer fired");
    report(&mut m, [Report::Seen(1)]);
    assert!(m.is_read(1));
    assert_eq!(m.unread_shown_paper(), None, "read papers need no timer");
    apply(&mut m, [A::ToggleHelp, A::SelectNext]);
    assert_eq!(m.unread_shown_paper(), None, "the help covers the detail");
}

#[test]
fn seen_papers_do_not_clear_the_footer() {
    let mut m = rich_model();
    apply(&mut m, [A::ToggleBookmark]);
    report(&mut m, [Report::Seen(0)]);
    assert_eq!(said(&m).as_deref(), Some("Bookmarked"));
}

#[test]
fn the_unread_view_hides_read_papers_and_r_takes_them_out() {
    let mut m = rich_model();
    apply(&mut m, [A::SelectNext, A::ToggleRead, A::ToggleUnreadOnly]);
    assert_eq!(m.visible().len(), 3);
    assert!(!shown(&m).contains(&"continual pre-training of large language models"));
    apply(&mut m, [A::SelectFirst, A::ToggleRead]);
    assert_eq!(m.visible().len(), 2, "marking read takes the paper out");
    assert_eq!(m.selected(), 0);
    apply(&mut m, [A::ClearFilter]);
    assert_eq!(m.visible(), Visible::All(4), "Esc leaves the unread view");
}

#[test]
fn capital_r_asks_first_then_marks_every_paper_shown() {
    let mut m = rich_model();
    apply(&mut m, typed_filter("pre"));
    let matching = m.visible().len();
    assert!(matching > 0 && matching < 4, "{matching}");
    apply(&mut m, [A::MarkAllRead]);
    assert!(said(&m).is_some_and(|s| s.contains("Press R again")));
    assert!((0..4).all(|i| !m.is_read(i)), "nothing marked yet");
    apply(&mut m, [A::SelectNext, A::MarkAllRead]);
    assert!(
        (0..4).all(|i| !m.is_read(i)),
        "another key in between cancels"
    );
    apply(&mut m, [A::MarkAllRead]);
    let read = (0..4).filter(|&i| m.is_read(i)).count();
    assert_eq!(read, matching, "only the papers shown");
    assert!(said(&m).is_some_and(|s| s.starts_with(&format!("Marked {matching} papers"))));
}

fn typed_filter(s: &str) -> Vec<A> {
    let mut actions = vec![A::StartFilter];
    actions.extend(s.chars().map(A::FilterInput));
    actions.push(A::AcceptFilter);
    actions
}

#[test]
fn a_failed_save_hands_the_changes_back_before_newer_ones() {
    let mut m = rich_model();
    apply(&mut m, [A::ToggleRead]);
    let Some(Effect::SaveRead(changes)) = report(&mut m, [Report::SaveRead]).pop() else {
        panic!("no save asked for");
    };
    apply(&mut m, [A::SelectNext, A::ToggleRead]);
    assert!(
        report(&mut m, [Report::SaveRead]).is_empty(),
        "one save at a time"
    );
    let failed = SaveFailed {
        why: "disk full".into(),
        changes,
    };
    report(&mut m, [Report::ReadSaved(Err(Box::new(failed)))]);
    assert!(said(&m).is_some_and(|s| s.contains("disk full")));
    let titles: Vec<String> = saved(&mut m).into_iter().map(|(t, _)| t).collect();
    assert_eq!(
        titles,
        [
            "GaLore: Memory-Efficient LLM Training",
            "continual pre-training of large language models"
        ]
    );
}

#[test]
fn read_marks_from_storage_show_and_an_unreadable_file_saves_nothing()
-> Result<(), Box<dyn std::error::Error>> {
    let marks = ReadMarks::from_json(br#"{"version": 1, "read": ["arxiv:2403.03507"]}"#)?;
    let m = rich_model().with_read_marks(&marks, None);
    assert!(m.is_read(0) && !m.is_read(1));

    let mut m =
        rich_model().with_read_marks(&ReadMarks::default(), Some("read.json:1:1: bad".into()));
    assert!(said(&m).is_some_and(|s| s.contains("read.json:1:1: bad")));
    apply(&mut m, [A::ToggleRead]);
    assert!(m.is_read(0), "still shown as read this session");
    assert!(!m.read_changes_waiting(), "but never saved over the file");
    Ok(())
}

#[test]
fn changes_become_marks_where_the_last_change_of_a_paper_wins() {
    let m = rich_model();
    let changes = ReadChanges {
        library: m.library().clone(),
        changes: vec![(0, true), (1, true), (0, false), (9, true)],
    };
    let marks = crate::workers::saver::marks_of(&changes);
    let merged = marks.merge_into(ReadMarks::default());
    assert_eq!(
        merged.iter().collect::<Vec<_>>(),
        ["title:continual-pre-training-of-large-language-models"]
    );
}
