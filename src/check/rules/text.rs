//! Text fields: required when the form says so, and no longer than the form allows.
//!
//! `let unit = rules::text::check(raw, Cell::fixed(unit_id), Need::Required, 100, out);`

use crate::base::value::Scalar;
use crate::check::findings::Findings;
use crate::input::normalise;
use crate::issue::{Arg, Code, Kind};
use crate::schema::Cell;
use validator::ValidateRange;

/// Whether a blank field is an issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Blank is `required`.
    Required,
    /// Blank is fine.
    Optional,
}

/// Whether `raw` holds text (`Some(())`, `None` when blank), with `required`, `invalid_value` and
/// `text_too_long` pushed at `at`.
pub fn check(raw: &Scalar, at: Cell, need: Need, max_chars: u64, out: &mut Findings) -> Option<()> {
    if *raw == Scalar::Invalid {
        out.push(at, Code::InvalidValue);
        return None;
    }
    // No more bytes than the limit allows characters: only blankness needs reading, and the
    // first visible character answers that.
    if let Scalar::Text(s) = raw {
        if s.len() as u64 <= max_chars && normalise::has_visible(s) {
            return Some(());
        }
    }
    let Some(chars) = normalise::text_chars(raw) else {
        if need == Need::Required {
            out.push(at, Code::Required);
        }
        return None;
    };
    if !(chars as u64).validate_range(None, Some(max_chars), None, None) {
        out.push(at, Kind::with(Code::TextTooLong, Arg::Num(max_chars)));
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::testing::codes;

    fn run(text: &str, need: Need) -> Vec<Code> {
        codes(|out| {
            check(&Scalar::Text(text.into()), Cell::FORM, need, 5, out);
        })
    }

    /// RULES.md "不超过 includes the number itself": 4, 5 and 6 characters against a limit of 5,
    /// counted as characters, not bytes.
    #[test]
    fn the_limit_itself_is_allowed() {
        assert_eq!(run("温州市中学", Need::Required), []);
        assert_eq!(run("温州中学", Need::Required), []);
        assert_eq!(run("温州市第一中", Need::Required), [Code::TextTooLong]);
    }

    #[test]
    fn blank_is_required_only_when_needed_and_a_container_is_invalid() {
        assert_eq!(run(" \u{3000}", Need::Required), [Code::Required]);
        assert_eq!(run("", Need::Optional), []);
        assert_eq!(
            codes(|out| assert!(check(&Scalar::Invalid, Cell::FORM, Need::Optional, 5, out).is_none())),
            [Code::InvalidValue]
        );
    }
}
