//! Where a scope or a row writes what it finds: issues (severities after the profile), computed
//! values, its share of the running sums, its key for duplicate detection, and how long its
//! answer holds as the clock moves. Rules and forms both write here and import nothing of each other.

use crate::base::date::china_midnight;
use crate::issue::{Issue, Kind, Severity};
use crate::profile::Profile;
use crate::schema::Cell;

/// How many running sums a form may keep (its totals' inputs): enough for the seeds' forms as
/// definitions (a sum takes two, a conditional count two), at 128 bytes a row.
pub const TALLY_SLOTS: usize = 16;
/// One scope's or row's share of the running sums, or the sums themselves.
pub type Tally = [i64; TALLY_SLOTS];

/// An answer that does not depend on the clock holds for ever.
pub const FOREVER: (i64, i64) = (i64::MIN, i64::MAX);

/// What one scope or row found.
#[derive(Debug)]
pub struct Findings<'a> {
    profile: &'a Profile,
    /// Issues, in the order the form shows its fields.
    pub issues: Vec<Issue>,
    /// Computed cells this scope owns.
    pub computed: Vec<(Cell, Computed)>,
    /// This scope's share of the form's running sums.
    pub tally: Tally,
    /// A row's key in its group's duplicate index (normalised), if it has one.
    pub duplicate_key: Option<String>,
    /// The clock interval (Unix ms, from inclusive, until exclusive) in which this answer holds.
    pub holds: (i64, i64),
}

impl<'a> Findings<'a> {
    /// An empty collector.
    pub fn new(profile: &'a Profile) -> Findings<'a> {
        Findings {
            profile,
            issues: Vec::new(),
            computed: Vec::new(),
            tally: [0; TALLY_SLOTS],
            duplicate_key: None,
            holds: FOREVER,
        }
    }

    /// Records an issue unless the profile turns its rule off.
    pub fn push(&mut self, at: Cell, kind: impl Into<Kind>) {
        let kind = kind.into();
        if let Some(severity) = self.profile.severity(kind.code) {
            self.issues.push(Issue { at, kind, severity });
        }
    }

    /// Records an issue at `severity` (a definition's rule may make a code a warning), unless the
    /// profile turns the code off.
    pub fn push_as(&mut self, at: Cell, kind: Kind, severity: Option<Severity>) {
        if kind.own != 0 {
            // A form's own code: its severity is the definition's; a profile names table codes only.
            self.issues.push(Issue { at, kind, severity: severity.unwrap_or(Severity::Error) });
        } else if let Some(default) = self.profile.severity(kind.code) {
            self.issues.push(Issue { at, kind, severity: severity.unwrap_or(default) });
        }
    }

    /// Records a computed value.
    pub fn compute(&mut self, at: Cell, value: Computed) {
        self.computed.push((at, value));
    }

    /// Adds to the running sum at `slot`.
    pub fn add(&mut self, slot: usize, amount: i64) {
        if let Some(cell) = self.tally.get_mut(slot) {
            *cell = cell.saturating_add(amount);
        }
    }

    /// Narrows the interval in which this answer holds: from `from` (inclusive) to `until`
    /// (exclusive), in Unix ms.
    pub fn holds_within(&mut self, from: i64, until: i64) {
        self.holds = (self.holds.0.max(from), self.holds.1.min(until));
    }

    /// Narrows the interval to the China days `from` (inclusive) to `until` (exclusive): the answer
    /// of a rule that compares a date with today.
    pub fn holds_within_days(&mut self, from: i64, until: i64) {
        self.holds_within(china_midnight(from), china_midnight(until));
    }
}

/// A computed field's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Computed {
    /// Not computable yet (an input is blank or invalid): `null`.
    Unknown,
    /// A whole number.
    Count(u64),
    /// A decimal with one place (a percentage).
    Decimal(f64),
    /// A number with up to six decimal places (a definition's `decimal`: funds in 万元).
    Number(f64),
    /// True or false.
    Bool(bool),
    /// Text.
    Text(String),
    /// A list of whole numbers (item numbers).
    List(Vec<u64>),
}
