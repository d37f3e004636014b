//! Hugging Face Daily Papers: a day, an ISO week or a month of the list (UTC, as the site
//! uses), or the trending papers; their URLs, paging, neighbours and freshness.

use std::fmt;

use jiff::civil::{Date, ISOWeekDate, Weekday};
use jiff::{SignedDuration, Timestamp, ToSpan};

/// Which list of the Daily Papers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HfList {
    Today,
    Yesterday,
    Day(Date),
    /// An ISO week, named by its Monday.
    Week(Date),
    /// A month, named by its first day.
    Month(Date),
    Trending,
}

/// The most items Hugging Face gives in one page.
pub(super) const PAGE_LIMIT: usize = 100;

const FORMS: &str = "write hf:today, hf:yesterday, hf:YYYY-MM-DD, hf:YYYY-Www (an ISO week), \
                     hf:YYYY-MM or hf:trending";

/// The UTC day of `now`.
pub(super) fn utc_day(now: Timestamp) -> Date {
    now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date()
}

impl HfList {
    /// Parses what follows `hf:`.
    pub fn parse(rest: &str) -> Result<HfList, String> {
        let rest = rest.trim();
        match rest {
            "today" => return Ok(HfList::Today),
            "yesterday" => return Ok(HfList::Yesterday),
            "trending" => return Ok(HfList::Trending),
            "" => return Err(format!("no list named; {FORMS}")),
            _ => {}
        }
        let parts: Vec<&str> = rest.split('-').collect();
        let number = |s: &str, what: &str| -> Result<i64, String> {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || s.len() > 4 {
                return Err(format!("{s:?} is not a {what}; {FORMS}"));
            }
            s.parse()
                .map_err(|_| format!("{s:?} is not a {what}; {FORMS}"))
        };
        let year = number(parts[0], "year")?;
        if !(1000..=9999).contains(&year) || parts[0].len() != 4 {
            return Err(format!("not a date: the year must have 4 digits; {FORMS}"));
        }
        let year = year as i16;
        match parts[1..] {
            [week] if week.starts_with(['W', 'w']) => {
                let n = number(&week[1..], "week number")?;
                let last = last_iso_week(year);
                if !(1..=i64::from(last)).contains(&n) {
                    return Err(format!(
                        "not a week: {year} has weeks W01 to W{last}, not W{n:02}"
                    ));
                }
                let monday = ISOWeekDate::new(year, n as i8, Weekday::Monday)
                    .map_err(|e| format!("not a week: {e}"))?;
                Ok(HfList::Week(monday.date()))
            }
            [month] => Ok(HfList::Month(month_date(year, number(month, "month")?, 1)?)),
            [month, day] => {
                let month = number(month, "month")?;
                let day = number(day, "day")?;
                Ok(HfList::Day(month_date(year, month, day)?))
            }
            _ => Err(format!("not a date; {FORMS}")),
        }
    }

    /// Today and yesterday made a fixed day, from `now`.
    pub fn resolve(&self, now: Timestamp) -> HfList {
        let today = utc_day(now);
        match self {
            HfList::Today => HfList::Day(today),
            HfList::Yesterday => HfList::Day(today.yesterday().unwrap_or(today)),
            other => other.clone(),
        }
    }

    /// The query that selects this list (without paging).
    pub fn query(&self, now: Timestamp) -> String {
        match self.resolve(now) {
            HfList::Day(d) => format!("date={d}"),
            HfList::Week(monday) => format!("week={}", week_name(monday)),
            HfList::Month(first) => format!("month={:04}-{:02}", first.year(), first.month()),
            _ => "sort=trending".to_string(),
        }
    }

    /// Page `page` (0-based) of the list at `base`.
    pub fn url(&self, base: &str, page: usize, now: Timestamp) -> String {
        format!(
            "{}/api/daily_papers?{}&p={page}&limit={PAGE_LIMIT}",
            base.trim_end_matches('/'),
            self.query(now)
        )
    }

    /// How long a copy fetched at `fetched` is used without asking: an hour for a list that
    /// can still grow (today's, this week's, this month's, trending), a day for a past one.
    pub fn fresh_for(&self, now: Timestamp) -> SignedDuration {
        let today = utc_day(now);
        let past = match self.resolve(now) {
            HfList::Day(d) => d < today,
            HfList::Week(monday) => monday.checked_add(7.days()).is_ok_and(|end| end <= today),
            HfList::Month(first) => first.checked_add(1.month()).is_ok_and(|end| end <= today),
            _ => false,
        };
        if past {
            SignedDuration::from_hours(24)
        } else {
            SignedDuration::from_hours(1)
        }
    }

    /// The list before this one (`[`), for a day, a week or a month.
    pub fn previous(&self, now: Timestamp) -> Option<HfList> {
        self.step(now, -1)
    }

    /// The list after this one (`]`), unless that is in the future.
    pub fn next(&self, now: Timestamp) -> Option<HfList> {
        let next = self.step(now, 1)?;
        let today = utc_day(now);
        let (HfList::Day(start) | HfList::Week(start) | HfList::Month(start)) = next else {
            return None;
        };
        (start <= today).then_some(next)
    }

    fn step(&self, now: Timestamp, by: i64) -> Option<HfList> {
        match self.resolve(now) {
            HfList::Day(d) => d.checked_add(by.days()).ok().map(HfList::Day),
            HfList::Week(d) => d.checked_add(by.weeks()).ok().map(HfList::Week),
            HfList::Month(d) => d.checked_add(by.months()).ok().map(HfList::Month),
            _ => None,
        }
    }

    /// What an empty answer means: "No Daily Papers on Saturday 2026-11-28".
    pub fn empty_message(&self, now: Timestamp) -> String {
        match self.resolve(now) {
            HfList::Day(d) => format!("No Daily Papers on {} {d}", weekday_name(d.weekday())),
            HfList::Week(monday) => format!("No Daily Papers in week {}", week_name(monday)),
            HfList::Month(first) => format!("No Daily Papers in {}", month_words(first)),
            _ => "No trending papers on Hugging Face right now".to_string(),
        }
    }

    /// What the list is, for a header: "Daily Papers · Mon 30 Nov 2026".
    pub fn title(&self, now: Timestamp) -> String {
        match self.resolve(now) {
            HfList::Day(d) => format!("Daily Papers · {}", crate::load::days::day_words(d)),
            HfList::Week(monday) => format!("Daily Papers · week {}", week_name(monday)),
            HfList::Month(first) => format!("Daily Papers · {}", month_words(first)),
            _ => "Trending papers on Hugging Face".to_string(),
        }
    }
}

impl fmt::Display for HfList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HfList::Today => f.write_str("hf:today"),
            HfList::Yesterday => f.write_str("hf:yesterday"),
            HfList::Day(d) => write!(f, "hf:{d}"),
            HfList::Week(monday) => write!(f, "hf:{}", week_name(*monday)),
            HfList::Month(first) => write!(f, "hf:{:04}-{:02}", first.year(), first.month()),
            HfList::Trending => f.write_str("hf:trending"),
        }
    }
}

fn month_date(year: i16, month: i64, day: i64) -> Result<Date, String> {
    if !(1..=12).contains(&month) {
        return Err(format!(
            "not a date: there is no month {month} (months are 01 to 12)"
        ));
    }
    let first = Date::new(year, month as i8, 1).map_err(|e| format!("not a date: {e}"))?;
    let last = first.last_of_month().day();
    if !(1..=i64::from(last)).contains(&day) {
        return Err(format!(
            "not a date: {year:04}-{month:02} has days 01 to {last}, not {day:02}"
        ));
    }
    Date::new(year, month as i8, day as i8).map_err(|e| format!("not a date: {e}"))
}

fn last_iso_week(year: i16) -> i8 {
    // December 28th is always in the last ISO week of its year.
    Date::new(year, 12, 28).map_or(52, |d| d.iso_week_date().week())
}

fn week_name(monday: Date) -> String {
    let w = monday.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn month_words(first: Date) -> String {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let name = NAMES[(first.month() as usize).clamp(1, 12) - 1];
    format!("{name} {}", first.year())
}

pub(super) fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type R = Result<(), Box<dyn std::error::Error>>;

    fn now() -> Timestamp {
        "2026-11-30T12:00:00Z"
            .parse()
            .unwrap_or(Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn days_weeks_and_months_parse_and_print_back() -> R {
        for name in [
            "2026-11-30",
            "2026-W48",
            "2026-11",
            "today",
            "yesterday",
            "trending",
        ] {
            assert_eq!(HfList::parse(name)?.to_string(), format!("hf:{name}"));
        }
        assert_eq!(
            HfList::parse("2026-W48")?,
            HfList::Week(Date::new(2026, 11, 23)?)
        );
        Ok(())
    }

    #[test]
    fn impossible_dates_are_refused_with_the_reason() {
        let err = |s: &str| HfList::parse(s).unwrap_err();
        assert!(
            err("2026-13-01").contains("there is no month 13"),
            "{}",
            err("2026-13-01")
        );
        assert!(err("2026-02-30").contains("2026-02 has days 01 to 28, not 30"));
        assert!(err("2026-W54").contains("2026 has weeks W01 to W53, not W54"));
        assert!(err("26-11-30").contains("4 digits"));
        assert!(err("someday").contains("hf:YYYY-MM-DD"));
    }

    #[test]
    fn a_day_asks_with_its_date_and_pages() -> R {
        let url = HfList::Today.url("https://huggingface.co/", 2, now());
        assert_eq!(
            url,
            "https://huggingface.co/api/daily_papers?date=2026-11-30&p=2&limit=100"
        );
        assert!(
            HfList::parse("2026-W48")?
                .url("h", 0, now())
                .contains("week=2026-W48&p=0")
        );
        assert!(
            HfList::parse("2026-11")?
                .url("h", 0, now())
                .contains("month=2026-11&p=0")
        );
        assert!(
            HfList::Trending
                .url("h", 0, now())
                .contains("sort=trending")
        );
        Ok(())
    }

    #[test]
    fn today_is_fresh_an_hour_and_a_past_day_a_day() -> R {
        assert_eq!(
            HfList::Today.fresh_for(now()),
            SignedDuration::from_hours(1)
        );
        assert_eq!(
            HfList::Yesterday.fresh_for(now()),
            SignedDuration::from_hours(24)
        );
        assert_eq!(
            HfList::parse("2026-W49")?.fresh_for(now()),
            SignedDuration::from_hours(1)
        );
        assert_eq!(
            HfList::parse("2026-W48")?.fresh_for(now()),
            SignedDuration::from_hours(24)
        );
        assert_eq!(
            HfList::parse("2026-11")?.fresh_for(now()),
            SignedDuration::from_hours(1)
        );
        Ok(())
    }

    #[test]
    fn days_know_their_neighbours_and_what_empty_means() -> R {
        let sat = HfList::parse("2026-11-28")?;
        assert_eq!(
            sat.empty_message(now()),
            "No Daily Papers on Saturday 2026-11-28"
        );
        assert_eq!(sat.previous(now()), Some(HfList::parse("2026-11-27")?));
        assert_eq!(sat.next(now()), Some(HfList::parse("2026-11-29")?));
        assert_eq!(HfList::Today.next(now()), None);
        assert_eq!(
            HfList::Today.previous(now()),
            Some(HfList::parse("2026-11-29")?)
        );
        assert_eq!(
            HfList::parse("2026-01")?.previous(now()),
            Some(HfList::parse("2025-12")?)
        );
        assert_eq!(HfList::Trending.previous(now()), None);
        Ok(())
    }
}
