//! What the engine hands back: results, session changes, field lists, in the contract's shapes.

use crate::forms::{Computed, FieldSpec};
use crate::issue::Issue;
use crate::messages::{self, Locale};
use crate::profile::{Localized, Profile};
use crate::value::Value;
use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use serde::Serialize;

/// An issue with its message rendered: `{path, code, severity, message}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RenderedIssue {
    /// CONTRACT.md path.
    pub path: String,
    /// Stable snake_case code.
    pub code: &'static str,
    /// `"error"` or `"warning"`.
    pub severity: &'static str,
    /// The message in the requested locale.
    pub message: String,
}

impl RenderedIssue {
    /// Renders `issue` with its field's `label`.
    pub fn new(issue: &Issue, label: &Localized, locale: Locale) -> RenderedIssue {
        RenderedIssue {
            path: issue.path.clone(),
            code: issue.kind.code(),
            severity: issue.severity.as_str(),
            message: messages::render(issue, label, locale),
        }
    }

    /// Whether this issue blocks submission.
    pub fn is_error(&self) -> bool {
        self.severity == "error"
    }
}

impl Serialize for Computed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Computed::Unknown => s.serialize_none(),
            Computed::Count(n) => s.serialize_f64(*n as f64),
            Computed::Decimal(x) => s.serialize_f64(*x),
        }
    }
}

/// Serialises `(key, value)` pairs as one plain object.
fn pairs<S: Serializer, V: Serialize>(s: S, entries: &[(String, V)]) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(entries.len()))?;
    for (k, v) in entries {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

/// `{valid, issues, computed}`: the result of `validate` and `session.result()`.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// True when no issue is an error.
    pub valid: bool,
    /// Every issue, in the form's display order.
    pub issues: Vec<RenderedIssue>,
    /// Every computed field, `Unknown` where not computable yet.
    pub computed: Vec<(String, Computed)>,
}

impl Report {
    /// The computed value at `path`.
    pub fn computed(&self, path: &str) -> Option<&Computed> {
        self.computed.iter().find(|(p, _)| p == path).map(|(_, v)| v)
    }

    /// The codes of the issues at `path`.
    pub fn codes_at(&self, path: &str) -> Vec<&'static str> {
        self.issues.iter().filter(|i| i.path == path).map(|i| i.code).collect()
    }
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Report", 3)?;
        st.serialize_field("valid", &self.valid)?;
        st.serialize_field("issues", &self.issues)?;
        st.serialize_field("computed", &Pairs(&self.computed))?;
        st.end()
    }
}

/// What one `session.set` changed: `{issues: {path: [...]}, computed: {path: value}}`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changes {
    /// For each path whose issues changed, its whole new list (empty when they cleared).
    pub issues: Vec<(String, Vec<RenderedIssue>)>,
    /// Each computed field whose value changed.
    pub computed: Vec<(String, Computed)>,
}

impl Serialize for Changes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Changes", 2)?;
        st.serialize_field("issues", &Pairs(&self.issues))?;
        st.serialize_field("computed", &Pairs(&self.computed))?;
        st.end()
    }
}

struct Pairs<'a, V>(&'a [(String, V)]);

impl<V: Serialize> Serialize for Pairs<'_, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        pairs(s, self.0)
    }
}

impl Serialize for Localized {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("zh-CN", &self.zh)?;
        map.serialize_entry("en", &self.en)?;
        map.end()
    }
}

impl Serialize for FieldSpec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Field", 5)?;
        st.serialize_field("path", &self.path)?;
        st.serialize_field("label", &self.label)?;
        st.serialize_field("type", self.field_type.as_str())?;
        st.serialize_field("required", &self.required)?;
        st.serialize_field("computed", &self.computed)?;
        st.end()
    }
}

/// One entry of `profiles()`: `{id, title, source}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileSummary {
    /// Profile id.
    pub id: String,
    /// Title in both languages.
    pub title: Localized,
    /// The seed document it comes from.
    pub source: String,
}

impl From<&Profile> for ProfileSummary {
    fn from(p: &Profile) -> ProfileSummary {
        ProfileSummary { id: p.id.clone(), title: p.title.clone(), source: p.source.clone() }
    }
}

/// A district roll-up: the summed report as data, plus the result of checking it and its inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregate {
    /// The district's report, in the same shape as a school's (`rows.<category>.found` …).
    pub data: Value,
    /// False when any school report has an error.
    pub valid: bool,
    /// The school reports' issues, paths prefixed `reports[i].`, then roll-up issues.
    pub issues: Vec<RenderedIssue>,
    /// The summed report's computed fields.
    pub computed: Vec<(String, Computed)>,
}

impl Serialize for Aggregate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Aggregate", 4)?;
        st.serialize_field("valid", &self.valid)?;
        st.serialize_field("issues", &self.issues)?;
        st.serialize_field("computed", &Pairs(&self.computed))?;
        st.serialize_field("data", &self.data)?;
        st.end()
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_none(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(n) => s.serialize_f64(*n),
            Value::Text(t) => s.serialize_str(t),
            Value::List(items) => s.collect_seq(items),
            Value::Map(entries) => pairs(s, entries),
        }
    }
}
