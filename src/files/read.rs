//! Reading schools' reports from files: the portal's JSON exports (one report, an array of them,
//! or `{ data, submitted_at }` as received), CSV whose header row holds field ids
//! (`rows.fire.found`, `rows[i].deadline`) or the official titles (`消防安全·发现隐患数`), and the
//! official templates as `.xlsx` ([`super::xlsx`]). A report read from a table keeps where each of
//! its values came from (`日报表!B7`, a CSV's `C3`), so a school's issue can point at its cell.
//!
//! A CSV of a form without repeated groups (the daily report) holds one report per line. A CSV of a
//! form with them (the risk register, the check-up) holds one report: each line a row of its
//! groups, the fixed fields taken from the first line that gives them.

use super::layout::Layout;
use super::source::put;
pub use super::source::{school_of, Cells, FileError, GroupCells, Source};
use crate::engine::report::FieldSpec;
use serde_json::{Map, Value as Json};

/// The reports in a file's bytes, read by its name: `.xlsx` as `template` lays the form out, `.csv`
/// by its header row, anything else (and `-`) as JSON.
pub fn read(
    file: &str,
    bytes: &[u8],
    fields: &[FieldSpec],
    template: Option<&Layout>,
) -> Result<Vec<Source>, FileError> {
    let lower = file.to_ascii_lowercase();
    if lower.ends_with(".xlsx") {
        let layout = template.ok_or_else(|| FileError(format!("{file}: this form has no .xlsx template")))?;
        return super::xlsx::read(file, bytes, layout).map(|s| vec![s]);
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| FileError(format!("{file}: not UTF-8 text (save it as UTF-8, or as .xlsx)")))?;
    if lower.ends_with(".csv") {
        return csv(file, text, fields);
    }
    let json: Json = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| FileError(format!("{file}: not JSON ({e})")))?;
    let items = match json {
        Json::Array(items) => items,
        one => vec![one],
    };
    Ok(items.into_iter().enumerate().map(|(i, report)| Source::new(file, i + 1, report, Cells::default())).collect())
}

/// Where a CSV column's values go: a fixed field's path, or a group and its column.
enum Column {
    Fixed(String),
    Row { group: String, column: String },
    Unknown,
}

fn column(title: &str, fields: &[FieldSpec]) -> Column {
    let title = title.trim();
    let spec = fields.iter().find(|f| f.path == title || f.label.zh == title || f.label.en == title);
    let path = spec.map_or(title, |f| f.path.as_str());
    match path.split_once("[i].") {
        Some((group, column)) => Column::Row { group: group.to_owned(), column: column.to_owned() },
        None if spec.is_some() => Column::Fixed(path.to_owned()),
        None => Column::Unknown,
    }
}

/// One line's row of a group: the group, the row's fields, and the cell of each.
type GroupRow = (String, Map<String, Json>, Vec<(String, u16)>);

fn csv(file: &str, text: &str, fields: &[FieldSpec]) -> Result<Vec<Source>, FileError> {
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().map_err(|e| FileError(format!("{file}: no header row ({e})")))?.clone();
    let columns: Vec<Column> = headers.iter().map(|h| column(h, fields)).collect();
    if let Some(unknown) = headers.iter().zip(&columns).find(|(_, c)| matches!(c, Column::Unknown)) {
        return Err(FileError(format!(
            "{file}: column \"{}\" is neither a field id nor an official title of this form",
            unknown.0
        )));
    }
    let grouped = columns.iter().any(|c| matches!(c, Column::Row { .. }));
    let mut reports = Vec::new();
    let mut one = Map::new();
    let mut one_cells = Cells::default();
    for (line, record) in reader.records().enumerate() {
        let record = record.map_err(|e| FileError(format!("{file}: line {} ({e})", line + 2)))?;
        let mut rows: Vec<GroupRow> = Vec::new();
        let mut fresh = Map::new();
        let mut fresh_cells = Cells::default();
        let (target, cells) = if grouped { (&mut one, &mut one_cells) } else { (&mut fresh, &mut fresh_cells) };
        // Cells as a spreadsheet opening the CSV names them: column letter, line number.
        let table_row = u32::try_from(line + 1).unwrap_or(u32::MAX);
        let column = |i: usize| u16::try_from(i).unwrap_or(u16::MAX);
        for (i, (cell, col)) in record.iter().zip(&columns).enumerate() {
            match col {
                Column::Fixed(path) if !cell.is_empty() && !has(target, path) => {
                    put(target, path, Json::String(cell.to_owned()));
                    cells.fixed.push((path.clone(), (table_row, column(i))));
                }
                Column::Row { group, column: field } => {
                    let index = match rows.iter().position(|(g, _, _)| g == group) {
                        Some(index) => index,
                        None => {
                            rows.push((group.clone(), Map::new(), Vec::new()));
                            rows.len() - 1
                        }
                    };
                    if let Some((_, row, row_cells)) = rows.get_mut(index) {
                        row.insert(field.clone(), Json::String(cell.to_owned()));
                        row_cells.push((field.clone(), column(i)));
                    }
                }
                _ => {}
            }
        }
        if grouped {
            for (group, row, row_cells) in rows {
                if row.values().any(|v| v.as_str().is_some_and(|s| !s.is_empty())) {
                    let list = one.entry(group.clone()).or_insert_with(|| Json::Array(Vec::new()));
                    if let Json::Array(list) = list {
                        list.push(Json::Object(row));
                    }
                    let at = match one_cells.groups.iter().position(|g| g.group == group) {
                        Some(at) => at,
                        None => {
                            one_cells.groups.push(GroupCells { group, columns: row_cells, rows: Vec::new() });
                            one_cells.groups.len() - 1
                        }
                    };
                    if let Some(g) = one_cells.groups.get_mut(at) {
                        g.rows.push(table_row);
                    }
                }
            }
        } else {
            reports.push(Source::new(file, line + 2, Json::Object(fresh), fresh_cells));
        }
    }
    if grouped {
        reports.push(Source::new(file, 1, Json::Object(one), one_cells));
    }
    Ok(reports)
}

pub(super) fn has(map: &Map<String, Json>, path: &str) -> bool {
    let mut at = map;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        match (at.get(part), parts.peek()) {
            (Some(_), None) => return true,
            (Some(Json::Object(inner)), Some(_)) => at = inner,
            _ => return false,
        }
    }
    false
}
