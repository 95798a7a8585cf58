//! Validation findings as data: a stable code with its parameters, a path and a severity.

use crate::date::{Date, TimeOfDay};
use crate::normalise::Rejection;

/// Whether an issue blocks submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Blocks submission.
    Error,
    /// Shown, never blocks ("in principle" rules, lateness).
    Warning,
}

impl Severity {
    /// The contract's spelling: `"error"` or `"warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// What is wrong, with the numbers the message needs. Each kind has a stable snake_case code.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A required field is blank.
    Required,
    /// Not a number (`1２a`, `1e3`).
    NotANumber,
    /// A count with a fraction (`2.5`).
    NotWholeNumber,
    /// A count below zero.
    NegativeNumber,
    /// A count above the sane bound.
    NumberTooLarge {
        /// The bound.
        max: u64,
    },
    /// Text longer than the field allows.
    TextTooLong {
        /// Characters allowed.
        max: u64,
    },
    /// Not a date in any accepted notation.
    InvalidDate,
    /// No such calendar day (`2021-02-30`).
    NotCalendarDate,
    /// A date after today.
    DateInFuture {
        /// Today, in China Standard Time.
        today: Date,
    },
    /// A date outside the profile's key period.
    OutsideKeyPeriod {
        /// First day.
        start: Date,
        /// Last day.
        end: Date,
    },
    /// 已整治 exceeds 发现.
    FixedExceedsFound {
        /// Hazards found in the same row.
        found: u64,
    },
    /// A typed 未整治 that is not 发现 − 已整治.
    UnfixedMismatch {
        /// 发现 − 已整治.
        expected: u64,
    },
    /// 未整治隐患防控措施 blank while hazards remain.
    MeasuresRequired {
        /// Hazards not yet fixed.
        unfixed: u64,
    },
    /// A cumulative count lower than in the previous report.
    CountDecreased {
        /// The previous report's value.
        previous: u64,
    },
    /// Reported after the daily deadline.
    LateSubmission {
        /// The profile's deadline.
        deadline: TimeOfDay,
        /// The day the report was due.
        due: Date,
    },
    /// 审核人 is the same person as 填表人.
    ReviewerIsFiller,
    /// Two school reports in one roll-up are from the same unit.
    DuplicateUnit {
        /// The other report's index.
        first: usize,
    },
    /// School reports in one roll-up are for different days.
    MixedReportDates,
}

impl Kind {
    /// The stable code portals match on.
    pub fn code(&self) -> &'static str {
        match self {
            Kind::Required => "required",
            Kind::NotANumber => "not_a_number",
            Kind::NotWholeNumber => "not_whole_number",
            Kind::NegativeNumber => "negative_number",
            Kind::NumberTooLarge { .. } => "number_too_large",
            Kind::TextTooLong { .. } => "text_too_long",
            Kind::InvalidDate => "invalid_date",
            Kind::NotCalendarDate => "not_calendar_date",
            Kind::DateInFuture { .. } => "date_in_future",
            Kind::OutsideKeyPeriod { .. } => "outside_key_period",
            Kind::FixedExceedsFound { .. } => "fixed_exceeds_found",
            Kind::UnfixedMismatch { .. } => "unfixed_mismatch",
            Kind::MeasuresRequired { .. } => "measures_required",
            Kind::CountDecreased { .. } => "count_decreased",
            Kind::LateSubmission { .. } => "late_submission",
            Kind::ReviewerIsFiller => "reviewer_is_filler",
            Kind::DuplicateUnit { .. } => "duplicate_unit",
            Kind::MixedReportDates => "mixed_report_dates",
        }
    }

    /// Every code, for documentation and profile checks.
    pub const CODES: &'static [&'static str] = &[
        "required",
        "not_a_number",
        "not_whole_number",
        "negative_number",
        "number_too_large",
        "text_too_long",
        "invalid_date",
        "not_calendar_date",
        "date_in_future",
        "outside_key_period",
        "fixed_exceeds_found",
        "unfixed_mismatch",
        "measures_required",
        "count_decreased",
        "late_submission",
        "reviewer_is_filler",
        "duplicate_unit",
        "mixed_report_dates",
    ];

    /// The severity a rule has unless a profile says otherwise.
    pub fn default_severity(&self) -> Severity {
        match self {
            Kind::LateSubmission { .. }
            | Kind::ReviewerIsFiller
            | Kind::DuplicateUnit { .. }
            | Kind::MixedReportDates => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl From<Rejection> for Kind {
    fn from(r: Rejection) -> Kind {
        match r {
            Rejection::NotANumber => Kind::NotANumber,
            Rejection::NotWhole => Kind::NotWholeNumber,
            Rejection::Negative => Kind::NegativeNumber,
            Rejection::TooLarge => Kind::NumberTooLarge { max: crate::normalise::MAX_COUNT },
            Rejection::NotADate => Kind::InvalidDate,
            Rejection::NotACalendarDate => Kind::NotCalendarDate,
        }
    }
}

/// One finding at one path. The message is rendered later, in the caller's locale.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// CONTRACT.md path of the field (`rows.fire.fixed`).
    pub path: String,
    /// What is wrong.
    pub kind: Kind,
    /// Error or warning, after the profile's overrides.
    pub severity: Severity,
}
