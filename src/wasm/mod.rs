//! The JavaScript binding (wasm32 only): each export reads its arguments, calls the core
//! ([`crate::Validator`] and the functions beside it) and writes the result back, in a few lines.
//! Misuse becomes a real `Error`. How values are converted is [`convert`]; how form data crosses
//! (packed, stringified or walked) and what a crossing keeps is [`crossing`]; the validators
//! `validate()` keeps compiled are [`recent`]. The TypeScript declarations are `types.d.ts`.

mod convert;
mod crossing;
#[cfg(feature = "xlsx")]
mod district;
mod recent;

use crate::base::date::Instant;
use crate::base::value::Value;
use crate::engine::session::Session;
#[cfg(feature = "roll-ups")]
use convert::aggregate_js;
use convert::{changes, field_js, from_json, index, into_error, js_now, profile_js, read_js, result_js, scalar};
use crossing::Bound;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// Talc instead of the default dlmalloc: smaller in wasm at the same speed (BENCHMARKS.md has the figures).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// Validates one form's data; throws only on a bad kind, options or profile. Compiles once per
/// kind and options, as `new Validator(kind, options)` does.
#[wasm_bindgen(unchecked_return_type = "ValidationResult")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "FormKind")] kind: &str,
    #[wasm_bindgen(unchecked_param_type = "FormData")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ValidateOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    recent::validator(kind, &options)?.validate(&data)
}

/// A compiled validator: the profile, field table and labels resolved once, as `ajv.compile` does.
#[wasm_bindgen]
pub struct Validator {
    bound: Bound,
}

#[wasm_bindgen]
impl Validator {
    /// Compiles `kind` under `options`; throws on a bad kind, options or profile.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FormKind")] kind: &str,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions | undefined")] options: JsValue,
    ) -> Result<Validator, JsError> {
        Ok(Validator { bound: Bound::new(crate::Validator::new(kind, &read_js(&options)).map_err(into_error)?) })
    }

    /// Compiles a form definition (docs/definitions.md) under `options`; throws on a mistake in it,
    /// naming its key path or its place in an expression.
    #[cfg(feature = "definitions")]
    #[wasm_bindgen(js_name = fromDefinition)]
    pub fn from_definition(
        #[wasm_bindgen(unchecked_param_type = "FormDefinition")] definition: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions | undefined")] options: JsValue,
    ) -> Result<Validator, JsError> {
        Ok(Validator { bound: Bound::new(defined(&definition, &read_js(&options))?) })
    }

    /// The field list of its form, as `describe(kind)` gives a built-in form's.
    #[wasm_bindgen(unchecked_return_type = "FieldDescription[]")]
    pub fn describe(&self) -> JsValue {
        self.bound.core.describe().into_iter().map(field_js).collect::<js_sys::Array>().into()
    }

    /// Validates `data`: the same result as `validate(kind, data, options)`.
    #[wasm_bindgen(unchecked_return_type = "ValidationResult")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormData")] data: JsValue,
    ) -> Result<JsValue, JsError> {
        self.bound.validate(&data)
    }

    /// Starts a `FormSession` on a blank form.
    pub fn session(&self) -> FormSession {
        FormSession { inner: self.bound.core.session(js_now) }
    }
}

/// A form definition compiled: an object, checked as JSON text, then read by serde through
/// serde-wasm-bindgen once, on the cold path.
#[cfg(feature = "definitions")]
fn defined(kind: &JsValue, options: &Value) -> Result<crate::Validator, JsError> {
    crate::Validator::from_parsed(read_definition(kind)?, options).map_err(into_error)
}

/// A form definition read (not yet compiled): its size and depth checked on its JSON text.
#[cfg(feature = "definitions")]
fn read_definition(kind: &JsValue) -> Result<crate::define::Definition, JsError> {
    use crate::define::{DefinitionError, MAX_DEFINITION_BYTES};
    // Its size and depth are checked on its JSON text first: serde would follow any nesting.
    let refuse = |message: String| {
        let e = DefinitionError { code: "definition_too_large", at: String::new(), message };
        into_error(crate::engine::options::UsageError::Definition(e))
    };
    // JSON.stringify itself refuses a cycle or a nesting deeper than JavaScript's stack.
    let Some(text) = js_sys::JSON::stringify(kind).ok().and_then(|t| t.as_string()) else {
        return Err(refuse(format!("not JSON data (a cycle, or nested deeper than {DEFINITION_DEPTH} levels)")));
    };
    if text.len() > MAX_DEFINITION_BYTES {
        return Err(refuse(format!("longer than {MAX_DEFINITION_BYTES} bytes")));
    }
    if crate::input::json::parse_checked(&text, DEFINITION_DEPTH).1 {
        return Err(refuse(format!("nested deeper than {DEFINITION_DEPTH} levels")));
    }
    // serde reads a fresh object parsed from that text, not the one given: a toJSON method or a
    // Proxy could show JSON.stringify one shape and serde another, deeper one.
    let plain = js_sys::JSON::parse(&text).map_err(|_| refuse("not JSON data".into()))?;
    crate::define::parse(serde_wasm_bindgen::Deserializer::from(plain))
        .map_err(|e| into_error(crate::engine::options::UsageError::Definition(e)))
}

/// How deep a definition may nest (a field's columns' labels are 6 levels down).
#[cfg(feature = "definitions")]
const DEFINITION_DEPTH: usize = 16;

/// The field list of a form, under a profile (default Wenzhou).
#[wasm_bindgen(unchecked_return_type = "FieldDescription[]")]
pub fn describe(
    #[wasm_bindgen(unchecked_param_type = "FormKind")] kind: &str,
    #[wasm_bindgen(unchecked_param_type = "string | ProfileData | undefined")] profile: JsValue,
) -> Result<JsValue, JsError> {
    let fields = crate::describe(kind, &read_js(&profile)).map_err(into_error)?;
    Ok(fields.into_iter().map(field_js).collect::<js_sys::Array>().into())
}

/// The built-in profiles with their titles.
#[wasm_bindgen(unchecked_return_type = "ProfileInfo[]")]
pub fn profiles() -> Result<JsValue, JsError> {
    Ok(crate::profiles().into_iter().map(profile_js).collect::<js_sys::Array>().into())
}

/// District roll-up: daily reports summed into one report of the same shape; security check-ups
/// into the "three 100 %" rates with the schools that fall short; risk registers into the
/// campaign statistics; a form given by its definition as its fields' `rollup` declare. Not in
/// the drop-in's engine (built without the `roll-ups` feature).
#[cfg(feature = "roll-ups")]
#[wasm_bindgen(unchecked_return_type = "AggregateResult")]
pub fn aggregate(
    #[wasm_bindgen(unchecked_param_type = "FormKind | FormDefinition")] kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "(FormData | ReceivedReport)[]")] reports: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AggregateOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let (reports, options) = (read_js(&reports), read_js(&options));
    if let Some(kind) = kind.as_string() {
        return aggregate_js(crate::aggregate_at(&kind, &reports, &options, js_now).map_err(into_error)?);
    }
    #[cfg(feature = "definitions")]
    if kind.is_object() {
        let definition = read_definition(&kind)?;
        return aggregate_js(crate::aggregate_defined_at(definition, &reports, &options, js_now).map_err(into_error)?);
    }
    Err(into_error(crate::engine::options::UsageError::UnknownKind(format!("{kind:?}"))))
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

    /// Starts a blank form of a form definition.
    #[cfg(feature = "definitions")]
    #[wasm_bindgen(js_name = fromDefinition)]
    pub fn from_definition(
        #[wasm_bindgen(unchecked_param_type = "FormDefinition")] definition: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions | undefined")] options: JsValue,
    ) -> Result<FormSession, JsError> {
        Ok(FormSession { inner: defined(&definition, &read_js(&options))?.session(js_now) })
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
