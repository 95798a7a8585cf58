//! The roll-up a form declares field by field (a definition's `rollup`, docs/definitions.md): its
//! figures summed across the schools, its texts joined after each school's name, the school named
//! twice and reports of different dates found as the built-in roll-ups find them (aggregate.rs).
//! The district's report is a report of the same form, so its totals and rates are the form's own
//! calculations over the summed figures.

use super::aggregate::{arrivals, RollUp};
use crate::base::date::Instant;
use crate::base::value::Value;
use crate::engine::compiled::Compiled;
use crate::engine::options::{Options, UsageError};
use crate::engine::report::{Aggregate, Report};
use crate::engine::session::Session;
use crate::forms::{Computed, Form};
use crate::input::cells::Cells;
use crate::input::normalise;
use crate::schema::{FieldId, FieldType, RollUp as Part, Schema};
use std::rc::Rc;

/// Rolls `reports` (an array of the schools' data, or `{ data, submitted_at }`) up as `form`
/// declares. A school's figure adds to the district's only when it can be read and no error of
/// a constraint relating figures (`relating`: the codes of the form's constraints, as
/// `fixed_exceeds_found`) marks a summed figure of its row (a row whose figures contradict each
/// other adds none of them); otherwise the district's figure is not stated (`null`) until the
/// school corrects it.
pub fn declared(
    form: Box<dyn Form>,
    relating: &[String],
    reports: &Value,
    options: Options,
    clock: impl FnOnce() -> Instant,
) -> Result<Aggregate, UsageError> {
    let reports = arrivals(reports)?;
    let (unit, locale, now) = (options.unit.clone(), options.locale, options.now.unwrap_or_else(clock));
    let school_form = Options { previous: None, unit: None, now: None, ..options };
    let mut roll = RollUp::of(Compiled::with_form(form, school_form), now, locale);
    let compiled = Rc::clone(&roll.compiled);
    let schema = compiled.schema();
    let parts = |part: Part| -> Vec<FieldId> {
        (0..schema.fields.len())
            .filter_map(|f| FieldId::try_from(f).ok())
            .filter(|f| schema.field(*f).is_some_and(|d| d.rollup == Some(part) && d.group.is_none()))
            .collect()
    };
    let (sums, joins) = (parts(Part::Sum), parts(Part::Join));
    let school = parts(Part::School).first().copied();
    let period = parts(Part::Period).first().copied();
    if sums.is_empty() && joins.is_empty() && school.is_none() && period.is_none() {
        return Err(UsageError::Option {
            key: "definition".into(),
            problem: "declares no roll-up: give the fields to sum or join a `rollup` (docs/definitions.md)".into(),
        });
    }
    let path = |f: FieldId| schema.path(f, None);
    let (school_path, period_path) = (school.map(path), period.map(path));
    let sum_paths: Vec<String> = sums.iter().map(|f| path(*f)).collect();
    // A figure's row: its scope and its path's parent (`rows.fire` of `rows.fire.found`), so that
    // a form rule reading two rows does not put the one in doubt for the other's mistake.
    fn row<'p>(schema: &Schema, f: FieldId, p: &'p str) -> (u16, &'p str) {
        (schema.field(f).map_or(0, |d| d.scope), p.rsplit_once('.').map_or("", |(r, _)| r))
    }

    // In millionths, so that decimals (funds in 万元) add up exactly; `None` once not known.
    let mut totals: Vec<Option<i64>> = vec![Some(0); sums.len()];
    let mut texts: Vec<Vec<String>> = vec![Vec::new(); joins.len()];
    for (i, report) in reports.iter().enumerate() {
        let (session, result) = roll.read(i, *report, school_path.as_deref(), period_path.as_deref());
        let cells = session.cells();
        let figures: Vec<Option<i64>> = sums
            .iter()
            .zip(&sum_paths)
            .map(|(f, p)| {
                // A typed figure the form itself finds wrong (past its `max`) is read as the form
                // reads it: not at all.
                let typed = schema.field(*f).is_some_and(|d| !d.computed);
                let own = |i: &&crate::engine::report::RenderedIssue| {
                    i.is_error() && i.path == *p && !relating.iter().any(|c| *c == i.code)
                };
                if typed && result.issues.iter().any(|i| own(&i)) {
                    return None;
                }
                figure(schema, *f, p, cells, &result)
            })
            .collect();
        // A figure that reads but contradicts another (已整治 more than 发现) puts its whole row in
        // doubt; one that cannot be read is unknown alone. A figure typed over its calculation
        // (`unfixed_mismatch`) is the school's to correct, and the figures stand.
        let contradicted = |p: &str| {
            result.issues.iter().any(|i| i.is_error() && i.path == p && relating.iter().any(|c| *c == i.code))
        };
        let doubted: Vec<(u16, &str)> = sums
            .iter()
            .zip(&sum_paths)
            .zip(&figures)
            .filter(|((_, p), n)| n.is_some() && contradicted(p))
            .map(|((f, p), _)| row(schema, *f, p))
            .collect();
        for (((total, f), p), n) in totals.iter_mut().zip(&sums).zip(&sum_paths).zip(figures) {
            let n = n.filter(|_| !doubted.contains(&row(schema, *f, p)));
            *total = total.zip(n).map(|(a, b)| a.saturating_add(b));
        }
        let who = school.and_then(|f| normalise::text(cells.fixed(f))).unwrap_or_else(|| format!("#{}", i + 1));
        for (list, f) in texts.iter_mut().zip(&joins) {
            if let Some(text) = normalise::text(cells.fixed(*f)) {
                list.push(format!("{who}：{text}"));
            }
        }
    }

    let mut entries: Vec<(String, Value)> = Vec::new();
    if let Some(p) = &school_path {
        entries.push((p.clone(), Value::Text(unit.unwrap_or_default())));
    }
    if let Some(p) = &period_path {
        let latest = roll.latest_date(p, |a, b| a == b);
        entries.push((p.clone(), latest.map_or(Value::Null, |d| Value::Text(d.to_string()))));
    }
    for (p, total) in sum_paths.iter().zip(&totals) {
        entries.push((p.clone(), total.map_or(Value::Null, |n| Value::Number(n as f64 / 1e6))));
    }
    for (f, list) in joins.iter().zip(&texts) {
        entries.push((path(*f), Value::Text(list.join("；"))));
    }
    // The district's computed fields are those of its summed report, in which a figure not known
    // is one the form cannot read (not a blank one, which a form may count as nothing yet): what
    // is computed from it is not known either.
    let unknown: Vec<&String> = sum_paths.iter().zip(&totals).filter(|(_, t)| t.is_none()).map(|(p, _)| p).collect();
    let read: Vec<(String, Value)> = entries
        .iter()
        .map(|(p, v)| (p.clone(), if unknown.contains(&p) { Value::List(Vec::new()) } else { v.clone() }))
        .collect();
    let summed = Session::with_data(Rc::clone(&compiled), || now, &nested(read)).result();
    Ok(roll.finish(nested(entries), summed.computed))
}

/// A school's value of a summed field, in millionths: its calculation where it is computed, else
/// what was typed, as the form reads it; `None` when it cannot be read.
fn figure(schema: &Schema, f: FieldId, path: &str, cells: &Cells, result: &Report) -> Option<i64> {
    let def = schema.field(f)?;
    let scaled = |n: f64| (n * 1e6).round() as i64;
    if def.computed {
        // No larger than a typed figure may be (as the form's own running sums take it): a
        // product past that is not summed into a figure that would only look exact.
        let fits = |n: f64| n.abs() <= normalise::MAX_COUNT as f64;
        return match result.computed(path)? {
            Computed::Count(n) => i64::try_from(*n).ok().filter(|n| fits(*n as f64)).map(|n| n * 1_000_000),
            Computed::Number(n) | Computed::Decimal(n) if fits(*n) => Some(scaled(*n)),
            _ => None,
        };
    }
    let raw = cells.fixed(f);
    match def.ty {
        FieldType::Count => {
            normalise::count(raw).ok().flatten().and_then(|n| i64::try_from(n).ok()).map(|n| n * 1_000_000)
        }
        _ => normalise::decimal(raw).ok().flatten().map(scaled),
    }
}

/// The report as nested objects (`rows.fire.found` under `rows`, then `fire`), as a portal posts
/// it. A field that also has sub-fields (`notes` beside `notes.n`, `items.9` beside
/// `items.9.helmet`) cannot hold both a value and an object: the form's fields under it are then
/// written as whole keys (`"notes.n"`), which the form reads the same. Each key is written once.
fn nested(entries: Vec<(String, Value)>) -> Value {
    // The paths some other path continues: these keep their own value, their continuations
    // stay whole keys.
    let holds_value = |prefix: &str| entries.iter().any(|(p, _)| p == prefix);
    let mut root: Vec<(String, Value)> = Vec::new();
    for (path, value) in &entries {
        put(&mut root, "", path, value.clone(), &holds_value);
    }
    Value::Map(root)
}

fn put(map: &mut Vec<(String, Value)>, above: &str, path: &str, value: Value, holds_value: &dyn Fn(&str) -> bool) {
    let whole = |head: &str| if above.is_empty() { head.to_owned() } else { format!("{above}.{head}") };
    match path.split_once('.') {
        Some((head, rest)) if !holds_value(&whole(head)) => {
            let at = whole(head);
            match map.iter_mut().find(|(k, _)| k == head) {
                Some((_, Value::Map(inner))) => put(inner, &at, rest, value, holds_value),
                _ => {
                    let mut inner = Vec::new();
                    put(&mut inner, &at, rest, value, holds_value);
                    map.push((head.to_owned(), Value::Map(inner)));
                }
            }
        }
        _ => map.push((path.to_owned(), value)),
    }
}
