//! The definition format as it is written (JSON, or a spreadsheet turned into JSON): what serde
//! reads, before any name is resolved. Unknown keys are refused, so a misspelt key is an error
//! naming it rather than a rule silently missing. docs/definitions.md documents every key.

use serde::Deserialize;
use std::collections::BTreeMap;

/// A whole form definition.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// The form's id (`daily-report-wenzhou`), used in messages and drafts.
    pub id: String,
    /// The form's official title.
    pub title: Label,
    /// The document the form comes from.
    #[serde(default)]
    pub source: String,
    /// The built-in form this is a variant of (`daily-report`): a page treats it as that form where
    /// the kind matters (a daily report's drafts end with its day).
    #[serde(default)]
    pub based_on: Option<String>,
    /// The issuer's parameters (`$param.name`): numbers, text, yes/no, dates as text, or lists of
    /// `{id, zh, en}` rows (a table's categories).
    #[serde(default)]
    pub params: BTreeMap<String, Param>,
    /// Option lists of choice fields, by name.
    #[serde(default)]
    pub choices: BTreeMap<String, Vec<Option_>>,
    /// The fields, tables and repeated groups, in display order.
    pub fields: Vec<FieldSpec>,
    /// Constraints over several fields, each marking one.
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
    /// The form's own issue codes, by name, with their messages: for a rule whose wording the
    /// code table does not have.
    #[serde(default)]
    pub codes: BTreeMap<String, CodeSpec>,
    /// Parameters the definition declares that the page's profile does not set (its issuer has no
    /// such rule): their type stands, their value is null, so what reads them stands aside.
    /// Never written: set from a profile ([`super::profile::apply`]).
    #[serde(skip)]
    pub unset: Vec<String>,
}

/// One of a definition's own issue codes: its messages (`{label}`, `{0}`, `{1}` as in the code
/// table) and its severity.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeSpec {
    /// The message in simplified Chinese.
    pub zh: String,
    /// The message in English (the Chinese when blank).
    #[serde(default)]
    pub en: String,
    /// `error` (the default) or `warning`.
    #[serde(default)]
    pub severity: Option<String>,
}

/// An official label in Chinese and English (English falls back to the Chinese).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// Simplified Chinese.
    pub zh: String,
    /// English.
    #[serde(default)]
    pub en: String,
}

/// A parameter's value.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Param {
    /// Yes/no.
    Bool(bool),
    /// A number.
    Num(f64),
    /// Text (a date as `2021-06-22`, a time as `16:00`).
    Text(String),
    /// Rows of a table (categories).
    Rows(Vec<Option_>),
    /// A number the issuer does not set (`null`: no such limit), read as null.
    Unset,
}

/// One option of a choice list, or one row of a table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Option_ {
    /// The stable id posted and used in paths.
    pub id: String,
    /// The official Chinese wording.
    pub zh: String,
    /// English.
    #[serde(default)]
    pub en: String,
}

/// Whether a field is required: always, never, or when an expression holds.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Required {
    /// Always (`true`) or never.
    Always(bool),
    /// When the expression is true.
    When(String),
}

/// A field; or a table (`rows` and `columns`: one row per item of a parameter list, fixed paths
/// `rows.fire.found`); or a repeated group (`columns` without `rows`: paths `guards[3].name`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// The path segment (`unit`, `found`, `rows`).
    pub id: String,
    /// The official label.
    pub label: Label,
    /// A catalogue type: text, count, decimal, percent, date, yes_no, choice, phone, resident_id.
    #[serde(rename = "type", default)]
    pub ty: Option<String>,
    /// Required always, or when an expression holds.
    #[serde(default)]
    pub required: Option<Required>,
    /// The code of a conditional `required` (default `required`).
    #[serde(default)]
    pub required_code: Option<String>,
    /// The message arguments of `required_code`, as expressions.
    #[serde(default)]
    pub required_args: Vec<String>,
    /// A constraint that must not be false.
    #[serde(default)]
    pub constraint: Option<String>,
    /// The constraint's code.
    #[serde(default)]
    pub code: Option<String>,
    /// The constraint's message arguments, as expressions.
    #[serde(default)]
    pub args: Vec<String>,
    /// `error` or `warning` for the constraint (default: the code's).
    #[serde(default)]
    pub severity: Option<String>,
    /// The computed value.
    #[serde(default)]
    pub calculate: Option<String>,
    /// The code when a typed value differs from the computed one (its argument is the computed
    /// value); without it a typed value is replaced.
    #[serde(default)]
    pub calculate_code: Option<String>,
    /// The option list of a choice field (a key of `choices`).
    #[serde(default)]
    pub choices: Option<String>,
    /// Longest text, in characters.
    #[serde(default)]
    pub max_length: Option<u64>,
    /// Largest number a count or decimal field takes (a typed age over 100 is a typo).
    #[serde(default)]
    pub max: Option<f64>,
    /// Checks from the catalogue (`not_in_future`, `key_period`, `deadline`, `not_decreased`,
    /// `distinct_from:filled_by`).
    #[serde(default)]
    pub checks: Vec<String>,
    /// A typed value given back, as read, in `computed` (`１２` → 12): a figure the district's
    /// roll-up fills and a person may re-type, listed as computed.
    #[serde(default)]
    pub echo: bool,
    /// Its part in a district's roll-up: `sum`, `join`, `school` or `period`.
    #[serde(default)]
    pub rollup: Option<String>,
    /// Personal information: never kept in a draft in plain text.
    #[serde(default)]
    pub personal: bool,
    /// A table's rows: `$param.categories`.
    #[serde(default)]
    pub rows: Option<String>,
    /// A table's or a repeated group's columns.
    #[serde(default)]
    pub columns: Option<Vec<FieldSpec>>,
    /// A repeated group's key: the columns whose values together identify a row (a resident ID;
    /// a hazard's description and place). Rows sharing one are duplicates, marked at the first.
    #[serde(default)]
    pub unique: Vec<String>,
    /// The code of a duplicate row (its message's `{0}` names the first other row, 第N行).
    #[serde(default)]
    pub unique_code: Option<String>,
    /// A repeated group's rows that count: a row where this is false is a spare row (nothing
    /// checked, computed or counted), as a blank line left in a printed form.
    #[serde(default)]
    pub relevant: Option<String>,
}

/// A constraint over several fields, marking one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// The field it marks (a path; in a table or group, the column's id).
    pub field: String,
    /// The table or group whose rows it checks, each row on its own.
    #[serde(default)]
    pub each: Option<String>,
    /// Must not be false.
    pub constraint: String,
    /// Its code.
    pub code: String,
    /// Message arguments, as expressions.
    #[serde(default)]
    pub args: Vec<String>,
    /// `error` or `warning` (default: the code's).
    #[serde(default)]
    pub severity: Option<String>,
}
