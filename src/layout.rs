//! Where things go for a size: the panes for a terminal, the list's rows and the detail's
//! text for a width.

pub mod document;
pub mod list;
pub mod screen;
