//! Bookmarks toggled, merged with what is on disk, and read from and written to their file.

use std::borrow::Cow;
use std::time::Duration;

use super::*;
use crate::library::{Authors, Chunk, Library, LibraryBuilder, RawPaper};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// 2024-03-14T09:30:00Z.
fn at(offset_secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_710_408_600 + offset_secs)
}

fn three_papers() -> Library {
    let papers = [
        (
            Some("2403.03507v2"),
            "GaLore: Memory-Efficient LLM Training",
        ),
        (None, "A Paper Without an Id"),
        (Some("2310.12962"), "An Emulator for Fine-Tuning"),
    ];
    let mut chunk = Chunk::default();
    for (id, title) in papers {
        let raw = RawPaper {
            id: id.map(Cow::from),
            title: title.into(),
            authors: Authors::Joined("Jiawei Zhao, Zhenyu Zhang and Beidi Chen".into()),
            published: Some("2024-03-06".into()),
            links: vec!["https://github.com/jiaweizzhao/GaLore".into()],
            ..Default::default()
        };
        chunk.push(&raw).expect("fixture titles are not empty");
    }
    let mut builder = LibraryBuilder::default();
    builder.append(chunk);
    builder.into_library()
}

fn keys(b: &Bookmarks) -> Vec<&str> {
    b.iter().map(|e| e.key.as_str()).collect()
}

fn hand_written(key: &str, title: &str) -> Bookmark {
    Bookmark {
        key: key.to_string(),
        title: title.to_string(),
        authors: Vec::new(),
        arxiv_id: None,
        link: None,
        published: None,
        bookmarked_at: None,
        extra: BTreeMap::new(),
    }
}

/// What another instance or a hand edit left on disk: bookmarks with no unsaved changes.
fn on_disk(entries: &[Bookmark]) -> Result<Bookmarks> {
    let mut b = Bookmarks::default();
    for e in entries {
        b.add(e.clone());
    }
    Ok(Bookmarks::from_json(b.to_json().as_bytes())?)
}

#[test]
fn toggling_a_paper_bookmarks_it_then_removes_it() -> Result {
    let lib = three_papers();
    let mut b = Bookmarks::default();
    assert!(b.toggle(&lib.get(0), at(0)));
    assert!(b.contains("arxiv:2403.03507"));
    assert_eq!(b.len(), 1);
    assert!(!b.toggle(&lib.get(0), at(1)));
    assert!(b.is_empty());
    Ok(())
}

#[test]
fn a_bookmark_holds_title_authors_id_first_link_and_when() -> Result {
    let lib = three_papers();
    let mark = Bookmark::of_paper(&lib.get(0), at(0));
    assert_eq!(mark.key, "arxiv:2403.03507");
    assert_eq!(mark.title, "GaLore: Memory-Efficient LLM Training");
    assert_eq!(mark.authors, ["Jiawei Zhao", "Zhenyu Zhang", "Beidi Chen"]);
    assert_eq!(mark.arxiv_id.as_deref(), Some("2403.03507"));
    assert_eq!(
        mark.link.as_deref(),
        Some("https://arxiv.org/abs/2403.03507")
    );
    assert_eq!(mark.bookmarked_at.as_deref(), Some("2024-03-14T09:30:00Z"));
    let no_id = Bookmark::of_paper(&lib.get(1), at(0));
    assert_eq!(no_id.key, "title:a-paper-without-an-id");
    assert_eq!(
        no_id.link.as_deref(),
        Some("https://github.com/jiaweizzhao/GaLore")
    );
    Ok(())
}

#[test]
fn a_save_applies_only_this_instances_adds_and_removes() -> Result {
    let lib = three_papers();
    let disk = on_disk(&[
        Bookmark::of_paper(&lib.get(1), at(0)),
        hand_written("title:kept-from-an-older-list", "Kept"),
    ])?;
    let mut mine = disk.clone();
    mine.toggle(&lib.get(0), at(5));
    mine.toggle(&lib.get(1), at(5));
    assert!(mine.has_unsaved_changes());

    let mut disk_now = disk;
    disk_now.add(Bookmark::of_paper(&lib.get(2), at(3)));
    let merged = mine.merge_into(Bookmarks::from_json(disk_now.to_json().as_bytes())?);
    assert_eq!(
        keys(&merged),
        [
            "arxiv:2310.12962",
            "arxiv:2403.03507",
            "title:kept-from-an-older-list"
        ]
    );
    assert!(!merged.has_unsaved_changes());
    Ok(())
}

#[test]
fn an_own_add_keeps_the_entry_already_on_disk() -> Result {
    let lib = three_papers();
    let mut mine = Bookmarks::default();
    mine.toggle(&lib.get(0), at(9));
    let mut edited = hand_written("arxiv:2403.03507", "GaLore (retitled by hand)");
    edited
        .extra
        .insert("note".into(), Value::from("read section 3"));
    let merged = mine.merge_into(on_disk(&[edited.clone()])?);
    assert_eq!(merged.get("arxiv:2403.03507"), Some(&edited));
    Ok(())
}

#[test]
fn hand_edits_and_other_instances_bookmarks_survive_a_save() -> Result {
    let lib = three_papers();
    let mut mine = on_disk(&[hand_written("title:old", "Old")])?;
    mine.toggle(&lib.get(2), at(0));
    // Meanwhile, by hand: "Old" retitled, an unknown field added, a bookmark added.
    let disk = br#"{
  "version": 1,
  "bookmarks": [
    {"key": "title:old", "title": "Old, retitled", "stars": 5},
    {"key": "title:written-by-hand", "title": "Written by hand"}
  ],
  "comment": "my reading list"
}"#;
    let merged = mine.merge_into(Bookmarks::from_json(disk)?);
    assert_eq!(
        keys(&merged),
        ["arxiv:2310.12962", "title:old", "title:written-by-hand"]
    );
    let old = merged.get("title:old").ok_or("title:old was lost")?;
    assert_eq!(old.title, "Old, retitled");
    assert_eq!(old.extra.get("stars"), Some(&Value::from(5)));
    assert!(
        merged
            .to_json()
            .contains("\"comment\": \"my reading list\"")
    );
    Ok(())
}

#[test]
fn an_own_remove_removes_that_key_only() -> Result {
    let lib = three_papers();
    let disk = on_disk(&[
        Bookmark::of_paper(&lib.get(0), at(0)),
        Bookmark::of_paper(&lib.get(2), at(0)),
    ])?;
    let mut mine = disk.clone();
    mine.remove("arxiv:2403.03507");
    let merged = mine.merge_into(disk);
    assert_eq!(keys(&merged), ["arxiv:2310.12962"]);
    Ok(())
}

#[test]
fn the_last_action_on_a_key_is_the_one_saved() -> Result {
    let lib = three_papers();
    let mut mine = Bookmarks::default();
    mine.toggle(&lib.get(0), at(0));
    mine.toggle(&lib.get(0), at(1));
    let disk = on_disk(&[Bookmark::of_paper(&lib.get(0), at(0))])?;
    assert!(mine.merge_into(disk.clone()).is_empty());

    let mut mine = disk.clone();
    mine.toggle(&lib.get(0), at(1));
    mine.toggle(&lib.get(0), at(2));
    assert_eq!(
        keys(&mine.merge_into(Bookmarks::default())),
        ["arxiv:2403.03507"]
    );
    let (added, removed) = mine.unsaved_changes();
    assert_eq!(added.collect::<Vec<_>>(), ["arxiv:2403.03507"]);
    assert_eq!(removed.count(), 0);
    Ok(())
}

#[test]
fn the_file_is_pretty_sorted_and_reads_back_the_same() -> Result {
    let lib = three_papers();
    let mut b = Bookmarks::default();
    for i in [2, 0, 1] {
        b.toggle(&lib.get(i), at(i as u64));
    }
    let text = b.to_json();
    assert!(text.starts_with("{\n  \"version\": 1,\n  \"bookmarks\": [\n    {\n"));
    assert!(text.ends_with("}\n"));
    let back = Bookmarks::from_json(text.as_bytes())?;
    assert_eq!(
        keys(&back),
        [
            "arxiv:2310.12962",
            "arxiv:2403.03507",
            "title:a-paper-without-an-id"
        ]
    );
    assert_eq!(back.to_json(), text);
    assert!(!back.has_unsaved_changes());
    Ok(())
}

#[test]
fn a_newer_version_is_refused_whatever_its_shape() -> Result {
    let err = Bookmarks::from_json(br#"{"version": 2, "bookmarks": {"new": "shape"}}"#)
        .err()
        .ok_or("a version 2 file was accepted")?;
    assert!(matches!(err, ParseError::Newer { version: 2 }), "{err}");
    assert!(err.to_string().contains("newer papertui"));
    Ok(())
}

#[test]
fn broken_files_are_refused_with_line_and_column() -> Result {
    let cases: [(&[u8], usize, &str); 5] = [
        (
            b"{\"version\": 1,\n  \"bookmarks\": [\n    {\"key\": }",
            3,
            "expected value",
        ),
        (b"", 1, "EOF"),
        (b"{\"bookmarks\": []}", 1, "missing field `version`"),
        (
            b"{\"version\": 1, \"bookmarks\": [\n {\"key\": \"a\"},\n {\"key\": \"a\"}]}",
            3,
            "twice",
        ),
        (
            b"{\"version\": 1, \"bookmarks\": [\n {\"title\": 3}]}",
            2,
            "invalid type",
        ),
    ];
    for (bytes, line, what) in cases {
        match Bookmarks::from_json(bytes) {
            Err(ParseError::Invalid(e)) => {
                assert_eq!(e.line(), line, "{e}");
                assert!(e.to_string().contains(what), "{e}");
            }
            other => {
                return Err(
                    format!("{:?} read as {other:?}", String::from_utf8_lossy(bytes)).into(),
                );
            }
        }
    }
    Ok(())
}

#[test]
fn a_byte_order_mark_from_an_editor_is_accepted() -> Result {
    let b =
        Bookmarks::from_json(b"\xEF\xBB\xBF{\"version\": 1, \"bookmarks\": [{\"key\": \"k\"}]}")?;
    assert_eq!(keys(&b), ["k"]);
    Ok(())
}

#[test]
fn an_arxiv_id_alone_makes_a_bookmark_with_its_abstract_page() -> Result {
    let mark = Bookmark::of_arxiv_id("2401.00001", at(0));
    assert_eq!(mark.key, "arxiv:2401.00001");
    assert_eq!(mark.display_title(), "arxiv:2401.00001");
    assert_eq!(
        mark.link.as_deref(),
        Some("https://arxiv.org/abs/2401.00001")
    );
    Ok(())
}

#[test]
fn times_are_rfc3339_utc() -> Result {
    assert_eq!(rfc3339_utc(UNIX_EPOCH), "1970-01-01T00:00:00Z");
    assert_eq!(rfc3339_utc(at(0)), "2024-03-14T09:30:00Z");
    let leap_day = UNIX_EPOCH + Duration::from_secs(951_782_399);
    assert_eq!(rfc3339_utc(leap_day), "2000-02-28T23:59:59Z");
    let new_year = UNIX_EPOCH + Duration::from_secs(1_735_689_600);
    assert_eq!(rfc3339_utc(new_year), "2025-01-01T00:00:00Z");
    Ok(())
}
