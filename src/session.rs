//! Incremental validation while typing: `set(path, value)` re-checks only the scopes that read
//! `path`, updates running sums by difference, and returns only what changed.
//!
//! A keystroke therefore costs the rules of one scope (one row, one header group) plus the
//! form's totals, whatever the size of the form. `validate` is a session fed all data at once.

use crate::date::Instant;
use crate::forms::{self, Computed, Context, Findings, Form, FormKind};
use crate::issue::{Issue, Severity};
use crate::messages::Locale;
use crate::options::{Options, UsageError};
use crate::report::{Changes, RenderedIssue, Report};
use crate::sorted::SortedMap;
use crate::value::{Fields, Scalar};

/// A form being filled in.
pub struct Session {
    form: Box<dyn Form>,
    ctx: Context,
    locale: Locale,
    fields: Fields,
    /// Each scope's issues, in display order.
    scope_issues: Vec<Vec<Issue>>,
    /// Each scope's contribution to the running sums.
    scope_tally: Vec<Vec<u64>>,
    /// The running sums.
    tally: Vec<u64>,
    /// Every computed field's current value.
    computed: SortedMap<Computed>,
}

impl Session {
    /// Starts a session on `fields` (empty for a blank form) and checks everything once.
    pub fn new(kind: FormKind, options: Options, fields: Fields) -> Result<Session, UsageError> {
        let form =
            forms::build(kind, &options.profile).ok_or_else(|| UsageError::KindNotAvailable(kind.as_str().into()))?;
        let scopes = form.scope_count();
        let width = form.tally_width();
        let ctx = Context { profile: options.profile, now: options.now, previous: options.previous };
        let mut session = Session {
            form,
            ctx,
            locale: options.locale,
            fields,
            scope_issues: vec![Vec::new(); scopes],
            scope_tally: vec![vec![0; width]; scopes],
            tally: vec![0; width],
            computed: SortedMap::new(),
        };
        let all: Vec<usize> = (0..scopes).collect();
        session.rerun(&all);
        for (path, value) in session.form.totals(&session.tally) {
            session.computed.insert(&path, value);
        }
        Ok(session)
    }

    /// Sets one field as the user types; returns only the issues and computed values that changed.
    pub fn set(&mut self, path: &str, value: Scalar) -> Changes {
        if !self.fields.set(path, value) {
            return Changes::default();
        }
        let scopes = self.form.scopes_of(path);
        self.rerun(&scopes)
    }

    /// Moves the clock (the drop-in advances the portal's server time); re-checks deadlines.
    pub fn set_now(&mut self, now: Instant) -> Changes {
        if self.ctx.now == now {
            return Changes::default();
        }
        self.ctx.now = now;
        let scopes = self.form.clock_scopes();
        self.rerun(&scopes)
    }

    /// The full result: every issue and every computed field.
    pub fn result(&self) -> Report {
        let issues: Vec<RenderedIssue> = self.scope_issues.iter().flatten().map(|i| self.render(i)).collect();
        let valid = !issues.iter().any(RenderedIssue::is_error);
        let computed = self.computed.iter().map(|(k, v)| (k.to_owned(), v.clone())).collect();
        Report { valid, issues, computed }
    }

    /// Whether any error remains (cheaper than building the full result).
    pub fn has_errors(&self) -> bool {
        self.scope_issues.iter().flatten().any(|i| i.severity == Severity::Error)
    }

    /// The fields as entered so far.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The form being filled.
    pub fn form(&self) -> &dyn Form {
        self.form.as_ref()
    }

    fn render(&self, issue: &Issue) -> RenderedIssue {
        RenderedIssue::new(issue, &self.form.label(&issue.path), self.locale)
    }

    /// Re-checks `scopes`, keeps the new findings and returns what differs from before.
    fn rerun(&mut self, scopes: &[usize]) -> Changes {
        let mut changes = Changes::default();
        let mut touched: Vec<String> = Vec::new();
        let mut sums_moved = false;
        for &scope in scopes {
            let mut out = Findings::new(&self.ctx.profile, self.form.tally_width());
            self.form.check(scope, &self.fields, &self.ctx, &mut out);
            let Findings { issues, computed, tally, .. } = out;

            if let Some(old) = self.scope_issues.get_mut(scope) {
                if *old != issues {
                    for issue in old.iter().chain(&issues) {
                        let before = old.iter().filter(|i| i.path == issue.path);
                        let after = issues.iter().filter(|i| i.path == issue.path);
                        if !before.eq(after) && !touched.contains(&issue.path) {
                            touched.push(issue.path.clone());
                        }
                    }
                    *old = issues;
                }
            }
            for (path, value) in computed {
                if self.computed.get(&path) != Some(&value) {
                    self.computed.insert(&path, value.clone());
                    changes.computed.push((path, value));
                }
            }
            if let Some(old) = self.scope_tally.get_mut(scope) {
                if *old != tally {
                    for ((sum, before), after) in self.tally.iter_mut().zip(old.iter()).zip(&tally) {
                        *sum = sum.wrapping_sub(*before).wrapping_add(*after);
                    }
                    *old = tally;
                    sums_moved = true;
                }
            }
        }
        if sums_moved {
            for (path, value) in self.form.totals(&self.tally) {
                if self.computed.get(&path) != Some(&value) {
                    self.computed.insert(&path, value.clone());
                    changes.computed.push((path, value));
                }
            }
        }
        for path in touched {
            let list = self.issues_at(&path);
            changes.issues.push((path, list));
        }
        changes
    }

    /// Every issue at `path`; scopes report only at paths they read, so only those are searched.
    fn issues_at(&self, path: &str) -> Vec<RenderedIssue> {
        self.form
            .scopes_of(path)
            .into_iter()
            .filter_map(|s| self.scope_issues.get(s))
            .flatten()
            .filter(|i| i.path == path)
            .map(|i| self.render(i))
            .collect()
    }
}
