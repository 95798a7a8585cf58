//! Functions of the form catalogue in expressions (docs/definitions.md): `birth_date(id)` reads the
//! birth date a resident ID gives, and `age(birth, on)` counts whole years on a day, as the
//! security check-up's guards need (seed 004 §二(二): "保安员必须持证上岗，原则上年龄不高于50周岁").
//! Their meaning is the crate's own (GB 11643 IDs, 29 February birthdays on 1 March), not spelt
//! out in a definition; an answer that reads today holds for today only, so a session crossing a
//! birthday re-checks the row.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{resident_id, value};
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::Scalar;
use school_safety_forms::engine::options::UsageError;
use school_safety_forms::engine::report::Report;
use school_safety_forms::forms::Computed;
use school_safety_forms::Validator;
use serde_json::json;

/// Guards whose age comes from their resident ID, over `$param.max_guard_age` a warning.
fn definition() -> serde_json::Value {
    json!({
        "id": "guards", "title": {"zh": "保安员"},
        "params": {"max_guard_age": 50},
        "fields": [
            {"id": "guards", "label": {"zh": "专职保安员"}, "columns": [
                {"id": "id_number", "label": {"zh": "身份证号码"}, "type": "resident_id"},
                {"id": "birth_date", "label": {"zh": "出生日期"}, "type": "date", "calculate": "birth_date(${id_number})"},
                {"id": "age", "label": {"zh": "年龄"}, "type": "count", "calculate": "age(birth_date(${id_number}), today())",
                 "constraint": "${age} <= $param.max_guard_age", "code": "guard_over_age", "args": ["$param.max_guard_age", "${age}"]}
            ]},
            {"id": "over_age", "label": {"zh": "超龄保安员人数"}, "type": "count",
             "calculate": "count(${guards}, age(birth_date(${id_number}), today()) > $param.max_guard_age)"}
        ]
    })
}

/// China noon on a day, as Unix ms.
fn noon(day: &str) -> Instant {
    Instant::parse_iso(&format!("{day}T12:00:00+08:00")).unwrap()
}

fn at(r: &Report, path: &str) -> Option<Computed> {
    r.computed.iter().find(|(p, _)| p == path).map(|(_, v)| v.clone())
}

/// Born 1970-09-01: 50 the day before the 51st birthday, 51 on it (over the limit, a warning that
/// names both), and counted among those over age from that day.
#[test]
fn age_turns_on_the_birthday_itself() {
    let v = Validator::from_definition(&definition().to_string(), &value(json!({}))).unwrap();
    let id = resident_id("33030219700901001");
    let data = value(json!({"guards": [{"id_number": id}]}));
    let check = |day: &str| v.validate_at(&data, || noon(day));
    let r = check("2021-08-31");
    assert_eq!(at(&r, "guards[0].age"), Some(Computed::Count(50)));
    assert_eq!(at(&r, "guards[0].birth_date"), Some(Computed::Text("1970-09-01".into())));
    assert_eq!(at(&r, "over_age"), Some(Computed::Count(0)));
    assert!(r.issues.is_empty(), "{:?}", r.issues);
    for day in ["2021-09-01", "2021-09-02"] {
        let r = check(day);
        assert_eq!(at(&r, "guards[0].age"), Some(Computed::Count(51)), "{day}");
        assert_eq!(at(&r, "over_age"), Some(Computed::Count(1)), "{day}");
        let issue = r.issues.iter().find(|i| i.path == "guards[0].age").unwrap();
        assert_eq!((&*issue.code, issue.severity), ("guard_over_age", "warning"));
        assert!(issue.message.contains("50") && issue.message.contains("51"), "{}", issue.message);
    }
}

/// Someone born on 29 February is a year older on 1 March in a common year, not on 28 February.
#[test]
fn a_leap_day_birthday_falls_on_the_first_of_march() {
    let v = Validator::from_definition(&definition().to_string(), &value(json!({}))).unwrap();
    let data = value(json!({"guards": [{"id_number": resident_id("33030219720229001")}]}));
    let age = |day: &str| at(&v.validate_at(&data, || noon(day)), "guards[0].age");
    assert_eq!(age("2023-02-28"), Some(Computed::Count(50)));
    assert_eq!(age("2023-03-01"), Some(Computed::Count(51)));
    assert_eq!(age("2024-02-29"), Some(Computed::Count(52)));
}

/// A session whose clock passes the birthday re-checks the row, as validate() would find it; an
/// ID that is not valid gives no birth date and no age (its own error says why).
#[test]
fn a_session_crossing_a_birthday_agrees_with_validate() {
    let v = Validator::from_definition(&definition().to_string(), &value(json!({}))).unwrap();
    let mut now = noon("2021-08-31");
    let mut s = v.session(|| now);
    s.set("guards[0].id_number", Scalar::Text(resident_id("33030219700901001")));
    assert_eq!(at(&s.result(), "over_age"), Some(Computed::Count(0)));
    now = noon("2021-09-01");
    s.set_now(now);
    let data = value(json!({"guards": [{"id_number": resident_id("33030219700901001")}]}));
    assert_eq!(s.result(), v.validate_at(&data, || now));
    assert_eq!(at(&s.result(), "over_age"), Some(Computed::Count(1)));

    let valid = resident_id("33030219700901001");
    let wrong = if valid.ends_with('0') { "330302197009010011" } else { "330302197009010010" };
    s.set("guards[0].id_number", Scalar::Text(wrong.into()));
    let r = s.result();
    assert_eq!(at(&r, "guards[0].age"), Some(Computed::Unknown));
    assert_eq!(at(&r, "over_age"), Some(Computed::Unknown), "an unreadable ID: not known whether over age");
    assert!(r.issues.iter().any(|i| i.path == "guards[0].id_number"), "{:?}", r.issues);
}

/// The catalogue's functions are typed like every other: an ID is text, an age takes dates.
#[test]
fn catalogue_functions_are_typed() {
    let mistake = |calculate: &str| {
        let mut d = definition();
        d["fields"][1]["calculate"] = json!(calculate);
        match Validator::from_definition(&d.to_string(), &value(json!({}))) {
            Err(UsageError::Definition(e)) => (e.code.to_owned(), e.message),
            other => panic!("{:?}", other.map(|_| ())),
        }
    };
    assert_eq!(mistake("count(${guards}, age(${id_number}, today()) > 50)").0, "type_mismatch");
    assert_eq!(mistake("count(${guards}, birth_date(50) > today())").0, "type_mismatch");
    assert_eq!(mistake("count(${guards}, age(birth_date(${id_number})) > 50)").0, "wrong_argument_count");
}

/// birth_date() reads an ID against today (one born after today is not valid yet), so a text field
/// read by it is re-checked when the day turns.
#[test]
fn birth_date_follows_the_day_it_is_read_on() {
    let def = json!({"id": "b", "title": {"zh": "表"}, "fields": [
        {"id": "id", "label": {"zh": "证件"}, "type": "text"},
        {"id": "born", "label": {"zh": "出生日期"}, "type": "date", "calculate": "birth_date(${id})"}
    ]});
    let v = Validator::from_definition(&def.to_string(), &value(json!({}))).unwrap();
    let id = resident_id("33030220210623001");
    let mut now = noon("2021-06-22");
    let mut s = v.session(|| now);
    s.set("id", Scalar::Text(id.clone()));
    assert_eq!(at(&s.result(), "born"), Some(Computed::Unknown));
    now = noon("2021-06-24");
    s.set_now(now);
    assert_eq!(s.result(), v.validate_at(&value(json!({"id": id})), || now));
    assert_eq!(at(&s.result(), "born"), Some(Computed::Text("2021-06-23".into())));
}
