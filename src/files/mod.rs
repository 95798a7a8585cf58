//! Schools' files and the district's tables (feature `xlsx`): reading the reports a district
//! receives (the portal's JSON exports, CSV, the official templates as `.xlsx`), checking them with
//! each issue pointing at its cell, and writing a roll-up as the official table (`.xlsx`) or as CSV
//! lines. Shared by the `ssf` command and the district page's module (`src/wasm/district.rs`), so
//! both read a file the same way. It sits over the façade (`lib.rs`), which it calls.

#[cfg(feature = "definitions")]
pub mod definition;
pub mod layout;
pub mod read;
pub mod source;
pub mod xlsx;

use crate::base::date::Instant;
use crate::base::value::Value;
use crate::engine::report::{Aggregate, FieldSpec};
use read::Source;
use serde_json::{json, Value as Json};

/// JSON (serde's) as the engine's [`Value`].
pub fn to_value(json: &Json) -> Value {
    to_value_owned(json.clone())
}

/// The same, taking the JSON (no copy).
pub fn to_value_owned(json: Json) -> Value {
    serde_json::from_value(json).unwrap_or(Value::Null)
}

/// One report's check: `{file, item, valid, issues, computed}`, each issue with the `cell` it
/// points at when the report came from a table. A report as received (`{ data, submitted_at }`)
/// is judged at its arrival, as a roll-up judges it; otherwise at `now`.
pub fn check(kind: &str, source: &Source, options: &Value, now: Instant) -> Json {
    check_by(source, now, |data, at| crate::validate_at(kind, data, options, || at).ok())
}

/// [`check`] with the report's validation given: `validate(data, at)` (a form variant's, from its
/// definition); `None` when the form cannot be compiled.
pub fn check_by(
    source: &Source,
    now: Instant,
    validate: impl FnOnce(&Value, Instant) -> Option<crate::engine::report::Report>,
) -> Json {
    let received = source.report.get("data").zip(source.report.get("submitted_at").and_then(Json::as_str));
    let (data, at) = match received {
        Some((data, at)) => (data, Instant::parse_iso(at)),
        None => (&source.report, None),
    };
    let result = validate(&to_value(data), at.unwrap_or(now))
        .map(|r| serde_json::from_str(&r.to_json()).unwrap_or(Json::Null))
        .unwrap_or(Json::Null);
    let mut issues = result.get("issues").cloned().unwrap_or(Json::Array(Vec::new()));
    if let Json::Array(list) = &mut issues {
        for issue in list.iter_mut() {
            let cell = issue.get("path").and_then(Json::as_str).and_then(|p| source.cell_of(p));
            if let (Some(cell), Json::Object(fields)) = (cell, issue) {
                fields.insert("cell".into(), Json::String(cell));
            }
        }
    }
    json!({
        "file": source.file,
        "item": source.item,
        "valid": result.get("valid").and_then(Json::as_bool).unwrap_or(false),
        "issues": issues,
        "computed": result.get("computed"),
    })
}

/// A roll-up as JSON, each school's issue (`reports[i].…`) given the `file` and the `school` it
/// came from, and its `cell` where its report came from a table: a figure left `null` for it then
/// names the school that must correct what.
pub fn roll_up_json(agg: &Aggregate, sources: &[Source]) -> Json {
    let mut out = serde_json::to_value(agg).unwrap_or(Json::Null);
    if let Some(Json::Array(issues)) = out.get_mut("issues") {
        for issue in issues.iter_mut() {
            let Some(path) = issue.get("path").and_then(Json::as_str) else { continue };
            let Some((index, rest)) = path.strip_prefix("reports[").and_then(|p| p.split_once("].")) else { continue };
            let Some(source) = index.parse::<usize>().ok().and_then(|i| sources.get(i)) else { continue };
            let cell = source.cell_of(rest);
            let Json::Object(fields) = issue else { continue };
            fields.insert("file".into(), Json::String(source.file.clone()));
            if let Some(school) = &source.school {
                fields.insert("school".into(), Json::String(school.clone()));
            }
            if let Some(cell) = cell {
                fields.insert("cell".into(), Json::String(cell));
            }
        }
    }
    out
}

/// A roll-up's figures as lines `(path, title, value)`: every figure of its data in the data's
/// order, then the computed ones the data does not hold (totals, rates), each with its official
/// title where the form has one (the registers' roll-up is titled as the 战果统计表).
pub fn roll_up_lines(kind: &str, roll_up: &Json, profile: &Value) -> Vec<(String, String, String)> {
    let titled = if kind == "risk-register" { "campaign-statistics" } else { kind };
    titled_lines(&crate::describe(titled, profile).unwrap_or_default(), roll_up)
}

/// [`roll_up_lines`] titled by a field table (`describe()` of a form variant's definition).
pub fn titled_lines(titles: &[FieldSpec], roll_up: &Json) -> Vec<(String, String, String)> {
    let mut lines = Vec::new();
    flatten("", roll_up.get("data").unwrap_or(&Json::Null), &mut lines);
    if let Some(Json::Object(computed)) = roll_up.get("computed") {
        for (path, figure) in computed {
            if !lines.iter().any(|(p, _)| p == path) {
                let mut text = Vec::new();
                flatten(path, figure, &mut text);
                lines.extend(text);
            }
        }
    }
    lines
        .into_iter()
        .map(|(path, value)| {
            let title = titles.iter().find(|f| f.path == path).map_or("", |f| f.label.zh.as_str()).to_owned();
            (path, title, value)
        })
        .collect()
}

/// The lines as CSV text (header `path,title,value`), with a BOM so Excel opens it as UTF-8.
pub fn csv_text(lines: &[(String, String, String)]) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["path", "title", "value"]).map_err(|e| e.to_string())?;
    for (path, title, value) in lines {
        w.write_record([path, title, value]).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}

/// A roll-up as its official table (`.xlsx`): the daily reports' sum as a daily report, the
/// registers' as the 战果统计表; a roll-up without one (the check-ups' rates) as its lines.
pub fn roll_up_xlsx(kind: &str, roll_up: &Json, profile: &Value) -> Result<Vec<u8>, String> {
    match layout::Layout::for_roll_up(kind) {
        Some(layout) => xlsx::write(
            &layout,
            roll_up.get("data").unwrap_or(&Json::Null),
            roll_up.get("computed").unwrap_or(&Json::Null),
        ),
        None => xlsx::write_lines("汇总", &roll_up_lines(kind, roll_up, profile)),
    }
}

/// `(path, value)` of every leaf in the data's own order, `null` as an empty cell.
fn flatten(prefix: &str, value: &Json, out: &mut Vec<(String, String)>) {
    let join = |k: &str| if prefix.is_empty() { k.to_owned() } else { format!("{prefix}.{k}") };
    match value {
        Json::Object(entries) => entries.iter().for_each(|(k, v)| flatten(&join(k), v, out)),
        Json::Array(items) => items.iter().enumerate().for_each(|(i, v)| flatten(&format!("{prefix}[{i}]"), v, out)),
        Json::Null => out.push((prefix.to_owned(), String::new())),
        Json::String(s) => out.push((prefix.to_owned(), s.clone())),
        Json::Bool(b) => out.push((prefix.to_owned(), b.to_string())),
        Json::Number(n) => {
            out.push((prefix.to_owned(), n.as_f64().map_or_else(|| n.to_string(), crate::base::value::number_text)))
        }
    }
}
