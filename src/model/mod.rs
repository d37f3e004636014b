//! The pure core: papers, the library that holds them, and the ranking. No terminal, no disk.

pub mod bookmarks;
pub mod filter;
pub mod library;
pub mod paper;
