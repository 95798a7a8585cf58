//! A reviewer checks someone else's work: 审核人 the same person as 填表人 deserves a warning
//! (seed 000 附件3 注3). Names compare after folding width and removing spaces (`张　三` = `张三`).
//!
//! `rules::distinct_persons::check(fields, "filled_by", "reviewed_by", out);`

use crate::forms::Findings;
use crate::issue::Kind;
use crate::normalise::name_key;
use crate::value::Fields;

/// Pushes `reviewer_is_filler` at `reviewer` when both names are given and equal.
pub fn check(fields: &Fields, filler: &str, reviewer: &str, out: &mut Findings) {
    if let (Some(a), Some(b)) = (name_key(fields.get(filler)), name_key(fields.get(reviewer))) {
        if a == b {
            out.push(reviewer, Kind::ReviewerIsFiller);
        }
    }
}
