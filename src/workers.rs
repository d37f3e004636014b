//! The background threads, one file each: loading, searching, sorting and saving run off the
//! thread that reads keys and draws, at a lower priority.

pub mod loader;
pub mod saver;
pub mod searcher;
pub mod sorter;

/// Makes the worker threads (loading, searching) yield to the thread that reads keys and
/// draws: on a machine with few cores a million-paper search must not delay the echo of the
/// next keystroke. Call before any work starts; errors only mean the default pool is used.
pub fn lower_workers_priority() {
    let _ = rayon::ThreadPoolBuilder::new()
        .start_handler(|_| crate::os::lower_this_thread())
        .build_global();
}
