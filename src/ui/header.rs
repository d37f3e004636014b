//! The header line: the list's name and date, how many papers are shown, and their order.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme;
use crate::config::Config;
use crate::model::sorting::Order;
use crate::model::{Model, Partial};
use crate::text;

pub(super) fn draw(frame: &mut Frame, area: Rect, model: &Model, config: &Config) {
    let t = theme::of(config);
    let lib = model.library();
    let (shown, total, marked) = (model.visible().len(), lib.len(), model.bookmark_count());
    // While a query is still being ranked, more papers may match than are listed yet.
    let shown = match model.showing_first_page() {
        Some(_) => format!("{shown}+"),
        None => shown.to_string(),
    };
    let unread = match model.unread_count() {
        n if n == total => String::new(),
        n => format!(" · {n} unread"),
    };
    // Bookmarks of other lists count too: the reading list is all of them.
    let marked = match model.all_bookmarks_count() {
        all if all > marked => format!("{marked} bookmarked ({all} in all)"),
        _ => format!("{marked} bookmarked"),
    };
    let fetching = model
        .fetching()
        .map(|doing| format!("{doing} · "))
        .or_else(|| model.offline().map(|_| "offline · ".to_string()))
        .unwrap_or_default();
    let loading = match model.loading() {
        Some(p) => match p.percent() {
            Some(percent) => format!("loading {percent}% · "),
            None => "loading… · ".to_string(),
        },
        None => String::new(),
    };
    let searching = match (model.is_searching(), model.query().is_empty()) {
        (true, false) => match model.showing_first_page() {
            Some(Partial::BestPage) => "ranking… · ",
            Some(Partial::InListOrder) => "first matches, ranking… · ",
            None => "searching… · ",
        },
        _ => "",
    };
    // The chosen order; a filter's ranking wins while it is active.
    let order = match (model.order(), model.ranked_by_filter(), model.is_sorting()) {
        (Order::List, ..) => String::new(),
        (_, true, _) => " · by match".to_string(),
        (_, false, true) => " · sorting…".to_string(),
        (order, false, false) => format!(" · by {}", order.label()),
    };
    // The longest form that fits, then shorter ones.
    let forms = [
        format!(
            "{fetching}{loading}{searching}{shown} of {total} papers{unread} · {marked}{order}"
        ),
        format!("{fetching}{loading}{searching}{shown} of {total} papers · {marked}{order}"),
        format!("{fetching}{loading}{searching}{shown} of {total} papers{order}"),
        format!("{fetching}{shown} of {total} papers{order}"),
        format!("{shown} of {total} papers · {marked}{order}"),
        format!("{shown} of {total} papers{order}"),
        format!("{shown} of {total} papers"),
        format!("{shown}/{total}"),
    ];
    let width = usize::from(area.width);
    let counts = forms
        .iter()
        .find(|c| text::width(c) + 2 <= width)
        .unwrap_or(&forms[6]);
    let counts_width = text::width(counts);
    let name = lib.name.as_deref().unwrap_or("papertui");
    let name = match lib.date.as_deref() {
        Some(date) => format!("{name} · {date}"),
        None => name.to_string(),
    };
    let room = width.saturating_sub(counts_width + 2);
    let name = if room >= 6 {
        text::truncate(&name, room).into_owned()
    } else {
        String::new()
    };
    let gap = width.saturating_sub(counts_width + text::width(&name) + 1);
    let line = Line::from(vec![
        Span::styled(format!(" {name}"), t.list_name),
        Span::raw(" ".repeat(gap)),
        Span::styled(counts.clone(), t.counts),
    ]);
    super::draw_line(frame.buffer_mut(), area, &line);
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::action::Action;
    use crate::config::Config;
    use crate::model::{Effect, Model, Report};
    use crate::search::Stage;

    fn header(model: &Model) -> String {
        let mut terminal = Terminal::new(TestBackend::new(100, 10)).unwrap();
        let frame = terminal
            .draw(|f| crate::ui::view(f, model, &Config::default()))
            .unwrap();
        let row = &frame.buffer.content[..100];
        row.iter().map(ratatui::buffer::Cell::symbol).collect()
    }

    #[test]
    fn a_count_of_papers_still_being_ranked_says_more_may_come() {
        let library = crate::load::load_all(&[crate::load::Source::Bundled])
            .unwrap()
            .library;
        let mut m = Model::new(library);
        m.update(Action::Resize {
            width: 100,
            height: 10,
        });
        m.update(Action::StartFilter);
        let Some(Effect::Search(request)) = m.update(Action::FilterInput('a')).pop() else {
            panic!("a search");
        };
        m.take(Report::SearchDone {
            generation: request.generation,
            hits: vec![0, 1, 2],
            stage: Stage::BestPage,
        });
        assert!(header(&m).contains("ranking… · 3+ of "), "{}", header(&m));
        m.take(Report::SearchDone {
            generation: request.generation,
            hits: vec![0, 1, 2, 3],
            stage: Stage::Complete,
        });
        assert!(header(&m).contains(" 4 of "), "{}", header(&m));
    }
}
