use super::*;
use crate::action::Action as A;
use crate::action::Wheel;
use crate::library::{Chunk, LibraryBuilder, RawPaper};
use crate::marks::bookmarks::Bookmark;
use crate::marks::bookmarks::Bookmarks;
use crate::model::testing::{apply, report, said};
use crate::search::Stage;

fn fixture() -> Library {
    let mut chunk = Chunk::default();
    for (id, title, abs) in [
        (
            Some("2403.03507"),
            "GaLore: Memory-Efficient LLM Training",
            "Low-rank gradients.",
        ),
        (
            None,
            "Continual Pre-Training of Large Language Models",
            "Warm starts.",
        ),
        (
            None,
            "Metadata Conditioning Accelerates Pre-training",
            "URLs help.",
        ),
    ] {
        chunk
            .push(&RawPaper {
                id: id.map(Into::into),
                title: title.into(),
                abstract_text: abs.into(),
                ..Default::default()
            })
            .unwrap();
    }
    let mut builder = LibraryBuilder::default();
    builder.append(chunk);
    builder.into_library()
}

fn model() -> Model {
    let mut m = Model::new(fixture());
    m.update(A::Resize {
        width: 120,
        height: 36,
    });
    m
}

fn typed_edit(s: &str) -> Vec<Action> {
    s.chars().map(A::EditInput).collect()
}

fn typed(s: &str) -> Vec<Action> {
    s.chars().map(A::FilterInput).collect()
}

fn title(m: &Model) -> &str {
    m.library().get(m.selected_paper().unwrap()).title()
}

#[test]
fn selection_moves_and_stays_in_the_list() {
    let mut m = model();
    apply(&mut m, [A::SelectPrev]);
    assert_eq!(m.selected(), 0);
    apply(
        &mut m,
        [A::SelectNext, A::SelectNext, A::SelectNext, A::SelectNext],
    );
    assert_eq!(m.selected(), 2);
    apply(&mut m, [A::SelectFirst]);
    assert_eq!(m.selected(), 0);
    apply(&mut m, [A::SelectLast]);
    assert_eq!(m.selected(), 2);
    apply(&mut m, [A::PageUp]);
    assert_eq!(m.selected(), 0);
    apply(&mut m, [A::HalfPageDown]);
    assert_eq!(m.selected(), 2);
}

#[test]
fn an_empty_library_has_no_selection_and_no_panic() {
    let mut m = Model::new(Library::default());
    let all = [
        A::SelectNext,
        A::SelectLast,
        A::PageDown,
        A::ToggleBookmark,
        A::OpenLink,
        A::ToggleBookmarkedOnly,
        A::OpenDetail,
        A::SelectNext,
        A::HalfPageUp,
    ];
    apply(&mut m, all);
    assert_eq!(m.selected_paper(), None);
    assert_eq!(m.visible().len(), 0);
}

#[test]
fn an_empty_query_shows_the_whole_list_without_an_index_vector() {
    let m = model();
    assert_eq!(m.visible(), Visible::All(3));
}

#[test]
fn typing_a_query_searches_in_the_background_under_a_new_generation() {
    let mut m = model();
    m.update(A::StartFilter);
    assert_eq!(m.mode(), Mode::Filter);
    let effects = m.update(A::FilterInput('g'));
    let [Effect::Search(req)] = effects.as_slice() else {
        panic!("expected one search, got {effects:?}");
    };
    assert_eq!((req.generation, req.query.as_str()), (1, "g"));
    assert_eq!(m.query_text(), "g", "the typed character shows at once");
    assert!(m.is_searching());
    assert_eq!(m.visible(), Visible::All(3), "results follow later");
}

#[test]
fn typed_controls_bidi_and_invisible_characters_never_enter_the_query() {
    let mut m = model();
    m.update(A::StartFilter);
    for c in [
        'a', '\u{202e}', '\u{1b}', '\u{9b}', '\u{200b}', '\u{2066}', '\u{feff}', 'é', '日',
    ] {
        m.update(A::FilterInput(c));
    }
    assert_eq!(m.query_text(), "aé日");
}

#[test]
fn stale_results_are_ignored() {
    let mut m = model();
    m.update(A::StartFilter);
    m.update(A::FilterInput('x'));
    m.update(A::FilterInput('y'));
    m.take(Report::SearchDone {
        generation: 1,
        hits: vec![2],
        stage: Stage::Complete,
    });
    assert_eq!(m.visible(), Visible::All(3));
    assert!(m.is_searching());
    m.take(Report::SearchDone {
        generation: 2,
        hits: vec![1],
        stage: Stage::Complete,
    });
    assert_eq!(m.visible(), Visible::Indices(&[1]));
    assert!(!m.is_searching());
}

#[test]
fn results_after_the_query_was_emptied_are_ignored() {
    let mut m = model();
    m.update(A::StartFilter);
    m.update(A::FilterInput('x'));
    m.update(A::FilterBackspace);
    m.take(Report::SearchDone {
        generation: 1,
        hits: vec![],
        stage: Stage::Complete,
    });
    assert_eq!(m.visible(), Visible::All(3));
}

#[test]
fn filtering_selects_the_best_match_even_when_the_selected_paper_still_matches() {
    let mut m = model();
    apply(&mut m, [A::SelectLast, A::StartFilter]);
    assert!(title(&m).starts_with("Metadata"));
    apply(&mut m, typed("pre-training"));
    assert_eq!(m.visible().len(), 2);
    assert!(
        title(&m).starts_with("Continual"),
        "the best match, not the old paper"
    );
    apply(&mut m, typed(" meta"));
    assert!(title(&m).starts_with("Metadata"));
}

#[test]
fn filtering_moves_the_selection_to_the_first_result_when_the_paper_drops_out() {
    let mut m = model();
    apply(&mut m, [A::SelectLast, A::StartFilter]);
    apply(&mut m, typed("galore"));
    assert_eq!(m.visible(), Visible::Indices(&[0]));
    assert_eq!(m.selected(), 0);
    assert!(title(&m).starts_with("GaLore"));
}

#[test]
fn once_the_selected_paper_dropped_out_the_selection_follows_the_best_match() {
    let mut m = model();
    apply(&mut m, [A::SelectLast, A::StartFilter]);
    m.update(A::FilterInput('x'));
    m.take(Report::SearchDone {
        generation: 1,
        hits: vec![0, 1],
        stage: Stage::Complete,
    });
    assert_eq!(
        m.selected_paper(),
        Some(0),
        "paper 2 dropped out: the first"
    );
    m.update(A::FilterInput('y'));
    m.take(Report::SearchDone {
        generation: 2,
        hits: vec![1, 0],
        stage: Stage::Complete,
    });
    assert_eq!(
        m.selected_paper(),
        Some(1),
        "still the first, not the old paper"
    );
    m.update(A::SelectNext);
    m.take(Report::SearchDone {
        generation: 2,
        hits: vec![1, 0],
        stage: Stage::Complete,
    });
    assert_eq!(m.selected_paper(), Some(0), "the user's choice sticks");
    m.update(A::FilterInput('z'));
    m.take(Report::SearchDone {
        generation: 3,
        hits: vec![1, 0],
        stage: Stage::Complete,
    });
    assert_eq!(
        m.selected_paper(),
        Some(1),
        "a new query selects its best match"
    );
}

#[test]
fn typing_a_space_does_not_search_again() {
    let mut m = model();
    apply(&mut m, [A::StartFilter]);
    apply(&mut m, typed("gal"));
    assert!(m.update(A::FilterInput(' ')).is_empty());
    assert_eq!(m.query_text(), "gal ");
}

#[test]
fn filter_editing_keys_backspace_delete_word_and_clear() {
    let mut m = model();
    apply(&mut m, [A::StartFilter]);
    apply(&mut m, typed("large lang"));
    apply(&mut m, [A::FilterBackspace]);
    assert_eq!(m.query_text(), "large lan");
    apply(&mut m, [A::FilterDeleteWord]);
    assert_eq!(m.query_text(), "large ");
    apply(&mut m, [A::FilterDeleteWord]);
    assert_eq!(m.query_text(), "");
    apply(&mut m, typed("abc"));
    apply(&mut m, [A::FilterClear]);
    assert_eq!(m.query_text(), "");
    assert_eq!(m.visible(), Visible::All(3));
}

#[test]
fn enter_keeps_the_filter_and_esc_cancels_only_the_edit() {
    let mut m = model();
    apply(&mut m, [A::StartFilter]);
    apply(&mut m, typed("galore"));
    apply(&mut m, [A::AcceptFilter]);
    assert_eq!((m.mode(), m.query_text()), (Mode::Browse, "galore"));
    assert_eq!(m.visible().len(), 1);
    apply(&mut m, [A::StartFilter]);
    apply(&mut m, typed("xyz"));
    assert_eq!(m.visible().len(), 0);
    apply(&mut m, [A::CancelFilter]);
    assert_eq!((m.mode(), m.query_text()), (Mode::Browse, "galore"));
    assert_eq!(m.visible().len(), 1);
}

#[test]
fn esc_in_the_list_clears_the_filter_and_never_quits() {
    let mut m = model();
    apply(&mut m, [A::StartFilter]);
    apply(&mut m, typed("galore"));
    apply(&mut m, [A::AcceptFilter]);
    let effects = apply(&mut m, [A::ClearFilter]);
    assert!(effects.is_empty());
    assert_eq!(m.query_text(), "");
    assert_eq!(m.visible(), Visible::All(3));
    assert!(
        title(&m).starts_with("GaLore"),
        "the selection stays on the paper"
    );
    let effects = apply(&mut m, [A::ClearFilter]);
    assert!(effects.is_empty());
    assert!(said(&m).is_some_and(|s| s.contains("q quits")));
}

#[test]
fn pasted_text_is_cleaned_into_the_filter() {
    let mut m = model();
    apply(&mut m, [A::Paste("ignored".into())]);
    assert_eq!(m.query_text(), "");
    apply(
        &mut m,
        [
            A::StartFilter,
            A::Paste("gal\x1b]52;c;evil\x07\nore\u{202e}".into()),
        ],
    );
    assert_eq!(m.query_text(), "gal ore");
    apply(&mut m, [A::Paste("x".repeat(10_000))]);
    assert_eq!(m.query_text().chars().count(), QUERY_MAX);
}

#[test]
fn bookmarks_toggle_and_ask_to_be_saved() {
    let mut m = model();
    let effects = apply(&mut m, [A::ToggleBookmark]);
    let [Effect::SaveBookmarks(asked)] = effects.as_slice() else {
        panic!("expected a save, got {effects:?}");
    };
    assert!(asked.contains("arxiv:2403.03507") && asked.has_unsaved_changes());
    assert!(m.is_bookmarked(0));
    assert_eq!(m.bookmark_count(), 1);
    apply(&mut m, [A::ToggleBookmark]);
    assert!(!m.is_bookmarked(0));
    assert_eq!(m.bookmark_count(), 0);
}

#[test]
fn bookmarks_loaded_from_storage_show_as_bookmarked() {
    let mut stored = Bookmarks::default();
    stored.add(Bookmark::of_arxiv_id("2403.03507", SystemTime::UNIX_EPOCH));
    stored.add(Bookmark::of_arxiv_id("2112.99999", SystemTime::UNIX_EPOCH));
    let m = Model::new(fixture()).with_bookmarks(stored, None);
    assert!(m.is_bookmarked(0));
    assert!(!m.is_bookmarked(1));
    // The header counts the papers of this list; the other bookmark is kept all the same.
    assert_eq!(m.bookmark_count(), 1);
    assert_eq!(m.bookmarks().len(), 2);
}

#[test]
fn a_hash_tag_in_the_query_shows_the_bookmarks_tagged_so() {
    let mut stored = Bookmarks::default();
    for (i, tag) in [(0, "cite"), (2, "to-read")] {
        let mut b = Bookmark::of_paper(&fixture().get(i), SystemTime::UNIX_EPOCH);
        b.tags = vec![tag.to_string()];
        stored.add(b);
    }
    let mut m = Model::new(fixture()).with_bookmarks(stored, None);
    assert_eq!(m.tags_of(0), ["cite"]);
    assert!(m.tags_of(1).is_empty());
    apply(&mut m, [A::StartFilter]);
    apply(&mut m, typed("#Cit"));
    let effects = apply(&mut m, typed("e"));
    assert!(
        effects.is_empty(),
        "a tag alone asks for no search: {effects:?}"
    );
    assert_eq!(m.visible(), Visible::Indices(&[0]));
    apply(&mut m, [A::ClearFilter]);
    assert_eq!(m.visible(), Visible::All(3));
}

#[test]
fn tagging_a_paper_bookmarks_it_with_its_tags_and_asks_for_a_save() {
    let mut m = model();
    apply(&mut m, [A::EditTags]);
    assert_eq!(m.mode(), Mode::Edit);
    assert_eq!(m.editing(), Some((Editing::Tags, "")));
    apply(&mut m, typed_edit("to-read cite\u{1b}"));
    let effects = apply(&mut m, [A::AcceptEdit]);
    let [Effect::SaveBookmarks(asked)] = effects.as_slice() else {
        panic!("expected a save, got {effects:?}");
    };
    let mark = asked.get("arxiv:2403.03507").expect("bookmarked");
    assert_eq!(mark.tags, ["cite", "to-read"]);
    assert!(m.is_bookmarked(0));
    assert_eq!(m.mode(), Mode::Browse);
    assert!(said(&m).is_some_and(|s| s == "Bookmarked · Tagged #cite #to-read"));

    apply(&mut m, [A::EditTags]);
    assert_eq!(m.editing(), Some((Editing::Tags, "cite to-read")));
    apply(&mut m, [A::EditClear]);
    apply(&mut m, typed_edit("x"));
    apply(&mut m, [A::CancelEdit]);
    assert_eq!(
        m.tags_of(0),
        ["cite", "to-read"],
        "Esc leaves them as they were"
    );
}

#[test]
fn a_note_is_written_in_the_footer_and_saved_to_the_bookmark() {
    let mut m = model();
    apply(&mut m, [A::ToggleBookmark, A::EditNote]);
    apply(&mut m, typed_edit("  see section 3x"));
    apply(&mut m, [A::EditBackspace]);
    apply(&mut m, [A::Paste("\u{1b}[2J, 4".into())]);
    assert_eq!(m.query_text(), "", "a paste while editing goes to the note");
    let effects = apply(&mut m, [A::AcceptEdit]);
    let [Effect::SaveBookmarks(asked)] = effects.as_slice() else {
        panic!("expected a save, got {effects:?}");
    };
    assert_eq!(
        asked.get("arxiv:2403.03507").map(|b| b.note.as_str()),
        Some("see section 3, 4")
    );
    assert!(said(&m).is_some_and(|s| s == "Note saved"));
}

#[test]
fn the_bookmarked_view_says_how_many_bookmarks_are_in_other_lists_and_how_to_see_them() {
    let mut stored = Bookmarks::default();
    stored.add(Bookmark::of_arxiv_id("2403.03507", SystemTime::UNIX_EPOCH));
    stored.add(Bookmark::of_arxiv_id("2101.00001", SystemTime::UNIX_EPOCH));
    stored.add(Bookmark::of_arxiv_id("2101.00002", SystemTime::UNIX_EPOCH));
    let mut m = Model::new(fixture()).with_bookmarks(stored, None);
    apply(&mut m, [A::ToggleBookmarkedOnly]);
    let words = said(&m).unwrap_or_default();
    assert!(
        words.starts_with("Showing bookmarked papers only"),
        "{words}"
    );
    assert!(
        words.contains("2 more in other lists: `papertui bookmarks:` opens all"),
        "{words}"
    );
    assert!(words.ends_with("B shows all"), "{words}");

    let mut elsewhere_only = Bookmarks::default();
    elsewhere_only.add(Bookmark::of_arxiv_id("2101.00001", SystemTime::UNIX_EPOCH));
    let mut m = Model::new(fixture()).with_bookmarks(elsewhere_only, None);
    apply(&mut m, [A::ToggleBookmarkedOnly]);
    let words = said(&m).unwrap_or_default();
    assert!(
        words.starts_with("No bookmarked papers in this list · 1 more"),
        "{words}"
    );
}

#[test]
fn a_save_brings_in_what_other_instances_saved() {
    let mut m = model();
    apply(&mut m, [A::ToggleBookmark]);
    let mut on_disk = m.bookmarks().clone();
    on_disk.add(Bookmark::of_paper(
        &fixture().get(2),
        SystemTime::UNIX_EPOCH,
    ));
    let saved = on_disk.merge_into(Bookmarks::default());
    let saved = m.bookmarks().merge_into(saved);
    report(&mut m, [Report::BookmarksSaved(saved)]);
    assert!(m.is_bookmarked(0) && m.is_bookmarked(2));
    assert_eq!(m.bookmark_count(), 2);
    assert!(!m.bookmarks().has_unsaved_changes());
}

#[test]
fn read_only_bookmarks_are_not_changed_and_the_file_is_read_again() {
    let mut m =
        Model::new(fixture()).with_bookmarks(Bookmarks::default(), Some("x.json:1:1: bad".into()));
    assert!(said(&m).is_some_and(|s| s.contains("read-only")));
    let effects = apply(&mut m, [A::ToggleBookmark]);
    assert!(matches!(effects.as_slice(), [Effect::ReloadBookmarks]));
    assert!(!m.is_bookmarked(0));
    assert!(said(&m).is_some_and(|s| s.contains("x.json:1:1: bad")));
    report(&mut m, [Report::BookmarksReloaded(Bookmarks::default())]);
    apply(&mut m, [A::ToggleBookmark]);
    assert!(m.is_bookmarked(0));
}

#[test]
fn the_bookmarked_only_view_shows_marked_papers_and_drops_unmarked_ones() {
    let mut m = model();
    apply(
        &mut m,
        [
            A::SelectNext,
            A::ToggleBookmark,
            A::SelectNext,
            A::ToggleBookmark,
        ],
    );
    apply(&mut m, [A::ToggleBookmarkedOnly]);
    assert_eq!(m.visible(), Visible::Indices(&[1, 2]));
    assert_eq!(
        m.selected_paper(),
        Some(2),
        "the selection stays on its paper"
    );
    apply(&mut m, [A::ToggleBookmark]);
    assert_eq!(m.visible(), Visible::Indices(&[1]));
    assert_eq!(m.selected_paper(), Some(1));
    apply(&mut m, [A::StartFilter]);
    apply(&mut m, typed("galore"));
    assert_eq!(
        m.visible().len(),
        0,
        "the filter and the bookmarks both apply"
    );
    apply(&mut m, [A::CancelFilter, A::ClearFilter]);
    assert!(
        !m.bookmarked_only(),
        "Esc with no filter leaves the bookmarked view"
    );
    assert_eq!(m.visible(), Visible::All(3));
}

#[test]
fn open_link_opens_the_arxiv_page_or_searches_arxiv_for_the_title() {
    let mut m = model();
    let effects = apply(&mut m, [A::OpenLink]);
    assert!(
        matches!(effects.as_slice(), [Effect::OpenUrl(u)] if u == "https://arxiv.org/abs/2403.03507")
    );
    let effects = apply(&mut m, [A::SelectNext, A::OpenLink]);
    let search = "https://arxiv.org/search/?query=Continual+Pre-Training+of+Large+Language+Models\
                  &searchtype=title";
    assert!(
        matches!(effects.as_slice(), [Effect::OpenUrl(u)] if u == search),
        "{effects:?}"
    );
    assert!(apply(&mut m, [A::Link(2)]).is_empty());
    assert_eq!(m.notice().unwrap().severity(), Severity::Warning);
}

#[test]
fn quit_is_an_effect() {
    let mut m = model();
    assert!(matches!(m.update(A::Quit).as_slice(), [Effect::Quit]));
}

#[test]
fn focus_switches_and_narrow_terminals_read_full_screen() {
    let mut m = model();
    apply(&mut m, [A::OpenDetail]);
    assert_eq!(m.focus(), Focus::Detail);
    assert!(!m.is_reading());
    apply(
        &mut m,
        [A::Resize {
            width: 60,
            height: 30,
        }],
    );
    assert!(m.is_reading());
    assert!(m.screen().list.is_none());
    apply(&mut m, [A::CloseDetail]);
    assert!(!m.is_reading() && m.screen().list.is_some());
    apply(&mut m, [A::ToggleFocus]);
    assert_eq!(m.focus(), Focus::Detail);
}

#[test]
fn the_detail_scrolls_within_its_text() {
    let mut m = Model::new(fixture());
    apply(
        &mut m,
        [
            A::Resize {
                width: 20,
                height: 6,
            },
            A::OpenDetail,
        ],
    );
    let rows = m.detail_rows();
    apply(&mut m, [A::SelectLast]);
    let max = m.detail_max_scroll();
    assert!(
        max > 0,
        "the fixture's text is longer than {rows} rows at width 20"
    );
    assert_eq!(m.detail_scroll(), max);
    apply(&mut m, [A::PageDown, A::SelectNext]);
    assert_eq!(m.detail_scroll(), max);
    apply(&mut m, [A::SelectFirst]);
    assert_eq!(m.detail_scroll(), 0);
    apply(&mut m, [A::SelectNext, A::CloseDetail, A::SelectNext]);
    assert_eq!(m.detail_scroll(), 0, "a new paper starts at its top");
}

#[test]
fn resizing_keeps_the_selection_on_screen_at_any_size() {
    let mut m = model();
    apply(&mut m, [A::SelectLast]);
    for (w, h) in [
        (0, 0),
        (1, 1),
        (20, 5),
        (20, 6),
        (120, 3),
        (60, 30),
        (120, 36),
    ] {
        apply(
            &mut m,
            [
                A::Resize {
                    width: w,
                    height: h,
                },
                A::PageDown,
                A::HalfPageUp,
            ],
        );
        let rows = m.list_window().map_or(0, |w| w.whole_rows());
        let offset = m.list_offset();
        assert!(m.selected() >= offset && (rows == 0 || m.selected() < offset + rows));
    }
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer_and_a_click_selects_a_row() {
    let mut m = model();
    let list = m.screen().list.unwrap().inner;
    let third = m.list_window().unwrap().rows[2].y as u16;
    apply(
        &mut m,
        [A::Click {
            column: list.x + 2,
            row: list.y + third,
        }],
    );
    assert_eq!(m.selected(), 2);
    apply(
        &mut m,
        [A::Click {
            column: list.x + 2,
            row: list.y + 20,
        }],
    );
    assert_eq!(
        m.selected(),
        2,
        "a click below the last row changes nothing"
    );
    let detail = m.screen().detail.unwrap().inner;
    apply(
        &mut m,
        [A::Scroll {
            column: detail.x,
            row: detail.y,
            wheel: Wheel::Down,
        }],
    );
    assert_eq!(
        m.detail_scroll(),
        0,
        "the whole text fits, nothing to scroll"
    );
    apply(
        &mut m,
        [A::Scroll {
            column: list.x,
            row: list.y,
            wheel: Wheel::Up,
        }],
    );
    assert_eq!(m.list_offset(), 0);
}

#[test]
fn a_growing_library_keeps_the_selection_and_searches_again() {
    let mut m = model();
    apply(&mut m, [A::SelectNext, A::StartFilter]);
    apply(&mut m, typed("pre"));
    apply(&mut m, [A::AcceptFilter]);
    let before = m.selected_paper();
    let mut builder = LibraryBuilder::default();
    let mut chunk = Chunk::default();
    for p in fixture().iter() {
        chunk
            .push(&RawPaper {
                title: p.title().into(),
                id: p.arxiv_id().map(Into::into),
                ..Default::default()
            })
            .unwrap();
    }
    chunk
        .push(&RawPaper {
            title: "Pretraining at scale".into(),
            ..Default::default()
        })
        .unwrap();
    builder.append(chunk);
    let effects = m.take(Report::LibraryGrew(builder.into_library()));
    assert!(
        matches!(effects.as_slice(), [Effect::Search(r)] if r.query == "pre" && r.library.len() == 4)
    );
    crate::harness::settle(&mut m, effects);
    assert_eq!(m.library().len(), 4);
    assert_eq!(m.selected_paper(), before);
    assert!(m.visible().position(3).is_some(), "the new paper matches");
}

#[test]
fn help_opens_scrolls_and_closes() {
    let help_lines = 40;
    let mut m = model().with_settings(Settings {
        help_lines,
        ..Settings::default()
    });
    apply(
        &mut m,
        [
            A::Resize {
                width: 60,
                height: 12,
            },
            A::ToggleHelp,
        ],
    );
    assert_eq!(m.mode(), Mode::Help);
    apply(&mut m, [A::SelectNext, A::SelectNext]);
    assert_eq!(m.help_scroll(), 2);
    assert_eq!(m.selected(), 0, "the list did not move");
    apply(&mut m, [A::SelectLast]);
    assert_eq!(m.help_scroll(), m.help_max_scroll());
    apply(&mut m, [A::ToggleHelp]);
    assert_eq!(m.mode(), Mode::Browse);
}

#[test]
fn reports_show_in_the_status_until_the_next_key() {
    let mut m = model();
    report(
        &mut m,
        [Report::Message(
            Severity::Warning,
            "2 records skipped".into(),
        )],
    );
    assert_eq!(said(&m).unwrap(), "2 records skipped");
    report(
        &mut m,
        [Report::SearchDone {
            generation: 0,
            hits: vec![],
            stage: Stage::Complete,
        }],
    );
    assert!(m.notice().is_some(), "a worker's report does not clear it");
    apply(&mut m, [A::SelectNext]);
    assert!(m.notice().is_none());
}

#[test]
fn a_list_growing_during_a_search_is_searched_again_once_the_search_is_done() {
    let whole = fixture();
    let mut first = LibraryBuilder::default();
    let mut chunk = Chunk::default();
    chunk
        .push(&RawPaper {
            title: whole.get(0).title().into(),
            ..Default::default()
        })
        .unwrap();
    first.append(chunk);
    let mut m = Model::new(first.into_library());
    m.update(A::Resize {
        width: 120,
        height: 36,
    });
    let asked: Vec<Effect> = [A::StartFilter, A::FilterInput('p')]
        .into_iter()
        .flat_map(|a| m.update(a))
        .collect();
    let [Effect::Search(request)] = asked.as_slice() else {
        panic!("expected one search, got {asked:?}");
    };
    // Growth while the search runs does not cancel it...
    assert!(m.take(Report::LibraryGrew(whole.clone())).is_empty());
    // ...its results come, then the grown list is searched.
    let again = m.take(Report::SearchDone {
        generation: request.generation,
        hits: crate::search::run(request),
        stage: Stage::Complete,
    });
    let [Effect::Search(next)] = again.as_slice() else {
        panic!("expected a new search, got {again:?}");
    };
    assert_eq!(next.library.len(), whole.len());
    assert!(m.is_searching());
}
