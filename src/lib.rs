//! papertui: a terminal reader for research papers.
//!
//! Data flows one way: loaders turn bytes into a [`model::library::Library`]; the reader maps
//! keys to actions, the model updates, the view draws. The command line shares all of it.

pub mod cli;
pub mod export;
pub mod load;
pub mod model;
pub mod sanitize;
pub mod storage;
