//! Count fields: whole numbers from 0 to [`MAX_COUNT`](crate::normalise::MAX_COUNT), typed with
//! any IME; `None` when blank or invalid (the issue is pushed).
//!
//! `let found = rules::count::check(fields, "rows.fire.found", Need::Required, out);`

use super::text::Need;
use crate::forms::Findings;
use crate::normalise;
use crate::value::Fields;

/// The count at `path`; pushes `required`, `not_a_number`, `not_whole_number`, `negative_number`
/// or `number_too_large`.
pub fn check(fields: &Fields, path: &str, need: Need, out: &mut Findings) -> Option<u64> {
    super::normalised(fields, path, need, out, normalise::count)
}
