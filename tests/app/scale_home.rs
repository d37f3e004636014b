//! How long the features of a reader at home take on a million papers (run by hand:
//! `cargo test --release --test app scale_home -- --ignored --nocapture`).

use std::time::Instant;

use papertui::action::Action;
use papertui::library::{Chunk, LibraryBuilder, RawPaper};
use papertui::model::sorting::Order;
use papertui::model::{Effect, Model};

#[test]
#[ignore = "a timing run on a million papers; run by hand in release mode"]
fn a_million_papers_sort_mark_read_and_save_quickly() {
    let n = 1_000_000u32;
    let mut builder = LibraryBuilder::default();
    let mut chunk = Chunk::default();
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for i in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let title = format!("paper {} about {} and {}", x % 99_991, x % 7919, i);
        chunk
            .push(&RawPaper {
                title: title.into(),
                upvotes: Some((x % 500) as u32),
                published: Some(
                    format!("20{:02}-{:02}-{:02}", x % 25, x % 12 + 1, x % 28 + 1).into(),
                ),
                ..Default::default()
            })
            .expect("a title");
        if chunk.len() == 50_000 {
            builder.append(std::mem::take(&mut chunk));
        }
    }
    builder.append(chunk);
    let library = builder.into_library();
    for order in [Order::Upvotes, Order::Date, Order::Title] {
        let start = Instant::now();
        let sorted = papertui::workers::sorter::sorted(&library, order);
        println!("sort by {}: {:?}", order.label(), start.elapsed());
        assert_eq!(sorted.len(), n as usize);
    }
    let mut model = Model::new(library);
    model.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let start = Instant::now();
    model.update(Action::MarkAllRead);
    model.update(Action::MarkAllRead);
    println!("R R (mark a million read): {:?}", start.elapsed());
    assert!(model.is_read(123_456));
    let start = Instant::now();
    model.update(Action::ToggleUnreadOnly);
    println!("u (unread only): {:?}", start.elapsed());
    assert!(model.visible().is_empty());
    let start = Instant::now();
    let effects = model.take(papertui::model::Report::SaveRead);
    let Some(Effect::SaveRead(changes)) = effects.into_iter().next() else {
        panic!("no save");
    };
    let marks = papertui::workers::saver::marks_of(&changes);
    println!(
        "keys of a million changes (the saver's work): {:?}",
        start.elapsed()
    );
    let start = Instant::now();
    let json = marks
        .merge_into(papertui::marks::read::ReadMarks::default())
        .to_json();
    println!(
        "read.json of a million keys ({} MB): {:?}",
        json.len() >> 20,
        start.elapsed()
    );
}
