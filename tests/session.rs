//! FormSession: a keystroke returns only what changed, and agrees with a full validation.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{value, WENZHOU_NOW};
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::Scalar;
use school_safety_forms::engine::session::Session;
use school_safety_forms::forms::Computed;
use school_safety_forms::{session, validate};
use serde_json::json;

fn blank() -> Session {
    session("daily-report", &value(json!({"now": WENZHOU_NOW})), || Instant { unix_ms: 0 }).unwrap()
}

fn text(s: &str) -> Scalar {
    Scalar::Text(s.into())
}

#[test]
fn typing_found_and_fixed_fills_unfixed_and_totals_at_once() {
    let mut s = blank();
    let c = s.set("rows.fire.found", text("5"));
    // A half-filled row cannot be summed: every total is unknown rather than contradicting the others.
    assert!(c.computed.iter().any(|(p, v)| p == "totals.found" && *v == Computed::Unknown));
    assert!(c.computed.iter().any(|(p, v)| p == "totals.unfixed" && *v == Computed::Unknown));
    let c = s.set("rows.fire.fixed", text("2"));
    assert!(c.computed.contains(&("rows.fire.unfixed".into(), Computed::Count(3))));
    assert!(c.computed.contains(&("totals.found".into(), Computed::Count(5))));
    assert!(c.computed.contains(&("totals.unfixed".into(), Computed::Count(3))));
    assert!(c.computed.contains(&("totals.fix_rate".into(), Computed::Decimal(40.0))));
    // Only the fire row and totals changed: no other row's paths come back.
    assert!(c.computed.iter().all(|(p, _)| p.starts_with("rows.fire.") || p.starts_with("totals.")));
    assert!(c.issues.iter().all(|(p, _)| p.starts_with("rows.fire.")));
}

#[test]
fn issues_that_clear_come_back_with_an_empty_list() {
    let mut s = blank();
    s.set("rows.fire.found", text("5"));
    let c = s.set("rows.fire.fixed", text("6"));
    let fixed = c.issues.iter().find(|(p, _)| p == "rows.fire.fixed").unwrap();
    assert_eq!(fixed.1[0].code, "fixed_exceeds_found");
    let c = s.set("rows.fire.fixed", text("5"));
    assert_eq!(c.issues.iter().find(|(p, _)| p == "rows.fire.fixed").map(|(_, l)| l.len()), Some(0));
}

#[test]
fn setting_the_same_value_again_changes_nothing() {
    let mut s = blank();
    s.set("unit", text("温州中学"));
    let c = s.set("unit", text("温州中学"));
    assert!(c.issues.is_empty() && c.computed.is_empty());
}

#[test]
fn unknown_paths_are_kept_but_check_nothing() {
    let mut s = blank();
    let c = s.set("rows.nowhere.found", text("-5"));
    assert!(c.issues.is_empty() && c.computed.is_empty());
}

#[test]
fn moving_the_clock_past_16_00_raises_the_late_warning() {
    let mut s = blank();
    s.set("report_date", text("2021-06-22"));
    let c = s.set_now(Instant::parse_iso("2021-06-22T16:00:00+08:00").unwrap());
    let date = c.issues.iter().find(|(p, _)| p == "report_date").unwrap();
    assert_eq!(date.1[0].code, "late_submission");
}

#[test]
fn a_session_fed_field_by_field_ends_where_validate_starts() {
    let data = json!({
        "unit": "温州中学", "report_date": "2021/6/22", "filled_by": "甲", "reviewed_by": "甲", "leader": "乙",
        "rows.fire.found": "3", "rows.fire.fixed": "4", "rows.gas.found": "2", "rows.gas.fixed": "1", "rows.gas.unfixed": "5"
    });
    let mut s = blank();
    for (path, v) in data.as_object().unwrap() {
        s.set(path, text(v.as_str().unwrap()));
    }
    let full = validate("daily-report", &value(data), &value(json!({"now": WENZHOU_NOW}))).unwrap();
    assert_eq!(s.result(), full);
}
