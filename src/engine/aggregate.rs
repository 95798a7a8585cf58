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
    let reports = arrivals(reports)?;
    let reports = reports.as_slice();
    match kind {
        FormKind::DailyReport => Ok(daily_reports(reports, options, clock)),
        FormKind::SecurityCheckup => Ok(security_checkups(reports, options, clock)),
        FormKind::RiskRegister => Ok(campaign_statistics(reports, options, clock)),
        other => Err(UsageError::KindNotAvailable(format!("aggregate of {other}"))),
    }
}

/// One school's report as the district received it: its data, and when the portal received it
/// (`{ data, submitted_at }`), if it says.
pub(super) type Received<'a> = (&'a Value, Option<Instant>);

/// The reports given (an array), each as received.
pub(super) fn arrivals(reports: &Value) -> Result<Vec<Received<'_>>, UsageError> {
    let Value::List(reports) = reports else {
        return Err(UsageError::Option {
            key: "reports".into(),
            problem: format!("expected an array of reports, got {}", reports.type_name()),
        });
    };
    reports.iter().enumerate().map(|(i, r)| arrival(i, r)).collect()
}

/// Reads report `i`: `{ data, submitted_at }` (an object with `data` and at most `submitted_at`
/// beside it; no form has a field named `data`), or the form data itself. A `submitted_at` that is
/// not an ISO 8601 time is the portal's mistake, not the school's.
fn arrival(i: usize, report: &Value) -> Result<Received<'_>, UsageError> {
    let Value::Map(entries) = report else { return Ok((report, None)) };
    let wrapped = report.get("data").is_some() && entries.iter().all(|(k, _)| k == "data" || k == "submitted_at");
    if !wrapped {
        return Ok((report, None));
    }
    let data = report.get("data").unwrap_or(&Value::Null);
    let given = report.get("submitted_at");
    let at = match given {
        Some(Value::Text(t)) => Instant::parse_iso(t),
        _ => None,
    };
    match (given, at) {
        (None | Some(Value::Null), _) => Ok((data, None)),
        (_, Some(at)) => Ok((data, Some(at))),
        (Some(other), None) => Err(UsageError::Option {
            key: format!("reports[{i}].submitted_at"),
            problem: format!("expected an ISO 8601 time such as \"2021-06-22T15:30:00+08:00\", got {}", shown(other)),
        }),
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::Text(t) => format!("\"{t}\""),
        other => other.type_name().to_owned(),
    }
}

/// What every roll-up does alike: each school's report is read with the school's own form, its
/// issues come back under `reports[i].`, the same school twice is `duplicate_unit`, and reports of
/// different periods are `mixed_report_dates`.
pub(super) struct RollUp {
    pub(super) compiled: Rc<Compiled>,
    pub(super) now: Instant,
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
        // Each school's report is judged at its own arrival (the session's clock), so the form
        // itself is compiled without a time.
        let school = Options { previous: None, unit: None, now: None, ..options };
        let compiled = Compiled::new(kind, school).ok()?;
        Some((RollUp::of(compiled, now, locale), unit))
    }

    /// The roll-up of the schools' `compiled` form (compiled without a time: each report is judged
    /// at its own arrival), at `now`, its messages in `locale`.
    pub(super) fn of(compiled: Compiled, now: Instant, locale: crate::base::text::Locale) -> RollUp {
        RollUp { compiled: Rc::new(compiled), now, locale, issues: Vec::new(), names: Vec::new(), dates: Vec::new() }
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
    /// by `name_field` checked against the schools before it, its date (`date_field`) noted.
    /// A report that does not say when it arrived is judged at the roll-up's time, except for
    /// lateness, which is then not judged at all.
    pub(super) fn read(
        &mut self,
        i: usize,
        (report, arrived): Received,
        name_field: Option<&str>,
        date_field: Option<&str>,
    ) -> (Session, Report) {
        let session = Session::with_data(Rc::clone(&self.compiled), || arrived.unwrap_or(self.now), report);
        let mut result = session.result();
        if arrived.is_none() {
            result.issues.retain(|issue| issue.code != Code::LateSubmission.as_str());
        }
        self.issues.extend(result.issues.iter().cloned().map(|mut issue| {
            issue.path = format!("reports[{i}].{}", issue.path);
            issue
        }));
        if let Some(name_field) = name_field {
            let name = normalise::name_key(self.get(session.cells(), name_field)).unwrap_or_default();
            if !name.is_empty() {
                if let Some(first) = self.names.iter().position(|n| *n == name) {
                    let kind = Kind::with(Code::DuplicateUnit, Arg::Num(first as u64 + 1));
                    self.issue(format!("reports[{i}].{name_field}"), name_field, kind);
                }
            }
            self.names.push(name);
        }
        if let Some(date_field) = date_field {
            if let Ok(Some(day)) = normalise::date(self.get(session.cells(), date_field)) {
                self.dates.push(day);
            }
        }
        (session, result)
    }

    /// The latest report date; `mixed_report_dates` when a report is of another period than it
    /// (`same_period` tells).
    fn report_date(
        &mut self,
        same_period: impl Fn(crate::base::date::Date, crate::base::date::Date) -> bool,
    ) -> Option<crate::base::date::Date> {
        self.latest_date("report_date", same_period)
    }

    /// The latest of the reports' dates (the field at `date_field`); `mixed_report_dates` there
    /// when a report is of another period than it (`same_period` tells).
    pub(super) fn latest_date(
        &mut self,
        date_field: &str,
        same_period: impl Fn(crate::base::date::Date, crate::base::date::Date) -> bool,
    ) -> Option<crate::base::date::Date> {
        let latest = self.dates.iter().max().copied()?;
        if self.dates.iter().any(|d| !same_period(*d, latest)) {
            self.issue(date_field.into(), date_field, Kind::bare(Code::MixedReportDates));
        }
        Some(latest)
    }

    /// The roll-up's result.
    pub(super) fn finish(self, data: Value, computed: Vec<(String, Computed)>) -> Aggregate {
        let valid = !self.issues.iter().any(RenderedIssue::is_error);
        Aggregate { data, valid, issues: self.issues, computed }
    }
}

/// The roll-up of a form that cannot be compiled (never happens with a resolved profile).
fn failed() -> Aggregate {
    Aggregate { data: Value::Null, valid: false, issues: Vec::new(), computed: Vec::new() }
}

/// The daily reports summed. A category's figure is stated only when every school's value of it
/// can be read: a blank or unreadable 发现/已整治 leaves that column `null`, and a row whose
/// figures contradict each other (已整治 more than 发现) leaves its category's three figures `null`;
/// the school's own issue says why. The district's totals and rate then follow the summed report.
fn daily_reports(reports: &[Received], options: Options, clock: impl FnOnce() -> Instant) -> Aggregate {
    let categories = options.profile.daily_report.categories.clone();
    let Some((mut roll, unit_name)) = RollUp::new(FormKind::DailyReport, options, clock) else { return failed() };
    // found, fixed, unfixed per category: `None` once a school's value is not known.
    let mut sums = vec![[Some(0u64); 3]; categories.len()];
    let mut measures: Vec<Vec<String>> = vec![Vec::new(); categories.len()];

    for (i, report) in reports.iter().enumerate() {
        let (session, result) = roll.read(i, *report, Some("unit"), Some("report_date"));
        let cells = session.cells();
        let get = |path: &str| roll.get(cells, path);
        for ((category, sum), notes) in categories.iter().zip(sums.iter_mut()).zip(measures.iter_mut()) {
            let count = |column: &str| normalise::count(get(&format!("rows.{}.{column}", category.id))).ok().flatten();
            let unfixed = match result.computed(&format!("rows.{}.unfixed", category.id)) {
                Some(Computed::Count(n)) => Some(*n),
                _ => None,
            };
            let (found, fixed) = (count("found"), count("fixed"));
            let contradicted = matches!((found, fixed), (Some(a), Some(b)) if b > a);
            let figures = if contradicted { [None; 3] } else { [found, fixed, unfixed] };
            for (total, figure) in sum.iter_mut().zip(figures) {
                *total = total.zip(figure).map(|(t, n)| t.saturating_add(n));
            }
            if unfixed.is_some_and(|n| n > 0) {
                if let Some(text) = normalise::text(get(&format!("rows.{}.measures", category.id))) {
                    let who = normalise::text(get("unit")).unwrap_or_else(|| format!("#{}", i + 1));
                    notes.push(format!("{who}：{text}"));
                }
            }
        }
    }

    let report_date = roll.report_date(|a, b| a == b);
    let figure = |n: Option<u64>| n.map_or(Value::Null, |n| Value::Number(n as f64));
    let rows = categories
        .iter()
        .zip(&sums)
        .zip(&measures)
        .map(|((c, [found, fixed, unfixed]), notes)| {
            let row = vec![
                ("found".to_owned(), figure(*found)),
                ("fixed".to_owned(), figure(*fixed)),
                ("unfixed".to_owned(), figure(*unfixed)),
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

    // The district's computed fields are those of its summed report; a category left `null`
    // leaves the totals and the rate unstated too.
    let summed = Session::with_data(Rc::clone(&roll.compiled), || roll.now, &data).result();
    let computed = summed
        .computed
        .into_iter()
        .map(|(path, value)| {
            // `null` stays `null`: a category's unfixed, and a total over a column with a `null`
            // (the summed report reads a blank as not yet filled in, not as unknown).
            let column_unknown = |k: usize| sums.iter().any(|figures| figures.get(k).is_some_and(Option::is_none));
            let unstated = match path.as_str() {
                "totals.found" => column_unknown(0),
                "totals.fixed" => column_unknown(1),
                "totals.unfixed" => column_unknown(2),
                "totals.fix_rate" => column_unknown(0) || column_unknown(1),
                other => other.strip_prefix("rows.").and_then(|rest| rest.strip_suffix(".unfixed")).is_some_and(|id| {
                    categories.iter().zip(&sums).any(|(c, [_, _, unfixed])| c.id == id && unfixed.is_none())
                }),
            };
            (path, if unstated { Computed::Unknown } else { value })
        })
        .collect();
    roll.finish(data, computed)
}

/// One of the "three 100 %" rates (seed 004 §一: "实现‘三个百分之百’，即中小学封闭化管理达到100%，
/// 一键式紧急报警、视频监控系统与属地公安机关联网率达到100%，城市中小学专职保安员配备率达到100%").
#[derive(Debug, Default)]
struct Rate {
    /// Schools that meet it.
    met: u64,
    /// Schools it applies to.
    of: u64,
    /// A school's answer it depends on cannot be read: the rate is not stated.
    unknown: bool,
    /// The schools that fall short: report index and school name.
    short: Vec<(usize, Option<String>)>,
}

impl Rate {
    /// One school: whether it meets the rate, `None` when its answer cannot be read (then the rate
    /// is not stated; the school's own issue says why).
    fn count(&mut self, met: Option<bool>, index: usize, school: &Option<String>) {
        let Some(met) = met else {
            self.unknown = true;
            return;
        };
        self.of += 1;
        if met {
            self.met += 1;
        } else {
            self.short.push((index, school.clone()));
        }
    }

    fn percent(&self) -> Computed {
        if self.unknown {
            return Computed::Unknown;
        }
        crate::forms::daily_report::fix_rate(self.of, self.met)
    }

    /// The numerator and the denominator, `None` when not stated.
    fn figures(&self) -> [Option<u64>; 2] {
        if self.unknown {
            [None, None]
        } else {
            [Some(self.met), Some(self.of)]
        }
    }

    fn data(&self) -> Value {
        let percent = match self.percent() {
            Computed::Decimal(x) | Computed::Number(x) => Value::Number(x),
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
        let [met, of] = self.figures().map(|n| n.map_or(Value::Null, |n| Value::Number(n as f64)));
        Value::Map(vec![
            ("numerator".into(), met),
            ("denominator".into(), of),
            ("percent".into(), percent),
            ("short".into(), Value::List(short)),
        ])
    }
}

/// The rates' names in `data.rates` and `computed`.
const RATES: [&str; 3] = ["closed_management", "police_linked", "urban_guards"];

/// The "three 100 %" from the schools' check-ups. A school meets a rate on a "yes" and falls short
/// on a "no"; an answer that cannot be read (blank or invalid: the school's own issue) leaves the
/// rate unstated, since it would change it (CONTRACT.md "Roll-ups").
/// - closed management: every school, `closed_management` yes;
/// - linked to the police: every school, `alarm_linked` and `video_linked` both yes;
/// - urban full-time guards (城市中小学专职保安员配备率): the schools whose `location` is urban,
///   with at least one guard (`guards_total` ≥ 1); rural schools and schools of unknown
///   location are not in it. Licensing is checked per guard (`guard_unlicensed`), not here:
///   the seed's rate is of schools staffed (配备), not of licences.
///
/// With no school the rates are `null` (0 of 0 is no percentage).
fn security_checkups(reports: &[Received], options: Options, clock: impl FnOnce() -> Instant) -> Aggregate {
    use crate::forms::security_checkup::{LOCATION, URBAN};
    let Some((mut roll, unit_name)) = RollUp::new(FormKind::SecurityCheckup, options, clock) else { return failed() };
    let mut rates: [Rate; 3] = Default::default();

    for (i, report) in reports.iter().enumerate() {
        let (session, result) = roll.read(i, *report, Some("school"), Some("report_date"));
        let cells = session.cells();
        let get = |path: &str| roll.get(cells, path);
        let yes = |path: &str| crate::input::types::yes_no(get(path)).ok().flatten();
        let school = normalise::text(get("school"));
        let [closed, linked, urban] = &mut rates;
        closed.count(yes("closed_management"), i, &school);
        // Both linked: a known "no" falls short whatever the other answer.
        let both = match (yes("alarm_linked"), yes("video_linked")) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        };
        linked.count(both, i, &school);
        match crate::input::types::choice(get("location"), LOCATION).ok().flatten() {
            Some(URBAN) => {
                let guards = match result.computed("guards_total") {
                    Some(Computed::Count(n)) => Some(*n >= 1),
                    _ => None,
                };
                urban.count(guards, i, &school);
            }
            Some(_) => {}
            None => urban.count(None, i, &school), // urban or not: the rate cannot say
        }
    }

    let report_date = roll.report_date(|a, b| a == b);
    let mut computed = vec![("schools".to_owned(), Computed::Count(reports.len() as u64))];
    for (name, rate) in RATES.iter().zip(&rates) {
        let [met, of] = rate.figures().map(|n| n.map_or(Computed::Unknown, Computed::Count));
        computed.push((format!("rates.{name}.numerator"), met));
        computed.push((format!("rates.{name}.denominator"), of));
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

/// One line of the campaign statistics: the totals' or one category's four figures, each `None`
/// once a register's row it would count cannot be read.
#[derive(Debug, Clone, Copy)]
struct Tally {
    found: Option<u64>,
    done: Option<u64>,
    in_progress: Option<u64>,
    overdue: Option<u64>,
}

impl Default for Tally {
    fn default() -> Tally {
        Tally { found: Some(0), done: Some(0), in_progress: Some(0), overdue: Some(0) }
    }
}

/// Adds `n` to a figure still known; `None` (not known) makes it unknown.
fn add(figure: &mut Option<u64>, n: Option<u64>) {
    *figure = figure.zip(n).map(|(a, b)| a.saturating_add(b));
}

impl Tally {
    fn figures(&self) -> [Option<u64>; 4] {
        [self.found, self.done, self.in_progress, self.overdue]
    }

    fn data(&self) -> Value {
        let names = crate::forms::campaign_statistics::COLUMNS.iter().map(|(name, _, _)| *name);
        let figure = |n: Option<u64>| n.map_or(Value::Null, |n| Value::Number(n as f64));
        Value::Map(names.zip(self.figures()).map(|(n, v)| (n.to_owned(), figure(v))).collect())
    }

    /// One register row: its status (`None`: unreadable; `Some(0)` done) and whether it is overdue
    /// (`None`: not known).
    fn row(&mut self, status: Option<usize>, overdue: Option<bool>) {
        add(&mut self.found, Some(1));
        add(&mut self.done, status.map(|s| u64::from(s == 0)));
        add(&mut self.in_progress, status.map(|s| u64::from(s != 0)));
        add(&mut self.overdue, overdue.map(u64::from));
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
fn campaign_statistics(reports: &[Received], options: Options, clock: impl FnOnce() -> Instant) -> Aggregate {
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
        let (session, result) = roll.read(i, *report, Some("unit"), Some("report_date"));
        let cells = session.cells();
        let Some((group, category_slot, status_slot)) =
            category_column.zip(status_column).map(|((g, c), (_, s))| (g, c, s))
        else {
            continue;
        };
        let Some(rows) = cells.rows(group) else { continue };
        // Each row's computed `overdue` (read once from the result, not searched for row by row).
        let mut overdue = vec![None; rows.len()];
        for (path, value) in &result.computed {
            let row = path
                .strip_prefix("rows[")
                .and_then(|rest| rest.strip_suffix("].overdue"))
                .and_then(|n| n.parse::<usize>().ok());
            if let (Some(flag), Computed::Bool(b)) = (row.and_then(|r| overdue.get_mut(r)), value) {
                *flag = Some(*b);
            }
        }
        for (position, id) in rows.order().iter().enumerate() {
            let status = crate::input::types::choice(rows.get(*id, status_slot), STATUS).ok().flatten();
            let overdue = overdue.get(position).copied().flatten();
            totals.row(status, overdue);
            match crate::input::types::choice(rows.get(*id, category_slot), CHOICES).ok().flatten() {
                Some(c) => {
                    if let Some(tally) = by_category.get_mut(c) {
                        tally.row(status, overdue);
                    }
                }
                // A row whose category cannot be read could be any category's: none is stated.
                None => by_category
                    .iter_mut()
                    .for_each(|t| *t = Tally { found: None, done: None, in_progress: None, overdue: None }),
            }
        }
    }

    let report_date = roll.report_date(|a, b| (a.year, a.month) == (b.year, b.month));

    let schools = reports.len() as u64;
    let mut computed = vec![("schools_inspected".to_owned(), Computed::Count(schools))];
    let count = |n: Option<u64>| n.map_or(Computed::Unknown, Computed::Count);
    computed.extend(TOTALS.iter().zip(totals.figures()).map(|(path, n)| ((*path).to_owned(), count(n))));
    for ((id, _, _), tally) in CATEGORIES.iter().zip(&by_category) {
        for ((column, _, _), n) in COLUMNS.iter().zip(tally.figures()) {
            computed.push((format!("by_category.{id}.{column}"), count(n)));
        }
    }
    let mut data = vec![
        ("unit".into(), Value::Text(unit_name.unwrap_or_default())),
        ("report_date".into(), report_date.map_or(Value::Null, |d| Value::Text(d.to_string()))),
        ("schools_inspected".into(), Value::Number(schools as f64)),
    ];
    data.extend(
        TOTALS
            .iter()
            .zip(totals.figures())
            .map(|(path, n)| ((*path).to_owned(), n.map_or(Value::Null, |n| Value::Number(n as f64)))),
    );
    data.push((
        "by_category".into(),
        Value::Map(CATEGORIES.iter().zip(&by_category).map(|((id, _, _), t)| ((*id).to_owned(), t.data())).collect()),
    ));
    roll.finish(Value::Map(data), computed)
}
