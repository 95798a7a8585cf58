//! Cumulative counts never go down between reports of the same unit
//! (seed 000 附件3 注1: "相关隐患数量按重点时段累计数量报送").
//!
//! `rules::not_decreased::check(found, previous_found, at, out);`

use crate::check::findings::Findings;
use crate::issue::{Arg, Code, Kind};
use crate::schema::Cell;

/// Pushes `count_decreased` when `current` is below `previous`.
pub fn check(current: u64, previous: Option<u64>, at: Cell, out: &mut Findings) {
    if let Some(previous) = previous {
        if current < previous {
            out.push(at, Kind::with(Code::CountDecreased, Arg::Num(previous)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::testing::codes;

    /// Seed 000 附件3 注1 (counts cumulative over the key period): 4, 5, 6 after a previous 5.
    #[test]
    fn a_count_may_stay_or_grow_but_not_fall() {
        let run = |current| codes(|out| check(current, Some(5), Cell::FORM, out));
        assert_eq!(run(4), [Code::CountDecreased]);
        assert_eq!(run(5), []);
        assert_eq!(run(6), []);
        assert_eq!(codes(|out| check(0, None, Cell::FORM, out)), [], "no previous report");
    }
}
