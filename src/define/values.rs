//! A definition's field types: reading a cell into an expression value, with the catalogue's
//! rules (required, readable, not too long) pushed where a field is checked. Each type reuses the
//! rule the built-in forms use, so a variant's messages are the built-in forms' messages.

use crate::base::date::Date;
use crate::base::value::Scalar;
use crate::check::findings::{Computed, Findings};
use crate::check::rules::{self, text::Need};
use crate::expr::{Type, Val};
use crate::input::normalise;
use crate::issue::Kind;
use crate::schema::{Cell, FieldType};

/// A field type of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// Free text.
    Text,
    /// A whole number ≥ 0.
    Count,
    /// A number ≥ 0 with decimals (funds in 万元).
    Decimal,
    /// A percentage.
    Percent,
    /// A calendar date.
    Date,
    /// 是/否.
    YesNo,
    /// One of the field's options.
    Choice,
    /// A phone number.
    Phone,
    /// A resident ID number.
    ResidentId,
    /// Whole numbers in order, computed only (the items answered 否).
    List,
}

impl Ty {
    /// The catalogue's name for it, as a definition writes it.
    pub fn parse(name: &str) -> Option<Ty> {
        Some(match name {
            "text" => Ty::Text,
            "count" => Ty::Count,
            "decimal" => Ty::Decimal,
            "percent" => Ty::Percent,
            "date" => Ty::Date,
            "yes_no" => Ty::YesNo,
            "choice" => Ty::Choice,
            "phone" => Ty::Phone,
            "resident_id" => Ty::ResidentId,
            "list" => Ty::List,
            _ => return None,
        })
    }

    /// Its name in a definition.
    pub fn name(self) -> &'static str {
        match self {
            Ty::Text => "text",
            Ty::Count => "count",
            Ty::Decimal => "decimal",
            Ty::Percent => "percent",
            Ty::Date => "date",
            Ty::YesNo => "yes_no",
            Ty::Choice => "choice",
            Ty::Phone => "phone",
            Ty::ResidentId => "resident_id",
            Ty::List => "list",
        }
    }

    /// The names [`Ty::parse`] takes, for an error message.
    pub const NAMES: &'static str = "text, count, decimal, percent, date, yes_no, choice, phone, resident_id, list";

    /// Its type in expressions.
    pub fn expr(self) -> Type {
        match self {
            Ty::Count | Ty::Decimal | Ty::Percent => Type::Number,
            Ty::Date => Type::Date,
            Ty::YesNo => Type::Bool,
            Ty::Text | Ty::Choice | Ty::Phone | Ty::ResidentId => Type::Text,
            Ty::List => Type::List,
        }
    }

    /// Its type in the field table (`describe()`).
    pub fn field_type(self) -> FieldType {
        match self {
            Ty::Count => FieldType::Count,
            Ty::Decimal | Ty::Percent => FieldType::Percent,
            Ty::Date => FieldType::Date,
            Ty::YesNo => FieldType::YesNo,
            Ty::Choice => FieldType::Choice,
            Ty::Text | Ty::Phone | Ty::ResidentId => FieldType::Text,
            Ty::List => FieldType::List,
        }
    }
}

/// Checks `raw` as a field of type `ty`, pushing what is wrong at `at`, and gives its value
/// (`Null` when blank or unreadable).
#[allow(clippy::too_many_arguments)]
pub fn check(
    ty: Ty,
    raw: &Scalar,
    at: Cell,
    need: Need,
    max_length: u64,
    options: &[(String, String)],
    today: Date,
    out: &mut Findings,
) -> Val {
    match ty {
        Ty::Text => match rules::text::check(raw, at, need, max_length, out) {
            Some(()) => normalise::text(raw).map_or(Val::Null, |t| Val::Text(t.into())),
            None => Val::Null,
        },
        Ty::Count => rules::count::check(raw, at, need, out).map_or(Val::Null, |n| Val::Num(n as f64)),
        Ty::Decimal | Ty::Percent => match decimal(raw) {
            Ok(Some(n)) => Val::Num(n),
            Ok(None) => {
                if need == Need::Required {
                    out.push(at, crate::issue::Code::Required);
                }
                Val::Null
            }
            Err(r) => {
                out.push(at, Kind::from(r));
                Val::Null
            }
        },
        Ty::Date => rules::date::check(raw, at, need, out).map_or(Val::Null, |d| Val::Date(d.days_since_epoch())),
        Ty::YesNo => rules::yes_no::check(raw, at, need, out).map_or(Val::Null, Val::Bool),
        Ty::Choice => rules::choice::check(raw, at, options, need, out)
            .and_then(|i| options.get(i))
            .map_or(Val::Null, |(id, _)| Val::Text(id.as_str().into())),
        Ty::Phone => {
            rules::phone::check(raw, at, need, false, out).map_or(Val::Null, |p| Val::Text(p.canonical.into()))
        }
        // A list is computed, never typed (the compiler refuses one without a calculation).
        Ty::List => Val::Null,
        Ty::ResidentId => {
            rules::resident_id::check(raw, at, today, need, out).map_or(Val::Null, |id| Val::Text(id.canonical.into()))
        }
    }
}

/// A computed value as the field's type states it: a count is a whole number ≥ 0, a percentage
/// has one decimal; anything else is not stated.
pub fn computed(ty: Ty, v: &Val) -> Computed {
    match (ty, v) {
        (Ty::Count, Val::Num(n)) if *n >= 0.0 && n.fract() == 0.0 && *n <= normalise::MAX_COUNT as f64 => {
            Computed::Count(*n as u64)
        }
        (Ty::Percent, Val::Num(n)) => Computed::Decimal((n * 10.0).round() / 10.0),
        (Ty::Decimal, Val::Num(n)) if *n >= 0.0 => Computed::Number(millionths(*n)),
        (Ty::YesNo, Val::Bool(b)) => Computed::Bool(*b),
        (Ty::Date, Val::Date(d)) => Computed::Text(Date::from_days_since_epoch(*d).to_string()),
        (Ty::Text | Ty::Choice | Ty::Phone | Ty::ResidentId, Val::Text(s)) => Computed::Text(s.to_string()),
        (Ty::List, Val::List(v)) => Computed::List(v.to_vec()),
        _ => Computed::Unknown,
    }
}

/// A computed value as the field states it, and as the rules then read it: `Null` where it is not
/// a value of the field's type (a count that came out negative is not: its inputs contradict each
/// other).
pub fn settle(ty: Ty, v: Val) -> (Val, Computed) {
    match computed(ty, &v) {
        Computed::Unknown => (Val::Null, Computed::Unknown),
        c => (v, c),
    }
}

pub use crate::input::normalise::decimal;

/// A decimal to the six places it is typed with: 0.1 + 0.2 is 0.3, not 0.30000000000000004.
pub fn millionths(n: f64) -> f64 {
    (n * 1e6).round() / 1e6
}
