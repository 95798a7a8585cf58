//! A profile's parameters for a definition: a variant based on a built-in form (`based_on`) takes
//! the issuer's parameters of that form (today's profiles) from the profile a page names, as the
//! built-in form does, over the definition's own. Each name is the one the definition format
//! gives it (`key_period_from`, `deadline`, `max_guard_age`…); a parameter the issuer does not set
//! is null, so the check or rule that reads it stands aside as the built-in form's does.

use super::compile::DefinitionError;
use super::format::{Definition, Option_, Param};
use crate::forms::FormKind;
use crate::profile::Profile;

/// Puts `profile`'s parameters of the form `def` is based on over its own. A parameter the
/// definition declares as another kind of value than the profile's is a mistake named at it.
pub fn apply(def: &mut Definition, profile: &Profile) -> Result<(), DefinitionError> {
    let Some(kind) = def.based_on.as_deref().and_then(FormKind::parse) else { return Ok(()) };
    for (name, value) in parameters(kind, profile) {
        let declared = def.params.get(name);
        if let (Some(declared), Some(given)) = (declared, &value) {
            if what(declared) != what(given) {
                return Err(DefinitionError {
                    code: "invalid_param",
                    at: format!("params.{name}"),
                    message: format!(
                        "the profile gives {name} as {}, and the definition declares {}",
                        what(given),
                        what(declared)
                    ),
                });
            }
        }
        match value {
            Some(v) => {
                def.params.insert(name.to_owned(), v);
            }
            // The issuer sets no such rule: what reads it stands aside (its value is null).
            None if declared.is_some() => def.unset.push(name.to_owned()),
            None => {}
        }
    }
    Ok(())
}

/// What kind of value a parameter is, in a message.
fn what(p: &Param) -> &'static str {
    match p {
        Param::Bool(_) => "yes/no",
        Param::Num(_) | Param::Unset => "a number",
        Param::Text(_) => "text",
        Param::Rows(_) => "a list",
    }
}

fn date(d: crate::base::date::Date) -> Param {
    let mut text = String::new();
    d.push_iso(&mut text);
    Param::Text(text)
}

fn number(n: impl Into<f64>) -> Param {
    Param::Num(n.into())
}

/// The parameters of `kind` that `profile` sets, by their definition names (`None`: not set).
fn parameters(kind: FormKind, profile: &Profile) -> Vec<(&'static str, Option<Param>)> {
    match kind {
        FormKind::DailyReport => {
            let d = &profile.daily_report;
            let rows = d
                .categories
                .iter()
                .map(|c| Option_ { id: c.id.clone(), zh: c.label.zh.clone(), en: c.label.en.clone() })
                .collect();
            vec![
                ("categories", Some(Param::Rows(rows))),
                ("key_period_from", d.key_period.map(|(from, _)| date(from))),
                ("key_period_to", d.key_period.map(|(_, to)| date(to))),
                ("deadline", d.deadline.map(|t| Param::Text(t.to_string()))),
                ("cumulative", Some(Param::Bool(d.cumulative))),
            ]
        }
        FormKind::SecurityCheckup => {
            let s = &profile.security_checkup;
            vec![("max_guard_age", s.max_guard_age.map(number)), ("min_guards", s.min_guards.map(number))]
        }
        FormKind::CampaignStatistics => {
            vec![("monthly_deadline_day", profile.campaign_statistics.monthly_deadline_day.map(number))]
        }
        FormKind::RiskRegister => {
            vec![("police_station_required", Some(Param::Bool(profile.risk_register.police_station_required)))]
        }
        FormKind::InspectionChecklist => {
            let i = &profile.inspection;
            vec![
                ("video_retention_days", Some(number(i.video_retention_days as f64))),
                ("clock_error_max_seconds", Some(number(i.clock_error_max_seconds as f64))),
                ("min_guards_per_campus", i.min_guards_per_campus.map(|n| number(n as f64))),
                ("fault_restore_hours", i.fault_restore_hours.map(|n| number(n as f64))),
                ("window_from", i.window.map(|(from, _)| date(from))),
                ("window_to", i.window.map(|(_, to)| date(to))),
                ("short_phone_allowed", Some(Param::Bool(i.short_phone_allowed))),
            ]
        }
    }
}
