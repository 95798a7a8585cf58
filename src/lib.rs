//! school-safety-forms: validation and auto-computation for Chinese school-safety forms.
//!
//! A pure Rust core (this crate's modules) with one thin binding for JavaScript (`wasm`, compiled
//! only for wasm32). Every rule is data where it varies by issuer ([`profile`]) and code where it
//! is logic ([`check::rules`], [`forms`]). A form declares its field table once ([`schema`]); a
//! [`Validator`] compiles it under a profile, and a [`engine::session::Session`] keeps it checked one
//! change at a time. The modules are layered, each importing only from those below it
//! (docs/modules.md): [`base`], [`schema`], [`input`], [`issue`], [`profile`], [`check`], [`forms`],
//! [`engine`], and the binding on top.
//!
//! ```
//! use school_safety_forms::{validate, base::value::Value};
//! let data: Value = serde_json::from_str(r#"{"rows": {"fire": {"found": "３", "fixed": "1"}}}"#).unwrap();
//! let options: Value = serde_json::from_str(r#"{"now": "2021-06-22T15:40:00+08:00"}"#).unwrap();
//! let report = validate("daily-report", &data, &options).unwrap();
//! assert!(!report.valid); // the unit and sign-off are still blank
//! assert_eq!(report.codes_at("rows.fire.measures"), ["measures_required"]);
//! ```

pub mod base;
pub mod check;
pub mod define;
pub mod engine;
pub mod expr;
#[cfg(feature = "xlsx")]
pub mod files;
pub mod forms;
pub mod input;
pub mod issue;
pub mod profile;
pub mod schema;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

use base::date::Instant;
use base::json_write;
use base::value::{self, Value};
#[cfg(feature = "roll-ups")]
use engine::aggregate;
use engine::options::{self, Options, UsageError};
#[cfg(feature = "roll-ups")]
use engine::report::Aggregate;
use engine::report::{FieldSpec, ProfileSummary, Report};
use engine::{compiled::Compiled, session::Session};
use forms::FormKind;
use input::{cells, paste, types};
use std::rc::Rc;

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

    /// Compiles a form definition (JSON text, docs/definitions.md) under `options`; a mistake in
    /// it is misuse, naming its key path or its place in an expression.
    #[cfg(feature = "definitions")]
    pub fn from_definition(definition: &str, options: &Value) -> Result<Validator, UsageError> {
        Validator::from_parsed(define::parse_json(definition).map_err(UsageError::Definition)?, options)
    }

    /// Compiles a definition already read ([`define::parse`]) under `options`. A definition based
    /// on a built-in form takes that form's parameters from the profile the options name, as the
    /// built-in form does; without one, its own stand.
    #[cfg(feature = "definitions")]
    pub fn from_parsed(definition: define::Definition, options: &Value) -> Result<Validator, UsageError> {
        let options_read = Options::from_value(options)?;
        let form = compile_under(definition, options, &options_read)?;
        Ok(Validator { compiled: Rc::new(Compiled::with_form(Box::new(form), options_read)) })
    }

    /// Validates `data`: `{valid, issues, computed}`. `clock` is read only when the options gave no `now`.
    pub fn validate_at(&self, data: &Value, clock: impl FnOnce() -> Instant) -> Report {
        self.check_at(data, clock).result()
    }

    /// Validates data given as JSON text.
    pub fn validate_json_at(&self, json: &str, clock: impl FnOnce() -> Instant) -> Report {
        self.check_json_at(json, clock).result()
    }

    /// Validates data that crossed positionally ([`wire`]); `None` when only the
    /// object form can be read exactly ([`Session::with_packed`]).
    pub fn validate_packed_at(&self, json: &str, clock: impl FnOnce() -> Instant) -> Option<Report> {
        self.check_packed_at(json, clock, cells::Spare::default()).map(|s| s.result())
    }

    /// The checked form behind [`Validator::validate_packed_at`], for a caller that reads its
    /// result piece by piece ([`Session::all_issues`], [`Session::each_computed`]) and keeps its
    /// cells for the next ([`Session::into_spare`]).
    pub fn check_packed_at(&self, json: &str, clock: impl FnOnce() -> Instant, spare: cells::Spare) -> Option<Session> {
        Session::with_packed(Rc::clone(&self.compiled), clock, json, spare)
    }

    /// The checked form behind [`Validator::validate_json_at`].
    pub fn check_json_at(&self, json: &str, clock: impl FnOnce() -> Instant) -> Session {
        Session::with_json(Rc::clone(&self.compiled), clock, json)
    }

    /// The checked form behind [`Validator::validate_at`].
    pub fn check_at(&self, data: &Value, clock: impl FnOnce() -> Instant) -> Session {
        Session::with_data(Rc::clone(&self.compiled), clock, data)
    }

    /// The key tree js/pack.js packs the data by ([`wire::Layout::text`]); `None` for a form
    /// whose data crosses only as objects.
    pub fn layout(&self) -> Option<&str> {
        self.compiled.layout.as_ref().map(|l| l.text.as_str())
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
    let mut fields = FieldSpec::list(form.schema());
    for field in &mut fields {
        field.personal |= profile.personal.contains(&field.path);
    }
    Ok(fields)
}

impl Validator {
    /// The field list of its form (a definition's fields as the built-in forms' are listed), with
    /// the profile's personal marks.
    pub fn describe(&self) -> Vec<FieldSpec> {
        let mut fields = FieldSpec::list(self.compiled.schema());
        for (i, field) in fields.iter_mut().enumerate() {
            field.personal |= self.compiled.profile.personal.contains(&field.path);
            if field.options.is_empty() {
                let own = self.compiled.form.own_options(u16::try_from(i).unwrap_or(u16::MAX));
                field.options = own.to_vec();
            }
        }
        fields
    }
}

/// A spreadsheet block pasted into a repeated group, read for the drop-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasteBlock {
    /// With a header row (official titles, in any order): the field id each pasted column fills,
    /// `None` for a column no field has. Without one, `None`: cells fill the page's columns in order.
    pub columns: Option<Vec<Option<String>>>,
    /// The data rows, cells as pasted (the form normalises them as they are set); blank rows skipped.
    pub rows: Vec<Vec<String>>,
}

impl PasteBlock {
    /// As JSON: `{"columns": [id | null, …] | null, "rows": [[cell, …], …]}`.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"columns\":");
        match &self.columns {
            None => out.push_str("null"),
            Some(columns) => {
                out.push('[');
                for (i, c) in columns.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    match c {
                        Some(id) => json_write::write_str(&mut out, id),
                        None => out.push_str("null"),
                    }
                }
                out.push(']');
            }
        }
        out.push_str(",\"rows\":[");
        for (i, row) in self.rows.iter().enumerate() {
            out.push_str(if i > 0 { ",[" } else { "[" });
            for (j, cell) in row.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                json_write::write_str(&mut out, cell);
            }
            out.push(']');
        }
        out.push_str("]}");
        out
    }
}

/// Reads `text` (Excel or WPS `text/plain`) for `group` of form `kind`: the risk register's rows
/// know the official table's titles and their variants; other groups their columns' labels.
pub fn paste(kind_name: &str, group: &str, text: &str) -> Result<PasteBlock, UsageError> {
    let kind = kind(kind_name)?;
    let profile = options::resolve_profile(None)?;
    let form = forms::build(kind, &profile).ok_or_else(|| UsageError::KindNotAvailable(kind_name.to_owned()))?;
    let schema = form.schema();
    let g = schema.group(group).ok_or_else(|| {
        let known: Vec<&str> = schema.groups.iter().map(|g| g.name.as_str()).collect();
        UsageError::Option {
            key: "group".into(),
            problem: format!("\"{group}\" is not a repeated group of this form; one of: {}", known.join(", ")),
        }
    })?;
    let labels: Vec<(String, [&str; 1])> =
        schema.fields.iter().filter(|f| f.group == Some(g)).map(|f| (f.name.clone(), [f.label.zh.as_str()])).collect();
    let derived: Vec<paste::Column> = labels.iter().map(|(id, titles)| paste::Column { id, titles }).collect();
    let columns = if kind == FormKind::RiskRegister { paste::REGISTER_COLUMNS } else { &derived };
    let mut block = paste::parse(text);
    let header = block.first().and_then(|first| paste::match_header(first, columns));
    if header.is_some() && !block.is_empty() {
        block.remove(0);
    }
    block.retain(|row| row.iter().any(|cell| !cell.trim().is_empty()));
    let columns = header
        .map(|mapping| mapping.into_iter().map(|c| c.and_then(|i| columns.get(i)).map(|c| c.id.to_owned())).collect());
    Ok(PasteBlock { columns, rows: block })
}

/// The official wording of the option that `text` names (its id, its wording, or a piece of the
/// wording naming it unambiguously: [`types::pick`]) in the choice field at `path` of form `kind`
/// (`rows[3].category`, "燃气" → 燃气安全); `None` for no option, several, or a path that is no
/// choice. For the drop-in, to put a pasted or restored value into a `<select>` (a block's cells
/// come back from [`paste()`] as pasted: without a header row only the page knows their columns).
pub fn choose(kind_name: &str, path: &str, text: &str) -> Result<Option<&'static str>, UsageError> {
    let kind = kind(kind_name)?;
    let profile = options::resolve_profile(None)?;
    let form = forms::build(kind, &profile).ok_or_else(|| UsageError::KindNotAvailable(kind_name.to_owned()))?;
    let schema = form.schema();
    let options = schema.resolve(path).and_then(|(f, _)| schema.field(f)).map_or(&[][..], |f| f.options);
    Ok(match types::pick(&value::Scalar::Text(text.into()), options) {
        types::Pick::Exact(i) | types::Pick::Wording(i) => options.get(i).map(|o| o.1),
        _ => None,
    })
}

/// The built-in profiles.
pub fn profiles() -> Vec<ProfileSummary> {
    profile::builtin::all().iter().map(ProfileSummary::from).collect()
}

/// Compiles a definition under the profile `options` name, if they name one (a definition based
/// on a built-in form takes that form's parameters from it); without one, its own stand.
#[cfg(feature = "definitions")]
fn compile_under(
    mut definition: define::Definition,
    options: &Value,
    read: &Options,
) -> Result<define::Defined, UsageError> {
    let named =
        matches!(options, Value::Map(entries) if entries.iter().any(|(k, v)| k == "profile" && *v != Value::Null));
    if named {
        define::profile::apply(&mut definition, &read.profile).map_err(UsageError::Definition)?;
    }
    define::compile(&definition).map_err(UsageError::Definition)
}

/// District roll-up of several reports of a form given by its definition, as its fields'
/// `rollup` declare (docs/definitions.md); the options as `aggregate_at`'s.
#[cfg(all(feature = "roll-ups", feature = "definitions"))]
pub fn aggregate_defined_at(
    definition: define::Definition,
    reports: &Value,
    options: &Value,
    clock: impl FnOnce() -> Instant,
) -> Result<Aggregate, UsageError> {
    let options_read = Options::for_aggregate(options)?;
    let form = compile_under(definition, options, &options_read)?;
    let relating = form.constraint_codes();
    engine::declared::declared(Box::new(form), &relating, reports, options_read, clock)
}

/// District roll-up of several reports of one kind.
#[cfg(feature = "roll-ups")]
pub fn aggregate_at(
    kind_name: &str,
    reports: &Value,
    options: &Value,
    clock: impl FnOnce() -> Instant,
) -> Result<Aggregate, UsageError> {
    let kind = kind(kind_name)?;
    aggregate::aggregate(kind, reports, Options::for_aggregate(options)?, clock)
}
