//! What the engine hands back, in the contract's shapes: results and session changes (written as
//! one JSON string for JavaScript), field lists, profile lists and roll-ups (serde, cold paths).

use crate::base::json_write::{write_millionths, write_str, write_u64};
use crate::base::text::Locale;
use crate::base::text::Localized;
use crate::base::value::Value;
use crate::check::findings::Computed;
use crate::issue::messages;
use crate::issue::{Issue, OwnCode};
use crate::profile::Profile;
use crate::schema::Schema;
use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write;

/// An issue with its path and message rendered: `{path, code, severity, message}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RenderedIssue {
    /// CONTRACT.md path.
    pub path: String,
    /// Stable snake_case code (a form definition's own codes are the form's).
    pub code: Cow<'static, str>,
    /// `"error"` or `"warning"`.
    pub severity: &'static str,
    /// The message in the requested locale.
    pub message: String,
}

impl RenderedIssue {
    /// Renders `issue` at `path` with its field's `label`.
    pub fn new(path: String, issue: &Issue, label: &Localized, locale: Locale) -> RenderedIssue {
        RenderedIssue {
            path,
            code: Cow::Borrowed(issue.kind.code()),
            severity: issue.severity.as_str(),
            message: messages::render(&issue.kind, label, locale),
        }
    }

    /// Renders `issue`, whose code is the form's `own`, quoting `given` where its message does.
    pub fn own(
        path: String,
        issue: &Issue,
        own: &OwnCode,
        label: &Localized,
        given: &str,
        locale: Locale,
    ) -> RenderedIssue {
        let template = match locale {
            Locale::ZhCn => &own.zh,
            Locale::En => &own.en,
        };
        RenderedIssue {
            path,
            code: Cow::Owned(own.code.clone()),
            severity: issue.severity.as_str(),
            message: messages::fill(template, &issue.kind, label, given, locale),
        }
    }

    /// Whether this issue blocks submission.
    pub fn is_error(&self) -> bool {
        self.severity == "error"
    }

    fn write(&self, out: &mut String) {
        out.push_str("{\"path\":");
        write_str(out, &self.path);
        out.push_str(",\"code\":\"");
        out.push_str(&self.code);
        out.push_str("\",\"severity\":\"");
        out.push_str(self.severity);
        out.push_str("\",\"message\":");
        write_message(out, &self.message);
        out.push('}');
    }
}

thread_local! {
    /// The messages written last, with their JSON text: escaping a Chinese message is most of
    /// the cost of writing an issue, and the same few messages come back keystroke after
    /// keystroke and row after row.
    static ESCAPED: std::cell::RefCell<Vec<(String, String)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// How many escaped messages are kept.
const ESCAPED_KEPT: usize = 32;

fn write_message(out: &mut String, message: &str) {
    ESCAPED.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, json)) = cache.iter().find(|(m, _)| m.len() == message.len() && m == message) {
            out.push_str(json);
            return;
        }
        let start = out.len();
        write_str(out, message);
        if cache.len() >= ESCAPED_KEPT {
            cache.remove(0);
        }
        cache.push((message.to_owned(), out.get(start..).unwrap_or_default().to_owned()));
    });
}

impl Computed {
    /// The value as JavaScript reads it when it is a number (`Decimal` at its one written place).
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Computed::Count(n) => Some(*n as f64),
            Computed::Decimal(x) => Some(tenths(*x) as f64 / 10.0),
            Computed::Number(x) => Some(millionths(*x) as f64 / 1e6),
            _ => None,
        }
    }

    /// The value as JSON text.
    pub fn write(&self, out: &mut String) {
        // By hand, not `write!`: this runs for every computed value of every result.
        match self {
            Computed::Unknown => out.push_str("null"),
            Computed::Count(n) => write_u64(out, *n),
            Computed::Decimal(x) => {
                let tenths = tenths(*x);
                if tenths < 0 {
                    out.push('-');
                }
                write_u64(out, tenths.unsigned_abs() / 10);
                if tenths % 10 != 0 {
                    out.push('.');
                    write_u64(out, tenths.unsigned_abs() % 10);
                }
            }
            Computed::Number(x) => write_millionths(out, millionths(*x)),
            Computed::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Computed::Text(t) => write_str(out, t),
            Computed::List(items) => {
                out.push('[');
                for (i, n) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_u64(out, *n);
                }
                out.push(']');
            }
        }
    }
}

/// A decimal at its one place, in tenths: what both the JSON text and the number built directly
/// carry.
fn tenths(x: f64) -> i64 {
    (x * 10.0).round() as i64
}

fn millionths(x: f64) -> i64 {
    (x * 1e6).round() as i64
}

fn write_computed(out: &mut String, computed: &[(String, Computed)]) {
    out.push('{');
    for (i, (path, value)) in computed.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(out, path);
        out.push(':');
        value.write(out);
    }
    out.push('}');
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
    pub fn codes_at(&self, path: &str) -> Vec<Cow<'static, str>> {
        self.issues.iter().filter(|i| i.path == path).map(|i| i.code.clone()).collect()
    }

    /// The result as JSON text.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(64 + self.issues.len() * 96 + self.computed.len() * 32);
        out.push_str(if self.valid { "{\"valid\":true,\"issues\":[" } else { "{\"valid\":false,\"issues\":[" });
        for (i, issue) in self.issues.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            issue.write(&mut out);
        }
        out.push_str("],\"computed\":");
        write_computed(&mut out, &self.computed);
        out.push('}');
        out
    }
}

/// Rows inserted or removed in a group, as `Array.prototype.splice` would: the paths of rows after
/// `index + removed` move by `inserted − removed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    /// The group's name (`rows`).
    pub group: String,
    /// Where.
    pub index: usize,
    /// Rows removed there.
    pub removed: usize,
    /// Rows inserted there.
    pub inserted: usize,
}

/// What one session operation changed: `{issues: {path: [...]}, computed: {path: value}, rows?}`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changes {
    /// For each path whose issues changed, its whole new list (empty when they cleared).
    pub issues: Vec<(String, Vec<RenderedIssue>)>,
    /// Each computed field whose value changed.
    pub computed: Vec<(String, Computed)>,
    /// Row insertions and removals, in order, before which the other paths are numbered.
    pub rows: Vec<Splice>,
}

impl Changes {
    /// The changes as JSON text (`rows` only when rows moved).
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(32 + self.issues.len() * 96 + self.computed.len() * 32);
        out.push_str("{\"issues\":");
        self.write_issues(&mut out);
        out.push_str(",\"computed\":");
        write_computed(&mut out, &self.computed);
        if !self.rows.is_empty() {
            out.push_str(",\"rows\":");
            self.write_rows(&mut out);
        }
        out.push('}');
        out
    }

    /// `{path: [issue, ...]}` for each path whose issues changed.
    pub fn write_issues(&self, out: &mut String) {
        out.push('{');
        for (i, (path, list)) in self.issues.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_str(out, path);
            out.push_str(":[");
            for (j, issue) in list.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                issue.write(out);
            }
            out.push(']');
        }
        out.push('}');
    }

    /// `[{group, index, removed, inserted}, ...]`.
    pub fn write_rows(&self, out: &mut String) {
        out.push('[');
        for (i, s) in self.rows.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"group\":");
            write_str(out, &s.group);
            let _ = write!(out, ",\"index\":{},\"removed\":{},\"inserted\":{}}}", s.index, s.removed, s.inserted);
        }
        out.push(']');
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

/// One field of `describe()`: `{path, label, type, required, computed, personal?, options?}`.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    /// CONTRACT.md path (`rows[i].deadline` in a group).
    pub path: String,
    /// The official label.
    pub label: Localized,
    /// Value type name.
    pub field_type: &'static str,
    /// Must be filled.
    pub required: bool,
    /// Computed by the engine.
    pub computed: bool,
    /// Personal information (a name, resident ID, phone number), by the form or the profile's
    /// `personal` list: written `personal: true`, left out when false.
    pub personal: bool,
    /// A choice field's options: `(id, Chinese wording)` (a definition's lists are its own, so
    /// they are owned here; `describe()` is off the keystroke path).
    pub options: Vec<(String, String)>,
    /// The repeated group it belongs to.
    pub group: Option<String>,
}

impl FieldSpec {
    /// Every field of `schema`, in display order.
    pub fn list(schema: &Schema) -> Vec<FieldSpec> {
        (0..schema.fields.len())
            .filter_map(|i| {
                let id = u16::try_from(i).ok()?;
                let f = schema.field(id)?;
                Some(FieldSpec {
                    path: schema.pattern(id),
                    label: f.label.clone(),
                    field_type: f.ty.as_str(),
                    required: f.required,
                    computed: f.computed,
                    personal: f.personal,
                    options: f.options.iter().map(|(id, zh)| ((*id).to_owned(), (*zh).to_owned())).collect(),
                    group: f.group.and_then(|g| schema.groups.get(usize::from(g))).map(|g| g.name.clone()),
                })
            })
            .collect()
    }
}

impl Serialize for FieldSpec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Field", 7)?;
        st.serialize_field("path", &self.path)?;
        st.serialize_field("label", &self.label)?;
        st.serialize_field("type", self.field_type)?;
        st.serialize_field("required", &self.required)?;
        st.serialize_field("computed", &self.computed)?;
        if self.personal {
            st.serialize_field("personal", &true)?;
        }
        if !self.options.is_empty() {
            let options: Vec<_> = self.options.iter().map(|(id, zh)| OptionSpec { id, label: zh }).collect();
            st.serialize_field("options", &options)?;
        }
        if let Some(g) = &self.group {
            st.serialize_field("group", g)?;
        }
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computed_values_are_written_as_json() {
        let json = |c: Computed| {
            let mut out = String::new();
            c.write(&mut out);
            out
        };
        assert_eq!(json(Computed::Count(0)), "0");
        assert_eq!(json(Computed::Count(u64::MAX)), "18446744073709551615");
        assert_eq!(json(Computed::Decimal(54.5)), "54.5");
        assert_eq!(json(Computed::Decimal(100.0)), "100");
        assert_eq!(json(Computed::Number(3.75)), "3.75");
        assert_eq!(json(Computed::Number(0.05)), "0.05");
        assert_eq!(json(Computed::Number(12.0)), "12");
        assert_eq!(json(Computed::Bool(true)), "true");
        assert_eq!(json(Computed::List(vec![4, 9, 12])), "[4,9,12]");
        assert_eq!(json(Computed::Text("4、9".into())), "\"4\\u30019\"", "ASCII JSON: 、 escaped");
        assert_eq!(json(Computed::Unknown), "null");
    }
}

#[derive(Serialize)]
struct OptionSpec<'a> {
    id: &'a str,
    label: &'a str,
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
    /// The district's report: for daily reports in the same shape as a school's
    /// (`rows.<category>.found` …); for security check-ups `{unit, report_date, schools, rates}`;
    /// for risk registers a campaign-statistics form `{unit, report_date, schools_inspected,
    /// risks_found, risks_done, risks_in_progress, risks_overdue, by_category: {<id>: {found,
    /// done, in_progress, overdue}}}`.
    pub data: Value,
    /// False when any school report has an error.
    pub valid: bool,
    /// The school reports' issues, paths prefixed `reports[i].`, then roll-up issues.
    pub issues: Vec<RenderedIssue>,
    /// The summed report's computed fields.
    pub computed: Vec<(String, Computed)>,
}

struct Pairs<'a, V>(&'a [(String, V)]);

impl<V: Serialize> Serialize for Pairs<'_, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl Serialize for Computed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Computed::Unknown => s.serialize_none(),
            Computed::Count(n) => s.serialize_f64(*n as f64),
            Computed::Decimal(x) | Computed::Number(x) => s.serialize_f64(*x),
            Computed::Bool(b) => s.serialize_bool(*b),
            Computed::Text(t) => s.serialize_str(t),
            Computed::List(items) => s.collect_seq(items.iter().map(|n| *n as f64)),
        }
    }
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
            Value::Null | Value::Cut => s.serialize_none(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(n) => s.serialize_f64(*n),
            Value::Text(t) => s.serialize_str(t),
            Value::List(items) => s.collect_seq(items),
            Value::Map(entries) => Pairs(entries).serialize(s),
        }
    }
}
