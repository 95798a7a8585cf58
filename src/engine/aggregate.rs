//! District roll-ups: a district office sums its schools' daily reports into one report of the
//! same shape (seed 000 附件3 注2: "各地教育行政部门要将辖区学校安全隐患排查整治情况汇总后报送"),
//! computes the "three 100 %" rates from its schools' security check-ups (seed 004), and counts
//! its schools' risk registers into the campaign statistics (seed 004 附件3 战果统计表).

use crate::base::date::Instant;
use crate::base::value::Value;
use crate::engine::options::{Options, UsageError};
use crate::engine::report::{Aggregate, RenderedIssue, Report};
use crate::engine::{compiled::Compiled, session::Session};
use crate::forms::{Computed, FormKind};
use crate::input::normalise;
use crate::issue::{Arg, Code, Issue, Kind};
use std::rc::Rc;

/// Sums `reports` (an array of report data objects) of form `kind`.
pub fn aggregate(
    kind: FormKind,
    reports: &Value,
    options: Options,
    clock: impl FnOnce() -> Instant,
) -> Result<Aggregate, UsageError> {
    let Value::List(reports) = reports else {
        return Err(UsageError::Option {
            key: "reports".into(),
            problem: format!("expected an array of reports, got {}", reports.type_name()),
        });
    };
    match kind {
        FormKind::DailyReport => Ok(daily_reports(reports, options, clock)),
        FormKind::SecurityCheckup => Ok(security_checkups(reports, options, clock)),
        FormKind::RiskRegister => Ok(campaign_statistics(reports, options, clock)),
        other => Err(UsageError::KindNotAvailable(format!("aggregate of {other}"))),
    }
}

/// What every roll-up does alike: each school's report is read with the school's own form, its
/// issues come back under `reports[i].`, the same school twice is `duplicate_unit`, and reports of
/// different periods are `mixed_report_dates`.
struct RollUp {
    compiled: Rc<Compiled>,
    now: Instant,
    locale: crate::base::text::Locale,
    issues: Vec<RenderedIssue>,
    names: Vec<String>,
    dates: Vec<crate::base::date::Date>,
}

impl RollUp {
    /// The roll-up of `kind` under `options` (the district's own `unit` aside), or `None` when the
    /// form cannot be compiled; the district's unit name comes back with it.
    fn new(kind: FormKind, options: Options, clock: impl FnOnce() -> Instant) -> Option<(RollUp, Option<String>)> {
        let unit = options.unit.clone();
        let locale = options.locale;
        let now = options.now.unwrap_or_else(clock);
        let school = Options { previous: None, unit: None, now: Some(now), ..options };
        let compiled = Rc::new(Compiled::new(kind, school).ok()?);
        Some((RollUp { compiled, now, locale, issues: Vec::new(), names: Vec::new(), dates: Vec::new() }, unit))
    }

    /// The fixed field at `path` in a school's cells (empty when the form lacks it).
    fn get<'a>(&self, cells: &'a crate::input::cells::Cells, path: &str) -> &'a crate::base::value::Scalar {
        match self.compiled.schema().resolve(path) {
            Some((field, None)) => cells.fixed(field),
            _ => &crate::base::value::Scalar::Empty,
        }
    }

    /// A roll-up issue at `path`, naming the field at `field_path`.
    fn issue(&mut self, path: String, field_path: &str, kind: Kind) {
        let Some(severity) = self.compiled.profile.severity(kind.code) else { return };
        let schema = self.compiled.schema();
        let label = schema.resolve(field_path).and_then(|(f, _)| schema.label(f)).cloned().unwrap_or_default();
        let issue = Issue { at: crate::schema::Cell::FORM, kind, severity };
        self.issues.push(RenderedIssue::new(path, &issue, &label, self.locale));
    }

    /// Reads school `i`'s report: its session and result, its issues taken in, the school named
    /// by `name_field` checked against the schools before it, its report date noted.
    fn read(&mut self, i: usize, report: &Value, name_field: &str) -> (Session, Report) {
        let session = Session::with_data(Rc::clone(&self.compiled), || self.now, report);
        let result = session.result();
        self.issues.extend(result.issues.iter().cloned().map(|mut issue| {
            issue.path = format!("reports[{i}].{}", issue.path);
            issue
        }));
        let name = normalise::name_key(self.get(session.cells(), name_field)).unwrap_or_default();
        if !name.is_empty() {
            if let Some(first) = self.names.iter().position(|n| *n == name) {
                let kind = Kind::with(Code::DuplicateUnit, Arg::Num(first as u64 + 1));
                self.issue(format!("reports[{i}].{name_field}"), name_field, kind);
            }
        }
        self.names.push(name);
        if let Ok(Some(day)) = normalise::date(self.get(session.cells(), "report_date")) {
            self.dates.push(day);
        }
        (session, result)
    }

    /// The latest report date; `mixed_report_dates` when a report is of another period than it
    /// (`same_period` tells).
    fn report_date(
        &mut self,
        same_period: impl Fn(crate::base::date::Date, crate::base::date::Date) -> bool,
    ) -> Option<crate::base::date::Date> {
        let latest = self.dates.iter().max().copied()?;
        if self.dates.iter().any(|d| !same_period(*d, latest)) {
            self.issue("report_date".into(), "report_date", Kind::bare(Code::MixedReportDates));
        }
        Some(latest)
    }

    /// The roll-up's result.
    fn finish(self, data: Value, computed: Vec<(String, Computed)>) -> Aggregate {
        let valid = !self.issues.iter().any(RenderedIssue::is_error);
        Aggregate { data, valid, issues: self.issues, computed }
    }
}

/// The roll-up of a form that cannot be compiled (never happens with a resolved profile).
fn failed() -> Aggregate {
    Aggregate { data: Value::Null, valid: false, issues: Vec::new(), computed: Vec::new() }
}

fn daily_reports(reports: &[Value], options: Options, clock: impl FnOnce() -> Instant) -> Aggregate {
    let categories = options.profile.daily_report.categories.clone();
    let Some((mut roll, unit_name)) = RollUp::new(FormKind::DailyReport, options, clock) else { return failed() };
    let mut sums = vec![(0u64, 0u64, 0u64); categories.len()];
    let mut measures: Vec<Vec<String>> = vec![Vec::new(); categories.len()];

    for (i, report) in reports.iter().enumerate() {
        let (session, result) = roll.read(i, report, "unit");
        let cells = session.cells();
        let get = |path: &str| roll.get(cells, path);
        for ((category, sum), notes) in categories.iter().zip(sums.iter_mut()).zip(measures.iter_mut()) {
            let count = |column: &str| {
                normalise::count(get(&format!("rows.{}.{column}", category.id))).ok().flatten().unwrap_or(0)
            };
            sum.0 = sum.0.saturating_add(count("found"));
            sum.1 = sum.1.saturating_add(count("fixed"));
            if let Some(Computed::Count(unfixed)) = result.computed(&format!("rows.{}.unfixed", category.id)) {
                sum.2 = sum.2.saturating_add(*unfixed);
                if *unfixed > 0 {
                    if let Some(text) = normalise::text(get(&format!("rows.{}.measures", category.id))) {
                        let who = normalise::text(get("unit")).unwrap_or_else(|| format!("#{}", i + 1));
                        notes.push(format!("{who}：{text}"));
                    }
                }
            }
        }
    }

    let report_date = roll.report_date(|a, b| a == b);
    let rows = categories
        .iter()
        .zip(&sums)
        .zip(&measures)
        .map(|((c, (found, fixed, unfixed)), notes)| {
            let row = vec![
                ("found".to_owned(), Value::Number(*found as f64)),
                ("fixed".to_owned(), Value::Number(*fixed as f64)),
                ("unfixed".to_owned(), Value::Number(*unfixed as f64)),
                ("measures".to_owned(), Value::Text(notes.join("；"))),
            ];
            (c.id.clone(), Value::Map(row))
        })
        .collect();
    let data = Value::Map(vec![
        ("unit".into(), Value::Text(unit_name.unwrap_or_default())),
        ("report_date".into(), report_date.map_or(Value::Null, |d| Value::Text(d.to_string()))),
        ("rows".into(), Value::Map(rows)),
    ]);

    // The district's computed fields are those of its summed report.
    let summed = Session::with_data(Rc::clone(&roll.compiled), || roll.now, &data).result();
    roll.finish(data, summed.computed)
}

/// One of the "three 100 %" rates (seed 004 §一: "实现‘三个百分之百’，即中小学封闭化管理达到100%，
/// 一键式紧急报警、视频监控系统与属地公安机关联网率达到100%，城市中小学专职保安员配备率达到100%").
#[derive(Debug, Default)]
struct Rate {
    /// Schools that meet it.
    met: u64,
    /// Schools it applies to.
    of: u64,
    /// The schools that fall short: report index and school name.
    short: Vec<(usize, Option<String>)>,
}

impl Rate {
    fn count(&mut self, met: bool, index: usize, school: &Option<String>) {
        self.of += 1;
        if met {
            self.met += 1;
        } else {
            self.short.push((index, school.clone()));
        }
    }

    fn percent(&self) -> Computed {
        crate::forms::daily_report::fix_rate(self.of, self.met)
    }

    fn data(&self) -> Value {
        let percent = match self.percent() {
            Computed::Decimal(x) => Value::Number(x),
            _ => Value::Null,
        };
        let short = self
            .short
            .iter()
            .map(|(i, name)| {
                Value::Map(vec![
                    ("index".into(), Value::Number(*i as f64)),
                    ("school".into(), name.clone().map_or(Value::Null, Value::Text)),
                ])
            })
            .collect();
        Value::Map(vec![
            ("numerator".into(), Value::Number(self.met as f64)),
            ("denominator".into(), Value::Number(self.of as f64)),
            ("percent".into(), percent),
            ("short".into(), Value::List(short)),
        ])
    }
}

/// The rates' names in `data.rates` and `computed`.
const RATES: [&str; 3] = ["closed_management", "police_linked", "urban_guards"];

/// The "three 100 %" from the schools' check-ups. Each rate counts a school as meeting it only on
/// a "yes" it can read: a blank or invalid answer falls short (and is the school's own issue).
/// - closed management: every school, `closed_management` yes;
/// - linked to the police: every school, `alarm_linked` and `video_linked` both yes;
/// - urban full-time guards (城市中小学专职保安员配备率): the schools whose `location` is urban,
///   with at least one guard (`guards_total` ≥ 1); rural schools and schools of unknown
///   location are not in it. Licensing is checked per guard (`guard_unlicensed`), not here:
///   the seed's rate is of schools staffed (配备), not of licences.
///
/// With no school the rates are `null` (0 of 0 is no percentage).
fn security_checkups(reports: &[Value], options: Options, clock: impl FnOnce() -> Instant) -> Aggregate {
    use crate::forms::security_checkup::{LOCATION, URBAN};
    let Some((mut roll, unit_name)) = RollUp::new(FormKind::SecurityCheckup, options, clock) else { return failed() };
    let mut rates: [Rate; 3] = Default::default();

    for (i, report) in reports.iter().enumerate() {
        let (session, result) = roll.read(i, report, "school");
        let cells = session.cells();
        let get = |path: &str| roll.get(cells, path);
        let yes = |path: &str| crate::input::types::yes_no(get(path)) == Ok(Some(true));
        let school = normalise::text(get("school"));
        let [closed, linked, urban] = &mut rates;
        closed.count(yes("closed_management"), i, &school);
        linked.count(yes("alarm_linked") && yes("video_linked"), i, &school);
        if crate::input::types::choice(get("location"), LOCATION) == Ok(Some(URBAN)) {
            let guards = match result.computed("guards_total") {
                Some(Computed::Count(n)) => *n,
                _ => 0,
            };
            urban.count(guards >= 1, i, &school);
        }
    }

    let report_date = roll.report_date(|a, b| a == b);
    let mut computed = vec![("schools".to_owned(), Computed::Count(reports.len() as u64))];
    for (name, rate) in RATES.iter().zip(&rates) {
        computed.push((format!("rates.{name}.numerator"), Computed::Count(rate.met)));
        computed.push((format!("rates.{name}.denominator"), Computed::Count(rate.of)));
        computed.push((format!("rates.{name}.percent"), rate.percent()));
    }
    let data = Value::Map(vec![
        ("unit".into(), Value::Text(unit_name.unwrap_or_default())),
        ("report_date".into(), report_date.map_or(Value::Null, |d| Value::Text(d.to_string()))),
        ("schools".into(), Value::Number(reports.len() as f64)),
        (
            "rates".into(),
            Value::Map(RATES.iter().zip(&rates).map(|(name, rate)| ((*name).to_owned(), rate.data())).collect()),
        ),
    ]);
    roll.finish(data, computed)
}

/// One line of the campaign statistics: the totals' or one category's four figures.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    found: u64,
    done: u64,
    in_progress: u64,
    overdue: u64,
}

impl Tally {
    fn figures(&self) -> [u64; 4] {
        [self.found, self.done, self.in_progress, self.overdue]
    }

    fn data(&self) -> Value {
        let names = crate::forms::campaign_statistics::COLUMNS.iter().map(|(name, _, _)| *name);
        Value::Map(names.zip(self.figures()).map(|(n, v)| (n.to_owned(), Value::Number(v as f64))).collect())
    }
}

/// The campaign statistics (seed 004 附件3 战果统计表: "排查学校（家）", "排查风险隐患（个）") from the
/// schools' risk registers, each read by the risk-register form itself at the same moment, so
/// every figure is the register's own answer:
/// - `schools_inspected`: every register given, rows or none (a school inspected that found
///   nothing was still inspected: "排查学校（家）");
/// - `risks_found`, `risks_done`, `risks_in_progress`, `risks_overdue`: the registers' own
///   `totals.*` (every row is a risk found; a row whose status cannot be read is neither done nor
///   in progress; overdue is the register's `rows[i].overdue` at `now`);
/// - `by_category.<id>.*`: the same per category (ids or Chinese wording). A row whose category
///   is blank or unreadable (an error in its register) counts in the totals and under no
///   category: the totals stay the number of risks, and the categories then add up to less,
///   which `validate("campaign-statistics", data)` reports (`category_sum_mismatch`).
///
/// Each register's issues come back under `reports[i].`; the same unit twice is `duplicate_unit`,
/// registers of different months `mixed_report_dates`. `data.report_date` is the latest
/// register's date (its month is the month reported), `data.unit` the `unit` option.
fn campaign_statistics(reports: &[Value], options: Options, clock: impl FnOnce() -> Instant) -> Aggregate {
    use crate::forms::campaign_statistics::{COLUMNS, TOTALS};
    use crate::forms::risk_register::{CATEGORIES as CHOICES, STATUS};
    use crate::profile::builtin::CATEGORIES;
    let Some((mut roll, unit_name)) = RollUp::new(FormKind::RiskRegister, options, clock) else { return failed() };
    let schema = roll.compiled.schema();
    let field = |path: &str| schema.resolve(path).map(|(f, _)| f);
    // The register's row columns this reads: (group, slot) of category and status.
    let column = |name: &str| {
        let def = field(&format!("rows[0].{name}")).and_then(|f| schema.field(f))?;
        Some((def.group?, def.slot))
    };
    let (category_column, status_column) = (column("category"), column("status"));

    let mut totals = Tally::default();
    let mut by_category = [Tally::default(); CATEGORIES.len()];

    for (i, report) in reports.iter().enumerate() {
        let (session, result) = roll.read(i, report, "unit");
        let cells = session.cells();

        // The register's own totals.
        let total = |name: &str| match result.computed(&format!("totals.{name}")) {
            Some(Computed::Count(n)) => *n,
            _ => 0,
        };
        totals.found = totals.found.saturating_add(total("found"));
        totals.done = totals.done.saturating_add(total("done"));
        totals.in_progress = totals.in_progress.saturating_add(total("in_progress"));
        totals.overdue = totals.overdue.saturating_add(total("overdue"));

        // Per category: each row's category and status as the register reads them, and its
        // computed `overdue` (read once from the result, not searched for row by row).
        let Some((group, category_slot, status_slot)) =
            category_column.zip(status_column).map(|((g, c), (_, s))| (g, c, s))
        else {
            continue;
        };
        let Some(rows) = cells.rows(group) else { continue };
        let mut overdue = vec![false; rows.len()];
        for (path, value) in &result.computed {
            let row = path
                .strip_prefix("rows[")
                .and_then(|rest| rest.strip_suffix("].overdue"))
                .and_then(|n| n.parse::<usize>().ok());
            if let (Some(row), Computed::Bool(true)) = (row, value) {
                if let Some(flag) = overdue.get_mut(row) {
                    *flag = true;
                }
            }
        }
        for (position, id) in rows.order().iter().enumerate() {
            let category = crate::input::types::choice(rows.get(*id, category_slot), CHOICES).ok().flatten();
            let Some(tally) = category.and_then(|c| by_category.get_mut(c)) else { continue };
            tally.found += 1;
            match crate::input::types::choice(rows.get(*id, status_slot), STATUS).ok().flatten() {
                Some(0) => tally.done += 1,
                Some(_) => tally.in_progress += 1,
                None => {}
            }
            if overdue.get(position).copied().unwrap_or(false) {
                tally.overdue += 1;
            }
        }
    }

    let report_date = roll.report_date(|a, b| (a.year, a.month) == (b.year, b.month));

    let schools = reports.len() as u64;
    let mut computed = vec![("schools_inspected".to_owned(), Computed::Count(schools))];
    computed.extend(TOTALS.iter().zip(totals.figures()).map(|(path, n)| ((*path).to_owned(), Computed::Count(n))));
    for ((id, _, _), tally) in CATEGORIES.iter().zip(&by_category) {
        for ((column, _, _), n) in COLUMNS.iter().zip(tally.figures()) {
            computed.push((format!("by_category.{id}.{column}"), Computed::Count(n)));
        }
    }
    let mut data = vec![
        ("unit".into(), Value::Text(unit_name.unwrap_or_default())),
        ("report_date".into(), report_date.map_or(Value::Null, |d| Value::Text(d.to_string()))),
        ("schools_inspected".into(), Value::Number(schools as f64)),
    ];
    data.extend(TOTALS.iter().zip(totals.figures()).map(|(path, n)| ((*path).to_owned(), Value::Number(n as f64))));
    data.push((
        "by_category".into(),
        Value::Map(CATEGORIES.iter().zip(&by_category).map(|((id, _, _), t)| ((*id).to_owned(), t.data())).collect()),
    ));
    roll.finish(Value::Map(data), computed)
}
