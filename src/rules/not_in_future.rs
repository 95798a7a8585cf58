//! A date that records something done cannot be after today (China Standard Time).
//!
//! `rules::not_in_future::check(report_date, today, at, out);`

use crate::date::Date;
use crate::findings::Findings;
use crate::issue::{Arg, Code, Kind};
use crate::schema::Cell;

/// Pushes `date_in_future` when `date` is after `today`; returns whether it was not. The answer
/// changes on the day `date` becomes today: callers say so with `out.holds_within`.
pub fn check(date: Date, today: Date, at: Cell, out: &mut Findings) -> bool {
    if date > today {
        out.push(at, Kind::with(Code::DateInFuture, Arg::Date(today)));
        return false;
    }
    true
}
