//! 日报表: the daily hazard report (seed 000 附件3, RULES.md §1).
//!
//! One row per hazard category with 发现隐患数, 已整治隐患数, 未整治隐患数 and 未整治隐患防控措施;
//! a totals row (合计) and fix rate computed; the unit, the report date and the sign-off line.
//!
//! Scopes, in display order: `unit`; `report_date` (reads the clock); one per category row;
//! the totals (computed from running sums); the sign-off (`filled_by`, `reviewed_by`, `leader`).

use super::{Computed, Context, Form, FormKind, Scopes};
use crate::base::text::Localized;
use crate::check::findings::Findings;
use crate::check::rules::{self, text::Need};
use crate::input::cells::Cells;
use crate::input::normalise;
use crate::issue::{Arg, Code, Kind};
use crate::profile::Profile;
use crate::schema::{Cell, FieldId, FieldType, Schema, SchemaBuilder, ScopeId};

/// The columns of a category row: (path segment, zh-CN label, en label).
pub const COLUMNS: [(&str, &str, &str); 4] = [
    ("found", "发现隐患数", "hazards found"),
    ("fixed", "已整治隐患数", "hazards fixed"),
    ("unfixed", "未整治隐患数", "hazards unfixed"),
    ("measures", "未整治隐患防控措施", "control measures for unfixed hazards"),
];

/// Longest unit name accepted.
const MAX_UNIT: u64 = 100;
/// Longest person name accepted.
const MAX_NAME: u64 = 50;
/// Longest control-measures text accepted.
const MAX_MEASURES: u64 = 500;

/// Running-sum slots: the three count columns, and how many rows cannot be summed yet.
const FOUND: usize = 0;
const FIXED: usize = 1;
const UNFIXED: usize = 2;
const UNSUMMABLE: usize = 3;

/// What each fixed scope of the daily report checks.
#[derive(Debug, Clone, Copy)]
enum Scope {
    Unit,
    Date,
    /// One category row, by its index in the profile's list.
    Category(usize),
    /// The totals: computed from the rows' running sums ([`Form::totals`]); no rule of their own.
    Totals,
    Signoff,
}

/// One category row's fields.
#[derive(Debug, Clone, Copy)]
struct Row {
    found: FieldId,
    fixed: FieldId,
    unfixed: FieldId,
    measures: FieldId,
}

/// The daily report of one profile (its category list).
pub struct DailyReport {
    schema: Schema,
    unit: FieldId,
    report_date: FieldId,
    rows: Vec<Row>,
    scopes: Scopes<Scope>,
    totals: [FieldId; 4],
    people: [FieldId; 3],
    date_scope: [ScopeId; 1],
}

impl DailyReport {
    /// The form for `profile`'s categories.
    pub fn new(profile: &Profile) -> DailyReport {
        let mut b = SchemaBuilder::default();
        let mut scopes = Scopes::new();
        scopes.open(&mut b, Scope::Unit);
        let unit = b.field("unit", Localized::new("学校（单位）", "School (unit)"), FieldType::Text).required().id();
        let date_scope = scopes.open(&mut b, Scope::Date);
        let report_date =
            b.field("report_date", Localized::new("填报日期", "Report date"), FieldType::Date).required().id();
        let mut rows = Vec::new();
        for (i, c) in profile.daily_report.categories.iter().enumerate() {
            scopes.open(&mut b, Scope::Category(i));
            let mut ids = [0; 4];
            for ((column, zh, en), id) in COLUMNS.iter().zip(ids.iter_mut()) {
                let label = Localized { zh: format!("{}·{zh}", c.label.zh), en: format!("{}: {en}", c.label.en) };
                let ty = if *column == "measures" { FieldType::Text } else { FieldType::Count };
                let field = b.field(&format!("rows.{}.{column}", c.id), label, ty);
                let field = match *column {
                    "found" | "fixed" => field.required(),
                    "unfixed" => field.computed(),
                    _ => field,
                };
                *id = field.id();
            }
            let [found, fixed, unfixed, measures] = ids;
            rows.push(Row { found, fixed, unfixed, measures });
        }
        scopes.open(&mut b, Scope::Totals);
        let mut totals = [0; 4];
        for ((column, zh, en), id) in COLUMNS.iter().take(3).zip(totals.iter_mut()) {
            let label = Localized { zh: format!("合计·{zh}"), en: format!("Total: {en}") };
            *id = b.field(&format!("totals.{column}"), label, FieldType::Count).computed().id();
        }
        totals[3] = b
            .field("totals.fix_rate", Localized::new("合计·整治率", "Total: fix rate"), FieldType::Percent)
            .computed()
            .id();
        scopes.open(&mut b, Scope::Signoff);
        let people = [
            b.field("filled_by", Localized::new("填表人", "Filled in by"), FieldType::Text).required().personal().id(),
            b.field("reviewed_by", Localized::new("审核人", "Reviewed by"), FieldType::Text).required().personal().id(),
            b.field("leader", Localized::new("分管领导", "Leader in charge"), FieldType::Text)
                .required()
                .personal()
                .id(),
        ];
        DailyReport { schema: b.build(), unit, report_date, rows, scopes, totals, people, date_scope: [date_scope] }
    }

    fn check_date(&self, cells: &Cells, ctx: &Context, out: &mut Findings) {
        let at = Cell::fixed(self.report_date);
        let Some(day) = rules::date::check(cells.fixed(self.report_date), at, Need::Required, out) else { return };
        if !rules::not_in_future::check(day, ctx.today, at, out) {
            return;
        }
        let rules = &ctx.profile.daily_report;
        rules::key_period::check(day, rules.key_period, at, out);
        rules::deadline::check(day, rules.deadline, ctx.now, at, out);
    }

    fn check_category(&self, row: &Row, cells: &Cells, ctx: &Context, out: &mut Findings) {
        let (found_at, fixed_at, unfixed_at, measures_at) =
            (Cell::fixed(row.found), Cell::fixed(row.fixed), Cell::fixed(row.unfixed), Cell::fixed(row.measures));
        let found = rules::count::check(cells.fixed(row.found), found_at, Need::Required, out);
        let fixed = rules::count::check(cells.fixed(row.fixed), fixed_at, Need::Required, out);
        let typed_unfixed = rules::count::check(cells.fixed(row.unfixed), unfixed_at, Need::Optional, out);

        if ctx.profile.daily_report.cumulative {
            if let Some(previous) = ctx.previous {
                let before = |field: FieldId| normalise::count(previous.fixed(field)).ok().flatten();
                if let Some(found) = found {
                    rules::not_decreased::check(found, before(row.found), found_at, out);
                }
                if let Some(fixed) = fixed {
                    rules::not_decreased::check(fixed, before(row.fixed), fixed_at, out);
                }
            }
        }

        let unfixed = match (found, fixed) {
            (Some(found), Some(fixed)) if fixed > found => {
                out.push(fixed_at, Kind::with(Code::FixedExceedsFound, Arg::Num(found)));
                None
            }
            (Some(found), Some(fixed)) => Some(found - fixed),
            _ => None,
        };
        if let (Some(expected), Some(typed)) = (unfixed, typed_unfixed) {
            if typed != expected {
                out.push(unfixed_at, Kind::with(Code::UnfixedMismatch, Arg::Num(expected)));
            }
        }

        let measures = rules::text::check(cells.fixed(row.measures), measures_at, Need::Optional, MAX_MEASURES, out);
        if let Some(remaining) = unfixed.or(typed_unfixed).filter(|n| *n > 0) {
            if measures.is_none() {
                out.push(measures_at, Kind::with(Code::MeasuresRequired, Arg::Num(remaining)));
            }
        }

        out.compute(unfixed_at, unfixed.map_or(Computed::Unknown, Computed::Count));
        // Totals sum complete rows; a row not typed at all counts as nothing yet, and any other
        // row that cannot be summed makes every total unknown, so totals never contradict each other.
        let blank = |field: FieldId| normalise::count(cells.fixed(field)) == Ok(None);
        match unfixed {
            Some(unfixed) => {
                out.add(FOUND, i64::try_from(found.unwrap_or(0)).unwrap_or(0));
                out.add(FIXED, i64::try_from(fixed.unwrap_or(0)).unwrap_or(0));
                out.add(UNFIXED, i64::try_from(unfixed).unwrap_or(0));
            }
            None if blank(row.found) && blank(row.fixed) => {}
            None => out.add(UNSUMMABLE, 1),
        }
    }

    fn check_signoff(&self, cells: &Cells, out: &mut Findings) {
        for field in self.people {
            rules::text::check(cells.fixed(field), Cell::fixed(field), Need::Required, MAX_NAME, out);
        }
        let [filled_by, reviewed_by, _] = self.people;
        rules::distinct_persons::check(cells.fixed(filled_by), cells.fixed(reviewed_by), Cell::fixed(reviewed_by), out);
    }
}

/// The fix rate in percent with one decimal, rounded half up; unknown when nothing was found or
/// the counts contradict each other (more fixed than found).
pub fn fix_rate(found: u64, fixed: u64) -> Computed {
    if found == 0 || fixed > found {
        return Computed::Unknown;
    }
    let tenths = (u128::from(fixed) * 1000 + u128::from(found) / 2) / u128::from(found);
    Computed::Decimal(tenths as f64 / 10.0)
}

impl Form for DailyReport {
    fn kind(&self) -> Option<FormKind> {
        Some(FormKind::DailyReport)
    }

    fn schema(&self) -> &Schema {
        &self.schema
    }

    fn clock_scopes(&self) -> &[ScopeId] {
        &self.date_scope
    }

    fn check_scope(&self, scope: ScopeId, cells: &Cells, ctx: &Context, out: &mut Findings) {
        match self.scopes.check(scope) {
            Some(Scope::Unit) => {
                rules::text::check(cells.fixed(self.unit), Cell::fixed(self.unit), Need::Required, MAX_UNIT, out);
            }
            Some(Scope::Date) => self.check_date(cells, ctx, out),
            Some(Scope::Category(i)) => {
                if let Some(row) = self.rows.get(i) {
                    self.check_category(row, cells, ctx, out);
                }
            }
            Some(Scope::Totals) | None => {}
            Some(Scope::Signoff) => self.check_signoff(cells, out),
        }
    }

    fn totals(&self, sums: &[i64]) -> Vec<(FieldId, Computed)> {
        let at = |slot: usize| u64::try_from(sums.get(slot).copied().unwrap_or(0)).unwrap_or(0);
        let [found, fixed, unfixed, rate] = self.totals;
        if at(UNSUMMABLE) > 0 {
            return self.totals.iter().map(|f| (*f, Computed::Unknown)).collect();
        }
        vec![
            (found, Computed::Count(at(FOUND))),
            (fixed, Computed::Count(at(FIXED))),
            (unfixed, Computed::Count(at(UNFIXED))),
            (rate, fix_rate(at(FOUND), at(FIXED))),
        ]
    }
}
