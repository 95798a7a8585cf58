//! The expression language on a small daily report: a form-level unit and date, and a repeated
//! group `rows` of categories (发现隐患数 found, 已整治 fixed, 整改资金 funds, status), as the
//! forms-as-data issue's Wenzhou variant adds 整改资金（万元） to each row of 附件3.

use super::parse::Input;
use super::*;

const ROWS: u32 = 7;
const UNIT: u32 = 1;
const REPORTED: u32 = 2;
const FOUND: u32 = 10;
const FIXED: u32 = 11;
const FUNDS: u32 = 12;
const STATUS: u32 = 13;

struct Daily;

impl Resolve for Daily {
    fn field(&self, path: &str, row: Option<u32>) -> Option<Target> {
        let in_row = |id, ty| Some(Target::Field { id, ty, group: Some(ROWS) });
        match (path, row) {
            ("found", Some(ROWS)) => in_row(FOUND, Type::Number),
            ("fixed", Some(ROWS)) => in_row(FIXED, Type::Number),
            ("funds", Some(ROWS)) => in_row(FUNDS, Type::Number),
            ("status", Some(ROWS)) => in_row(STATUS, Type::Text),
            ("unit", _) => Some(Target::Field { id: UNIT, ty: Type::Text, group: None }),
            ("report_date", _) => Some(Target::Field { id: REPORTED, ty: Type::Date, group: None }),
            ("rows", _) => Some(Target::Group { group: ROWS }),
            ("rows.found", _) => Some(Target::Column { group: ROWS, id: FOUND, ty: Type::Number }),
            ("rows.funds", _) => Some(Target::Column { group: ROWS, id: FUNDS, ty: Type::Number }),
            ("rows.status", _) => Some(Target::Column { group: ROWS, id: STATUS, ty: Type::Text }),
            _ => None,
        }
    }
    fn param(&self, name: &str) -> Option<Type> {
        (name == "video_retention_days").then_some(Type::Number)
    }
}

/// Rows of (found, fixed, funds, status); `None` is a blank or unreadable cell.
struct Data {
    rows: Vec<[Val; 4]>,
    today: Option<i64>,
}

impl Env for Data {
    fn field(&self, id: u32, row: Option<usize>) -> Val {
        let cell = |i: usize| row.and_then(|r| self.rows.get(r)).and_then(|r| r.get(i)).cloned().unwrap_or(Val::Null);
        match id {
            FOUND => cell(0),
            FIXED => cell(1),
            FUNDS => cell(2),
            STATUS => cell(3),
            UNIT => Val::Text("瑞安市塘下镇第一小学".into()),
            REPORTED => Val::Date(18_800),
            _ => Val::Null,
        }
    }
    fn rows(&self, group: u32) -> usize {
        if group == ROWS {
            self.rows.len()
        } else {
            0
        }
    }
    fn param(&self, name: &str) -> Val {
        if name == "video_retention_days" {
            Val::Num(90.0)
        } else {
            Val::Null
        }
    }
    fn today(&self) -> Option<i64> {
        self.today
    }
}

fn row(found: f64, fixed: f64, funds: Option<f64>, status: &str) -> [Val; 4] {
    [Val::Num(found), Val::Num(fixed), funds.map_or(Val::Null, Val::Num), Val::Text(status.into())]
}

fn data() -> Data {
    Data {
        rows: vec![
            row(5.0, 3.0, Some(1.5), "in_progress"),
            row(2.0, 2.0, Some(0.0), "done"),
            row(0.0, 0.0, Some(0.0), "done"),
        ],
        today: Some(18_810),
    }
}

fn eval(text: &str, row: Option<u32>, at: Option<usize>) -> Val {
    match compile(text, &Daily, row) {
        Ok(c) => c.eval(&data(), at).unwrap_or(Val::Null),
        Err(e) => panic!("{text}: {e}"),
    }
}

fn error(text: &str, row: Option<u32>) -> (Kind, usize, String) {
    match compile(text, &Daily, row) {
        Ok(_) => panic!("{text} compiled"),
        Err(e) => (e.kind, e.at, e.to_string()),
    }
}

#[test]
fn the_daily_reports_rules_as_expressions() {
    // 附件3: 已整治 ≤ 发现隐患数; 未整治 = 发现 − 已整治, in each row.
    assert_eq!(eval("${fixed} <= ${found}", Some(ROWS), Some(0)), Val::Bool(true));
    assert_eq!(eval("${found} - ${fixed}", Some(ROWS), Some(0)), Val::Num(2.0));
    // 合计 sums the rows; the Wenzhou variant's 整改资金 required when 未整治 > 0.
    assert_eq!(eval("sum(${rows.found})", None, None), Val::Num(7.0));
    assert_eq!(eval("sum(${rows.funds})", None, None), Val::Num(1.5));
    assert_eq!(eval("if(${found} - ${fixed} > 0, not blank(${funds}), true)", Some(ROWS), Some(0)), Val::Bool(true));
    assert_eq!(eval(r#"count(${rows}, ${status} = "in_progress")"#, None, None), Val::Num(1.0));
    assert_eq!(eval("count(${rows})", None, None), Val::Num(3.0));
    assert_eq!(eval("days(${report_date}, today())", None, None), Val::Num(10.0));
    assert_eq!(eval("$param.video_retention_days >= 30", None, None), Val::Bool(true));
    assert_eq!(eval("round(10 / 3, 2)", None, None), Val::Num(3.33));
    assert_eq!(eval("max(${rows.found}) + min(1, 2)", None, None), Val::Num(6.0));
    assert_eq!(eval(r#"len(${unit}) = 10 and ${unit} != """#, None, None), Val::Bool(true));
    assert_eq!(eval("-(2 * 3) + abs(-1)", None, None), Val::Num(-5.0));
}

#[test]
fn a_figure_that_an_unreadable_value_would_change_is_not_stated() {
    let mut d = data();
    if let Some(r) = d.rows.get_mut(1) {
        r[2] = Val::Null; // one school's 整改资金 unreadable
    }
    let sum = compile("sum(${rows.funds})", &Daily, None).map(|c| c.eval(&d, None));
    assert_eq!(sum, Ok(Ok(Val::Null)));
    // Division by zero states nothing either; a constraint over a value not yet there holds.
    assert_eq!(eval("1 / 0", None, None), Val::Null);
    let waits = compile("${funds} > 0", &Daily, Some(ROWS)).map(|c| c.holds(&d, Some(1)));
    assert_eq!(waits, Ok(Ok(true)));
    // Three-valued logic: the known part decides.
    let known = compile("${funds} > 0 and 1 > 2", &Daily, Some(ROWS)).map(|c| c.eval(&d, Some(1)));
    assert_eq!(known, Ok(Ok(Val::Bool(false))));
}

#[test]
fn what_an_expression_reads_is_known_when_compiled() {
    let c = compile("${found} - ${fixed}", &Daily, Some(ROWS)).map(|c| c.inputs);
    assert_eq!(c, Ok(vec![Input::Field(FOUND), Input::Field(FIXED)]));
    let c = compile(r#"count(${rows}, ${status} = "in_progress" and ${unit} != "")"#, &Daily, None).map(|c| c.inputs);
    assert_eq!(c, Ok(vec![Input::Rows(ROWS), Input::Column { group: ROWS, id: STATUS }, Input::Field(UNIT)]));
    let c = compile("sum(${rows.found}) + $param.video_retention_days", &Daily, None).map(|c| c.inputs);
    assert_eq!(
        c,
        Ok(vec![
            Input::Column { group: ROWS, id: FOUND },
            Input::Rows(ROWS),
            Input::Param("video_retention_days".into())
        ])
    );
    assert_eq!(compile("today()", &Daily, None).map(|c| c.today), Ok(true));
}

#[test]
fn every_mistake_names_its_place() {
    assert_eq!(error("1 + ${fxied}", None), (Kind::UnknownField, 5, "unknown field ${fxied} at 5".into()));
    assert_eq!(error("$param.retention", None).0, Kind::UnknownParam);
    assert_eq!(error("summe(${rows.found})", None), (Kind::UnknownFunction, 1, "unknown function summe() at 1".into()));
    assert_eq!(error("days(${report_date})", None).0, Kind::Arity);
    assert_eq!(error("${unit} + 1", None).0, Kind::Type);
    assert_eq!(error("${unit} < \"a\"", None).0, Kind::Type);
    assert_eq!(error("if(1, 2, 3)", None).0, Kind::Type);
    assert_eq!(error("${rows.found} > 1", None).0, Kind::Type);
    assert_eq!(error("sum(${unit})", None).0, Kind::Type);
    assert_eq!(error("count(${rows}, ${found})", None).0, Kind::Type);
    assert_eq!(error("${found}", None).0, Kind::UnknownField); // a row's field outside its row
    assert_eq!(error("(1 + 2", None), (Kind::Syntax, 6, "expected `)`, found the end at 6".into()));
    assert_eq!(error("1 2", None), (Kind::Syntax, 3, "unexpected `2` after a complete expression at 3".into()));
    assert_eq!(error("", None).0, Kind::Syntax);
    for kind in [Kind::Syntax, Kind::UnknownField, Kind::TooDeep, Kind::TooManySteps] {
        assert!(!kind.code().is_empty());
    }
}

#[test]
fn limits_answer_at_their_boundaries() {
    // Depth: the whole expression is one level; each parenthesis one more.
    let nested = |n: usize| format!("{}1{}", "(".repeat(n), ")".repeat(n));
    assert!(compile(&nested(MAX_DEPTH - 2), &Daily, None).is_ok());
    assert!(compile(&nested(MAX_DEPTH - 1), &Daily, None).is_ok());
    assert_eq!(compile(&nested(MAX_DEPTH), &Daily, None).err().map(|e| e.kind), Some(Kind::TooDeep));
    assert_eq!(compile(&"-".repeat(MAX_DEPTH + 1), &Daily, None).err().map(|e| e.kind), Some(Kind::TooDeep));
    // Characters.
    let long = |n: usize| format!("1{}", " ".repeat(n - 1));
    assert!(compile(&long(MAX_CHARS - 1), &Daily, None).is_ok());
    assert!(compile(&long(MAX_CHARS), &Daily, None).is_ok());
    assert_eq!(compile(&long(MAX_CHARS + 1), &Daily, None).err().map(|e| e.kind), Some(Kind::TooLong));
    // Steps: the count is one, each row's `${status} = "done"` three (the comparison and its two
    // sides): 333,333 rows take exactly MAX_STEPS; one more row is over, and answers an error.
    let c = compile(r#"count(${rows}, ${status} = "done")"#, &Daily, None);
    let over = |rows: usize| {
        let many = Data { rows: vec![row(1.0, 1.0, Some(0.0), "done"); rows], today: None };
        c.as_ref().map(|c| c.eval(&many, None).err().map(|e| e.kind)).ok().flatten()
    };
    let exact = ((MAX_STEPS - 1) / 3) as usize;
    assert_eq!(over(exact - 1), None);
    assert_eq!(over(exact), None);
    assert_eq!(over(exact + 1), Some(Kind::TooManySteps));
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    const PARTS: [&str; 25] = [
        "${found}",
        "${fixed}",
        "${funds}",
        "${status}",
        "${unit}",
        "${rows}",
        "${rows.found}",
        "${fxied}",
        "$param.video_retention_days",
        "sum(",
        "total(",
        "count(",
        "if(",
        "days(",
        "today()",
        "(",
        ")",
        ",",
        "+",
        "-",
        "<=",
        "=",
        " and ",
        " not ",
        "\"done\"",
    ];

    proptest! {
        /// Any text compiles or fails with a placed error, and whatever compiles evaluates
        /// without panicking, in any row (even one past the end).
        #[test]
        fn never_panics(parts in proptest::collection::vec(0..PARTS.len(), 0..24), row in 0usize..5, raw in ".{0,40}") {
            let text: String = parts.iter().filter_map(|&i| PARTS.get(i)).copied().collect();
            for text in [text, raw] {
                match compile(&text, &Daily, Some(ROWS)) {
                    Ok(c) => {
                        let _ = c.eval(&data(), Some(row));
                    }
                    Err(e) => prop_assert!(e.at >= 1 && e.at <= text.chars().count().max(1) + 1, "{text}: {e}"),
                }
            }
        }
    }
}

/// `total(${rows.found})`, a 合计 row's figure: a column of numbers, read as a sum is; which rows
/// it leaves out depends on the group's other totalled columns, which only a form's tallies know,
/// so without them it states nothing.
#[test]
fn a_total_takes_a_column_of_numbers_and_is_kept_by_the_form() {
    let Ok(c) = compile("total(${rows.found})", &Daily, None) else { panic!("total() did not compile") };
    assert_eq!(c.root, Node::Fold(Fold::Total, ROWS, FOUND));
    assert_eq!(c.inputs, vec![Input::Column { group: ROWS, id: FOUND }, Input::Rows(ROWS)]);
    assert_eq!(c.eval(&data(), None), Ok(Val::Null));
    assert_eq!(error("total(${rows.status})", None).0, Kind::Type);
    assert_eq!(error("total(${unit})", None).0, Kind::Type);
    assert_eq!(error("total(${rows})", None).0, Kind::Type);
    assert_eq!(error("total(3)", None).0, Kind::Type);
}
