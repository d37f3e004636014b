//! The reader's app without a terminal: key strings through the real keymap and model, drawn
//! to a test backend (screens, themes, hostile and random input, the bundled list), and the
//! filter's relevance on real lists.

// Test code: a helper that unwraps says "this cannot fail here", and helpers are shared
// by several binaries, each using some.
#![allow(clippy::unwrap_used, unreachable_pub)]

#[path = "../support/mod.rs"]
mod support;

mod bundled;
mod hostile;
mod keys;
mod list_rows;
mod random_events;
mod relevance;
mod remapped_keys;
mod sanitize;
mod scale_home;
mod screens;
mod themes;
