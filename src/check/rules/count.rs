//! Count fields: whole numbers from 0 to [`MAX_COUNT`](crate::input::normalise::MAX_COUNT), typed with
//! any IME; `None` when blank or invalid (the issue is pushed).
//!
//! `let found = rules::count::check(cells.fixed(found_id), Cell::fixed(found_id), Need::Required, out);`

use super::text::Need;
use crate::base::value::Scalar;
use crate::check::findings::Findings;
use crate::input::normalise;
use crate::schema::Cell;

/// The count in `raw`; pushes `required`, `not_a_number`, `not_whole_number`, `negative_number`
/// or `number_too_large` at `at`.
pub fn check(raw: &Scalar, at: Cell, need: Need, out: &mut Findings) -> Option<u64> {
    super::normalised(raw, at, need, out, normalise::count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::testing::codes;
    use crate::input::normalise::MAX_COUNT;
    use crate::issue::Code;

    fn run(raw: Scalar) -> (Option<u64>, Vec<Code>) {
        let mut count = None;
        let found = codes(|out| count = check(&raw, Cell::FORM, Need::Required, out));
        (count, found)
    }

    /// The largest count at n - 1, n and n + 1, and full-width digits as an IME types them.
    #[test]
    fn counts_up_to_the_limit_are_read() {
        assert_eq!(run(Scalar::Number((MAX_COUNT - 1) as f64)), (Some(MAX_COUNT - 1), vec![]));
        assert_eq!(run(Scalar::Number(MAX_COUNT as f64)), (Some(MAX_COUNT), vec![]));
        assert_eq!(run(Scalar::Number((MAX_COUNT + 1) as f64)), (None, vec![Code::NumberTooLarge]));
        assert_eq!(run(Scalar::Text("３".into())), (Some(3), vec![]));
        assert_eq!(run(Scalar::Empty), (None, vec![Code::Required]));
    }
}
