//! The files papertui keeps, on a real disk: bookmarks, read marks and the config, and inputs
//! at their hardest.

// Test code: a helper that unwraps says "this cannot fail here", and helpers are shared
// by several binaries, each using some.
#![allow(clippy::unwrap_used, unreachable_pub)]

#[path = "../support/mod.rs"]
mod support;

mod bookmarks_file;
mod hard_conditions;
mod read_marks_file;
mod save_protocol;
