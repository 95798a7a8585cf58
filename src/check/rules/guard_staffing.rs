//! Guard staffing (seed 000 附件5 item 4): the full-time guards (专职保安员) a campus needs from
//! its headcount (师生员工总人数) and boarding type, and the item 9 equipment per on-duty guard.
//!
//! ```
//! use school_safety_forms::check::rules::guard_staffing::{equipment_needed, required_guards, Boarding};
//! assert_eq!(required_guards(1001, Boarding::Day), 3);
//! assert_eq!(required_guards(401, Boarding::Mixed), 4);
//! assert_eq!(equipment_needed(5, true), 5); // a helmet per on-duty guard
//! assert_eq!(equipment_needed(5, false), 2); // steel forks: 2 sets
//! ```
//!
//! Seed 000, 附件5 item 4: "非寄制学校师生员工总人数少于100人的至少配1名专职保安员；100人以上1000人
//! 以下的至少配备2名专职保安员；超过1000人的，每增加500人增配1名专职保安员。寄宿制学校、走读寄宿
//! 混合制学校均按照师生员工总人数为100人以下的至少配2名专职保安员，每增加300名师生增配1名专职保安员
//! 标准执行。涉及多校区的学校，其每个校区按在校师生实际人数根据上述标准，独立配备专职保安员。"
//!
//! Read with RULES.md's counting conventions: 少于 excludes, 以上/以下 include, 超过 excludes; an
//! additional block of 500 (300) counts as soon as it is started. Each campus is computed on its
//! own headcount; summing campuses is the caller's. An empty campus (0) still gets the minimum
//! (1 day, 2 boarding): the text sets a floor, not a ratio.

/// A campus's boarding type (CONTRACT.md `boarding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boarding {
    /// 走读 (非寄宿制): day pupils only.
    Day,
    /// 寄宿制.
    Boarding,
    /// 走读寄宿混合制: staffed as a boarding school.
    Mixed,
}

impl Boarding {
    /// The contract's options `(id, zh)`, in the order of [`Boarding::ALL`], for
    /// [`crate::input::types::choice`].
    pub const OPTIONS: [(&'static str, &'static str); 3] =
        [("day", "走读"), ("boarding", "寄宿"), ("mixed", "走读寄宿混合")];
    /// Every variant, indexed as [`Boarding::OPTIONS`].
    pub const ALL: [Boarding; 3] = [Boarding::Day, Boarding::Boarding, Boarding::Mixed];
}

/// Headcount up to which a day school needs one guard (少于100人: n < 100).
const DAY_SMALL_BELOW: u64 = 100;
/// Headcount up to which a day school needs two (1000人以下: n ≤ 1000).
const DAY_BASE_UP_TO: u64 = 1000;
/// Each started block of this many beyond [`DAY_BASE_UP_TO`] adds one guard.
const DAY_BLOCK: u64 = 500;
/// Headcount up to which a boarding or mixed school needs two (100人以下: n ≤ 100).
const BOARDING_BASE_UP_TO: u64 = 100;
/// Each started block of this many beyond [`BOARDING_BASE_UP_TO`] adds one guard.
const BOARDING_BLOCK: u64 = 300;
/// Steel forks (安全钢叉) a school keeps, whatever its on-duty count (item 9: "安全钢叉2套").
pub const STEEL_FORK_SETS: u64 = 2;

/// The full-time guards one campus needs, at least; any headcount, never overflowing.
pub fn required_guards(headcount: u64, boarding: Boarding) -> u64 {
    match boarding {
        Boarding::Day if headcount < DAY_SMALL_BELOW => 1,
        Boarding::Day => 2u64.saturating_add(started_blocks(headcount.saturating_sub(DAY_BASE_UP_TO), DAY_BLOCK)),
        Boarding::Boarding | Boarding::Mixed => {
            2u64.saturating_add(started_blocks(headcount.saturating_sub(BOARDING_BASE_UP_TO), BOARDING_BLOCK))
        }
    }
}

/// `ceil(extra / block)` without overflow.
fn started_blocks(extra: u64, block: u64) -> u64 {
    extra / block + u64::from(extra % block != 0)
}

/// Pieces of one item 9 equipment a school needs: one per on-duty person (helmet, shield,
/// stab-proof vest, cut-resistant gloves, baton, flashlight, spray: `per_person`), or the fixed
/// [`STEEL_FORK_SETS`] for steel forks.
pub fn equipment_needed(on_duty: u64, per_person: bool) -> u64 {
    if per_person {
        on_duty
    } else {
        STEEL_FORK_SETS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed 000 附件5 item 4: "少于100人的至少配1名专职保安员；100人以上1000人以下的至少配备2名".
    #[test]
    fn required_guards_day_under_100_one_from_100_two() {
        assert_eq!(required_guards(0, Boarding::Day), 1);
        assert_eq!(required_guards(1, Boarding::Day), 1);
        assert_eq!(required_guards(99, Boarding::Day), 1);
        assert_eq!(required_guards(100, Boarding::Day), 2);
        assert_eq!(required_guards(101, Boarding::Day), 2);
        assert_eq!(required_guards(999, Boarding::Day), 2);
        assert_eq!(required_guards(1000, Boarding::Day), 2);
    }

    /// Seed 000 附件5 item 4: "超过1000人的，每增加500人增配1名专职保安员".
    #[test]
    fn required_guards_day_over_1000_one_per_started_500() {
        let cases = [(1001, 3), (1499, 3), (1500, 3), (1501, 4), (1999, 4), (2000, 4), (2001, 5), (2500, 5), (2501, 6)];
        for (n, want) in cases {
            assert_eq!(required_guards(n, Boarding::Day), want, "{n}");
        }
    }

    /// Seed 000 附件5 item 4: "寄宿制学校、走读寄宿混合制学校均按照师生员工总人数为100人以下的至少配2名
    /// 专职保安员，每增加300名师生增配1名专职保安员".
    #[test]
    fn required_guards_boarding_and_mixed_two_up_to_100_then_one_per_started_300() {
        let cases = [(0, 2), (99, 2), (100, 2), (101, 3), (399, 3), (400, 3), (401, 4), (699, 4), (700, 4), (701, 5)];
        for (n, want) in cases {
            assert_eq!(required_guards(n, Boarding::Boarding), want, "boarding {n}");
            assert_eq!(required_guards(n, Boarding::Mixed), want, "mixed {n}");
        }
        assert_eq!(required_guards(1000, Boarding::Boarding), 5);
        assert_eq!(required_guards(1001, Boarding::Boarding), 6);
    }

    /// RULES.md Conventions: "nothing overflows".
    #[test]
    fn required_guards_saturates_on_any_headcount() {
        assert_eq!(required_guards(u64::MAX, Boarding::Day), 2 + (u64::MAX - 1000).div_ceil(500));
        assert_eq!(required_guards(u64::MAX, Boarding::Mixed), 2 + (u64::MAX - 100).div_ceil(300));
        assert_eq!(required_guards(u64::MAX - 1, Boarding::Boarding), 2 + (u64::MAX - 101).div_ceil(300));
    }

    /// Every headcount needs at least as many guards as a smaller one, and boarding never fewer
    /// than day.
    #[test]
    fn required_guards_monotonic_and_boarding_at_least_day() {
        for n in 1..5000 {
            for b in Boarding::ALL {
                assert!(required_guards(n, b) >= required_guards(n - 1, b), "{n} {b:?}");
            }
            assert!(required_guards(n, Boarding::Boarding) >= required_guards(n, Boarding::Day), "{n}");
        }
    }

    #[test]
    fn boarding_options_follow_all() {
        assert_eq!(Boarding::OPTIONS.map(|(id, _)| id), ["day", "boarding", "mixed"]);
        assert_eq!(Boarding::ALL, [Boarding::Day, Boarding::Boarding, Boarding::Mixed]);
    }

    /// Seed 000 附件5 item 9: "防暴头盔（1顶/人）… 自卫喷雾剂（1支/人）… 安全钢叉2套".
    #[test]
    fn equipment_needed_one_per_on_duty_person_steel_fork_two_sets() {
        assert_eq!(equipment_needed(0, true), 0);
        assert_eq!(equipment_needed(1, true), 1);
        assert_eq!(equipment_needed(7, true), 7);
        assert_eq!(equipment_needed(u64::MAX, true), u64::MAX);
        assert_eq!(equipment_needed(0, false), 2);
        assert_eq!(equipment_needed(1, false), 2);
        assert_eq!(equipment_needed(u64::MAX, false), 2);
    }
}
