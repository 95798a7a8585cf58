//! What a scope or row found, what one change touched, and the difference between the two
//! findings that decides what a change reports: the incremental bookkeeping of the session.

use crate::check::findings::Tally;
use crate::engine::report::Splice;
use crate::forms::Computed;
use crate::issue::Issue;
use crate::schema::Cell;

/// What one scope or row found, as the session keeps it.
#[derive(Debug, Default, Clone)]
pub(super) struct Found {
    pub(super) issues: Vec<Issue>,
    pub(super) computed: Vec<(Cell, Computed)>,
    pub(super) tally: Tally,
    pub(super) holds: (i64, i64),
}

/// A row's findings and its place in its group's duplicate index.
#[derive(Debug, Default, Clone)]
pub(super) struct RowState {
    pub(super) found: Found,
    pub(super) duplicate_key: Option<String>,
    pub(super) duplicate: bool,
}

/// What one change touched, gathered before it is rendered.
#[derive(Default)]
pub(super) struct Touched {
    /// Nothing is gathered: the first check of a whole form, whose result is read in full.
    pub(super) quiet: bool,
    pub(super) cells: Vec<Cell>,
    pub(super) computed: Vec<(Cell, Computed)>,
    pub(super) sums_moved: bool,
    pub(super) splices: Vec<Splice>,
    pub(super) overflow_changed: bool,
}

impl Touched {
    /// Notes a cell whose issues changed (once).
    pub(super) fn cell(&mut self, cell: Cell) {
        if !self.quiet && !self.cells.contains(&cell) {
            self.cells.push(cell);
        }
    }
}

/// Replaces `old` with `new`, noting the cells whose issues changed, the computed values that
/// changed, and moving the running sums by the difference.
pub(super) fn diff(old: &mut Found, new: Found, touched: &mut Touched, sums: &mut [i64]) {
    // The first check of a whole form reads its result in full: only the sums need moving.
    if !touched.quiet {
        if old.issues != new.issues {
            for issue in old.issues.iter().chain(&new.issues) {
                let before = old.issues.iter().filter(|i| i.at == issue.at);
                let after = new.issues.iter().filter(|i| i.at == issue.at);
                if !before.eq(after) {
                    touched.cell(issue.at);
                }
            }
        }
        for (cell, value) in &new.computed {
            let before = old.computed.iter().find(|(c, _)| c == cell).map(|(_, v)| v);
            if before != Some(value) {
                touched.computed.push((*cell, value.clone()));
            }
        }
    }
    if old.tally != new.tally {
        for ((sum, before), after) in sums.iter_mut().zip(&old.tally).zip(&new.tally) {
            *sum = sum.saturating_sub(*before).saturating_add(*after);
        }
        touched.sums_moved = true;
    }
    *old = new;
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::check::findings::TALLY_SLOTS;
    use crate::issue::{Code, Kind, Severity};
    use crate::schema::RowId;

    /// A share of the sums with `first` in the first slot.
    fn tally(first: i64) -> Tally {
        let mut t = [0; TALLY_SLOTS];
        t[0] = first;
        t
    }

    fn issue(field: u16) -> Issue {
        Issue { at: Cell { field, row: RowId::NONE }, kind: Kind::bare(Code::Required), severity: Severity::Error }
    }

    #[test]
    fn a_changed_issue_touches_its_cell_and_sums_move_by_difference() {
        let mut old = Found { issues: vec![issue(1)], tally: tally(2), ..Found::default() };
        let new = Found { issues: vec![issue(2)], tally: tally(5), ..Found::default() };
        let (mut touched, mut sums) = (Touched::default(), [10i64; TALLY_SLOTS]);
        diff(&mut old, new, &mut touched, &mut sums);
        assert_eq!(touched.cells, [issue(1).at, issue(2).at]);
        assert!(touched.sums_moved);
        assert_eq!(sums[0], 13);
        assert_eq!(old.issues, [issue(2)]);
    }

    #[test]
    fn a_quiet_change_gathers_nothing_but_the_sums() {
        let mut old = Found::default();
        let new = Found { issues: vec![issue(1)], tally: tally(1), ..Found::default() };
        let (mut touched, mut sums) = (Touched { quiet: true, ..Touched::default() }, [0i64; TALLY_SLOTS]);
        diff(&mut old, new, &mut touched, &mut sums);
        assert!(touched.cells.is_empty());
        assert_eq!(sums[0], 1);
    }
}
