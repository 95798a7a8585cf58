//! The exported JavaScript API, exercised from wasm: result shapes, errors, FormSession, fixtures.
//! Included by tests/wasm_node.rs (Node) and tests/wasm_browser.rs (headless Chromium).

use js_sys::{Array, Object, Reflect, JSON};
use school_safety_forms::wasm::{aggregate, describe, profiles, validate, FormSession, Validator};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const FIXTURES: [&str; 12] = [
    include_str!("../fixtures/campaign-statistics/complete.json"),
    include_str!("../fixtures/campaign-statistics/errors.json"),
    include_str!("../fixtures/inspection-checklist/complete.json"),
    include_str!("../fixtures/inspection-checklist/errors.json"),
    include_str!("../fixtures/security-checkup/complete.json"),
    include_str!("../fixtures/security-checkup/errors.json"),
    include_str!("../fixtures/risk-register/complete.json"),
    include_str!("../fixtures/risk-register/row-errors.json"),
    include_str!("../fixtures/daily-report/complete.json"),
    include_str!("../fixtures/daily-report/row-errors.json"),
    include_str!("../fixtures/daily-report/late-and-same-reviewer.json"),
    include_str!("../fixtures/daily-report/blank.json"),
];

fn json(text: &str) -> JsValue {
    JSON::parse(text).unwrap_or_else(|_| panic!("bad test JSON: {text}"))
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn stringify(v: &JsValue) -> String {
    JSON::stringify(v).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

fn is_plain_object(v: &JsValue) -> bool {
    let check = js_sys::Function::new_with_args("v", "return Object.getPrototypeOf(v) === Object.prototype");
    check.call1(&JsValue::NULL, v).ok().and_then(|b| b.as_bool()).unwrap_or(false)
}

fn keys(v: &JsValue) -> Vec<String> {
    Object::keys(v.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect()
}

fn error_message(result: Result<JsValue, wasm_bindgen::JsError>) -> String {
    let error = JsValue::from(result.expect_err("expected an Error"));
    assert!(error.is_instance_of::<js_sys::Error>(), "a real Error");
    error.unchecked_into::<js_sys::Error>().message().into()
}

/// A fixture with its name and form kind.
fn fixture(text: &str) -> (JsValue, String, String) {
    let fixture = json(text);
    let name = get(&fixture, "name").as_string().unwrap_or_default();
    let kind = get(&fixture, "kind").as_string().unwrap_or_default();
    (fixture, name, kind)
}

const NOW: &str = r#"{"now": "2021-06-22T15:40:00+08:00"}"#;

#[wasm_bindgen_test]
fn validate_returns_valid_issues_and_a_plain_computed_object() {
    let r = validate("daily-report", json(r#"{"rows": {"fire": {"found": "５", "fixed": "6"}}}"#), json(NOW)).unwrap();
    assert_eq!(get(&r, "valid"), JsValue::FALSE);
    assert!(Array::is_array(&get(&r, "issues")));
    let computed = get(&r, "computed");
    assert!(is_plain_object(&computed), "computed is a plain object, not a Map");
    assert!(get(&computed, "totals.found").is_null(), "a row that cannot be summed leaves the totals unknown");
    assert!(get(&computed, "rows.fire.unfixed").is_null());
    let issues: Array = get(&r, "issues").unchecked_into();
    let fixed = issues.iter().find(|i| get(i, "path").as_string().as_deref() == Some("rows.fire.fixed")).unwrap();
    assert_eq!(get(&fixed, "code").as_string().as_deref(), Some("fixed_exceeds_found"));
    assert_eq!(get(&fixed, "severity").as_string().as_deref(), Some("error"));
    assert_eq!(get(&fixed, "message").as_string().as_deref(), Some("消防安全·已整治隐患数不能多于发现隐患数（5）"));
}

#[wasm_bindgen_test]
fn every_fixture_gives_its_expected_result() {
    for (fixture, name, kind) in FIXTURES.map(fixture) {
        let r = validate(&kind, get(&fixture, "data"), get(&fixture, "options")).unwrap();
        let expect = get(&fixture, "expect");
        assert_eq!(get(&r, "valid"), get(&expect, "valid"), "{name}");
        let issues: Array = get(&r, "issues").unchecked_into();
        let want = get(&expect, "issues");
        for path in keys(&want) {
            let codes: Vec<String> = issues
                .iter()
                .filter(|i| get(i, "path").as_string().as_deref() == Some(path.as_str()))
                .filter_map(|i| get(&i, "code").as_string())
                .collect();
            let want_codes: Vec<String> =
                get(&want, &path).unchecked_into::<Array>().iter().filter_map(|c| c.as_string()).collect();
            assert_eq!(codes, want_codes, "{name}: {path:?}");
        }
        let computed = get(&r, "computed");
        let want = get(&expect, "computed");
        for key in keys(&want) {
            // Arrays and strings compared as JSON text: numbers, booleans, text and lists alike.
            assert_eq!(stringify(&get(&computed, &key)), stringify(&get(&want, &key)), "{name}: computed {key}");
        }
    }
}

#[wasm_bindgen_test]
fn misuse_throws_real_errors() {
    let m = error_message(validate("daily-reports", json("{}"), JsValue::UNDEFINED));
    assert!(m.starts_with("unknown form kind \"daily-reports\""), "{m}");
    let m = error_message(validate("daily-report", json("{}"), json(r#"{"profile": "nowhere"}"#)));
    assert!(m.contains("no built-in profile \"nowhere\""), "{m}");
    let bad = r#"{"profile": {"id": "x", "extends": "zhejiang-wenzhou-2021", "daily_report": {"key_period": {"start": "2026-02-30", "end": "2026-03-01"}}}}"#;
    let m = error_message(validate("daily-report", json("{}"), json(bad)));
    assert!(m.contains("\"daily_report.key_period.start\""), "{m}");
    let m = error_message(validate("daily-report", json("{}"), JsValue::from_str("en")));
    assert!(m.starts_with("invalid option \"options\""), "{m}");
    let m = error_message(FormSession::new("daily-report", json(r#"{"now": "yesterday"}"#)).map(|_| JsValue::NULL));
    assert!(m.starts_with("invalid option \"now\""), "{m}");
}

#[wasm_bindgen_test]
fn strange_data_is_a_result_never_an_exception() {
    let cyclic = js_sys::eval(
        "(() => { const o = { rows: {} }; o.rows.self = o; o.f = () => 1; o.s = Symbol('x'); o.b = 10n; return o; })()",
    )
    .unwrap();
    let r = validate("daily-report", cyclic, json(NOW)).unwrap();
    assert_eq!(get(&r, "valid"), JsValue::FALSE);
    let deep = js_sys::eval("(() => { const o = {}; let a = o; for (let i = 0; i < 100000; i++) { a.rows = {}; a = a.rows; } return o; })()").unwrap();
    assert!(validate("daily-report", deep, json(NOW)).is_ok());
    for strange in
        [JsValue::NULL, JsValue::UNDEFINED, JsValue::from_f64(f64::NAN), JsValue::from_str("x"), Array::new().into()]
    {
        assert!(validate("daily-report", strange, json(NOW)).is_ok());
    }
    let long = JsValue::from_str(&"１".repeat(200_000));
    let data = Object::new();
    Reflect::set(&data, &JsValue::from_str("rows.fire.found"), &long).unwrap();
    let r = validate("daily-report", data.into(), json(NOW)).unwrap();
    assert!(stringify(&get(&r, "issues")).contains("number_too_large"));
    // The instance is still usable after all of that.
    assert!(validate("daily-report", json("{}"), json(NOW)).is_ok());
}

#[wasm_bindgen_test]
fn form_session_returns_only_what_changed() {
    let mut s = FormSession::new("daily-report", json(NOW)).unwrap();
    let c = s.set("rows.fire.found", JsValue::from_str("5")).unwrap();
    assert!(is_plain_object(&get(&c, "issues")) && is_plain_object(&get(&c, "computed")));
    // A half-filled row cannot be summed: the totals are unknown rather than contradicting each other.
    assert_eq!(stringify(&get(&c, "computed")), r#"{"totals.found":null,"totals.fixed":null,"totals.unfixed":null}"#);
    assert_eq!(stringify(&get(&c, "issues")), r#"{"rows.fire.found":[]}"#, "the required issue cleared");
    let c = s.set("rows.fire.fixed", JsValue::from_f64(6.0)).unwrap();
    assert!(stringify(&c).contains("fixed_exceeds_found"));
    let c = s.set("rows.fire.fixed", JsValue::from_str("2")).unwrap();
    let computed = get(&c, "computed");
    assert_eq!(get(&computed, "rows.fire.unfixed").as_f64(), Some(3.0));
    assert_eq!(get(&computed, "totals.fix_rate").as_f64(), Some(40.0));
    let issues = get(&c, "issues");
    assert_eq!(stringify(&get(&issues, "rows.fire.fixed")), "[]");
    assert!(stringify(&get(&issues, "rows.fire.measures")).contains("measures_required"));
    assert!(s.has_errors());
    let c = s.set_now(JsValue::from_str("2021-06-22T16:30:00+08:00")).unwrap();
    assert_eq!(stringify(&c), r#"{"issues":{},"computed":{}}"#, "no report date yet: nothing is late");
    s.set("report_date", JsValue::from_str("2021年6月22日")).unwrap();
    let full = s.result().unwrap();
    assert!(stringify(&get(&full, "issues")).contains("late_submission"));
}

#[wasm_bindgen_test]
fn describe_and_profiles() {
    let fields: Array = describe("daily-report", JsValue::UNDEFINED).unwrap().unchecked_into();
    let first = fields.get(0);
    assert_eq!(get(&first, "path").as_string().as_deref(), Some("unit"));
    assert_eq!(get(&get(&first, "label"), "zh-CN").as_string().as_deref(), Some("学校（单位）"));
    assert_eq!(get(&first, "type").as_string().as_deref(), Some("text"));
    let unfixed = fields.iter().find(|f| get(f, "path").as_string().as_deref() == Some("rows.fire.unfixed")).unwrap();
    assert_eq!(get(&unfixed, "computed"), JsValue::TRUE);
    let jizhou: Array = describe("daily-report", JsValue::from_str("tianjin-jizhou-2021")).unwrap().unchecked_into();
    assert!(stringify(&jizhou).contains("rows.bullying.found"));
    let list: Array = profiles().unwrap().unchecked_into();
    assert_eq!(list.length(), 4);
    assert_eq!(get(&list.get(0), "id").as_string().as_deref(), Some("zhejiang-wenzhou-2021"));
}

#[wasm_bindgen_test]
fn aggregate_sums_a_district() {
    let reports = json(
        r#"[{"unit": "甲校", "rows": {"fire": {"found": "3", "fixed": "1", "measures": "围挡"}}},
                           {"unit": "乙校", "rows": {"fire": {"found": 2, "fixed": 2}}}]"#,
    );
    let r = aggregate("daily-report".into(), reports, json(r#"{"unit": "鹿城区教育局"}"#)).unwrap();
    let data = get(&r, "data");
    assert_eq!(
        stringify(&get(&get(&data, "rows"), "fire")),
        r#"{"found":5,"fixed":3,"unfixed":2,"measures":"甲校：围挡"}"#
    );
    assert_eq!(get(&get(&r, "computed"), "rows.fire.unfixed").as_f64(), Some(2.0));
    // The schools left the other categories blank: the district's totals are not stated
    // (CONTRACT.md "Roll-ups").
    assert!(get(&get(&r, "computed"), "totals.found").is_null());
    let m = error_message(aggregate("daily-report".into(), json("{}"), JsValue::UNDEFINED));
    assert!(m.contains("\"reports\""), "{m}");
}

/// `describe()`, `profiles()` and `aggregate()` are built as objects directly (serde-wasm-bindgen
/// is no longer in the wasm): each equals the core's serde shape, as serde_json writes it.
#[wasm_bindgen_test]
fn cold_results_built_directly_equal_the_cores_serde_shape() {
    use school_safety_forms::base::value::Value;
    for kind in ["daily-report", "inspection-checklist", "security-checkup", "risk-register", "campaign-statistics"] {
        for profile in ["zhejiang-wenzhou-2021", "zhejiang-suichang-2016", "tianjin-jizhou-2021", "jiangsu-2019"] {
            let js = describe(kind, JsValue::from_str(profile)).unwrap();
            let core = school_safety_forms::describe(kind, &Value::Text(profile.into())).unwrap();
            assert_eq!(stringify(&js), stringify(&serde_shape(&core)), "describe {kind} {profile}");
        }
    }
    assert_eq!(stringify(&profiles().unwrap()), stringify(&serde_shape(&school_safety_forms::profiles())));
    let clock = || school_safety_forms::base::date::Instant { unix_ms: 0 };
    for (kind, reports) in [
        (
            "daily-report",
            r#"[{"unit": "甲校", "rows": {"fire": {"found": "3", "fixed": "1", "measures": "围挡"}}}, {}]"#,
        ),
        (
            "security-checkup",
            r#"[{"school": "甲校", "location": "urban", "closed_management": "yes"}, {"school": "甲校"}]"#,
        ),
        (
            "risk-register",
            r#"[{"unit": "甲校", "rows": [{"category": "fire", "status": "done"}, {"category": "消防"}]}, {}]"#,
        ),
    ] {
        let js = aggregate(kind.into(), json(reports), json(NOW)).unwrap();
        let options = school_safety_forms::input::json::parse(NOW, 8);
        let core = school_safety_forms::aggregate_at(
            kind,
            &school_safety_forms::input::json::parse(reports, 16),
            &options,
            clock,
        )
        .unwrap();
        assert_eq!(stringify(&js), stringify(&serde_shape(&core)), "aggregate {kind}");
    }
}

/// A core value as serde_json writes it, parsed by JavaScript.
fn serde_shape<T: serde::Serialize>(value: &T) -> JsValue {
    json(&serde_json::to_string(value).unwrap())
}

#[wasm_bindgen_test]
fn a_compiled_validator_gives_what_validate_gives() {
    let data = json(r#"{"unit": "温州中学", "rows": {"fire": {"found": "3", "fixed": "1"}}}"#);
    let v = Validator::new("daily-report", json(NOW)).unwrap();
    let once = stringify(&v.validate(data.clone()).unwrap());
    assert_eq!(once, stringify(&validate("daily-report", data.clone(), json(NOW)).unwrap()));
    assert_eq!(once, stringify(&v.validate(data).unwrap()), "a second call gives the same");
    let mut s = v.session();
    assert!(stringify(&s.set("unit", JsValue::from_str("甲")).unwrap()).contains("\"unit\":[]"));
}

#[wasm_bindgen_test]
fn register_rows_are_inserted_removed_and_moved_with_splices() {
    let mut s = FormSession::new("risk-register", json(NOW)).unwrap();
    let row = r#"{"description": "围墙开裂", "place": "北门", "category": "校舍安全", "found_on": "2021-06-01",
        "measures": "加固", "responsible": "王", "deadline": "2021-06-10", "supervisor": "李", "status": "正在整改中",
        "interim_measures": "设置围挡"}"#;
    let c = s.insert_row("rows", 0.0, json(row)).unwrap();
    assert_eq!(stringify(&get(&c, "rows")), r#"[{"group":"rows","index":0,"removed":0,"inserted":1}]"#);
    let computed = get(&c, "computed");
    assert_eq!(get(&computed, "rows[0].overdue"), JsValue::TRUE, "a boolean computed value");
    assert!(stringify(&get(&c, "issues")).contains("overdue"));
    let c = s.insert_rows("rows", 0.0, json(&format!("[{row}]"))).unwrap();
    assert!(stringify(&get(&c, "issues")).contains("duplicate_hazard"), "{}", stringify(&c));
    let c = s.move_row("rows", 0.0, 1.0).unwrap();
    assert_eq!(Array::from(&get(&c, "rows")).length(), 2);
    let c = s.remove_row("rows", 1.0).unwrap();
    let issues = get(&c, "issues");
    assert_eq!(stringify(&get(&issues, "rows[0].description")), "[]", "the twin's duplicate clears");
    let m = error_message(s.remove_row("rows", 5.0));
    assert!(m.contains("cannot remove row 5"), "{m}");
    let m = error_message(s.insert_row("campuses", 0.0, JsValue::UNDEFINED));
    assert!(m.contains("\"campuses\" is not a repeated group"), "{m}");
}

#[wasm_bindgen_test]
fn checklist_campuses_and_checkup_guards_cross_as_lists_text_and_rows() {
    let opts = json(r#"{"profile": "zhejiang-wenzhou-2021", "now": "2021-06-22T10:00:00+08:00"}"#);
    let mut s = FormSession::new("inspection-checklist", opts).unwrap();
    s.set("boarding", JsValue::from_str("走读")).unwrap();
    let c = s.insert_row("campuses", 0.0, json(r#"{"name": "本部", "headcount": "1501", "guards": 3}"#)).unwrap();
    let computed = get(&c, "computed");
    assert_eq!(
        get(&computed, "campuses[0].required_guards").as_f64(),
        Some(4.0),
        "seed 000 附件5 第4项: 1501 人 → 4 名"
    );
    assert_eq!(get(&computed, "required_guards_total").as_f64(), Some(4.0));
    assert_eq!(get(&computed, "suggested.4").as_string().as_deref(), Some("no"));
    s.set("items.4", JsValue::from_str("否")).unwrap();
    let c = s.set("items.12", JsValue::from_str("否")).unwrap();
    let computed = get(&c, "computed");
    assert!(Array::is_array(&get(&computed, "failed_items")), "{}", stringify(&c));
    assert_eq!(stringify(&get(&computed, "failed_items")), "[4,12]");
    assert_eq!(get(&computed, "failed_items_text").as_string().as_deref(), Some("4、12"));
    let c = s.insert_row("campuses", 0.0, JsValue::UNDEFINED).unwrap();
    assert_eq!(stringify(&get(&c, "rows")), r#"[{"group":"campuses","index":0,"removed":0,"inserted":1}]"#);
    let c = s.move_row("campuses", 0.0, 1.0).unwrap();
    assert_eq!(Array::from(&get(&c, "rows")).length(), 2);
    s.remove_row("campuses", 1.0).unwrap();
    assert_eq!(stringify(&get(&get(&s.result().unwrap(), "computed"), "campuses[0].required_guards")), "4");

    let opts = json(r#"{"profile": "jiangsu-2019", "now": "2021-06-22T10:00:00+08:00"}"#);
    let mut s = FormSession::new("security-checkup", opts).unwrap();
    // 32010219650301123 + its MOD 11-2 check character: born 1965-03-01, 56 on 2021-06-22.
    let c = s
        .insert_row("guards", 0.0, json(r#"{"name": "李建国", "licensed": "是", "id_number": "320102196503011239"}"#))
        .unwrap();
    let computed = get(&c, "computed");
    assert_eq!(get(&computed, "guards[0].birth_date").as_string().as_deref(), Some("1965-03-01"), "{}", stringify(&c));
    assert_eq!(get(&computed, "guards[0].age").as_f64(), Some(56.0));
    assert!(stringify(&get(&c, "issues")).contains("guard_over_age"));
    let c = s.remove_row("guards", 0.0).unwrap();
    assert_eq!(get(&get(&c, "computed"), "guards_over_age").as_f64(), Some(0.0));
}

/// The binding builds small results property by property and large ones through `JSON.parse`:
/// either way the objects are exactly what the core's JSON text says.
fn same_as_core(js: &JsValue, core_json: &str, what: &str) {
    assert_eq!(stringify(js), stringify(&json(core_json)), "{what}");
}

#[wasm_bindgen_test]
fn results_built_directly_equal_the_cores_json_text() {
    for (fixture, name, kind) in FIXTURES.map(fixture) {
        let options = get(&fixture, "options");
        let r = validate(&kind, get(&fixture, "data"), options.clone()).unwrap();
        let core = school_safety_forms::Validator::new(
            &kind,
            &school_safety_forms::input::json::parse(&stringify(&options), 64),
        )
        .unwrap();
        let data = school_safety_forms::input::json::parse(&stringify(&get(&fixture, "data")), 64);
        let clock = || school_safety_forms::base::date::Instant { unix_ms: 0 };
        same_as_core(&r, &core.validate_at(&data, clock).to_json(), &name);
    }
    // A form-level issue: its path is the empty string (an empty slot of the string table once
    // read as `undefined`; tests/pkg/hostile.test.mjs caught it).
    let deep = format!(r#"{{"unit": {}1{}}}"#, "[".repeat(40), "]".repeat(40));
    let r = validate("daily-report", json(&deep), json(NOW)).unwrap();
    let core =
        school_safety_forms::Validator::new("daily-report", &school_safety_forms::input::json::parse(NOW, 8)).unwrap();
    let clock = || school_safety_forms::base::date::Instant { unix_ms: 0 };
    same_as_core(&r, &core.validate_json_at(&deep, clock).to_json(), "an issue at the empty path");
    assert!(stringify(&r).contains(r#""path":"","code":"nesting_too_deep""#), "{}", stringify(&r));
    // Sessions: keystrokes whose issues appear and clear, text and list values, row splices, the clock.
    use school_safety_forms::base::value::{Scalar, Value};
    let steps: [(&str, &[(&str, &str)]); 4] = [
        (
            "daily-report",
            &[
                ("rows.fire.found", "8"),
                ("rows.fire.fixed", "9"),
                ("rows.fire.fixed", "6"),
                ("unit", " "),
                ("report_date", "2021年6月31日"),
                ("report_date", "2021-06-22"),
                ("rows.gas.found", "x"),
                ("rows.gas.found", ""),
            ],
        ),
        ("inspection-checklist", &[("boarding", "走读"), ("items.4", "否"), ("items.12", "否"), ("items.4", "是")]),
        (
            "security-checkup",
            &[
                ("guards[0].name", "李建国"),
                ("guards[0].id_number", "320102196503011239"),
                ("guards[0].licensed", "是"),
                ("guards[0].id_number", "32010219650301123X"),
            ],
        ),
        (
            "risk-register",
            &[
                ("rows[0].description", "围墙开裂"),
                ("rows[1].description", "围墙开裂"),
                ("rows[0].deadline", "2021-06-10"),
                ("rows[1].description", ""),
            ],
        ),
    ];
    for (kind, sets) in steps {
        let options = r#"{"profile": "zhejiang-wenzhou-2021", "now": "2021-06-22T10:00:00+08:00"}"#;
        let mut js = FormSession::new(kind, json(options)).unwrap();
        let mut core = school_safety_forms::session(kind, &school_safety_forms::input::json::parse(options, 8), || {
            school_safety_forms::base::date::Instant { unix_ms: 0 }
        })
        .unwrap();
        for (path, value) in sets {
            let c = js.set(path, JsValue::from_str(value)).unwrap();
            same_as_core(&c, &core.set(path, Scalar::Text((*value).into())).to_json(), &format!("{kind} set {path}"));
        }
        if kind == "risk-register" {
            let row =
                school_safety_forms::input::json::parse(r#"{"description": "围墙开裂", "deadline": "2021-06-01"}"#, 8);
            let c =
                js.insert_row("rows", 0.0, json(r#"{"description": "围墙开裂", "deadline": "2021-06-01"}"#)).unwrap();
            same_as_core(&c, &core.insert_rows("rows", 0, &[row]).unwrap().to_json(), "insert");
            same_as_core(
                &js.move_row("rows", 0.0, 2.0).unwrap(),
                &core.move_row("rows", 0, 2).unwrap().to_json(),
                "move",
            );
            same_as_core(
                &js.remove_row("rows", 1.0).unwrap(),
                &core.remove_row("rows", 1).unwrap().to_json(),
                "remove",
            );
            let later = school_safety_forms::base::date::Instant::parse_iso("2021-06-30T10:00:00+08:00").unwrap();
            let c = js.set_now(JsValue::from_str("2021-06-30T10:00:00+08:00")).unwrap();
            same_as_core(&c, &core.set_now(later).to_json(), "a later day");
            // A paste of many rows: past the size where the binding switches to JSON text.
            let rows: Vec<Value> = (0..40)
                .map(|i| school_safety_forms::input::json::parse(&format!(r#"{{"description": "隐患{i}"}}"#), 8))
                .collect();
            let text = format!(
                "[{}]",
                (0..40).map(|i| format!(r#"{{"description": "隐患{i}"}}"#)).collect::<Vec<_>>().join(",")
            );
            let c = js.insert_rows("rows", 1.0, json(&text)).unwrap();
            same_as_core(&c, &core.insert_rows("rows", 1, &rows).unwrap().to_json(), "a paste of 40 rows");
        }
        same_as_core(&js.result().unwrap(), &core.result().to_json(), &format!("{kind} result"));
    }
}

/// Data crosses positionally (js/pack.js, bundled by wasm-bindgen as a snippet here): the same
/// result as the core reading the object form, in Node and in Chromium; and where pack.js gives up
/// (a row key the form does not have), the same again.
#[wasm_bindgen_test]
fn a_register_crosses_packed_with_the_result_of_its_object_rows() {
    let options = r#"{"profile": "jiangsu-2019", "now": "2021-06-22T10:00:00+08:00"}"#;
    let core =
        school_safety_forms::Validator::new("risk-register", &school_safety_forms::input::json::parse(options, 8))
            .unwrap();
    let clock = || school_safety_forms::base::date::Instant { unix_ms: 0 };
    let rows: Vec<String> = (0..40)
        .map(|i| match i % 4 {
            0 => format!(r#"{{"description": "围墙开裂{}", "place": "东门", "deadline": "2021-06-{:02}", "status": "正在整改中"}}"#, i % 7, 1 + i % 28),
            1 => r#"{"description": "围墙开裂0", "place": "东 门", "status": "done", "completed_on": "2021-06-30", "measures": null}"#.into(),
            2 => r#"{"category": "gas", "found_on": "2021年6月14日", "responsible": 12, "supervisor": true}"#.into(),
            _ => r#"{"description": "引号\"反斜杠\\", "interim_measures": "专人看护"}"#.into(),
        })
        .collect();
    let text = format!(r#"{{"unit": "温州中学", "rows": [{}]}}"#, rows.join(","));
    let v = Validator::new("risk-register", json(options)).unwrap();
    same_as_core(
        &v.validate(json(&text)).unwrap(),
        &core.validate_json_at(&text, clock).to_json(),
        "Validator.validate",
    );
    same_as_core(
        &validate("risk-register", json(&text), json(options)).unwrap(),
        &core.validate_json_at(&text, clock).to_json(),
        "validate",
    );
    let refused = text.replacen(r#""status": "done""#, r#""status": "done", "extra": 1"#, 1);
    same_as_core(
        &v.validate(json(&refused)).unwrap(),
        &core.validate_json_at(&refused, clock).to_json(),
        "a row key the form does not have",
    );
}

/// A form written as data (forms/daily-report-wenzhou.json, seed 000 附件3) compiles from a
/// JavaScript object and finds what the built-in daily report finds; its session agrees; a mistake
/// in a definition is a real Error naming its key path or its place in an expression.
#[wasm_bindgen_test]
fn a_definition_runs_as_the_built_in_form() {
    let definition = json(include_str!("../../forms/daily-report-wenzhou.json"));
    let options = json(r#"{"profile": "zhejiang-wenzhou-2021", "now": "2021-06-22T15:40:00+08:00"}"#);
    let data = json(
        r#"{"unit": "温州市第二中学", "rows": {"fire": {"found": "3", "fixed": "5"}, "gas": {"found": "2", "fixed": "1"}}}"#,
    );
    let defined = Validator::from_definition(definition.clone(), options.clone()).unwrap();
    let built_in = Validator::new("daily-report", options.clone()).unwrap();
    let (a, b) = (defined.validate(data.clone()).unwrap(), built_in.validate(data).unwrap());
    assert_eq!(stringify(&get(&a, "issues")), stringify(&get(&b, "issues")));
    assert!(stringify(&get(&a, "issues")).contains("fixed_exceeds_found"));
    let fields = defined.describe();
    assert!(stringify(&fields).contains("\"rows.fire.found\""));
    let mut s = FormSession::from_definition(definition, options.clone()).unwrap();
    let changes = s.set("rows.gas.found", JsValue::from_str("4")).unwrap();
    assert!(stringify(&changes).contains("rows.gas.found"), "{}", stringify(&changes));

    let bad = json(
        r#"{"id": "x", "title": {"zh": "表"}, "fields": [{"id": "a", "label": {"zh": "甲"}, "type": "count", "constraint": "${b} > 1", "code": "required"}]}"#,
    );
    let m = error_message(Validator::from_definition(bad, options.clone()).map(|_| JsValue::NULL));
    assert_eq!(m, "invalid form definition: fields[0].constraint: unknown field ${b} at 1");
    let bad =
        json(r#"{"id": "x", "title": {"zh": "表"}, "fields": [{"id": "a", "label": {"zh": "甲"}, "type": "money"}]}"#);
    let m = error_message(Validator::from_definition(bad, options.clone()).map(|_| JsValue::NULL));
    assert!(m.starts_with("invalid form definition: fields[0].type: unknown type \"money\""), "{m}");
    let deep = json(&format!(
        r#"{{"id": "x", "title": {{"zh": "表"}}, "fields": [], "params": {{"p": {}1{}}}}}"#,
        "[".repeat(5000),
        "]".repeat(5000)
    ));
    let m = error_message(Validator::from_definition(deep, options.clone()).map(|_| JsValue::NULL));
    assert!(m.contains("nested deeper than"), "{m}");

    // An object whose toJSON shows a shallow shape while the object itself nests columns 1,000
    // deep: serde reads what was checked, so this is an Error, and the module goes on working.
    let sneaky = json(&format!(
        r#"{{"id": "x", "title": {{"zh": "表"}}, "fields": [{}{}]}}"#,
        r#"{"id": "a", "label": {"zh": "甲"}, "columns": ["#.repeat(1000),
        "]}".repeat(1000)
    ));
    let shallow = json(r#"{"id": "x", "title": {"zh": "表"}, "fields": []}"#);
    let to_json = wasm_bindgen::closure::Closure::<dyn Fn() -> JsValue>::new(move || shallow.clone());
    js_sys::Reflect::set(&sneaky, &JsValue::from_str("toJSON"), to_json.as_ref()).unwrap();
    let compiled = Validator::from_definition(sneaky, options.clone());
    drop(to_json);
    assert!(compiled.is_ok(), "the shape JSON.stringify gives is the one compiled");
    let again = Validator::new("daily-report", options).unwrap();
    assert!(again.validate(json(r#"{"unit": "甲"}"#)).is_ok(), "the instance is not trapped");
}
