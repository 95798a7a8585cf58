//! A choice given by its wording (issue 20: "a pasted or typed category 燃气 → gas 燃气安全"): taken
//! when it is a piece of exactly one option's official wording (at least two Chinese characters
//! and half the wording; `types::choice` has the rule), otherwise quoted in the message. The
//! wordings are the seeds': seed 004 (/work/shared/seeds/004_4c23429c738e4a75.txt) 附件1 "注：紧急
//! 报警按钮在“有效、无效、无”中择一填写；护学岗在“治安岗、交警岗、巡特警岗、群防群治”四类中择一填写",
//! 附件2 "隐患整改情况填写：已完成、正在整改中"; seed 000 附件3's categories 燃气安全, 消防安全 ….
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::value;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::Scalar;
use school_safety_forms::engine::report::Report;
use school_safety_forms::issue::Code;
use school_safety_forms::{aggregate_at, choose, paste, session, validate_at};
use serde_json::{json, Value as Json};

const NOW: &str = "2019-09-25T10:00:00+08:00";

fn row() -> Json {
    json!({
        "police_station": "城东派出所", "description": "围墙开裂", "place": "北门", "category": "school_buildings",
        "found_on": "2019-09-01", "measures": "加固", "responsible": "王建国", "deadline": "2019-09-30",
        "supervisor": "李明", "status": "done", "completed_on": "2019-09-20"
    })
}

fn register(category: &str, locale: &str) -> Report {
    let mut r = row();
    r["category"] = json!(category);
    let data =
        json!({"unit": "实验小学", "report_date": "2019-09-24", "inspected_by": "王", "signed_by": "李", "rows": [r]});
    let options = value(json!({"profile": "jiangsu-2019", "now": NOW, "locale": locale}));
    validate_at("risk-register", &value(data), &options, || Instant { unix_ms: 0 }).unwrap()
}

fn category(text: &str) -> Vec<(&'static str, String)> {
    register(text, "zh-CN")
        .issues
        .into_iter()
        .filter(|i| i.path == "rows[0].category")
        .map(|i| (Code::parse(&i.code).map_or("", Code::as_str), i.message))
        .collect()
}

/// One match, two matches, no match, one character (the boundaries of "unambiguously").
#[test]
fn a_category_by_a_piece_of_its_wording() {
    for text in ["燃气", "消防", " 燃 气 ", "燃气安全", "gas", "周边环境", "学校搬"] {
        assert_eq!(category(text), [], "{text}");
    }
    assert_eq!(category("安全"), [("ambiguous_choice", "隐患类别“安全”可指多个选项，请从给定选项中选择其一".into())]);
    assert_eq!(category("校园"), [("ambiguous_choice", "隐患类别“校园”可指多个选项，请从给定选项中选择其一".into())]);
    assert_eq!(category("燃气气"), [("invalid_choice", "隐患类别“燃气气”不是可选项，请从给定选项中选择".into())]);
    assert_eq!(category("学校"), [("invalid_choice", "隐患类别“学校”不是可选项，请从给定选项中选择".into())]);
    assert_eq!(category("燃"), [("invalid_choice", "隐患类别“燃”不是可选项，请从给定选项中选择".into())]);
    let en = register("燃气气", "en");
    let issue = en.issues.iter().find(|i| i.path == "rows[0].category").unwrap();
    assert_eq!(issue.message, "Category \"燃气气\" is not one of the options: choose one of them");
}

/// What the message quotes: the text as folded, a long one cut, a typed number or boolean as read.
#[test]
fn the_quote_is_the_text_given() {
    assert_eq!(category("　ＡＢ　ｃ\u{200B}")[0].1, "隐患类别“AB c”不是可选项，请从给定选项中选择");
    let long = "燃".repeat(30);
    assert_eq!(category(&long)[0].1, format!("隐患类别“{}…”不是可选项，请从给定选项中选择", "燃".repeat(20)));
    let mut r = row();
    r["category"] = json!(12);
    let options = value(json!({"profile": "jiangsu-2019", "now": NOW}));
    let report =
        validate_at("risk-register", &value(json!({"rows": [r]})), &options, || Instant { unix_ms: 0 }).unwrap();
    let issue = report.issues.iter().find(|i| i.path == "rows[0].category").unwrap();
    assert_eq!(issue.message, "隐患类别“12”不是可选项，请从给定选项中选择");
}

/// The campaign statistics count a category given by a piece of its wording as that category.
#[test]
fn the_roll_up_counts_it_as_the_option() {
    let mut r = row();
    r["category"] = json!("燃气");
    let registers = value(json!([{"unit": "实验小学", "rows": [r]}]));
    let agg =
        aggregate_at("risk-register", &registers, &value(json!({"now": NOW})), || Instant { unix_ms: 0 }).unwrap();
    let gas = &agg.data;
    let found = serde_json::to_value(gas).unwrap()["by_category"]["gas"]["found"].clone();
    assert_eq!(found.as_f64(), Some(1.0), "{}", serde_json::to_value(gas).unwrap());
}

/// The check-up's choices, seed 004 附件1's wording: 群防 is 群防群治, 治安 治安岗; 无效的 is no option.
#[test]
fn checkup_choices_by_wording() {
    let data = |key: &str, v: &str| {
        let mut d = json!({"alarm_button": "有效", "guard_post": "治安岗", "location": "城区"});
        d[key] = json!(v);
        d
    };
    let at = |key: &str, v: &str| {
        let options = value(json!({"now": NOW}));
        let r = validate_at("security-checkup", &value(data(key, v)), &options, || Instant { unix_ms: 0 }).unwrap();
        r.issues.into_iter().filter(|i| i.path == key).map(|i| i.message).collect::<Vec<_>>()
    };
    assert!(at("guard_post", "群防").is_empty());
    assert!(at("guard_post", "巡特警").is_empty());
    assert_eq!(at("guard_post", "岗"), ["护学岗“岗”不是可选项，请从给定选项中选择"]);
    assert_eq!(at("alarm_button", "无效的"), ["紧急报警按钮“无效的”不是可选项，请从给定选项中选择"]);
    assert!(at("location", "乡镇").is_empty());
}

/// As the officer types, the quoted message follows the text (the same code, another quote).
#[test]
fn the_session_sends_the_quote_again_as_the_text_changes() {
    let mut s =
        session("risk-register", &value(json!({"profile": "jiangsu-2019", "now": NOW})), || Instant { unix_ms: 0 })
            .unwrap();
    let messages = |c: &school_safety_forms::engine::report::Changes| -> Vec<String> {
        c.issues
            .iter()
            .filter(|(p, _)| p == "rows[0].category")
            .flat_map(|(_, l)| l.iter().map(|i| i.message.clone()))
            .collect()
    };
    let c = s.set("rows[0].category", Scalar::Text("燃".into()));
    assert_eq!(messages(&c), ["隐患类别“燃”不是可选项，请从给定选项中选择"]);
    let c = s.set("rows[0].category", Scalar::Text("燃气气".into()));
    assert_eq!(messages(&c), ["隐患类别“燃气气”不是可选项，请从给定选项中选择"]);
    let c = s.set("rows[0].category", Scalar::Text("燃气".into()));
    assert!(c.issues.iter().any(|(p, l)| p == "rows[0].category" && l.is_empty()), "{c:?}");
    assert_eq!(s.result().codes_at("rows[0].category"), Vec::<&str>::new());
}

/// A pasted block's cells come back as pasted (without a header row only the page knows their
/// columns); each choice cell then reaches a <select> through choose(), and its row is read with
/// the same rule whatever path the text took.
#[test]
fn a_pasted_block_reaches_a_select_through_choose() {
    let text = "隐患描述\t类别\t整改情况\n围墙开裂\t燃气\t完成\n电线老化\t燃气气\t正在整改\n";
    let block = paste("risk-register", "rows", text).unwrap();
    assert_eq!(block.columns, Some(vec![Some("description".into()), Some("category".into()), Some("status".into())]));
    assert_eq!(block.rows[0], ["围墙开裂", "燃气", "完成"]);
    let choose = |path: &str, cell: &str| choose("risk-register", path, cell).unwrap();
    let chosen: Vec<Option<&str>> =
        block.rows.iter().flat_map(|r| [choose("rows[0].category", &r[1]), choose("rows[0].status", &r[2])]).collect();
    assert_eq!(chosen, [Some("燃气安全"), Some("已完成"), None, Some("正在整改中")]);
}

/// choose(): the drop-in's way to put a value into a <select> by an option's wording.
#[test]
fn choose_names_the_option_or_nothing() {
    assert_eq!(choose("risk-register", "rows[3].category", "燃气").unwrap(), Some("燃气安全"));
    assert_eq!(choose("risk-register", "rows[0].category", "gas").unwrap(), Some("燃气安全"));
    assert_eq!(choose("risk-register", "rows[0].status", "完成").unwrap(), Some("已完成"));
    assert_eq!(choose("risk-register", "rows[0].category", "安全").unwrap(), None);
    assert_eq!(choose("risk-register", "rows[0].category", "燃").unwrap(), None);
    assert_eq!(choose("risk-register", "rows[0].description", "燃气").unwrap(), None);
    assert_eq!(choose("risk-register", "nowhere", "燃气").unwrap(), None);
    assert_eq!(choose("security-checkup", "guard_post", "群防").unwrap(), Some("群防群治"));
    assert!(choose("no-such-form", "x", "y").is_err());
}
