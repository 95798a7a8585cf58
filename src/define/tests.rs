//! The definition compiler and its forms, natively. The daily report written as a definition
//! (forms/daily-report-wenzhou.json) is held to the built-in daily report on the same data.

use crate::base::value::Value;
use crate::engine::report::Report;
use crate::Validator;

const DAILY: &str = include_str!("../../forms/daily-report-wenzhou.json");

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn issues(r: &Report) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = r.issues.iter().map(|i| (i.path.clone(), i.code.to_string(), i.message.clone())).collect();
    v.sort();
    v
}

fn both(data: &str, now: &str) -> (Report, Report) {
    let options = json(&format!(r#"{{"profile": "zhejiang-wenzhou-2021", "now": "{now}"}}"#));
    let built_in = Validator::new("daily-report", &options).unwrap();
    let defined = Validator::from_definition(DAILY, &options).unwrap();
    let data = json(data);
    let now = crate::base::date::Instant::parse_iso(now).unwrap();
    (built_in.validate_at(&data, || now), defined.validate_at(&data, || now))
}

#[test]
fn the_daily_report_as_a_definition_finds_what_the_built_in_form_finds() {
    for name in ["blank", "complete", "late-and-same-reviewer", "row-errors"] {
        let text = std::fs::read_to_string(format!("tests/fixtures/daily-report/{name}.json")).unwrap();
        let fixture: serde_json::Value = serde_json::from_str(&text).unwrap();
        let data = fixture["data"].to_string();
        let (a, b) = both(&data, "2021-06-22T17:00:00+08:00");
        assert_eq!(issues(&a), issues(&b), "{name}");
        eprintln!(
            "{name}: {} issues, {:?} / {:?}",
            a.issues.len(),
            a.computed.iter().take(6).collect::<Vec<_>>(),
            b.computed.iter().take(6).collect::<Vec<_>>()
        );
        for (path, value) in &b.computed {
            let built = a.computed.iter().find(|(p, _)| p == path).map(|(_, v)| v);
            if *value != crate::check::findings::Computed::Unknown {
                assert_eq!(built, Some(value), "{name}: {path}");
            }
        }
    }
}

/// A text column nothing reads is checked as typed but its value is not kept ([`FieldRt::read`]),
/// nor is one only a key reads (a key reads typed text as typed); one read by a running count's
/// condition or a rule keeps its value, and each still does what it did.
#[test]
fn a_text_nothing_reads_is_checked_and_not_kept() {
    let def = r#"{"id": "t", "title": {"zh": "表", "en": "T"}, "fields": [
        {"id": "n", "label": {"zh": "数", "en": "n"}, "type": "count", "calculate": "count(${rows}, ${b} = \"x\")"},
        {"id": "rows", "label": {"zh": "行", "en": "rows"}, "unique": ["a"], "unique_code": "duplicate_hazard", "columns": [
            {"id": "a", "label": {"zh": "甲", "en": "a"}, "type": "text", "max_length": 10},
            {"id": "b", "label": {"zh": "乙", "en": "b"}, "type": "text", "max_length": 10},
            {"id": "c", "label": {"zh": "丙", "en": "c"}, "type": "text", "max_length": 3},
            {"id": "d", "label": {"zh": "丁", "en": "d"}, "type": "text", "max_length": 10,
             "constraint": "${d} != \"bad\"", "code": "invalid_value"}]}]}"#;
    let form = super::from_json(def).unwrap();
    let read: Vec<bool> = ["a", "b", "c", "d"]
        .iter()
        .map(|p| form.fields[form.schema.fields.iter().position(|f| f.group.is_some() && f.name == *p).unwrap()].read)
        .collect();
    assert_eq!(read, [false, true, false, true]);
    let v = Validator::from_definition(def, &json("{}")).unwrap();
    let data = json(
        r#"{"rows": [{"a": "k", "b": "x", "c": "long", "d": "bad"}, {"a": "k", "b": "x", "c": "ok", "d": "fine"}]}"#,
    );
    let now = crate::base::date::Instant::parse_iso("2021-06-22T17:00:00+08:00").unwrap();
    let r = v.validate_at(&data, || now);
    let found: Vec<(String, String)> = r.issues.iter().map(|i| (i.path.clone(), i.code.to_string())).collect();
    assert!(found.contains(&("rows[0].c".into(), "text_too_long".into())), "{found:?}");
    assert!(found.contains(&("rows[0].d".into(), "invalid_value".into())), "{found:?}");
    assert!(found.iter().any(|(p, c)| p == "rows[1].a" && c == "duplicate_hazard"), "{found:?}");
    assert_eq!(
        r.computed.iter().find(|(p, _)| p == "n").map(|(_, c)| c.clone()),
        Some(crate::check::findings::Computed::Count(2))
    );
}

/// The daily report's 合计 row reads only the running sums: its four fields are totals, worked
/// out from the sums with no scope run ([`super::totals`]). A total that a rule reads, or one
/// typed over (`calculate_code`), stays in its scope, and either way the figures are the same.
#[test]
fn totals_read_from_the_sums_alone_run_outside_the_scopes() {
    let form = super::from_json(DAILY).unwrap();
    let names: Vec<&str> = form.totals.iter().map(|f| form.schema.fields[usize::from(*f)].name.as_str()).collect();
    assert_eq!(names, ["totals.found", "totals.fixed", "totals.fix_rate", "totals.unfixed"]);
    assert!(form.scope_fields.iter().flatten().all(|f| !form.totals.contains(f)));
    assert!(form.sums_scopes.is_empty(), "{:?}", form.sums_scopes);

    let field = |id: &str, rest: &str| {
        format!(r#"{{"id": "{id}", "label": {{"zh": "{id}", "en": "{id}"}}, "type": "count"{rest}}}"#)
    };
    let def = |total_rest: &str, rules: &str| {
        format!(
            r#"{{"id": "t", "title": {{"zh": "表", "en": "T"}}, "fields": [
                {}, {},
                {{"id": "rows", "label": {{"zh": "行", "en": "rows"}}, "columns": [{}]}}], "rules": [{rules}]}}"#,
            field("total", &format!(r#", "calculate": "sum(${{rows.n}})"{total_rest}"#)),
            field("half", r#", "calculate": "${total} / 2""#),
            field("n", ""),
        )
    };
    let plain = super::from_json(&def("", "")).unwrap();
    assert_eq!(plain.totals.len(), 2);
    let ruled = def("", r#"{"field": "total", "constraint": "${total} < 10", "code": "invalid_value"}"#);
    let typed = def(r#", "calculate_code": "unfixed_mismatch""#, "");
    for text in [&ruled, &typed] {
        let form = super::from_json(text).unwrap();
        assert!(form.totals.is_empty(), "{text}");
        assert_eq!(form.sums_scopes.len(), 1, "{text}");
    }
    let data = json(r#"{"total": "3", "rows": [{"n": "4"}, {"n": "8"}]}"#);
    let now = crate::base::date::Instant::parse_iso("2021-06-22T17:00:00+08:00").unwrap();
    for text in [def("", ""), ruled, typed] {
        let r = Validator::from_definition(&text, &json("{}")).unwrap().validate_at(&data, || now);
        let at = |p: &str| r.computed.iter().find(|(q, _)| q == p).map(|(_, c)| c.clone());
        assert_eq!(at("total"), Some(crate::check::findings::Computed::Count(12)), "{text}");
        assert_eq!(at("half"), Some(crate::check::findings::Computed::Count(6)), "{text}");
    }
}

/// A calculation that asks whether a total is typed reads the cell, which the running sums do not
/// hold: it is no total, and reads what is typed (found by review).
#[test]
fn a_calculation_asking_what_is_typed_is_no_total() {
    let def = r#"{"id": "t", "title": {"zh": "表", "en": "T"}, "fields": [
        {"id": "total", "label": {"zh": "合计", "en": "total"}, "type": "count", "calculate": "sum(${rows.n})"},
        {"id": "flag", "label": {"zh": "已填", "en": "flag"}, "type": "yes_no", "calculate": "typed(${total})"},
        {"id": "rows", "label": {"zh": "行", "en": "rows"}, "columns": [
            {"id": "n", "label": {"zh": "数", "en": "n"}, "type": "count"}]}]}"#;
    let form = super::from_json(def).unwrap();
    let flag = form.schema.fields.iter().position(|f| f.name == "flag").unwrap();
    assert!(!form.totals.iter().any(|f| usize::from(*f) == flag));
    let now = crate::base::date::Instant::parse_iso("2021-06-22T17:00:00+08:00").unwrap();
    let v = Validator::from_definition(def, &json("{}")).unwrap();
    let r = v.validate_at(&json(r#"{"total": "7", "rows": [{"n": "2"}]}"#), || now);
    let at = |p: &str| r.computed.iter().find(|(q, _)| q == p).map(|(_, c)| c.clone());
    assert_eq!(at("flag"), Some(crate::check::findings::Computed::Bool(true)));
    assert_eq!(at("total"), Some(crate::check::findings::Computed::Count(2)));
}

/// A keystroke that moves a running sum sends the totals it changes, worked out from the sums
/// (the drop-in shows a 合计 from these changes, not from a whole result).
#[test]
fn a_keystroke_sends_the_totals_it_moves() {
    use crate::base::value::Scalar;
    use crate::check::findings::Computed;
    let options = json(r#"{"profile": "zhejiang-wenzhou-2021", "now": "2021-06-22T15:00:00+08:00"}"#);
    let v = Validator::from_definition(DAILY, &options).unwrap();
    let now = crate::base::date::Instant::parse_iso("2021-06-22T15:00:00+08:00").unwrap();
    let mut s = v.session(move || now);
    let form = super::from_json(DAILY).unwrap();
    let categories: Vec<String> = form
        .schema
        .fields
        .iter()
        .filter_map(|f| f.name.strip_prefix("rows.").and_then(|r| r.strip_suffix(".found")).map(str::to_owned))
        .collect();
    for c in &categories {
        s.set(&format!("rows.{c}.found"), Scalar::Text("1".into()));
        s.set(&format!("rows.{c}.fixed"), Scalar::Text("0".into()));
    }
    let changes = s.set("rows.fire.fixed", Scalar::Text("1".into()));
    let sent = |p: &str| changes.computed.iter().find(|(q, _)| q == p).map(|(_, c)| c.clone());
    assert_eq!(sent("totals.fixed"), Some(Computed::Count(1)), "{:?}", changes.computed);
    assert_eq!(sent("totals.unfixed"), Some(Computed::Count(categories.len() as u64 - 1)));
    assert_eq!(sent("totals.found"), None, "unchanged totals are not sent again");
}

/// Every sum and count a form-level expression takes over rows is read from the figure the form
/// keeps for it ([`Node::Kept`](crate::expr::Node::Kept)), in each shipped definition: none is
/// left to search the tallies for a matching tree, or to read every row.
#[test]
fn form_level_sums_and_counts_read_their_kept_figures() {
    use super::compile::reads_rows as rows_read;
    for file in [
        "forms/daily-report-wenzhou.json",
        "forms/risk-register.json",
        "forms/inspection-checklist.json",
        "forms/security-checkup.json",
        "forms/campaign-statistics.json",
        "www/forms/daily-report-wenzhou-funds.json",
    ] {
        let def: super::format::Definition = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let form = super::compile::compile(&def).unwrap();
        let kept = form.exprs.iter().filter(|e| format!("{:?}", e.root).contains("Kept(")).count();
        assert!(kept > 0 || file.contains("checklist") || file.contains("checkup"), "{file}: nothing kept");
        for (f, rt) in form.fields.iter().enumerate() {
            if matches!(rt.ctx, super::compile::Ctx::Form) {
                if let Some(e) = rt.calculate.and_then(|e| form.exprs.get(e)) {
                    assert!(!rows_read(&e.root), "{file}: field {f} reads rows: {:?}", e.root);
                }
            }
        }
        for r in form.rules.iter().filter(|r| matches!(r.ctx, super::compile::Ctx::Form)) {
            let e = form.exprs.get(r.expr).unwrap();
            assert!(!rows_read(&e.root), "{file}: a rule reads rows: {:?}", e.root);
        }
    }
}

/// `total(${g.col})` over a repeated group, as a 合计 row totals a table: a row with nothing typed
/// in the typed totalled columns adds nothing (a computed column typed over does not fill a row
/// in, nor does a column not totalled); a row whose totalled figures cannot all be read (one
/// blank, one unreadable, a computation that does not come out) or one a constraint marks wrong
/// leaves every total of the group unknown; a spare row (`relevant` false) adds nothing; a plain `sum()` of the same column keeps
/// its own rule.
#[test]
fn a_total_leaves_out_a_row_not_filled_in_and_states_nothing_while_a_row_cannot_be_totalled() {
    use crate::check::findings::Computed;
    let def = r#"{"id": "t", "title": {"zh": "表", "en": "T"}, "fields": [
        {"id": "ta", "label": {"zh": "合计甲", "en": "ta"}, "type": "count", "calculate": "total(${rows.a})"},
        {"id": "tc", "label": {"zh": "合计丙", "en": "tc"}, "type": "count", "calculate": "total(${rows.c})"},
        {"id": "sa", "label": {"zh": "和甲", "en": "sa"}, "type": "count", "calculate": "sum(${rows.a})"},
        {"id": "rows", "label": {"zh": "行", "en": "rows"}, "relevant": "not typed(${spare})", "columns": [
            {"id": "a", "label": {"zh": "甲", "en": "a"}, "type": "count"},
            {"id": "b", "label": {"zh": "乙", "en": "b"}, "type": "count",
             "constraint": "${b} <= ${a}", "code": "fixed_exceeds_found", "args": ["${a}"]},
            {"id": "c", "label": {"zh": "丙", "en": "c"}, "type": "count", "calculate": "${a} - ${b}",
             "calculate_code": "unfixed_mismatch"},
            {"id": "note", "label": {"zh": "注", "en": "note"}, "type": "text"},
            {"id": "spare", "label": {"zh": "空", "en": "spare"}, "type": "text"}]}]}"#;
    let v = Validator::from_definition(def, &json("{}")).unwrap();
    let now = crate::base::date::Instant::parse_iso("2021-06-22T17:00:00+08:00").unwrap();
    let figures = |rows: &str| -> Vec<Computed> {
        let r = v.validate_at(&json(&format!(r#"{{"rows": {rows}}}"#)), || now);
        ["ta", "tc", "sa"].iter().map(|p| r.computed.iter().find(|(x, _)| x == p).unwrap().1.clone()).collect()
    };
    use Computed::{Count, Unknown};
    assert_eq!(figures("[]"), [Count(0), Count(0), Count(0)]);
    assert_eq!(figures(r#"[{"a": "5", "b": "1"}]"#), [Count(5), Count(4), Count(5)]);
    // Not filled in: only a note, or only the computed column typed over.
    assert_eq!(figures(r#"[{"a": "5", "b": "1"}, {"note": "x"}, {"c": "7"}]"#), [Count(5), Count(4), Unknown]);
    // A row that cannot be totalled: both totals unknown, though 甲 alone could be summed.
    assert_eq!(figures(r#"[{"a": "5", "b": "1"}, {"a": "2"}]"#), [Unknown, Unknown, Count(7)]);
    assert_eq!(figures(r#"[{"a": "5", "b": "1"}, {"a": "abc", "b": "1"}]"#), [Unknown, Unknown, Unknown]);
    assert_eq!(figures(r#"[{"a": "1", "b": "5"}]"#), [Unknown, Unknown, Count(1)]);
    // A figure a constraint marks wrong, though 丙 typed over its calculation reads: not totalled.
    assert_eq!(figures(r#"[{"a": "1", "b": "5", "c": "0"}]"#), [Unknown, Unknown, Count(1)]);
    // 丙 typed over a calculation that comes out: the calculation is totalled.
    assert_eq!(figures(r#"[{"a": "5", "b": "1", "c": "9"}]"#), [Count(5), Count(4), Count(5)]);
    // A spare row is not counted at all.
    assert_eq!(figures(r#"[{"a": "5", "b": "1"}, {"a": "abc", "spare": "x"}]"#), [Count(5), Count(4), Count(5)]);
}

/// A group's totals share one count of the rows that cannot be totalled, so sixteen running slots
/// hold fifteen totalled columns; the sixteenth is refused where it is written (n−1, n, n+1).
#[test]
fn totals_take_one_slot_a_column_and_one_a_group() {
    let def = |n: usize| {
        let columns: Vec<String> =
            (0..n).map(|i| format!(r#"{{"id": "c{i}", "label": {{"zh": "列{i}"}}, "type": "count"}}"#)).collect();
        let totals: Vec<String> = (0..n)
            .map(|i| format!(r#"{{"id": "t{i}", "label": {{"zh": "合计{i}"}}, "type": "count", "calculate": "total(${{rows.c{i}}})"}}"#))
            .collect();
        format!(
            r#"{{"id": "t", "title": {{"zh": "表"}}, "fields": [{{"id": "rows", "label": {{"zh": "行"}}, "columns": [{}]}}, {}]}}"#,
            columns.join(", "),
            totals.join(", ")
        )
    };
    assert!(super::from_json(&def(14)).is_ok());
    assert!(super::from_json(&def(15)).is_ok());
    let e = super::from_json(&def(16)).unwrap_err();
    assert_eq!((e.code, e.at.as_str()), ("definition_too_large", "fields[16].calculate"), "{e}");
}

/// An optional figure in a 合计 (the Wenzhou variant's 整改资金（万元）, required only while
/// hazards remain): left blank where nothing asks for it, it adds 0; left blank where a
/// conditional `required` asks for it, or typed wrong, the row is not totalled; past a cap that
/// only warns, it adds up.
#[test]
fn a_total_counts_an_optional_blank_as_nothing_unless_a_rule_asks_for_it() {
    use crate::check::findings::Computed::{self, Count, Number, Unknown};
    let def = r#"{"id": "t", "title": {"zh": "表", "en": "T"},
        "codes": {"over_cap": {"zh": "{label}超过50万元", "en": "{label} is over 50", "severity": "warning"}},
        "fields": [
        {"id": "rows", "label": {"zh": "行", "en": "rows"}, "columns": [
            {"id": "found", "label": {"zh": "发现", "en": "found"}, "type": "count", "required": true},
            {"id": "fixed", "label": {"zh": "已整治", "en": "fixed"}, "type": "count", "required": true},
            {"id": "funds", "label": {"zh": "资金", "en": "funds"}, "type": "decimal",
             "required": "${found} - ${fixed} > 0", "constraint": "${funds} <= 50", "code": "over_cap"},
            {"id": "note", "label": {"zh": "注", "en": "note"}, "type": "count"}]},
        {"id": "t_found", "label": {"zh": "合计发现", "en": "tf"}, "type": "count", "calculate": "total(${rows.found})"},
        {"id": "t_funds", "label": {"zh": "合计资金", "en": "tm"}, "type": "decimal", "calculate": "total(${rows.funds})"},
        {"id": "t_note", "label": {"zh": "合计注", "en": "tn"}, "type": "count", "calculate": "total(${rows.note})"}]}"#;
    let v = Validator::from_definition(def, &json("{}")).unwrap();
    let now = crate::base::date::Instant::parse_iso("2021-06-22T17:00:00+08:00").unwrap();
    let figures = |rows: &str| -> Vec<Computed> {
        let r = v.validate_at(&json(&format!(r#"{{"rows": {rows}}}"#)), || now);
        ["t_found", "t_funds", "t_note"]
            .iter()
            .map(|p| r.computed.iter().find(|(x, _)| x == p).unwrap().1.clone())
            .collect()
    };
    // All fixed: 资金 not asked for, blank adds 0; an optional count left blank adds 0 too.
    assert_eq!(figures(r#"[{"found": "2", "fixed": "2"}]"#), [Count(2), Number(0.0), Count(0)]);
    assert_eq!(
        figures(r#"[{"found": "5", "fixed": "3", "funds": "1.5"}, {"found": "2", "fixed": "2"}]"#),
        [Count(7), Number(1.5), Count(0)]
    );
    // Asked for and missing, or typed wrong: the row is not totalled.
    assert_eq!(figures(r#"[{"found": "5", "fixed": "3"}]"#), [Unknown, Unknown, Unknown]);
    assert_eq!(figures(r#"[{"found": "2", "fixed": "2", "funds": "两万"}]"#), [Unknown, Unknown, Unknown]);
    // A warning asks to check a figure, which is still sent: it still adds up.
    assert_eq!(figures(r#"[{"found": "2", "fixed": "2", "funds": "80"}]"#), [Count(2), Number(80.0), Count(0)]);
    // A lone zero-width joiner reads as nothing in a figure, as a number reads it: not typed, 0.
    assert_eq!(
        figures("[{\"found\": \"2\", \"fixed\": \"2\", \"funds\": \"\u{200D}\"}]"),
        [Count(2), Number(0.0), Count(0)]
    );
    assert_eq!(
        figures("[{\"found\": \"2\", \"fixed\": \"2\"}, {\"note\": \"\u{200D}\"}]"),
        [Count(2), Number(0.0), Count(0)]
    );
    // ... and a conditional `required` asks for a figure holding only one.
    let r = v.validate_at(&json("{\"rows\": [{\"found\": \"5\", \"fixed\": \"3\", \"funds\": \"\u{200D}\"}]}"), || now);
    assert!(r.issues.iter().any(|i| i.path == "rows[0].funds" && i.code == "required"), "{:?}", r.issues);
    // A row with only an optional figure typed is filled in; a required one left blank is not totalled.
    assert_eq!(figures(r#"[{"note": "1"}]"#), [Unknown, Unknown, Unknown]);
    assert_eq!(figures(r#"[{"funds": "1"}]"#), [Unknown, Unknown, Unknown]);
}

/// A count cell holding only a zero-width joiner reads as blank, in the built-in daily report and
/// in its definition alike: a row with nothing else typed is not filled in, and the 合计 stands.
#[test]
fn a_lone_joiner_leaves_the_daily_totals_as_the_built_in_form_does() {
    let (built_in, defined) = both(
        r#"{"rows": {"fire": {"found": "3", "fixed": "1"}, "gas": {"found": "\u200D"}}}"#,
        "2021-06-22T15:00:00+08:00",
    );
    let totals = |r: &Report| -> Vec<_> {
        let mut t: Vec<_> = r.computed.iter().filter(|(p, _)| p.starts_with("totals.")).cloned().collect();
        t.sort_by(|a, b| a.0.cmp(&b.0));
        t
    };
    assert_eq!(totals(&defined), totals(&built_in));
    assert!(totals(&defined).contains(&("totals.found".to_owned(), crate::check::findings::Computed::Count(3))));
}
