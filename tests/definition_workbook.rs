//! A form variant written as a spreadsheet (`ssf define`, src/files/definition.rs; feature `cli`,
//! which `scripts/test` runs): the Wenzhou funds variant read from its workbook is the definition the
//! demo page loads, and every kind of mistake an officer can make names its sheet, row and column.
#![cfg(all(not(target_arch = "wasm32"), feature = "xlsx", feature = "definitions"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use rust_xlsxwriter::Workbook;
use school_safety_forms::files::definition::definition;
use school_safety_forms::{system_now, Validator};
use serde_json::{json, Value};

/// A workbook of (sheet name, rows of cells); an empty cell is left blank.
fn book(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    ws.write_string(r as u32, c as u16, *cell).unwrap();
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

const HEADER: &[&str] = &["type", "name", "label", "required", "constraint", "code", "args", "calculate", "max_length"];

/// A two-field form (found, fixed with fixed ≤ found) with `change` applied to one row's cells.
fn survey(change: &[&[&str]]) -> Vec<u8> {
    let mut rows: Vec<&[&str]> = vec![
        HEADER,
        &["count", "found", "发现隐患数", "yes"],
        &["count", "fixed", "已整治隐患数", "yes", "${fixed} <= ${found}", "fixed_exceeds_found", "${found}"],
    ];
    rows.extend_from_slice(change);
    book(&[("survey", &rows), ("settings", &[&["form_id", "form_title"], &["t", "测试表"]])])
}

fn mistake(bytes: &[u8]) -> String {
    let m = definition("t.xlsx", bytes).expect_err("a mistake");
    eprintln!("{m}");
    m
}

#[test]
fn the_funds_variant_workbook_is_the_definition_the_demo_page_loads() {
    let root = env!("CARGO_MANIFEST_DIR");
    let bytes = std::fs::read(format!("{root}/forms/variants/daily-report-wenzhou-funds.xlsx")).unwrap();
    let made = definition("daily-report-wenzhou-funds.xlsx", &bytes).unwrap();
    let shipped: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/www/forms/daily-report-wenzhou-funds.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(made, shipped, "regenerate with: ssf define forms/variants/daily-report-wenzhou-funds.xlsx --out www/forms/daily-report-wenzhou-funds.json");

    // 附件3's 未整治隐患 > 0 needs its measures; the variant's 整改资金 is required with them.
    let v = Validator::from_definition(&made.to_string(), &common::value(json!({"now": "2021-06-22T15:00:00+08:00"})))
        .unwrap();
    let r = v.validate_at(&common::value(json!({"rows": {"fire": {"found": "3", "fixed": "1"}}})), system_now);
    assert!(r.issues.iter().any(|i| i.path == "rows.fire.funds" && i.code == "required"), "{:#?}", r.issues);
}

#[test]
fn a_small_variant_compiles_from_its_workbook() {
    let made = definition("t.xlsx", &survey(&[])).unwrap();
    assert_eq!(made["id"], "t");
    assert_eq!(made["fields"][1]["constraint"], "${fixed} <= ${found}");
}

#[test]
fn an_unknown_column_title_names_its_header_cell() {
    let bytes = book(&[("survey", &[&["type", "name", "标签", "colour"], &["count", "found", "发现"]])]);
    let m = mistake(&bytes);
    assert!(m.starts_with("survey!D1: unknown column title \"colour\""), "{m}");
}

#[test]
fn an_unknown_type_names_its_type_cell() {
    let m = mistake(&survey(&[&["counter", "x", "某数"]]));
    assert!(m.starts_with("survey!A4: unknown type \"counter\""), "{m}");
}

#[test]
fn a_misspelt_field_in_an_expression_names_its_cell_and_position() {
    let m = mistake(&survey(&[&["count", "left", "剩余", "", "${left} <= ${fxied}", "left_too_big"]]));
    assert!(m.starts_with("survey!E4:"), "{m}");
    assert!(m.contains("${fxied}") && m.contains(" at "), "{m}");
}

#[test]
fn a_choice_list_that_does_not_exist_names_its_type_cell() {
    let m = mistake(&survey(&[&["select_one colours", "colour", "颜色"]]));
    assert!(m.starts_with("survey!A4:") && m.contains("colours"), "{m}");
}

#[test]
fn a_field_named_twice_names_the_second() {
    let m = mistake(&survey(&[&["count", "found", "又一个"]]));
    assert!(m.starts_with("survey!B4:"), "{m}");
}

#[test]
fn a_table_without_its_end_and_an_end_without_its_table_name_their_rows() {
    let m = mistake(&survey(&[&["begin table", "rows", "类别"], &["count", "n", "数"]]));
    assert!(m.starts_with("survey!A4:") && m.contains("no end"), "{m}");
    let m = mistake(&survey(&[&["end table"]]));
    assert!(m.starts_with("survey!A4:") && m.contains("without its begin"), "{m}");
}

#[test]
fn a_length_that_is_not_a_whole_number_names_its_cell() {
    let m = mistake(&survey(&[&["text", "note", "备注", "", "", "", "", "", "many"]]));
    assert!(m.starts_with("survey!I4:"), "{m}");
}

#[test]
fn a_rule_sheet_mistake_names_the_rules_cell() {
    let bytes = book(&[
        ("survey", &[HEADER, &["count", "found", "发现"], &["count", "fixed", "已整治"]]),
        ("rules", &[&["field", "constraint", "code"], &["fixed", "${fixed} <= ${fuond}", "fixed_exceeds_found"]]),
    ]);
    let m = mistake(&bytes);
    assert!(m.starts_with("rules!B2:") && m.contains("${fuond}"), "{m}");
}

#[test]
fn a_parameter_mistake_names_its_value_cell() {
    let bytes = book(&[
        ("survey", &[HEADER, &["date", "day", "日期", "yes", "", "", "", "", ""]]),
        ("params", &[&["name", "value"], &["deadline", "16:00"], &["key_period_from", "六月"]]),
    ]);
    let m = mistake(&bytes);
    assert!(m.starts_with("params!B3:"), "{m}");
}

#[test]
fn a_file_that_is_not_a_workbook_or_has_no_survey_says_so() {
    let m = mistake(b"type,name\ncount,found\n");
    assert!(m.starts_with("t.xlsx: not an .xlsx workbook"), "{m}");
    let m = mistake(&book(&[("Sheet1", &[&["type"]])]));
    assert!(m.starts_with("t.xlsx: no sheet named survey"), "{m}");
}
