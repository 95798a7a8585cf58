//! The supervision checklist's rules (RULES.md §2) at their boundaries, citing seed 000 附件5
//! 督查工作清单 and seed 002 (Jizhou).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::value;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::{Scalar, Value};
use school_safety_forms::engine::report::Report;
use school_safety_forms::engine::session::Session;
use school_safety_forms::forms::Computed;
use school_safety_forms::{session, validate_at};
use serde_json::{json, Value as Json};

const NOW: &str = "2021-07-01T10:00:00+08:00";
const WENZHOU: &str = "zhejiang-wenzhou-2021";
const JIZHOU: &str = "tianjin-jizhou-2021";
const SUBS: [&str; 8] = ["helmet", "shield", "stab_vest", "cut_gloves", "baton", "flashlight", "spray", "steel_fork"];

/// A complete, valid checklist: one day-school campus of 800 with 2 guards, every item 是.
fn checklist() -> Json {
    let mut items = serde_json::Map::new();
    for n in 1..=18 {
        items.insert(n.to_string(), json!("是"));
    }
    let mut equipment = serde_json::Map::new();
    for sub in SUBS {
        equipment.insert(sub.into(), json!(2));
    }
    json!({
        "school": "温州市第八高级中学", "principal": "王剑波", "address": "温州市鹿城区学院中路", "phone": "0577-88631011",
        "boarding": "day", "campuses": [{"name": "本部", "headcount": 800, "guards": 2}],
        "items": items, "on_duty": 2, "equipment": equipment,
        "video_retention_days": 30, "clock_error_seconds": 10, "fault_restore_hours": 12,
        "inspection_date": "2021-06-25", "inspectors": "姜建序", "signatory": "王剑波"
    })
}

fn check_at(data: &Json, profile: Json, now: &str) -> Report {
    let options = value(json!({"profile": profile, "now": now}));
    validate_at("inspection-checklist", &value(data.clone()), &options, || Instant { unix_ms: 0 }).unwrap()
}

fn check(data: &Json, profile: &str) -> Report {
    check_at(data, json!(profile), NOW)
}

fn set(mut data: Json, path: &str, v: Json) -> Json {
    let mut at = &mut data;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        if i == parts.len() - 1 {
            at[*part] = v.clone();
        } else {
            if at.get(*part).is_none() {
                at[*part] = json!({});
            }
            at = at.get_mut(*part).unwrap();
        }
    }
    data
}

fn campuses(data: Json, list: Json) -> Json {
    set(data, "campuses", list)
}

fn text(s: &str) -> Computed {
    Computed::Text(s.into())
}

#[test]
fn a_complete_checklist_is_valid() {
    let r = check(&checklist(), WENZHOU);
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
    assert_eq!(r.computed("required_guards_total"), Some(&Computed::Count(2)));
    assert_eq!(r.computed("suggested.4"), Some(&text("yes")));
    assert_eq!(r.computed("suggested.9"), Some(&text("yes")));
    assert_eq!(r.computed("suggested.9.steel_fork"), Some(&text("yes")));
    assert_eq!(r.computed("suggested.10"), Some(&text("yes")));
    assert_eq!(r.computed("failed_items"), Some(&Computed::List(vec![])));
    assert_eq!(r.computed("failed_items_text"), Some(&text("")));
    // The campus follows the header's type.
    assert_eq!(r.computed("campuses[0].required_guards"), Some(&Computed::Count(2)));
}

/// Checks item 4 for one campus of `n` under `boarding` with `guards`: the total, the suggestion,
/// and the campus's own figure when the campus states its type.
fn item_4(boarding: &str, n: u64, guards: u64) -> (Report, Report) {
    let data = set(checklist(), "boarding", json!(boarding));
    let header = check(&campuses(data.clone(), json!([{"headcount": n, "guards": guards}])), WENZHOU);
    let own = campuses(
        set(data, "boarding", json!("day")),
        json!([{"headcount": n, "guards": guards, "boarding": boarding}]),
    );
    (header, check(&own, WENZHOU))
}

fn assert_item_4(boarding: &str, n: u64, required: u64) {
    for (guards, ok) in [(required - 1, false), (required, true), (required + 1, true)] {
        let (header, own) = item_4(boarding, n, guards);
        for r in [&header, &own] {
            assert_eq!(r.computed("required_guards_total"), Some(&Computed::Count(required)), "{boarding} {n}");
            assert_eq!(
                r.computed("suggested.4"),
                Some(&text(if ok { "yes" } else { "no" })),
                "{boarding} {n} {guards}"
            );
            let want: &[&str] = if ok { &[] } else { &["answer_contradicted"] };
            assert_eq!(r.codes_at("items.4"), want, "{boarding} {n} {guards}");
        }
        assert_eq!(own.computed("campuses[0].required_guards"), Some(&Computed::Count(required)));
    }
}

/// Seed 000 附件5 第4项: "非寄制学校师生员工总人数少于100人的至少配1名专职保安员；100人以上1000人以下的
/// 至少配备2名专职保安员".
#[test]
fn item_4_day_school_99_100_101_and_1000() {
    for (n, required) in [(99, 1), (100, 2), (101, 2), (999, 2), (1000, 2)] {
        assert_item_4("day", n, required);
    }
    assert_item_4("走读", 99, 1);
}

/// Seed 000 附件5 第4项: "超过1000人的，每增加500人增配1名专职保安员".
#[test]
fn item_4_day_school_one_more_per_started_500_over_1000() {
    for (n, required) in [(1001, 3), (1499, 3), (1500, 3), (1501, 4), (1999, 4), (2000, 4), (2001, 5)] {
        assert_item_4("day", n, required);
    }
}

/// Seed 000 附件5 第4项: "寄宿制学校、走读寄宿混合制学校均按照师生员工总人数为100人以下的至少配2名专职保安员，
/// 每增加300名师生增配1名专职保安员".
#[test]
fn item_4_boarding_and_mixed_two_up_to_100_then_one_per_started_300() {
    for (n, required) in [(99, 2), (100, 2), (101, 3), (399, 3), (400, 3), (401, 4), (699, 4), (700, 4), (701, 5)] {
        for boarding in ["boarding", "mixed", "寄宿", "走读寄宿混合"] {
            assert_item_4(boarding, n, required);
        }
    }
}

/// Seed 000 附件5 第4项: "涉及多校区的学校，其每个校区按在校师生实际人数根据上述标准，独立配备专职保安员".
#[test]
fn item_4_several_campuses_are_staffed_separately() {
    let two = |a: u64, b: u64| {
        let data = campuses(checklist(), json!([{"headcount": 800, "guards": a}, {"headcount": 1200, "guards": b}]));
        check(&data, WENZHOU)
    };
    let r = two(2, 3);
    assert_eq!(r.computed("required_guards_total"), Some(&Computed::Count(5)));
    assert_eq!(r.computed("suggested.4"), Some(&text("yes")));
    // Five guards in all, but the larger campus has one too few.
    let r = two(3, 2);
    assert_eq!(r.computed("suggested.4"), Some(&text("no")));
    assert_eq!(r.codes_at("items.4"), ["answer_contradicted"]);
    // Answered 否, the numbers agree: no error, item 4 is listed as failed.
    let data = set(
        campuses(checklist(), json!([{"headcount": 800, "guards": 3}, {"headcount": 1200, "guards": 2}])),
        "items.4",
        json!("否"),
    );
    let data = set(data, "rectification_deadline", json!("2021-07-10"));
    let r = check(&data, WENZHOU);
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
    assert_eq!(r.computed("failed_items"), Some(&Computed::List(vec![4])));
}

/// Item 4 is not decided while a campus's numbers are missing, nor without campuses; a shortage
/// as a day school decides it even before the type is chosen (boarding never needs fewer).
#[test]
fn item_4_undecided_until_the_numbers_are_in() {
    let r = check(&campuses(checklist(), json!([{"headcount": 800}])), WENZHOU);
    assert_eq!(r.computed("suggested.4"), Some(&Computed::Unknown));
    assert_eq!(r.codes_at("campuses[0].guards"), ["required"]);
    let r = check(&campuses(checklist(), json!([])), WENZHOU);
    assert_eq!(r.computed("required_guards_total"), Some(&Computed::Unknown));
    assert_eq!(r.computed("suggested.4"), Some(&Computed::Unknown));
    let no_type = set(checklist(), "boarding", json!(""));
    let r = check(&no_type, WENZHOU);
    assert_eq!(r.codes_at("boarding"), ["required"]);
    assert_eq!(r.computed("suggested.4"), Some(&Computed::Unknown));
    let r = check(&campuses(no_type, json!([{"headcount": 800, "guards": 1}])), WENZHOU);
    assert_eq!(r.computed("suggested.4"), Some(&text("no")));
    let r = check(&set(checklist(), "boarding", json!("half")), WENZHOU);
    assert_eq!(r.codes_at("boarding"), ["invalid_choice"]);
}

/// Seed 002 §五(一): "确保学生在校期间校园保安不少于2人" — whatever the headcount, under Jizhou only.
#[test]
fn jizhou_minimum_two_guards_with_a_headcount_of_50() {
    let data = campuses(checklist(), json!([{"headcount": 50, "guards": 1, "boarding": "day"}]));
    let wenzhou = check(&data, WENZHOU);
    assert_eq!(wenzhou.computed("campuses[0].required_guards"), Some(&Computed::Count(1)));
    assert_eq!(wenzhou.computed("suggested.4"), Some(&text("yes")));
    let jizhou = check(&data, JIZHOU);
    assert_eq!(jizhou.computed("campuses[0].required_guards"), Some(&Computed::Count(2)));
    assert_eq!(jizhou.computed("suggested.4"), Some(&text("no")));
    assert_eq!(jizhou.codes_at("items.4"), ["answer_contradicted"]);
    let two = campuses(checklist(), json!([{"headcount": 50, "guards": 2}]));
    assert_eq!(check(&two, JIZHOU).computed("suggested.4"), Some(&text("yes")));
}

/// Seed 000 附件5 第9项: "是否按执勤人数配备 防暴头盔（1顶/人）… 自卫喷雾剂（1支/人）".
#[test]
fn item_9_each_piece_one_per_person_on_duty_minus_one_equal_plus_one() {
    for sub in &SUBS[..7] {
        for (count, ok) in [(4, false), (5, true), (6, true)] {
            let data = set(set(checklist(), "on_duty", json!(5)), &format!("equipment.{sub}"), json!(count));
            let data = set(data, "equipment.helmet", json!(if *sub == "helmet" { count } else { 5 }));
            let mut data = data;
            for other in &SUBS[..7] {
                if other != sub {
                    data = set(data, &format!("equipment.{other}"), json!(5));
                }
            }
            let r = check(&data, WENZHOU);
            let want = if ok { "yes" } else { "no" };
            assert_eq!(r.computed(&format!("suggested.9.{sub}")), Some(&text(want)), "{sub} {count}");
            assert_eq!(r.computed("suggested.9"), Some(&text(want)), "{sub} {count}");
            let codes: &[&str] = if ok { &[] } else { &["answer_contradicted"] };
            assert_eq!(r.codes_at("items.9"), codes, "{sub} {count}");
        }
    }
}

/// Seed 000 附件5 第9项: "安全钢叉2套", whatever the number on duty.
#[test]
fn item_9_steel_fork_two_sets_1_2_3() {
    for (forks, ok) in [(1, false), (2, true), (3, true)] {
        for on_duty in [0, 1, 2] {
            let mut data = set(checklist(), "on_duty", json!(on_duty));
            data = set(data, "equipment.steel_fork", json!(forks));
            let r = check(&data, WENZHOU);
            assert_eq!(r.computed("suggested.9.steel_fork"), Some(&text(if ok { "yes" } else { "no" })), "{forks}");
        }
    }
    // Answered 是 for the sub-item itself: the contradiction is shown there.
    let data = set(set(checklist(), "equipment.steel_fork", json!(1)), "items.9", json!({"steel_fork": "是"}));
    let r = check(&data, WENZHOU);
    assert_eq!(r.codes_at("items.9.steel_fork"), ["answer_contradicted"]);
}

/// Item 9 is 是 only when every sub-item is (CONTRACT.md): blank, it follows them; given, it must agree.
#[test]
fn item_9_and_its_sub_items() {
    let with_subs = |nine: Json, subs: &[(&str, &str)]| {
        let mut data = set(checklist(), "items.9", nine);
        for (sub, answer) in subs {
            data = set(data, &format!("items.9.{sub}"), json!(answer));
        }
        data
    };
    let all_yes: Vec<(&str, &str)> = SUBS.iter().map(|s| (*s, "是")).collect();
    let mut one_no = all_yes.clone();
    one_no[2] = ("stab_vest", "否");
    // Nested object: items.9 blank, all sub-items 是 -> 是.
    let r = check(&with_subs(json!({}), &all_yes), WENZHOU);
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
    // Blank, one 否 -> 否, listed.
    let data = set(with_subs(json!({}), &one_no), "rectification_deadline", json!("2021-07-10"));
    let r = check(&data, WENZHOU);
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
    assert_eq!(r.computed("failed_items"), Some(&Computed::List(vec![9])));
    // Blank with sub-items missing: items.9 itself is required.
    let r = check(&with_subs(json!({}), &one_no[..7]), WENZHOU);
    assert_eq!(r.codes_at("items.9"), ["required"]);
    // Given and disagreeing either way (flat keys: items.9 a scalar, its sub-items beside it).
    let mut flat = checklist();
    flat["items"].as_object_mut().unwrap().remove("9");
    flat["items.9"] = json!("是");
    for (sub, answer) in &one_no {
        flat[format!("items.9.{sub}")] = json!(answer);
    }
    assert_eq!(check(&flat, WENZHOU).codes_at("items.9"), ["item_nine_sub_items"]);
    flat["items.9"] = json!("否");
    for sub in SUBS {
        flat[format!("items.9.{sub}")] = json!("是");
    }
    flat["rectification_deadline"] = json!("2021-07-10");
    assert_eq!(check(&flat, WENZHOU).codes_at("items.9"), ["item_nine_sub_items"]);
    flat["items.9.helmet"] = json!("否");
    assert_eq!(check(&flat, WENZHOU).codes_at("items.9"), Vec::<&str>::new());
}

/// Seed 000 附件5 第10项: "保存30天以上，监控时间误差不超过30秒" (以上 and 不超过 include the number).
#[test]
fn item_10_wenzhou_retention_29_30_31_and_clock_error_29_30_31() {
    for (days, ok) in [(29, false), (30, true), (31, true)] {
        let r = check(&set(checklist(), "video_retention_days", json!(days)), WENZHOU);
        assert_eq!(r.computed("suggested.10"), Some(&text(if ok { "yes" } else { "no" })), "{days}");
        let codes: &[&str] = if ok { &[] } else { &["answer_contradicted"] };
        assert_eq!(r.codes_at("items.10"), codes, "{days}");
    }
    for (seconds, ok) in [(29, true), (30, true), (31, false)] {
        let r = check(&set(checklist(), "clock_error_seconds", json!(seconds)), WENZHOU);
        assert_eq!(r.computed("suggested.10"), Some(&text(if ok { "yes" } else { "no" })), "{seconds}");
    }
}

/// Seed 002 §五(三): "确保采集的视频图像信息保存期限不少于90日" (不少于 includes 90).
#[test]
fn item_10_jizhou_retention_89_90_91() {
    for (days, jizhou_ok) in [(89, false), (90, true), (91, true)] {
        let data = set(checklist(), "video_retention_days", json!(days));
        let r = check(&data, JIZHOU);
        assert_eq!(r.computed("suggested.10"), Some(&text(if jizhou_ok { "yes" } else { "no" })), "{days}");
        assert_eq!(check(&data, WENZHOU).computed("suggested.10"), Some(&text("yes")), "{days}");
    }
}

/// Seed 002 §五(三): "确保安全技术防范系统出现故障的在24小时内恢复功能并正常运行" (以内 includes 24).
#[test]
fn item_10_jizhou_fault_restored_within_23_24_25_hours() {
    for (hours, ok) in [(23, true), (24, true), (25, false)] {
        let data = set(set(checklist(), "video_retention_days", json!(90)), "fault_restore_hours", json!(hours));
        let r = check(&data, JIZHOU);
        assert_eq!(r.computed("suggested.10"), Some(&text(if ok { "yes" } else { "no" })), "{hours}");
        // Wenzhou sets no limit on repairs.
        assert_eq!(check(&data, WENZHOU).computed("suggested.10"), Some(&text("yes")), "{hours}");
    }
    // Under Jizhou the repair time is needed to say 是.
    let mut data = set(checklist(), "video_retention_days", json!(90));
    data.as_object_mut().unwrap().remove("fault_restore_hours");
    assert_eq!(check(&data, JIZHOU).computed("suggested.10"), Some(&Computed::Unknown));
}

/// Seed 000 附件5: "请贵校（单位）于 年 月 日前整改完毕": required when an item failed, after the inspection.
#[test]
fn rectification_deadline_before_on_after_the_inspection_date() {
    let failed = set(checklist(), "items.12", json!("否"));
    let r = check(&failed, WENZHOU);
    assert_eq!(r.codes_at("rectification_deadline"), ["rectification_deadline_required"]);
    assert_eq!(r.computed("failed_items_text"), Some(&text("12")));
    for (deadline, ok) in [("2021-06-24", false), ("2021-06-25", false), ("2021-06-26", true)] {
        let r = check(&set(failed.clone(), "rectification_deadline", json!(deadline)), WENZHOU);
        let codes: &[&str] = if ok { &[] } else { &["deadline_not_after_inspection"] };
        assert_eq!(r.codes_at("rectification_deadline"), codes, "{deadline}");
    }
    assert_eq!(check(&checklist(), WENZHOU).codes_at("rectification_deadline"), Vec::<&str>::new());
}

/// Seed 000 §三(三): "各校联系责任人员要在6月28日前对照检查清单（附件5）至少开展一次实地督导检查".
#[test]
fn inspection_date_06_27_06_28_06_29_under_wenzhou() {
    for (day, ok) in
        [("2021-06-20", false), ("2021-06-21", true), ("2021-06-27", true), ("2021-06-28", true), ("2021-06-29", false)]
    {
        let data = set(checklist(), "inspection_date", json!(day));
        let codes: &[&str] = if ok { &[] } else { &["outside_inspection_window"] };
        assert_eq!(check(&data, WENZHOU).codes_at("inspection_date"), codes, "{day}");
        // Jizhou has no window.
        assert_eq!(check(&data, JIZHOU).codes_at("inspection_date"), Vec::<&str>::new(), "{day}");
    }
    let r = check_at(
        &set(checklist(), "inspection_date", json!("2021年6月26日")),
        json!(WENZHOU),
        "2021-06-25T23:00:00+08:00",
    );
    assert_eq!(r.codes_at("inspection_date"), ["date_in_future"]);
}

/// RULES.md Conventions: mobiles, landlines with area code (hyphen or not, full-width, extension);
/// seed 000's 6-digit short numbers ("刘  辉（669303）") only where the profile allows them.
#[test]
fn phone_cases_per_profile() {
    let cases: [(&str, bool, bool); 10] = [
        ("13958826553", true, true),
        ("0577-88631011", true, true),
        ("057788631011", true, true),
        ("０５７７－８８６３１０１１", true, true),
        ("0577-88631011转123", true, true),
        ("656789", true, false),
        ("88631011", false, false),
        ("1395882655", false, false),
        ("110", false, false),
        ("电话", false, false),
    ];
    for (phone, wenzhou, others) in cases {
        let data = set(checklist(), "phone", json!(phone));
        for (profile, ok) in
            [(WENZHOU, wenzhou), (JIZHOU, others), ("jiangsu-2019", others), ("zhejiang-suichang-2016", others)]
        {
            let codes = check(&data, profile).codes_at("phone");
            let want: &[&str] = match (ok, phone) {
                (true, _) => &[],
                (false, "656789") => &["short_phone_not_allowed"],
                _ => &["not_a_phone"],
            };
            assert_eq!(codes, want, "{phone} {profile}");
        }
    }
    assert_eq!(check(&set(checklist(), "phone", json!("")), WENZHOU).codes_at("phone"), ["required"]);
}

/// CONTRACT.md: "a yes/no answer is "yes" / "no" (是 / 否 and booleans accepted)"; anything else an error.
#[test]
fn answers_accept_yes_no_spellings_and_reject_the_rest() {
    for answer in [json!("yes"), json!("是"), json!(true), json!("ＹＥＳ")] {
        assert!(check(&set(checklist(), "items.1", answer.clone()), WENZHOU).issues.is_empty(), "{answer}");
    }
    for answer in [json!("no"), json!("否"), json!(false)] {
        let r = check(&set(checklist(), "items.1", answer.clone()), WENZHOU);
        assert_eq!(r.computed("failed_items"), Some(&Computed::List(vec![1])), "{answer}");
    }
    for answer in [json!("√"), json!("有"), json!(1), json!("是否")] {
        assert_eq!(
            check(&set(checklist(), "items.1", answer.clone()), WENZHOU).codes_at("items.1"),
            ["not_yes_no"],
            "{answer}"
        );
    }
    assert_eq!(check(&set(checklist(), "items.1", json!([1])), WENZHOU).codes_at("items.1"), ["invalid_value"]);
    assert_eq!(check(&set(checklist(), "items.18", json!("")), WENZHOU).codes_at("items.18"), ["required"]);
}

/// Seed 000 附件5: "针对以上第 … 条存在的问题": ascending item numbers, 、-separated.
#[test]
fn failed_items_are_ascending_and_written_with_the_enumeration_comma() {
    let mut data = set(checklist(), "rectification_deadline", json!("2021-07-10"));
    for n in ["12", "4", "9"] {
        data = set(data, &format!("items.{n}"), json!("否"));
    }
    let r = check(&data, WENZHOU);
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
    assert_eq!(r.computed("failed_items"), Some(&Computed::List(vec![4, 9, 12])));
    assert_eq!(r.computed("failed_items_text"), Some(&text("4、9、12")));
    // A contradicted 是 is its own error, not a failed item.
    let r = check(&set(checklist(), "video_retention_days", json!(7)), WENZHOU);
    assert_eq!(r.computed("failed_items"), Some(&Computed::List(vec![])));
    assert_eq!(r.codes_at("items.10"), ["answer_contradicted"]);
}

/// A portal profile overrides each inspection setting; only the profile changes between runs.
#[test]
fn a_portal_profile_overrides_each_inspection_setting() {
    let portal = |part: Json| json!({"id": "county-2026", "extends": WENZHOU, "inspection_checklist": part});
    let data = checklist();
    let r = check_at(
        &set(data.clone(), "video_retention_days", json!(30)),
        portal(json!({"video_retention_days": 60})),
        NOW,
    );
    assert_eq!(r.computed("suggested.10"), Some(&text("no")));
    let r = check_at(
        &set(data.clone(), "clock_error_seconds", json!(10)),
        portal(json!({"clock_error_max_seconds": 5})),
        NOW,
    );
    assert_eq!(r.computed("suggested.10"), Some(&text("no")));
    let r = check_at(&data, portal(json!({"min_guards_per_campus": 3})), NOW);
    assert_eq!(r.computed("required_guards_total"), Some(&Computed::Count(3)));
    let r =
        check_at(&set(data.clone(), "fault_restore_hours", json!(13)), portal(json!({"fault_restore_hours": 12})), NOW);
    assert_eq!(r.computed("suggested.10"), Some(&text("no")));
    let r = check_at(&data, portal(json!({"window": {"start": "2026-06-21", "end": "2026-06-28"}})), NOW);
    assert_eq!(r.codes_at("inspection_date"), ["outside_inspection_window"]);
    let r = check_at(&data, portal(json!({"window": null})), NOW);
    assert!(r.issues.is_empty());
    let r = check_at(&set(data, "phone", json!("656789")), portal(json!({"short_phone_allowed": false})), NOW);
    assert_eq!(r.codes_at("phone"), ["short_phone_not_allowed"]);
    let bad = school_safety_forms::validate(
        "inspection-checklist",
        &value(checklist()),
        &value(json!({"profile": portal(json!({"video_retention_days": "30"}))})),
    );
    let message = bad.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("inspection_checklist.video_retention_days"), "{message}");
}

fn blank_session(profile: &str) -> Session {
    session("inspection-checklist", &value(json!({"profile": profile, "now": NOW})), || Instant { unix_ms: 0 }).unwrap()
}

/// A change of the school's type re-decides item 4, the total and every campus's own figure at
/// once (each of which it changes); a keystroke in a campus touches only that campus.
#[test]
fn changing_the_boarding_type_redecides_item_4_in_one_step() {
    let mut s = blank_session(WENZHOU);
    let rows: Vec<Value> = (0..50).map(|_| value(json!({"headcount": 800, "guards": 2}))).collect();
    s.insert_rows("campuses", 0, &rows).unwrap();
    s.set("items.4", Scalar::Text("是".into()));
    let c = s.set("boarding", Scalar::Text("day".into()));
    assert!(c.computed.contains(&("required_guards_total".into(), Computed::Count(100))), "{c:?}");
    assert!(c.computed.contains(&("suggested.4".into(), text("yes"))));
    // 800 boarding: 2 + 3 started blocks of 300 over 100 = 5 a campus.
    let c = s.set("boarding", Scalar::Text("寄宿".into()));
    assert!(c.computed.contains(&("required_guards_total".into(), Computed::Count(250))), "{c:?}");
    assert!(c.issues.iter().any(|(p, l)| p == "items.4" && l.iter().any(|i| i.code == "answer_contradicted")));
    assert!(!c.issues.iter().any(|(p, _)| p.starts_with("campuses")));
    let figures = c.computed.iter().filter(|(p, v)| p.starts_with("campuses") && *v == Computed::Count(5)).count();
    assert_eq!(figures, 50, "every campus's own figure follows the school's type");
    // A keystroke in one campus touches only that campus and the answers it decides.
    let c = s.set("campuses[30].guards", Scalar::Text("5".into()));
    let paths: Vec<&String> = c.issues.iter().map(|(p, _)| p).chain(c.computed.iter().map(|(p, _)| p)).collect();
    assert!(paths.iter().all(|p| p.starts_with("campuses[30].") || !p.starts_with("campuses")), "{paths:?}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Set(usize, usize, String),
        Fixed(usize, String),
        Insert(usize, usize),
        Remove(usize),
        Move(usize, usize),
    }

    const COLUMNS: [&str; 4] = ["headcount", "guards", "boarding", "name"];
    const FIXED: [&str; 8] = [
        "boarding",
        "items.4",
        "on_duty",
        "equipment.helmet",
        "items.9",
        "items.9.helmet",
        "items.12",
        "video_retention_days",
    ];
    const VALUES: [&str; 12] = ["0", "50", "100", "101", "1001", "2", "3", "day", "寄宿", "是", "否", "x"];

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0usize..5, 0usize..4, 0usize..12).prop_map(|(r, c, v)| Op::Set(r, c, VALUES[v].to_owned())),
            (0usize..8, 0usize..12).prop_map(|(f, v)| Op::Fixed(f, VALUES[v].to_owned())),
            (0usize..5, 1usize..3).prop_map(|(at, n)| Op::Insert(at, n)),
            (0usize..5).prop_map(Op::Remove),
            (0usize..5, 0usize..5).prop_map(|(a, b)| Op::Move(a, b)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// After any sequence of set, insert, remove and move (campuses and the answers they
        /// decide), the session's result equals validate() of the same data.
        #[test]
        fn session_equals_validate_after_any_row_operations(ops in prop::collection::vec(op(), 0..40)) {
            let mut s = blank_session(JIZHOU);
            let mut rows: Vec<serde_json::Map<String, Json>> = Vec::new();
            let mut fixed = serde_json::Map::new();
            for op in ops {
                match op {
                    Op::Set(r, c, v) => {
                        s.set(&format!("campuses[{r}].{}", COLUMNS[c]), Scalar::Text(v.clone()));
                        while rows.len() <= r { rows.push(serde_json::Map::new()); }
                        rows[r].insert(COLUMNS[c].to_owned(), json!(v));
                    }
                    Op::Fixed(f, v) => {
                        s.set(FIXED[f], Scalar::Text(v.clone()));
                        fixed.insert(FIXED[f].to_owned(), json!(v));
                    }
                    Op::Insert(at, n) => {
                        let at = at.min(rows.len());
                        let new: Vec<Json> = (0..n).map(|i| json!({"headcount": VALUES[i + 1], "guards": "2"})).collect();
                        let values: Vec<Value> = new.iter().map(|r| value(r.clone())).collect();
                        s.insert_rows("campuses", at, &values).unwrap();
                        for (i, r) in new.into_iter().enumerate() { rows.insert(at + i, r.as_object().unwrap().clone()); }
                    }
                    Op::Remove(at) => {
                        if at < rows.len() { s.remove_row("campuses", at).unwrap(); rows.remove(at); }
                        else { prop_assert!(s.remove_row("campuses", at).is_err()); }
                    }
                    Op::Move(a, b) => {
                        if a < rows.len() && b < rows.len() {
                            s.move_row("campuses", a, b).unwrap();
                            let r = rows.remove(a);
                            rows.insert(b, r);
                        }
                    }
                }
            }
            let mut data = fixed;
            data.insert("campuses".into(), Json::Array(rows.into_iter().map(Json::Object).collect()));
            let options = value(json!({"profile": JIZHOU, "now": NOW}));
            let want = validate_at("inspection-checklist", &value(Json::Object(data)), &options, || Instant { unix_ms: 0 }).unwrap();
            let got = s.result();
            prop_assert_eq!(&got.issues, &want.issues);
            prop_assert_eq!(&got.computed, &want.computed);
        }

        /// Any data at the form's paths, of any type, gives a result (no panic) and every issue a message.
        #[test]
        fn arbitrary_data_never_panics(
            entries in prop::collection::vec((0usize..12, prop_oneof![
                any::<String>().prop_map(Json::String),
                any::<f64>().prop_map(|n| serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number)),
                any::<bool>().prop_map(Json::Bool),
                Just(json!([1, {"a": 2}])),
                Just(json!({"helmet": "是", "x": [null]})),
                Just(Json::Null),
                (0u64..5000).prop_map(|n| json!(n)),
            ]), 0..20),
            profile in prop::sample::select(vec![WENZHOU, JIZHOU, "jiangsu-2019", "zhejiang-suichang-2016"]),
        ) {
            const PATHS: [&str; 12] = ["phone", "boarding", "campuses", "items", "items.9", "equipment",
                "on_duty", "inspection_date", "rectification_deadline", "clock_error_seconds", "suggested.4", "failed_items"];
            let mut data = checklist();
            for (p, v) in entries {
                data[PATHS[p]] = v;
            }
            let r = check(&data, profile);
            prop_assert!(r.issues.iter().all(|i| !i.message.is_empty()));
        }
    }
}
