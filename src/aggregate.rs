//! District roll-ups: a district office sums its schools' daily reports into one report of the
//! same shape (seed 000 附件3 注2: "各地教育行政部门要将辖区学校安全隐患排查整治情况汇总后报送").

use crate::date::Instant;
use crate::forms::{Computed, FormKind};
use crate::issue::{Arg, Code, Issue, Kind};
use crate::normalise;
use crate::options::{Options, UsageError};
use crate::report::{Aggregate, RenderedIssue};
use crate::session::{Compiled, Session};
use crate::value::Value;
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
        other => Err(UsageError::KindNotAvailable(format!("aggregate of {other}"))),
    }
}

fn daily_reports(reports: &[Value], options: Options, clock: impl FnOnce() -> Instant) -> Aggregate {
    let unit_name = options.unit.clone();
    let locale = options.locale;
    let categories = options.profile.daily_report.categories.clone();
    let now = options.now.unwrap_or_else(clock);
    let school = Options { previous: None, unit: None, now: Some(now), ..options };
    let compiled = match Compiled::new(FormKind::DailyReport, school) {
        Ok(c) => Rc::new(c),
        Err(_) => return Aggregate { data: Value::Null, valid: false, issues: Vec::new(), computed: Vec::new() },
    };
    let schema = compiled.schema();
    let field = |path: &str| schema.resolve(path).map(|(f, _)| f);
    let label = |path: &str| field(path).and_then(|f| schema.label(f)).cloned().unwrap_or_default();
    let roll_up_issue = |path: String, kind: Kind| {
        let severity = compiled.profile.severity(kind.code)?;
        let issue = Issue { at: crate::schema::Cell::FORM, kind, severity };
        let field_path = path.rsplit(']').next().unwrap_or("").trim_start_matches('.');
        Some(RenderedIssue::new(path.clone(), &issue, &label(field_path), locale))
    };

    let mut sums = vec![(0u64, 0u64, 0u64); categories.len()];
    let mut measures: Vec<Vec<String>> = vec![Vec::new(); categories.len()];
    let mut issues: Vec<RenderedIssue> = Vec::new();
    let mut units: Vec<String> = Vec::new();
    let mut dates = Vec::new();

    for (i, report) in reports.iter().enumerate() {
        let session = Session::with_data(Rc::clone(&compiled), || now, report);
        let result = session.result();
        issues.extend(result.issues.iter().cloned().map(|mut issue| {
            issue.path = format!("reports[{i}].{}", issue.path);
            issue
        }));
        let cells = session.cells();
        let get = |path: &str| field(path).map_or(&crate::value::Scalar::Empty, |f| cells.fixed(f));
        let unit = normalise::name_key(get("unit")).unwrap_or_default();
        if !unit.is_empty() {
            if let Some(first) = units.iter().position(|u| *u == unit) {
                let kind = Kind::with(Code::DuplicateUnit, Arg::Num(first as u64 + 1));
                issues.extend(roll_up_issue(format!("reports[{i}].unit"), kind));
            }
        }
        units.push(unit);
        if let Ok(Some(day)) = normalise::date(get("report_date")) {
            dates.push(day);
        }
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

    let report_date = dates.iter().max().copied();
    if dates.iter().any(|d| Some(*d) != report_date) {
        issues.extend(roll_up_issue("report_date".into(), Kind::bare(Code::MixedReportDates)));
    }

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
    let summed = Session::with_data(Rc::clone(&compiled), || now, &data).result();
    let computed = summed.computed;
    let valid = !issues.iter().any(RenderedIssue::is_error);
    Aggregate { data, valid, issues, computed }
}
