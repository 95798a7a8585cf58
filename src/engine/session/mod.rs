//! The engine: a form's cells and what its rules found, kept up to date one change at a time.
//!
//! Every fixed scope and every row of a group keeps its own findings. `set` re-checks only the
//! scope or row of the cell it changes; running sums move by difference; a group's duplicate
//! index and the day index mark only the rows a change affects; so a keystroke costs the rules of
//! one row whatever the size of the form. `validate` is a session fed all the data at once.

mod duplicates;
mod render;

use crate::engine::compiled::Compiled;

use crate::base::date::{china_day, Date, Instant};
use crate::base::hash::KeyMap;
use crate::base::limits::{MAX_DEPTH, MAX_INPUT_BYTES, MAX_ROWS};
use crate::base::value::{Scalar, Value};
use crate::check::findings::{Findings, Tally, FOREVER};
use crate::engine::day_index::DayIndex;
use crate::engine::found::{diff, Found, RowState, Touched};
use crate::engine::options::UsageError;
use crate::engine::report::{Changes, Splice};
use crate::forms::{Computed, Context};
use crate::input::cells::{self, Cells, Loader, Overflow, Spare};
use crate::schema::{Cell, FieldId, GroupId, RowId, Schema};
use crate::wire;
use std::rc::Rc;

/// A form being filled in.
pub struct Session {
    compiled: Rc<Compiled>,
    now: Instant,
    today: i64,
    /// `today` as a calendar date, for the checks' [`Context::today`].
    date: Date,
    cells: Cells,
    overflow: Overflow,
    scopes: Vec<Found>,
    rows: Vec<Vec<Option<RowState>>>,
    sums: Tally,
    totals: Vec<(FieldId, Computed)>,
    duplicates: Vec<KeyMap<String, Vec<RowId>>>,
    /// The rows marked duplicate in each group whose duplicate message names the other row: their
    /// messages are written again when rows move ([`Session::touch_twins`]).
    twins: Vec<Vec<RowId>>,
    day_from: DayIndex,
    day_until: DayIndex,
    /// Whether rows are filed in the day index as they are checked: not while a session built
    /// from whole data gives one result (`validate`); filed all at once if its clock then moves.
    days: bool,
    /// Rows with findings, across groups (sizes the day index's clean-up).
    live_rows: usize,
    /// The path `set` resolved last, with its field and row position (paths name positions, so
    /// this holds whatever rows move).
    last_path: Option<(String, FieldId, Option<usize>)>,
}

impl Session {
    /// A blank form, checked once.
    pub fn new(compiled: Rc<Compiled>, clock: impl FnOnce() -> Instant) -> Session {
        let schema = compiled.schema();
        let cells = Cells::new(schema);
        Session::with_cells(compiled, clock, cells, Overflow::default(), true)
    }

    /// A form holding `data`, checked once (what `validate` does).
    pub fn with_data(compiled: Rc<Compiled>, clock: impl FnOnce() -> Instant, data: &Value) -> Session {
        let (cells, overflow) = cells::load(compiled.schema(), data);
        Session::with_cells(compiled, clock, cells, overflow, false)
    }

    /// A form whose data arrives as JSON text in its object form.
    pub fn with_json(compiled: Rc<Compiled>, clock: impl FnOnce() -> Instant, json: &str) -> Session {
        let (cells, overflow) = read_object_text(compiled.schema(), json);
        Session::with_cells(compiled, clock, cells, overflow, false)
    }

    /// A form whose data crossed positionally ([`crate::wire`]); `None` when the form has no
    /// layout or the text might not read as its object form would ([`wire::read`]): the caller
    /// then reads the object form. `spare`: the fixed cells of the last such session
    /// ([`Session::into_spare`]), their texts' buffers written over.
    pub fn with_packed(
        compiled: Rc<Compiled>,
        clock: impl FnOnce() -> Instant,
        text: &str,
        spare: Spare,
    ) -> Option<Session> {
        let layout = compiled.layout.as_ref()?;
        let (cells, overflow) = wire::read(compiled.schema(), layout, text, spare)?;
        Some(Session::with_cells(compiled, clock, cells, overflow, false))
    }

    fn with_cells(
        compiled: Rc<Compiled>,
        clock: impl FnOnce() -> Instant,
        cells: Cells,
        overflow: Overflow,
        days: bool,
    ) -> Session {
        let now = compiled.now.unwrap_or_else(clock);
        let schema = compiled.schema();
        let mut session = Session {
            now,
            today: china_day(now.unix_ms),
            date: now.wall_clock(8 * 60).date,
            cells,
            overflow,
            scopes: vec![Found { holds: FOREVER, ..Found::default() }; schema.scope_count],
            rows: schema.groups.iter().map(|_| Vec::new()).collect(),
            sums: Tally::default(),
            totals: Vec::new(),
            duplicates: schema.groups.iter().map(|_| KeyMap::default()).collect(),
            twins: schema.groups.iter().map(|_| Vec::new()).collect(),
            day_from: DayIndex::default(),
            day_until: DayIndex::default(),
            days,
            live_rows: 0,
            last_path: None,
            compiled,
        };
        let mut touched = Touched { quiet: true, ..Touched::default() };
        let compiled = Rc::clone(&session.compiled);
        let sums_scopes = compiled.form.sums_scopes();
        for scope in 0..session.scopes.len() {
            if !sums_scopes.iter().any(|s| usize::from(*s) == scope) {
                session.rerun_scope(scope, &mut touched);
            }
        }
        for g in 0..session.rows.len() {
            let g = GroupId::try_from(g).unwrap_or(0);
            let ids: Vec<RowId> = session.cells.rows(g).map(|r| r.order().to_vec()).unwrap_or_default();
            for id in ids {
                session.rerun_row(g, id, &mut touched);
            }
        }
        session.rerun_sums_scopes(&mut touched);
        session.totals = session.compiled.form.totals(&session.sums);
        session
    }

    fn ctx(&self) -> Context<'_> {
        Context {
            profile: &self.compiled.profile,
            now: self.now,
            previous: self.compiled.previous.as_ref(),
            sums: &self.sums,
            today: self.date,
        }
    }

    /// Its fixed cells, for the next [`Session::with_packed`] to read into.
    pub fn into_spare(self) -> Spare {
        self.cells.into_spare()
    }

    /// The form's field table.
    pub fn schema(&self) -> &Schema {
        self.compiled.schema()
    }

    /// The compiled validator this session runs.
    pub fn compiled(&self) -> &Rc<Compiled> {
        &self.compiled
    }

    /// The form's cells as entered so far.
    pub fn cells(&self) -> &Cells {
        &self.cells
    }

    // ---- checking -------------------------------------------------------------------------

    fn rerun_scope(&mut self, scope: usize, touched: &mut Touched) {
        let compiled = Rc::clone(&self.compiled);
        let form = compiled.form.as_ref();
        let mut out = Findings::new(&compiled.profile);
        form.check_scope(u16::try_from(scope).unwrap_or(0), &self.cells, &self.ctx(), &mut out);
        let Some(old) = self.scopes.get_mut(scope) else { return };
        let new = Found { issues: out.issues, computed: out.computed, tally: out.tally, holds: out.holds };
        diff(old, new, touched, &mut self.sums);
    }

    /// Re-runs the scopes that read the running sums.
    fn rerun_sums_scopes(&mut self, touched: &mut Touched) {
        let compiled = Rc::clone(&self.compiled);
        for scope in compiled.form.sums_scopes() {
            self.rerun_scope(usize::from(*scope), touched);
        }
    }

    fn rerun_row(&mut self, group: GroupId, row: RowId, touched: &mut Touched) {
        self.recheck_row(group, row, touched, false);
    }

    /// Re-checks a row; `reindex` files it in the day index even when its interval is unchanged
    /// (its entries were just taken out by a clock move).
    fn recheck_row(&mut self, group: GroupId, row: RowId, touched: &mut Touched, reindex: bool) {
        let compiled = Rc::clone(&self.compiled);
        let form = compiled.form.as_ref();
        let mut out = Findings::new(&compiled.profile);
        form.check_row(group, row, &self.cells, &self.ctx(), &mut out);
        let key = out.duplicate_key.take();
        let new = Found { issues: out.issues, computed: out.computed, tally: out.tally, holds: out.holds };

        let states = match self.rows.get_mut(usize::from(group)) {
            Some(s) => s,
            None => return,
        };
        let slot = row.0 as usize;
        if states.len() <= slot {
            states.resize_with(slot + 1, || None);
        }
        let Some(entry) = states.get_mut(slot) else { return };
        if entry.is_none() {
            self.live_rows += 1;
        }
        let state = entry.get_or_insert_with(|| RowState {
            found: Found { holds: FOREVER, ..Found::default() },
            ..RowState::default()
        });
        let old_holds = state.found.holds;
        let holds = new.holds;
        diff(&mut state.found, new, touched, &mut self.sums);
        let old_key = if state.duplicate_key != key {
            Some(std::mem::replace(&mut state.duplicate_key, key.clone()))
        } else {
            None
        };
        if self.days && (holds != old_holds || reindex) {
            self.day_from.add(holds.0, (group, row));
            self.day_until.add(holds.1, (group, row));
            self.compact_days();
        }
        if let Some(old_key) = old_key {
            self.reindex_duplicate(group, row, old_key, key, touched);
        }
    }

    fn row_state(&self, group: GroupId, row: RowId) -> Option<&RowState> {
        self.rows.get(usize::from(group)).and_then(|s| s.get(row.0 as usize)).and_then(Option::as_ref)
    }

    fn compact_days(&mut self) {
        if self.day_from.entries + self.day_until.entries <= 4 * self.live_rows + 256 {
            return;
        }
        self.file_days();
    }

    /// Files every row in the day index afresh.
    fn file_days(&mut self) {
        self.day_from = DayIndex::default();
        self.day_until = DayIndex::default();
        for (g, states) in self.rows.iter().enumerate() {
            let g = GroupId::try_from(g).unwrap_or(0);
            for (id, state) in states.iter().enumerate() {
                if let Some(state) = state {
                    let id = RowId(u32::try_from(id).unwrap_or(u32::MAX));
                    self.day_from.add(state.found.holds.0, (g, id));
                    self.day_until.add(state.found.holds.1, (g, id));
                }
            }
        }
    }

    fn finish(&mut self, mut touched: Touched) -> Changes {
        if touched.sums_moved {
            self.rerun_sums_scopes(&mut touched);
            let totals = self.compiled.form.totals(&self.sums);
            for (field, value) in &totals {
                let before = self.totals.iter().find(|(f, _)| f == field).map(|(_, v)| v);
                if before != Some(value) {
                    touched.computed.push((Cell::fixed(*field), value.clone()));
                }
            }
            self.totals = totals;
        }
        let mut changes = Changes {
            rows: touched.splices,
            computed: Vec::with_capacity(touched.computed.len()),
            issues: Vec::with_capacity(touched.cells.len()),
        };
        for (cell, value) in touched.computed {
            if let Some(path) = self.path(cell) {
                changes.computed.push((path, value));
            }
        }
        for cell in touched.cells {
            if let Some(path) = self.path(cell) {
                let list = self.issues_at(cell).map(|i| self.render(i)).collect();
                changes.issues.push((path, list));
            }
        }
        if touched.overflow_changed {
            // One entry per path with its whole list: the form's own limits all sit at "".
            for issue in self.overflow_issues() {
                match changes.issues.last_mut() {
                    Some((path, list)) if *path == issue.path => list.push(issue),
                    _ => changes.issues.push((issue.path.clone(), vec![issue])),
                }
            }
        }
        changes
    }

    // ---- the public operations ------------------------------------------------------------

    /// Sets one cell as the user types; returns only the issues and computed values that changed.
    /// A path the form does not have changes nothing.
    pub fn set(&mut self, path: &str, value: Scalar) -> Changes {
        // Typing repeats one path keystroke after keystroke: resolved once, while it stays the same.
        let (field, position) = match &self.last_path {
            Some((last, field, position)) if last == path => (*field, *position),
            _ => {
                let Some((field, position)) = self.schema().resolve(path) else { return Changes::default() };
                self.last_path = Some((path.to_owned(), field, position));
                (field, position)
            }
        };
        let mut touched = Touched::default();
        let group = self.schema().field(field).and_then(|f| f.group);
        let cell = match (group, position) {
            (Some(g), Some(position)) => {
                let Some(row) = self.row_at_or_grow(g, position, &mut touched) else {
                    return self.finish(touched);
                };
                Cell { field, row }
            }
            _ => Cell::fixed(field),
        };
        let compiled = Rc::clone(&self.compiled);
        if !self.cells.set(compiled.schema(), cell, value) {
            return self.finish(touched);
        }
        match group {
            Some(g) => self.rerun_row(g, cell.row, &mut touched),
            None => {
                let scope = compiled.schema().field(field).map_or(0, |f| usize::from(f.scope));
                self.rerun_scope(scope, &mut touched);
                for (_, g) in compiled.form.row_inputs().iter().filter(|(f, _)| *f == field) {
                    let ids: Vec<RowId> = self.cells.rows(*g).map(|r| r.order().to_vec()).unwrap_or_default();
                    for id in ids {
                        self.rerun_row(*g, id, &mut touched);
                    }
                }
            }
        }
        // A message quoting the value (`“燃气气”不是可选项`) is the same issue for another value.
        if self.issues_at(cell).any(|i| i.kind.quotes()) {
            touched.cell(cell);
        }
        self.finish(touched)
    }

    fn row_at_or_grow(&mut self, group: GroupId, position: usize, touched: &mut Touched) -> Option<RowId> {
        let len = self.cells.rows(group).map_or(0, |r| r.len());
        if position >= len {
            if position >= MAX_ROWS {
                self.note_too_many_rows(group, touched);
                return None;
            }
            for id in self.insert_blank(group, len, position + 1 - len, touched) {
                self.rerun_row(group, id, touched);
            }
        }
        self.cells.rows(group).and_then(|r| r.at(position))
    }

    fn note_too_many_rows(&mut self, group: GroupId, touched: &mut Touched) {
        if !self.overflow.too_many_rows.contains(&group) {
            self.overflow.too_many_rows.push(group);
            touched.overflow_changed = true;
        }
    }

    fn insert_blank(&mut self, group: GroupId, at: usize, count: usize, touched: &mut Touched) -> Vec<RowId> {
        let Some(rows) = self.cells.rows_mut(group) else { return Vec::new() };
        let ids = rows.insert(at, count);
        touched.splices.push(Splice { group: self.group_name(group), index: at, removed: 0, inserted: ids.len() });
        ids
    }

    fn group_name(&self, group: GroupId) -> String {
        self.schema().groups.get(usize::from(group)).map(|g| g.name.clone()).unwrap_or_default()
    }

    fn group_id(&self, name: &str) -> Result<GroupId, UsageError> {
        self.schema().group(name).ok_or_else(|| {
            let known: Vec<&str> = self.schema().groups.iter().map(|g| g.name.as_str()).collect();
            UsageError::Option {
                key: "group".into(),
                problem: format!("\"{name}\" is not a repeated group of this form; one of: {}", known.join(", ")),
            }
        })
    }

    /// Inserts rows at `index` (0 … the number of rows), each filled from `data` (a list of row
    /// objects; blank rows for `Null` entries). Later rows are renumbered in what comes back.
    pub fn insert_rows(&mut self, group: &str, index: usize, data: &[Value]) -> Result<Changes, UsageError> {
        let g = self.group_id(group)?;
        let len = self.cells.rows(g).map_or(0, |r| r.len());
        if index > len {
            return Err(index_error(index, len, "insert at"));
        }
        let mut touched = Touched::default();
        let room = MAX_ROWS.saturating_sub(len);
        if data.len() > room {
            self.note_too_many_rows(g, &mut touched);
        }
        let count = data.len().min(room);
        let ids = self.insert_blank(g, index, count, &mut touched);
        let compiled = Rc::clone(&self.compiled);
        let group_name = self.group_name(g);
        for (i, (id, row)) in ids.iter().zip(data).enumerate() {
            let mut loader = Loader::new(compiled.schema(), &mut self.cells);
            loader.key(&group_name);
            loader.index(index + i);
            loader.value(row);
            let mut overflow = loader.overflow;
            // As `validate` does: data cut for depth anywhere, even under keys the form lacks.
            overflow.too_deep |= cells::contains_cut(row);
            self.merge_overflow(overflow, &mut touched);
            self.rerun_row(g, *id, &mut touched);
            for field in compiled.schema().groups.get(usize::from(g)).map(|d| d.columns.clone()).unwrap_or_default() {
                if self.issues_at(Cell { field, row: *id }).next().is_some() {
                    touched.cell(Cell { field, row: *id });
                }
            }
        }
        self.touch_twins(g, &mut touched);
        Ok(self.finish(touched))
    }

    fn merge_overflow(&mut self, overflow: Overflow, touched: &mut Touched) {
        if !overflow.any() {
            return;
        }
        self.overflow.too_deep |= overflow.too_deep;
        self.overflow.too_many_values |= overflow.too_many_values;
        for g in overflow.too_many_rows {
            self.note_too_many_rows(g, touched);
        }
        touched.overflow_changed = true;
    }

    /// Removes the row at `index`.
    pub fn remove_row(&mut self, group: &str, index: usize) -> Result<Changes, UsageError> {
        let g = self.group_id(group)?;
        let len = self.cells.rows(g).map_or(0, |r| r.len());
        let Some(id) = self.cells.rows_mut(g).and_then(|r| r.remove(index)) else {
            return Err(index_error(index, len, "remove"));
        };
        let mut touched = Touched {
            splices: vec![Splice { group: group.to_owned(), index, removed: 1, inserted: 0 }],
            ..Touched::default()
        };
        let state = self.rows.get_mut(usize::from(g)).and_then(|s| s.get_mut(id.0 as usize)).and_then(Option::take);
        if let Some(state) = state {
            self.live_rows = self.live_rows.saturating_sub(1);
            for (sum, part) in self.sums.iter_mut().zip(&state.found.tally) {
                *sum = sum.saturating_sub(*part);
            }
            touched.sums_moved = state.found.tally.iter().any(|t| *t != 0);
            if let Some(key) = state.duplicate_key {
                self.reindex_duplicate(g, id, Some(key), None, &mut touched);
            }
            if let Some(twins) = self.twins.get_mut(usize::from(g)) {
                if let Some(i) = twins.iter().position(|r| *r == id) {
                    twins.swap_remove(i);
                }
            }
        }
        self.touch_twins(g, &mut touched);
        touched.cells.retain(|c| c.row != id);
        Ok(self.finish(touched))
    }

    /// Moves the row at `from` to `to`; its issues and computed values come back at the new path.
    pub fn move_row(&mut self, group: &str, from: usize, to: usize) -> Result<Changes, UsageError> {
        let g = self.group_id(group)?;
        let len = self.cells.rows(g).map_or(0, |r| r.len());
        if to >= len {
            return Err(index_error(to, len, "move to"));
        }
        let Some(id) = self.cells.rows_mut(g).and_then(|r| r.move_row(from, to)) else {
            return Err(index_error(from, len, "move"));
        };
        let mut touched = Touched {
            splices: vec![
                Splice { group: group.to_owned(), index: from, removed: 1, inserted: 0 },
                Splice { group: group.to_owned(), index: to, removed: 0, inserted: 1 },
            ],
            ..Touched::default()
        };
        if let Some(Some(state)) = self.rows.get(usize::from(g)).and_then(|s| s.get(id.0 as usize)) {
            touched.computed.extend(state.found.computed.iter().cloned());
        }
        let columns = self.schema().groups.get(usize::from(g)).map(|d| d.columns.clone()).unwrap_or_default();
        for field in columns {
            if self.issues_at(Cell { field, row: id }).next().is_some() {
                touched.cell(Cell { field, row: id });
            }
        }
        self.touch_twins(g, &mut touched);
        Ok(self.finish(touched))
    }

    /// Moves the clock (the drop-in advances the portal's server time). Only scopes and rows whose
    /// answer can change between the two moments are re-checked.
    pub fn set_now(&mut self, now: Instant) -> Changes {
        if self.now == now {
            return Changes::default();
        }
        if !self.days {
            self.days = true;
            self.file_days();
        }
        let before_day = self.today;
        self.now = now;
        self.today = china_day(now.unix_ms);
        self.date = now.wall_clock(8 * 60).date;
        let mut touched = Touched::default();
        let clock_scopes: Vec<usize> = self.compiled.form.clock_scopes().iter().map(|s| usize::from(*s)).collect();
        for scope in clock_scopes {
            let holds = self.scopes.get(scope).map_or(FOREVER, |s| s.holds);
            if now.unix_ms < holds.0 || now.unix_ms >= holds.1 {
                self.rerun_scope(scope, &mut touched);
            }
        }
        let day = self.today;
        let mut due: Vec<(GroupId, RowId)> = Vec::new();
        if day > before_day {
            for (d, row) in self.day_until.take(before_day, day) {
                if china_day(self.row_holds(row).1) == d {
                    due.push(row);
                }
            }
        } else if day < before_day {
            for (d, row) in self.day_from.take(day, before_day) {
                if china_day(self.row_holds(row).0) == d {
                    due.push(row);
                }
            }
        }
        due.sort_unstable();
        due.dedup();
        for (g, row) in due {
            let holds = self.row_holds((g, row));
            if now.unix_ms < holds.0 || now.unix_ms >= holds.1 {
                self.recheck_row(g, row, &mut touched, true);
            }
        }
        self.finish(touched)
    }

    /// A live row's interval; a removed row's is empty, so nothing matches it.
    fn row_holds(&self, (g, row): (GroupId, RowId)) -> (i64, i64) {
        match self.rows.get(usize::from(g)).and_then(|s| s.get(row.0 as usize)) {
            Some(Some(state)) => state.found.holds,
            _ => (0, 0),
        }
    }
}

/// Reads JSON text in its object form into blank cells, saying what could not be read.
fn read_object_text(schema: &Schema, json: &str) -> (Cells, Overflow) {
    let mut cells = Cells::new(schema);
    if json.len() > MAX_INPUT_BYTES {
        return (cells, Overflow { too_large: true, ..Overflow::default() });
    }
    let mut loader = Loader::new(schema, &mut cells);
    let cut = crate::input::json::load(json, MAX_DEPTH + 1, &mut loader);
    let mut overflow = loader.overflow;
    overflow.too_deep |= cut;
    (cells, overflow)
}

fn index_error(index: usize, len: usize, what: &str) -> UsageError {
    UsageError::Option { key: "index".into(), problem: format!("cannot {what} row {index}: the group has {len} rows") }
}
