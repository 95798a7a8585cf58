//! A template's layout: which cell of the official table holds which field, the wording the table
//! prints, where a repeated group's rows start. Layouts are data (`forms/templates/*.json`, one per
//! template, read here at compile time with `include_str!`), so that a form defined as data can
//! carry its own template's layout and a variant's template needs no code; `ssf --template FILE`
//! reads another one at run time.

use serde::Deserialize;
use std::collections::BTreeMap;

/// One template: the official table a form is filled in or a roll-up is written as.
#[derive(Debug, Clone, Deserialize)]
pub struct Layout {
    /// The form it holds (`daily-report` …).
    pub form: String,
    /// Its short official name (日报表), for messages and file names.
    pub name: String,
    /// The seed and attachment it follows.
    pub source: String,
    /// The worksheet's name; a file whose sheets are named otherwise is read from its first sheet.
    pub sheet: String,
    /// Column widths by column letter, for the written table.
    #[serde(default)]
    pub widths: BTreeMap<String, f64>,
    /// Merged ranges (`A1:E1`) of the written table.
    #[serde(default)]
    pub merge: Vec<String>,
    /// The table's own wording by cell (title, labels, headings, notes): written, never read.
    #[serde(default)]
    pub text: BTreeMap<String, String>,
    /// Field paths by cell: read from a school's file and written.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// Computed figures by cell (合计): written, not read, since the engine computes them.
    #[serde(default)]
    pub outputs: BTreeMap<String, String>,
    /// A repeated group's rows, one row of the sheet each.
    #[serde(default)]
    pub table: Option<Table>,
}

/// A repeated group laid out as rows under a header row.
#[derive(Debug, Clone, Deserialize)]
pub struct Table {
    /// The group (`rows`, `guards`).
    pub group: String,
    /// The header row's number (from 1, as the spreadsheet shows it).
    pub header_row: u32,
    /// The first data row's number.
    pub first_row: u32,
    /// The columns, each a field of the group's rows.
    pub columns: Vec<Column>,
    /// The note printed under the rows; reading stops at a row starting with it.
    #[serde(default)]
    pub footer: Option<String>,
}

/// One column of a [`Table`].
#[derive(Debug, Clone, Deserialize)]
pub struct Column {
    /// The column's letter (`B`).
    pub col: String,
    /// The row field it holds (`description`).
    pub field: String,
    /// Its heading in the header row (隐患描述).
    pub title: String,
}

/// The templates this crate carries, by form.
pub const BUILT_IN: [(&str, &str); 4] = [
    ("daily-report", include_str!("../../forms/templates/daily-report.json")),
    ("risk-register", include_str!("../../forms/templates/risk-register.json")),
    ("security-checkup", include_str!("../../forms/templates/security-checkup.json")),
    ("campaign-statistics", include_str!("../../forms/templates/campaign-statistics.json")),
];

impl Layout {
    /// A layout from its JSON text; every cell reference is checked, so a layout that loads
    /// cannot name a cell that does not exist.
    pub fn from_json(text: &str) -> Result<Layout, String> {
        let layout: Layout = serde_json::from_str(text).map_err(|e| format!("not a template layout: {e}"))?;
        let cells = layout.text.keys().chain(layout.fields.keys()).chain(layout.outputs.keys());
        for cell in cells {
            parse_cell(cell).ok_or_else(|| format!("template layout: \"{cell}\" is not a cell (A1, B12 …)"))?;
        }
        for range in &layout.merge {
            parse_range(range).ok_or_else(|| format!("template layout: \"{range}\" is not a range (A1:E1)"))?;
        }
        if let Some(t) = &layout.table {
            if t.header_row == 0 || t.first_row <= t.header_row {
                return Err("template layout: the table's first_row must follow its header_row (from 1)".into());
            }
            for c in &t.columns {
                parse_column(&c.col).ok_or_else(|| format!("template layout: \"{}\" is not a column", c.col))?;
            }
        }
        Ok(layout)
    }

    /// The built-in template of `form` (the seed's own table), if it has one.
    pub fn built_in(form: &str) -> Option<Layout> {
        BUILT_IN.iter().find(|(f, _)| *f == form).and_then(|(_, text)| Layout::from_json(text).ok())
    }

    /// The official table a roll-up of `form` is written as: the daily reports' sum is a daily
    /// report, the registers' is the 战果统计表 (seed 004 附件3). The check-ups' rates have no
    /// official table.
    pub fn for_roll_up(form: &str) -> Option<Layout> {
        match form {
            "daily-report" => Layout::built_in("daily-report"),
            "risk-register" => Layout::built_in("campaign-statistics"),
            _ => None,
        }
    }
}

/// `(row, column)` from 0 of a cell reference such as `B12`.
pub fn parse_cell(cell: &str) -> Option<(u32, u16)> {
    let split = cell.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = cell.split_at(split);
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, parse_column(letters)?))
}

/// A column's index from 0 (`A` → 0, `AA` → 26), up to Excel's last column XFD.
pub fn parse_column(letters: &str) -> Option<u16> {
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut n: u32 = 0;
    for c in letters.chars() {
        if !c.is_ascii_uppercase() {
            return None;
        }
        n = n * 26 + (c as u32 - 'A' as u32 + 1);
    }
    u16::try_from(n - 1).ok().filter(|&c| c < 16_384)
}

/// `A1:E1` as its two corners.
pub fn parse_range(range: &str) -> Option<((u32, u16), (u32, u16))> {
    let (a, b) = range.split_once(':')?;
    Some((parse_cell(a)?, parse_cell(b)?))
}

/// A cell reference from `(row, column)` from 0: `(11, 1)` → `B12`.
pub fn cell_name(row: u32, col: u16) -> String {
    let mut letters = Vec::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(u64::from(row) + 1).to_string()
}
