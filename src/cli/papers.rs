//! `list` and `search` output: titles, papertui's JSON, or tab-separated values for scripts.

use std::io::{self, Write};

use super::PaperFormat;
use crate::library::Library;

/// `--json` is `--format json`.
pub(super) fn paper_format(json: bool, format: Option<PaperFormat>) -> PaperFormat {
    match (json, format) {
        (true, _) => PaperFormat::Json,
        (false, format) => format.unwrap_or(PaperFormat::Text),
    }
}

pub(super) fn print_papers(
    lib: &Library,
    indices: impl Iterator<Item = usize>,
    format: PaperFormat,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        PaperFormat::Json => {
            let papers: Vec<_> = indices.map(|i| lib.get(i).to_paper()).collect();
            serde_json::to_writer_pretty(&mut out, &papers)?;
            writeln!(out)?;
        }
        PaperFormat::Tsv => {
            // Titles are clean at load (no tab or newline), so a line is always one paper.
            for i in indices {
                let p = lib.get(i);
                let upvotes = p.upvotes().map(|n| n.to_string()).unwrap_or_default();
                let date = p.published().unwrap_or("");
                writeln!(
                    out,
                    "{}\t{date}\t{upvotes}\t{}",
                    p.key(),
                    tsv_field(p.title())
                )?;
            }
        }
        PaperFormat::Text => {
            for i in indices {
                writeln!(out, "{}", lib.get(i).title())?;
            }
        }
    }
    out.flush()
}

/// A field with no tab or line break, so it cannot split a TSV line.
fn tsv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ").into()
    } else {
        s.into()
    }
}
