//! What the app's workers and timers answer. The model takes these with [`super::Model::take`];
//! none is ever bound to a key.

use crate::library::{Library, Progress};
use crate::marks::bookmarks::Bookmarks;
use crate::search::Stage;

use super::Severity;
use super::read_state::SaveResult;

#[derive(Clone, Debug)]
pub enum Report {
    /// Papers for the query of `generation`, as far as `stage` says.
    SearchDone {
        generation: u64,
        hits: Vec<u32>,
        stage: Stage,
    },
    /// A bigger snapshot of the library (papers appended, none removed).
    LibraryGrew(Library),
    /// How far loading has come; None once everything is loaded.
    Loading(Option<Progress>),
    /// What a fetch is doing ("fetching hf:today · page 2"); None once done.
    Fetching(Option<String>),
    /// A cached copy stands in for the network: "offline · Daily Papers of …".
    Offline(String),
    /// What the list means when it is empty ("No Daily Papers on Saturday 2026-11-28").
    EmptyList(String),
    /// Other lists are opening in place of these (another day, or fetched anew): the
    /// library starts over and grows as they load.
    Reopening,
    /// Storage saved the bookmarks; this is what the file holds now.
    BookmarksSaved(Bookmarks),
    /// Storage could read the bookmarks file again.
    BookmarksReloaded(Bookmarks),
    /// Something for the footer: a load warning, a failed effect.
    Message(Severity, String),
    /// A link could not be opened, and why.
    OpenFailed { url: String, why: String },
    /// Paper `0` has been in the detail pane for a while (the app's timer): it is read.
    Seen(usize),
    /// Time to save the read marks changed since the last save (the app's timer, and quit).
    SaveRead,
    /// Storage saved the read marks of the last [`super::Effect::SaveRead`], or could not,
    /// and hands the changes back with the reason.
    ReadSaved(SaveResult),
    /// The library in the order of `generation`'s sort request.
    Sorted { generation: u64, indices: Vec<u32> },
}
