//! The campaign statistics (RULES.md §5), citing seed 004: 附件3 "中小学幼儿园安全集中整治攻坚行动
//! 战果统计表" (填报单位, 填报时间, "排查学校（家）", "排查风险隐患（个）"), 附件2 注 "隐患整改情况填写：
//! 已完成、正在整改中", and §五 "在每月25日前，请市教育局直属学校开展集中攻坚行动情况及三张报表（附件1、
//! 2、3）报市教育局". Validated as its own kind, and computed by `aggregate("risk-register", …)`.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::value;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::{Scalar, Value};
use school_safety_forms::engine::report::{Aggregate, Report};
use school_safety_forms::forms::Computed;
use school_safety_forms::{aggregate_at, describe, session, validate_at};
use serde_json::{json, Value as Json};

const JIANGSU: &str = "jiangsu-2019";
const WENZHOU: &str = "zhejiang-wenzhou-2021";
const NOW: &str = "2019-09-24T10:00:00+08:00";

const CATEGORY_IDS: [&str; 17] = [
    "school_buildings",
    "gas",
    "campus_security",
    "fire",
    "traffic",
    "food_hygiene",
    "laboratory",
    "surroundings",
    "relocation",
    "staff_pay",
    "admission",
    "mental_health",
    "mental_disorder_person",
    "drug_user",
    "released_prisoner",
    "revenge_threat",
    "other",
];

/// A complete statistics form of 2019-09-20: 3 schools, 4 risks (fire 2 done; drug users 1 done,
/// 1 being fixed and overdue).
fn complete() -> Json {
    json!({
        "unit": "某市教育局", "report_date": "2019-09-20",
        "schools_inspected": 3, "risks_found": 4, "risks_done": 3, "risks_in_progress": 1, "risks_overdue": 1,
        "by_category": {
            "fire": {"found": 2, "done": 2, "in_progress": 0, "overdue": 0},
            "drug_user": {"found": "2", "done": "1", "in_progress": "1", "overdue": "1"}
        }
    })
}

fn stats_with(data: Json, options: Json) -> Report {
    validate_at("campaign-statistics", &value(data), &value(options), || Instant { unix_ms: 0 }).unwrap()
}

fn stats(data: Json, profile: &str, now: &str) -> Report {
    stats_with(data, json!({"profile": profile, "now": now}))
}

fn set(mut data: Json, path: &str, v: Json) -> Json {
    let mut at = &mut data;
    let parts: Vec<&str> = path.split('.').collect();
    for part in &parts[..parts.len() - 1] {
        if at.get(*part).is_none() {
            at[*part] = json!({});
        }
        at = at.get_mut(*part).unwrap();
    }
    at[parts[parts.len() - 1]] = v;
    data
}

fn count(r: &Report, path: &str) -> Option<u64> {
    match r.computed(path) {
        Some(Computed::Count(n)) => Some(*n),
        _ => None,
    }
}

#[test]
fn a_complete_statistics_form_is_valid() {
    let r = stats(complete(), JIANGSU, NOW);
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
    assert_eq!(count(&r, "schools_inspected"), Some(3));
    assert_eq!(count(&r, "by_category.drug_user.overdue"), Some(1));
}

/// 附件3's header "填报单位：… 填报时间：年 月 日" and its two columns "排查学校（家）" and
/// "排查风险隐患（个）" are required; the breakdown CONTRACT.md adds is optional.
#[test]
fn the_seeds_columns_are_required_and_the_breakdown_optional() {
    let r = stats(json!({}), JIANGSU, NOW);
    for path in ["unit", "report_date", "schools_inspected", "risks_found"] {
        assert_eq!(r.codes_at(path), ["required"], "{path}");
    }
    assert_eq!(r.issues.len(), 4, "{:#?}", r.issues);
    let fields = describe("campaign-statistics", &value(json!(JIANGSU))).unwrap();
    let schools = fields.iter().find(|f| f.path == "schools_inspected").unwrap();
    assert_eq!(schools.label.zh, "排查学校（家）");
    assert!(schools.computed && schools.required);
    let found = fields.iter().find(|f| f.path == "risks_found").unwrap();
    assert_eq!(found.label.zh, "排查风险隐患（个）");
    assert_eq!(fields.len(), 2 + 1 + 4 + 17 * 4);
}

/// Counts are whole numbers typed with any IME (RULES.md "Conventions"); typed figures come back
/// normalised in `computed`, and what cannot be read without a guess is an error.
#[test]
fn typed_figures_are_normalised_and_bad_ones_rejected() {
    let r = stats(set(set(complete(), "schools_inspected", json!("３")), "risks_found", json!(" 4 ")), JIANGSU, NOW);
    assert!(r.valid, "{:#?}", r.issues);
    assert_eq!(count(&r, "schools_inspected"), Some(3));
    assert_eq!(count(&r, "risks_found"), Some(4));
    let r = stats(set(complete(), "by_category.fire.done", json!("1２a")), JIANGSU, NOW);
    assert_eq!(r.codes_at("by_category.fire.done"), ["not_a_number"]);
    assert_eq!(r.computed("by_category.fire.done"), Some(&Computed::Unknown));
    // An unreadable figure is its own error, not also a mismatch.
    assert!(r.codes_at("by_category.fire.found").is_empty());
    assert!(r.codes_at("risks_done").is_empty());
    let r = stats(set(complete(), "risks_overdue", json!(-1)), JIANGSU, NOW);
    assert_eq!(r.codes_at("risks_overdue"), ["negative_number"]);
}

/// 附件2 注 "隐患整改情况填写：已完成、正在整改中": every risk found is one or the other, so
/// 已完成整改 + 正在整改 = 排查风险隐患, in the totals and in every category.
#[test]
fn status_sum_mismatch() {
    let r = stats(set(complete(), "risks_done", json!(2)), JIANGSU, NOW);
    assert_eq!(r.codes_at("risks_found"), ["status_sum_mismatch"]);
    assert!(!r.valid);
    let r = stats_with(
        set(complete(), "by_category.fire.in_progress", json!(1)),
        json!({"profile": JIANGSU, "now": NOW, "locale": "en"}),
    );
    let issue = r.issues.iter().find(|i| i.path == "by_category.fire.found").unwrap();
    assert_eq!(issue.code, "status_sum_mismatch");
    assert_eq!(
        issue.message,
        "Risks rectified and risks being rectified add up to 3, which does not match Fire safety: Risks found"
    );
    // Blank breakdowns are not checked.
    let r = stats(
        json!({"unit": "局", "report_date": "2019-09-20", "schools_inspected": 2, "risks_found": 5}),
        JIANGSU,
        NOW,
    );
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
}

/// Only a hazard still being fixed (正在整改中) can be past its deadline.
#[test]
fn overdue_exceeds_in_progress() {
    let r = stats(set(complete(), "risks_overdue", json!(2)), JIANGSU, NOW);
    assert_eq!(r.codes_at("risks_overdue"), ["overdue_exceeds_in_progress", "category_sum_mismatch"]);
    let r = stats(set(complete(), "by_category.fire.overdue", json!(1)), JIANGSU, NOW);
    assert_eq!(r.codes_at("by_category.fire.overdue"), ["overdue_exceeds_in_progress"]);
    assert_eq!(r.codes_at("risks_overdue"), ["category_sum_mismatch"]);
    // At the boundary (overdue = in progress) it is fine.
    let r = stats(complete(), JIANGSU, NOW);
    assert!(r.codes_at("by_category.drug_user.overdue").is_empty());
}

/// The categories of a column add up to its total once any category of it is given (a blank
/// category is 0).
#[test]
fn category_sum_mismatch() {
    let r = stats(set(complete(), "by_category.other.found", json!(1)), JIANGSU, NOW);
    assert_eq!(r.codes_at("risks_found"), ["category_sum_mismatch"]);
    // Its own done and in progress are blank: not checked within the category.
    assert!(r.codes_at("by_category.other.found").is_empty());
    let zh = r.issues.iter().find(|i| i.path == "risks_found").unwrap();
    assert_eq!(zh.message, "各类别之和为 5，与排查风险隐患（个）不符");
    // No category given at all: nothing to add up.
    let mut bare = complete();
    bare.as_object_mut().unwrap().remove("by_category");
    assert!(stats(bare, JIANGSU, NOW).issues.is_empty());
}

/// 排查风险隐患 without any 排查学校: the risks were found somewhere.
#[test]
fn risks_without_schools() {
    let r = stats(set(complete(), "schools_inspected", json!(0)), JIANGSU, NOW);
    assert_eq!(r.codes_at("schools_inspected"), ["risks_without_schools"]);
    let zero = json!({"unit": "局", "report_date": "2019-09-20", "schools_inspected": 0, "risks_found": 0});
    assert!(stats(zero, JIANGSU, NOW).issues.is_empty());
}

/// 填报时间 is a real date, not in the future (China time).
#[test]
fn report_date_is_a_real_date_not_in_the_future() {
    let r = stats(set(complete(), "report_date", json!("2019-02-30")), JIANGSU, NOW);
    assert_eq!(r.codes_at("report_date"), ["not_calendar_date"]);
    let r = stats(set(complete(), "report_date", json!("2019年9月25日")), JIANGSU, NOW);
    assert_eq!(r.codes_at("report_date"), ["date_in_future"]);
    let r = stats(set(complete(), "report_date", json!("2019/9/24")), JIANGSU, NOW);
    assert!(r.codes_at("report_date").is_empty());
}

/// Seed 004 §五 "在每月25日前…三张报表（附件1、2、3）报市教育局": on time through the 25th (前
/// includes the day, as "6月28日前" in seed 000), late from the 26th, China time. n−1, n, n+1.
#[test]
fn late_monthly_report_at_the_24th_25th_and_26th() {
    for (now, late) in [
        ("2019-09-24T23:59:59+08:00", false),
        ("2019-09-25T00:00:00+08:00", false),
        ("2019-09-25T23:59:59+08:00", false),
        ("2019-09-25T15:59:59Z", false),
        ("2019-09-25T16:00:00Z", true),
        ("2019-09-26T00:00:00+08:00", true),
        ("2019-10-02T09:00:00+08:00", true),
    ] {
        let r = stats(complete(), JIANGSU, now);
        let want: &[&str] = if late { &["late_monthly_report"] } else { &[] };
        assert_eq!(r.codes_at("report_date"), want, "{now}");
        assert!(r.valid, "lateness is a warning: {now}");
        if late {
            assert_eq!(r.issues[0].severity, "warning");
        }
    }
}

/// The deadline is of the report's month: a report dated after the 25th was filled in after its
/// month's deadline and is late as soon as it exists; one dated in October is due by 10-25.
#[test]
fn late_monthly_report_is_of_the_report_dates_month() {
    let r = stats(set(complete(), "report_date", json!("2019-09-26")), JIANGSU, "2019-09-26T09:00:00+08:00");
    assert_eq!(r.codes_at("report_date"), ["late_monthly_report"]);
    let r = stats(set(complete(), "report_date", json!("2019-10-01")), JIANGSU, "2019-10-25T20:00:00+08:00");
    assert!(r.codes_at("report_date").is_empty());
}

#[test]
fn late_monthly_report_message_names_the_deadline() {
    let r = stats(complete(), JIANGSU, "2019-09-26T08:00:00+08:00");
    assert_eq!(
        r.issues[0].message,
        "战果统计表须在每月25日前报送，按填报时间应于 2019-09-25 前（含当日）报送，现已逾时，按迟报处理"
    );
    let r = stats_with(complete(), json!({"profile": JIANGSU, "now": "2019-09-26T08:00:00+08:00", "locale": "en"}));
    assert_eq!(
        r.issues[0].message,
        "The campaign statistics are due by day 25 of each month: by Report date this report was due by 2019-09-25 and is late"
    );
}

/// Only seed 004 sets a monthly report: the same form on the 26th under Wenzhou is not late.
#[test]
fn no_monthly_deadline_under_wenzhou() {
    for now in ["2019-09-25T23:59:59+08:00", "2019-09-26T00:00:00+08:00", "2019-10-30T00:00:00+08:00"] {
        let r = stats(complete(), WENZHOU, now);
        assert!(r.issues.is_empty(), "{now}: {:#?}", r.issues);
    }
}

/// A portal profile moves the day (`campaign_statistics.monthly_deadline_day`) or drops it.
#[test]
fn a_portal_profile_overrides_the_day() {
    let profile = |day: Json| json!({"id": "city-2026", "extends": JIANGSU, "campaign_statistics": {"monthly_deadline_day": day}});
    let check = |day: Json, now: &str| {
        stats_with(complete(), json!({"profile": profile(day), "now": now})).codes_at("report_date").len()
    };
    assert_eq!(check(json!(20), "2019-09-20T23:59:00+08:00"), 0);
    assert_eq!(check(json!(20), "2019-09-21T00:00:00+08:00"), 1);
    assert_eq!(check(json!(null), "2019-12-31T00:00:00+08:00"), 0);
    // The 31st in a 30-day month is its last day.
    assert_eq!(check(json!(31), "2019-09-30T23:59:00+08:00"), 0);
    assert_eq!(check(json!(31), "2019-10-01T00:00:00+08:00"), 1);
    // A Wenzhou-based portal profile may add the deadline.
    let wenzhou = json!({"id": "w", "extends": WENZHOU, "campaign_statistics": {"monthly_deadline_day": 25}});
    let r = stats_with(complete(), json!({"profile": wenzhou, "now": "2019-09-26T00:00:00+08:00"}));
    assert_eq!(r.codes_at("report_date"), ["late_monthly_report"]);
    let bad = json!({"id": "x", "extends": JIANGSU, "campaign_statistics": {"monthly_deadline_day": "25日"}});
    let e =
        validate_at("campaign-statistics", &Value::Null, &value(json!({"profile": bad})), || Instant { unix_ms: 0 })
            .err()
            .unwrap();
    assert!(e.to_string().contains("campaign_statistics.monthly_deadline_day"), "{e}");
}

/// The session re-checks lateness as the clock moves past the 25th.
#[test]
fn a_session_turns_late_at_china_midnight() {
    let on_time = Instant::parse_iso("2019-09-25T23:00:00+08:00").unwrap();
    let mut s = session("campaign-statistics", &value(json!({"profile": JIANGSU})), || on_time).unwrap();
    for (path, v) in [("unit", "局"), ("report_date", "2019-09-20"), ("schools_inspected", "1"), ("risks_found", "0")]
    {
        s.set(path, Scalar::Text(v.into()));
    }
    assert!(s.result().issues.is_empty(), "{:#?}", s.result().issues);
    let changes = s.set_now(Instant::parse_iso("2019-09-26T00:00:00+08:00").unwrap());
    assert!(!changes.issues.is_empty());
    assert_eq!(s.result().codes_at("report_date"), ["late_monthly_report"]);
}

// ---- aggregate("risk-register", registers) ----

fn row(category: &str, status: &str, deadline: &str) -> Json {
    let done = status == "done" || status == "已完成";
    json!({"police_station": "城东派出所", "description": format!("{category}{status}{deadline}"), "place": "校内",
        "category": category, "found_on": "2019-09-02", "measures": "整改", "responsible": "王建国",
        "deadline": deadline, "supervisor": "李明", "status": status,
        "completed_on": if done { "2019-09-10" } else { "" },
        "interim_measures": if done { "" } else { "专人看守" }})
}

fn register(unit: &str, rows: Vec<Json>) -> Json {
    json!({"unit": unit, "report_date": "2019-09-20", "inspected_by": "赵", "signed_by": "钱", "rows": rows})
}

fn roll_up_at(registers: Vec<Json>, now: &str) -> Aggregate {
    aggregate_at(
        "risk-register",
        &value(Json::Array(registers)),
        &value(json!({"profile": JIANGSU, "now": now, "unit": "某市教育局"})),
        || Instant { unix_ms: 0 },
    )
    .unwrap()
}

fn roll_up(registers: Vec<Json>) -> Aggregate {
    roll_up_at(registers, NOW)
}

/// Whether the roll-up leaves the figure at `path` unstated (`null`).
fn unstated(agg: &Aggregate, path: &str) -> bool {
    agg.computed.iter().any(|(p, v)| p == path && *v == Computed::Unknown)
}

fn figure(agg: &Aggregate, path: &str) -> u64 {
    match agg.computed.iter().find(|(p, _)| p == path).map(|(_, v)| v) {
        Some(Computed::Count(n)) => *n,
        other => panic!("{path}: {other:?}"),
    }
}

/// The aggregate's `data` is a statistics form: passed to validate it is valid (with the district's
/// own unit and the registers' latest date), and gives back the same figures.
fn revalidate(agg: &Aggregate, now: &str) -> Report {
    let data = serde_json::to_value(&agg.data).unwrap();
    let r = stats(data, JIANGSU, now);
    for (path, v) in &agg.computed {
        assert_eq!(r.computed(path), Some(v), "{path}");
    }
    r
}

/// No registers: every figure 0, no school inspected, nothing to panic about.
#[test]
fn no_registers_gives_all_zero() {
    let agg = roll_up(vec![]);
    assert!(agg.valid && agg.issues.is_empty());
    assert_eq!(agg.computed.len(), 1 + 4 + 17 * 4);
    assert!(agg.computed.iter().all(|(_, v)| *v == Computed::Count(0)), "{:?}", agg.computed);
    let data = serde_json::to_value(&agg.data).unwrap();
    assert_eq!(data["report_date"], Json::Null);
    assert_eq!(data["by_category"]["other"], json!({"found": 0.0, "done": 0.0, "in_progress": 0.0, "overdue": 0.0}));
}

/// "排查学校（家）": a school inspected that found nothing was still inspected.
#[test]
fn schools_with_no_rows_are_counted() {
    let agg = roll_up(vec![
        register("甲校", vec![]),
        register("乙校", vec![row("fire", "done", "2019-09-20")]),
        json!({"unit": "丙校", "report_date": "2019-09-20", "inspected_by": "赵", "signed_by": "钱"}),
    ]);
    assert!(agg.valid, "{:#?}", agg.issues);
    assert_eq!(figure(&agg, "schools_inspected"), 3);
    assert_eq!(figure(&agg, "risks_found"), 1);
    assert!(revalidate(&agg, NOW).valid);
}

/// Seed 004 §三(三)'s kinds in the register's Chinese wording count under their ids; done and in
/// progress (附件2 注 "已完成、正在整改中") per category.
#[test]
fn categories_in_chinese_and_statuses_per_category() {
    let agg = roll_up(vec![
        register(
            "甲校",
            vec![
                row("吸毒人员", "正在整改中", "2019-09-30"),
                row("drug_user", "已完成", "2019-09-20"),
                row("心态失衡、扬言报复社会人员", "in_progress", "2019-09-30"),
            ],
        ),
        register("乙校", vec![row("消防安全", "done", "2019-09-20"), row("fire", "done", "2019-09-21")]),
    ]);
    assert!(agg.valid, "{:#?}", agg.issues);
    let want = [
        ("risks_found", 5),
        ("risks_done", 3),
        ("risks_in_progress", 2),
        ("risks_overdue", 0),
        ("by_category.drug_user.found", 2),
        ("by_category.drug_user.done", 1),
        ("by_category.drug_user.in_progress", 1),
        ("by_category.revenge_threat.in_progress", 1),
        ("by_category.fire.found", 2),
        ("by_category.fire.done", 2),
        ("by_category.fire.in_progress", 0),
        ("by_category.other.found", 0),
    ];
    for (path, n) in want {
        assert_eq!(figure(&agg, path), n, "{path}");
    }
    let data = serde_json::to_value(&agg.data).unwrap();
    assert_eq!(data["unit"], json!("某市教育局"));
    assert_eq!(data["report_date"], json!("2019-09-20"));
    assert_eq!(data["risks_found"], json!(5.0));
    assert_eq!(data["by_category"]["drug_user"]["in_progress"], json!(1.0));
    let mut keys: Vec<&str> = data["by_category"].as_object().unwrap().keys().map(String::as_str).collect();
    let mut ids = CATEGORY_IDS.to_vec();
    keys.sort_unstable();
    ids.sort_unstable();
    assert_eq!(keys, ids);
    assert!(revalidate(&agg, NOW).issues.is_empty());
}

/// Overdue is the register's own `rows[i].overdue`: a hazard still being fixed is not overdue on
/// its deadline day and is from the next day on, China time.
#[test]
fn overdue_on_the_day_after_the_deadline_and_not_on_it() {
    let registers =
        || vec![register("甲校", vec![row("gas", "正在整改中", "2019-09-20"), row("gas", "done", "2019-09-19")])];
    for (now, overdue) in [
        ("2019-09-20T23:59:59+08:00", 0),
        ("2019-09-20T15:59:59Z", 0),
        ("2019-09-20T16:00:00Z", 1),
        ("2019-09-21T00:00:00+08:00", 1),
    ] {
        let agg = roll_up_at(registers(), now);
        assert_eq!(figure(&agg, "risks_overdue"), overdue, "{now}");
        assert_eq!(figure(&agg, "by_category.gas.overdue"), overdue, "{now}");
        assert_eq!(figure(&agg, "by_category.gas.in_progress"), 1, "{now}");
        assert!(revalidate(&agg, now).valid, "{now}");
    }
}

/// A register with row errors is still a school inspected; its issues come back under
/// `reports[i].rows[j]…`, and its rows still count.
#[test]
fn a_register_with_row_errors_is_counted_and_its_issues_kept() {
    let mut bad = row("laboratory", "已完成", "2019-09-20");
    bad["completed_on"] = json!("");
    bad["responsible"] = json!("");
    let agg = roll_up(vec![register("甲校", vec![row("fire", "done", "2019-09-20")]), register("乙校", vec![bad])]);
    assert!(!agg.valid);
    let at = |path: &str| agg.issues.iter().filter(|i| i.path == path).map(|i| &*i.code).collect::<Vec<_>>();
    assert_eq!(at("reports[1].rows[0].completed_on"), ["completion_date_required"]);
    assert_eq!(at("reports[1].rows[0].responsible"), ["required"]);
    assert_eq!(at("reports[1].rows[0].police_station"), Vec::<&str>::new());
    assert_eq!(figure(&agg, "schools_inspected"), 2);
    assert_eq!(figure(&agg, "by_category.laboratory.done"), 1);
}

/// A row with a blank category is an error in its register; it counts in the totals (it is a risk
/// found) and under no category, so the statistics' categories add up to less and say so.
#[test]
fn a_row_without_a_category_leaves_every_category_unstated() {
    // CONTRACT.md "Roll-ups": the row could be any category's, so no category's figure is stated
    // (rather than categories that add up to less than the risks found).
    let agg = roll_up(vec![register("甲校", vec![row("fire", "done", "2019-09-20"), row("", "done", "2019-09-20")])]);
    assert_eq!(
        agg.issues.iter().filter(|i| i.path == "reports[0].rows[1].category").map(|i| &*i.code).collect::<Vec<_>>(),
        ["required"]
    );
    assert_eq!(figure(&agg, "risks_found"), 2);
    assert_eq!(figure(&agg, "risks_done"), 2);
    assert!(unstated(&agg, "by_category.fire.found"));
    assert!(unstated(&agg, "by_category.other.found"));
    let r = revalidate(&agg, NOW);
    assert!(r.codes_at("risks_found").is_empty(), "{:?}", r.codes_at("risks_found"));
}

/// The same school twice would count it twice: a warning at the second; registers of different
/// months are not one month's statistics.
#[test]
fn the_same_school_twice_and_mixed_months_are_warnings() {
    let mut august = register("丙校", vec![]);
    august["report_date"] = json!("2019-08-30");
    let agg = roll_up(vec![register("甲校", vec![]), register("甲 校", vec![]), august]);
    assert!(agg.valid);
    let codes: Vec<(&str, &str)> = agg.issues.iter().map(|i| (i.path.as_str(), &*i.code)).collect();
    assert_eq!(codes, [("reports[1].unit", "duplicate_unit"), ("report_date", "mixed_report_dates")]);
    // Different days of the same month are one month.
    let mut early = register("丁校", vec![]);
    early["report_date"] = json!("2019-09-01");
    assert!(roll_up(vec![register("甲校", vec![]), early]).issues.is_empty());
}

#[test]
fn registers_must_be_an_array() {
    let e = aggregate_at("risk-register", &value(json!({})), &Value::Null, || Instant { unix_ms: 0 });
    assert!(e.is_err());
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn json_value() -> impl Strategy<Value = Json> {
        let leaf = prop_oneof![
            Just(Json::Null),
            any::<bool>().prop_map(Json::Bool),
            any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number)),
            any::<i64>().prop_map(|i| json!(i)),
            ".{0,12}".prop_map(Json::String),
            "[0-9０-９,.+\\- 　e]{0,10}".prop_map(Json::String),
            Just(json!("2019-09-20")),
            Just(json!("正在整改中")),
            Just(json!("吸毒人员")),
        ];
        leaf.prop_recursive(5, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
                prop::collection::btree_map(key(), inner, 0..8).prop_map(|m| Json::Object(m.into_iter().collect())),
            ]
        })
    }

    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("rows".to_owned()),
            Just("by_category".to_owned()),
            Just("fire".to_owned()),
            Just("found".to_owned()),
            Just("overdue".to_owned()),
            Just("category".to_owned()),
            Just("status".to_owned()),
            Just("deadline".to_owned()),
            Just("risks_found".to_owned()),
            Just("schools_inspected".to_owned()),
            Just("report_date".to_owned()),
            ".{0,8}",
        ]
    }

    fn paths() -> Vec<String> {
        describe("campaign-statistics", &Value::Null).unwrap().into_iter().map(|f| f.path).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_data_always_yields_a_result(data in json_value(), now in any::<i64>()) {
            let options = value(json!({"profile": JIANGSU}));
            let r = validate_at("campaign-statistics", &value(data.clone()), &options, || Instant { unix_ms: now / 4 }).unwrap();
            prop_assert_eq!(r.valid, r.issues.iter().all(|i| i.severity == "warning"));
            let agg = aggregate_at("risk-register", &value(json!([data, {}])), &options, || Instant { unix_ms: now / 4 }).unwrap();
            prop_assert_eq!(figure(&agg, "schools_inspected"), 2);
            // Stated figures add up exactly (CONTRACT.md "Roll-ups"); unstated ones are `null`.
            let known = |path: &str| (!unstated(&agg, path)).then(|| figure(&agg, path));
            let sum: Option<u64> = CATEGORY_IDS.iter().map(|c| known(&format!("by_category.{c}.found"))).sum();
            if let (Some(sum), Some(found)) = (sum, known("risks_found")) {
                prop_assert_eq!(sum, found);
            }
            if let (Some(done), Some(open), Some(found)) = (known("risks_done"), known("risks_in_progress"), known("risks_found")) {
                prop_assert_eq!(done + open, found);
            }
        }

        #[test]
        fn session_agrees_with_validate_after_any_keystrokes(
            keys in prop::collection::vec((0usize..80, "[0-9０-９a\\-./]{0,4}"), 0..60)
        ) {
            let paths = paths();
            let options = value(json!({"profile": JIANGSU, "now": NOW}));
            let mut s = session("campaign-statistics", &options, || Instant { unix_ms: 0 }).unwrap();
            let mut data = serde_json::Map::new();
            for (i, text) in keys {
                let path = &paths[i % paths.len()];
                s.set(path, Scalar::Text(text.clone()));
                data.insert(path.clone(), Json::String(text));
            }
            let full = validate_at("campaign-statistics", &value(Json::Object(data)), &options, || Instant { unix_ms: 0 }).unwrap();
            prop_assert_eq!(s.result(), full);
        }
    }
}
