//! Random definitions (fields of every type, a table over a parameter list, a repeated group;
//! calculations, constraints and conditional requirements drawn from the expression language)
//! under random operation sequences (typing, row inserts, removals and moves, the clock): after
//! every step a session's `result()` equals `validate()` of the same data, so the scopes the
//! compiler draws from each rule's inputs re-run everything a change can reach.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{value, Op};
use proptest::prelude::*;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::Scalar;
use school_safety_forms::Validator;
use serde_json::{json, Value};

const TYPES: [&str; 6] = ["count", "decimal", "text", "date", "yes_no", "choice"];

/// A numeric expression over the fields before `i` (and the row's columns in a row).
fn number(names: &[&str], pick: usize, op: usize) -> String {
    if names.is_empty() {
        return "1".into();
    }
    let a = names[pick % names.len()];
    let b = names[(pick / 7) % names.len()];
    match op % 5 {
        0 => format!("${{{a}}} + ${{{b}}}"),
        1 => format!("${{{a}}} - ${{{b}}}"),
        2 => format!("if(${{{a}}} > 2, ${{{a}}}, 0)"),
        3 => format!("round(${{{a}}} / 3, 1)"),
        _ => format!("max(${{{a}}}, ${{{b}}})"),
    }
}

#[derive(Debug, Clone)]
struct Shape {
    fixed: Vec<(usize, bool, usize, usize, usize)>, // (type, required, calc?, pick, op)
    table_rows: usize,
    group: bool,
    rules: Vec<(usize, usize)>,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        prop::collection::vec((0usize..6, any::<bool>(), 0usize..4, 0usize..50, 0usize..10), 1..6),
        1usize..4,
        any::<bool>(),
        prop::collection::vec((0usize..50, 0usize..10), 0..3),
    )
        .prop_map(|(fixed, table_rows, group, rules)| Shape { fixed, table_rows, group, rules })
}

/// The definition of a shape, and the paths a person can type into.
fn definition(s: &Shape) -> (Value, Vec<String>) {
    let mut fields = Vec::new();
    let mut numeric: Vec<String> = Vec::new();
    let mut paths = Vec::new();
    for (i, (ty, required, calc, pick, op)) in s.fixed.iter().enumerate() {
        let id = format!("f{i}");
        let ty = TYPES[*ty];
        let mut f = json!({"id": id, "label": {"zh": format!("字段{i}")}, "type": ty});
        if ty == "choice" {
            f["choices"] = json!("status");
        }
        let names: Vec<&str> = numeric.iter().map(String::as_str).collect();
        match (ty, calc) {
            ("count" | "decimal", 0) if !names.is_empty() => {
                f["calculate"] = json!(number(&names, *pick, *op));
            }
            ("count" | "decimal", 1) if !names.is_empty() => {
                f["constraint"] = json!(format!("${{{id}}} <= {}", number(&names, *pick, *op)));
                f["code"] = json!("number_too_large");
                f["args"] = json!([number(&names, *pick, *op)]);
            }
            (_, 2) if !names.is_empty() => {
                f["required"] = json!(format!("{} > 1", number(&names, *pick, *op)));
            }
            _ => f["required"] = json!(*required),
        }
        if ty == "date" && *op % 2 == 0 {
            f["checks"] = json!(["not_in_future"]);
        }
        if ty == "date" && *op % 3 == 0 {
            f["constraint"] = json!(format!("days(${{{id}}}, today()) < 30"));
            f["code"] = json!("date_in_future");
        }
        if ty == "count" || ty == "decimal" {
            numeric.push(id.clone());
        }
        paths.push(id);
        fields.push(f);
    }
    let rows: Vec<Value> = (0..s.table_rows).map(|r| json!({"id": format!("r{r}"), "zh": format!("行{r}")})).collect();
    fields.push(json!({"id": "t", "label": {"zh": "表"}, "rows": "$param.rows", "columns": [
        {"id": "a", "label": {"zh": "甲"}, "type": "count", "required": true},
        {"id": "b", "label": {"zh": "乙"}, "type": "count", "constraint": "${b} <= ${a}", "code": "fixed_exceeds_found", "args": ["${a}"]},
        {"id": "c", "label": {"zh": "丙"}, "type": "count", "calculate": "${a} - ${b}", "calculate_code": "unfixed_mismatch"},
        {"id": "d", "label": {"zh": "丁"}, "type": "text", "required": "${c} > 0", "required_code": "measures_required", "required_args": ["${c}"]}
    ]}));
    for r in 0..s.table_rows {
        for c in ["a", "b", "c", "d"] {
            paths.push(format!("t.r{r}.{c}"));
        }
    }
    fields.push(json!({"id": "sum_a", "label": {"zh": "合计甲"}, "type": "count", "calculate": "sum(${t.a})"}));
    fields.push(json!({"id": "sum_c", "label": {"zh": "合计丙"}, "type": "count", "calculate": "sum(${t.c})"}));
    fields.push(
        json!({"id": "rate", "label": {"zh": "比例"}, "type": "percent", "calculate": "${sum_c} * 100 / ${sum_a}"}),
    );
    // The same columns as a 合计 row totals them (a row not filled in adds nothing; one that cannot
    // be totalled leaves both unknown).
    fields.push(json!({"id": "tot_a", "label": {"zh": "总计甲"}, "type": "count", "calculate": "total(${t.a})"}));
    fields.push(json!({"id": "tot_c", "label": {"zh": "总计丙"}, "type": "count", "calculate": "total(${t.c})"}));
    if s.group {
        let limit = numeric.first().map_or("5".to_owned(), |n| format!("${{{n}}}"));
        // A spare row (nothing typed in it, nor in the form's first field) is not checked or
        // counted; `w` is computed from the column after it.
        let spare = " or typed(${f0})";
        fields.push(json!({"id": "g", "label": {"zh": "组"},
            "relevant": format!("typed(${{y}}) or typed(${{when}}){spare}"), "columns": [
            {"id": "w", "label": {"zh": "加一"}, "type": "count", "calculate": "${x} + 1"},
            {"id": "x", "label": {"zh": "数"}, "type": "count", "required": true, "max": 8,
             "constraint": format!("${{x}} <= {limit}"), "code": "number_too_large", "args": [limit]},
            {"id": "y", "label": {"zh": "文"}, "type": "text", "required": "${x} > 2"},
            {"id": "s", "label": {"zh": "状态"}, "type": "choice", "choices": "status"},
            {"id": "when", "label": {"zh": "日期"}, "type": "date", "checks": ["not_in_future"]}
        ]}));
        fields.push(json!({"id": "g_sum", "label": {"zh": "组合计"}, "type": "count", "calculate": "sum(${g.x})"}));
        fields.push(json!({"id": "g_rows", "label": {"zh": "组行数"}, "type": "count", "calculate": "count(${g})"}));
        fields.push(json!({"id": "g_tot", "label": {"zh": "组总计"}, "type": "count", "calculate": "total(${g.x})"}));
        fields.push(
            json!({"id": "g_totw", "label": {"zh": "组总计加一"}, "type": "count", "calculate": "total(${g.w})"}),
        );
        fields.push(
            json!({"id": "g_typed", "label": {"zh": "有文"}, "type": "count", "calculate": "count(${g}, typed(${y}))"}),
        );
        paths.extend(["g[0].x", "g[1].x", "g[0].y", "g[2].s", "g[1].when", "g[3].x"].map(String::from));
    }
    let mut rules = Vec::new();
    for (pick, op) in &s.rules {
        let names: Vec<&str> = numeric.iter().map(String::as_str).collect();
        if names.is_empty() {
            break;
        }
        let at = names[pick % names.len()];
        rules.push(json!({"field": at, "constraint": format!("{} >= 0", number(&names, *pick, *op)), "code": "negative_number"}));
    }
    // A cell typed wrong is typed: told apart from a blank one.
    rules.push(json!({"field": "d", "each": "t", "constraint": "typed(${a}) or not typed(${b})", "code": "required"}));
    if s.group {
        // A variant's own code (a warning in its own words) beside the table's.
        rules.push(json!({"field": "y", "each": "g", "constraint": "len(${y}) <= ${x} + 3", "code": "wordy_row", "args": ["${x}"]}));
    }
    let def = json!({
        "id": "random", "title": {"zh": "随机表"},
        "params": {"rows": rows},
        "choices": {"status": [{"id": "done", "zh": "已完成"}, {"id": "in_progress", "zh": "正在整改中"}]},
        "fields": fields, "rules": rules,
        "codes": {"wordy_row": {"zh": "{label}超过{0}字", "severity": "warning"}}
    });
    (def, paths)
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0usize..80, "[0-9]{0,2}|[0-9]\\.[0-9]|abc|2021-06-[0-3][0-9]|是|否|已完成|正在|").prop_map(|(p, t)| Op::Set(p, t)),
        1 => (0usize..4).prop_map(Op::Insert),
        1 => (0usize..4).prop_map(Op::Remove),
        1 => (0usize..4, 0usize..4).prop_map(|(a, b)| Op::Move(a, b)),
        1 => (0i64..40).prop_map(Op::Clock),
    ]
}

/// The data a session's operations amount to: fixed paths, and the group's rows in order.
#[derive(Default)]
struct Model {
    fixed: serde_json::Map<String, Value>,
    rows: Vec<serde_json::Map<String, Value>>,
}

impl Model {
    fn data(&self) -> Value {
        let mut d = Value::Object(self.fixed.clone());
        if !self.rows.is_empty() {
            d["g"] = Value::Array(self.rows.iter().cloned().map(Value::Object).collect());
        }
        d
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_session_of_any_definition_equals_validate_after_every_step(s in shape(), ops in prop::collection::vec(op(), 1..40)) {
        let (def, paths) = definition(&s);
        let start = 1_624_347_600_000i64; // 2021-06-22 15:40 China time
        let options = value(json!({}));
        let v = Validator::from_definition(&def.to_string(), &options).unwrap_or_else(|e| panic!("{e}\n{def}"));
        let mut now = Instant { unix_ms: start };
        let mut session = v.session(|| now);
        let mut model = Model::default();
        for op in ops {
            match op {
                Op::Set(p, text) => {
                    let path = &paths[p % paths.len()];
                    if let Some(rest) = path.strip_prefix("g[") {
                        // A row's cell, of a row that exists (rows come and go by the row operations).
                        let (i, col) = rest.split_once("].").unwrap();
                        let i: usize = i.parse().unwrap();
                        if i < model.rows.len() {
                            session.set(path, Scalar::Text(text.clone()));
                            model.rows[i].insert(col.into(), json!(text));
                        }
                    } else {
                        session.set(path, Scalar::Text(text.clone()));
                        model.fixed.insert(path.clone(), json!(text));
                    }
                }
                Op::Insert(i) if s.group => {
                    let i = i.min(model.rows.len());
                    // A row arrives with a value (an empty object is no row at all, as in validate()).
                    let row = json!({"x": "1"});
                    session.insert_rows("g", i, &[value(row.clone())]).unwrap();
                    model.rows.insert(i, row.as_object().unwrap().clone());
                }
                Op::Remove(i) if s.group && i < model.rows.len() => {
                    session.remove_row("g", i).unwrap();
                    model.rows.remove(i);
                }
                Op::Move(a, b) if s.group && a < model.rows.len() && b < model.rows.len() => {
                    session.move_row("g", a, b).unwrap();
                    let row = model.rows.remove(a);
                    model.rows.insert(b, row);
                }
                Op::Clock(days) => {
                    now = Instant { unix_ms: start + days * 86_400_000 };
                    session.set_now(now);
                }
                _ => {}
            }
            let full = v.validate_at(&value(model.data()), || now);
            prop_assert_eq!(session.result(), full, "{}", def);
        }
    }
}
