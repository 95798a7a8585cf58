//! Yes/no fields (是□ 否□): `yes`/`no`, 是/否 or a boolean; anything else is `not_yes_no`.
//!
//! `let licensed = rules::yes_no::check(raw, at, Need::Required, out);`

use super::text::Need;
use crate::findings::Findings;
use crate::issue::Code;
use crate::schema::Cell;
use crate::types::{self, TypeRejection};
use crate::value::Scalar;

/// The answer in `raw`; pushes `required`, `invalid_value` or `not_yes_no` at `at`.
pub fn check(raw: &Scalar, at: Cell, need: Need, out: &mut Findings) -> Option<bool> {
    match types::yes_no(raw) {
        Ok(Some(answer)) => Some(answer),
        Ok(None) => {
            if need == Need::Required {
                out.push(at, Code::Required);
            }
            None
        }
        Err(TypeRejection::NotAValue) => {
            out.push(at, Code::InvalidValue);
            None
        }
        Err(_) => {
            out.push(at, Code::NotYesNo);
            None
        }
    }
}
