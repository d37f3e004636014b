//! Which URLs papertui may ask: `https` anywhere, `http` only to a loopback address, and where a
//! redirect's `Location` points.

use std::net::IpAddr;

use ureq::http::Uri;

use super::NetError;

/// A URL papertui may fetch, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub uri: Uri,
    pub https: bool,
}

impl Address {
    /// Parses `url`, refusing any scheme but `https`, and `http` to anything but loopback.
    pub fn parse(url: &str) -> Result<Address, NetError> {
        let uri: Uri = url.parse().map_err(|_| NetError::BadUrl {
            url: shown(url),
            why: "not a URL".into(),
        })?;
        let host = uri.host().unwrap_or("");
        if host.is_empty() {
            return Err(NetError::BadUrl {
                url: shown(url),
                why: "it names no host".into(),
            });
        }
        let https = match uri.scheme_str() {
            Some("https") => true,
            Some("http") if is_loopback(host) => false,
            Some("http") => {
                return Err(NetError::BadUrl {
                    url: shown(url),
                    why: "plain http is only used for loopback addresses; use https://".into(),
                });
            }
            _ => {
                return Err(NetError::BadUrl {
                    url: shown(url),
                    why: "only https:// URLs are fetched".into(),
                });
            }
        };
        Ok(Address { uri, https })
    }

    pub fn host(&self) -> &str {
        self.uri.host().unwrap_or("")
    }

    /// Where a redirect from here to `location` goes; never from https to http.
    pub fn redirect(&self, location: &str) -> Result<Address, NetError> {
        let target = self.join(location);
        let next = Address::parse(&target)?;
        if self.https && !next.https {
            return Err(NetError::InsecureRedirect {
                from: self.to_string(),
                to: shown(&target),
            });
        }
        Ok(next)
    }

    /// `location` made absolute against this address.
    fn join(&self, location: &str) -> String {
        let location = location.trim();
        if location.contains("://") {
            return location.to_string();
        }
        let scheme = self.uri.scheme_str().unwrap_or("https");
        if let Some(rest) = location.strip_prefix("//") {
            return format!("{scheme}://{rest}");
        }
        let authority = self.uri.authority().map_or("", |a| a.as_str());
        if location.starts_with('/') {
            return format!("{scheme}://{authority}{location}");
        }
        let path = self.uri.path();
        let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        let dir = if dir.is_empty() { "/" } else { dir };
        format!("{scheme}://{authority}{dir}{location}")
    }
}

impl std::fmt::Display for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.uri)
    }
}

/// True for `localhost`, 127.0.0.0/8 and `::1`: the addresses plain http may reach.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// `s` with control characters escaped and at most 200 characters, for messages: a URL or a
/// server's words go to a terminal.
pub fn shown(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == 200 {
            out.push('…');
            break;
        }
        if c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}') {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_is_fetched_and_http_only_on_loopback() -> Result<(), NetError> {
        assert!(Address::parse("https://huggingface.co/api/daily_papers")?.https);
        assert!(!Address::parse("http://127.0.0.1:8080/x")?.https);
        assert!(!Address::parse("http://localhost/x")?.https);
        assert!(!Address::parse("http://[::1]:80/x")?.https);
        let refused = Address::parse("http://example.org/x")
            .unwrap_err()
            .to_string();
        assert!(refused.contains("use https://"), "{refused}");
        assert!(Address::parse("ftp://example.org/x").is_err());
        assert!(Address::parse("not a url").is_err());
        Ok(())
    }

    #[test]
    fn redirects_resolve_relative_locations() -> Result<(), NetError> {
        let a = Address::parse("https://example.org/api/list?x=1")?;
        assert_eq!(a.redirect("/b")?.to_string(), "https://example.org/b");
        assert_eq!(a.redirect("c")?.to_string(), "https://example.org/api/c");
        assert_eq!(
            a.redirect("//mirror.org/d")?.to_string(),
            "https://mirror.org/d"
        );
        Ok(())
    }

    #[test]
    fn a_redirect_never_goes_from_https_to_http() -> Result<(), NetError> {
        let a = Address::parse("https://example.org/")?;
        let err = a.redirect("http://127.0.0.1/x").unwrap_err();
        assert!(matches!(err, NetError::InsecureRedirect { .. }), "{err}");
        Ok(())
    }

    #[test]
    fn shown_text_escapes_control_characters() {
        assert_eq!(shown("a\x1b[2Jb"), "a\\u{1b}[2Jb");
    }
}
