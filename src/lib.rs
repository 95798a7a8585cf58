//! school-safety-forms: validation and auto-computation for Chinese school-safety forms.
//!
//! A pure Rust core (this crate's modules) with one thin binding for JavaScript (`wasm`, compiled
//! only for wasm32). Every rule is data where it varies by issuer ([`profile`]) and code where it
//! is logic ([`rules`], [`forms`]).
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
pub mod date;
pub mod forms;
pub mod issue;
pub mod messages;
pub mod normalise;
pub mod options;
pub mod paste;
pub mod profile;
pub mod report;
pub mod rules;
pub mod session;
pub mod sorted;
pub mod types;
pub mod value;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

use date::Instant;
use forms::FormKind;
use options::{Options, UsageError};
use report::{Aggregate, ProfileSummary, Report};
use session::Session;
use value::{Fields, Value};

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
    let kind = kind(kind_name)?;
    let options = Options::from_value(options, clock)?;
    Ok(Session::new(kind, options, Fields::from_value(data))?.result())
}

/// Starts an incremental session on a blank form.
pub fn session(kind_name: &str, options: &Value, clock: impl FnOnce() -> Instant) -> Result<Session, UsageError> {
    let kind = kind(kind_name)?;
    Session::new(kind, Options::from_value(options, clock)?, Fields::default())
}

/// The field list of a form under a profile (id, object, or the default when `Null`).
pub fn describe(kind_name: &str, profile: &Value) -> Result<Vec<forms::FieldSpec>, UsageError> {
    let kind = kind(kind_name)?;
    let profile = options::resolve_profile(Some(profile))?;
    let form = forms::build(kind, &profile).ok_or_else(|| UsageError::KindNotAvailable(kind_name.to_owned()))?;
    Ok(form.describe())
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
    aggregate::aggregate(kind, reports, Options::for_aggregate(options, clock)?)
}
