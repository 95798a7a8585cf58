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
