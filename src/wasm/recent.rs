//! The validators `validate()` compiled, kept by kind and options text so that validating again
//! under the same options compiles nothing (most recent last, a few at most).

use super::convert::{into_error, json_text, read_js};
use super::crossing::Bound;
use crate::Validator;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// Validators compiled by `validate()`, by kind and options text (most recent last).
    static COMPILED: RefCell<Vec<(String, Bound)>> = const { RefCell::new(Vec::new()) };
}

/// How many option sets `validate()` keeps compiled.
const CACHE: usize = 8;

/// The validator of `kind` under `options`: kept, or compiled and kept.
pub(super) fn validator(kind: &str, options: &JsValue) -> Result<Bound, JsError> {
    let key = json_text(options).map(|text| format!("{kind}\u{0}{text}"));
    let cached = key
        .as_ref()
        .and_then(|key| COMPILED.with(|c| c.borrow().iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())));
    if let Some(bound) = cached {
        return Ok(bound);
    }
    let bound = Bound::new(Validator::new(kind, &read_js(options)).map_err(into_error)?);
    if let Some(key) = key {
        COMPILED.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() >= CACHE {
                c.remove(0);
            }
            c.push((key, bound.clone()));
        });
    }
    Ok(bound)
}
