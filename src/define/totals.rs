//! Totals: computed form fields that read only the running sums and counts (`sum(${rows.found})`,
//! `${totals.fixed} * 100 / ${totals.found}`) and that nothing but another total reads. They are
//! the built-in forms' [`Form::totals`](crate::forms::Form::totals): worked out from the sums
//! alone whenever a row's tally moves, with no scope run, no findings and no diff of issues (a
//! total has none). Every other computed field runs in its scope as before. Which fields are
//! totals is found when the definition is compiled (compile.rs, `select_totals`).

use super::compile::Defined;
use super::form::catalogue;
use super::values;
use crate::check::findings::Computed;
use crate::expr::{Catalogue, Env, Val};
use crate::schema::FieldId;

/// What a total's expression reads: the running sums and counts, the parameters, and the totals
/// worked out before it.
struct Sums<'a> {
    form: &'a Defined,
    sums: &'a [i64],
    /// The value of each of `form.totals` worked out so far.
    values: &'a [Val],
}

impl Env for Sums<'_> {
    fn field(&self, id: u32, _row: Option<usize>) -> Val {
        let at = self.form.totals.iter().position(|f| u32::from(*f) == id);
        at.and_then(|i| self.values.get(i)).cloned().unwrap_or(Val::Null)
    }

    fn rows(&self, group: u32) -> usize {
        // A count of rows has its running slot (`count(${g})`); any other reading of a repeated
        // group's rows is a running count or sum, which `counted` and `summed` answer.
        self.form.row_count(self.sums, group).unwrap_or(0)
    }

    fn param(&self, name: &str) -> Val {
        self.form.params.get(name).cloned().unwrap_or(Val::Null)
    }

    fn today(&self) -> Option<i64> {
        None
    }

    fn kept(&self, index: u32) -> Val {
        self.form.kept_value(self.sums, index)
    }

    fn call(&self, f: Catalogue, args: &[Val]) -> Val {
        catalogue(f, args, None)
    }
}

impl Defined {
    /// The totals' values for the running sums `sums`.
    pub(crate) fn run_totals(&self, sums: &[i64]) -> Vec<(FieldId, Computed)> {
        let mut values: Vec<Val> = Vec::with_capacity(self.totals.len());
        let mut out = Vec::with_capacity(self.totals.len());
        for &f in &self.totals {
            let Some(rt) = self.fields.get(usize::from(f)) else { continue };
            let env = Sums { form: self, sums, values: &values };
            let v = rt.calculate.and_then(|e| self.exprs.get(e)).and_then(|e| e.eval(&env, None).ok());
            let (v, stated) = values::settle(rt.ty, v.unwrap_or(Val::Null));
            out.push((f, stated));
            values.push(v);
        }
        out
    }
}
