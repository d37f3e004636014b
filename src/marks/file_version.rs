//! What the bookmarks and read marks files share: their format version, read and checked before
//! anything else, and why bytes are not a file papertui can use.

use std::fmt;

use serde::Deserialize;

/// The format version this papertui writes and the newest it reads.
pub const FORMAT_VERSION: u64 = 1;

/// Why bytes are not a bookmarks or read marks file papertui can use.
#[derive(Debug)]
pub enum ParseError {
    /// Not valid JSON, or not the shape of the file; serde_json says where.
    Invalid(serde_json::Error),
    /// Written by a later papertui; never overwritten, so nothing it holds is lost.
    Newer { version: u64 },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Invalid(e) => write!(f, "{e}"),
            ParseError::Newer { version } => write!(
                f,
                "written by a newer papertui (format version {version}; this one reads up to \
                 {FORMAT_VERSION})"
            ),
        }
    }
}

impl std::error::Error for ParseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ParseError::Invalid(e) => Some(e),
            ParseError::Newer { .. } => None,
        }
    }
}

/// Just the version, read first so a newer file is told apart from a broken one.
#[derive(Deserialize)]
struct Head {
    version: u64,
}

/// The file's bytes without a byte order mark (some editors start a UTF-8 file with one; it is
/// not JSON), and its format version. A newer version is refused before anything else is
/// checked, since a later format may not parse as this one.
pub(super) fn versioned(bytes: &[u8]) -> Result<(&[u8], u64), ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head: Head = serde_json::from_slice(bytes).map_err(ParseError::Invalid)?;
    if head.version > FORMAT_VERSION {
        return Err(ParseError::Newer {
            version: head.version,
        });
    }
    if head.version == 0 {
        return Err(ParseError::Invalid(serde::de::Error::custom(
            "format version 0 does not exist; papertui writes version 1",
        )));
    }
    Ok((bytes, head.version))
}
