//! One date cannot come before another: a rectification deadline or a completion date before the
//! day the hazard was found (seed 004 附件2; seed 001 定期限).
//!
//! `rules::not_before::check(deadline, found_on, at, Code::DeadlineBeforeFound, out);`

use crate::base::date::Date;
use crate::check::findings::Findings;
use crate::issue::{Arg, Code, Kind};
use crate::schema::Cell;

/// Pushes `code` at `at` when `date` is before `earliest`; returns whether it was not.
pub fn check(date: Date, earliest: Date, at: Cell, code: Code, out: &mut Findings) -> bool {
    if date < earliest {
        out.push(at, Kind::with(code, Arg::Date(earliest)));
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::testing::{codes, d};

    /// Seed 004 附件2: a deadline the day before, on, and the day after the hazard was found.
    #[test]
    fn the_same_day_is_not_before() {
        let found = d(2021, 6, 22);
        let run = |date| {
            codes(|out| assert_eq!(check(date, found, Cell::FORM, Code::DeadlineBeforeFound, out), date >= found))
        };
        assert_eq!(run(d(2021, 6, 21)), [Code::DeadlineBeforeFound]);
        assert_eq!(run(d(2021, 6, 22)), []);
        assert_eq!(run(d(2021, 6, 23)), []);
    }
}
