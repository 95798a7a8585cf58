//! A definition based on a built-in form takes that form's parameters from the profile a page
//! names, as the built-in form does (issue 22: "the issuer's parameters (today's profiles) as the
//! definition's parameters, which a profile overrides as today"). The daily report written as a
//! definition (forms/daily-report-wenzhou.json, `based_on: daily-report`) finds what the built-in
//! daily report finds under every built-in profile: the four seeds' issuers with their own
//! categories, key periods, deadlines and cumulative rules. Without a profile named, the
//! definition's own parameters stand.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{issues, value};
use proptest::prelude::*;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::Value;
use school_safety_forms::{describe, profiles, Validator};
use serde_json::json;

const DAILY: &str = include_str!("../forms/daily-report-wenzhou.json");
const NOW: &str = "2021-06-22T15:40:00+08:00";

fn options(profile: &str) -> Value {
    value(json!({"profile": profile, "now": NOW}))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any values in any field of the profile's form, under any built-in profile: the definition's
    /// issues are the built-in form's.
    #[test]
    fn the_daily_definition_agrees_with_the_built_in_form_under_every_profile(
        p in 0usize..8,
        keys in prop::collection::vec((0usize..80, "[0-9０-９a\\-.张王]{0,4}|2021-0[5-7]-[0-3][0-9]|2016-0[5-7]-[0-3][0-9]"), 0..60)
    ) {
        let all = profiles();
        let profile = &all[p % all.len()].id;
        let paths: Vec<String> = describe("daily-report", &value(json!(profile))).unwrap().into_iter().map(|f| f.path).collect();
        let mut data = serde_json::Map::new();
        for (i, text) in keys {
            data.insert(paths[i % paths.len()].clone(), json!(text));
        }
        let data = value(serde_json::Value::Object(data));
        let clock = || Instant::parse_iso(NOW).unwrap();
        let built_in = Validator::new("daily-report", &options(profile)).unwrap();
        let defined = Validator::from_definition(DAILY, &options(profile)).unwrap();
        prop_assert_eq!(issues(&built_in.validate_at(&data, clock)), issues(&defined.validate_at(&data, clock)), "{}", profile);
    }
}

/// Each built-in profile gives the definition its own rows (categories) and its key period; with
/// no profile named, the definition's own parameters (Wenzhou's) stand.
#[test]
fn the_profile_gives_the_rows_and_the_period() {
    for summary in profiles() {
        let defined = Validator::from_definition(DAILY, &options(&summary.id)).unwrap();
        let mut got: Vec<String> = defined.describe().into_iter().map(|f| f.path).collect();
        let mut want: Vec<String> =
            describe("daily-report", &value(json!(summary.id))).unwrap().into_iter().map(|f| f.path).collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{}", summary.id);
    }
    let own = Validator::from_definition(DAILY, &value(json!({"now": NOW}))).unwrap();
    let r = own.validate_at(&value(json!({"report_date": "2021-06-20"})), || Instant::parse_iso(NOW).unwrap());
    assert!(r.issues.iter().any(|i| i.path == "report_date" && i.code == "outside_key_period"), "{:?}", r.issues);
}

/// A check-up variant reading the profile's guard rules: under a profile that sets no age limit
/// the rule stands aside (the parameter reads null) instead of the definition failing to load; a
/// parameter the definition declares as another kind than the profile gives is named at it.
#[test]
fn a_parameter_the_profile_leaves_unset_stands_aside() {
    let def = json!({"id": "c", "title": {"zh": "体检"}, "based_on": "security-checkup",
        "params": {"max_guard_age": 50},
        "fields": [{"id": "age", "label": {"zh": "年龄"}, "type": "count",
            "constraint": "${age} <= $param.max_guard_age", "code": "guard_over_age", "args": ["$param.max_guard_age", "${age}"]}]});
    let data = value(json!({"age": "55"}));
    let clock = || Instant::parse_iso(NOW).unwrap();
    for summary in profiles() {
        let v = Validator::from_definition(&def.to_string(), &options(&summary.id)).unwrap();
        let built_in = school_safety_forms::profile::builtin::get(&summary.id).unwrap().security_checkup.max_guard_age;
        let over = v.validate_at(&data, clock).issues.iter().any(|i| i.code == "guard_over_age");
        assert_eq!(over, built_in.is_some_and(|max| max < 55), "{}", summary.id);
    }
    let mut wrong = json!({"id": "d", "title": {"zh": "日报"}, "based_on": "daily-report", "params": {"categories": 3}, "fields": []});
    let e = match Validator::from_definition(&wrong.to_string(), &options("zhejiang-wenzhou-2021")) {
        Err(school_safety_forms::engine::options::UsageError::Definition(e)) => e,
        other => panic!("{:?}", other.map(|_| ())),
    };
    assert_eq!((e.code, e.at.as_str()), ("invalid_param", "params.categories"));
    wrong["params"] = json!({"key_period_from": 5});
    assert!(Validator::from_definition(&wrong.to_string(), &options("zhejiang-wenzhou-2021")).is_err());
}
