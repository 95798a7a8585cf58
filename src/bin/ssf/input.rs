//! Reading schools' reports from files: the portal's JSON exports (one report, an array of them,
//! or `{ data, submitted_at }` as received) and CSV whose header row holds field ids
//! (`rows.fire.found`, `rows[i].deadline`) or the official titles (`消防安全·发现隐患数`).
//!
//! A CSV of a form without repeated groups (the daily report) holds one report per line. A CSV of a
//! form with them (the risk register, the check-up) holds one report: each line a row of its
//! groups, the fixed fields taken from the first line that gives them.

use school_safety_forms::engine::report::FieldSpec;
use serde_json::{Map, Value as Json};

/// One school's report and where it came from.
pub struct Source {
    /// The file.
    pub file: String,
    /// The report's place in that file, from 1 (a CSV's line, an array's element).
    pub item: usize,
    /// The report as received (form data, or `{ data, submitted_at }`).
    pub report: Json,
}

/// A mistake in a file that is not a school's: it cannot be read at all.
#[derive(Debug)]
pub struct FileError(pub String);

/// The reports in `text`, read as JSON or CSV by the file's name (`-` is JSON).
pub fn read(file: &str, text: &str, fields: &[FieldSpec]) -> Result<Vec<Source>, FileError> {
    if file.to_ascii_lowercase().ends_with(".csv") {
        return csv(file, text, fields);
    }
    let json: Json = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| FileError(format!("{file}: not JSON ({e})")))?;
    let items = match json {
        Json::Array(items) => items,
        one => vec![one],
    };
    Ok(items.into_iter().enumerate().map(|(i, report)| Source { file: file.to_owned(), item: i + 1, report }).collect())
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
    for (line, record) in reader.records().enumerate() {
        let record = record.map_err(|e| FileError(format!("{file}: line {} ({e})", line + 2)))?;
        let mut rows: Vec<(String, Map<String, Json>)> = Vec::new();
        let mut fresh = Map::new();
        let target = if grouped { &mut one } else { &mut fresh };
        for (cell, col) in record.iter().zip(&columns) {
            match col {
                Column::Fixed(path) if !cell.is_empty() && !has(target, path) => {
                    put(target, path, Json::String(cell.to_owned()))
                }
                Column::Row { group, column } => {
                    let at = match rows.iter().position(|(g, _)| g == group) {
                        Some(at) => at,
                        None => {
                            rows.push((group.clone(), Map::new()));
                            rows.len() - 1
                        }
                    };
                    if let Some((_, row)) = rows.get_mut(at) {
                        row.insert(column.clone(), Json::String(cell.to_owned()));
                    }
                }
                _ => {}
            }
        }
        if grouped {
            for (group, row) in rows {
                if row.values().any(|v| v.as_str().is_some_and(|s| !s.is_empty())) {
                    let list = one.entry(group).or_insert_with(|| Json::Array(Vec::new()));
                    if let Json::Array(list) = list {
                        list.push(Json::Object(row));
                    }
                }
            }
        } else {
            reports.push(Source { file: file.to_owned(), item: line + 2, report: Json::Object(fresh) });
        }
    }
    if grouped {
        reports.push(Source { file: file.to_owned(), item: 1, report: Json::Object(one) });
    }
    Ok(reports)
}

fn has(map: &Map<String, Json>, path: &str) -> bool {
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

fn put(map: &mut Map<String, Json>, path: &str, value: Json) {
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
