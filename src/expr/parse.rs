//! From tokens to a typed tree: names resolved, types checked, the fields read collected.
//! Precedence, loosest first: `or`, `and`, `not`, comparisons, `+ -`, `* /`, unary `-`.

use super::lex::{Tok, Token};
use super::{ExprError, Kind, Resolve, Target, Type, MAX_DEPTH};
use std::sync::Arc;

/// A compiled expression: its tree, its type and what it reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    /// The tree.
    pub root: Node,
    /// The type of its value.
    pub ty: Type,
    /// Every field, column and group it reads (no repeats), for re-running it when one changes.
    pub inputs: Vec<Input>,
    /// Whether it reads today's date (re-run when the day changes).
    pub today: bool,
}

/// One thing an expression reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A field of its scope (the form's, or its row's).
    Field(u32),
    /// A column of a group, every row of it.
    Column {
        /// The group.
        group: u32,
        /// The column's field id.
        id: u32,
    },
    /// How many rows a group has.
    Rows(u32),
    /// A parameter of the definition.
    Param(String),
}

/// Arithmetic operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arith {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// Aggregates over a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// `sum(${g.col})`
    Sum,
    /// `min(${g.col})`
    Min,
    /// `max(${g.col})`
    Max,
    /// `total(${g.col})`: a 合计 row's figure. A row with nothing typed in the group's totalled
    /// columns adds nothing; a row whose totalled figures cannot all be read leaves every total of
    /// the group unknown, so that a 合计 row never contradicts itself. Only a form's running
    /// tallies know the group's other totalled columns, so it is kept by the form, never folded by
    /// reading the rows ([`Node::Kept`]).
    Total,
}

/// A function of the form catalogue: what the seeds need that an expression should not spell
/// out. The expression language knows its name and types; its meaning is the [`Env`]'s
/// (`crate::define`, over the crate's own types), so this module stays free of the crate.
///
/// [`Env`]: super::Env
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Catalogue {
    /// `birth_date(id)`: the birth date a resident ID gives (characters 7–14), for text that is
    /// a valid one.
    BirthDate,
    /// `age(birth, on)`: whole years on a day (a 29 February birthday falls on 1 March in
    /// common years).
    Age,
    /// `required_guards(headcount, type)`: the full-time guards a campus needs by seed 000 附件5
    /// item 4, for its type `day`, `boarding` or `mixed`.
    RequiredGuards,
    /// `answered_no(a1, …, an)`: the positions (from 1) of the answers that are 否; one not
    /// given is not 否.
    AnsweredNo,
    /// `join(list, separator)`: a list's numbers as text (`1、3、5`).
    Join,
}

impl Catalogue {
    /// The function's name in an expression.
    pub fn name(self) -> &'static str {
        match self {
            Catalogue::BirthDate => "birth_date",
            Catalogue::Age => "age",
            Catalogue::RequiredGuards => "required_guards",
            Catalogue::AnsweredNo => "answered_no",
            Catalogue::Join => "join",
        }
    }

    /// Whether the function reads values not given (`answered_no`: an answer not given is simply
    /// not 否); every other one is null when an argument is.
    pub fn reads_null(self) -> bool {
        matches!(self, Catalogue::AnsweredNo)
    }
}

/// A node of a compiled expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Nothing stated (the missing branch of a two-way `if`).
    Null,
    /// A number.
    Num(f64),
    /// A string.
    Str(Arc<str>),
    /// `true` or `false`.
    Bool(bool),
    /// A field of the scope.
    Field(u32),
    /// A parameter.
    Param(String),
    /// Unary minus.
    Neg(Box<Node>),
    /// `not`.
    Not(Box<Node>),
    /// `+ - * /`.
    Arith(Arith, Box<Node>, Box<Node>),
    /// A comparison.
    Cmp(Cmp, Box<Node>, Box<Node>),
    /// `and`.
    And(Box<Node>, Box<Node>),
    /// `or`.
    Or(Box<Node>, Box<Node>),
    /// `if(condition, then, else)`.
    If(Box<Node>, Box<Node>, Box<Node>),
    /// `sum`, `min`, `max` over a column.
    Fold(Fold, u32, u32),
    /// `min(a, b)` / `max(a, b)` of two values (`Fold::Min` or `Fold::Max`).
    Pair(Fold, Box<Node>, Box<Node>),
    /// `count(${g})`, or `count(${g}, predicate)` with the predicate in the row's scope.
    Count(u32, Option<Box<Node>>),
    /// `sum(${g}, value)`: the sum over the rows of a value read in each row's scope.
    SumOf(u32, Box<Node>),
    /// `today()`: the portal's day, China time.
    Today,
    /// `days(from, to)`: whole days from one date to the other.
    Days(Box<Node>, Box<Node>),
    /// `abs(x)`.
    Abs(Box<Node>),
    /// `round(x, digits)`.
    Round(Box<Node>, Box<Node>),
    /// `len(text)`: characters.
    Len(Box<Node>),
    /// `blank(x)`: nothing readable there.
    Blank(Box<Node>),
    /// `typed(${x})`: something typed in the cell, readable or not (a field reference only).
    Typed(Box<Node>),
    /// A function of the form catalogue, with its arguments.
    Call(Catalogue, Vec<Node>),
    /// A figure the form keeps as its rows change (a running sum or count), by the form's own
    /// index: what `sum(${rows.found})` or `count(${rows}, …)` becomes once the form that holds it
    /// is compiled, so that reading it is one lookup, not a search for the tally that matches a
    /// tree. The parser never writes it.
    Kept(u32),
}

/// Compiles tokens in the form's scope (`row: None`) or a row's.
pub fn compile(tokens: &[Token], names: &dyn Resolve, row: Option<u32>) -> Result<Compiled, ExprError> {
    let mut p = Parser { tokens, pos: 0, names, scopes: vec![row], inputs: Vec::new(), today: false, depth: 0 };
    let (root, ty) = p.or()?;
    if let Some(t) = tokens.get(p.pos) {
        return Err(ExprError::new(
            Kind::Syntax,
            t.at,
            format!("unexpected {} after a complete expression", shown(&t.tok)),
        ));
    }
    Ok(Compiled { root, ty, inputs: p.inputs, today: p.today })
}

struct Parser<'a> {
    tokens: &'a [Token],
    pos: usize,
    names: &'a dyn Resolve,
    /// The row scopes entered (`count`'s predicate enters its group's), innermost last.
    scopes: Vec<Option<u32>>,
    inputs: Vec<Input>,
    today: bool,
    depth: usize,
}

type Typed = (Node, Type);

fn shown(tok: &Tok) -> String {
    match tok {
        Tok::Num(n) => format!("`{n}`"),
        Tok::Str(s) => format!("\"{s}\""),
        Tok::Field(p) => format!("`${{{p}}}`"),
        Tok::Param(p) => format!("`$param.{p}`"),
        Tok::Word(w) => format!("`{w}`"),
        Tok::Op(o) => format!("`{o}`"),
    }
}

impl Parser<'_> {
    fn at(&self) -> usize {
        self.tokens.get(self.pos).or(self.tokens.last()).map_or(1, |t| t.at)
    }

    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos).map(|t| &t.tok)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Op(o)) if *o == op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_word(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Word(w)) if w == word) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect_op(&mut self, op: &str) -> Result<(), ExprError> {
        if self.eat_op(op) {
            return Ok(());
        }
        let found = self.peek().map_or("the end".to_string(), shown);
        Err(ExprError::new(Kind::Syntax, self.at(), format!("expected `{op}`, found {found}")))
    }

    fn input(&mut self, input: Input) {
        if !self.inputs.contains(&input) {
            self.inputs.push(input);
        }
    }

    fn deeper(&mut self, at: usize) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExprError::new(Kind::TooDeep, at, format!("nested deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    fn want(&self, got: Type, want: Type, at: usize, what: &str) -> Result<(), ExprError> {
        if got == want {
            Ok(())
        } else {
            Err(ExprError::new(Kind::Type, at, format!("{what} needs {}, not {}", want.name(), got.name())))
        }
    }

    fn or(&mut self) -> Result<Typed, ExprError> {
        let at = self.at();
        self.deeper(at)?;
        let (mut left, ty) = self.and()?;
        let mut ty = ty;
        while self.eat_word("or") {
            let at = self.at();
            self.want(ty, Type::Bool, at, "`or`")?;
            let (right, rt) = self.and()?;
            self.want(rt, Type::Bool, at, "`or`")?;
            left = Node::Or(Box::new(left), Box::new(right));
            ty = Type::Bool;
        }
        self.depth -= 1;
        Ok((left, ty))
    }

    fn and(&mut self) -> Result<Typed, ExprError> {
        let (mut left, mut ty) = self.not()?;
        while self.eat_word("and") {
            let at = self.at();
            self.want(ty, Type::Bool, at, "`and`")?;
            let (right, rt) = self.not()?;
            self.want(rt, Type::Bool, at, "`and`")?;
            left = Node::And(Box::new(left), Box::new(right));
            ty = Type::Bool;
        }
        Ok((left, ty))
    }

    fn not(&mut self) -> Result<Typed, ExprError> {
        let at = self.at();
        if self.eat_word("not") {
            self.deeper(at)?;
            let (inner, ty) = self.not()?;
            self.want(ty, Type::Bool, at, "`not`")?;
            self.depth -= 1;
            return Ok((Node::Not(Box::new(inner)), Type::Bool));
        }
        self.cmp()
    }

    fn cmp(&mut self) -> Result<Typed, ExprError> {
        let (left, lt) = self.add()?;
        let op = match self.peek() {
            Some(Tok::Op("=")) => Cmp::Eq,
            Some(Tok::Op("!=")) => Cmp::Ne,
            Some(Tok::Op("<")) => Cmp::Lt,
            Some(Tok::Op("<=")) => Cmp::Le,
            Some(Tok::Op(">")) => Cmp::Gt,
            Some(Tok::Op(">=")) => Cmp::Ge,
            _ => return Ok((left, lt)),
        };
        let at = self.at();
        self.pos += 1;
        let (right, rt) = self.add()?;
        self.want(rt, lt, at, "a comparison with the left side")?;
        let ordered = matches!(lt, Type::Number | Type::Date);
        if !ordered && !matches!(op, Cmp::Eq | Cmp::Ne) {
            return Err(ExprError::new(Kind::Type, at, format!("{} can only be compared with `=` or `!=`", lt.name())));
        }
        Ok((Node::Cmp(op, Box::new(left), Box::new(right)), Type::Bool))
    }

    fn add(&mut self) -> Result<Typed, ExprError> {
        self.arith(&[("+", Arith::Add), ("-", Arith::Sub)], Self::mul)
    }

    fn mul(&mut self) -> Result<Typed, ExprError> {
        self.arith(&[("*", Arith::Mul), ("/", Arith::Div)], Self::unary)
    }

    /// One level of left-associative arithmetic: operands from `next`, numbers only.
    fn arith(
        &mut self,
        ops: &[(&str, Arith)],
        next: fn(&mut Self) -> Result<Typed, ExprError>,
    ) -> Result<Typed, ExprError> {
        let (mut left, lt) = next(self)?;
        loop {
            let Some(&(_, op)) = ops.iter().find(|(text, _)| self.eat_op(text)) else {
                return Ok((left, lt));
            };
            let at = self.at();
            self.want(lt, Type::Number, at, "arithmetic")?;
            let (right, rt) = next(self)?;
            self.want(rt, Type::Number, at, "arithmetic")?;
            left = Node::Arith(op, Box::new(left), Box::new(right));
        }
    }

    fn unary(&mut self) -> Result<Typed, ExprError> {
        let at = self.at();
        if self.eat_op("-") {
            self.deeper(at)?;
            let (inner, ty) = self.unary()?;
            self.want(ty, Type::Number, at, "`-`")?;
            self.depth -= 1;
            return Ok((Node::Neg(Box::new(inner)), Type::Number));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Typed, ExprError> {
        let at = self.at();
        let Some(tok) = self.tokens.get(self.pos).map(|t| t.tok.clone()) else {
            return Err(ExprError::new(Kind::Syntax, at, "the expression ends where a value belongs".into()));
        };
        self.pos += 1;
        match tok {
            Tok::Num(n) => Ok((Node::Num(n), Type::Number)),
            Tok::Str(s) => Ok((Node::Str(s.into()), Type::Text)),
            Tok::Word(w) if w == "true" || w == "false" => Ok((Node::Bool(w == "true"), Type::Bool)),
            Tok::Param(name) => {
                let Some(ty) = self.names.param(&name) else {
                    return Err(ExprError::new(Kind::UnknownParam, at, format!("unknown parameter $param.{name}")));
                };
                self.input(Input::Param(name.clone()));
                Ok((Node::Param(name), ty))
            }
            Tok::Field(path) => match self.resolve(&path, at)? {
                Target::Field { id, ty, group } => {
                    // A row's field read inside `count`'s predicate is a column of that group.
                    let counted = self.scopes.len() > 1 && group.is_some() && self.scopes.last() == Some(&group);
                    self.input(match group {
                        Some(group) if counted => Input::Column { group, id },
                        _ => Input::Field(id),
                    });
                    Ok((Node::Field(id), ty))
                }
                Target::Column { .. } | Target::Group { .. } => Err(ExprError::new(
                    Kind::Type,
                    at,
                    format!("${{{path}}} holds every row: use it inside sum(), min(), max() or count()"),
                )),
            },
            Tok::Op("(") => {
                let inner = self.or()?;
                self.expect_op(")")?;
                Ok(inner)
            }
            Tok::Word(name) if self.eat_op("(") => self.call(&name, at),
            other => Err(ExprError::new(Kind::Syntax, at, format!("unexpected {}", shown(&other)))),
        }
    }

    fn resolve(&self, path: &str, at: usize) -> Result<Target, ExprError> {
        // `${/boarding}`: the form's field, where a column of the row has the same id.
        let (path, row) = match path.strip_prefix('/') {
            Some(form) => (form, None),
            None => (path, self.scopes.last().copied().flatten()),
        };
        self.names
            .field(path, row)
            .ok_or_else(|| ExprError::new(Kind::UnknownField, at, format!("unknown field ${{{path}}}")))
    }

    /// The arguments of a call, after its `(`: values, or, for the aggregates, a group or column
    /// first.
    fn call(&mut self, name: &str, at: usize) -> Result<Typed, ExprError> {
        match name {
            "sum" | "min" | "max" | "count" | "total" => {
                if let Some(Tok::Field(path)) = self.peek().cloned() {
                    let target = self.resolve(&path, self.at())?;
                    match (name, target) {
                        ("count", Target::Group { group }) => {
                            self.pos += 1;
                            self.input(Input::Rows(group));
                            let pred = if self.eat_op(",") {
                                let pat = self.at();
                                self.scopes.push(Some(group));
                                let (pred, ty) = self.or()?;
                                self.scopes.pop();
                                self.want(ty, Type::Bool, pat, "count()'s condition")?;
                                Some(Box::new(pred))
                            } else {
                                None
                            };
                            self.expect_op(")")?;
                            return Ok((Node::Count(group, pred), Type::Number));
                        }
                        ("sum", Target::Group { group }) if self.tokens.get(self.pos + 1).map(|t| &t.tok) == Some(&Tok::Op(",")) => {
                            self.pos += 2;
                            self.input(Input::Rows(group));
                            let vat = self.at();
                            self.scopes.push(Some(group));
                            let (value, ty) = self.or()?;
                            self.scopes.pop();
                            self.want(ty, Type::Number, vat, "sum()'s value")?;
                            self.expect_op(")")?;
                            return Ok((Node::SumOf(group, Box::new(value)), Type::Number));
                        }
                        ("sum" | "min" | "max" | "total", Target::Column { group, id, ty }) => {
                            self.pos += 1;
                            self.expect_op(")")?;
                            let fold = match name {
                                "sum" => Fold::Sum,
                                "total" => Fold::Total,
                                "min" => Fold::Min,
                                _ => Fold::Max,
                            };
                            if matches!(fold, Fold::Sum | Fold::Total) {
                                self.want(ty, Type::Number, at, &format!("{name}()"))?;
                            } else if !matches!(ty, Type::Number | Type::Date) {
                                return Err(ExprError::new(
                                    Kind::Type,
                                    at,
                                    format!("{name}() needs numbers or dates, not {}", ty.name()),
                                ));
                            }
                            self.input(Input::Column { group, id });
                            self.input(Input::Rows(group));
                            return Ok((Node::Fold(fold, group, id), ty));
                        }
                        ("count", _) => {
                            return Err(ExprError::new(
                                Kind::Type,
                                at,
                                "count() needs a repeated group, such as ${rows}".into(),
                            ))
                        }
                        ("sum", _) => {
                            return Err(ExprError::new(
                                Kind::Type,
                                at,
                                "sum() needs a column of a repeated group, such as ${rows.found}, or a group and a value read in each row, such as sum(${rows}, ${found} * 2)".into(),
                            ))
                        }
                        ("total", _) => {
                            return Err(ExprError::new(
                                Kind::Type,
                                at,
                                "total() needs a column of a repeated group or a table, such as ${rows.found}".into(),
                            ))
                        }
                        _ => {}
                    }
                }
                if name == "min" || name == "max" {
                    let args = self.args(at, name, 2)?;
                    let fold = if name == "min" { Fold::Min } else { Fold::Max };
                    let mut it = args.into_iter();
                    let (Some((a, ta)), Some((b, tb))) = (it.next(), it.next()) else {
                        return Err(ExprError::new(Kind::Arity, at, format!("{name}() takes 2 values")));
                    };
                    if !matches!(ta, Type::Number | Type::Date) {
                        return Err(ExprError::new(
                            Kind::Type,
                            at,
                            format!("{name}() needs numbers or dates, not {}", ta.name()),
                        ));
                    }
                    self.want(tb, ta, at, &format!("{name}()'s second value"))?;
                    return Ok((Node::Pair(fold, Box::new(a), Box::new(b)), ta));
                }
                Err(ExprError::new(Kind::Type, at, format!("{name}() needs a repeated group or a column")))
            }
            "if" => {
                // `if(c, a)` states nothing when c is not true.
                let mut args = self.args_between(at, name, 2, 3)?.into_iter();
                let (Some(c), Some(a)) = (args.next(), args.next()) else {
                    return Err(ExprError::new(Kind::Arity, at, "if() takes 2 or 3 values".into()));
                };
                self.want(c.1, Type::Bool, at, "if()'s condition")?;
                let b = match args.next() {
                    Some(b) => {
                        self.want(b.1, a.1, at, "if()'s two outcomes")?;
                        b.0
                    }
                    None => Node::Null,
                };
                Ok((Node::If(Box::new(c.0), Box::new(a.0), Box::new(b)), a.1))
            }
            "today" => {
                self.fixed::<0>(at, name)?;
                self.today = true;
                Ok((Node::Today, Type::Date))
            }
            "days" => {
                let [a, b] = self.fixed::<2>(at, name)?;
                self.want(a.1, Type::Date, at, "days()")?;
                self.want(b.1, Type::Date, at, "days()")?;
                Ok((Node::Days(Box::new(a.0), Box::new(b.0)), Type::Number))
            }
            "abs" => {
                let [a] = self.fixed::<1>(at, name)?;
                self.want(a.1, Type::Number, at, "abs()")?;
                Ok((Node::Abs(Box::new(a.0)), Type::Number))
            }
            "round" => {
                let [a, d] = self.fixed::<2>(at, name)?;
                self.want(a.1, Type::Number, at, "round()")?;
                self.want(d.1, Type::Number, at, "round()'s digits")?;
                Ok((Node::Round(Box::new(a.0), Box::new(d.0)), Type::Number))
            }
            "len" => {
                let [a] = self.fixed::<1>(at, name)?;
                if a.1 != Type::List {
                    self.want(a.1, Type::Text, at, "len()")?;
                }
                Ok((Node::Len(Box::new(a.0)), Type::Number))
            }
            "required_guards" => {
                let [n, kind] = self.fixed::<2>(at, name)?;
                self.want(n.1, Type::Number, at, "required_guards()'s headcount")?;
                self.want(kind.1, Type::Text, at, "required_guards()'s school type")?;
                Ok((Node::Call(Catalogue::RequiredGuards, vec![n.0, kind.0]), Type::Number))
            }
            "answered_no" => {
                let args = self.args_between(at, name, 1, 64)?;
                for a in &args {
                    self.want(a.1, Type::Bool, at, "answered_no()'s answers")?;
                }
                Ok((Node::Call(Catalogue::AnsweredNo, args.into_iter().map(|a| a.0).collect()), Type::List))
            }
            "join" => {
                let [list, sep] = self.fixed::<2>(at, name)?;
                self.want(list.1, Type::List, at, "join()'s list")?;
                self.want(sep.1, Type::Text, at, "join()'s separator")?;
                Ok((Node::Call(Catalogue::Join, vec![list.0, sep.0]), Type::Text))
            }
            "blank" => {
                let [a] = self.fixed::<1>(at, name)?;
                Ok((Node::Blank(Box::new(a.0)), Type::Bool))
            }
            "typed" => {
                // What the person typed, not its value: a cell holding `abc` is typed though it
                // reads as null, so a spare row (nothing typed) is told from a wrong one.
                let [a] = self.fixed::<1>(at, name)?;
                if !matches!(a.0, Node::Field(_)) {
                    return Err(ExprError::new(Kind::Type, at, "typed() needs a field, such as ${age}".into()));
                }
                Ok((Node::Typed(Box::new(a.0)), Type::Bool))
            }
            "birth_date" => {
                let [id] = self.fixed::<1>(at, name)?;
                self.want(id.1, Type::Text, at, "birth_date()")?;
                // An ID is read against today: one born after today is not valid yet.
                self.today = true;
                Ok((Node::Call(Catalogue::BirthDate, vec![id.0]), Type::Date))
            }
            "age" => {
                let [birth, on] = self.fixed::<2>(at, name)?;
                self.want(birth.1, Type::Date, at, "age()'s birth date")?;
                self.want(on.1, Type::Date, at, "age()'s day")?;
                Ok((Node::Call(Catalogue::Age, vec![birth.0, on.0]), Type::Number))
            }
            _ => Err(ExprError::new(Kind::UnknownFunction, at, format!("unknown function {name}()"))),
        }
    }

    /// Exactly `N` arguments, up to the closing `)`.
    fn fixed<const N: usize>(&mut self, at: usize, name: &str) -> Result<[Typed; N], ExprError> {
        let args = self.args(at, name, N)?;
        args.try_into().map_err(|_| ExprError::new(Kind::Arity, at, format!("{name}() takes {N} values")))
    }

    /// From `min` to `max` arguments, up to the closing `)`.
    fn args_between(&mut self, at: usize, name: &str, min: usize, max: usize) -> Result<Vec<Typed>, ExprError> {
        let mut out = Vec::new();
        if !self.eat_op(")") {
            loop {
                out.push(self.or()?);
                if self.eat_op(")") {
                    break;
                }
                self.expect_op(",")?;
            }
        }
        if out.len() < min || out.len() > max {
            let s = if max == 1 { "" } else { "s" };
            let takes = if min == max { format!("{max} value{s}") } else { format!("{min} to {max} values") };
            return Err(ExprError::new(Kind::Arity, at, format!("{name}() takes {takes}, not {}", out.len())));
        }
        Ok(out)
    }

    fn args(&mut self, at: usize, name: &str, n: usize) -> Result<Vec<Typed>, ExprError> {
        self.args_between(at, name, n, n)
    }
}
