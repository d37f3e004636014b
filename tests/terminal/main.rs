//! The real binary in a pseudo-terminal, read back through a vt100 parser.

#[path = "../support/mod.rs"]
mod support;

mod at_home;
mod hostile;
mod reader;
