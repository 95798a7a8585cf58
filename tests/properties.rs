//! The engine never panics: arbitrary JSON data, arbitrary strings in every field, arbitrary
//! keystroke sequences, absurd nesting. Each always yields a result.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::value;
use proptest::prelude::*;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::{Scalar, Value};
use school_safety_forms::forms::Form;
use school_safety_forms::{aggregate_at, describe, session, validate_at};

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, serde_json::Value::Number)),
        any::<i64>().prop_map(|i| serde_json::json!(i)),
        ".{0,12}".prop_map(serde_json::Value::String),
        "[0-9０-９,.+\\- 　e]{0,10}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(field_key(), inner, 0..8)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Keys that hit real paths often, and random ones.
fn field_key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("rows".to_owned()),
        Just("fire".to_owned()),
        Just("found".to_owned()),
        Just("fixed".to_owned()),
        Just("unfixed".to_owned()),
        Just("measures".to_owned()),
        Just("unit".to_owned()),
        Just("report_date".to_owned()),
        Just("rows.gas.found".to_owned()),
        ".{0,8}",
    ]
}

fn paths() -> Vec<String> {
    describe("daily-report", &Value::Null).unwrap().into_iter().map(|f| f.path).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_data_always_yields_a_result(data in json_value(), now in any::<i64>()) {
        let report = validate_at("daily-report", &value(data.clone()), &Value::Null, || Instant { unix_ms: now / 4 });
        let report = report.unwrap();
        prop_assert_eq!(report.valid, report.issues.iter().all(|i| i.severity == "warning"));
        let _ = aggregate_at("daily-report", &value(serde_json::json!([data, {}])), &Value::Null, || Instant { unix_ms: 0 }).unwrap();
    }

    #[test]
    fn arbitrary_text_in_every_field_never_panics(texts in prop::collection::vec(".{0,40}", 48)) {
        let paths = paths();
        let mut s = session("daily-report", &Value::Null, || Instant { unix_ms: 1_624_347_600_000 }).unwrap();
        for (path, text) in paths.iter().zip(texts.iter()) {
            s.set(path, Scalar::Text(text.clone()));
        }
        let _ = s.result();
    }

    #[test]
    fn session_agrees_with_validate_after_any_keystrokes(
        keys in prop::collection::vec((0usize..48, "[0-9０-９a\\-.]{0,4}"), 0..60)
    ) {
        let paths = paths();
        let options = value(serde_json::json!({"now": "2021-06-22T15:40:00+08:00"}));
        let mut s = session("daily-report", &options, || Instant { unix_ms: 0 }).unwrap();
        let mut data = serde_json::Map::new();
        for (i, text) in keys {
            let path = &paths[i % paths.len()];
            s.set(path, Scalar::Text(text.clone()));
            data.insert(path.clone(), serde_json::Value::String(text));
        }
        let full = validate_at("daily-report", &value(serde_json::Value::Object(data)), &options, || Instant { unix_ms: 0 }).unwrap();
        prop_assert_eq!(s.result(), full);
    }

    /// Folding copies plain runs of bytes and looks only at the characters it may change: it
    /// must equal folding one character at a time, on text full of blanks, invisible marks and
    /// full-width forms (and characters that share their lead bytes).
    #[test]
    fn folding_by_runs_equals_folding_by_characters(text in "[a 　\t\u{a0}\u{ad}\u{85}\u{1680}\u{2000}-\u{2010}\u{2028}\u{202a}-\u{202f}\u{205f}-\u{2069}\u{feff}\u{ff01}-\u{ff5f}，。、温州中学１２\u{3000}-\u{3003}\u{e000}\u{10000}é]{0,24}") {
        use school_safety_forms::input::normalise::{fold, fold_char, fold_text, has_visible, is_invisible, name_key, text_chars};
        let by_chars = |keep_joiner: bool| -> String {
            let drop = |c: char| is_invisible(c) && !(keep_joiner && c == '\u{200D}');
            text.chars().filter(|c| !drop(*c)).map(fold_char).collect::<String>().trim().to_owned()
        };
        prop_assert_eq!(fold(&text), by_chars(false));
        prop_assert_eq!(fold_text(&text), by_chars(true));
        let key: String = text.chars().filter(|c| !is_invisible(*c)).map(fold_char).filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(name_key(&Scalar::Text(text.clone())), (!key.is_empty()).then_some(key));
        let visible = by_chars(true);
        prop_assert_eq!(text_chars(&Scalar::Text(text.clone())), (!visible.is_empty()).then(|| visible.chars().count()));
        prop_assert_eq!(has_visible(&text), text.chars().any(|c| !is_invisible(c) && !fold_char(c).is_whitespace()));
    }

    #[test]
    fn arbitrary_profiles_are_a_result_or_an_error_never_a_panic(profile in json_value()) {
        let _ = describe("daily-report", &value(profile.clone()));
        let _ = validate_at("daily-report", &Value::Null, &value(serde_json::json!({"profile": profile})), || Instant { unix_ms: 0 });
    }
}

#[test]
fn deep_data_is_cut_at_the_depth_limit_and_says_so() {
    // serde_json stops at 128 levels itself; the JSON reader and the wasm tests go deeper.
    let deep = format!("{}{}{}", "{\"rows\":".repeat(120), "1", "}".repeat(120));
    let v: Value = serde_json::from_str(&deep).unwrap();
    let mut depth = 0;
    let mut at = &v;
    while let Some(next) = at.get("rows") {
        depth += 1;
        at = next;
    }
    assert_eq!(depth, school_safety_forms::base::limits::MAX_DEPTH + 1);
    assert_eq!(*at, Value::Cut);
    let r = validate_at("daily-report", &v, &Value::Null, || Instant { unix_ms: 0 }).unwrap();
    assert_eq!(r.codes_at(""), ["nesting_too_deep"]);
}

#[test]
fn a_very_long_field_is_handled() {
    let long = "１".repeat(1_000_000);
    let data = value(serde_json::json!({"rows": {"fire": {"found": long.clone()}}, "unit": long}));
    let r = validate_at("daily-report", &data, &Value::Null, || Instant { unix_ms: 0 }).unwrap();
    assert_eq!(r.codes_at("rows.fire.found"), ["number_too_large"]);
    assert_eq!(r.codes_at("unit"), ["text_too_long"]);
}

#[test]
fn misuse_is_an_error_not_a_result() {
    let e = validate_at("daily-reports", &Value::Null, &Value::Null, || Instant { unix_ms: 0 }).err().unwrap();
    assert!(e.to_string().contains("unknown form kind \"daily-reports\""));
    let e = validate_at("daily-report", &Value::Null, &value(serde_json::json!({"profile": "nowhere"})), || Instant {
        unix_ms: 0,
    })
    .err()
    .unwrap();
    assert!(e.to_string().contains("no built-in profile \"nowhere\""));
    let e = validate_at("daily-report", &Value::Null, &value(serde_json::json!({"now": "yesterday"})), || Instant {
        unix_ms: 0,
    })
    .err()
    .unwrap();
    assert!(e.to_string().starts_with("invalid option \"now\""));
    let e = validate_at("daily-report", &Value::Null, &value(serde_json::json!({"locale": "fr"})), || Instant {
        unix_ms: 0,
    })
    .err()
    .unwrap();
    assert!(e.to_string().starts_with("invalid option \"locale\""));
    let e = validate_at("daily-report", &Value::Null, &value(serde_json::json!({"profil": "x"})), || Instant {
        unix_ms: 0,
    })
    .err()
    .unwrap();
    assert!(e.to_string().starts_with("invalid option \"profil\": unknown option"));
    let e = validate_at("daily-report", &Value::Null, &value(serde_json::json!("zh-CN")), || Instant { unix_ms: 0 })
        .err()
        .unwrap();
    assert!(e.to_string().starts_with("invalid option \"options\""));
}

#[test]
fn data_that_is_not_an_object_is_an_empty_form() {
    for data in [serde_json::json!(null), serde_json::json!(42), serde_json::json!("x"), serde_json::json!([1, 2])] {
        let r = validate_at("daily-report", &value(data), &Value::Null, || Instant { unix_ms: 0 }).unwrap();
        assert!(!r.valid);
        assert_eq!(r.codes_at("unit"), ["required"]);
    }
}

#[allow(dead_code)]
fn _form_is_object_safe(_: &dyn Form) {}
