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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::testing::{codes, d};
    use crate::issue::Code;

    fn run(text: &str) -> (Option<Date>, Vec<Code>) {
        let mut day = None;
        let found = codes(|out| day = check(&Scalar::Text(text.into()), Cell::FORM, Need::Required, out));
        (day, found)
    }

    /// The last day of February around a leap day, in the notations RULES.md lists.
    #[test]
    fn calendar_days_are_checked() {
        assert_eq!(run("2021-02-28"), (Some(d(2021, 2, 28)), vec![]));
        assert_eq!(run("2021年2月29日"), (None, vec![Code::NotCalendarDate]));
        assert_eq!(run("2020-02-29"), (Some(d(2020, 2, 29)), vec![]));
        assert_eq!(run("昨天").1, [Code::InvalidDate]);
    }

    /// A report dated yesterday, today and tomorrow (seed 000's 2021-06-22 as today).
    #[test]
    fn a_past_date_is_not_after_today() {
        let past = |text: &str| {
            codes(|out| {
                check_past(&Scalar::Text(text.into()), Cell::FORM, Need::Required, d(2021, 6, 22), out);
            })
        };
        assert_eq!(past("2021-06-21"), []);
        assert_eq!(past("2021-06-22"), []);
        assert_eq!(past("2021-06-23"), [Code::DateInFuture]);
    }
}
