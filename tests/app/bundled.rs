//! The bundled list is the seed page, converted by papertui's own text loader.

use std::path::PathBuf;

use papertui::library::paper::Paper;
use papertui::load::{Source, load_all};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

#[test]
fn the_bundled_json_equals_the_text_loaders_reading_of_the_seed_page() -> Result {
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/daily-papers.txt");
    let from_text = load_all(&[Source::Path(seed)]).map_err(|e| format!("{e:?}"))?;
    let bundled = load_all(&[Source::Bundled]).map_err(|e| format!("{e:?}"))?;
    assert!(from_text.warnings.is_empty() && bundled.warnings.is_empty());
    let papers = |lib: &papertui::library::Library| -> Vec<Paper> {
        lib.iter().map(|p| p.to_paper()).collect()
    };
    assert_eq!(papers(&bundled.library), papers(&from_text.library));
    assert_eq!(bundled.library.len(), 86);
    assert_eq!(bundled.library.date.as_deref(), Some("Mar 14"));
    assert_eq!(from_text.library.date.as_deref(), Some("Mar 14"));
    assert_eq!(from_text.library.name.as_deref(), Some("Daily Papers"));
    assert_eq!(
        bundled.library.name.as_deref(),
        Some("Sample · Daily Papers"),
        "the bundled list says it is a sample"
    );
    Ok(())
}
