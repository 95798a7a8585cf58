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
