//! The values of a form's cells: fixed fields by id, repeated groups as rows with stable ids kept
//! in display order. Data is read in by a [`Loader`], which both the JSON reader and the native
//! [`Value`] walker drive, so every entry point reads data the same way.

use crate::base::limits::{MAX_DEPTH, MAX_ROWS, MAX_VALUES};
use crate::base::value::{Scalar, Value};
use crate::schema::{Cell, FieldId, GroupId, Pos, RowId, Schema, Segment};

const EMPTY: &Scalar = &Scalar::Empty;

/// One repeated group's rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    /// Row ids in display order.
    order: Vec<RowId>,
    /// Each row's cells, by row id (`None` once removed).
    slots: Vec<Option<Vec<Scalar>>>,
    /// Each row id's position in `order`.
    positions: Vec<u32>,
    /// Ids free for reuse.
    free: Vec<u32>,
    width: usize,
}

impl Rows {
    fn new(width: usize) -> Rows {
        Rows { width, ..Rows::default() }
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Row ids in display order.
    pub fn order(&self) -> &[RowId] {
        &self.order
    }

    /// The row at `position`.
    pub fn at(&self, position: usize) -> Option<RowId> {
        self.order.get(position).copied()
    }

    /// Where row `id` is shown.
    pub fn position(&self, id: RowId) -> Option<usize> {
        self.positions.get(id.0 as usize).map(|p| *p as usize)
    }

    /// A row's cell values, by column.
    pub fn cells(&self, id: RowId) -> &[Scalar] {
        self.slots.get(id.0 as usize).and_then(|s| s.as_deref()).unwrap_or(&[])
    }

    /// One cell's value.
    pub fn get(&self, id: RowId, column: u16) -> &Scalar {
        self.cells(id).get(usize::from(column)).unwrap_or(EMPTY)
    }

    fn set(&mut self, id: RowId, column: u16, value: Scalar) -> bool {
        let Some(cell) =
            self.slots.get_mut(id.0 as usize).and_then(|s| s.as_mut()).and_then(|c| c.get_mut(usize::from(column)))
        else {
            return false;
        };
        if *cell == value {
            return false;
        }
        *cell = value;
        true
    }

    /// Inserts `count` blank rows at `at` (clamped to the end); returns their ids.
    pub fn insert(&mut self, at: usize, count: usize) -> Vec<RowId> {
        let at = at.min(self.order.len());
        let mut ids = Vec::with_capacity(count);
        for _ in 0..count {
            let id = match self.free.pop() {
                Some(id) => {
                    if let Some(slot) = self.slots.get_mut(id as usize) {
                        *slot = Some(vec![Scalar::Empty; self.width]);
                    }
                    id
                }
                None => {
                    self.slots.push(Some(vec![Scalar::Empty; self.width]));
                    self.positions.push(0);
                    u32::try_from(self.slots.len() - 1).unwrap_or(u32::MAX - 1)
                }
            };
            ids.push(RowId(id));
        }
        self.order.splice(at..at, ids.iter().copied());
        self.renumber(at);
        ids
    }

    /// Removes the row at `at`; returns its id.
    pub fn remove(&mut self, at: usize) -> Option<RowId> {
        if at >= self.order.len() {
            return None;
        }
        let id = self.order.remove(at);
        if let Some(slot) = self.slots.get_mut(id.0 as usize) {
            *slot = None;
        }
        self.free.push(id.0);
        self.renumber(at);
        Some(id)
    }

    /// Moves the row at `from` to `to`; returns its id.
    pub fn move_row(&mut self, from: usize, to: usize) -> Option<RowId> {
        if from >= self.order.len() || to >= self.order.len() {
            return None;
        }
        let id = self.order.remove(from);
        self.order.insert(to, id);
        self.renumber(from.min(to));
        Some(id)
    }

    /// Grows to at least `len` rows.
    fn ensure(&mut self, len: usize) {
        // Reading data appends a row at a time: pushed, without `insert`'s id list and splice.
        while self.order.len() < len && self.free.is_empty() {
            let id = u32::try_from(self.slots.len()).unwrap_or(u32::MAX - 1);
            self.slots.push(Some(vec![Scalar::Empty; self.width]));
            self.positions.push(u32::try_from(self.order.len()).unwrap_or(u32::MAX));
            self.order.push(RowId(id));
        }
        if len > self.order.len() {
            self.insert(self.order.len(), len - self.order.len());
        }
    }

    fn renumber(&mut self, from: usize) {
        for (i, id) in self.order.iter().enumerate().skip(from) {
            if let Some(p) = self.positions.get_mut(id.0 as usize) {
                *p = u32::try_from(i).unwrap_or(u32::MAX);
            }
        }
    }
}

/// The fixed cells of a form checked once, kept for the next one-shot check to read into
/// (`json::load_slots` writes every fixed field): a text cell's buffer is written over, not
/// made anew, so a fixed form read again allocates nothing for its texts.
#[derive(Debug, Default)]
pub struct Spare(Vec<Scalar>);

/// The longest text buffer a [`Spare`] keeps (a fixed field's text is a name, a date, a sentence).
const SPARE_TEXT: usize = 1024;

/// Every cell of one form.
#[derive(Debug, Clone, PartialEq)]
pub struct Cells {
    fixed: Vec<Scalar>,
    groups: Vec<Rows>,
}

impl Cells {
    /// A blank form of `schema`.
    pub fn new(schema: &Schema) -> Cells {
        Cells {
            fixed: vec![Scalar::Empty; schema.fields.len()],
            groups: schema.groups.iter().map(|g| Rows::new(g.columns.len())).collect(),
        }
    }

    /// A form of `schema` holding `spare`'s values, for a reader that writes every fixed field
    /// (`json::load_slots`); blank when `spare` is of another form.
    pub fn reusing(schema: &Schema, spare: Spare) -> Cells {
        if spare.0.len() != schema.fields.len() {
            return Cells::new(schema);
        }
        Cells { fixed: spare.0, groups: schema.groups.iter().map(|g| Rows::new(g.columns.len())).collect() }
    }

    /// The fixed cells, kept for [`Cells::reusing`]; a long text's buffer is let go of, not kept
    /// for as long as the validator is.
    pub fn into_spare(mut self) -> Spare {
        for cell in &mut self.fixed {
            if matches!(cell, Scalar::Text(t) if t.capacity() > SPARE_TEXT) {
                *cell = Scalar::Empty;
            }
        }
        Spare(self.fixed)
    }

    /// Sets fixed field `field`, a text written over the buffer the cell holds.
    pub fn set_fixed_text(&mut self, field: FieldId, text: &str) {
        match self.fixed.get_mut(usize::from(field)) {
            Some(Scalar::Text(held)) if held == text => {}
            Some(Scalar::Text(held)) => {
                held.clear();
                held.push_str(text);
            }
            Some(slot) => *slot = Scalar::Text(text.to_owned()),
            None => {}
        }
    }

    /// Sets fixed field `field`.
    pub fn set_fixed(&mut self, field: FieldId, value: Scalar) {
        if let Some(slot) = self.fixed.get_mut(usize::from(field)) {
            *slot = value;
        }
    }

    /// The value of a cell.
    pub fn get(&self, schema: &Schema, cell: Cell) -> &Scalar {
        let Some(def) = schema.field(cell.field) else { return EMPTY };
        match def.group {
            None => self.fixed.get(usize::from(cell.field)).unwrap_or(EMPTY),
            Some(g) => self.rows(g).map_or(EMPTY, |rows| rows.get(cell.row, def.slot)),
        }
    }

    /// The value of a fixed field.
    pub fn fixed(&self, field: u16) -> &Scalar {
        self.fixed.get(usize::from(field)).unwrap_or(EMPTY)
    }

    /// Sets a cell; returns whether its value changed.
    pub fn set(&mut self, schema: &Schema, cell: Cell, value: Scalar) -> bool {
        let Some(def) = schema.field(cell.field) else { return false };
        match def.group {
            None => match self.fixed.get_mut(usize::from(cell.field)) {
                Some(slot) if *slot != value => {
                    *slot = value;
                    true
                }
                _ => false,
            },
            Some(g) => self.rows_mut(g).is_some_and(|rows| rows.set(cell.row, def.slot, value)),
        }
    }

    /// A group's rows.
    pub fn rows(&self, group: GroupId) -> Option<&Rows> {
        self.groups.get(usize::from(group))
    }

    /// A group's rows, to change them.
    pub fn rows_mut(&mut self, group: GroupId) -> Option<&mut Rows> {
        self.groups.get_mut(usize::from(group))
    }
}

/// What reading data ran into: each becomes an issue, never a silent cut.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overflow {
    /// Data nested past [`MAX_DEPTH`].
    pub too_deep: bool,
    /// More than [`MAX_VALUES`] values.
    pub too_many_values: bool,
    /// Groups given more than [`MAX_ROWS`] rows.
    pub too_many_rows: Vec<GroupId>,
    /// The data was larger than the input limit and not read at all.
    pub too_large: bool,
}

impl Overflow {
    /// Whether anything was not read.
    pub fn any(&self) -> bool {
        self.too_deep || self.too_many_values || self.too_large || !self.too_many_rows.is_empty()
    }
}

/// Reads data into cells, one event at a time: keys (dotted or indexed, as a portal may flatten
/// them), array indices, scalars. Whatever the form does not have is skipped.
pub struct Loader<'a> {
    schema: &'a Schema,
    cells: &'a mut Cells,
    stack: Vec<Pos>,
    values: usize,
    /// What could not be read.
    pub overflow: Overflow,
}

impl<'a> Loader<'a> {
    /// A loader at the form's root.
    pub fn new(schema: &'a Schema, cells: &'a mut Cells) -> Loader<'a> {
        let root = schema.root();
        Loader { schema, cells, stack: vec![root], values: 0, overflow: Overflow::default() }
    }

    #[inline(always)]
    fn top(&self) -> Pos {
        self.stack.last().copied().unwrap_or(Pos::Unknown)
    }

    /// Whether the current position is somewhere the form has (else the caller may skip the value).
    #[inline(always)]
    pub fn wanted(&self) -> bool {
        self.top() != Pos::Unknown
    }

    /// Counts one more key, element or value read; past [`MAX_VALUES`] nothing more is read.
    fn count(&mut self) -> bool {
        self.values += 1;
        if self.values > MAX_VALUES {
            self.overflow.too_many_values = true;
            return false;
        }
        true
    }

    /// Enters an object key.
    pub fn key(&mut self, key: &str) {
        let at = self.top();
        let next = if at == Pos::Unknown || !self.count() { Pos::Unknown } else { self.schema.walk(at, key) };
        self.push(next);
    }

    /// Enters column `column` of the row entered last: what [`Loader::key`] does with the
    /// column's name, for rows read as arrays of cells (`json::load_slots`).
    pub fn column(&mut self, column: usize) {
        let next = match self.top() {
            Pos::Row(group, row, _) if self.count() => {
                self.column_field(group, column).map_or(Pos::Unknown, |field| Pos::Field(field, Some(row)))
            }
            _ => Pos::Unknown,
        };
        self.push(next);
    }

    /// The field of column `column` of `group`.
    fn column_field(&self, group: GroupId, column: usize) -> Option<FieldId> {
        self.schema.groups.get(usize::from(group)).and_then(|g| g.columns.get(column)).copied()
    }

    /// The row entered last, when it is a group's row the form keeps (not one past the row limit).
    pub fn row_here(&self) -> Option<(GroupId, RowId)> {
        match self.top() {
            Pos::Row(group, row, _) => Some((group, self.cells.rows(group)?.at(row as usize)?)),
            _ => None,
        }
    }

    /// Sets column `column` of row `id` of `group` to a scalar read there: what [`Loader::column`],
    /// [`Loader::scalar`] and [`Loader::leave`] do, with the row already found ([`Loader::row_here`]).
    pub fn packed_cell(&mut self, group: GroupId, id: RowId, column: usize, value: Scalar) {
        if !self.count() {
            return;
        }
        if let Some(field) = self.column_field(group, column) {
            self.cells.set(self.schema, Cell { field, row: id }, value);
        }
    }

    /// Counts `n` values read at once: the keys a positional text leaves out (`json::load_slots`).
    pub fn count_keys(&mut self, n: usize) {
        self.values = self.values.saturating_add(n);
        if self.values > MAX_VALUES {
            self.overflow.too_many_values = true;
        }
    }

    /// Sets fixed field `field` to a scalar read at its slot in a positional text: what
    /// [`Loader::key`] down its key path, [`Loader::scalar`] and [`Loader::leave`] do (its keys
    /// counted by [`Loader::count_keys`]).
    pub fn fixed_cell(&mut self, field: FieldId, value: Scalar) {
        self.cells.set_fixed(field, value);
    }

    /// As [`Loader::fixed_cell`], for text: written over the buffer the cell holds
    /// ([`Cells::reusing`]).
    pub fn fixed_text(&mut self, field: FieldId, text: &str) {
        self.cells.set_fixed_text(field, text);
    }

    /// Enters an array element.
    pub fn index(&mut self, index: usize) {
        if !self.count() {
            self.push(Pos::Unknown);
            return;
        }
        let next = self.schema.step(self.top(), Segment::Index(index));
        if let Pos::Row(group, row, _) = next {
            self.ensure_row(group, row);
        }
        self.push(next);
    }

    #[inline(always)]
    fn push(&mut self, at: Pos) {
        if self.stack.len() > MAX_DEPTH {
            self.overflow.too_deep = true;
            self.stack.push(Pos::Unknown);
        } else {
            self.stack.push(at);
        }
    }

    /// Leaves the key or element entered last.
    pub fn leave(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    /// Whether entering one more level would pass the depth limit (the reader then skips it and
    /// calls [`Loader::cut`]).
    pub fn at_depth_limit(&self) -> bool {
        self.stack.len() > MAX_DEPTH
    }

    /// A container (object or array) starts at the current position.
    pub fn container(&mut self) {
        if let Pos::Field(..) = self.top() {
            self.scalar(Scalar::Invalid);
        }
    }

    /// Something was not read because it is nested too deep (or cyclic).
    pub fn cut(&mut self) {
        self.overflow.too_deep = true;
    }

    /// A value at the current position.
    pub fn scalar(&mut self, value: Scalar) {
        match self.schema.field_at(self.top()) {
            Some((field, None)) => {
                self.cells.set(self.schema, Cell::fixed(field), value);
            }
            Some((field, Some(row))) => {
                let Some(group) = self.schema.field(field).and_then(|f| f.group) else { return };
                if let Some(id) = self.ensure_row(group, row) {
                    self.cells.set(self.schema, Cell { field, row: id }, value);
                }
            }
            _ => {}
        }
    }

    fn ensure_row(&mut self, group: GroupId, row: u32) -> Option<RowId> {
        let row = row as usize;
        if row >= MAX_ROWS {
            if !self.overflow.too_many_rows.contains(&group) {
                self.overflow.too_many_rows.push(group);
            }
            return None;
        }
        let rows = self.cells.rows_mut(group)?;
        rows.ensure(row + 1);
        rows.at(row)
    }

    /// Reads a whole [`Value`] (natively, or a JavaScript object the JSON reader could not take).
    pub fn value(&mut self, value: &Value) {
        match value {
            Value::Map(entries) => {
                self.container();
                for (key, v) in entries {
                    self.key(key);
                    if self.wanted() {
                        self.value(v);
                    }
                    self.leave();
                }
            }
            Value::List(items) => {
                self.container();
                for (i, v) in items.iter().enumerate() {
                    self.index(i);
                    if self.wanted() {
                        self.value(v);
                    }
                    self.leave();
                }
            }
            Value::Cut => self.cut(),
            leaf => {
                if let Some(s) = leaf.as_scalar() {
                    self.scalar(s);
                }
            }
        }
    }
}

/// Reads `data` (an object; anything else is an empty form) into blank cells. Data cut for depth
/// anywhere, even under keys the form does not have, answers `nesting_too_deep`.
pub fn load(schema: &Schema, data: &Value) -> (Cells, Overflow) {
    let (cells, mut overflow) = load_shallow(schema, data);
    overflow.too_deep |= contains_cut(data);
    (cells, overflow)
}

/// As [`load`], when the reader already said whether it cut anything.
pub fn load_shallow(schema: &Schema, data: &Value) -> (Cells, Overflow) {
    let mut cells = Cells::new(schema);
    let overflow = {
        let mut loader = Loader::new(schema, &mut cells);
        if let Value::Map(_) = data {
            loader.value(data);
        }
        loader.overflow
    };
    (cells, overflow)
}

/// Whether `value` holds a [`Value::Cut`] (its depth is bounded by the reader that cut it).
pub fn contains_cut(value: &Value) -> bool {
    match value {
        Value::Cut => true,
        Value::List(items) => items.iter().any(contains_cut),
        Value::Map(entries) => entries.iter().any(|(_, v)| contains_cut(v)),
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::base::text::Localized;
    use crate::schema::{FieldType, SchemaBuilder};

    #[test]
    fn rows_keep_ids_while_positions_move() {
        let mut rows = Rows::new(2);
        let ids = rows.insert(0, 3);
        let first = rows.insert(0, 1);
        assert_eq!(rows.position(ids[0]), Some(1));
        assert_eq!(rows.remove(2), Some(ids[1]));
        assert_eq!(rows.move_row(0, 2), Some(first[0]));
        assert_eq!(rows.order(), [ids[0], ids[2], first[0]]);
        assert_eq!(rows.position(first[0]), Some(2));
        let reused = rows.insert(3, 1);
        assert_eq!(reused, [ids[1]], "a removed id is reused");
        assert!(rows.cells(reused[0]).iter().all(|c| *c == Scalar::Empty));
    }

    #[test]
    fn nested_flat_and_indexed_data_load_into_the_same_cells() {
        let mut b = SchemaBuilder::default();
        let found = b.field("rows.fire.found", Localized::new("a", "a"), FieldType::Count).id();
        let g = b.group("risks", Localized::new("b", "b"));
        let place = b.column(g, "place", Localized::new("c", "c"), FieldType::Text).id();
        let schema = b.build();
        let json = |s: &str| serde_json::from_str::<Value>(s).unwrap_or_default();
        let nested = json(r#"{"rows": {"fire": {"found": "3"}}, "risks": [{}, {"place": "门口"}]}"#);
        let flat = json(r#"{"rows.fire.found": "3", "risks[1].place": "门口"}"#);
        let mixed = json(r#"{"rows": {"fire.found": "3"}, "risks": {"1": {"place": "门口"}}}"#);
        for data in [nested, flat, mixed] {
            let (cells, overflow) = load(&schema, &data);
            assert!(!overflow.any());
            assert_eq!(cells.get(&schema, Cell::fixed(found)), &Scalar::Text("3".into()));
            let rows = cells.rows(g).unwrap_or_else(|| unreachable!());
            assert_eq!(rows.len(), 2);
            let second = rows.at(1).unwrap_or(RowId::NONE);
            assert_eq!(cells.get(&schema, Cell { field: place, row: second }), &Scalar::Text("门口".into()));
        }
    }

    /// A field with sub-fields (`items.9`, `items.9.helmet`): a scalar there sets the field, an
    /// object there is read for its sub-fields; flat keys reach both.
    #[test]
    fn a_field_with_sub_fields_loads_from_a_scalar_or_an_object() {
        let mut b = SchemaBuilder::default();
        let nine = b.field("items.9", Localized::new("a", "a"), FieldType::YesNo).id();
        let helmet = b.field("items.9.helmet", Localized::new("b", "b"), FieldType::YesNo).id();
        let schema = b.build();
        let json = |s: &str| serde_json::from_str::<Value>(s).unwrap_or_default();
        let scalar = load(&schema, &json(r#"{"items": {"9": "是"}}"#)).0;
        assert_eq!(scalar.get(&schema, Cell::fixed(nine)), &Scalar::Text("是".into()));
        let object = load(&schema, &json(r#"{"items": {"9": {"helmet": "否"}}}"#)).0;
        assert_eq!(object.get(&schema, Cell::fixed(nine)), &Scalar::Empty);
        assert_eq!(object.get(&schema, Cell::fixed(helmet)), &Scalar::Text("否".into()));
        let flat = load(&schema, &json(r#"{"items.9": "是", "items.9.helmet": "否"}"#)).0;
        assert_eq!(flat.get(&schema, Cell::fixed(nine)), &Scalar::Text("是".into()));
        assert_eq!(flat.get(&schema, Cell::fixed(helmet)), &Scalar::Text("否".into()));
        let mut cells = Cells::new(&schema);
        let mut loader = Loader::new(&schema, &mut cells);
        crate::input::json::load(
            r#"{"items": {"9": {"helmet": "是"}, "9.helmet": "否"}, "items.9": true}"#,
            8,
            &mut loader,
        );
        assert_eq!(cells.get(&schema, Cell::fixed(nine)), &Scalar::Bool(true));
        assert_eq!(cells.get(&schema, Cell::fixed(helmet)), &Scalar::Text("否".into()));
    }
}
