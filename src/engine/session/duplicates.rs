//! A group's duplicate index: rows by their duplicate key (a normalised hazard text, a resident
//! ID), and which rows are marked duplicate, with the other row their message names.

use super::Session;
use crate::engine::found::{RowState, Touched};
use crate::issue::{Arg, Issue};
use crate::schema::{Cell, GroupId, RowId};

impl Session {
    /// Moves `row` from `old` to `new` in its group's duplicate index and re-marks the rows whose
    /// duplicate state that changes.
    pub(super) fn reindex_duplicate(
        &mut self,
        group: GroupId,
        row: RowId,
        old: Option<String>,
        new: Option<String>,
        touched: &mut Touched,
    ) {
        let names = self.names_twin(group);
        let Some(index) = self.duplicates.get_mut(usize::from(group)) else { return };
        // The rows whose state may change: this one, a twin left alone, a twin just found; and
        // when the message names the other row, every row left in either list.
        let (mut left_alone, mut found, mut renamed) = (None, None, Vec::new());
        if let Some(old) = old {
            if let Some(list) = index.get_mut(&old) {
                list.retain(|r| *r != row);
                if let [twin] = list.as_slice() {
                    left_alone = Some(*twin);
                }
                if names {
                    renamed.extend_from_slice(list);
                }
                if list.is_empty() {
                    index.remove(&old);
                }
            }
        }
        if let Some(new) = new {
            let list = index.entry(new).or_default();
            list.push(row);
            if let [first, _] = list.as_slice() {
                found = Some(*first);
            }
            if names {
                renamed.extend_from_slice(list);
            }
        }
        for r in [Some(row), left_alone, found].into_iter().flatten() {
            self.refresh_duplicate(group, r, touched);
        }
        if let Some(field) = self.compiled.form.duplicate_field(group) {
            for r in renamed {
                if self.row_state(group, r).is_some_and(|s| s.duplicate) {
                    touched.cell(Cell { field, row: r });
                }
            }
        }
    }

    /// Whether a group's duplicate message names the other row.
    pub(super) fn names_twin(&self, group: GroupId) -> bool {
        let form = &self.compiled.form;
        let kind = form.duplicate_kind(group);
        let (zh, en) = match form.own_code(kind.own) {
            Some(own) => (own.zh.as_str(), own.en.as_str()),
            None => (kind.code.info().zh, kind.code.info().en),
        };
        // Bytes, not `str::contains`: the string searcher is 2 KB of wasm.
        [zh, en].iter().any(|m| m.as_bytes().windows(3).any(|w| w == b"{0}"))
    }

    /// Writes again the messages of a group's duplicates that name another row: rows moved.
    pub(super) fn touch_twins(&self, group: GroupId, touched: &mut Touched) {
        let Some(field) = self.compiled.form.duplicate_field(group) else { return };
        for row in self.twins.get(usize::from(group)).map_or(&[][..], |t| &t[..]) {
            touched.cell(Cell { field, row: *row });
        }
    }

    pub(super) fn refresh_duplicate(&mut self, group: GroupId, row: RowId, touched: &mut Touched) {
        let Some(field) = self.compiled.form.duplicate_field(group) else { return };
        let names = self.names_twin(group);
        let index = self.duplicates.get(usize::from(group));
        let Some(Some(state)) = self.rows.get_mut(usize::from(group)).and_then(|s| s.get_mut(row.0 as usize)) else {
            return;
        };
        let twin =
            state.duplicate_key.as_ref().and_then(|k| index.and_then(|i| i.get(k))).is_some_and(|list| list.len() > 1);
        if twin != state.duplicate {
            state.duplicate = twin;
            touched.cell(Cell { field, row });
            if let Some(twins) = self.twins.get_mut(usize::from(group)).filter(|_| names) {
                if twin {
                    twins.push(row);
                } else if let Some(i) = twins.iter().position(|r| *r == row) {
                    twins.swap_remove(i);
                }
            }
        }
    }

    pub(super) fn duplicate_issue(&self, group: GroupId, row: RowId, state: &RowState) -> Option<Issue> {
        if !state.duplicate {
            return None;
        }
        let form = &self.compiled.form;
        let field = form.duplicate_field(group)?;
        let kind = form.duplicate_kind(group);
        // A form's own code carries its own severity; a profile names the table's codes.
        let severity = match form.own_code(kind.own) {
            Some(own) => own.severity,
            None => self.compiled.profile.severity(kind.code)?,
        };
        let kind = match self.names_twin(group) {
            true => kind.with_args(Arg::Num(self.twin_of(group, row, state).map_or(0, |p| p as u64 + 1)), Arg::None),
            false => kind,
        };
        Some(Issue { at: Cell { field, row }, kind, severity })
    }

    /// The position of the first other row (in the form's order) with `row`'s duplicate key.
    pub(super) fn twin_of(&self, group: GroupId, row: RowId, state: &RowState) -> Option<usize> {
        let list = self.duplicates.get(usize::from(group))?.get(state.duplicate_key.as_ref()?)?;
        let rows = self.cells.rows(group)?;
        list.iter().filter(|r| **r != row).filter_map(|r| rows.position(*r)).min()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::base::date::Instant;
    use crate::base::value::{Scalar, Value};
    use crate::engine::compiled::Compiled;
    use crate::engine::options::Options;
    use crate::engine::session::Session;
    use crate::forms::FormKind;
    use std::rc::Rc;

    fn register() -> Session {
        let compiled = Compiled::new(FormKind::RiskRegister, Options::from_value(&Value::Null).unwrap()).unwrap();
        Session::new(Rc::new(compiled), || Instant { unix_ms: 1_624_347_600_000 })
    }

    fn twins(s: &Session) -> Vec<String> {
        s.all_issues().into_iter().filter(|i| i.code == "duplicate_hazard").map(|i| i.path).collect()
    }

    fn hazard(s: &mut Session, row: usize, description: &str) {
        s.set(&format!("rows[{row}].description"), Scalar::Text(description.into()));
        s.set(&format!("rows[{row}].place"), Scalar::Text("北门".into()));
    }

    #[test]
    fn rows_sharing_a_key_are_marked_until_one_changes() {
        let mut s = register();
        hazard(&mut s, 0, "围墙开裂");
        hazard(&mut s, 1, "围墙开裂");
        hazard(&mut s, 2, "灭火器过期");
        assert_eq!(twins(&s), ["rows[0].description", "rows[1].description"]);
        hazard(&mut s, 1, "围墙倒塌");
        assert_eq!(twins(&s), Vec::<String>::new());
    }

    #[test]
    fn a_removed_twin_leaves_the_other_alone() {
        let mut s = register();
        hazard(&mut s, 0, "围墙开裂");
        hazard(&mut s, 1, "围墙开裂");
        s.remove_row("rows", 0).unwrap();
        assert_eq!(twins(&s), Vec::<String>::new());
    }
}
