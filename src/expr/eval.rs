//! Evaluating a compiled expression over a form's values. `Null` (a value missing, unreadable or
//! contradictory) passes through every operator: a figure that would change with it is not stated.
//! `and`/`or` follow three-valued logic (`false and null` is `false`), so a constraint whose
//! decisive part is known still decides.

use super::parse::{Arith, Catalogue, Cmp, Compiled, Fold, Node};
use super::{ExprError, Kind, MAX_STEPS};
use std::cmp::Ordering;
use std::sync::Arc;

/// A value during evaluation.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// Missing, unreadable, or not stated.
    Null,
    /// A number (always finite).
    Num(f64),
    /// Text, shared: reading a field or a literal and comparing it copies no characters.
    Text(Arc<str>),
    /// Yes/no.
    Bool(bool),
    /// A date, as days since 1970-01-01.
    Date(i64),
    /// Whole numbers in order (shared, as text is).
    List(Arc<[u64]>),
}

/// Where an evaluation reads the form's values.
pub trait Env {
    /// A field's value: a form-level field (`row` is ignored), or the field of row `row` of its group.
    fn field(&self, id: u32, row: Option<usize>) -> Val;
    /// How many rows `group` has.
    fn rows(&self, group: u32) -> usize;
    /// A parameter's value (the definition's, or its profile's override).
    fn param(&self, name: &str) -> Val;
    /// Today in China time, as days since 1970-01-01, if the clock is known.
    fn today(&self) -> Option<i64>;
    /// Whether anything is typed in a field's cell, readable or not (`Null` where the cell is not
    /// at hand).
    fn typed(&self, _id: u32, _row: Option<usize>) -> Val {
        Val::Null
    }
    /// A catalogue function's value for its arguments (`Null` where they are not its inputs).
    fn call(&self, _f: Catalogue, _args: &[Val]) -> Val {
        Val::Null
    }
    /// A figure the form keeps by index ([`Node::Kept`]): a form's running sums and counts, which
    /// its compiled expressions read instead of every row.
    fn kept(&self, _index: u32) -> Val {
        Val::Null
    }
}

impl Compiled {
    /// The value of the expression in the form's scope (`row: None`) or in row `row` of the group
    /// it was compiled for. Fails only when evaluation takes more than [`MAX_STEPS`] steps.
    pub fn eval(&self, env: &dyn Env, row: Option<usize>) -> Result<Val, ExprError> {
        let mut run = Run { env, steps: 0 };
        let v = run.node(&self.root, row);
        if run.over() {
            return Err(ExprError::new(Kind::TooManySteps, 1, format!("more than {MAX_STEPS} evaluation steps")));
        }
        Ok(v)
    }

    /// Whether a constraint holds: it does unless it evaluates to `false` (a constraint over a
    /// value not yet readable waits for it; `required` says when it must be there).
    pub fn holds(&self, env: &dyn Env, row: Option<usize>) -> Result<bool, ExprError> {
        Ok(self.eval(env, row)? != Val::Bool(false))
    }
}

struct Run<'a> {
    env: &'a dyn Env,
    steps: u32,
}

fn num(v: f64) -> Val {
    if v.is_finite() {
        Val::Num(v)
    } else {
        Val::Null
    }
}

impl Run<'_> {
    /// Takes one step; true once past [`MAX_STEPS`]. From then on every node answers `Null` at
    /// once and every loop stops, and [`Compiled::eval`] answers the error: the one way evaluation
    /// fails, checked once at the top rather than carried by every node's result.
    fn step(&mut self) -> bool {
        self.steps += 1;
        self.over()
    }

    fn over(&self) -> bool {
        self.steps > MAX_STEPS
    }

    /// A leaf's value (a field, a literal, a kept figure), read without entering [`Run::node`]:
    /// most operands are leaves, and an operator reads them here. It takes its step as a node does.
    #[inline(always)]
    fn operand(&mut self, node: &Node, row: Option<usize>) -> Val {
        if !matches!(node, Node::Field(_) | Node::Num(_) | Node::Str(_) | Node::Kept(_)) {
            return self.node(node, row);
        }
        if self.step() {
            return Val::Null;
        }
        match node {
            Node::Field(id) => self.env.field(*id, row),
            Node::Num(n) => num(*n),
            Node::Str(s) => Val::Text(s.clone()),
            Node::Kept(i) => self.env.kept(*i),
            _ => Val::Null,
        }
    }

    fn node(&mut self, node: &Node, row: Option<usize>) -> Val {
        if self.step() {
            return Val::Null;
        }
        match node {
            Node::Null => Val::Null,
            Node::Num(n) => num(*n),
            Node::Str(s) => Val::Text(s.clone()),
            Node::Bool(b) => Val::Bool(*b),
            Node::Field(id) => self.env.field(*id, row),
            Node::Param(name) => self.env.param(name),
            Node::Neg(a) => match self.node(a, row) {
                Val::Num(n) => num(-n),
                _ => Val::Null,
            },
            Node::Not(a) => match self.node(a, row) {
                Val::Bool(b) => Val::Bool(!b),
                _ => Val::Null,
            },
            Node::Arith(op, a, b) => match (self.operand(a, row), self.operand(b, row)) {
                (Val::Num(x), Val::Num(y)) => match op {
                    Arith::Add => num(x + y),
                    Arith::Sub => num(x - y),
                    Arith::Mul => num(x * y),
                    Arith::Div if y == 0.0 => Val::Null,
                    Arith::Div => num(x / y),
                },
                _ => Val::Null,
            },
            Node::Cmp(op, a, b) => compare(*op, &self.operand(a, row), &self.operand(b, row)),
            Node::And(a, b) => match self.node(a, row) {
                Val::Bool(false) => Val::Bool(false),
                left => match (left, self.node(b, row)) {
                    (_, Val::Bool(false)) => Val::Bool(false),
                    (Val::Bool(true), Val::Bool(true)) => Val::Bool(true),
                    _ => Val::Null,
                },
            },
            Node::Or(a, b) => match self.node(a, row) {
                Val::Bool(true) => Val::Bool(true),
                left => match (left, self.node(b, row)) {
                    (_, Val::Bool(true)) => Val::Bool(true),
                    (Val::Bool(false), Val::Bool(false)) => Val::Bool(false),
                    _ => Val::Null,
                },
            },
            Node::If(c, a, b) => match self.node(c, row) {
                Val::Bool(true) => self.operand(a, row),
                Val::Bool(false) => self.operand(b, row),
                _ => Val::Null,
            },
            Node::Fold(fold, group, id) => self.fold(*fold, *group, *id),
            Node::Pair(fold, a, b) => {
                let (x, y) = (self.node(a, row), self.node(b, row));
                match (order(&x, &y), fold) {
                    (Some(Ordering::Greater), Fold::Min) | (Some(Ordering::Less), Fold::Max) => y,
                    (Some(_), _) => x,
                    (None, _) => Val::Null,
                }
            }
            Node::Count(group, pred) => {
                let rows = self.env.rows(*group);
                match pred {
                    None => num(rows as f64),
                    Some(pred) => {
                        let mut n = 0usize;
                        for r in 0..rows {
                            match self.node(pred, Some(r)) {
                                Val::Bool(true) => n += 1,
                                Val::Bool(false) => {}
                                // A row whose condition cannot be read: the count is not known.
                                _ => return Val::Null,
                            }
                        }
                        num(n as f64)
                    }
                }
            }
            Node::SumOf(group, value) => {
                let mut total = 0.0;
                for r in 0..self.env.rows(*group) {
                    match self.node(value, Some(r)) {
                        Val::Num(n) => total += n,
                        // A row whose value cannot be read: the sum is not known.
                        _ => return Val::Null,
                    }
                }
                num(total)
            }
            Node::Kept(i) => self.env.kept(*i),
            Node::Today => self.env.today().map_or(Val::Null, Val::Date),
            Node::Days(a, b) => match (self.node(a, row), self.node(b, row)) {
                (Val::Date(x), Val::Date(y)) => num((y - x) as f64),
                _ => Val::Null,
            },
            Node::Abs(a) => match self.node(a, row) {
                Val::Num(n) => num(n.abs()),
                _ => Val::Null,
            },
            Node::Round(a, d) => match (self.node(a, row), self.node(d, row)) {
                (Val::Num(x), Val::Num(d)) if (0.0..=6.0).contains(&d) && d.fract() == 0.0 => {
                    let scale = 10f64.powi(d as i32);
                    num((x * scale).round() / scale)
                }
                _ => Val::Null,
            },
            Node::Len(a) => match self.node(a, row) {
                Val::Text(s) => num(s.chars().count() as f64),
                Val::List(v) => num(v.len() as f64),
                _ => Val::Null,
            },
            Node::Blank(a) => match self.operand(a, row) {
                Val::Null => Val::Bool(true),
                Val::Text(s) => Val::Bool(s.trim().is_empty()),
                _ => Val::Bool(false),
            },
            Node::Typed(a) => match a.as_ref() {
                Node::Field(id) => self.env.typed(*id, row),
                _ => Val::Null,
            },
            Node::Call(f, args) => {
                let mut values = Vec::with_capacity(args.len());
                for a in args {
                    values.push(self.node(a, row));
                }
                // Null in, null out, as every operator: the catalogue sees readable values only.
                if values.contains(&Val::Null) && !f.reads_null() {
                    Val::Null
                } else {
                    self.env.call(*f, &values)
                }
            }
        }
    }

    /// `sum`, `min` or `max` of a column: `Null` as soon as one row's value is (the district's
    /// rule: no figure that leaves a row out); a sum over no rows is 0, a minimum of none `Null`.
    fn fold(&mut self, fold: Fold, group: u32, id: u32) -> Val {
        if fold == Fold::Total {
            // Which rows a total leaves out depends on the group's other totalled columns, which
            // only the form's tallies know: without them it is not stated.
            return Val::Null;
        }
        let mut acc: Option<Val> = None;
        for r in 0..self.env.rows(group) {
            self.step();
            let v = self.env.field(id, Some(r));
            acc = Some(match (acc, v) {
                (_, Val::Null) | (Some(Val::Null), _) => return Val::Null,
                (None, v) => v,
                (Some(Val::Num(a)), Val::Num(b)) if fold == Fold::Sum => num(a + b),
                (Some(a), b) => match (order(&a, &b), fold) {
                    (Some(Ordering::Greater), Fold::Min) | (Some(Ordering::Less), Fold::Max) => b,
                    (Some(_), _) => a,
                    (None, _) => return Val::Null,
                },
            });
        }
        match (acc, fold) {
            (None, Fold::Sum) => Val::Num(0.0),
            (None, _) => Val::Null,
            (Some(v), _) => v,
        }
    }
}

fn order(a: &Val, b: &Val) -> Option<Ordering> {
    match (a, b) {
        (Val::Num(x), Val::Num(y)) => x.partial_cmp(y),
        (Val::Date(x), Val::Date(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

fn compare(op: Cmp, a: &Val, b: &Val) -> Val {
    if matches!(a, Val::Null) || matches!(b, Val::Null) {
        return Val::Null;
    }
    let ord = match (a, b) {
        (Val::Text(x), Val::Text(y)) => Some(x.cmp(y)),
        (Val::Bool(x), Val::Bool(y)) => Some(x.cmp(y)),
        _ => order(a, b),
    };
    let Some(ord) = ord else { return Val::Null };
    Val::Bool(match op {
        Cmp::Eq => ord == Ordering::Equal,
        Cmp::Ne => ord != Ordering::Equal,
        Cmp::Lt => ord == Ordering::Less,
        Cmp::Le => ord != Ordering::Greater,
        Cmp::Gt => ord == Ordering::Greater,
        Cmp::Ge => ord != Ordering::Less,
    })
}
