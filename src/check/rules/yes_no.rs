//! Yes/no answers (是□ 否□): `yes`/`no`, 是/否 and booleans; anything else is an error, never a
//! guess (seed 000 附件5).
//!
//! `let answer = rules::yes_no::check(raw, Cell::fixed(item_1), Need::Required, out);`

use super::text::Need;
use crate::base::value::Scalar;
use crate::check::findings::Findings;
use crate::input::types::{self, TypeRejection};
use crate::issue::{Code, Kind};
use crate::schema::Cell;

/// The answer in `raw`; pushes `required`, `invalid_value` or `not_yes_no` at `at`.
pub fn check(raw: &Scalar, at: Cell, need: Need, out: &mut Findings) -> Option<bool> {
    super::typed(raw, at, need, out, types::yes_no, |rejection| match rejection {
        TypeRejection::NotAValue => Kind::bare(Code::InvalidValue),
        _ => Kind::bare(Code::NotYesNo),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::testing::codes;

    fn run(raw: Scalar) -> (Option<bool>, Vec<Code>) {
        let mut answer = None;
        let found = codes(|out| answer = check(&raw, Cell::FORM, Need::Required, out));
        (answer, found)
    }

    /// Seed 000 附件5 (是□ 否□): an answer, a blank, a guess refused, a container.
    #[test]
    fn answers_are_read_and_anything_else_is_named() {
        assert_eq!(run(Scalar::Text("是".into())), (Some(true), vec![]));
        assert_eq!(run(Scalar::Bool(false)), (Some(false), vec![]));
        assert_eq!(run(Scalar::Empty), (None, vec![Code::Required]));
        assert_eq!(run(Scalar::Text("√".into())), (None, vec![Code::NotYesNo]));
        assert_eq!(run(Scalar::Invalid), (None, vec![Code::InvalidValue]));
    }
}
