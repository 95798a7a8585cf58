//! The campaign statistics (seed 004 附件3 战果统计表) written as a definition,
//! `forms/campaign-statistics.json`, finds and computes what the built-in `campaign-statistics`
//! does, under every built-in profile (each with its own monthly day, "在每月25日前" in seed 004)
//! and on days around it: 已完成 + 正在整改 = 排查风险隐患 in the totals and per category, overdue
//! within those being fixed, risks with no school inspected, and each column's categories adding
//! up to its total once any category of it is given (a blank category then counting as 0).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{both_described, both_forms, findings, value};
use proptest::prelude::*;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::Scalar;
use school_safety_forms::{describe, Validator};
use serde_json::{json, Value as Json};

const CAMPAIGN: &str = include_str!("../forms/campaign-statistics.json");
/// 2019-09-25 10:00 China time; the clock moves up to three days either way.
const NOW_MS: i64 = 1_569_376_800_000;

fn at(days: i64) -> Instant {
    Instant { unix_ms: NOW_MS + days * 86_400_000 }
}

/// A figure: mostly small counts, sometimes written otherwise or wrong.
fn figure() -> impl Strategy<Value = String> {
    prop::sample::select(["0", "1", "2", "3", "５", "", "abc", "-1", "1.5"].map(String::from).to_vec())
}

/// A category's figure: mostly blank (a district types the categories that have risks).
fn sparse() -> impl Strategy<Value = String> {
    prop_oneof![6 => Just(String::new()), 4 => figure()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Any figures, under any built-in profile, on any of seven days around the monthly day: the
    /// definition's issues, computed values and validity are the built-in form's.
    #[test]
    fn the_campaign_definition_agrees_with_the_built_in_form(
        p in 0usize..8,
        days in -3i64..4,
        date in prop::sample::select(["2019-08-31", "2019-09-01", "2019-09-24", "2019-09-26", "2019-08-20", "abc", ""].to_vec()),
        unit in prop::sample::select(["某区教育局", ""].to_vec()),
        schools in figure(),
        totals in prop::collection::vec(figure(), 4),
        categories in prop::collection::vec(prop::collection::vec(sparse(), 4), 17),
        few in 0usize..3,
    ) {
        let (profile, built_in, defined) = both_forms("campaign-statistics", CAMPAIGN, p);
        let mut data = json!({"unit": unit, "report_date": date, "schools_inspected": schools});
        for (path, v) in ["risks_found", "risks_done", "risks_in_progress", "risks_overdue"].iter().zip(&totals) {
            data[*path] = json!(v);
        }
        let ids: Vec<String> = describe("campaign-statistics", &value(json!(profile))).unwrap().into_iter()
            .filter_map(|f| f.path.strip_prefix("by_category.").and_then(|p| p.split_once('.')).map(|(c, _)| c.to_owned()))
            .collect::<std::collections::BTreeSet<_>>().into_iter().collect();
        let mut by = serde_json::Map::new();
        // Often only a few categories are given at all, so a column's blanks count as 0.
        for (id, row) in ids.iter().zip(&categories).take(if few == 0 { 17 } else { few * 2 }) {
            let cols = ["found", "done", "in_progress", "overdue"];
            by.insert(id.clone(), Json::Object(cols.iter().zip(row).map(|(c, v)| ((*c).to_owned(), json!(v))).collect()));
        }
        data["by_category"] = Json::Object(by);
        let data = value(data);
        let (want, got) = (built_in.validate_at(&data, || at(days)), defined.validate_at(&data, || at(days)));
        prop_assert_eq!(findings(&want), findings(&got), "{}", profile);
    }

    /// Keystrokes into any figure and clock moves: a session over the definition equals its own
    /// validate() and the built-in form's issues after each.
    #[test]
    fn a_campaign_session_holds_to_validate(
        p in 0usize..8,
        steps in prop::collection::vec((0usize..80, figure(), -3i64..4), 1..40),
    ) {
        let (_, built_in, defined) = both_forms("campaign-statistics", CAMPAIGN, p);
        let paths: Vec<String> = defined.describe().into_iter().map(|f| f.path).collect();
        let mut s = defined.session(|| at(0));
        let mut data = serde_json::Map::new();
        let mut now = at(0);
        for (i, text, days) in steps {
            let path = &paths[i % paths.len()];
            s.set(path, Scalar::Text(text.clone()));
            data.insert(path.clone(), json!(text));
            if i % 7 == 0 {
                now = at(days);
                s.set_now(now);
            }
            let d = value(Json::Object(data.clone()));
            let full = defined.validate_at(&d, || now);
            let result = s.result();
            prop_assert_eq!(&result, &full);
            let want = built_in.validate_at(&d, || now);
            prop_assert_eq!(findings(&want), findings(&result));
        }
    }
}

/// The definition's fields are the built-in form's: the same paths, labels, types, and the same
/// ones required and computed.
#[test]
fn the_campaign_definition_describes_the_built_in_fields() {
    both_described("campaign-statistics", CAMPAIGN, |_| {});
}

fn mistake(definition: &Json) -> (String, String) {
    match Validator::from_definition(&definition.to_string(), &value(json!({}))) {
        Err(school_safety_forms::engine::options::UsageError::Definition(e)) => (e.code.to_owned(), e.at),
        other => panic!("{:?}", other.map(|_| ())),
    }
}

/// Each mistake in what this form needed of the format names its key: `echo` beside a
/// calculation, the monthly check on what is not a date, a monthly day that is no day, and a sum
/// over rows of what is not a number.
#[test]
fn echoes_monthly_deadlines_and_sums_over_rows_name_their_mistakes() {
    let campaign: Json = serde_json::from_str(CAMPAIGN).unwrap();
    let with = |change: &dyn Fn(&mut Json)| {
        let mut d = campaign.clone();
        change(&mut d);
        mistake(&d)
    };
    assert_eq!(
        with(&|d| d["fields"][2]["calculate"] = json!("1")),
        ("invalid_definition".into(), "fields[2].echo".into())
    );
    assert_eq!(
        with(&|d| d["fields"][2]["checks"] = json!(["monthly_deadline"])),
        ("type_mismatch".into(), "fields[2].checks[0]".into())
    );
    assert_eq!(
        with(&|d| d["params"]["monthly_deadline_day"] = json!(32)),
        ("invalid_param".into(), "params.monthly_deadline_day".into())
    );
    assert_eq!(
        with(&|d| d["rules"][0]["constraint"] = json!("sum(${by_category}, ${found} > 1) = 0")),
        ("type_mismatch".into(), "rules[0].constraint".into())
    );
}
