//! The HTTP client: one GET with a connect timeout and an overall deadline, size caps on the
//! body off the wire and after gzip decompression (done here, so both are known), redirects followed by hand (at most a few, never from
//! https to http), proxies from the environment, and a User-Agent naming papertui.

use std::io::Read;
use std::time::{Duration, Instant};

use ureq::Agent;
use ureq::http::HeaderMap;
use ureq::tls::{RootCerts, TlsConfig};

use super::address::{Address, is_loopback, shown};
use super::error::{Deadline, NetError};

/// Where papertui's requests come from, for the services' logs: name, version and home.
pub fn user_agent() -> String {
    let home = env!("CARGO_PKG_HOMEPAGE");
    let home = if home.is_empty() {
        env!("CARGO_PKG_REPOSITORY")
    } else {
        home
    };
    let version = env!("CARGO_PKG_VERSION");
    if home.is_empty() {
        format!("papertui/{version} (terminal reader for research papers)")
    } else {
        format!("papertui/{version} (+{home})")
    }
}

/// How requests go out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxyChoice {
    /// `HTTPS_PROXY` / `ALL_PROXY` / `HTTP_PROXY`, minus the hosts in `NO_PROXY` and
    /// loopback addresses.
    FromEnv,
    Direct,
    Url(String),
}

/// Which certificates a server's must chain to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Roots {
    /// The system's store and rules (a corporate proxy's CA installed there is trusted).
    Platform,
    /// Mozilla's roots compiled in (for a machine without a certificate store).
    Mozilla,
    /// Only the certificates of this PEM text (a proxy's CA bundle; a test server's).
    Pem(std::sync::Arc<[u8]>),
}

/// The limits and choices of every request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSettings {
    /// Finding the host and opening the connection.
    pub connect_timeout: Duration,
    /// One whole request, redirects and body included.
    pub request_deadline: Duration,
    /// The most bytes taken from the wire when the body is not compressed (or as declared by
    /// `Content-Length`).
    pub body_max: u64,
    /// The most bytes a compressed body may grow to (a gzip bomb stops here).
    pub decoded_max: u64,
    pub max_redirects: u8,
    pub proxy: ProxyChoice,
    pub roots: Roots,
}

impl Default for ClientSettings {
    fn default() -> Self {
        ClientSettings {
            connect_timeout: Duration::from_secs(10),
            request_deadline: Duration::from_secs(20),
            body_max: 32 << 20,
            decoded_max: 64 << 20,
            max_redirects: 5,
            proxy: ProxyChoice::FromEnv,
            roots: Roots::Platform,
        }
    }
}

/// What a cached copy was validated by: sent back as `If-None-Match` / `If-Modified-Since`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// A successful answer: 2xx with its body, or 304 Not Modified with none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The URL that answered, after redirects.
    pub url: String,
    pub status: u16,
    pub body: Vec<u8>,
    pub validators: Validators,
    pub content_type: Option<String>,
}

impl Response {
    pub fn not_modified(&self) -> bool {
        self.status == 304
    }
}

/// A reusable client (it keeps connections open); cheap to share across threads by reference.
#[derive(Debug, Clone)]
pub struct Client {
    agent: Agent,
    settings: ClientSettings,
}

/// The most of an error page read for its message.
const ERROR_BODY_MAX: u64 = 64 << 10;

const ACCEPT: &str = "application/json, application/atom+xml, application/rss+xml, \
                      application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5";

impl Client {
    pub fn new(settings: ClientSettings) -> Result<Client, NetError> {
        let proxy = match &settings.proxy {
            ProxyChoice::FromEnv => ureq::Proxy::try_from_env(),
            ProxyChoice::Direct => None,
            ProxyChoice::Url(url) => Some(ureq::Proxy::new(url).map_err(|_| NetError::Proxy {
                why: format!("the proxy {} is not a URL", shown(url)),
            })?),
        };
        let roots = match &settings.roots {
            Roots::Platform => RootCerts::PlatformVerifier,
            Roots::Mozilla => RootCerts::WebPki,
            Roots::Pem(pem) => {
                let certs: Vec<_> = ureq::tls::parse_pem(pem)
                    .filter_map(|item| match item {
                        Ok(ureq::tls::PemItem::Certificate(c)) => Some(c),
                        _ => None,
                    })
                    .collect();
                if certs.is_empty() {
                    return Err(NetError::Tls {
                        host: "the certificates given".into(),
                        why: "no certificate in that PEM text".into(),
                    });
                }
                RootCerts::new_with_certs(&certs)
            }
        };
        let agent = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .proxy(proxy)
            .user_agent(user_agent())
            .accept(ACCEPT)
            .accept_encoding("gzip")
            .timeout_resolve(Some(settings.connect_timeout))
            .timeout_connect(Some(settings.connect_timeout))
            .tls_config(TlsConfig::builder().root_certs(roots).build())
            .build()
            .new_agent();
        Ok(Client { agent, settings })
    }

    pub fn settings(&self) -> &ClientSettings {
        &self.settings
    }

    /// GETs `url`, conditionally when `validators` are given. Gives up at `deadline` if it comes
    /// before the request deadline. Any status but 2xx and 304 is an error.
    pub fn get(
        &self,
        url: &str,
        validators: Option<&Validators>,
        deadline: Option<Instant>,
    ) -> Result<Response, NetError> {
        let started = Instant::now();
        let mut limit = self.settings.request_deadline;
        if let Some(d) = deadline {
            limit = limit.min(d.saturating_duration_since(started));
        }
        let mut address = Address::parse(url)?;
        for _ in 0..=self.settings.max_redirects {
            let timed_out = || NetError::TimedOut {
                host: address.host().to_string(),
                deadline: Deadline::Answer(limit),
            };
            let remaining = limit.saturating_sub(started.elapsed());
            if remaining.is_zero() {
                return Err(timed_out());
            }
            let mut config = self
                .agent
                .get(address.uri.clone())
                .config()
                .timeout_global(Some(remaining));
            // The environment's proxy is for the outside world, never for a local mirror.
            if self.settings.proxy == ProxyChoice::FromEnv && is_loopback(address.host()) {
                config = config.proxy(None);
            }
            let mut request = config.build();
            if let Some(v) = validators {
                if let Some(etag) = &v.etag {
                    request = request.header("If-None-Match", etag);
                }
                if let Some(date) = &v.last_modified {
                    request = request.header("If-Modified-Since", date);
                }
            }
            let mut answer = request.call().map_err(|e| {
                NetError::from_ureq(
                    e,
                    address.host(),
                    address.https,
                    (self.settings.connect_timeout, limit),
                )
            })?;
            let status = answer.status().as_u16();
            let headers = answer.headers().clone();
            if (300..400).contains(&status) && status != 304 {
                let location = header(&headers, "location").ok_or_else(|| NetError::Protocol {
                    host: address.host().to_string(),
                    why: format!("a redirect ({status}) with no Location"),
                })?;
                address = address.redirect(&location)?;
                continue;
            }
            let here = shown(&address.to_string());
            let validators = Validators {
                etag: header(&headers, "etag"),
                last_modified: header(&headers, "last-modified"),
            };
            let content_type = header(&headers, "content-type");
            if status == 304 {
                return Ok(Response {
                    url: here,
                    status,
                    body: Vec::new(),
                    validators,
                    content_type,
                });
            }
            if !(200..300).contains(&status) {
                let body = self
                    .read_body(answer.body_mut(), &here, &headers, ERROR_BODY_MAX, limit)
                    .unwrap_or_default();
                return Err(NetError::Http {
                    status,
                    url: here,
                    message: service_message(&body),
                    retry_after: wait_asked(&headers, jiff::Timestamp::now()),
                });
            }
            let body = self.read_body(answer.body_mut(), &here, &headers, u64::MAX, limit)?;
            return Ok(Response {
                url: here,
                status,
                body,
                validators,
                content_type,
            });
        }
        Err(NetError::TooManyRedirects {
            url: shown(url),
            max: self.settings.max_redirects,
        })
    }

    /// Reads the body whole: at most `body_max` bytes off the wire and, when it is gzip,
    /// at most `decoded_max` once decompressed (and never more than `most`).
    fn read_body(
        &self,
        body: &mut ureq::Body,
        url: &str,
        headers: &HeaderMap,
        most: u64,
        limit: Duration,
    ) -> Result<Vec<u8>, NetError> {
        let encoding = header(headers, "content-encoding").unwrap_or_default();
        let gzip = encoding.to_ascii_lowercase().contains("gzip");
        let declared: Option<u64> =
            header(headers, "content-length").and_then(|n| n.trim().parse().ok());
        let too_large = |decompressed| NetError::TooLarge {
            url: url.to_string(),
            limit: if decompressed {
                self.settings.decoded_max
            } else {
                self.settings.body_max
            },
            decompressed,
        };
        if declared.is_some_and(|n| n > self.settings.body_max) && most == u64::MAX {
            return Err(too_large(false));
        }
        let mut wire = Capped {
            inner: body.as_reader(),
            left: self.settings.body_max.min(most),
            read: 0,
        };
        let cap = if gzip {
            self.settings.decoded_max.min(most)
        } else {
            self.settings.body_max.min(most)
        };
        let mut bytes = Vec::new();
        let read = if gzip {
            flate2::read::MultiGzDecoder::new(&mut wire)
                .take(cap.saturating_add(1))
                .read_to_end(&mut bytes)
        } else {
            (&mut wire)
                .take(cap.saturating_add(1))
                .read_to_end(&mut bytes)
        };
        let received = wire.read;
        let truncated = || NetError::Truncated {
            url: url.to_string(),
            received,
        };
        if let Err(e) = read {
            if most < u64::MAX {
                return Ok(bytes);
            }
            return Err(match e.kind() {
                std::io::ErrorKind::FileTooLarge => too_large(false),
                std::io::ErrorKind::TimedOut => NetError::TimedOut {
                    host: host_of(url),
                    deadline: Deadline::Answer(limit),
                },
                _ => match ureq::Error::from(e) {
                    ureq::Error::Timeout(_) => NetError::TimedOut {
                        host: host_of(url),
                        deadline: Deadline::Answer(limit),
                    },
                    _ => truncated(),
                },
            });
        }
        if bytes.len() as u64 > cap {
            if most < u64::MAX {
                bytes.truncate(most as usize);
                return Ok(bytes);
            }
            return Err(too_large(gzip));
        }
        if declared.is_some_and(|n| received < n) {
            return Err(truncated());
        }
        Ok(bytes)
    }
}

/// A reader that fails with `FileTooLarge` past `left` bytes, counting what it gave.
struct Capped<R> {
    inner: R,
    left: u64,
    read: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(std::io::ErrorKind::FileTooLarge.into()),
            };
        }
        let max = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..max])?;
        self.left -= n as u64;
        self.read += n as u64;
        Ok(n)
    }
}

fn host_of(url: &str) -> String {
    Address::parse(url).map_or_else(|_| url.to_string(), |a| a.host().to_string())
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// How long a 429 or 503 asks to wait: `Retry-After` (seconds or an HTTP date), else the `t=`
/// of a `RateLimit` header (`"api";r=0;t=55`, as Hugging Face sends).
pub fn wait_asked(headers: &HeaderMap, now: jiff::Timestamp) -> Option<Duration> {
    if let Some(v) = header(headers, "retry-after") {
        let v = v.trim();
        if let Ok(secs) = v.parse::<u64>() {
            return Some(Duration::from_secs(secs));
        }
        if let Ok(when) = jiff::fmt::rfc2822::parse(v) {
            let secs = when.timestamp().as_second() - now.as_second();
            return Some(Duration::from_secs(secs.max(0) as u64));
        }
    }
    let limit = header(headers, "ratelimit")?;
    limit
        .split([';', ','])
        .filter_map(|part| part.trim().strip_prefix("t="))
        .find_map(|t| t.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
}

/// The service's own words in an error body: a JSON `error` or `message`, an HTML page's
/// title, or the first line of text.
fn service_message(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str(text) {
        return ["error", "message", "detail"]
            .iter()
            .find_map(|k| map.get(*k).and_then(|v| v.as_str()))
            .map(|m| shown(m.trim()));
    }
    let lower = text.to_ascii_lowercase();
    if lower.starts_with('<') {
        let start = lower.find("<title>")? + "<title>".len();
        let end = start + lower[start..].find("</title>")?;
        let title = text[start..end].trim();
        return (!title.is_empty()).then(|| shown(title));
    }
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ureq::http::HeaderValue;

    #[test]
    fn the_user_agent_names_papertui_and_its_version() {
        assert!(user_agent().starts_with(&format!("papertui/{} (", env!("CARGO_PKG_VERSION"))));
    }

    #[test]
    fn waits_are_read_from_retry_after_or_rate_limit() -> Result<(), Box<dyn std::error::Error>> {
        let now: jiff::Timestamp = "2026-11-30T12:00:00Z".parse()?;
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("120"));
        assert_eq!(wait_asked(&h, now), Some(Duration::from_mins(2)));
        h.insert(
            "retry-after",
            HeaderValue::from_static("Mon, 30 Nov 2026 12:00:30 GMT"),
        );
        assert_eq!(wait_asked(&h, now), Some(Duration::from_secs(30)));
        let mut h = HeaderMap::new();
        h.insert("ratelimit", HeaderValue::from_static("\"api\";r=0;t=55"));
        assert_eq!(wait_asked(&h, now), Some(Duration::from_secs(55)));
        assert_eq!(wait_asked(&HeaderMap::new(), now), None);
        Ok(())
    }

    #[test]
    fn services_are_quoted_from_json_html_or_text() {
        assert_eq!(
            service_message(br#"{"error":"Invalid date"}"#).as_deref(),
            Some("Invalid date")
        );
        assert_eq!(
            service_message(b"<!DOCTYPE html><html><title>503 Busy</title></html>").as_deref(),
            Some("503 Busy")
        );
        assert_eq!(
            service_message(b"\n  Rate exceeded.\nmore").as_deref(),
            Some("Rate exceeded.")
        );
        assert_eq!(service_message(b""), None);
    }
}
