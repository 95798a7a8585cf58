//! District roll-ups (seed 000 附件3 注2: "各地教育行政部门要将辖区学校安全隐患排查整治情况汇总后报送").
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{value, wenzhou_report, with, WENZHOU_NOW};
use school_safety_forms::aggregate_at;
use school_safety_forms::base::date::Instant;
use school_safety_forms::forms::Computed;
use school_safety_forms::validate_at;
use serde_json::json;

fn school(unit: &str, found: &str, fixed: &str, measures: &str) -> serde_json::Value {
    let data = with(wenzhou_report(), "unit", json!(unit));
    let data = with(data, "rows.fire.found", json!(found));
    let data = with(data, "rows.fire.fixed", json!(fixed));
    with(data, "rows.fire.measures", json!(measures))
}

fn roll_up(reports: serde_json::Value) -> school_safety_forms::engine::report::Aggregate {
    aggregate_at(
        "daily-report",
        &value(reports),
        &value(json!({"now": WENZHOU_NOW, "unit": "鹿城区教育局"})),
        || Instant { unix_ms: 0 },
    )
    .unwrap()
}

#[test]
fn a_district_report_sums_its_schools_in_the_same_shape() {
    let agg = roll_up(json!([
        school("甲校", "3", "1", "围挡"),
        school("乙校", "２", "2", ""),
        school("丙校", "5", "4", "专人看护")
    ]));
    assert!(agg.valid, "{:#?}", agg.issues);
    assert_eq!(agg.computed.iter().find(|(p, _)| p == "totals.found").map(|(_, v)| v), Some(&Computed::Count(10)));
    assert_eq!(agg.computed.iter().find(|(p, _)| p == "rows.fire.unfixed").map(|(_, v)| v), Some(&Computed::Count(3)));
    // The summed data is itself a daily report: validating it (with sign-off added) recomputes the same totals.
    let data = serde_json::to_value(&agg.data).unwrap();
    assert_eq!(data["rows"]["fire"]["found"], json!(10.0));
    assert_eq!(data["rows"]["fire"]["measures"], json!("甲校：围挡；丙校：专人看护"));
    assert_eq!(data["unit"], json!("鹿城区教育局"));
    assert_eq!(data["report_date"], json!("2021-06-22"));
    let signed = with(with(with(data, "filled_by", json!("甲")), "reviewed_by", json!("乙")), "leader", json!("丙"));
    let r = validate_at("daily-report", &value(signed), &value(json!({"now": WENZHOU_NOW})), || Instant { unix_ms: 0 })
        .unwrap();
    assert!(r.valid, "{:#?}", r.issues);
    assert_eq!(r.computed("totals.found"), Some(&Computed::Count(10)));
}

#[test]
fn school_issues_come_back_under_their_report_index() {
    let agg = roll_up(json!([school("甲校", "3", "1", "围挡"), school("乙校", "2", "3", "")]));
    assert!(!agg.valid);
    assert!(agg.issues.iter().any(|i| i.path == "reports[1].rows.fire.fixed" && i.code == "fixed_exceeds_found"));
}

#[test]
fn the_same_unit_twice_and_mixed_dates_are_warnings() {
    let later = with(school("乙校", "1", "1", ""), "report_date", json!("2021-06-21"));
    let agg = roll_up(json!([school("甲校", "1", "1", ""), school("甲 校", "1", "1", ""), later]));
    assert!(agg
        .issues
        .iter()
        .any(|i| i.path == "reports[1].unit" && i.code == "duplicate_unit" && i.severity == "warning"));
    assert!(agg.issues.iter().any(|i| i.path == "report_date" && i.code == "mixed_report_dates"));
    assert!(agg.valid);
}

#[test]
fn reports_must_be_an_array() {
    let e = aggregate_at("daily-report", &value(json!({})), &value(json!({})), || Instant { unix_ms: 0 });
    assert!(e.is_err());
    let empty = roll_up(json!([]));
    assert_eq!(empty.computed.iter().find(|(p, _)| p == "totals.found").map(|(_, v)| v), Some(&Computed::Count(0)));
}
