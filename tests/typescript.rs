//! The TypeScript declarations (`src/wasm/types.d.ts`) against what the engine writes: every
//! result type's declared fields are the keys its JSON carries (a required field always, an
//! optional one `?` at most), so a field added, renamed or dropped on either side fails here
//! instead of in a portal's build.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{checkup, value, wenzhou_report, WENZHOU_NOW};
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::Value;
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;

const TYPES: &str = include_str!("../src/wasm/types.d.ts");

/// An interface's own fields: name → optional.
type Fields = BTreeMap<String, bool>;

/// Every `export interface` of `text` with its fields, those of the interface it extends included;
/// an index signature (`[path: string]: …`) declares no field.
fn interfaces(text: &str) -> BTreeMap<String, Fields> {
    let text = without_comments(text);
    let mut out: BTreeMap<String, Fields> = BTreeMap::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("export interface ") {
        rest = &rest[at + "export interface ".len()..];
        let open = rest.find('{').unwrap();
        let head: Vec<&str> = rest[..open].split_whitespace().collect();
        let body = &rest[open + 1..close_of(rest, open)];
        let mut fields = match head.as_slice() {
            [_, "extends", parent] => out.get(*parent).cloned().unwrap_or_else(|| panic!("{parent} first")),
            _ => Fields::new(),
        };
        for member in top_level(body) {
            let member = member.trim();
            if member.is_empty() || member.starts_with('[') {
                continue;
            }
            let colon = member.find(':').unwrap_or_else(|| panic!("a field: {member}"));
            let name = member[..colon].trim();
            let (name, optional) = match name.strip_suffix('?') {
                Some(name) => (name, true),
                None => (name, false),
            };
            fields.insert(name.trim_matches('"').to_owned(), optional);
        }
        out.insert(head[0].to_owned(), fields);
    }
    out
}

fn without_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("/*") {
        out.push_str(&rest[..at]);
        rest = &rest[at + rest[at..].find("*/").unwrap() + 2..];
    }
    out.push_str(rest);
    out.lines().map(|l| l.split("//").next().unwrap()).collect::<Vec<_>>().join("\n")
}

/// The index of the brace that closes the one at `open`.
fn close_of(text: &str, open: usize) -> usize {
    let mut depth = 0;
    for (i, c) in text.char_indices().skip_while(|(i, _)| *i < open) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    panic!("unclosed interface")
}

/// The members of an interface body: split at `;` outside nested braces, brackets and parentheses.
fn top_level(body: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0i32, 0, Vec::new());
    for (i, c) in body.char_indices() {
        match c {
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => depth -= 1,
            ';' | '\n' if depth == 0 => {
                out.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&body[start..]);
    out
}

/// `object` has every required field of `name` and no key it does not declare.
fn holds(types: &BTreeMap<String, Fields>, name: &str, object: &Json) {
    let fields = types.get(name).unwrap_or_else(|| panic!("types.d.ts declares {name}"));
    let object = object.as_object().unwrap_or_else(|| panic!("{name} is an object: {object}"));
    for key in object.keys() {
        assert!(fields.contains_key(key), "{name} does not declare {key:?} (written in {object:?})");
    }
    for (field, optional) in fields {
        assert!(*optional || object.contains_key(field), "{name}.{field} is always written ({object:?})");
    }
}

fn clock() -> Instant {
    Instant { unix_ms: 0 }
}

fn options(extra: Json) -> Value {
    let mut options = json!({"now": WENZHOU_NOW});
    options.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    value(options)
}

#[test]
fn validation_results_and_issues_are_as_declared() {
    let types = interfaces(TYPES);
    let report =
        school_safety_forms::validate_at("daily-report", &value(json!({})), &options(json!({})), clock).unwrap();
    let result: Json = serde_json::from_str(&report.to_json()).unwrap();
    holds(&types, "ValidationResult", &result);
    assert!(!result["issues"].as_array().unwrap().is_empty(), "a blank daily report has issues");
    for issue in result["issues"].as_array().unwrap() {
        holds(&types, "Issue", issue);
    }
    let report =
        school_safety_forms::validate_at("daily-report", &value(wenzhou_report()), &options(json!({})), clock).unwrap();
    holds(&types, "ValidationResult", &serde_json::from_str(&report.to_json()).unwrap());
}

#[test]
fn session_changes_and_row_splices_are_as_declared() {
    let types = interfaces(TYPES);
    let mut session = school_safety_forms::session("risk-register", &options(json!({})), clock).unwrap();
    let changes: Json =
        serde_json::from_str(&session.insert_rows("rows", 0, &[Value::Null]).unwrap().to_json()).unwrap();
    holds(&types, "SessionChanges", &changes);
    assert!(!changes["rows"].as_array().unwrap().is_empty(), "an inserted row is a splice");
    for splice in changes["rows"].as_array().unwrap() {
        holds(&types, "RowSplice", splice);
    }
    for list in changes["issues"].as_object().unwrap().values() {
        for issue in list.as_array().unwrap() {
            holds(&types, "Issue", issue);
        }
    }
    let keystroke: Json = serde_json::from_str(
        &session.set("rows[0].description", Value::Text("围墙开裂".into()).as_scalar().unwrap()).to_json(),
    )
    .unwrap();
    holds(&types, "SessionChanges", &keystroke);
}

#[test]
fn field_descriptions_and_profiles_are_as_declared() {
    let types = interfaces(TYPES);
    for kind in ["daily-report", "inspection-checklist", "security-checkup", "risk-register", "campaign-statistics"] {
        let fields = school_safety_forms::describe(kind, &Value::Text("jiangsu-2019".into()))
            .or_else(|_| school_safety_forms::describe(kind, &Value::Null))
            .unwrap();
        for field in serde_json::to_value(&fields).unwrap().as_array().unwrap() {
            holds(&types, "FieldDescription", field);
            holds(&types, "Localized", &field["label"]);
        }
    }
    for profile in serde_json::to_value(school_safety_forms::profiles()).unwrap().as_array().unwrap() {
        holds(&types, "ProfileInfo", profile);
        holds(&types, "Localized", &profile["title"]);
    }
}

#[test]
fn roll_ups_are_as_declared() {
    let types = interfaces(TYPES);
    let register =
        json!([{"unit": "温州中学", "rows": [{"description": "围墙开裂", "category": "fire", "status": "done"}]}]);
    let rollup =
        school_safety_forms::aggregate_at("risk-register", &value(register), &options(json!({})), clock).unwrap();
    let rollup = serde_json::to_value(&rollup).unwrap();
    holds(&types, "AggregateResult", &rollup);
    holds(&types, "CampaignStatistics", &rollup["data"]);
    for counts in rollup["data"]["by_category"].as_object().unwrap().values() {
        holds(&types, "StatusCounts", counts);
    }
    let checkups = json!([checkup(vec![])]);
    let rollup = school_safety_forms::aggregate_at(
        "security-checkup",
        &value(checkups),
        &options(json!({"profile": "jiangsu-2019"})),
        clock,
    )
    .unwrap();
    let rollup = serde_json::to_value(&rollup).unwrap();
    holds(&types, "AggregateResult", &rollup);
    holds(&types, "CheckupRates", &rollup["data"]);
    for rate in rollup["data"]["rates"].as_object().unwrap().values() {
        holds(&types, "Rate", rate);
    }
}

#[test]
fn pasted_rows_are_as_declared() {
    let types = interfaces(TYPES);
    let block = school_safety_forms::paste("risk-register", "rows", "隐患描述\t地点\n围墙开裂\t北门\n").unwrap();
    holds(&types, "PastedRows", &serde_json::from_str(&block.to_json()).unwrap());
}

/// The reader above sees what the declarations say (a guard on the guard).
#[test]
fn the_declarations_are_read() {
    let types = interfaces(TYPES);
    assert_eq!(types["Issue"].keys().collect::<Vec<_>>(), ["code", "message", "path", "severity"]);
    assert_eq!(types["SessionChanges"].get("rows"), Some(&true));
    assert_eq!(types["AggregateResult"].get("valid"), Some(&false), "extends ValidationResult");
    assert_eq!(types["Localized"].get("zh-CN"), Some(&false));
}
