//! The risk register (seed 004 附件2, with seeds 001 and 002) written as a definition,
//! `forms/risk-register.json`, finds and computes what the built-in `risk-register` does, under
//! every built-in profile (Jizhou's 派出所 column required or not) and on days either side of a
//! hazard's 整改时限: "逾期" from the day after it, 已完成 needing its 完成日期, 正在整改中 its
//! 临时强化防范措施, the totals, and one hazard entered twice (隐患描述 and 地点). A session over
//! the definition holds to its own `validate()` through row operations and clock moves.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{both_described, both_forms, findings, group_model, group_steps, issues, session_holds, value};
use proptest::prelude::*;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::Value;
use school_safety_forms::Validator;
use serde_json::{json, Value as Json};

const REGISTER: &str = include_str!("../forms/risk-register.json");
/// 2019-09-25 10:00 China time; the clock moves up to three days either way.
const NOW_MS: i64 = 1_569_376_800_000;

const COLUMNS: [&str; 13] = [
    "police_station",
    "description",
    "place",
    "category",
    "found_on",
    "measures",
    "responsible",
    "deadline",
    "supervisor",
    "status",
    "completed_on",
    "interim_measures",
    "overdue",
];

fn at(days: i64) -> Instant {
    Instant { unix_ms: NOW_MS + days * 86_400_000 }
}

fn options(profile: &str) -> Value {
    value(json!({ "profile": profile }))
}

/// What a person may type in each column: the right thing, a blank, and something wrong; dates
/// either side of the clock's days and of each other.
/// Texts at their limits (200 characters for 地点, 500 for 隐患描述) and one over.
fn cell(column: usize) -> BoxedStrategy<String> {
    let long = |c: &str, n: usize| c.repeat(n);
    let choices: Vec<String> = match COLUMNS[column] {
        "police_station" => vec!["城东派出所".into(), String::new(), " ".into()],
        "description" => vec![
            "楼梯扶手松动".into(),
            "楼 梯扶手松动".into(),
            "灭火器过期".into(),
            String::new(),
            long("描", 500),
            long("描", 501),
        ],
        "place" => vec!["教学楼".into(), String::new(), "教学楼 ".into(), long("地", 200), long("地", 201)],
        "category" => ["fire", "消防安全", "燃气", "其", "xyz", ""].map(String::from).to_vec(),
        "found_on" => ["2019-09-20", "2019-09-27", "2019/9/22", "abc", ""].map(String::from).to_vec(),
        "deadline" => {
            ["2019-09-19", "2019-09-20", "2019-09-24", "2019-09-25", "2019-09-26", "abc", ""].map(String::from).to_vec()
        }
        "status" => ["已完成", "in_progress", "正在整改中", "maybe", ""].map(String::from).to_vec(),
        "completed_on" => {
            ["2019-09-19", "2019-09-20", "2019-09-21", "2019-09-28", "abc", ""].map(String::from).to_vec()
        }
        "overdue" => ["是", "", "no"].map(String::from).to_vec(),
        _ => vec!["张三".into(), String::new(), "  ".into(), long("张", 51)],
    };
    prop::sample::select(choices).boxed()
}

fn hazard() -> impl Strategy<Value = Json> {
    let cells: Vec<BoxedStrategy<String>> = (0..COLUMNS.len()).map(cell).collect();
    cells.prop_map(|cells| Json::Object(COLUMNS.iter().zip(cells).map(|(c, v)| ((*c).to_owned(), json!(v))).collect()))
}

fn header() -> impl Strategy<Value = Json> {
    let pick = |xs: &[&str]| prop::sample::select(xs.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
    (pick(&["某区教育局", ""]), pick(&["2019-09-24", "2019-09-29", "昨天", ""]), pick(&["张三", ""])).prop_map(
        |(unit, date, person)| json!({"unit": unit, "report_date": date, "inspected_by": person, "signed_by": "李四"}),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any header and hazard rows, under any built-in profile, on any of seven days around the
    /// deadlines: the definition's issues, computed values and validity are the built-in form's.
    #[test]
    fn the_register_definition_agrees_with_the_built_in_form(
        p in 0usize..8,
        days in -3i64..4,
        head in header(),
        rows in prop::collection::vec(hazard(), 0..6),
    ) {
        let (profile, built_in, defined) = both_forms("risk-register", REGISTER, p);
        let mut data = head;
        data["rows"] = Json::Array(rows);
        let data = value(data);
        let (want, got) = (built_in.validate_at(&data, || at(days)), defined.validate_at(&data, || at(days)));
        prop_assert_eq!(findings(&want), findings(&got), "{}", profile);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Keystrokes, row operations and clock moves on the hazards: after each, a session over the
    /// definition equals `validate()` at the same moment, and so does the built-in form.
    #[test]
    fn a_register_session_holds_to_validate(p in 0usize..8, steps in prop::collection::vec(group_steps(6, COLUMNS.len(), cell, -3..4), 1..30)) {
        let (_, built_in, defined) = both_forms("risk-register", REGISTER, p);
        let new_row = json!({"description": "楼梯扶手松动", "status": "正在整改中", "deadline": "2019-09-25"});
        let mut model = group_model("rows", &COLUMNS, new_row, at(0));
        session_holds((&built_in, &defined), &mut model, steps, at, |_, _, _| {})?;
    }
}

/// The definition's fields are the built-in form's under every profile: the same paths, labels,
/// types, options, and the same ones required (Jizhou's 派出所), computed and personal.
#[test]
fn the_register_definition_describes_the_built_in_fields() {
    both_described("risk-register", REGISTER, |_| {});
}

/// A 地点 over its 200 characters is still read into the hazard's key, as typed: two hazards
/// whose places differ only past the limit are two hazards, and the same long place twice is one
/// hazard entered twice (as the built-in register reads them).
#[test]
fn a_place_past_its_length_still_tells_hazards_apart() {
    let long = "地".repeat(201);
    for (a, b, twice) in [(long.as_str(), "", false), (long.as_str(), long.as_str(), true)] {
        let row = |place: &str| json!({"description": "楼梯扶手松动", "place": place});
        let data = value(json!({"rows": [row(a), row(b)]}));
        let defined = Validator::from_definition(REGISTER, &options("jiangsu-2019")).unwrap();
        let built_in = Validator::new("risk-register", &options("jiangsu-2019")).unwrap();
        let got = defined.validate_at(&data, || at(0));
        assert_eq!(issues(&got), issues(&built_in.validate_at(&data, || at(0))));
        assert_eq!(got.codes_at("rows[0].description").contains(&"duplicate_hazard".into()), twice);
    }
}

/// A `required` of parameters alone is decided when the definition compiles, but one through a
/// catalogue function is left to the form as it runs (a reviewer's case: it was dropped).
#[test]
fn a_required_of_parameters_through_the_catalogue_is_kept() {
    let def = json!({
        "id": "t", "title": {"zh": "表"}, "params": {"students": 800, "plan_required": true},
        "fields": [
            {"id": "plan", "label": {"zh": "安保方案"}, "type": "text",
             "required": "required_guards($param.students, \"boarding\") > 2"},
            {"id": "note", "label": {"zh": "备注"}, "type": "text", "required": "$param.plan_required"}
        ]
    });
    let v = Validator::from_definition(&def.to_string(), &value(json!({}))).unwrap();
    let r = v.validate_at(&value(json!({})), || at(0));
    assert_eq!(r.codes_at("plan"), ["required"]);
    assert_eq!(r.codes_at("note"), ["required"]);
    let required: Vec<(String, bool)> = v.describe().into_iter().map(|f| (f.path, f.required)).collect();
    assert_eq!(required, [("plan".to_owned(), false), ("note".to_owned(), true)]);
}
