//! A date that records something done cannot be after today (China Standard Time).
//!
//! `rules::not_in_future::check(report_date, today, at, out);`

use crate::date::Date;
use crate::findings::Findings;
use crate::issue::{Arg, Code, Kind};
use crate::schema::Cell;

/// The China days on which [`check`] gives the same answer: from `date` on when it is not in the
/// future; only today when it is (the message names today).
pub fn holds(date: Date, today: Date) -> (i64, i64) {
    let (day, today) = (date.days_since_epoch(), today.days_since_epoch());
    if day > today {
        (today, today + 1)
    } else {
        (day, i64::MAX)
    }
}

/// Pushes `date_in_future` when `date` is after `today`; returns whether it was not. Callers
/// narrow `out.holds` by [`holds`] (in their clock's unit).
pub fn check(date: Date, today: Date, at: Cell, out: &mut Findings) -> bool {
    if date > today {
        out.push(at, Kind::with(Code::DateInFuture, Arg::Date(today)));
        return false;
    }
    true
}
