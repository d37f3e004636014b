//! The command line, run as users and scripts run it: the real binary, real files, exit codes
//! and output.

// Test code: a helper that unwraps says "this cannot fail here", and helpers are shared
// by several binaries, each using some.
#![allow(clippy::unwrap_used, unreachable_pub)]

#[path = "../support/mod.rs"]
mod support;

mod answers;
mod bookmarks;
mod commands;
mod config;
mod reading_list;
