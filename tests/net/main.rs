//! Fetching against a local HTTP server: the recorded responses of Hugging Face and arXiv,
//! and every fault the issue names, with the words of each error and the cache's behaviour.
//! No test leaves 127.0.0.1.

// Test code: a helper that unwraps says "this cannot fail here", and helpers are shared
// by several binaries, each using some.
#![allow(clippy::unwrap_used, unreachable_pub)]

#[path = "../support/mod.rs"]
mod support;

mod binary;
mod cli;
mod reader;
mod server;

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use papertui::load;
use papertui::net::{ClientSettings, ProxyChoice, Roots};
use papertui::sources::{
    FetchOptions, FetchProgress, Fetched, Fetcher, Offline, Origin, Settings, Source, fetch,
};
use server::{Exchange, Server, TlsServer, respond, stall, trickle};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

const HF_DAY: &[u8] = include_bytes!("../data/recorded/hf-daily-papers-2026-06-12.json");
const RSS: &[u8] = include_bytes!("../data/recorded/arxiv-rss-cs.CL-2026-04-27-3items.xml");
const RSS_EMPTY: &[u8] =
    include_bytes!("../data/recorded/arxiv-rss-cs.CL-2026-08-01-saturday-empty.xml");
const API: &[u8] = include_bytes!("../data/recorded/arxiv-api-cs.LG-cs.AI-2026-04-30.xml");

fn at(s: &str) -> Timestamp {
    s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Noon UTC on the day of the recorded Daily Papers.
fn noon() -> Timestamp {
    at("2026-06-12T12:00:00Z")
}

fn options(now: Timestamp) -> FetchOptions {
    FetchOptions {
        offline: false,
        refresh: false,
        now,
    }
}

fn client() -> ClientSettings {
    ClientSettings {
        connect_timeout: Duration::from_millis(500),
        request_deadline: Duration::from_millis(800),
        body_max: 2 << 20,
        decoded_max: 4 << 20,
        max_redirects: 5,
        proxy: ProxyChoice::Direct,
        roots: Roots::Mozilla,
    }
}

fn settings(base: &str) -> Settings {
    Settings {
        huggingface: base.into(),
        arxiv_rss: base.into(),
        arxiv_api: base.into(),
        arxiv_interval: Duration::from_millis(10),
        wait_cap: Duration::from_secs(2),
        default_wait: Duration::from_millis(50),
        budget: Duration::from_secs(5),
        ..Settings::default()
    }
}

fn fetcher(server: &Server, cache: &Path) -> Result<Fetcher> {
    let cache = papertui::net::Cache::new(cache);
    Ok(Fetcher::new(
        settings(&server.base()),
        client(),
        Some(cache),
    )?)
}

fn get(name: &str, f: &Fetcher, now: Timestamp) -> std::result::Result<Fetched, String> {
    let source = Source::parse(name).map_err(|e| e.to_string())?;
    fetch(&source, f, &options(now), &mut |_| {}).map_err(|e| e.to_string())
}

/// The papers the loaders read from a fetch.
fn papers(fetched: &Fetched) -> Result<usize> {
    let loaded = load::load_all(&fetched.load_sources()).map_err(|e| format!("{e:?}"))?;
    Ok(loaded.library.len())
}

/// Serves the recorded Daily Papers of 2026-06-12 with an ETag, answering 304 to it.
fn daily_papers() -> Server {
    Server::start(|x: Exchange<'_>| {
        if x.request.header("if-none-match") == Some("\"v1\"") {
            return respond(x.stream, 304, &[("ETag", "\"v1\"")], b"");
        }
        match x.request.query("date") {
            Some("2026-06-12") => respond(
                x.stream,
                200,
                &[("Content-Type", "application/json"), ("ETag", "\"v1\"")],
                HF_DAY,
            ),
            _ => respond(x.stream, 200, &[], b"[]"),
        }
    })
}

#[test]
fn a_day_of_daily_papers_is_fetched_and_loaded() -> Result {
    let server = daily_papers();
    let dir = tempfile::tempdir()?;
    let f = fetcher(&server, dir.path())?;
    let fetched = get("hf:today", &f, noon())?;
    assert_eq!(fetched.source.to_string(), "hf:2026-06-12");
    assert_eq!(fetched.pages.len(), 1);
    assert_eq!(fetched.pages[0].origin, Origin::Network);
    assert_eq!(papers(&fetched)?, 30);
    let asked = server.requests();
    assert_eq!(asked.len(), 1);
    assert_eq!(
        asked[0].target,
        "/api/daily_papers?date=2026-06-12&p=0&limit=100"
    );
    let agent = asked[0].header("user-agent").unwrap_or("");
    assert!(agent.starts_with("papertui/"), "{agent}");
    Ok(())
}

#[test]
fn full_pages_are_followed_until_a_short_one() -> Result {
    let server = Server::start(|x: Exchange<'_>| {
        let page: usize = x
            .request
            .query("p")
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        let n = if page < 4 { 100 } else { 7 };
        let items: Vec<String> = (0..n)
            .map(|i| {
                format!(r#"{{"paper":{{"id":"2606.{page}{i:04}","title":"Paper {page}-{i}"}}}}"#)
            })
            .collect();
        respond(
            x.stream,
            200,
            &[],
            format!("[{}]", items.join(",")).as_bytes(),
        )
    });
    let dir = tempfile::tempdir()?;
    let f = fetcher(&server, dir.path())?;
    let mut seen = Vec::new();
    let source = Source::parse("hf:2026-06-12")?;
    let fetched = fetch(&source, &f, &options(noon()), &mut |p| {
        if let FetchProgress::Page { page, .. } = p {
            seen.push(page);
        }
    })?;
    assert_eq!(seen, [1, 2, 3, 4, 5]);
    assert_eq!(server.count(), 5);
    assert_eq!(papers(&fetched)?, 407);
    Ok(())
}

#[test]
fn a_fresh_copy_is_used_without_a_request() -> Result {
    let server = daily_papers();
    let dir = tempfile::tempdir()?;
    let f = fetcher(&server, dir.path())?;
    get("hf:today", &f, noon())?;
    let again = get("hf:today", &f, noon() + SignedDuration::from_mins(59))?;
    assert_eq!(server.count(), 1);
    assert_eq!(again.pages[0].origin, Origin::Cache);
    assert!(again.from_cache() && again.offline.is_none());
    assert_eq!(papers(&again)?, 30);
    Ok(())
}

#[test]
fn a_stale_copy_is_revalidated_and_a_304_refreshes_it() -> Result {
    let server = daily_papers();
    let dir = tempfile::tempdir()?;
    let f = fetcher(&server, dir.path())?;
    get("hf:2026-06-12", &f, noon())?;
    let later = noon() + SignedDuration::from_hours(2);
    let revalidated = get("hf:2026-06-12", &f, later)?;
    let asked = server.requests();
    assert_eq!(asked.len(), 2);
    assert_eq!(asked[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(revalidated.pages[0].origin, Origin::Revalidated);
    assert_eq!(revalidated.fetched(), Some(later));
    assert_eq!(papers(&revalidated)?, 30);
    // The 304 restarted the copy's hour.
    let cached = get("hf:2026-06-12", &f, later + SignedDuration::from_mins(30))?;
    assert_eq!((server.count(), cached.pages[0].origin), (2, Origin::Cache));
    Ok(())
}

#[test]
fn refresh_asks_even_when_the_copy_is_fresh() -> Result {
    let server = daily_papers();
    let dir = tempfile::tempdir()?;
    let f = fetcher(&server, dir.path())?;
    get("hf:today", &f, noon())?;
    let source = Source::parse("hf:today")?;
    let refresh = FetchOptions {
        refresh: true,
        ..options(noon())
    };
    let again = fetch(&source, &f, &refresh, &mut |_| {})?;
    assert_eq!(server.count(), 2);
    assert_eq!(again.pages[0].origin, Origin::Revalidated);
    Ok(())
}

#[test]
fn when_the_network_fails_a_stale_copy_stands_in_and_says_so() -> Result {
    let dir = tempfile::tempdir()?;
    let base = {
        let server = daily_papers();
        get("hf:2026-06-12", &fetcher(&server, dir.path())?, noon())?;
        server.base()
    };
    // The server is gone: its port refuses.
    let f = Fetcher::new(
        settings(&base),
        client(),
        Some(papertui::net::Cache::new(dir.path())),
    )?;
    let later = noon() + SignedDuration::from_hours(3);
    let fetched = get("hf:2026-06-12", &f, later)?;
    assert_eq!(fetched.pages[0].origin, Origin::Stale);
    assert!(matches!(fetched.offline, Some(Offline::Failed(_))));
    assert_eq!(
        fetched.notice(later).as_deref(),
        Some("offline · Daily Papers · Fri 12 Jun 2026, fetched 3 h ago")
    );
    assert_eq!(papers(&fetched)?, 30);
    Ok(())
}

#[test]
fn offline_reads_the_cache_only() -> Result {
    let server = daily_papers();
    let dir = tempfile::tempdir()?;
    let f = fetcher(&server, dir.path())?;
    let offline = FetchOptions {
        offline: true,
        ..options(noon())
    };
    let err = fetch(&Source::parse("hf:today")?, &f, &offline, &mut |_| {}).unwrap_err();
    assert_eq!(
        err.to_string(),
        "hf:today: not in the cache, and --offline keeps papertui off the network; fetch it once online"
    );
    assert_eq!(server.count(), 0);
    get("hf:today", &f, noon())?;
    let later = FetchOptions {
        now: noon() + SignedDuration::from_hours(5),
        ..offline
    };
    let fetched = fetch(&Source::parse("hf:today")?, &f, &later, &mut |_| {})?;
    assert_eq!((server.count(), fetched.offline), (1, Some(Offline::Asked)));
    Ok(())
}

#[test]
fn a_damaged_cache_file_is_fetched_again() -> Result {
    let server = daily_papers();
    let dir = tempfile::tempdir()?;
    let f = fetcher(&server, dir.path())?;
    get("hf:today", &f, noon())?;
    for entry in std::fs::read_dir(dir.path())? {
        let path = entry?.path();
        let mut bytes = std::fs::read(&path)?;
        bytes.truncate(bytes.len() / 2);
        std::fs::write(&path, bytes)?;
    }
    let again = get("hf:today", &f, noon())?;
    assert_eq!(
        (server.count(), again.pages[0].origin),
        (2, Origin::Network)
    );
    assert_eq!(papers(&again)?, 30);
    Ok(())
}

#[test]
fn an_empty_day_is_zero_papers_and_says_why() -> Result {
    let server = daily_papers();
    let dir = tempfile::tempdir()?;
    let f = fetcher(&server, dir.path())?;
    let now = at("2026-11-30T12:00:00Z");
    let fetched = get("hf:2026-11-28", &f, now)?;
    assert_eq!(papers(&fetched)?, 0);
    assert_eq!(
        fetched.source.empty_message(now),
        "No Daily Papers on Saturday 2026-11-28"
    );
    Ok(())
}

fn fault(
    handler: impl Fn(Exchange<'_>) -> std::io::Result<()> + Send + Sync + 'static,
) -> Result<(Server, tempfile::TempDir, Fetcher)> {
    let server = Server::start(handler);
    let dir = tempfile::tempdir()?;
    let f = fetcher(&server, dir.path())?;
    Ok((server, dir, f))
}

/// The error words for `name` fetched from a server answering with `handler`.
fn error_of(
    name: &str,
    handler: impl Fn(Exchange<'_>) -> std::io::Result<()> + Send + Sync + 'static,
) -> Result<String> {
    let (server, _dir, f) = fault(handler)?;
    let name = name.replace("BASE", &server.base());
    match get(&name, &f, noon()) {
        Ok(_) => Err(format!("{name}: fetched, but should have failed").into()),
        Err(e) => Ok(e.replace(&server.base(), "BASE")),
    }
}

#[test]
fn a_404_says_the_status_and_the_services_words() -> Result {
    let e = error_of("hf:today", |x| {
        respond(x.stream, 404, &[], br#"{"error":"Not found"}"#)
    })?;
    assert_eq!(
        e,
        "hf:today: HTTP 404 Not Found from BASE/api/daily_papers?date=2026-06-12&p=0&limit=100: \"Not found\"; check the name or URL"
    );
    Ok(())
}

#[test]
fn a_500_says_the_service_has_a_problem() -> Result {
    let e = error_of("hf:today", |x| {
        respond(x.stream, 500, &[], b"Internal Error\n")
    })?;
    assert!(
        e.contains("HTTP 500 Internal Server Error from BASE/api/daily_papers"),
        "{e}"
    );
    assert!(
        e.ends_with(": \"Internal Error\"; the service has a problem, try again later"),
        "{e}"
    );
    Ok(())
}

#[test]
fn a_web_page_where_a_list_was_expected_suggests_a_captive_portal() -> Result {
    let e = error_of("hf:today", |x| {
        respond(
            x.stream,
            200,
            &[("Content-Type", "text/html")],
            b"<!DOCTYPE html><html><title>Sign in to Hotel WiFi</title></html>",
        )
    })?;
    assert!(
        e.contains(
            "answered with a web page where a list was expected: a captive portal or a proxy page?"
        ),
        "{e}"
    );
    Ok(())
}

#[test]
fn a_refused_connection_says_so() -> Result {
    let base = Server::start(|_| Ok(())).base();
    let dir = tempfile::tempdir()?;
    let f = Fetcher::new(
        settings(&base),
        client(),
        Some(papertui::net::Cache::new(dir.path())),
    )?;
    let e = get("hf:today", &f, noon()).unwrap_err();
    assert!(
        e.contains("refused the connection: is the service (or your mirror or proxy) running?"),
        "{e}"
    );
    Ok(())
}

#[test]
fn a_server_that_never_answers_times_out_at_the_request_deadline() -> Result {
    let start = Instant::now();
    let e = error_of("hf:today", |x| {
        stall(x.stop);
        Ok(())
    })?;
    assert!(e.contains("timed out: 127.0.0.1 did not answer in full within 800 ms (the deadline of one request)"), "{e}");
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    Ok(())
}

#[test]
fn a_server_that_trickles_is_cut_off() -> Result {
    let start = Instant::now();
    let e = error_of("hf:today", |x| {
        trickle(x, 10_000, Duration::from_millis(20))
    })?;
    assert!(
        e.contains("timed out: 127.0.0.1 did not answer in full within 800 ms"),
        "{e}"
    );
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    Ok(())
}

#[test]
fn a_body_cut_half_way_is_truncated() -> Result {
    let e = error_of("hf:today", |x| {
        x.stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n")?;
        x.stream.write_all(&HF_DAY[..500])
    })?;
    assert!(
        e.contains("was cut off after 500 bytes: the connection dropped, try again"),
        "{e}"
    );
    Ok(())
}

#[test]
fn a_gzip_bomb_stops_at_the_decompressed_cap() -> Result {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&vec![b' '; 16 << 20])?;
    let bomb = Arc::new(gz.finish()?);
    assert!(bomb.len() < 100 << 10);
    let start = Instant::now();
    let e = error_of("hf:today", move |x| {
        respond(x.stream, 200, &[("Content-Encoding", "gzip")], &bomb)
    })?;
    assert!(
        e.contains("is larger than 4 MiB once decompressed, the most papertui reads"),
        "{e}"
    );
    assert!(start.elapsed() < Duration::from_secs(3));
    Ok(())
}

#[test]
fn a_declared_oversized_body_is_refused_before_it_is_read() -> Result {
    let e = error_of("hf:today", |x| {
        x.stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\nConnection: close\r\n\r\n[",
        )
    })?;
    assert!(
        e.contains("is larger than 2 MiB, the most papertui reads"),
        "{e}"
    );
    Ok(())
}

#[test]
fn a_redirect_loop_stops_after_five() -> Result {
    let (server, _dir, f) = fault(|x| respond(x.stream, 302, &[("Location", "/loop")], b""))?;
    let e = get("hf:today", &f, noon()).unwrap_err();
    assert!(
        e.contains("redirected more than 5 times (a redirect loop?)"),
        "{e}"
    );
    assert_eq!(server.count(), 6);
    Ok(())
}

#[test]
fn a_redirect_to_plain_http_elsewhere_is_not_followed() -> Result {
    let e = error_of("hf:today", |x| {
        respond(
            x.stream,
            301,
            &[("Location", "http://example.org/papers")],
            b"",
        )
    })?;
    assert!(e.contains("cannot fetch http://example.org/papers: plain http is only used for loopback addresses; use https://"), "{e}");
    Ok(())
}

#[test]
fn a_redirect_within_the_server_is_followed() -> Result {
    let (server, _dir, f) = fault(|x| match x.request.path() {
        "/api/daily_papers" => respond(x.stream, 302, &[("Location", "/moved.json")], b""),
        _ => respond(x.stream, 200, &[], HF_DAY),
    })?;
    let fetched = get("hf:today", &f, noon())?;
    assert_eq!((server.count(), papers(&fetched)?), (2, 30));
    Ok(())
}

#[test]
fn a_429_waits_the_rate_limit_header_then_succeeds() -> Result {
    let tries = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = tries.clone();
    let (server, _dir, f) = fault(move |x| {
        if seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            respond(
                x.stream,
                429,
                &[
                    ("RateLimit", "\"api\";r=0;t=1"),
                    ("RateLimit-Policy", "\"fixed window\";q=500;w=300"),
                ],
                b"",
            )
        } else {
            respond(x.stream, 200, &[], HF_DAY)
        }
    })?;
    let mut waits = Vec::new();
    let start = Instant::now();
    let fetched = fetch(
        &Source::parse("hf:today")?,
        &f,
        &options(noon()),
        &mut |p| {
            if let FetchProgress::Waiting { wait, why } = p {
                waits.push((wait, why));
            }
        },
    )?;
    assert!(start.elapsed() >= Duration::from_secs(1));
    assert_eq!(waits.len(), 1);
    assert_eq!(waits[0].0, Duration::from_secs(1));
    assert!(waits[0].1.contains("HTTP 429"), "{}", waits[0].1);
    assert_eq!((server.count(), papers(&fetched)?), (2, 30));
    Ok(())
}

#[test]
fn a_429_asking_too_long_a_wait_gives_up_at_once_and_says_so() -> Result {
    let start = Instant::now();
    let e = error_of("hf:today", |x| {
        respond(x.stream, 429, &[("RateLimit", "\"api\";r=0;t=100")], b"")
    })?;
    assert_eq!(
        e,
        "hf:today: the service is rate limiting papertui (HTTP 429) and asks to wait 100 s, longer than papertui waits (2 s); try again later"
    );
    assert!(start.elapsed() < Duration::from_secs(2));
    Ok(())
}

#[test]
fn arxiv_503_is_retried_after_its_retry_after_and_requests_are_spaced() -> Result {
    let tries = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = tries.clone();
    let server = Server::start(move |x| {
        if seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            respond(x.stream, 503, &[("Retry-After", "0")], b"busy")
        } else {
            respond(x.stream, 200, &[], RSS)
        }
    });
    let dir = tempfile::tempdir()?;
    let s = Settings {
        arxiv_interval: Duration::from_millis(300),
        ..settings(&server.base())
    };
    let f = Fetcher::new(s, client(), Some(papertui::net::Cache::new(dir.path())))?;
    let start = Instant::now();
    let fetched = get("arxiv:cs.CL", &f, noon())?;
    assert!(
        start.elapsed() >= Duration::from_millis(300),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(server.requests()[1].target, "/rss/cs.CL");
    assert_eq!(papers(&fetched)?, 3);
    Ok(())
}

#[test]
fn an_arxiv_announcement_loads_and_an_empty_one_is_not_an_error() -> Result {
    let server = Server::start(|x| match x.request.path() {
        "/rss/cs.CL" => respond(x.stream, 200, &[], RSS),
        _ => respond(x.stream, 200, &[], RSS_EMPTY),
    });
    let dir = tempfile::tempdir()?;
    let f = fetcher(&server, dir.path())?;
    let fetched = get("arxiv:cs.CL", &f, noon())?;
    assert_eq!(papers(&fetched)?, 3);
    let saturday = at("2026-08-01T15:00:00Z");
    let empty = get("arxiv:cs.CL+cs.LG", &f, saturday)?;
    assert_eq!(papers(&empty)?, 0);
    assert!(
        empty
            .source
            .empty_message(saturday)
            .starts_with("No arXiv announcement of cs.CL+cs.LG on Saturday 2026-08-01")
    );
    // Fresh until the next announcement: Sunday 20:00 US Eastern.
    let sunday_evening = at("2026-08-02T23:59:00Z");
    get("arxiv:cs.CL+cs.LG", &f, sunday_evening)?;
    assert_eq!(server.count(), 2);
    get(
        "arxiv:cs.CL+cs.LG",
        &f,
        sunday_evening + SignedDuration::from_mins(2),
    )?;
    assert_eq!(server.count(), 3);
    Ok(())
}

#[test]
fn an_arxiv_search_is_paged_and_its_error_entry_is_shown() -> Result {
    let server = Server::start(|x| {
        match x.request.query("search_query") {
        Some("bad") => respond(x.stream, 200, &[], br#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#bad</id><title>Error</title><summary>malformed query: bad</summary></entry></feed>"#),
        _ => respond(x.stream, 200, &[], API),
    }
    });
    let dir = tempfile::tempdir()?;
    let s = Settings {
        arxiv_page_size: 20,
        arxiv_max_results: 50,
        ..settings(&server.base())
    };
    let f = Fetcher::new(s, client(), Some(papertui::net::Cache::new(dir.path())))?;
    let fetched = get("arxiv-search:cat:cs.LG OR cat:cs.AI", &f, noon())?;
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets.len(), 3);
    assert!(targets[0].starts_with("/api/query?search_query=cat:cs.LG%20OR%20cat:cs.AI&start=0&max_results=20&sortBy=submittedDate&sortOrder=descending"), "{targets:?}");
    assert!(
        targets[2].contains("&start=40&max_results=10&"),
        "{targets:?}"
    );
    assert_eq!(fetched.pages.len(), 3);
    assert_eq!(papers(&fetched)?, 20);
    let e = get("arxiv-search:bad", &f, noon()).unwrap_err();
    assert_eq!(
        e,
        "arxiv-search:bad: arXiv refused the query: malformed query: bad"
    );
    Ok(())
}

#[test]
fn a_feed_url_reads_as_a_feed() -> Result {
    let (server, _dir, f) = fault(|x| {
        respond(
            x.stream,
            200,
            &[("Content-Type", "application/atom+xml")],
            API,
        )
    })?;
    let fetched = get(&server.url("/feeds/latest.atom"), &f, noon())?;
    assert_eq!(papers(&fetched)?, 20);
    Ok(())
}

#[test]
fn requests_go_through_the_proxy_when_one_is_set() -> Result {
    let server = daily_papers();
    let proxy = server::proxy();
    let dir = tempfile::tempdir()?;
    let via = ClientSettings {
        proxy: ProxyChoice::Url(proxy.base()),
        ..client()
    };
    let f = Fetcher::new(
        settings(&server.base()),
        via,
        Some(papertui::net::Cache::new(dir.path())),
    )?;
    let fetched = get("hf:today", &f, noon())?;
    assert_eq!(papers(&fetched)?, 30);
    let tunnels = proxy.requests();
    assert_eq!(tunnels.len(), 1);
    assert_eq!(tunnels[0].method, "CONNECT");
    assert_eq!(server.count(), 1);
    Ok(())
}

#[test]
fn a_gzip_answer_is_decompressed() -> Result {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(HF_DAY)?;
    let body = Arc::new(gz.finish()?);
    let (server, _dir, f) =
        fault(move |x| respond(x.stream, 200, &[("Content-Encoding", "gzip")], &body))?;
    let fetched = get("hf:today", &f, noon())?;
    assert_eq!(papers(&fetched)?, 30);
    assert_eq!(server.requests()[0].header("accept-encoding"), Some("gzip"));
    Ok(())
}

#[test]
fn a_source_gives_up_when_its_time_is_spent() -> Result {
    let server = Server::start(|x| {
        stall(x.stop);
        Ok(())
    });
    let dir = tempfile::tempdir()?;
    let s = Settings {
        budget: Duration::from_millis(300),
        ..settings(&server.base())
    };
    let f = Fetcher::new(s, client(), Some(papertui::net::Cache::new(dir.path())))?;
    let start = Instant::now();
    let e = get("hf:today", &f, noon()).unwrap_err();
    assert!(
        e.starts_with("hf:today: gave up after 300 ms (the time one source may take): timed out"),
        "{e}"
    );
    assert!(start.elapsed() < Duration::from_secs(2));
    Ok(())
}

/// The figures of the issue, measured against the local server (run with `--ignored
/// --nocapture`): fetch and load `hf:today` from a fresh cache, after one 304, and 5 pages.
#[test]
#[ignore = "figures, run by hand with --nocapture"]
fn figures() -> Result {
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let server = daily_papers();
    let dir = tempfile::tempdir()?;
    let f = fetcher(&server, dir.path())?;
    get("hf:today", &f, noon())?;
    let (mut fresh, mut revalidated) = (Vec::new(), Vec::new());
    for _ in 0..21 {
        let start = Instant::now();
        let fetched = get("hf:today", &f, noon())?;
        assert_eq!(papers(&fetched)?, 30);
        fresh.push(start.elapsed());
        let refresh = FetchOptions {
            refresh: true,
            ..options(noon())
        };
        let start = Instant::now();
        let fetched = fetch(&Source::parse("hf:today")?, &f, &refresh, &mut |_| {})?;
        assert_eq!(fetched.pages[0].origin, Origin::Revalidated);
        assert_eq!(papers(&fetched)?, 30);
        revalidated.push(start.elapsed());
    }
    let pages = Server::start(|x: Exchange<'_>| {
        let page: usize = x
            .request
            .query("p")
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        let n = if page < 4 { 100 } else { 7 };
        let items: Vec<String> = (0..n)
            .map(|i| format!(r#"{{"paper":{{"id":"2606.{page}{i:04}","title":"Paper {page}-{i}","summary":"{}"}}}}"#, "An abstract of some length. ".repeat(40)))
            .collect();
        respond(
            x.stream,
            200,
            &[],
            format!("[{}]", items.join(",")).as_bytes(),
        )
    });
    let (mut network, mut loading) = (Vec::new(), Vec::new());
    for _ in 0..11 {
        let dir = tempfile::tempdir()?;
        let f = fetcher(&pages, dir.path())?;
        let start = Instant::now();
        let fetched = get("hf:2026-06-12", &f, noon())?;
        network.push(start.elapsed());
        let start = Instant::now();
        assert_eq!(papers(&fetched)?, 407);
        loading.push(start.elapsed());
    }
    eprintln!(
        "hf:today fresh cache: {:?}; revalidated (one 304): {:?}; 5 pages: fetch {:?} + load {:?}",
        median(fresh),
        median(revalidated),
        median(network),
        median(loading)
    );
    Ok(())
}

#[test]
fn a_cache_that_cannot_be_written_is_a_warning_not_a_failure() -> Result {
    let server = daily_papers();
    let dir = tempfile::tempdir()?;
    let not_a_dir = dir.path().join("file");
    std::fs::write(&not_a_dir, "x")?;
    let f = Fetcher::new(
        settings(&server.base()),
        client(),
        Some(papertui::net::Cache::new(&not_a_dir)),
    )?;
    let fetched = get("hf:today", &f, noon())?;
    assert_eq!(papers(&fetched)?, 30);
    assert_eq!(fetched.warnings.len(), 1);
    assert!(
        fetched.warnings[0].starts_with("could not keep a copy in the cache"),
        "{:?}",
        fetched.warnings
    );
    Ok(())
}

fn tls_client(roots: Roots) -> ClientSettings {
    ClientSettings { roots, ..client() }
}

#[test]
fn https_with_a_trusted_certificate_is_fetched() -> Result {
    let server = TlsServer::start(|_, out| respond(out, 200, &[], HF_DAY));
    let dir = tempfile::tempdir()?;
    let roots = Roots::Pem(server::TEST_CERT.into());
    let f = Fetcher::new(
        settings(&server.base()),
        tls_client(roots),
        Some(papertui::net::Cache::new(dir.path())),
    )?;
    let fetched = get("hf:today", &f, noon())?;
    assert_eq!(papers(&fetched)?, 30);
    Ok(())
}

#[test]
fn an_untrusted_certificate_is_a_tls_failure() -> Result {
    let server = TlsServer::start(|_, out| respond(out, 200, &[], HF_DAY));
    for roots in [Roots::Platform, Roots::Mozilla] {
        let dir = tempfile::tempdir()?;
        let f = Fetcher::new(
            settings(&server.base()),
            tls_client(roots),
            Some(papertui::net::Cache::new(dir.path())),
        )?;
        let e = get("hf:today", &f, noon()).unwrap_err();
        assert!(
            e.starts_with("hf:today: TLS failure with 127.0.0.1: "),
            "{e}"
        );
        let advice =
            "behind a proxy that inspects TLS, install its certificate in the system's store";
        assert!(e.ends_with(advice), "{e}");
    }
    Ok(())
}

#[test]
fn a_redirect_from_https_to_http_is_not_followed() -> Result {
    let plain = daily_papers();
    let to = plain.url("/api/daily_papers?date=2026-06-12");
    let server = TlsServer::start(move |_, out| respond(out, 302, &[("Location", &to)], b""));
    let dir = tempfile::tempdir()?;
    let f = Fetcher::new(
        settings(&server.base()),
        tls_client(Roots::Pem(server::TEST_CERT.into())),
        Some(papertui::net::Cache::new(dir.path())),
    )?;
    let e = get("hf:today", &f, noon()).unwrap_err();
    assert!(
        e.contains("from https to plain http; papertui does not follow that"),
        "{e}"
    );
    assert_eq!(plain.count(), 0);
    Ok(())
}
