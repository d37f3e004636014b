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
            abstract_text: "Gradient low-rank projection.".into(),
            upvotes: Some(187),
            categories: vec!["cs.LG".into()],
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
        ..Bookmark::default()
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
fn a_bookmark_holds_what_is_needed_to_read_the_paper_later() -> Result {
    let lib = three_papers();
    let mark = Bookmark::of_paper(&lib.get(0), at(0));
    assert_eq!(mark.key, "arxiv:2403.03507");
    assert_eq!(mark.title, "GaLore: Memory-Efficient LLM Training");
    assert_eq!(mark.abstract_text, "Gradient low-rank projection.");
    assert_eq!(mark.authors, ["Jiawei Zhao", "Zhenyu Zhang", "Beidi Chen"]);
    assert_eq!(mark.arxiv_id.as_deref(), Some("2403.03507"));
    assert_eq!(mark.upvotes, Some(187));
    assert_eq!(mark.categories, ["cs.LG"]);
    assert_eq!(mark.published.as_deref(), Some("2024-03-06"));
    assert_eq!(
        mark.links,
        [
            "https://arxiv.org/abs/2403.03507",
            "https://github.com/jiaweizzhao/GaLore"
        ]
    );
    assert_eq!(mark.bookmarked_at.as_deref(), Some("2024-03-14T09:30:00Z"));
    let no_id = Bookmark::of_paper(&lib.get(1), at(0));
    assert_eq!(no_id.key, "title:a-paper-without-an-id");
    assert_eq!(no_id.links, ["https://github.com/jiaweizzhao/GaLore"]);
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
    edited.note = "read section 3".into();
    edited.extra.insert("stars".into(), Value::from(5));
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
    assert!(text.starts_with("{\n  \"version\": 2,\n  \"bookmarks\": [\n    {\n"));
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
    let err = Bookmarks::from_json(br#"{"version": 3, "bookmarks": {"new": "shape"}}"#)
        .err()
        .ok_or("a version 3 file was accepted")?;
    assert!(matches!(err, ParseError::Newer { version: 3, .. }), "{err}");
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
    assert_eq!(mark.links, ["https://arxiv.org/abs/2401.00001"]);
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

/// A version 1 file as papertui wrote it, with a hand edit: a bookmark added by id alone (an
/// empty title), an unknown field, one named like a version 2 field, and a top-level note.
const VERSION_1: &[u8] = br#"{
  "version": 1,
  "bookmarks": [
    {
      "key": "arxiv:2401.00001",
      "title": "",
      "arxiv_id": "2401.00001",
      "link": "https://arxiv.org/abs/2401.00001",
      "bookmarked_at": "2024-01-02T00:00:00Z"
    },
    {
      "key": "arxiv:2403.03507",
      "title": "GaLore",
      "authors": ["Jiawei Zhao", "Zhenyu Zhang"],
      "arxiv_id": "2403.03507",
      "link": "https://github.com/jiaweizzhao/GaLore",
      "published": "2024-03-06",
      "bookmarked_at": "2024-03-14T09:30:00Z",
      "stars": 5,
      "note": "a hand-written note",
      "tags": 7
    },
    {"key": "title:written-by-hand", "title": "Written by hand"}
  ],
  "comment": "my reading list"
}"#;

#[test]
fn a_version_1_file_is_migrated_keeping_every_bookmark() -> Result {
    let b = Bookmarks::from_json(VERSION_1)?;
    assert_eq!(b.version(), 1);
    assert_eq!(
        keys(&b),
        [
            "arxiv:2401.00001",
            "arxiv:2403.03507",
            "title:written-by-hand"
        ]
    );
    let galore = b.get("arxiv:2403.03507").ok_or("GaLore was lost")?;
    assert_eq!(galore.arxiv_id.as_deref(), Some("2403.03507"));
    assert_eq!(galore.links, ["https://github.com/jiaweizzhao/GaLore"]);
    assert_eq!(galore.authors, ["Jiawei Zhao", "Zhenyu Zhang"]);
    assert_eq!(galore.published.as_deref(), Some("2024-03-06"));
    assert_eq!(
        galore.bookmarked_at.as_deref(),
        Some("2024-03-14T09:30:00Z")
    );
    assert_eq!(galore.extra.get("stars"), Some(&Value::from(5)));
    // A hand-written field named like a version 2 one becomes it when it fits, else is kept.
    assert_eq!(galore.note, "a hand-written note");
    assert_eq!(galore.extra.get("v1.tags"), Some(&Value::from(7)));

    let text = b.to_json();
    assert!(text.starts_with("{\n  \"version\": 2,"), "{text}");
    assert!(!text.contains("\"\""), "an empty field was written: {text}");
    assert!(
        !text.contains("arxiv_id") && !text.contains("\"link\""),
        "{text}"
    );
    assert!(text.contains("\"comment\": \"my reading list\""));
    let again = Bookmarks::from_json(text.as_bytes())?;
    assert_eq!(keys(&again), keys(&b));
    assert_eq!(again.get("arxiv:2403.03507"), Some(galore));
    assert_eq!(again.to_json(), text);
    Ok(())
}

#[test]
fn saving_a_version_1_file_writes_version_2_with_own_changes() -> Result {
    let lib = three_papers();
    let mut mine = Bookmarks::from_json(VERSION_1)?;
    mine.toggle(&lib.get(2), at(0));
    let merged = mine.merge_into(Bookmarks::from_json(VERSION_1)?);
    assert_eq!(merged.len(), 4);
    let back = Bookmarks::from_json(merged.to_json().as_bytes())?;
    assert_eq!(back.version(), 2);
    assert_eq!(back.len(), 4);
    Ok(())
}

#[test]
fn empty_fields_are_left_out_of_the_file() -> Result {
    let b = on_disk(&[Bookmark::of_arxiv_id("2401.00001", at(0))])?;
    let text = b.to_json();
    for absent in ["\"title\"", "\"abstract\"", "\"note\"", "\"tags\"", "\"\""] {
        assert!(!text.contains(absent), "{absent} in {text}");
    }
    Ok(())
}

#[test]
fn a_thin_bookmark_is_filled_in_keeping_its_tags_note_and_time() -> Result {
    let lib = three_papers();
    let mut thin = Bookmark::of_arxiv_id("2403.03507", at(0));
    thin.tags = vec!["cite".into()];
    thin.note = "mine".into();
    let full = Bookmark::of_paper(&lib.get(0), at(99));
    assert!(thin.fill_from(&full));
    assert_eq!(thin.title, full.title);
    assert_eq!(thin.abstract_text, full.abstract_text);
    assert_eq!(thin.links, full.links);
    assert_eq!(
        (thin.tags.as_slice(), thin.note.as_str()),
        (&["cite".to_string()][..], "mine")
    );
    assert_eq!(thin.bookmarked_at.as_deref(), Some("2024-03-14T09:30:00Z"));
    assert!(!thin.fill_from(&full), "a second fill changed something");
    Ok(())
}

#[test]
fn an_own_update_is_saved_and_the_files_unknown_fields_kept() -> Result {
    let mut edited = hand_written("title:old", "Old");
    edited.extra.insert("stars".into(), Value::from(5));
    let disk = on_disk(&[edited])?;
    let mut mine = disk.clone();
    assert!(mine.update("title:old", |b| b.tags = vec!["cite".into()]));
    assert!(!mine.update("title:old", |b| b.tags = vec!["cite".into()]));
    assert!(!mine.update("title:absent", |b| b.note = "x".into()));
    assert!(mine.has_unsaved_changes());
    let merged = mine.merge_into(disk);
    let old = merged.get("title:old").ok_or("lost")?;
    assert_eq!(old.tags, ["cite"]);
    assert_eq!(old.extra.get("stars"), Some(&Value::from(5)));
    assert!(!merged.has_unsaved_changes());
    Ok(())
}

#[test]
fn the_newest_bookmark_comes_first() -> Result {
    let lib = three_papers();
    let mut b = Bookmarks::default();
    b.add(hand_written("title:undated", "Undated"));
    for (i, when) in [(0, 5), (1, 9), (2, 1)] {
        b.toggle(&lib.get(i), at(when));
    }
    let order: Vec<&str> = b.newest_first().iter().map(|e| e.key.as_str()).collect();
    assert_eq!(
        order,
        [
            "title:a-paper-without-an-id",
            "arxiv:2403.03507",
            "arxiv:2310.12962",
            "title:undated"
        ]
    );
    Ok(())
}

#[test]
fn tags_are_one_clean_word_each() -> Result {
    assert_eq!(clean_tag(" #To Read ").as_deref(), Some("To-Read"));
    assert_eq!(clean_tag("cite\u{1b},").as_deref(), Some("cite"));
    assert_eq!(clean_tag(" # "), None);
    let b = Bookmarks::from_json(
        br#"{"version": 2, "bookmarks": [{"key": "k", "tags": ["b", "a", "b", ""]}]}"#,
    )?;
    let entry = b.get("k").ok_or("lost")?;
    assert_eq!(entry.tags, ["a", "b"]);
    assert!(entry.has_tag("#A"));
    Ok(())
}
