//! 督查工作清单: the supervision checklist (seed 000 附件5, RULES.md §2).
//!
//! Header (学校名称, 主要负责人, 地址, 联系电话); the school's boarding type and one row per campus
//! (headcount, full-time guards); items 1–18 answered 是/否, item 9 with its eight sub-items; the
//! numbers behind items 4, 9 and 10; the result block (failed items, rectification deadline,
//! inspection date, inspectors, signatory).
//!
//! Scopes, in display order: the header (0); the campuses (a repeated group); the answers and
//! result block (1), which reads the clock and the campuses' running sums.
//!
//! How the campuses reach item 4 without a scan: each row tallies its requirement read both as a
//! day school and as a boarding school, and whether it is short of guards under each reading; the
//! answers scope, which holds `boarding`, picks the reading. A change of `boarding` re-runs that
//! one scope for item 4; a keystroke in a campus re-runs its row and that scope. A campus's own
//! `campuses[i].required_guards` follows the header's `boarding` ([`Form::row_inputs`]: a change of
//! type re-checks every campus, each of whose figures it changes) or the campus's own type
//! `campuses[i].boarding` when given (a contract extension: schools whose campuses differ).
//!
//! Item 9 and its sub-items: `items.9` may be left blank when every sub-item is answered (it is then
//! 是 exactly when all are); when given it must agree with them (是 with a 否 sub-item, or 否 with
//! all eight 是, is an error). Failed items are the items whose (effective) answer is 否; an
//! answer 是 contradicted by the numbers is its own error and is not listed.

use super::{Computed, Context, Form, FormKind, Scopes};
use crate::base::text::Localized;
use crate::check::findings::Findings;
use crate::check::rules::guard_staffing::{equipment_needed, required_guards, Boarding};
use crate::check::rules::{self, text::Need};
use crate::input::cells::Cells;
use crate::input::normalise;
use crate::input::types;
use crate::issue::{Arg, Code, Kind};
use crate::profile::Profile;
use crate::schema::{Cell, FieldId, FieldType, GroupId, RowId, Schema, SchemaBuilder, ScopeId};

/// Items 1–18 (seed 000 附件5), short labels after the official wording.
pub const ITEMS: [(&str, &str); 18] = [
    ("第1项 安全责任制", "Item 1: safety responsibility system"),
    ("第2项 安全工作领导机构和管理制度", "Item 2: safety leadership and rules"),
    ("第3项 安全保卫制度和工作台账", "Item 3: security rules and records"),
    ("第4项 专职保安员配备", "Item 4: full-time guards"),
    ("第5项 保安上岗证", "Item 5: guard licences"),
    ("第6项 封闭式管理和实体防范设施", "Item 6: closed management and physical barriers"),
    ("第7项 防冲撞设施", "Item 7: anti-ramming barriers"),
    ("第8项 一键式紧急报警装置", "Item 8: one-touch emergency alarms"),
    ("第9项 按执勤人数配备防护器械", "Item 9: protective equipment per guard on duty"),
    ("第10项 视频安防监控系统", "Item 10: video surveillance"),
    ("第11项 外来人员身份审核登记", "Item 11: visitor identity checks and register"),
    ("第12项 隐患自查整改和矛盾纠纷排查化解", "Item 12: monthly hazard and dispute checks"),
    ("第13项 应急预案和应急演练", "Item 13: emergency plans and drills"),
    ("第14项 重大涉校事件应对处置机制", "Item 14: response to major school incidents"),
    ("第15项 重大涉校事件舆情应对处置机制", "Item 15: public-opinion response to major incidents"),
    ("第16项 教职工思想动态评估", "Item 16: assessment of staff"),
    ("第17项 学生心理辅导和干预制度", "Item 17: student counselling and intervention"),
    ("第18项 落实其他工作部署和要求", "Item 18: other instructions carried out"),
];

/// Item 9's sub-items: (id, zh wording, en, one per on-duty person — else 2 sets).
pub const SUB_ITEMS: [(&str, &str, &str, bool); 8] = [
    ("helmet", "防暴头盔（1顶/人）", "riot helmets (1 per person)", true),
    ("shield", "防护盾牌（1副/人）", "shields (1 per person)", true),
    ("stab_vest", "防刺背心（1套/人）", "stab-proof vests (1 per person)", true),
    ("cut_gloves", "防割手套（1副/人）", "cut-resistant gloves (1 pair per person)", true),
    ("baton", "橡胶警棍（1支/人）", "rubber batons (1 per person)", true),
    ("flashlight", "强光电筒（1只/人）", "strong flashlights (1 per person)", true),
    ("spray", "自卫喷雾剂（1支/人）", "self-defence sprays (1 per person)", true),
    ("steel_fork", "安全钢叉2套", "steel forks (2 sets)", false),
];

const MAX_NAME: u64 = 50;
const MAX_UNIT: u64 = 100;
const MAX_ADDRESS: u64 = 200;

/// Running-sum slots, all from the campus rows. A campus with its own type adds the same to the
/// day and the boarding reading.
const T_REQ_DAY: usize = 0;
const T_REQ_BOARDING: usize = 1;
const T_SHORT_DAY: usize = 2;
const T_SHORT_BOARDING: usize = 3;
/// Campuses whose requirement cannot be computed (headcount or own type missing or invalid).
const T_REQ_UNKNOWN: usize = 4;
/// Campuses whose guards are missing or invalid.
const T_GUARDS_UNKNOWN: usize = 5;
const T_CAMPUSES: usize = 6;
/// Campuses that follow the header's boarding type.
const T_FOLLOW_HEADER: usize = 7;

/// A campus row's columns.
#[derive(Debug, Clone, Copy)]
struct Campus {
    name: FieldId,
    headcount: FieldId,
    guards: FieldId,
    boarding: FieldId,
    required_guards: FieldId,
}

/// The supervision checklist of one profile.
pub struct InspectionChecklist {
    schema: Schema,
    school: FieldId,
    principal: FieldId,
    address: FieldId,
    phone: FieldId,
    campuses: GroupId,
    campus: Campus,
    boarding: FieldId,
    required_guards_total: FieldId,
    items: [FieldId; 18],
    sub_answers: [FieldId; 8],
    on_duty: FieldId,
    equipment: [FieldId; 8],
    video_retention_days: FieldId,
    clock_error_seconds: FieldId,
    fault_restore_hours: FieldId,
    suggested_4: FieldId,
    suggested_9: FieldId,
    suggested_subs: [FieldId; 8],
    suggested_10: FieldId,
    failed_items: FieldId,
    failed_items_text: FieldId,
    inspection_date: FieldId,
    rectification_deadline: FieldId,
    inspectors: FieldId,
    signatory: FieldId,
    answers_scope: [ScopeId; 1],
    scopes: Scopes<Scope>,
    /// The header's boarding type, read by every campus for its own required guards.
    row_inputs: [(FieldId, GroupId); 1],
}

/// What each fixed scope of the checklist checks.
#[derive(Debug, Clone, Copy)]
enum Scope {
    Header,
    Answers,
}

impl InspectionChecklist {
    /// The form under `profile` (its fields do not depend on the profile; its rules do).
    pub fn new(_profile: &Profile) -> InspectionChecklist {
        let l = Localized::new;
        let mut b = SchemaBuilder::default();
        let mut scopes = Scopes::new();
        scopes.open(&mut b, Scope::Header);
        let school = b.field("school", l("学校名称", "School name"), FieldType::Text).required().id();
        let principal = b.field("principal", l("主要负责人", "Principal"), FieldType::Text).required().personal().id();
        let address = b.field("address", l("地址", "Address"), FieldType::Text).required().id();
        let phone = b.field("phone", l("联系电话", "Contact phone"), FieldType::Text).required().personal().id();

        let campuses = b.group("campuses", l("校区", "Campuses"));
        let campus = Campus {
            name: b.column(campuses, "name", l("校区名称", "Campus name"), FieldType::Text).id(),
            headcount: b
                .column(
                    campuses,
                    "headcount",
                    l("校区师生员工总人数", "Campus headcount (students and staff)"),
                    FieldType::Count,
                )
                .required()
                .id(),
            guards: b
                .column(campuses, "guards", l("校区专职保安员人数", "Campus full-time guards"), FieldType::Count)
                .required()
                .id(),
            boarding: b
                .column(
                    campuses,
                    "boarding",
                    l("校区类型（走读/寄宿/走读寄宿混合）", "Campus type (day / boarding / mixed)"),
                    FieldType::Choice,
                )
                .options(&Boarding::OPTIONS)
                .id(),
            required_guards: b
                .column(
                    campuses,
                    "required_guards",
                    l("校区应配专职保安员人数", "Campus guards required"),
                    FieldType::Count,
                )
                .computed()
                .id(),
        };

        let answers_scope = scopes.open(&mut b, Scope::Answers);
        let boarding = b
            .field(
                "boarding",
                l("学校类型（走读/寄宿/走读寄宿混合）", "School type (day / boarding / mixed)"),
                FieldType::Choice,
            )
            .options(&Boarding::OPTIONS)
            .required()
            .id();
        let required_guards_total = b
            .field("required_guards_total", l("应配专职保安员合计", "Guards required in total"), FieldType::Count)
            .computed()
            .id();
        let mut items = [0; 18];
        let mut sub_answers = [0; 8];
        for (n, ((zh, en), id)) in ITEMS.iter().zip(items.iter_mut()).enumerate() {
            *id = b.field(&format!("items.{}", n + 1), l(zh, en), FieldType::YesNo).required().id();
            if n == 8 {
                for ((sub, szh, sen, _), sid) in SUB_ITEMS.iter().zip(sub_answers.iter_mut()) {
                    let label = Localized { zh: format!("第9项·{szh}"), en: format!("Item 9: {sen}") };
                    *sid = b.field(&format!("items.9.{sub}"), label, FieldType::YesNo).id();
                }
            }
        }
        let on_duty = b.field("on_duty", l("执勤人数", "Guards on duty"), FieldType::Count).id();
        let mut equipment = [0; 8];
        for ((sub, szh, sen, _), id) in SUB_ITEMS.iter().zip(equipment.iter_mut()) {
            let zh = szh.split('（').next().unwrap_or(szh);
            let zh = zh.strip_suffix("2套").unwrap_or(zh);
            let en = sen.split('(').next().unwrap_or(sen).trim_end();
            let label = Localized { zh: format!("{zh}数量"), en: format!("Number of {en}") };
            *id = b.field(&format!("equipment.{sub}"), label, FieldType::Count).id();
        }
        let video_retention_days =
            b.field("video_retention_days", l("视频图像保存天数", "Video retention (days)"), FieldType::Count).id();
        let clock_error_seconds = b
            .field(
                "clock_error_seconds",
                l("监控时间误差（秒）", "Surveillance clock error (seconds)"),
                FieldType::Count,
            )
            .id();
        let fault_restore_hours = b
            .field(
                "fault_restore_hours",
                l("技防系统故障恢复时间（小时）", "Hours to restore a technical-defence fault"),
                FieldType::Count,
            )
            .id();
        let suggested = |b: &mut SchemaBuilder, path: &str, zh: &str, en: &str| {
            b.field(
                path,
                Localized { zh: format!("{zh}·建议答案"), en: format!("{en}: suggested answer") },
                FieldType::Text,
            )
            .computed()
            .id()
        };
        let item_label = |n: usize| ITEMS.get(n - 1).copied().unwrap_or_default();
        let (zh, en) = item_label(4);
        let suggested_4 = suggested(&mut b, "suggested.4", zh, en);
        let (zh, en) = item_label(9);
        let suggested_9 = suggested(&mut b, "suggested.9", zh, en);
        let mut suggested_subs = [0; 8];
        for ((sub, szh, sen, _), id) in SUB_ITEMS.iter().zip(suggested_subs.iter_mut()) {
            *id = suggested(&mut b, &format!("suggested.9.{sub}"), &format!("第9项·{szh}"), &format!("Item 9: {sen}"));
        }
        let (zh, en) = item_label(10);
        let suggested_10 = suggested(&mut b, "suggested.10", zh, en);
        let failed_items =
            b.field("failed_items", l("存在问题的条目", "Items with problems"), FieldType::List).computed().id();
        let failed_items_text = b
            .field(
                "failed_items_text",
                l("存在问题的条目（第…条）", "Items with problems (as written)"),
                FieldType::Text,
            )
            .computed()
            .id();
        let inspection_date =
            b.field("inspection_date", l("检查日期", "Inspection date"), FieldType::Date).required().id();
        let rectification_deadline =
            b.field("rectification_deadline", l("整改期限", "Rectification deadline"), FieldType::Date).id();
        let inspectors = b.field("inspectors", l("检查人员", "Inspectors"), FieldType::Text).required().personal().id();
        let signatory = b
            .field("signatory", l("被检查单位（负责人）", "Inspected unit (person in charge)"), FieldType::Text)
            .required()
            .personal()
            .id();
        InspectionChecklist {
            schema: b.build(),
            school,
            principal,
            address,
            phone,
            campuses,
            campus,
            boarding,
            required_guards_total,
            items,
            sub_answers,
            on_duty,
            equipment,
            video_retention_days,
            clock_error_seconds,
            fault_restore_hours,
            suggested_4,
            suggested_9,
            suggested_subs,
            suggested_10,
            failed_items,
            failed_items_text,
            inspection_date,
            rectification_deadline,
            inspectors,
            signatory,
            answers_scope: [answers_scope],
            scopes,
            row_inputs: [(boarding, campuses)],
        }
    }

    fn check_header(&self, cells: &Cells, ctx: &Context, out: &mut Findings) {
        for (field, max) in [(self.school, MAX_UNIT), (self.principal, MAX_NAME), (self.address, MAX_ADDRESS)] {
            rules::text::check(cells.fixed(field), Cell::fixed(field), Need::Required, max, out);
        }
        let allow_short = ctx.profile.inspection.short_phone_allowed;
        rules::phone::check(cells.fixed(self.phone), Cell::fixed(self.phone), Need::Required, allow_short, out);
    }

    /// One campus: its own checks, its required guards when its own type is given, and its tally.
    fn check_campus(&self, row: RowId, cells: &Cells, ctx: &Context, out: &mut Findings) {
        let c = &self.campus;
        let Some(rows) = cells.rows(self.campuses) else { return };
        let value = |field: FieldId| rows.get(row, self.schema.field(field).map_or(0, |f| f.slot));
        let at = |field: FieldId| Cell { field, row };

        rules::text::check(value(c.name), at(c.name), Need::Optional, MAX_UNIT, out);
        let headcount = rules::count::check(value(c.headcount), at(c.headcount), Need::Required, out);
        let guards = rules::count::check(value(c.guards), at(c.guards), Need::Required, out);
        let own = rules::choice::check(value(c.boarding), at(c.boarding), &Boarding::OPTIONS, Need::Optional, out);
        let own_blank = matches!(types::choice(value(c.boarding), &Boarding::OPTIONS), Ok(None));

        let minimum = ctx.profile.inspection.min_guards_per_campus.unwrap_or(0);
        let need = |n: u64, b: Boarding| required_guards(n, b).max(minimum);
        let as_sum = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        let short = |required: u64| i64::from(guards.is_some_and(|g| g < required));

        let mut required = Computed::Unknown;
        match (headcount, own) {
            (Some(n), Some(i)) => {
                let r = need(n, Boarding::ALL.get(i).copied().unwrap_or(Boarding::Day));
                required = Computed::Count(r);
                out.add(T_REQ_DAY, as_sum(r));
                out.add(T_REQ_BOARDING, as_sum(r));
                out.add(T_SHORT_DAY, short(r));
                out.add(T_SHORT_BOARDING, short(r));
            }
            (Some(n), None) if own_blank => {
                let (day, boarding) = (need(n, Boarding::Day), need(n, Boarding::Boarding));
                // The campus follows the school's type, when that is given and valid.
                let header = types::choice(cells.fixed(self.boarding), &Boarding::OPTIONS).ok().flatten();
                if let Some(kind) = header.and_then(|i| Boarding::ALL.get(i)) {
                    required = Computed::Count(if *kind == Boarding::Day { day } else { boarding });
                }
                out.add(T_REQ_DAY, as_sum(day));
                out.add(T_REQ_BOARDING, as_sum(boarding));
                out.add(T_SHORT_DAY, short(day));
                out.add(T_SHORT_BOARDING, short(boarding));
            }
            _ => out.add(T_REQ_UNKNOWN, 1),
        }
        if own_blank {
            out.add(T_FOLLOW_HEADER, 1);
        }
        if guards.is_none() {
            out.add(T_GUARDS_UNKNOWN, 1);
        }
        out.add(T_CAMPUSES, 1);
        out.compute(at(c.required_guards), required);
    }

    /// Item 4 from the campuses' sums and the header's type: the total required and whether every
    /// campus has its guards (`None` where the numbers do not decide yet).
    fn item_4(&self, boarding: Option<usize>, sums: &[i64]) -> (Computed, Option<bool>) {
        let sum = |slot: usize| sums.get(slot).copied().unwrap_or(0);
        let is_day = boarding.map(|i| Boarding::ALL.get(i) == Some(&Boarding::Day));
        // Campuses of their own type add the same to both readings.
        let pick = |day: usize, boarding: usize| match (sum(T_FOLLOW_HEADER), is_day) {
            (0, _) => Some(sum(day)),
            (_, Some(true)) => Some(sum(day)),
            (_, Some(false)) => Some(sum(boarding)),
            (_, None) => None,
        };
        let campuses = sum(T_CAMPUSES);
        let total = match pick(T_REQ_DAY, T_REQ_BOARDING) {
            Some(total) if campuses > 0 && sum(T_REQ_UNKNOWN) == 0 => {
                Computed::Count(u64::try_from(total).unwrap_or(0))
            }
            _ => Computed::Unknown,
        };
        // A boarding requirement is never below the day one: short as a day school is short anyway.
        let short = pick(T_SHORT_DAY, T_SHORT_BOARDING).or((sum(T_SHORT_DAY) > 0).then_some(sum(T_SHORT_DAY)));
        let decided = match short {
            Some(s) if s > 0 => Some(false),
            Some(_) if campuses > 0 && sum(T_REQ_UNKNOWN) == 0 && sum(T_GUARDS_UNKNOWN) == 0 => Some(true),
            _ => None,
        };
        (total, decided)
    }

    fn check_answers(&self, cells: &Cells, ctx: &Context, out: &mut Findings) {
        let fixed = |field: FieldId| cells.fixed(field);
        let at = Cell::fixed;
        let inspection = &ctx.profile.inspection;

        let boarding =
            rules::choice::check(fixed(self.boarding), at(self.boarding), &Boarding::OPTIONS, Need::Required, out);
        let (total, item_4) = self.item_4(boarding, ctx.sums);
        out.compute(at(self.required_guards_total), total);

        // Answers, item 9 with its sub-items.
        let subs: Vec<Option<bool>> =
            self.sub_answers.iter().map(|f| types::yes_no(fixed(*f)).ok().flatten()).collect();
        let all_given = subs.iter().all(Option::is_some);
        let any_no = subs.contains(&Some(false));
        let mut answers = [None; 18];
        let mut nine_disagrees = false;
        for (n, (field, answer)) in self.items.iter().zip(answers.iter_mut()).enumerate() {
            if n != 8 {
                *answer = rules::yes_no::check(fixed(*field), at(*field), Need::Required, out);
                continue;
            }
            let need = if all_given { Need::Optional } else { Need::Required };
            let own = rules::yes_no::check(fixed(*field), at(*field), need, out);
            nine_disagrees = match own {
                Some(true) => any_no,
                Some(false) => all_given && !any_no,
                None => false,
            };
            if nine_disagrees {
                out.push(at(*field), Code::ItemNineSubItems);
            }
            *answer = own.or(all_given.then_some(!any_no));
            for sub in &self.sub_answers {
                rules::yes_no::check(fixed(*sub), at(*sub), Need::Optional, out);
            }
        }

        // The numbers behind items 9 and 10.
        let count =
            |field: FieldId, out: &mut Findings| rules::count::check(fixed(field), at(field), Need::Optional, out);
        let on_duty = count(self.on_duty, out);
        let mut sub_ok = [None; 8];
        for ((field, (_, _, _, per_person)), ok) in self.equipment.iter().zip(SUB_ITEMS.iter()).zip(sub_ok.iter_mut()) {
            let have = count(*field, out);
            *ok = match (have, per_person, on_duty) {
                (Some(have), true, Some(on_duty)) => Some(have >= equipment_needed(on_duty, true)),
                (Some(have), false, _) => Some(have >= equipment_needed(0, false)),
                _ => None,
            };
        }
        let retention = count(self.video_retention_days, out);
        let clock_error = count(self.clock_error_seconds, out);
        let fault_hours = count(self.fault_restore_hours, out);
        let mut item_10 = vec![
            retention.map(|d| d >= inspection.video_retention_days),
            clock_error.map(|s| s <= inspection.clock_error_max_seconds),
        ];
        if let Some(limit) = inspection.fault_restore_hours {
            item_10.push(fault_hours.map(|h| h <= limit));
        }
        let all_of = |list: &[Option<bool>]| {
            if list.contains(&Some(false)) {
                Some(false)
            } else if list.iter().all(|x| *x == Some(true)) {
                Some(true)
            } else {
                None
            }
        };
        let item_9 = all_of(&sub_ok);
        let item_10 = all_of(&item_10);

        // An answer 是 the numbers contradict.
        let contradicted =
            |answer: Option<bool>, suggested: Option<bool>| answer == Some(true) && suggested == Some(false);
        let item = |n: usize| self.items.get(n - 1).copied().unwrap_or(FieldId::MAX);
        if contradicted(answers.get(3).copied().flatten(), item_4) {
            out.push(at(item(4)), Code::AnswerContradicted);
        }
        let own_9 = types::yes_no(fixed(item(9))).ok().flatten();
        if !nine_disagrees && contradicted(own_9, item_9) {
            out.push(at(item(9)), Code::AnswerContradicted);
        }
        for ((field, answer), ok) in self.sub_answers.iter().zip(&subs).zip(&sub_ok) {
            if contradicted(*answer, *ok) {
                out.push(at(*field), Code::AnswerContradicted);
            }
        }
        if contradicted(answers.get(9).copied().flatten(), item_10) {
            out.push(at(item(10)), Code::AnswerContradicted);
        }

        let text = |answer: Option<bool>| match answer {
            Some(true) => Computed::Text("yes".into()),
            Some(false) => Computed::Text("no".into()),
            None => Computed::Unknown,
        };
        out.compute(at(self.suggested_4), text(item_4));
        out.compute(at(self.suggested_9), text(item_9));
        for (field, ok) in self.suggested_subs.iter().zip(&sub_ok) {
            out.compute(at(*field), text(*ok));
        }
        out.compute(at(self.suggested_10), text(item_10));

        let failed: Vec<u64> = (1u64..).zip(&answers).filter(|(_, a)| **a == Some(false)).map(|(n, _)| n).collect();
        let failed_text = failed.iter().map(u64::to_string).collect::<Vec<_>>().join("、");
        out.compute(at(self.failed_items), Computed::List(failed.clone()));
        out.compute(at(self.failed_items_text), Computed::Text(failed_text));

        // The result block.
        let date_at = at(self.inspection_date);
        let inspected = rules::date::check(fixed(self.inspection_date), date_at, Need::Required, out);
        if let Some(day) = inspected {
            rules::not_in_future::check(day, ctx.today, date_at, out);
            rules::inspection_window::check(day, inspection.window, date_at, out);
        }
        let deadline_at = at(self.rectification_deadline);
        let raw_deadline = fixed(self.rectification_deadline);
        let deadline = rules::date::check(raw_deadline, deadline_at, Need::Optional, out);
        if !failed.is_empty() && matches!(normalise::date(raw_deadline), Ok(None)) {
            out.push(deadline_at, Code::RectificationDeadlineRequired);
        }
        if let (Some(deadline), Some(day)) = (deadline, inspected) {
            if deadline <= day {
                out.push(deadline_at, Kind::with(Code::DeadlineNotAfterInspection, Arg::Date(day)));
            }
        }
        for (field, max) in [(self.inspectors, MAX_UNIT), (self.signatory, MAX_NAME)] {
            rules::text::check(fixed(field), at(field), Need::Required, max, out);
        }
    }
}

impl Form for InspectionChecklist {
    fn kind(&self) -> Option<FormKind> {
        Some(FormKind::InspectionChecklist)
    }

    fn schema(&self) -> &Schema {
        &self.schema
    }

    fn clock_scopes(&self) -> &[ScopeId] {
        &self.answers_scope
    }

    fn sums_scopes(&self) -> &[ScopeId] {
        &self.answers_scope
    }

    fn row_inputs(&self) -> &[(FieldId, GroupId)] {
        &self.row_inputs
    }

    fn check_scope(&self, scope: ScopeId, cells: &Cells, ctx: &Context, out: &mut Findings) {
        match self.scopes.check(scope) {
            Some(Scope::Header) => self.check_header(cells, ctx, out),
            Some(Scope::Answers) => self.check_answers(cells, ctx, out),
            None => {}
        }
    }

    fn check_row(&self, group: GroupId, row: RowId, cells: &Cells, ctx: &Context, out: &mut Findings) {
        if group == self.campuses {
            self.check_campus(row, cells, ctx, out);
        }
    }

    fn totals(&self, _sums: &[i64]) -> Vec<(FieldId, Computed)> {
        // The total needs the header's type: computed by the answers scope, which reads the sums.
        Vec::new()
    }
}
