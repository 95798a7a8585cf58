//! The forms: each splits its fields into scopes that are checked together, so a keystroke
//! re-checks only the scopes its path belongs to (see [`crate::session`]).

pub mod daily_report;

use crate::date::{Instant, WallClock};
use crate::issue::{Issue, Kind};
use crate::profile::{Localized, Profile};
use crate::value::Fields;
use std::fmt;

/// The form kinds of CONTRACT.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// 日报表, seed 000 附件3.
    DailyReport,
    /// 督查工作清单, seed 000 附件5.
    InspectionChecklist,
    /// 安防体检表, seed 004 附件1.
    SecurityCheckup,
    /// 风险隐患排查表, seed 004 附件2.
    RiskRegister,
    /// 战果统计表, seed 004 附件3.
    CampaignStatistics,
}

impl FormKind {
    /// Every kind, in CONTRACT.md order.
    pub const ALL: [FormKind; 5] = [
        FormKind::DailyReport,
        FormKind::InspectionChecklist,
        FormKind::SecurityCheckup,
        FormKind::RiskRegister,
        FormKind::CampaignStatistics,
    ];

    /// The contract's name (`"daily-report"`).
    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::DailyReport => "daily-report",
            FormKind::InspectionChecklist => "inspection-checklist",
            FormKind::SecurityCheckup => "security-checkup",
            FormKind::RiskRegister => "risk-register",
            FormKind::CampaignStatistics => "campaign-statistics",
        }
    }

    /// Parses the contract's name.
    pub fn parse(name: &str) -> Option<FormKind> {
        FormKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl fmt::Display for FormKind {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A computed field's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Computed {
    /// Not computable yet (an input is blank or invalid).
    Unknown,
    /// A whole number.
    Count(u64),
    /// A decimal shown as is (a percentage with one decimal).
    Decimal(f64),
}

/// What the rules need besides the fields: the profile, the clock, the previous report.
#[derive(Debug, Clone)]
pub struct Context {
    /// The issuer's rule set.
    pub profile: Profile,
    /// The current moment (the portal's server time when it gave one).
    pub now: Instant,
    /// The same unit's previous report, for cumulative checks.
    pub previous: Option<Fields>,
}

impl Context {
    /// The current date and time in China Standard Time (UTC+8), where every seed's deadlines fall.
    pub fn wall_clock(&self) -> WallClock {
        self.now.wall_clock(8 * 60)
    }
}

/// Where a scope writes what it finds; severities follow the profile.
pub struct Findings<'a> {
    profile: &'a Profile,
    /// Issues, in the order the form shows its fields.
    pub issues: Vec<Issue>,
    /// Computed fields this scope owns.
    pub computed: Vec<(String, Computed)>,
    /// This scope's contribution to the form's running sums (see [`Form::tally_width`]).
    pub tally: Vec<u64>,
}

impl<'a> Findings<'a> {
    /// An empty collector for one scope.
    pub fn new(profile: &'a Profile, tally_width: usize) -> Findings<'a> {
        Findings { profile, issues: Vec::new(), computed: Vec::new(), tally: vec![0; tally_width] }
    }

    /// Records an issue unless the profile turns its rule off.
    pub fn push(&mut self, path: &str, kind: Kind) {
        if let Some(severity) = self.profile.severity(&kind) {
            self.issues.push(Issue { path: path.to_owned(), kind, severity });
        }
    }

    /// Records a computed value.
    pub fn compute(&mut self, path: String, value: Computed) {
        self.computed.push((path, value));
    }

    /// Adds to the running sum at `slot`.
    pub fn add(&mut self, slot: usize, amount: u64) {
        if let Some(cell) = self.tally.get_mut(slot) {
            *cell = cell.saturating_add(amount);
        }
    }
}

/// The type of a field, for `describe()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Free text.
    Text,
    /// A calendar date.
    Date,
    /// A whole number ≥ 0.
    Count,
    /// A percentage with one decimal.
    Percent,
}

impl FieldType {
    /// The name used in `describe()`.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Date => "date",
            FieldType::Count => "count",
            FieldType::Percent => "percent",
        }
    }
}

/// One field of a form, enough to render or map it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    /// CONTRACT.md path.
    pub path: String,
    /// The official label.
    pub label: Localized,
    /// Value type.
    pub field_type: FieldType,
    /// Must be filled.
    pub required: bool,
    /// Computed by the engine (a portal may still let the user type it; it is then checked).
    pub computed: bool,
}

/// A form: its scopes, the rules of each scope, and how running sums become totals.
pub trait Form {
    /// Which form this is.
    fn kind(&self) -> FormKind;
    /// How many scopes the form has; scopes are numbered from 0 in display order.
    fn scope_count(&self) -> usize;
    /// The scopes that read `path` (none for a path the form does not know).
    fn scopes_of(&self, path: &str) -> Vec<usize>;
    /// The scopes that depend on the clock.
    fn clock_scopes(&self) -> Vec<usize>;
    /// How many running sums the scopes contribute to.
    fn tally_width(&self) -> usize;
    /// Runs every rule of one scope.
    fn check(&self, scope: usize, fields: &Fields, ctx: &Context, out: &mut Findings);
    /// Computed fields derived from the running sums (totals).
    fn totals(&self, tally: &[u64]) -> Vec<(String, Computed)>;
    /// The field list.
    fn describe(&self) -> Vec<FieldSpec>;
    /// The official label of a path, for messages.
    fn label(&self, path: &str) -> Localized;
}

/// Builds the form of `kind` for a profile, or `None` where the kind is not built yet.
pub fn build(kind: FormKind, profile: &Profile) -> Option<Box<dyn Form>> {
    match kind {
        FormKind::DailyReport => Some(Box::new(daily_report::DailyReport::new(profile))),
        _ => None,
    }
}
