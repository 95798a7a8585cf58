//! Expressions over a form's fields, as a form definition writes its computed values and
//! constraints (XLSForm's `${field}` manner): `${fixed} <= ${found}`, `${found} - ${fixed}`,
//! `sum(${rows.found})`, `count(${rows}, ${status} = "in_progress")`, `days(${found_on},
//! ${deadline})`, `$param.video_retention_days`, `if(${boarding}, 2, 1)`.
//!
//! An expression is compiled once against the definition's fields ([`Resolve`]): every name is
//! looked up, every operand's type checked, and the fields it reads collected ([`Compiled::inputs`]),
//! so that a keystroke re-runs exactly the expressions that read the changed cell. Evaluation
//! ([`Compiled::eval`]) reads values through [`Env`] and never panics; a value that is missing or
//! unreadable is `Null`, which every operator passes on (a sum with an unreadable term is not a
//! sum), and a constraint holds unless it is `false`.
//!
//! Limits answer with an error of their own kind, never a cut: characters and tokens per
//! expression, nesting depth, and evaluation steps (a `count` over 10,000 rows is 10,000 steps
//! of its predicate).

mod eval;
mod lex;
mod parse;

pub use eval::{Env, Val};
pub use parse::{Catalogue, Compiled, Fold, Input, Node};

use std::fmt;

/// The most characters an expression may have.
pub const MAX_CHARS: usize = 2_000;
/// The most tokens an expression may have.
pub const MAX_TOKENS: usize = 500;
/// The deepest an expression may nest (parentheses, operators, calls).
pub const MAX_DEPTH: usize = 32;
/// The most steps one evaluation may take.
pub const MAX_STEPS: u32 = 1_000_000;

/// The kind of a mistake in, or a limit met by, an expression; each has a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Not a well-formed expression.
    Syntax,
    /// `${name}` names no field of the form (or of the row, inside `count`).
    UnknownField,
    /// `$param.name` names no parameter of the definition.
    UnknownParam,
    /// A function outside the catalogue.
    UnknownFunction,
    /// A function given the wrong number of arguments.
    Arity,
    /// An operand of the wrong type (`${unit} + 1`).
    Type,
    /// More characters or tokens than allowed.
    TooLong,
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// More than [`MAX_STEPS`] evaluation steps.
    TooManySteps,
}

impl Kind {
    /// The stable code of this kind of mistake.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Syntax => "expression_syntax",
            Kind::UnknownField => "unknown_field",
            Kind::UnknownParam => "unknown_param",
            Kind::UnknownFunction => "unknown_function",
            Kind::Arity => "wrong_argument_count",
            Kind::Type => "type_mismatch",
            Kind::TooLong => "expression_too_long",
            Kind::TooDeep => "expression_too_deep",
            Kind::TooManySteps => "evaluation_limit",
        }
    }
}

/// A mistake in an expression, with the 1-based character column where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct ExprError {
    /// What kind of mistake.
    pub kind: Kind,
    /// 1-based character column.
    pub at: usize,
    /// What was found, in words.
    pub detail: String,
}

impl ExprError {
    fn new(kind: Kind, at: usize, detail: String) -> ExprError {
        ExprError { kind, at, detail }
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.detail, self.at)
    }
}

/// The type of a field or an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// A count or a decimal.
    Number,
    /// Text, a choice's code among them.
    Text,
    /// Yes/no.
    Bool,
    /// A calendar date.
    Date,
    /// Numbers in order (the items answered 否).
    List,
}

impl Type {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Type::Number => "a number",
            Type::Text => "text",
            Type::Bool => "yes/no",
            Type::Date => "a date",
            Type::List => "a list",
        }
    }
}

/// What `${path}` names, as the definition resolves it: a field's cell id and type, a column of a
/// repeated group (its group and the column's id), or a whole group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A field: outside the groups (`group: None`), or of a row of `group` (in that row's scope).
    Field {
        /// The field's id in the definition.
        id: u32,
        /// Its type.
        ty: Type,
        /// The group whose rows hold it, if any.
        group: Option<u32>,
    },
    /// Every row's value of one column: `${rows.found}` (only as `sum`, `min`, `max`, `count`).
    Column {
        /// The group.
        group: u32,
        /// The column's field id.
        id: u32,
        /// Its type.
        ty: Type,
    },
    /// A repeated group: `${rows}` (only as `count`'s first argument).
    Group {
        /// The group.
        group: u32,
    },
}

/// The definition's names, as an expression is compiled against them.
pub trait Resolve {
    /// What `${path}` names in the form's scope (`row: None`) or in a row of `group` (the scope of
    /// `count`'s predicate and of a group's own rules), where a row's own fields come first.
    fn field(&self, path: &str, row: Option<u32>) -> Option<Target>;
    /// The type of `$param.name`, if the definition has that parameter.
    fn param(&self, name: &str) -> Option<Type>;
}

/// Compiles `text` in the scope of the form (`row: None`) or of one row of a group.
pub fn compile(text: &str, names: &dyn Resolve, row: Option<u32>) -> Result<Compiled, ExprError> {
    if text.chars().count() > MAX_CHARS {
        return Err(ExprError::new(Kind::TooLong, MAX_CHARS + 1, format!("longer than {MAX_CHARS} characters")));
    }
    let tokens = lex::tokens(text, MAX_TOKENS)?;
    parse::compile(&tokens, names, row)
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests;
