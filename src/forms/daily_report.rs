//! 日报表: the daily hazard report (seed 000 附件3, RULES.md §1).
//!
//! One row per hazard category with 发现隐患数, 已整治隐患数, 未整治隐患数 and 未整治隐患防控措施;
//! a totals row (合计) and fix rate computed; the unit, the report date and the sign-off line.
//!
//! Scopes, in display order: `unit`; `report_date`; one per row (`rows.<category>.*`); sign-off
//! (`filled_by`, `reviewed_by`, `leader`). Running sums: found, fixed, unfixed.

use super::{Computed, Context, FieldSpec, FieldType, Findings, Form, FormKind};
use crate::issue::Kind;
use crate::normalise;
use crate::profile::{Category, Localized, Profile};
use crate::rules::{self, text::Need};
use crate::sorted::SortedMap;
use crate::value::Fields;

/// The columns of a category row: (path segment, zh-CN label, en label).
pub const COLUMNS: [(&str, &str, &str); 4] = [
    ("found", "发现隐患数", "hazards found"),
    ("fixed", "已整治隐患数", "hazards fixed"),
    ("unfixed", "未整治隐患数", "hazards unfixed"),
    ("measures", "未整治隐患防控措施", "control measures for unfixed hazards"),
];

/// Sign-off fields: (path, zh-CN label, en label).
const PEOPLE: [(&str, &str, &str); 3] = [
    ("filled_by", "填表人", "Filled in by"),
    ("reviewed_by", "审核人", "Reviewed by"),
    ("leader", "分管领导", "Leader in charge"),
];

/// Longest unit name accepted.
const MAX_UNIT: u64 = 100;
/// Longest person name accepted.
const MAX_NAME: u64 = 50;
/// Longest control-measures text accepted.
const MAX_MEASURES: u64 = 500;

/// Running-sum slots.
const FOUND: usize = 0;
const FIXED: usize = 1;
const UNFIXED: usize = 2;

const UNIT_SCOPE: usize = 0;
const DATE_SCOPE: usize = 1;
const FIRST_ROW_SCOPE: usize = 2;

/// The daily report of one profile (its category list).
#[derive(Debug, Clone)]
pub struct DailyReport {
    categories: Vec<Category>,
    index: SortedMap<usize>,
}

impl DailyReport {
    /// The form for `profile`'s categories.
    pub fn new(profile: &Profile) -> DailyReport {
        let categories = profile.daily_report.categories.clone();
        let mut index = SortedMap::new();
        for (i, c) in categories.iter().enumerate() {
            index.insert(&c.id, i);
        }
        DailyReport { categories, index }
    }

    fn signoff_scope(&self) -> usize {
        FIRST_ROW_SCOPE + self.categories.len()
    }

    /// The row index and column of a `rows.<category>.<column>` path.
    fn row_of<'p>(&self, path: &'p str) -> Option<(usize, &'p str)> {
        let rest = path.strip_prefix("rows.")?;
        let (category, column) = rest.rsplit_once('.')?;
        let row = *self.index.get(category)?;
        COLUMNS.iter().any(|(c, _, _)| *c == column).then_some((row, column))
    }

    fn check_unit(&self, fields: &Fields, out: &mut Findings) {
        rules::text::check(fields, "unit", Need::Required, MAX_UNIT, out);
    }

    fn check_date(&self, fields: &Fields, ctx: &Context, out: &mut Findings) {
        let Some(day) = rules::date::check(fields, "report_date", Need::Required, out) else { return };
        let now = ctx.wall_clock();
        if rules::not_in_future::check(day, now.date, "report_date", out) {
            let rules = &ctx.profile.daily_report;
            rules::key_period::check(day, rules.key_period, "report_date", out);
            rules::deadline::check(day, rules.deadline, now, "report_date", out);
        }
    }

    fn check_row(&self, category: &Category, fields: &Fields, ctx: &Context, out: &mut Findings) {
        let path = |column: &str| format!("rows.{}.{column}", category.id);
        let (found_at, fixed_at, unfixed_at, measures_at) =
            (path("found"), path("fixed"), path("unfixed"), path("measures"));

        let found = rules::count::check(fields, &found_at, Need::Required, out);
        let fixed = rules::count::check(fields, &fixed_at, Need::Required, out);
        let typed_unfixed = rules::count::check(fields, &unfixed_at, Need::Optional, out);

        if ctx.profile.daily_report.cumulative {
            if let Some(previous) = &ctx.previous {
                let before = |at: &str| normalise::count(previous.get(at)).ok().flatten();
                if let Some(found) = found {
                    rules::not_decreased::check(found, before(&found_at), &found_at, out);
                }
                if let Some(fixed) = fixed {
                    rules::not_decreased::check(fixed, before(&fixed_at), &fixed_at, out);
                }
            }
        }

        let unfixed = match (found, fixed) {
            (Some(found), Some(fixed)) if fixed > found => {
                out.push(&fixed_at, Kind::FixedExceedsFound { found });
                None
            }
            (Some(found), Some(fixed)) => Some(found - fixed),
            _ => None,
        };
        if let (Some(expected), Some(typed)) = (unfixed, typed_unfixed) {
            if typed != expected {
                out.push(&unfixed_at, Kind::UnfixedMismatch { expected });
            }
        }

        let measures = rules::text::check(fields, &measures_at, Need::Optional, MAX_MEASURES, out);
        if let Some(remaining) = unfixed.or(typed_unfixed).filter(|n| *n > 0) {
            if measures.is_none() {
                out.push(&measures_at, Kind::MeasuresRequired { unfixed: remaining });
            }
        }

        out.compute(unfixed_at, unfixed.map_or(Computed::Unknown, Computed::Count));
        out.add(FOUND, found.unwrap_or(0));
        out.add(FIXED, fixed.unwrap_or(0));
        out.add(UNFIXED, unfixed.unwrap_or(0));
    }

    fn check_signoff(&self, fields: &Fields, out: &mut Findings) {
        for (path, _, _) in PEOPLE {
            rules::text::check(fields, path, Need::Required, MAX_NAME, out);
        }
        rules::distinct_persons::check(fields, "filled_by", "reviewed_by", out);
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
    fn kind(&self) -> FormKind {
        FormKind::DailyReport
    }

    fn scope_count(&self) -> usize {
        self.signoff_scope() + 1
    }

    fn scopes_of(&self, path: &str) -> Vec<usize> {
        match path {
            "unit" => vec![UNIT_SCOPE],
            "report_date" => vec![DATE_SCOPE],
            "filled_by" | "reviewed_by" | "leader" => vec![self.signoff_scope()],
            _ => self.row_of(path).map(|(row, _)| vec![FIRST_ROW_SCOPE + row]).unwrap_or_default(),
        }
    }

    fn clock_scopes(&self) -> Vec<usize> {
        vec![DATE_SCOPE]
    }

    fn tally_width(&self) -> usize {
        3
    }

    fn check(&self, scope: usize, fields: &Fields, ctx: &Context, out: &mut Findings) {
        match scope {
            UNIT_SCOPE => self.check_unit(fields, out),
            DATE_SCOPE => self.check_date(fields, ctx, out),
            s if s == self.signoff_scope() => self.check_signoff(fields, out),
            s => {
                if let Some(category) = s.checked_sub(FIRST_ROW_SCOPE).and_then(|row| self.categories.get(row)) {
                    self.check_row(category, fields, ctx, out);
                }
            }
        }
    }

    fn totals(&self, tally: &[u64]) -> Vec<(String, Computed)> {
        let at = |slot: usize| tally.get(slot).copied().unwrap_or(0);
        vec![
            ("totals.found".into(), Computed::Count(at(FOUND))),
            ("totals.fixed".into(), Computed::Count(at(FIXED))),
            ("totals.unfixed".into(), Computed::Count(at(UNFIXED))),
            ("totals.fix_rate".into(), fix_rate(at(FOUND), at(FIXED))),
        ]
    }

    fn describe(&self) -> Vec<FieldSpec> {
        let spec = |path: String, label: Localized, field_type, required, computed| FieldSpec {
            path,
            label,
            field_type,
            required,
            computed,
        };
        let mut out = vec![
            spec("unit".into(), self.label("unit"), FieldType::Text, true, false),
            spec("report_date".into(), self.label("report_date"), FieldType::Date, true, false),
        ];
        for c in &self.categories {
            for (column, _, _) in COLUMNS {
                let path = format!("rows.{}.{column}", c.id);
                let field_type = if column == "measures" { FieldType::Text } else { FieldType::Count };
                let required = column == "found" || column == "fixed";
                out.push(spec(path.clone(), self.label(&path), field_type, required, column == "unfixed"));
            }
        }
        for (path, _) in self.totals(&[]) {
            let field_type = if path == "totals.fix_rate" { FieldType::Percent } else { FieldType::Count };
            out.push(spec(path.clone(), self.label(&path), field_type, false, true));
        }
        for (path, _, _) in PEOPLE {
            out.push(spec(path.into(), self.label(path), FieldType::Text, true, false));
        }
        out
    }

    fn label(&self, path: &str) -> Localized {
        match path {
            "unit" => return Localized::new("学校（单位）", "School (unit)"),
            "report_date" => return Localized::new("填报日期", "Report date"),
            "totals.fix_rate" => return Localized::new("合计·整治率", "Total: fix rate"),
            _ => {}
        }
        if let Some((_, zh, en)) = PEOPLE.iter().find(|(p, _, _)| *p == path) {
            return Localized::new(zh, en);
        }
        let column_label = |column: &str| COLUMNS.iter().find(|(c, _, _)| *c == column).map(|(_, zh, en)| (*zh, *en));
        if let Some(column) = path.strip_prefix("totals.") {
            if let Some((zh, en)) = column_label(column) {
                return Localized { zh: format!("合计·{zh}"), en: format!("Total: {en}") };
            }
        }
        if let Some((row, column)) = self.row_of(path) {
            if let (Some(c), Some((zh, en))) = (self.categories.get(row), column_label(column)) {
                return Localized { zh: format!("{}·{zh}", c.label.zh), en: format!("{}: {en}", c.label.en) };
            }
        }
        Localized::new(path, path)
    }
}
