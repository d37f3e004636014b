//! The list's rows laid out for a width: which fields follow the titles and in which form, and
//! the lines each title takes. The model scrolls and hit-tests with it, the view draws it, so
//! both agree on which papers fit.

use std::ops::Range;

use crate::library::{Library, PaperRef};
use crate::text;

/// Cells before a title: the bookmark mark or its blank.
pub const MARK_WIDTH: usize = 2;
/// After the title of a paper that matched in its abstract alone.
pub const ABSTRACT_NOTE: &str = " · in abstract";
/// Lines a long title takes unless the config says otherwise.
pub const TITLE_LINES: u8 = 2;
/// A list pane shorter than this shows titles of one line: two-line rows would leave room
/// for too few papers.
pub const TWO_LINES_MIN_HEIGHT: usize = 10;
/// Cells a title keeps before the tags or the note after it give way.
const TITLE_MIN: usize = 11;
/// The fields after the titles take at most this share of a row: one cell in five.
const FIELDS_SHARE: usize = 5;
/// Fields take their short forms until a title of this many cells fits beside them (about
/// the median title of a day of Daily Papers).
const TITLE_WANTED: usize = 80;
/// Widest the authors column gets: in full, and as a surname alone.
const AUTHORS_MAX: usize = 18;
const SURNAME_MAX: usize = 10;
/// After the first author's name when there are more.
const ET_AL: &str = " et al.";

/// What a list row may show after the title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowField {
    Upvotes,
    Date,
    Authors,
}

/// How a field is written: in full (`2026-06-12`, `1234`, `Zhao et al.`), short (`06-12`,
/// `1.2k`, `Zhao`), or as an age (`2d`: days before the newest paper of the list).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Full,
    Short,
    Age,
}

/// What list rows show: the fields after the title, in order, and how many lines a long
/// title may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowFormat {
    fields: [Option<RowField>; 3],
    /// 1 or 2.
    pub title_lines: u8,
}

impl Default for RowFormat {
    fn default() -> RowFormat {
        RowFormat::new(&[RowField::Upvotes, RowField::Date], TITLE_LINES)
    }
}

impl RowFormat {
    /// The format with `fields` (each once; the first three) and titles of up to
    /// `title_lines` lines (1 or 2).
    pub fn new(fields: &[RowField], title_lines: u8) -> RowFormat {
        let mut kept = [None; 3];
        let mut n = 0;
        for &f in fields {
            if n < kept.len() && !kept.contains(&Some(f)) {
                kept[n] = Some(f);
                n += 1;
            }
        }
        RowFormat {
            fields: kept,
            title_lines: title_lines.clamp(1, 2),
        }
    }

    pub fn fields(&self) -> impl Iterator<Item = RowField> + '_ {
        self.fields.iter().flatten().copied()
    }
}

/// A day as a count of days, from a `YYYY-MM-DD` date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Day {
    number: i64,
    year: i64,
}

impl Day {
    fn parse(date: &str) -> Option<Day> {
        let bytes = date.as_bytes();
        let digits = |range: Range<usize>| -> Option<i64> {
            let part = date.get(range)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        // Days from civil (H. Hinnant): years start in March, so a leap day ends one.
        let march_year = if month <= 2 { year - 1 } else { year };
        let era = march_year.div_euclid(400);
        let year_of_era = march_year - era * 400;
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        Some(Day {
            number: era * 146_097 + day_of_era,
            year,
        })
    }
}

/// What the fields of a whole list need: whether any paper has each, how wide they get,
/// the newest date (ages count back from it). Kept up to date as the list grows, so a frame
/// never scans the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldStats {
    counted: usize,
    upvotes_max: Option<u32>,
    /// The widest date as written; 0 when no paper has one.
    date_width: usize,
    newest: Option<Day>,
    oldest: Option<Day>,
    authors_width: usize,
    surname_width: usize,
}

impl FieldStats {
    pub fn of(lib: &Library) -> FieldStats {
        let mut stats = FieldStats::default();
        stats.update(lib);
        stats
    }

    /// Counts the papers appended since the last update (all of them for a shorter list).
    pub fn update(&mut self, lib: &Library) {
        if lib.len() < self.counted {
            *self = FieldStats::default();
        }
        for i in self.counted..lib.len() {
            self.add(&lib.get(i));
        }
        self.counted = lib.len();
    }

    fn add(&mut self, p: &PaperRef<'_>) {
        if let Some(n) = p.upvotes() {
            self.upvotes_max = self.upvotes_max.max(Some(n));
        }
        if let Some(date) = p.published() {
            self.date_width = self.date_width.max(text::width(date));
            if let Some(day) = Day::parse(date) {
                self.newest = self.newest.max(Some(day));
                self.oldest = Some(self.oldest.map_or(day, |d| d.min(day)));
            }
        }
        // As `authors_forms` writes them, without writing them: this runs for every paper.
        let mut authors = p.authors();
        if let Some(first) = authors.next() {
            let surname = text::width(first.rsplit(' ').next().unwrap_or(first));
            let full = surname + authors.next().map_or(0, |_| ET_AL.len());
            self.authors_width = self.authors_width.max(full.min(AUTHORS_MAX));
            self.surname_width = self.surname_width.max(surname.min(SURNAME_MAX));
        }
    }

    /// Cells the oldest date's age takes (`9d`, `13d`, `12mo`).
    fn age_width(&self) -> usize {
        let days = match (self.newest, self.oldest) {
            (Some(newest), Some(oldest)) => newest.number - oldest.number,
            _ => 0,
        };
        match days {
            ..10 => 2,
            10..300 => 3,
            _ => 4,
        }
    }

    /// Cells the widest value of `field` takes in `form`; 0 when no paper has the field.
    fn width(&self, field: RowField, form: Form) -> usize {
        match (field, form) {
            (RowField::Upvotes, Form::Full) => self.upvotes_max.map_or(0, |n| n.to_string().len()),
            (RowField::Upvotes, _) => self.upvotes_max.map_or(0, |n| compact(n).len()),
            (RowField::Date, Form::Full) => self.date_width,
            (RowField::Date, Form::Short) => self.date_width.min(5),
            (RowField::Date, Form::Age) => self.date_width.min(self.age_width()),
            (RowField::Authors, Form::Full) => self.authors_width,
            (RowField::Authors, _) => self.surname_width,
        }
    }
}

/// A paper's field as a column shows it, if the paper has it.
pub fn value(field: RowField, form: Form, p: &PaperRef<'_>, stats: &FieldStats) -> Option<String> {
    match field {
        RowField::Upvotes => p.upvotes().map(|n| match form {
            Form::Full => n.to_string(),
            _ => compact(n),
        }),
        RowField::Date => p.published().map(|date| date_in(form, date, stats.newest)),
        RowField::Authors => authors_forms(p.authors()).map(|(full, surname)| match form {
            Form::Full => full,
            _ => surname,
        }),
    }
}

/// `1234` as `1.2k`, `12345` as `12k`, `1234567` as `1.2M`: at most four characters.
fn compact(n: u32) -> String {
    match n {
        0..1_000 => n.to_string(),
        1_000..10_000 => format!("{}.{}k", n / 1_000, n / 100 % 10),
        10_000..1_000_000 => format!("{}k", n / 1_000),
        1_000_000..10_000_000 => format!("{}.{}M", n / 1_000_000, n / 100_000 % 10),
        10_000_000..1_000_000_000 => format!("{}M", n / 1_000_000),
        _ => format!("{}.{}G", n / 1_000_000_000, n / 100_000_000 % 10),
    }
}

/// A date in `form`: short is `06-12` in the newest date's year (else the year alone), the
/// age is the days (`13d`), months (`3mo`) or years (`2y`) before the newest date. A date
/// not written `YYYY-MM-DD` shows in full only.
fn date_in(form: Form, date: &str, newest: Option<Day>) -> String {
    let day = Day::parse(date);
    match (form, day, newest) {
        (Form::Full, _, _) => date.to_string(),
        (Form::Age, Some(day), Some(newest)) => {
            let days = (newest.number - day.number).max(0);
            match days {
                0..100 => format!("{days}d"),
                100..365 => format!("{}mo", days / 30),
                _ => format!("{}y", (days / 365).min(99)),
            }
        }
        (_, Some(day), Some(newest)) if day.year == newest.year => date[5..].to_string(),
        (_, Some(_), _) => date[..4].to_string(),
        // Words that are no date say nothing in a few cells.
        (_, None, _) => String::new(),
    }
}

/// The first author's last name with "et al." when there are more, and the name alone.
fn authors_forms<'a>(mut authors: impl Iterator<Item = &'a str>) -> Option<(String, String)> {
    let first = authors.next()?;
    let surname = first.rsplit(' ').next().unwrap_or(first);
    let full = match authors.next() {
        Some(_) => format!("{surname}{ET_AL}"),
        None => surname.to_string(),
    };
    Some((
        text::truncate(&full, AUTHORS_MAX).into_owned(),
        text::truncate(surname, SURNAME_MAX).into_owned(),
    ))
}

/// One column after the titles: its field, its form, its width in cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub field: RowField,
    pub form: Form,
    pub width: usize,
}

/// The columns rows `room` cells wide (after the mark) show. The titles come first: fields
/// take their short forms until a long title fits beside them, and at most a fifth of the row;
/// the last ones go when even their short forms would take more.
fn columns(format: RowFormat, stats: &FieldStats, room: usize) -> Vec<Column> {
    let mut columns: Vec<Column> = format
        .fields()
        .map(|field| Column {
            field,
            form: Form::Full,
            width: stats.width(field, Form::Full),
        })
        .filter(|c| c.width > 0)
        .collect();
    let taken = |columns: &[Column]| columns.iter().map(|c| c.width + 1).sum::<usize>();
    let budget = room / FIELDS_SHARE;
    let give_way = [
        (RowField::Date, Form::Short),
        (RowField::Date, Form::Age),
        (RowField::Authors, Form::Short),
        (RowField::Upvotes, Form::Short),
    ];
    for (field, form) in give_way {
        let used = taken(&columns);
        if used <= budget && room - used >= TITLE_WANTED {
            break;
        }
        if let Some(c) = columns.iter_mut().find(|c| c.field == field) {
            c.form = form;
            c.width = stats.width(field, form);
        }
    }
    while taken(&columns) > budget {
        columns.pop();
    }
    columns
}

/// Tags as a row shows them: `#cite #to-read`.
pub fn tag_text(tags: &[String]) -> String {
    let shown: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
    shown.join(" ")
}

/// A line of a row's title: a part of the title, and whether an ellipsis follows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TitleLine {
    pub range: Range<usize>,
    pub cut: bool,
}

/// A row's title in one or two lines, and whether its tags and its note (that it matched in
/// its abstract alone) follow the last line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowLines {
    pub lines: Vec<TitleLine>,
    pub tags: bool,
    pub note: bool,
}

impl RowLines {
    pub fn height(&self) -> usize {
        self.lines.len()
    }
}

/// Rows of a list pane: how wide, which columns, how much room their titles get.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowLayout {
    /// Cells of a row, the mark included.
    pub width: usize,
    pub columns: Vec<Column>,
    /// Cells of title on a line (the tags and the note take theirs from it).
    pub title_room: usize,
    pub title_lines: u8,
}

impl RowLayout {
    /// Rows `width` cells wide in `format`, for a list whose fields are as `stats` says.
    pub fn new(width: usize, format: RowFormat, stats: &FieldStats) -> RowLayout {
        let room = width.saturating_sub(MARK_WIDTH);
        let columns = columns(format, stats, room);
        let taken: usize = columns.iter().map(|c| c.width + 1).sum();
        RowLayout {
            width,
            columns,
            title_room: room - taken,
            title_lines: format.title_lines,
        }
    }

    /// The same rows with titles of one line.
    pub fn one_line(mut self) -> RowLayout {
        self.title_lines = 1;
        self
    }

    /// A row's lines: its title, then its tags (`tags` cells of text, 0 for none) and the
    /// abstract note where they fit. A title too long for one line breaks between words onto
    /// a second, when two are allowed; what still does not fit is cut with an ellipsis.
    pub fn row(&self, title: &str, tags: usize, note: bool) -> RowLines {
        let room = self.title_room;
        let one = last_line(title, 0, room, tags, note);
        let whole = !one.lines[0].cut && one.tags == (tags > 0) && one.note == note;
        if self.title_lines < 2 || whole {
            return one;
        }
        let (end, next) = text::break_line(title, room);
        let mut rows = last_line(title, next, room, tags, note);
        let first = TitleLine {
            range: 0..end,
            cut: false,
        };
        if next >= title.len() && !rows.tags && !rows.note {
            rows.lines = vec![first];
        } else {
            rows.lines.insert(0, first);
        }
        rows
    }
}

/// The title from byte `start` on one line of `room` cells, with its tags and note when all
/// fits; else the tags when a dozen cells of title are left beside them, then the note
/// likewise, then as much title as fits.
fn last_line(title: &str, start: usize, room: usize, tags: usize, note: bool) -> RowLines {
    let rest = &title[start..];
    let note_width = text::width(ABSTRACT_NOTE);
    let tail = if tags > 0 { tags + 1 } else { 0 } + if note { note_width } else { 0 };
    if tail <= room && text::fits(rest, room - tail) {
        return RowLines {
            lines: vec![TitleLine {
                range: start..title.len(),
                cut: false,
            }],
            tags: tags > 0,
            note,
        };
    }
    let mut room = room;
    let show_tags = tags > 0 && room >= tags + 1 + TITLE_MIN;
    if show_tags {
        room -= tags + 1;
    }
    let show_note = note && room >= TITLE_MIN + note_width;
    if show_note {
        room -= note_width;
    }
    let (len, cut) = text::cut(rest, room);
    RowLines {
        lines: vec![TitleLine {
            range: start..start + len,
            cut,
        }],
        tags: show_tags,
        note: show_note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Authors, Chunk, LibraryBuilder, RawPaper};

    /// Papers of (upvotes, date, first author): the rest of each paper does not matter here.
    fn list(papers: &[(Option<u32>, Option<&str>, &str)]) -> Library {
        let mut chunk = Chunk::default();
        for (i, (upvotes, date, author)) in papers.iter().enumerate() {
            chunk
                .push(&RawPaper {
                    title: format!("Paper {i}").into(),
                    upvotes: *upvotes,
                    published: date.map(Into::into),
                    authors: Authors::Joined(format!("{author}, B. Other").into()),
                    ..Default::default()
                })
                .unwrap();
        }
        let mut b = LibraryBuilder::default();
        b.append(chunk);
        b.into_library()
    }

    fn day() -> FieldStats {
        FieldStats::of(&list(&[
            (Some(185), Some("2026-06-11"), "Jiawei Zhao"),
            (Some(7), Some("2026-05-30"), "Wei Li"),
            (None, None, "Ana Lopez-Fernandez"),
        ]))
    }

    #[test]
    fn upvotes_shorten_to_four_characters() {
        let shown = [
            0,
            999,
            1234,
            9999,
            12_345,
            999_999,
            1_234_567,
            45_000_000,
            u32::MAX,
        ];
        assert_eq!(
            shown.map(compact),
            [
                "0", "999", "1.2k", "9.9k", "12k", "999k", "1.2M", "45M", "4.2G"
            ]
        );
    }

    #[test]
    fn a_date_shortens_to_its_day_or_its_age_before_the_newest() {
        let newest = Day::parse("2026-06-11");
        let at = |form, date| date_in(form, date, newest);
        assert_eq!(at(Form::Full, "2026-05-30"), "2026-05-30");
        assert_eq!(at(Form::Short, "2026-05-30"), "05-30");
        assert_eq!(
            at(Form::Short, "2025-12-30"),
            "2025",
            "another year says its year"
        );
        assert_eq!(at(Form::Age, "2026-05-30"), "12d");
        assert_eq!(at(Form::Age, "2026-06-11"), "0d");
        assert_eq!(at(Form::Age, "2026-01-02"), "5mo");
        assert_eq!(at(Form::Age, "2023-06-01"), "3y");
        assert_eq!(
            at(Form::Age, "yesterday"),
            "",
            "not a date: shown in full only"
        );
        assert_eq!(at(Form::Full, "yesterday"), "yesterday");
        let leap = (
            Day::parse("2024-03-01").unwrap(),
            Day::parse("2024-02-29").unwrap(),
        );
        assert_eq!(leap.0.number - leap.1.number, 1);
        assert_eq!(Day::parse("2024-13-01"), None);
        assert_eq!(Day::parse("2024-1-01"), None);
    }

    #[test]
    fn the_stats_grow_with_the_list_and_start_over_for_another() {
        let lib = list(&[(Some(3), Some("2026-06-01"), "A. Zhao")]);
        let mut stats = FieldStats::of(&lib);
        assert_eq!(stats.width(RowField::Upvotes, Form::Full), 1);
        let longer = list(&[
            (Some(3), Some("2026-06-01"), "A. Zhao"),
            (Some(1850), Some("2026-06-12"), "B. Li"),
        ]);
        stats.update(&longer);
        assert_eq!(stats.width(RowField::Upvotes, Form::Full), 4);
        assert_eq!(stats.width(RowField::Date, Form::Age), 3, "11d");
        stats.update(&Library::default());
        assert_eq!(stats, FieldStats::default());
    }

    #[test]
    fn fields_take_short_forms_and_then_give_way_before_the_title() {
        let stats = day();
        let format = RowFormat::new(&[RowField::Upvotes, RowField::Date, RowField::Authors], 2);
        let shown = |room| {
            columns(format, &stats, room)
                .iter()
                .map(|c| (c.field, c.form, c.width))
                .collect::<Vec<_>>()
        };
        use {Form::*, RowField::*};
        // Room to spare: every field in full.
        assert_eq!(
            shown(200),
            [(Upvotes, Full, 3), (Date, Full, 10), (Authors, Full, 18)]
        );
        // The date gives way first, then the authors, until a long title fits beside them.
        assert_eq!(
            shown(140),
            [(Upvotes, Full, 3), (Date, Age, 3), (Authors, Full, 18)]
        );
        assert_eq!(
            shown(100),
            [(Upvotes, Full, 3), (Date, Age, 3), (Authors, Short, 10)]
        );
        // Fields never take more than a fifth of the row: the last ones go.
        assert_eq!(shown(46), [(Upvotes, Short, 3), (Date, Age, 3)]);
        assert_eq!(shown(26), [(Upvotes, Short, 3)]);
        assert_eq!(shown(16), []);
    }

    #[test]
    fn a_long_title_breaks_between_words_onto_a_second_line() {
        let layout = RowLayout {
            width: 22,
            columns: Vec::new(),
            title_room: 20,
            title_lines: 2,
        };
        let title = "Memory-Efficient LLM Training by Gradient Low-Rank Projection";
        let lines = |rows: &RowLines| -> Vec<String> {
            rows.lines
                .iter()
                .map(|l| {
                    format!(
                        "{}{}",
                        &title[l.range.clone()],
                        if l.cut { "…" } else { "" }
                    )
                })
                .collect()
        };
        let row = layout.row(title, 0, false);
        assert_eq!(
            lines(&row),
            ["Memory-Efficient LLM", "Training by Gradien…"]
        );
        let row = layout.clone().one_line().row(title, 0, false);
        assert_eq!(lines(&row), ["Memory-Efficient LL…"]);
        let short = layout.row("GaLore", 4, false);
        assert_eq!((short.height(), short.tags), (1, true), "{short:?}");
        // Tags that do not fit beside a one-line title go to its second line.
        let tagged = layout.row("GaLore: Memory", 8, false);
        assert_eq!((tagged.height(), tagged.tags), (2, true));
        assert_eq!(tagged.lines[1].range, 14..14);
    }

    #[test]
    fn a_format_holds_each_field_once_and_one_or_two_lines() {
        let f = RowFormat::new(&[RowField::Date, RowField::Date, RowField::Upvotes], 7);
        assert_eq!(
            f.fields().collect::<Vec<_>>(),
            [RowField::Date, RowField::Upvotes]
        );
        assert_eq!(f.title_lines, 2);
        assert_eq!(RowFormat::new(&[], 0).title_lines, 1);
    }
}
