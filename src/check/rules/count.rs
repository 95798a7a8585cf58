//! Count fields: whole numbers from 0 to [`MAX_COUNT`](crate::input::normalise::MAX_COUNT), typed with
//! any IME; `None` when blank or invalid (the issue is pushed).
//!
//! `let found = rules::count::check(cells.fixed(found_id), Cell::fixed(found_id), Need::Required, out);`

use super::text::Need;
use crate::base::value::Scalar;
use crate::check::findings::Findings;
use crate::input::normalise;
use crate::schema::Cell;

/// The count in `raw`; pushes `required`, `not_a_number`, `not_whole_number`, `negative_number`
/// or `number_too_large` at `at`.
pub fn check(raw: &Scalar, at: Cell, need: Need, out: &mut Findings) -> Option<u64> {
    super::normalised(raw, at, need, out, normalise::count)
}
