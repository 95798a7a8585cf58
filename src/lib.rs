//! school-safety-forms: validation and auto-computation for Chinese school-safety forms.
//!
//! A pure Rust core (this crate's modules) with one thin binding for JavaScript (`wasm`, compiled
//! only for wasm32). Every rule is data where it varies by issuer ([`profile`]) and code where it
//! is logic ([`rules`], [`forms`]). A form declares its field table once ([`schema`]); a
//! [`Validator`] compiles it under a profile, and a [`session::Session`] keeps it checked one
//! change at a time.
//!
//! ```
//! use school_safety_forms::{validate, value::Value};
//! let data: Value = serde_json::from_str(r#"{"rows": {"fire": {"found": "３", "fixed": "1"}}}"#).unwrap();
//! let options: Value = serde_json::from_str(r#"{"now": "2021-06-22T15:40:00+08:00"}"#).unwrap();
//! let report = validate("daily-report", &data, &options).unwrap();
//! assert!(!report.valid); // the unit and sign-off are still blank
//! assert_eq!(report.codes_at("rows.fire.measures"), ["measures_required"]);
//! ```

pub mod aggregate;
pub mod cells;
pub mod date;
pub mod findings;
pub mod forms;
pub mod issue;
pub mod json;
pub mod limits;
pub mod messages;
pub mod normalise;
pub mod options;
pub mod paste;
pub mod profile;
pub mod report;
pub mod rules;
pub mod schema;
pub mod session;
pub mod sorted;
pub mod types;
pub mod value;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

use date::Instant;
use forms::FormKind;
use options::{Options, UsageError};
use report::{Aggregate, FieldSpec, ProfileSummary, Report};
use session::{Compiled, Session};
use std::rc::Rc;
use value::Value;

/// Parses a form kind name; unknown names are misuse.
pub fn kind(name: &str) -> Result<FormKind, UsageError> {
    FormKind::parse(name).ok_or_else(|| UsageError::UnknownKind(name.to_owned()))
}

/// The system clock, natively (in wasm the binding passes JavaScript's clock instead).
#[cfg(not(target_arch = "wasm32"))]
pub fn system_now() -> Instant {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    Instant { unix_ms: ms }
}

/// A compiled validator, as `ajv.compile` gives: the form of one kind under one set of options,
/// its profile, field table and labels resolved once and reused by every validation.
#[derive(Clone)]
pub struct Validator {
    compiled: Rc<Compiled>,
}

impl Validator {
    /// Compiles `kind_name` under `options`; errs only on misuse.
    pub fn new(kind_name: &str, options: &Value) -> Result<Validator, UsageError> {
        let kind = kind(kind_name)?;
        Ok(Validator { compiled: Rc::new(Compiled::new(kind, Options::from_value(options)?)?) })
    }

    /// Validates `data`: `{valid, issues, computed}`. `clock` is read only when the options gave no `now`.
    pub fn validate_at(&self, data: &Value, clock: impl FnOnce() -> Instant) -> Report {
        Session::with_data(Rc::clone(&self.compiled), clock, data).result()
    }

    /// Validates data given as JSON text.
    pub fn validate_json_at(&self, json: &str, clock: impl FnOnce() -> Instant) -> Report {
        Session::with_json(Rc::clone(&self.compiled), clock, json).result()
    }

    /// Starts an incremental session on a blank form.
    pub fn session(&self, clock: impl FnOnce() -> Instant) -> Session {
        Session::new(Rc::clone(&self.compiled), clock)
    }

    /// The compiled form.
    pub fn compiled(&self) -> &Compiled {
        &self.compiled
    }
}

/// Validates one form's data with the system clock (natively). See [`validate_at`].
#[cfg(not(target_arch = "wasm32"))]
pub fn validate(kind_name: &str, data: &Value, options: &Value) -> Result<Report, UsageError> {
    validate_at(kind_name, data, options, system_now)
}

/// Validates one form's data: `{valid, issues, computed}`. Errs only on misuse (an unknown kind,
/// malformed options or profile); bad data is always a result.
pub fn validate_at(
    kind_name: &str,
    data: &Value,
    options: &Value,
    clock: impl FnOnce() -> Instant,
) -> Result<Report, UsageError> {
    Ok(Validator::new(kind_name, options)?.validate_at(data, clock))
}

/// Starts an incremental session on a blank form.
pub fn session(kind_name: &str, options: &Value, clock: impl FnOnce() -> Instant) -> Result<Session, UsageError> {
    Ok(Validator::new(kind_name, options)?.session(clock))
}

/// The field list of a form under a profile (id, object, or the default when `Null`).
pub fn describe(kind_name: &str, profile: &Value) -> Result<Vec<FieldSpec>, UsageError> {
    let kind = kind(kind_name)?;
    let profile = options::resolve_profile(Some(profile))?;
    let form = forms::build(kind, &profile).ok_or_else(|| UsageError::KindNotAvailable(kind_name.to_owned()))?;
    Ok(FieldSpec::list(form.schema()))
}

/// The built-in profiles.
pub fn profiles() -> Vec<ProfileSummary> {
    profile::builtin::all().iter().map(ProfileSummary::from).collect()
}

/// District roll-up of several reports of one kind.
pub fn aggregate_at(
    kind_name: &str,
    reports: &Value,
    options: &Value,
    clock: impl FnOnce() -> Instant,
) -> Result<Aggregate, UsageError> {
    let kind = kind(kind_name)?;
    aggregate::aggregate(kind, reports, Options::for_aggregate(options)?, clock)
}
