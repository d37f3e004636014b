//! arXiv: the current announcement of some categories (one RSS request), a search of the API
//! (paged politely), and the announcement clock that says how long either stays fresh.

use jiff::civil::{Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};

use super::hf::weekday_name;

/// Where arXiv's announcement clock runs.
const ARXIV_ZONE: &str = "America/New_York";

/// Checks `cs.CL+cs.LG+stat.ML`: archive names in lower case (with `-`), an optional subject
/// class after a dot.
pub(super) fn parse_categories(rest: &str) -> Result<Vec<String>, String> {
    let rest = rest.trim();
    if rest.is_empty() {
        return Err("name at least one category, e.g. arxiv:cs.CL or arxiv:cs.CL+cs.LG".into());
    }
    rest.split('+')
        .map(|c| {
            let (archive, class) = c.split_once('.').unwrap_or((c, ""));
            let archive_ok = !archive.is_empty()
                && archive.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
            let class_ok = !c.contains('.')
                || (!class.is_empty() && class.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-'));
            if archive_ok && class_ok {
                Ok(c.to_string())
            } else {
                Err(format!(
                    "{:?} is not an arXiv category (like cs.CL, stat.ML or hep-th); join several with +",
                    crate::net::shown(c)
                ))
            }
        })
        .collect()
}

/// The RSS feed of the current announcement of `categories` at `base`.
pub(super) fn rss_url(base: &str, categories: &[String]) -> String {
    format!(
        "{}/rss/{}",
        base.trim_end_matches('/'),
        categories.join("+")
    )
}

/// One page of an API search, newest first.
pub(super) fn api_url(base: &str, query: &str, start: usize, max_results: usize) -> String {
    format!(
        "{}/api/query?search_query={}&start={start}&max_results={max_results}\
         &sortBy=submittedDate&sortOrder=descending",
        base.trim_end_matches('/'),
        encode(query)
    )
}

/// Percent-encodes all but unreserved characters (and `:`, which arXiv's field prefixes use).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn zone() -> TimeZone {
    TimeZone::get(ARXIV_ZONE).unwrap_or(TimeZone::fixed(jiff::tz::offset(-5)))
}

/// The first announcement after `t`: 20:00 US Eastern, Sunday to Thursday (holidays are not
/// known, so a copy is refreshed on a holiday evening for nothing).
pub fn next_announcement(t: Timestamp) -> Timestamp {
    let tz = zone();
    let mut day = t.to_zoned_datetime(tz.clone()).date();
    for _ in 0..8 {
        let announces = !matches!(day.weekday(), Weekday::Friday | Weekday::Saturday);
        if announces
            && let Ok(at) = tz.to_timestamp(day.to_datetime(Time::constant(20, 0, 0, 0)))
            && at > t
        {
            return at;
        }
        match day.checked_add(1.day()) {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    t.saturating_add(SignedDuration::from_hours(24))
        .unwrap_or(t)
}

/// What an empty announcement means, on the arXiv day of `now`.
pub(super) fn empty_announcement(categories: &[String], now: Timestamp) -> String {
    let day = now.to_zoned_datetime(zone()).date();
    format!(
        "No arXiv announcement of {} on {} {day} (arXiv announces Sunday to Thursday, 20:00 US Eastern, except holidays)",
        categories.join("+"),
        weekday_name(day.weekday())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    type R = Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn categories_are_checked() -> R {
        assert_eq!(
            parse_categories("cs.CL+cs.LG+stat.ML")?,
            ["cs.CL", "cs.LG", "stat.ML"]
        );
        assert_eq!(parse_categories("hep-th")?, ["hep-th"]);
        assert!(parse_categories("").is_err());
        assert!(
            parse_categories("cs.CL cs.LG")
                .unwrap_err()
                .contains("not an arXiv category")
        );
        assert!(parse_categories("cs.").is_err());
        Ok(())
    }

    #[test]
    fn urls_follow_the_services_paths() {
        let cats = vec!["cs.CL".to_string(), "cs.LG".to_string()];
        assert_eq!(
            rss_url("https://rss.arxiv.org/", &cats),
            "https://rss.arxiv.org/rss/cs.CL+cs.LG"
        );
        assert_eq!(
            api_url(
                "https://export.arxiv.org",
                "ti:\"diffusion model\" AND cat:cs.LG",
                100,
                50
            ),
            "https://export.arxiv.org/api/query?search_query=ti:%22diffusion%20model%22%20AND%20cat:cs.LG\
             &start=100&max_results=50&sortBy=submittedDate&sortOrder=descending"
        );
    }

    #[test]
    fn announcements_come_at_eight_pm_eastern_sunday_to_thursday() -> R {
        let at = |s: &str| s.parse::<Timestamp>();
        // Monday 2026-11-30 12:00 UTC (07:00 EST): tonight, 20:00 EST = 01:00 UTC.
        assert_eq!(
            next_announcement(at("2026-11-30T12:00:00Z")?),
            at("2026-12-01T01:00:00Z")?
        );
        // Friday evening: none until Sunday.
        assert_eq!(
            next_announcement(at("2026-12-05T02:00:00Z")?),
            at("2026-12-07T01:00:00Z")?
        );
        // Summer time: 20:00 EDT = 00:00 UTC.
        assert_eq!(
            next_announcement(at("2026-06-15T12:00:00Z")?),
            at("2026-06-16T00:00:00Z")?
        );
        Ok(())
    }

    #[test]
    fn an_empty_announcement_names_the_day() -> R {
        let sat: Timestamp = "2026-11-28T15:00:00Z".parse()?;
        let cats = vec!["cs.CL".to_string()];
        assert!(
            empty_announcement(&cats, sat)
                .starts_with("No arXiv announcement of cs.CL on Saturday 2026-11-28")
        );
        Ok(())
    }
}
