//! District roll-ups: a district office sums its schools' daily reports into one report of the
//! same shape (seed 000 附件3 注2: "各地教育行政部门要将辖区学校安全隐患排查整治情况汇总后报送").

use crate::forms::{daily_report::DailyReport, Computed, Form, FormKind};
use crate::issue::{Issue, Kind};
use crate::normalise;
use crate::options::{Options, UsageError};
use crate::report::{Aggregate, RenderedIssue};
use crate::session::Session;
use crate::value::{Fields, Value};

/// Sums `reports` (an array of report data objects) of form `kind`.
pub fn aggregate(kind: FormKind, reports: &Value, options: Options) -> Result<Aggregate, UsageError> {
    let Value::List(reports) = reports else {
        return Err(UsageError::Option {
            key: "reports".into(),
            problem: format!("expected an array of reports, got {}", reports.type_name()),
        });
    };
    match kind {
        FormKind::DailyReport => Ok(daily_reports(reports, options)),
        other => Err(UsageError::KindNotAvailable(format!("aggregate of {other}"))),
    }
}

fn daily_reports(reports: &[Value], options: Options) -> Aggregate {
    let form = DailyReport::new(&options.profile);
    let categories = options.profile.daily_report.categories.clone();
    let mut sums = vec![(0u64, 0u64, 0u64); categories.len()];
    let mut measures: Vec<Vec<String>> = vec![Vec::new(); categories.len()];
    let mut issues: Vec<RenderedIssue> = Vec::new();
    let mut units: Vec<String> = Vec::new();
    let mut dates = Vec::new();
    let school_options = Options { previous: None, unit: None, ..options.clone() };
    let roll_up_issue = |path: String, kind: Kind, form: &DailyReport| {
        let severity = options.profile.severity(&kind)?;
        let issue = Issue { path: path.clone(), kind, severity };
        let mut rendered = RenderedIssue::new(
            &issue,
            &form.label(path.rsplit(']').next().unwrap_or("").trim_start_matches('.')),
            options.locale,
        );
        rendered.path = path;
        Some(rendered)
    };

    for (i, report) in reports.iter().enumerate() {
        let fields = Fields::from_value(report);
        let Ok(session) = Session::new(FormKind::DailyReport, school_options.clone(), fields) else { continue };
        let result = session.result();
        issues.extend(result.issues.iter().cloned().map(|mut issue| {
            issue.path = format!("reports[{i}].{}", issue.path);
            issue
        }));
        let fields = session.fields();
        let unit = normalise::name_key(fields.get("unit")).unwrap_or_default();
        if !unit.is_empty() {
            if let Some(first) = units.iter().position(|u| *u == unit) {
                issues.extend(roll_up_issue(format!("reports[{i}].unit"), Kind::DuplicateUnit { first }, &form));
            }
        }
        units.push(unit);
        if let Ok(Some(day)) = normalise::date(fields.get("report_date")) {
            dates.push(day);
        }
        for ((category, sum), notes) in categories.iter().zip(sums.iter_mut()).zip(measures.iter_mut()) {
            let count = |column: &str| {
                normalise::count(fields.get(&format!("rows.{}.{column}", category.id))).ok().flatten().unwrap_or(0)
            };
            sum.0 = sum.0.saturating_add(count("found"));
            sum.1 = sum.1.saturating_add(count("fixed"));
            if let Some(Computed::Count(unfixed)) = result.computed(&format!("rows.{}.unfixed", category.id)) {
                sum.2 = sum.2.saturating_add(*unfixed);
                if *unfixed > 0 {
                    if let Some(text) = normalise::text(fields.get(&format!("rows.{}.measures", category.id))) {
                        let who = normalise::text(fields.get("unit")).unwrap_or_else(|| format!("#{}", i + 1));
                        notes.push(format!("{who}：{text}"));
                    }
                }
            }
        }
    }

    let report_date = dates.iter().max().copied();
    if dates.iter().any(|d| Some(*d) != report_date) {
        issues.extend(roll_up_issue("report_date".into(), Kind::MixedReportDates, &form));
    }

    let rows = categories
        .iter()
        .zip(&sums)
        .zip(&measures)
        .map(|((c, (found, fixed, unfixed)), notes)| {
            let mut row = vec![
                ("found".to_owned(), Value::Number(*found as f64)),
                ("fixed".to_owned(), Value::Number(*fixed as f64)),
                ("unfixed".to_owned(), Value::Number(*unfixed as f64)),
            ];
            row.push(("measures".to_owned(), Value::Text(notes.join("；"))));
            (c.id.clone(), Value::Map(row))
        })
        .collect();
    let data = Value::Map(vec![
        ("unit".into(), Value::Text(options.unit.clone().unwrap_or_default())),
        ("report_date".into(), report_date.map_or(Value::Null, |d| Value::Text(d.to_string()))),
        ("rows".into(), Value::Map(rows)),
    ]);

    let mut computed: Vec<(String, Computed)> =
        categories.iter().zip(&sums).map(|(c, s)| (format!("rows.{}.unfixed", c.id), Computed::Count(s.2))).collect();
    let tally = sums
        .iter()
        .fold([0u64; 3], |acc, s| [acc[0].saturating_add(s.0), acc[1].saturating_add(s.1), acc[2].saturating_add(s.2)]);
    computed.extend(form.totals(&tally));
    let valid = !issues.iter().any(RenderedIssue::is_error);
    Aggregate { data, valid, issues, computed }
}
