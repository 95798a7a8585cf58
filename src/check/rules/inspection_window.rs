//! The on-site inspection falls inside the issuer's window, both ends included (seed 000 §三(三):
//! "6月28日前…至少开展一次实地督导检查"; 前 read as "by", so the 28th itself is in).
//!
//! `rules::inspection_window::check(inspection_date, profile.inspection.window, at, out);`

use crate::base::date::Date;
use crate::check::findings::Findings;
use crate::issue::{Arg, Code, Kind};
use crate::schema::Cell;

/// Pushes `outside_inspection_window` when the profile has a window and `date` is outside it.
pub fn check(date: Date, window: Option<(Date, Date)>, at: Cell, out: &mut Findings) {
    if let Some((start, end)) = window {
        if date < start || date > end {
            out.push(at, Kind::with2(Code::OutsideInspectionWindow, Arg::Date(start), Arg::Date(end)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::testing::{codes, d};

    /// Seed 000 §三(三) "6月28日前": the 27th, the 28th itself and the 29th.
    #[test]
    fn the_last_day_of_the_window_is_in() {
        let window = Some((d(2021, 6, 21), d(2021, 6, 28)));
        let run = |date| codes(|out| check(date, window, Cell::FORM, out));
        assert_eq!(run(d(2021, 6, 20)), [Code::OutsideInspectionWindow]);
        assert_eq!(run(d(2021, 6, 21)), []);
        assert_eq!(run(d(2021, 6, 27)), []);
        assert_eq!(run(d(2021, 6, 28)), []);
        assert_eq!(run(d(2021, 6, 29)), [Code::OutsideInspectionWindow]);
    }
}
