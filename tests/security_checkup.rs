//! The security check-up's rules (RULES.md §3) at their boundaries, citing seed 004 (附件1
//! 中小学幼儿园安防体检表: "注：紧急报警按钮在‘有效、无效、无’中择一填写；护学岗在‘治安岗、交警岗、
//! 巡特警岗、群防群治’四类中择一填写"; §二(二) "保安员必须持证上岗，原则上年龄不高于50周岁";
//! "各校安防措施情况由学校、派出所共同填写") and seed 002 (§四(一) "确保所有保安持证上岗 …
//! 确保学生在校期间校园保安不少于2人").
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::value;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::{Scalar, Value};
use school_safety_forms::engine::report::{Aggregate, Report};
use school_safety_forms::engine::session::Session;
use school_safety_forms::forms::Computed;
use school_safety_forms::{aggregate_at, describe, session, validate_at};
use serde_json::{json, Value as Json};

const NOW: &str = "2019-09-25T10:00:00+08:00";
const JIANGSU: &str = "jiangsu-2019";
const WENZHOU: &str = "zhejiang-wenzhou-2021";
const JIZHOU: &str = "tianjin-jizhou-2021";

/// A valid 18-character ID from 17 digits (GB 11643-1999 §8.2).
fn id(first17: &str) -> String {
    common::resident_id(first17)
}

/// An ID of someone born on `yyyymmdd`.
fn born(yyyymmdd: &str) -> String {
    id(&format!("320102{yyyymmdd}123"))
}

fn guard(name: &str, age: &str) -> Json {
    json!({"name": name, "licensed": "是", "age": age})
}

fn checkup(guards: Vec<Json>) -> Json {
    common::checkup(guards)
}

fn check_at(data: Json, profile: &str, now: &str) -> Report {
    let options = value(json!({"profile": profile, "now": now}));
    validate_at("security-checkup", &value(data), &options, || Instant { unix_ms: 0 }).unwrap()
}

fn check(data: Json, profile: &str) -> Report {
    check_at(data, profile, NOW)
}

fn with(mut data: Json, key: &str, v: Json) -> Json {
    data[key] = v;
    data
}

fn count(r: &Report, path: &str) -> Option<u64> {
    match r.computed(path) {
        Some(Computed::Count(n)) => Some(*n),
        _ => None,
    }
}

#[test]
fn a_complete_checkup_is_valid() {
    let r = check(checkup(vec![guard("张三", "45"), guard("李四", "50")]), JIANGSU);
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
    assert_eq!(count(&r, "guards_total"), Some(2));
    assert_eq!(count(&r, "guards_licensed"), Some(2));
    assert_eq!(count(&r, "guards_over_age"), Some(0));
}

/// "各校安防措施情况由学校、派出所共同填写": the school and the police station are both named;
/// every answer of the header is required (the district's rates need it).
#[test]
fn header_fields_are_required() {
    for key in [
        "unit",
        "report_date",
        "school",
        "police_station",
        "location",
        "closed_management",
        "alarm_linked",
        "video_linked",
        "anti_ramming",
        "alarm_button",
        "guard_post",
    ] {
        let r = check(with(checkup(vec![guard("张三", "45")]), key, json!("")), JIANGSU);
        assert_eq!(r.codes_at(key), ["required"], "{key}");
        assert!(!r.valid);
    }
}

/// 填报时间 is a real date, not after today (today−1, today, today+1 in China time).
#[test]
fn report_date_not_in_future() {
    let at = |d: &str| check(with(checkup(vec![]), "report_date", json!(d)), WENZHOU).codes_at("report_date");
    assert!(at("2019-09-24").is_empty());
    assert!(at("2019年9月25日").is_empty());
    assert_eq!(at("2019-09-26"), ["date_in_future"]);
    assert_eq!(at("2019-02-30"), ["not_calendar_date"]);
}

/// CONTRACT.md: yes/no answers are "yes"/"no", 是/否 and booleans; anything else is an error.
#[test]
fn yes_no_answers_accept_contract_spellings_only() {
    for ok in [json!("yes"), json!("no"), json!("是"), json!("否"), json!(true), json!(false), json!("ＹＥＳ")] {
        let r = check(with(checkup(vec![]), "closed_management", ok.clone()), WENZHOU);
        assert!(r.codes_at("closed_management").is_empty(), "{ok}");
    }
    for bad in [json!("有"), json!("√"), json!(1), json!("y")] {
        let r = check(with(checkup(vec![]), "anti_ramming", bad.clone()), WENZHOU);
        assert_eq!(r.codes_at("anti_ramming"), ["not_yes_no"], "{bad}");
    }
    let r = check(with(checkup(vec![]), "video_linked", json!(["是"])), WENZHOU);
    assert_eq!(r.codes_at("video_linked"), ["invalid_value"]);
}

/// 附件1 注: "紧急报警按钮在‘有效、无效、无’中择一填写；护学岗在‘治安岗、交警岗、巡特警岗、群防群治’四类中择一填写".
#[test]
fn choices_in_english_ids_and_chinese_wording() {
    let ok = |key: &str, v: &str| check(with(checkup(vec![]), key, json!(v)), WENZHOU).codes_at(key).is_empty();
    for v in ["effective", "ineffective", "none", "有效", "无效", "无", "NONE", "无 效"] {
        assert!(ok("alarm_button", v), "{v}");
    }
    for v in ["public_security", "traffic", "patrol", "community", "治安岗", "交警岗", "巡特警岗", "群防群治"]
    {
        assert!(ok("guard_post", v), "{v}");
    }
    for v in ["urban", "rural", "城区", "乡镇农村"] {
        assert!(ok("location", v), "{v}");
    }
    let bad = |key: &str, v: &str| check(with(checkup(vec![]), key, json!(v)), WENZHOU).codes_at(key);
    assert_eq!(bad("alarm_button", "无效的"), ["invalid_choice"]);
    assert_eq!(bad("alarm_button", "有"), ["invalid_choice"]);
    // Issue 20: 治安 names 治安岗 alone (two thirds of it); one character never names an option.
    assert!(check(with(checkup(vec![]), "guard_post", json!("治安")), WENZHOU).codes_at("guard_post").is_empty());
    assert_eq!(bad("guard_post", "治"), ["invalid_choice"]);
    assert_eq!(bad("location", "城市"), ["invalid_choice"]);
}

/// Seed 004 "保安员必须持证上岗"; seed 002 "确保所有保安持证上岗": yes is fine, no is an error,
/// blank is required.
#[test]
fn guard_licensed_yes_no_blank() {
    let at = |v: Json| {
        let r = check(checkup(vec![with(guard("张三", "45"), "licensed", v)]), WENZHOU);
        let codes: Vec<&str> = r.codes_at("guards[0].licensed").into_iter().map(|c| &*c.into_owned().leak()).collect();
        (codes, count(&r, "guards_licensed"))
    };
    assert_eq!(at(json!("是")), (vec![], Some(1)));
    assert_eq!(at(json!("否")), (vec!["guard_unlicensed"], Some(0)));
    assert_eq!(at(json!("no")), (vec!["guard_unlicensed"], Some(0)));
    assert_eq!(at(json!("")), (vec!["required"], Some(0)));
    assert_eq!(at(json!("有证")), (vec!["not_yes_no"], Some(0)));
    let r = check(checkup(vec![with(guard("张三", "45"), "licensed", json!("否"))]), WENZHOU);
    assert!(!r.valid);
}

/// Seed 004 "原则上年龄不高于50周岁": 49 and 50 are fine, 51 is a warning (not a block) under
/// jiangsu-2019; no age limit under Wenzhou (only the profile changes).
#[test]
fn guard_over_age_49_50_51_under_jiangsu_only() {
    for (age, over) in [("49", false), ("50", false), ("51", true)] {
        let r = check(checkup(vec![guard("张三", age)]), JIANGSU);
        let codes = r.codes_at("guards[0].age");
        assert_eq!(codes, if over { vec!["guard_over_age"] } else { vec![] }, "{age}");
        assert_eq!(count(&r, "guards_over_age"), Some(u64::from(over)));
        assert!(r.valid, "a warning never blocks");
        if over {
            let issue = r.issues.iter().find(|i| i.code == "guard_over_age").unwrap();
            assert_eq!(issue.severity, "warning");
            assert_eq!(issue.message, "保安员原则上年龄不高于50周岁，按年龄计算为51岁");
        }
        let r = check(checkup(vec![guard("张三", age)]), WENZHOU);
        assert!(r.issues.is_empty(), "{age} {:#?}", r.issues);
        assert_eq!(count(&r, "guards_over_age"), Some(0));
    }
}

/// A typed age: a whole number, not over 100; at least 18 (保安服务管理条例 第十六条 "年满18周岁").
#[test]
fn typed_age_is_a_plausible_whole_number() {
    let at = |v: &str| check(checkup(vec![guard("张三", v)]), WENZHOU).codes_at("guards[0].age");
    assert_eq!(at("17"), ["guard_under_age"]);
    assert!(at("18").is_empty());
    assert!(at("１００").is_empty());
    assert_eq!(at("101"), ["number_too_large"]);
    assert_eq!(at("45.5"), ["not_whole_number"]);
    assert_eq!(at("四十"), ["not_a_number"]);
}

/// RULES.md §3: "An 18-digit resident ID … may be entered instead of an age"; one of them is needed.
#[test]
fn age_or_id_required() {
    let r = check(checkup(vec![with(guard("张三", ""), "id_number", json!(""))]), WENZHOU);
    assert_eq!(r.codes_at("guards[0].age"), ["age_or_id_required"]);
    let r = check(checkup(vec![with(guard("张三", ""), "id_number", json!(born("19700101")))]), WENZHOU);
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
    assert_eq!(count(&r, "guards[0].age"), Some(49));
    assert_eq!(r.computed("guards[0].birth_date"), Some(&Computed::Text("1970-01-01".into())));
}

/// The age from the ID on the day before, of and after the 51st birthday (seed 004 "不高于50周岁").
#[test]
fn guard_over_age_from_id_around_the_51st_birthday() {
    let data = checkup(vec![json!({"name": "王五", "licensed": "是", "id_number": born("19680925")})]);
    for (now, age, over) in [
        ("2019-09-24T23:59:00+08:00", 50, false),
        ("2019-09-25T00:00:00+08:00", 51, true),
        ("2019-09-26T10:00:00+08:00", 51, true),
    ] {
        let r = check_at(with(data.clone(), "report_date", json!("2019-09-24")), JIANGSU, now);
        assert_eq!(count(&r, "guards[0].age"), Some(age), "{now}");
        let codes = r.codes_at("guards[0].id_number");
        assert_eq!(codes, if over { vec!["guard_over_age"] } else { vec![] }, "{now}");
        assert_eq!(count(&r, "guards_over_age"), Some(u64::from(over)));
    }
    // China time: 16:00 UTC on the 24th is already the birthday in China.
    let r = check_at(data, JIANGSU, "2019-09-24T16:00:00Z");
    assert_eq!(count(&r, "guards[0].age"), Some(51));
}

/// An age typed beside a valid ID must agree with it; the ID's age is the one used.
#[test]
fn age_mismatch_when_typed_age_and_id_disagree() {
    let g = |age: &str| json!({"name": "王五", "licensed": "是", "age": age, "id_number": born("19680926")});
    let r = check(checkup(vec![g("50")]), JIANGSU);
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
    let r = check(checkup(vec![g("45")]), JIANGSU);
    assert_eq!(r.codes_at("guards[0].age"), ["age_mismatch"]);
    assert_eq!(count(&r, "guards[0].age"), Some(50));
    let r = check(checkup(vec![g("51")]), JIANGSU);
    assert_eq!(r.codes_at("guards[0].age"), ["age_mismatch"]);
    assert_eq!(count(&r, "guards_over_age"), Some(0), "the ID's age wins");
}

/// GB 11643: valid, wrong check digit, impossible date, future birth date, 15 digits, lower-case x.
#[test]
fn resident_id_rejections_and_lower_case_x() {
    let at = |v: &str| {
        let r = check(checkup(vec![with(guard("张三", ""), "id_number", json!(v))]), WENZHOU);
        (r.codes_at("guards[0].id_number"), r.codes_at("guards[0].age"), r.computed("guards[0].birth_date").cloned())
    };
    let valid = born("19800101");
    assert_eq!(at(&valid), (vec![], vec![], Some(Computed::Text("1980-01-01".into()))));
    let (body, check_char) = valid.split_at(17);
    let wrong = format!("{body}{}", if check_char == "0" { "1" } else { "0" });
    assert_eq!(at(&wrong).0, ["bad_check_digit"]);
    assert_eq!(at(&born("19990230")).0, ["bad_birth_date"]);
    assert_eq!(at(&born("20191001")).0, ["birth_date_in_future"]);
    assert_eq!(at("110105491231002").0, ["old_fifteen_digit_id"]);
    assert_eq!(at("1101054912310").0, ["not_an_id"]);
    // No age_or_id_required on top of an ID the officer did type.
    assert!(at("110105491231002").1.is_empty());
    assert_eq!(at("110105491231002").2, Some(Computed::Unknown));
    // 11010519491231002X: GB 11643's own example, check character X, typed lower-case.
    assert_eq!(at("11010519491231002x"), (vec![], vec![], Some(Computed::Text("1949-12-31".into()))));
    let r = check(checkup(vec![with(guard("张三", ""), "id_number", json!("110105491231002"))]), WENZHOU);
    let message = &r.issues.iter().find(|i| i.code == "old_fifteen_digit_id").unwrap().message;
    assert_eq!(message, "身份证号码为15位旧身份证号码，请填写18位公民身份号码");
}

/// A future birth date becomes valid on the birthday itself: the clock re-checks it.
#[test]
fn birth_date_in_future_clears_on_the_day() {
    let data = checkup(vec![json!({"name": "小王", "licensed": "是", "id_number": born("20190926")})]);
    let mut s = session("security-checkup", &value(json!({"profile": WENZHOU, "now": NOW})), || Instant { unix_ms: 0 })
        .unwrap();
    s.insert_rows("guards", 0, &[value(data["guards"][0].clone())]).unwrap();
    assert_eq!(s.result().codes_at("guards[0].id_number"), ["birth_date_in_future"]);
    s.set_now(Instant::parse_iso("2019-09-26T08:00:00+08:00").unwrap());
    assert_eq!(s.result().codes_at("guards[0].id_number"), ["guard_under_age"]);
}

/// Moving the clock across a birthday flips the warning, re-checking only the guard whose age changes.
#[test]
fn set_now_across_the_birthday_flips_guard_over_age() {
    let mut s = session("security-checkup", &value(json!({"profile": JIANGSU, "now": NOW})), || Instant { unix_ms: 0 })
        .unwrap();
    let rows: Vec<Value> = (0..50)
        .map(|i| {
            let birth = if i == 30 { "19680926".to_owned() } else { format!("1980{:02}{:02}", 1 + i % 12, 1 + i % 28) };
            value(json!({"name": format!("保安{i}"), "licensed": "是", "id_number": born(&birth)}))
        })
        .collect();
    s.insert_rows("guards", 0, &rows).unwrap();
    assert!(s.result().codes_at("guards[30].id_number").is_empty());
    let next = s.set_now(Instant::parse_iso("2019-09-26T08:00:00+08:00").unwrap());
    assert!(next.issues.iter().any(|(p, l)| p == "guards[30].id_number" && l[0].code == "guard_over_age"), "{next:?}");
    assert!(next.computed.contains(&("guards[30].age".into(), Computed::Count(51))));
    assert!(next.computed.contains(&("guards_over_age".into(), Computed::Count(1))));
    let rows_touched: Vec<&String> = next
        .issues
        .iter()
        .map(|(p, _)| p)
        .chain(next.computed.iter().map(|(p, _)| p))
        .filter(|p| p.starts_with("guards["))
        .collect();
    assert!(rows_touched.iter().all(|p| p.starts_with("guards[30].")), "{rows_touched:?}");
    let back = s.set_now(Instant::parse_iso(NOW).unwrap());
    assert!(back.issues.iter().any(|(p, l)| p == "guards[30].id_number" && l.is_empty()), "{back:?}");
    assert!(back.computed.contains(&("guards_over_age".into(), Computed::Count(0))));
    let same_day = s.set_now(Instant::parse_iso("2019-09-25T23:00:00+08:00").unwrap());
    assert!(same_day.issues.is_empty() && same_day.computed.is_empty(), "{same_day:?}");
}

/// Seed 002 "确保学生在校期间校园保安不少于2人": 1 is too few, 2 and 3 are enough (不少于 includes 2);
/// no minimum under other profiles; a blank spare row is not a guard.
#[test]
fn too_few_guards_under_jizhou_at_1_2_3() {
    let guards = |n: usize| (0..n).map(|i| guard(&format!("保安{i}"), "40")).collect::<Vec<_>>();
    for (n, few) in [(0, true), (1, true), (2, false), (3, false)] {
        let r = check(checkup(guards(n)), JIZHOU);
        assert_eq!(r.codes_at("guards_total"), if few { vec!["too_few_guards"] } else { vec![] }, "{n}");
        assert_eq!(count(&r, "guards_total"), Some(n as u64));
        let r = check(checkup(guards(n)), JIANGSU);
        assert!(r.codes_at("guards_total").is_empty());
    }
    let mut one_and_spare = guards(1);
    one_and_spare.push(json!({}));
    one_and_spare.push(json!({"name": " ", "licensed": "", "age": "", "id_number": "　"}));
    let r = check(checkup(one_and_spare), JIZHOU);
    assert_eq!(r.codes_at("guards_total"), ["too_few_guards"]);
    assert!(r.codes_at("guards[1].name").is_empty() && r.codes_at("guards[2].age").is_empty());
    let message = &r.issues.iter().find(|i| i.code == "too_few_guards").unwrap().message;
    assert_eq!(message, "学生在校期间校园保安不少于 2 人，专职保安员人数仅 1 人");
}

/// The minimum follows the running sum as rows are added and removed.
#[test]
fn too_few_guards_follows_row_operations() {
    let mut s =
        session("security-checkup", &value(json!({"profile": JIZHOU, "now": NOW})), || Instant { unix_ms: 0 }).unwrap();
    s.insert_rows("guards", 0, &[value(guard("甲", "40"))]).unwrap();
    assert_eq!(s.result().codes_at("guards_total"), ["too_few_guards"]);
    let c = s.insert_rows("guards", 1, &[value(guard("乙", "40"))]).unwrap();
    assert!(c.issues.iter().any(|(p, l)| p == "guards_total" && l.is_empty()), "{c:?}");
    let c = s.set("guards[1].name", Scalar::Text(String::new()));
    assert!(c.issues.iter().all(|(p, _)| p != "guards_total"), "still a guard: age and licence typed");
    s.set("guards[1].licensed", Scalar::Empty);
    let c = s.set("guards[1].age", Scalar::Empty);
    assert!(c.issues.iter().any(|(p, l)| p == "guards_total" && l[0].code == "too_few_guards"), "{c:?}");
}

/// A portal-supplied profile overrides each check-up field: the age limit and the minimum.
#[test]
fn portal_profile_overrides_each_field() {
    let run = |profile: Json, data: Json| {
        let options = value(json!({"profile": profile, "now": NOW}));
        validate_at("security-checkup", &value(data), &options, || Instant { unix_ms: 0 }).unwrap()
    };
    let older = json!({"id": "js-55", "extends": JIANGSU, "security_checkup": {"max_guard_age": 55}});
    assert!(run(older.clone(), checkup(vec![guard("甲", "55")])).issues.is_empty());
    assert_eq!(run(older, checkup(vec![guard("甲", "56")])).codes_at("guards[0].age"), ["guard_over_age"]);
    let none = json!({"id": "js-none", "extends": JIANGSU, "security_checkup": {"max_guard_age": null}});
    assert!(run(none, checkup(vec![guard("甲", "70")])).issues.is_empty());
    let wz = json!({"id": "wz-3", "extends": WENZHOU, "security_checkup": {"min_guards": 3}});
    let two = vec![guard("甲", "40"), guard("乙", "40")];
    assert_eq!(run(wz, checkup(two.clone())).codes_at("guards_total"), ["too_few_guards"]);
    let jz = json!({"id": "jz-none", "extends": JIZHOU, "security_checkup": {"min_guards": null}});
    assert!(run(jz, checkup(vec![guard("甲", "40")])).issues.is_empty());
    // The severity of the age rule can be raised like any other.
    let strict = json!({"id": "js-strict", "extends": JIANGSU, "severities": {"guard_over_age": "error"}});
    let r = run(strict, checkup(vec![guard("甲", "51")]));
    assert!(!r.valid);
    let bad = value(json!({"profile": {"id": "x", "extends": JIANGSU, "security_checkup": {"max_guard_age": "50"}}}));
    let e = validate_at("security-checkup", &value(checkup(vec![])), &bad, || Instant { unix_ms: 0 }).err().unwrap();
    assert!(e.to_string().contains("security_checkup.max_guard_age"), "{e}");
}

#[test]
fn describe_lists_the_contract_fields() {
    let fields = describe("security-checkup", &Value::Null).unwrap();
    let paths: Vec<&str> = fields.iter().map(|f| f.path.as_str()).collect();
    for p in [
        "unit",
        "report_date",
        "school",
        "police_station",
        "location",
        "closed_management",
        "alarm_linked",
        "video_linked",
        "anti_ramming",
        "alarm_button",
        "guard_post",
        "guards[i].name",
        "guards[i].licensed",
        "guards[i].age",
        "guards[i].id_number",
        "guards[i].birth_date",
        "guards_total",
        "guards_licensed",
        "guards_over_age",
    ] {
        assert!(paths.contains(&p), "{p}");
    }
    let age = fields.iter().find(|f| f.path == "guards[i].age").unwrap();
    assert!(age.computed && !age.required);
}

#[test]
fn english_messages_name_the_field() {
    let options = value(json!({"profile": JIANGSU, "now": NOW, "locale": "en"}));
    let data = checkup(vec![with(guard("甲", "51"), "licensed", json!("no"))]);
    let r = validate_at("security-checkup", &value(data), &options, || Instant { unix_ms: 0 }).unwrap();
    let msg = |code: &str| r.issues.iter().find(|i| i.code == code).unwrap().message.clone();
    assert_eq!(msg("guard_unlicensed"), "Guards must be licensed (Licensed: no)");
    assert_eq!(msg("guard_over_age"), "Guards should in principle be 50 or younger; by Age this guard is 51");
}

// ---- aggregate: the "three 100 %" ----

fn roll_up(reports: Vec<Json>) -> (Aggregate, Json) {
    let agg = aggregate_at(
        "security-checkup",
        &value(Json::Array(reports)),
        &value(json!({"profile": JIANGSU, "now": NOW, "unit": "某区教育局"})),
        || Instant { unix_ms: 0 },
    )
    .unwrap();
    let data = serde_json::to_value(&agg.data).unwrap();
    (agg, data)
}

fn school(name: &str, location: &str, closed: &str, alarm: &str, video: &str, guards: usize) -> Json {
    let g = (0..guards).map(|i| guard(&format!("{name}保安{i}"), "40")).collect();
    let data = with(checkup(g), "school", json!(name));
    let data = with(data, "location", json!(location));
    let data = with(data, "closed_management", json!(closed));
    let data = with(data, "alarm_linked", json!(alarm));
    with(data, "video_linked", json!(video))
}

fn computed(agg: &Aggregate, path: &str) -> Option<Computed> {
    agg.computed.iter().find(|(p, _)| p == path).map(|(_, v)| v.clone())
}

/// No school: 0 of 0, and no percentage (no division by zero).
#[test]
fn three_100_percent_with_no_school() {
    let (agg, data) = roll_up(vec![]);
    assert!(agg.valid);
    for rate in ["closed_management", "police_linked", "urban_guards"] {
        assert_eq!(data["rates"][rate], json!({"numerator": 0.0, "denominator": 0.0, "percent": null, "short": []}));
        assert_eq!(computed(&agg, &format!("rates.{rate}.percent")), Some(Computed::Unknown));
    }
    assert_eq!(data["schools"], json!(0.0));
}

/// Seed 004 "中小学封闭化管理达到100%，一键式紧急报警、视频监控系统与属地公安机关联网率达到100%，
/// 城市中小学专职保安员配备率达到100%": every school compliant gives 100 % three times.
#[test]
fn three_100_percent_all_compliant() {
    let (agg, data) =
        roll_up(vec![school("一小", "城区", "是", "是", "是", 2), school("二小", "乡镇农村", "是", "是", "是", 0)]);
    assert!(agg.valid, "{:#?}", agg.issues);
    assert_eq!(data["rates"]["closed_management"]["percent"], json!(100.0));
    assert_eq!(data["rates"]["police_linked"]["percent"], json!(100.0));
    assert_eq!(
        data["rates"]["urban_guards"],
        json!({"numerator": 1.0, "denominator": 1.0, "percent": 100.0, "short": []})
    );
    assert_eq!(data["unit"], json!("某区教育局"));
    assert_eq!(data["report_date"], json!("2019-09-24"));
}

/// Some schools short: each rate names them; alarm AND video must both be linked; rural schools
/// are not in the urban guards rate, even without guards.
#[test]
fn three_100_percent_some_short_and_rural_excluded() {
    let (agg, data) = roll_up(vec![
        school("一小", "城区", "是", "是", "是", 2),
        school("二小", "城区", "否", "是", "否", 0),
        school("三小", "乡镇农村", "是", "否", "是", 0),
        with(school("", "urban", "是", "是", "是", 1), "school", json!("")),
    ]);
    let rates = &data["rates"];
    assert_eq!(rates["closed_management"]["numerator"], json!(3.0));
    assert_eq!(rates["closed_management"]["denominator"], json!(4.0));
    assert_eq!(rates["closed_management"]["percent"], json!(75.0));
    assert_eq!(rates["closed_management"]["short"], json!([{"index": 1.0, "school": "二小"}]));
    assert_eq!(rates["police_linked"]["percent"], json!(50.0));
    assert_eq!(
        rates["police_linked"]["short"],
        json!([{"index": 1.0, "school": "二小"}, {"index": 2.0, "school": "三小"}])
    );
    assert_eq!(rates["urban_guards"]["denominator"], json!(3.0), "三小 is rural");
    assert_eq!(rates["urban_guards"]["percent"], json!(66.7));
    assert_eq!(rates["urban_guards"]["short"], json!([{"index": 1.0, "school": "二小"}]));
    assert_eq!(computed(&agg, "rates.urban_guards.percent"), Some(Computed::Decimal(66.7)));
    assert_eq!(computed(&agg, "rates.police_linked.numerator"), Some(Computed::Count(2)));
    // The unnamed school's own issue comes back under its index, and the roll-up is not valid.
    assert!(agg.issues.iter().any(|i| i.path == "reports[3].school" && i.code == "required"));
    assert!(!agg.valid);
}

/// An unanswered question leaves its rate unstated (CONTRACT.md "Roll-ups": the answer would change
/// it), with the school's own issue; the same school twice warns.
#[test]
fn three_100_percent_blank_answers_leave_the_rate_unstated_and_duplicates_warn() {
    let (agg, data) =
        roll_up(vec![school("一小", "城区", "", "是", "是", 1), school("一 小", "城区", "是", "是", "是", 1)]);
    assert_eq!(data["rates"]["closed_management"]["percent"], Json::Null);
    assert_eq!(data["rates"]["closed_management"]["numerator"], Json::Null);
    assert!(agg.issues.iter().any(|i| i.path.starts_with("reports[0].") && i.severity == "error"));
    assert_eq!(data["rates"]["police_linked"]["percent"], json!(100.0));
    assert!(agg.issues.iter().any(|i| i.path == "reports[1].school" && i.code == "duplicate_unit"));
    assert!(aggregate_at("security-checkup", &value(json!({})), &Value::Null, || Instant { unix_ms: 0 }).is_err());
}

// ---- properties ----

mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Set(usize, usize, usize),
        Insert(usize, usize),
        Remove(usize),
        Move(usize, usize),
        Clock(i64),
    }

    const COLUMNS: [&str; 4] = ["name", "licensed", "age", "id_number"];

    fn values() -> Vec<String> {
        vec![
            "张三".into(),
            "是".into(),
            "否".into(),
            "50".into(),
            "51".into(),
            String::new(),
            "x".into(),
            born("19680926"),
            born("19680924"),
            born("20190927"),
            "110105491231002".into(),
            "17".into(),
            // One guard's ID in other spellings (duplicate_resident_id after normalising): full
            // width, blanks inside.
            born("19680926").chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)).collect(),
            format!("{} {}", &born("19680926")[..6], &born("19680926")[6..]),
        ]
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0usize..6, 0usize..4, 0usize..14).prop_map(|(r, c, v)| Op::Set(r, c, v)),
            (0usize..6, 1usize..3).prop_map(|(at, n)| Op::Insert(at, n)),
            (0usize..6).prop_map(Op::Remove),
            (0usize..6, 0usize..6).prop_map(|(a, b)| Op::Move(a, b)),
            (-3i64..4).prop_map(Op::Clock),
        ]
    }

    fn blank_session(profile: &str) -> Session {
        session("security-checkup", &value(json!({"profile": profile, "now": NOW})), || Instant { unix_ms: 0 }).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// After any sequence of set, insertRow, removeRow, moveRow and clock moves on `guards`,
        /// the session's result equals validate() of the same data at the same moment.
        #[test]
        fn session_equals_validate_after_any_row_operations(
            ops in prop::collection::vec(op(), 0..40),
            jizhou in any::<bool>(),
        ) {
            let profile = if jizhou { JIZHOU } else { JIANGSU };
            let values = values();
            let base = Instant::parse_iso(NOW).unwrap();
            let mut s = blank_session(profile);
            let mut rows: Vec<serde_json::Map<String, Json>> = Vec::new();
            let mut now = base;
            for op in ops {
                match op {
                    Op::Set(r, c, v) => {
                        let path = format!("guards[{r}].{}", COLUMNS[c]);
                        s.set(&path, Scalar::Text(values[v].clone()));
                        while rows.len() <= r { rows.push(serde_json::Map::new()); }
                        rows[r].insert(COLUMNS[c].to_owned(), json!(values[v]));
                    }
                    Op::Insert(at, n) => {
                        let at = at.min(rows.len());
                        let new: Vec<Json> = (0..n).map(|i| json!({"name": "李四", "id_number": values[7 + i]})).collect();
                        let new_values: Vec<Value> = new.iter().map(|r| value(r.clone())).collect();
                        s.insert_rows("guards", at, &new_values).unwrap();
                        for (i, r) in new.into_iter().enumerate() { rows.insert(at + i, r.as_object().unwrap().clone()); }
                    }
                    Op::Remove(at) => {
                        if at < rows.len() { s.remove_row("guards", at).unwrap(); rows.remove(at); }
                        else { prop_assert!(s.remove_row("guards", at).is_err()); }
                    }
                    Op::Move(a, b) => {
                        if a < rows.len() && b < rows.len() {
                            s.move_row("guards", a, b).unwrap();
                            let r = rows.remove(a);
                            rows.insert(b, r);
                        }
                    }
                    Op::Clock(days) => {
                        now = Instant { unix_ms: base.unix_ms + days * 86_400_000 };
                        s.set_now(now);
                    }
                }
            }
            let data = json!({"guards": rows.into_iter().map(Json::Object).collect::<Vec<_>>()});
            let fresh = s.result();
            let options = value(json!({"profile": profile, "now": now.unix_ms as f64}));
            let want = validate_at("security-checkup", &value(data), &options, || now).unwrap();
            prop_assert_eq!(&fresh.issues, &want.issues);
            prop_assert_eq!(&fresh.computed, &want.computed);
        }

        /// Arbitrary text in every field and any clock never panic, natively or in a roll-up.
        #[test]
        fn arbitrary_data_never_panics(
            texts in prop::collection::vec(".{0,24}", 11),
            guards in prop::collection::vec(prop::collection::vec("[0-9Xx０-９ .\\-是否]{0,20}", 4), 0..5),
            now in any::<i64>(),
        ) {
            let keys = ["unit", "report_date", "school", "police_station", "location", "closed_management",
                "alarm_linked", "video_linked", "anti_ramming", "alarm_button", "guard_post"];
            let mut data = serde_json::Map::new();
            for (k, t) in keys.iter().zip(&texts) { data.insert((*k).to_owned(), json!(t)); }
            let rows: Vec<Json> = guards.iter().map(|g| {
                json!({"name": g[0], "licensed": g[1], "age": g[2], "id_number": g[3]})
            }).collect();
            data.insert("guards".into(), Json::Array(rows));
            let data = Json::Object(data);
            for profile in [JIANGSU, JIZHOU, WENZHOU] {
                let options = value(json!({"profile": profile}));
                let r = validate_at("security-checkup", &value(data.clone()), &options, || Instant { unix_ms: now / 4 }).unwrap();
                prop_assert_eq!(r.valid, r.issues.iter().all(|i| i.severity == "warning"));
            }
            let agg = aggregate_at("security-checkup", &value(json!([data, {}, 3, null])), &Value::Null, || Instant { unix_ms: now / 4 });
            prop_assert!(agg.is_ok());
        }
    }
}
