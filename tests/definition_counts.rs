//! Conditional counts over rows (`count(${g}, pred)` at the form's level, docs/definitions.md): kept
//! as running counts, each row answering its own condition, so a keystroke in one row re-checks
//! that row and the fields that read the count, never every row. The count is what reading every
//! row would give: the rows whose condition is true, or unknown while any row's cannot be read.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{value, Op};
use proptest::prelude::*;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::Scalar;
use school_safety_forms::engine::report::Report;
use school_safety_forms::forms::Computed;
use school_safety_forms::Validator;
use serde_json::{json, Value};

const NOW: i64 = 1_624_347_600_000; // 2021-06-22 15:40 China time

/// Guards (a repeated group) and a small table of categories, with counts over each.
fn definition() -> Value {
    json!({
        "id": "counts", "title": {"zh": "计数"},
        "params": {"rows": [{"id": "a", "zh": "甲"}, {"id": "b", "zh": "乙"}, {"id": "c", "zh": "丙"}]},
        "fields": [
            {"id": "limit", "label": {"zh": "限值"}, "type": "count"},
            {"id": "g", "label": {"zh": "保安员"}, "columns": [
                {"id": "x", "label": {"zh": "年龄"}, "type": "count"},
                {"id": "licensed", "label": {"zh": "持证"}, "type": "yes_no"}
            ]},
            {"id": "t", "label": {"zh": "类别"}, "rows": "$param.rows", "columns": [
                {"id": "found", "label": {"zh": "发现"}, "type": "count"},
                {"id": "fixed", "label": {"zh": "整治"}, "type": "count"}
            ]},
            {"id": "over", "label": {"zh": "超限人数"}, "type": "count", "calculate": "count(${g}, ${x} > ${limit})"},
            {"id": "licensed", "label": {"zh": "持证人数"}, "type": "count", "calculate": "count(${g}, ${licensed})",
             "constraint": "count(${g}, ${licensed}) >= 2", "code": "too_few_guards", "args": ["2"]},
            {"id": "open", "label": {"zh": "未清零类别数"}, "type": "count", "calculate": "count(${t}, ${fixed} < ${found})"}
        ]
    })
}

fn count(r: &Report, path: &str) -> Option<u64> {
    match r.computed.iter().find(|(p, _)| p == path).map(|(_, v)| v) {
        Some(Computed::Count(n)) => Some(*n),
        Some(Computed::Unknown) | None => None,
        Some(other) => panic!("{path}: {other:?}"),
    }
}

fn validator() -> Validator {
    Validator::from_definition(&definition().to_string(), &value(json!({}))).unwrap()
}

/// The counts at their boundaries: a guard at the limit is not over it, one year older is; a row
/// whose condition cannot be read leaves the count unknown; two licensed guards pass, one does not.
#[test]
fn counts_are_the_rows_whose_condition_holds() {
    let v = validator();
    let check = |data: Value| v.validate_at(&value(data), || Instant { unix_ms: NOW });
    let guards = |ages: &[&str], licensed: &[&str]| -> Value {
        ages.iter().zip(licensed).map(|(a, l)| json!({"x": a, "licensed": l})).collect()
    };
    let r = check(json!({"limit": "60", "g": guards(&["59", "60", "61"], &["是", "是", "否"])}));
    assert_eq!((count(&r, "over"), count(&r, "licensed")), (Some(1), Some(2)));
    assert!(!r.issues.iter().any(|i| i.code == "too_few_guards"), "{:?}", r.issues);
    let r = check(json!({"limit": "60", "g": guards(&["59", "abc"], &["是", "否"])}));
    assert_eq!(count(&r, "over"), None, "an unreadable age: not known how many are over");
    assert_eq!(count(&r, "licensed"), Some(1));
    assert!(r.issues.iter().any(|i| i.path == "licensed" && i.code == "too_few_guards"), "{:?}", r.issues);
    let r = check(
        json!({"t": {"a": {"found": "3", "fixed": "1"}, "b": {"found": "2", "fixed": "2"}, "c": {"found": "0", "fixed": "0"}}}),
    );
    assert_eq!(count(&r, "open"), Some(1));
    let r = check(
        json!({"t": {"a": {"found": "3", "fixed": "1"}, "b": {"found": "2", "fixed": ""}, "c": {"found": "0", "fixed": "0"}}}),
    );
    assert_eq!(count(&r, "open"), None);
}

/// A keystroke in one guard's row re-checks that row only: the count moves by its answer.
#[test]
fn a_keystroke_moves_the_count_by_one_row() {
    let v = validator();
    let mut s = v.session(|| Instant { unix_ms: NOW });
    s.set("limit", Scalar::Text("60".into()));
    s.insert_rows("g", 0, &(0..200).map(|_| value(json!({"x": "30", "licensed": "是"}))).collect::<Vec<_>>()).unwrap();
    assert_eq!(count(&s.result(), "over"), Some(0));
    let changes = s.set("g[150].x", Scalar::Text("61".into()));
    assert_eq!(count(&s.result(), "over"), Some(1));
    assert!(
        changes.issues.iter().all(|(p, _)| !p.starts_with("g[") || p.starts_with("g[150]")),
        "{:?}",
        changes.issues
    );
    s.set("limit", Scalar::Text("20".into()));
    assert_eq!(count(&s.result(), "over"), Some(200), "the limit is read by every row");
    s.remove_row("g", 150).unwrap();
    assert_eq!(count(&s.result(), "over"), Some(199));
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0usize..20, "[0-9]{0,2}|abc|是|否|").prop_map(|(p, t)| Op::Set(p, t)),
        2 => (0usize..5).prop_map(Op::Insert),
        1 => (0usize..5).prop_map(Op::Remove),
        1 => (0usize..5, 0usize..5).prop_map(|(a, b)| Op::Move(a, b)),
    ]
}

/// A typed count as the engine reads it, for the model: digits, else not readable.
fn read(text: Option<&Value>) -> Option<u64> {
    let t = text?.as_str()?;
    (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok()).flatten()
}

fn yes(text: Option<&Value>) -> Option<bool> {
    match text?.as_str()? {
        "是" => Some(true),
        "否" => Some(false),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// After any keystrokes and row operations, a session's result is validate()'s, and each count
    /// is what reading every row gives (the model counts them itself).
    #[test]
    fn running_counts_equal_reading_every_row(ops in prop::collection::vec(op(), 1..40)) {
        let v = validator();
        let mut s = v.session(|| Instant { unix_ms: NOW });
        let mut limit: Option<Value> = None;
        let mut rows: Vec<serde_json::Map<String, Value>> = Vec::new();
        let mut table = serde_json::Map::new();
        let paths = ["limit", "t.a.found", "t.a.fixed", "t.b.found", "t.b.fixed", "t.c.fixed"];
        for op in ops {
            match op {
                Op::Set(p, text) if p < paths.len() => {
                    s.set(paths[p], Scalar::Text(text.clone()));
                    match paths[p] {
                        "limit" => limit = Some(json!(text)),
                        other => { table.insert(other.to_owned(), json!(text)); }
                    }
                }
                Op::Set(p, text) => {
                    let (i, col) = ((p - paths.len()) / 2, ["x", "licensed"][p % 2]);
                    if i < rows.len() {
                        s.set(&format!("g[{i}].{col}"), Scalar::Text(text.clone()));
                        rows[i].insert(col.into(), json!(text));
                    }
                }
                Op::Insert(i) => {
                    let i = i.min(rows.len());
                    let row = json!({"x": "1"});
                    s.insert_rows("g", i, &[value(row.clone())]).unwrap();
                    rows.insert(i, row.as_object().unwrap().clone());
                }
                Op::Remove(i) if i < rows.len() => {
                    s.remove_row("g", i).unwrap();
                    rows.remove(i);
                }
                Op::Move(a, b) if a < rows.len() && b < rows.len() => {
                    s.move_row("g", a, b).unwrap();
                    let row = rows.remove(a);
                    rows.insert(b, row);
                }
                _ => {}
            }
            let mut data = serde_json::Map::new();
            if let Some(l) = &limit { data.insert("limit".into(), l.clone()); }
            for (k, v) in &table { data.insert(k.clone(), v.clone()); }
            if !rows.is_empty() { data.insert("g".into(), Value::Array(rows.iter().cloned().map(Value::Object).collect())); }
            let full = v.validate_at(&value(Value::Object(data)), || Instant { unix_ms: NOW });
            let result = s.result();
            prop_assert_eq!(&result, &full);

            // The model's own counts: unknown while any row's condition cannot be read.
            let over: Option<u64> = rows.iter().try_fold(0, |n, r| {
                let (x, l) = (read(r.get("x")), read(limit.as_ref()));
                Some(n + u64::from(x? > l?))
            });
            let licensed: Option<u64> = rows.iter().try_fold(0, |n, r| Some(n + u64::from(yes(r.get("licensed"))?)));
            let open: Option<u64> = ["a", "b", "c"].iter().try_fold(0, |n, c| {
                let (found, fixed) = (read(table.get(&format!("t.{c}.found"))), read(table.get(&format!("t.{c}.fixed"))));
                Some(n + u64::from(fixed? < found?))
            });
            prop_assert_eq!(count(&result, "over"), over);
            prop_assert_eq!(count(&result, "licensed"), licensed);
            prop_assert_eq!(count(&result, "open"), open);
        }
    }
}

/// A table count whose condition reads today: the day turning re-counts the rows, in a session
/// as in validate() (each row's answer holds for its day).
#[test]
fn a_count_reading_today_follows_the_day() {
    let def = json!({"id": "t", "title": {"zh": "表"}, "params": {"rows": [{"id": "a", "zh": "甲"}, {"id": "b", "zh": "乙"}]},
    "fields": [
        {"id": "t", "label": {"zh": "表"}, "rows": "$param.rows", "columns": [{"id": "d", "label": {"zh": "期限"}, "type": "date"}]},
        {"id": "due", "label": {"zh": "到期数"}, "type": "count", "calculate": "count(${t}, ${d} <= today())"}
    ]});
    let v = Validator::from_definition(&def.to_string(), &value(json!({}))).unwrap();
    let mut now = Instant { unix_ms: NOW };
    let mut s = v.session(|| now);
    s.set("t.a.d", Scalar::Text("2021-06-22".into()));
    s.set("t.b.d", Scalar::Text("2021-06-24".into()));
    assert_eq!(count(&s.result(), "due"), Some(1));
    now = Instant { unix_ms: NOW + 2 * 86_400_000 };
    s.set_now(now);
    let data = value(json!({"t": {"a": {"d": "2021-06-22"}, "b": {"d": "2021-06-24"}}}));
    assert_eq!(s.result(), v.validate_at(&data, || now));
    assert_eq!(count(&s.result(), "due"), Some(2));
}

/// What a row cannot answer alone is refused at the field that counts: a condition that sums or
/// counts rows itself, and a table row's condition reading a form field. Three conditional counts
/// over three groups take six of the eight slots and are accepted.
#[test]
fn conditions_a_row_cannot_answer_alone_are_refused() {
    let refused = |calculate: &str| {
        let mut d = definition();
        d["fields"][3]["calculate"] = json!(calculate);
        match Validator::from_definition(&d.to_string(), &value(json!({}))) {
            Err(school_safety_forms::engine::options::UsageError::Definition(e)) => (e.code.to_owned(), e.at),
            other => panic!("{calculate}: {:?}", other.map(|_| ())),
        }
    };
    assert_eq!(refused("count(${g}, count(${g}) > 1)"), ("unsupported_expression".into(), "over".into()));
    assert_eq!(
        refused("count(${t}, ${found} * 2 > sum(${t.found}))"),
        ("unsupported_expression".into(), "over".into())
    );
    assert_eq!(refused("count(${t}, ${found} > ${limit})"), ("unsupported_expression".into(), "over".into()));

    let group = |id: &str| json!({"id": id, "label": {"zh": "组"}, "columns": [{"id": "x", "label": {"zh": "数"}, "type": "count"}]});
    let counted = |id: &str| json!({"id": format!("n_{id}"), "label": {"zh": "数"}, "type": "count", "calculate": format!("count(${{{id}}}, ${{x}} > 1)")});
    let three = json!({"id": "three", "title": {"zh": "表"}, "fields": [
        group("a"), group("b"), group("c"), counted("a"), counted("b"), counted("c")
    ]});
    assert!(Validator::from_definition(&three.to_string(), &value(json!({}))).is_ok());
}

/// Where a blank row should count as no, the condition says so with blank() (docs/definitions.md):
/// `${licensed}` alone, or `= true`, is null on a blank row and leaves the count unknown.
#[test]
fn a_blank_row_counts_as_no_when_the_condition_says_so() {
    let mut d = definition();
    d["fields"][3]["calculate"] = json!("count(${g}, if(blank(${licensed}), false, ${licensed}))");
    let v = Validator::from_definition(&d.to_string(), &value(json!({}))).unwrap();
    let data = value(json!({"g": [{"x": "1", "licensed": "是"}, {"x": "2"}]}));
    let r = v.validate_at(&data, || Instant { unix_ms: NOW });
    assert_eq!(count(&r, "over"), Some(1));
    assert_eq!(count(&r, "licensed"), None, "count(${{g}}, ${{licensed}}) waits for the blank row");
}
