//! Forms as data (docs/definitions.md): the daily report of seed 000 附件3 written as a definition
//! (forms/daily-report-wenzhou.json) finds what the built-in form finds on any keystrokes; a
//! session of a definition agrees with `validate()`; a province's variant (整改资金 per row,
//! required while hazards remain unfixed, summed into 合计) works without a rebuild; and every
//! mistake in a definition names its place.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{issues, value};
use proptest::prelude::*;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::{Scalar, Value};
use school_safety_forms::engine::options::UsageError;
use school_safety_forms::engine::report::Report;
use school_safety_forms::{describe, Validator};

const DAILY: &str = include_str!("../forms/daily-report-wenzhou.json");
const FUNDS: &str = include_str!("../www/forms/daily-report-wenzhou-funds.json");
const NOW: &str = "2021-06-22T15:40:00+08:00";

fn options() -> Value {
    value(serde_json::json!({"profile": "zhejiang-wenzhou-2021", "now": NOW}))
}

fn clock() -> Instant {
    Instant::parse_iso(NOW).unwrap()
}

fn paths() -> Vec<String> {
    describe("daily-report", &value(serde_json::json!("zhejiang-wenzhou-2021")))
        .unwrap()
        .into_iter()
        .map(|f| f.path)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any keystrokes into any field: the definition's issues are the built-in form's, and its
    /// session's result is its own `validate()` of the same data.
    #[test]
    fn the_definition_agrees_with_the_built_in_form_and_with_itself(
        keys in prop::collection::vec((0usize..60, "[0-9０-９a\\-.张王]{0,4}"), 0..60)
    ) {
        let paths = paths();
        let built_in = Validator::new("daily-report", &options()).unwrap();
        let defined = Validator::from_definition(DAILY, &options()).unwrap();
        let (session, data) = typed(&defined, &paths, keys);
        let full = defined.validate_at(&data, clock);
        prop_assert_eq!(session.result(), full.clone());
        prop_assert_eq!(issues(&built_in.validate_at(&data, clock)), issues(&full));
    }

    /// The variant with a funds column: its session agrees with `validate()` too.
    #[test]
    fn the_variant_session_agrees_with_validate(
        keys in prop::collection::vec((0usize..80, "[0-9.]{0,3}"), 0..60)
    ) {
        let defined = Validator::from_definition(FUNDS, &options()).unwrap();
        let paths: Vec<String> = defined.compiled().schema().fields.iter().map(|f| f.name.clone()).collect();
        let (session, data) = typed(&defined, &paths, keys);
        prop_assert_eq!(session.result(), defined.validate_at(&data, clock));
    }
}

/// A session given `keys` keystroke by keystroke (each an index into `paths` and its text), and
/// the same values as one form's data.
fn typed(
    defined: &Validator,
    paths: &[String],
    keys: Vec<(usize, String)>,
) -> (school_safety_forms::engine::session::Session, Value) {
    let mut session = defined.session(clock);
    let mut data = serde_json::Map::new();
    for (i, text) in keys {
        let path = &paths[i % paths.len()];
        session.set(path, Scalar::Text(text.clone()));
        data.insert(path.clone(), serde_json::Value::String(text));
    }
    (session, value(serde_json::Value::Object(data)))
}

fn filled(funds: Option<&str>) -> serde_json::Value {
    let mut data = serde_json::json!({
        "unit": "温州市第二中学", "report_date": "2021-06-22",
        "filled_by": "张三", "reviewed_by": "李四", "leader": "王五",
    });
    let cats =
        ["school_buildings", "gas", "campus_security", "fire", "traffic", "food_hygiene", "laboratory", "surroundings"];
    for c in cats {
        data["rows"][c] = serde_json::json!({"found": "0", "fixed": "0", "funds": "0"});
    }
    data["rows"]["fire"] = serde_json::json!({"found": "5", "fixed": "3", "measures": "专人值守，设置警示标志"});
    data["rows"]["gas"] = serde_json::json!({"found": "2", "fixed": "2", "funds": "1.5"});
    if let Some(f) = funds {
        data["rows"]["fire"]["funds"] = serde_json::json!(f);
    }
    data
}

/// The province's variant: 整改资金（万元） is required while 未整治 > 0 and summed into 合计.
#[test]
fn the_funds_column_is_required_while_hazards_remain_and_summed() {
    let v = Validator::from_definition(FUNDS, &options()).unwrap();
    let r = v.validate_at(&value(filled(None)), clock);
    assert_eq!(r.codes_at("rows.fire.funds"), ["required"]);
    assert_eq!(
        r.issues.iter().find(|i| i.path == "rows.fire.funds").unwrap().message,
        "请填写消防安全·整改资金（万元）"
    );
    let total = |r: &Report| r.computed.iter().find(|(p, _)| p == "totals.funds").map(|(_, v)| v.clone());
    assert_eq!(total(&r), Some(school_safety_forms::forms::Computed::Unknown));

    let r = v.validate_at(&value(filled(Some("2.25"))), clock);
    assert!(r.valid, "{:?}", r.issues);
    assert_eq!(total(&r), Some(school_safety_forms::forms::Computed::Number(3.75)));
    // Not required where everything found was fixed (燃气 2 of 2), and unreadable is still wrong.
    let mut data = filled(Some("两万"));
    data["rows"]["gas"]["funds"] = serde_json::json!("");
    let r = v.validate_at(&value(data), clock);
    assert!(r.codes_at("rows.gas.funds").is_empty());
    assert_eq!(r.codes_at("rows.fire.funds"), ["not_a_number"]);
    assert_eq!(total(&r), Some(school_safety_forms::forms::Computed::Unknown));
}

/// The built-in form refuses the column (the issue's measurement): the variant is data, not code.
#[test]
fn the_built_in_form_has_no_funds_column() {
    let paths = paths();
    assert!(!paths.iter().any(|p| p.ends_with(".funds")));
}

fn mistake(definition: serde_json::Value) -> (String, String, String) {
    match Validator::from_definition(&definition.to_string(), &Value::Null) {
        Err(UsageError::Definition(e)) => (e.code.to_owned(), e.at, e.message),
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("accepted"),
    }
}

fn small(fields: serde_json::Value) -> serde_json::Value {
    serde_json::json!({"id": "x", "title": {"zh": "表"}, "fields": fields})
}

/// Every kind of mistake names its key path, and an expression's mistake its column.
#[test]
fn every_definition_mistake_names_its_place() {
    let f = |extra: serde_json::Value| {
        let mut field = serde_json::json!({"id": "found", "label": {"zh": "发现"}, "type": "count"});
        for (k, v) in extra.as_object().unwrap() {
            field[k] = v.clone();
        }
        small(serde_json::json!([field, {"id": "fixed", "label": {"zh": "已整治"}, "type": "count"}]))
    };
    let (code, at, message) = mistake(f(serde_json::json!({"typo": 1})));
    assert_eq!((code.as_str(), at.as_str()), ("invalid_definition", "fields[0].typo"));
    assert!(message.contains("unknown field `typo`"), "{message}");
    let (code, at, _) = mistake(f(serde_json::json!({"type": "money"})));
    assert_eq!((code.as_str(), at.as_str()), ("unknown_type", "fields[0].type"));
    let (code, at, message) =
        mistake(f(serde_json::json!({"constraint": "${fxied} <= ${found}", "code": "fixed_exceeds_found"})));
    assert_eq!(
        (code.as_str(), at.as_str(), message.as_str()),
        ("unknown_field", "fields[0].constraint", "unknown field ${fxied} at 1")
    );
    let (code, at, _) = mistake(f(serde_json::json!({"constraint": "${fixed} <= ", "code": "fixed_exceeds_found"})));
    assert_eq!((code.as_str(), at.as_str()), ("expression_syntax", "fields[0].constraint"));
    let (code, at, _) =
        mistake(f(serde_json::json!({"constraint": "${fixed} <= ${found}", "code": "too_many_hazards"})));
    assert_eq!((code.as_str(), at.as_str()), ("unknown_code", "fields[0].code"));
    let (code, at, _) = mistake(f(serde_json::json!({"constraint": "${fixed} <= ${found}"})));
    assert_eq!((code.as_str(), at.as_str()), ("invalid_definition", "fields[0].constraint"));
    let (code, at, _) = mistake(f(serde_json::json!({"calculate": "${unit} + 1"})));
    assert_eq!((code.as_str(), at.as_str()), ("unknown_field", "fields[0].calculate"));
    let (code, at, _) = mistake(f(serde_json::json!({"checks": ["not_in_future"]})));
    assert_eq!((code.as_str(), at.as_str()), ("type_mismatch", "fields[0].checks[0]"));
    let (code, at, _) = mistake(f(serde_json::json!({"checks": ["spell_check"]})));
    assert_eq!((code.as_str(), at.as_str()), ("unknown_check", "fields[0].checks[0]"));
    let (code, at, _) = mistake(f(serde_json::json!({"id": "Found"})));
    assert_eq!((code.as_str(), at.as_str()), ("invalid_id", "fields[0].id"));
    let (code, at, _) = mistake(f(serde_json::json!({"id": "fixed"})));
    assert_eq!((code.as_str(), at.as_str()), ("duplicate_id", "fields[1].id"));
    let (code, at, _) = mistake(f(serde_json::json!({"severity": "fatal", "constraint": "true", "code": "required"})));
    assert_eq!((code.as_str(), at.as_str()), ("invalid_definition", "fields[0].severity"));
    let (code, at, _) = mistake(f(serde_json::json!({"type": "choice"})));
    assert_eq!((code.as_str(), at.as_str()), ("invalid_definition", "fields[0]"));
    let (code, at, _) = mistake(f(serde_json::json!({"type": "choice", "choices": "status"})));
    assert_eq!((code.as_str(), at.as_str()), ("unknown_choices", "fields[0].choices"));
    let (code, at, _) = mistake(small(
        serde_json::json!([{"id": "rows", "label": {"zh": "行"}, "rows": "$param.categories", "columns": []}]),
    ));
    assert_eq!((code.as_str(), at.as_str()), ("unknown_param", "fields[0].rows"));
    let (code, at, _) = mistake(
        serde_json::json!({"id": "x", "title": {"zh": "表"}, "fields": [], "rules": [{"field": "nope", "constraint": "true", "code": "required"}]}),
    );
    assert_eq!((code.as_str(), at.as_str()), ("unknown_field", "rules[0].field"));
    let (code, at, _) =
        mistake(serde_json::json!({"id": "x", "title": {"zh": "表"}, "fields": [], "params": {"deadline": "4pm"}}));
    assert_eq!((code.as_str(), at.as_str()), ("invalid_param", "params.deadline"));
    // A deadline given as a number is refused, not read as no deadline at all.
    let (code, at, _) =
        mistake(serde_json::json!({"id": "x", "title": {"zh": "表"}, "fields": [], "params": {"deadline": 16}}));
    assert_eq!((code.as_str(), at.as_str()), ("invalid_param", "params.deadline"));
    let (code, _, _) = mistake(serde_json::json!({"id": "x", "title": {"zh": "表"}}));
    assert_eq!(code, "invalid_definition");
}

/// Limits answer with their code at n and n + 1, at the key that passes them (fields, running
/// sums; an expression's length is the expression language's own test).
#[test]
fn a_definition_past_its_limits_is_refused_with_a_code() {
    let max = school_safety_forms::define::MAX_FIELDS;
    let fields = |n: usize| {
        small(serde_json::Value::Array(
            (0..n)
                .map(|i| serde_json::json!({"id": format!("f{i}"), "label": {"zh": "字段"}, "type": "text"}))
                .collect(),
        ))
    };
    assert!(Validator::from_definition(&fields(max).to_string(), &Value::Null).is_ok());
    assert_eq!(mistake(fields(max + 1)).0, "definition_too_large");
    // Running sums: eight columns summed over a group's rows fit the tally a form keeps; the
    // ninth is refused where it is written.
    let sums = |n: usize| {
        let columns: Vec<serde_json::Value> = (0..n)
            .map(|i| serde_json::json!({"id": format!("c{i}"), "label": {"zh": "列"}, "type": "count"}))
            .collect();
        let mut fields = vec![serde_json::json!({"id": "rows", "label": {"zh": "行"}, "columns": columns})];
        fields.extend((0..n).map(|i| {
            serde_json::json!({"id": format!("s{i}"), "label": {"zh": "合计"}, "type": "count", "calculate": format!("sum(${{rows.c{i}}})")})
        }));
        small(serde_json::Value::Array(fields))
    };
    assert!(Validator::from_definition(&sums(8).to_string(), &Value::Null).is_ok());
    let (code, at, _) = mistake(sums(9));
    assert_eq!((code.as_str(), at.as_str()), ("definition_too_large", "fields[9].calculate"));
    // A count's condition read in each row cannot read a computed form field: refused at its key.
    let (code, at, _) = mistake(small(serde_json::json!([
        {"id": "limit", "label": {"zh": "限"}, "type": "count", "calculate": "1 + 1"},
        {"id": "rows", "label": {"zh": "行"}, "columns": [{"id": "n", "label": {"zh": "数"}, "type": "count"}]},
        {"id": "over", "label": {"zh": "超"}, "type": "count", "calculate": "count(${rows}, ${n} > ${limit})"}
    ])));
    assert_eq!((code.as_str(), at.as_str()), ("unsupported_expression", "fields[2].calculate"));
    let long = " ".repeat(school_safety_forms::define::MAX_DEFINITION_BYTES + 1);
    match Validator::from_definition(&long, &Value::Null) {
        Err(UsageError::Definition(e)) => assert_eq!(e.code, "definition_too_large"),
        _ => panic!(),
    }
}

/// A calculation placed above the fields it reads (a 合计 written first, as some official forms
/// print it) is computed after them, in validate() and in a session alike; calculations that read
/// each other in a circle are refused where the first is written.
#[test]
fn a_calculation_above_its_inputs_is_computed_after_them() {
    let def = r#"{"id": "t", "title": {"zh": "表"}, "fields": [
        {"id": "total", "label": {"zh": "合计"}, "type": "count", "calculate": "${a} + ${b}"},
        {"id": "a", "label": {"zh": "甲"}, "type": "count"},
        {"id": "b", "label": {"zh": "乙"}, "type": "count"}]}"#;
    let v = Validator::from_definition(def, &options()).unwrap();
    let data = value(serde_json::json!({"a": "1", "b": "2"}));
    let total = |r: &Report| r.computed.iter().find(|(p, _)| p == "total").map(|(_, c)| c.clone());
    let full = v.validate_at(&data, clock);
    assert_eq!(total(&full), Some(school_safety_forms::forms::Computed::Count(3)));
    let mut s = v.session(clock);
    s.set("a", Scalar::Text("1".into()));
    s.set("b", Scalar::Text("2".into()));
    assert_eq!(s.result(), full);

    let circle = def.replace(
        r#""type": "count"},
        {"id": "b""#,
        r#""type": "count", "calculate": "${total}"},
        {"id": "b""#,
    );
    let Err(UsageError::Definition(e)) = Validator::from_definition(&circle, &options()) else {
        panic!("a circle compiled")
    };
    assert_eq!((e.code, e.at.as_str()), ("unsupported_expression", "fields[0].calculate"), "{e}");
}

/// A repeated group's row reads form fields as typed, so a rule of a row reading a computed form
/// field is refused at compile time rather than waiting forever on a blank.
#[test]
fn a_row_rule_reading_a_computed_form_field_is_refused() {
    let def = r#"{"id": "t", "title": {"zh": "表"}, "fields": [
        {"id": "a", "label": {"zh": "甲"}, "type": "count"},
        {"id": "total", "label": {"zh": "合计"}, "type": "count", "calculate": "${a} + 1"},
        {"id": "g", "label": {"zh": "组"}, "columns": [
            {"id": "n", "label": {"zh": "数"}, "type": "count", "constraint": "${n} <= ${total}", "code": "number_too_large", "args": ["${total}"]}]}]}"#;
    let Err(UsageError::Definition(e)) = Validator::from_definition(def, &options()) else { panic!("compiled") };
    assert_eq!((e.code, e.at.as_str()), ("unsupported_expression", "fields[2].columns[0]"), "{e}");
}
