//! Key strings typed into the real keymap and model, read back from the drawn screen.

use crate::support::{Reader, Result};
use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use papertui::model::{Effect, Focus, Mode};

const GALORE: &str = "GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection";

#[test]
fn the_first_paper_and_its_abstract_show_at_start() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    let screen = r.screen()?;
    assert!(screen.contains("Daily Papers · Mar 14"), "{screen}");
    assert!(
        screen.contains("86 of 86 papers · 0 bookmarked"),
        "{screen}"
    );
    assert!(
        screen.contains("An Emulator for Fine-Tuning Large Language"),
        "{screen}"
    );
    assert!(screen.contains("Widely used language models"), "{screen}");
    Ok(())
}

#[test]
fn filtering_galore_selects_the_galore_paper() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("j/galore<enter>")?;
    assert_eq!(r.selected_title().as_deref(), Some(GALORE));
    assert_eq!(r.model.mode(), Mode::Browse);
    let screen = r.screen()?;
    assert!(screen.contains("1 of 86 papers"), "{screen}");
    assert!(screen.contains("/galore"), "{screen}");
    assert!(
        screen.contains("Training Large Language Models (LLMs) presents"),
        "{screen}"
    );
    Ok(())
}

#[test]
fn typing_a_query_selects_its_best_match_and_the_detail_shows_it() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("jjj")?;
    r.keys("/reinforcement learning")?;
    assert_eq!(r.model.selected(), 0, "the best match, not the old paper");
    let best = r.selected_title().unwrap_or_default();
    assert!(best.contains("Reinforcement Learning"), "{best}");
    let screen = r.screen()?;
    let detail_start = &best[..30];
    assert_eq!(
        screen.matches(detail_start).count(),
        2,
        "its row and its detail: {screen}"
    );
    r.keys("<down>")?;
    let chosen = r.selected_title();
    r.keys("<enter>")?;
    assert_eq!(r.selected_title(), chosen, "the user's choice stays");
    Ok(())
}

#[test]
fn the_typed_character_shows_before_the_results_arrive() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.hold_searches = true;
    r.keys("/galore")?;
    let screen = r.screen()?;
    assert!(screen.contains("/galore"), "{screen}");
    assert!(screen.contains("searching… · 86 of 86 papers"), "{screen}");
    r.finish_searches();
    let screen = r.screen()?;
    assert!(screen.contains("1 of 86 papers"), "{screen}");
    assert_eq!(r.selected_title().as_deref(), Some(GALORE));
    Ok(())
}

#[test]
fn esc_never_quits_and_q_does() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("<esc><esc>/xyz<esc><esc>?<esc><tab><esc><esc>")?;
    assert!(!r.quit_asked());
    r.keys("q")?;
    assert!(r.quit_asked());
    Ok(())
}

#[test]
fn ctrl_c_quits_even_while_typing_a_filter() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("/gal<c-c>")?;
    assert!(r.quit_asked());
    Ok(())
}

#[test]
fn q_in_the_filter_is_a_letter() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("/q")?;
    assert!(!r.quit_asked());
    assert_eq!(r.model.query_text(), "q");
    Ok(())
}

#[test]
fn esc_cancels_the_edit_and_then_clears_the_filter() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("/galore<enter>/ x<esc>")?;
    assert_eq!(r.model.query_text(), "galore");
    assert_eq!(r.model.visible().len(), 1);
    r.keys("<esc>")?;
    assert_eq!(r.model.query_text(), "");
    assert_eq!(r.model.visible().len(), 86);
    assert_eq!(
        r.selected_title().as_deref(),
        Some(GALORE),
        "still on the paper"
    );
    Ok(())
}

#[test]
fn filter_editing_keys_work_on_the_query() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("/large language<bs><bs>")?;
    assert_eq!(r.model.query_text(), "large langua");
    r.keys("<c-w>")?;
    assert_eq!(r.model.query_text(), "large ");
    r.keys("<c-u>")?;
    assert_eq!(r.model.query_text(), "");
    Ok(())
}

#[test]
fn a_query_matching_nothing_says_so_and_esc_brings_the_list_back() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("/xyzq<enter>")?;
    let screen = r.screen()?;
    assert!(screen.contains("0 of 86 papers"), "{screen}");
    assert!(screen.contains("No papers match \"xyzq\""), "{screen}");
    r.keys("<esc>")?;
    assert!(r.screen()?.contains("86 of 86 papers"));
    Ok(())
}

#[test]
fn bookmarking_marks_the_row_counts_it_and_b_shows_only_bookmarks() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("jb<down>b")?;
    assert!(matches!(r.effects.last(), Some(Effect::SaveBookmarks(_))));
    let screen = r.screen()?;
    assert!(screen.contains("2 bookmarked"), "{screen}");
    assert!(screen.contains("★ Exploring Learngene"), "{screen}");
    r.keys("B")?;
    let screen = r.screen()?;
    assert!(screen.contains("2 of 86 papers"), "{screen}");
    assert!(screen.contains("Bookmarked papers"), "{screen}");
    r.keys("b")?;
    assert!(r.screen()?.contains("1 of 86 papers · 1 bookmarked"));
    Ok(())
}

#[test]
fn t_tags_the_paper_its_row_shows_the_tags_and_a_hash_tag_filters_by_them() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("jtto-read cite<enter>")?;
    let Some(Effect::SaveBookmarks(saved)) = r.effects.last() else {
        return Err(format!("no save asked: {:?}", r.effects.last()).into());
    };
    let tagged: Vec<&str> = saved
        .iter()
        .flat_map(|b| &b.tags)
        .map(String::as_str)
        .collect();
    assert_eq!(tagged, ["cite", "to-read"]);
    let screen = r.screen()?;
    assert!(screen.contains("#cite #to-read"), "{screen}");
    assert!(
        screen.contains("Bookmarked · Tagged #cite #to-read"),
        "{screen}"
    );
    r.keys("/#cite<enter>")?;
    assert_eq!(r.model.visible().len(), 1);
    r.keys("enote: read twice<enter>")?;
    let Some(Effect::SaveBookmarks(saved)) = r.effects.last() else {
        return Err("no save asked for the note".into());
    };
    assert!(saved.iter().any(|b| b.note == "note: read twice"));
    assert!(
        r.screen()?.contains("Note: note: read twice"),
        "the detail shows the note"
    );
    Ok(())
}

#[test]
fn the_abstract_scrolls_in_the_detail_pane_with_a_scrollbar() -> Result {
    let mut r = Reader::bundled(120, 20)?;
    r.keys("<tab>")?;
    assert_eq!(r.model.focus(), Focus::Detail);
    let top = r.screen()?;
    r.keys("<c-d>")?;
    assert!(r.model.detail_scroll() > 0);
    assert_eq!(r.model.selected(), 0, "the list did not move");
    let scrolled = r.screen()?;
    assert_ne!(top, scrolled);
    // The thumb on the detail's right border moves down as the text does.
    let thumb_row = |screen: &str| screen.lines().position(|l| l.ends_with('█'));
    assert!(thumb_row(&top) < thumb_row(&scrolled), "{top}\n{scrolled}");
    r.keys("G")?;
    let end = r.screen()?;
    let last_word = r
        .model
        .library()
        .get(0)
        .abstract_text()
        .split(' ')
        .next_back();
    assert!(last_word.is_some_and(|w| end.contains(w)), "{end}");
    let last_thumb_row = end
        .lines()
        .enumerate()
        .filter(|(_, l)| l.ends_with('█'))
        .last()
        .map(|(i, _)| i);
    assert_eq!(
        last_thumb_row,
        Some(17),
        "the thumb reaches the bottom: {end}"
    );
    r.keys("<tab>j")?;
    assert_eq!(r.model.selected(), 1);
    assert_eq!(r.model.detail_scroll(), 0);
    Ok(())
}

#[test]
fn narrow_terminals_open_the_detail_full_screen_and_q_comes_back() -> Result {
    let mut r = Reader::bundled(60, 30)?;
    let screen = r.screen()?;
    assert!(
        screen.contains("Papers") && screen.contains("Detail"),
        "{screen}"
    );
    r.keys("<enter>")?;
    let screen = r.screen()?;
    assert!(!screen.contains("╭ Papers"), "{screen}");
    assert!(screen.contains("Widely used language models"), "{screen}");
    r.keys("q")?;
    assert!(!r.quit_asked());
    assert!(r.screen()?.contains("╭ Papers"));
    r.keys("q")?;
    assert!(r.quit_asked());
    Ok(())
}

#[test]
fn help_lists_the_keys_and_closes_with_esc_or_question_mark() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("?")?;
    let screen = r.screen()?;
    assert!(screen.contains("Keys"), "{screen}");
    assert!(screen.contains("show bookmarked papers only"), "{screen}");
    assert!(screen.contains("F5 Ctrl-r"), "{screen}");
    r.keys("<esc>")?;
    assert_eq!(r.model.mode(), Mode::Browse);
    r.keys("??")?;
    assert_eq!(r.model.mode(), Mode::Browse);
    Ok(())
}

#[test]
fn o_opens_arxivs_search_for_a_paper_without_a_link() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    let screen = r.screen()?;
    assert!(
        screen.contains("1 search  https://arxiv.org/search/?query=An+Emulator"),
        "{screen}"
    );
    r.keys("o")?;
    assert!(
        r.effects.iter().any(|e| matches!(e, Effect::OpenUrl(u)
            if u.starts_with("https://arxiv.org/search/?query=An+Emulator+for+Fine-Tuning"))),
        "{:?}",
        r.effects
    );
    r.keys("2")?;
    assert!(r.screen()?.contains("This paper has one link, not 2"));
    Ok(())
}

#[test]
fn a_click_selects_a_row_and_the_wheel_scrolls_the_pane_under_it() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    let mouse = |kind, column, row| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let fourth = r.row_y(3).unwrap();
    r.event(mouse(
        MouseEventKind::Down(MouseButton::Left),
        10,
        fourth + 1,
    ));
    assert_eq!(r.model.selected(), 3, "the fourth paper's second line");
    r.event(mouse(MouseEventKind::ScrollDown, 10, 10));
    assert_eq!(r.model.list_offset(), 3);
    assert_eq!(r.model.selected(), 3);
    r.event(mouse(MouseEventKind::ScrollDown, 10, 10));
    assert_eq!(r.model.selected(), 6, "dragged along to stay on screen");
    let mut r = Reader::bundled(120, 12)?;
    r.event(mouse(MouseEventKind::ScrollDown, 80, 5));
    assert_eq!(r.model.detail_scroll(), 3);
    assert_eq!(r.model.selected(), 0);
    Ok(())
}

#[test]
fn pasted_text_goes_into_the_filter_cleaned() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("/")?;
    r.event(Event::Paste("gal\u{1b}[31more\r\n".into()));
    assert_eq!(r.model.query_text(), "galore");
    Ok(())
}

#[test]
fn no_terminal_size_panics_in_any_screen() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    let sizes = (0..=24u16).flat_map(|w| (0..=8u16).map(move |h| (w, h)));
    let sizes = sizes.chain([(0, 36), (120, 0), (99, 36), (100, 36), (300, 2), (1, 100)]);
    for (w, h) in sizes {
        for keys in [
            "",
            "?",
            "<esc>/gal",
            "<esc><tab><c-d>",
            "<tab>/xyzq<enter>",
            "<esc>G",
        ] {
            r.keys(keys)?;
            r.resize(w, h);
            r.draw()?;
        }
    }
    Ok(())
}

#[test]
fn resizing_redraws_at_the_new_size_and_back() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("j")?;
    r.resize(1, 1);
    assert_eq!(r.screen()?, "…\n");
    r.resize(15, 3);
    assert!(r.screen()?.starts_with("Terminal too"));
    r.resize(120, 36);
    let screen = r.screen()?;
    assert!(screen.contains("Exploring Learngene"), "{screen}");
    Ok(())
}

#[test]
fn the_header_counts_the_papers_not_read_yet() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    assert!(
        !r.screen()?.contains("· 86 unread"),
        "nothing read: no count"
    );
    r.keys("<enter><enter>j<enter>")?;
    let screen = r.screen()?;
    assert!(screen.contains("86 of 86 papers · 84 unread"), "{screen}");
    r.keys("r")?;
    assert!(r.screen()?.contains("· 85 unread"));
    Ok(())
}

#[test]
fn matched_words_are_highlighted_in_the_abstract_and_abstract_only_rows_say_so() -> Result {
    let mut r = Reader::bundled(120, 36)?;
    r.keys("/optimizer")?;
    let screen = r.screen()?;
    assert!(screen.contains("· in abstract"), "{screen}");
    let buffer = r.draw()?.clone();
    let width = buffer.area.width;
    let underlined = |x: u16, y: u16| {
        buffer[(x, y)]
            .modifier
            .contains(ratatui::style::Modifier::UNDERLINED)
    };
    // The detail pane is the right half: find "optimizer" there and look at its letters.
    let rows: Vec<String> = screen.lines().map(str::to_string).collect();
    let (y, x) = rows
        .iter()
        .enumerate()
        .skip(2)
        .find_map(|(y, row)| {
            let chars: Vec<char> = row.chars().collect();
            let half = chars.len() / 2;
            let at = chars[half..].windows(9).position(|w| {
                w.iter()
                    .collect::<String>()
                    .eq_ignore_ascii_case("optimizer")
            })?;
            Some((y as u16, (half + at) as u16))
        })
        .expect("the abstract shows the word");
    assert!(x < width);
    assert!(
        (x..x + 9).all(|x| underlined(x, y)),
        "the word is highlighted"
    );
    assert!(!underlined(x + 9, y), "and no more");
    Ok(())
}
