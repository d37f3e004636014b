//! What the bookmarks and read marks files share: their format version, read and checked before
//! anything else, and why bytes are not a file papertui can use.

use std::fmt;

use serde::Deserialize;

/// The bookmarks file's format version: the one this papertui writes and the newest it reads.
/// Version 1 (no abstract, one `link`, `arxiv_id`) is still read, and migrated when saved.
pub const BOOKMARKS_VERSION: u64 = 2;
/// The read marks file's format version.
pub const READ_VERSION: u64 = 1;

/// Why bytes are not a bookmarks or read marks file papertui can use.
#[derive(Debug)]
pub enum ParseError {
    /// Not valid JSON, or not the shape of the file; serde_json says where.
    Invalid(serde_json::Error),
    /// Written by a later papertui (this one reads up to `newest`); never overwritten, so
    /// nothing it holds is lost.
    Newer { version: u64, newest: u64 },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Invalid(e) => write!(f, "{e}"),
            ParseError::Newer { version, newest } => write!(
                f,
                "written by a newer papertui (format version {version}; this one reads up to \
                 {newest})"
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
/// not JSON), and its format version. A version above `newest` is refused before anything else
/// is checked, since a later format may not parse as this one.
pub(super) fn versioned(bytes: &[u8], newest: u64) -> Result<(&[u8], u64), ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head: Head = serde_json::from_slice(bytes).map_err(ParseError::Invalid)?;
    if head.version > newest {
        return Err(ParseError::Newer {
            version: head.version,
            newest,
        });
    }
    if head.version == 0 {
        return Err(ParseError::Invalid(serde::de::Error::custom(format!(
            "format version 0 does not exist; papertui writes version {newest}"
        ))));
    }
    Ok((bytes, head.version))
}
