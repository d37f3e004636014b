//! The files papertui keeps, on a real disk: bookmarks, read marks and the config, and inputs
//! at their hardest.

#[path = "../support/mod.rs"]
mod support;

mod bookmarks_file;
mod hard_conditions;
mod read_marks_file;
