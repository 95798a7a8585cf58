//! The risk register's rules (RULES.md §4) at their boundaries, citing seed 004 (附件2
//! 中小学幼儿园风险隐患排查表: "一个风险隐患填写一行；隐患整改情况填写：已完成、正在整改中";
//! §三(三) "坚决做到整改措施、责任、时限、督办'四个到位'"; "对一时难以化解的风险隐患…同时采取临时强化防范措施"),
//! seed 001 ("定人员、定期限、定责任") and the engine's limits.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::value;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::limits::MAX_ROWS;
use school_safety_forms::base::value::{Scalar, Value};
use school_safety_forms::engine::report::Report;
use school_safety_forms::engine::session::Session;
use school_safety_forms::forms::Computed;
use school_safety_forms::{session, validate_at};
use serde_json::{json, Value as Json};

const NOW: &str = "2019-09-25T10:00:00+08:00";

fn row() -> Json {
    json!({"police_station": "城东派出所", "description": "围墙开裂", "place": "北门", "category": "school_buildings",
        "found_on": "2019-09-02", "measures": "加固", "responsible": "王建国", "deadline": "2019-09-20",
        "supervisor": "李明", "status": "done", "completed_on": "2019-09-18"})
}

fn register(rows: Vec<Json>) -> Json {
    json!({"unit": "实验小学", "report_date": "2019-09-24", "inspected_by": "赵", "signed_by": "钱", "rows": rows})
}

fn check(rows: Vec<Json>, now: &str) -> Report {
    let options = value(json!({"profile": "jiangsu-2019", "now": now}));
    validate_at("risk-register", &value(register(rows)), &options, || Instant { unix_ms: 0 }).unwrap()
}

fn with(mut row: Json, key: &str, v: Json) -> Json {
    row[key] = v;
    row
}

#[test]
fn a_complete_register_is_valid() {
    let r = check(vec![row()], NOW);
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
}

/// Seed 004 四个到位 and seed 001 定人员、定期限、定责任: measures, responsible, deadline, supervisor required.
#[test]
fn four_in_place_fields_are_required() {
    for key in ["description", "measures", "responsible", "deadline", "supervisor", "category", "found_on", "status"] {
        let r = check(vec![with(row(), key, json!(""))], NOW);
        assert_eq!(r.codes_at(&format!("rows[0].{key}")), ["required"], "{key}");
    }
}

/// Seed 004 附件2 is filled with the police station (派出所 column): required under jiangsu-2019 only.
#[test]
fn police_station_is_required_by_the_jiangsu_profile_only() {
    let r = check(vec![with(row(), "police_station", json!(""))], NOW);
    assert_eq!(r.codes_at("rows[0].police_station"), ["required"]);
    let options = value(json!({"profile": "zhejiang-wenzhou-2021", "now": NOW}));
    let data = value(register(vec![with(row(), "police_station", json!(""))]));
    let r = validate_at("risk-register", &data, &options, || Instant { unix_ms: 0 }).unwrap();
    assert!(r.codes_at("rows[0].police_station").is_empty());
}

/// 隐患整改情况填写：已完成、正在整改中 — the Chinese wording and the ids both read.
#[test]
fn status_and_category_accept_ids_and_official_wording() {
    for status in ["done", "已完成", "DONE", " 已 完成 "] {
        assert!(
            check(vec![with(row(), "status", json!(status))], NOW).codes_at("rows[0].status").is_empty(),
            "{status}"
        );
    }
    // Issue 20: a piece of one option's wording, at least half of it, is that option (完成 is
    // two thirds of 已完成); text that is no piece of a wording is not.
    assert!(check(vec![with(row(), "status", json!("完成"))], NOW).codes_at("rows[0].status").is_empty());
    assert_eq!(check(vec![with(row(), "status", json!("完毕"))], NOW).codes_at("rows[0].status"), ["invalid_choice"]);
    let r = check(vec![with(row(), "category", json!("吸毒人员"))], NOW);
    assert!(r.codes_at("rows[0].category").is_empty());
    let r = check(vec![with(row(), "category", json!("毒品"))], NOW);
    assert_eq!(r.codes_at("rows[0].category"), ["invalid_choice"]);
}

/// Discovery date ≤ deadline: deadline at found_on − 1, found_on, found_on + 1.
#[test]
fn deadline_before_found_at_one_day_before() {
    let at = |d: &str| check(vec![with(row(), "deadline", json!(d))], NOW).codes_at("rows[0].deadline");
    assert_eq!(at("2019-09-01"), ["deadline_before_found"]);
    assert!(at("2019-09-02").is_empty());
    assert!(at("2019-09-03").is_empty());
}

/// 已完成 requires a completion date, not in the future and not before discovery.
#[test]
fn completion_date_when_done_at_its_boundaries() {
    let at = |d: &str| check(vec![with(row(), "completed_on", json!(d))], NOW).codes_at("rows[0].completed_on");
    assert_eq!(at(""), ["completion_date_required"]);
    assert_eq!(at("2019-09-01"), ["completed_before_found"]);
    assert!(at("2019-09-02").is_empty());
    assert!(at("2019-09-25").is_empty(), "today");
    assert_eq!(at("2019-09-26"), ["date_in_future"]);
    assert_eq!(at("2019-02-30"), ["not_calendar_date"]);
}

fn in_progress(deadline: &str) -> Json {
    let r = with(with(row(), "status", json!("in_progress")), "completed_on", json!(""));
    with(with(r, "deadline", json!(deadline)), "interim_measures", json!("设置围挡"))
}

/// 正在整改中 past its deadline is overdue from the day after; a deadline of today is not overdue.
#[test]
fn overdue_from_the_day_after_the_deadline() {
    for (deadline, overdue) in [("2019-09-24", true), ("2019-09-25", false), ("2019-09-26", false)] {
        let r = check(vec![in_progress(deadline)], NOW);
        assert_eq!(r.computed("rows[0].overdue"), Some(&Computed::Bool(overdue)), "{deadline}");
        assert_eq!(r.codes_at("rows[0].deadline"), if overdue { vec!["overdue"] } else { vec![] }, "{deadline}");
        assert_eq!(r.computed("totals.overdue"), Some(&Computed::Count(u64::from(overdue))));
    }
    // Overdue is in China time: 2019-09-25 16:30 UTC is already the 26th in China.
    let r = check(vec![in_progress("2019-09-25")], "2019-09-25T16:30:00Z");
    assert_eq!(r.computed("rows[0].overdue"), Some(&Computed::Bool(true)));
}

/// 对一时难以化解的风险隐患…采取临时强化防范措施: required while in progress.
#[test]
fn interim_measures_while_in_progress() {
    let r = check(vec![with(in_progress("2019-09-30"), "interim_measures", json!(""))], NOW);
    assert_eq!(r.codes_at("rows[0].interim_measures"), ["interim_measures_required"]);
    assert!(check(vec![row()], NOW).codes_at("rows[0].interim_measures").is_empty(), "not when done");
}

/// The same hazard entered twice (same description and place after normalising) is flagged on both.
#[test]
fn duplicate_hazards_after_normalising_blanks_and_width() {
    let twin = with(with(row(), "description", json!(" 围墙　开裂 ")), "place", json!("北门"));
    let r = check(vec![row(), twin.clone(), with(row(), "place", json!("南门"))], NOW);
    assert_eq!(r.codes_at("rows[0].description"), ["duplicate_hazard"]);
    assert_eq!(r.codes_at("rows[1].description"), ["duplicate_hazard"]);
    assert!(r.codes_at("rows[2].description").is_empty(), "another place is another hazard");
}

fn blank_session() -> Session {
    session("risk-register", &value(json!({"profile": "jiangsu-2019", "now": NOW})), || Instant { unix_ms: 0 }).unwrap()
}

fn rows_value(rows: &[Json]) -> Vec<Value> {
    rows.iter().map(|r| value(r.clone())).collect()
}

#[test]
fn a_twins_duplicate_clears_when_one_is_edited_removed_or_moved() {
    let mut s = blank_session();
    s.insert_rows("rows", 0, &rows_value(&[row(), row(), row()])).unwrap();
    assert_eq!(s.result().codes_at("rows[2].description"), ["duplicate_hazard"]);
    // Edited: the other two stay twins, the edited one is clear.
    let c = s.set("rows[0].place", Scalar::Text("操场".into()));
    assert!(c.issues.iter().any(|(p, l)| p == "rows[0].description" && l.is_empty()));
    // Removed: the last twin loses its duplicate.
    let c = s.remove_row("rows", 1).unwrap();
    assert_eq!(c.rows.len(), 1);
    assert!(c.issues.iter().any(|(p, l)| p == "rows[1].description" && l.is_empty()), "{:?}", c.issues);
    // Moved: its issues come back at its new path.
    s.insert_rows("rows", 2, &rows_value(&[row()])).unwrap();
    let c = s.move_row("rows", 2, 0).unwrap();
    assert!(c.issues.iter().any(|(p, l)| p == "rows[0].description" && l[0].code == "duplicate_hazard"));
    let full = s.result();
    assert_eq!(full.codes_at("rows[0].description"), ["duplicate_hazard"]);
    assert_eq!(full.codes_at("rows[2].description"), ["duplicate_hazard"]);
}

#[test]
fn a_keystroke_returns_only_its_row_and_the_totals() {
    let mut s = blank_session();
    let many: Vec<Json> = (0..200).map(|i| with(row(), "description", json!(format!("隐患{i}")))).collect();
    s.insert_rows("rows", 0, &rows_value(&many)).unwrap();
    let c = s.set("rows[150].status", Scalar::Text("正在整改中".into()));
    let paths = c.issues.iter().map(|(p, _)| p).chain(c.computed.iter().map(|(p, _)| p));
    assert!(paths.clone().all(|p| p.starts_with("rows[150].") || p.starts_with("totals.")), "{c:?}");
    assert!(c.computed.contains(&("totals.in_progress".into(), Computed::Count(1))));
}

/// The day changes: only rows whose answer changes are re-checked, forwards and back.
#[test]
fn moving_the_clock_a_day_flips_overdue_and_back() {
    let mut s = blank_session();
    s.insert_rows("rows", 0, &rows_value(&[in_progress("2019-09-25"), in_progress("2019-09-30")])).unwrap();
    let next = s.set_now(Instant::parse_iso("2019-09-26T08:00:00+08:00").unwrap());
    assert!(next.computed.contains(&("rows[0].overdue".into(), Computed::Bool(true))), "{next:?}");
    assert!(!next.computed.iter().any(|(p, _)| p.starts_with("rows[1].")));
    let back = s.set_now(Instant::parse_iso(NOW).unwrap());
    assert!(back.computed.contains(&("rows[0].overdue".into(), Computed::Bool(false))), "{back:?}");
    let same_day = s.set_now(Instant::parse_iso("2019-09-25T23:59:00+08:00").unwrap());
    assert!(same_day.computed.is_empty() && same_day.issues.is_empty());
}

/// A session built from whole data for one result (what `validate` runs) files its rows in the day
/// index only if its clock then moves: the day change still flips exactly the rows it should.
#[test]
fn a_session_from_whole_data_moves_its_clock_as_any_other() {
    let compiled = std::rc::Rc::new(
        school_safety_forms::engine::compiled::Compiled::new(
            school_safety_forms::forms::FormKind::RiskRegister,
            school_safety_forms::engine::options::Options::from_value(&value(
                json!({"profile": "jiangsu-2019", "now": NOW}),
            ))
            .unwrap(),
        )
        .unwrap(),
    );
    let data = value(register(vec![in_progress("2019-09-25"), in_progress("2019-09-30")]));
    let mut s = Session::with_data(compiled, || Instant { unix_ms: 0 }, &data);
    let next = s.set_now(Instant::parse_iso("2019-09-26T08:00:00+08:00").unwrap());
    assert!(next.computed.contains(&("rows[0].overdue".into(), Computed::Bool(true))), "{next:?}");
    assert!(!next.computed.iter().any(|(p, _)| p.starts_with("rows[1].")));
    let back = s.set_now(Instant::parse_iso(NOW).unwrap());
    assert!(back.computed.contains(&("rows[0].overdue".into(), Computed::Bool(false))), "{back:?}");
}

/// Limit: at most MAX_ROWS rows per group, n − 1, n, n + 1; past it an issue says so.
#[test]
fn too_many_rows_at_the_limit() {
    for (n, over) in [(MAX_ROWS - 1, false), (MAX_ROWS, false), (MAX_ROWS + 1, true)] {
        let rows: Vec<Json> = vec![json!({}); n];
        let r = check(rows, NOW);
        assert_eq!(r.codes_at("rows"), if over { vec!["too_many_rows"] } else { vec![] }, "{n}");
        assert_eq!(r.computed("totals.found"), Some(&Computed::Count(n.min(MAX_ROWS) as u64)));
    }
    let mut s = blank_session();
    s.insert_rows("rows", 0, &vec![Value::Null; MAX_ROWS]).unwrap();
    let c = s.insert_rows("rows", 0, &[Value::Null]).unwrap();
    assert!(c.issues.iter().any(|(p, l)| p == "rows" && l[0].code == "too_many_rows"));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Set(usize, usize, String),
        Insert(usize, usize),
        Remove(usize),
        Move(usize, usize),
        Clock(i64),
    }

    const COLUMNS: [&str; 8] =
        ["description", "place", "status", "deadline", "found_on", "completed_on", "interim_measures", "category"];
    /// … and choices by a piece of their wording (燃气, 完成) or quoted when they name none or several.
    const VALUES: [&str; 13] = [
        "围墙开裂",
        "北门",
        "done",
        "正在整改中",
        "2019-09-20",
        "2019-09-26",
        "2019-09-01",
        "",
        "fire",
        "x",
        "燃气",
        "完成",
        "安全",
    ];

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0usize..6, 0usize..8, 0usize..13).prop_map(|(r, c, v)| Op::Set(r, c, VALUES[v].to_owned())),
            (0usize..6, 1usize..3).prop_map(|(at, n)| Op::Insert(at, n)),
            (0usize..6).prop_map(Op::Remove),
            (0usize..6, 0usize..6).prop_map(|(a, b)| Op::Move(a, b)),
            (-3i64..4).prop_map(Op::Clock),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// After any sequence of set, insert, remove, move and clock moves, the session's result
        /// equals validate() of the same data at the same moment.
        #[test]
        fn session_equals_validate_after_any_row_operations(ops in prop::collection::vec(op(), 0..40)) {
            let base = Instant::parse_iso(NOW).unwrap();
            let mut s = blank_session();
            let mut rows: Vec<serde_json::Map<String, Json>> = Vec::new();
            let mut now = base;
            for op in ops {
                match op {
                    Op::Set(r, c, v) => {
                        let path = format!("rows[{r}].{}", COLUMNS[c]);
                        s.set(&path, Scalar::Text(v.clone()));
                        while rows.len() <= r { rows.push(serde_json::Map::new()); }
                        rows[r].insert(COLUMNS[c].to_owned(), json!(v));
                    }
                    Op::Insert(at, n) => {
                        let at = at.min(rows.len());
                        let new: Vec<Json> = (0..n).map(|i| json!({"description": VALUES[i], "place": "北门"})).collect();
                        s.insert_rows("rows", at, &rows_value(&new)).unwrap();
                        for (i, r) in new.into_iter().enumerate() { rows.insert(at + i, r.as_object().unwrap().clone()); }
                    }
                    Op::Remove(at) => {
                        if at < rows.len() { s.remove_row("rows", at).unwrap(); rows.remove(at); }
                        else { prop_assert!(s.remove_row("rows", at).is_err()); }
                    }
                    Op::Move(a, b) => {
                        if a < rows.len() && b < rows.len() {
                            s.move_row("rows", a, b).unwrap();
                            let r = rows.remove(a);
                            rows.insert(b, r);
                        }
                    }
                    Op::Clock(days) => {
                        now = Instant { unix_ms: base.unix_ms + days * 86_400_000 };
                        s.set_now(now);
                    }
                }
            }
            let data = register(rows.into_iter().map(Json::Object).collect());
            let mut fresh = s.result();
            let options = value(json!({"profile": "jiangsu-2019", "now": now.unix_ms as f64}));
            let want = validate_at("risk-register", &value(data), &options, || now).unwrap();
            fresh.issues.retain(|i| i.path.starts_with("rows") || i.path.starts_with("totals"));
            let mut want = want;
            want.issues.retain(|i| i.path.starts_with("rows") || i.path.starts_with("totals"));
            prop_assert_eq!(&fresh.issues, &want.issues);
            prop_assert_eq!(&fresh.computed, &want.computed);
        }
    }
}
