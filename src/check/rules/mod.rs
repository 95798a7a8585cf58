//! Rules shared by every form: one small module per rule, each a function that reads a value and
//! pushes what it finds into [`Findings`] at the cell it is given.

pub mod at_least;
pub mod choice;
pub mod count;
pub mod date;
pub mod deadline;
pub mod distinct_persons;
pub mod guard_age;
pub mod guard_staffing;
pub mod inspection_window;
pub mod key_period;
pub mod monthly_deadline;
pub mod not_before;
pub mod not_decreased;
pub mod not_in_future;
pub mod phone;
pub mod resident_id;
pub mod text;
pub mod yes_no;

use crate::base::value::Scalar;
use crate::check::findings::Findings;
use crate::input::normalise::Rejection;
use crate::issue::{Code, Kind};
use crate::schema::Cell;
use text::Need;

/// Reads `raw` with `parse`; pushes `required` when blank and needed, or the rejection's issue
/// when it does not parse. Shared by the count, date and choice rules.
fn normalised<T>(
    raw: &Scalar,
    at: Cell,
    need: Need,
    out: &mut Findings,
    parse: impl FnOnce(&Scalar) -> Result<Option<T>, Rejection>,
) -> Option<T> {
    typed(raw, at, need, out, parse, Kind::from)
}

/// As [`normalised`] for any parser: `issue` names what a rejection is. Shared by the typed
/// fields' rules (yes/no, phone).
fn typed<T, E>(
    raw: &Scalar,
    at: Cell,
    need: Need,
    out: &mut Findings,
    parse: impl FnOnce(&Scalar) -> Result<Option<T>, E>,
    issue: impl FnOnce(E) -> Kind,
) -> Option<T> {
    match parse(raw) {
        Ok(Some(value)) => Some(value),
        Ok(None) => {
            if need == Need::Required {
                out.push(at, Code::Required);
            }
            None
        }
        Err(rejection) => {
            out.push(at, issue(rejection));
            None
        }
    }
}

/// What the rules' own tests share: a run of one rule under the default profile, read as codes.
#[cfg(test)]
pub(crate) mod testing {
    use crate::base::date::Date;
    use crate::check::findings::Findings;
    use crate::issue::Code;
    use crate::profile::{builtin, DEFAULT_PROFILE};

    /// The codes `run` pushes.
    pub fn codes(run: impl FnOnce(&mut Findings)) -> Vec<Code> {
        let profile = builtin::get(DEFAULT_PROFILE).unwrap_or_else(|| builtin::all().swap_remove(0));
        let mut out = Findings::new(&profile);
        run(&mut out);
        out.issues.iter().map(|i| i.kind.code).collect()
    }

    /// A date of the seeds' years.
    pub fn d(year: i32, month: u32, day: u32) -> Date {
        Date::new(year, month, day).unwrap_or(Date { year: 0, month: 1, day: 1 })
    }
}
