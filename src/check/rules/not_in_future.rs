//! A date that records something done cannot be after today (China Standard Time).
//!
//! `rules::not_in_future::check(report_date, today, at, out);`

use crate::base::date::Date;
use crate::check::findings::Findings;
use crate::issue::{Arg, Code, Kind};
use crate::schema::Cell;

/// Pushes `date_in_future` when `date` is after `today`; returns whether it was not. The answer
/// holds from `date` on when it is not in the future, and only today when it is (the message
/// names today).
pub fn check(date: Date, today: Date, at: Cell, out: &mut Findings) -> bool {
    let (day, today_n) = (date.days_since_epoch(), today.days_since_epoch());
    if day > today_n {
        out.holds_within_days(today_n, today_n + 1);
        out.push(at, Kind::with(Code::DateInFuture, Arg::Date(today)));
        return false;
    }
    out.holds_within_days(day, i64::MAX);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::testing::{codes, d};

    /// A report dated yesterday, today and tomorrow (seed 000's 2021-06-22 as today).
    #[test]
    fn today_is_not_the_future() {
        let today = d(2021, 6, 22);
        let run = |date| codes(|out| assert_eq!(check(date, today, Cell::FORM, out), date <= today));
        assert_eq!(run(d(2021, 6, 21)), []);
        assert_eq!(run(d(2021, 6, 22)), []);
        assert_eq!(run(d(2021, 6, 23)), [Code::DateInFuture]);
    }
}
