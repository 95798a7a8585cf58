//! What reading a school's file gives, whatever its format: the report, where each of its values
//! came from (its cells), and the mistake when the file cannot be read at all. Shared by the readers
//! of JSON and CSV (`read`) and of the official templates (`xlsx`), which `read` calls.

use super::layout::cell_name;
use serde_json::{Map, Value as Json};

/// One school's report and where it came from.
pub struct Source {
    /// The file.
    pub file: String,
    /// The report's place in that file, from 1 (a CSV's line, an array's element).
    pub item: usize,
    /// The report as received (form data, or `{ data, submitted_at }`).
    pub report: Json,
    /// Where each value came from; none for JSON.
    pub cells: Cells,
    /// The school the report names (the check-up's `school`, else the reporting `unit`), kept for
    /// the roll-up's issues after the report itself has gone into the roll-up.
    pub school: Option<String>,
}

impl Source {
    /// A report read from `file` (its `item`-th), with where its values came from.
    pub fn new(file: &str, item: usize, report: Json, cells: Cells) -> Source {
        let school = school_of(&report);
        Source { file: file.to_owned(), item, report, cells, school }
    }

    /// The cell a path's issue points at (`rows[2].deadline` → `风险隐患排查表!H6`, `rows[2]` → its
    /// row's first cell), if the report came from a table.
    pub fn cell_of(&self, path: &str) -> Option<String> {
        self.cells.cell_of(path)
    }
}

/// The school a report names: the check-up's `school`, else the reporting `unit`, of its data when
/// it came as received (`{ data, submitted_at }`, as `aggregate` reads it).
pub fn school_of(report: &Json) -> Option<String> {
    let wrapped = report
        .as_object()
        .is_some_and(|o| o.contains_key("data") && o.keys().all(|k| k == "data" || k == "submitted_at"));
    let data = if wrapped { report.get("data").unwrap_or(report) } else { report };
    ["school", "unit"]
        .iter()
        .find_map(|k| Some(data.get(*k)?.as_str()?.trim()).filter(|s| !s.is_empty()).map(str::to_owned))
}

/// Where a table's report came from, kept as positions (a register of 1,000 rows would otherwise
/// hold 13,000 cell names) and named on demand, when an issue asks.
#[derive(Debug, Clone, Default)]
pub struct Cells {
    /// `日报表!` for a sheet, empty for a CSV (whose cells a spreadsheet names `C3`).
    pub prefix: String,
    /// Fixed fields by path, at `(row, column)` from 0.
    pub fixed: Vec<(String, (u32, u16))>,
    /// Each repeated group's rows.
    pub groups: Vec<GroupCells>,
}

/// A repeated group's rows in a table: the column of each field and the table row of each row.
#[derive(Debug, Clone, Default)]
pub struct GroupCells {
    /// The group (`rows`).
    pub group: String,
    /// Each field's column, from 0.
    pub columns: Vec<(String, u16)>,
    /// The table row (from 0) of the group's row `i`.
    pub rows: Vec<u32>,
}

impl Cells {
    /// A path's cell name, if it is a fixed field or in a row of a group read from the table.
    pub fn cell_of(&self, path: &str) -> Option<String> {
        let name = |(r, c): (u32, u16)| format!("{}{}", self.prefix, cell_name(r, c));
        if let Some((_, at)) = self.fixed.iter().find(|(p, _)| p == path) {
            return Some(name(*at));
        }
        let (group, rest) = path.split_once('[')?;
        let g = self.groups.iter().find(|g| g.group == group)?;
        let (index, field) = rest.split_once(']')?;
        let row = *g.rows.get(index.parse::<usize>().ok()?)?;
        let field = field.strip_prefix('.').unwrap_or("");
        let col = g.columns.iter().find(|(f, _)| f == field).or_else(|| g.columns.first())?.1;
        Some(name((row, col)))
    }
}

/// A mistake in a file that is not a school's: it cannot be read at all.
#[derive(Debug)]
pub struct FileError(pub String);

/// Sets `value` at a dotted `path` in a report, making the objects on the way.
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
