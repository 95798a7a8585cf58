//! A guard's age (seed 004 §二(二): "保安员必须持证上岗，原则上年龄不高于50周岁"): over the
//! profile's limit is `guard_over_age` (a warning: "原则上", in principle); under 18 is
//! `guard_under_age` (保安服务管理条例 第十六条: 保安员应当"年满18周岁").
//!
//! `let over = rules::guard_age::check(age, profile.security_checkup.max_guard_age, at, out);`
//!
//! The age and how it flips with the clock are the caller's: see [`birthdays_around`].

use crate::base::date::Date;
use crate::check::findings::Findings;
use crate::input::types::age_on;
use crate::issue::{Arg, Code, Kind};
use crate::schema::Cell;

/// The youngest a guard may be.
pub const MIN_GUARD_AGE: u32 = 18;

/// Pushes `guard_under_age` or `guard_over_age` at `at`; returns whether the guard is over `max`
/// (never without a limit). "不高于50周岁" includes 50: 50 is fine, 51 is over.
pub fn check(age: u32, max: Option<u32>, at: Cell, out: &mut Findings) -> bool {
    if age < MIN_GUARD_AGE {
        out.push(at, Kind::with2(Code::GuardUnderAge, Arg::Num(MIN_GUARD_AGE.into()), Arg::Num(age.into())));
    }
    match max {
        Some(max) if age > max => {
            out.push(at, Kind::with2(Code::GuardOverAge, Arg::Num(max.into()), Arg::Num(age.into())));
            true
        }
        _ => false,
    }
}

/// The first day someone born on `birth` is `age` years old (29 February birthdays fall on
/// 1 March in common years, as [`age_on`] counts them).
pub fn birthday(birth: Date, age: u32) -> Date {
    let year = birth.year.saturating_add(i32::try_from(age).unwrap_or(i32::MAX));
    Date::new(year, birth.month, birth.day).or_else(|| Date::new(year, 3, 1)).unwrap_or(Date { year, month: 3, day: 1 })
}

/// The age on `today` of someone born on `birth`, with the China days (from the last birthday,
/// until the next one) in which it stays the same.
pub fn birthdays_around(birth: Date, today: Date) -> (u32, (i64, i64)) {
    let age = age_on(birth, today);
    let from = birthday(birth, age).days_since_epoch();
    let until = birthday(birth, age.saturating_add(1)).days_since_epoch();
    (age, (from, until))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap_or(Date { year: 0, month: 1, day: 1 })
    }

    #[test]
    fn birthdays_around_the_51st_birthday() {
        let birth = d(1970, 9, 1);
        let (age, (from, until)) = birthdays_around(birth, d(2021, 8, 31));
        assert_eq!((age, from, until), (50, d(2020, 9, 1).days_since_epoch(), d(2021, 9, 1).days_since_epoch()));
        let (age, (from, _)) = birthdays_around(birth, d(2021, 9, 1));
        assert_eq!((age, from), (51, d(2021, 9, 1).days_since_epoch()));
    }

    #[test]
    fn birthdays_of_29_february_fall_on_1_march_in_common_years() {
        let birth = d(2000, 2, 29);
        assert_eq!(birthday(birth, 21), d(2021, 3, 1));
        assert_eq!(birthday(birth, 24), d(2024, 2, 29));
        assert_eq!(birthday(birth, 0), birth);
        let (age, (from, until)) = birthdays_around(birth, d(2021, 2, 28));
        assert_eq!((age, from, until), (20, d(2020, 2, 29).days_since_epoch(), d(2021, 3, 1).days_since_epoch()));
    }
}
