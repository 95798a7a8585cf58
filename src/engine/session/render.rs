//! Reading a session's results: issues rendered with their messages in the form's display order,
//! computed values by path, and the limits' own issues.

use super::Session;
use crate::base::limits::{MAX_DEPTH, MAX_INPUT_BYTES, MAX_ROWS, MAX_VALUES};
use crate::base::text::Localized;
use crate::engine::report::{RenderedIssue, Report};
use crate::forms::Computed;
use crate::issue::{Arg, Code, Issue, Kind, Severity};
use crate::schema::{Cell, FieldId, GroupId, RowId, Section};

impl Session {
    /// The path of a cell at its row's current position.
    pub(super) fn path(&self, cell: Cell) -> Option<String> {
        let schema = self.schema();
        let def = schema.field(cell.field)?;
        match def.group {
            None => Some(def.name.clone()),
            Some(g) => {
                let position = self.cells.rows(g)?.position(cell.row)?;
                Some(schema.path(cell.field, Some(position)))
            }
        }
    }

    /// Every issue at `cell`: its scope's or row's own, then its row's duplicate.
    pub(super) fn issues_at(&self, cell: Cell) -> impl Iterator<Item = Issue> + '_ {
        let schema = self.schema();
        let def = schema.field(cell.field);
        let (own, duplicate): (&[Issue], Option<Issue>) = match def.and_then(|d| d.group) {
            None => {
                let scope = def.map_or(0, |d| usize::from(d.scope));
                (self.scopes.get(scope).map_or(&[][..], |s| &s.issues[..]), None)
            }
            Some(g) => match self.rows.get(usize::from(g)).and_then(|s| s.get(cell.row.0 as usize)) {
                Some(Some(state)) => (&state.found.issues[..], self.duplicate_issue(g, cell.row, state)),
                _ => (&[][..], None),
            },
        };
        own.iter().filter(move |i| i.at == cell).copied().chain(duplicate.filter(|i| i.at == cell))
    }

    pub(super) fn render(&self, issue: Issue) -> RenderedIssue {
        let path = self.path(issue.at).unwrap_or_default();
        let blank = Localized::default();
        let label = self.schema().label(issue.at.field).unwrap_or(&blank);
        if issue.kind.own != 0 {
            if let Some(own) = self.compiled.form.own_code(issue.kind.own) {
                let given = match issue.kind.quotes() {
                    true => crate::input::normalise::quoted(self.cells.get(self.schema(), issue.at)),
                    false => String::new(),
                };
                return RenderedIssue::own(path, &issue, own, label, &given, self.compiled.locale);
            }
        }
        let mut rendered = RenderedIssue::new(path, &issue, label, self.compiled.locale);
        if issue.kind.quotes() {
            let given = crate::input::normalise::quoted(self.cells.get(self.schema(), issue.at));
            rendered.message = crate::issue::messages::render_quoting(&issue.kind, label, &given, self.compiled.locale);
        }
        rendered
    }

    pub(super) fn overflow_issues(&self) -> Vec<RenderedIssue> {
        let mut out = Vec::new();
        if !self.overflow.any() {
            return out;
        }
        let form = Localized::new("填报内容", "The form data");
        let mut push = |path: String, kind: Kind, label: &Localized| {
            let issue = Issue { at: Cell::FORM, kind, severity: Severity::Error };
            out.push(RenderedIssue::new(path, &issue, label, self.compiled.locale));
        };
        let o = &self.overflow;
        if o.too_large {
            push(String::new(), Kind::with(Code::InputTooLarge, Arg::Num(MAX_INPUT_BYTES as u64)), &form);
        }
        if o.too_deep {
            push(String::new(), Kind::with(Code::NestingTooDeep, Arg::Num(MAX_DEPTH as u64)), &form);
        }
        if o.too_many_values {
            push(String::new(), Kind::with(Code::TooManyFields, Arg::Num(MAX_VALUES as u64)), &form);
        }
        for g in &o.too_many_rows {
            if let Some(group) = self.schema().groups.get(usize::from(*g)) {
                push(group.name.clone(), Kind::with(Code::TooManyRows, Arg::Num(MAX_ROWS as u64)), &group.label);
            }
        }
        out
    }

    /// Every issue, in the form's display order (limits first; only the limit when the data was
    /// too large to read at all).
    pub fn all_issues(&self) -> Vec<RenderedIssue> {
        let mut out = self.overflow_issues();
        if self.overflow.too_large {
            // Nothing was read: the blank form's issues would blame fields the person did fill.
            return out;
        }
        for section in &self.schema().sections {
            match *section {
                Section::Scope(s) => {
                    if let Some(found) = self.scopes.get(usize::from(s)) {
                        out.extend(found.issues.iter().map(|i| self.render(*i)));
                    }
                }
                Section::Group(g) => {
                    let order = self.cells.rows(g).map(|r| r.order()).unwrap_or(&[]);
                    let states = self.rows.get(usize::from(g));
                    for id in order {
                        if let Some(Some(state)) = states.and_then(|s| s.get(id.0 as usize)) {
                            out.extend(state.found.issues.iter().map(|i| self.render(*i)));
                            out.extend(self.duplicate_issue(g, *id, state).map(|i| self.render(i)));
                        }
                    }
                }
            }
        }
        out
    }

    /// The full result: every issue and every computed field.
    pub fn result(&self) -> Report {
        self.result_with(self.all_issues())
    }

    /// The full result, its issues ([`Session::all_issues`]) already rendered.
    pub fn result_with(&self, issues: Vec<RenderedIssue>) -> Report {
        let valid = !issues.iter().any(RenderedIssue::is_error);
        let mut computed = Vec::new();
        let schema = self.schema();
        self.each_computed(&mut |field, position, value| computed.push((schema.path(field, position), value.clone())));
        Report { valid, issues, computed }
    }

    /// Every computed value in the result's order, with its field and row position (a group's
    /// column): what [`Session::result`] names by path, without making the paths.
    pub fn each_computed(&self, visit: &mut dyn FnMut(FieldId, Option<usize>, &Computed)) {
        let schema = self.schema();
        for section in &schema.sections {
            match *section {
                Section::Scope(s) => {
                    if let Some(found) = self.scopes.get(usize::from(s)) {
                        for (cell, value) in &found.computed {
                            let position = match schema.field(cell.field).and_then(|f| f.group) {
                                Some(g) => match self.cells.rows(g).and_then(|r| r.position(cell.row)) {
                                    Some(position) => Some(position),
                                    None => continue,
                                },
                                None => None,
                            };
                            visit(cell.field, position, value);
                        }
                    }
                    for (field, value) in &self.totals {
                        if schema.field(*field).is_some_and(|f| f.scope == s) {
                            visit(*field, None, value);
                        }
                    }
                }
                Section::Group(g) => {
                    let order = self.cells.rows(g).map(|r| r.order()).unwrap_or(&[]);
                    let states = self.rows.get(usize::from(g));
                    for (position, id) in order.iter().enumerate() {
                        if let Some(Some(state)) = states.and_then(|s| s.get(id.0 as usize)) {
                            for (cell, value) in &state.found.computed {
                                visit(cell.field, Some(position), value);
                            }
                        }
                    }
                }
            }
        }
    }

    /// Whether any error remains (cheaper than building the full result).
    pub fn has_errors(&self) -> bool {
        let errors = |issues: &[Issue]| issues.iter().any(|i| i.severity == Severity::Error);
        self.overflow.any()
            || self.scopes.iter().any(|s| errors(&s.issues))
            || self.rows.iter().enumerate().any(|(g, states)| {
                states.iter().flatten().any(|s| {
                    errors(&s.found.issues)
                        || self
                            .duplicate_issue(GroupId::try_from(g).unwrap_or(0), RowId::NONE, s)
                            .is_some_and(|i| i.severity == Severity::Error)
                })
            })
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

    fn daily_report() -> Session {
        let compiled = Compiled::new(FormKind::DailyReport, Options::from_value(&Value::Null).unwrap()).unwrap();
        Session::new(Rc::new(compiled), || Instant { unix_ms: 1_624_347_600_000 })
    }

    #[test]
    fn issues_come_in_display_order_and_the_result_agrees_with_has_errors() {
        let mut s = daily_report();
        let paths: Vec<String> = s.all_issues().into_iter().map(|i| i.path).collect();
        assert_eq!(paths.first().map(String::as_str), Some("unit"), "the form's first field first");
        assert!(s.has_errors() && !s.result().valid);
        s.set("unit", Scalar::Text("温州中学".into()));
        assert!(!s.all_issues().iter().any(|i| i.path == "unit"));
    }

    #[test]
    fn computed_values_are_visited_in_the_results_order() {
        let mut s = daily_report();
        s.set("rows.fire.found", Scalar::Text("3".into()));
        s.set("rows.fire.fixed", Scalar::Text("1".into()));
        let result = s.result();
        let mut visited = Vec::new();
        s.each_computed(&mut |field, position, _| visited.push(s.schema().path(field, position)));
        let paths: Vec<&String> = result.computed.iter().map(|(p, _)| p).collect();
        assert_eq!(visited.iter().collect::<Vec<_>>(), paths);
        assert!(paths.iter().any(|p| *p == "rows.fire.unfixed"));
    }
}
