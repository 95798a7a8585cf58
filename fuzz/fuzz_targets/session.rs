//! `session`: any bytes as a sequence of edits to one form, as the drop-in makes them. Byte 0 picks
//! the kind, byte 1 the profile; then each operation takes an opcode byte and its arguments:
//! set a real path of the form (a fixed field, or a column at row 0–7) to a value from a small
//! dictionary (the field's own choices, dates, numbers, ID numbers, typed numbers and booleans),
//! insert 1–3 rows (at 0–7, past the end must be refused), remove or move rows, or move the clock.
//!
//! Beside the session the target keeps the same edits as plain data (a model, as the proptests in
//! tests/risk_register.rs and tests/security_checkup.rs do). After the sequence, and after every
//! 8th operation, `session.result()` must equal a fresh `validate` of that data at the session's
//! moment. Every `Changes` and `Report` must also serialise to valid JSON.

use school_safety_forms::base::date::Instant;
use school_safety_forms::schema::FieldDef;
use school_safety_forms::base::value::{Scalar, Value};
use school_safety_forms_fuzz::{
    assert_json, clock_at, kind_index, options_json, profile_now, validator, Bytes, PROFILES,
};

const ROWS: u8 = 8;

const WORDS: [&str; 30] = [
    "",
    " ",
    "0",
    "1",
    "3",
    "12",
    "-1",
    "1.5",
    "１２",
    "100000000000000000000",
    "2019-09-20",
    "2019-09-26",
    "2019-09-01",
    "2021-06-22",
    "2021-06-21",
    "2021/6/23",
    "2021年6月22日",
    "是",
    "否",
    "张三",
    "李四",
    "围墙开裂",
    "北门",
    "x",
    "50",
    "51",
    "110105491231002",
    "32010519680926001X",
    "320105196809240013",
    "32010520190927001X",
];

/// A value from the dictionary: the field's own choices (ids and official wording) first, then words,
/// then typed scalars.
fn scalar(field: Option<&FieldDef>, byte: u8) -> Scalar {
    let choices: Vec<&str> =
        field.map(|f| f.options.iter().flat_map(|(id, zh)| [*id, *zh]).collect()).unwrap_or_default();
    let i = usize::from(byte);
    if let Some(c) = choices.get(i % 64) {
        return Scalar::Text((*c).to_owned());
    }
    match i % 64 {
        n if n < 60 => Scalar::Text(WORDS.get(n % WORDS.len()).copied().unwrap_or("").to_owned()),
        60 => Scalar::Number(f64::from(byte >> 6)),
        61 => Scalar::Number(-2.5),
        62 => Scalar::Bool(byte & 0x80 != 0),
        _ => Scalar::Empty,
    }
}

fn to_value(s: &Scalar) -> Value {
    match s {
        Scalar::Empty | Scalar::Invalid => Value::Null,
        Scalar::Bool(b) => Value::Bool(*b),
        Scalar::Number(n) => Value::Number(*n),
        Scalar::Text(t) => Value::Text(t.clone()),
    }
}

type Row = Vec<(String, Value)>;

/// The edits as plain data: fixed fields by dotted path, and each group's rows.
struct Model {
    fixed: Vec<(String, Value)>,
    groups: Vec<(String, Vec<Row>)>,
}

fn put(entries: &mut Vec<(String, Value)>, key: &str, value: Value) {
    match entries.iter_mut().find(|(k, _)| k == key) {
        Some(entry) => entry.1 = value,
        None => entries.push((key.to_owned(), value)),
    }
}

/// Sets `value` at a dotted path inside a map, creating maps on the way.
fn put_path(root: &mut Value, path: &str, value: Value) {
    let mut at = root;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let Value::Map(entries) = at else { return };
        if i + 1 == parts.len() {
            put(entries, part, value);
            return;
        }
        if !entries.iter().any(|(k, _)| k == part) {
            entries.push(((*part).to_owned(), Value::Map(Vec::new())));
        }
        let Some(next) = entries.iter_mut().find(|(k, _)| k == part).map(|(_, v)| v) else { return };
        at = next;
    }
}

impl Model {
    fn data(&self) -> Value {
        let mut root = Value::Map(Vec::new());
        for (path, value) in &self.fixed {
            put_path(&mut root, path, value.clone());
        }
        for (name, rows) in &self.groups {
            if !rows.is_empty() {
                put_path(&mut root, name, Value::List(rows.iter().map(|r| Value::Map(r.clone())).collect()));
            }
        }
        root
    }
}

fn check(
    s: &school_safety_forms::engine::session::Session,
    v: &school_safety_forms::Validator,
    model: &Model,
    now: Instant,
    step: usize,
) {
    let got = s.result();
    let data = model.data();
    let want = v.validate_at(&data, || now);
    assert!(
        got == want,
        "after {step} operations the session disagrees with validate of {data:?}\nsession: {got:?}\nvalidate: {want:?}"
    );
    assert_json(&got.to_json(), "Report::to_json");
}

fn run(data: &[u8]) {
    let mut input = Bytes::new(data);
    let kind = kind_index(input.byte());
    let profile = usize::from(input.byte()) % (PROFILES.len() + 1);
    // No `now` in the options: the session and each fresh validation read the clock they are given.
    let Some(v) = validator(kind, &options_json(profile, false, false)) else { return };
    let schema = v.compiled().schema().clone();
    let base = clock_at(profile_now(profile), 0);
    let mut now = base;
    let mut s = v.session(|| now);
    let mut model =
        Model { fixed: Vec::new(), groups: schema.groups.iter().map(|g| (g.name.clone(), Vec::new())).collect() };
    // A field whose path is also the parent of others (the checklist's `items.9` over `items.9.shield`)
    // is left out: plain data cannot hold both, so the model could not follow the session there.
    let parent = |f: &FieldDef| schema.fields.iter().any(|o| o.name.starts_with(&format!("{}.", f.name)));
    let inputs: Vec<&FieldDef> = schema.fields.iter().filter(|f| !f.computed && !parent(f)).collect();
    let group_name = |b: u8| -> String {
        schema
            .groups
            .get(usize::from(b) % (schema.groups.len() + 1))
            .map_or_else(|| "no-such-group".to_owned(), |g| g.name.clone())
    };
    let columns = |name: &str| -> Vec<&FieldDef> {
        let g = schema.group(name);
        inputs.iter().copied().filter(|f| g.is_some() && f.group == g).collect()
    };

    let mut step = 0;
    while let Some(op) = input.next() {
        step += 1;
        match op % 6 {
            0 | 1 => {
                if inputs.is_empty() {
                    continue;
                }
                let Some(field) = inputs.get(usize::from(input.byte()) % inputs.len()).copied() else { continue };
                let row = input.byte() % ROWS;
                let value = scalar(Some(field), input.byte());
                let group = field.group.and_then(|g| schema.groups.get(usize::from(g)));
                let path = match group {
                    Some(g) => format!("{}[{row}].{}", g.name, field.name),
                    None => field.name.clone(),
                };
                assert_json(&s.set(&path, value.clone()).to_json(), "Changes::to_json");
                match group {
                    Some(g) => {
                        if let Some((_, rows)) = model.groups.iter_mut().find(|(n, _)| *n == g.name) {
                            while rows.len() <= usize::from(row) {
                                rows.push(Vec::new());
                            }
                            if let Some(r) = rows.get_mut(usize::from(row)) {
                                put(r, &field.name, to_value(&value));
                            }
                        }
                    }
                    None => put(&mut model.fixed, &field.name, to_value(&value)),
                }
            }
            2 => {
                let name = group_name(input.byte());
                let at = usize::from(input.byte() % ROWS);
                let count = 1 + usize::from(input.byte() % 3);
                let cols = columns(&name);
                let mut new_rows: Vec<Row> = Vec::new();
                for _ in 0..count {
                    let filled = input.byte() % 4;
                    let mut row = Row::new();
                    for _ in 0..filled {
                        if let Some(f) = cols.get(usize::from(input.byte()) % cols.len().max(1)) {
                            put(&mut row, &f.name, to_value(&scalar(Some(f), input.byte())));
                        }
                    }
                    new_rows.push(row);
                }
                let values: Vec<Value> =
                    new_rows.iter().map(|r| if r.is_empty() { Value::Null } else { Value::Map(r.clone()) }).collect();
                let result = s.insert_rows(&name, at, &values);
                match model.groups.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, rows)) if at <= rows.len() => {
                        let changes = result
                            .unwrap_or_else(|e| panic!("insert {count} at {at} of {} in {name}: {e}", rows.len()));
                        assert_json(&changes.to_json(), "Changes::to_json");
                        for (i, r) in new_rows.into_iter().enumerate() {
                            rows.insert(at + i, r);
                        }
                    }
                    _ => assert!(result.is_err(), "insert at {at} in {name} past its end must be refused"),
                }
            }
            3 => {
                let name = group_name(input.byte());
                let at = usize::from(input.byte() % ROWS);
                let result = s.remove_row(&name, at);
                match model.groups.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, rows)) if at < rows.len() => {
                        let changes = result.unwrap_or_else(|e| panic!("remove {at} of {} in {name}: {e}", rows.len()));
                        assert_json(&changes.to_json(), "Changes::to_json");
                        rows.remove(at);
                    }
                    _ => assert!(result.is_err(), "remove {at} in {name} past its end must be refused"),
                }
            }
            4 => {
                let name = group_name(input.byte());
                let from = usize::from(input.byte() % ROWS);
                let to = usize::from(input.byte() % ROWS);
                let result = s.move_row(&name, from, to);
                match model.groups.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, rows)) if from < rows.len() && to < rows.len() => {
                        let changes =
                            result.unwrap_or_else(|e| panic!("move {from}→{to} of {} in {name}: {e}", rows.len()));
                        assert_json(&changes.to_json(), "Changes::to_json");
                        let r = rows.remove(from);
                        rows.insert(to, r);
                    }
                    _ => assert!(result.is_err(), "move {from}→{to} in {name} past its end must be refused"),
                }
            }
            _ => {
                // The portal's clock, in steps of 3 hours up to ±16 days from the profile's season.
                let hours = i64::from(input.byte() as i8) * 3;
                now = Instant { unix_ms: base.unix_ms + hours * 3_600_000 };
                assert_json(&s.set_now(now).to_json(), "Changes::to_json");
            }
        }
        if step % 8 == 0 {
            check(&s, &v, &model, now, step);
        }
    }
    check(&s, &v, &model, now, step);
}

fn main() {
    afl::fuzz!(|data: &[u8]| run(data));
}
