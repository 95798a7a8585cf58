//! The official templates as `.xlsx` (feature `xlsx`; `scripts/test` runs this with `--features
//! cli`): a school's report written into its template and read back gives the same check as its
//! JSON, each issue pointing at its cell; a roll-up of templates is the roll-up of the JSON; the
//! 战果统计表 written as .xlsx reads back as the statistics it states.
#![cfg(all(not(target_arch = "wasm32"), feature = "xlsx"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use school_safety_forms::base::date::Instant;
use school_safety_forms::files::layout::{cell_name, parse_cell, Layout, BUILT_IN};
use school_safety_forms::files::read::{read, Source};
use school_safety_forms::files::{self, to_value};
use school_safety_forms::{aggregate_at, describe};
use serde_json::{json, Value as Json};

const KINDS: [&str; 3] = ["daily-report", "risk-register", "security-checkup"];

fn fixtures(kind: &str) -> Vec<(String, Json)> {
    let dir = format!("{}/tests/fixtures/{kind}", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<(String, Json)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let json: Json = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            (path.file_name().unwrap().to_string_lossy().into_owned(), json)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn now(options: &Json) -> Instant {
    options.get("now").and_then(Json::as_str).and_then(Instant::parse_iso).unwrap_or(Instant { unix_ms: 0 })
}

/// The template filled with `data`, read back as a school's file.
fn through_xlsx(kind: &str, name: &str, data: &Json) -> Source {
    let layout = Layout::built_in(kind).unwrap();
    let bytes = files::xlsx::write(&layout, data, &Json::Null).unwrap();
    let fields = describe(kind, &to_value(&Json::Null)).unwrap();
    let mut sources = read(&format!("{name}.xlsx"), &bytes, &fields, Some(&layout)).unwrap();
    assert_eq!(sources.len(), 1);
    sources.remove(0)
}

fn without_cells(mut checked: Json) -> Json {
    for issue in checked["issues"].as_array_mut().unwrap() {
        issue.as_object_mut().unwrap().remove("cell");
    }
    checked.as_object_mut().unwrap().remove("file");
    checked
}

#[test]
fn every_fixture_checks_the_same_through_its_template_with_issues_at_their_cells() {
    for kind in KINDS {
        for (name, fx) in fixtures(kind) {
            let options = fx.get("options").cloned().unwrap_or(json!({}));
            // A sheet has no wholly blank rows: a spare row left blank in the JSON is no row.
            let mut data = fx["data"].clone();
            for group in ["rows", "guards"] {
                if let Some(Json::Array(rows)) = data.get_mut(group) {
                    rows.retain(|r| r.as_object().is_some_and(|o| o.values().any(|v| !v.is_null() && v != "")));
                }
            }
            let json_source = Source::new(&name, 1, data, Default::default());
            let want = files::check(kind, &json_source, &to_value(&options), now(&options));
            let source = through_xlsx(kind, &name, &fx["data"]);
            let got = files::check(kind, &source, &to_value(&options), now(&options));
            assert_eq!(without_cells(got.clone()), without_cells(want), "{kind}/{name}");
            // Every issue at a field the template has points at its cell, on the template's sheet.
            let layout = Layout::built_in(kind).unwrap();
            for issue in got["issues"].as_array().unwrap() {
                let path = issue["path"].as_str().unwrap();
                let on_sheet = layout.fields.values().any(|p| p == path)
                    || layout.table.as_ref().is_some_and(|t| path.starts_with(&format!("{}[", t.group)));
                if on_sheet {
                    let cell = issue["cell"].as_str().unwrap_or_else(|| panic!("{kind}/{name}: {path} has no cell"));
                    assert!(cell.starts_with(&format!("{}!", layout.sheet)), "{cell}");
                }
            }
        }
    }
}

#[test]
fn a_register_row_issue_points_at_the_row_of_the_sheet() {
    let (_, fx) = fixtures("risk-register").into_iter().find(|(n, _)| n == "row-errors.json").unwrap();
    let options = fx["options"].clone();
    let source = through_xlsx("risk-register", "row-errors", &fx["data"]);
    let got = files::check("risk-register", &source, &to_value(&options), now(&options));
    let issue =
        got["issues"].as_array().unwrap().iter().find(|i| i["path"].as_str().unwrap().starts_with("rows[1].")).unwrap();
    // Row 1 of the group (from 0) is the sheet's row 5: the header is row 3, the rows start at 4.
    assert!(issue["cell"].as_str().unwrap().ends_with('5'), "{issue}");
}

#[test]
fn a_roll_up_of_templates_is_the_roll_up_of_their_json() {
    for kind in KINDS {
        let own = fixtures(kind);
        let options =
            json!({"now": own[0].1["options"]["now"], "profile": own[0].1["options"]["profile"], "unit": "某区教育局"});
        let reports = Json::Array(own.iter().map(|(_, fx)| fx["data"].clone()).collect());
        let sources: Vec<Source> = own.iter().map(|(n, fx)| through_xlsx(kind, n, &fx["data"])).collect();
        let read_back = Json::Array(sources.iter().map(|s| s.report.clone()).collect());
        let clock = || now(&options);
        let want = aggregate_at(kind, &to_value(&reports), &to_value(&options), clock).unwrap();
        let got = aggregate_at(kind, &to_value(&read_back), &to_value(&options), clock).unwrap();
        assert_eq!(got.data, want.data, "{kind}");
        assert_eq!(got.computed, want.computed, "{kind}");
        let codes = |a: &school_safety_forms::engine::report::Aggregate| {
            a.issues.iter().map(|i| (i.path.clone(), i.code.clone())).collect::<Vec<_>>()
        };
        assert_eq!(codes(&got), codes(&want), "{kind}");
        // The roll-up's issues from a template name the school's file and cell.
        let json = files::roll_up_json(&got, &sources);
        for issue in json["issues"].as_array().unwrap() {
            if issue.get("cell").is_some() {
                assert!(issue["file"].as_str().unwrap().ends_with(".xlsx"));
            }
        }
    }
}

#[test]
fn the_campaign_statistics_written_as_xlsx_read_back_as_the_statistics_stated() {
    let own = fixtures("risk-register");
    let options = json!({"now": own[0].1["options"]["now"], "profile": "jiangsu-2019", "unit": "某市教育局"});
    let reports = Json::Array(own.iter().map(|(_, fx)| fx["data"].clone()).collect());
    let agg = aggregate_at("risk-register", &to_value(&reports), &to_value(&options), || now(&options)).unwrap();
    let json = files::roll_up_json(&agg, &[]);
    let bytes = files::roll_up_xlsx("risk-register", &json, &to_value(&json!("jiangsu-2019"))).unwrap();
    let layout = Layout::built_in("campaign-statistics").unwrap();
    let fields = describe("campaign-statistics", &to_value(&Json::Null)).unwrap();
    let back = read("district.xlsx", &bytes, &fields, Some(&layout)).unwrap().remove(0);
    let check_options = json!({"profile": "jiangsu-2019", "now": options["now"]});
    let checked = files::check("campaign-statistics", &back, &to_value(&check_options), now(&options));
    let mut compared = 0;
    for (path, figure) in json["computed"].as_object().unwrap() {
        if path.starts_with("by_category.") || path.starts_with("risks_") || path == "schools_inspected" {
            assert_eq!(checked["computed"][path].as_f64(), figure.as_f64(), "{path}");
            compared += 1;
        }
    }
    assert!(compared > 60, "{compared} figures compared");
    let mismatches: Vec<&Json> = checked["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["code"].as_str().unwrap().ends_with("_mismatch"))
        .collect();
    assert!(mismatches.is_empty(), "{mismatches:?}");
}

#[test]
fn a_file_that_is_not_the_template_is_refused_naming_the_cell() {
    let mut other = Layout::built_in("risk-register").unwrap();
    other.table.as_mut().unwrap().columns[2].title = "整改资金".into();
    let bytes = files::xlsx::write(&other, &json!({"rows": [{"description": "围墙破损"}]}), &Json::Null).unwrap();
    let layout = Layout::built_in("risk-register").unwrap();
    let fields = describe("risk-register", &to_value(&Json::Null)).unwrap();
    let err = read("甲校.xlsx", &bytes, &fields, Some(&layout)).err().unwrap();
    assert!(err.0.contains("风险隐患排查表!C3"), "{}", err.0);
    assert!(err.0.contains("整改资金"), "{}", err.0);
    let err = read("乙校.xlsx", b"not a zip", &fields, Some(&layout)).err().unwrap();
    assert!(err.0.starts_with("乙校.xlsx: not an .xlsx workbook"), "{}", err.0);
}

/// A daily report has no table whose headings tell it apart: its printed text does. A register
/// (blank or filled) given as a daily report is refused; a daily report with the school's name
/// typed over its 学校（单位）： line is still read.
#[test]
fn a_register_is_not_read_as_a_daily_report() {
    let daily = Layout::built_in("daily-report").unwrap();
    let fields = describe("daily-report", &to_value(&Json::Null)).unwrap();
    let register = Layout::built_in("risk-register").unwrap();
    for data in [Json::Null, json!({"rows": [{"description": "围墙破损"}]})] {
        let bytes = files::xlsx::write(&register, &data, &Json::Null).unwrap();
        let err = read("丙校.xlsx", &bytes, &fields, Some(&daily)).err().unwrap();
        assert!(err.0.contains("not this form's template"), "{}", err.0);
    }
    let mut typed_over = daily.clone();
    typed_over.text.insert("A2".into(), "学校（单位）：红星小学".into());
    let bytes = files::xlsx::write(&typed_over, &json!({"unit": "红星小学"}), &Json::Null).unwrap();
    assert!(read("丁校.xlsx", &bytes, &fields, Some(&daily)).is_ok());
}

#[test]
fn every_built_in_layout_loads_and_names_only_real_cells() {
    for (form, text) in BUILT_IN {
        let layout = Layout::from_json(text).map_err(|e| format!("{form}: {e}"));
        assert!(layout.is_ok(), "{layout:?}");
    }
    assert!(Layout::from_json(r#"{"form": "x", "name": "x", "source": "x", "sheet": "x", "fields": {"B0": "unit"}}"#)
        .is_err());
}

#[test]
fn cell_names_go_both_ways() {
    for (name, at) in [("A1", (0, 0)), ("B12", (11, 1)), ("Z3", (2, 25)), ("AA7", (6, 26)), ("XFD1", (0, 16_383))] {
        assert_eq!(parse_cell(name), Some(at));
        assert_eq!(cell_name(at.0, at.1), name);
    }
    for bad in ["", "A", "1", "A0", "a1", "XFE1", "A1B"] {
        assert_eq!(parse_cell(bad), None, "{bad}");
    }
}

#[test]
fn excel_serial_dates_read_as_iso_dates() {
    use school_safety_forms::files::xlsx::excel_date;
    assert_eq!(excel_date(44_369.0), "2021-06-22");
    assert_eq!(excel_date(44_369.5), "2021-06-22T12:00:00");
    assert_eq!(excel_date(25_569.0), "1970-01-01");
}
