//! A repeated group's key declared in a definition (`unique`, docs/definitions.md): rows whose key
//! columns read the same are duplicates, marked at the key's first column with the definition's
//! code (第N行 naming the first other row where its message says so), through the session's
//! duplicate index, never a scan of every row. One guard entered twice is the security check-up's
//! rule (seed 004 附件1; `duplicate_resident_id`), one hazard entered twice the register's.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{resident_id, value, Op};
use proptest::prelude::*;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::Scalar;
use school_safety_forms::engine::options::UsageError;
use school_safety_forms::engine::report::Report;
use school_safety_forms::Validator;
use serde_json::{json, Value};

const NOW: i64 = 1_624_347_600_000; // 2021-06-22 15:40 China time

fn guards() -> Value {
    json!({
        "id": "guards", "title": {"zh": "保安员"},
        "fields": [{"id": "guards", "label": {"zh": "专职保安员"},
            "unique": ["id_number"], "unique_code": "duplicate_resident_id",
            "columns": [
                {"id": "name", "label": {"zh": "保安员姓名"}, "type": "text"},
                {"id": "id_number", "label": {"zh": "身份证号码"}, "type": "resident_id"}
            ]}]
    })
}

fn hazards(code: &str) -> Value {
    json!({
        "id": "hazards", "title": {"zh": "风险隐患排查表"},
        "codes": {"same_hazard": {"zh": "{label}与第{0}行相同", "en": "{label} repeats row {0}", "severity": "warning"}},
        "fields": [{"id": "rows", "label": {"zh": "隐患"}, "unique": ["description", "place"], "unique_code": code,
            "columns": [
                {"id": "description", "label": {"zh": "隐患描述"}, "type": "text"},
                {"id": "place", "label": {"zh": "地点"}, "type": "text"}
            ]}]
    })
}

fn check(definition: &Value, data: Value) -> Report {
    let v = Validator::from_definition(&definition.to_string(), &value(json!({}))).unwrap();
    v.validate_at(&value(data), || Instant { unix_ms: NOW })
}

fn marked(r: &Report, code: &str) -> Vec<(String, String)> {
    r.issues.iter().filter(|i| i.code == code).map(|i| (i.path.clone(), i.message.clone())).collect()
}

/// The same guard twice (the ID typed once with a lower-case x and blanks, as the rule reads it):
/// a warning at each row's ID naming the other; a third guard is left alone, and an invalid ID is
/// not compared (its own error says why).
#[test]
fn one_guard_entered_twice_is_named_at_both_rows() {
    let id = resident_id("11010519491231002");
    let typed = format!(" {} ", id.to_lowercase());
    let r = check(
        &guards(),
        json!({"guards": [
            {"name": "张三", "id_number": id}, {"name": "李四", "id_number": resident_id("33030219700901001")},
            {"name": "张三", "id_number": typed}, {"name": "王五", "id_number": "110105194912310020"}
        ]}),
    );
    assert_eq!(
        marked(&r, "duplicate_resident_id"),
        [
            ("guards[0].id_number".to_owned(), "身份证号码与第3行保安员相同，同一人请勿重复填报".to_owned()),
            ("guards[2].id_number".to_owned(), "身份证号码与第1行保安员相同，同一人请勿重复填报".to_owned()),
        ]
    );
    let errors: Vec<_> = r.issues.iter().filter(|i| i.severity == "error").map(|i| (&*i.path, &*i.code)).collect();
    assert_eq!(errors, [("guards[3].id_number", "bad_check_digit")], "duplicates are warnings");
}

/// A key of two text columns, folded as names are (full-width and half-width, blanks): the same
/// description at another place is another hazard; the definition's own code names the row.
#[test]
fn a_two_column_key_folds_text_and_speaks_in_the_definitions_words() {
    let r = check(
        &hazards("same_hazard"),
        json!({"rows": [
            {"description": "楼梯扶手松动", "place": "教学楼A"},
            {"description": "楼梯扶手松动", "place": "教学楼B"},
            {"description": " 楼梯 扶手松动", "place": "教学楼Ａ"},
            {"description": "", "place": "教学楼A"},
            {"description": "", "place": "教学楼A"}
        ]}),
    );
    assert_eq!(
        marked(&r, "same_hazard"),
        [
            ("rows[0].description".to_owned(), "隐患描述与第3行相同".to_owned()),
            ("rows[2].description".to_owned(), "隐患描述与第1行相同".to_owned()),
        ],
        "rows without a description have no key"
    );
    assert!(r.issues.iter().all(|i| i.severity == "warning"));
}

fn mistake(definition: Value) -> (String, String) {
    match Validator::from_definition(&definition.to_string(), &value(json!({}))) {
        Err(UsageError::Definition(e)) => (e.code.to_owned(), e.at),
        other => panic!("{:?}", other.map(|_| ())),
    }
}

/// Every mistake in a key names its place.
#[test]
fn key_mistakes_name_their_place() {
    let mut d = hazards("same_hazard");
    d["fields"][0]["unique"] = json!(["description", "room"]);
    assert_eq!(mistake(d), ("unknown_field".into(), "fields[0].unique[1]".into()));
    let mut d = hazards("same_hazard");
    d["fields"][0].as_object_mut().unwrap().remove("unique_code");
    assert_eq!(mistake(d), ("invalid_definition".into(), "fields[0].unique".into()));
    assert_eq!(mistake(hazards("no_such_code")), ("unknown_code".into(), "fields[0].unique_code".into()));
    let mut d = hazards("same_hazard");
    d["codes"]["same_hazard"]["zh"] = json!("{label}与第{0}行、第{1}行相同");
    assert_eq!(mistake(d).1, "fields[0].unique_code", "a duplicate has one argument");
    let d = json!({"id": "t", "title": {"zh": "表"}, "params": {"rows": [{"id": "a", "zh": "甲"}]},
        "fields": [{"id": "t", "label": {"zh": "表"}, "rows": "$param.rows", "unique": ["x"], "unique_code": "duplicate_hazard",
            "columns": [{"id": "x", "label": {"zh": "甲"}, "type": "text"}]}]});
    assert_eq!(mistake(d), ("invalid_definition".into(), "fields[0].unique".into()));
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0usize..12, "楼梯|楼 梯|ＡＢ|ab|AB|").prop_map(|(p, t)| Op::Set(p, t)),
        2 => (0usize..6).prop_map(Op::Insert),
        1 => (0usize..6).prop_map(Op::Remove),
        1 => (0usize..6, 0usize..6).prop_map(|(a, b)| Op::Move(a, b)),
    ]
}

/// A name key as the model folds it: blanks gone, full width to half (case kept: `AB` is not `ab`).
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'Ａ'..='Ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap(),
            other => other,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// After any keystrokes and row operations, a session equals validate(), and the rows marked
    /// are exactly those whose key another row shares (the model finds them by reading every row).
    #[test]
    fn duplicates_follow_every_change(ops in prop::collection::vec(op(), 1..40)) {
        let def = hazards("same_hazard");
        let v = Validator::from_definition(&def.to_string(), &value(json!({}))).unwrap();
        let mut s = v.session(|| Instant { unix_ms: NOW });
        let mut rows: Vec<serde_json::Map<String, Value>> = Vec::new();
        for op in ops {
            match op {
                Op::Set(p, text) if p / 2 < rows.len() => {
                    let col = ["description", "place"][p % 2];
                    s.set(&format!("rows[{}].{col}", p / 2), Scalar::Text(text.clone()));
                    rows[p / 2].insert(col.into(), json!(text));
                }
                Op::Insert(i) => {
                    let i = i.min(rows.len());
                    let row = json!({"description": "楼梯"});
                    s.insert_rows("rows", i, &[value(row.clone())]).unwrap();
                    rows.insert(i, row.as_object().unwrap().clone());
                }
                Op::Remove(i) if i < rows.len() => {
                    s.remove_row("rows", i).unwrap();
                    rows.remove(i);
                }
                Op::Move(a, b) if a < rows.len() && b < rows.len() => {
                    s.move_row("rows", a, b).unwrap();
                    let row = rows.remove(a);
                    rows.insert(b, row);
                }
                _ => {}
            }
            let data = if rows.is_empty() { json!({}) } else { json!({"rows": rows}) };
            let full = v.validate_at(&value(data), || Instant { unix_ms: NOW });
            let result = s.result();
            prop_assert_eq!(&result, &full);
            let key = |r: &serde_json::Map<String, Value>| {
                let d = fold(r.get("description").and_then(Value::as_str).unwrap_or(""));
                (!d.is_empty()).then(|| (d, fold(r.get("place").and_then(Value::as_str).unwrap_or(""))))
            };
            let keys: Vec<_> = rows.iter().map(key).collect();
            let want: Vec<String> = keys.iter().enumerate()
                .filter(|(i, k)| k.is_some() && keys.iter().enumerate().any(|(j, o)| j != *i && o == *k))
                .map(|(i, _)| format!("rows[{i}].description"))
                .collect();
            let got: Vec<String> = result.issues.iter().filter(|i| i.code == "same_hazard").map(|i| i.path.clone()).collect();
            prop_assert_eq!(got, want);
        }
    }
}

/// A key column that is computed is read as computed, not as the blank typed under it; an own
/// code that names the row in its English message only names it there too.
#[test]
fn a_computed_key_and_an_english_only_row_number() {
    let def = json!({"id": "k", "title": {"zh": "表"},
    "codes": {"same": {"zh": "{label}重复", "en": "{label} repeats row {0}"}},
    "fields": [{"id": "g", "label": {"zh": "组"}, "unique": ["k"], "unique_code": "same", "columns": [
        {"id": "a", "label": {"zh": "甲"}, "type": "text"},
        {"id": "k", "label": {"zh": "键"}, "type": "text", "calculate": "${a}"}
    ]}]});
    let r = check(&def, json!({"g": [{"a": "甲"}, {"a": "乙"}]}));
    assert!(marked(&r, "same").is_empty(), "{:?}", r.issues);
    let v = Validator::from_definition(&def.to_string(), &value(json!({"locale": "en"}))).unwrap();
    let r =
        v.validate_at(&value(json!({"g": [{"a": "甲"}, {"a": "乙"}, {"a": "甲"}]})), || Instant { unix_ms: NOW });
    assert_eq!(
        marked(&r, "same"),
        [("g[0].k".to_owned(), "键 repeats row 3".to_owned()), ("g[2].k".to_owned(), "键 repeats row 1".to_owned())]
    );
}
