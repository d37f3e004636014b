//! A record with fields of the wrong type (`"upvotes": "many"`): each such field is found
//! alone, dropped and told, so the paper is kept; a title of the wrong type still costs it.

use serde_json::{Map, Value};

use super::{Dropped, Record, SCRATCH};

/// The record `json` without its fields of the wrong type (each told in `dropped`), or None
/// when that cannot help: not an object, or a title of the wrong type.
pub(super) fn without_wrong_fields(json: &str, dropped: &mut Vec<Dropped>) -> Option<String> {
    let Value::Object(fields) = serde_json::from_str(json).ok()? else {
        return None;
    };
    let mut found = Vec::new();
    let kept = kept_fields(fields, "", &mut found)?;
    if found.is_empty() {
        return None;
    }
    dropped.extend(found);
    serde_json::to_string(&kept).ok()
}

fn kept_fields(
    fields: Map<String, Value>,
    prefix: &str,
    dropped: &mut Vec<Dropped>,
) -> Option<Map<String, Value>> {
    let mut kept = serde_json::Map::new();
    for (name, value) in fields {
        let value = match value {
            Value::Object(inner) if name == "paper" && prefix.is_empty() => {
                Value::Object(kept_fields(inner, "paper.", dropped)?)
            }
            other => other,
        };
        let alone = serde_json::json!({ name.as_str(): value }).to_string();
        SCRATCH.with_borrow_mut(String::clear);
        match serde_json::from_str::<Record>(&alone) {
            Ok(_) => {
                kept.insert(name, value);
            }
            Err(_) if name == "title" => return None,
            Err(e) => {
                let why = e.to_string();
                let why = why.rfind(" at line ").map_or(&why[..], |i| &why[..i]);
                dropped.push(Dropped {
                    field: format!("{prefix}{name}"),
                    why: why.to_string(),
                });
            }
        }
    }
    Some(kept)
}
