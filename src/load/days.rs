//! The day of a list in words, as a header names it: `Fri 12 Jun 2026`, or the span of a
//! week's list, `8 – 12 Jun 2026`.

use jiff::civil::{Date, Weekday};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `Fri 12 Jun 2026`.
pub fn day_words(d: Date) -> String {
    let weekday = match d.weekday() {
        Weekday::Monday => "Mon",
        Weekday::Tuesday => "Tue",
        Weekday::Wednesday => "Wed",
        Weekday::Thursday => "Thu",
        Weekday::Friday => "Fri",
        Weekday::Saturday => "Sat",
        Weekday::Sunday => "Sun",
    };
    format!("{weekday} {} {}", d.day(), month_year(d))
}

fn month_year(d: Date) -> String {
    format!("{} {}", MONTHS[d.month() as usize - 1], d.year())
}

/// The days papers of a list were on the Daily Papers (`YYYY-MM-DD` each), in words: one day,
/// or the first and last; None when none is a date.
pub fn list_days_words<'a>(days: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut dates = days.filter_map(|d| d.get(..10)?.parse::<Date>().ok());
    let first = dates.next()?;
    let (min, max) = dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
    Some(if min == max {
        day_words(min)
    } else if (min.year(), min.month()) == (max.year(), max.month()) {
        format!("{} – {} {}", min.day(), max.day(), month_year(max))
    } else if min.year() == max.year() {
        let m = MONTHS[min.month() as usize - 1];
        format!("{} {m} – {} {}", min.day(), max.day(), month_year(max))
    } else {
        format!(
            "{} {} – {} {}",
            min.day(),
            month_year(min),
            max.day(),
            month_year(max)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_named_with_its_weekday_and_a_span_by_its_ends() {
        let days = |d: &[&str]| list_days_words(d.iter().copied());
        assert_eq!(days(&["2026-06-12"]).as_deref(), Some("Fri 12 Jun 2026"));
        assert_eq!(
            days(&["2026-06-12T00:00:00.000Z", "2026-06-08"]).as_deref(),
            Some("8 – 12 Jun 2026")
        );
        assert_eq!(
            days(&["2026-05-30", "2026-06-02"]).as_deref(),
            Some("30 May – 2 Jun 2026")
        );
        assert_eq!(
            days(&["2025-12-30", "2026-01-02"]).as_deref(),
            Some("30 Dec 2025 – 2 Jan 2026")
        );
        assert_eq!(days(&["not a day", ""]), None);
    }
}
