//! The real binary in a pseudo-terminal, read back through a vt100 parser.

// Test code: a helper that unwraps says "this cannot fail here", and helpers are shared
// by several binaries, each using some.
#![allow(clippy::unwrap_used, unreachable_pub)]

#[path = "../support/mod.rs"]
mod support;

mod at_home;
mod hostile;
mod reader;
