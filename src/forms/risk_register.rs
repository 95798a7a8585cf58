//! 风险隐患排查表 / 隐患整改台账: the risk register (seed 004 附件2, with seeds 001 and 002;
//! RULES.md §4). One row per hazard ("一个风险隐患填写一行"), each tracked from discovery to
//! closure with the "four in place" (整改措施、责任、时限、督办, seed 004) and the "three fixed"
//! (定人员、定期限、定责任, seed 001).
//!
//! Scopes, in display order: `unit`; `report_date` (reads the clock); the rows (a repeated group,
//! each row reads the clock for `overdue`); the totals; the sign-off (`inspected_by`, `signed_by`:
//! "谁检查谁负责，谁签字谁负责").

use super::{Computed, Context, Form, FormKind, Scopes};
use crate::base::text::Localized;
use crate::check::findings::Findings;
use crate::check::rules::{self, text::Need};
use crate::input::cells::Cells;
use crate::input::normalise;
use crate::issue::{Arg, Code, Kind};
use crate::profile::Profile;
use crate::schema::{Cell, Choice, FieldId, FieldType, GroupId, RowId, Schema, SchemaBuilder, ScopeId};

/// Hazard categories: the daily report's eight and the kinds of seed 004 §三(三).
pub const CATEGORIES: &[Choice] = &[
    ("school_buildings", "校舍安全"),
    ("gas", "燃气安全"),
    ("campus_security", "校园安防"),
    ("fire", "消防安全"),
    ("traffic", "交通安全"),
    ("food_hygiene", "食品安全与卫生"),
    ("laboratory", "实验室安全"),
    ("surroundings", "校园周边环境"),
    ("relocation", "学校搬迁改造"),
    ("staff_pay", "教职工待遇"),
    ("admission", "入学入园"),
    ("mental_health", "师生心理疾病"),
    ("mental_disorder_person", "易肇事肇祸精神障碍患者"),
    ("drug_user", "吸毒人员"),
    ("released_prisoner", "刑满释放人员"),
    ("revenge_threat", "心态失衡、扬言报复社会人员"),
    ("other", "其他"),
];

/// 隐患整改情况: "已完成、正在整改中" (seed 004 附件2 注).
pub const STATUS: &[Choice] = &[("done", "已完成"), ("in_progress", "正在整改中")];
const DONE: usize = 0;
const IN_PROGRESS: usize = 1;

const MAX_UNIT: u64 = 100;
const MAX_NAME: u64 = 50;
const MAX_PLACE: u64 = 200;
const MAX_TEXT: u64 = 500;

/// Running-sum slots.
const T_FOUND: usize = 0;
const T_DONE: usize = 1;
const T_IN_PROGRESS: usize = 2;
const T_OVERDUE: usize = 3;

/// Column slots of a row, in declaration order.
#[derive(Debug, Clone, Copy)]
struct Columns {
    police_station: FieldId,
    description: FieldId,
    place: FieldId,
    category: FieldId,
    found_on: FieldId,
    measures: FieldId,
    responsible: FieldId,
    deadline: FieldId,
    supervisor: FieldId,
    status: FieldId,
    completed_on: FieldId,
    interim_measures: FieldId,
    overdue: FieldId,
}

/// The risk register of one profile.
pub struct RiskRegister {
    schema: Schema,
    police_station_required: bool,
    unit: FieldId,
    report_date: FieldId,
    rows: GroupId,
    col: Columns,
    totals: [FieldId; 4],
    inspected_by: FieldId,
    signed_by: FieldId,
    date_scope: [ScopeId; 1],
    scopes: Scopes<Scope>,
}

/// What each fixed scope of the register checks.
#[derive(Debug, Clone, Copy)]
enum Scope {
    Unit,
    Date,
    /// The totals: computed from the rows' running sums ([`Form::totals`]); no rule of their own.
    Totals,
    Signoff,
}

impl RiskRegister {
    /// The form under `profile`.
    pub fn new(profile: &Profile) -> RiskRegister {
        let l = Localized::new;
        let mut b = SchemaBuilder::default();
        let mut scopes = Scopes::new();
        scopes.open(&mut b, Scope::Unit);
        let unit = b.field("unit", l("填报单位", "Reporting unit"), FieldType::Text).required().id();
        let date_scope = scopes.open(&mut b, Scope::Date);
        let report_date = b.field("report_date", l("填报时间", "Report date"), FieldType::Date).required().id();
        let rows = b.group("rows", l("风险隐患", "Risks and hazards"));
        let police = profile.risk_register.police_station_required;
        let mut column = |name: &str, label: Localized, ty: FieldType, required: bool| {
            let c = b.column(rows, name, label, ty);
            if required {
                c.required().id()
            } else {
                c.id()
            }
        };
        let col = Columns {
            police_station: column("police_station", l("派出所", "Police station"), FieldType::Text, police),
            description: column("description", l("隐患描述", "Hazard description"), FieldType::Text, true),
            place: column("place", l("地点", "Place"), FieldType::Text, false),
            category: column("category", l("隐患类别", "Category"), FieldType::Choice, true),
            found_on: column("found_on", l("发现日期", "Date found"), FieldType::Date, true),
            measures: column("measures", l("整改措施", "Rectification measures"), FieldType::Text, true),
            responsible: column("responsible", l("责任人", "Person responsible"), FieldType::Text, true),
            deadline: column("deadline", l("整改时限", "Rectification deadline"), FieldType::Date, true),
            supervisor: column("supervisor", l("督办人", "Supervisor"), FieldType::Text, true),
            status: column("status", l("隐患整改情况", "Rectification status"), FieldType::Choice, true),
            completed_on: column("completed_on", l("完成日期", "Date completed"), FieldType::Date, false),
            interim_measures: column(
                "interim_measures",
                l("临时强化防范措施", "Interim protective measures"),
                FieldType::Text,
                false,
            ),
            overdue: column("overdue", l("是否逾期", "Overdue"), FieldType::Boolean, false),
        };
        scopes.open(&mut b, Scope::Totals);
        let totals = [
            b.field("totals.found", l("合计·排查风险隐患", "Total: risks found"), FieldType::Count).computed().id(),
            b.field("totals.done", l("合计·已完成", "Total: done"), FieldType::Count).computed().id(),
            b.field("totals.in_progress", l("合计·正在整改中", "Total: in progress"), FieldType::Count).computed().id(),
            b.field("totals.overdue", l("合计·逾期未完成", "Total: overdue"), FieldType::Count).computed().id(),
        ];
        scopes.open(&mut b, Scope::Signoff);
        let inspected_by =
            b.field("inspected_by", l("检查人", "Inspected by"), FieldType::Text).required().personal().id();
        let signed_by = b.field("signed_by", l("签字人", "Signed by"), FieldType::Text).required().personal().id();
        let mut schema = b.build();
        for (field, options) in [(col.category, CATEGORIES), (col.status, STATUS)] {
            if let Some(def) = schema.fields.get_mut(usize::from(field)) {
                def.options = options;
            }
        }
        if let Some(def) = schema.fields.get_mut(usize::from(col.overdue)) {
            def.computed = true;
        }
        // Persons named by the row: personal information, kept out of plain-text drafts.
        for field in [col.responsible, col.supervisor] {
            if let Some(def) = schema.fields.get_mut(usize::from(field)) {
                def.personal = true;
            }
        }
        RiskRegister {
            schema,
            police_station_required: police,
            unit,
            report_date,
            rows,
            col,
            totals,
            inspected_by,
            signed_by,
            date_scope: [date_scope],
            scopes,
        }
    }
}

/// Narrows `out.holds` to the China days on which a rule that flips on day `flips_on` gives the
/// same answer as `today`.
fn holds_around(out: &mut Findings, flips_on: i64, today: i64) {
    if today < flips_on {
        out.holds_within_days(i64::MIN, flips_on);
    } else {
        out.holds_within_days(flips_on, i64::MAX);
    }
}

impl RiskRegister {
    fn check_hazard(&self, row: RowId, cells: &Cells, ctx: &Context, out: &mut Findings) {
        let c = &self.col;
        let Some(rows) = cells.rows(self.rows) else { return };
        let value = |field: FieldId| rows.get(row, self.schema.field(field).map_or(0, |f| f.slot));
        let at = |field: FieldId| Cell { field, row };
        let today = ctx.today;
        let today_n = today.days_since_epoch();
        let need = |required: bool| if required { Need::Required } else { Need::Optional };

        rules::text::check(
            value(c.police_station),
            at(c.police_station),
            need(self.police_station_required),
            MAX_UNIT,
            out,
        );
        let description = rules::text::check(value(c.description), at(c.description), Need::Required, MAX_TEXT, out);
        rules::text::check(value(c.place), at(c.place), Need::Optional, MAX_PLACE, out);
        rules::choice::check(value(c.category), at(c.category), CATEGORIES, Need::Required, out);
        let found_on = rules::date::check_past(value(c.found_on), at(c.found_on), Need::Required, today, out);
        rules::text::check(value(c.measures), at(c.measures), Need::Required, MAX_TEXT, out);
        rules::text::check(value(c.responsible), at(c.responsible), Need::Required, MAX_NAME, out);
        let deadline = rules::date::check(value(c.deadline), at(c.deadline), Need::Required, out);
        if let (Some(deadline), Some(found_on)) = (deadline, found_on) {
            rules::not_before::check(deadline, found_on, at(c.deadline), Code::DeadlineBeforeFound, out);
        }
        rules::text::check(value(c.supervisor), at(c.supervisor), Need::Required, MAX_NAME, out);
        let status = rules::choice::check(value(c.status), at(c.status), STATUS, Need::Required, out);

        let completed = match normalise::date(value(c.completed_on)) {
            Ok(None) if status == Some(DONE) => {
                out.push(at(c.completed_on), Code::CompletionDateRequired);
                None
            }
            Ok(day) => day,
            Err(rejection) => {
                out.push(at(c.completed_on), Kind::from(rejection));
                None
            }
        };
        if let Some(day) = completed {
            if rules::not_in_future::check(day, today, at(c.completed_on), out) {
                if let Some(found_on) = found_on {
                    rules::not_before::check(day, found_on, at(c.completed_on), Code::CompletedBeforeFound, out);
                }
            }
        }

        let interim =
            rules::text::check(value(c.interim_measures), at(c.interim_measures), Need::Optional, MAX_TEXT, out);
        if status == Some(IN_PROGRESS)
            && interim.is_none()
            && *value(c.interim_measures) != crate::base::value::Scalar::Invalid
        {
            out.push(at(c.interim_measures), Code::InterimMeasuresRequired);
        }

        // In progress past its deadline is overdue from the day after it (a deadline of today is not).
        let overdue = match (status, deadline) {
            (Some(DONE), _) => Some(false),
            (Some(_), Some(deadline)) => {
                let flips_on = deadline.days_since_epoch() + 1;
                holds_around(out, flips_on, today_n);
                let late = today_n >= flips_on;
                if late {
                    out.push(at(c.deadline), Kind::with(Code::Overdue, Arg::Date(deadline)));
                }
                Some(late)
            }
            _ => None,
        };
        out.compute(at(c.overdue), overdue.map_or(Computed::Unknown, Computed::Bool));

        out.add(T_FOUND, 1);
        match status {
            Some(DONE) => out.add(T_DONE, 1),
            Some(_) => out.add(T_IN_PROGRESS, 1),
            None => {}
        }
        if overdue == Some(true) {
            out.add(T_OVERDUE, 1);
        }
        if description.is_some() {
            let mut key = String::with_capacity(64);
            normalise::push_name_key(value(c.description), &mut key);
            key.push('\u{1}');
            normalise::push_name_key(value(c.place), &mut key);
            out.duplicate_key = Some(key);
        }
    }

    fn check_date(&self, cells: &Cells, ctx: &Context, out: &mut Findings) {
        let at = Cell::fixed(self.report_date);
        rules::date::check_past(cells.fixed(self.report_date), at, Need::Required, ctx.today, out);
    }
}

impl Form for RiskRegister {
    fn kind(&self) -> Option<FormKind> {
        Some(FormKind::RiskRegister)
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
            Some(Scope::Totals) | None => {}
            Some(Scope::Signoff) => {
                for field in [self.inspected_by, self.signed_by] {
                    rules::text::check(cells.fixed(field), Cell::fixed(field), Need::Required, MAX_NAME, out);
                }
            }
        }
    }

    fn check_row(&self, group: GroupId, row: RowId, cells: &Cells, ctx: &Context, out: &mut Findings) {
        if group == self.rows {
            self.check_hazard(row, cells, ctx, out);
        }
    }

    fn duplicate_field(&self, group: GroupId) -> Option<FieldId> {
        (group == self.rows).then_some(self.col.description)
    }

    fn totals(&self, sums: &[i64]) -> Vec<(FieldId, Computed)> {
        let at = |slot: usize| u64::try_from(sums.get(slot).copied().unwrap_or(0)).unwrap_or(0);
        self.totals.iter().enumerate().map(|(slot, field)| (*field, Computed::Count(at(slot)))).collect()
    }
}
