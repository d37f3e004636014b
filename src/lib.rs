//! papertui: a terminal reader for research papers.
//!
//! Data flows one way: loaders turn bytes into a [`model::library::Library`]; the reader maps
//! terminal events to actions ([`keymap`]), the model updates and returns effects
//! ([`model::Model::update`]), the app loop carries them out ([`app`]) and the view draws
//! ([`ui`]). The command line shares the loaders and the ranking.

pub mod action;
pub mod app;
pub mod cli;
mod clipboard;
pub mod config;
mod export;
#[doc(hidden)]
pub mod harness;
pub mod keymap;
pub mod layout;
pub mod library;
mod lists;
pub mod load;
pub mod marks;
pub mod model;
pub mod net;
mod os;
pub mod reader;
pub mod sanitize;
pub mod search;
pub mod sources;
pub mod storage;
pub mod text;
pub mod ui;
pub mod workers;
