//! Several sources loaded in order into one library, with progress, warnings and errors, and
//! the lines that report them.

use super::{Event, LineFilter, Problem, Source, WARNINGS_SHOWN, load_filtered};
pub use crate::library::Progress;
use crate::library::{AnnounceType, Library, LibraryBuilder};

/// All papers of several sources merged in order (later duplicates dropped), with the warnings;
/// or every source's error.
pub struct Loaded {
    pub library: Library,
    pub warnings: Vec<Problem>,
}

pub fn load_all(sources: &[Source]) -> Result<Loaded, Vec<Problem>> {
    load_all_filtered(sources, None, &[])
}

/// [`load_all`], skipping unparsed the JSON Lines lines that `filter` rejects, and leaving
/// out the papers an announcement lists for one of `leave_out`.
pub fn load_all_filtered(
    sources: &[Source],
    filter: Option<LineFilter>,
    leave_out: &[AnnounceType],
) -> Result<Loaded, Vec<Problem>> {
    let all = collect(sources, filter, leave_out, &mut |_, _| {});
    if all.errors.is_empty() {
        Ok(Loaded {
            library: all.library,
            warnings: all.warnings,
        })
    } else {
        Err(all.errors)
    }
}

/// Everything loading the sources gave: the papers, the records skipped, the sources that
/// could not be read (the papers read before a failure are kept).
pub struct Collected {
    pub library: Library,
    pub warnings: Vec<Problem>,
    pub errors: Vec<Problem>,
}

/// Loads the sources in order into one library, calling `grew` after each batch of papers.
pub fn collect(
    sources: &[Source],
    filter: Option<LineFilter>,
    leave_out: &[AnnounceType],
    grew: &mut dyn FnMut(&Library, Progress),
) -> Collected {
    // A single list is named after its file unless its format names it.
    let fallback = match sources {
        [only] => Some(default_name(only)),
        _ => None,
    };
    let total = sources.iter().map(Source::size).sum();
    let mut collector = Collector::new(total, fallback);
    collector.leave_out(leave_out);
    for source in sources {
        collector.add(source, filter.clone(), grew);
    }
    collector.finish()
}

/// One library built from sources added one by one (a fetched list's pages as they arrive,
/// between files), with the warnings and errors of each.
pub struct Collector {
    builder: LibraryBuilder,
    warnings: Vec<Problem>,
    errors: Vec<Problem>,
    progress: Progress,
    /// The library's name when no format names it.
    fallback: Option<String>,
    /// Each list's name and day (its format's, else its file's), in order, after the name of
    /// its source: the pages of one fetched list are sources of the same name, one list.
    names: Vec<(String, String, Option<String>)>,
}

impl Collector {
    /// A collector expecting `total` bytes (when known), naming the library `fallback` unless
    /// a format names it.
    pub fn new(total: Option<u64>, fallback: Option<String>) -> Collector {
        Collector {
            builder: LibraryBuilder::default(),
            warnings: Vec::new(),
            errors: Vec::new(),
            progress: Progress {
                total,
                ..Progress::default()
            },
            fallback,
            names: Vec::new(),
        }
    }

    /// Leaves out the papers an announcement lists for one of `kinds`.
    pub fn leave_out(&mut self, kinds: &[AnnounceType]) {
        self.builder.leave_out(kinds);
    }

    /// Loads one more source, calling `grew` after each batch of its papers.
    pub fn add(
        &mut self,
        source: &Source,
        filter: Option<LineFilter>,
        grew: &mut dyn FnMut(&Library, Progress),
    ) {
        let done_before = self.progress.read;
        // The source's name, its format's if it has one; a sample says it is one.
        let sample = |name: String| match source {
            Source::Bundled => format!("Sample · {name}"),
            _ => name,
        };
        let source_name = default_name(source);
        let another_page = self.names.last().is_some_and(|(s, ..)| *s == source_name);
        if !another_page {
            self.names
                .push((source_name.clone(), sample(source_name), None));
        }
        let mut named_by_format = another_page;
        let result = load_filtered(source, filter, &mut |event| match event {
            Event::Meta { name, date } => {
                if !named_by_format {
                    named_by_format = true;
                    if let Some(last) = self.names.last_mut() {
                        last.1 = sample(name.unwrap_or_else(|| last.0.clone()));
                        last.2 = date;
                    }
                    let (name, date) = self.name();
                    self.builder.rename(name, date);
                }
            }
            Event::Papers(chunk) => {
                self.builder.append(*chunk);
                self.progress.papers = self.builder.library().len();
                let mut library = self.builder.library().clone();
                library.name = library.name.or_else(|| self.fallback.clone());
                grew(&library, self.progress);
            }
            Event::Warning(p) => self.warnings.push(p),
            Event::Progress { read, .. } => self.progress.read = done_before + read,
            Event::Filtered(_) => {}
        });
        self.progress.read = done_before + source.size().unwrap_or(0);
        if let Err(p) = result {
            self.errors.push(p);
        }
    }

    /// The library's name and day: one source's, or every source's name and day joined.
    fn name(&self) -> (Option<String>, Option<String>) {
        match self.names.as_slice() {
            [] => (None, None),
            [(_, name, date)] => (Some(name.clone()), date.clone()),
            all => {
                let named: Vec<String> = all
                    .iter()
                    .map(|(_, name, date)| match date {
                        Some(date) => format!("{name} · {date}"),
                        None => name.clone(),
                    })
                    .collect();
                (Some(named.join(" + ")), None)
            }
        }
    }

    /// How far loading has come.
    pub fn progress(&self) -> Progress {
        self.progress
    }

    pub fn finish(mut self) -> Collected {
        if self.names.len() > 1 || self.fallback.is_none() {
            let (name, date) = self.name();
            self.builder.rename(name, date);
        }
        let mut library = self.builder.into_library();
        library.name = library.name.or(self.fallback);
        Collected {
            library,
            warnings: self.warnings,
            errors: self.errors,
        }
    }
}

/// A list's name when its format has none: the file name without extension, cleaned like any
/// text the reader shows (a downloaded file keeps whatever name the web gave it).
pub fn default_name(source: &Source) -> String {
    let name = match source {
        Source::Bundled => "Daily Papers".to_string(),
        Source::Stdin => "standard input".to_string(),
        Source::Bytes(name, _) => name.clone(),
        Source::Path(p) => p.file_stem().map_or_else(
            || p.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        ),
    };
    crate::sanitize::clean(&name, 200)
}

/// The lines to print for a list of warnings: the first few, then a count of the rest.
pub fn summarize(warnings: &[Problem]) -> Vec<String> {
    let mut lines: Vec<String> = warnings
        .iter()
        .take(WARNINGS_SHOWN)
        .map(|w| format!("warning: {w}"))
        .collect();
    if warnings.len() > WARNINGS_SHOWN {
        lines.push(format!(
            "warning: {} more problems not shown ({} records skipped in all)",
            warnings.len() - WARNINGS_SHOWN,
            warnings.len()
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn a_hostile_file_name_is_cleaned_into_the_list_name() {
        let path = PathBuf::from("/tmp/a\u{202e}b\x1b]0;PWNED\x07c.json");
        assert_eq!(default_name(&Source::Path(path)), "abc");
    }

    #[test]
    fn lists_are_named_by_their_day_together_and_the_pages_of_one_list_once() {
        let day: &[u8] = include_bytes!("../../tests/data/hf-daily-papers-2026-06-12.json");
        let page = || Source::Bytes("hf:2026-06-12".into(), day.into());
        let one = collect(&[page(), page()], None, &[], &mut |_, _| {}).library;
        assert_eq!(one.name.as_deref(), Some("Daily Papers"));
        assert_eq!(one.date.as_deref(), Some("Fri 12 Jun 2026"));
        let two = collect(
            &[page(), page(), Source::Bundled],
            None,
            &[],
            &mut |_, _| {},
        );
        assert_eq!(
            two.library.name.as_deref(),
            Some("Daily Papers · Fri 12 Jun 2026 + Sample · Daily Papers · Mar 14")
        );
        assert_eq!(two.library.date, None);
    }
}
