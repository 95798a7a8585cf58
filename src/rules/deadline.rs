//! The daily deadline: the report for a day is due before the profile's time that day
//! (seed 000: "每日16时前"); at or after it the report is late, a warning that never blocks.
//!
//! `rules::deadline::check(report_date, profile.daily_report.deadline, ctx.wall_clock(), "report_date", out);`

use crate::date::{Date, TimeOfDay, WallClock};
use crate::forms::Findings;
use crate::issue::Kind;

/// Pushes `late_submission` when `now` is at or past `deadline` on the day `due`.
pub fn check(due: Date, deadline: Option<TimeOfDay>, now: WallClock, path: &str, out: &mut Findings) {
    let Some(deadline) = deadline else { return };
    let late = now.date > due || (now.date == due && now.ms_of_day >= i64::from(deadline.minutes) * 60_000);
    if late {
        out.push(path, Kind::LateSubmission { deadline, due });
    }
}
