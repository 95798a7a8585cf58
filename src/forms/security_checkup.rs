//! 中小学幼儿园安防体检表: the security check-up (seed 004 附件1, RULES.md §3), filled jointly by
//! the school and its police station ("各校安防措施情况由学校、派出所共同填写").
//!
//! Scopes, in display order: `unit`; `report_date` (reads the clock); the school's answers
//! (`school`, `police_station`, `location`, the four yes/no answers, `alarm_button`,
//! `guard_post`); the guards (a repeated group; a row reads the clock when its age comes from a
//! resident ID); the totals, which read the rows' running sums (the profile's minimum guards).
//!
//! Decisions where the seeds are silent:
//! - Every header field is required: the district's "three 100 %" rates need each answer.
//! - A guard row with nothing typed (name, licence, age, ID all blank) is a spare row: no issue,
//!   not counted. Any typed cell makes it a guard, with every rule applied.
//! - `guards[i].age` is both an input and a computed field, as the daily report's `unfixed` is:
//!   computed from the ID when a valid one is given (else `null`, so a portal keeps what the
//!   officer typed); a typed age that differs from the ID's is `age_mismatch`, and the ID wins.
//! - Age issues (`guard_over_age`, `guard_under_age`) are shown at the field the age came from:
//!   `id_number` when the ID gives it, else `age`.
//! - `guards_over_age` counts guards known to be over the profile's limit: 0 under a profile
//!   without a limit (nobody is over a limit that does not exist).
//! - Two guard rows with the same valid resident ID are one person entered twice: a warning
//!   (`duplicate_resident_id`, as the register's `duplicate_hazard`) at each row's `id_number`,
//!   naming the first other row with that ID (第N行). Only a valid ID is compared (an invalid one
//!   already has its error); both rows still count in `guards_total` (a warning blocks nothing).

use super::{Computed, Context, Form, FormKind, Scopes};
use crate::base::text::Localized;
use crate::base::value::Scalar;
use crate::check::findings::Findings;
use crate::check::rules::{self, text::Need};
use crate::input::cells::Cells;
use crate::input::normalise;
use crate::issue::{Arg, Code, Kind};
use crate::profile::Profile;
use crate::schema::{Cell, Choice, FieldId, FieldType, GroupId, RowId, Schema, SchemaBuilder, ScopeId};

/// 办学区域: the "three 100 %" count full-time guards at city schools (城市中小学).
pub const LOCATION: &[Choice] = &[("urban", "城区"), ("rural", "乡镇农村")];
/// `location` option index of 城区.
pub const URBAN: usize = 0;
/// 紧急报警按钮: "在‘有效、无效、无’中择一填写" (附件1 注).
pub const ALARM_BUTTON: &[Choice] = &[("effective", "有效"), ("ineffective", "无效"), ("none", "无")];
/// 护学岗: "在‘治安岗、交警岗、巡特警岗、群防群治’四类中择一填写" (附件1 注).
pub const GUARD_POST: &[Choice] =
    &[("public_security", "治安岗"), ("traffic", "交警岗"), ("patrol", "巡特警岗"), ("community", "群防群治")];

const MAX_UNIT: u64 = 100;
const MAX_NAME: u64 = 50;
/// A typed age above this is a typo.
const MAX_TYPED_AGE: u64 = 100;

/// Running-sum slots.
const T_TOTAL: usize = 0;
const T_LICENSED: usize = 1;
const T_OVER_AGE: usize = 2;

#[derive(Debug, Clone, Copy)]
struct Columns {
    name: FieldId,
    licensed: FieldId,
    age: FieldId,
    id_number: FieldId,
    birth_date: FieldId,
}

/// The school's answers scope.
#[derive(Debug, Clone, Copy)]
struct Answers {
    school: FieldId,
    police_station: FieldId,
    location: FieldId,
    yes_no: [FieldId; 4],
    alarm_button: FieldId,
    guard_post: FieldId,
}

/// The security check-up of one profile.
pub struct SecurityCheckup {
    schema: Schema,
    max_guard_age: Option<u32>,
    min_guards: Option<u32>,
    unit: FieldId,
    report_date: FieldId,
    answers: Answers,
    guards: GroupId,
    col: Columns,
    totals: [FieldId; 3],
    date_scope: [ScopeId; 1],
    totals_scope: [ScopeId; 1],
    scopes: Scopes<Scope>,
}

/// What each fixed scope of the check-up checks.
#[derive(Debug, Clone, Copy)]
enum Scope {
    Unit,
    Date,
    Answers,
    /// The guards' total against the profile's minimum, through the running sum.
    Totals,
}

impl SecurityCheckup {
    /// The form under `profile`.
    pub fn new(profile: &Profile) -> SecurityCheckup {
        let l = Localized::new;
        let mut b = SchemaBuilder::default();
        let mut scopes = Scopes::new();
        scopes.open(&mut b, Scope::Unit);
        let unit = b.field("unit", l("填报单位", "Reporting unit"), FieldType::Text).required().id();
        let date_scope = scopes.open(&mut b, Scope::Date);
        let report_date = b.field("report_date", l("填报时间", "Report date"), FieldType::Date).required().id();
        scopes.open(&mut b, Scope::Answers);
        let school = b.field("school", l("学校名称", "School"), FieldType::Text).required().id();
        let police_station = b.field("police_station", l("派出所", "Police station"), FieldType::Text).required().id();
        let location = b
            .field("location", l("学校所在区域（城区/乡镇农村）", "Location (urban or rural)"), FieldType::Choice)
            .required()
            .options(LOCATION)
            .id();
        let yes_no = [
            ("closed_management", l("是否实行封闭化管理", "Closed management")),
            (
                "alarm_linked",
                l("紧急报警装置是否接入公安、教育平台", "Emergency alarm linked to police and education platforms"),
            ),
            (
                "video_linked",
                l("视频监控是否接入公安、教育平台", "Video surveillance linked to police and education platforms"),
            ),
            ("anti_ramming", l("校门口是否设置硬质防冲撞设施", "Hard anti-ramming barrier at the gate")),
        ]
        .map(|(path, label)| b.field(path, label, FieldType::YesNo).required().id());
        let alarm_button = b
            .field("alarm_button", l("紧急报警按钮", "Emergency alarm button"), FieldType::Choice)
            .required()
            .options(ALARM_BUTTON)
            .id();
        let guard_post = b
            .field("guard_post", l("护学岗", "School-guard post"), FieldType::Choice)
            .required()
            .options(GUARD_POST)
            .id();
        let guards = b.group("guards", l("专职保安员", "Full-time guards"));
        let col = Columns {
            name: b.column(guards, "name", l("保安员姓名", "Guard's name"), FieldType::Text).required().personal().id(),
            licensed: b.column(guards, "licensed", l("持证上岗", "Licensed"), FieldType::YesNo).required().id(),
            age: b.column(guards, "age", l("年龄", "Age"), FieldType::Count).computed().id(),
            id_number: b
                .column(guards, "id_number", l("身份证号码", "Resident ID number"), FieldType::Text)
                .personal()
                .id(),
            birth_date: b
                .column(guards, "birth_date", l("出生日期", "Date of birth"), FieldType::Date)
                .computed()
                .personal()
                .id(),
        };
        let totals_scope = scopes.open(&mut b, Scope::Totals);
        let totals = [
            b.field("guards_total", l("专职保安员人数", "Full-time guards"), FieldType::Count).computed().id(),
            b.field("guards_licensed", l("持证保安员人数", "Licensed guards"), FieldType::Count).computed().id(),
            b.field("guards_over_age", l("超龄保安员人数", "Guards over the age limit"), FieldType::Count)
                .computed()
                .id(),
        ];
        SecurityCheckup {
            schema: b.build(),
            max_guard_age: profile.security_checkup.max_guard_age,
            min_guards: profile.security_checkup.min_guards,
            unit,
            report_date,
            answers: Answers { school, police_station, location, yes_no, alarm_button, guard_post },
            guards,
            col,
            totals,
            date_scope: [date_scope],
            totals_scope: [totals_scope],
            scopes,
        }
    }

    fn check_answers(&self, cells: &Cells, out: &mut Findings) {
        let a = &self.answers;
        let at = Cell::fixed;
        for field in [a.school, a.police_station] {
            rules::text::check(cells.fixed(field), at(field), Need::Required, MAX_UNIT, out);
        }
        rules::choice::check(cells.fixed(a.location), at(a.location), LOCATION, Need::Required, out);
        for field in a.yes_no {
            rules::yes_no::check(cells.fixed(field), at(field), Need::Required, out);
        }
        rules::choice::check(cells.fixed(a.alarm_button), at(a.alarm_button), ALARM_BUTTON, Need::Required, out);
        rules::choice::check(cells.fixed(a.guard_post), at(a.guard_post), GUARD_POST, Need::Required, out);
    }

    fn check_guard(&self, row: RowId, cells: &Cells, ctx: &Context, out: &mut Findings) {
        let c = &self.col;
        let Some(rows) = cells.rows(self.guards) else { return };
        let value = |field: FieldId| rows.get(row, self.schema.field(field).map_or(0, |f| f.slot));
        let at = |field: FieldId| Cell { field, row };
        let blank = |field: FieldId| {
            let raw = value(field);
            *raw != Scalar::Invalid && normalise::text_blank(raw)
        };
        if [c.name, c.licensed, c.age, c.id_number].into_iter().all(blank) {
            out.compute(at(c.age), Computed::Unknown);
            out.compute(at(c.birth_date), Computed::Unknown);
            return;
        }
        out.add(T_TOTAL, 1);

        rules::text::check(value(c.name), at(c.name), Need::Required, MAX_NAME, out);
        // Seed 004 "保安员必须持证上岗"; seed 002 "确保所有保安持证上岗"; seed 000 附件5 item 5.
        match rules::yes_no::check(value(c.licensed), at(c.licensed), Need::Required, out) {
            Some(true) => out.add(T_LICENSED, 1),
            Some(false) => out.push(at(c.licensed), Code::GuardUnlicensed),
            None => {}
        }

        let today = ctx.today;
        let typed = rules::count::check(value(c.age), at(c.age), Need::Optional, out);
        let typed = typed.filter(|age| {
            let ok = *age <= MAX_TYPED_AGE;
            if !ok {
                out.push(at(c.age), Kind::with(Code::NumberTooLarge, Arg::Num(MAX_TYPED_AGE)));
            }
            ok
        });
        let id = rules::resident_id::check(value(c.id_number), at(c.id_number), today, Need::Optional, out);
        // One person entered twice (`duplicate_resident_id`): keyed by the ID read as the rule
        // reads it (blanks, full width and a lower-case x folded), a valid ID only.
        out.duplicate_key = id.as_ref().map(|id| id.canonical.clone());

        let age = match &id {
            Some(id) => {
                let (age, (from, until)) = rules::guard_age::birthdays_around(id.birth, today);
                out.holds_within_days(from, until);
                if let Some(typed) = typed {
                    if typed != u64::from(age) {
                        out.push(at(c.age), Kind::with(Code::AgeMismatch, Arg::Num(age.into())));
                    }
                }
                out.compute(at(c.age), Computed::Count(age.into()));
                out.compute(at(c.birth_date), Computed::Text(id.birth.to_string()));
                Some((age, c.id_number))
            }
            None => {
                if typed.is_none() && blank(c.age) && blank(c.id_number) {
                    out.push(at(c.age), Code::AgeOrIdRequired);
                }
                out.compute(at(c.age), Computed::Unknown);
                out.compute(at(c.birth_date), Computed::Unknown);
                typed.and_then(|a| u32::try_from(a).ok()).map(|a| (a, c.age))
            }
        };
        if let Some((age, source)) = age {
            if rules::guard_age::check(age, self.max_guard_age, at(source), out) {
                out.add(T_OVER_AGE, 1);
            }
        }
    }
}

impl Form for SecurityCheckup {
    fn kind(&self) -> Option<FormKind> {
        Some(FormKind::SecurityCheckup)
    }

    fn schema(&self) -> &Schema {
        &self.schema
    }

    fn clock_scopes(&self) -> &[ScopeId] {
        &self.date_scope
    }

    fn sums_scopes(&self) -> &[ScopeId] {
        &self.totals_scope
    }

    fn check_scope(&self, scope: ScopeId, cells: &Cells, ctx: &Context, out: &mut Findings) {
        match self.scopes.check(scope) {
            Some(Scope::Unit) => {
                rules::text::check(cells.fixed(self.unit), Cell::fixed(self.unit), Need::Required, MAX_UNIT, out);
            }
            Some(Scope::Date) => {
                let (raw, at) = (cells.fixed(self.report_date), Cell::fixed(self.report_date));
                rules::date::check_past(raw, at, Need::Required, ctx.today, out);
            }
            Some(Scope::Answers) => self.check_answers(cells, out),
            Some(Scope::Totals) => {
                // Seed 002 §四(一): "确保学生在校期间校园保安不少于2人", through the running sum.
                let total = u64::try_from(ctx.sums.get(T_TOTAL).copied().unwrap_or(0)).unwrap_or(0);
                rules::at_least::check(total, self.min_guards, Code::TooFewGuards, Cell::fixed(self.totals[0]), out);
            }
            None => {}
        }
    }

    fn check_row(&self, group: GroupId, row: RowId, cells: &Cells, ctx: &Context, out: &mut Findings) {
        if group == self.guards {
            self.check_guard(row, cells, ctx, out);
        }
    }

    fn duplicate_field(&self, group: GroupId) -> Option<FieldId> {
        (group == self.guards).then_some(self.col.id_number)
    }

    fn duplicate_kind(&self, _group: GroupId) -> Kind {
        Kind::bare(Code::DuplicateResidentId)
    }

    fn totals(&self, sums: &[i64]) -> Vec<(FieldId, Computed)> {
        let at = |slot: usize| u64::try_from(sums.get(slot).copied().unwrap_or(0)).unwrap_or(0);
        let [total, licensed, over_age] = self.totals;
        vec![
            (total, Computed::Count(at(T_TOTAL))),
            (licensed, Computed::Count(at(T_LICENSED))),
            (over_age, Computed::Count(at(T_OVER_AGE))),
        ]
    }
}
