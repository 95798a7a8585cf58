//! Rules shared by every form: one small module per rule, each a function that reads a field or
//! a value and pushes what it finds into [`Findings`](crate::forms::Findings).

pub mod count;
pub mod date;
pub mod deadline;
pub mod distinct_persons;
pub mod guard_staffing;
pub mod key_period;
pub mod not_decreased;
pub mod not_in_future;
pub mod text;

use crate::forms::Findings;
use crate::issue::Kind;
use crate::normalise::Rejection;
use crate::value::{Fields, Scalar};
use text::Need;

/// Reads the field at `path` with `parse`; pushes `required` when blank and needed, or the
/// rejection's issue when it does not parse. Shared by the count and date rules.
fn normalised<T>(
    fields: &Fields,
    path: &str,
    need: Need,
    out: &mut Findings,
    parse: fn(&Scalar) -> Result<Option<T>, Rejection>,
) -> Option<T> {
    match parse(fields.get(path)) {
        Ok(Some(value)) => Some(value),
        Ok(None) => {
            if need == Need::Required {
                out.push(path, Kind::Required);
            }
            None
        }
        Err(rejection) => {
            out.push(path, Kind::from(rejection));
            None
        }
    }
}
