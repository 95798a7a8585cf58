//! The JavaScript binding: every export converts its arguments, calls the core, converts back.
//! Nothing here decides anything; misuse becomes a real `Error` through [`into_error`].
//!
//! Data crosses once: js/pack.js walks it by the form's key tree into the JSON text of one array
//! of cells, no key spelled out (`schema::Layout`, `json::load_positional`); whatever pack.js
//! cannot pack exactly, the engine `JSON.stringify`s and reads (a cyclic or BigInt-holding object
//! falls back to a depth-limited walk). A keystroke passes a path and a value. Results come back
//! as objects: a small one (a keystroke's changes, a fixed form's result) set property by property
//! from strings made once, a large one (a register's) as one JSON string turned into objects by
//! `JSON.parse`, whichever is cheaper (BENCHMARKS.md).

use crate::base::date::Instant;
use crate::base::limits::{MAX_DEPTH, MAX_INPUT_BYTES};
use crate::base::value::{Scalar, Value};
use crate::engine::session::Session;
use crate::Validator as Core;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Talc instead of the default dlmalloc: 2.9 KB gzip smaller in wasm at the same speed (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A form kind of the public contract. */
export type FormKind = "daily-report" | "inspection-checklist" | "security-checkup" | "risk-register" | "campaign-statistics";
/** Message language; zh-CN is the default. */
export type Locale = "zh-CN" | "en";
/** A field value as the browser gives it, or typed. */
export type FieldValue = string | number | boolean | null | undefined;
/** Form data: nested objects (`{rows: {fire: {found: "3"}}}`) or dotted paths (`{"rows.fire.found": "3"}`). */
export interface FormData { [key: string]: FieldValue | FormData | FormData[] }
/** Both languages of a label or title. */
export interface Localized { "zh-CN": string; en: string }
/** A portal-supplied profile: extends a built-in one and overrides parts of it. */
export interface ProfileData {
  id: string;
  extends?: string;
  title?: string | Localized;
  severities?: { [code: string]: "error" | "warning" | "off" };
  daily_report?: {
    categories?: { id: string; label: string | Localized }[];
    key_period?: { start: string; end: string } | null;
    deadline?: string | null;
    cumulative?: boolean;
  };
  risk_register?: { police_station_required?: boolean };
}
/** Options of validate() and FormSession. */
export interface ValidateOptions {
  /** A built-in profile id (default "zhejiang-wenzhou-2021") or a portal-supplied profile. */
  profile?: string | ProfileData;
  locale?: Locale;
  /** The portal's server time, ISO 8601 with offset ("2021-06-22T15:40:00+08:00"). */
  now?: string;
  /** The same unit's previous report, for cumulative counts. */
  previous?: FormData;
}
/** Options of aggregate(). */
export interface AggregateOptions {
  profile?: string | ProfileData;
  locale?: Locale;
  now?: string;
  /** The district's own unit name for the summed report. */
  unit?: string;
}
export type Severity = "error" | "warning";
export interface Issue { path: string; code: string; severity: Severity; message: string }
/** A computed value: a number, boolean, text or list, or null where not computable yet. */
export type ComputedValue = number | boolean | string | number[] | null;
/** Computed fields by path. */
export interface Computed { [path: string]: ComputedValue }
export interface ValidationResult { valid: boolean; issues: Issue[]; computed: Computed }
/** Rows inserted or removed, as Array.prototype.splice: later rows' paths move by inserted − removed. */
export interface RowSplice { group: string; index: number; removed: number; inserted: number }
/** What one FormSession operation changed: only the affected paths (an empty list means cleared),
 *  numbered after the row splices, which come first when rows moved. */
export interface SessionChanges { issues: { [path: string]: Issue[] }; computed: Computed; rows?: RowSplice[] }
export interface FieldDescription {
  path: string;
  label: Localized;
  type: "text" | "date" | "count" | "percent" | "choice" | "yes_no" | "boolean" | "list";
  required: boolean;
  computed: boolean;
  /** Personal information (a person's name, resident ID, phone number), by the form or the
   *  profile's `personal` list: the drop-in keeps it out of plain-text drafts. Absent when not. */
  personal?: true;
  /** A choice field's options: English id and official Chinese wording. */
  options?: { id: string; label: string }[];
  /** The repeated group a column belongs to ("rows"); its path reads "rows[i].column". */
  group?: string;
}
export interface ProfileInfo { id: string; title: Localized; source: string }
/** A district's roll-up. Daily reports: `data` is one report of the same shape, their sums.
 *  Security check-ups: `data` holds the "three 100 %" rates (closed_management, police_linked,
 *  urban_guards), each with the schools that fall short. Risk registers: `data` is the campaign
 *  statistics (战果统计表), which `validate("campaign-statistics", data)` checks. `computed` has the
 *  same figures flat. */
export interface AggregateResult extends ValidationResult { data: FormData | CheckupRates | CampaignStatistics }
export interface StatusCounts { found: number; done: number; in_progress: number; overdue: number }
export interface CampaignStatistics {
  unit: string | null;
  report_date: string | null;
  schools_inspected: number;
  risks_found: number;
  risks_done: number;
  risks_in_progress: number;
  risks_overdue: number;
  by_category: { [category: string]: StatusCounts };
}
export interface Rate { numerator: number; denominator: number; percent: number | null; short: { index: number; school: string | null }[] }
/** A pasted spreadsheet block: rows of cells; with a header row, the field each column fills. */
export interface PastedRows { columns: (string | null)[] | null; rows: string[][] }
export interface CheckupRates {
  unit: string | null;
  report_date: string | null;
  schools: number;
  rates: { closed_management: Rate; police_linked: Rate; urban_guards: Rate };
}
"#;

/// Misuse (bad kind, options or profile) as a JavaScript `Error`.
fn into_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// JavaScript's clock: `std::time` is not available in wasm32-unknown-unknown.
fn js_now() -> Instant {
    Instant { unix_ms: js_sys::Date::now() as i64 }
}

/// Reads a JavaScript value into the core's [`Value`] without JSON: the fallback for objects
/// `JSON.stringify` refuses (cycles, BigInts, absurd depth). It never fails (functions and symbols
/// read as empty) and stops at [`MAX_DEPTH`], marking what it did not read as [`Value::Cut`].
fn read(js: &JsValue, depth: usize) -> Value {
    if let Some(s) = js.as_string() {
        return Value::Text(s);
    }
    if let Some(n) = js.as_f64() {
        return Value::Number(n);
    }
    if let Some(b) = js.as_bool() {
        return Value::Bool(b);
    }
    if js.is_null() || js.is_undefined() {
        return Value::Null;
    }
    if !js.is_object() {
        return Value::Null;
    }
    if depth > MAX_DEPTH {
        return Value::Cut;
    }
    if js_sys::Array::is_array(js) {
        let items = js.unchecked_ref::<js_sys::Array>().iter();
        return Value::List(items.map(|item| read(&item, depth + 1)).collect());
    }
    let pairs = js_sys::Object::entries(js.unchecked_ref());
    let entries = pairs.iter().filter_map(|pair| {
        let pair = pair.unchecked_into::<js_sys::Array>();
        Some((pair.get(0).as_string()?, read(&pair.get(1), depth + 1)))
    });
    Value::Map(entries.collect())
}

/// Options, profiles and row data: small, read through JSON like data.
fn read_js(js: &JsValue) -> Value {
    match json_text(js) {
        Some(text) => crate::input::json::parse(&text, MAX_DEPTH + 1),
        None => read(js, 0),
    }
}

/// `JSON.stringify(js)`, or `None` when it throws or gives `undefined`.
fn json_text(js: &JsValue) -> Option<String> {
    if js.is_undefined() {
        return Some("null".into());
    }
    js_sys::JSON::stringify(js).ok()?.as_string()
}

/// A value of the core as JavaScript data, built directly (the cold results: `describe()`,
/// `profiles()`, `aggregate()`'s summed report).
fn value_js(value: &Value) -> JsValue {
    match value {
        Value::Null | Value::Cut => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(*n),
        Value::Text(t) => JsValue::from_str(t),
        Value::List(items) => items.iter().map(value_js).collect::<js_sys::Array>().into(),
        Value::Map(entries) => {
            // Keys of the engine's own summed report: field names and profile category ids.
            let out = plain();
            for (k, v) in entries {
                out.put(&JsValue::from_str(k), &value_js(v));
            }
            out.into()
        }
    }
}

/// `{"zh-CN", en}`.
fn localized_js(text: &crate::base::text::Localized) -> JsValue {
    let out = plain();
    out.put(&key("zh-CN"), &JsValue::from_str(&text.zh));
    out.put(&key("en"), &JsValue::from_str(&text.en));
    out.into()
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` bound without a catch wrapper: the engine only hands it JSON it wrote itself.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str) -> JsValue;
}

/// A result written as JSON text by the core, made objects by `JSON.parse` (one crossing).
fn from_json(text: &str) -> Result<JsValue, JsError> {
    Ok(json_parse(text))
}

/// One field value as the browser gives it.
fn scalar(js: &JsValue) -> Scalar {
    if let Some(s) = js.as_string() {
        Scalar::Text(s)
    } else if let Some(n) = js.as_f64() {
        Scalar::Number(n)
    } else if let Some(b) = js.as_bool() {
        Scalar::Bool(b)
    } else if js.is_null() || js.is_undefined() {
        Scalar::Empty
    } else {
        Scalar::Invalid
    }
}

#[wasm_bindgen(module = "/js/pack.js")]
extern "C" {
    /// js/pack.js: the key tree of [`crate::schema::Layout::text`], made ready for [`pack`].
    fn layout(text: &str) -> JsValue;
    /// js/pack.js: packs the data into one array of cells and says at least how many bytes its
    /// JSON text takes, or -1 where it cannot.
    fn pack(data: &JsValue, layout: &JsValue) -> f64;
    /// js/pack.js: writes that text into `into` (a view of wasm memory); how many bytes it took,
    /// or -1 where it did not fit.
    fn write(into: &mut [u8]) -> f64;
}

/// A compiled validator and, for a form whose data can cross positionally, its key tree for [`pack`].
#[derive(Clone)]
struct Compiled {
    core: Core,
    layout: Option<JsValue>,
    /// The JS strings of the fixed fields' paths, by field id, made as results first name them.
    paths: Rc<RefCell<Vec<Option<JsValue>>>>,
    /// The fixed cells of the last packed check, read into by the next.
    spare: Rc<RefCell<crate::input::cells::Spare>>,
}

impl Compiled {
    fn new(core: Core) -> Compiled {
        let layout = core.layout().map(layout);
        Compiled { core, layout, paths: Rc::default(), spare: Rc::default() }
    }

    /// Validates JS data: one text in (positional where pack.js can pack it), the result as objects.
    fn validate(&self, data: &JsValue) -> Result<JsValue, JsError> {
        let spare = self.spare.take();
        match self.layout.as_ref().and_then(|layout| check_packed(&self.core, data, layout, spare)) {
            Some(checked) => {
                let result = result_js(&checked, &self.paths);
                self.spare.replace(checked.into_spare());
                result
            }
            None => match json_text(data) {
                Some(text) => result_js(&self.core.check_json_at(&text, js_now), &self.paths),
                None => result_js(&self.core.check_at(&read(data, 0), js_now), &self.paths),
            },
        }
    }
}

/// A checked form's result: built property by property when small (a fixed form's), fixed
/// fields named by strings made once per field; through one `JSON.parse` when large (a
/// register's rows).
fn result_js(checked: &Session, paths: &RefCell<Vec<Option<JsValue>>>) -> Result<JsValue, JsError> {
    let issues = checked.all_issues();
    let mut entries = issues.len();
    checked.each_computed(&mut |_, _, _| entries += 1);
    if entries > DIRECT_MAX {
        return from_json(&checked.result_with(issues).to_json());
    }
    let out = plain();
    out.put(&key("valid"), &JsValue::from_bool(!issues.iter().any(crate::engine::report::RenderedIssue::is_error)));
    out.put(&key("issues"), &issue_list(&issues));
    out.put(&key("computed"), &computed_of(checked, paths));
    Ok(out.into())
}

/// A small result's computed values, fixed fields named by strings made once per field.
fn computed_of(checked: &Session, paths: &RefCell<Vec<Option<JsValue>>>) -> Plain {
    let computed = plain();
    let schema = checked.schema();
    // Held while `put` runs a page's setter, which could validate again: that inner result then
    // names its fields without the kept strings, instead of finding them borrowed.
    let mut kept = paths.try_borrow_mut();
    let mut none = Vec::new();
    let paths = kept.as_deref_mut().unwrap_or(&mut none);
    checked.each_computed(&mut |field, position, value| {
        let at = usize::from(field);
        if position.is_none() && paths.len() <= at {
            paths.resize(at + 1, None);
        }
        match paths.get_mut(at).filter(|_| position.is_none()) {
            // Set under the kept string itself: no handle made and dropped for it.
            Some(slot) => {
                let name = slot.get_or_insert_with(|| JsValue::from_str(&schema.path(field, None)));
                put_computed(&computed, name, value);
            }
            None => put_computed(&computed, &key(&schema.path(field, position)), value),
        }
    });
    computed
}

thread_local! {
    /// The bytes a packed text up to [`KEPT_TEXT`] long is written into, kept between calls: a
    /// fixed form's text needs no allocation, zeroing or copy.
    static TEXT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The longest packed text written into [`TEXT`]; a longer one (a register's) gets bytes of its own.
const KEPT_TEXT: usize = 64 * 1024;

/// The data checked through its positional JSON text, written by js/pack.js straight into wasm
/// memory; `None` where it cannot be packed exactly, or is past the input limit (the object form
/// then answers).
fn check_packed(core: &Core, data: &JsValue, layout: &JsValue, spare: crate::input::cells::Spare) -> Option<Session> {
    let bound = pack(data, layout);
    if !(bound >= 0.0 && bound <= 3.0 * MAX_INPUT_BYTES as f64) {
        write(&mut []); // lets go of what `pack` gathered
        return None;
    }
    let room = bound as usize;
    let check = |bytes: &mut [u8]| {
        let written = write(bytes);
        if written < 0.0 {
            return None;
        }
        core.check_packed_at(std::str::from_utf8(bytes.get(..written as usize)?).ok()?, js_now, spare)
    };
    if room > KEPT_TEXT {
        return check(&mut vec![0; room]);
    }
    TEXT.with(|kept| {
        // Held while pack.js and the clock run, which a page could make validate again: that
        // inner check then writes into bytes of its own.
        let Ok(mut kept) = kept.try_borrow_mut() else { return check(&mut vec![0; room]) };
        if kept.len() < room {
            kept.resize(room, 0);
        }
        check(kept.get_mut(..room)?)
    })
}

thread_local! {
    /// Validators compiled by `validate()`, by kind and options text (most recent last).
    static COMPILED: RefCell<Vec<(String, Compiled)>> = const { RefCell::new(Vec::new()) };
}

/// How many option sets `validate()` keeps compiled.
const CACHE: usize = 8;

/// Validates one form's data; throws only on a bad kind, options or profile. Compiles once per
/// kind and options, as `new Validator(kind, options)` does.
#[wasm_bindgen(unchecked_return_type = "ValidationResult")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "FormKind")] kind: &str,
    #[wasm_bindgen(unchecked_param_type = "FormData")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ValidateOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let key = json_text(&options).map(|text| format!("{kind}\u{0}{text}"));
    let cached = key
        .as_ref()
        .and_then(|key| COMPILED.with(|c| c.borrow().iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())));
    let compiled = match cached {
        Some(compiled) => compiled,
        None => {
            let compiled = Compiled::new(Core::new(kind, &read_js(&options)).map_err(into_error)?);
            if let Some(key) = key {
                COMPILED.with(|c| {
                    let mut c = c.borrow_mut();
                    if c.len() >= CACHE {
                        c.remove(0);
                    }
                    c.push((key, compiled.clone()));
                });
            }
            compiled
        }
    };
    compiled.validate(&data)
}

/// A compiled validator: the profile, field table and labels resolved once, as `ajv.compile` does.
#[wasm_bindgen]
pub struct Validator {
    compiled: Compiled,
}

#[wasm_bindgen]
impl Validator {
    /// Compiles `kind` under `options`; throws on a bad kind, options or profile.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FormKind")] kind: &str,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions | undefined")] options: JsValue,
    ) -> Result<Validator, JsError> {
        Ok(Validator { compiled: Compiled::new(Core::new(kind, &read_js(&options)).map_err(into_error)?) })
    }

    /// Validates `data`: the same result as `validate(kind, data, options)`.
    #[wasm_bindgen(unchecked_return_type = "ValidationResult")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormData")] data: JsValue,
    ) -> Result<JsValue, JsError> {
        self.compiled.validate(&data)
    }

    /// Starts a `FormSession` on a blank form.
    pub fn session(&self) -> FormSession {
        FormSession { inner: self.compiled.core.session(js_now) }
    }
}

/// The field list of a form, under a profile (default Wenzhou).
#[wasm_bindgen(unchecked_return_type = "FieldDescription[]")]
pub fn describe(
    #[wasm_bindgen(unchecked_param_type = "FormKind")] kind: &str,
    #[wasm_bindgen(unchecked_param_type = "string | ProfileData | undefined")] profile: JsValue,
) -> Result<JsValue, JsError> {
    let fields = crate::describe(kind, &read_js(&profile)).map_err(into_error)?;
    let field_js = |field: crate::engine::report::FieldSpec| {
        let out = plain();
        out.put(&key("path"), &JsValue::from_str(&field.path));
        out.put(&key("label"), &localized_js(&field.label));
        out.put(&key("type"), &key(field.field_type));
        out.put(&key("required"), &JsValue::from_bool(field.required));
        out.put(&key("computed"), &JsValue::from_bool(field.computed));
        if field.personal {
            out.put(&key("personal"), &JsValue::TRUE);
        }
        if !field.options.is_empty() {
            let option_js = |(id, zh): &(&str, &str)| {
                let option = plain();
                option.put(&key("id"), &JsValue::from_str(id));
                option.put(&key("label"), &JsValue::from_str(zh));
                option
            };
            out.put(&key("options"), &field.options.iter().map(option_js).collect::<js_sys::Array>());
        }
        if let Some(group) = &field.group {
            out.put(&key("group"), &JsValue::from_str(group));
        }
        out
    };
    Ok(fields.into_iter().map(field_js).collect::<js_sys::Array>().into())
}

/// The built-in profiles with their titles.
#[wasm_bindgen(unchecked_return_type = "ProfileInfo[]")]
pub fn profiles() -> Result<JsValue, JsError> {
    let profile_js = |profile: crate::engine::report::ProfileSummary| {
        let out = plain();
        out.put(&key("id"), &JsValue::from_str(&profile.id));
        out.put(&key("title"), &localized_js(&profile.title));
        out.put(&key("source"), &JsValue::from_str(&profile.source));
        out
    };
    Ok(crate::profiles().into_iter().map(profile_js).collect::<js_sys::Array>().into())
}

/// District roll-up: daily reports summed into one report of the same shape; security check-ups
/// into the "three 100 %" rates with the schools that fall short; risk registers into the
/// campaign statistics.
#[wasm_bindgen(unchecked_return_type = "AggregateResult")]
pub fn aggregate(
    #[wasm_bindgen(unchecked_param_type = "FormKind")] kind: &str,
    #[wasm_bindgen(unchecked_param_type = "FormData[]")] reports: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AggregateOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let rollup = crate::aggregate_at(kind, &read_js(&reports), &read_js(&options), js_now).map_err(into_error)?;
    let found = crate::engine::report::Report { valid: rollup.valid, issues: rollup.issues, computed: rollup.computed };
    let out: Plain = from_json(&found.to_json())?.unchecked_into();
    out.put(&key("data"), &value_js(&rollup.data));
    Ok(out.into())
}

/// A block copied from Excel or WPS, read for a repeated group (the drop-in's paste): with a
/// header row of official titles, `columns` names the field each pasted column fills; without
/// one it is `null` and the cells fill the page's columns in order.
#[wasm_bindgen(js_name = pasteRows, unchecked_return_type = "PastedRows")]
pub fn paste_rows(
    #[wasm_bindgen(unchecked_param_type = "FormKind")] kind: &str,
    group: &str,
    text: &str,
) -> Result<JsValue, JsError> {
    from_json(&crate::paste(kind, group, text).map_err(into_error)?.to_json())
}

/// The canonical text of a typed value for a field of `fieldType` (`describe()`'s `type`): ASCII
/// digits for a count, ISO 8601 for a date, a folded phone or ID number; `undefined` when there
/// is nothing to rewrite. The drop-in's `normalise` option writes it back when a field is left.
#[wasm_bindgen]
pub fn canonical(#[wasm_bindgen(js_name = fieldType)] field_type: &str, value: &str) -> Option<String> {
    crate::input::normalise::canonical(field_type, value)
}

/// The official wording of the option `text` names in the choice field at `path`: its id, its
/// wording, or a piece of the wording that names one option unambiguously (`"燃气"` → `"燃气安全"`);
/// `undefined` for none or several. The drop-in puts a pasted or restored value into a `<select>`
/// by it.
#[wasm_bindgen]
pub fn choose(
    #[wasm_bindgen(unchecked_param_type = "FormKind")] kind: &str,
    path: &str,
    text: &str,
) -> Result<Option<String>, JsError> {
    Ok(crate::choose(kind, path, text).map_err(into_error)?.map(str::to_owned))
}

/// A form being filled in: `set(path, value)` returns only what changed.
#[wasm_bindgen]
pub struct FormSession {
    inner: Session,
}

/// A session operation's changes: built property by property when small (a keystroke's),
/// through one `JSON.parse` when large (a paste, a day change across a register).
fn changes(c: &crate::engine::report::Changes) -> Result<JsValue, JsError> {
    if c.issues.iter().map(|(_, list)| list.len() + 1).sum::<usize>() + c.computed.len() > DIRECT_MAX {
        return from_json(&c.to_json());
    }
    let out = plain();
    let issues = plain();
    for (path, list) in &c.issues {
        issues.put(&key(path), &issue_list(list));
    }
    out.put(&key("issues"), &issues);
    out.put(&key("computed"), &computed_js(&c.computed));
    if !c.rows.is_empty() {
        let mut text = String::new();
        c.write_rows(&mut text);
        out.put(&key("rows"), &json_parse(&text));
    }
    Ok(out.into())
}

#[wasm_bindgen]
extern "C" {
    /// A plain object (`js_sys::Object::new()`) the binding fills property by property.
    #[wasm_bindgen(extends = js_sys::Object)]
    type Plain;
    #[wasm_bindgen(method, structural, indexing_setter)]
    fn put(this: &Plain, key: &JsValue, value: &JsValue);
    #[wasm_bindgen(method, structural, indexing_setter)]
    fn put_number(this: &Plain, key: &JsValue, value: f64);
}

fn plain() -> Plain {
    js_sys::Object::new().unchecked_into()
}

/// Results with more entries than this (issues, lists, computed values) go through JSON text:
/// past it, making each path's string costs more than one `JSON.parse`.
const DIRECT_MAX: usize = 64;

/// How many path strings are kept: a direct-mapped table by the top byte of the path's hash.
const KEYS_KEPT: usize = 256;

thread_local! {
    /// JavaScript strings of the paths, codes and messages small results name (and of their own
    /// keys), made once: a keystroke's few changes are built property by property, without JSON text.
    static KEYS: RefCell<Vec<Option<(String, JsValue)>>> = const { RefCell::new(Vec::new()) };
}

/// The JS string of `text`, from the table or made and kept. Keys set with it are the engine's own
/// paths (schema paths; a portal profile's category ids start with a lower-case letter and sit
/// inside dotted paths), codes and field names, never `__proto__`, so plain assignment defines
/// the same own properties `JSON.parse` would.
fn key(text: &str) -> JsValue {
    use std::hash::Hasher;
    let mut hash = crate::engine::session::KeyHasher::default();
    hash.write(text.as_bytes());
    // The top byte: a multiplicative hash's best-mixed bits.
    let slot = hash.finish() >> 56;
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if keys.is_empty() {
            keys.resize_with(KEYS_KEPT, || None);
        }
        match keys.get_mut(slot as usize) {
            Some(Some((kept, js))) if kept == text => js.clone(),
            Some(entry) => {
                let js = JsValue::from_str(text);
                *entry = Some((text.to_owned(), js.clone()));
                js
            }
            None => JsValue::from_str(text),
        }
    })
}

/// Issues as a list of `{path, code, severity, message}`, from strings made once.
fn issue_list(list: &[crate::engine::report::RenderedIssue]) -> js_sys::Array {
    let issue_js = |issue: &crate::engine::report::RenderedIssue| {
        let item = plain();
        item.put(&key("path"), &key(&issue.path));
        item.put(&key("code"), &key(issue.code));
        item.put(&key("severity"), &key(issue.severity));
        item.put(&key("message"), &key(&issue.message));
        item
    };
    list.iter().map(issue_js).collect()
}

/// Computed values by path: numbers, booleans, text and `null` set directly, lists as JSON.
fn computed_js(computed: &[(String, crate::check::findings::Computed)]) -> Plain {
    let out = plain();
    for (path, value) in computed {
        put_computed(&out, &key(path), value);
    }
    out
}

/// Sets one computed value.
fn put_computed(out: &Plain, name: &JsValue, value: &crate::check::findings::Computed) {
    match value {
        crate::check::findings::Computed::Unknown => out.put(name, &JsValue::NULL),
        crate::check::findings::Computed::Bool(b) => out.put(name, &JsValue::from_bool(*b)),
        crate::check::findings::Computed::Text(t) => out.put(name, &key(t)),
        other => match other.as_number() {
            Some(n) => out.put_number(name, n),
            None => {
                let mut text = String::new();
                other.write(&mut text);
                out.put(name, &json_parse(&text));
            }
        },
    }
}

fn index(n: f64, what: &str) -> Result<usize, JsError> {
    if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n < 4_294_967_296.0 {
        Ok(n as usize)
    } else {
        Err(JsError::new(&format!("invalid option \"index\": {what} must be a whole number ≥ 0")))
    }
}

#[wasm_bindgen]
impl FormSession {
    /// Starts a blank form of `kind`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FormKind")] kind: &str,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions | undefined")] options: JsValue,
    ) -> Result<FormSession, JsError> {
        Ok(FormSession { inner: crate::session(kind, &read_js(&options), js_now).map_err(into_error)? })
    }

    /// Sets one field as the user types; only the path and the value cross into wasm.
    #[wasm_bindgen(unchecked_return_type = "SessionChanges")]
    pub fn set(
        &mut self,
        path: &str,
        #[wasm_bindgen(unchecked_param_type = "FieldValue")] value: JsValue,
    ) -> Result<JsValue, JsError> {
        changes(&self.inner.set(path, scalar(&value)))
    }

    /// Inserts one row at `index` of `group` ("rows", "campuses", "guards"), filled from `data`.
    #[wasm_bindgen(js_name = insertRow, unchecked_return_type = "SessionChanges")]
    pub fn insert_row(
        &mut self,
        group: &str,
        index_at: f64,
        #[wasm_bindgen(unchecked_param_type = "FormData | undefined")] data: JsValue,
    ) -> Result<JsValue, JsError> {
        let row = read_js(&data);
        changes(&self.inner.insert_rows(group, index(index_at, "index")?, &[row]).map_err(into_error)?)
    }

    /// Inserts several rows at `index` at once (a paste from a spreadsheet).
    #[wasm_bindgen(js_name = insertRows, unchecked_return_type = "SessionChanges")]
    pub fn insert_rows(
        &mut self,
        group: &str,
        index_at: f64,
        #[wasm_bindgen(unchecked_param_type = "FormData[]")] rows: JsValue,
    ) -> Result<JsValue, JsError> {
        let Value::List(rows) = read_js(&rows) else {
            return Err(JsError::new("invalid option \"rows\": expected an array of row objects"));
        };
        changes(&self.inner.insert_rows(group, index(index_at, "index")?, &rows).map_err(into_error)?)
    }

    /// Removes the row at `index` of `group`.
    #[wasm_bindgen(js_name = removeRow, unchecked_return_type = "SessionChanges")]
    pub fn remove_row(&mut self, group: &str, index_at: f64) -> Result<JsValue, JsError> {
        changes(&self.inner.remove_row(group, index(index_at, "index")?).map_err(into_error)?)
    }

    /// Moves the row at `from` to `to` in `group`.
    #[wasm_bindgen(js_name = moveRow, unchecked_return_type = "SessionChanges")]
    pub fn move_row(&mut self, group: &str, from: f64, to: f64) -> Result<JsValue, JsError> {
        changes(&self.inner.move_row(group, index(from, "from")?, index(to, "to")?).map_err(into_error)?)
    }

    /// Moves the clock (ISO 8601 with offset, or epoch milliseconds); re-checks what the clock decides.
    #[wasm_bindgen(js_name = setNow, unchecked_return_type = "SessionChanges")]
    pub fn set_now(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | number")] now: JsValue,
    ) -> Result<JsValue, JsError> {
        let instant = match (now.as_string(), now.as_f64()) {
            (Some(text), _) => Instant::parse_iso(&text),
            (None, Some(ms)) if ms.is_finite() && ms.abs() < 1e15 => Some(Instant { unix_ms: ms as i64 }),
            _ => None,
        };
        let instant = instant.ok_or_else(|| {
            into_error("invalid option \"now\": expected ISO 8601 with an offset or epoch milliseconds")
        })?;
        changes(&self.inner.set_now(instant))
    }

    /// The full result: `{valid, issues, computed}`.
    #[wasm_bindgen(unchecked_return_type = "ValidationResult")]
    pub fn result(&self) -> Result<JsValue, JsError> {
        result_js(&self.inner, &RefCell::default())
    }

    /// Whether any error remains (cheaper than `result()` on submit).
    #[wasm_bindgen(js_name = hasErrors)]
    pub fn has_errors(&self) -> bool {
        self.inner.has_errors()
    }
}
