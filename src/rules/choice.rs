//! Choice fields: one of a list of options, given by its English id or its official Chinese
//! wording (`in_progress` or 正在整改中).
//!
//! `let status = rules::choice::check(raw, at, STATUS, Need::Required, out);`

use super::text::Need;
use crate::findings::Findings;
use crate::normalise::Rejection;
use crate::schema::{Cell, Choice};
use crate::types::{self, TypeRejection};
use crate::value::Scalar;

/// The index of the option in `raw`; pushes `required`, `invalid_value` or `invalid_choice` at `at`.
pub fn check(raw: &Scalar, at: Cell, options: &[Choice], need: Need, out: &mut Findings) -> Option<usize> {
    super::normalised(raw, at, need, out, |raw| {
        types::choice(raw, options).map_err(|e| match e {
            TypeRejection::NotAValue => Rejection::NotAValue,
            _ => Rejection::NotAChoice,
        })
    })
}
