//! The project holds together: the architecture's import rules and the README's generated parts.

#[path = "../support/mod.rs"]
mod support;

mod architecture;
mod docs;
