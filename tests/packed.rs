//! The positional crossing (`js/pack.js`, `src/wire`): a form's data sent as one
//! array of cells (each fixed field at its slot, each group's rows as arrays of their cells in
//! column order) reads exactly as the object form it was packed from. The packer here follows
//! js/pack.js; tests/pkg/pack.test.mjs holds js/pack.js itself to the same results.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use proptest::prelude::*;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::limits::{MAX_INPUT_BYTES, MAX_VALUES};
use school_safety_forms::input::json;
use school_safety_forms::Validator;
use serde_json::{json, Value as Json};

const NOW: Instant = Instant { unix_ms: 1_624_347_600_000 }; // 2021-06-22 15:40 China time

/// Every form, with a profile (the daily report also under a portal profile of its own categories).
const KINDS: [(&str, &str); 6] = [
    ("daily-report", r#""zhejiang-wenzhou-2021""#),
    (
        "daily-report",
        r#"{"id": "portal", "extends": "zhejiang-wenzhou-2021", "daily_report": {"categories": [{"id": "c1", "label": "甲类"}, {"id": "c2", "label": "乙类"}]}}"#,
    ),
    ("risk-register", r#""jiangsu-2019""#),
    ("inspection-checklist", r#""zhejiang-wenzhou-2021""#),
    ("security-checkup", r#""jiangsu-2019""#),
    ("campaign-statistics", r#""jiangsu-2019""#),
];

fn validator(kind: &str, profile: &str) -> Validator {
    Validator::new(kind, &json::parse(&format!(r#"{{"profile": {profile}}}"#), 8)).unwrap()
}

/// The key tree pack.js is given ([`school_safety_forms::wire::Layout::text`]).
fn layout(v: &Validator) -> Json {
    serde_json::from_str(v.layout().expect("every form crosses positionally")).unwrap()
}

/// js/pack.js's packing of the (already JSON) data: `None` where pack.js gives up (a key the tree
/// does not hold, an object where it has a field, a scalar where it has only sub-keys, a row that
/// is not an object or has a key that is not a column).
fn pack(data: &Json, layout: &Json) -> Option<String> {
    let slots = layout["slots"].as_u64().unwrap() as usize;
    let groups = layout["groups"].as_array().unwrap();
    let mut cells = vec![Json::Null; slots + groups.len()];
    fill(data.as_object()?, &layout["tree"], slots, groups, &mut cells)?;
    Some(serde_json::to_string(&cells).unwrap())
}

fn fill(
    object: &serde_json::Map<String, Json>,
    tree: &Json,
    slots: usize,
    groups: &[Json],
    cells: &mut [Json],
) -> Option<()> {
    for (key, value) in object {
        let node = &tree.as_array().unwrap().iter().find(|entry| entry[0] == json!(key))?[1];
        if value.is_null() {
            continue;
        }
        let sub_tree = if node.is_array() { Some(node) } else { node.get("tree") };
        let slot = if node.is_u64() { node.as_u64() } else { node.get("slot").and_then(Json::as_u64) };
        if let Some(g) = node.get("group").and_then(Json::as_u64) {
            let columns: Vec<&str> =
                groups[g as usize].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
            let mut rows = Vec::new();
            for row in value.as_array()? {
                let mut row_cells = vec![Json::Null; columns.len()];
                for (key, cell) in row.as_object()? {
                    let at = columns.iter().position(|c| c == key)?;
                    if cell.is_object() || cell.is_array() {
                        return None;
                    }
                    row_cells[at] = cell.clone();
                }
                rows.push(Json::Array(row_cells));
            }
            cells[slots + g as usize] = Json::Array(rows);
        } else if let Some(object) = value.as_object() {
            fill(object, sub_tree?, slots, groups, cells)?;
        } else if value.is_array() {
            return None;
        } else {
            cells[slot? as usize] = value.clone();
        }
    }
    Some(())
}

fn both(v: &Validator, data: &Json) -> (String, Option<String>) {
    let object = serde_json::to_string(data).unwrap();
    let packed = pack(data, &layout(v)).unwrap_or_else(|| panic!("pack.js packs {data}"));
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

/// Data for the key tree `tree`: each key present or not, a field's value from [`cell`], a field
/// with sub-fields answered or opened, up to 27 rows in each group.
fn tree_data(tree: Json, groups: Json) -> BoxedStrategy<Json> {
    let entries: Vec<BoxedStrategy<Option<(String, Json)>>> = tree
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let name = entry[0].as_str().unwrap().to_owned();
            let node = entry[1].clone();
            let value: BoxedStrategy<Option<Json>> = if node.is_u64() {
                cell().boxed()
            } else if node.is_array() {
                tree_data(node, groups.clone()).prop_map(Some).boxed()
            } else if let Some(g) = node.get("group").and_then(Json::as_u64) {
                let columns: Vec<String> =
                    groups[g as usize].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()).collect();
                let row = prop::collection::vec(cell(), columns.len()).prop_map(move |cells| {
                    Json::Object(columns.iter().zip(cells).filter_map(|(c, v)| v.map(|v| (c.clone(), v))).collect())
                });
                prop::collection::vec(row, 0..28).prop_map(|rows| Some(Json::Array(rows))).boxed()
            } else {
                prop_oneof![cell(), tree_data(node["tree"].clone(), groups.clone()).prop_map(Some)].boxed()
            };
            (any::<bool>(), value)
                .prop_map(move |(present, value)| value.filter(|_| present).map(|v| (name.clone(), v)))
                .boxed()
        })
        .collect();
    entries.prop_map(|entries| Json::Object(entries.into_iter().flatten().collect())).boxed()
}

/// `count` forms' data of one kind drawn at random.
fn forms(count: std::ops::Range<usize>) -> impl Strategy<Value = (usize, Vec<Json>)> {
    (0..KINDS.len()).prop_flat_map(move |k| {
        let (kind, profile) = KINDS[k];
        let layout = layout(&validator(kind, profile));
        (Just(k), prop::collection::vec(tree_data(layout["tree"].clone(), layout["groups"].clone()), count.clone()))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// The same data, packed or as objects, gives the same result on every form.
    #[test]
    fn packed_data_reads_as_the_object_form_it_came_from((k, data) in forms(1..2)) {
        let (kind, profile) = KINDS[k];
        let v = validator(kind, profile);
        let (by_object, by_packed) = both(&v, &data[0]);
        prop_assert_eq!(Some(by_object), by_packed);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// A check that reads into the cells the last one left (the binding's one-shot validations,
    /// `Session::into_spare`) gives what reading into blank cells gives.
    #[test]
    fn packed_data_read_into_a_spare_reads_as_into_blank_cells((k, forms) in forms(2..4)) {
        let (kind, profile) = KINDS[k];
        let v = validator(kind, profile);
        let layout = layout(&v);
        let mut spare = school_safety_forms::input::cells::Spare::default();
        for data in &forms {
            let text = pack(data, &layout).unwrap();
            let by_object = v.validate_json_at(&data.to_string(), || NOW).to_json();
            let checked = v.check_packed_at(&text, || NOW, spare).unwrap();
            prop_assert_eq!(checked.result().to_json(), by_object);
            spare = checked.into_spare();
        }
        // A text that ends early leaves the rest blank, whatever the spare held.
        let checked = v.check_packed_at("[]", || NOW, spare).unwrap();
        prop_assert_eq!(checked.result().to_json(), v.validate_json_at("{}", || NOW).to_json());
    }
}

/// Every example form in tests/fixtures that pack.js packs reads as its object form; those it
/// does not (a path key such as `items.9.steel_fork`, a key the form does not have) cross as
/// `JSON.stringify` gives them.
#[test]
fn every_fixture_pack_js_packs_reads_as_its_object_form() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let (mut packed, mut refused) = (0, 0);
    for dir in std::fs::read_dir(root).unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let fixture: Json = serde_json::from_str(&std::fs::read_to_string(file.unwrap().path()).unwrap()).unwrap();
            let v = Validator::new(fixture["kind"].as_str().unwrap(), &json::parse(&fixture["options"].to_string(), 8))
                .unwrap();
            let data = &fixture["data"];
            let Some(text) = pack(data, &layout(&v)) else {
                refused += 1;
                continue;
            };
            let by_object = v.validate_json_at(&data.to_string(), || NOW).to_json();
            assert_eq!(v.validate_packed_at(&text, || NOW).map(|r| r.to_json()), Some(by_object), "{data}");
            packed += 1;
        }
    }
    assert!(packed >= 8 && refused <= 4, "{packed} packed, {refused} refused");
}

/// The key tree names every fixed field once, and each group by its name.
#[test]
fn the_key_tree_holds_every_field() {
    let daily = layout(&validator("daily-report", r#""zhejiang-wenzhou-2021""#));
    let rows = daily["tree"].as_array().unwrap().iter().find(|e| e[0] == "rows").unwrap();
    let fire = rows[1].as_array().unwrap().iter().find(|e| e[0] == "fire").unwrap();
    assert!(fire[1].as_array().unwrap().iter().any(|e| e[0] == "found" && e[1].is_u64()));
    let register = layout(&validator("risk-register", r#""jiangsu-2019""#));
    let group = register["tree"].as_array().unwrap().iter().find(|e| e[0] == "rows").unwrap();
    assert_eq!(group[1], json!({"group": 0}));
    assert!(register["groups"][0].as_array().unwrap().contains(&json!("deadline")));
    // `items.9` is answered and has sub-answers (seed 000 附件5 item 9): a field with a tree.
    let checklist = layout(&validator("inspection-checklist", r#""zhejiang-wenzhou-2021""#));
    let items = checklist["tree"].as_array().unwrap().iter().find(|e| e[0] == "items").unwrap();
    let nine = items[1].as_array().unwrap().iter().find(|e| e[0] == "9").unwrap();
    assert!(nine[1]["slot"].is_u64() && nine[1]["tree"].is_array(), "{nine}");
}

/// A register of `rows` rows of `keys` cells each, and `nulls` rows that are `null`.
fn register(rows: usize, keys: usize, nulls: usize) -> Json {
    let columns = columns();
    let row: serde_json::Map<String, Json> =
        columns.iter().take(keys).map(|c| (c.clone(), json!("教学楼楼梯扶手松动"))).collect();
    let mut all = vec![Json::Object(row); rows];
    all.extend(std::iter::repeat(Json::Null).take(nulls));
    json!({ "unit": "温州中学", "rows": all })
}

fn columns() -> Vec<String> {
    let layout = layout(&validator("risk-register", r#""jiangsu-2019""#));
    layout["groups"][0].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()).collect()
}

/// The keys of a key tree, each as `(name, depth)`.
fn tree_keys(tree: &Json, out: &mut Vec<String>) {
    for entry in tree.as_array().unwrap() {
        out.push(entry[0].as_str().unwrap().to_owned());
        let node = &entry[1];
        if node.is_array() {
            tree_keys(node, out);
        } else if let Some(sub) = node.get("tree") {
            tree_keys(sub, out);
        }
    }
}

/// The register's packed text, its `null` rows (which pack.js never packs, and the engine reads
/// as the object form's `null` rows: a row with no cells, one value each) kept as they are.
fn pack_register(data: &Json) -> String {
    let nulls = data["rows"].as_array().unwrap().iter().filter(|r| r.is_null()).count();
    let mut full = data.clone();
    full["rows"].as_array_mut().unwrap().retain(|r| !r.is_null());
    let packed = pack(&full, &layout(&validator("risk-register", r#""jiangsu-2019""#))).unwrap();
    let mut cells: Vec<Json> = serde_json::from_str(&packed).unwrap();
    let rows = cells.last_mut().unwrap().as_array_mut().unwrap();
    rows.extend(std::iter::repeat(Json::Null).take(nulls));
    serde_json::to_string(&cells).unwrap()
}

/// Past the values limit the object form's key order decides what is read: the packed text is
/// then refused (`None`) and the binding reads the object form. The packed text counts every key
/// of the tree and every cell of a row, present or not, so its count is the object form's plus
/// what the data leaves out: refused that much early, read exactly below it.
#[test]
fn packed_text_is_refused_from_the_values_limit_on() {
    let v = validator("risk-register", r#""jiangsu-2019""#);
    let mut keys = Vec::new();
    tree_keys(&layout(&v)["tree"], &mut keys);
    // Values counted: the tree's keys and the group's key again as its rows are entered (the
    // object form: the root's keys present), and per row its index and its cells (the object
    // form: the cells present). The group has more columns than the 12 these rows fill (the
    // computed ones): the packed rows count them.
    let filled = 12;
    let width = columns().len();
    let rows = (MAX_VALUES - keys.len()) / (width + 1) - 1;
    let packed_count = |nulls: usize| keys.len() + 1 + rows * (width + 1) + nulls;
    let object_count = |nulls: usize| 2 + rows * (filled + 1) + nulls;
    let check = |nulls: usize| {
        let data = register(rows, filled, nulls);
        let by_object = v.validate_json_at(&serde_json::to_string(&data).unwrap(), || NOW).to_json();
        (by_object.clone(), v.validate_packed_at(&pack_register(&data), || NOW).map(|r| r.to_json()))
    };
    let at = MAX_VALUES - packed_count(0);
    assert_eq!(packed_count(at), MAX_VALUES);
    let (by_object, by_packed) = check(at - 1);
    assert_eq!(by_packed, Some(by_object), "packed count under the limit (n - 1): read");
    let (by_object, by_packed) = check(at);
    assert!(!by_object.contains("too_many_fields"));
    assert_eq!(by_packed, Some(by_object), "packed count at the limit (n): read");
    let (by_object, by_packed) = check(at + 1);
    assert!(!by_object.contains("too_many_fields"), "the object form is still under");
    assert_eq!(by_packed, None, "packed count past the limit (n + 1): refused, the object form is read");
    let past = MAX_VALUES + 1 - object_count(0);
    let (by_object, by_packed) = check(past);
    assert!(by_object.contains("too_many_fields"), "past the limit");
    assert_eq!(by_packed, None);
}

/// The packed text is read only when its object form, longer by every key spelled out (each
/// key of the tree, and each row's column names in as many rows as a group holds), could not be
/// past the input limit; else it is refused, whatever its own length.
#[test]
fn packed_text_is_refused_when_its_object_form_might_be_too_large() {
    let v = validator("risk-register", r#""jiangsu-2019""#);
    let layout = layout(&v);
    let small = pack(&register(20, 12, 0), &layout).unwrap();
    assert!(v.validate_packed_at(&small, || NOW).is_some());
    let mut keys = Vec::new();
    tree_keys(&layout["tree"], &mut keys);
    let spelled: usize = keys.iter().map(|k| k.len() + 6).sum();
    let names: usize = columns().iter().map(|c| c.len() + 4).sum();
    let extra = json!({"rows": [{"extra": "x".repeat(100)}]});
    assert_eq!(pack(&extra, &layout), None, "a row with a key the form does not have is not packed");
    assert_eq!(pack(&json!({"extra": "x"}), &layout), None, "nor a key the form does not have");
    let room = MAX_INPUT_BYTES - spelled - names * school_safety_forms::base::limits::MAX_ROWS;
    let padded = |len: usize| small.clone() + &" ".repeat(len - small.len());
    assert!(v.validate_packed_at(&padded(room), || NOW).is_some(), "n");
    assert!(v.validate_packed_at(&padded(room - 1), || NOW).is_some(), "n - 1");
    assert!(v.validate_packed_at(&padded(room + 1), || NOW).is_none(), "n + 1");
}
