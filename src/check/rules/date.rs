//! Date fields in any notation of RULES.md; invalid calendar days are errors.
//!
//! `let day = rules::date::check(raw, Cell::fixed(report_date), Need::Required, out);`

use super::text::Need;
use crate::base::date::Date;
use crate::base::value::Scalar;
use crate::check::findings::Findings;
use crate::input::normalise;
use crate::schema::Cell;

/// The date in `raw`; pushes `required`, `invalid_date` or `not_calendar_date` at `at`.
pub fn check(raw: &Scalar, at: Cell, need: Need, out: &mut Findings) -> Option<Date> {
    super::normalised(raw, at, need, out, normalise::date)
}

/// As [`check`] for a day that has happened (a report date, a discovery): a day after `today`
/// is `date_in_future` and gives `None`.
pub fn check_past(raw: &Scalar, at: Cell, need: Need, today: Date, out: &mut Findings) -> Option<Date> {
    check(raw, at, need, out).filter(|day| super::not_in_future::check(*day, today, at, out))
}
