//! The security check-up (seed 004 附件1) written as a definition, `forms/security-checkup.json`,
//! finds and computes what the built-in `security-checkup` does, under every built-in profile and
//! on days either side of a guard's birthday: the spare guard row (nothing typed) that counts for
//! nothing, "年龄或身份证号至少填一项" told apart from an ID typed wrong, the age an ID gives on a
//! China-time day against 原则上年龄不高于50周岁, a typed age over 100 as a typo, and one person
//! entered twice. A session over the definition holds to its own `validate()` through row
//! operations and clock moves.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{
    both_described, both_forms, findings, group_model, group_steps, issues, resident_id, session_holds, value,
};
use proptest::prelude::*;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::Value;
use school_safety_forms::Validator;
use serde_json::{json, Value as Json};

const CHECKUP: &str = include_str!("../forms/security-checkup.json");
/// 2019-09-25 10:00 China time; the clock moves up to three days either way.
const NOW_MS: i64 = 1_569_376_800_000;

fn at(days: i64) -> Instant {
    Instant { unix_ms: NOW_MS + days * 86_400_000 }
}

fn options(profile: &str) -> Value {
    value(json!({ "profile": profile }))
}

/// What a person may type in each guard column: a valid ID whose 51st birthday is 2019-09-25, one
/// born on 29 February, an 18th birthday, an ID with a wrong check digit, ages either side of the
/// limits, text that reads as nothing, and text that is wrong.
fn cell(column: usize) -> BoxedStrategy<String> {
    let choices: Vec<String> = match column {
        0 => vec!["张三".into(), "李 四".into(), "  ".into(), String::new()],
        1 => vec!["是".into(), "否".into(), "yes".into(), "abc".into(), String::new()],
        2 => vec![
            "50".into(),
            "51".into(),
            "17".into(),
            "18".into(),
            "101".into(),
            "abc".into(),
            "-1".into(),
            String::new(),
        ],
        _ => vec![
            resident_id("33030219680925123"),
            resident_id("33030219680926123"),
            resident_id("11010120000229002"),
            resident_id("11010120010925003"),
            "330302196809251230".into(),
            "abc".into(),
            String::new(),
        ],
    };
    prop::sample::select(choices).boxed()
}

fn guard() -> impl Strategy<Value = Json> {
    (cell(0), cell(1), cell(2), cell(3))
        .prop_map(|(name, licensed, age, id)| json!({"name": name, "licensed": licensed, "age": age, "id_number": id}))
}

fn header() -> impl Strategy<Value = Json> {
    let pick = |xs: &[&str]| prop::sample::select(xs.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
    (
        pick(&["某区教育局", "", "  "]),
        pick(&["2019-09-24", "2019-09-26", "2019-9-30", "昨天", ""]),
        pick(&["城区", "rural", "城市", ""]),
        pick(&["是", "否", "no", "maybe", ""]),
        pick(&["有效", "none", "坏了", ""]),
        pick(&["治安岗", "patrol", "保安岗", ""]),
    )
        .prop_map(|(unit, date, location, yes_no, alarm, post)| {
            json!({
                "unit": unit, "report_date": date, "school": "实验小学", "police_station": unit,
                "location": location, "closed_management": yes_no, "alarm_linked": "是", "video_linked": yes_no,
                "anti_ramming": true, "alarm_button": alarm, "guard_post": post
            })
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any header and guard rows, under any built-in profile, on any of seven days around a
    /// birthday: the definition's issues and computed values are the built-in form's.
    #[test]
    fn the_checkup_definition_agrees_with_the_built_in_form(
        p in 0usize..8,
        days in -3i64..4,
        head in header(),
        guards in prop::collection::vec(guard(), 0..6),
    ) {
        let (profile, built_in, defined) = both_forms("security-checkup", CHECKUP, p);
        let mut data = head;
        data["guards"] = Json::Array(guards);
        let data = value(data);
        let (want, got) = (built_in.validate_at(&data, || at(days)), defined.validate_at(&data, || at(days)));
        prop_assert_eq!(findings(&want), findings(&got), "{}", profile);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Keystrokes, row operations and clock moves on the guards: after each, a session over the
    /// definition equals `validate()` at the same moment, and so does the built-in form.
    #[test]
    fn a_checkup_session_holds_to_validate(p in 0usize..8, steps in prop::collection::vec(group_steps(6, 4, cell, -3..4), 1..30)) {
        const COLUMNS: [&str; 4] = ["name", "licensed", "age", "id_number"];
        let (_, built_in, defined) = both_forms("security-checkup", CHECKUP, p);
        let mut model = group_model("guards", &COLUMNS, json!({}), at(0));
        session_holds((&built_in, &defined), &mut model, steps, at, |_, _, _| {})?;
    }
}

/// The definition's fields are the built-in form's: the same paths, labels, types, and the same
/// ones computed and personal.
#[test]
fn the_checkup_definition_describes_the_built_in_fields() {
    both_described("security-checkup", CHECKUP, |_| {});
}

/// A row with nothing typed is spare (附件1 leaves blank lines for guards): no issue, not counted.
/// One blank cell typed as `abc` makes it a guard, and its ID typed wrong is not "neither given".
#[test]
fn a_spare_row_counts_for_nothing_and_a_wrong_one_is_a_guard() {
    let v = Validator::from_definition(CHECKUP, &options("jiangsu-2019")).unwrap();
    let spare = common::checkup(vec![json!({"name": "张三", "licensed": "是", "age": "40"}), json!({"name": "  "})]);
    let r = v.validate_at(&value(spare), || at(0));
    assert_eq!(issues(&r), vec![]);
    assert_eq!(format!("{:?}", r.computed("guards_total")), "Some(Count(1))");
    let wrong = common::checkup(vec![json!({"name": "张三", "licensed": "是", "id_number": "abc"})]);
    let r = v.validate_at(&value(wrong), || at(0));
    assert_eq!(r.codes_at("guards[0].id_number"), ["not_an_id"]);
    assert_eq!(r.codes_at("guards[0].age"), Vec::<std::borrow::Cow<str>>::new());
}

fn mistake(definition: &Json) -> (String, String) {
    match Validator::from_definition(&definition.to_string(), &value(json!({}))) {
        Err(school_safety_forms::engine::options::UsageError::Definition(e)) => (e.code.to_owned(), e.at),
        other => panic!("{:?}", other.map(|_| ())),
    }
}

/// Each mistake in what this form needed of the format names its key: a spare-row condition
/// anywhere but on a repeated group, or not yes/no; `typed()` of anything but a field; `max` on a
/// field that is no number; computed columns that read each other.
#[test]
fn spare_rows_typed_cells_and_largest_numbers_name_their_mistakes() {
    let checkup: Json = serde_json::from_str(CHECKUP).unwrap();
    let guards = checkup["fields"].as_array().unwrap().iter().position(|f| f["id"] == "guards").unwrap();
    let with = |change: &dyn Fn(&mut Json)| {
        let mut d = checkup.clone();
        change(&mut d);
        mistake(&d)
    };
    let g = format!("fields[{guards}]");
    assert_eq!(
        with(&|d| d["fields"][0]["relevant"] = json!("true")),
        ("invalid_definition".into(), "fields[0].relevant".into())
    );
    assert_eq!(
        with(&|d| d["fields"][guards]["columns"][0]["relevant"] = json!("true")),
        ("invalid_definition".into(), format!("{g}.columns[0].relevant"))
    );
    assert_eq!(
        with(&|d| d["fields"][guards]["columns"][3]["unique"] = json!(["id_number"])),
        ("invalid_definition".into(), format!("{g}.columns[3].unique"))
    );
    assert_eq!(
        with(&|d| d["fields"][guards]["relevant"] = json!("count(${guards}) > 1")),
        ("unsupported_expression".into(), format!("{g}.relevant")),
        "a row cannot count the rows"
    );
    assert_eq!(
        with(&|d| d["fields"][guards]["relevant"] = json!("${age}")),
        ("type_mismatch".into(), format!("{g}.relevant"))
    );
    assert_eq!(
        with(&|d| d["fields"][guards]["relevant"] = json!("typed(${age} + 1)")),
        ("type_mismatch".into(), format!("{g}.relevant"))
    );
    assert_eq!(
        with(&|d| d["fields"][guards]["columns"][0]["max"] = json!(10)),
        ("invalid_definition".into(), format!("{g}.columns[0].max"))
    );
    assert_eq!(
        with(&|d| d["fields"][guards]["columns"][2]["max"] = json!(-1)),
        ("invalid_definition".into(), format!("{g}.columns[2].max"))
    );
    // A calculation nobody types over would never be held to a `max`: a constraint says that.
    assert_eq!(
        with(&|d| d["fields"][guards]["columns"][4]["max"] = json!(10)),
        ("invalid_definition".into(), format!("{g}.columns[4].max"))
    );
    assert_eq!(
        with(&|d| d["fields"][guards]["columns"][4]["calculate"] = json!("${age}")),
        ("type_mismatch".into(), format!("{g}.columns[4].calculate")),
        "a date is not a number"
    );
    assert_eq!(
        with(&|d| {
            d["fields"][guards]["columns"][2]["calculate"] = json!("age(${birth_date}, today())");
            d["fields"][guards]["columns"][4]["calculate"] =
                json!("if(${age} > 0, birth_date(${id_number}), birth_date(${id_number}))");
        }),
        ("unsupported_expression".into(), format!("{g}.columns[2].calculate")),
        "an age read from the birth date computed from that age"
    );
}

/// A spare-row condition that reads today (staff who have left are spare from the day after):
/// a session follows the clock as validate() reads it (a reviewer's case).
#[test]
fn a_spare_row_condition_reading_today_follows_the_clock() {
    let def = json!({
        "id": "t", "title": {"zh": "表"},
        "fields": [
            {"id": "staff", "label": {"zh": "人员"}, "relevant": "blank(${left_on}) or ${left_on} >= today()",
             "columns": [
                {"id": "name", "label": {"zh": "姓名"}, "type": "text", "required": true},
                {"id": "left_on", "label": {"zh": "离职日期"}, "type": "date"}
             ]},
            {"id": "total", "label": {"zh": "人数"}, "type": "count", "calculate": "count(${staff})"}
        ]
    });
    let v = Validator::from_definition(&def.to_string(), &value(json!({}))).unwrap();
    let mut s = v.session(|| at(0));
    s.set("staff[0].left_on", school_safety_forms::base::value::Scalar::Text("2019-09-26".into()));
    let data = value(json!({"staff": [{"left_on": "2019-09-26"}]}));
    for days in [0, 1, 2, 3, 1] {
        s.set_now(at(days));
        assert_eq!(s.result(), v.validate_at(&data, || at(days)), "day {days}");
    }
    assert_eq!(format!("{:?}", s.result().computed("total")), "Some(Count(1))");
}
