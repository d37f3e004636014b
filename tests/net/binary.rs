//! The real binary pointed at a local server: a config directory whose `[sources]` name the
//! server, a cache directory of its own, and the recorded answers of both services.

use std::path::Path;
use std::process::{Command, Output};

use jiff::SignedDuration;
use papertui::net::Cache;
use tempfile::TempDir;

use super::server::{Exchange, Server, respond};
use super::{HF_DAY, RSS};
use crate::support::Result;
use crate::support::run::BIN;

/// The recorded day of Daily Papers.
pub const DAY: &str = "2026-06-12";

/// A config directory and a cache directory for runs of the binary against `base`.
pub struct Setup {
    pub config: TempDir,
    pub cache: TempDir,
    pub base: String,
}

impl Setup {
    /// Every service's base URL is `base`.
    pub fn new(base: &str) -> Result<Setup> {
        Setup::with_config(base, "")
    }

    /// As [`Setup::new`], with `top` (top-level settings such as `lists = [...]`) before the
    /// `[sources]` table.
    pub fn with_config(base: &str, top: &str) -> Result<Setup> {
        let config = tempfile::tempdir()?;
        std::fs::write(
            config.path().join("config.toml"),
            format!(
                "{top}\n[sources]\nhuggingface = \"{base}\"\narxiv-rss = \"{base}\"\narxiv-api = \"{base}\"\n"
            ),
        )?;
        Ok(Setup {
            config,
            cache: tempfile::tempdir()?,
            base: base.to_string(),
        })
    }

    /// `papertui --config-dir CONFIG --cache-dir CACHE ARGS...`, run to its end.
    pub fn run(&self, args: &[&str]) -> Result<Output> {
        Ok(self.command().args(args).output()?)
    }

    /// The binary with this setup's directories and no inherited papertui environment.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.arg("--config-dir")
            .arg(self.config.path())
            .arg("--cache-dir")
            .arg(self.cache.path())
            .env_remove("PAPERTUI_CONFIG_DIR")
            .env_remove("PAPERTUI_CACHE_DIR")
            .env_remove("NO_COLOR");
        cmd
    }

    /// The URL the binary asks for page `p` of the Daily Papers of `day`.
    pub fn day_url(&self, day: &str, p: usize) -> String {
        format!("{}{}", self.base, day_target(day, p))
    }

    /// Makes the cached copy of `url` look fetched `by` earlier than it was.
    pub fn age(&self, url: &str, by: SignedDuration) -> Result {
        age(self.cache.path(), url, by)
    }
}

/// Makes the cached copy of `url` in the cache at `dir` look fetched `by` earlier.
pub fn age(dir: &Path, url: &str, by: SignedDuration) -> Result {
    let cache = Cache::new(dir);
    let mut entry = cache
        .get(url)
        .ok_or_else(|| format!("{url} is not cached"))?;
    entry.fetched = entry.fetched.checked_sub(by)?;
    cache.put(&entry)?;
    Ok(())
}

/// The request target of page `p` of the Daily Papers of `day`.
pub fn day_target(day: &str, p: usize) -> String {
    format!("/api/daily_papers?date={day}&p={p}&limit=100")
}

/// The services as recorded: the Daily Papers of [`DAY`] (with an ETag, and a 304 to it),
/// an empty list on every other day, and the cs.CL announcement.
pub fn recorded() -> Server {
    Server::start(|x: Exchange<'_>| match x.request.path() {
        "/rss/cs.CL" => respond(
            x.stream,
            200,
            &[("Content-Type", "application/rss+xml")],
            RSS,
        ),
        "/api/daily_papers" if x.request.header("if-none-match") == Some("\"v1\"") => {
            respond(x.stream, 304, &[("ETag", "\"v1\"")], b"")
        }
        "/api/daily_papers" if x.request.query("date") == Some(DAY) => respond(
            x.stream,
            200,
            &[("Content-Type", "application/json"), ("ETag", "\"v1\"")],
            HF_DAY,
        ),
        "/api/daily_papers" => respond(x.stream, 200, &[], b"[]"),
        _ => respond(x.stream, 404, &[], b"{\"error\":\"no such path\"}"),
    })
}

/// The titles of the recorded Daily Papers, in order, read straight from the JSON.
pub fn recorded_titles() -> Result<Vec<String>> {
    let items: Vec<serde_json::Value> = serde_json::from_slice(HF_DAY)?;
    items
        .iter()
        .map(|item| {
            item["paper"]["title"]
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| "a recorded paper without a title".into())
        })
        .collect()
}

/// A Daily Papers answer of `n` made-up papers titled `"{label} paper {i}"`, their arXiv
/// ids numbered from `first` (papers with one id are one paper).
pub fn made_up_day(label: &str, first: usize, n: usize) -> Vec<u8> {
    let items: Vec<String> = (1..=n)
        .map(|i| {
            let id = first + i;
            format!(
                r#"{{"paper":{{"id":"2606.{id:05}","title":"{label} paper {i}","summary":"About {label} {i}.","publishedAt":"2026-06-10T00:00:00.000Z"}}}}"#
            )
        })
        .collect();
    format!("[{}]", items.join(",")).into_bytes()
}
