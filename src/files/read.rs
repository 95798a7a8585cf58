//! Reading schools' reports from files: the portal's JSON exports (one report, an array of them,
//! or `{ data, submitted_at }` as received), CSV whose header row holds field ids
//! (`rows.fire.found`, `rows[i].deadline`) or the official titles (`消防安全·发现隐患数`), and the
//! official templates as `.xlsx` ([`super::xlsx`]). A report read from a table keeps where each of
//! its values came from (`日报表!B7`, a CSV's `C3`), so a school's issue can point at its cell.
//!
//! A CSV of a form without repeated groups (the daily report) holds one report per line. A CSV of a
//! form with them (the risk register, the check-up) holds one report: each line a row of its
//! groups, the fixed fields taken from the first line that gives them.

use super::layout::{cell_name, Layout};
use crate::engine::report::FieldSpec;
use serde_json::{Map, Value as Json};

/// One school's report and where it came from.
pub struct Source {
    /// The file.
    pub file: String,
    /// The report's place in that file, from 1 (a CSV's line, an array's element).
    pub item: usize,
    /// The report as received (form data, or `{ data, submitted_at }`).
    pub report: Json,
    /// Where each value came from, by field path (`rows[2].deadline` → `风险隐患排查表!H6`), and
    /// each row of a group by its own path (`rows[2]` → `风险隐患排查表!A6`); empty for JSON.
    pub cells: Vec<(String, String)>,
}

impl Source {
    /// The cell a path's issue points at: the field's own cell, else its row's, else none.
    pub fn cell_of(&self, path: &str) -> Option<&str> {
        let find = |p: &str| self.cells.iter().find(|(k, _)| k == p).map(|(_, c)| c.as_str());
        find(path).or_else(|| path.rfind(']').and_then(|end| find(path.get(..=end)?)))
    }
}

/// A mistake in a file that is not a school's: it cannot be read at all.
#[derive(Debug)]
pub struct FileError(pub String);

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
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(i, report)| Source { file: file.to_owned(), item: i + 1, report, cells: Vec::new() })
        .collect())
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
type GroupRow = (String, Map<String, Json>, Vec<(String, String)>);

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
    let mut one_cells = Vec::new();
    for (line, record) in reader.records().enumerate() {
        let record = record.map_err(|e| FileError(format!("{file}: line {} ({e})", line + 2)))?;
        let mut rows: Vec<GroupRow> = Vec::new();
        let mut fresh = Map::new();
        let mut fresh_cells = Vec::new();
        let (target, cells) = if grouped { (&mut one, &mut one_cells) } else { (&mut fresh, &mut fresh_cells) };
        // The cell as a spreadsheet opening the CSV names it: column letter, line number.
        let at =
            |i: usize| cell_name(u32::try_from(line + 1).unwrap_or(u32::MAX), u16::try_from(i).unwrap_or(u16::MAX));
        for (i, (cell, col)) in record.iter().zip(&columns).enumerate() {
            match col {
                Column::Fixed(path) if !cell.is_empty() && !has(target, path) => {
                    put(target, path, Json::String(cell.to_owned()));
                    cells.push((path.clone(), at(i)));
                }
                Column::Row { group, column } => {
                    let index = match rows.iter().position(|(g, _, _)| g == group) {
                        Some(index) => index,
                        None => {
                            rows.push((group.clone(), Map::new(), Vec::new()));
                            rows.len() - 1
                        }
                    };
                    if let Some((_, row, row_cells)) = rows.get_mut(index) {
                        row.insert(column.clone(), Json::String(cell.to_owned()));
                        row_cells.push((column.clone(), at(i)));
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
                        let index = list.len();
                        one_cells.push((format!("{group}[{index}]"), at(0)));
                        one_cells.extend(row_cells.into_iter().map(|(c, at)| (format!("{group}[{index}].{c}"), at)));
                        list.push(Json::Object(row));
                    }
                }
            }
        } else {
            reports.push(Source {
                file: file.to_owned(),
                item: line + 2,
                report: Json::Object(fresh),
                cells: fresh_cells,
            });
        }
    }
    if grouped {
        reports.push(Source { file: file.to_owned(), item: 1, report: Json::Object(one), cells: one_cells });
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

pub(super) fn put(map: &mut Map<String, Json>, path: &str, value: Json) {
    match path.split_once('.') {
        None => {
            map.insert(path.to_owned(), value);
        }
        Some((head, rest)) => {
            let inner = map.entry(head.to_owned()).or_insert_with(|| Json::Object(Map::new()));
            if !inner.is_object() {
                *inner = Json::Object(Map::new());
            }
            if let Json::Object(inner) = inner {
                put(inner, rest, value);
            }
        }
    }
}
