//! Runs every example form in tests/fixtures/ natively; the wasm and browser tests run the same files.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use school_safety_forms::validate;
use std::collections::BTreeMap;

#[test]
fn every_fixture_gives_its_expected_result() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = 0;
    let mut files: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .flat_map(|dir| std::fs::read_dir(dir.unwrap().path()).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for path in files {
        let fixture: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let name = path.display().to_string();
        let report = validate(
            fixture["kind"].as_str().unwrap(),
            &common::value(fixture["data"].clone()),
            &common::value(fixture["options"].clone()),
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        let expect = &fixture["expect"];
        assert_eq!(report.valid, expect["valid"].as_bool().unwrap(), "{name}: {:#?}", report.issues);

        let mut got: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for issue in &report.issues {
            got.entry(issue.path.as_str()).or_default().push(&issue.code);
            assert!(!issue.message.is_empty());
        }
        let want = expect["issues"].as_object().unwrap();
        for (path, codes) in want {
            let codes: Vec<&str> = codes.as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
            assert_eq!(got.get(path.as_str()).cloned().unwrap_or_default(), codes, "{name}: {path}");
        }
        if expect.get("exhaustive") != Some(&serde_json::Value::Bool(false)) {
            let extra: Vec<_> = got.keys().filter(|p| !want.contains_key(**p)).collect();
            assert!(extra.is_empty(), "{name}: unexpected issues at {extra:?}");
        }
        for (path, value) in expect["computed"].as_object().unwrap() {
            let got = report.computed(path).unwrap_or_else(|| panic!("{name}: no computed {path}"));
            let got = serde_json::to_value(got).unwrap();
            assert!(same(&got, value), "{name}: computed {path}: got {got}, expected {value}");
        }
        seen += 1;
    }
    assert!(seen >= 4);
}

/// Equal JSON, numbers compared by value (`12` and `12.0` are the same number).
fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value::{Array, Number};
    match (a, b) {
        (Number(x), Number(y)) => x.as_f64() == y.as_f64(),
        (Array(x), Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        _ => a == b,
    }
}
