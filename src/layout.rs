//! Where things go for a size: the panes for a terminal, the detail's text for a width.

pub mod document;
pub mod screen;
