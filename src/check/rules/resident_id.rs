//! Resident ID fields (公民身份号码, GB 11643): 18 characters with a valid check character and a
//! real birth date not after today. The answer narrows the clock interval it holds in: a birth
//! date after today becomes acceptable on the birthday itself.
//!
//! `let id = rules::resident_id::check(raw, at, today, Need::Optional, out);`

use super::text::Need;
use crate::base::date::Date;
use crate::base::value::Scalar;
use crate::check::findings::Findings;
use crate::input::types::{self, ResidentId, TypeRejection};
use crate::issue::Code;
use crate::schema::Cell;

/// A day after any birth date, to read the birth date of an ID whose birth is after today.
const FAR_FUTURE: Date = Date { year: 9999, month: 12, day: 31 };

/// The ID in `raw`; pushes `required`, `invalid_value`, `not_an_id`, `old_fifteen_digit_id`,
/// `bad_check_digit`, `bad_birth_date` or `birth_date_in_future` at `at`.
pub fn check(raw: &Scalar, at: Cell, today: Date, need: Need, out: &mut Findings) -> Option<ResidentId> {
    match types::resident_id(raw, today) {
        Ok(Some(id)) => {
            out.holds_within_days(id.birth.days_since_epoch(), i64::MAX);
            Some(id)
        }
        Ok(None) => {
            if need == Need::Required {
                out.push(at, Code::Required);
            }
            None
        }
        Err(rejection) => {
            if rejection == TypeRejection::BirthDateInFuture {
                if let Ok(Some(id)) = types::resident_id(raw, FAR_FUTURE) {
                    out.holds_within_days(i64::MIN, id.birth.days_since_epoch());
                }
            }
            out.push(at, code(rejection));
            None
        }
    }
}

/// The issue code of a rejection.
fn code(rejection: TypeRejection) -> Code {
    match rejection {
        TypeRejection::OldFifteenDigitId => Code::OldFifteenDigitId,
        TypeRejection::BadCheckDigit => Code::BadCheckDigit,
        TypeRejection::BadBirthDate => Code::BadBirthDate,
        TypeRejection::BirthDateInFuture => Code::BirthDateInFuture,
        TypeRejection::NotAValue => Code::InvalidValue,
        TypeRejection::NotAnId | TypeRejection::NotYesNo | TypeRejection::NotAChoice | TypeRejection::NotAPhone => {
            Code::NotAnId
        }
    }
}
