//! A compiled definition as the session runs it: a fixed scope's fields and rules, a group row's
//! columns and rules, each evaluated over the values read once per run, with running sums kept
//! in tally slots so that a total never reads every row.

use super::compile::{
    Check, CountSlot, Ctx, Defined, FieldRt, KeySpec, RuleKind, Tally, TotalColumn, TotalSlots, GROUP_COLUMN, SCALE,
    TABLE_COLUMN, TABLE_GROUP,
};
use super::values;
use super::values::Ty;
use crate::base::date::{china_day, Date};
use crate::base::value::Scalar;
use crate::check::findings::{Computed, Findings, TALLY_SLOTS};
use crate::check::rules::guard_staffing::{required_guards, Boarding};
use crate::check::rules::{self, text::Need};
use crate::expr::{Catalogue, Env, Val};
use crate::forms::{Context, Form, FormKind};
use crate::input::cells::Cells;
use crate::input::normalise;
use crate::input::types::{age_on, resident_id};
use crate::issue::{Arg, Code, Kind, OwnCode, Severity};
use crate::schema::{Cell, FieldId, GroupId, RowId, Schema, ScopeId};

/// What an expression reads while a scope or a row is checked.
struct Values<'a> {
    form: &'a Defined,
    /// The fixed scope being run, whose fields' values `fixed` holds (by their place in the
    /// scope, [`Defined::local`]); a field of another scope reads as `Null`.
    scope: Option<ScopeId>,
    fixed: &'a [Val],
    /// The row's columns, when a group row is checked.
    row: &'a [Val],
    /// Fixed fields read from a group row, read on demand.
    cells: &'a Cells,
    ctx: &'a Context<'a>,
    /// The group row being checked, whose cells `typed()` reads as typed.
    at_row: Option<(GroupId, RowId)>,
    /// Today in China, found once a run (every date check and `today()` reads it).
    today: Date,
}

impl Env for Values<'_> {
    fn field(&self, id: u32, row: Option<usize>) -> Val {
        if id < TABLE_COLUMN {
            let f = FieldId::try_from(id).unwrap_or(FieldId::MAX);
            if self.scope.is_none() {
                // A form field read from a group's row: its value as typed.
                return self.form.read_fixed(f, self.cells, self.ctx, self.today);
            }
            return self.in_scope(f).cloned().unwrap_or(Val::Null);
        }
        if id < GROUP_COLUMN {
            let t = ((id - TABLE_COLUMN) / 256) as usize;
            let c = ((id - TABLE_COLUMN) % 256) as usize;
            let Some(r) = row else { return Val::Null };
            let f = self.form.tables.get(t).and_then(|rows| rows.get(r)).and_then(|cells| cells.get(c));
            return f.and_then(|f| self.in_scope(*f)).cloned().unwrap_or(Val::Null);
        }
        let slot = ((id - GROUP_COLUMN) % 256) as usize;
        self.row.get(slot).cloned().unwrap_or(Val::Null)
    }

    fn rows(&self, group: u32) -> usize {
        match self.form.row_count(self.ctx.sums, group) {
            Some(n) => n,
            None => self.cells.rows(GroupId::try_from(group).unwrap_or(0)).map_or(0, |r| r.len()),
        }
    }

    fn param(&self, name: &str) -> Val {
        self.form.params.get(name).cloned().unwrap_or(Val::Null)
    }

    fn today(&self) -> Option<i64> {
        Some(self.today.days_since_epoch())
    }

    fn typed(&self, id: u32, row: Option<usize>) -> Val {
        let raw = if id < TABLE_COLUMN {
            self.cells.fixed(FieldId::try_from(id).unwrap_or(0))
        } else if id < GROUP_COLUMN {
            let t = ((id - TABLE_COLUMN) / 256) as usize;
            let c = ((id - TABLE_COLUMN) % 256) as usize;
            let cell = row.and_then(|r| self.form.tables.get(t)?.get(r)?.get(c).copied());
            match cell {
                Some(f) => self.cells.fixed(f),
                None => return Val::Null,
            }
        } else {
            let Some((g, r)) = self.at_row else { return Val::Null };
            let slot = u16::try_from((id - GROUP_COLUMN) % 256).unwrap_or(0);
            match self.cells.rows(g) {
                Some(rows) => rows.get(r, slot),
                None => &Scalar::Empty,
            }
        };
        Val::Bool(!is_blank(raw))
    }

    fn call(&self, f: Catalogue, args: &[Val]) -> Val {
        catalogue(f, args, Some(self.today))
    }

    fn kept(&self, index: u32) -> Val {
        self.form.kept_value(self.ctx.sums, index)
    }
}

impl<'a> Values<'a> {
    /// What a fixed scope's expressions read: its own fields' values so far.
    fn of_scope(
        form: &'a Defined,
        scope: ScopeId,
        fixed: &'a [Val],
        cells: &'a Cells,
        ctx: &'a Context<'a>,
        today: Date,
    ) -> Self {
        Values { form, scope: Some(scope), fixed, row: &[], cells, ctx, at_row: None, today }
    }

    /// What a group row's expressions read: its columns' values so far.
    fn of_row(
        form: &'a Defined,
        row: &'a [Val],
        at_row: Option<(GroupId, RowId)>,
        cells: &'a Cells,
        ctx: &'a Context<'a>,
        today: Date,
    ) -> Self {
        Values { form, scope: None, fixed: &[], row, cells, ctx, at_row, today }
    }

    /// A fixed field's value in the scope being run, if the field is of that scope.
    fn in_scope(&self, f: FieldId) -> Option<&Val> {
        let def = self.form.schema.field(f)?;
        if self.scope != Some(def.scope) || def.group.is_some() {
            return None;
        }
        self.fixed.get(usize::from(*self.form.local.get(usize::from(f))?))
    }
}

/// A catalogue function's value for its arguments; `today` reads a resident ID (one born after
/// it is not valid yet), and without it `birth_date` reads nothing.
pub(crate) fn catalogue(f: Catalogue, args: &[Val], today: Option<Date>) -> Val {
    match (f, args) {
        (Catalogue::BirthDate, [Val::Text(id)]) => match today.map(|d| resident_id(&Scalar::Text(id.to_string()), d)) {
            Some(Ok(Some(id))) => Val::Date(id.birth.days_since_epoch()),
            _ => Val::Null,
        },
        (Catalogue::Age, [Val::Date(birth), Val::Date(on)]) if on >= birth => {
            Val::Num(f64::from(age_on(Date::from_days_since_epoch(*birth), Date::from_days_since_epoch(*on))))
        }
        (Catalogue::RequiredGuards, [Val::Num(n), Val::Text(kind)]) if *n >= 0.0 && n.fract() == 0.0 => {
            let kind = Boarding::OPTIONS.iter().position(|(id, _)| *id == &**kind).and_then(|i| Boarding::ALL.get(i));
            kind.map_or(Val::Null, |k| Val::Num(required_guards(*n as u64, *k) as f64))
        }
        (Catalogue::AnsweredNo, answers) => {
            Val::List((1u64..).zip(answers).filter(|(_, a)| **a == Val::Bool(false)).map(|(n, _)| n).collect())
        }
        (Catalogue::Join, [Val::List(v), Val::Text(sep)]) => {
            Val::Text(v.iter().map(u64::to_string).collect::<Vec<_>>().join(sep).into())
        }
        _ => Val::Null,
    }
}

impl Defined {
    /// How many rows a repeated group has, where the form keeps it as a running count
    /// (`count(${g})`), or a table's fixed number; `None` where only the cells can tell.
    pub(crate) fn row_count(&self, sums: &[i64], group: u32) -> Option<usize> {
        if group >= TABLE_GROUP {
            return Some(self.tables.get((group - TABLE_GROUP) as usize).map_or(0, Vec::len));
        }
        let g = GroupId::try_from(group).unwrap_or(0);
        let (_, slot) = self.row_slots.iter().find(|(x, _)| *x == g)?;
        Some(usize::try_from(sums.get(*slot).copied().unwrap_or(0)).unwrap_or(0))
    }

    /// The value of a figure the form keeps ([`Node::Kept`]): a count or sum is not stated while
    /// a row cannot answer it.
    pub(crate) fn kept_value(&self, sums: &[i64], index: u32) -> Val {
        let at = |slot: usize| sums.get(slot).copied().unwrap_or(0);
        match self.kept.get(index as usize) {
            Some(Tally::Rows(slot)) => Val::Num(at(*slot) as f64),
            Some(Tally::Count(slot) | Tally::Sum(slot)) if at(slot + 1) > 0 => Val::Null,
            Some(Tally::Count(slot)) => Val::Num(at(*slot) as f64),
            Some(Tally::Sum(slot)) => Val::Num(at(*slot) as f64 / SCALE),
            Some(Tally::Total(_, unknown)) if at(*unknown) > 0 => Val::Null,
            Some(Tally::Total(slot, _)) => Val::Num(at(*slot) as f64 / SCALE),
            None => Val::Null,
        }
    }
}

/// Adds one row to its group's totals (`total(${g.col})`): every totalled figure to its total
/// when all of them can be read and no rule marks one (`value` gives none for such a figure; a
/// blank one of an optional typed column is 0); nothing when nothing is typed in the row's typed
/// totalled columns (a row not filled in); otherwise one to the rows that could not be totalled,
/// which leaves every total of the group unknown.
fn total_row(
    t: &TotalSlots,
    value: &dyn Fn(&TotalColumn) -> Option<i64>,
    typed: &dyn Fn(u32) -> bool,
    out: &mut Findings,
) {
    let filled_in = !t.columns.iter().any(|c| c.typed) || t.columns.iter().any(|c| c.typed && typed(c.id));
    if !filled_in {
        return;
    }
    let mut figures = [0i64; TALLY_SLOTS];
    for (c, n) in t.columns.iter().zip(figures.iter_mut()) {
        match value(c) {
            Some(v) => *n = v,
            None => {
                out.add(t.unknown, 1);
                return;
            }
        }
    }
    for (c, n) in t.columns.iter().zip(figures) {
        out.add(c.slot, n);
    }
}

/// Adds one row's answer to a running count (its condition true, or not readable) or sum (its
/// value, or not readable).
fn count_row(c: &CountSlot, env: &Values, row: usize, out: &mut Findings) {
    if c.pred.today {
        if let Some(d) = env.today() {
            // A condition over today's date holds for today only.
            out.holds_within_days(d, d + 1);
        }
    }
    let value = c.pred.eval(env, Some(row)).unwrap_or(Val::Null);
    if c.sum {
        match summand(&value) {
            Some(n) => out.add(c.slot, n),
            None => out.add(c.slot + 1, 1),
        }
        return;
    }
    match value {
        Val::Bool(true) => out.add(c.slot, 1),
        Val::Bool(false) => {}
        _ => out.add(c.slot + 1, 1),
    }
}

impl Defined {
    /// The value of a fixed field as typed, unchecked (for a group row that reads it).
    fn read_fixed(&self, f: FieldId, cells: &Cells, ctx: &Context, today: Date) -> Val {
        let Some(rt) = self.fields.get(usize::from(f)) else { return Val::Null };
        // Read as the form's own scope reads it (a short phone number, a number over its `max`),
        // its issues left to that scope.
        let mut quiet = Findings::new(ctx.profile);
        self.typed(rt, cells.fixed(f), Cell::FORM, Need::Optional, today, &mut quiet)
    }

    /// Reads, computes and checks one field; returns its value for the rules. A value typed over
    /// a calculation that does not come out goes to `untotalled`: the rules read it, a total does
    /// not (a 合计 adds what its rows compute).
    #[allow(clippy::too_many_arguments)]
    fn field(
        &self,
        f: FieldId,
        at: Cell,
        raw: &Scalar,
        env: &Values,
        (cells, ctx): (&Cells, &Context),
        out: &mut Findings,
        untotalled: &mut Vec<FieldId>,
    ) -> Val {
        let Some(rt) = self.fields.get(usize::from(f)) else { return Val::Null };
        let today = env.today;
        let row = match rt.ctx {
            Ctx::Table(_, r) => Some(r),
            _ => None,
        };
        let value = match rt.calculate.and_then(|e| self.exprs.get(e)) {
            Some(expr) => {
                let (computed, stated) = values::settle(rt.ty, expr.eval(env, row).unwrap_or(Val::Null));
                if expr.today {
                    let d = today.days_since_epoch();
                    out.holds_within_days(d, d + 1);
                }
                out.compute(at, stated);
                // A value typed over a computed one is checked only where the definition says how
                // (its `calculate_code`); otherwise the computed value replaces it.
                let Some((code, severity)) = rt.calculate_code else {
                    if !self.checks_apply(rt, ctx) {
                        return computed;
                    }
                    return self.checks(f, rt, computed, at, raw, (cells, ctx, today), out);
                };
                let typed = self.typed(rt, raw, at, Need::Optional, today, out);
                if let (Val::Num(want), Val::Num(got)) = (&computed, &typed) {
                    if values::millionths(*want) != values::millionths(*got) {
                        out.push_as(at, code.with_args(arg(&computed), Arg::None), severity);
                    }
                }
                // Not computable (an input blank or contradictory): what the person typed, if
                // readable, is what the rules read.
                if computed == Val::Null {
                    untotalled.push(f);
                    typed
                } else {
                    computed
                }
            }
            None => {
                let value = self.typed(rt, raw, at, rt.need, today, out);
                if rt.echo {
                    out.compute(at, values::computed(rt.ty, &value));
                }
                value
            }
        };
        // Most fields have no catalogue check that applies: no call for them.
        if !self.checks_apply(rt, ctx) {
            return value;
        }
        self.checks(f, rt, value, at, raw, (cells, ctx, today), out)
    }

    /// A typed value checked as its field's type and limits say (a phone number as short as the
    /// issuer allows, a number no larger than `max`).
    #[allow(clippy::too_many_arguments)]
    fn typed(&self, rt: &FieldRt, raw: &Scalar, at: Cell, need: Need, today: Date, out: &mut Findings) -> Val {
        let v = match rt.ty {
            Ty::Phone if self.short_phone_allowed => {
                rules::phone::check(raw, at, need, true, out).map_or(Val::Null, |p| Val::Text(p.canonical.into()))
            }
            // A text nothing reads: checked as typed, its value not copied out of the cell.
            Ty::Text if !rt.read => {
                let _ = rules::text::check(raw, at, need, rt.max_length, out);
                Val::Null
            }
            Ty::Choice => rules::choice::check(raw, at, &rt.options, need, out)
                .and_then(|i| rt.option_ids.get(i))
                .map_or(Val::Null, |id| Val::Text(std::sync::Arc::clone(id))),
            _ => values::check(rt.ty, raw, at, need, rt.max_length, &rt.options, today, out),
        };
        within_max(rt, v, at, out)
    }

    /// Nothing typed in a field's cell, as its type reads it: free text keeps a lone zero-width
    /// joiner (it may join an emoji), a number, a date or a choice reads it as nothing.
    fn cell_blank(&self, f: FieldId, raw: &Scalar) -> bool {
        match self.fields.get(usize::from(f)).map(|rt| rt.ty) {
            Some(Ty::Text) | None => is_blank(raw),
            Some(_) => figure_blank(raw),
        }
    }

    /// Whether any of a field's catalogue checks can apply: not where its only check is against a
    /// previous report (`not_decreased`) and there is none, or the form is not cumulative.
    fn checks_apply(&self, rt: &FieldRt, ctx: &Context) -> bool {
        let previous = self.cumulative && ctx.previous.is_some();
        rt.checks.iter().any(|c| previous || !matches!(c, Check::NotDecreased))
    }

    /// Runs a field's catalogue checks on its value; gives the value back.
    #[allow(clippy::too_many_arguments)]
    fn checks(
        &self,
        f: FieldId,
        rt: &FieldRt,
        value: Val,
        at: Cell,
        raw: &Scalar,
        (cells, ctx, today): (&Cells, &Context, Date),
        out: &mut Findings,
    ) -> Val {
        let mut value = value;
        for check in &rt.checks {
            match (check, &value) {
                (Check::NotInFuture, Val::Date(d)) => {
                    // A date after today is that one mistake: the checks after it, and the rules
                    // reading it, wait for a day that can be right (as the built-in forms' dates do).
                    let past = rules::not_in_future::check(Date::from_days_since_epoch(*d), today, at, out);
                    if !past {
                        value = Val::Null;
                    }
                }
                (Check::KeyPeriod, Val::Date(d)) => {
                    rules::key_period::check(Date::from_days_since_epoch(*d), self.key_period, at, out);
                }
                (Check::Deadline, Val::Date(d)) => {
                    rules::deadline::check(Date::from_days_since_epoch(*d), self.deadline, ctx.now, at, out);
                }
                (Check::InspectionWindow, Val::Date(d)) => {
                    rules::inspection_window::check(Date::from_days_since_epoch(*d), self.window, at, out);
                }
                (Check::MonthlyDeadline, Val::Date(d)) => {
                    let day = Date::from_days_since_epoch(*d);
                    rules::monthly_deadline::check(day, self.monthly_deadline_day, today, at, out);
                }
                (Check::NotDecreased, Val::Num(n)) if self.cumulative => {
                    if let Some(previous) = ctx.previous {
                        let before = normalise::count(previous.fixed(f)).ok().flatten();
                        rules::not_decreased::check(*n as u64, before, at, out);
                    }
                }
                (Check::DistinctFrom(other), _) => {
                    rules::distinct_persons::check(cells.fixed(*other), raw, at, out);
                }
                _ => {}
            }
        }
        value
    }

    /// Runs the rules in `list` over `env`; the fields a rule marks with an error (a constraint
    /// that fails, a conditional `required` asking for the field) go to `untotalled`: a row's
    /// totals do not take a figure marked so.
    fn run_rules(
        &self,
        list: &[usize],
        env_at: &dyn Fn(usize) -> (Cell, Option<usize>),
        env: &Values,
        blank: &dyn Fn(Cell) -> bool,
        out: &mut Findings,
        untotalled: &mut Vec<FieldId>,
    ) {
        for &i in list {
            let Some(rule) = self.rules.get(i) else { continue };
            let Some(expr) = self.exprs.get(rule.expr) else { continue };
            let (at, row) = env_at(i);
            let v = expr.eval(env, row).unwrap_or(Val::Null);
            // An answer that reads today holds for today only.
            if let (true, Some(d)) = (rule.today, env.today()) {
                out.holds_within_days(d, d + 1);
            }
            let fires = match rule.kind {
                RuleKind::Constraint => v == Val::Bool(false),
                RuleKind::Required => v == Val::Bool(true) && blank(at),
            };
            if !fires {
                continue;
            }
            let mut args = [Arg::None, Arg::None];
            for (slot, a) in args.iter_mut().zip(&rule.args) {
                if let Some(e) = self.exprs.get(*a) {
                    *slot = arg(&e.eval(env, row).unwrap_or(Val::Null));
                }
            }
            let before = out.issues.len();
            out.push_as(at, rule.code.with_args(args[0], args[1]), rule.severity);
            // A figure an error marks (wrong, or asked for and missing) is not totalled; one a
            // warning asks to check still adds up, as it is still sent.
            if out.issues.get(before).is_some_and(|i| i.severity == Severity::Error) {
                untotalled.push(at.field);
            }
        }
    }
}

/// A typed number over the field's `max` is that mistake (`number_too_large`) and reads as
/// null, as an unreadable one does: the rules after it wait for a number that can be right.
fn within_max(rt: &FieldRt, v: Val, at: Cell, out: &mut Findings) -> Val {
    match (rt.max, &v) {
        (Some(max), Val::Num(n)) if values::millionths(*n) > values::millionths(max) => {
            out.push(at, Kind::with(Code::NumberTooLarge, arg(&Val::Num(max))));
            Val::Null
        }
        _ => v,
    }
}

/// A value as a message argument.
fn arg(v: &Val) -> Arg {
    match v {
        Val::Num(n) if *n >= 0.0 && n.fract() == 0.0 => Arg::Num(*n as u64),
        // `as` saturates (and gives 0 for NaN): a message argument, never a value ruled on.
        Val::Num(n) => Arg::Decimal((n * SCALE).round() as i64),
        Val::Date(d) => Arg::Date(Date::from_days_since_epoch(*d)),
        _ => Arg::None,
    }
}

/// The values of a scope's or a row's fields while it runs, by place: on the stack for the
/// few a scope or a row has (a daily report category's four, a register row's thirteen), on the
/// heap past that, so that checking a row allocates nothing for them. It lives on the stack for
/// one run, and is made and dropped once a scope: a scope of four fields fills and drops four.
#[allow(clippy::large_enum_variant)]
enum Slots {
    Few([Val; Slots::FEW], usize),
    Inline([Val; Slots::INLINE], usize),
    Heap(Vec<Val>),
}

impl Slots {
    const FEW: usize = 4;
    const INLINE: usize = 16;

    fn new(n: usize) -> Slots {
        if n <= Slots::FEW {
            Slots::Few([const { Val::Null }; Slots::FEW], n)
        } else if n <= Slots::INLINE {
            Slots::Inline([const { Val::Null }; Slots::INLINE], n)
        } else {
            Slots::Heap(vec![Val::Null; n])
        }
    }

    fn as_mut_slice(&mut self) -> &mut [Val] {
        match self {
            Slots::Few(a, n) => a.get_mut(..*n).unwrap_or_default(),
            Slots::Inline(a, n) => a.get_mut(..*n).unwrap_or_default(),
            Slots::Heap(v) => v,
        }
    }
}

/// Readable text typed (what a text field's check reads as a value, even past its length): a cell
/// not blank as a figure reads it, and not typed wrong.
fn has_text(raw: &Scalar) -> bool {
    *raw != Scalar::Invalid && !figure_blank(raw)
}

/// Nothing typed, as a figure's cell reads: as [`is_blank`], but a zero-width joiner alone is
/// nothing, as a number or a date reads it (free text keeps one, which may join an emoji).
fn figure_blank(raw: &Scalar) -> bool {
    match raw {
        Scalar::Text(s) => !normalise::has_visible(s),
        other => is_blank(other),
    }
}

/// Nothing typed: what a conditional `required` asks for (a cell typed wrong has its own issue,
/// and is not also "required", as in the built-in forms).
fn is_blank(raw: &Scalar) -> bool {
    *raw != Scalar::Invalid && normalise::text_blank(raw)
}

impl Form for Defined {
    fn kind(&self) -> Option<FormKind> {
        None
    }

    fn own_options(&self, f: FieldId) -> &[(String, String)] {
        self.fields.get(usize::from(f)).map_or(&[][..], |rt| &rt.options[..])
    }

    fn own_code(&self, n: u8) -> Option<&OwnCode> {
        self.own_codes.get(usize::from(n).checked_sub(1)?)
    }

    fn schema(&self) -> &Schema {
        &self.schema
    }

    fn clock_scopes(&self) -> &[ScopeId] {
        &self.clock_scopes
    }

    fn sums_scopes(&self) -> &[ScopeId] {
        &self.sums_scopes
    }

    fn row_inputs(&self) -> &[(FieldId, GroupId)] {
        &self.row_inputs
    }

    fn check_scope(&self, scope: ScopeId, cells: &Cells, ctx: &Context, out: &mut Findings) {
        let Some(list) = self.scope_fields.get(usize::from(scope)) else { return };
        let today = ctx.today;
        let mut slots = Slots::new(list.len());
        // Figures this run's totals do not take (typed over a calculation that did not come out, or
        // marked wrong by a constraint): few or none, so no allocation as a rule.
        let mut untotalled: Vec<FieldId> = Vec::new();
        let fixed = slots.as_mut_slice();
        for (i, &f) in list.iter().enumerate() {
            let env = Values::of_scope(self, scope, fixed, cells, ctx, today);
            let v = self.field(f, Cell::fixed(f), cells.fixed(f), &env, (cells, ctx), out, &mut untotalled);
            if let Some(slot) = fixed.get_mut(i) {
                *slot = v;
            }
        }
        let env = Values::of_scope(self, scope, fixed, cells, ctx, today);
        let rules = self.scope_rules.get(usize::from(scope)).map_or(&[][..], |r| &r[..]);
        let at = |i: usize| {
            let rule = self.rules.get(i);
            let row = match rule.map(|r| r.ctx) {
                Some(Ctx::Table(_, r)) => Some(r),
                _ => None,
            };
            (Cell::fixed(rule.map_or(0, |r| r.at)), row)
        };
        let blank = |c: Cell| self.cell_blank(c.field, cells.fixed(c.field));
        self.run_rules(rules, &at, &env, &blank, out, &mut untotalled);
        // This scope's table cells add to the running sums, and its table rows to the counts.
        for &(slot, f) in self.scope_sums.get(usize::from(scope)).map_or(&[][..], |s| &s[..]) {
            match env.in_scope(f).and_then(summand) {
                Some(n) => out.add(slot, n),
                None => out.add(slot + 1, 1),
            }
        }
        for &(c, row) in self.scope_counts.get(usize::from(scope)).map_or(&[][..], |s| &s[..]) {
            if let Some(c) = self.counts.get(c) {
                count_row(c, &env, row, out);
            }
        }
        for &(i, row) in self.scope_totals.get(usize::from(scope)).map_or(&[][..], |s| &s[..]) {
            let Some(t) = self.totals_kept.get(i) else { continue };
            let cell = |id: u32| {
                let t = ((id - TABLE_COLUMN) / 256) as usize;
                let c = ((id - TABLE_COLUMN) % 256) as usize;
                self.tables.get(t).and_then(|rows| rows.get(row)).and_then(|cells| cells.get(c)).copied()
            };
            let value = |c: &TotalColumn| {
                let f = cell(c.id).filter(|f| !untotalled.contains(f))?;
                let v = env.in_scope(f);
                match v.and_then(summand) {
                    None if c.optional && v == Some(&Val::Null) && figure_blank(cells.fixed(f)) => Some(0),
                    n => n,
                }
            };
            let typed = |id: u32| cell(id).is_some_and(|f| !figure_blank(cells.fixed(f)));
            total_row(t, &value, &typed, out);
        }
        out.issues.sort_by_key(|i| i.at.field);
    }

    fn check_row(&self, group: GroupId, row: RowId, cells: &Cells, ctx: &Context, out: &mut Findings) {
        let Some(columns) = self.schema.groups.get(usize::from(group)).map(|g| &g.columns[..]) else { return };
        let mut slots = Slots::new(columns.len());
        let mut untotalled: Vec<FieldId> = Vec::new();
        let vals = slots.as_mut_slice();
        let today = ctx.today;
        let rows = cells.rows(group);
        let at_row = Some((group, row));
        let (issues_before, computed_before) = (out.issues.len(), out.computed.len());
        for &slot in self.group_order.get(usize::from(group)).map_or(&[][..], |o| &o[..]) {
            let Some(&f) = columns.get(usize::from(slot)) else { continue };
            let raw = rows.map_or(&Scalar::Empty, |r| r.get(row, slot));
            let env = Values::of_row(self, vals, at_row, cells, ctx, today);
            let v = self.field(f, Cell { field: f, row }, raw, &env, (cells, ctx), out, &mut untotalled);
            if let Some(s) = vals.get_mut(usize::from(slot)) {
                *s = v;
            }
        }
        let env = Values::of_row(self, vals, at_row, cells, ctx, today);
        let relevant = self.relevant.get(usize::from(group)).copied().flatten().and_then(|e| self.exprs.get(e));
        if let (Some(true), Some(d)) = (relevant.map(|e| e.today), env.today()) {
            // Spare or not as of today: the row is read again when the day turns.
            out.holds_within_days(d, d + 1);
        }
        if relevant.is_some_and(|e| e.eval(&env, Some(0)).unwrap_or(Val::Null) == Val::Bool(false)) {
            // A spare row: nothing in it is checked, computed, counted or keyed.
            out.issues.truncate(issues_before);
            for (_, c) in out.computed.iter_mut().skip(computed_before) {
                *c = Computed::Unknown;
            }
            return;
        }
        let rules = self.group_rules.get(usize::from(group)).map_or(&[][..], |r| &r[..]);
        let at = |i: usize| (Cell { field: self.rules.get(i).map_or(0, |r| r.at), row }, Some(0));
        let blank = |c: Cell| {
            let slot = columns.iter().position(|f| *f == c.field).unwrap_or(0);
            self.cell_blank(c.field, rows.map_or(&Scalar::Empty, |r| r.get(row, u16::try_from(slot).unwrap_or(0))))
        };
        self.run_rules(rules, &at, &env, &blank, out, &mut untotalled);
        for s in &self.sums {
            if s.group != u32::from(group) {
                continue;
            }
            let slot = ((s.column - GROUP_COLUMN) % 256) as usize;
            match vals.get(slot).and_then(summand) {
                Some(n) => out.add(s.slot, n),
                None => out.add(s.slot + 1, 1),
            }
        }
        for (g, slot) in &self.row_slots {
            if *g == group {
                out.add(*slot, 1);
            }
        }
        for c in self.counts.iter().filter(|c| c.group == u32::from(group)) {
            count_row(c, &env, 0, out);
        }
        if let Some(t) = self.totals_kept.iter().find(|t| t.group == u32::from(group)) {
            let slot = |id: u32| ((id - GROUP_COLUMN) % 256) as usize;
            let doubtful = |id: u32| columns.get(slot(id)).is_some_and(|f| untotalled.contains(f));
            let typed = |id: u32| {
                !figure_blank(rows.map_or(&Scalar::Empty, |r| r.get(row, u16::try_from(slot(id)).unwrap_or(0))))
            };
            let value = |c: &TotalColumn| {
                let v = vals.get(slot(c.id)).filter(|_| !doubtful(c.id));
                match v.and_then(summand) {
                    None if c.optional && v == Some(&Val::Null) && !typed(c.id) => Some(0),
                    n => n,
                }
            };
            total_row(t, &value, &typed, out);
        }
        if let Some(key) = self.keys.iter().find(|k| k.group == group) {
            let raw = |slot: u16| rows.map_or(&Scalar::Empty, |r| r.get(row, slot));
            out.duplicate_key = self.row_key(key, columns, vals, &raw);
        }
        out.issues.sort_by_key(|i| i.at.field);
        let _ = china_day;
    }

    fn duplicate_field(&self, group: GroupId) -> Option<FieldId> {
        self.keys.iter().find(|k| k.group == group).map(|k| k.at)
    }

    fn duplicate_kind(&self, group: GroupId) -> Kind {
        self.keys.iter().find(|k| k.group == group).map_or(Kind::bare(Code::DuplicateHazard), |k| k.kind)
    }

    fn totals(&self, sums: &[i64]) -> Vec<(FieldId, Computed)> {
        self.run_totals(sums)
    }
}

impl Defined {
    /// A row's key for `key`: its columns' values as read (a typed text as typed, folded as names
    /// are: blanks and invisible marks gone, full-width forms half-width, even past its length),
    /// or none while the first column has no readable value.
    fn row_key<'c>(
        &self,
        key: &KeySpec,
        columns: &[FieldId],
        vals: &[Val],
        raw: &dyn Fn(u16) -> &'c Scalar,
    ) -> Option<String> {
        let mut out = String::with_capacity(64);
        for (i, &slot) in key.slots.iter().enumerate() {
            let v = vals.get(usize::from(slot)).unwrap_or(&Val::Null);
            let rt = columns.get(usize::from(slot)).and_then(|f| self.fields.get(usize::from(*f)));
            // Typed text is keyed as typed, so its value is not kept for the key ([`FieldRt::read`]):
            // it has a key when something readable is typed.
            let typed_text = rt.is_some_and(|rt| rt.ty == Ty::Text && rt.calculate.is_none());
            let blank = if typed_text { !has_text(raw(slot)) } else { *v == Val::Null };
            if i == 0 && blank {
                return None;
            }
            if i > 0 {
                out.push('\u{1}');
            }
            let ty = rt.map(|rt| rt.ty);
            match (ty, v) {
                // Typed text: what was typed, so a 地点 over its length still tells two hazards apart.
                _ if typed_text => normalise::push_name_key(raw(slot), &mut out),
                (_, Val::Null) => {}
                // The value the row holds (typed, or computed), folded as a name.
                (Some(Ty::Text), Val::Text(s)) => normalise::push_text_name_key(s, &mut out),
                (_, Val::Text(s)) => out.push_str(s),
                (_, Val::Num(n)) => crate::base::json_write::write_millionths(&mut out, (n * SCALE).round() as i64),
                (_, Val::Date(d)) => Date::from_days_since_epoch(*d).push_iso(&mut out),
                (_, Val::Bool(b)) => out.push(if *b { '1' } else { '0' }),
                (_, Val::List(v)) => {
                    for n in v.iter() {
                        out.push_str(&n.to_string());
                        out.push(',');
                    }
                }
            }
        }
        Some(out)
    }
}

/// A row's value as it adds to a running sum: in millionths, so a sum of decimals is exact to the
/// six places a decimal takes. A value past the largest a field accepts (a computed product) makes
/// the sum unknown rather than letting the running sum saturate, which a row's later removal
/// could not undo.
fn summand(v: &Val) -> Option<i64> {
    match v {
        Val::Num(n) if n.abs() <= crate::input::normalise::MAX_COUNT as f64 => Some((n * SCALE).round() as i64),
        _ => None,
    }
}
