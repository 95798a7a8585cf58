//! Converting between JavaScript and the engine's values, and nothing else: arguments into
//! [`Value`] and [`Scalar`] (through `JSON.stringify` and the engine's reader, or by walking the
//! object when that refuses), results into objects. A small result (a keystroke's changes, a fixed
//! form's result) is set property by property from JavaScript strings made once and kept
//! ([`key`]); a large one (a register's) is written as one JSON text and made objects by one
//! `JSON.parse`, whichever is cheaper.

use crate::base::date::Instant;
use crate::base::limits::MAX_DEPTH;
use crate::base::value::{Scalar, Value};
use crate::check::findings::Computed;
#[cfg(feature = "roll-ups")]
use crate::engine::report::{Aggregate, Report};
use crate::engine::report::{Changes, FieldSpec, ProfileSummary, RenderedIssue};
use crate::engine::session::Session;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// Misuse (bad kind, options or profile) as a JavaScript `Error`.
pub(super) fn into_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// JavaScript's clock: `std::time` is not available in wasm32-unknown-unknown.
pub(super) fn js_now() -> Instant {
    Instant { unix_ms: js_sys::Date::now() as i64 }
}

/// Reads a JavaScript value into the core's [`Value`] without JSON: the fallback for objects
/// `JSON.stringify` refuses (cycles, BigInts, absurd depth). It never fails (functions and symbols
/// read as empty) and stops at [`MAX_DEPTH`], marking what it did not read as [`Value::Cut`].
pub(super) fn read(js: &JsValue, depth: usize) -> Value {
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
pub(super) fn read_js(js: &JsValue) -> Value {
    match json_text(js) {
        Some(text) => crate::input::json::parse(&text, MAX_DEPTH + 1),
        None => read(js, 0),
    }
}

/// `JSON.stringify(js)`, or `None` when it throws or gives `undefined`.
pub(super) fn json_text(js: &JsValue) -> Option<String> {
    if js.is_undefined() {
        return Some("null".into());
    }
    js_sys::JSON::stringify(js).ok()?.as_string()
}

/// A value of the core as JavaScript data, built directly (`aggregate()`'s summed report).
#[cfg(feature = "roll-ups")]
pub(super) fn value_js(value: &Value) -> JsValue {
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
pub(super) fn localized_js(text: &crate::base::text::Localized) -> JsValue {
    let out = plain();
    out.put(&key("zh-CN"), &JsValue::from_str(&text.zh));
    out.put(&key("en"), &JsValue::from_str(&text.en));
    out.into()
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` bound without a catch wrapper: the engine only hands it JSON it wrote itself.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
    pub(super) fn json_parse(text: &str) -> JsValue;
}

/// A result written as JSON text by the core, made objects by `JSON.parse` (one crossing).
pub(super) fn from_json(text: &str) -> Result<JsValue, JsError> {
    Ok(json_parse(text))
}

/// One field value as the browser gives it.
pub(super) fn scalar(js: &JsValue) -> Scalar {
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

/// A checked form's result: built property by property when small (a fixed form's), fixed
/// fields named by strings made once per field; through one `JSON.parse` when large (a
/// register's rows).
pub(super) fn result_js(checked: &Session, paths: &RefCell<Vec<Option<JsValue>>>) -> Result<JsValue, JsError> {
    let issues = checked.all_issues();
    let mut entries = issues.len();
    checked.each_computed(&mut |_, _, _| entries += 1);
    if entries > DIRECT_MAX {
        return from_json(&checked.result_with(issues).to_json());
    }
    let out = plain();
    out.put(&key("valid"), &JsValue::from_bool(!issues.iter().any(RenderedIssue::is_error)));
    out.put(&key("issues"), &issue_list(&issues));
    out.put(&key("computed"), &computed_of(checked, paths));
    Ok(out.into())
}

/// A small result's computed values, fixed fields named by strings made once per field.
pub(super) fn computed_of(checked: &Session, paths: &RefCell<Vec<Option<JsValue>>>) -> Plain {
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

/// A session operation's changes: built property by property when small (a keystroke's),
/// through one `JSON.parse` when large (a paste, a day change across a register).
pub(super) fn changes(c: &Changes) -> Result<JsValue, JsError> {
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
    pub(super) type Plain;
    #[wasm_bindgen(method, structural, indexing_setter)]
    pub(super) fn put(this: &Plain, key: &JsValue, value: &JsValue);
    #[wasm_bindgen(method, structural, indexing_setter)]
    pub(super) fn put_number(this: &Plain, key: &JsValue, value: f64);
}

pub(super) fn plain() -> Plain {
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
pub(super) fn key(text: &str) -> JsValue {
    use std::hash::Hasher;
    let mut hash = crate::base::hash::KeyHasher::default();
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
pub(super) fn issue_list(list: &[RenderedIssue]) -> js_sys::Array {
    let issue_js = |issue: &RenderedIssue| {
        let item = plain();
        item.put(&key("path"), &key(&issue.path));
        item.put(&key("code"), &key(&issue.code));
        item.put(&key("severity"), &key(issue.severity));
        item.put(&key("message"), &key(&issue.message));
        item
    };
    list.iter().map(issue_js).collect()
}

/// Computed values by path: numbers, booleans, text and `null` set directly, lists as JSON.
pub(super) fn computed_js(computed: &[(String, Computed)]) -> Plain {
    let out = plain();
    for (path, value) in computed {
        put_computed(&out, &key(path), value);
    }
    out
}

/// Sets one computed value.
pub(super) fn put_computed(out: &Plain, name: &JsValue, value: &Computed) {
    match value {
        Computed::Unknown => out.put(name, &JsValue::NULL),
        Computed::Bool(b) => out.put(name, &JsValue::from_bool(*b)),
        Computed::Text(t) => out.put(name, &key(t)),
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

pub(super) fn index(n: f64, what: &str) -> Result<usize, JsError> {
    if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n < 4_294_967_296.0 {
        Ok(n as usize)
    } else {
        Err(JsError::new(&format!("invalid option \"index\": {what} must be a whole number ≥ 0")))
    }
}

/// One entry of `describe()`'s list.
pub(super) fn field_js(field: FieldSpec) -> Plain {
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
        let option_js = |(id, zh): &(String, String)| {
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
}

/// One entry of `profiles()`'s list.
pub(super) fn profile_js(profile: ProfileSummary) -> Plain {
    let out = plain();
    out.put(&key("id"), &JsValue::from_str(&profile.id));
    out.put(&key("title"), &localized_js(&profile.title));
    out.put(&key("source"), &JsValue::from_str(&profile.source));
    out
}

/// A roll-up: its report's keys through `JSON.parse`, its `data` built directly.
#[cfg(feature = "roll-ups")]
pub(super) fn aggregate_js(rollup: Aggregate) -> Result<JsValue, JsError> {
    let found = Report { valid: rollup.valid, issues: rollup.issues, computed: rollup.computed };
    let out: Plain = from_json(&found.to_json())?.unchecked_into();
    out.put(&key("data"), &value_js(&rollup.data));
    Ok(out.into())
}
