//! CONTRACT.md's checklist and check-up ids behave as written under all four built-in profiles:
//! `describe()` lists every input and computed id, and a complete form read under each profile
//! computes every computed id (seed 000 附件5, seed 004 附件1).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use school_safety_forms::{describe, validate};

const PROFILES: [&str; 4] = ["zhejiang-wenzhou-2021", "zhejiang-suichang-2016", "tianjin-jizhou-2021", "jiangsu-2019"];
const SUBS: [&str; 8] = ["helmet", "shield", "stab_vest", "cut_gloves", "baton", "flashlight", "spray", "steel_fork"];

fn checklist_ids() -> (Vec<String>, Vec<String>) {
    let mut inputs: Vec<String> =
        ["school", "principal", "address", "phone", "boarding", "on_duty", "video_retention_days"]
            .into_iter()
            .chain(["clock_error_seconds", "inspection_date", "inspectors", "signatory", "rectification_deadline"])
            .chain(["campuses[i].name", "campuses[i].headcount", "campuses[i].guards"])
            .map(String::from)
            .collect();
    inputs.extend((1..=18).map(|n| format!("items.{n}")));
    inputs.extend(SUBS.iter().map(|s| format!("items.9.{s}")));
    inputs.extend(SUBS.iter().map(|s| format!("equipment.{s}")));
    let computed =
        ["campuses[i].required_guards", "required_guards_total", "suggested.4", "suggested.9", "suggested.10"]
            .into_iter()
            .chain(["failed_items", "failed_items_text"])
            .map(String::from)
            .collect();
    (inputs, computed)
}

fn checkup_ids() -> (Vec<String>, Vec<String>) {
    let inputs = ["unit", "report_date", "school", "police_station", "location", "closed_management", "alarm_linked"]
        .into_iter()
        .chain(["video_linked", "anti_ramming", "alarm_button", "guard_post"])
        .chain(["guards[i].name", "guards[i].licensed", "guards[i].age", "guards[i].id_number"])
        .map(String::from)
        .collect();
    let computed = ["guards[i].birth_date", "guards[i].age", "guards_total", "guards_licensed", "guards_over_age"]
        .into_iter()
        .map(String::from)
        .collect();
    (inputs, computed)
}

fn fixture(kind: &str) -> serde_json::Value {
    let path = format!("{}/tests/fixtures/{kind}/complete.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn checklist_and_checkup_ids_behave_under_every_builtin_profile() {
    for (kind, (inputs, computed)) in [("inspection-checklist", checklist_ids()), ("security-checkup", checkup_ids())] {
        let data = common::value(fixture(kind)["data"].clone());
        for profile in PROFILES {
            let fields = describe(kind, &school_safety_forms::base::value::Value::Text(profile.into())).unwrap();
            let paths: Vec<&str> = fields.iter().map(|f| f.path.as_str()).collect();
            for id in inputs.iter().chain(&computed) {
                assert!(paths.contains(&id.as_str()), "{kind} under {profile}: describe() lacks {id}");
            }
            for id in &computed {
                let spec = fields.iter().find(|f| f.path == *id).unwrap();
                assert!(spec.computed, "{kind} under {profile}: {id} is computed");
            }
            let options = common::value(serde_json::json!({ "profile": profile, "now": "2021-06-28T17:00:00+08:00" }));
            let report = validate(kind, &data, &options).unwrap();
            for id in &computed {
                let concrete = id.replace("[i]", "[0]");
                assert!(report.computed(&concrete).is_some(), "{kind} under {profile}: no computed {concrete}");
            }
            // Every issue names a contract path (or a row of one), never an internal name.
            for issue in &report.issues {
                let pattern = issue.path.split('[').next().unwrap_or_default().to_owned();
                assert!(
                    paths.iter().any(|p| p.starts_with(&pattern)),
                    "{kind} under {profile}: issue at unknown path {}",
                    issue.path
                );
            }
        }
    }
}
