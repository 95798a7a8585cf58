//! The supervision checklist (seed 000 附件5 督查工作清单) written as a definition,
//! `forms/inspection-checklist.json`, finds and computes what the built-in `inspection-checklist`
//! does, under every built-in profile and on days around seed 000's window ("6月28日前"): each
//! campus's guards by item 4's headcount rule ("每增加500人增配1名", boarding schools "每增加300名")
//! from its own type or the school's, item 4 decided from the campuses, item 9 from its eight
//! sub-items and the equipment per guard on duty, item 10 from the issuer's video figures, the
//! items answered 否, and the result block.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{both_described, both_forms, findings, group_model, group_steps, session_holds, value};
use proptest::prelude::*;
use school_safety_forms::base::date::Instant;
use school_safety_forms::Validator;
use serde_json::{json, Value as Json};

const CHECKLIST: &str = include_str!("../forms/inspection-checklist.json");
/// 2021-06-25 10:00 China time, inside seed 000's window; the clock moves up to four days either way.
const NOW_MS: i64 = 1_624_586_400_000;
const CAMPUS: [&str; 4] = ["name", "headcount", "guards", "boarding"];
const SUBS: [&str; 8] = ["helmet", "shield", "stab_vest", "cut_gloves", "baton", "flashlight", "spray", "steel_fork"];

fn at(days: i64) -> Instant {
    Instant { unix_ms: NOW_MS + days * 86_400_000 }
}

fn pick(xs: &[&str]) -> BoxedStrategy<String> {
    prop::sample::select(xs.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()).boxed()
}

/// A campus cell: headcounts on item 4's edges (99/100, 1000/1001, 1500/1501; 100/101, 400/401
/// boarding), guards around what they need, a type of its own or none.
fn campus_cell(column: usize) -> BoxedStrategy<String> {
    match CAMPUS[column] {
        "name" => pick(&["东校区", ""]),
        "headcount" => pick(&["99", "100", "101", "400", "401", "1000", "1001", "1500", "1501", "abc", ""]),
        "guards" => pick(&["0", "1", "2", "3", "4", "x", ""]),
        _ => pick(&["", "", "day", "寄宿", "mixed", "bad"]),
    }
}

fn campus() -> impl Strategy<Value = Json> {
    let cells: Vec<BoxedStrategy<String>> = (0..CAMPUS.len()).map(campus_cell).collect();
    cells.prop_map(|cells| Json::Object(CAMPUS.iter().zip(cells).map(|(c, v)| ((*c).to_owned(), json!(v))).collect()))
}

fn answer() -> BoxedStrategy<String> {
    prop_oneof![6 => pick(&["是"]), 3 => pick(&["否"]), 1 => pick(&["", "x"])].boxed()
}

/// Everything outside the campuses.
fn rest() -> impl Strategy<Value = Json> {
    (
        (
            pick(&["实验小学", ""]),
            pick(&["0577-88888888", "669303", "13800000000", "abc", ""]),
            pick(&["走读", "boarding", "走读寄宿混合", "", "bad"]),
        ),
        prop::collection::vec(answer(), 18),
        prop::collection::vec(prop_oneof![3 => answer(), 1 => pick(&[""])], 8),
        (pick(&["0", "2", "3", ""]), prop::collection::vec(pick(&["0", "1", "2", "3", ""]), 8)),
        (pick(&["29", "30", "90", ""]), pick(&["30", "31", ""]), pick(&["24", "25", ""])),
        (
            pick(&["2021-06-20", "2021-06-21", "2021-06-28", "2021-06-29", "2021-06-26", "x", ""]),
            pick(&["2021-06-25", "2021-06-26", "2021-07-05", "x", ""]),
        ),
    )
        .prop_map(
            |(
                (school, phone, boarding),
                items,
                subs,
                (on_duty, equipment),
                (days, seconds, hours),
                (date, deadline),
            )| {
                let mut d = json!({
                    "school": school, "principal": "王校长", "address": "温州市鹿城区", "phone": phone,
                    "boarding": boarding, "on_duty": on_duty, "video_retention_days": days,
                    "clock_error_seconds": seconds, "fault_restore_hours": hours,
                    "inspection_date": date, "rectification_deadline": deadline,
                    "inspectors": "张三、李四", "signatory": "王校长"
                });
                // Flat paths, as a page posts them: `items.9` beside `items.9.helmet`.
                for (n, a) in items.iter().enumerate() {
                    d[format!("items.{}", n + 1)] = json!(a);
                }
                for ((sub, a), have) in SUBS.iter().zip(&subs).zip(&equipment) {
                    d[format!("items.9.{sub}")] = json!(a);
                    d[format!("equipment.{sub}")] = json!(have);
                }
                d
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Any answers, numbers and campuses, under any built-in profile, on any of nine days around
    /// the window: the definition's issues, computed values and validity are the built-in form's.
    #[test]
    fn the_checklist_definition_agrees_with_the_built_in_form(
        p in 0usize..8,
        days in -4i64..5,
        rest in rest(),
        campuses in prop::collection::vec(campus(), 0..4),
    ) {
        let (profile, built_in, defined) = both_forms("inspection-checklist", CHECKLIST, p);
        let mut data = rest;
        data["campuses"] = Json::Array(campuses);
        let data = value(data);
        let (want, got) = (built_in.validate_at(&data, || at(days)), defined.validate_at(&data, || at(days)));
        prop_assert_eq!(findings(&want), findings(&got), "{}", profile);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Keystrokes in the campuses, row operations, the school's type and clock moves: a session
    /// over the definition equals validate() and the built-in form after each.
    #[test]
    fn a_checklist_session_holds_to_validate(
        p in 0usize..8,
        header in pick(&["走读", "boarding", "", "bad"]),
        steps in prop::collection::vec(group_steps(4, CAMPUS.len(), campus_cell, -4..5), 1..30),
    ) {
        let (_, built_in, defined) = both_forms("inspection-checklist", CHECKLIST, p);
        let mut model = group_model("campuses", &CAMPUS, json!({"headcount": "500"}), at(0));
        model.fixed.insert("boarding".into(), json!(header));
        // Every third step the school's type is typed again: every campus that follows it moves.
        session_holds((&built_in, &defined), &mut model, steps, at, |i, s, _| {
            if i % 3 == 0 {
                s.set("boarding", school_safety_forms::base::value::Scalar::Text(header.clone()));
            }
        })?;
    }
}

/// The definition's fields are the built-in form's under every profile, but for one flag: the
/// built-in field table lists item 9 as required, though its own rule lets it be left blank when
/// all eight sub-items are answered; the definition says so (`required` when a sub-item is not).
#[test]
fn the_checklist_definition_describes_the_built_in_fields() {
    both_described("inspection-checklist", CHECKLIST, |f| {
        if f.path == "items.9" {
            f.required = false;
        }
    });
}

/// A row reads a form field as the form reads it: a number over its `max` is not a number a rule
/// can read, and a short phone number is a number where the issuer allows one (a reviewer's case).
#[test]
fn a_row_reads_a_form_field_within_its_limits() {
    let def = json!({
        "id": "t", "title": {"zh": "表"}, "params": {"short_phone_allowed": true},
        "codes": {"too_young": {"zh": "{label}小于{0}"}, "no_phone": {"zh": "{label}：先填联系电话"}},
        "fields": [
            {"id": "min_age", "label": {"zh": "最低年龄"}, "type": "count", "max": 100},
            {"id": "phone", "label": {"zh": "联系电话"}, "type": "phone"},
            {"id": "guards", "label": {"zh": "保安"}, "columns": [
                {"id": "age", "label": {"zh": "年龄"}, "type": "count",
                 "constraint": "${age} >= ${/min_age}", "code": "too_young", "args": ["${/min_age}"]},
                {"id": "name", "label": {"zh": "姓名"}, "type": "text",
                 "constraint": "not blank(${/phone})", "code": "no_phone"}
            ]}
        ]
    });
    let v = Validator::from_definition(&def.to_string(), &value(json!({}))).unwrap();
    let r = v.validate_at(
        &value(json!({"min_age": "500", "phone": "669303", "guards": [{"age": "40", "name": "张三"}]})),
        || at(0),
    );
    let codes: Vec<(String, String)> = r.issues.iter().map(|i| (i.path.clone(), i.code.to_string())).collect();
    assert_eq!(codes, [("min_age".to_owned(), "number_too_large".to_owned())]);
}
