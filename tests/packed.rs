//! The packed crossing (`js/pack.js`, `json::load_packed`): a form's rows sent as arrays of their
//! cells in column order read exactly as the object rows they were packed from. The packer here
//! follows js/pack.js; tests/pkg/pack.test.mjs holds js/pack.js itself to the same results.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use proptest::prelude::*;
use school_safety_forms::date::Instant;
use school_safety_forms::limits::{MAX_INPUT_BYTES, MAX_VALUES};
use school_safety_forms::value::Value;
use school_safety_forms::{json, Validator};
use serde_json::json;

const NOW: Instant = Instant { unix_ms: 1_624_347_600_000 }; // 2021-06-22 15:40 China time

/// Every form with groups, with a profile.
const KINDS: [(&str, &str); 3] = [
    ("risk-register", "jiangsu-2019"),
    ("inspection-checklist", "zhejiang-wenzhou-2021"),
    ("security-checkup", "jiangsu-2019"),
];

fn validator(kind: &str, profile: &str) -> Validator {
    Validator::new(kind, &json::parse(&format!(r#"{{"profile": "{profile}"}}"#), 8)).unwrap()
}

/// The groups `pack` is given: `(name, columns)`.
fn groups(v: &Validator) -> Vec<(String, Vec<String>)> {
    serde_json::from_str(&v.packed_groups()).unwrap()
}

/// js/pack.js's packing of the (already JSON) data: each group's rows as `[cell, …]`, `null` for a
/// column the row does not have; `None` where pack.js gives up (a row with a key the form does not
/// have, a top-level key reaching into a group by path, a top-level object that is not rows).
fn pack(data: &serde_json::Value, groups: &[(String, Vec<String>)]) -> Option<String> {
    let mut data = data.clone();
    for (key, value) in data.as_object()? {
        let group = groups.iter().any(|(name, _)| name == key);
        let path_into =
            groups.iter().any(|(name, _)| key.starts_with(&format!("{name}.")) || key.starts_with(&format!("{name}[")));
        let rows = group && value.is_array();
        if path_into || (!rows && (value.is_object() || value.is_array())) {
            return None;
        }
    }
    for (name, columns) in groups {
        let Some(serde_json::Value::Array(rows)) = data.get_mut(name) else { continue };
        for row in rows.iter_mut() {
            let object = row.as_object()?;
            let mut cells = vec![serde_json::Value::Null; columns.len()];
            for (key, value) in object {
                let at = columns.iter().position(|c| c == key)?;
                cells[at] = value.clone();
            }
            *row = serde_json::Value::Array(cells);
        }
    }
    Some(serde_json::to_string(&data).unwrap())
}

fn both(v: &Validator, data: &serde_json::Value) -> (String, Option<String>) {
    let object = serde_json::to_string(data).unwrap();
    let packed = pack(data, &groups(v)).expect("data pack.js packs");
    let by_object = v.validate_json_at(&object, || NOW).to_json();
    let by_packed = v.validate_packed_at(&packed, || NOW).map(|r| r.to_json());
    (by_object, by_packed)
}

/// Cell values that exercise every rule: valid and invalid, blank, escapes, numbers, booleans.
fn cell() -> impl Strategy<Value = Option<serde_json::Value>> {
    let texts = [
        "",
        " ",
        "张伟",
        "2021-06-22",
        "2021-06-21",
        "2021年6月14日",
        "2021-06-30",
        "2099-01-01",
        "done",
        "in_progress",
        "已完成",
        "正在整改中",
        "school_buildings",
        "gas",
        "其他",
        "5",
        "１２",
        "2",
        "是",
        "否",
        "yes",
        "教学楼楼梯扶手松动",
        "教学楼 楼梯扶手松动",
        "a\"b\\c\nd",
        "\u{200b}12",
        "13857712345",
        "0577-88631011",
        "110105199003071234",
        "day",
        "boarding",
        "public_security",
        "鹿城派出所",
    ];
    prop_oneof![
        3 => Just(None),
        1 => Just(Some(serde_json::Value::Null)),
        10 => prop::sample::select(texts.to_vec()).prop_map(|t| Some(json!(t))),
        1 => prop::sample::select(vec![json!(0), json!(3), json!(-1), json!(1.5), json!(1e21), json!(true), json!(false)]).prop_map(Some),
    ]
}

/// A form's data with 16 to 27 rows in each group: each row's cells drawn from [`cell`] (absent
/// ones left out), in the columns' order or reversed.
fn form(groups: Vec<(String, Vec<String>)>) -> impl Strategy<Value = serde_json::Value> {
    let group_rows = groups
        .into_iter()
        .map(|(name, columns)| {
            let width = columns.len();
            let row = (prop::collection::vec(cell(), width), any::<bool>()).prop_map(move |(cells, reverse)| {
                let mut entries: Vec<(String, serde_json::Value)> =
                    columns.iter().zip(cells).filter_map(|(c, v)| v.map(|v| (c.clone(), v))).collect();
                if reverse {
                    entries.reverse();
                }
                serde_json::Value::Object(entries.into_iter().collect())
            });
            (Just(name), prop::collection::vec(row, 16..28))
        })
        .collect::<Vec<_>>();
    (group_rows, prop::sample::select(vec!["温州中学", ""]), prop::sample::select(vec!["2021-06-22", "2021-06-24", ""]))
        .prop_map(|(groups, unit, date)| {
            let mut data = serde_json::Map::new();
            data.insert("unit".into(), json!(unit));
            data.insert("report_date".into(), json!(date));
            for (name, rows) in groups {
                data.insert(name, serde_json::Value::Array(rows));
            }
            data.into()
        })
}

fn any_form() -> impl Strategy<Value = (usize, serde_json::Value)> {
    (0..KINDS.len()).prop_flat_map(|k| {
        let (kind, profile) = KINDS[k];
        (Just(k), form(groups(&validator(kind, profile))))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// The same data, packed or as objects, gives the same result on every form with groups.
    #[test]
    fn packed_rows_read_as_the_object_rows_they_came_from((k, data) in any_form()) {
        let (kind, profile) = KINDS[k];
        let v = validator(kind, profile);
        let (by_object, by_packed) = both(&v, &data);
        prop_assert_eq!(Some(by_object), by_packed);
    }
}

#[test]
fn every_form_with_groups_packs_its_groups() {
    let names: Vec<Vec<String>> = KINDS
        .iter()
        .map(|(kind, profile)| groups(&validator(kind, profile)).into_iter().map(|(name, _)| name).collect())
        .collect();
    assert_eq!(names, [vec!["rows"], vec!["campuses"], vec!["guards"]]);
    let (register, _) = &groups(&validator("risk-register", "jiangsu-2019"))[0];
    assert_eq!(register, "rows");
    assert!(Validator::new("daily-report", &Value::Null).unwrap().packed_groups() == "[]");
}

/// A register of `rows` rows of `keys` cells each.
fn register(rows: usize, keys: usize) -> serde_json::Value {
    let columns = &groups(&validator("risk-register", "jiangsu-2019"))[0].1;
    let row: serde_json::Map<String, serde_json::Value> =
        columns.iter().take(keys).map(|c| (c.clone(), json!("教学楼楼梯扶手松动"))).collect();
    json!({ "unit": "温州中学", "rows": vec![serde_json::Value::Object(row); rows] })
}

/// Past the values limit the object form's key order decides what is read: the packed text is
/// then refused (`None`) and the binding reads the object form. Every packed cell counts, present
/// or not, so the packed count is the object form's plus the cells rows leave out: refused that
/// much early, read exactly below it.
#[test]
fn packed_text_is_refused_from_the_values_limit_on() {
    let v = validator("risk-register", "jiangsu-2019");
    // Values counted: the root's keys, and per row its index and its cells. The group may have
    // more columns than the 12 these rows fill (the computed ones): the packed rows count them.
    let keys = 12;
    let width = groups(&v)[0].1.len();
    let rows = (MAX_VALUES - 2) / (width + 1) - 1;
    // `extra` top-level keys the form does not have tune the count: each counts once either way.
    let fill = |extra: usize| {
        let mut data = register(rows, keys);
        for i in 0..extra {
            data[format!("k{i}")] = json!(1);
        }
        data
    };
    let object_count = |extra: usize| 2 + rows * (keys + 1) + extra;
    let packed_count = |extra: usize| 2 + rows * (width + 1) + extra;
    let at = MAX_VALUES - packed_count(0);
    let (by_object, by_packed) = both(&v, &fill(at));
    assert_eq!(packed_count(at), MAX_VALUES);
    assert!(!by_object.contains("too_many_fields"));
    assert_eq!(by_packed, Some(by_object), "packed count at the limit: read");
    let (by_object, by_packed) = both(&v, &fill(at + 1));
    assert!(!by_object.contains("too_many_fields"), "the object form is still under");
    assert_eq!(by_packed, None, "packed count past the limit: refused, the object form is read");
    let past = MAX_VALUES + 1 - object_count(0);
    let (by_object, by_packed) = both(&v, &fill(past));
    assert_eq!(object_count(past), MAX_VALUES + 1);
    assert!(by_object.contains("too_many_fields"), "past the limit");
    assert_eq!(by_packed, None);
}

/// The packed text is read only when its object form, longer by the column names, could not be
/// past the input limit; else it is refused, whatever its own length.
#[test]
fn packed_text_is_refused_when_its_object_form_might_be_too_large() {
    let v = validator("risk-register", "jiangsu-2019");
    let small = pack(&register(20, 12), &groups(&v)).unwrap();
    assert!(v.validate_packed_at(&small, || NOW).is_some());
    let names: usize = groups(&v)[0].1.iter().map(|c| c.len() + 4).sum();
    let extra = json!({"rows": [{"extra": "x".repeat(100)}]});
    assert_eq!(pack(&extra, &groups(&v)), None, "a row with a key the form does not have is not packed");
    let room = MAX_INPUT_BYTES - names * school_safety_forms::limits::MAX_ROWS;
    let padded = |len: usize| small.clone() + &" ".repeat(len - small.len());
    assert!(v.validate_packed_at(&padded(room), || NOW).is_some(), "n");
    assert!(v.validate_packed_at(&padded(room - 1), || NOW).is_some(), "n - 1");
    assert!(v.validate_packed_at(&padded(room + 1), || NOW).is_none(), "n + 1");
}
