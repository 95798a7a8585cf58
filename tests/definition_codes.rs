//! A variant's own issue codes (docs/definitions.md, `codes`): a rule the code table has no wording
//! for speaks in the variant's own words, in zh-CN and en, at the severity the variant gives it,
//! with its arguments (decimals too) filled in; and every mistake in a code names its key.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::value;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::{Scalar, Value};
use school_safety_forms::engine::options::UsageError;
use school_safety_forms::engine::report::Report;
use school_safety_forms::Validator;
use serde_json::json;

/// The Wenzhou funds variant: 整改资金 over `$param.funds_cap` (50 万元) in a row is the variant's
/// own warning `funds_over_cap`.
const FUNDS: &str = include_str!("../www/forms/daily-report-wenzhou-funds.json");
const NOW: &str = "2021-06-22T15:40:00+08:00";

fn clock() -> Instant {
    Instant::parse_iso(NOW).unwrap()
}

fn options(locale: &str) -> Value {
    value(json!({"profile": "zhejiang-wenzhou-2021", "now": NOW, "locale": locale}))
}

/// A whole valid report but for the fire row's funds.
fn report(funds: &str) -> Value {
    let mut data = json!({
        "unit": "温州市第二中学", "report_date": "2021-06-22",
        "filled_by": "张三", "reviewed_by": "李四", "leader": "王五",
    });
    for c in ["school_buildings", "gas", "campus_security", "traffic", "food_hygiene", "laboratory", "surroundings"] {
        data["rows"][c] = json!({"found": "0", "fixed": "0", "funds": "0"});
    }
    data["rows"]["fire"] = json!({"found": "5", "fixed": "3", "measures": "专人值守", "funds": funds});
    value(data)
}

fn at_fire(r: &Report) -> Vec<(String, String, String)> {
    r.issues
        .iter()
        .filter(|i| i.path == "rows.fire.funds")
        .map(|i| (i.code.to_string(), i.severity.to_owned(), i.message.clone()))
        .collect()
}

/// 49.99, 50 and 50.01 万元 against the cap of 50: only the last is over, a warning in the
/// variant's own words (the report stays sendable), in both languages.
#[test]
fn a_variant_rule_speaks_in_its_own_words_at_its_boundary() {
    let zh = Validator::from_definition(FUNDS, &options("zh-CN")).unwrap();
    for below in ["49.99", "50"] {
        let r = zh.validate_at(&report(below), clock);
        assert!(r.valid && at_fire(&r).is_empty(), "{below}: {:?}", r.issues);
    }
    let r = zh.validate_at(&report("50.01"), clock);
    assert!(r.valid, "a warning never blocks sending: {:?}", r.issues);
    assert_eq!(
        at_fire(&r),
        [(
            "funds_over_cap".to_owned(),
            "warning".to_owned(),
            "消防安全·整改资金（万元）超过50万元，请核实金额和单位".to_owned()
        )]
    );
    let en = Validator::from_definition(FUNDS, &options("en")).unwrap();
    let r = en.validate_at(&report("50.01"), clock);
    assert_eq!(
        at_fire(&r)[0].2,
        "Fire safety: rectification funds (10k yuan) is over 50 (10,000 yuan): check the amount and its unit"
    );
}

/// The same issue from a session typing the value, and gone when the value is corrected.
#[test]
fn a_session_raises_and_clears_an_own_code_as_validate_does() {
    let v = Validator::from_definition(FUNDS, &options("zh-CN")).unwrap();
    let mut s = v.session(clock);
    let serde_json::Value::Object(data) = typed("80") else { unreachable!() };
    for (path, text) in data {
        s.set(&path, Scalar::Text(text.as_str().unwrap().to_owned()));
    }
    assert_eq!(s.result(), v.validate_at(&value(typed("80")), clock));
    assert_eq!(at_fire(&s.result())[0].0, "funds_over_cap");
    s.set("rows.fire.funds", Scalar::Text("8".into()));
    assert!(at_fire(&s.result()).is_empty());
    assert_eq!(s.result(), v.validate_at(&value(typed("8")), clock));
}

/// The report's cells by path, as a person types them.
fn typed(funds: &str) -> serde_json::Value {
    let mut data = serde_json::Map::new();
    for (k, v) in [
        ("unit", "温州市第二中学"),
        ("report_date", "2021-06-22"),
        ("filled_by", "张三"),
        ("reviewed_by", "李四"),
        ("leader", "王五"),
    ] {
        data.insert(k.into(), json!(v));
    }
    for c in ["school_buildings", "gas", "campus_security", "traffic", "food_hygiene", "laboratory", "surroundings"] {
        for col in ["found", "fixed", "funds"] {
            data.insert(format!("rows.{c}.{col}"), json!("0"));
        }
    }
    for (col, v) in [("found", "5"), ("fixed", "3"), ("measures", "专人值守"), ("funds", funds)] {
        data.insert(format!("rows.fire.{col}"), json!(v));
    }
    serde_json::Value::Object(data)
}

/// A small form: `amount` (a decimal) must not pass `$param.cap`, under the code `over_cap`.
fn capped(code: serde_json::Value, rule_severity: Option<&str>) -> serde_json::Value {
    let mut field = json!({
        "id": "amount", "label": {"zh": "金额", "en": "Amount"}, "type": "decimal",
        "constraint": "${amount} <= $param.cap", "code": "over_cap", "args": ["$param.cap", "${amount} - $param.cap"]
    });
    if let Some(s) = rule_severity {
        field["severity"] = json!(s);
    }
    json!({"id": "capped", "title": {"zh": "表"}, "params": {"cap": 12.5}, "codes": {"over_cap": code}, "fields": [field]})
}

fn check(definition: &serde_json::Value, amount: &str, locale: &str) -> Report {
    let v = Validator::from_definition(&definition.to_string(), &value(json!({"locale": locale}))).unwrap();
    v.validate_at(&value(json!({"amount": amount})), clock)
}

/// Decimal arguments are written with the places they need; an own code is an error unless it says
/// otherwise, and a rule's severity overrides the code's; English falls back to the Chinese.
#[test]
fn own_code_arguments_severity_and_fallback() {
    let def = capped(json!({"zh": "{label}不能超过{0}（超出{1}）", "en": "{label} over {0} by {1}"}), None);
    let r = check(&def, "13.75", "zh-CN");
    assert!(!r.valid);
    assert_eq!((&*r.issues[0].code, r.issues[0].severity), ("over_cap", "error"));
    assert_eq!(r.issues[0].message, "金额不能超过12.5（超出1.25）");
    assert_eq!(check(&def, "13.75", "en").issues[0].message, "Amount over 12.5 by 1.25");
    assert!(check(&def, "12.5", "zh-CN").valid);

    let warned = capped(json!({"zh": "{label}偏高", "severity": "warning"}), None);
    let r = check(&warned, "13", "en");
    assert!(r.valid);
    assert_eq!(
        (r.issues[0].severity, r.issues[0].message.as_str()),
        ("warning", "Amount偏高"),
        "the Chinese wording, the English label"
    );
    let overridden = capped(json!({"zh": "{label}偏高", "severity": "warning"}), Some("error"));
    assert!(!check(&overridden, "13", "zh-CN").valid);
}

fn mistake(definition: serde_json::Value) -> (String, String, String) {
    match Validator::from_definition(&definition.to_string(), &Value::Null) {
        Err(UsageError::Definition(e)) => (e.code.to_owned(), e.at, e.message),
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("accepted"),
    }
}

/// Every mistake in an own code names its key: a name that is not snake_case or is the code
/// table's, a message that is blank or has a placeholder other than {label}, {0}, {1} (at its
/// column), a severity that is neither, a rule naming a code nobody declared, and more codes than
/// the limit (64, 65).
#[test]
fn every_own_code_mistake_names_its_key() {
    let with = |name: &str, spec: serde_json::Value| {
        let mut d = capped(json!({"zh": "x"}), None);
        d["codes"] = json!({ name: spec });
        d["fields"][0]["code"] = json!(name);
        d
    };
    let (code, at, _) = mistake(with("Over-Cap", json!({"zh": "超"})));
    assert_eq!((code.as_str(), at.as_str()), ("invalid_definition", "codes.Over-Cap"));
    let (code, at, _) = mistake(with("number_too_large", json!({"zh": "超"})));
    assert_eq!((code.as_str(), at.as_str()), ("duplicate_id", "codes.number_too_large"));
    let (code, at, message) = mistake(with("over_cap", json!({"zh": "{label}超过{上限}"})));
    assert_eq!((code.as_str(), at.as_str()), ("invalid_definition", "codes.over_cap.zh"));
    assert!(message.starts_with("at 10:"), "counted from 1, as in an expression: {message}");
    let (_, at, _) = mistake(with("over_cap", json!({"zh": "超", "en": "over }"})));
    assert_eq!(at, "codes.over_cap.en");
    let (code, at, _) = mistake(with("over_cap", json!({"zh": " "})));
    assert_eq!((code.as_str(), at.as_str()), ("invalid_definition", "codes.over_cap.zh"));
    let (code, at, _) = mistake(with("over_cap", json!({"zh": "超".repeat(501)})));
    assert_eq!((code.as_str(), at.as_str()), ("definition_too_large", "codes.over_cap.zh"));
    assert!(Validator::from_definition(&with("over_cap", json!({"zh": "超".repeat(500)})).to_string(), &Value::Null)
        .is_ok());
    let (code, at, _) = mistake(with("over_cap", json!({"zh": "超", "severity": "fatal"})));
    assert_eq!((code.as_str(), at.as_str()), ("invalid_definition", "codes.over_cap.severity"));
    let (code, at, _) = mistake(with("over_cap", json!({"zh": "超", "typo": 1})));
    assert_eq!((code.as_str(), at.as_str()), ("invalid_definition", "codes.over_cap.typo"));
    let mut undeclared = capped(json!({"zh": "超"}), None);
    undeclared["fields"][0]["code"] = json!("over_limit");
    let (code, at, message) = mistake(undeclared);
    assert_eq!((code.as_str(), at.as_str()), ("unknown_code", "fields[0].code"));
    assert!(message.contains("codes"), "{message}");

    // A message reading {1} where the rule gives one argument would show a gap.
    let mut one = with("over_cap", json!({"zh": "{label}：{0}/{1}"}));
    one["fields"][0]["args"] = json!(["$param.cap"]);
    assert_eq!(mistake(one).1, "fields[0].code");
    assert!(Validator::from_definition(&with("over_cap", json!({"zh": "{label}：{0}/{1}"})).to_string(), &Value::Null)
        .is_ok());
    // A required code goes with a conditional required; on an always-required field it would be unused.
    let mut always = capped(json!({"zh": "超"}), None);
    always["fields"][0]["required"] = json!(true);
    always["fields"][0]["required_code"] = json!("over_cap");
    let (code, at, _) = mistake(always);
    assert_eq!((code.as_str(), at.as_str()), ("invalid_definition", "fields[0].required_code"));

    let many = |n: usize| {
        let mut d = capped(json!({"zh": "超"}), None);
        for i in 1..n {
            d["codes"][format!("c{i}")] = json!({"zh": "超"});
        }
        d
    };
    let max = school_safety_forms::define::MAX_OWN_CODES;
    assert!(Validator::from_definition(&many(max).to_string(), &Value::Null).is_ok());
    assert_eq!(mistake(many(max + 1)).0, "definition_too_large");
}
