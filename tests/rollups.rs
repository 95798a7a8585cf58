//! What a district roll-up promises (CONTRACT.md "Roll-ups"): a figure that a school's unreadable,
//! contradictory or missing value would change is `null`, with that school's issue listed, never a
//! sum of the rest; lateness is judged by each report's own `submitted_at` (seed 000 附件3:
//! "每日16:00前报送"); and the campaign statistics `aggregate` produces pass their own checks
//! (seed 004 附件3 战果统计表).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{checkup, value, wenzhou_report, with, WENZHOU_NOW};
use proptest::prelude::*;
use school_safety_forms::base::date::Instant;
use school_safety_forms::engine::report::Aggregate;
use school_safety_forms::forms::Computed;
use school_safety_forms::{aggregate_at, validate_at};
use serde_json::{json, Value as Json};

const CATEGORIES: [&str; 8] =
    ["school_buildings", "gas", "campus_security", "fire", "traffic", "food_hygiene", "laboratory", "surroundings"];

fn daily_roll_up(reports: Json, now: &str) -> Aggregate {
    let options = value(json!({"now": now, "unit": "鹿城区教育局"}));
    aggregate_at("daily-report", &value(reports), &options, || Instant { unix_ms: 0 }).unwrap()
}

fn computed<'a>(agg: &'a Aggregate, path: &str) -> Option<&'a Computed> {
    agg.computed.iter().find(|(p, _)| p == path).map(|(_, v)| v)
}

fn school(unit: &str, fire: (&str, &str)) -> Json {
    let data = with(wenzhou_report(), "unit", json!(unit));
    let data = with(data, "rows.fire.found", json!(fire.0));
    let data = with(data, "rows.fire.fixed", json!(fire.1));
    with(data, "rows.fire.measures", json!("围挡"))
}

fn has_issue(agg: &Aggregate, path: &str) -> bool {
    agg.issues.iter().any(|i| i.path == path && i.severity == "error")
}

#[test]
fn a_school_typing_abc_makes_its_category_and_the_totals_null_and_is_named() {
    let agg = daily_roll_up(json!([school("甲校", ("10", "2")), school("乙校", ("2", "abc"))]), WENZHOU_NOW);
    let data = serde_json::to_value(&agg.data).unwrap();
    // 发现 is still known (both schools' can be read); 已整治 and 未整治 are not.
    assert_eq!(data["rows"]["fire"]["found"], json!(12.0));
    for column in ["fixed", "unfixed"] {
        assert_eq!(data["rows"]["fire"][column], Json::Null, "rows.fire.{column}");
    }
    // Other categories are still stated: no school's value there is in doubt.
    assert_eq!(data["rows"]["traffic"]["found"], json!(0.0));
    assert_eq!(computed(&agg, "totals.fixed"), Some(&Computed::Unknown));
    assert_eq!(computed(&agg, "totals.fix_rate"), Some(&Computed::Unknown));
    assert!(has_issue(&agg, "reports[1].rows.fire.fixed"), "{:#?}", agg.issues);
    assert!(!agg.valid);
}

#[test]
fn a_blank_row_is_not_a_zero() {
    let blank = with(with(school("乙校", ("1", "1")), "rows.gas.found", json!("")), "rows.gas.fixed", json!(""));
    let agg = daily_roll_up(json!([school("甲校", ("3", "1")), blank]), WENZHOU_NOW);
    let data = serde_json::to_value(&agg.data).unwrap();
    assert_eq!(data["rows"]["gas"]["found"], Json::Null);
    assert_eq!(computed(&agg, "totals.found"), Some(&Computed::Unknown));
    assert!(has_issue(&agg, "reports[1].rows.gas.found"));
    assert_eq!(data["rows"]["fire"]["found"], json!(4.0));
}

#[test]
fn fixed_above_found_in_one_school_leaves_that_category_unstated() {
    let agg = daily_roll_up(json!([school("甲校", ("3", "1")), school("乙校", ("2", "5"))]), WENZHOU_NOW);
    let data = serde_json::to_value(&agg.data).unwrap();
    assert_eq!(data["rows"]["fire"]["fixed"], Json::Null);
    assert!(has_issue(&agg, "reports[1].rows.fire.fixed"));
    assert_eq!(data["rows"]["traffic"]["found"], json!(0.0));
}

fn late(agg: &Aggregate, i: usize) -> bool {
    agg.issues.iter().any(|x| x.path.starts_with(&format!("reports[{i}].")) && x.code == "late_submission")
}

#[test]
fn lateness_is_judged_by_each_reports_own_arrival() {
    // Rolled up at 17:00: the report received at 15:30 is on time, the one at 16:20 late, and one
    // without submitted_at is never called late.
    let on_time = json!({"data": school("甲校", ("1", "1")), "submitted_at": "2021-06-22T15:30:00+08:00"});
    let after = json!({"data": school("乙校", ("1", "1")), "submitted_at": "2021-06-22T16:20:00+08:00"});
    let unknown = school("丙校", ("1", "1"));
    let agg = daily_roll_up(json!([on_time, after, unknown]), "2021-06-22T17:00:00+08:00");
    assert!(!late(&agg, 0), "{:#?}", agg.issues);
    assert!(late(&agg, 1), "{:#?}", agg.issues);
    assert!(!late(&agg, 2), "{:#?}", agg.issues);
    // The data of a { data, submitted_at } report is summed as any other.
    assert_eq!(serde_json::to_value(&agg.data).unwrap()["rows"]["fire"]["found"], json!(3.0));
}

#[test]
fn a_submitted_at_that_is_not_a_time_is_the_portals_mistake() {
    let bad = json!({"data": school("甲校", ("1", "1")), "submitted_at": "yesterday"});
    let options = value(json!({"now": WENZHOU_NOW}));
    let e = aggregate_at("daily-report", &value(json!([bad])), &options, || Instant { unix_ms: 0 });
    assert!(e.is_err());
}

// Campaign statistics from risk registers (seed 004 附件2 and 附件3).

const NOW: &str = "2019-09-24T10:00:00+08:00";

fn register_row(category: &str, status: &str) -> Json {
    json!({"police_station": "城东派出所", "description": "围墙开裂", "place": "北门", "category": category,
        "found_on": "2019-09-02", "measures": "加固", "responsible": "王建国", "deadline": "2019-09-20",
        "supervisor": "李明", "status": status, "completed_on": if status == "done" { "2019-09-18" } else { "" }})
}

fn register(unit: &str, rows: Vec<Json>) -> Json {
    json!({"unit": unit, "report_date": "2019-09-24", "inspected_by": "赵", "signed_by": "钱", "rows": rows})
}

fn statistics(registers: Vec<Json>) -> (Aggregate, school_safety_forms::engine::report::Report) {
    let options = value(json!({"profile": "jiangsu-2019", "now": NOW, "unit": "某市教育局"}));
    let agg =
        aggregate_at("risk-register", &value(Json::Array(registers)), &options, || Instant { unix_ms: 0 }).unwrap();
    let own = value(json!({"profile": "jiangsu-2019", "now": NOW}));
    let checked = validate_at("campaign-statistics", &agg.data, &own, || Instant { unix_ms: 0 }).unwrap();
    (agg, checked)
}

/// The statistics' own consistency checks (RULES.md §5).
const SUMS: [&str; 3] = ["category_sum_mismatch", "status_sum_mismatch", "overdue_exceeds_in_progress"];

fn adds_up(report: &school_safety_forms::engine::report::Report) -> Result<(), String> {
    match report.issues.iter().find(|i| SUMS.contains(&&*i.code)) {
        Some(i) => Err(format!("{} at {}: {}", i.code, i.path, i.message)),
        None => Ok(()),
    }
}

#[test]
fn a_category_that_is_no_option_leaves_the_categories_unstated_not_short() {
    let (agg, checked) =
        statistics(vec![register("甲校", vec![register_row("fire", "done"), register_row("xyz", "done")])]);
    assert_eq!(adds_up(&checked), Ok(()));
    let data = serde_json::to_value(&agg.data).unwrap();
    assert_eq!(data["risks_found"], json!(2.0));
    assert_eq!(data["by_category"]["fire"]["found"], Json::Null);
    assert!(has_issue(&agg, "reports[0].rows[1].category"), "{:#?}", agg.issues);
}

#[test]
fn a_status_that_cannot_be_read_leaves_the_status_figures_unstated() {
    let (agg, checked) =
        statistics(vec![register("甲校", vec![register_row("fire", "done"), register_row("fire", "不知道")])]);
    assert_eq!(adds_up(&checked), Ok(()));
    let data = serde_json::to_value(&agg.data).unwrap();
    assert_eq!(data["risks_done"], Json::Null);
    assert_eq!(data["risks_in_progress"], Json::Null);
    assert_eq!(data["by_category"]["fire"]["found"], json!(2.0));
    assert!(has_issue(&agg, "reports[0].rows[1].status"), "{:#?}", agg.issues);
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..20).prop_map(|n| n.to_string()),
        (0u64..20).prop_map(|n| n.to_string()),
        Just(String::new()),
        Just("abc".to_string()),
        Just("-1".to_string()),
        Just("１２".to_string()),
    ]
}

fn readable(text: &str) -> Option<u64> {
    match text {
        "１２" => Some(12),
        t => t.parse::<u64>().ok(),
    }
}

/// A yes/no answer as a school types it: yes, no, blank, or neither.
fn yes_no() -> impl Strategy<Value = String> {
    prop_oneof![Just("是".to_string()), Just("否".to_string()), Just(String::new()), Just("不清楚".to_string())]
}

fn location() -> impl Strategy<Value = String> {
    prop_oneof![Just("城区".to_string()), Just("乡镇农村".to_string()), Just(String::new()), Just("火星".to_string())]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No stated district figure differs from the sum over all schools of their readable values,
    /// and every `null` has a school's issue behind it.
    #[test]
    fn district_figures_are_sums_or_null_with_a_reason(schools in proptest::collection::vec(proptest::collection::vec((cell(), cell()), CATEGORIES.len()), 0..6)) {
        let reports: Vec<Json> = schools.iter().enumerate().map(|(i, rows)| {
            let mut data = with(wenzhou_report(), "unit", json!(format!("第{i}校")));
            for (c, (found, fixed)) in CATEGORIES.iter().zip(rows) {
                data = with(data, &format!("rows.{c}.found"), json!(found));
                data = with(data, &format!("rows.{c}.fixed"), json!(fixed));
                data = with(data, &format!("rows.{c}.measures"), json!("看护"));
            }
            data
        }).collect();
        let agg = daily_roll_up(Json::Array(reports), WENZHOU_NOW);
        let data = serde_json::to_value(&agg.data).unwrap();
        for (k, c) in CATEGORIES.iter().enumerate() {
            for (j, column) in ["found", "fixed"].iter().enumerate() {
                let figure = &data["rows"][c][column];
                let values: Vec<Option<u64>> = schools.iter().map(|rows| readable(if j == 0 { &rows[k].0 } else { &rows[k].1 })).collect();
                if figure.is_null() {
                    let reason = (0..schools.len()).any(|i| has_issue(&agg, &format!("reports[{i}].rows.{c}.found")) || has_issue(&agg, &format!("reports[{i}].rows.{c}.fixed")));
                    prop_assert!(reason, "rows.{}.{} is null with no school's issue: {:#?}", c, column, agg.issues);
                } else {
                    prop_assert!(values.iter().all(Option::is_some), "rows.{}.{} = {} though a school's value is unreadable", c, column, figure);
                    let sum: u64 = values.iter().flatten().sum();
                    prop_assert_eq!(figure.as_f64(), Some(sum as f64), "rows.{}.{}", c, column);
                }
            }
        }
        // The district's totals: each the sum over every school and category, or null with a
        // school's issue behind it; the rate, when stated, the rate of the stated totals.
        let values = |j: usize| schools.iter().flat_map(move |rows| rows.iter().map(move |(found, fixed)| readable(if j == 0 { found } else { fixed })));
        let any_issue = (0..schools.len()).any(|i| CATEGORIES.iter().any(|c| has_issue(&agg, &format!("reports[{i}].rows.{c}.found")) || has_issue(&agg, &format!("reports[{i}].rows.{c}.fixed"))));
        let mut totals = [0u64; 2];
        for (j, column) in ["found", "fixed"].iter().enumerate() {
            match computed(&agg, &format!("totals.{column}")) {
                Some(Computed::Count(n)) => {
                    prop_assert!(values(j).all(|v| v.is_some()), "totals.{} = {} though a school's value is unreadable", column, n);
                    prop_assert_eq!(*n, values(j).flatten().sum::<u64>(), "totals.{}", column);
                    totals[j] = *n;
                }
                Some(Computed::Unknown) => prop_assert!(any_issue, "totals.{} is null with no school's issue: {:#?}", column, agg.issues),
                other => prop_assert!(false, "totals.{} is {:?}", column, other),
            }
        }
        match computed(&agg, "totals.unfixed") {
            Some(Computed::Count(n)) => prop_assert_eq!(*n, totals[0] - totals[1], "totals.unfixed"),
            Some(Computed::Unknown) => prop_assert!(any_issue, "totals.unfixed is null with no school's issue: {:#?}", agg.issues),
            other => prop_assert!(false, "totals.unfixed is {:?}", other),
        }
        if let Some(Computed::Decimal(rate)) = computed(&agg, "totals.fix_rate") {
            prop_assert_eq!(Computed::Decimal(*rate), school_safety_forms::forms::daily_report::fix_rate(totals[0], totals[1]));
        }
    }

    /// The check-ups' "three 100 %": each rate's schools counted from their readable answers, or
    /// the rate unstated with a school's issue behind it.
    #[test]
    fn checkup_rates_are_counts_or_null_with_a_reason(schools in proptest::collection::vec((yes_no(), yes_no(), yes_no(), location(), any::<bool>()), 0..6)) {
        let reports: Vec<Json> = schools.iter().enumerate().map(|(i, (closed, alarm, video, location, guarded))| {
            let guards = if *guarded { vec![json!({"name": "王五", "licensed": "是", "age": "45"})] } else { Vec::new() };
            let data = with(checkup(guards), "school", json!(format!("第{i}校")));
            let data = with(data, "closed_management", json!(closed));
            let data = with(data, "alarm_linked", json!(alarm));
            let data = with(data, "video_linked", json!(video));
            with(data, "location", json!(location))
        }).collect();
        let options = value(json!({"profile": "jiangsu-2019", "now": "2019-09-24T10:00:00+08:00", "unit": "某区教育局"}));
        let agg = aggregate_at("security-checkup", &value(Json::Array(reports)), &options, || Instant { unix_ms: 0 }).unwrap();
        let yes = |t: &str| match t { "是" => Some(true), "否" => Some(false), _ => None };
        let issue = |i: usize, field: &str| has_issue(&agg, &format!("reports[{i}].{field}"));
        // Each school's answer for each rate: Some(met) or None (unreadable), and whether it counts.
        let answers: [Vec<(Option<bool>, bool, bool)>; 3] = [
            schools.iter().enumerate().map(|(i, s)| (yes(&s.0), true, issue(i, "closed_management"))).collect(),
            schools.iter().enumerate().map(|(i, s)| {
                let both = match (yes(&s.1), yes(&s.2)) { (Some(false), _) | (_, Some(false)) => Some(false), (Some(true), Some(true)) => Some(true), _ => None };
                (both, true, issue(i, "alarm_linked") || issue(i, "video_linked"))
            }).collect(),
            schools.iter().enumerate().map(|(i, s)| match s.3.as_str() {
                "城区" => (Some(s.4), true, false),
                "乡镇农村" => (None, false, false),
                _ => (None, true, issue(i, "location")),
            }).collect(),
        ];
        for (name, answers) in ["closed_management", "police_linked", "urban_guards"].iter().zip(&answers) {
            let counted: Vec<_> = answers.iter().filter(|(_, counts, _)| *counts).collect();
            let numerator = computed(&agg, &format!("rates.{name}.numerator"));
            let denominator = computed(&agg, &format!("rates.{name}.denominator"));
            if counted.iter().all(|(met, _, _)| met.is_some()) {
                let met = counted.iter().filter(|(met, _, _)| *met == Some(true)).count() as u64;
                prop_assert_eq!(numerator, Some(&Computed::Count(met)), "rates.{}.numerator", name);
                prop_assert_eq!(denominator, Some(&Computed::Count(counted.len() as u64)), "rates.{}.denominator", name);
            } else {
                prop_assert_eq!(numerator, Some(&Computed::Unknown), "rates.{}.numerator", name);
                prop_assert_eq!(denominator, Some(&Computed::Unknown), "rates.{}.denominator", name);
                prop_assert_eq!(computed(&agg, &format!("rates.{name}.percent")), Some(&Computed::Unknown), "rates.{}.percent", name);
                let reason = counted.iter().any(|(met, _, issue)| met.is_none() && *issue);
                prop_assert!(reason, "rates.{} is null with no school's issue: {:#?}", name, agg.issues);
            }
        }
    }

    /// Whatever the registers hold, the statistics computed from them pass their own sums.
    #[test]
    fn statistics_always_pass_their_own_checks(registers in proptest::collection::vec(proptest::collection::vec(
        (prop_oneof![Just("fire"), Just("gas"), Just("drug_user"), Just("燃气"), Just("xyz"), Just("")],
         prop_oneof![Just("done"), Just("in_progress"), Just("已完成"), Just("正在整改中"), Just("不知道"), Just("")]), 0..6), 0..4)) {
        let registers = registers.iter().enumerate().map(|(i, rows)| register(&format!("第{i}校"), rows.iter().map(|(c, s)| register_row(c, s)).collect())).collect();
        let (_, checked) = statistics(registers);
        prop_assert_eq!(adds_up(&checked), Ok(()));
    }
}
