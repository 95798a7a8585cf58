//! Data on its way in: a form's cells and the [`Loader`](cells::Loader) that fills them, the JSON
//! text reader that drives it, and the normalisation and field types every rule reads values
//! through. Knows the field table ([`crate::schema`]) but no rule, form or issue.

pub mod cells;
pub mod json;
pub mod normalise;
pub mod paste;
pub mod types;
