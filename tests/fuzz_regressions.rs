//! Every crash AFL++ ever found (scripts/fuzz, FUZZING.md), kept as a regression case: the input
//! file as AFL saved it, under tests/fuzz_regressions/<target>-<kind>-<what>-<n>, run through
//! what that target runs, in `cargo test`'s build with overflow checks on, as the fuzz build has.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use school_safety_forms::base::value::Value;
use school_safety_forms::input::json;
use school_safety_forms::Validator;
use std::path::PathBuf;

const KINDS: [&str; 5] =
    ["daily-report", "inspection-checklist", "security-checkup", "risk-register", "campaign-statistics"];

/// The form kind a case's file name names (`profile-daily-report-…` → `daily-report`).
fn kind_of(name: &str) -> &'static str {
    KINDS.iter().copied().filter(|k| name.contains(k)).max_by_key(|k| k.len()).expect("a kind in the file name")
}

/// The `profile` target: byte 1 says whether the rest is the profile or the whole options.
fn profile_target(kind: &str, data: &[u8]) {
    let whole = data.get(1).is_some_and(|b| b & 1 == 1);
    let text = String::from_utf8_lossy(data.get(2..).unwrap_or_default());
    let parsed = json::parse(&text, 64);
    let options = if whole {
        parsed
    } else {
        Value::Map(vec![
            ("profile".to_owned(), parsed),
            ("now".to_owned(), Value::Text("2021-06-22T15:40:00+08:00".into())),
        ])
    };
    let _ = school_safety_forms::describe(kind, options.get("profile").unwrap_or(&Value::Null));
    if let Ok(v) = Validator::new(kind, &options) {
        let _ = v.validate_json_at("{}", school_safety_forms::system_now);
    }
}

#[test]
fn every_crash_afl_found_stays_fixed() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut ran = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        match name.split('-').next() {
            Some("profile") => profile_target(kind_of(&name), &data),
            other => panic!("{name}: no runner for target {other:?}"),
        }
        ran += 1;
    }
    assert!(ran >= 2, "the cases are there");
}

/// The crash itself: an exponent so negative it saturates to i32::MIN had no positive to divide by.
/// Such a number is 0, as JavaScript's `JSON.parse` reads it, never the mantissa.
#[test]
fn numbers_with_exponents_past_i32_read_as_javascript_reads_them() {
    assert_eq!(json::parse("7.5e-3755555555555", 8), Value::Number(0.0));
    assert_eq!(json::parse("-7.5e-99999999999999999999", 8), Value::Number(-0.0));
    assert_eq!(json::parse("7.5e-2147483648", 8), Value::Number(0.0));
    assert_eq!(json::parse("7.5e-2147483647", 8), Value::Number(0.0));
    assert_eq!(json::parse("1e400", 8), Value::Number(f64::INFINITY));
    assert_eq!(json::parse("12e-1", 8), Value::Number(1.2));
}
