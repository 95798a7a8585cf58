//! Every explicit limit at n − 1, n and n + 1 (`src/base/limits.rs`): past a limit the data answers
//! with an issue naming it, never a silent cut; at or under it, nothing is said.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use school_safety_forms::base::date::Instant;
use school_safety_forms::base::limits::{MAX_DEPTH, MAX_INPUT_BYTES, MAX_VALUES};
use school_safety_forms::base::value::Value;
use school_safety_forms::Validator;
use std::borrow::Cow;

fn validator() -> Validator {
    Validator::new("risk-register", &Value::Null).unwrap()
}

fn form_codes(json: &str) -> Vec<Cow<'static, str>> {
    validator().validate_json_at(json, || Instant { unix_ms: 0 }).codes_at("")
}

/// `{"x": [[…]]}` with `levels` containers below the root object.
fn nested(levels: usize) -> String {
    format!("{{\"x\": {}1{}}}", "[".repeat(levels), "]".repeat(levels))
}

#[test]
fn nesting_too_deep_past_max_depth_levels() {
    assert!(form_codes(&nested(MAX_DEPTH - 1)).is_empty());
    assert!(form_codes(&nested(MAX_DEPTH)).is_empty());
    assert_eq!(form_codes(&nested(MAX_DEPTH + 1)), ["nesting_too_deep"]);
}

#[test]
fn nesting_is_measured_the_same_natively() {
    let native = |levels: usize| {
        let v: Value = serde_json::from_str(&nested(levels)).unwrap();
        validator().validate_at(&v, || Instant { unix_ms: 0 }).codes_at("")
    };
    assert!(native(MAX_DEPTH).is_empty());
    assert_eq!(native(MAX_DEPTH + 1), ["nesting_too_deep"]);
}

/// `{"k0": 1, …}` with `n` keys: each key is one value read.
fn keys(n: usize) -> String {
    let body: Vec<String> = (0..n).map(|i| format!("\"k{i}\":1")).collect();
    format!("{{{}}}", body.join(","))
}

#[test]
fn too_many_fields_past_max_values() {
    assert!(form_codes(&keys(MAX_VALUES - 1)).is_empty());
    assert!(form_codes(&keys(MAX_VALUES)).is_empty());
    assert_eq!(form_codes(&keys(MAX_VALUES + 1)), ["too_many_fields"]);
}

/// `{"unit": "xxx…"}` padded to exactly `bytes` bytes.
fn sized(bytes: usize) -> String {
    let frame = "{\"unit\":\"\"}".len();
    format!("{{\"unit\":\"{}\"}}", "x".repeat(bytes - frame))
}

#[test]
fn input_too_large_past_max_input_bytes() {
    for (bytes, over) in [(MAX_INPUT_BYTES - 1, false), (MAX_INPUT_BYTES, false), (MAX_INPUT_BYTES + 1, true)] {
        let json = sized(bytes);
        assert_eq!(json.len(), bytes);
        let r = validator().validate_json_at(&json, || Instant { unix_ms: 0 });
        assert_eq!(r.codes_at(""), if over { vec!["input_too_large"] } else { vec![] }, "{bytes}");
        // Under the limit the value is read, and its own field's limit speaks for it.
        assert_eq!(r.codes_at("unit"), if over { vec![] } else { vec!["text_too_long"] }, "{bytes}");
    }
}

/// A session's limit issues at one path cross as one entry with the whole list (two entries for
/// `""` would leave JavaScript, where a later key replaces an earlier one, with only the last).
#[test]
fn limit_issues_at_one_path_change_as_one_whole_list() {
    let mut s = validator().session(|| Instant { unix_ms: 0 });
    let deep: Value = serde_json::from_str(&nested(MAX_DEPTH + 1)).unwrap();
    let c = s.insert_rows("rows", 0, &[deep]).unwrap();
    let at_form: Vec<_> = c.issues.iter().filter(|(p, _)| p.is_empty()).collect();
    assert_eq!(at_form.len(), 1);
    assert_eq!(at_form[0].1.iter().map(|i| &*i.code).collect::<Vec<_>>(), ["nesting_too_deep"]);
    let wide = Value::Map((0..=MAX_VALUES).map(|i| (format!("k{i}"), Value::Number(1.0))).collect());
    let c = s.insert_rows("rows", 0, &[wide]).unwrap();
    let at_form: Vec<_> = c.issues.iter().filter(|(p, _)| p.is_empty()).collect();
    assert_eq!(at_form.len(), 1, "{:?}", c.issues);
    assert_eq!(at_form[0].1.iter().map(|i| &*i.code).collect::<Vec<_>>(), ["nesting_too_deep", "too_many_fields"]);
    assert!(c.to_json().matches("\"\":[").count() == 1, "{}", c.to_json());
}
