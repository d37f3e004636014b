//! The reader, the real binary in a pseudo-terminal, on lists served by the local server: the
//! papers and the list's title, `[` and `]` from day to day, papers arriving page by page,
//! a cached copy standing in (and saying `offline`) when the server is gone, and a failing
//! list beside a file.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use jiff::SignedDuration;

use super::HF_DAY;
use super::binary::{DAY, Setup, day_target, made_up_day, recorded_titles};
use super::server::{Exchange, Server, respond};
use crate::support::Result;
use crate::support::run::data;
use crate::support::term::Term;

const F5: &str = "\x1b[15~";
const CTRL_R: &str = "\x12";

/// The recorded Daily Papers on 2026-06-12, three made-up papers on Thursday 2026-06-11, and
/// nothing on any other day.
fn days() -> Server {
    Server::start(|x: Exchange<'_>| match x.request.query("date") {
        Some(DAY) => respond(
            x.stream,
            200,
            &[("Content-Type", "application/json")],
            HF_DAY,
        ),
        Some("2026-06-11") => respond(x.stream, 200, &[], &made_up_day("Thursday", 0, 3)),
        _ => respond(x.stream, 200, &[], b"[]"),
    })
}

/// The reader at 120x36 on `lists`, with the setup's config and cache.
fn reader(setup: &Setup, lists: &[&str]) -> Result<Term> {
    let cache = setup.cache.path().to_str().ok_or("a cache path in UTF-8")?;
    Term::launch(120, 36)
        .config(setup.config.path())
        .args(&["--cache-dir", cache])
        .args(lists)
        .start()
}

/// The first row of the screen: the header.
fn header(t: &Term) -> String {
    t.screen(|s| s.contents().lines().next().unwrap_or("").to_string())
}

/// The last row of the screen: the footer.
fn footer(t: &Term) -> String {
    t.screen(|s| s.contents().lines().last().unwrap_or("").to_string())
}

#[test]
fn the_reader_shows_a_fetched_day_under_its_title() -> Result {
    let server = days();
    let setup = Setup::new(&server.base())?;
    let mut t = reader(&setup, &["hf:2026-06-12"])?;
    t.wait_for("the day's papers under its title", |s| {
        let text = s.contents();
        text.lines().next().is_some_and(|h| {
            h.starts_with(" Daily Papers · Fri 12 Jun 2026") && h.contains("30 of 30 papers")
        })
    })?;
    let first = &recorded_titles()?[0];
    t.wait_for_text(&first[..30])?;
    assert_eq!(server.requests()[0].target, day_target(DAY, 0));
    t.quit()?;
    t.assert_restored();
    Ok(())
}

#[test]
fn brackets_go_to_the_day_before_and_after_and_the_header_names_it() -> Result {
    let server = days();
    let setup = Setup::new(&server.base())?;
    let mut t = reader(&setup, &["hf:2026-06-12"])?;
    t.wait_for_text("30 of 30 papers")?;

    t.send("[")?;
    t.wait_for("Thursday's papers", |s| {
        let text = s.contents();
        text.starts_with(" Daily Papers · Thu 11 Jun 2026")
            && text.contains("3 of 3 papers")
            && text.contains("Thursday paper 1")
    })?;
    assert!(
        !t.screen(vt100::Screen::contents)
            .contains(&recorded_titles()?[0][..30])
    );

    // Back to Friday: its copy is fresh, so nothing is asked.
    t.send("]")?;
    t.wait_for("Friday's papers again", |s| {
        let text = s.contents();
        text.starts_with(" Daily Papers · Fri 12 Jun 2026") && text.contains("30 of 30 papers")
    })?;
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, [day_target(DAY, 0), day_target("2026-06-11", 0)]);

    // Saturday is empty, and says so; `[` goes on back.
    t.send("]")?;
    t.wait_for_text("No Daily Papers on Saturday 2026-06-13")?;
    assert!(
        header(&t).starts_with(" Daily Papers · Sat 13 Jun 2026"),
        "{}",
        header(&t)
    );
    t.send("[")?;
    t.wait_for_text("30 of 30 papers")?;
    t.quit()?;
    Ok(())
}

#[test]
fn quitting_as_soon_as_the_papers_show_keeps_them_in_the_cache() -> Result {
    let server = days();
    let setup = Setup::new(&server.base())?;
    let mut t = reader(&setup, &["hf:2026-06-12"])?;
    t.wait_for_text("30 of 30 papers")?;
    // The pages are written to the cache after they are shown: quitting waits for them.
    t.quit()?;
    let cache = papertui::net::Cache::new(setup.cache.path());
    let entry = cache
        .get(&setup.day_url(DAY, 0))
        .ok_or("the day is not in the cache")?;
    assert_eq!(entry.body, HF_DAY);
    Ok(())
}

#[test]
fn a_refresh_with_the_server_gone_keeps_the_papers_and_says_offline() -> Result {
    let server = days();
    let setup = Setup::new(&server.base())?;
    let mut t = reader(&setup, &["hf:2026-06-12"])?;
    t.wait_for_text("30 of 30 papers")?;
    assert!(!header(&t).contains("offline"), "{}", header(&t));
    drop(server);

    t.send(F5)?;
    t.wait_for("the cached copy, offline", |s| {
        let text = s.contents();
        let header = text.lines().next().unwrap_or("");
        header.contains("offline · 30 of 30 papers")
            && text.contains("offline · Daily Papers · Fri 12 Jun 2026, fetched")
    })?;
    assert!(
        header(&t).starts_with(" Daily Papers · Fri 12 Jun 2026"),
        "{}",
        header(&t)
    );
    assert!(
        footer(&t).contains("offline · Daily Papers · Fri 12 Jun 2026, fetched"),
        "{}",
        footer(&t)
    );
    // Ctrl-r is the other refresh key, and says the same.
    t.send(CTRL_R)?;
    t.wait_for_text("offline · 30 of 30 papers")?;
    t.quit()?;
    t.assert_restored();
    Ok(())
}

#[test]
fn with_the_server_gone_the_reader_opens_the_stale_copy_and_says_offline() -> Result {
    let server = days();
    let setup = Setup::new(&server.base())?;
    let fetched = setup.run(&["list", "hf:2026-06-12"])?;
    assert!(fetched.status.success());
    setup.age(&setup.day_url(DAY, 0), SignedDuration::from_hours(30))?;
    drop(server);

    let mut t = reader(&setup, &["hf:2026-06-12"])?;
    t.wait_for("the stale copy, offline", |s| {
        let text = s.contents();
        text.starts_with(" Daily Papers · Fri 12 Jun 2026")
            && text.contains("offline · 30 of 30 papers")
            && text.contains("offline · Daily Papers · Fri 12 Jun 2026, fetched 30 h ago")
    })?;

    // A day never fetched cannot be had: the list names the failure, and the footer too.
    t.send("[")?;
    t.wait_for_text("Nothing to show: hf:2026-06-11: ")?;
    t.wait_for("the refusal in the footer", |s| {
        s.contents()
            .lines()
            .last()
            .is_some_and(|f| f.contains("refused the connection"))
    })?;
    // The day cached before opens again from its copy.
    t.send("]")?;
    t.wait_for_text("offline · 30 of 30 papers")?;
    t.quit()?;
    Ok(())
}

#[test]
fn a_failing_list_does_not_stop_a_file_opened_with_it() -> Result {
    let server = Server::start(|x| respond(x.stream, 500, &[], b"Internal Error\n"));
    let setup = Setup::new(&server.base())?;
    let file = data("hf_daily_papers.sample.json");
    let mut t = reader(&setup, &["hf:2026-06-12", &file])?;
    t.wait_for_text("4 of 4 papers")?;
    t.wait_for("the failure in the footer", |s| {
        s.contents()
            .lines()
            .last()
            .is_some_and(|f| f.contains("hf:2026-06-12: HTTP 500"))
    })?;
    t.quit()?;
    t.assert_restored();
    Ok(())
}

/// How long a held page waits for its release at most, so a failed test never hangs.
const HOLD: Duration = Duration::from_secs(30);

#[test]
fn papers_appear_page_by_page_and_the_header_says_which_page() -> Result {
    let release = Arc::new(AtomicBool::new(false));
    let released = release.clone();
    let server = Server::start(move |x| {
        if let Some("0") = x.request.query("p") {
            respond(x.stream, 200, &[], &made_up_day("first", 0, 100))
        } else {
            let start = Instant::now();
            while !released.load(Ordering::SeqCst)
                && !x.stop.load(Ordering::SeqCst)
                && start.elapsed() < HOLD
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            respond(x.stream, 200, &[], &made_up_day("second", 100, 20))
        }
    });
    let setup = Setup::new(&server.base())?;
    let mut t = reader(&setup, &["hf:2026-06-12"])?;
    t.wait_for("the first page, and the second on its way", |s| {
        s.contents().lines().next().is_some_and(|h| {
            h.contains("fetching hf:2026-06-12 · page 2 · ") && h.contains("100 of 100 papers")
        })
    })?;
    t.wait_for_text("first paper 1")?;
    release.store(true, Ordering::SeqCst);
    t.wait_for("both pages, fetched", |s| {
        s.contents()
            .lines()
            .next()
            .is_some_and(|h| h.contains("120 of 120 papers") && !h.contains("fetching"))
    })?;
    t.quit()?;
    Ok(())
}
