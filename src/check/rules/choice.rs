//! Choice fields: one of a list of options, given by its English id, its official Chinese
//! wording (`in_progress` or 正在整改中), or a piece of one option's wording that names it
//! unambiguously (`燃气` for 燃气安全; [`crate::input::types::pick`]).
//!
//! `let status = rules::choice::check(raw, at, STATUS, Need::Required, out);`

use super::text::Need;
use crate::base::value::Scalar;
use crate::check::findings::Findings;
use crate::input::types::{self, Pick};
use crate::issue::{Arg, Code, Kind};
use crate::schema::Cell;

/// The index of the option in `raw`; pushes `required`, `invalid_value`, or `invalid_choice` /
/// `ambiguous_choice` quoting the text given, at `at`.
pub fn check<A: AsRef<str>, B: AsRef<str>>(
    raw: &Scalar,
    at: Cell,
    options: &[(A, B)],
    need: Need,
    out: &mut Findings,
) -> Option<usize> {
    match types::pick(raw, options) {
        Pick::Exact(i) | Pick::Wording(i) => return Some(i),
        Pick::Blank if need == Need::Required => out.push(at, Code::Required),
        Pick::Blank => {}
        Pick::NotAValue => out.push(at, Code::InvalidValue),
        Pick::None => out.push(at, Kind::with(Code::InvalidChoice, Arg::Given)),
        Pick::Several => out.push(at, Kind::with(Code::AmbiguousChoice, Arg::Given)),
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::testing::codes;
    use crate::schema::Choice;

    const STATUS: &[Choice] = &[("done", "已完成"), ("in_progress", "正在整改中")];

    fn run(text: &str) -> (Option<usize>, Vec<Code>) {
        let mut picked = None;
        let found = codes(|out| picked = check(&Scalar::Text(text.into()), Cell::FORM, STATUS, Need::Required, out));
        (picked, found)
    }

    /// Seed 004 附件2's status column: by id, by wording, by a piece naming one option, and not.
    #[test]
    fn an_option_is_named_by_id_wording_or_an_unambiguous_piece() {
        assert_eq!(run("in_progress"), (Some(1), vec![]));
        assert_eq!(run("已完成"), (Some(0), vec![]));
        assert_eq!(run("整改中"), (Some(1), vec![]));
        assert_eq!(run("逾期"), (None, vec![Code::InvalidChoice]));
        assert_eq!(run(""), (None, vec![Code::Required]));
    }
}
