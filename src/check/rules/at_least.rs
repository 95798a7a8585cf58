//! A minimum head count: "确保学生在校期间校园保安不少于2人" (seed 002 §四(一)); 不少于 includes
//! the number itself, so 2 is enough and 1 is not.
//!
//! `rules::at_least::check(total, profile.security_checkup.min_guards, Code::TooFewGuards, at, out);`

use crate::check::findings::Findings;
use crate::issue::{Arg, Code, Kind};
use crate::schema::Cell;

/// Pushes `code` (arguments: the minimum, then `count`) at `at` when `count` is below `min`.
pub fn check(count: u64, min: Option<u32>, code: Code, at: Cell, out: &mut Findings) {
    if let Some(min) = min {
        if count < u64::from(min) {
            out.push(at, Kind::with2(code, Arg::Num(min.into()), Arg::Num(count)));
        }
    }
}
