//! Phone numbers (RULES.md Conventions): a mainland mobile or a landline with its area code; a
//! 6-digit internal short number only where the profile allows it (seed 000 lists "656789").
//!
//! `rules::phone::check(raw, Cell::fixed(phone), Need::Required, profile.inspection.short_phone_allowed, out);`

use super::text::Need;
use crate::base::value::Scalar;
use crate::check::findings::Findings;
use crate::input::types::{self, Phone, PhoneKind, TypeRejection};
use crate::issue::{Code, Kind};
use crate::schema::Cell;

/// The number in `raw`; pushes `required`, `invalid_value`, `not_a_phone` or
/// `short_phone_not_allowed` (a short number the profile does not accept) at `at`.
pub fn check(raw: &Scalar, at: Cell, need: Need, allow_short: bool, out: &mut Findings) -> Option<Phone> {
    let short = || !allow_short && matches!(types::phone(raw, true), Ok(Some(Phone { kind: PhoneKind::Short, .. })));
    super::typed(
        raw,
        at,
        need,
        out,
        |raw| types::phone(raw, allow_short),
        |rejection| match rejection {
            TypeRejection::NotAValue => Kind::bare(Code::InvalidValue),
            _ if short() => Kind::bare(Code::ShortPhoneNotAllowed),
            _ => Kind::bare(Code::NotAPhone),
        },
    )
}
