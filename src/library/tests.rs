//! Papers cleaned into chunks, authors split, and duplicates dropped as chunks are appended.

use std::borrow::Cow;

use super::raw::split_authors;
use super::*;
use crate::sanitize::AUTHORS_MAX;

fn raw<'a>(id: Option<&'a str>, title: &'a str) -> RawPaper<'a> {
    RawPaper {
        id: id.map(Cow::from),
        title: title.into(),
        abstract_text: "An abstract.\n  Wrapped.".into(),
        authors: Authors::Joined("C. Bal\u{e1}zs, E. L. Berger and P. Nadolsky".into()),
        links: vec!["https://github.com/a/b".into(), "javascript:x".into()],
        ..Default::default()
    }
}

#[test]
fn papers_read_back_cleaned() {
    let mut c = Chunk::default();
    c.push(&raw(Some("2310.12962v2"), "A  Title\n")).unwrap();
    let p = c.get(0);
    assert_eq!(p.title(), "A Title");
    assert_eq!(p.abstract_text(), "An abstract. Wrapped.");
    assert_eq!(
        p.authors().collect::<Vec<_>>(),
        ["C. Bal\u{e1}zs", "E. L. Berger", "P. Nadolsky"]
    );
    assert_eq!(p.arxiv_id(), Some("2310.12962"));
    assert_eq!(p.key(), "arxiv:2310.12962");
    assert_eq!(
        p.links(),
        ["https://arxiv.org/abs/2310.12962", "https://github.com/a/b"]
    );
}

#[test]
fn only_whole_web_links_are_stored() {
    let long = format!("https://x.org/{}", "a".repeat(1000));
    let mut r = raw(None, "t");
    r.links = vec![
        long.as_str().into(),
        "https://x.org/\x1b]0;PWNED\x07".into(),
        "file:///etc/passwd".into(),
        " https://ok.org/trimmed ".into(),
    ];
    let mut c = Chunk::default();
    c.push(&r).unwrap();
    let links: Vec<_> = c.get(0).stored_links().collect();
    assert_eq!(links, [long.as_str(), "https://ok.org/trimmed"]);
}

#[test]
fn empty_titles_are_refused() {
    let mut c = Chunk::default();
    assert_eq!(c.push(&raw(None, " \u{200b}\n")), Err(Rejected::EmptyTitle));
    assert!(c.is_empty());
}

#[test]
fn duplicates_by_key_are_dropped_across_and_within_chunks() {
    let mut b = LibraryBuilder::default();
    let mut c1 = Chunk::default();
    c1.push(&raw(Some("2310.12962"), "First")).unwrap();
    c1.push(&raw(None, "Same Title")).unwrap();
    c1.push(&raw(None, "same title!")).unwrap();
    assert_eq!(b.append(c1), 1);
    let mut c2 = Chunk::default();
    c2.push(&raw(Some("2310.12962v3"), "First again")).unwrap();
    c2.push(&raw(None, "Other")).unwrap();
    assert_eq!(b.append(c2), 1);
    let lib = b.into_library();
    let titles: Vec<_> = lib.iter().map(|p| p.title()).collect();
    assert_eq!(titles, ["First", "Same Title", "Other"]);
    assert_eq!(lib.get(2).title(), "Other");
}

#[test]
fn too_many_authors_end_in_et_al() {
    let names: Vec<String> = (0..150).map(|i| format!("Author {i}")).collect();
    let mut r = raw(None, "t");
    r.authors = Authors::List(names.iter().map(|n| n.as_str().into()).collect());
    let mut c = Chunk::default();
    c.push(&r).unwrap();
    let authors: Vec<_> = c.get(0).authors().collect();
    assert_eq!(authors.len(), AUTHORS_MAX + 1);
    assert_eq!(authors.last(), Some(&"et al."));
}

#[test]
fn an_escape_sequence_is_never_split_into_authors() {
    let mut r = raw(None, "t");
    r.authors = Authors::Joined("A\x1b]0;PWNED, x; y\x07, B and C".into());
    let mut c = Chunk::default();
    c.push(&r).unwrap();
    assert_eq!(c.get(0).authors().collect::<Vec<_>>(), ["A", "B", "C"]);
}

#[test]
fn author_strings_split_outside_parentheses() {
    let names: Vec<_> = split_authors("A. Smith (MIT, CSAIL), B. Anderson and C. Lee; D").collect();
    assert_eq!(
        names,
        ["A. Smith (MIT, CSAIL)", "B. Anderson", "C. Lee", "D"]
    );
}

#[test]
fn the_same_paper_from_two_sources_is_one_paper_with_the_fields_of_both() {
    let daily = RawPaper {
        id: Some("2606.00467".into()),
        title: "On the Limits".into(),
        upvotes: Some(12),
        ai_summary: Some("LLMs resist correction.".into()),
        keywords: vec!["zero-shot".into()],
        categories: vec!["cs.CL".into()],
        ..Default::default()
    };
    let announced = RawPaper {
        id: Some("2606.00467v2".into()),
        title: "On the limits".into(),
        abstract_text: "The abstract.".into(),
        comment: Some("37 pages".into()),
        categories: vec!["cs.CL".into(), "cs.LG".into()],
        keywords: vec!["ignored, the first source has keywords".into()],
        announce_type: Some(AnnounceType::Replace),
        ..Default::default()
    };
    let mut b = LibraryBuilder::default();
    let mut first = Chunk::default();
    first.push(&raw(None, "Another paper")).unwrap();
    first.push(&daily).unwrap();
    b.append(first);
    let before = b.library().clone();
    let mut second = Chunk::default();
    second.push(&announced).unwrap();
    assert_eq!(b.append(second), 1, "a duplicate");
    let lib = b.into_library();
    assert_eq!(lib.len(), 2);
    let p = lib.get(1);
    assert_eq!(p.title(), "On the Limits", "the first source's title stays");
    assert_eq!(p.upvotes(), Some(12));
    assert_eq!(p.abstract_text(), "The abstract.");
    assert_eq!(p.detail(Detail::Comment), Some("37 pages"));
    assert_eq!(p.detail(Detail::AiSummary), Some("LLMs resist correction."));
    assert_eq!(
        p.details_of(Detail::Keyword).collect::<Vec<_>>(),
        ["zero-shot"]
    );
    assert_eq!(p.categories().collect::<Vec<_>>(), ["cs.CL", "cs.LG"]);
    assert_eq!(p.announce(), Some(AnnounceType::Replace));
    assert_eq!(
        p.key(),
        "arxiv:2606.00467",
        "the key, so bookmarks and read marks, stay"
    );
    assert_eq!(lib.get(0).title(), "Another paper");
    assert_eq!(
        before.get(1).detail(Detail::Comment),
        None,
        "a snapshot taken before is not changed under its reader"
    );
}

#[test]
fn an_identical_duplicate_rebuilds_nothing() {
    let mut b = LibraryBuilder::default();
    let mut first = Chunk::default();
    first.push(&raw(Some("2401.00001"), "T")).unwrap();
    b.append(first);
    let before = b
        .library()
        .chunks()
        .next()
        .map(|(_, c)| std::ptr::from_ref::<Chunk>(c));
    let mut again = Chunk::default();
    again.push(&raw(Some("2401.00001"), "T")).unwrap();
    assert_eq!(b.append(again), 1);
    let after = b
        .library()
        .chunks()
        .next()
        .map(|(_, c)| std::ptr::from_ref::<Chunk>(c));
    assert_eq!(before, after, "the chunk is shared, not copied");
}

#[test]
fn announcements_the_config_leaves_out_are_not_added() {
    let mut b = LibraryBuilder::default();
    b.leave_out(&[AnnounceType::Cross, AnnounceType::ReplaceCross]);
    let mut c = Chunk::default();
    for (title, kind) in [
        ("new", AnnounceType::New),
        ("cross", AnnounceType::Cross),
        ("replaced", AnnounceType::Replace),
        ("replaced cross", AnnounceType::ReplaceCross),
    ] {
        c.push(&RawPaper {
            title: title.into(),
            announce_type: Some(kind),
            ..Default::default()
        })
        .unwrap();
    }
    c.push(&raw(None, "from a file, no announcement")).unwrap();
    assert_eq!(b.append(c), 0, "left out, not duplicates");
    let titles: Vec<&str> = b.library().iter().map(|p| p.title()).collect();
    assert_eq!(titles, ["new", "replaced", "from a file, no announcement"]);
}
