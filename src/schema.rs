//! The field table of a form: every field once, with its label, type and flags, addressed by a
//! small integer id. Repeated groups (campuses, guards, register rows) declare their columns once;
//! a cell is a field id plus a row id. Paths (`rows.fire.found`, `rows[3].deadline`) exist only at
//! the edges: read into ids by [`Schema::resolve`] and the loader, rendered by [`Schema::path`].
//!
//! ```
//! use school_safety_forms::schema::{SchemaBuilder, FieldType};
//! use school_safety_forms::base::text::Localized;
//! let mut b = SchemaBuilder::default();
//! let unit = b.field("unit", Localized::new("填报单位", "Unit"), FieldType::Text).required().id();
//! let rows = b.group("rows", Localized::new("隐患", "Hazards"));
//! let place = b.column(rows, "place", Localized::new("地点", "Place"), FieldType::Text).id();
//! let schema = b.build();
//! assert_eq!(schema.resolve("unit"), Some((unit, None)));
//! assert_eq!(schema.resolve("rows[3].place"), Some((place, Some(3))));
//! ```

use crate::base::text::Localized;

/// A field's index in its form's table.
pub type FieldId = u16;
/// A repeated group's index in its form's table.
pub type GroupId = u8;
/// A fixed scope's index: fields checked together (a header block, a category row).
pub type ScopeId = u16;

/// A row's identity: stable while rows are inserted, removed and moved around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowId(pub u32);

impl RowId {
    /// The "row" of a field outside any group.
    pub const NONE: RowId = RowId(u32::MAX);
}

/// One cell: a field, and the row for a group's column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cell {
    /// The field.
    pub field: FieldId,
    /// The row ([`RowId::NONE`] outside groups).
    pub row: RowId,
}

impl Cell {
    /// A field outside any group.
    pub const fn fixed(field: FieldId) -> Cell {
        Cell { field, row: RowId::NONE }
    }

    /// The form as a whole (limits): rendered as the empty path.
    pub const FORM: Cell = Cell { field: FieldId::MAX, row: RowId::NONE };
}

/// The type of a field, for normalisation and `describe()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Free text.
    Text,
    /// A calendar date.
    Date,
    /// A whole number ≥ 0.
    Count,
    /// A percentage with one decimal.
    Percent,
    /// One of a list of options.
    Choice,
    /// A yes/no answer.
    YesNo,
    /// A computed true/false.
    Boolean,
    /// A computed list.
    List,
}

impl FieldType {
    /// The name used in `describe()`.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Date => "date",
            FieldType::Count => "count",
            FieldType::Percent => "percent",
            FieldType::Choice => "choice",
            FieldType::YesNo => "yes_no",
            FieldType::Boolean => "boolean",
            FieldType::List => "list",
        }
    }
}

/// An option of a choice field: the English id and its official Chinese wording.
pub type Choice = (&'static str, &'static str);

/// What a district's roll-up does with a field of a definition (its `rollup`, docs/definitions.md);
/// the built-in forms' roll-ups are their own code (engine/aggregate.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RollUp {
    /// Summed across the schools (a count or a decimal, a form field or a table column).
    Sum,
    /// The schools' texts, each after its school's name.
    Join,
    /// The field naming the school: the district's own name in the roll-up, and a school named
    /// twice is `duplicate_unit`.
    School,
    /// The report's date: the latest in the roll-up, and reports of different dates are
    /// `mixed_report_dates`.
    Period,
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    /// Outside groups the whole path (`rows.fire.found`); in a group the column name (`deadline`).
    pub name: String,
    /// The official label, used in messages.
    pub label: Localized,
    /// Value type.
    pub ty: FieldType,
    /// Must be filled (as `describe()` states it; conditional rules say more).
    pub required: bool,
    /// Computed by the engine (a portal may still let the user type it; it is then checked).
    pub computed: bool,
    /// Personal information (a person's name, resident ID, phone number): the drop-in never keeps
    /// its value in a draft in plain text (`describe()` says `personal: true`).
    pub personal: bool,
    /// The group whose column this is.
    pub group: Option<GroupId>,
    /// The fixed scope that reads it (outside groups).
    pub scope: ScopeId,
    /// The options of a choice field.
    pub options: &'static [Choice],
    /// Where its value is kept: the column's index in a group, else the field id.
    pub slot: u16,
    /// Its part in a district's roll-up, where its form declares one.
    pub rollup: Option<RollUp>,
}

/// A repeated group: rows of the same columns.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDef {
    /// The path segment (`rows`, `campuses`, `guards`).
    pub name: String,
    /// The group's label.
    pub label: Localized,
    /// Its columns' field ids.
    pub columns: Vec<FieldId>,
}

/// What the form shows, in order: fixed scopes and groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// A fixed scope.
    Scope(ScopeId),
    /// A repeated group.
    Group(GroupId),
}

/// A node of the key tree the object form's keys are read by (and js/pack.js walks the data by).
#[derive(Debug, Clone, PartialEq)]
pub enum KeyNode {
    /// Children by name; and the field named by the branch's own path, when a field has sub-fields
    /// (`items.9` with `items.9.helmet` below it).
    Branch(Vec<(String, u32)>, Option<FieldId>),
    /// A field.
    Field(FieldId),
    /// A group: any index leads to the row node.
    Group(GroupId, u32),
}

/// A position while reading a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// Inside the form's path tree.
    Node(u32),
    /// Inside row `index` of a group.
    Row(GroupId, u32, u32),
    /// At a field (a row's column when `row` is given).
    Field(FieldId, Option<u32>),
    /// Somewhere the form does not have.
    Unknown,
}

/// A segment of a path or key: `name` or `[index]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// An object key.
    Name(&'a str),
    /// An array index.
    Index(usize),
}

/// Splits `rows[3].deadline` or `rows.fire.found` into segments; `None` for a malformed path.
pub fn segments(path: &str) -> impl Iterator<Item = Option<Segment<'_>>> {
    path.split('.').flat_map(|part| {
        let (name, rest) = part.split_once('[').unwrap_or((part, ""));
        let head = (!name.is_empty() || rest.is_empty()).then_some(Some(Segment::Name(name)));
        let indices = (!rest.is_empty()).then(|| {
            rest.split('[').map(|ix| {
                let digits = ix.strip_suffix(']')?;
                let ok = !digits.is_empty() && digits.len() <= 9 && digits.bytes().all(|b| b.is_ascii_digit());
                ok.then(|| Segment::Index(digits.parse().unwrap_or(usize::MAX)))
            })
        });
        head.into_iter().chain(indices.into_iter().flatten())
    })
}

/// A compiled field table.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// Every field, by id.
    pub fields: Vec<FieldDef>,
    /// Every group, by id.
    pub groups: Vec<GroupDef>,
    /// Display order.
    pub sections: Vec<Section>,
    /// How many fixed scopes.
    pub scope_count: usize,
    nodes: Vec<KeyNode>,
}

impl Schema {
    /// The field with this id.
    pub fn field(&self, id: FieldId) -> Option<&FieldDef> {
        self.fields.get(usize::from(id))
    }

    /// The label of a cell's field (the form's own label for [`Cell::FORM`]).
    pub fn label(&self, id: FieldId) -> Option<&Localized> {
        self.field(id).map(|f| &f.label)
    }

    /// The path of `field` at row position `position` (for a group's column).
    pub fn path(&self, field: FieldId, position: Option<usize>) -> String {
        let Some(def) = self.field(field) else { return String::new() };
        match (def.group.and_then(|g| self.groups.get(usize::from(g))), position) {
            // By hand, not `format!`: a register's result names a path for every row.
            (Some(group), Some(i)) => {
                let mut path = String::with_capacity(group.name.len() + def.name.len() + 8);
                path.push_str(&group.name);
                path.push('[');
                crate::base::json_write::write_u64(&mut path, i as u64);
                path.push_str("].");
                path.push_str(&def.name);
                path
            }
            _ => def.name.clone(),
        }
    }

    /// The path pattern of a field for `describe()`: `rows[i].deadline` in a group.
    pub fn pattern(&self, field: FieldId) -> String {
        let Some(def) = self.field(field) else { return String::new() };
        match def.group.and_then(|g| self.groups.get(usize::from(g))) {
            Some(group) => format!("{}[i].{}", group.name, def.name),
            None => def.name.clone(),
        }
    }

    /// The group named `name`.
    pub fn group(&self, name: &str) -> Option<GroupId> {
        self.groups.iter().position(|g| g.name == name).and_then(|i| GroupId::try_from(i).ok())
    }

    /// The start of every path.
    pub fn root(&self) -> Pos {
        Pos::Node(0)
    }

    /// One step down from `at`.
    pub fn step(&self, at: Pos, segment: Segment) -> Pos {
        let node = match at {
            Pos::Node(n) => n,
            Pos::Row(_, _, n) => n,
            Pos::Field(..) | Pos::Unknown => return Pos::Unknown,
        };
        let row = match at {
            Pos::Row(_, index, _) => Some(index),
            _ => None,
        };
        match (self.nodes.get(node as usize), segment) {
            (Some(KeyNode::Branch(children, _)), Segment::Name(name)) => {
                // A node has a few to a few dozen children: comparing lengths first rejects most
                // of them without touching their text, faster here than a binary search.
                match children.iter().find(|(k, _)| k.len() == name.len() && k.as_bytes() == name.as_bytes()) {
                    Some((_, next)) => self.enter(*next, row),
                    None => Pos::Unknown,
                }
            }
            (Some(KeyNode::Group(g, row_node)), segment) => {
                let index = match segment {
                    Segment::Index(i) => i,
                    Segment::Name(name) => match name.parse::<usize>() {
                        Ok(i) if name.len() <= 9 && name.bytes().all(|b| b.is_ascii_digit()) => i,
                        _ => return Pos::Unknown,
                    },
                };
                match u32::try_from(index) {
                    Ok(i) if i < u32::MAX => Pos::Row(*g, i, *row_node),
                    _ => Pos::Unknown,
                }
            }
            _ => Pos::Unknown,
        }
    }

    #[inline(always)]
    fn enter(&self, node: u32, row: Option<u32>) -> Pos {
        match self.nodes.get(node as usize) {
            Some(KeyNode::Field(f)) => Pos::Field(*f, row),
            Some(_) => Pos::Node(node),
            None => Pos::Unknown,
        }
    }

    /// Follows a whole key (`rows.fire.found`, `rows[3].deadline`) from `at`.
    pub fn walk(&self, mut at: Pos, key: &str) -> Pos {
        // Most keys are one segment: a child's name never holds `.` or `[`, so a key the node has
        // is that child, and only a key it does not have is split into segments.
        let one = self.step(at, Segment::Name(key));
        if one != Pos::Unknown || key.is_empty() || !key.as_bytes().iter().any(|b| matches!(b, b'.' | b'[')) {
            return one;
        }
        for segment in segments(key) {
            let Some(segment) = segment else { return Pos::Unknown };
            at = self.step(at, segment);
            if at == Pos::Unknown {
                break;
            }
        }
        at
    }

    /// The field at a position: a field, or a branch that carries one (`items.9`).
    pub fn field_at(&self, at: Pos) -> Option<(FieldId, Option<u32>)> {
        match at {
            Pos::Field(f, row) => Some((f, row)),
            Pos::Node(n) => match self.nodes.get(n as usize) {
                Some(KeyNode::Branch(_, Some(f))) => Some((*f, None)),
                _ => None,
            },
            _ => None,
        }
    }

    /// The group whose rows start at `at` (its key read, no index yet).
    pub fn group_at(&self, at: Pos) -> Option<GroupId> {
        match at {
            Pos::Node(n) => match self.nodes.get(n as usize) {
                Some(KeyNode::Group(g, _)) => Some(*g),
                _ => None,
            },
            _ => None,
        }
    }

    /// Node `node` of the key tree; the root is node 0.
    pub fn key_node(&self, node: u32) -> Option<&KeyNode> {
        self.nodes.get(node as usize)
    }

    /// The field and row position a path names.
    pub fn resolve(&self, path: &str) -> Option<(FieldId, Option<usize>)> {
        self.field_at(self.walk(self.root(), path)).map(|(f, row)| (f, row.map(|r| r as usize)))
    }
}

/// Builds a [`Schema`]; forms declare their fields in display order.
#[derive(Debug, Default)]
pub struct SchemaBuilder {
    fields: Vec<FieldDef>,
    groups: Vec<GroupDef>,
    sections: Vec<Section>,
    scope_count: usize,
}

/// A field being declared.
pub struct FieldBuilder<'a> {
    fields: &'a mut Vec<FieldDef>,
    id: FieldId,
}

impl FieldBuilder<'_> {
    fn with(self, change: impl FnOnce(&mut FieldDef)) -> Self {
        if let Some(def) = self.fields.last_mut() {
            change(def);
        }
        self
    }

    /// Marks it required.
    pub fn required(self) -> Self {
        self.with(|d| d.required = true)
    }

    /// Marks it computed.
    pub fn computed(self) -> Self {
        self.with(|d| d.computed = true)
    }

    /// Marks it personal information (see [`FieldDef::personal`]).
    pub fn personal(self) -> Self {
        self.with(|d| d.personal = true)
    }

    /// Sets the options of a choice field.
    pub fn options(self, options: &'static [Choice]) -> Self {
        self.with(|d| d.options = options)
    }

    /// Its id.
    pub fn id(self) -> FieldId {
        self.id
    }
}

impl SchemaBuilder {
    /// Starts a new fixed scope; fields declared after it belong to it.
    pub fn scope(&mut self) -> ScopeId {
        let id = ScopeId::try_from(self.scope_count).unwrap_or(ScopeId::MAX);
        self.scope_count += 1;
        self.sections.push(Section::Scope(id));
        id
    }

    fn push(&mut self, name: &str, label: Localized, ty: FieldType, group: Option<GroupId>) -> FieldBuilder<'_> {
        let id = FieldId::try_from(self.fields.len()).unwrap_or(FieldId::MAX - 1);
        let scope = ScopeId::try_from(self.scope_count.saturating_sub(1)).unwrap_or(0);
        let slot = match group.and_then(|g| self.groups.get(usize::from(g))) {
            Some(g) => u16::try_from(g.columns.len().saturating_sub(1)).unwrap_or(0),
            None => id,
        };
        self.fields.push(FieldDef {
            slot,
            name: name.to_owned(),
            label,
            ty,
            required: false,
            computed: false,
            personal: false,
            group,
            scope,
            options: &[],
            rollup: None,
        });
        FieldBuilder { fields: &mut self.fields, id }
    }

    /// Declares a field outside groups, in the current scope (one is opened if none is).
    pub fn field(&mut self, path: &str, label: Localized, ty: FieldType) -> FieldBuilder<'_> {
        if self.scope_count == 0 {
            self.scope();
        }
        self.push(path, label, ty, None)
    }

    /// Declares a repeated group, shown at this point of the form.
    pub fn group(&mut self, name: &str, label: Localized) -> GroupId {
        let id = GroupId::try_from(self.groups.len()).unwrap_or(GroupId::MAX);
        self.groups.push(GroupDef { name: name.to_owned(), label, columns: Vec::new() });
        self.sections.push(Section::Group(id));
        id
    }

    /// Declares a column of `group`.
    pub fn column(&mut self, group: GroupId, name: &str, label: Localized, ty: FieldType) -> FieldBuilder<'_> {
        let id = FieldId::try_from(self.fields.len()).unwrap_or(FieldId::MAX - 1);
        if let Some(g) = self.groups.get_mut(usize::from(group)) {
            g.columns.push(id);
        }
        self.push(name, label, ty, Some(group))
    }

    /// Compiles the path tree.
    pub fn build(self) -> Schema {
        let mut nodes = vec![KeyNode::Branch(Vec::new(), None)];
        let mut group_rows: Vec<u32> = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            let row_node = nodes.len() as u32;
            nodes.push(KeyNode::Branch(Vec::new(), None));
            let group_node = nodes.len() as u32;
            nodes.push(KeyNode::Group(GroupId::try_from(g).unwrap_or(0), row_node));
            insert(&mut nodes, 0, &group.name, group_node);
            group_rows.push(row_node);
        }
        for (id, field) in self.fields.iter().enumerate() {
            let id = FieldId::try_from(id).unwrap_or(FieldId::MAX - 1);
            let start = match field.group {
                Some(g) => group_rows.get(usize::from(g)).copied().unwrap_or(0),
                None => 0,
            };
            let mut at = start;
            let parts: Vec<&str> = field.name.split('.').collect();
            for (i, part) in parts.iter().enumerate() {
                let last = i + 1 == parts.len();
                let existing = match nodes.get(at as usize) {
                    Some(KeyNode::Branch(children, _)) => children.iter().find(|(k, _)| k == part).map(|(_, n)| *n),
                    _ => None,
                };
                at = match existing {
                    Some(n) => {
                        // A field with sub-fields: the branch carries the field, declared before or after.
                        if let Some(node) = nodes.get_mut(n as usize) {
                            match node {
                                KeyNode::Field(f) if !last => *node = KeyNode::Branch(Vec::new(), Some(*f)),
                                KeyNode::Branch(_, own) if last => *own = Some(id),
                                _ => {}
                            }
                        }
                        n
                    }
                    None => {
                        let n = nodes.len() as u32;
                        nodes.push(if last { KeyNode::Field(id) } else { KeyNode::Branch(Vec::new(), None) });
                        insert(&mut nodes, at, part, n);
                        n
                    }
                };
            }
        }
        Schema {
            fields: self.fields,
            groups: self.groups,
            sections: self.sections,
            scope_count: self.scope_count,
            nodes,
        }
    }
}

fn insert(nodes: &mut [KeyNode], parent: u32, name: &str, child: u32) {
    if let Some(KeyNode::Branch(children, _)) = nodes.get_mut(parent as usize) {
        let at = children.binary_search_by(|(k, _)| k.as_str().cmp(name)).unwrap_or_else(|i| i);
        children.insert(at, (name.to_owned(), child));
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;

    fn schema() -> (Schema, FieldId, FieldId, FieldId) {
        let mut b = SchemaBuilder::default();
        let found = b.field("rows.fire.found", Localized::new("发现", "found"), FieldType::Count).id();
        let g = b.group("guards", Localized::new("保安员", "guards"));
        let name = b.column(g, "name", Localized::new("姓名", "name"), FieldType::Text).id();
        let helmet = b.field("items.9.helmet", Localized::new("头盔", "helmet"), FieldType::YesNo).id();
        (b.build(), found, name, helmet)
    }

    #[test]
    fn nested_flat_and_indexed_paths_resolve_to_the_same_cells() {
        let (s, found, name, helmet) = schema();
        assert_eq!(s.resolve("rows.fire.found"), Some((found, None)));
        assert_eq!(s.resolve("guards[12].name"), Some((name, Some(12))));
        assert_eq!(s.resolve("guards.12.name"), Some((name, Some(12))));
        assert_eq!(s.resolve("items.9.helmet"), Some((helmet, None)));
        let at = s.walk(s.root(), "rows");
        assert_eq!(s.walk(at, "fire.found"), Pos::Field(found, None));
        for bad in ["rows.fire", "rows.fire.found.x", "guards[x].name", "guards[1.name", "guards[].name", "", "nope"] {
            assert!(s.resolve(bad).is_none(), "{bad}");
        }
        assert_eq!(s.path(name, Some(3)), "guards[3].name");
        assert_eq!(s.pattern(name), "guards[i].name");
    }

    /// `items.9` is answered itself and has sub-answers below it (seed 000 附件5 item 9), whichever
    /// is declared first.
    #[test]
    fn a_field_can_have_sub_fields() {
        let mut b = SchemaBuilder::default();
        let nine = b.field("items.9", Localized::new("第9项", "Item 9"), FieldType::YesNo).id();
        let helmet = b.field("items.9.helmet", Localized::new("头盔", "helmet"), FieldType::YesNo).id();
        let fork = b.field("suggested.9.steel_fork", Localized::new("钢叉", "fork"), FieldType::Text).id();
        let suggested = b.field("suggested.9", Localized::new("建议", "suggested"), FieldType::Text).id();
        let ten = b.field("items.10", Localized::new("第10项", "Item 10"), FieldType::YesNo).id();
        let s = b.build();
        assert_eq!(s.resolve("items.9"), Some((nine, None)));
        assert_eq!(s.resolve("items.9.helmet"), Some((helmet, None)));
        assert_eq!(s.resolve("suggested.9"), Some((suggested, None)));
        assert_eq!(s.resolve("suggested.9.steel_fork"), Some((fork, None)));
        assert_eq!(s.resolve("items.10"), Some((ten, None)));
        assert_eq!(s.walk(s.walk(s.root(), "items"), "9.helmet"), Pos::Field(helmet, None));
        for bad in ["items", "items.9.nope", "items.9.helmet.x", "items.10.helmet"] {
            assert!(s.resolve(bad).is_none(), "{bad}");
        }
    }
}
