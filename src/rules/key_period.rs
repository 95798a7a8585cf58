//! Reports fall inside the issuer's key period, both ends included (seed 000: 6月21日至7月5日).
//!
//! `rules::key_period::check(report_date, profile.daily_report.key_period, "report_date", out);`

use crate::date::Date;
use crate::forms::Findings;
use crate::issue::Kind;

/// Pushes `outside_key_period` when the profile has a period and `date` is outside it.
pub fn check(date: Date, period: Option<(Date, Date)>, path: &str, out: &mut Findings) {
    if let Some((start, end)) = period {
        if date < start || date > end {
            out.push(path, Kind::OutsideKeyPeriod { start, end });
        }
    }
}
