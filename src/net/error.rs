//! What went wrong with a request, in words that say what to do about it.

use std::fmt;
use std::io;
use std::time::Duration;

/// Which deadline ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// Finding the host's address.
    Resolve(Duration),
    /// Opening the connection.
    Connect(Duration),
    /// The whole answer, body included (so a server that trickles is cut off).
    Answer(Duration),
}

/// A request that failed. Every variant's text names the host or URL and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetError {
    BadUrl {
        url: String,
        why: String,
    },
    HostNotFound {
        host: String,
    },
    Refused {
        host: String,
    },
    ConnectFailed {
        host: String,
        why: String,
    },
    TimedOut {
        host: String,
        deadline: Deadline,
    },
    Tls {
        host: String,
        why: String,
    },
    Proxy {
        why: String,
    },
    /// An HTTP error status, with the service's own message when it gave one.
    Http {
        status: u16,
        url: String,
        message: Option<String>,
        /// How long the service asks to wait (`Retry-After`, or the `t=` of `RateLimit`).
        retry_after: Option<Duration>,
    },
    /// A web page where a list or a feed was expected.
    HtmlPage {
        url: String,
    },
    Truncated {
        url: String,
        received: u64,
    },
    TooLarge {
        url: String,
        limit: u64,
        decompressed: bool,
    },
    TooManyRedirects {
        url: String,
        max: u8,
    },
    InsecureRedirect {
        from: String,
        to: String,
    },
    /// The server's answer is not HTTP papertui can read.
    Protocol {
        host: String,
        why: String,
    },
}

impl NetError {
    /// The wait a 429 or 503 asked for.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            NetError::Http { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            NetError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Maps a ureq error met before the answer's body was read.
    pub(super) fn from_ureq(
        e: ureq::Error,
        host: &str,
        https: bool,
        limits: (Duration, Duration),
    ) -> Self {
        let host = host.to_string();
        let (connect, answer) = limits;
        match e {
            ureq::Error::HostNotFound => NetError::HostNotFound { host },
            ureq::Error::Timeout(t) => NetError::TimedOut {
                host,
                deadline: match t {
                    ureq::Timeout::Resolve => Deadline::Resolve(connect),
                    ureq::Timeout::Connect => Deadline::Connect(connect),
                    _ => Deadline::Answer(answer),
                },
            },
            ureq::Error::Io(io) => match io.kind() {
                io::ErrorKind::ConnectionRefused => NetError::Refused { host },
                // rustls reports a failed handshake (an unknown issuer, a wrong name) so.
                io::ErrorKind::InvalidData if https => NetError::Tls {
                    host,
                    why: io_words(&io),
                },
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => NetError::TimedOut {
                    host,
                    deadline: Deadline::Answer(answer),
                },
                _ => NetError::ConnectFailed {
                    host,
                    why: io_words(&io),
                },
            },
            ureq::Error::ConnectionFailed => NetError::ConnectFailed {
                host,
                why: "no address of it could be reached".into(),
            },
            ureq::Error::Tls(why) => NetError::Tls {
                host,
                why: why.into(),
            },
            ureq::Error::Rustls(e) => NetError::Tls {
                host,
                why: e.to_string(),
            },
            ureq::Error::Pem(e) => NetError::Tls {
                host,
                why: e.to_string(),
            },
            ureq::Error::TlsRequired => NetError::Tls {
                host,
                why: "TLS is required".into(),
            },
            ureq::Error::InvalidProxyUrl => NetError::Proxy {
                why: "the proxy URL (HTTPS_PROXY, ALL_PROXY or the setting) is not a URL".into(),
            },
            ureq::Error::ConnectProxyFailed(why) => NetError::Proxy { why },
            other => NetError::Protocol {
                host,
                why: other.to_string(),
            },
        }
    }
}

fn io_words(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// `d` as people say it: "300 ms", "5 s", "2 min".
pub fn duration_words(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms < 120_000 {
        format!("{} s", d.as_secs_f64().round() as u64)
    } else {
        format!("{} min", (d.as_secs_f64() / 60.0).round() as u64)
    }
}

/// `n` bytes as people say it: "1 MiB", "512 KiB".
pub fn size_words(n: u64) -> String {
    match n {
        n if n >= 1 << 20 => format!("{} MiB", n >> 20),
        n if n >= 1 << 10 => format!("{} KiB", n >> 10),
        n => format!("{n} bytes"),
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetError::BadUrl { url, why } => write!(f, "cannot fetch {url}: {why}"),
            NetError::HostNotFound { host } => {
                write!(f, "cannot resolve {host}: are you offline?")
            }
            NetError::Refused { host } => write!(
                f,
                "{host} refused the connection: is the service (or your mirror or proxy) running?"
            ),
            NetError::ConnectFailed { host, why } => {
                write!(f, "cannot connect to {host}: {why}; are you offline?")
            }
            NetError::TimedOut { host, deadline } => match deadline {
                Deadline::Resolve(d) => write!(
                    f,
                    "timed out finding {host} (no answer within the {} connect timeout): are you offline?",
                    duration_words(*d)
                ),
                Deadline::Connect(d) => write!(
                    f,
                    "timed out connecting to {host} (the connect timeout is {}): are you offline, or is a firewall in the way?",
                    duration_words(*d)
                ),
                Deadline::Answer(d) => write!(
                    f,
                    "timed out: {host} did not answer in full within {} (the deadline of one request); the service or the network is slow, try again later",
                    duration_words(*d)
                ),
            },
            NetError::Tls { host, why } => write!(
                f,
                "TLS failure with {host}: {why}; behind a proxy that inspects TLS, install its certificate in the system's store"
            ),
            NetError::Proxy { why } => {
                write!(f, "the proxy failed: {why}; check HTTPS_PROXY and NO_PROXY")
            }
            NetError::Http {
                status,
                url,
                message,
                retry_after,
            } => {
                let reason = reason(*status);
                let sep = if reason.is_empty() { "" } else { " " };
                write!(f, "HTTP {status}{sep}{reason} from {url}")?;
                if let Some(m) = message {
                    write!(f, ": \"{m}\"")?;
                }
                match (*status, retry_after) {
                    (429 | 503, Some(w)) => write!(
                        f,
                        "; the service asks to wait {} before asking again",
                        duration_words(*w)
                    ),
                    (429, None) => write!(f, "; too many requests, try again in a few minutes"),
                    (500..=599, None) => write!(f, "; the service has a problem, try again later"),
                    (404 | 410, _) => write!(f, "; check the name or URL"),
                    _ => Ok(()),
                }
            }
            NetError::HtmlPage { url } => write!(
                f,
                "{url} answered with a web page where a list was expected: a captive portal or a proxy page? Sign in to the network or check the URL"
            ),
            NetError::Truncated { url, received } => write!(
                f,
                "the answer from {url} was cut off after {}: the connection dropped, try again",
                size_words(*received)
            ),
            NetError::TooLarge {
                url,
                limit,
                decompressed,
            } => write!(
                f,
                "the answer from {url} is larger than {}{}, the most papertui reads; is it really a paper list?",
                size_words(*limit),
                if *decompressed {
                    " once decompressed"
                } else {
                    ""
                }
            ),
            NetError::TooManyRedirects { url, max } => write!(
                f,
                "{url} redirected more than {max} times (a redirect loop?); check the URL"
            ),
            NetError::InsecureRedirect { from, to } => write!(
                f,
                "{from} redirected to {to}, from https to plain http; papertui does not follow that"
            ),
            NetError::Protocol { host, why } => {
                write!(f, "{host} gave an answer papertui cannot read: {why}")
            }
        }
    }
}

impl std::error::Error for NetError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_says_what_to_do() {
        let host = || "huggingface.co".to_string();
        let cases = [
            (
                NetError::HostNotFound { host: host() },
                "cannot resolve huggingface.co: are you offline?",
            ),
            (
                NetError::TimedOut {
                    host: host(),
                    deadline: Deadline::Connect(Duration::from_secs(5)),
                },
                "the connect timeout is 5 s",
            ),
            (
                NetError::Http {
                    status: 429,
                    url: "https://huggingface.co/api".into(),
                    message: None,
                    retry_after: Some(Duration::from_secs(30)),
                },
                "HTTP 429 Too Many Requests from https://huggingface.co/api; the service asks to wait 30 s",
            ),
            (
                NetError::Tls {
                    host: host(),
                    why: "UnknownIssuer".into(),
                },
                "TLS failure with huggingface.co: UnknownIssuer",
            ),
        ];
        for (e, words) in cases {
            assert!(e.to_string().contains(words), "{e}");
        }
    }

    #[test]
    fn a_resolver_failure_from_ureq_is_a_missing_host() {
        let e = NetError::from_ureq(
            ureq::Error::HostNotFound,
            "h.example",
            true,
            (Duration::from_secs(1), Duration::from_secs(2)),
        );
        assert_eq!(e.to_string(), "cannot resolve h.example: are you offline?");
    }

    #[test]
    fn durations_and_sizes_read_as_words() {
        assert_eq!(duration_words(Duration::from_millis(300)), "300 ms");
        assert_eq!(duration_words(Duration::from_secs(20)), "20 s");
        assert_eq!(duration_words(Duration::from_mins(10)), "10 min");
        assert_eq!(size_words(32 << 20), "32 MiB");
    }
}
