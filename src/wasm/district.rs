//! The district page's binding (feature `xlsx`, built by scripts/build into `pkg/district.js`, never
//! into the drop-in's engine): a [`District`] the page's worker feeds one school's file at a time
//! and asks for the roll-up and its official table. The files, their reports and their cells stay
//! here between calls, so a thousand schools' reports never cross back into JavaScript; each call
//! hands back JSON text, which the worker `JSON.parse`s once. The reading and the tables are
//! [`crate::files`], as the `ssf` command reads and writes them.

use super::convert::{into_error, js_now, read_js};
use crate::base::value::Value;
use crate::engine::report::FieldSpec;
use crate::files::layout::Layout;
use crate::files::read::{read, Source};
use crate::files::{self, to_value};
use serde_json::{json, Value as Json};
use wasm_bindgen::prelude::*;

/// One district's files of one form: what the officer dropped, checked, and their roll-up.
#[wasm_bindgen]
pub struct District {
    kind: String,
    /// The roll-up's options (`profile`, `now`, `locale`, `unit`).
    options: Value,
    /// The same without `unit`, which a school's check does not take.
    check_options: Value,
    fields: Vec<FieldSpec>,
    template: Option<Layout>,
    sources: Vec<Source>,
    /// The last roll-up, as JSON, for its tables.
    last: Option<Json>,
}

#[wasm_bindgen]
impl District {
    /// A district of `kind` under `options` (`{profile, now, locale, unit}`); throws on a bad kind
    /// or options, as `aggregate` does.
    #[wasm_bindgen(constructor)]
    pub fn new(kind: &str, options: JsValue) -> Result<District, JsError> {
        let options = read_js(&options);
        let check_options = match &options {
            Value::Map(entries) => Value::Map(entries.iter().filter(|(k, _)| k != "unit").cloned().collect()),
            other => other.clone(),
        };
        crate::validate_at(kind, &Value::Null, &check_options, js_now).map_err(into_error)?;
        let fields = crate::describe(kind, check_options.get("profile").unwrap_or(&Value::Null)).map_err(into_error)?;
        let template = Layout::built_in(kind);
        Ok(District {
            kind: kind.to_owned(),
            options,
            check_options,
            fields,
            template,
            sources: Vec::new(),
            last: None,
        })
    }

    /// Reads one file (a JSON export, a CSV, the filled template as .xlsx, by its name) and checks
    /// each report in it: JSON text `{file, error}` when the file cannot be read at all, else
    /// `{file, reports: [{item, school, valid, issues: [{path, code, severity, message, cell?}]}]}`.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> String {
        match read(name, bytes, &self.fields, self.template.as_ref()) {
            Err(e) => json!({"file": name, "error": e.0}).to_string(),
            Ok(sources) => {
                let now = js_now();
                let reports: Vec<Json> = sources
                    .iter()
                    .map(|s| {
                        let checked = files::check(&self.kind, s, &self.check_options, now);
                        json!({"item": s.item, "school": s.school, "valid": checked.get("valid"), "issues": checked.get("issues")})
                    })
                    .collect();
                self.sources.extend(sources);
                self.last = None;
                json!({"file": name, "reports": reports}).to_string()
            }
        }
    }

    /// How many reports have been read.
    #[wasm_bindgen(getter)]
    pub fn reports(&self) -> usize {
        self.sources.len()
    }

    /// The roll-up of every report read so far, as `aggregate` gives it (JSON text), each school's
    /// issue with the `file` and `cell` it came from.
    #[wasm_bindgen(js_name = rollUp)]
    pub fn roll_up(&mut self) -> Result<String, JsError> {
        let reports = Json::Array(self.sources.iter().map(|s| s.report.clone()).collect());
        let agg = crate::aggregate_at(&self.kind, &to_value(&reports), &self.options, js_now).map_err(into_error)?;
        let json = files::roll_up_json(&agg, &self.sources);
        let text = json.to_string();
        self.last = Some(json);
        Ok(text)
    }

    /// The last roll-up's figures as `[[path, title, value], …]` (JSON text), the CSV's lines, for
    /// the page to show.
    pub fn lines(&mut self) -> Result<String, JsError> {
        if self.last.is_none() {
            self.roll_up()?;
        }
        let last = self.last.as_ref().ok_or_else(|| JsError::new("no roll-up"))?;
        let lines = files::roll_up_lines(&self.kind, last, self.options.get("profile").unwrap_or(&Value::Null));
        serde_json::to_string(&lines).map_err(into_error)
    }

    /// The last roll-up as a file: `"xlsx"`, the official table (the 战果统计表 for registers, a
    /// daily report for daily reports); `"csv"`, its lines `path,title,value`.
    pub fn table(&mut self, format: &str) -> Result<Vec<u8>, JsError> {
        if self.last.is_none() {
            self.roll_up()?;
        }
        let last = self.last.as_ref().ok_or_else(|| JsError::new("no roll-up"))?;
        let profile = self.options.get("profile").unwrap_or(&Value::Null);
        match format {
            "xlsx" => files::roll_up_xlsx(&self.kind, last, profile).map_err(into_error),
            "csv" => files::csv_text(&files::roll_up_lines(&self.kind, last, profile))
                .map(String::into_bytes)
                .map_err(into_error),
            other => Err(JsError::new(&format!("unknown table format \"{other}\" (xlsx or csv)"))),
        }
    }
}
