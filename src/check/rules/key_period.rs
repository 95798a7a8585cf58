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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::testing::{codes, d};

    /// Seed 000: the key period 6月21日至7月5日, both ends in: a day either side of each end.
    #[test]
    fn both_ends_of_the_key_period_are_in() {
        let period = Some((d(2021, 6, 21), d(2021, 7, 5)));
        let run = |date| codes(|out| check(date, period, Cell::FORM, out));
        assert_eq!(run(d(2021, 6, 20)), [Code::OutsideKeyPeriod]);
        assert_eq!(run(d(2021, 6, 21)), []);
        assert_eq!(run(d(2021, 6, 22)), []);
        assert_eq!(run(d(2021, 7, 4)), []);
        assert_eq!(run(d(2021, 7, 5)), []);
        assert_eq!(run(d(2021, 7, 6)), [Code::OutsideKeyPeriod]);
        assert_eq!(codes(|out| check(d(1999, 1, 1), None, Cell::FORM, out)), [], "no period");
    }
}
