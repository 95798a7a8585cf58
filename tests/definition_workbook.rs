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
    book(&[("survey", &rows), SETTINGS])
}

const SETTINGS: (&str, &[&[&str]]) = ("settings", &[&["form_id", "form_title"], &["t", "测试表"]]);

/// A table of three categories (a parameter list) with the columns found and fixed, then `change`.
fn table(change: &[&[&str]], categories: &[&[&str]], rules: &[&[&str]]) -> Vec<u8> {
    let mut rows: Vec<&[&str]> = vec![
        &["type", "name", "label", "required", "constraint", "code", "args", "calculate", "rows"],
        &["begin table", "rows", "隐患类别", "", "", "", "", "", "$param.categories"],
        &["count", "found", "发现隐患数", "yes"],
        &["count", "fixed", "已整治隐患数", "yes", "${fixed} <= ${found}", "fixed_exceeds_found", "${found}"],
    ];
    rows.extend_from_slice(change);
    let mut params: Vec<&[&str]> = vec![&["name", "value", "label"]];
    params.extend_from_slice(categories);
    let mut sheets: Vec<(&str, &[&[&str]])> = vec![("survey", &rows), ("params", &params), SETTINGS];
    let mut rule_rows: Vec<&[&str]> = vec![&["field", "each", "constraint", "code", "args", "severity"]];
    rule_rows.extend_from_slice(rules);
    if !rules.is_empty() {
        sheets.push(("rules", &rule_rows));
    }
    book(&sheets)
}

const CATEGORIES: &[&[&str]] =
    &[&["categories", "dorm", "宿舍安全"], &["categories", "power", "用电安全"], &["categories", "pool", "防溺水"]];

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
    let m = mistake(&survey(&[&["begin repeat", "rows", "类别"], &["count", "n", "数"]]));
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
        SETTINGS,
    ]);
    let m = mistake(&bytes);
    assert!(m.starts_with("rules!B2:") && m.contains("${fuond}"), "{m}");
}

#[test]
fn a_parameter_mistake_names_its_value_cell() {
    let bytes = book(&[
        ("survey", &[HEADER, &["date", "day", "日期", "yes", "", "", "", "", ""]]),
        ("params", &[&["name", "value"], &["deadline", "16:00"], &["key_period_from", "六月"]]),
        SETTINGS,
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

// What an officer trying the format from the docs alone got past the reader (a new-user trial).

#[test]
fn a_table_column_named_twice_names_the_second() {
    let m = mistake(&table(&[&["text", "found", "整改责任人"], &["end table"]], CATEGORIES, &[]));
    assert!(m.starts_with("survey!B5:") && m.contains("duplicate_id"), "{m}");
}

#[test]
fn a_category_listed_twice_or_misnamed_names_its_own_row() {
    let twice: &[&[&str]] =
        &[&["categories", "dorm", "宿舍安全"], &["categories", "dorm", "用电安全"], &["categories", "pool", "防溺水"]];
    let m = mistake(&table(&[&["end table"]], twice, &[]));
    assert!(m.starts_with("params!B3:") && m.contains("duplicate_id"), "{m}");
    let bad: &[&[&str]] = &[
        &["categories", "dorm", "宿舍安全"],
        &["categories", "Bad-Id", "用电安全"],
        &["categories", "pool", "防溺水"],
    ];
    let m = mistake(&table(&[&["end table"]], bad, &[]));
    assert!(m.starts_with("params!B3:") && m.contains("invalid_id"), "{m}");
}

#[test]
fn a_condition_that_is_not_yes_or_no_is_refused_where_it_is_written() {
    let m = mistake(&survey(&[&["count", "left", "剩余", "${found}"]]));
    assert!(m.starts_with("survey!D4:") && m.contains("type_mismatch"), "{m}");
    let m = mistake(&survey(&[&["count", "left", "剩余", "", "${found}", "fixed_exceeds_found"]]));
    assert!(m.starts_with("survey!E4:") && m.contains("type_mismatch"), "{m}");
    // A 1 that Excel keeps as a number in 必填 is yes, as TRUE is.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("survey").unwrap();
    for (c, t) in ["type", "name", "label", "required"].iter().enumerate() {
        ws.write_string(0, c as u16, *t).unwrap();
    }
    for (c, t) in ["count", "found", "发现"].iter().enumerate() {
        ws.write_string(1, c as u16, *t).unwrap();
    }
    ws.write_number(1, 3, 1.0).unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("settings").unwrap();
    ws.write_string(0, 0, "form_id").unwrap();
    ws.write_string(1, 0, "t").unwrap();
    let made = definition("t.xlsx", &wb.save_to_buffer().unwrap()).unwrap();
    assert_eq!(made["fields"][0]["required"], json!(true));
}

#[test]
fn a_sheet_with_another_name_is_refused_rather_than_its_rules_lost() {
    let bytes = book(&[("survey", &[HEADER, &["count", "found", "发现"]]), ("规则表", &[&["field"]]), SETTINGS]);
    let m = mistake(&bytes);
    assert!(m.starts_with("t.xlsx: unknown sheet \"规则表\""), "{m}");
}

#[test]
fn a_rule_of_a_row_column_that_reads_its_total_names_the_column() {
    let m = mistake(&table(
        &[&["end table"], &["count", "total", "合计", "", "", "", "", "sum(${rows.found})"]],
        CATEGORIES,
        &[&["found", "rows", "${found} <= ${total}", "fixed_exceeds_found", "${total}"]],
    ));
    assert!(m.starts_with("survey!A3:") && m.contains("unsupported_expression"), "{m}");
}

#[test]
fn a_rule_on_a_column_without_its_table_says_which_table() {
    let m =
        mistake(&table(&[&["end table"]], CATEGORIES, &[&["found", "", "${found} <= 50", "number_too_large", "50"]]));
    assert!(m.starts_with("rules!") && m.contains("column of the table \"rows\""), "{m}");
}

#[test]
fn a_repeat_closed_as_a_table_a_stray_value_and_a_missing_id_are_named() {
    let m = mistake(&table(&[&["end repeat"]], CATEGORIES, &[]));
    assert!(m.starts_with("survey!A5:") && m.contains("survey!A2"), "{m}");
    let m = mistake(&survey(&[&["count", "left", "剩余", "", "", "", "", "", "", "stray"]]));
    assert!(m.starts_with("survey!J4: a value under a column without a title"), "{m}");
    let m = mistake(&book(&[
        ("survey", &[HEADER, &["count", "found", "发现"]]),
        ("settings", &[&["form_id", "form_title"], &["", "无编号"]]),
    ]));
    assert!(m.starts_with("settings!A2: the form's id is missing"), "{m}");
}

#[test]
fn dates_and_times_excel_made_of_what_was_typed_are_read_as_typed() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("survey").unwrap();
    for (c, t) in ["type", "name", "label", "checks"].iter().enumerate() {
        ws.write_string(0, c as u16, *t).unwrap();
    }
    for (c, t) in ["date", "day", "填报日期", "key_period; deadline"].iter().enumerate() {
        ws.write_string(1, c as u16, *t).unwrap();
    }
    let ws = wb.add_worksheet();
    ws.set_name("参数").unwrap();
    ws.write_string(0, 0, "参数名").unwrap();
    ws.write_string(0, 1, "值").unwrap();
    let day = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let time = rust_xlsxwriter::Format::new().set_num_format("hh:mm");
    for (r, (name, serial, format)) in
        [("key_period_from", 44368.0, &day), ("key_period_to", 44382.0, &day), ("deadline", 2.0 / 3.0, &time)]
            .iter()
            .enumerate()
    {
        ws.write_string(r as u32 + 1, 0, *name).unwrap();
        ws.write_number_with_format(r as u32 + 1, 1, *serial, format).unwrap();
    }
    let ws = wb.add_worksheet();
    ws.set_name("设置").unwrap();
    ws.write_string(0, 0, "表单编号").unwrap();
    ws.write_string(1, 0, "t").unwrap();
    let made = definition("t.xlsx", &wb.save_to_buffer().unwrap()).unwrap();
    assert_eq!(
        made["params"],
        json!({"key_period_from": "2021-06-21", "key_period_to": "2021-07-05", "deadline": "16:00"})
    );
}

// What a review found the reader still let through.

#[test]
fn rows_a_reader_would_drop_and_flags_it_would_misread_are_named() {
    let bytes = book(&[
        ("survey", &[HEADER, &["count", "found", "发现"]]),
        ("choices", &[&["list_name", "name", "label"], &["", "a", "甲"]]),
        SETTINGS,
    ]);
    assert!(mistake(&bytes).starts_with("choices!A2: a choice needs"));
    let bytes = book(&[
        ("survey", &[HEADER, &["count", "found", "发现"]]),
        ("params", &[&["name", "value"], &["deadline", ""]]),
        SETTINGS,
    ]);
    assert!(mistake(&bytes).starts_with("params!A2: a parameter needs"));
    let bytes = book(&[
        ("survey", &[&["type", "name", "label", "personal"], &["resident_id", "id_number", "身份证号", "√"]]),
        SETTINGS,
    ]);
    assert!(mistake(&bytes).starts_with("survey!D2: personal is 是/否"));
    let m = mistake(&survey(&[&["begin table", "rows", "类别"], &["end table"]]));
    assert!(m.starts_with("survey!A4: a table's rows come from a list"), "{m}");
}

#[test]
fn a_yes_no_parameter_takes_yes_and_refuses_what_is_not() {
    let params = |v: &'static str| -> Vec<u8> {
        book(&[
            ("survey", &[HEADER, &["count", "found", "发现"]]),
            ("params", &[&["name", "value"], &["cumulative", v]]),
            SETTINGS,
        ])
    };
    assert_eq!(definition("t.xlsx", &params("yes")).unwrap()["params"]["cumulative"], json!(true));
    assert_eq!(definition("t.xlsx", &params("否")).unwrap()["params"]["cumulative"], json!(false));
    assert!(mistake(&params("maybe")).starts_with("params!B2:"));
}

#[test]
fn paths_that_clash_and_too_many_columns_are_refused() {
    let m = mistake(&table(&[&["end table"], &["count", "rows.dorm.found", "又一个"]], CATEGORIES, &[]));
    assert!(m.contains("duplicate_id") && m.contains("clashes"), "{m}");
    // A field may carry sub-fields, as the checklist's items.9 and items.9.helmet; a group may not.
    assert!(definition("t.xlsx", &survey(&[&["count", "found.more", "更多"]])).is_ok());
    let m = mistake(&survey(&[&["begin repeat", "found", "重复"], &["text", "x", "甲"], &["end repeat"]]));
    assert!(m.contains("duplicate_id"), "{m}");
    let m = mistake(&survey(&[
        &["count", "guards.n", "人数"],
        &["begin repeat", "guards", "保安"],
        &["text", "x", "甲"],
        &["end repeat"],
    ]));
    assert!(m.contains("duplicate_id") && m.contains("clashes"), "{m}");
}

/// A variant's own codes in a `代码` sheet: a rule names one, its messages and severity (警告 read
/// as warning) come from its row, and a mistake in a row names its cell.
#[test]
fn own_codes_come_from_the_codes_sheet_and_their_mistakes_name_the_cell() {
    let codes = |rows: &[&[&str]]| -> Vec<u8> {
        let mut sheet: Vec<&[&str]> = vec![&["代码", "中文提示", "英文提示", "级别"]];
        sheet.extend_from_slice(rows);
        book(&[
            ("survey", &[HEADER, &["count", "found", "发现隐患数", "yes", "${found} <= 50", "too_many_found", "50"]]),
            ("代码", &sheet),
            SETTINGS,
        ])
    };
    let made = definition(
        "t.xlsx",
        &codes(&[&["too_many_found", "{label}超过{0}，请核实", "{label} is over {0}: please check", "警告"]]),
    )
    .unwrap();
    assert_eq!(
        made["codes"]["too_many_found"],
        json!({"zh": "{label}超过{0}，请核实", "en": "{label} is over {0}: please check", "severity": "warning"})
    );
    let v = Validator::from_definition(&made.to_string(), &common::value(json!(null))).unwrap();
    let r = v.validate_at(&common::value(json!({"found": "51"})), system_now);
    let issue = r.issues.iter().find(|i| i.path == "found").unwrap();
    assert_eq!(
        (&*issue.code, issue.severity, issue.message.as_str()),
        ("too_many_found", "warning", "发现隐患数超过50，请核实")
    );

    assert!(mistake(&codes(&[&["too_many_found", "{label}超过{上限}"]])).starts_with("代码!B2:"));
    assert!(mistake(&codes(&[&["too_many_found", "超", "", "严重"]])).starts_with("代码!D2:"));
    assert!(mistake(&codes(&[&["Too-Many", "超"]])).starts_with("代码!A2:"));
    assert!(mistake(&codes(&[&["", "超"]])).starts_with("代码!A2:"));
    let twice = mistake(&codes(&[&["too_many_found", "超"], &["too_many_found", "多"]]));
    assert!(twice.starts_with("代码!A3:") && twice.contains("twice"), "{twice}");
    // A rule naming a code the sheet does not declare is named at the rule's code cell.
    assert!(mistake(&codes(&[])).starts_with("survey!F2:"));
    // The first code past the limit (64) is named: row 1 is the header, so the 65th code is row 66.
    let names: Vec<String> = (0..=school_safety_forms::define::MAX_OWN_CODES).map(|i| format!("c{i:02}")).collect();
    let mut rows: Vec<[&str; 2]> = names.iter().map(|n| [n.as_str(), "超"]).collect();
    rows.push(["too_many_found", "超"]);
    let rows: Vec<&[&str]> = rows.iter().map(|r| &r[..]).collect();
    let m = mistake(&codes(&rows));
    assert!(m.starts_with("代码!A66:") && m.contains("definition_too_large"), "{m}");
}

/// A repeat's key in the survey sheet: `unique` (唯一) on its `begin repeat` row names the key's
/// columns, `unique_code` (重复代码) the duplicate's code; a key on a table's row is named at its cell.
#[test]
fn a_repeats_key_comes_from_its_begin_row() {
    let header: &[&str] = &["type", "name", "label", "unique", "unique_code", "rows"];
    let made = definition(
        "t.xlsx",
        &book(&[
            (
                "survey",
                &[
                    header,
                    &["begin repeat", "guards", "专职保安员", "id_number", "duplicate_resident_id"],
                    &["text", "name", "保安员姓名"],
                    &["resident_id", "id_number", "身份证号码"],
                    &["end repeat"],
                ],
            ),
            SETTINGS,
        ]),
    )
    .unwrap();
    assert_eq!(made["fields"][0]["unique"], json!(["id_number"]));
    assert_eq!(made["fields"][0]["unique_code"], json!("duplicate_resident_id"));

    let on_a_table = book(&[
        (
            "survey",
            &[
                header,
                &["begin table", "rows", "隐患类别", "found", "duplicate_hazard", "$param.categories"],
                &["count", "found", "发现隐患数"],
                &["end table"],
            ],
        ),
        ("params", &[&["name", "value", "label"], &["categories", "dorm", "宿舍安全"]]),
        SETTINGS,
    ]);
    let m = mistake(&on_a_table);
    assert!(m.starts_with("survey!D2:"), "{m}");
}

/// The built-in form a variant is based on (基于) is a setting; one that is not a built-in form is
/// named at its cell.
#[test]
fn a_variant_names_the_built_in_form_it_is_based_on() {
    let settings = |kind: &'static str| -> Vec<u8> {
        book(&[
            ("survey", &[HEADER, &["count", "found", "发现"]]),
            ("设置", &[&["表单编号", "标题", "基于"], &["t", "测试表", kind]]),
        ])
    };
    assert_eq!(definition("t.xlsx", &settings("daily-report")).unwrap()["based_on"], json!("daily-report"));
    let m = mistake(&settings("daily"));
    assert!(m.starts_with("设置!C2:") && m.contains("not a built-in form"), "{m}");
}

/// A repeat's spare rows are declared on its begin row (有效条件), a number's largest value in
/// 最大; each one written where it cannot stand is named at its cell.
#[test]
fn spare_rows_and_largest_numbers_come_from_their_cells() {
    let header: &[&str] = &["类型", "字段", "标签", "有效条件", "最大"];
    fn guards<'a>(header: &[&'a str], extra: &[&'a str]) -> Vec<Vec<&'a str>> {
        let mut rows: Vec<Vec<&'a str>> = vec![
            header.to_vec(),
            vec!["begin repeat", "guards", "专职保安员", "typed(${name}) or typed(${age})"],
            vec!["text", "name", "保安员姓名"],
            vec!["count", "age", "年龄", "", "100"],
        ];
        rows.push(extra.to_vec());
        rows.push(vec!["end repeat"]);
        rows
    }
    let sheet = |rows: &[Vec<&str>]| {
        let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
        book(&[("survey", &rows), SETTINGS])
    };
    let made = definition("t.xlsx", &sheet(&guards(header, &["text", "note", "备注"]))).unwrap();
    assert_eq!(made["fields"][0]["relevant"], json!("typed(${name}) or typed(${age})"));
    assert_eq!(made["fields"][0]["columns"][1]["max"], json!(100.0));
    let v = Validator::from_definition(&made.to_string(), &common::value(json!({}))).unwrap();
    let r = v.validate_at(&common::value(json!({"guards": [{"note": "空行"}, {"age": "120"}]})), system_now);
    let found: Vec<(&str, &str)> = r.issues.iter().map(|i| (i.path.as_str(), &*i.code)).collect();
    // The first row has only a note typed: spare, so nothing in it is checked.
    assert_eq!(found, [("guards[1].age", "number_too_large")]);
    assert!(r.issues.iter().any(|i| i.path == "guards[1].age" && i.message.contains("100")), "{:#?}", r.issues);

    assert!(mistake(&sheet(&guards(header, &["text", "note", "备注", "typed(${note})"]))).starts_with("survey!D5:"));
    assert!(mistake(&sheet(&guards(header, &["text", "note", "备注", "", "10"]))).starts_with("survey!E5:"));
    assert!(mistake(&sheet(&guards(header, &["count", "n", "人数", "", "很多"]))).starts_with("survey!E5:"));
}

/// A figure the roll-up fills and a person may type over is marked 回显 (echo): given back as read.
#[test]
fn an_echoed_figure_comes_from_its_cell() {
    let header: &[&str] = &["类型", "字段", "标签", "回显"];
    let sheet =
        |echo: &str| book(&[("survey", &[header, &["count", "schools_inspected", "排查学校（家）", echo]]), SETTINGS]);
    let made = definition("t.xlsx", &sheet("是")).unwrap();
    assert_eq!(made["fields"][0]["echo"], json!(true));
    let v = Validator::from_definition(&made.to_string(), &common::value(json!({}))).unwrap();
    let r = v.validate_at(&common::value(json!({"schools_inspected": "１２"})), system_now);
    assert_eq!(format!("{:?}", r.computed("schools_inspected")), "Some(Count(12))");
    assert!(mistake(&sheet("也许")).starts_with("survey!D2:"));
}

/// The survey's 汇总 column: a figure to sum written in Chinese (合计) is `sum`; one on a text
/// field is refused at its cell.
#[test]
fn a_rollup_is_read_in_chinese_and_a_wrong_one_names_its_cell() {
    let rows: &[&[&str]] = &[
        &["类型", "字段", "标签", "汇总"],
        &["text", "unit", "学校", "学校"],
        &["count", "found", "发现隐患数", "合计"],
        &["text", "note", "备注", "汇集"],
    ];
    let made = definition("t.xlsx", &book(&[("表单", rows), SETTINGS])).unwrap();
    let roles: Vec<&str> = made["fields"].as_array().unwrap().iter().map(|f| f["rollup"].as_str().unwrap()).collect();
    assert_eq!(roles, ["school", "sum", "join"]);
    let wrong: &[&[&str]] = &[&["类型", "字段", "标签", "汇总"], &["text", "note", "备注", "合计"]];
    let m = mistake(&book(&[("表单", wrong), SETTINGS]));
    assert!(m.starts_with("表单!D2:"), "{m}");
}
