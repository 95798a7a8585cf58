//! The monthly deadline: a month's report is due by a day of that month, inclusive (seed 004:
//! "在每月25日前…三张报表（附件1、2、3）报市教育局"). The report's month is that of its report date
//! (填报时间); it is late once the clock (China time) has passed the due day of that month. A
//! report dated after the due day is therefore late as soon as it exists: it was filled in after
//! its month's deadline. Lateness is a warning, as the daily deadline's is.
//!
//! `rules::monthly_deadline::check(report_date, profile.campaign_statistics.monthly_deadline_day, today, at, out);`

use crate::base::date::{days_in_month, Date};
use crate::check::findings::Findings;
use crate::issue::{Arg, Code, Kind};
use crate::schema::Cell;

/// The day the report dated `report_date` is due by: day `day` of its month, or the month's last
/// day when the month is shorter.
pub fn due(report_date: Date, day: u8) -> Date {
    let last = days_in_month(report_date.year, report_date.month);
    Date { day: u32::from(day).clamp(1, last), ..report_date }
}

/// Pushes `late_monthly_report` when `today` (China) is after the due day of `report_date`'s
/// month; the answer holds until that day ends (on time) or from the next day on (late).
pub fn check(report_date: Date, day: Option<u8>, today: Date, at: Cell, out: &mut Findings) {
    let Some(day) = day else { return };
    let due = due(report_date, day);
    let late_from = due.days_since_epoch() + 1;
    if today.days_since_epoch() >= late_from {
        out.holds_within_days(late_from, i64::MAX);
        out.push(at, Kind::with2(Code::LateMonthlyReport, Arg::Num(u64::from(day)), Arg::Date(due)));
    } else {
        out.holds_within_days(i64::MIN, late_from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_due_day_is_clamped_to_the_month() {
        let d = |y, m, day| Date::new(y, m, day).unwrap_or_else(|| unreachable!());
        assert_eq!(due(d(2019, 9, 3), 25), d(2019, 9, 25));
        assert_eq!(due(d(2019, 2, 3), 31), d(2019, 2, 28));
        assert_eq!(due(d(2020, 2, 3), 31), d(2020, 2, 29));
        assert_eq!(due(d(2019, 4, 30), 31), d(2019, 4, 30));
    }
}
