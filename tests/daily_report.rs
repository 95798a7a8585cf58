//! The daily hazard report's rules (RULES.md §1), each at its boundaries, citing seed 000
//! (温教办安〔2021〕43号, 附件3 温州市教育系统重点时段安全隐患排查整治情况日报表).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{daily, daily_with, wenzhou_report, with, WENZHOU, WENZHOU_NOW};
use school_safety_forms::forms::Computed;
use serde_json::json;

fn codes(data: serde_json::Value, path: &str) -> Vec<&'static str> {
    daily(data, WENZHOU, WENZHOU_NOW).codes_at(path).into_iter().map(|c| &*c.into_owned().leak()).collect()
}

#[test]
fn the_complete_report_is_valid() {
    let r = daily(wenzhou_report(), WENZHOU, WENZHOU_NOW);
    assert!(r.valid, "{:#?}", r.issues);
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
}

/// 附件3 header "学校（单位）：" and 注3 "填表人 审核人 分管领导": all required.
#[test]
fn unit_and_signoff_are_required() {
    for path in ["unit", "filled_by", "reviewed_by", "leader", "report_date"] {
        assert_eq!(codes(with(wenzhou_report(), path, json!("")), path), ["required"], "{path}");
        assert_eq!(
            codes(with(wenzhou_report(), path, json!("\u{3000} ")), path),
            ["required"],
            "{path} blank with IME spaces"
        );
        assert_eq!(codes(with(wenzhou_report(), path, serde_json::Value::Null), path), ["required"], "{path} null");
    }
}

#[test]
fn text_fields_have_a_length_limit_at_100_for_the_unit() {
    let name = |n: usize| json!("校".repeat(n));
    assert!(codes(with(wenzhou_report(), "unit", name(99)), "unit").is_empty());
    assert!(codes(with(wenzhou_report(), "unit", name(100)), "unit").is_empty());
    assert_eq!(codes(with(wenzhou_report(), "unit", name(101)), "unit"), ["text_too_long"]);
}

/// 附件3 columns 发现隐患数（个） 已整治隐患数（个）: whole numbers of hazards, at least 0.
#[test]
fn counts_are_whole_numbers_from_zero() {
    let at = "rows.fire.found";
    assert_eq!(codes(with(wenzhou_report(), at, json!("-1")), at), ["negative_number"]);
    assert!(codes(with(wenzhou_report(), at, json!("0")), at).is_empty());
    assert!(codes(with(wenzhou_report(), at, json!("1")), at).is_empty());
    assert_eq!(codes(with(wenzhou_report(), at, json!("2.5")), at), ["not_whole_number"]);
    assert!(codes(with(wenzhou_report(), at, json!("12.0")), at).is_empty());
    assert_eq!(codes(with(wenzhou_report(), at, json!("1２a")), at), ["not_a_number"]);
    assert_eq!(codes(with(wenzhou_report(), at, json!("")), at), ["required"]);
}

#[test]
fn counts_have_a_sane_upper_bound_of_one_million() {
    let at = "rows.fire.found";
    for (n, want) in [(999_999, vec![]), (1_000_000, vec![]), (1_000_001, vec!["number_too_large"])] {
        let data = with(with(wenzhou_report(), at, json!(n.to_string())), "rows.fire.measures", json!("专人看守"));
        assert_eq!(codes(data, at), want, "{n}");
    }
    assert_eq!(codes(with(wenzhou_report(), at, json!("1000000000000")), at), ["number_too_large"]);
}

fn row(found: &str, fixed: &str) -> serde_json::Value {
    let data = with(wenzhou_report(), "rows.fire.found", json!(found));
    let data = with(data, "rows.fire.fixed", json!(fixed));
    with(data, "rows.fire.measures", json!("设置警示标志"))
}

/// 已整治隐患数 cannot exceed 发现隐患数: fixed = found − 1, found, found + 1.
#[test]
fn fixed_exceeds_found_at_found_plus_one() {
    assert!(codes(row("5", "4"), "rows.fire.fixed").is_empty());
    assert!(codes(row("5", "5"), "rows.fire.fixed").is_empty());
    assert_eq!(codes(row("5", "6"), "rows.fire.fixed"), ["fixed_exceeds_found"]);
    assert_eq!(codes(row("0", "1"), "rows.fire.fixed"), ["fixed_exceeds_found"]);
}

/// 未整治隐患数 = 发现 − 已整治, computed; a typed value that differs is an error.
#[test]
fn unfixed_is_computed_and_a_typed_mismatch_is_an_error() {
    let r = daily(row("5", "2"), WENZHOU, WENZHOU_NOW);
    assert_eq!(r.computed("rows.fire.unfixed"), Some(&Computed::Count(3)));
    for (typed, want) in
        [("2", vec!["unfixed_mismatch"]), ("3", vec![]), ("３", vec![]), ("4", vec!["unfixed_mismatch"])]
    {
        assert_eq!(
            codes(with(row("5", "2"), "rows.fire.unfixed", json!(typed)), "rows.fire.unfixed"),
            want,
            "typed {typed}"
        );
    }
    let r = daily(row("5", "6"), WENZHOU, WENZHOU_NOW);
    assert_eq!(r.computed("rows.fire.unfixed"), Some(&Computed::Unknown));
    let r = daily(row("", "2"), WENZHOU, WENZHOU_NOW);
    assert_eq!(r.computed("rows.fire.unfixed"), Some(&Computed::Unknown));
}

/// 未整治隐患防控措施 is required exactly when some hazard remains unfixed (unfixed 0, 1).
#[test]
fn measures_required_when_unfixed_above_zero() {
    let data = |found: &str, fixed: &str| {
        with(with(row(found, fixed), "rows.fire.measures", json!("")), "rows.fire.fixed", json!(fixed))
    };
    assert!(codes(data("3", "3"), "rows.fire.measures").is_empty());
    assert_eq!(codes(data("3", "2"), "rows.fire.measures"), ["measures_required"]);
    assert!(codes(row("3", "2"), "rows.fire.measures").is_empty());
    // A typed unfixed counts when found/fixed do not give one.
    let typed = with(with(data("", "2"), "rows.fire.unfixed", json!("1")), "rows.fire.found", json!(""));
    assert_eq!(codes(typed, "rows.fire.measures"), ["measures_required"]);
}

/// 合计 row and the fix rate (已整治 ÷ 发现, percent, one decimal).
#[test]
fn totals_and_fix_rate_are_computed() {
    let data = with(with(row("3", "2"), "rows.gas.found", json!("3")), "rows.gas.fixed", json!("0"));
    let data = with(data, "rows.gas.measures", json!("停用"));
    let r = daily(data, WENZHOU, WENZHOU_NOW);
    assert_eq!(r.computed("totals.found"), Some(&Computed::Count(6)));
    assert_eq!(r.computed("totals.fixed"), Some(&Computed::Count(2)));
    assert_eq!(r.computed("totals.unfixed"), Some(&Computed::Count(4)));
    assert_eq!(r.computed("totals.fix_rate"), Some(&Computed::Decimal(33.3)));
    let r = daily(row("3", "2"), WENZHOU, WENZHOU_NOW);
    assert_eq!(r.computed("totals.fix_rate"), Some(&Computed::Decimal(66.7)));
    let r = daily(wenzhou_report(), WENZHOU, WENZHOU_NOW);
    assert_eq!(r.computed("totals.fix_rate"), Some(&Computed::Unknown), "nothing found: no rate");
    let r = daily(row("3", "4"), WENZHOU, WENZHOU_NOW);
    assert_eq!(r.computed("totals.fix_rate"), Some(&Computed::Unknown), "more fixed than found: no rate");
}

/// 注1 "相关隐患数量按重点时段累计数量报送": no count may go down against the previous report.
#[test]
fn count_decreased_against_previous_report() {
    let previous = with(row("5", "3"), "report_date", json!("2021-06-21"));
    for (found, want) in [("4", vec!["count_decreased"]), ("5", vec![]), ("6", vec![])] {
        let r = daily_with(row(found, "3"), json!({"profile": WENZHOU, "now": WENZHOU_NOW, "previous": previous}));
        assert_eq!(r.codes_at("rows.fire.found"), want, "found {found}");
    }
    for (fixed, want) in [("2", vec!["count_decreased"]), ("3", vec![]), ("4", vec![])] {
        let r = daily_with(row("5", fixed), json!({"profile": WENZHOU, "now": WENZHOU_NOW, "previous": previous}));
        assert_eq!(r.codes_at("rows.fire.fixed"), want, "fixed {fixed}");
    }
    // Seed 002 (Jizhou) does not make counts cumulative.
    let r =
        daily_with(row("4", "3"), json!({"profile": "tianjin-jizhou-2021", "now": WENZHOU_NOW, "previous": previous}));
    assert!(r.codes_at("rows.fire.found").is_empty());
}

fn at(now: &str, date: &str) -> Vec<&'static str> {
    let r = daily(with(wenzhou_report(), "report_date", json!(date)), WENZHOU, now);
    r.codes_at("report_date").into_iter().map(|c| &*c.into_owned().leak()).collect()
}

/// Seed 000 三(二): "于每日16时前将风险隐患排查整治情况（附件3）报送": late is a warning from 16:00.
#[test]
fn late_submission_from_16_00() {
    assert!(at("2021-06-22T15:59:59+08:00", "2021-06-22").is_empty());
    assert_eq!(at("2021-06-22T16:00:00+08:00", "2021-06-22"), ["late_submission"]);
    assert_eq!(at("2021-06-22T16:00:01+08:00", "2021-06-22"), ["late_submission"]);
    assert_eq!(at("2021-06-23T09:00:00+08:00", "2021-06-22"), ["late_submission"], "yesterday's report");
    // The deadline is China time whatever the caller's offset: 08:00Z is 16:00 in Wenzhou.
    assert_eq!(at("2021-06-22T08:00:00Z", "2021-06-22"), ["late_submission"]);
    let r = daily(with(wenzhou_report(), "report_date", json!("2021-06-22")), WENZHOU, "2021-06-22T17:00:00+08:00");
    assert!(r.valid, "late is a warning, never a block");
    assert_eq!(r.issues[0].severity, "warning");
    // Seed 002 (Jizhou) sets no daily deadline.
    let r = daily(
        with(wenzhou_report(), "report_date", json!("2021-06-22")),
        "tianjin-jizhou-2021",
        "2021-06-22T17:00:00+08:00",
    );
    assert!(!r.codes_at("report_date").contains(&"late_submission".into()));
}

#[test]
fn report_date_is_not_in_the_future() {
    assert!(at("2021-06-22T10:00:00+08:00", "2021-06-22").is_empty());
    assert_eq!(at("2021-06-22T10:00:00+08:00", "2021-06-23"), ["date_in_future"]);
    // 2021-06-21T23:30Z is already 06-22 in China: an office PC in UTC must not make today "future".
    assert!(!at("2021-06-21T23:30:00Z", "2021-06-22").contains(&"date_in_future"));
}

#[test]
fn report_date_accepts_every_notation_and_only_real_days() {
    for date in ["2021-06-22", "2021/6/22", "2021.6.22", "2021年6月22日", "２０２１年６月２２日"] {
        assert!(at(WENZHOU_NOW, date).is_empty(), "{date}");
    }
    assert_eq!(at(WENZHOU_NOW, "2021-02-30"), ["not_calendar_date"]);
    assert_eq!(at(WENZHOU_NOW, "6/22"), ["invalid_date"]);
}

/// Seed 000: "决定在6月21日-7月5日启动重大活动安保等级一级响应": reports fall in the key period.
#[test]
fn outside_key_period_before_06_21_and_after_07_05() {
    let now = "2021-07-10T10:00:00+08:00";
    let period = |date: &str| at(now, date).contains(&"outside_key_period");
    assert!(period("2021-06-20"));
    assert!(!period("2021-06-21"));
    assert!(!period("2021-06-22"));
    assert!(!period("2021-07-04"));
    assert!(!period("2021-07-05"));
    assert!(period("2021-07-06"));
    // Seed 002 (Jizhou) has no key period.
    let r = daily(with(wenzhou_report(), "report_date", json!("2021-03-01")), "tianjin-jizhou-2021", now);
    assert!(r.codes_at("report_date").is_empty());
}

/// 注3 "本表需经单位分管领导审核签字": a reviewer other than the filler; the same person is a warning.
#[test]
fn reviewer_is_filler_is_a_warning() {
    let same = with(wenzhou_report(), "reviewed_by", json!("张小玲"));
    let r = daily(same, WENZHOU, WENZHOU_NOW);
    assert_eq!(r.codes_at("reviewed_by"), ["reviewer_is_filler"]);
    assert!(r.valid);
    let spaced = with(wenzhou_report(), "reviewed_by", json!(" 张　小玲 "));
    assert_eq!(codes(spaced, "reviewed_by"), ["reviewer_is_filler"]);
    assert!(codes(wenzhou_report(), "reviewed_by").is_empty());
}

#[test]
fn a_portal_profile_can_change_severities_and_dates() {
    let profile = json!({"id": "wenzhou-2026", "extends": WENZHOU,
        "daily_report": {"key_period": {"start": "2026-06-21", "end": "2026-07-05"}},
        "severities": {"late_submission": "error", "reviewer_is_filler": "off"}});
    let data = with(with(wenzhou_report(), "report_date", json!("2026-06-22")), "reviewed_by", json!("张小玲"));
    let r = daily_with(data, json!({"profile": profile, "now": "2026-06-22T16:30:00+08:00"}));
    assert_eq!(r.codes_at("report_date"), ["late_submission"]);
    assert!(!r.valid, "late raised to an error");
    assert!(r.codes_at("reviewed_by").is_empty(), "turned off");
}

#[test]
fn messages_name_the_field_by_its_official_label() {
    let r = daily(row("5", "6"), WENZHOU, WENZHOU_NOW);
    let issue = r.issues.iter().find(|i| i.code == "fixed_exceeds_found").unwrap();
    assert_eq!(issue.message, "消防安全·已整治隐患数不能多于发现隐患数（5）");
    let r = daily_with(row("5", "6"), json!({"now": WENZHOU_NOW, "locale": "en"}));
    let issue = r.issues.iter().find(|i| i.code == "fixed_exceeds_found").unwrap();
    assert_eq!(issue.message, "Fire safety: hazards fixed cannot be more than hazards found (5)");
}

#[test]
fn other_profiles_use_their_own_categories() {
    let r = daily(json!({}), "tianjin-jizhou-2021", WENZHOU_NOW);
    assert_eq!(r.codes_at("rows.bullying.found"), ["required"]);
    assert!(r.codes_at("rows.gas.found").is_empty(), "Jizhou has no gas row");
    let r = daily(json!({}), "jiangsu-2019", WENZHOU_NOW);
    assert_eq!(r.codes_at("rows.key_persons.found"), ["required"]);
}
