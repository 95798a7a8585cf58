//! Reads a portal-supplied profile (a JSON object) strictly, naming the bad key on any mistake.
//!
//! ```
//! use school_safety_forms::profile;
//! use school_safety_forms::base::value::Value;
//! let v: Value = serde_json::from_str(r#"{"id": "wenzhou-2026", "extends": "zhejiang-wenzhou-2021",
//!   "daily_report": {"key_period": {"start": "2026-06-21", "end": "2026-07-05"}}}"#).unwrap();
//! let p = profile::from_value(&v).unwrap();
//! assert_eq!(p.daily_report.categories.len(), 8);
//! ```

use super::{builtin, CampaignStatistics, Category, DailyReport, Inspection, Profile, RiskRegister, SecurityCheckup};
use crate::base::date::TimeOfDay;
use crate::base::text::Localized;
use crate::base::value::Value;
use crate::input::normalise::parse_date;
use crate::issue::{Code, Severity};
use std::fmt;

/// A malformed profile: which key, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    /// Dotted key path inside the profile (`daily_report.deadline`), empty for the whole object.
    pub key: String,
    /// What was expected.
    pub problem: String,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "invalid profile: {}", self.problem)
        } else {
            write!(f, "invalid profile key \"{}\": {}", self.key, self.problem)
        }
    }
}

impl std::error::Error for ProfileError {}

type Result<T> = std::result::Result<T, ProfileError>;

fn bad<T>(key: &str, problem: impl Into<String>) -> Result<T> {
    Err(ProfileError { key: key.to_owned(), problem: problem.into() })
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// An object's entries after checking every key is one of `allowed`.
fn object<'a>(value: &'a Value, key: &str, allowed: &[&str]) -> Result<&'a [(String, Value)]> {
    let Value::Map(entries) = value else {
        return bad(key, format!("expected an object, got {}", value.type_name()));
    };
    if let Some((unknown, _)) = entries.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        return bad(&join(key, unknown), format!("unknown key; expected one of: {}", allowed.join(", ")));
    }
    Ok(entries)
}

fn string<'a>(value: &'a Value, key: &str) -> Result<&'a str> {
    match value {
        Value::Text(s) if !s.trim().is_empty() => Ok(s.trim()),
        Value::Text(_) => bad(key, "must not be empty"),
        other => bad(key, format!("expected a string, got {}", other.type_name())),
    }
}

fn localized(value: &Value, key: &str) -> Result<Localized> {
    if let Value::Text(_) = value {
        let s = string(value, key)?;
        return Ok(Localized::new(s, s));
    }
    let entries = object(value, key, &["zh-CN", "en"])?;
    let get = |lang: &str| entries.iter().find(|(k, _)| k == lang).map(|(_, v)| v);
    let zh = match get("zh-CN") {
        Some(v) => string(v, &join(key, "zh-CN"))?.to_owned(),
        None => return bad(&join(key, "zh-CN"), "required"),
    };
    let en = match get("en") {
        Some(v) => string(v, &join(key, "en"))?.to_owned(),
        None => zh.clone(),
    };
    Ok(Localized { zh, en })
}

/// An identifier usable as a path segment: `snake_case` ASCII.
fn identifier(value: &Value, key: &str) -> Result<String> {
    let s = string(value, key)?;
    let ok = s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && s.len() <= 40;
    if !ok {
        return bad(
            key,
            format!("\"{s}\" is not an identifier (lowercase letters, digits and _, starting with a letter)"),
        );
    }
    Ok(s.to_owned())
}

/// Reads a portal-supplied profile. With `extends`, it starts from that built-in profile and
/// overrides only the keys it gives; without, it must give every part itself.
pub fn from_value(value: &Value) -> Result<Profile> {
    let entries = object(
        value,
        "",
        &[
            "id",
            "title",
            "extends",
            "severities",
            "daily_report",
            "risk_register",
            INSPECTION_KEY,
            "security_checkup",
            "campaign_statistics",
            "personal",
        ],
    )?;
    let get = |k: &str| entries.iter().find(|(key, _)| key == k).map(|(_, v)| v);

    let mut profile = match get("extends") {
        Some(v) => {
            let base = string(v, "extends")?;
            match builtin::get(base) {
                Some(p) => p,
                None => {
                    return bad(
                        "extends",
                        format!("\"{base}\" is not a built-in profile; one of: {}", builtin::IDS.join(", ")),
                    )
                }
            }
        }
        None => Profile {
            id: String::new(),
            title: Localized::default(),
            source: "portal-supplied".into(),
            severities: Vec::new(),
            daily_report: DailyReport::default(),
            risk_register: RiskRegister::default(),
            inspection: Inspection::default(),
            security_checkup: SecurityCheckup::default(),
            campaign_statistics: CampaignStatistics::default(),
            personal: Vec::new(),
        },
    };
    let id = match get("id") {
        Some(v) => identifier_like_id(v)?,
        None => return bad("id", "required"),
    };
    profile.source = match get("extends") {
        Some(_) => format!("portal-supplied, extends {}", profile.id),
        None => "portal-supplied".into(),
    };
    profile.id = id;
    match get("title") {
        Some(v) => profile.title = localized(v, "title")?,
        None => profile.title = Localized::new(&profile.id, &profile.id),
    }
    if let Some(v) = get("severities") {
        read_severities(v, &mut profile.severities)?;
    }
    if let Some(v) = get("daily_report") {
        read_daily_report(v, &mut profile.daily_report)?;
    }
    if let Some(v) = get("risk_register") {
        read_risk_register(v, &mut profile.risk_register)?;
    }
    if let Some(v) = get(INSPECTION_KEY) {
        read_inspection(v, &mut profile.inspection)?;
    }
    if let Some(v) = get("security_checkup") {
        read_security_checkup(v, &mut profile.security_checkup)?;
    }
    if let Some(v) = get("campaign_statistics") {
        read_campaign_statistics(v, &mut profile.campaign_statistics)?;
    }
    if let Some(v) = get("personal") {
        profile.personal.extend(read_paths(v, "personal")?);
    }
    if profile.daily_report.categories.is_empty() {
        return bad(
            "daily_report.categories",
            "required: a profile that extends no built-in one must list its categories",
        );
    }
    Ok(profile)
}

/// `["rows[i].description", "phone"]`: field paths as `describe()` gives them.
fn read_paths(value: &Value, key: &str) -> Result<Vec<String>> {
    let Value::List(items) = value else {
        return bad(key, format!("expected a list of field paths, got {}", value.type_name()));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = format!("{key}[{i}]");
        let path = string(item, &at)?;
        let ok = path.len() <= 120 && path.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.[]".contains(&b));
        if !ok {
            return bad(&at, format!("\"{path}\" is not a field path (`phone`, `rows[i].description`)"));
        }
        out.push(path.to_owned());
    }
    Ok(out)
}

fn identifier_like_id(value: &Value) -> Result<String> {
    let s = string(value, "id")?;
    let ok = s.len() <= 80 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !ok {
        return bad("id", format!("\"{s}\" must be ASCII letters, digits, - and _"));
    }
    Ok(s.to_owned())
}

fn read_severities(value: &Value, into: &mut Vec<(String, Option<Severity>)>) -> Result<()> {
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    let entries = object(value, "severities", &codes)?;
    for (code, v) in entries {
        let key = join("severities", code);
        let choice = match string(v, &key)? {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "off" => None,
            other => return bad(&key, format!("\"{other}\" is not one of: error, warning, off")),
        };
        into.retain(|(c, _)| c != code);
        into.push((code.clone(), choice));
    }
    Ok(())
}

fn read_daily_report(value: &Value, into: &mut DailyReport) -> Result<()> {
    const KEY: &str = "daily_report";
    let entries = object(value, KEY, &["categories", "key_period", "deadline", "cumulative"])?;
    for (k, v) in entries {
        let key = join(KEY, k);
        match k.as_str() {
            "categories" => into.categories = read_categories(v, &key)?,
            "key_period" => into.key_period = read_period(v, &key)?,
            "deadline" => {
                into.deadline = match v {
                    Value::Null => None,
                    v => match TimeOfDay::parse(string(v, &key)?) {
                        Some(t) => Some(t),
                        None => return bad(&key, "expected a time of day such as \"16:00\", or null for none"),
                    },
                }
            }
            "cumulative" => match v {
                Value::Bool(b) => into.cumulative = *b,
                other => return bad(&key, format!("expected true or false, got {}", other.type_name())),
            },
            _ => {}
        }
    }
    Ok(())
}

fn read_risk_register(value: &Value, into: &mut RiskRegister) -> Result<()> {
    const KEY: &str = "risk_register";
    for (k, v) in object(value, KEY, &["police_station_required"])? {
        match v {
            Value::Bool(b) => into.police_station_required = *b,
            other => return bad(&join(KEY, k), format!("expected true or false, got {}", other.type_name())),
        }
    }
    Ok(())
}

/// The profile key of the supervision-checklist part.
const INSPECTION_KEY: &str = "inspection_checklist";

/// A whole number from 0 to `max`.
fn whole(value: &Value, key: &str, max: u64) -> Result<u64> {
    match value {
        Value::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= max as f64 => Ok(*n as u64),
        Value::Number(n) => {
            bad(key, format!("expected a whole number from 0 to {max}, got {}", crate::base::value::number_text(*n)))
        }
        other => bad(key, format!("expected a whole number from 0 to {max}, got {}", other.type_name())),
    }
}

/// A whole number from 0 to `max`, or `null` for none.
fn optional_whole(value: &Value, key: &str, max: u64) -> Result<Option<u64>> {
    match value {
        Value::Null => Ok(None),
        v => whole(v, key, max).map(Some),
    }
}

fn read_inspection(value: &Value, into: &mut Inspection) -> Result<()> {
    let allowed = [
        "video_retention_days",
        "clock_error_max_seconds",
        "min_guards_per_campus",
        "fault_restore_hours",
        "window",
        "short_phone_allowed",
    ];
    for (k, v) in object(value, INSPECTION_KEY, &allowed)? {
        let key = join(INSPECTION_KEY, k);
        match k.as_str() {
            "video_retention_days" => into.video_retention_days = whole(v, &key, 3650)?,
            "clock_error_max_seconds" => into.clock_error_max_seconds = whole(v, &key, 86_400)?,
            "min_guards_per_campus" => into.min_guards_per_campus = optional_whole(v, &key, 1000)?,
            "fault_restore_hours" => into.fault_restore_hours = optional_whole(v, &key, 8760)?,
            "window" => into.window = read_period(v, &key)?,
            "short_phone_allowed" => match v {
                Value::Bool(b) => into.short_phone_allowed = *b,
                other => return bad(&key, format!("expected true or false, got {}", other.type_name())),
            },
            _ => {}
        }
    }
    Ok(())
}

fn read_security_checkup(value: &Value, into: &mut SecurityCheckup) -> Result<()> {
    const KEY: &str = "security_checkup";
    for (k, v) in object(value, KEY, &["max_guard_age", "min_guards"])? {
        let key = join(KEY, k);
        match k.as_str() {
            "max_guard_age" => into.max_guard_age = whole_or_null(v, &key, 18, 100)?,
            "min_guards" => into.min_guards = whole_or_null(v, &key, 1, 1000)?,
            _ => {}
        }
    }
    Ok(())
}

fn read_campaign_statistics(value: &Value, into: &mut CampaignStatistics) -> Result<()> {
    const KEY: &str = "campaign_statistics";
    for (k, v) in object(value, KEY, &["monthly_deadline_day"])? {
        let key = join(KEY, k);
        if k == "monthly_deadline_day" {
            into.monthly_deadline_day = whole_or_null(v, &key, 1, 31)?.and_then(|d| u8::try_from(d).ok());
        }
    }
    Ok(())
}

/// A whole number from `min` to `max`, or `null` for none.
fn whole_or_null(value: &Value, key: &str, min: u32, max: u32) -> Result<Option<u32>> {
    match value {
        Value::Null => Ok(None),
        Value::Number(n) if n.fract() == 0.0 && *n >= f64::from(min) && *n <= f64::from(max) => Ok(Some(*n as u32)),
        Value::Number(n) => {
            bad(key, format!("{} is not a whole number from {min} to {max}", crate::base::value::number_text(*n)))
        }
        other => bad(
            key,
            format!("expected a whole number from {min} to {max}, or null for none, got {}", other.type_name()),
        ),
    }
}

fn read_categories(value: &Value, key: &str) -> Result<Vec<Category>> {
    let Value::List(items) = value else {
        return bad(key, format!("expected an array of {{id, label}}, got {}", value.type_name()));
    };
    if items.is_empty() || items.len() > crate::base::limits::MAX_CATEGORIES {
        return bad(key, "expected 1 to 100 categories");
    }
    let mut out: Vec<Category> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = format!("{key}[{i}]");
        let entries = object(item, &at, &["id", "label"])?;
        let get = |k: &str| entries.iter().find(|(key, _)| key == k).map(|(_, v)| v);
        let id = match get("id") {
            Some(v) => identifier(v, &join(&at, "id"))?,
            None => return bad(&join(&at, "id"), "required"),
        };
        if out.iter().any(|c| c.id == id) {
            return bad(&join(&at, "id"), format!("\"{id}\" is listed twice"));
        }
        let label = match get("label") {
            Some(v) => localized(v, &join(&at, "label"))?,
            None => return bad(&join(&at, "label"), "required"),
        };
        out.push(Category { id, label });
    }
    Ok(out)
}

fn read_period(value: &Value, key: &str) -> Result<Option<(crate::base::date::Date, crate::base::date::Date)>> {
    if let Value::Null = value {
        return Ok(None);
    }
    let entries = object(value, key, &["start", "end"])?;
    let date = |k: &str| -> Result<crate::base::date::Date> {
        let at = join(key, k);
        match entries.iter().find(|(key, _)| key == k) {
            Some((_, v)) => {
                parse_date(string(v, &at)?).or_else(|_| bad(&at, "expected a real date such as \"2026-06-21\""))
            }
            None => bad(&at, "required"),
        }
    };
    let (start, end) = (date("start")?, date("end")?);
    if end < start {
        return bad(&join(key, "end"), format!("{end} is before start {start}"));
    }
    Ok(Some((start, end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Profile> {
        let v: Value =
            serde_json::from_str(json).map_err(|e| ProfileError { key: "json".into(), problem: e.to_string() })?;
        from_value(&v)
    }

    #[test]
    fn a_2026_campaign_reuses_wenzhou_rules_with_new_dates() {
        let p = parse(
            r#"{"id":"wenzhou-2026","extends":"zhejiang-wenzhou-2021","title":{"zh-CN":"温州2026","en":"Wenzhou 2026"},
            "daily_report":{"key_period":{"start":"2026-06-21","end":"2026-07-05"}}}"#,
        );
        let p = p.unwrap_or_else(|e| unreachable!("{e}"));
        let base = builtin::get("zhejiang-wenzhou-2021").unwrap_or_else(|| unreachable!());
        assert_eq!(p.id, "wenzhou-2026");
        assert_eq!(p.daily_report.categories, base.daily_report.categories);
        assert_eq!(p.daily_report.deadline, base.daily_report.deadline);
        assert_eq!(p.daily_report.key_period.map(|(s, _)| s.to_string()).as_deref(), Some("2026-06-21"));
    }

    #[test]
    fn a_profile_of_its_own_lists_categories() {
        let p = parse(
            r#"{"id":"county-x","daily_report":{"categories":[{"id":"fire","label":{"zh-CN":"消防","en":"Fire"}}],"deadline":"17:30"}}"#,
        );
        let p = p.unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(p.daily_report.categories.len(), 1);
        assert_eq!(p.daily_report.deadline.map(|t| t.minutes), Some(17 * 60 + 30));
        let missing = parse(r#"{"id":"county-x"}"#);
        assert_eq!(missing.map_err(|e| e.key), Err("daily_report.categories".to_owned()));
    }

    #[test]
    fn malformed_profiles_name_the_bad_key() {
        let cases = [
            (r#"[]"#, ""),
            (r#"{"extends":"zhejiang-wenzhou-2021"}"#, "id"),
            (r#"{"id":"x","extends":"nowhere-2020"}"#, "extends"),
            (r#"{"id":"x","extends":"jiangsu-2019","dailyreport":{}}"#, "dailyreport"),
            (r#"{"id":"x","extends":"jiangsu-2019","daily_report":{"dedline":"16:00"}}"#, "daily_report.dedline"),
            (r#"{"id":"x","extends":"jiangsu-2019","daily_report":{"deadline":"25:00"}}"#, "daily_report.deadline"),
            (r#"{"id":"x","extends":"jiangsu-2019","daily_report":{"deadline":16}}"#, "daily_report.deadline"),
            (
                r#"{"id":"x","extends":"jiangsu-2019","daily_report":{"key_period":{"start":"2026-02-30","end":"2026-03-01"}}}"#,
                "daily_report.key_period.start",
            ),
            (
                r#"{"id":"x","extends":"jiangsu-2019","daily_report":{"key_period":{"start":"2026-07-01","end":"2026-06-01"}}}"#,
                "daily_report.key_period.end",
            ),
            (
                r#"{"id":"x","extends":"jiangsu-2019","daily_report":{"categories":[{"id":"Fire","label":"消防"}]}}"#,
                "daily_report.categories[0].id",
            ),
            (
                r#"{"id":"x","extends":"jiangsu-2019","daily_report":{"categories":[{"id":"a","label":"A"},{"id":"a","label":"B"}]}}"#,
                "daily_report.categories[1].id",
            ),
            (r#"{"id":"x","extends":"jiangsu-2019","daily_report":{"cumulative":"yes"}}"#, "daily_report.cumulative"),
            (
                r#"{"id":"x","extends":"jiangsu-2019","severities":{"late_submision":"off"}}"#,
                "severities.late_submision",
            ),
            (
                r#"{"id":"x","extends":"jiangsu-2019","severities":{"late_submission":"fatal"}}"#,
                "severities.late_submission",
            ),
            (r#"{"id":"x y","extends":"jiangsu-2019"}"#, "id"),
        ];
        for (json, key) in cases {
            assert_eq!(parse(json).map_err(|e| e.key), Err(key.to_owned()), "{json}");
        }
    }

    #[test]
    fn severities_can_be_raised_lowered_or_turned_off() {
        let p = parse(
            r#"{"id":"x","extends":"zhejiang-wenzhou-2021","severities":{"late_submission":"error","reviewer_is_filler":"off"}}"#,
        );
        let p = p.unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(p.severity(Code::LateSubmission), Some(Severity::Error));
        assert_eq!(p.severity(Code::ReviewerIsFiller), None);
        assert_eq!(p.severity(Code::Required), Some(Severity::Error));
    }

    #[test]
    fn a_portal_profile_overrides_each_inspection_key() {
        let p = parse(
            r#"{"id":"x","extends":"zhejiang-wenzhou-2021","inspection_checklist":{"video_retention_days":60,
            "clock_error_max_seconds":10,"min_guards_per_campus":3,"fault_restore_hours":12,
            "window":{"start":"2026-06-01","end":"2026-06-30"},"short_phone_allowed":false}}"#,
        );
        let p = p.unwrap_or_else(|e| unreachable!("{e}"));
        let i = &p.inspection;
        assert_eq!((i.video_retention_days, i.clock_error_max_seconds), (60, 10));
        assert_eq!((i.min_guards_per_campus, i.fault_restore_hours), (Some(3), Some(12)));
        assert_eq!(
            i.window.map(|(s, e)| (s.to_string(), e.to_string())),
            Some(("2026-06-01".into(), "2026-06-30".into()))
        );
        assert!(!i.short_phone_allowed);
        let off = parse(
            r#"{"id":"x","extends":"tianjin-jizhou-2021","inspection_checklist":{"min_guards_per_campus":null,
            "fault_restore_hours":null,"window":null}}"#,
        );
        let off = off.unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!((off.inspection.min_guards_per_campus, off.inspection.fault_restore_hours), (None, None));
        assert_eq!(off.inspection.video_retention_days, 90, "keys not given keep the base profile's value");
    }

    #[test]
    fn malformed_inspection_keys_are_named() {
        let cases = [
            (r#"{"inspection_checklist":[]}"#, "inspection_checklist"),
            (r#"{"inspection_checklist":{"video_retention":30}}"#, "inspection_checklist.video_retention"),
            (r#"{"inspection_checklist":{"video_retention_days":"30"}}"#, "inspection_checklist.video_retention_days"),
            (r#"{"inspection_checklist":{"video_retention_days":30.5}}"#, "inspection_checklist.video_retention_days"),
            (
                r#"{"inspection_checklist":{"clock_error_max_seconds":-1}}"#,
                "inspection_checklist.clock_error_max_seconds",
            ),
            (
                r#"{"inspection_checklist":{"min_guards_per_campus":true}}"#,
                "inspection_checklist.min_guards_per_campus",
            ),
            (r#"{"inspection_checklist":{"fault_restore_hours":1e9}}"#, "inspection_checklist.fault_restore_hours"),
            (r#"{"inspection_checklist":{"window":{"start":"2021-06-21"}}}"#, "inspection_checklist.window.end"),
            (
                r#"{"inspection_checklist":{"window":{"start":"2021-06-28","end":"2021-06-21"}}}"#,
                "inspection_checklist.window.end",
            ),
            (r#"{"inspection_checklist":{"short_phone_allowed":"yes"}}"#, "inspection_checklist.short_phone_allowed"),
        ];
        for (part, key) in cases {
            let inner = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')).unwrap_or(part);
            let json = format!(r#"{{"id":"x","extends":"jiangsu-2019",{inner}}}"#);
            assert_eq!(parse(&json).map_err(|e| e.key), Err(key.to_owned()), "{json}");
        }
    }

    #[test]
    fn a_profile_marks_more_fields_personal_and_describe_says_so() {
        let p = parse(r#"{"id":"x","extends":"jiangsu-2019","personal":["rows[i].description","unit"]}"#)
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(p.personal, ["rows[i].description", "unit"]);
        let profile: Value =
            serde_json::from_str(r#"{"id":"x","extends":"jiangsu-2019","personal":["rows[i].description"]}"#)
                .unwrap_or_else(|e| unreachable!("{e}"));
        let personal = |kind: &str, profile: &Value| -> Vec<String> {
            let fields = crate::describe(kind, profile).unwrap_or_else(|e| unreachable!("{e}"));
            fields.into_iter().filter(|f| f.personal).map(|f| f.path).collect()
        };
        assert_eq!(
            personal("risk-register", &profile),
            ["rows[i].description", "rows[i].responsible", "rows[i].supervisor", "inspected_by", "signed_by"]
        );
        assert_eq!(
            personal("security-checkup", &Value::Null),
            ["guards[i].name", "guards[i].id_number", "guards[i].birth_date"]
        );
        assert_eq!(
            personal("daily-report", &profile),
            ["filled_by", "reviewed_by", "leader"],
            "another form's path is ignored"
        );
        assert_eq!(personal("inspection-checklist", &Value::Null), ["principal", "phone", "inspectors", "signatory"]);
        for bad_list in [r#""personal":"phone""#, r#""personal":[3]"#, r#""personal":["<b>"]"#] {
            let json = format!(r#"{{"id":"x","extends":"jiangsu-2019",{bad_list}}}"#);
            assert!(parse(&json).is_err_and(|e| e.key.starts_with("personal")), "{json}");
        }
    }

    #[test]
    fn security_checkup_limits_can_be_set_or_turned_off() {
        let p = parse(r#"{"id":"x","extends":"jiangsu-2019","security_checkup":{"max_guard_age":55,"min_guards":3}}"#)
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(p.security_checkup, SecurityCheckup { max_guard_age: Some(55), min_guards: Some(3) });
        let p = parse(r#"{"id":"x","extends":"jiangsu-2019","security_checkup":{"max_guard_age":null}}"#)
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(p.security_checkup, SecurityCheckup { max_guard_age: None, min_guards: None });
        let p = parse(r#"{"id":"x","extends":"tianjin-jizhou-2021","security_checkup":{}}"#)
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(p.security_checkup.min_guards, Some(2), "kept from the base");
    }

    #[test]
    fn malformed_security_checkup_names_the_key() {
        let cases = [
            (r#""security_checkup":[]"#, "security_checkup"),
            (r#""security_checkup":{"max_age":50}"#, "security_checkup.max_age"),
            (r#""security_checkup":{"max_guard_age":"50"}"#, "security_checkup.max_guard_age"),
            (r#""security_checkup":{"max_guard_age":50.5}"#, "security_checkup.max_guard_age"),
            (r#""security_checkup":{"max_guard_age":17}"#, "security_checkup.max_guard_age"),
            (r#""security_checkup":{"max_guard_age":101}"#, "security_checkup.max_guard_age"),
            (r#""security_checkup":{"min_guards":0}"#, "security_checkup.min_guards"),
            (r#""security_checkup":{"min_guards":-1}"#, "security_checkup.min_guards"),
            (r#""security_checkup":{"min_guards":true}"#, "security_checkup.min_guards"),
        ];
        for (part, key) in cases {
            let json = format!(r#"{{"id":"x","extends":"jiangsu-2019",{part}}}"#);
            assert_eq!(parse(&json).map_err(|e| e.key), Err(key.to_owned()), "{json}");
        }
        let e = parse(r#"{"id":"x","extends":"jiangsu-2019","security_checkup":{"min_guards":"2"}}"#).err();
        let text = e.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            text.starts_with("invalid profile key \"security_checkup.min_guards\": expected a whole number"),
            "{text}"
        );
    }

    /// Seed 004's "每月25日前" is the Jiangsu default; a portal may move the day or drop it.
    #[test]
    fn the_monthly_deadline_day_can_be_moved_or_turned_off() {
        let day = |json: &str| parse(json).map(|p| p.campaign_statistics.monthly_deadline_day);
        assert_eq!(day(r#"{"id":"x","extends":"jiangsu-2019"}"#), Ok(Some(25)));
        assert_eq!(
            day(r#"{"id":"x","extends":"jiangsu-2019","campaign_statistics":{"monthly_deadline_day":20}}"#),
            Ok(Some(20))
        );
        assert_eq!(
            day(r#"{"id":"x","extends":"jiangsu-2019","campaign_statistics":{"monthly_deadline_day":null}}"#),
            Ok(None)
        );
        assert_eq!(
            day(r#"{"id":"x","extends":"zhejiang-wenzhou-2021","campaign_statistics":{"monthly_deadline_day":31}}"#),
            Ok(Some(31))
        );
        for (part, key) in [
            (r#""campaign_statistics":[]"#, "campaign_statistics"),
            (r#""campaign_statistics":{"deadline_day":25}"#, "campaign_statistics.deadline_day"),
            (r#""campaign_statistics":{"monthly_deadline_day":0}"#, "campaign_statistics.monthly_deadline_day"),
            (r#""campaign_statistics":{"monthly_deadline_day":32}"#, "campaign_statistics.monthly_deadline_day"),
            (r#""campaign_statistics":{"monthly_deadline_day":"25"}"#, "campaign_statistics.monthly_deadline_day"),
            (r#""campaign_statistics":{"monthly_deadline_day":25.5}"#, "campaign_statistics.monthly_deadline_day"),
        ] {
            let json = format!(r#"{{"id":"x","extends":"jiangsu-2019",{part}}}"#);
            assert_eq!(parse(&json).map_err(|e| e.key), Err(key.to_owned()), "{json}");
        }
    }

    #[test]
    fn error_messages_read_well() {
        let e = parse(r#"{"id":"x","extends":"jiangsu-2019","daily_report":{"dedline":"16:00"}}"#).err();
        let text = e.map(|e| e.to_string()).unwrap_or_default();
        assert!(text.starts_with("invalid profile key \"daily_report.dedline\": unknown key"), "{text}");
    }
}
