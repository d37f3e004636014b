//! The project holds together: the architecture's import rules and the README's generated parts.

// Test code: a helper that unwraps says "this cannot fail here", and helpers are shared
// by several binaries, each using some.
#![allow(clippy::unwrap_used, unreachable_pub)]

#[path = "../support/mod.rs"]
mod support;

mod architecture;
mod docs;
