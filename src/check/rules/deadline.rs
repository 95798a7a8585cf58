//! The daily deadline: the report for a day is due before the profile's time that day
//! (seed 000: "每日16时前"); at or after it the report is late, a warning that never blocks.
//!
//! `rules::deadline::check(report_date, profile.daily_report.deadline, ctx.now, at, out);`

use crate::base::date::{Date, Instant, TimeOfDay};
use crate::check::findings::Findings;
use crate::issue::{Arg, Code, Kind};
use crate::schema::Cell;

/// China Standard Time, where every seed's deadlines fall.
const CHINA: i64 = 8 * 3_600_000;

/// The instant a day's deadline falls in China time.
fn due_instant(day: Date, deadline: TimeOfDay) -> i64 {
    day.days_since_epoch() * 86_400_000 + i64::from(deadline.minutes) * 60_000 - CHINA
}

/// Pushes `late_submission` when `now` is at or past `deadline` on the day `due`; the answer holds
/// until the deadline (before it) or from it on (after).
pub fn check(due: Date, deadline: Option<TimeOfDay>, now: Instant, at: Cell, out: &mut Findings) {
    let Some(deadline) = deadline else { return };
    let cutoff = due_instant(due, deadline);
    if now.unix_ms >= cutoff {
        out.holds_within(cutoff, i64::MAX);
        out.push(at, Kind::with2(Code::LateSubmission, Arg::Time(deadline), Arg::Date(due)));
    } else {
        out.holds_within(i64::MIN, cutoff);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::testing::{codes, d};

    /// Seed 000 "每日16时前": a report for 2021-06-22 at 15:59, 16:00 and 16:01 China time.
    #[test]
    fn the_deadline_minute_itself_is_late() {
        let four_pm = TimeOfDay::parse("16:00");
        let at =
            |time: &str| Instant::parse_iso(&format!("2021-06-22T{time}:00+08:00")).unwrap_or(Instant { unix_ms: 0 });
        let run = |time| codes(|out| check(d(2021, 6, 22), four_pm, at(time), Cell::FORM, out));
        assert_eq!(run("15:59"), []);
        assert_eq!(run("16:00"), [Code::LateSubmission]);
        assert_eq!(run("16:01"), [Code::LateSubmission]);
        assert_eq!(codes(|out| check(d(2021, 6, 22), None, at("23:59"), Cell::FORM, out)), [], "no deadline");
    }
}
