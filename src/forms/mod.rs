//! The forms: each declares its field table ([`Schema`]) and the rules of its fixed scopes and of
//! its groups' rows; the session runs them. Each form is one file.

pub mod campaign_statistics;
pub mod daily_report;
pub mod inspection_checklist;
pub mod risk_register;
pub mod security_checkup;

use crate::base::date::{Date, Instant, WallClock};
pub use crate::check::findings::Computed;
use crate::check::findings::Findings;
use crate::input::cells::Cells;
use crate::issue::{Code, Kind, OwnCode};
use crate::profile::Profile;
use crate::schema::{FieldId, GroupId, RowId, Schema, SchemaBuilder, ScopeId};
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

/// What the rules read besides the cells: the profile, the clock, the previous report.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The issuer's rule set.
    pub profile: &'a Profile,
    /// The current moment (the portal's server time when it gave one).
    pub now: Instant,
    /// The same unit's previous report, for cumulative checks.
    pub previous: Option<&'a Cells>,
    /// The running sums of the rows' tallies, for the scopes of [`Form::sums_scopes`] (which
    /// re-run whenever the sums move, as totals do).
    pub sums: &'a [i64],
    /// Today in China Standard Time: `now`'s date there, worked out once when the clock is set
    /// rather than by every scope and row that checks a date.
    pub today: Date,
}

impl Context<'_> {
    /// The current date and time in China Standard Time (UTC+8), where every seed's deadlines fall.
    pub fn wall_clock(&self) -> WallClock {
        self.now.wall_clock(8 * 60)
    }
}

/// A form: its field table, the rules of each fixed scope and of each group's rows, and how the
/// running sums become totals.
pub trait Form {
    /// Which built-in form this is (`None` for a form read from a definition).
    fn kind(&self) -> Option<FormKind>;
    /// The field table.
    fn schema(&self) -> &Schema;
    /// The fixed scopes whose rules read the clock.
    fn clock_scopes(&self) -> &[ScopeId];
    /// The fixed scopes whose rules read the rows' running sums ([`Context::sums`]): they run
    /// after the rows and again whenever a row's tally moves. They must not tally themselves.
    fn sums_scopes(&self) -> &[ScopeId] {
        &[]
    }
    /// Fixed fields that the rows of a group read (a school's boarding type, read by every
    /// campus): a change of one re-checks that group's rows, each of which it changes anyway.
    fn row_inputs(&self) -> &[(FieldId, GroupId)] {
        &[]
    }
    /// Runs every rule of one fixed scope.
    fn check_scope(&self, scope: ScopeId, cells: &Cells, ctx: &Context, out: &mut Findings);
    /// Runs every rule of one row of a group.
    fn check_row(&self, _group: GroupId, _row: RowId, _cells: &Cells, _ctx: &Context, _out: &mut Findings) {}
    /// The cell a group's duplicate issue is shown at.
    fn duplicate_field(&self, _group: GroupId) -> Option<FieldId> {
        None
    }
    /// The issue of a group's duplicate rows (the rows sharing a key, [`Findings::duplicate_key`]):
    /// a code of the table, or the form's own ([`Form::own_code`]). A code whose message takes an
    /// argument gets the 1-based position of the first other row with the same key (第N行).
    fn duplicate_kind(&self, _group: GroupId) -> Kind {
        Kind::bare(Code::DuplicateHazard)
    }
    /// The `n`-th (from 1) of the form's own codes ([`Kind::own`](crate::issue::Kind::own)): a
    /// definition's, with their messages; the built-in forms use the code table only.
    fn own_code(&self, _n: u8) -> Option<&OwnCode> {
        None
    }
    /// A choice field's options where the form holds them itself (a definition's lists), as
    /// `(id, Chinese wording)`; the built-in forms' are in their schema.
    fn own_options(&self, _f: FieldId) -> &[(String, String)] {
        &[]
    }
    /// Computed fields derived from the running sums (totals; at most
    /// [`TALLY_SLOTS`](crate::check::findings::TALLY_SLOTS) of them).
    fn totals(&self, sums: &[i64]) -> Vec<(FieldId, Computed)>;
}

/// Each fixed scope of a form with the check it runs, by scope id. A form opens every scope
/// through [`Scopes::open`], naming its check (a variant of the form's own enum), and its
/// [`Form::check_scope`] matches that enum exhaustively: a scope cannot be added without a check,
/// nor a check without its arm. Scope ids count up from 0 in the order scopes are opened, so the
/// checks are a plain list (no form opens a scope any other way); a lookup is one index.
#[derive(Debug, Clone)]
pub struct Scopes<C>(Vec<C>);

impl<C: Copy> Scopes<C> {
    /// No scope yet.
    pub fn new() -> Scopes<C> {
        Scopes(Vec::new())
    }

    /// Opens the next scope of `b` (the fields declared next belong to it), run by `check`.
    pub fn open(&mut self, b: &mut SchemaBuilder, check: C) -> ScopeId {
        self.0.push(check);
        b.scope()
    }

    /// The check of `scope`; `None` for a scope no form opened.
    pub fn check(&self, scope: ScopeId) -> Option<C> {
        self.0.get(usize::from(scope)).copied()
    }
}

impl<C: Copy> Default for Scopes<C> {
    fn default() -> Self {
        Scopes::new()
    }
}

/// Builds the form of `kind` for a profile (every kind is built; `None` is kept for kinds to come).
pub fn build(kind: FormKind, profile: &Profile) -> Option<Box<dyn Form>> {
    match kind {
        FormKind::DailyReport => Some(Box::new(daily_report::DailyReport::new(profile))),
        FormKind::RiskRegister => Some(Box::new(risk_register::RiskRegister::new(profile))),
        FormKind::InspectionChecklist => Some(Box::new(inspection_checklist::InspectionChecklist::new(profile))),
        FormKind::SecurityCheckup => Some(Box::new(security_checkup::SecurityCheckup::new(profile))),
        FormKind::CampaignStatistics => Some(Box::new(campaign_statistics::CampaignStatistics::new(profile))),
    }
}
