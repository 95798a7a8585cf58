//! Hostile definitions in every `cargo test` (AFL++ runs the same question longer: scripts/fuzz's
//! `definition` target): the shipped definitions with their text cut and spliced, and with
//! expressions, types, ids and parameters replaced by junk. Compiling answers Ok or a mistake that
//! names its place, never a panic; what compiles validates, and its session ends where
//! `validate()` does.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use proptest::prelude::*;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::{Scalar, Value};
use school_safety_forms::Validator;
use serde_json::{json, Value as Json};

const DAILY: &str = include_str!("../forms/daily-report-wenzhou.json");
const FUNDS: &str = include_str!("../www/forms/daily-report-wenzhou-funds.json");

fn clock() -> Instant {
    Instant::parse_iso("2021-06-22T15:40:00+08:00").unwrap()
}

/// Compiles `text`; when it compiles, validates `data` and replays it key by key in a session.
fn run(text: &str, data: &[(String, String)]) -> Result<(), TestCaseError> {
    let v = match Validator::from_definition(text, &Value::Null) {
        Ok(v) => v,
        Err(e) => {
            let e = e.to_string();
            prop_assert!(!e.is_empty());
            return Ok(());
        }
    };
    let _ = v.describe();
    let mut session = v.session(clock);
    let mut flat = Vec::new();
    for (k, t) in data {
        session.set(k, Scalar::Text(t.clone()));
        flat.retain(|(key, _): &(String, Value)| key != k);
        flat.push((k.clone(), Value::Text(t.clone())));
    }
    prop_assert_eq!(session.result(), v.validate_at(&Value::Map(flat), clock));
    Ok(())
}

/// Junk an officer (or an attacker) could put where an expression, a type or an id goes.
fn junk() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{0,40}",
        prop::collection::vec(
            prop::sample::select(vec![
                "${found}",
                "${fixed}",
                "${unfixed}",
                "${rows.found}",
                "${",
                "}",
                "(",
                ")",
                "sum(",
                "total(",
                "count(",
                "if(",
                "today()",
                "days(",
                "$param.categories",
                "$param.",
                " <= ",
                " > ",
                " = ",
                " and ",
                " or ",
                "not ",
                " + ",
                " - ",
                " * ",
                " / ",
                ",",
                "\"x\"",
                "0",
                "1e309",
                "99999999999999999999",
                "-",
                "＞",
                "（",
            ]),
            0..24,
        )
        .prop_map(|parts| parts.concat()),
        (1usize..200).prop_map(|n| "(".repeat(n) + "1" + &")".repeat(n)),
        (1usize..200).prop_map(|n| "-".repeat(n) + "1"),
    ]
}

/// Expressions that may well compile: operators, functions and the daily report's names mixed.
fn plausible() -> impl Strategy<Value = String> {
    let operand = prop::sample::select(vec![
        "${found}",
        "${fixed}",
        "${unfixed}",
        "0",
        "3",
        "50",
        "1.5",
        "sum(${rows.found})",
        "sum(${rows.fixed})",
        "total(${rows.unfixed})",
        "${totals.found}",
        "days(${report_date}, today())",
        "\"fire\"",
        "if(typed(${found}), ${found}, 0)",
        "if(${found} > 1, 2)",
        "sum(${rows}, if(typed(${fixed}), ${fixed}, 0))",
        "required_guards(${found}, \"boarding\")",
        "len(answered_no(${found} > 1, ${fixed} = 0, true))",
        "len(join(answered_no(${found} > 1), \"、\"))",
    ]);
    let op = prop::sample::select(vec![" <= ", " > ", " = ", " != ", " + ", " - ", " * ", " / "]);
    (operand.clone(), op.clone(), operand.clone(), prop::option::of((op, operand))).prop_map(|(a, o, b, more)| {
        let e = format!("{a}{o}{b}");
        match more {
            Some((o2, c)) => format!("if({e}, {c}, 0){o2}{c}"),
            None => e,
        }
    })
}

/// A place in a definition and what to put there.
#[derive(Debug, Clone)]
enum Edit {
    /// A key of a field (top-level or a table's column), set to junk text.
    Field { index: usize, column: Option<usize>, key: &'static str, text: String },
    /// The text cut at `at` and `len` bytes dropped.
    Cut { at: usize, len: usize },
    /// Junk spliced in at `at`.
    Splice { at: usize, text: String },
}

fn edit() -> impl Strategy<Value = Edit> {
    let keys = prop::sample::select(vec![
        "constraint",
        "calculate",
        "required",
        "type",
        "id",
        "code",
        "severity",
        "rows",
        "choices",
        "max_length",
    ]);
    prop_oneof![
        3 => (0usize..20, prop::option::of(0usize..6), keys, prop_oneof![3 => plausible(), 1 => junk()])
            .prop_map(|(index, column, key, text)| Edit::Field { index, column, key, text }),
        1 => (0usize..8000, 0usize..200).prop_map(|(at, len)| Edit::Cut { at, len }),
        1 => (0usize..8000, junk()).prop_map(|(at, text)| Edit::Splice { at, text }),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut def: Json = serde_json::from_str(text).unwrap();
    let mut raw: Option<String> = None;
    for e in edits {
        match e {
            Edit::Field { index, column, key, text } => {
                let Some(fields) = def["fields"].as_array_mut() else { continue };
                let n = fields.len().max(1);
                let field = &mut fields[index % n];
                let target = match (column, field.get_mut("columns").and_then(Json::as_array_mut)) {
                    (Some(c), Some(cols)) if !cols.is_empty() => {
                        let m = cols.len();
                        &mut cols[c % m]
                    }
                    _ => field,
                };
                let value = match *key {
                    "required" if text.is_empty() => json!(true),
                    "max_length" => serde_json::from_str(text).unwrap_or(json!(text)),
                    _ => json!(text),
                };
                target[*key] = value;
            }
            Edit::Cut { at, len } => {
                let s = raw.get_or_insert_with(|| def.to_string());
                let at = floor(s, *at % (s.len() + 1));
                let end = floor(s, (at + len).min(s.len()));
                s.replace_range(at..end, "");
            }
            Edit::Splice { at, text } => {
                let s = raw.get_or_insert_with(|| def.to_string());
                let at = floor(s, *at % (s.len() + 1));
                s.insert_str(at, text);
            }
        }
    }
    raw.unwrap_or_else(|| def.to_string())
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn data() -> impl Strategy<Value = Vec<(String, String)>> {
    let paths = prop::sample::select(vec![
        "unit",
        "report_date",
        "rows.fire.found",
        "rows.fire.fixed",
        "rows.fire.unfixed",
        "rows.fire.measures",
        "rows.fire.funds",
        "rows.gas.found",
        "rows.gas.fixed",
        "totals.found",
        "totals.funds",
        "filled_by",
        "reviewed_by",
    ]);
    let values =
        prop::sample::select(vec!["", "0", "3", "5", "1.5", "abc", "-1", "2021-06-22", "２", "张三", "9999999999"]);
    prop::collection::vec((paths, values).prop_map(|(p, v)| (p.to_owned(), v.to_owned())), 0..12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_damaged_definition_is_a_mistake_or_a_form_never_a_panic(
        base in prop::sample::select(vec![DAILY, FUNDS]),
        edits in prop::collection::vec(edit(), 1..3),
        data in data(),
    ) {
        run(&apply(base, &edits), &data)?;
    }
}

#[test]
fn deep_and_long_definitions_are_refused_with_a_code() {
    for text in [
        "[".repeat(100_000),
        format!("{{\"id\":\"x\",\"title\":{{\"zh\":\"x\"}},\"fields\":[{{\"id\":\"a\",\"type\":\"count\",\"label\":{{\"zh\":\"a\"}},\"constraint\":\"{}1{}\"}}]}}", "(".repeat(5000), ")".repeat(5000)),
        format!("{{\"id\":\"x\",\"title\":{{\"zh\":\"x\"}},\"fields\":[{{\"id\":\"a\",\"type\":\"text\",\"label\":{{\"zh\":\"{}\"}}}}]}}", "长".repeat(400_000)),
    ] {
        let Err(e) = school_safety_forms::define::from_json(&text) else { panic!("compiled") };
        assert!(["definition_too_large", "expression_too_deep", "expression_too_long", "invalid_definition"].contains(&e.code), "{e}");
    }
}
