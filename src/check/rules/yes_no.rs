//! Yes/no answers (是□ 否□): `yes`/`no`, 是/否 and booleans; anything else is an error, never a
//! guess (seed 000 附件5).
//!
//! `let answer = rules::yes_no::check(raw, Cell::fixed(item_1), Need::Required, out);`

use super::text::Need;
use crate::base::value::Scalar;
use crate::check::findings::Findings;
use crate::input::types::{self, TypeRejection};
use crate::issue::{Code, Kind};
use crate::schema::Cell;

/// The answer in `raw`; pushes `required`, `invalid_value` or `not_yes_no` at `at`.
pub fn check(raw: &Scalar, at: Cell, need: Need, out: &mut Findings) -> Option<bool> {
    super::typed(raw, at, need, out, types::yes_no, |rejection| match rejection {
        TypeRejection::NotAValue => Kind::bare(Code::InvalidValue),
        _ => Kind::bare(Code::NotYesNo),
    })
}
