//! Why a source gave nothing: its name, the network, the service's own refusal, or the cache
//! when offline; always with the source's name and what to do.

use std::fmt;
use std::time::Duration;

use crate::net::{NetError, duration_words};

/// A source that could not be fetched, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    /// The source's name as given (`hf:today`).
    pub source: String,
    pub failure: Failure,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The name means nothing (`hf:2026-13-01`).
    Name(String),
    Net(NetError),
    /// `--offline`, and no copy in the cache.
    NotCached,
    /// arXiv answered 200 with an `Error` entry: its text.
    Arxiv(String),
    /// The service asked to wait longer than papertui waits, or kept refusing.
    RateLimited {
        status: u16,
        asked: Option<Duration>,
        cap: Duration,
    },
    /// The source's time ran out (waits and retries included).
    OutOfTime {
        budget: Duration,
        last: NetError,
    },
}

impl FetchError {
    pub fn new(source: &str, failure: Failure) -> FetchError {
        FetchError {
            source: crate::net::shown(source),
            failure,
        }
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.source)?;
        match &self.failure {
            Failure::Name(why) => f.write_str(why),
            Failure::Net(e) => e.fmt(f),
            Failure::NotCached => f.write_str(
                "not in the cache, and --offline keeps papertui off the network; fetch it once online",
            ),
            Failure::Arxiv(message) => write!(f, "arXiv refused the query: {message}"),
            Failure::RateLimited { status, asked, cap } => match asked {
                Some(w) if w > cap => write!(
                    f,
                    "the service is rate limiting papertui (HTTP {status}) and asks to wait {}, longer than papertui waits ({}); try again later",
                    duration_words(*w),
                    duration_words(*cap)
                ),
                _ => write!(
                    f,
                    "the service is rate limiting papertui (HTTP {status}) and still refused after waiting; try again in a few minutes"
                ),
            },
            Failure::OutOfTime { budget, last } => write!(
                f,
                "gave up after {} (the time one source may take): {last}",
                duration_words(*budget)
            ),
        }
    }
}

impl std::error::Error for FetchError {}
