//! Text fields: required when the form says so, and no longer than the form allows.
//!
//! `let unit = rules::text::check(fields, "unit", Need::Required, 100, out);`

use crate::forms::Findings;
use crate::issue::Kind;
use crate::normalise;
use crate::value::Fields;
use validator::ValidateLength;

/// Whether a blank field is an issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Blank is `required`.
    Required,
    /// Blank is fine.
    Optional,
}

/// The normalised text at `path`, with `required` and `text_too_long` issues pushed to `out`.
pub fn check(fields: &Fields, path: &str, need: Need, max_chars: u64, out: &mut Findings) -> Option<String> {
    let Some(text) = normalise::text(fields.get(path)) else {
        if need == Need::Required {
            out.push(path, Kind::Required);
        }
        return None;
    };
    if !text.validate_length(None, Some(max_chars), None) {
        out.push(path, Kind::TextTooLong { max: max_chars });
    }
    Some(text)
}
