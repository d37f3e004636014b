//! What the user keeps: bookmarks and read marks, each a set with this instance's own
//! changes, and the versioned JSON files that hold them.

pub mod bookmarks;
mod file_version;
pub mod read;
