//! A date that records something done cannot be after today (China Standard Time).
//!
//! `rules::not_in_future::check(report_date, ctx.wall_clock().date, "report_date", out);`

use crate::date::Date;
use crate::forms::Findings;
use crate::issue::Kind;

/// Pushes `date_in_future` when `date` is after `today`; returns whether it was not.
pub fn check(date: Date, today: Date, path: &str, out: &mut Findings) -> bool {
    if date > today {
        out.push(path, Kind::DateInFuture { today });
        return false;
    }
    true
}
