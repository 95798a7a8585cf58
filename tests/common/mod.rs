//! Helpers shared by the native test files.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::Value;
use school_safety_forms::engine::report::Report;
use school_safety_forms::{validate, validate_at};

/// Parses JSON into the engine's input value.
pub fn value(json: serde_json::Value) -> Value {
    serde_json::from_value(json).expect("test JSON")
}

/// Validates a daily report at a fixed moment under a profile.
pub fn daily(data: serde_json::Value, profile: &str, now: &str) -> Report {
    let options = value(serde_json::json!({ "profile": profile, "now": now }));
    validate("daily-report", &value(data), &options).expect("valid options")
}

/// Validates with extra options.
pub fn daily_with(data: serde_json::Value, options: serde_json::Value) -> Report {
    validate_at("daily-report", &value(data), &value(options), || Instant { unix_ms: 0 }).expect("valid options")
}

/// A complete, valid Wenzhou report of 2021-06-22 with every row 0/0; tests change one thing.
pub fn wenzhou_report() -> serde_json::Value {
    let mut rows = serde_json::Map::new();
    for c in
        ["school_buildings", "gas", "campus_security", "fire", "traffic", "food_hygiene", "laboratory", "surroundings"]
    {
        rows.insert(c.into(), serde_json::json!({ "found": "0", "fixed": "0" }));
    }
    serde_json::json!({
        "unit": "温州市第八高级中学", "report_date": "2021-06-22",
        "filled_by": "张小玲", "reviewed_by": "方文跃", "leader": "王剑波",
        "rows": rows
    })
}

/// 15:40 on the first full day of Wenzhou's key period, China Standard Time.
pub const WENZHOU_NOW: &str = "2021-06-22T15:40:00+08:00";
pub const WENZHOU: &str = "zhejiang-wenzhou-2021";

/// Sets `path` (dotted) in a JSON object, creating objects on the way.
pub fn with(mut data: serde_json::Value, path: &str, v: serde_json::Value) -> serde_json::Value {
    let mut at = &mut data;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        if i == parts.len() - 1 {
            at[*part] = v.clone();
        } else {
            if at.get(*part).is_none() {
                at[*part] = serde_json::json!({});
            }
            at = at.get_mut(*part).unwrap();
        }
    }
    data
}

/// A valid 18-character resident ID from 17 digits: GB 11643-1999 §8.2, a_18 = (12 − Σ a_i·W_i mod
/// 11) mod 11, `X` for 10.
pub fn resident_id(first17: &str) -> String {
    let sum: u32 = first17.bytes().enumerate().map(|(i, c)| u32::from(c - b'0') * ((1u32 << (17 - i)) % 11)).sum();
    let a18 = (12 - sum % 11) % 11;
    let c = if a18 == 10 { 'X' } else { char::from_digit(a18, 10).unwrap() };
    format!("{first17}{c}")
}

/// A complete security check-up of a city school (seed 004 附件1) with these guard rows; its
/// yes/no answers in each spelling the contract accepts.
pub fn checkup(guards: Vec<serde_json::Value>) -> serde_json::Value {
    serde_json::json!({
        "unit": "某区教育局", "report_date": "2019-09-24", "school": "实验小学", "police_station": "城东派出所",
        "location": "城区", "closed_management": "是", "alarm_linked": "是", "video_linked": "yes",
        "anti_ramming": true, "alarm_button": "有效", "guard_post": "治安岗", "guards": guards
    })
}

/// One step of a model-based test of a session with a repeated group: a keystroke (a path's
/// index and its text), a row inserted, removed or moved, or the clock moved on by days.
#[derive(Debug, Clone)]
pub enum Op {
    Set(usize, String),
    Insert(usize),
    Remove(usize),
    Move(usize, usize),
    Clock(i64),
}

/// A report's issues as (path, code, severity, message), sorted: two forms' findings compared
/// whatever order each lists them in.
pub fn issues(r: &Report) -> Vec<(String, String, String, String)> {
    let mut v: Vec<_> = r
        .issues
        .iter()
        .map(|i| (i.path.clone(), i.code.to_string(), i.severity.to_owned(), i.message.clone()))
        .collect();
    v.sort();
    v
}

/// A report's computed values as `path=value`, sorted: two forms' figures compared whatever order
/// each lists them in.
pub fn computed_sorted(r: &Report) -> Vec<String> {
    let mut v: Vec<String> = r.computed.iter().map(|(p, c)| format!("{p}={c:?}")).collect();
    v.sort();
    v
}

/// One step of a model-based test of a session over one repeated group: a cell (row, column index,
/// text) typed, a row inserted, removed or moved, or the clock set to a day's offset.
#[derive(Debug, Clone)]
pub enum Step {
    Set(usize, usize, String),
    Insert(usize),
    Remove(usize),
    Move(usize, usize),
    Clock(i64),
}

/// A session over `group` and the rows it should hold, stepped together: the model is the data
/// `validate()` is given.
pub struct GroupModel<'a> {
    pub group: &'a str,
    pub columns: &'a [&'a str],
    /// What an inserted row holds (an empty object is no row at all to validate()).
    pub new_row: serde_json::Value,
    pub rows: Vec<serde_json::Map<String, serde_json::Value>>,
    /// Form fields the data holds beside the group (the checklist's school type).
    pub fixed: serde_json::Map<String, serde_json::Value>,
    pub now: Instant,
}

impl GroupModel<'_> {
    /// Applies `step` to the session and to the model; `at` turns a day's offset into a moment.
    pub fn step(&mut self, s: &mut school_safety_forms::engine::session::Session, step: Step, at: fn(i64) -> Instant) {
        use school_safety_forms::base::value::Scalar;
        match step {
            Step::Set(r, c, text) if r < self.rows.len() => {
                s.set(&format!("{}[{r}].{}", self.group, self.columns[c]), Scalar::Text(text.clone()));
                self.rows[r].insert(self.columns[c].into(), serde_json::json!(text));
            }
            Step::Insert(i) => {
                let i = i.min(self.rows.len());
                s.insert_rows(self.group, i, &[value(self.new_row.clone())]).unwrap();
                self.rows.insert(i, self.new_row.as_object().cloned().unwrap_or_default());
            }
            Step::Remove(i) if i < self.rows.len() => {
                s.remove_row(self.group, i).unwrap();
                self.rows.remove(i);
            }
            Step::Move(a, b) if a < self.rows.len() && b < self.rows.len() => {
                s.move_row(self.group, a, b).unwrap();
                let row = self.rows.remove(a);
                self.rows.insert(b, row);
            }
            Step::Clock(days) => {
                self.now = at(days);
                s.set_now(self.now);
            }
            _ => {}
        }
    }

    /// The data the session should now hold.
    pub fn data(&self) -> Value {
        let rows: Vec<serde_json::Value> = self.rows.iter().cloned().map(serde_json::Value::Object).collect();
        let mut data = self.fixed.clone();
        data.insert(self.group.to_owned(), serde_json::Value::Array(rows));
        value(serde_json::Value::Object(data))
    }
}

/// A model of a session over `group` with these columns, its rows arriving as `new_row`, at `now`.
pub fn group_model<'a>(
    group: &'a str,
    columns: &'a [&'a str],
    new_row: serde_json::Value,
    now: Instant,
) -> GroupModel<'a> {
    GroupModel { group, columns, new_row, rows: Vec::new(), fixed: serde_json::Map::new(), now }
}

/// Steps over a group of up to `rows` rows: a keystroke into one of `columns` columns (`cell`
/// gives what may be typed in each), a row inserted, removed or moved, the clock set within `days`.
pub fn group_steps(
    rows: usize,
    columns: usize,
    cell: fn(usize) -> proptest::strategy::BoxedStrategy<String>,
    days: std::ops::Range<i64>,
) -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        6 => (0..rows, 0..columns).prop_flat_map(move |(r, c)| cell(c).prop_map(move |t| Step::Set(r, c, t))),
        2 => (0..rows).prop_map(Step::Insert),
        1 => (0..rows).prop_map(Step::Remove),
        1 => (0..rows, 0..rows).prop_map(|(a, b)| Step::Move(a, b)),
        1 => days.prop_map(Step::Clock),
    ]
}

/// The built-in form of `kind` and the same form from `definition`, under the `p`-th built-in
/// profile (any number: it wraps), and that profile's id.
pub fn both_forms(
    kind: &str,
    definition: &str,
    p: usize,
) -> (String, school_safety_forms::Validator, school_safety_forms::Validator) {
    let all = school_safety_forms::profiles();
    let profile = all[p % all.len()].id.clone();
    let options = value(serde_json::json!({ "profile": profile }));
    let built_in = school_safety_forms::Validator::new(kind, &options).unwrap();
    let defined = school_safety_forms::Validator::from_definition(definition, &options).unwrap();
    (profile, built_in, defined)
}

/// Steps a session over the definition and its model together: after each, the session equals
/// `validate()` of the model's data, and the built-in form finds and computes the same. `before`
/// runs before each step (a form field typed beside the rows).
pub fn session_holds(
    (built_in, defined): (&school_safety_forms::Validator, &school_safety_forms::Validator),
    model: &mut GroupModel,
    steps: Vec<Step>,
    at: fn(i64) -> Instant,
    mut before: impl FnMut(usize, &mut school_safety_forms::engine::session::Session, &mut GroupModel),
) -> Result<(), proptest::test_runner::TestCaseError> {
    let start = model.now;
    let mut s = defined.session(|| start);
    for (i, step) in steps.into_iter().enumerate() {
        before(i, &mut s, model);
        model.step(&mut s, step, at);
        let (data, now) = (model.data(), model.now);
        let result = s.result();
        proptest::prop_assert_eq!(&result, &defined.validate_at(&data, || now));
        proptest::prop_assert_eq!(findings(&built_in.validate_at(&data, || now)), findings(&result));
    }
    Ok(())
}

/// The field tables of the built-in form and of its definition under every built-in profile,
/// as lines, the built-in's passed through `adjust` (a difference a test names).
pub fn both_described(kind: &str, definition: &str, adjust: fn(&mut school_safety_forms::engine::report::FieldSpec)) {
    for summary in school_safety_forms::profiles() {
        let options = value(serde_json::json!({ "profile": summary.id }));
        let defined = school_safety_forms::Validator::from_definition(definition, &options).unwrap();
        let mut want = school_safety_forms::describe(kind, &value(serde_json::json!(summary.id))).unwrap();
        want.iter_mut().for_each(adjust);
        assert_eq!(described(defined.describe()), described(want), "{}", summary.id);
    }
}

/// An issue as (path, code, severity, message).
pub type Line = (String, String, String, String);

/// What two forms' reports must agree on: issues, computed values (each sorted) and validity.
pub fn findings(r: &Report) -> (Vec<Line>, Vec<String>, bool) {
    (issues(r), computed_sorted(r), r.valid)
}

/// A field table as lines, to compare two forms' `describe()` field for field.
pub fn described(fields: Vec<school_safety_forms::engine::report::FieldSpec>) -> Vec<String> {
    fields.into_iter().map(|f| format!("{f:?}")).collect()
}
