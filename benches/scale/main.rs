//! The scale figures papertui promises (issue 5), measured on a generated corpus.
//! Run with `cargo bench --bench scale`; see README "Performance".

mod corpus;

use std::path::PathBuf;
use std::time::Instant;

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-corpus");
    std::fs::create_dir_all(&dir)?;
    let n: usize = std::env::var("PAPERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let t = Instant::now();
    corpus::write_titles(
        &dir.join(format!("titles-{n}.txt")),
        &dir.join(format!("titles-{n}.jsonl")),
        n,
        1,
    )?;
    let size = corpus::write_arxiv(&dir.join(format!("arxiv-{n}.jsonl")), n, 2)?;
    println!(
        "corpus: {n} papers, {:.2} GB arXiv file, {:.1?}",
        size as f64 / 1e9,
        t.elapsed()
    );
    Ok(())
}
