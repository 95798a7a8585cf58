//! A definition's own roll-up (its fields' `rollup`, docs/definitions.md): a district office sums
//! its schools' reports of a province's variant (seed 000 附件3 注2: "各地教育行政部门要将辖区学校
//! 安全隐患排查整治情况汇总后报送") with no code of its own. The daily report written as a
//! definition rolls up as the built-in daily report does; the 整改资金 variant sums its funds
//! exactly; each mistake in a `rollup` names its place.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{value, wenzhou_report, with, WENZHOU_NOW};
use proptest::prelude::*;
use school_safety_forms::base::date::Instant;
use school_safety_forms::define;
use school_safety_forms::engine::report::Aggregate;
use school_safety_forms::forms::Computed;
use school_safety_forms::{aggregate_at, aggregate_defined_at};
use serde_json::{json, Value as Json};

const DAILY: &str = include_str!("../forms/daily-report-wenzhou.json");
const FUNDS: &str = include_str!("../www/forms/daily-report-wenzhou-funds.json");

fn options() -> school_safety_forms::base::value::Value {
    value(json!({"now": WENZHOU_NOW, "unit": "鹿城区教育局"}))
}

fn defined(definition: &str, reports: &Json) -> Aggregate {
    let def = define::parse_json(definition).unwrap();
    aggregate_defined_at(def, &value(reports.clone()), &options(), || Instant { unix_ms: 0 }).unwrap()
}

fn built_in(reports: &Json) -> Aggregate {
    aggregate_at("daily-report", &value(reports.clone()), &options(), || Instant { unix_ms: 0 }).unwrap()
}

/// What a district reads of a roll-up: its report, its computed figures, its issues (path, code)
/// and whether it is valid.
type Seen = (Json, Vec<(String, Computed)>, Vec<(String, String)>, bool);

fn seen(a: &Aggregate) -> Seen {
    let mut computed = a.computed.clone();
    computed.sort_by(|x, y| x.0.cmp(&y.0));
    let mut issues: Vec<(String, String)> = a.issues.iter().map(|i| (i.path.clone(), i.code.to_string())).collect();
    issues.sort();
    (serde_json::to_value(&a.data).unwrap(), computed, issues, a.valid)
}

/// A school's report: its name, its date, and its 消防安全 and 燃气安全 figures (发现, 已整治),
/// with the measures a school writes where hazards remain.
fn school(unit: &str, date: &str, fire: (&str, &str), gas: (&str, &str)) -> Json {
    let mut data = with(with(wenzhou_report(), "unit", json!(unit)), "report_date", json!(date));
    for (row, (found, fixed)) in [("fire", fire), ("gas", gas)] {
        data = with(data, &format!("rows.{row}.found"), json!(found));
        data = with(data, &format!("rows.{row}.fixed"), json!(fixed));
        let open = matches!((found.parse::<u64>(), fixed.parse::<u64>()), (Ok(a), Ok(b)) if a > b);
        if open {
            data = with(data, &format!("rows.{row}.measures"), json!(format!("{unit}{row}围挡")));
        }
    }
    data
}

fn figures() -> impl Strategy<Value = (&'static str, &'static str)> {
    let n = || prop::sample::select(vec!["0", "1", "3", "５", "", "abc"]);
    (n(), n())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The daily report as a definition rolls up to the built-in roll-up's report, figures and
    /// issues: sums, a category left unstated by a school's unreadable or contradictory figures,
    /// measures joined after each school's name, the same school twice, two dates.
    #[test]
    fn the_daily_definition_rolls_up_as_the_built_in_daily_report(
        schools in prop::collection::vec(
            (prop::sample::select(vec!["甲校", "乙校", "甲 校"]), prop::sample::select(vec!["2021-06-22", "2021-06-21"]), figures(), figures()),
            0..5,
        )
    ) {
        let reports = Json::Array(schools.iter().map(|(u, d, fire, gas)| school(u, d, *fire, *gas)).collect());
        prop_assert_eq!(seen(&defined(DAILY, &reports)), seen(&built_in(&reports)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// The daily definition's 合计 (`total(${rows.found})` …) is the built-in form's on any rows:
    /// blank, blank but for spaces or a lone zero-width joiner, unreadable, full-width, past the
    /// largest count, contradictory, with 未整治 typed over its calculation; in `validate()` and in
    /// a session typed cell by cell.
    #[test]
    fn the_daily_definitions_totals_are_the_built_in_forms_on_any_rows(
        cells in prop::collection::vec(
            (
                prop::sample::select(vec!["fire", "gas", "traffic"]),
                prop::sample::select(vec!["found", "fixed", "unfixed"]),
                prop::sample::select(vec!["", " ", "\u{200D}", "0", "1", "3", "５", "abc", "99999999999999999999"]),
            ),
            0..10,
        )
    ) {
        let options = value(json!({"profile": "zhejiang-wenzhou-2021", "now": WENZHOU_NOW}));
        let built = school_safety_forms::Validator::new("daily-report", &options).unwrap();
        let def = school_safety_forms::Validator::from_definition(DAILY, &options).unwrap();
        let clock = || Instant { unix_ms: 0 };
        let totals = |computed: Vec<(String, Computed)>| -> Vec<(String, Computed)> {
            let mut t: Vec<(String, Computed)> = computed.into_iter().filter(|(p, _)| p.starts_with("totals.")).collect();
            t.sort_by(|a, b| a.0.cmp(&b.0));
            t
        };
        let mut data = json!({});
        let mut sessions = (built.session(clock), def.session(clock));
        for (row, column, text) in &cells {
            data = with(data, &format!("rows.{row}.{column}"), json!(text));
            let path = format!("rows.{row}.{column}");
            sessions.0.set(&path, school_safety_forms::base::value::Scalar::Text((*text).into()));
            sessions.1.set(&path, school_safety_forms::base::value::Scalar::Text((*text).into()));
        }
        let data = value(data);
        let want = totals(built.validate_at(&data, clock).computed);
        prop_assert_eq!(&totals(def.validate_at(&data, clock).computed), &want, "{:?}", cells);
        prop_assert_eq!(&totals(sessions.1.result().computed), &want, "session {:?}", cells);
        prop_assert_eq!(&totals(sessions.0.result().computed), &want, "built-in session {:?}", cells);
    }
}

/// The daily definition's 合计 follows 附件3's table as the built-in form does: a row left wholly
/// blank counts as nothing yet, and a row that cannot be summed (one figure missing or
/// unreadable, or 已整治 more than 发现) leaves every total unstated, so the totals never
/// contradict each other.
#[test]
fn the_daily_definitions_totals_are_the_built_in_forms() {
    let options = value(json!({"profile": "zhejiang-wenzhou-2021", "now": WENZHOU_NOW}));
    let built = school_safety_forms::Validator::new("daily-report", &options).unwrap();
    let def = school_safety_forms::Validator::from_definition(DAILY, &options).unwrap();
    for rows in [
        json!({}),
        json!({"fire": {"found": "5"}}),
        json!({"fire": {"found": "5", "fixed": "1"}}),
        json!({"fire": {"found": "5", "fixed": "1"}, "gas": {"found": "2", "fixed": "3"}}),
        json!({"fire": {"found": "5", "fixed": "1"}, "gas": {"found": "abc", "fixed": "1"}}),
        json!({"fire": {"found": "5", "fixed": "1"}, "gas": {"unfixed": "4"}}),
        json!({"fire": {"found": " ", "fixed": ""}, "gas": {"found": "0", "fixed": "0"}}),
    ] {
        let data = value(json!({ "rows": rows }));
        let totals = |r: school_safety_forms::engine::report::Report| -> Vec<(String, Computed)> {
            let mut t: Vec<(String, Computed)> =
                r.computed.into_iter().filter(|(p, _)| p.starts_with("totals.")).collect();
            t.sort_by(|a, b| a.0.cmp(&b.0));
            t
        };
        let clock = || Instant { unix_ms: 0 };
        assert_eq!(totals(def.validate_at(&data, clock)), totals(built.validate_at(&data, clock)), "{rows}");
    }
}

#[test]
fn the_funds_variant_sums_its_funds_exactly_and_leaves_a_doubtful_row_out() {
    let funds = |data: Json, row: &str, v: &str| with(data, &format!("rows.{row}.funds"), json!(v));
    let reports = json!([
        funds(school("甲校", "2021-06-22", ("3", "1"), ("0", "0")), "fire", "1.1"),
        funds(school("乙校", "2021-06-22", ("2", "0"), ("4", "1")), "fire", "2.2"),
        // 丙校 leaves its 整改资金 blank where it is required: its funds are not known, its counts are.
        school("丙校", "2021-06-22", ("1", "0"), ("0", "0")),
    ]);
    let a = defined(FUNDS, &reports);
    let data = serde_json::to_value(&a.data).unwrap();
    assert_eq!(data["rows"]["fire"]["found"], json!(6.0));
    assert_eq!(data["rows"]["fire"]["unfixed"], json!(5.0));
    assert_eq!(data["rows"]["fire"]["funds"], Json::Null, "{data:#}");
    assert!(a.issues.iter().any(|i| i.path == "reports[2].rows.fire.funds" && i.code == "required"));
    assert!(!a.valid);

    let a = defined(FUNDS, &json!(reports.as_array().unwrap()[..2]));
    let data = serde_json::to_value(&a.data).unwrap();
    // 1.1 + 2.2 is 3.3, to the six places a decimal takes, not 3.3000000000000003.
    assert_eq!(data["rows"]["fire"]["funds"], json!(3.3));
    assert_eq!(data["rows"]["gas"]["measures"], json!("乙校：乙校gas围挡"));
    assert_eq!(a.computed.iter().find(|(p, _)| p == "totals.found").map(|(_, c)| c), Some(&Computed::Count(9)));

    // 已整治 more than 发现: the row's figures are in doubt, its funds with them.
    let wrong = funds(school("丁校", "2021-06-22", ("1", "2"), ("0", "0")), "fire", "5");
    let a = defined(FUNDS, &json!([reports[0].clone(), wrong]));
    let data = serde_json::to_value(&a.data).unwrap();
    for column in ["found", "fixed", "unfixed", "funds"] {
        assert_eq!(data["rows"]["fire"][column], Json::Null, "{column}");
    }
    assert_eq!(data["rows"]["gas"]["found"], json!(0.0));
}

#[test]
fn a_definition_without_a_rollup_is_the_callers_mistake() {
    let mut def: Json = serde_json::from_str(DAILY).unwrap();
    strip(&mut def);
    let def = define::parse_json(&def.to_string()).unwrap();
    let e = aggregate_defined_at(def, &value(json!([])), &options(), || Instant { unix_ms: 0 }).unwrap_err();
    assert!(e.to_string().contains("rollup"), "{e}");
}

fn strip(v: &mut Json) {
    match v {
        Json::Object(m) => {
            m.remove("rollup");
            m.values_mut().for_each(strip);
        }
        Json::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

/// Each mistake in a `rollup` names its key.
#[test]
fn every_rollup_mistake_names_its_place() {
    let mistake = |fields: Json| {
        let def = json!({"id": "t", "title": {"zh": "表"}, "fields": fields});
        let e = define::from_json(&def.to_string()).expect_err("refused");
        (e.at.clone(), e.code.to_owned())
    };
    let text = |id: &str, rollup: &str| json!({"id": id, "label": {"zh": id}, "type": "text", "rollup": rollup});
    let count = |id: &str, rollup: &str| json!({"id": id, "label": {"zh": id}, "type": "count", "rollup": rollup});
    assert_eq!(mistake(json!([count("n", "add")])), ("fields[0].rollup".into(), "invalid_definition".into()));
    assert_eq!(mistake(json!([text("n", "sum")])), ("fields[0].rollup".into(), "type_mismatch".into()));
    assert_eq!(mistake(json!([count("n", "school")])), ("fields[0].rollup".into(), "type_mismatch".into()));
    assert_eq!(
        mistake(json!([text("a", "school"), text("b", "school")])),
        ("fields[1].rollup".into(), "invalid_definition".into())
    );
    let group = json!({"id": "g", "label": {"zh": "组"}, "columns": [count("n", "sum")]});
    assert_eq!(mistake(json!([group])), ("fields[0].columns[0].rollup".into(), "invalid_definition".into()));
    let table = json!({"id": "g", "label": {"zh": "表"}, "rollup": "sum", "columns": [count("n", "")]});
    assert_eq!(mistake(json!([table])), ("fields[0].rollup".into(), "invalid_definition".into()));
}

/// A one-table definition: rows `a` and `b`, columns 发现 (found) and 已整治 (fixed, not more
/// than found), summed; `extra` fields and rules added as given.
fn small(extra_fields: Json, rules: Json) -> String {
    let count = |id: &str, more: Json| {
        let mut f = json!({"id": id, "label": {"zh": id}, "type": "count", "rollup": "sum"});
        f.as_object_mut().unwrap().extend(more.as_object().unwrap().clone());
        f
    };
    let mut fields = vec![
        json!({"id": "unit", "label": {"zh": "学校"}, "type": "text", "rollup": "school"}),
        json!({"id": "rows", "label": {"zh": "类别"}, "rows": "$param.kinds", "columns": [
            count("found", json!({})),
            count("fixed", json!({"constraint": "${fixed} <= ${found}", "code": "fixed_exceeds_found", "args": ["${found}"]})),
            count("unfixed", json!({"calculate": "${found} - ${fixed}", "calculate_code": "unfixed_mismatch"})),
        ]}),
    ];
    fields.extend(extra_fields.as_array().unwrap().iter().cloned());
    json!({"id": "t", "title": {"zh": "表"}, "params": {"kinds": [{"id": "a", "zh": "甲类"}, {"id": "b", "zh": "乙类"}]},
           "fields": fields, "rules": rules})
    .to_string()
}

fn figure(a: &Aggregate, path: &str) -> Json {
    let data = serde_json::to_value(&a.data).unwrap();
    path.split('.').fold(&data, |at, k| &at[k]).clone()
}

/// What the review of the first version found: a figure typed over its calculation does not put
/// its row in doubt; a contradiction in one row does not reach a row a form rule joins to it; a
/// calculation too large to sum exactly is not stated; a field with sub-fields keeps both.
#[test]
fn only_a_contradiction_puts_a_row_in_doubt_and_every_figure_keeps_its_place() {
    let def = small(json!([]), json!([]));
    // 未整治 typed as 5 over its calculation 2: the school's to correct; its figures stand.
    let typed_over = json!([{"unit": "甲", "rows": {"a": {"found": "3", "fixed": "1", "unfixed": "5"}}}]);
    let a = defined(&def, &typed_over);
    assert!(a.issues.iter().any(|i| i.code == "unfixed_mismatch"), "{:?}", a.issues);
    assert_eq!(
        (figure(&a, "rows.a.found"), figure(&a, "rows.a.fixed"), figure(&a, "rows.a.unfixed")),
        (json!(3.0), json!(1.0), json!(2.0))
    );

    // A form rule reading both rows joins them into one scope; row a's contradiction leaves b alone.
    let joined = small(
        json!([{"id": "all", "label": {"zh": "合计"}, "type": "count", "calculate": "${rows.a.found} + ${rows.b.found}",
                                "constraint": "${all} >= 0", "code": "invalid_value"}]),
        json!([]),
    );
    let contradiction =
        json!([{"unit": "甲", "rows": {"a": {"found": "1", "fixed": "2"}, "b": {"found": "4", "fixed": "1"}}}]);
    let a = defined(&joined, &contradiction);
    assert_eq!(figure(&a, "rows.a.found"), Json::Null);
    assert_eq!((figure(&a, "rows.b.found"), figure(&a, "rows.b.fixed")), (json!(4.0), json!(1.0)));

    // A typed figure past its field's `max` is one the form reads as wrong: not summed either.
    let capped = small(
        json!([{"id": "staff", "label": {"zh": "人数"}, "type": "count", "max": 10, "rollup": "sum"}]),
        json!([]),
    );
    let a = defined(&capped, &json!([{"unit": "甲", "staff": "50"}, {"unit": "乙", "staff": "5"}]));
    assert!(a.issues.iter().any(|i| i.code == "number_too_large"), "{:?}", a.issues);
    assert_eq!(figure(&a, "staff"), Json::Null);
    let a = defined(&capped, &json!([{"unit": "甲", "staff": "6"}, {"unit": "乙", "staff": "5"}]));
    assert_eq!(figure(&a, "staff"), json!(11.0));

    // A product past the largest figure a form takes is not summed into a number that looks exact.
    let huge = small(
        json!([{"id": "big", "label": {"zh": "大"}, "type": "decimal", "calculate": "${rows.a.found} * 1000000 * 1000000", "rollup": "sum"}]),
        json!([]),
    );
    let a = defined(&huge, &json!([{"unit": "甲", "rows": {"a": {"found": "1000", "fixed": "0"}}}]));
    assert_eq!(figure(&a, "big"), Json::Null);

    // `notes` (joined) beside `notes.n` (summed): each keeps its place in the district's report.
    let sub = small(
        json!([{"id": "notes", "label": {"zh": "备注"}, "type": "text", "rollup": "join"},
               {"id": "notes.n", "label": {"zh": "备注数"}, "type": "count", "rollup": "sum"}]),
        json!([]),
    );
    let a = defined(&sub, &json!([{"unit": "甲", "notes": "无", "notes.n": "3"}, {"unit": "乙", "notes.n": "4"}]));
    let data = serde_json::to_value(&a.data).unwrap();
    assert_eq!((data["notes"].clone(), data["notes.n"].clone()), (json!("甲：无"), json!(7.0)), "{data:#}");
}

/// Joined texts are every school's that is not blank: a measure typed where nothing is left to
/// fix is joined too (the built-in daily roll-up leaves it out), and a calculated text cannot be
/// joined, since the roll-up reads what was typed.
#[test]
fn a_joined_text_is_what_each_school_typed() {
    let a = defined(DAILY, &json!([school("甲校", "2021-06-22", ("1", "1"), ("0", "0"))]));
    let data = serde_json::to_value(&a.data).unwrap();
    assert_eq!(data["rows"]["fire"]["measures"], json!(""));
    let typed = with(school("甲校", "2021-06-22", ("1", "1"), ("0", "0")), "rows.fire.measures", json!("巡查"));
    let a = defined(DAILY, &json!([typed]));
    assert_eq!(serde_json::to_value(&a.data).unwrap()["rows"]["fire"]["measures"], json!("甲校：巡查"));
    let calculated = small(
        json!([{"id": "s", "label": {"zh": "有无"}, "type": "text", "calculate": "if(${rows.a.found} > 0, \"有\", \"无\")", "rollup": "join"}]),
        json!([]),
    );
    let e = define::from_json(&calculated).expect_err("refused");
    assert_eq!(e.at, "fields[2].rollup");
}
