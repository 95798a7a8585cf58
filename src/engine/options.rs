//! The `options` argument of `validate`, `aggregate` and `FormSession`, read strictly: a mistake
//! in options is misuse and becomes an [`UsageError`], never a validation issue.

use crate::base::date::Instant;
use crate::base::text::Locale;
use crate::base::value::Value;
use crate::profile::{self, builtin, Profile, ProfileError, DEFAULT_PROFILE};
use std::fmt;

/// Misuse of the API: an unknown form kind, malformed options or profile. Thrown as an `Error` in JS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsageError {
    /// `kind` is not one of the contract's form kinds.
    UnknownKind(String),
    /// A form kind the engine does not implement yet.
    KindNotAvailable(String),
    /// A bad key in `options`.
    Option {
        /// The option's name.
        key: String,
        /// What was expected.
        problem: String,
    },
    /// A malformed portal-supplied profile.
    Profile(ProfileError),
    /// A form definition with a mistake, naming where.
    Definition(crate::define::DefinitionError),
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            UsageError::UnknownKind(kind) => write!(
                f,
                "unknown form kind \"{kind}\"; expected one of: daily-report, inspection-checklist, security-checkup, risk-register, campaign-statistics"
            ),
            UsageError::KindNotAvailable(kind) => write!(f, "form kind \"{kind}\" is not available in this version"),
            UsageError::Option { key, problem } => write!(f, "invalid option \"{key}\": {problem}"),
            UsageError::Profile(e) => e.fmt(f),
            UsageError::Definition(e) => write!(f, "invalid form definition: {e}"),
        }
    }
}

impl std::error::Error for UsageError {}

impl From<ProfileError> for UsageError {
    fn from(e: ProfileError) -> UsageError {
        UsageError::Profile(e)
    }
}

fn bad<T>(key: &str, problem: impl Into<String>) -> Result<T, UsageError> {
    Err(UsageError::Option { key: key.to_owned(), problem: problem.into() })
}

/// Options after reading: everything resolved, ready for the rules.
#[derive(Debug, Clone)]
pub struct Options {
    /// The issuer's rules.
    pub profile: Profile,
    /// Message language.
    pub locale: Locale,
    /// The portal's server time when given; else each validation reads the caller's clock.
    pub now: Option<Instant>,
    /// The same unit's previous report.
    pub previous: Option<Value>,
    /// The district's own unit name, for `aggregate`.
    pub unit: Option<String>,
}

/// Resolves a profile given by id (built-in) or as a portal-supplied object.
pub fn resolve_profile(value: Option<&Value>) -> Result<Profile, UsageError> {
    match value {
        None | Some(Value::Null) => {
            builtin::get(DEFAULT_PROFILE).ok_or_else(|| UsageError::Profile(missing(DEFAULT_PROFILE)))
        }
        Some(Value::Text(id)) => builtin::get(id.trim()).ok_or_else(|| UsageError::Profile(missing(id))),
        Some(v @ Value::Map(_)) => Ok(profile::from_value(v)?),
        Some(other) => bad("profile", format!("expected a profile id or a profile object, got {}", other.type_name())),
    }
}

fn missing(id: &str) -> ProfileError {
    ProfileError {
        key: String::new(),
        problem: format!("no built-in profile \"{id}\"; one of: {}", builtin::IDS.join(", ")),
    }
}

impl Options {
    /// Reads `options` (`undefined`/`null` for none).
    pub fn from_value(value: &Value) -> Result<Options, UsageError> {
        Options::read(value, &["profile", "locale", "now", "previous"])
    }

    /// As [`Options::from_value`], also accepting `unit` (the district's name) for `aggregate`.
    pub fn for_aggregate(value: &Value) -> Result<Options, UsageError> {
        Options::read(value, &["profile", "locale", "now", "unit"])
    }

    fn read(value: &Value, allowed: &[&str]) -> Result<Options, UsageError> {
        let entries: &[(String, Value)] = match value {
            Value::Null => &[],
            Value::Map(entries) => entries,
            other => return bad("options", format!("expected an object, got {}", other.type_name())),
        };
        if let Some((key, _)) = entries.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
            return bad(key, format!("unknown option; expected one of: {}", allowed.join(", ")));
        }
        let get = |k: &str| entries.iter().find(|(key, _)| key == k).map(|(_, v)| v).filter(|v| **v != Value::Null);

        let profile = resolve_profile(get("profile"))?;
        let locale = match get("locale") {
            None => Locale::default(),
            Some(Value::Text(tag)) => match Locale::parse(tag) {
                Some(l) => l,
                None => return bad("locale", format!("\"{tag}\" is not supported; use \"zh-CN\" or \"en\"")),
            },
            Some(other) => return bad("locale", format!("expected \"zh-CN\" or \"en\", got {}", other.type_name())),
        };
        let now = match get("now") {
            None => None,
            Some(Value::Text(text)) => match Instant::parse_iso(text) {
                Some(i) => Some(i),
                None => {
                    return bad(
                        "now",
                        format!("\"{text}\" is not ISO 8601 with an offset, such as 2021-06-22T15:40:00+08:00"),
                    )
                }
            },
            Some(Value::Number(ms)) if ms.is_finite() && ms.abs() < 1e15 => Some(Instant { unix_ms: *ms as i64 }),
            Some(other) => return bad("now", format!("expected an ISO 8601 string, got {}", other.type_name())),
        };
        let previous = match get("previous") {
            None => None,
            Some(v @ Value::Map(_)) => Some(v.clone()),
            Some(other) => {
                return bad("previous", format!("expected the previous report as an object, got {}", other.type_name()))
            }
        };
        let unit = match get("unit") {
            None => None,
            Some(Value::Text(s)) => Some(s.trim().to_owned()),
            Some(other) => return bad("unit", format!("expected a string, got {}", other.type_name())),
        };
        Ok(Options { profile, locale, now, previous, unit })
    }
}
