//! The official templates as `.xlsx`: a school's filled template read with calamine, a form (a
//! blank template, a school's report, the district's roll-up) written with rust_xlsxwriter, both as
//! a [`Layout`] places the fields. Every mistake in a file names its sheet and cell.

use super::layout::{cell_name, parse_cell, parse_column, parse_range, Layout};
use super::source::{put, Cells, FileError, GroupCells, Source};
use crate::base::date::Date;
use crate::base::value::number_text;
use calamine::{Data, Range, Reader, Xlsx};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use serde_json::{Map, Value as Json};
use std::io::Cursor;

/// Excel's day number of 1970-01-01 (its serial dates count from 1899-12-30).
const EXCEL_UNIX_EPOCH: f64 = 25_569.0;

/// A school's report from its filled template: the fixed fields from their cells, the group's rows
/// from `first_row` down to the footer (blank rows skipped). A file that is not this template (no
/// sheet, a header that names another column) is refused naming the cell; a cell holding something
/// the form cannot read is passed on as it is, so the engine's issue lands on that cell.
pub fn read(file: &str, bytes: &[u8], layout: &Layout) -> Result<Source, FileError> {
    let mut book =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| FileError(format!("{file}: not an .xlsx workbook ({e})")))?;
    let names = book.sheet_names();
    // A school may rename the sheet: the template's name first, else the first sheet.
    let sheet = names.iter().find(|n| **n == layout.sheet).or_else(|| names.first()).cloned();
    let sheet = sheet.ok_or_else(|| FileError(format!("{file}: the workbook has no worksheet")))?;
    let range = book.worksheet_range(&sheet).map_err(|e| FileError(format!("{file}: {sheet}: {e}")))?;
    let at = |row: u32, col: u16| format!("{sheet}!{}", cell_name(row, col));
    let mut report = Map::new();
    let mut cells = Cells { prefix: format!("{sheet}!"), ..Cells::default() };
    // A form without a table (the daily report) is told from another form's template by its
    // printed text: more of it as printed than overwritten, where a school may have typed over a
    // line or two.
    if layout.table.is_none() {
        let printed: Vec<((u32, u16), &String)> =
            layout.text.iter().filter_map(|(cell, t)| Some((parse_cell(cell)?, t))).collect();
        let here = |pos: (u32, u16)| text(&range, pos).trim().to_owned();
        let same = printed.iter().filter(|(pos, t)| here(*pos) == t.trim()).count();
        let differs: Vec<&((u32, u16), &String)> =
            printed.iter().filter(|(pos, t)| !here(*pos).is_empty() && here(*pos) != t.trim()).collect();
        if let Some(((row, col), t)) = differs.first().filter(|_| differs.len() > same) {
            return Err(FileError(format!(
                "{file}: {} holds \"{}\" where the template ({}) has \"{}\": not this form's template",
                at(*row, *col),
                text(&range, (*row, *col)).trim(),
                layout.name,
                t.trim()
            )));
        }
    }
    // Every field keeps its cell, a blank one too: "required" points where to type.
    for (cell, path) in &layout.fields {
        let Some(pos) = parse_cell(cell) else { continue };
        if let Some(value) = value(&range, pos) {
            put(&mut report, path, value);
        }
        cells.fixed.push((path.clone(), pos));
    }
    if let Some(table) = &layout.table {
        let columns: Vec<(u16, &str)> =
            table.columns.iter().filter_map(|c| Some((parse_column(&c.col)?, c.field.as_str()))).collect();
        // The header row says whether this is the template at all: each heading as the template
        // prints it, or the field's id.
        for (c, (col, field)) in table.columns.iter().zip(&columns) {
            let head = text(&range, (table.header_row.saturating_sub(1), *col));
            let known = head.trim() == c.title || head.trim() == *field || head.trim().is_empty();
            if !known {
                return Err(FileError(format!(
                    "{file}: {} holds \"{}\" where the template ({}) has \"{}\": not this form's template",
                    at(table.header_row.saturating_sub(1), *col),
                    head.trim(),
                    layout.name,
                    c.title
                )));
            }
        }
        let last = range.end().map_or(0, |(r, _)| r);
        let footer = table.footer.as_deref().and_then(|f| f.get(..f.char_indices().nth(2).map_or(f.len(), |(i, _)| i)));
        let mut rows = Vec::new();
        let mut group = GroupCells {
            group: table.group.clone(),
            columns: columns.iter().map(|(c, f)| ((*f).to_owned(), *c)).collect(),
            rows: Vec::new(),
        };
        for row in table.first_row.saturating_sub(1)..=last {
            let first = text(&range, (row, columns.first().map_or(0, |c| c.0)));
            if footer.is_some_and(|f| first.trim_start().starts_with(f)) {
                break;
            }
            let mut fields = Map::new();
            for (col, field) in &columns {
                if let Some(v) = value(&range, (row, *col)) {
                    fields.insert((*field).to_owned(), v);
                }
            }
            if fields.is_empty() {
                continue;
            }
            group.rows.push(row);
            rows.push(Json::Object(fields));
        }
        report.insert(table.group.clone(), Json::Array(rows));
        cells.groups.push(group);
    }
    Ok(Source::new(file, 1, Json::Object(report), cells))
}

/// A cell's value as the form reads it: text as typed, a number as a number, a date cell as its
/// ISO date (a time of day kept), an error cell (`#DIV/0!`) as its text; `None` when blank.
fn value(range: &Range<Data>, (row, col): (u32, u16)) -> Option<Json> {
    match range.get_value((row, u32::from(col)))? {
        Data::Empty => None,
        Data::String(s) if s.trim().is_empty() => None,
        Data::String(s) => Some(Json::String(s.clone())),
        Data::Int(n) => Some(Json::from(*n)),
        Data::Float(x) => serde_json::Number::from_f64(*x).map(Json::Number),
        Data::Bool(b) => Some(Json::Bool(*b)),
        Data::DateTime(d) => Some(Json::String(excel_date(d.as_f64()))),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Some(Json::String(s.clone())),
        Data::Error(e) => Some(Json::String(format!("#{e:?}"))),
    }
}

/// A cell's text, blank when it holds none.
fn text(range: &Range<Data>, (row, col): (u32, u16)) -> String {
    match range.get_value((row, u32::from(col))) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Int(n)) => n.to_string(),
        Some(Data::Float(x)) => number_text(*x),
        _ => String::new(),
    }
}

/// An Excel serial date as ISO 8601: `44369` → `2021-06-22`; with a time of day, `…T15:30:00`.
pub fn excel_date(serial: f64) -> String {
    let days = serial.floor();
    let mut out = String::new();
    Date::from_days_since_epoch((days - EXCEL_UNIX_EPOCH) as i64).push_iso(&mut out);
    let seconds = ((serial - days) * 86_400.0).round() as u32;
    if seconds > 0 && seconds < 86_400 {
        out.push_str(&format!("T{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60));
    }
    out
}

/// The value at a dotted path of form data (`rows.fire.found`, `rows[2].deadline`).
fn at_path<'a>(data: &'a Json, path: &str) -> Option<&'a Json> {
    let mut at = data;
    for part in path.split('.') {
        at = match part.split_once('[') {
            Some((key, index)) => at.get(key)?.get(index.trim_end_matches(']').parse::<usize>().ok()?)?,
            None => at.get(part)?,
        };
    }
    Some(at)
}

/// `data` (and the engine's `computed` figures, for the cells the data leaves empty) written into
/// the template: a blank template when both are empty. Numbers are written as numbers, so the
/// table sums in Excel; everything else as text, as typed.
pub fn write(layout: &Layout, data: &Json, computed: &Json) -> Result<Vec<u8>, String> {
    write_book(layout, data, computed).map_err(|e| format!("writing the {} .xlsx: {e}", layout.name))
}

fn write_book(layout: &Layout, data: &Json, computed: &Json) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(&layout.sheet)?;
    let title = Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center);
    let boxed = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let heading = boxed.clone().set_bold().set_align(FormatAlign::Center);
    for (col, width) in &layout.widths {
        if let Some(c) = parse_column(col) {
            sheet.set_column_width(c, *width)?;
        }
    }
    // The title is the first merged range's first cell; the rest of the wording is plain.
    let title_cell = layout.merge.first().and_then(|r| parse_range(r)).map(|(a, _)| a);
    for range in &layout.merge {
        if let Some(((r1, c1), (r2, c2))) = parse_range(range) {
            let wording = layout.text.get(&cell_name(r1, c1)).map_or("", String::as_str);
            let format = if Some((r1, c1)) == title_cell { &title } else { &Format::new().set_text_wrap() };
            sheet.merge_range(r1, c1, r2, c2, wording, format)?;
        }
    }
    let merged_first: Vec<(u32, u16)> = layout.merge.iter().filter_map(|r| parse_range(r)).map(|(a, _)| a).collect();
    // Under the title and the unit's line (rows 1 and 2) is the table: its wording boxed and bold.
    let in_table = |r: u32| r >= 2;
    for (cell, wording) in &layout.text {
        let Some((r, c)) = parse_cell(cell) else { continue };
        if merged_first.contains(&(r, c)) {
            continue;
        }
        if in_table(r) {
            sheet.write_string_with_format(r, c, wording, &heading)?;
        } else {
            sheet.write_string(r, c, wording)?;
        }
    }
    for (cell, path) in layout.fields.iter().chain(&layout.outputs) {
        let Some((r, c)) = parse_cell(cell) else { continue };
        let value = at_path(data, path).filter(|v| !v.is_null()).or_else(|| computed.get(path.as_str()));
        let format = if in_table(r) { &boxed } else { &Format::new() };
        write_value(sheet, r, c, value, format)?;
    }
    if let Some(table) = &layout.table {
        for c in &table.columns {
            if let Some(col) = parse_column(&c.col) {
                sheet.write_string_with_format(table.header_row.saturating_sub(1), col, &c.title, &heading)?;
            }
        }
        let rows = data.get(&table.group).and_then(Json::as_array).map_or(&[][..], Vec::as_slice);
        let first = table.first_row.saturating_sub(1);
        for (i, row) in rows.iter().enumerate() {
            let r = first + u32::try_from(i).unwrap_or(u32::MAX - first);
            for c in &table.columns {
                if let Some(col) = parse_column(&c.col) {
                    write_value(sheet, r, col, row.get(&c.field), &boxed)?;
                }
            }
        }
        if let Some(footer) = &table.footer {
            let r = first + u32::try_from(rows.len()).unwrap_or(0);
            sheet.write_string(r, 0, footer)?;
        }
    }
    book.save_to_buffer()
}

fn write_value(
    sheet: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    c: u16,
    value: Option<&Json>,
    format: &Format,
) -> Result<(), XlsxError> {
    match value {
        Some(Json::Number(n)) => sheet.write_number_with_format(r, c, n.as_f64().unwrap_or(0.0), format).map(|_| ()),
        Some(Json::String(s)) => sheet.write_string_with_format(r, c, s, format).map(|_| ()),
        Some(Json::Bool(b)) => sheet.write_string_with_format(r, c, if *b { "是" } else { "否" }, format).map(|_| ()),
        Some(Json::Array(items)) => {
            let text: Vec<String> =
                items.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).collect();
            sheet.write_string_with_format(r, c, text.join("、"), format).map(|_| ())
        }
        _ => sheet.write_blank(r, c, format).map(|_| ()),
    }
}

/// Lines `(path, title, value)` as one sheet, for a roll-up whose form has no official table (the
/// check-ups' rates).
pub fn write_lines(sheet_name: &str, lines: &[(String, String, String)]) -> Result<Vec<u8>, String> {
    let go = || -> Result<Vec<u8>, XlsxError> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name)?;
        let bold = Format::new().set_bold();
        for (c, head) in ["path", "title", "value"].iter().enumerate() {
            sheet.write_string_with_format(0, u16::try_from(c).unwrap_or(0), *head, &bold)?;
        }
        sheet.set_column_width(0, 40)?;
        sheet.set_column_width(1, 30)?;
        for (i, (path, title, value)) in lines.iter().enumerate() {
            let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
            sheet.write_string(r, 0, path)?;
            sheet.write_string(r, 1, title)?;
            match value.parse::<f64>() {
                Ok(n) if n.is_finite() => sheet.write_number(r, 2, n)?,
                _ => sheet.write_string(r, 2, value)?,
            };
        }
        book.save_to_buffer()
    };
    go().map_err(|e| format!("writing the .xlsx: {e}"))
}
