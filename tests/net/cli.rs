//! The commands of the real binary against the local server: what `list` prints from a fetched
//! list, what it asks the server for (and when it asks nothing), what it says on standard error
//! and the exit code, for the recorded answers and for failures.

use std::process::Output;

use jiff::SignedDuration;

use super::binary::{DAY, Setup, day_target, made_up_day, recorded, recorded_titles};
use super::server::{Server, respond};
use crate::support::Result;
use crate::support::run::{data, stderr, stdout};

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

fn code(o: &Output) -> Option<i32> {
    o.status.code()
}

/// `list hf:2026-06-12`.
const LIST_DAY: [&str; 2] = ["list", "hf:2026-06-12"];

#[test]
fn list_prints_the_titles_of_a_fetched_day_in_order() -> Result {
    let server = recorded();
    let setup = Setup::new(&server.base())?;
    let out = setup.run(&LIST_DAY)?;
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert_eq!(lines(&stdout(&out)), recorded_titles()?);
    assert_eq!(stdout(&out).lines().count(), 30);
    assert_eq!(stderr(&out), "");
    let asked = server.requests();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].target, day_target(DAY, 0));
    let agent = asked[0].header("user-agent").unwrap_or("");
    assert!(agent.starts_with("papertui/"), "{agent}");
    Ok(())
}

#[test]
fn a_second_run_reads_the_cached_copy_without_a_request() -> Result {
    let server = recorded();
    let setup = Setup::new(&server.base())?;
    let first = setup.run(&LIST_DAY)?;
    let second = setup.run(&LIST_DAY)?;
    assert_eq!(server.count(), 1);
    assert_eq!(code(&second), Some(0), "{}", stderr(&second));
    assert_eq!(stdout(&second), stdout(&first));
    assert_eq!(stderr(&second), "");
    Ok(())
}

#[test]
fn refresh_revalidates_the_copy_and_a_304_keeps_it() -> Result {
    let server = recorded();
    let setup = Setup::new(&server.base())?;
    setup.run(&LIST_DAY)?;
    let out = setup.run(&["--refresh", "list", "hf:2026-06-12"])?;
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert_eq!(lines(&stdout(&out)), recorded_titles()?);
    let asked = server.requests();
    assert_eq!(asked.len(), 2);
    assert_eq!(asked[0].header("if-none-match"), None);
    assert_eq!(asked[1].header("if-none-match"), Some("\"v1\""));
    // The flag works after the command too.
    setup.run(&["list", "hf:2026-06-12", "--refresh"])?;
    assert_eq!(server.count(), 3);
    Ok(())
}

#[test]
fn a_stale_copy_is_revalidated_with_one_conditional_request() -> Result {
    let server = recorded();
    let setup = Setup::new(&server.base())?;
    setup.run(&LIST_DAY)?;
    // A past day's list is fresh for a day.
    setup.age(&setup.day_url(DAY, 0), SignedDuration::from_hours(25))?;
    let out = setup.run(&LIST_DAY)?;
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 30);
    let asked = server.requests();
    assert_eq!(asked.len(), 2);
    assert_eq!(asked[1].header("if-none-match"), Some("\"v1\""));
    // The 304 made the copy fresh again.
    setup.run(&LIST_DAY)?;
    assert_eq!(server.count(), 2);
    Ok(())
}

#[test]
fn with_the_server_gone_a_stale_copy_is_printed_with_an_offline_warning() -> Result {
    let server = recorded();
    let setup = Setup::new(&server.base())?;
    setup.run(&LIST_DAY)?;
    setup.age(&setup.day_url(DAY, 0), SignedDuration::from_hours(25))?;
    drop(server);
    let out = setup.run(&LIST_DAY)?;
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert_eq!(lines(&stdout(&out)), recorded_titles()?);
    assert_eq!(
        stderr(&out),
        "papertui: warning: offline · Daily Papers · Fri 12 Jun 2026, fetched 25 h ago\n"
    );
    // --refresh asks too, and falls back the same way: the copy is still 25 h old.
    let out = setup.run(&["--refresh", "list", "hf:2026-06-12"])?;
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 30);
    assert_eq!(
        stderr(&out),
        "papertui: warning: offline · Daily Papers · Fri 12 Jun 2026, fetched 25 h ago\n"
    );
    Ok(())
}

#[test]
fn offline_without_a_copy_exits_2_and_says_to_fetch_it_once_online() -> Result {
    let server = recorded();
    let setup = Setup::new(&server.base())?;
    let out = setup.run(&["list", "hf:2026-06-12", "--offline"])?;
    assert_eq!(code(&out), Some(2));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "papertui: error: hf:2026-06-12: not in the cache, and --offline keeps papertui off the \
         network; fetch it once online\n"
    );
    assert_eq!(server.count(), 0);
    // Once fetched, --offline reads the copy and says where it came from.
    setup.run(&LIST_DAY)?;
    let out = setup.run(&["--offline", "list", "hf:2026-06-12"])?;
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 30);
    assert!(
        stderr(&out).starts_with("papertui: warning: offline · Daily Papers · Fri 12 Jun 2026"),
        "{}",
        stderr(&out)
    );
    assert_eq!(server.count(), 1);
    Ok(())
}

/// What `list hf:2026-06-12` says against a server that answers every request with `status`,
/// `headers` and `body`, with the server's address written BASE; checks it exits 2, prints
/// nothing and keeps nothing.
fn failure_of(
    status: u16,
    headers: &'static [(&'static str, &'static str)],
    body: &'static [u8],
) -> Result<String> {
    let server = Server::start(move |x| respond(x.stream, status, headers, body));
    let setup = Setup::new(&server.base())?;
    let out = setup.run(&LIST_DAY)?;
    assert_eq!(code(&out), Some(2), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    // Nothing was cached: the next run asks again.
    setup.run(&LIST_DAY)?;
    assert_eq!(server.count(), 2);
    Ok(stderr(&out).replace(&server.base(), "BASE"))
}

#[test]
fn a_500_exits_2_naming_the_list_the_status_and_what_to_do() -> Result {
    let said = failure_of(500, &[], b"Internal Error\n")?;
    assert_eq!(
        said,
        "papertui: error: hf:2026-06-12: HTTP 500 Internal Server Error from \
         BASE/api/daily_papers?date=2026-06-12&p=0&limit=100: \"Internal Error\"; the service \
         has a problem, try again later\n"
    );
    Ok(())
}

#[test]
fn a_429_asking_a_long_wait_exits_2_with_the_wait_and_when_to_try_again() -> Result {
    let said = failure_of(429, &[("RateLimit", "\"api\";r=0;t=600")], b"")?;
    assert_eq!(
        said,
        "papertui: error: hf:2026-06-12: the service is rate limiting papertui (HTTP 429) and \
         asks to wait 10 min, longer than papertui waits (20 s); try again later\n"
    );
    Ok(())
}

#[test]
fn a_web_page_instead_of_a_list_exits_2_suggesting_a_captive_portal() -> Result {
    let said = failure_of(
        200,
        &[("Content-Type", "text/html")],
        b"<!DOCTYPE html><html><head><title>Sign in to Hotel WiFi</title></head></html>",
    )?;
    assert!(
        said.starts_with("papertui: error: hf:2026-06-12: "),
        "{said}"
    );
    assert!(said.contains("a captive portal or a proxy page?"), "{said}");
    assert_eq!(said.lines().count(), 1, "{said}");
    Ok(())
}

#[test]
fn an_empty_day_prints_nothing_says_why_and_exits_0() -> Result {
    let server = recorded();
    let setup = Setup::new(&server.base())?;
    let out = setup.run(&["list", "hf:2026-06-13"])?;
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "papertui: hf:2026-06-13: No Daily Papers on Saturday 2026-06-13\n"
    );
    assert_eq!(server.requests()[0].target, day_target("2026-06-13", 0));
    Ok(())
}

#[test]
fn an_arxiv_announcement_prints_its_items() -> Result {
    let server = recorded();
    let setup = Setup::new(&server.base())?;
    let out = setup.run(&["list", "arxiv:cs.CL"])?;
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert_eq!(
        lines(&stdout(&out)),
        [
            "When Cow Urine Cures Constipation on YouTube: Limits of LLMs in Detecting \
             Culture-specific Health Misinformation",
            "Shared Lexical Task Representations Explain Behavioral Variability In LLMs",
            "Source-Modality Monitoring in Vision-Language Models",
        ]
    );
    let asked = server.requests();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].target, "/rss/cs.CL");
    Ok(())
}

#[test]
fn a_date_that_is_not_a_date_is_refused_before_any_request() -> Result {
    let server = recorded();
    let setup = Setup::new(&server.base())?;
    let out = setup.run(&["list", "hf:2026-13-01"])?;
    assert_eq!(code(&out), Some(2));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "papertui: error: hf:2026-13-01: not a date: there is no month 13 (months are 01 to 12)\n"
    );
    assert_eq!(server.count(), 0);
    Ok(())
}

#[test]
fn the_configs_lists_are_fetched_when_no_list_is_named() -> Result {
    let server = recorded();
    let setup = Setup::with_config(&server.base(), "lists = [\"hf:2026-06-12\"]")?;
    let out = setup.run(&["list"])?;
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert_eq!(lines(&stdout(&out)), recorded_titles()?);
    assert_eq!(server.requests()[0].target, day_target(DAY, 0));
    // A list named on the command line replaces them.
    let out = setup.run(&["list", "arxiv:cs.CL"])?;
    assert_eq!(stdout(&out).lines().count(), 3);
    Ok(())
}

#[test]
fn search_ranks_the_papers_of_a_fetched_list() -> Result {
    let server = recorded();
    let setup = Setup::new(&server.base())?;
    let out = setup.run(&["search", "Psychometric", "hf:2026-06-12"])?;
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().next(),
        Some(
            "Rethinking Psychometric Evaluation of LLMs: When and Why Self-Reports Predict \
             Behavior"
        )
    );
    Ok(())
}

#[test]
fn cache_says_where_and_how_much_and_clear_empties_it() -> Result {
    let server = recorded();
    let setup = Setup::new(&server.base())?;
    let dir = setup.cache.path().display().to_string();
    let out = setup.run(&["cache", "--path"])?;
    assert_eq!((code(&out), stdout(&out)), (Some(0), format!("{dir}\n")));

    setup.run(&LIST_DAY)?;
    setup.run(&["list", "arxiv:cs.CL"])?;
    let out = setup.run(&["cache"])?;
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with(&format!("{dir}: 2 cached responses, ")),
        "{}",
        stdout(&out)
    );

    let out = setup.run(&["cache", "--clear"])?;
    assert_eq!(
        (code(&out), stdout(&out)),
        (Some(0), format!("Cleared 2 cached responses from {dir}\n"))
    );
    let out = setup.run(&["cache"])?;
    assert!(
        stdout(&out).starts_with(&format!("{dir}: 0 cached responses, ")),
        "{}",
        stdout(&out)
    );
    // Cleared, the list is asked for again.
    setup.run(&LIST_DAY)?;
    assert_eq!(server.count(), 3);
    Ok(())
}

#[test]
fn the_cache_directory_can_come_from_the_environment() -> Result {
    let dir = tempfile::tempdir()?;
    let out = std::process::Command::new(crate::support::run::BIN)
        .args(["cache", "--path"])
        .env("PAPERTUI_CACHE_DIR", dir.path())
        .output()?;
    assert_eq!(stdout(&out), format!("{}\n", dir.path().display()));
    Ok(())
}

#[test]
fn a_file_is_printed_even_when_a_list_beside_it_cannot_be_fetched() -> Result {
    let server = Server::start(|x| respond(x.stream, 500, &[], b"Internal Error\n"));
    let setup = Setup::new(&server.base())?;
    let file = data("hf_daily_papers.sample.json");
    let out = setup.run(&["list", "hf:2026-06-12", &file])?;
    assert_eq!(code(&out), Some(2));
    let alone = setup.run(&["list", &file])?;
    assert_eq!(code(&alone), Some(0), "{}", stderr(&alone));
    assert_eq!(stdout(&out), stdout(&alone));
    assert_eq!(stdout(&out).lines().count(), 4);
    let said = stderr(&out);
    assert!(
        said.starts_with("papertui: error: hf:2026-06-12: HTTP 500 Internal Server Error"),
        "{said}"
    );
    assert_eq!(said.lines().count(), 1, "{said}");
    Ok(())
}

#[test]
fn every_page_of_a_long_day_is_fetched_and_printed() -> Result {
    let server = Server::start(|x| {
        let p: usize = x
            .request
            .query("p")
            .and_then(|p| p.parse().ok())
            .unwrap_or(9);
        let body = match p {
            0 | 1 => made_up_day(&format!("page{p}"), p * 100, 100),
            2 => made_up_day("page2", 200, 7),
            _ => b"[]".to_vec(),
        };
        respond(x.stream, 200, &[], &body)
    });
    let setup = Setup::new(&server.base())?;
    let out = setup.run(&LIST_DAY)?;
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    let printed = lines(&stdout(&out));
    assert_eq!(printed.len(), 207);
    assert_eq!(printed[0], "page0 paper 1");
    assert_eq!(printed[206], "page2 paper 7");
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        [day_target(DAY, 0), day_target(DAY, 1), day_target(DAY, 2)]
    );
    Ok(())
}
