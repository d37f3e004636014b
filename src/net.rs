//! HTTP for papertui: a blocking client with timeouts, size caps and a safe redirect policy,
//! a response cache on disk, and errors in words a user can act on. Imports nothing of ours.

mod address;
pub mod cache;
mod client;
mod error;

pub use address::{Address, is_loopback, shown};
pub use cache::{Cache, Entry, cache_dir, default_cache_dir};
pub use client::{
    Client, ClientSettings, ProxyChoice, Response, Roots, Validators, user_agent, wait_asked,
};
pub use error::{Deadline, NetError, duration_words, size_words};
