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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::testing::codes;

    /// Seed 002 §四(一) "不少于2人": 1, 2, 3 guards against a minimum of 2.
    #[test]
    fn two_guards_are_enough_and_one_is_not() {
        let run = |count| codes(|out| check(count, Some(2), Code::TooFewGuards, Cell::FORM, out));
        assert_eq!(run(1), [Code::TooFewGuards]);
        assert_eq!(run(2), []);
        assert_eq!(run(3), []);
        assert_eq!(codes(|out| check(0, None, Code::TooFewGuards, Cell::FORM, out)), [], "no minimum set");
    }
}
