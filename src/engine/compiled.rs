//! A form compiled under one set of options: resolved once, shared by every validation and
//! session made from it.

use crate::base::date::Instant;
use crate::base::text::Locale;
use crate::engine::options::{Options, UsageError};
use crate::forms::{self, Form, FormKind};
use crate::input::cells::{self, Cells};
use crate::profile::Profile;
use crate::schema::Schema;
use crate::wire::Layout;

/// A compiled validator: the form of one kind under one profile, its field table and labels,
/// resolved once and shared by every validation and session made from it.
pub struct Compiled {
    /// The form.
    pub form: Box<dyn Form>,
    /// The issuer's rules.
    pub profile: Profile,
    /// Message language.
    pub locale: Locale,
    /// A fixed clock, when the options gave one.
    pub now: Option<Instant>,
    /// The same unit's previous report.
    pub previous: Option<Cells>,
    /// How the form's data crosses positionally; `None` for a form whose groups cannot.
    pub layout: Option<Layout>,
}

impl Compiled {
    /// Compiles `kind` under `options`.
    pub fn new(kind: FormKind, options: Options) -> Result<Compiled, UsageError> {
        let form =
            forms::build(kind, &options.profile).ok_or_else(|| UsageError::KindNotAvailable(kind.as_str().into()))?;
        let previous = options.previous.as_ref().map(|v| cells::load(form.schema(), v).0);
        let layout = Layout::of(form.schema());
        Ok(Compiled { form, profile: options.profile, locale: options.locale, now: options.now, previous, layout })
    }

    /// Compiles a form read from a definition under `options`.
    pub fn with_form(form: Box<dyn Form>, options: Options) -> Compiled {
        let previous = options.previous.as_ref().map(|v| cells::load(form.schema(), v).0);
        let layout = Layout::of(form.schema());
        Compiled { form, profile: options.profile, locale: options.locale, now: options.now, previous, layout }
    }

    /// The form's field table.
    pub fn schema(&self) -> &Schema {
        self.form.schema()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::base::value::Value;

    #[test]
    fn every_kind_compiles_with_its_layout() {
        for kind in [
            FormKind::DailyReport,
            FormKind::RiskRegister,
            FormKind::InspectionChecklist,
            FormKind::SecurityCheckup,
            FormKind::CampaignStatistics,
        ] {
            let compiled = Compiled::new(kind, Options::from_value(&Value::Null).unwrap()).unwrap();
            assert_eq!(compiled.form.kind(), Some(kind));
            let layout = compiled.layout.as_ref().unwrap();
            assert_eq!(layout.fields.len(), compiled.schema().fields.iter().filter(|f| f.group.is_none()).count());
        }
    }
}
