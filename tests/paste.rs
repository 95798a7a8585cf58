//! Spreadsheet paste into the risk register (RULES.md §4: "rows can be … pasted from a spreadsheet").
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use school_safety_forms::input::paste::{match_header, to_rows, Column, Pasted, REGISTER_COLUMNS};

fn index(id: &str) -> usize {
    REGISTER_COLUMNS.iter().position(|column| column.id == id).unwrap()
}

fn cells(row: &[&str]) -> Vec<String> {
    row.iter().map(|cell| (*cell).to_owned()).collect()
}

fn row(pairs: &[(&str, &str)]) -> Vec<(usize, String)> {
    pairs.iter().map(|(id, text)| (index(id), (*text).to_owned())).collect()
}

#[test]
fn register_columns_follow_the_contract() {
    let ids: Vec<&str> = REGISTER_COLUMNS.iter().map(|column| column.id).collect();
    assert_eq!(
        ids,
        [
            "police_station",
            "description",
            "place",
            "category",
            "found_on",
            "measures",
            "responsible",
            "deadline",
            "supervisor",
            "status",
            "completed_on",
            "interim_measures"
        ]
    );
    // No title names two columns, so a header cell can never be ambiguous.
    let mut titles: Vec<&str> = REGISTER_COLUMNS.iter().flat_map(|column| column.titles.iter().copied()).collect();
    let count = titles.len();
    titles.sort_unstable();
    titles.dedup();
    assert_eq!(titles.len(), count);
}

#[test]
fn header_row_in_another_order() {
    let text = "整改时限\t责任人\t隐患描述\t整改措施\r\n2021-07-01\t张三\t围墙开裂\t加固\r\n";
    let pasted = to_rows(text, REGISTER_COLUMNS);
    assert!(pasted.header);
    assert_eq!(
        pasted.rows,
        vec![row(&[
            ("deadline", "2021-07-01"),
            ("responsible", "张三"),
            ("description", "围墙开裂"),
            ("measures", "加固")
        ])]
    );
    assert_eq!(pasted.extra_cells, 0);
    // Alternative titles of the same column.
    let mapping = match_header(&cells(&["风险隐患", "具体位置", "隐患整改情况"]), REGISTER_COLUMNS);
    assert_eq!(mapping, Some(vec![Some(index("description")), Some(index("place")), Some(index("status"))]));
}

#[test]
fn header_with_an_unknown_title() {
    let text = "序号\t隐患描述\t备注\t责任人\r\n1\t围墙开裂\t\t张三\r\n2\t灭火器过期\t已报\t李四\r\n";
    let pasted = to_rows(text, REGISTER_COLUMNS);
    assert!(pasted.header);
    assert_eq!(
        pasted.rows,
        vec![
            row(&[("description", "围墙开裂"), ("responsible", "张三")]),
            row(&[("description", "灭火器过期"), ("responsible", "李四")])
        ]
    );
    // 1, 2 and 已报 belong to no column; the blank 备注 cell is not counted.
    assert_eq!(pasted.extra_cells, 3);
    assert_eq!(
        match_header(&cells(&["序号", "隐患描述", "", "责任人"]), REGISTER_COLUMNS),
        Some(vec![None, Some(index("description")), None, Some(index("responsible"))])
    );
}

#[test]
fn header_needs_two_matching_cells_each_matched_once() {
    // One match: a data row whose description happens to be a title.
    assert_eq!(match_header(&cells(&["派出所", "围墙开裂"]), REGISTER_COLUMNS), None);
    // Two cells naming the same column: not a header.
    assert_eq!(match_header(&cells(&["状态", "整改情况", "责任人"]), REGISTER_COLUMNS), None);
    assert_eq!(match_header(&[], REGISTER_COLUMNS), None);
    // A title shared by two columns of a caller's list makes the row no header.
    const SHARED: &[Column] =
        &[Column { id: "a", titles: &["名称", "甲"] }, Column { id: "b", titles: &["名称", "乙"] }];
    assert_eq!(match_header(&cells(&["名称", "甲", "乙"]), SHARED), None);
    assert_eq!(match_header(&cells(&["甲", "乙"]), SHARED), Some(vec![Some(0), Some(1)]));
    // Without a header, a data row is read in column order.
    let pasted = to_rows("派出所\t围墙开裂\r\n", REGISTER_COLUMNS);
    assert!(!pasted.header);
    assert_eq!(pasted.rows, vec![row(&[("police_station", "派出所"), ("description", "围墙开裂")])]);
}

#[test]
fn full_width_characters_in_titles() {
    let header = cells(&["　隐患 描述　", "整改\u{3000}时限", "责任人\u{A0}", "整改\n措施", "ＸＹ"]);
    assert_eq!(
        match_header(&header, REGISTER_COLUMNS),
        Some(vec![
            Some(index("description")),
            Some(index("deadline")),
            Some(index("responsible")),
            Some(index("measures")),
            None
        ])
    );
    const LATIN: &[Column] = &[Column { id: "a", titles: &["No. A"] }, Column { id: "b", titles: &["ID(B)"] }];
    assert_eq!(match_header(&cells(&["Ｎｏ．Ａ", "ＩＤ（Ｂ）"]), LATIN), Some(vec![Some(0), Some(1)]));
}

#[test]
fn ragged_block_without_header() {
    let columns = &REGISTER_COLUMNS[..3];
    let text = "A所\r\nB所\t裂缝\t操场\t多余\t\r\n\r\n\t\u{3000}\t \r\nC所\t漏电\r\n";
    let pasted = to_rows(text, columns);
    assert!(!pasted.header);
    assert_eq!(
        pasted.rows,
        vec![
            row(&[("police_station", "A所")]),
            row(&[("police_station", "B所"), ("description", "裂缝"), ("place", "操场")]),
            row(&[("police_station", "C所"), ("description", "漏电")])
        ]
    );
    // 多余 is beyond the three columns; the empty cell after it is not counted.
    assert_eq!(pasted.extra_cells, 1);
}

#[test]
fn ragged_block_with_header() {
    let text = "隐患描述\t地点\r\n裂缝\r\n漏电\t食堂\t超出表头\r\n";
    let pasted = to_rows(text, REGISTER_COLUMNS);
    assert!(pasted.header);
    assert_eq!(pasted.rows, vec![row(&[("description", "裂缝")]), row(&[("description", "漏电"), ("place", "食堂")])]);
    assert_eq!(pasted.extra_cells, 1);
}

#[test]
fn blank_rows_are_skipped_but_their_stray_cells_counted() {
    // Row 2 only has a 序号: it is skipped, and its 2 counted as not imported.
    let text = "序号\t隐患描述\t责任人\r\n1\t裂缝\t张三\r\n2\t\t\r\n\t\t\r\n";
    let pasted = to_rows(text, REGISTER_COLUMNS);
    assert_eq!(pasted.rows, vec![row(&[("description", "裂缝"), ("responsible", "张三")])]);
    assert_eq!(pasted.extra_cells, 2);
}

#[test]
fn quoted_multiline_cells_into_rows() {
    let text = "\u{FEFF}隐患描述\t整改措施\r\n\"围墙\n开裂\"\t\"设\"\"警示\"\"牌\"\r\n";
    let pasted = to_rows(text, REGISTER_COLUMNS);
    assert_eq!(
        pasted,
        Pasted {
            header: true,
            rows: vec![row(&[("description", "围墙\n开裂"), ("measures", "设\"警示\"牌")])],
            extra_cells: 0
        }
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use proptest::prelude::*;
    use school_safety_forms::input::paste::{parse, to_rows, REGISTER_COLUMNS};

    /// What Excel puts on the clipboard: a cell is quoted when it holds a TAB or a line break
    /// (and here also when it starts with a quote, which Excel leaves bare only for `"A`-like text).
    fn excel(grid: &[Vec<String>]) -> String {
        let mut text = String::new();
        for row in grid {
            let cells: Vec<String> = row
                .iter()
                .map(|cell| {
                    if cell.contains(['\t', '\n']) || cell.starts_with('"') {
                        format!("\"{}\"", cell.replace('"', "\"\""))
                    } else {
                        cell.clone()
                    }
                })
                .collect();
            text.push_str(&cells.join("\t"));
            text.push_str("\r\n");
        }
        text
    }

    proptest! {
        #[test]
        fn parse_reads_back_what_excel_writes(
            grid in prop::collection::vec(prop::collection::vec("[a\"\t\n 隐患　]{0,6}", 1..5), 1..6)
        ) {
            prop_assert_eq!(parse(&excel(&grid)), grid);
        }

        #[test]
        fn parse_and_to_rows_never_panic(text in "[a\"\t\r\n\u{FEFF}隐患描述责任人 ]{0,40}") {
            let block = parse(&text);
            let pasted = to_rows(&text, REGISTER_COLUMNS);
            prop_assert!(pasted.rows.len() <= block.len());
        }
    }
}

/// The drop-in's entry: a header row in another order names the fields; without one the cells are
/// left in order for the page's columns; blank rows are skipped; other groups match their labels.
#[test]
fn paste_for_a_group_names_columns_by_official_title() {
    let block = school_safety_forms::paste(
        "risk-register",
        "rows",
        "责任人\t隐患描述\r\n张三\t围墙开裂\r\n\t\r\n李四\t\"电线\n老化\"\r\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(block.columns, Some(vec![Some("responsible".to_owned()), Some("description".to_owned())]));
    assert_eq!(
        block.rows,
        vec![vec!["张三".to_owned(), "围墙开裂".to_owned()], vec!["李四".to_owned(), "电线\n老化".to_owned()]]
    );
    assert_eq!(
        block.to_json(),
        r#"{"columns":["responsible","description"],"rows":[["\u5f20\u4e09","\u56f4\u5899\u5f00\u88c2"],["\u674e\u56db","\u7535\u7ebf\n\u8001\u5316"]]}"#
    );
    let plain =
        school_safety_forms::paste("risk-register", "rows", "围墙开裂\t北门\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plain.columns, None);
    let guards = school_safety_forms::paste("security-checkup", "guards", "保安员姓名\t年龄\n王五\t45\n")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(guards.columns.as_ref().is_some_and(|c| c.first() == Some(&Some("name".to_owned()))), "{guards:?}");
    assert!(school_safety_forms::paste("risk-register", "campuses", "x").is_err());
}
