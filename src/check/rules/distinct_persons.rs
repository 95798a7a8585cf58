//! A reviewer checks someone else's work: 审核人 the same person as 填表人 deserves a warning
//! (seed 000 附件3 注3). Names compare after folding width and removing spaces (`张　三` = `张三`).
//!
//! `rules::distinct_persons::check(filler_raw, reviewer_raw, Cell::fixed(reviewed_by), out);`

use crate::base::value::Scalar;
use crate::check::findings::Findings;
use crate::input::normalise::name_key;
use crate::issue::Code;
use crate::schema::Cell;

/// Pushes `reviewer_is_filler` at `reviewer_at` when both names are given and equal.
pub fn check(filler: &Scalar, reviewer: &Scalar, reviewer_at: Cell, out: &mut Findings) {
    if let (Some(a), Some(b)) = (name_key(filler), name_key(reviewer)) {
        if a == b {
            out.push(reviewer_at, Code::ReviewerIsFiller);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::testing::codes;

    fn run(filler: &str, reviewer: &str) -> Vec<Code> {
        codes(|out| check(&Scalar::Text(filler.into()), &Scalar::Text(reviewer.into()), Cell::FORM, out))
    }

    /// Seed 000 附件3 注3 (填表人, 审核人): the same name in another width or spacing is the same
    /// person; another name, or a blank one, is not.
    #[test]
    fn the_same_person_under_any_spacing_is_warned() {
        assert_eq!(run("张三", "张　三"), [Code::ReviewerIsFiller]);
        assert_eq!(run("张三", "张三丰"), []);
        assert_eq!(run("张三", ""), []);
    }
}
