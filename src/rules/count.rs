//! Count fields: whole numbers from 0 to [`MAX_COUNT`](crate::normalise::MAX_COUNT), typed with
//! any IME; `None` when blank or invalid (the issue is pushed).
//!
//! `let found = rules::count::check(cells.fixed(found_id), Cell::fixed(found_id), Need::Required, out);`

use super::text::Need;
use crate::findings::Findings;
use crate::normalise;
use crate::schema::Cell;
use crate::value::Scalar;

/// The count in `raw`; pushes `required`, `not_a_number`, `not_whole_number`, `negative_number`
/// or `number_too_large` at `at`.
pub fn check(raw: &Scalar, at: Cell, need: Need, out: &mut Findings) -> Option<u64> {
    super::normalised(raw, at, need, out, normalise::count)
}
