//! The command line, run as users and scripts run it: the real binary, real files, exit codes
//! and output.

#[path = "../support/mod.rs"]
mod support;

mod answers;
mod bookmarks;
mod commands;
mod config;
mod reading_list;
