//! Reports fall inside the issuer's key period, both ends included (seed 000: 6月21日至7月5日).
//!
//! `rules::key_period::check(report_date, profile.daily_report.key_period, at, out);`

use crate::base::date::Date;
use crate::check::findings::Findings;
use crate::issue::{Arg, Code, Kind};
use crate::schema::Cell;

/// Pushes `outside_key_period` when the profile has a period and `date` is outside it.
pub fn check(date: Date, period: Option<(Date, Date)>, at: Cell, out: &mut Findings) {
    if let Some((start, end)) = period {
        if date < start || date > end {
            out.push(at, Kind::with2(Code::OutsideKeyPeriod, Arg::Date(start), Arg::Date(end)));
        }
    }
}
