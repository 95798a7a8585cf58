//! 战果统计表: the campaign statistics (seed 004 附件3 "中小学幼儿园安全集中整治攻坚行动战果统计表",
//! RULES.md §5): 填报单位, 填报时间, and the table's columns 排查学校（家） and 排查风险隐患（个）,
//! broken down as CONTRACT.md lists (rectified, being rectified, overdue; per category).
//!
//! The figures are computed by `aggregate("risk-register", …)` from the schools' registers
//! ([`crate::aggregate`]); this form checks a statistics table as it is submitted: the aggregate's
//! `data` passed back, or a district office's re-typed figures. A typed figure is read as a count
//! and echoed, normalised, in `computed` (`"１２"` → 12); the figures are checked against each
//! other whenever the ones a rule needs are all given:
//! - 已完成整改 + 正在整改 = 排查风险隐患, in the totals and per category (`status_sum_mismatch`,
//!   at the risks found: the seed's own column is what the breakdown must add up to);
//! - overdue ≤ being rectified (`overdue_exceeds_in_progress`): only a hazard still being fixed
//!   can be overdue, as in the register;
//! - the categories of a column add up to its total (`category_sum_mismatch`, at the total), once
//!   any category of that column is given (a blank category then counts as 0: a district types
//!   the categories that have risks);
//! - risks found with no school inspected (`risks_without_schools`).
//!
//! 排查学校（家） and 排查风险隐患（个） are required (they are the seed's table); the breakdown is
//! optional. The report is due monthly by the profile's day (`late_monthly_report`, a warning).
//!
//! Scopes, in display order: `unit`; `report_date` (reads the clock); the figures.

use super::{Computed, Context, Form, FormKind, Scopes};
use crate::base::text::Localized;
use crate::check::findings::Findings;
use crate::check::rules::{self, text::Need};
use crate::input::cells::Cells;
use crate::issue::{Arg, Code, Kind};
use crate::profile::builtin::CATEGORIES;
use crate::profile::Profile;
use crate::schema::{Cell, FieldId, FieldType, Schema, SchemaBuilder, ScopeId};

/// What each fixed scope of the campaign statistics checks.
#[derive(Debug, Clone, Copy)]
enum Scope {
    Unit,
    Date,
    Figures,
}

/// The four figures of the totals and of each category: (path segment of a category, zh, en).
/// The totals' paths are `risks_<segment>` except `risks_found`'s own (the same).
pub const COLUMNS: [(&str, &str, &str); 4] = [
    // 附件3's column "排查风险隐患（个）".
    ("found", "排查风险隐患（个）", "Risks found"),
    // 附件2 注: "隐患整改情况填写：已完成、正在整改中".
    ("done", "已完成整改（个）", "Risks rectified"),
    ("in_progress", "正在整改（个）", "Risks being rectified"),
    ("overdue", "逾期未完成整改（个）", "Risks overdue"),
];
const FOUND: usize = 0;
const DONE: usize = 1;
const IN_PROGRESS: usize = 2;
const OVERDUE: usize = 3;

/// The totals' paths, in [`COLUMNS`] order.
pub const TOTALS: [&str; 4] = ["risks_found", "risks_done", "risks_in_progress", "risks_overdue"];

const MAX_UNIT: u64 = 100;

/// A figure as read: `Ok(None)` blank, `Err(())` invalid (its issue is pushed).
type Figure = Result<Option<u64>, ()>;

/// The campaign statistics of one profile.
pub struct CampaignStatistics {
    schema: Schema,
    unit: FieldId,
    report_date: FieldId,
    schools: FieldId,
    totals: [FieldId; 4],
    categories: Vec<[FieldId; 4]>,
    date_scope: [ScopeId; 1],
    scopes: Scopes<Scope>,
}

impl CampaignStatistics {
    /// The form (the same under every profile; the profile sets only its deadline).
    pub fn new(_profile: &Profile) -> CampaignStatistics {
        let l = Localized::new;
        let mut b = SchemaBuilder::default();
        let mut scopes = Scopes::new();
        scopes.open(&mut b, Scope::Unit);
        let unit = b.field("unit", l("填报单位", "Reporting unit"), FieldType::Text).required().id();
        let date_scope = scopes.open(&mut b, Scope::Date);
        let report_date = b.field("report_date", l("填报时间", "Report date"), FieldType::Date).required().id();
        scopes.open(&mut b, Scope::Figures);
        // 附件3's column "排查学校（家）".
        let schools = b
            .field("schools_inspected", l("排查学校（家）", "Schools inspected"), FieldType::Count)
            .required()
            .computed()
            .id();
        let mut totals = [0; 4];
        for (i, (((_, zh, en), path), id)) in COLUMNS.iter().zip(TOTALS).zip(totals.iter_mut()).enumerate() {
            let field = b.field(path, l(zh, en), FieldType::Count).computed();
            *id = if i == FOUND { field.required().id() } else { field.id() };
        }
        let categories = CATEGORIES
            .iter()
            .map(|(id, cat_zh, cat_en)| {
                let mut ids = [0; 4];
                for ((column, zh, en), field) in COLUMNS.iter().zip(ids.iter_mut()) {
                    let label = Localized { zh: format!("{cat_zh}·{zh}"), en: format!("{cat_en}: {en}") };
                    *field = b.field(&format!("by_category.{id}.{column}"), label, FieldType::Count).computed().id();
                }
                ids
            })
            .collect();
        CampaignStatistics {
            schema: b.build(),
            unit,
            report_date,
            schools,
            totals,
            categories,
            date_scope: [date_scope],
            scopes,
        }
    }

    fn check_date(&self, cells: &Cells, ctx: &Context, out: &mut Findings) {
        let at = Cell::fixed(self.report_date);
        let today = ctx.today;
        if let Some(day) = rules::date::check_past(cells.fixed(self.report_date), at, Need::Required, today, out) {
            rules::monthly_deadline::check(day, ctx.profile.campaign_statistics.monthly_deadline_day, today, at, out);
        }
    }

    fn check_figures(&self, cells: &Cells, out: &mut Findings) {
        // Each figure read once.
        let mut read = |field: FieldId, need: Need| -> Figure {
            let at = Cell::fixed(field);
            let value = match crate::input::normalise::count(cells.fixed(field)) {
                Ok(value) => {
                    if value.is_none() && need == Need::Required {
                        out.push(at, Code::Required);
                    }
                    Ok(value)
                }
                Err(rejection) => {
                    out.push(at, Kind::from(rejection));
                    Err(())
                }
            };
            out.compute(at, value.ok().flatten().map_or(Computed::Unknown, Computed::Count));
            value
        };
        let schools = read(self.schools, Need::Required);
        let [found, done, in_progress, overdue] = self.totals;
        let totals = [
            read(found, Need::Required),
            read(done, Need::Optional),
            read(in_progress, Need::Optional),
            read(overdue, Need::Optional),
        ];
        let categories: Vec<[Figure; 4]> =
            self.categories.iter().map(|row| row.map(|f| read(f, Need::Optional))).collect();

        // The seed's two columns: risks found means schools were inspected.
        if let (Ok(Some(0)), Ok(Some(found))) = (schools, totals[FOUND]) {
            if found > 0 {
                out.push(Cell::fixed(self.schools), Kind::with(Code::RisksWithoutSchools, Arg::Num(found)));
            }
        }

        // Within the totals and within each category: done + in progress = found; overdue ≤ in progress.
        let rows = std::iter::once((&self.totals, &totals)).chain(self.categories.iter().zip(&categories));
        for (fields, figures) in rows {
            let (found, done, in_progress, overdue) =
                (figures[FOUND], figures[DONE], figures[IN_PROGRESS], figures[OVERDUE]);
            if let (Ok(Some(found)), Ok(Some(done)), Ok(Some(in_progress))) = (found, done, in_progress) {
                let sum = done.saturating_add(in_progress);
                if sum != found {
                    out.push(Cell::fixed(fields[FOUND]), Kind::with(Code::StatusSumMismatch, Arg::Num(sum)));
                }
            }
            if let (Ok(Some(overdue)), Ok(Some(in_progress))) = (overdue, in_progress) {
                if overdue > in_progress {
                    out.push(
                        Cell::fixed(fields[OVERDUE]),
                        Kind::with(Code::OverdueExceedsInProgress, Arg::Num(in_progress)),
                    );
                }
            }
        }

        // Each column's categories add up to its total, once any category of it is given.
        for (column, (total, field)) in totals.iter().zip(self.totals).enumerate() {
            let Ok(Some(total)) = *total else { continue };
            let given: Vec<Figure> = categories.iter().filter_map(|row| row.get(column).copied()).collect();
            if given.iter().any(Result::is_err) || given.iter().all(|v| *v == Ok(None)) {
                continue;
            }
            let sum = given.iter().fold(0u64, |sum, v| sum.saturating_add(v.ok().flatten().unwrap_or(0)));
            if sum != total {
                out.push(Cell::fixed(field), Kind::with(Code::CategorySumMismatch, Arg::Num(sum)));
            }
        }
    }
}

impl Form for CampaignStatistics {
    fn kind(&self) -> Option<FormKind> {
        Some(FormKind::CampaignStatistics)
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
            Some(Scope::Figures) => self.check_figures(cells, out),
            None => {}
        }
    }

    fn totals(&self, _sums: &[i64]) -> Vec<(FieldId, Computed)> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_categories_are_the_registers() {
        let ids: Vec<(&str, &str)> = CATEGORIES.iter().map(|(id, zh, _)| (*id, *zh)).collect();
        assert_eq!(ids, super::super::risk_register::CATEGORIES);
    }
}
