//! From a definition as written to the engine's own form: names resolved, expressions compiled
//! and typed, and the fields partitioned into scopes by what reads what, so that a keystroke
//! re-runs the rules that read the changed cell (and those that share their inputs) and nothing
//! else. A sum over a table's or a group's column is kept as a running sum (a tally slot each row
//! adds to), never a scan of every row.

use super::format::{CodeSpec, Definition, FieldSpec, Option_, Param, Required};
use super::values::Ty;
use crate::base::date::{Date, TimeOfDay};
use crate::base::text::Localized;
use crate::check::findings::TALLY_SLOTS;
use crate::check::rules::text::Need;
use crate::expr::{self, Compiled, Fold, Input, Node, Resolve, Target, Type};
use crate::input::normalise;
use crate::issue::{Code, Kind, OwnCode, Severity};
use crate::schema::{FieldId, FieldType, GroupId, RollUp, Schema, SchemaBuilder, ScopeId, Section};
use std::collections::BTreeMap;
use std::fmt;

/// The most fields (table cells and group columns counted) a definition may declare.
pub const MAX_FIELDS: usize = 2_000;
/// The most rows a table may have.
pub const MAX_TABLE_ROWS: usize = 200;
/// The most expressions a definition may hold.
pub const MAX_EXPRESSIONS: usize = 4_000;
/// The most columns a table or group may have, and the most tables a definition may have: an
/// expression names a column as base + table·256 + column.
pub const MAX_COLUMNS: usize = 256;

/// Expression ids of a table's columns (`${found}` in a row of table `t`): base + t·256 + column.
pub(crate) const TABLE_COLUMN: u32 = 0x1_0000;
/// Expression ids of a group's columns: base + g·256 + column slot.
pub(crate) const GROUP_COLUMN: u32 = 0x2_0000;
/// Expression group ids of tables (groups keep their own ids).
pub(crate) const TABLE_GROUP: u32 = 0x1000;

/// A mistake in a definition: a stable code, where it is (a key path, `fields[3].constraint`),
/// and what is wrong (with the column in an expression).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinitionError {
    /// The stable code (`unknown_key`, `unknown_field`, `definition_too_large`…).
    pub code: &'static str,
    /// The key path of the mistake.
    pub at: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.at, self.message)
        }
    }
}

fn err(code: &'static str, at: &str, message: impl Into<String>) -> DefinitionError {
    DefinitionError { code, at: at.to_owned(), message: message.into() }
}

/// Where a field's or a rule's expressions are evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ctx {
    /// The form's fixed fields.
    Form,
    /// Row `r` of table `t` (fixed fields, one scope per row unless rules join them).
    Table(usize, usize),
    /// A row of a repeated group.
    Group(GroupId),
}

/// A check from the catalogue, named in a field's `checks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Check {
    /// A date not after today (China time).
    NotInFuture,
    /// A date within `$param.key_period_from` … `$param.key_period_to`.
    KeyPeriod,
    /// The day's report before `$param.deadline` (China time).
    Deadline,
    /// A count not lower than the previous report's, when `$param.cumulative`.
    NotDecreased,
    /// A monthly report dated by `$param.monthly_deadline_day` of its month.
    MonthlyDeadline,
    /// An inspection within `$param.window_from` … `$param.window_to`.
    InspectionWindow,
    /// A person other than the one in the field named.
    DistinctFrom(FieldId),
}

/// One field of the compiled form.
#[derive(Debug, Clone)]
pub(crate) struct FieldRt {
    pub ty: Ty,
    pub need: Need,
    pub max_length: u64,
    /// Largest number a count or decimal takes.
    pub max: Option<f64>,
    /// Its value as read is given back in `computed`.
    pub echo: bool,
    pub options: Vec<(String, String)>,
    /// The options' ids, shared: a chosen option is read as its id without a copy.
    pub option_ids: Vec<std::sync::Arc<str>>,
    pub calculate: Option<usize>,
    /// The issue of a typed value that differs, and its severity.
    pub calculate_code: Option<(Kind, Option<Severity>)>,
    pub checks: Vec<Check>,
    pub ctx: Ctx,
    /// Whether anything reads its value (an expression, a running sum, a key other than of typed
    /// text, which keys as typed, `echo`): a text nothing reads is checked as typed, and its value
    /// is never copied out of the cell.
    pub read: bool,
}

/// What a rule does when its expression says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RuleKind {
    /// An issue when the expression is false.
    Constraint,
    /// An issue when the expression is true and the field is blank.
    Required,
}

/// One rule of the compiled form.
#[derive(Debug, Clone)]
pub(crate) struct RuleRt {
    pub at: FieldId,
    pub ctx: Ctx,
    pub expr: usize,
    pub kind: RuleKind,
    /// The issue raised, before its arguments.
    pub code: Kind,
    pub args: Vec<usize>,
    pub severity: Option<Severity>,
    /// Whether its expression or an argument reads today (its answer holds for today only).
    pub today: bool,
}

/// A running sum of a column: each row adds its value (scaled to an integer) or, when the value
/// is not readable, one to its count of unknowns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SumSlot {
    /// The expression group (a table's `TABLE_GROUP + t`, or a group's id).
    pub group: u32,
    /// The column's expression id.
    pub column: u32,
    /// The slot of the sum; the unknowns are in the next.
    pub slot: usize,
}

/// A running count of the rows of a group or table whose condition holds (`count(${g}, pred)` at
/// the form's level): each row adds one to `slot` when its condition is true, or one to `slot + 1`
/// when it cannot be read (the count is then unknown, as reading every row would find). With
/// `sum`, the running sum of a value each row reads (`sum(${g}, value)`), in millionths.
#[derive(Debug, Clone)]
pub(crate) struct CountSlot {
    /// The expression group (a table's `TABLE_GROUP + t`, or a group's id).
    pub group: u32,
    /// The condition, compiled in the row's scope; the form's expressions name it by its tree.
    pub pred: Compiled,
    /// A sum of the value `pred` gives, not a count of the rows where it holds.
    pub sum: bool,
    pub slot: usize,
    /// For a table: per row, the cell whose scope evaluates the row's condition (the scope holds
    /// every cell the condition reads).
    pub homes: Vec<FieldId>,
}

/// The running totals of one group or table (`total(${g.col})`): each totalled column's sum, and
/// one count of the rows that could not be totalled, shared by them all.
#[derive(Debug, Clone)]
pub(crate) struct TotalSlots {
    /// The expression group (a table's `TABLE_GROUP + t`, or a group's id).
    pub group: u32,
    /// Each totalled column.
    pub columns: Vec<TotalColumn>,
    /// The slot counting rows whose totalled figures could not all be read.
    pub unknown: usize,
}

/// One column a `total()` adds up.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TotalColumn {
    /// Its expression id.
    pub id: u32,
    /// Its total's slot.
    pub slot: usize,
    /// Typed, not computed: a row with nothing typed in its typed columns adds nothing.
    pub typed: bool,
    /// Typed and not always required: left blank (with no rule asking for it) it adds 0.
    pub optional: bool,
}

/// A figure the form keeps as its rows change, which a form-level expression reads by index
/// ([`Node::Kept`]): each names its tally slot (the unknowns, where it has them, in the next).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tally {
    /// A group's number of rows (`count(${g})`).
    Rows(usize),
    /// A conditional count (`count(${g}, pred)`): unknown while a row cannot answer.
    Count(usize),
    /// A running sum in millionths (`sum(${g.column})`, `sum(${g}, value)`): unknown while a row's
    /// value cannot be read.
    Sum(usize),
    /// A running total in millionths (`total(${g.column})`), and its group's count of rows that
    /// could not be totalled: unknown while that count is not 0.
    Total(usize, usize),
}

/// A repeated group's key (`unique`): rows whose key columns read the same are duplicates.
#[derive(Debug, Clone)]
pub(crate) struct KeySpec {
    pub group: GroupId,
    /// The key's columns, by slot; the first must be readable for a row to have a key.
    pub slots: Vec<u16>,
    /// The column a duplicate is marked at (the key's first).
    pub at: FieldId,
    /// The duplicate's issue.
    pub kind: Kind,
}

/// Sums are kept in millionths, exact for the six decimal places a decimal takes.
pub(crate) const SCALE: f64 = 1_000_000.0;

/// A definition compiled into the engine's own form.
#[derive(Debug, Clone)]
pub struct Defined {
    /// The form's id.
    pub id: String,
    /// Its title.
    pub title: Localized,
    pub(crate) schema: Schema,
    pub(crate) fields: Vec<FieldRt>,
    pub(crate) exprs: Vec<Compiled>,
    pub(crate) rules: Vec<RuleRt>,
    /// Per scope: its fields and its rules.
    pub(crate) scope_fields: Vec<Vec<FieldId>>,
    /// Per fixed field: its place in its scope's `scope_fields`, where a scope's run keeps its
    /// value (a run holds only its own scope's values, not one per field of the form).
    pub(crate) local: Vec<u16>,
    pub(crate) scope_rules: Vec<Vec<usize>>,
    /// Per scope: the running sums its table cells add to, as (sum's slot, cell), and the
    /// running counts its table rows add to, as (index in `counts`, row): found once here, so a
    /// keystroke does not search every sum's table for the scope's cells.
    pub(crate) scope_sums: Vec<Vec<(usize, FieldId)>>,
    pub(crate) scope_counts: Vec<Vec<(usize, usize)>>,
    /// Per group: its rules.
    pub(crate) group_rules: Vec<Vec<usize>>,
    /// Per repeated group: its `relevant` expression (a spare row is not checked or counted).
    pub(crate) relevant: Vec<Option<usize>>,
    /// Per repeated group: its columns' slots in the order they run (a calculation after the
    /// columns it reads).
    pub(crate) group_order: Vec<Vec<u16>>,
    /// Per table: its cells, by row then column.
    pub(crate) tables: Vec<Vec<Vec<FieldId>>>,
    pub(crate) sums: Vec<SumSlot>,
    pub(crate) counts: Vec<CountSlot>,
    /// Per group or table with totalled columns: their running totals.
    pub(crate) totals_kept: Vec<TotalSlots>,
    /// Per scope: the table rows it adds to the totals, as (index in `totals_kept`, row).
    pub(crate) scope_totals: Vec<Vec<(usize, usize)>>,
    /// The figures form-level expressions read as [`Node::Kept`], by index.
    pub(crate) kept: Vec<Tally>,
    pub(crate) keys: Vec<KeySpec>,
    /// A group's row count slot, when a form rule counts its rows.
    pub(crate) row_slots: Vec<(GroupId, usize)>,
    pub(crate) clock_scopes: Vec<ScopeId>,
    pub(crate) sums_scopes: Vec<ScopeId>,
    /// The form fields worked out from the running sums alone, in the order they run
    /// ([`Form::totals`](crate::forms::Form::totals)); they are in no scope's `scope_fields`.
    pub(crate) totals: Vec<FieldId>,
    pub(crate) row_inputs: Vec<(FieldId, GroupId)>,
    pub(crate) params: BTreeMap<String, expr::Val>,
    pub(crate) key_period: Option<(Date, Date)>,
    pub(crate) deadline: Option<TimeOfDay>,
    /// `$param.monthly_deadline_day`: the day of the month a monthly report is due.
    pub(crate) monthly_deadline_day: Option<u8>,
    /// `$param.window_from` … `$param.window_to`: the days an inspection may take place.
    pub(crate) window: Option<(Date, Date)>,
    /// `$param.short_phone_allowed`: a phone field takes a short (internal) number.
    pub(crate) short_phone_allowed: bool,
    pub(crate) cumulative: bool,
    /// The definition's own codes; [`Kind::own`] `n` is `own_codes[n - 1]`.
    pub(crate) own_codes: Vec<OwnCode>,
}

/// A repeated group's columns by name: slot and type.
type GroupColumns = Vec<(String, u16, Ty)>;

impl Defined {
    /// The codes its constraints raise (rules that relate fields to each other, as
    /// `fixed_exceeds_found`): a district's roll-up doubts a school's row one of them marks.
    pub fn constraint_codes(&self) -> Vec<String> {
        let code = |k: &Kind| match usize::from(k.own).checked_sub(1) {
            None => Some(k.code().to_owned()),
            Some(n) => self.own_codes.get(n).map(|c| c.code.clone()),
        };
        self.rules.iter().filter(|r| r.kind == RuleKind::Constraint).filter_map(|r| code(&r.code)).collect()
    }
}

/// The names a definition's expressions are compiled against.
struct Names {
    fixed: BTreeMap<String, (FieldId, Ty)>,
    tables: BTreeMap<String, (usize, Vec<(String, Ty)>)>,
    groups: BTreeMap<String, (GroupId, GroupColumns)>,
    params: BTreeMap<String, Type>,
}

impl Resolve for Names {
    fn field(&self, path: &str, row: Option<u32>) -> Option<Target> {
        if let Some(row) = row {
            if row >= TABLE_GROUP {
                let t = (row - TABLE_GROUP) as usize;
                let (_, columns) = self.tables.values().find(|(i, _)| *i == t)?;
                if let Some(c) = columns.iter().position(|(n, _)| n == path) {
                    let ty = columns.get(c)?.1.expr();
                    return Some(Target::Field {
                        id: TABLE_COLUMN + (t as u32) * 256 + c as u32,
                        ty,
                        group: Some(row),
                    });
                }
            } else if let Some((g, columns)) = self.groups.values().find(|(g, _)| u32::from(*g) == row) {
                if let Some((_, slot, ty)) = columns.iter().find(|(n, _, _)| n == path) {
                    let id = GROUP_COLUMN + u32::from(*g) * 256 + u32::from(*slot);
                    return Some(Target::Field { id, ty: ty.expr(), group: Some(row) });
                }
            }
        }
        if let Some((id, ty)) = self.fixed.get(path) {
            return Some(Target::Field { id: u32::from(*id), ty: ty.expr(), group: None });
        }
        if let Some((t, _)) = self.tables.get(path) {
            return Some(Target::Group { group: TABLE_GROUP + *t as u32 });
        }
        if let Some((g, _)) = self.groups.get(path) {
            return Some(Target::Group { group: u32::from(*g) });
        }
        let (name, column) = path.split_once('.')?;
        if let Some((t, columns)) = self.tables.get(name) {
            let c = columns.iter().position(|(n, _)| n == column)?;
            let ty = columns.get(c)?.1.expr();
            return Some(Target::Column {
                group: TABLE_GROUP + *t as u32,
                id: TABLE_COLUMN + (*t as u32) * 256 + c as u32,
                ty,
            });
        }
        let (g, columns) = self.groups.get(name)?;
        let (_, slot, ty) = columns.iter().find(|(n, _, _)| n == column)?;
        Some(Target::Column {
            group: u32::from(*g),
            id: GROUP_COLUMN + u32::from(*g) * 256 + u32::from(*slot),
            ty: ty.expr(),
        })
    }

    fn param(&self, name: &str) -> Option<Type> {
        self.params.get(name).copied()
    }
}

/// A field as declared, before its expressions are compiled.
struct Pending<'a> {
    id: FieldId,
    spec: &'a FieldSpec,
    at: String,
    ctx: Ctx,
    /// For a table cell: the table and column index (its expressions are compiled per column).
    column: Option<(usize, usize)>,
}

/// Compiles a definition.
pub fn compile(def: &Definition) -> Result<Defined, DefinitionError> {
    let mut b = SchemaBuilder::default();
    let mut names =
        Names { fixed: BTreeMap::new(), tables: BTreeMap::new(), groups: BTreeMap::new(), params: BTreeMap::new() };
    let mut params = BTreeMap::new();
    for (name, value) in &def.params {
        let (ty, v) = match value {
            Param::Bool(x) => (Some(Type::Bool), expr::Val::Bool(*x)),
            Param::Num(x) => (Some(Type::Number), expr::Val::Num(*x)),
            Param::Text(x) => (Some(Type::Text), expr::Val::Text(x.as_str().into())),
            Param::Rows(_) => (None, expr::Val::Null),
            // Every limit an issuer may leave unset is a number (an age, a head count, hours).
            Param::Unset => (Some(Type::Number), expr::Val::Null),
        };
        if let Some(ty) = ty {
            names.params.insert(name.clone(), ty);
            params.insert(name.clone(), if def.unset.contains(name) { expr::Val::Null } else { v });
        }
    }
    let mut pending: Vec<Pending> = Vec::new();
    let mut tables: Vec<Vec<Vec<FieldId>>> = Vec::new();
    let mut decl: Vec<Section> = Vec::new();
    let mut table_columns: Vec<Vec<&FieldSpec>> = Vec::new();
    let mut pending_keys: Vec<(GroupId, Vec<u16>, Option<&str>, String)> = Vec::new();
    let mut pending_relevant: Vec<(GroupId, &str, String)> = Vec::new();
    let mut count = 0usize;
    let mut seen = std::collections::BTreeSet::new();

    for (i, spec) in def.fields.iter().enumerate() {
        let at = format!("fields[{i}]");
        // A form field's id is its path and may have several segments (`totals.found`); after the
        // first, a segment may be a number, as the checklist's `items.9.helmet`.
        for (k, segment) in spec.id.split('.').enumerate() {
            if k == 0 || !segment.bytes().all(|b| b.is_ascii_digit()) || segment.is_empty() || segment.len() > 3 {
                check_id(segment, &format!("{at}.id"))?;
            }
        }
        if !seen.insert(spec.id.clone()) {
            return Err(err("duplicate_id", &format!("{at}.id"), format!("\"{}\" is declared twice", spec.id)));
        }
        if (!spec.unique.is_empty() || spec.unique_code.is_some()) && (spec.columns.is_none() || spec.rows.is_some()) {
            let key = if spec.unique.is_empty() { "unique_code" } else { "unique" };
            return Err(err(
                "invalid_definition",
                &format!("{at}.{key}"),
                "only a repeated group's rows can repeat each other (a table's rows are its list's)",
            ));
        }
        if spec.relevant.is_some() && (spec.columns.is_none() || spec.rows.is_some()) {
            return Err(err(
                "invalid_definition",
                &format!("{at}.relevant"),
                "only a repeated group's rows can be spare (a table's rows are its list's)",
            ));
        }
        if spec.columns.is_some() && spec.rollup.is_some() {
            return Err(err(
                "invalid_definition",
                &format!("{at}.rollup"),
                "a table's or a group's columns roll up one by one: give the column its rollup",
            ));
        }
        match (&spec.columns, &spec.rows) {
            (None, Some(_)) => return Err(err("invalid_definition", &format!("{at}.rows"), "a table needs columns")),
            (None, None) => {
                let ty = field_type(spec, &at)?;
                count += 1;
                limit(count)?;
                let id = declare(&mut b, &spec.id, label(&spec.label), ty, spec, None);
                names.fixed.insert(spec.id.clone(), (id, ty));
                decl.push(Section::Scope(id));
                pending.push(Pending { id, spec, at, ctx: Ctx::Form, column: None });
            }
            (Some(columns), Some(rows)) => {
                let list = table_rows(def, rows, &format!("{at}.rows"))?;
                let t = tables.len();
                columns_fit(columns, &at)?;
                if t + 1 >= MAX_COLUMNS {
                    return Err(err("definition_too_large", &at, format!("more than {} tables", MAX_COLUMNS - 1)));
                }
                let mut cells = Vec::new();
                let mut types = Vec::new();
                for (c, col) in columns.iter().enumerate() {
                    check_id(&col.id, &format!("{at}.columns[{c}].id"))?;
                    unique(columns, c, &format!("{at}.columns[{c}].id"))?;
                    column_only(col, &format!("{at}.columns[{c}]"))?;
                    types.push((col.id.clone(), field_type(col, &format!("{at}.columns[{c}]"))?));
                }
                for (r, row) in list.iter().enumerate() {
                    let mut ids = Vec::new();
                    for (c, col) in columns.iter().enumerate() {
                        count += 1;
                        limit(count)?;
                        let ty = types.get(c).map_or(Ty::Text, |t| t.1);
                        let path = format!("{}.{}.{}", spec.id, row.id, col.id);
                        let en_row = if row.en.is_empty() { &row.zh } else { &row.en };
                        let en_col = if col.label.en.is_empty() { &col.label.zh } else { &col.label.en };
                        let l = Localized {
                            zh: format!("{}·{}", row.zh, col.label.zh),
                            en: format!("{en_row}: {en_col}"),
                        };
                        let id = declare(&mut b, &path, l, ty, col, None);
                        names.fixed.insert(path, (id, ty));
                        decl.push(Section::Scope(id));
                        pending.push(Pending {
                            id,
                            spec: col,
                            at: format!("{at}.columns[{c}]"),
                            ctx: Ctx::Table(t, r),
                            column: Some((t, c)),
                        });
                        ids.push(id);
                    }
                    cells.push(ids);
                }
                names.tables.insert(spec.id.clone(), (t, types));
                tables.push(cells);
                table_columns.push(columns.iter().collect());
            }
            (Some(columns), None) => {
                columns_fit(columns, &at)?;
                let g = b.group(&spec.id, label(&spec.label));
                decl.push(Section::Group(g));
                let mut cols = Vec::new();
                for (c, col) in columns.iter().enumerate() {
                    let at = format!("{at}.columns[{c}]");
                    check_id(&col.id, &format!("{at}.id"))?;
                    unique(columns, c, &format!("{at}.id"))?;
                    column_only(col, &at)?;
                    let ty = field_type(col, &at)?;
                    count += 1;
                    limit(count)?;
                    let id = declare(&mut b, &col.id, label(&col.label), ty, col, Some(g));
                    cols.push((col.id.clone(), u16::try_from(c).unwrap_or(u16::MAX), ty));
                    pending.push(Pending { id, spec: col, at, ctx: Ctx::Group(g), column: None });
                }
                if !spec.unique.is_empty() {
                    let mut slots = Vec::new();
                    for (k, name) in spec.unique.iter().enumerate() {
                        let Some((_, slot, _)) = cols.iter().find(|(id, _, _)| id == name) else {
                            return Err(err(
                                "unknown_field",
                                &format!("{at}.unique[{k}]"),
                                format!("group \"{}\" has no column \"{name}\"", spec.id),
                            ));
                        };
                        slots.push(*slot);
                    }
                    pending_keys.push((g, slots, spec.unique_code.as_deref(), at.clone()));
                }
                if let Some(text) = &spec.relevant {
                    pending_relevant.push((g, text, format!("{at}.relevant")));
                }
                names.groups.insert(spec.id.clone(), (g, cols));
            }
        }
    }
    let mut schema = b.build();
    paths_apart(&pending, &names, &schema)?;
    let n = schema.fields.len();

    if let Some(kind) = &def.based_on {
        if crate::forms::FormKind::parse(kind).is_none() {
            return Err(err(
                "invalid_definition",
                "based_on",
                format!("\"{kind}\" is not a built-in form (daily-report, inspection-checklist, security-checkup, risk-register, campaign-statistics)"),
            ));
        }
    }
    let codes = Codes::read(&def.codes)?;
    let mut keys = Vec::new();
    for (group, slots, code, at) in pending_keys {
        let at_field = schema
            .groups
            .get(usize::from(group))
            .and_then(|g| slots.first().and_then(|s| g.columns.get(usize::from(*s))))
            .copied()
            .unwrap_or(0);
        let code = code.ok_or_else(|| {
            err("invalid_definition", &format!("{at}.unique"), "a key needs the code of a duplicate (`unique_code`)")
        })?;
        // A duplicate's one argument is the other row's position.
        let (kind, _) = codes.resolve(code, 1, None, &format!("{at}.unique_code"))?;
        keys.push(KeySpec { group, slots, at: at_field, kind });
    }
    // Expressions, field by field (a table column's once, shared by its rows).
    let mut exprs: Vec<Compiled> = Vec::new();
    let mut fields: Vec<Option<FieldRt>> = vec![None; n];
    let mut rules: Vec<RuleRt> = Vec::new();
    let mut shared: BTreeMap<(usize, usize, &'static str, usize), usize> = BTreeMap::new();
    let mut compile_at = |text: &str,
                          at: &str,
                          ctx: Ctx,
                          key: Option<(usize, usize, &'static str, usize)>,
                          exprs: &mut Vec<Compiled>| {
        if let Some(k) = key {
            if let Some(i) = shared.get(&k) {
                return Ok(*i);
            }
        }
        if exprs.len() >= MAX_EXPRESSIONS {
            return Err(err("definition_too_large", at, format!("more than {MAX_EXPRESSIONS} expressions")));
        }
        let row = match ctx {
            Ctx::Form => None,
            Ctx::Table(t, _) => Some(TABLE_GROUP + t as u32),
            Ctx::Group(g) => Some(u32::from(g)),
        };
        let compiled = expr::compile(text, &names, row).map_err(|e| err(e.kind.code(), at, e.to_string()))?;
        exprs.push(compiled);
        let i = exprs.len() - 1;
        if let Some(k) = key {
            shared.insert(k, i);
        }
        Ok(i)
    };
    for p in &pending {
        let spec = p.spec;
        let key = |what: &'static str, n: usize| p.column.map(|(t, c)| (t, c, what, n));
        let ty = field_type(spec, &p.at)?;
        if let Some(role) = &spec.rollup {
            let role = roll_up(role, ty, p.ctx, spec.calculate.is_some(), &p.at)?;
            let one = matches!(role, RollUp::School | RollUp::Period);
            if one && schema.fields.iter().any(|f| f.rollup == Some(role)) {
                return Err(err(
                    "invalid_definition",
                    &format!("{}.rollup", p.at),
                    format!("a form has one {}", role_name(role)),
                ));
            }
            if let Some(f) = schema.fields.get_mut(usize::from(p.id)) {
                f.rollup = Some(role);
            }
        }
        let options = match (&spec.choices, ty) {
            (Some(name), Ty::Choice) => def
                .choices
                .get(name)
                .ok_or_else(|| {
                    err("unknown_choices", &format!("{}.choices", p.at), format!("no choice list \"{name}\""))
                })?
                .iter()
                .map(|o| (o.id.clone(), o.zh.clone()))
                .collect(),
            (None, Ty::Choice) => return Err(err("invalid_definition", &p.at, "a choice field needs `choices`")),
            _ => Vec::new(),
        };
        let mut need = match &spec.required {
            Some(Required::Always(true)) => Need::Required,
            _ => Need::Optional,
        };
        let calculate = match &spec.calculate {
            Some(text) => {
                let at = format!("{}.calculate", p.at);
                let e = compile_at(text, &at, p.ctx, key("calculate", 0), &mut exprs)?;
                // A calculation of another kind than its field would never be stated: say so now.
                if let Some(got) = exprs.get(e).map(|c| c.ty).filter(|t| *t != ty.expr()) {
                    return Err(err(
                        "type_mismatch",
                        &at,
                        format!("a {} field is computed as {}, not {}", ty.name(), ty.expr().name(), got.name()),
                    ));
                }
                Some(e)
            }
            None => None,
        };
        let calculate_code = spec
            .calculate_code
            .as_deref()
            .map(|c| codes.resolve(c, 1, None, &format!("{}.calculate_code", p.at)))
            .transpose()?;
        let mut checks = Vec::new();
        for (k, name) in spec.checks.iter().enumerate() {
            checks.push(check(name, ty, &names, p.ctx, &format!("{}.checks[{k}]", p.at))?);
        }
        let severity = spec.severity.as_deref().map(|s| severity(s, &format!("{}.severity", p.at))).transpose()?;
        let conditional = matches!(spec.required, Some(Required::When(_)));
        if !conditional && (spec.required_code.is_some() || !spec.required_args.is_empty()) {
            // An always-required field's issue is `required`: a code here would be silently unused.
            let key = if spec.required_code.is_some() { "required_code" } else { "required_args" };
            return Err(err(
                "invalid_definition",
                &format!("{}.{key}", p.at),
                "a required code and its arguments go with a conditional `required` (an expression)",
            ));
        }
        let mut required_when = None;
        if let Some(Required::When(text)) = &spec.required {
            let at = format!("{}.required", p.at);
            let expr = compile_at(text, &at, p.ctx, key("required", 0), &mut exprs)?;
            condition(exprs.get(expr), &at)?;
            required_when = Some(expr);
            // Required by the issuer's parameters alone (`$param.police_station_required`): decided
            // now, so the field table says so, as a built-in form's does under that profile.
            // Only a condition of parameters alone: not the clock, not the catalogue (whose meaning
            // is answered as the form runs).
            let by_params = exprs
                .get(expr)
                .filter(|c| !c.today && !has_call(&c.root) && c.inputs.iter().all(|i| matches!(i, Input::Param(_))));
            if let (Some(c), None, true) = (by_params, &spec.required_code, spec.required_args.is_empty()) {
                required_when = None;
                if c.eval(&Params(&params), None).ok() == Some(expr::Val::Bool(true)) {
                    need = Need::Required;
                    if let Some(f) = schema.fields.get_mut(usize::from(p.id)) {
                        f.required = true;
                    }
                }
            }
        }
        if let Some(expr) = required_when {
            let (code, required_severity) = codes.resolve(
                spec.required_code.as_deref().unwrap_or("required"),
                spec.required_args.len(),
                None,
                &format!("{}.required_code", p.at),
            )?;
            let mut args = Vec::new();
            for (k, a) in spec.required_args.iter().enumerate() {
                args.push(compile_at(
                    a,
                    &format!("{}.required_args[{k}]", p.at),
                    p.ctx,
                    key("required_args", k),
                    &mut exprs,
                )?);
            }
            rules.push(RuleRt {
                at: p.id,
                ctx: p.ctx,
                expr,
                kind: RuleKind::Required,
                code,
                args,
                severity: required_severity,
                today: false,
            });
        }
        if let Some(text) = &spec.constraint {
            let at = format!("{}.constraint", p.at);
            let expr = compile_at(text, &at, p.ctx, key("constraint", 0), &mut exprs)?;
            condition(exprs.get(expr), &at)?;
            let (code, severity) = codes.resolve(
                spec.code.as_deref().ok_or_else(|| err("invalid_definition", &at, "a constraint needs a `code`"))?,
                spec.args.len(),
                severity,
                &format!("{}.code", p.at),
            )?;
            let mut args = Vec::new();
            for (k, a) in spec.args.iter().enumerate() {
                args.push(compile_at(a, &format!("{}.args[{k}]", p.at), p.ctx, key("args", k), &mut exprs)?);
            }
            rules.push(RuleRt {
                at: p.id,
                ctx: p.ctx,
                expr,
                kind: RuleKind::Constraint,
                code,
                args,
                severity,
                today: false,
            });
        }
        let max_length = spec.max_length.unwrap_or(500);
        if let Some(max) = spec.max {
            if !matches!(ty, Ty::Count | Ty::Decimal) || !(0.0..=1_000_000_000.0).contains(&max) {
                return Err(err(
                    "invalid_definition",
                    &format!("{}.max", p.at),
                    "max is the largest number a count or decimal field takes, from 0",
                ));
            }
            // A calculation is never typed (unless a person may type over it: calculate_code).
            if spec.calculate.is_some() && spec.calculate_code.is_none() {
                return Err(err(
                    "invalid_definition",
                    &format!("{}.max", p.at),
                    "max limits a typed number; a calculated field is typed over only with a calculate_code (a constraint limits a calculation)",
                ));
            }
        }
        if ty == Ty::List && spec.calculate.is_none() {
            return Err(err(
                "invalid_definition",
                &format!("{}.type", p.at),
                "a list is computed (the items answered 否): give it a calculate",
            ));
        }
        if spec.echo && (spec.calculate.is_some() || spec.columns.is_some()) {
            return Err(err(
                "invalid_definition",
                &format!("{}.echo", p.at),
                "echo gives back a typed value; a calculated field gives back its calculation",
            ));
        }
        if let Some(f) = fields.get_mut(usize::from(p.id)) {
            *f = Some(FieldRt {
                ty,
                need,
                max_length,
                max: spec.max,
                echo: spec.echo,
                option_ids: options.iter().map(|(id, _)| id.as_str().into()).collect(),
                options,
                calculate,
                calculate_code,
                checks,
                ctx: p.ctx,
                read: true,
            });
        }
    }
    for (i, rule) in def.rules.iter().enumerate() {
        let at = format!("rules[{i}]");
        let (ids, ctxs): (Vec<FieldId>, Vec<Ctx>) = match &rule.each {
            None => {
                let (id, _) = names.fixed.get(&rule.field).ok_or_else(|| {
                    // A column's id named without its table: say which table's rows to give in `each`.
                    let table = names.tables.iter().find(|(_, (_, cols))| cols.iter().any(|(n, _)| *n == rule.field));
                    match table {
                        Some((t, _)) => err(
                            "unknown_field",
                            &format!("{at}.each"),
                            format!("\"{}\" is a column of the table \"{t}\": give \"{t}\" in each (逐行)", rule.field),
                        ),
                        None => err("unknown_field", &format!("{at}.field"), format!("no field \"{}\"", rule.field)),
                    }
                })?;
                (vec![*id], vec![Ctx::Form])
            }
            Some(each) => {
                if let Some((t, columns)) = names.tables.get(each) {
                    let c = columns.iter().position(|(n, _)| *n == rule.field).ok_or_else(|| {
                        err(
                            "unknown_field",
                            &format!("{at}.field"),
                            format!("table \"{each}\" has no column \"{}\"", rule.field),
                        )
                    })?;
                    let rows = tables.get(*t).map_or(&[][..], |r| &r[..]);
                    rows.iter()
                        .enumerate()
                        .map(|(r, cells)| (cells.get(c).copied().unwrap_or(0), Ctx::Table(*t, r)))
                        .unzip()
                } else if let Some((g, columns)) = names.groups.get(each) {
                    let slot = columns.iter().find(|(n, _, _)| *n == rule.field).map(|c| c.1).ok_or_else(|| {
                        err(
                            "unknown_field",
                            &format!("{at}.field"),
                            format!("group \"{each}\" has no column \"{}\"", rule.field),
                        )
                    })?;
                    let id = schema
                        .groups
                        .get(usize::from(*g))
                        .and_then(|gd| gd.columns.get(usize::from(slot)))
                        .copied()
                        .unwrap_or(0);
                    (vec![id], vec![Ctx::Group(*g)])
                } else {
                    return Err(err("unknown_field", &format!("{at}.each"), format!("no table or group \"{each}\"")));
                }
            }
        };
        let severity = rule.severity.as_deref().map(|s| severity(s, &format!("{at}.severity"))).transpose()?;
        let (code, severity) = codes.resolve(&rule.code, rule.args.len(), severity, &format!("{at}.code"))?;
        for (id, ctx) in ids.into_iter().zip(ctxs) {
            let key = |what: &'static str, n: usize| match ctx {
                Ctx::Table(t, _) => Some((t, usize::MAX - i, what, n)),
                _ => None,
            };
            let expr =
                compile_at(&rule.constraint, &format!("{at}.constraint"), ctx, key("constraint", 0), &mut exprs)?;
            condition(exprs.get(expr), &format!("{at}.constraint"))?;
            let mut args = Vec::new();
            for (k, a) in rule.args.iter().enumerate() {
                args.push(compile_at(a, &format!("{at}.args[{k}]"), ctx, key("args", k), &mut exprs)?);
            }
            rules.push(RuleRt { at: id, ctx, expr, kind: RuleKind::Constraint, code, args, severity, today: false });
        }
    }
    let mut relevant: Vec<Option<usize>> = vec![None; schema.groups.len()];
    let mut relevant_uses = Vec::new();
    for (g, text, at) in pending_relevant {
        let e = compile_at(text, &at, Ctx::Group(g), None, &mut exprs)?;
        condition(exprs.get(e), &at)?;
        if let Some(slot) = relevant.get_mut(usize::from(g)) {
            *slot = Some(e);
        }
        let first = schema.groups.get(usize::from(g)).and_then(|d| d.columns.first()).copied().unwrap_or(0);
        relevant_uses.push((first, Ctx::Group(g), e, at));
    }
    let mut fields: Vec<FieldRt> = fields
        .into_iter()
        .map(|f| {
            f.unwrap_or(FieldRt {
                ty: Ty::Text,
                need: Need::Optional,
                max_length: 0,
                max: None,
                echo: false,
                options: Vec::new(),
                option_ids: Vec::new(),
                calculate: None,
                calculate_code: None,
                checks: Vec::new(),
                ctx: Ctx::Form,
                read: true,
            })
        })
        .collect();

    // Scopes: fixed fields joined by what their rules read.
    let mut parent: Vec<usize> = (0..n).collect();
    let mut sums: Vec<SumSlot> = Vec::new();
    let mut totals_kept: Vec<TotalSlots> = Vec::new();
    // A totalled column's field (of a table's first row): whether it is typed or computed, and
    // whether it is always required, say what a row left blank in it adds.
    let column_field = |group: u32, id: u32| -> Option<&FieldRt> {
        let f = if group >= TABLE_GROUP {
            let c = ((id - TABLE_COLUMN) % 256) as usize;
            tables.get((group - TABLE_GROUP) as usize).and_then(|rows| rows.first()).and_then(|cells| cells.get(c))
        } else {
            let slot = ((id - GROUP_COLUMN) % 256) as usize;
            schema.groups.get(group as usize).and_then(|g| g.columns.get(slot))
        };
        f.and_then(|f| fields.get(usize::from(*f)))
    };
    let mut row_slots: Vec<(GroupId, usize)> = Vec::new();
    let mut sums_fields: Vec<FieldId> = Vec::new();
    let mut clock_fields: Vec<FieldId> = Vec::new();
    let mut row_inputs: Vec<(FieldId, GroupId)> = Vec::new();
    let mut next_slot = 0usize;
    let fixed_of = |id: u32, ctx: Ctx| -> Option<FieldId> {
        if id < TABLE_COLUMN {
            return FieldId::try_from(id).ok();
        }
        match ctx {
            Ctx::Table(t, r) if (TABLE_COLUMN..GROUP_COLUMN).contains(&id) => {
                let c = ((id - TABLE_COLUMN) % 256) as usize;
                tables.get(t).and_then(|rows| rows.get(r)).and_then(|cells| cells.get(c)).copied()
            }
            _ => None,
        }
    };
    // Every expression with the field it belongs to and the key it was written at (for mistakes
    // found only now, when the expressions are joined into scopes).
    let place_of = |f: FieldId| pending.iter().find(|p| p.id == f).map_or("fields".to_owned(), |p| p.at.clone());
    let mut uses: Vec<(FieldId, Ctx, usize, String)> = Vec::new();
    for (f, rt) in fields.iter().enumerate() {
        let f = FieldId::try_from(f).unwrap_or(0);
        if let Some(e) = rt.calculate {
            uses.push((f, rt.ctx, e, format!("{}.calculate", place_of(f))));
        }
        for c in &rt.checks {
            match c {
                Check::DistinctFrom(other) if rt.ctx == Ctx::Form => {
                    union(&mut parent, usize::from(f), usize::from(*other))
                }
                Check::NotInFuture | Check::Deadline | Check::MonthlyDeadline => clock_fields.push(f),
                _ => {}
            }
        }
        if matches!(rt.ty, Ty::ResidentId) {
            clock_fields.push(f);
        }
    }
    uses.extend(relevant_uses);
    for r in &rules {
        uses.push((r.at, r.ctx, r.expr, place_of(r.at)));
        for a in &r.args {
            uses.push((r.at, r.ctx, *a, place_of(r.at)));
        }
    }
    for (at, ctx, e, place) in &uses {
        let Some(compiled) = exprs.get(*e) else { continue };
        if compiled.today {
            clock_fields.push(*at);
        }
        for input in &compiled.inputs {
            match (input, ctx) {
                (Input::Field(id), Ctx::Group(g)) if *id < TABLE_COLUMN => {
                    if let Ok(id) = FieldId::try_from(*id) {
                        // A row reads a form field as typed; a computed one would read blank.
                        if fields.get(usize::from(id)).is_some_and(|f| f.calculate.is_some()) {
                            let name = schema.fields.get(usize::from(id)).map_or("", |x| x.name.as_str());
                            return Err(err(
                                "unsupported_expression",
                                place,
                                format!("a repeated group's row cannot read the computed field {name} yet; read the fields it is computed from"),
                            ));
                        }
                        if !row_inputs.contains(&(id, *g)) {
                            row_inputs.push((id, *g));
                        }
                    }
                }
                (Input::Field(_), Ctx::Group(_)) => {}
                (Input::Field(id), _) => {
                    if let Some(other) = fixed_of(*id, *ctx) {
                        union(&mut parent, usize::from(*at), usize::from(other));
                    }
                }
                (Input::Column { group, id }, Ctx::Form) => {
                    if folds(&compiled.root, *group, *id, true) {
                        let i = match totals_kept.iter().position(|t| t.group == *group) {
                            Some(i) => i,
                            None => {
                                if next_slot + 2 > TALLY_SLOTS {
                                    return Err(err("definition_too_large", place, slots_full()));
                                }
                                totals_kept.push(TotalSlots { group: *group, columns: Vec::new(), unknown: next_slot });
                                next_slot += 1;
                                totals_kept.len() - 1
                            }
                        };
                        if let Some(t) = totals_kept.get_mut(i).filter(|t| !t.columns.iter().any(|c| c.id == *id)) {
                            if next_slot + 1 > TALLY_SLOTS {
                                return Err(err("definition_too_large", place, slots_full()));
                            }
                            let rt = column_field(*group, *id);
                            let typed = rt.is_some_and(|rt| rt.calculate.is_none());
                            let optional = typed && rt.is_some_and(|rt| rt.need != Need::Required);
                            t.columns.push(TotalColumn { id: *id, slot: next_slot, typed, optional });
                            next_slot += 1;
                        }
                    }
                    // A column read only by a count's condition is that count's, not a sum.
                    let summed = folds(&compiled.root, *group, *id, false);
                    if summed && !sums.iter().any(|s| s.group == *group && s.column == *id) {
                        if next_slot + 2 > TALLY_SLOTS {
                            return Err(err("definition_too_large", place, slots_full()));
                        }
                        sums.push(SumSlot { group: *group, column: *id, slot: next_slot });
                        next_slot += 2;
                    }
                    sums_fields.push(*at);
                }
                (Input::Rows(group), Ctx::Form) => {
                    // Only count(${g}) reads the number of rows; a sum or a conditional count keeps its own.
                    if *group < TABLE_GROUP && counts_rows(&compiled.root, *group) {
                        let g = GroupId::try_from(*group).unwrap_or(0);
                        if !row_slots.iter().any(|(x, _)| *x == g) {
                            if next_slot + 1 > TALLY_SLOTS {
                                return Err(err("definition_too_large", place, slots_full()));
                            }
                            row_slots.push((g, next_slot));
                            next_slot += 1;
                        }
                    }
                    sums_fields.push(*at);
                }
                (Input::Column { .. } | Input::Rows(_), _) => {
                    return Err(err(
                        "unsupported_expression",
                        place,
                        "sums and counts over rows are taken at the form's level, not inside a row",
                    ))
                }
                (Input::Param(_), _) => {}
            }
        }
    }
    // Conditional counts at the form's level are running counts too: each row evaluates its own
    // condition, in its row's scope (a table row's cells that the condition reads are joined into
    // one scope, which counts that row).
    let mut counts: Vec<CountSlot> = Vec::new();
    for (at, ctx, e, place) in &uses {
        if *ctx != Ctx::Form {
            continue;
        }
        let Some(compiled) = exprs.get(*e) else { continue };
        let mut found = Vec::new();
        conditional_counts(&compiled.root, &mut found);
        for (group, pred, sum) in found {
            if counts.iter().any(|c| c.group == group && c.sum == sum && c.pred.root == *pred) {
                continue;
            }
            // A row answers its condition alone: one reading the rows themselves (a sum, another
            // count) would change with every other row.
            if reads_rows(pred) {
                let path = schema.path(*at, None);
                return Err(err(
                    "unsupported_expression",
                    &path,
                    "a count's condition is read in each row alone: it cannot sum or count rows itself",
                ));
            }
            if next_slot + 2 > TALLY_SLOTS {
                return Err(err("definition_too_large", place, slots_full()));
            }
            let mut read = Vec::new();
            fields_read(pred, &mut read);
            let mut homes = Vec::new();
            let today = reads_today(pred);
            if group >= TABLE_GROUP {
                let t = (group - TABLE_GROUP) as usize;
                if read.iter().any(|id| *id < TABLE_COLUMN) {
                    // Joining a form field to every row's scope would join the rows to one another.
                    return Err(err(
                        "unsupported_expression",
                        &schema.path(*at, None),
                        "a count's condition over a table's rows reads the row's columns only, not a form field",
                    ));
                }
                for (r, cells) in tables.get(t).map_or(&[][..], |rows| &rows[..]).iter().enumerate() {
                    let reads: Vec<FieldId> = read.iter().filter_map(|id| fixed_of(*id, Ctx::Table(t, r))).collect();
                    let Some(&home) = reads.first().or(cells.first()) else { continue };
                    for other in reads {
                        union(&mut parent, usize::from(home), usize::from(other));
                    }
                    homes.push(home);
                    if today {
                        // The row's answer holds for today only: its scope re-runs when the day turns.
                        clock_fields.push(home);
                    }
                }
            } else {
                let g = GroupId::try_from(group).unwrap_or(0);
                for id in read.iter().filter_map(|id| FieldId::try_from(*id).ok().filter(|_| *id < TABLE_COLUMN)) {
                    if fields.get(usize::from(id)).is_some_and(|f| f.calculate.is_some()) {
                        let name = schema.fields.get(usize::from(id)).map_or("", |x| x.name.as_str());
                        return Err(err(
                            "unsupported_expression",
                            place,
                            format!("a count's condition over rows cannot read the computed field {name} yet; read the fields it is computed from"),
                        ));
                    }
                    if !row_inputs.contains(&(id, g)) {
                        row_inputs.push((id, g));
                    }
                }
            }
            let ty = if sum { Type::Number } else { Type::Bool };
            let pred = Compiled { root: pred.clone(), ty, inputs: Vec::new(), today };
            counts.push(CountSlot { group, pred, sum, slot: next_slot, homes });
            next_slot += 2;
        }
    }
    // A table row's totalled cells are checked as one scope: the row adds to its totals, or leaves
    // them unknown, as a whole.
    for t in totals_kept.iter().filter(|t| t.group >= TABLE_GROUP) {
        for cells in tables.get((t.group - TABLE_GROUP) as usize).map_or(&[][..], |rows| &rows[..]) {
            let mut row = t.columns.iter().filter_map(|c| cells.get(((c.id - TABLE_COLUMN) % 256) as usize));
            if let Some(&home) = row.next() {
                for &other in row {
                    union(&mut parent, usize::from(home), usize::from(other));
                }
            }
        }
    }
    // Only sum() and counts have running sums; min/max over a column would have to read every row.
    for (at, ctx, e, _) in &uses {
        if *ctx == Ctx::Form {
            if let Some(c) = exprs.get(*e) {
                if has_scan(&c.root) {
                    let path = schema.path(*at, None);
                    return Err(err(
                        "unsupported_expression",
                        &path,
                        "min() and max() over a column are not kept as running sums yet; use sum() or count()",
                    ));
                }
            }
        }
    }

    // Number the scopes by their first field, in display order, and rebuild the sections.
    let mut scope_of: BTreeMap<usize, ScopeId> = BTreeMap::new();
    let mut sections = Vec::new();
    let mut scope_fields: Vec<Vec<FieldId>> = Vec::new();
    for s in &decl {
        match *s {
            Section::Scope(f) => {
                let root = find(&mut parent, usize::from(f));
                let next = ScopeId::try_from(scope_of.len()).unwrap_or(ScopeId::MAX);
                let scope = *scope_of.entry(root).or_insert_with(|| {
                    sections.push(Section::Scope(next));
                    scope_fields.push(Vec::new());
                    next
                });
                if let Some(list) = scope_fields.get_mut(usize::from(scope)) {
                    list.push(f);
                }
                if let Some(def) = schema.fields.get_mut(usize::from(f)) {
                    def.scope = scope;
                }
            }
            Section::Group(g) => sections.push(Section::Group(g)),
        }
    }
    schema.sections = sections;
    schema.scope_count = scope_fields.len();
    // A scope's fields run in an order where a calculation comes after the fields it reads,
    // wherever the officer placed it on the sheet (a 合计 above its table).
    for list in &mut scope_fields {
        let deps: Vec<Vec<FieldId>> = list
            .iter()
            .map(|f| {
                let rt = fields.get(usize::from(*f));
                let inputs = rt.and_then(|rt| rt.calculate.and_then(|e| exprs.get(e)).map(|c| (rt.ctx, &c.inputs)));
                inputs.map_or_else(Vec::new, |(ctx, inputs)| {
                    inputs
                        .iter()
                        .filter_map(|i| match i {
                            Input::Field(id) => fixed_of(*id, ctx).filter(|d| d != f),
                            _ => None,
                        })
                        .collect()
                })
            })
            .collect();
        *list = run_order(list, &deps).map_err(|f| circle(&pending, f))?;
    }
    for r in &mut rules {
        let reads_today = |e: &usize| exprs.get(*e).is_some_and(|c| c.today);
        r.today = reads_today(&r.expr) || r.args.iter().any(reads_today);
    }
    // Totals are worked out from the running sums alone, outside any scope (totals.rs).
    let totals = select_totals(&fields, &exprs, &rules, &uses, &scope_fields);
    for list in &mut scope_fields {
        list.retain(|f| !totals.contains(f));
    }
    sums_fields.retain(|f| !totals.contains(f));
    // A row's columns run in the same kind of order: a guard's age computed from the ID column
    // after it runs after that column.
    let mut group_order = Vec::with_capacity(schema.groups.len());
    for (g, group) in schema.groups.iter().enumerate() {
        let deps: Vec<Vec<u16>> = group
            .columns
            .iter()
            .enumerate()
            .map(|(slot, f)| {
                let calc = fields.get(usize::from(*f)).and_then(|rt| rt.calculate).and_then(|e| exprs.get(e));
                calc.map_or_else(Vec::new, |c| {
                    c.inputs
                        .iter()
                        .filter_map(|i| match i {
                            Input::Field(id) if *id >= GROUP_COLUMN && (id - GROUP_COLUMN) / 256 == g as u32 => {
                                u16::try_from((id - GROUP_COLUMN) % 256).ok().filter(|d| usize::from(*d) != slot)
                            }
                            _ => None,
                        })
                        .collect()
                })
            })
            .collect();
        let slots: Vec<u16> = (0..group.columns.len()).filter_map(|s| u16::try_from(s).ok()).collect();
        let order = run_order(&slots, &deps)
            .map_err(|slot| circle(&pending, group.columns.get(usize::from(slot)).copied().unwrap_or(0)))?;
        group_order.push(order);
    }
    let scope_id = |f: FieldId, schema: &Schema| schema.field(f).map_or(0, |d| d.scope);
    let mut scope_rules = vec![Vec::new(); scope_fields.len()];
    let mut group_rules = vec![Vec::new(); schema.groups.len()];
    for (i, r) in rules.iter().enumerate() {
        match r.ctx {
            Ctx::Group(g) => {
                if let Some(list) = group_rules.get_mut(usize::from(g)) {
                    list.push(i);
                }
            }
            _ => {
                if let Some(list) = scope_rules.get_mut(usize::from(scope_id(r.at, &schema))) {
                    list.push(i);
                }
            }
        }
    }
    let mut clock_scopes: Vec<ScopeId> = Vec::new();
    for f in clock_fields {
        if fields.get(usize::from(f)).is_some_and(|rt| matches!(rt.ctx, Ctx::Group(_))) {
            continue;
        }
        let s = scope_id(f, &schema);
        if !clock_scopes.contains(&s) {
            clock_scopes.push(s);
        }
    }
    let mut sums_scopes: Vec<ScopeId> = Vec::new();
    for f in sums_fields {
        let s = scope_id(f, &schema);
        if !sums_scopes.contains(&s) {
            sums_scopes.push(s);
        }
    }
    // A scope that reads the running sums must not add to them (it would re-run itself).
    for s in &sums_scopes {
        let feeding = scope_fields.get(usize::from(*s)).and_then(|list| {
            list.iter().find(|f| {
                sums.iter().any(|slot| feeds_slot(&tables, slot, **f))
                    || counts.iter().any(|c| c.homes.contains(f))
                    || totals_kept.iter().any(|t| totals_cell(&tables, t, **f))
            })
        });
        if let Some(f) = feeding {
            let at = pending.iter().find(|p| p.id == *f).map_or("fields", |p| p.at.as_str());
            let name = schema.fields.get(usize::from(*f)).map_or("", |x| x.name.as_str());
            return Err(err(
                "unsupported_expression",
                at,
                format!("{name} is summed into a total, and a rule joins it to that total (a row's rule cannot read a sum over its own column)"),
            ));
        }
    }

    let key_period = match (param_date(def, "key_period_from")?, param_date(def, "key_period_to")?) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => None,
    };
    let deadline =
        match set_param(def, "deadline") {
            Some(Param::Text(t)) => Some(TimeOfDay::parse(t).ok_or_else(|| {
                err("invalid_param", "params.deadline", format!("\"{t}\" is not a time such as 16:00"))
            })?),
            None => None,
            // A deadline of 16 (a number) would otherwise be no deadline at all.
            Some(_) => return Err(err("invalid_param", "params.deadline", "a time of day as text, such as \"16:00\"")),
        };
    let window = match (param_date(def, "window_from")?, param_date(def, "window_to")?) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => None,
    };
    let short_phone_allowed = match set_param(def, "short_phone_allowed") {
        None | Some(Param::Bool(false)) => false,
        Some(Param::Bool(true)) => true,
        Some(_) => return Err(err("invalid_param", "params.short_phone_allowed", "yes or no (true or false)")),
    };
    let monthly_deadline_day = match set_param(def, "monthly_deadline_day") {
        None => None,
        Some(Param::Num(n)) if n.fract() == 0.0 && (1.0..=31.0).contains(n) => Some(*n as u8),
        Some(_) => {
            return Err(err(
                "invalid_param",
                "params.monthly_deadline_day",
                "the day of the month a report is due, 1 to 31",
            ))
        }
    };
    mark_read(&mut fields, &exprs, &counts, &sums, &keys, &tables, &schema);
    let mut local = vec![0u16; schema.fields.len()];
    for list in &scope_fields {
        for (i, f) in list.iter().enumerate() {
            if let Some(at) = local.get_mut(usize::from(*f)) {
                *at = u16::try_from(i).unwrap_or(u16::MAX);
            }
        }
    }
    let scope_sums: Vec<Vec<(usize, FieldId)>> = scope_fields
        .iter()
        .map(|list| {
            let mut feeds = Vec::new();
            for s in sums.iter().filter(|s| s.group >= TABLE_GROUP) {
                let t = (s.group - TABLE_GROUP) as usize;
                let c = ((s.column - TABLE_COLUMN) % 256) as usize;
                for cells in tables.get(t).map_or(&[][..], |r| &r[..]) {
                    match cells.get(c) {
                        Some(&f) if list.contains(&f) => feeds.push((s.slot, f)),
                        _ => {}
                    }
                }
            }
            feeds
        })
        .collect();
    let scope_counts: Vec<Vec<(usize, usize)>> = scope_fields
        .iter()
        .map(|list| {
            let mut feeds = Vec::new();
            for (i, c) in counts.iter().enumerate().filter(|(_, c)| c.group >= TABLE_GROUP) {
                for (r, home) in c.homes.iter().enumerate() {
                    if list.contains(home) {
                        feeds.push((i, r));
                    }
                }
            }
            feeds
        })
        .collect();
    let scope_totals: Vec<Vec<(usize, usize)>> = scope_fields
        .iter()
        .map(|list| {
            let mut feeds = Vec::new();
            for (i, t) in totals_kept.iter().enumerate().filter(|(_, t)| t.group >= TABLE_GROUP) {
                for (r, cells) in
                    tables.get((t.group - TABLE_GROUP) as usize).map_or(&[][..], |x| &x[..]).iter().enumerate()
                {
                    let home = t.columns.first().and_then(|c| cells.get(((c.id - TABLE_COLUMN) % 256) as usize));
                    if home.is_some_and(|h| list.contains(h)) {
                        feeds.push((i, r));
                    }
                }
            }
            feeds
        })
        .collect();
    // Every sum and count a form-level expression takes is read from its tally by index.
    let mut kept = Vec::new();
    for (_, ctx, e, _) in &uses {
        if *ctx == Ctx::Form {
            if let Some(c) = exprs.get_mut(*e) {
                let tallies = Tallies {
                    sums: &sums,
                    counts: &counts,
                    row_slots: &row_slots,
                    tables: &tables,
                    totals: &totals_kept,
                };
                keep(&mut c.root, &tallies, &mut kept);
            }
        }
    }
    let cumulative = match set_param(def, "cumulative") {
        None | Some(Param::Bool(false)) => false,
        Some(Param::Bool(true)) => true,
        Some(_) => return Err(err("invalid_param", "params.cumulative", "cumulative is yes or no (true or false)")),
    };
    Ok(Defined {
        id: def.id.clone(),
        title: label(&def.title),
        schema,
        fields,
        exprs,
        rules,
        scope_fields,
        local,
        scope_rules,
        scope_sums,
        scope_counts,
        group_rules,
        relevant,
        group_order,
        tables,
        sums,
        counts,
        totals_kept,
        scope_totals,
        kept,
        keys,
        row_slots,
        clock_scopes,
        sums_scopes,
        totals,
        row_inputs,
        params,
        key_period,
        deadline,
        monthly_deadline_day,
        window,
        short_phone_allowed,
        cumulative,
        own_codes: codes.0.into_iter().map(|(c, _)| c).collect(),
    })
}

/// Marks the fields whose value something reads ([`FieldRt::read`]): named by an expression or a
/// running count's condition (as a form field, a table column or a group column), summed, part of
/// a group's key, or echoed.
fn mark_read(
    fields: &mut [FieldRt],
    exprs: &[Compiled],
    counts: &[CountSlot],
    sums: &[SumSlot],
    keys: &[KeySpec],
    tables: &[Vec<Vec<FieldId>>],
    schema: &Schema,
) {
    let mut ids: Vec<u32> = sums.iter().map(|s| s.column).collect();
    for c in exprs.iter().chain(counts.iter().map(|c| &c.pred)) {
        for i in &c.inputs {
            match i {
                Input::Field(id) | Input::Column { id, .. } => ids.push(*id),
                Input::Rows(_) | Input::Param(_) => {}
            }
        }
    }
    ids.sort_unstable();
    let named = |id: u32| ids.binary_search(&id).is_ok();
    for (f, rt) in fields.iter_mut().enumerate() {
        let id = u32::try_from(f).unwrap_or(u32::MAX);
        let (column, keyed) = match rt.ctx {
            Ctx::Form => (None, false),
            Ctx::Table(t, r) => {
                let cells = tables.get(t).and_then(|rows| rows.get(r));
                let c = cells.and_then(|cells| cells.iter().position(|x| u32::from(*x) == id));
                (c.map(|c| TABLE_COLUMN + (t as u32) * 256 + c as u32), false)
            }
            Ctx::Group(g) => {
                let slot = schema.field(FieldId::try_from(f).unwrap_or(FieldId::MAX)).map_or(0, |d| d.slot);
                // A key reads typed text as typed, not its value (form.rs, `row_key`).
                let typed_text = rt.ty == Ty::Text && rt.calculate.is_none();
                let keyed = !typed_text && keys.iter().any(|k| k.group == g && k.slots.contains(&slot));
                (Some(GROUP_COLUMN + u32::from(g) * 256 + u32::from(slot)), keyed)
            }
        };
        rt.read = rt.echo || keyed || named(id) || column.is_some_and(named);
    }
}

/// The fields that are totals (totals.rs: worked out from the running sums alone), in an order where a total comes after the totals it reads
/// (`scope_fields`, each scope already in its run order). `uses` is every expression with the
/// field it belongs to: calculations, rules and their arguments, `relevant`.
fn select_totals(
    fields: &[FieldRt],
    exprs: &[Compiled],
    rules: &[RuleRt],
    uses: &[(FieldId, Ctx, usize, String)],
    scope_fields: &[Vec<FieldId>],
) -> Vec<FieldId> {
    let calc = |rt: &FieldRt| rt.calculate.and_then(|e| exprs.get(e));
    // A total is a plain calculation: nothing typed over it, no check, no rule marking it, not
    // read against today nor asking what is typed (`typed()` reads cells, which the sums alone
    // do not hold), reading only sums, counts, parameters and form fields.
    let mut total: Vec<bool> = fields
        .iter()
        .enumerate()
        .map(|(f, rt)| {
            rt.ctx == Ctx::Form
                && rt.calculate_code.is_none()
                && rt.checks.is_empty()
                && !rt.echo
                && !rules.iter().any(|r| usize::from(r.at) == f)
                && calc(rt).is_some_and(|c| {
                    !c.today
                        && !has_typed(&c.root)
                        && c.inputs.iter().all(|i| !matches!(i, Input::Field(id) if *id >= TABLE_COLUMN))
                })
        })
        .collect();
    // Keep only those whose form fields are totals and that only totals read.
    let is = |total: &[bool], id: u32| usize::try_from(id).ok().and_then(|i| total.get(i).copied()).unwrap_or(false);
    loop {
        let mut changed = false;
        for (at, _, e, _) in uses {
            let own =
                is(&total, u32::from(*at)) && fields.get(usize::from(*at)).and_then(|rt| rt.calculate) == Some(*e);
            let Some(c) = exprs.get(*e) else { continue };
            for input in &c.inputs {
                let Input::Field(id) = input else { continue };
                if *id >= TABLE_COLUMN {
                    continue;
                }
                let unmark = if own { !is(&total, *id) } else { is(&total, *id) };
                if unmark {
                    let f = if own { usize::from(*at) } else { *id as usize };
                    if let Some(t) = total.get_mut(f) {
                        *t = false;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    let list: Vec<FieldId> = scope_fields.iter().flatten().copied().filter(|f| is(&total, u32::from(*f))).collect();
    // The session compares totals by a search of this short list.
    if list.len() > TALLY_SLOTS {
        return Vec::new();
    }
    list
}

/// Whether a table cell feeds a running sum.
fn feeds_slot(tables: &[Vec<Vec<FieldId>>], slot: &SumSlot, f: FieldId) -> bool {
    if slot.group < TABLE_GROUP {
        return false;
    }
    let t = (slot.group - TABLE_GROUP) as usize;
    let c = ((slot.column - TABLE_COLUMN) % 256) as usize;
    tables.get(t).is_some_and(|rows| rows.iter().any(|cells| cells.get(c) == Some(&f)))
}

/// The children of a node, for the walks below ([`children_mut`] is the same walk, for [`keep`]'s
/// rewriting).
fn children(node: &Node) -> Vec<&Node> {
    match node {
        Node::Neg(a) | Node::Not(a) | Node::Abs(a) | Node::Len(a) | Node::Blank(a) | Node::Typed(a) => vec![a],
        Node::Arith(_, a, b)
        | Node::Cmp(_, a, b)
        | Node::And(a, b)
        | Node::Or(a, b)
        | Node::Pair(_, a, b)
        | Node::Days(a, b)
        | Node::Round(a, b) => vec![a, b],
        Node::If(a, b, c) => vec![a, b, c],
        Node::Count(_, Some(p)) | Node::SumOf(_, p) => vec![p],
        Node::Call(_, args) => args.iter().collect(),
        _ => Vec::new(),
    }
}

/// The children of a node, to rewrite them in place.
fn children_mut(node: &mut Node) -> Vec<&mut Node> {
    match node {
        Node::Neg(a) | Node::Not(a) | Node::Abs(a) | Node::Len(a) | Node::Blank(a) | Node::Typed(a) => vec![a],
        Node::Arith(_, a, b)
        | Node::Cmp(_, a, b)
        | Node::And(a, b)
        | Node::Or(a, b)
        | Node::Pair(_, a, b)
        | Node::Days(a, b)
        | Node::Round(a, b) => vec![a, b],
        Node::If(a, b, c) => vec![a, b, c],
        Node::Count(_, Some(p)) | Node::SumOf(_, p) => vec![p],
        Node::Call(_, args) => args.iter_mut().collect(),
        _ => Vec::new(),
    }
}

/// What a definition that needs more running slots than a form keeps is told (a column's sum
/// takes two, a conditional count or sum two, a group's row count one, a total one and its table
/// one more: docs/definitions.md).
fn slots_full() -> String {
    format!("more than the {TALLY_SLOTS} running slots a form keeps for its sums, counts and totals across rows")
}

/// The running figures a form keeps: its column sums, conditional counts and sums, row counts
/// and totals, and its tables' cells.
struct Tallies<'a> {
    sums: &'a [SumSlot],
    counts: &'a [CountSlot],
    row_slots: &'a [(GroupId, usize)],
    tables: &'a [Vec<Vec<FieldId>>],
    totals: &'a [TotalSlots],
}

/// Rewrites a form-level expression's sums, counts and totals over rows into readings of the
/// figures the form keeps ([`Node::Kept`], its index in `kept`); a table's number of rows, which
/// never changes, becomes that number.
fn keep(node: &mut Node, tallies: &Tallies, kept: &mut Vec<Tally>) {
    let mut index = |t: Tally| {
        let i = kept.iter().position(|k| *k == t).unwrap_or_else(|| {
            kept.push(t);
            kept.len() - 1
        });
        Node::Kept(u32::try_from(i).unwrap_or(u32::MAX))
    };
    let found = match &*node {
        Node::Fold(Fold::Sum, group, id) => {
            tallies.sums.iter().find(|s| s.group == *group && s.column == *id).map(|s| index(Tally::Sum(s.slot)))
        }
        Node::Fold(Fold::Total, group, id) => {
            let t = tallies.totals.iter().find(|t| t.group == *group);
            let column = t.and_then(|t| Some((t.columns.iter().find(|c| c.id == *id)?.slot, t.unknown)));
            column.map(|(slot, unknown)| index(Tally::Total(slot, unknown)))
        }
        Node::Count(group, None) if *group >= TABLE_GROUP => {
            let rows = tallies.tables.get((group - TABLE_GROUP) as usize).map_or(0, Vec::len);
            Some(Node::Num(rows as f64))
        }
        Node::Count(group, None) => {
            let g = GroupId::try_from(*group).unwrap_or(0);
            tallies.row_slots.iter().find(|(x, _)| *x == g).map(|(_, slot)| index(Tally::Rows(*slot)))
        }
        Node::Count(group, Some(pred)) | Node::SumOf(group, pred) => {
            let sum = matches!(node, Node::SumOf(..));
            let c = tallies.counts.iter().find(|c| c.group == *group && c.sum == sum && c.pred.root == **pred);
            c.map(|c| index(if sum { Tally::Sum(c.slot) } else { Tally::Count(c.slot) }))
        }
        _ => None,
    };
    if let Some(k) = found {
        *node = k;
        return;
    }
    for child in children_mut(node) {
        keep(child, tallies, kept);
    }
}

/// Whether a table cell is one of a table's totalled cells.
fn totals_cell(tables: &[Vec<Vec<FieldId>>], t: &TotalSlots, f: FieldId) -> bool {
    if t.group < TABLE_GROUP {
        return false;
    }
    let rows = tables.get((t.group - TABLE_GROUP) as usize).map_or(&[][..], |x| &x[..]);
    rows.iter().any(|cells| t.columns.iter().any(|c| cells.get(((c.id - TABLE_COLUMN) % 256) as usize) == Some(&f)))
}

/// Whether an expression counts every row of `group` (`count(${g})`, no condition).
fn counts_rows(node: &Node, group: u32) -> bool {
    matches!(node, Node::Count(g, None) if *g == group) || children(node).into_iter().any(|c| counts_rows(c, group))
}

/// Whether an expression reads rows of a group or table (a sum, a count, a min or a max).
pub(super) fn reads_rows(node: &Node) -> bool {
    matches!(node, Node::Fold(..) | Node::Count(..) | Node::SumOf(..)) || children(node).into_iter().any(reads_rows)
}

/// Whether an expression folds column `id` of `group`: totals it (`total`), or else sums it or
/// takes its min or max.
fn folds(node: &Node, group: u32, id: u32, total: bool) -> bool {
    matches!(node, Node::Fold(f, g, c) if *g == group && *c == id && (*f == Fold::Total) == total)
        || children(node).into_iter().any(|c| folds(c, group, id, total))
}

/// Every `count(${g}, pred)` in an expression (not inside another's condition, which the parser
/// keeps in the row's scope, where there are no rows to count).
fn conditional_counts<'a>(node: &'a Node, out: &mut Vec<(u32, &'a Node, bool)>) {
    match node {
        Node::Count(group, Some(pred)) => out.push((*group, pred, false)),
        Node::SumOf(group, value) => out.push((*group, value, true)),
        other => children(other).into_iter().for_each(|c| conditional_counts(c, out)),
    }
}

/// The field ids an expression reads.
fn fields_read(node: &Node, out: &mut Vec<u32>) {
    match node {
        Node::Field(id) if !out.contains(id) => out.push(*id),
        other => children(other).into_iter().for_each(|c| fields_read(c, out)),
    }
}

/// Whether an expression reads today's date (a resident ID is read against today: one born after
/// it is not valid yet).
fn reads_today(node: &Node) -> bool {
    matches!(node, Node::Today | Node::Call(expr::Catalogue::BirthDate, _))
        || children(node).into_iter().any(reads_today)
}

/// Whether an expression asks, at the form's level, whether a cell is typed (`typed(${x})`); a
/// count's condition or a sum's value asks it in each row, which keeps the answer in its tally.
fn has_typed(node: &Node) -> bool {
    match node {
        Node::Typed(..) => true,
        Node::Count(_, Some(_)) | Node::SumOf(..) => false,
        other => children(other).into_iter().any(has_typed),
    }
}

/// Whether an expression calls a function of the catalogue.
fn has_call(node: &Node) -> bool {
    matches!(node, Node::Call(..)) || children(node).into_iter().any(has_call)
}

/// Whether an expression reads every row of a column (min, max).
fn has_scan(node: &Node) -> bool {
    matches!(node, Node::Fold(Fold::Min | Fold::Max, ..)) || children(node).into_iter().any(has_scan)
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while let Some(&p) = parent.get(x) {
        if p == x {
            break;
        }
        let grand = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(x) {
            *slot = grand;
        }
        x = p;
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    // The earlier field is the root, so a scope is named by its first field.
    let (root, child) = if ra <= rb { (ra, rb) } else { (rb, ra) };
    if let Some(slot) = parent.get_mut(child) {
        *slot = root;
    }
}

fn limit(count: usize) -> Result<(), DefinitionError> {
    if count > MAX_FIELDS {
        return Err(err("definition_too_large", "fields", format!("more than {MAX_FIELDS} fields")));
    }
    Ok(())
}

/// Every path the data can hold is its own: a form field `rows.fire.found` beside a table `rows`
/// with that cell, or `totals` beside `totals.funds`, would leave one of the two unreachable.
fn paths_apart<'a>(pending: &'a [Pending<'_>], names: &'a Names, schema: &'a Schema) -> Result<(), DefinitionError> {
    // (path, key, a group's rows): a field may carry sub-fields (the checklist's `items.9` beside
    // `items.9.helmet`, as the data's flat keys and the field table hold them), a group may not.
    let mut paths: Vec<(&str, &str, bool)> = Vec::new();
    for p in pending.iter().filter(|p| !matches!(p.ctx, Ctx::Group(_))) {
        if let Some(field) = schema.fields.get(usize::from(p.id)) {
            paths.push((field.name.as_str(), p.at.as_str(), false));
        }
    }
    for g in names.groups.keys() {
        paths.push((g.as_str(), "fields", true));
    }
    paths.sort_unstable();
    for pair in paths.windows(2) {
        let [(a, _, a_rows), (b, at, b_rows)] = pair else { continue };
        let under = b.strip_prefix(a).is_some_and(|rest| rest.starts_with('.'));
        if a == b || (under && (*a_rows || *b_rows)) {
            return Err(err(
                "duplicate_id",
                &format!("{at}.id"),
                format!("\"{b}\" clashes with \"{a}\": the data could hold only one"),
            ));
        }
    }
    Ok(())
}

/// The issuer's parameters, for an expression that reads nothing else.
struct Params<'a>(&'a BTreeMap<String, expr::Val>);

impl expr::Env for Params<'_> {
    fn field(&self, _id: u32, _row: Option<usize>) -> expr::Val {
        expr::Val::Null
    }
    fn rows(&self, _group: u32) -> usize {
        0
    }
    fn param(&self, name: &str) -> expr::Val {
        self.0.get(name).cloned().unwrap_or(expr::Val::Null)
    }
    fn today(&self) -> Option<i64> {
        None
    }
}

/// `items` in an order where each comes after those of its `deps` that are among `items` (a
/// calculation after the fields it reads), otherwise as given; `Err` names one item of a circle.
fn run_order(items: &[u16], deps: &[Vec<u16>]) -> Result<Vec<u16>, u16> {
    let size = items.iter().max().map_or(0, |m| usize::from(*m) + 1);
    let (mut among, mut placed) = (vec![false; size], vec![false; size]);
    for x in items {
        if let Some(a) = among.get_mut(usize::from(*x)) {
            *a = true;
        }
    }
    let flag = |v: &[bool], x: u16| v.get(usize::from(x)).copied().unwrap_or(false);
    let mut order = Vec::with_capacity(items.len());
    let mut rest: Vec<(u16, &Vec<u16>)> = items.iter().copied().zip(deps).collect();
    while let Some(&(first, _)) = rest.first() {
        let before = rest.len();
        rest.retain(|(x, deps)| {
            let ready = deps.iter().all(|d| flag(&placed, *d) || !flag(&among, *d));
            if ready {
                order.push(*x);
                if let Some(p) = placed.get_mut(usize::from(*x)) {
                    *p = true;
                }
            }
            !ready
        });
        if rest.len() == before {
            return Err(first);
        }
    }
    Ok(order)
}

/// The mistake of calculations reading each other in a circle, at one of them.
fn circle(pending: &[Pending<'_>], f: FieldId) -> DefinitionError {
    let at = pending.iter().find(|p| p.id == f).map_or("fields", |p| p.at.as_str());
    err("unsupported_expression", &format!("{at}.calculate"), "calculations that read each other in a circle")
}

/// Refuses on a column what belongs to its table or group, rather than ignore it.
fn column_only(col: &FieldSpec, at: &str) -> Result<(), DefinitionError> {
    if col.columns.is_some() || col.rows.is_some() {
        return Err(err("invalid_definition", at, "a column cannot hold columns"));
    }
    let whole = [
        ("relevant", col.relevant.is_some()),
        ("unique", !col.unique.is_empty()),
        ("unique_code", col.unique_code.is_some()),
    ];
    match whole.iter().find(|(_, set)| *set) {
        Some((key, _)) => Err(err(
            "invalid_definition",
            &format!("{at}.{key}"),
            format!("`{key}` is said of a repeated group's rows as a whole: write it on the group"),
        )),
        None => Ok(()),
    }
}

fn columns_fit(columns: &[FieldSpec], at: &str) -> Result<(), DefinitionError> {
    if columns.len() > MAX_COLUMNS {
        return Err(err("definition_too_large", &format!("{at}.columns"), format!("more than {MAX_COLUMNS} columns")));
    }
    Ok(())
}

/// A column's id must differ from the ids of the columns before it.
fn unique(columns: &[FieldSpec], c: usize, at: &str) -> Result<(), DefinitionError> {
    let id = columns.get(c).map(|col| col.id.as_str());
    if columns.iter().take(c).any(|earlier| Some(earlier.id.as_str()) == id) {
        return Err(err("duplicate_id", at, format!("\"{}\" is declared twice", id.unwrap_or(""))));
    }
    Ok(())
}

/// A `required` or `constraint` expression must give yes or no.
fn condition(compiled: Option<&Compiled>, at: &str) -> Result<(), DefinitionError> {
    match compiled.map(|c| c.ty) {
        Some(Type::Bool) | None => Ok(()),
        Some(other) => Err(err(
            "type_mismatch",
            at,
            format!("a condition gives yes or no (a comparison such as ${{unfixed}} > 0), not {}", other.name()),
        )),
    }
}

fn check_id(id: &str, at: &str) -> Result<(), DefinitionError> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && id.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
    if ok {
        Ok(())
    } else {
        Err(err(
            "invalid_id",
            at,
            format!("\"{id}\" is not an id: lower-case letters, digits and _, starting with a letter"),
        ))
    }
}

fn field_type(spec: &FieldSpec, at: &str) -> Result<Ty, DefinitionError> {
    let name =
        spec.ty.as_deref().ok_or_else(|| err("invalid_definition", &format!("{at}.type"), "a field needs a `type`"))?;
    Ty::parse(name).ok_or_else(|| {
        err("unknown_type", &format!("{at}.type"), format!("unknown type \"{name}\" (the catalogue: {})", Ty::NAMES))
    })
}

fn declare(
    b: &mut SchemaBuilder,
    path: &str,
    label: Localized,
    ty: Ty,
    spec: &FieldSpec,
    group: Option<GroupId>,
) -> FieldId {
    // A computed yes/no is a plain boolean to the portal (CONTRACT.md: `rows[i].overdue` (boolean)).
    let field_type = match ty {
        Ty::YesNo if spec.calculate.is_some() => FieldType::Boolean,
        _ => ty.field_type(),
    };
    let builder = match group {
        Some(g) => b.column(g, path, label, field_type),
        None => {
            // Each field opens its own scope; rules join them afterwards.
            b.scope();
            b.field(path, label, field_type)
        }
    };
    let builder = if matches!(spec.required, Some(Required::Always(true))) { builder.required() } else { builder };
    let builder = if spec.calculate.is_some() || spec.echo { builder.computed() } else { builder };
    let builder = if spec.personal { builder.personal() } else { builder };
    builder.id()
}

/// A field's part in a district's roll-up (`rollup`), checked against its type and its place.
fn roll_up(role: &str, ty: Ty, ctx: Ctx, calculated: bool, at: &str) -> Result<RollUp, DefinitionError> {
    let at = format!("{at}.rollup");
    let role = match role {
        "sum" => RollUp::Sum,
        "join" => RollUp::Join,
        "school" => RollUp::School,
        "period" => RollUp::Period,
        other => {
            return Err(err(
                "invalid_definition",
                &at,
                format!("unknown roll-up \"{other}\"; one of sum, join, school, period"),
            ))
        }
    };
    match (role, ctx) {
        (_, Ctx::Group(_)) => {
            return Err(err(
                "invalid_definition",
                &at,
                "a repeated group's rows differ from school to school: only form fields and table columns roll up",
            ))
        }
        (RollUp::School | RollUp::Period, Ctx::Table(..)) => {
            return Err(err(
                "invalid_definition",
                &at,
                format!("the {} is a form field, not a table's column", role_name(role)),
            ))
        }
        _ => {}
    }
    if calculated && role != RollUp::Sum {
        return Err(err(
            "invalid_definition",
            &at,
            format!("the roll-up's {} is read as typed: a calculated field can only be summed", role_name(role)),
        ));
    }
    let fits = match role {
        RollUp::Sum => matches!(ty, Ty::Count | Ty::Decimal),
        RollUp::Join | RollUp::School => ty == Ty::Text,
        RollUp::Period => ty == Ty::Date,
    };
    if !fits {
        return Err(err(
            "type_mismatch",
            &at,
            format!("a {} field cannot be the roll-up's {}", ty.name(), role_name(role)),
        ));
    }
    Ok(role)
}

/// A roll-up part as a definition writes it.
fn role_name(role: RollUp) -> &'static str {
    match role {
        RollUp::Sum => "sum",
        RollUp::Join => "join",
        RollUp::School => "school",
        RollUp::Period => "period",
    }
}

fn label(l: &super::format::Label) -> Localized {
    Localized { zh: l.zh.clone(), en: if l.en.is_empty() { l.zh.clone() } else { l.en.clone() } }
}

fn table_rows<'a>(def: &'a Definition, rows: &str, at: &str) -> Result<&'a [Option_], DefinitionError> {
    let name = rows
        .strip_prefix("$param.")
        .ok_or_else(|| err("invalid_definition", at, "a table's rows are a parameter list: \"$param.categories\""))?;
    match def.params.get(name) {
        Some(Param::Rows(list)) if list.len() <= MAX_TABLE_ROWS => {
            for (i, row) in list.iter().enumerate() {
                check_id(&row.id, &format!("params.{name}[{i}].id"))?;
                if list.iter().take(i).any(|earlier| earlier.id == row.id) {
                    return Err(err(
                        "duplicate_id",
                        &format!("params.{name}[{i}].id"),
                        format!("\"{}\" is listed twice", row.id),
                    ));
                }
            }
            Ok(list)
        }
        Some(Param::Rows(_)) => Err(err("definition_too_large", at, format!("more than {MAX_TABLE_ROWS} rows"))),
        _ => Err(err("unknown_param", at, format!("no parameter list \"{name}\""))),
    }
}

/// The most codes a definition declares itself.
pub const MAX_OWN_CODES: usize = 64;
/// The longest own code name, in bytes (snake_case ASCII).
const MAX_CODE_NAME: usize = 64;
/// The longest own message, in characters.
const MAX_MESSAGE_CHARS: usize = 500;

/// The codes a definition's rules may name: the code table's, then the definition's own, each with
/// how many message arguments it reads.
struct Codes(Vec<(OwnCode, usize)>);

impl Codes {
    /// Reads the definition's own codes: snake_case names the code table does not have, messages
    /// with no placeholder but `{label}`, `{0}` and `{1}`.
    fn read(specs: &BTreeMap<String, CodeSpec>) -> Result<Codes, DefinitionError> {
        if specs.len() > MAX_OWN_CODES {
            return Err(err("definition_too_large", "codes", format!("more than {MAX_OWN_CODES} codes")));
        }
        let mut own = Vec::with_capacity(specs.len());
        for (name, spec) in specs {
            let at = format!("codes.{name}");
            let snake = name.len() <= MAX_CODE_NAME
                && name.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
                && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !snake {
                return Err(err(
                    "invalid_definition",
                    &at,
                    format!(
                        "a code is snake_case: a–z, 0–9 and _, starting with a letter, at most {MAX_CODE_NAME} long"
                    ),
                ));
            }
            if Code::parse(name).is_some() {
                return Err(err(
                    "duplicate_id",
                    &at,
                    format!("\"{name}\" is already a code of the code table (docs/issue-codes.md): use it, or name yours otherwise"),
                ));
            }
            let en = if spec.en.trim().is_empty() { &spec.zh } else { &spec.en };
            let mut reads = 0;
            for (lang, text) in [("zh", &spec.zh), ("en", en)] {
                reads = reads.max(message(text, &format!("{at}.{lang}"))?);
            }
            let severity = spec.severity.as_deref().map(|s| severity(s, &format!("{at}.severity"))).transpose()?;
            own.push((
                OwnCode {
                    code: name.clone(),
                    severity: severity.unwrap_or(Severity::Error),
                    zh: spec.zh.clone(),
                    en: en.clone(),
                },
                reads,
            ));
        }
        Ok(Codes(own))
    }

    /// The issue a rule naming `name` with `args` message arguments raises, with its severity
    /// (`severity` the rule's own, else an own code's; `None` leaves a table code's to the code
    /// table and the profile). An own code whose message reads more arguments than the rule gives
    /// is refused: its message would show a gap.
    fn resolve(
        &self,
        name: &str,
        args: usize,
        severity: Option<Severity>,
        at: &str,
    ) -> Result<(Kind, Option<Severity>), DefinitionError> {
        if let Some(code) = Code::parse(name) {
            return Ok((Kind::bare(code), severity));
        }
        let found = self.0.iter().position(|(c, _)| c.code == name);
        match found.and_then(|i| Some((u8::try_from(i + 1).ok()?, self.0.get(i)?))) {
            Some((_, (_, reads))) if *reads > args => Err(err(
                "invalid_definition",
                at,
                format!("the message of \"{name}\" reads {reads} argument(s) ({{0}}, {{1}}); this rule gives {args}"),
            )),
            Some((n, (own, _))) => Ok((Kind::own(n), severity.or(Some(own.severity)))),
            None => Err(err(
                "unknown_code",
                at,
                format!("unknown issue code \"{name}\" (docs/issue-codes.md lists them; a form's own go in `codes`)"),
            )),
        }
    }
}

/// Checks an own code's message: not blank, not too long, placeholders `{label}`, `{0}`, `{1}` only.
/// Gives how many arguments it reads (1 for `{0}`, 2 for `{1}`).
fn message(text: &str, at: &str) -> Result<usize, DefinitionError> {
    if text.trim().is_empty() {
        return Err(err("invalid_definition", at, "a code needs its message"));
    }
    if text.chars().count() > MAX_MESSAGE_CHARS {
        return Err(err("definition_too_large", at, format!("longer than {MAX_MESSAGE_CHARS} characters")));
    }
    let mut rest = text;
    let mut reads = 0;
    while let Some(open) = rest.find(['{', '}']) {
        let after = rest.get(open..).unwrap_or("");
        let close = after.find('}').filter(|_| after.starts_with('{'));
        let name = close.and_then(|c| after.get(1..c));
        match name {
            Some(name @ ("label" | "0" | "1")) => {
                reads = reads.max(match name {
                    "0" => 1,
                    "1" => 2,
                    _ => 0,
                });
                rest = after.get(close.unwrap_or(0) + 1..).unwrap_or("");
            }
            _ => {
                // Counted from 1, as an expression's positions are.
                let column = text.get(..text.len() - rest.len() + open).map_or(0, |s| s.chars().count()) + 1;
                return Err(err(
                    "invalid_definition",
                    at,
                    format!("at {column}: a message's placeholders are {{label}}, {{0}} and {{1}}"),
                ));
            }
        }
    }
    Ok(reads)
}

fn severity(name: &str, at: &str) -> Result<Severity, DefinitionError> {
    match name {
        "error" | "错误" => Ok(Severity::Error),
        "warning" | "警告" => Ok(Severity::Warning),
        _ => Err(err("invalid_definition", at, format!("\"{name}\" is neither error (错误) nor warning (警告)"))),
    }
}

fn check(name: &str, ty: Ty, names: &Names, ctx: Ctx, at: &str) -> Result<Check, DefinitionError> {
    let needs = |want: Ty, c: Check| {
        if ty == want {
            Ok(c)
        } else {
            Err(err(
                "type_mismatch",
                at,
                format!("{name} checks a {} field", if want == Ty::Date { "date" } else { "count" }),
            ))
        }
    };
    match name.split_once(':') {
        None if name == "not_in_future" => needs(Ty::Date, Check::NotInFuture),
        None if name == "key_period" => needs(Ty::Date, Check::KeyPeriod),
        None if name == "deadline" => needs(Ty::Date, Check::Deadline),
        None if name == "not_decreased" => needs(Ty::Count, Check::NotDecreased),
        None if name == "monthly_deadline" => needs(Ty::Date, Check::MonthlyDeadline),
        None if name == "inspection_window" => needs(Ty::Date, Check::InspectionWindow),
        Some(("distinct_from", other)) if ctx == Ctx::Form => names
            .fixed
            .get(other)
            .map(|(id, _)| Check::DistinctFrom(*id))
            .ok_or_else(|| err("unknown_field", at, format!("no field \"{other}\""))),
        _ => Err(err(
            "unknown_check",
            at,
            format!("unknown check \"{name}\" (the catalogue: not_in_future, key_period, deadline, monthly_deadline, inspection_window, not_decreased, distinct_from:<field>)"),
        )),
    }
}

/// A parameter's value, unless the page's profile leaves it unset.
fn set_param<'a>(def: &'a Definition, name: &str) -> Option<&'a Param> {
    def.params.get(name).filter(|p| !matches!(p, Param::Unset) && !def.unset.iter().any(|u| u == name))
}

fn param_date(def: &Definition, name: &str) -> Result<Option<Date>, DefinitionError> {
    match set_param(def, name) {
        None => Ok(None),
        Some(Param::Text(t)) => normalise::parse_date(t).map(Some).map_err(|_| {
            err("invalid_param", &format!("params.{name}"), format!("\"{t}\" is not a date such as 2021-06-22"))
        }),
        Some(_) => Err(err("invalid_param", &format!("params.{name}"), "a date as text, such as 2021-06-22")),
    }
}
