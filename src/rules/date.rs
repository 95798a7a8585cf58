//! Date fields in any notation of RULES.md; invalid calendar days are errors.
//!
//! `let day = rules::date::check(fields, "report_date", Need::Required, out);`

use super::text::Need;
use crate::date::Date;
use crate::forms::Findings;
use crate::normalise;
use crate::value::Fields;

/// The date at `path`; pushes `required`, `invalid_date` or `not_calendar_date`.
pub fn check(fields: &Fields, path: &str, need: Need, out: &mut Findings) -> Option<Date> {
    super::normalised(fields, path, need, out, normalise::date)
}
