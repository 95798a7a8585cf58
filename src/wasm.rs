//! The JavaScript binding: every export converts its arguments, calls the core, converts back.
//! Nothing here decides anything; misuse becomes a real `Error` through [`into_error`].

use crate::date::Instant;
use crate::session::Session;
use crate::value::{Scalar, Value, MAX_DEPTH, MAX_FIELDS};
use serde::Serialize;
use wasm_bindgen::prelude::*;

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
/** Computed fields by path: numbers, or null where not computable yet. */
export interface Computed { [path: string]: number | null }
export interface ValidationResult { valid: boolean; issues: Issue[]; computed: Computed }
/** What one FormSession.set() changed: only the affected paths (an empty list means cleared). */
export interface SessionChanges { issues: { [path: string]: Issue[] }; computed: Computed }
export interface FieldDescription {
  path: string;
  label: Localized;
  type: "text" | "date" | "count" | "percent";
  required: boolean;
  computed: boolean;
}
export interface ProfileInfo { id: string; title: Localized; source: string }
export interface AggregateResult extends ValidationResult { data: FormData }
"#;

/// Misuse (bad kind, options or profile) as a JavaScript `Error`.
fn into_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// JavaScript's clock: `std::time` is not available in wasm32-unknown-unknown.
fn js_now() -> Instant {
    Instant { unix_ms: js_sys::Date::now() as i64 }
}

/// Reads a JavaScript value into the core's [`Value`]. Hand-written rather than serde: it never
/// fails (functions, symbols and BigInts read as empty), stops at [`MAX_DEPTH`] so cyclic objects
/// end, and keeps serde's error formatting (and with it the float formatter) out of the wasm.
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
    if depth >= MAX_DEPTH || js.is_null() || js.is_undefined() {
        return Value::Null;
    }
    if js_sys::Array::is_array(js) {
        let items = js.unchecked_ref::<js_sys::Array>().iter().take(MAX_FIELDS);
        return Value::List(items.map(|item| read(&item, depth + 1)).collect());
    }
    if js.is_object() {
        let pairs = js_sys::Object::entries(js.unchecked_ref());
        let entries = pairs.iter().take(MAX_FIELDS).filter_map(|pair| {
            let pair = pair.unchecked_into::<js_sys::Array>();
            Some((pair.get(0).as_string()?, read(&pair.get(1), depth + 1)))
        });
        return Value::Map(entries.collect());
    }
    Value::Null
}

/// Data, options and profiles as the core reads them: malformed options are the core's to reject.
fn read_js(js: JsValue) -> Value {
    read(&js, 0)
}

fn to_js(value: &impl Serialize) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(into_error)
}

/// One field value as the browser gives it.
fn scalar(js: &JsValue) -> Scalar {
    if let Some(s) = js.as_string() {
        Scalar::Text(s)
    } else if let Some(n) = js.as_f64() {
        Scalar::Number(n)
    } else if let Some(b) = js.as_bool() {
        Scalar::Bool(b)
    } else {
        Scalar::Empty
    }
}

/// Validates one form's data; throws only on a bad kind, options or profile.
#[wasm_bindgen(unchecked_return_type = "ValidationResult")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "FormKind")] kind: &str,
    #[wasm_bindgen(unchecked_param_type = "FormData")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ValidateOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let report = crate::validate_at(kind, &read_js(data), &read_js(options), js_now).map_err(into_error)?;
    to_js(&report)
}

/// The field list of a form, under a profile (default Wenzhou).
#[wasm_bindgen(unchecked_return_type = "FieldDescription[]")]
pub fn describe(
    #[wasm_bindgen(unchecked_param_type = "FormKind")] kind: &str,
    #[wasm_bindgen(unchecked_param_type = "string | ProfileData | undefined")] profile: JsValue,
) -> Result<JsValue, JsError> {
    to_js(&crate::describe(kind, &read_js(profile)).map_err(into_error)?)
}

/// The built-in profiles with their titles.
#[wasm_bindgen(unchecked_return_type = "ProfileInfo[]")]
pub fn profiles() -> Result<JsValue, JsError> {
    to_js(&crate::profiles())
}

/// District roll-up: daily reports summed into one report of the same shape.
#[wasm_bindgen(unchecked_return_type = "AggregateResult")]
pub fn aggregate(
    #[wasm_bindgen(unchecked_param_type = "FormKind")] kind: &str,
    #[wasm_bindgen(unchecked_param_type = "FormData[]")] reports: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AggregateOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    to_js(&crate::aggregate_at(kind, &read_js(reports), &read_js(options), js_now).map_err(into_error)?)
}

/// A form being filled in: `set(path, value)` returns only what changed.
#[wasm_bindgen]
pub struct FormSession {
    inner: Session,
}

#[wasm_bindgen]
impl FormSession {
    /// Starts a blank form of `kind`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FormKind")] kind: &str,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions | undefined")] options: JsValue,
    ) -> Result<FormSession, JsError> {
        Ok(FormSession { inner: crate::session(kind, &read_js(options), js_now).map_err(into_error)? })
    }

    /// Sets one field as the user types; only the path and the value cross into wasm.
    #[wasm_bindgen(unchecked_return_type = "SessionChanges")]
    pub fn set(
        &mut self,
        path: &str,
        #[wasm_bindgen(unchecked_param_type = "FieldValue")] value: JsValue,
    ) -> Result<JsValue, JsError> {
        to_js(&self.inner.set(path, scalar(&value)))
    }

    /// Moves the clock (ISO 8601 with offset, or epoch milliseconds); re-checks deadlines.
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
        to_js(&self.inner.set_now(instant))
    }

    /// The full result: `{valid, issues, computed}`.
    #[wasm_bindgen(unchecked_return_type = "ValidationResult")]
    pub fn result(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.result())
    }

    /// Whether any error remains (cheaper than `result()` on submit).
    #[wasm_bindgen(js_name = hasErrors)]
    pub fn has_errors(&self) -> bool {
        self.inner.has_errors()
    }
}
