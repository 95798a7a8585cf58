//! Forms as data: a definition (docs/definitions.md) names a form's fields, tables and repeated
//! groups with their catalogue types, and writes its computed values and constraints as
//! expressions over fields ([`crate::expr`]). [`compile`] turns it into the engine's own form
//! once; the session then runs it as it runs a built-in form, re-running only the scopes a
//! keystroke touches.

mod compile;
mod form;
pub mod format;
pub mod profile;
mod totals;
mod values;

pub use compile::{compile, Defined, DefinitionError, MAX_EXPRESSIONS, MAX_FIELDS, MAX_OWN_CODES, MAX_TABLE_ROWS};
pub use format::Definition;

/// The longest definition text read, in bytes.
pub const MAX_DEFINITION_BYTES: usize = 1 << 20;

/// Reads and compiles a definition from JSON text; a mistake names its key path (serde's) or, in an
/// expression, its column.
#[cfg(feature = "definitions")]
pub fn from_json(text: &str) -> Result<Defined, DefinitionError> {
    compile(&parse_json(text)?)
}

/// Reads a definition from JSON text, not yet compiled (a profile may still give its parameters,
/// [`profile::apply`]).
#[cfg(feature = "definitions")]
pub fn parse_json(text: &str) -> Result<Definition, DefinitionError> {
    if text.len() > MAX_DEFINITION_BYTES {
        return Err(DefinitionError {
            code: "definition_too_large",
            at: String::new(),
            message: format!("longer than {MAX_DEFINITION_BYTES} bytes"),
        });
    }
    parse(&mut serde_json::Deserializer::from_str(text))
}

/// Reads a definition from any serde source (JSON text natively, a JavaScript object through
/// serde-wasm-bindgen in the binding), naming a mistake's key path.
#[cfg(feature = "definitions")]
pub fn parse<'de, D: serde::Deserializer<'de>>(source: D) -> Result<Definition, DefinitionError> {
    serde_path_to_error::deserialize(source).map_err(|e| {
        let at = e.path().to_string();
        DefinitionError {
            code: "invalid_definition",
            at: if at == "." { String::new() } else { at },
            message: e.into_inner().to_string(),
        }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests;
