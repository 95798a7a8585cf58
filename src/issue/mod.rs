//! Validation findings as data: a stable code with its arguments, a cell and a severity.
//!
//! [`CODES`] is the one table of issue codes: each code's default severity and its message in
//! zh-CN and en, so a code cannot exist without its messages. Messages name the field with
//! `{label}` and the issue's arguments with `{0}` and `{1}` (see [`messages`]).

pub mod messages;

use crate::base::date::{Date, TimeOfDay};
use crate::input::normalise::Rejection;
use crate::schema::Cell;

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

/// One row of the code table.
#[derive(Debug)]
pub struct CodeInfo {
    /// The stable snake_case code portals match on.
    pub code: &'static str,
    /// The severity unless a profile says otherwise.
    pub severity: Severity,
    /// Simplified Chinese message template.
    pub zh: &'static str,
    /// English message template.
    pub en: &'static str,
}

const fn row(code: &'static str, severity: Severity, zh: &'static str, en: &'static str) -> CodeInfo {
    CodeInfo { code, severity, zh, en }
}

use Severity::{Error as E, Warning as W};

macro_rules! codes {
    ($($variant:ident = $code:literal, $sev:ident, $zh:literal, $en:literal;)*) => {
        /// What is wrong. Each code has one row in [`CODES`], in this order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Code { $(#[doc = $en] $variant,)* }

        /// The code table: code, default severity, zh-CN and en messages.
        pub const CODES: &[CodeInfo] = &[$(row($code, $sev, $zh, $en),)*];

        impl Code {
            /// Every code, in table order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];
        }
    };
}

codes! {
    Required = "required", E, "请填写{label}", "{label} is required";
    NotANumber = "not_a_number", E, "{label}须填写数字，如 12", "{label} must be a number such as 12";
    NotWholeNumber = "not_whole_number", E, "{label}须为整数，不能有小数", "{label} must be a whole number";
    NegativeNumber = "negative_number", E, "{label}不能为负数", "{label} cannot be negative";
    NumberTooLarge = "number_too_large", E, "{label}不能超过{0}", "{label} cannot be more than {0}";
    TextTooLong = "text_too_long", E, "{label}不能超过{0}个字", "{label} cannot be longer than {0} characters";
    InvalidDate = "invalid_date", E, "{label}无法识别，请按 2021-06-22 或 2021年6月22日 填写",
        "{label} is not a date: write it as 2021-06-22 or 2021年6月22日";
    NotCalendarDate = "not_calendar_date", E, "{label}不是有效的日期", "{label} is not a real calendar date";
    InvalidValue = "invalid_value", E, "{label}须填写一个值，不能是列表或对象",
        "{label} must be a single value, not a list or an object";
    InvalidChoice = "invalid_choice", E, "{label}“{0}”不是可选项，请从给定选项中选择",
        "{label} \"{0}\" is not one of the options: choose one of them";
    AmbiguousChoice = "ambiguous_choice", E, "{label}“{0}”可指多个选项，请从给定选项中选择其一",
        "{label} \"{0}\" could be more than one of the options: choose one of them";
    DateInFuture = "date_in_future", E, "{label}不能晚于今天（{0}）", "{label} cannot be after today ({0})";
    OutsideKeyPeriod = "outside_key_period", E, "{label}须在重点时段 {0} 至 {1} 之内",
        "{label} must fall in the key period {0} to {1}";
    FixedExceedsFound = "fixed_exceeds_found", E, "{label}不能多于发现隐患数（{0}）",
        "{label} cannot be more than hazards found ({0})";
    UnfixedMismatch = "unfixed_mismatch", E, "{label}应等于发现隐患数减已整治隐患数，即 {0}",
        "{label} must be hazards found minus hazards fixed, i.e. {0}";
    MeasuresRequired = "measures_required", E, "尚有 {0} 个隐患未整治，请填写{label}",
        "{0} hazards remain unfixed: fill in {label}";
    CountDecreased = "count_decreased", E, "{label}按重点时段累计报送，不能少于上次报送的 {0}",
        "{label} is cumulative over the key period and cannot be lower than the previous report's {0}";
    LateSubmission = "late_submission", W, "{1} 的报表应于 {0} 前报送，现已逾时，按迟报处理",
        "The report for {1} was due before {0}: it is late";
    ReviewerIsFiller = "reviewer_is_filler", W, "{label}与填表人为同一人，请由他人审核",
        "{label} is the same person who filled in the form; someone else should review it";
    DuplicateUnit = "duplicate_unit", W, "{label}与第 {0} 份报表为同一单位", "{label} is the same unit as report {0}";
    MixedReportDates = "mixed_report_dates", W, "汇总的报表{label}不一致",
        "The reports being summed have different values for {label}";
    DeadlineBeforeFound = "deadline_before_found", E, "{label}不能早于发现日期（{0}）",
        "{label} cannot be before the date the hazard was found ({0})";
    CompletedBeforeFound = "completed_before_found", E, "{label}不能早于发现日期（{0}）",
        "{label} cannot be before the date the hazard was found ({0})";
    CompletionDateRequired = "completion_date_required", E, "隐患已整改完成，请填写{label}",
        "The hazard is marked done: fill in {label}";
    InterimMeasuresRequired = "interim_measures_required", E, "隐患正在整改中，请填写{label}",
        "The hazard is still being fixed: fill in {label}";
    Overdue = "overdue", W, "已超过{label}（{0}）仍未整改完成", "{label} ({0}) has passed and the hazard is not fixed yet";
    DuplicateHazard = "duplicate_hazard", W, "与另一行的隐患描述和地点相同，请勿重复填报",
        "Another row has the same hazard description and place: do not enter it twice";
    InputTooLarge = "input_too_large", E, "填报内容超过 {0} 字节，未能校验", "The form data is larger than {0} bytes and was not checked";
    NestingTooDeep = "nesting_too_deep", E, "{label}嵌套超过 {0} 层，未能读取", "{label} is nested deeper than {0} levels and was not read";
    TooManyRows = "too_many_rows", E, "{label}最多 {0} 行，超出的行未校验", "{label} can have at most {0} rows; rows past that were not checked";
    TooManyFields = "too_many_fields", E, "填报内容超过 {0} 项，超出部分未读取", "The form data has more than {0} values; the rest was not read";
    // inspection-checklist
    NotYesNo = "not_yes_no", E, "{label}须填写“是”或“否”", "{label} must be answered yes or no";
    NotAPhone = "not_a_phone", E, "{label}须为手机号或带区号的固定电话，如 0577-88631011",
        "{label} must be a mobile number or a landline with its area code, such as 0577-88631011";
    ShortPhoneNotAllowed = "short_phone_not_allowed", E, "{label}不接受6位内部短号，请填写手机号或带区号的固定电话",
        "{label} cannot be a 6-digit internal short number here: give a mobile or a landline with its area code";
    AnswerContradicted = "answer_contradicted", E, "{label}答“是”，但所填数字表明未达到要求，应为“否”",
        "{label} is answered yes, but the numbers entered show the requirement is not met";
    ItemNineSubItems = "item_nine_sub_items", E, "{label}须与各分项一致：各分项均为“是”才答“是”，有分项为“否”则答“否”",
        "{label} must agree with its sub-items: yes only when every sub-item is yes, no when any is no";
    OutsideInspectionWindow = "outside_inspection_window", E, "{label}须在督查时段 {0} 至 {1} 之内",
        "{label} must fall in the inspection period {0} to {1}";
    RectificationDeadlineRequired = "rectification_deadline_required", E, "有检查项答“否”，请填写{label}",
        "Some items are answered no: fill in {label}";
    DeadlineNotAfterInspection = "deadline_not_after_inspection", E, "{label}须晚于检查日期（{0}）",
        "{label} must be after the inspection date ({0})";
    // field types
    NotAnId = "not_an_id", E, "{label}须为18位公民身份号码（17位数字加1位数字或X）",
        "{label} must be an 18-character resident ID number (17 digits and a digit or X)";
    OldFifteenDigitId = "old_fifteen_digit_id", E, "{label}为15位旧身份证号码，请填写18位公民身份号码",
        "{label} is an old 15-digit ID number: enter the 18-character resident ID number";
    BadCheckDigit = "bad_check_digit", E, "{label}的校验码（最后一位）不正确，请核对号码",
        "{label} has a wrong check character (the last one): check the number";
    BadBirthDate = "bad_birth_date", E, "{label}中的出生日期（第7至14位）不是有效日期",
        "{label} holds no valid birth date (characters 7 to 14)";
    BirthDateInFuture = "birth_date_in_future", E, "{label}中的出生日期晚于今天", "The birth date in {label} is after today";
    // security-checkup
    GuardUnlicensed = "guard_unlicensed", E, "保安员必须持证上岗（{label}：否）",
        "Guards must be licensed ({label}: no)";
    AgeOrIdRequired = "age_or_id_required", E, "请填写{label}或身份证号码", "Enter {label} or the resident ID number";
    AgeMismatch = "age_mismatch", E, "{label}与身份证号码不符，按身份证号码计算应为{0}岁",
        "{label} does not match the resident ID number, which gives {0}";
    GuardUnderAge = "guard_under_age", E, "保安员须年满{0}周岁，按{label}计算为{1}岁",
        "Guards must be at least {0} years old; by {label} this guard is {1}";
    GuardOverAge = "guard_over_age", W, "保安员原则上年龄不高于{0}周岁，按{label}计算为{1}岁",
        "Guards should in principle be {0} or younger; by {label} this guard is {1}";
    DuplicateResidentId = "duplicate_resident_id", W, "{label}与第{0}行保安员相同，同一人请勿重复填报",
        "{label} is the same as the guard's in row {0}: do not enter one person twice";
    TooFewGuards = "too_few_guards", E, "学生在校期间校园保安不少于 {0} 人，{label}仅 {1} 人",
        "At least {0} guards must be on campus during school hours; {label} is {1}";
    // campaign-statistics
    LateMonthlyReport = "late_monthly_report", W, "战果统计表须在每月{0}日前报送，按{label}应于 {1} 前（含当日）报送，现已逾时，按迟报处理",
        "The campaign statistics are due by day {0} of each month: by {label} this report was due by {1} and is late";
    StatusSumMismatch = "status_sum_mismatch", E, "已完成整改与正在整改之和为 {0}，与{label}不符",
        "Risks rectified and risks being rectified add up to {0}, which does not match {label}";
    OverdueExceedsInProgress = "overdue_exceeds_in_progress", E, "{label}不能多于正在整改数（{0}）",
        "{label} cannot be more than the risks being rectified ({0})";
    CategorySumMismatch = "category_sum_mismatch", E, "各类别之和为 {0}，与{label}不符",
        "The categories add up to {0}, which does not match {label}";
    RisksWithoutSchools = "risks_without_schools", E, "已排查出 {0} 个风险隐患，{label}不能为 0",
        "{0} risks were found, so {label} cannot be 0";
}

impl Code {
    /// This code's row of [`CODES`].
    pub fn info(self) -> &'static CodeInfo {
        // The macro builds ALL and CODES in the same order, so the index always exists.
        CODES.get(self as usize).unwrap_or(&FALLBACK)
    }

    /// The stable snake_case code.
    pub fn as_str(self) -> &'static str {
        self.info().code
    }

    /// The severity unless a profile says otherwise.
    pub fn default_severity(self) -> Severity {
        self.info().severity
    }

    /// The code spelled `code`, if any.
    pub fn parse(code: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

const FALLBACK: CodeInfo = row("invalid_value", E, "{label}", "{label}");

/// An argument of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Arg {
    /// None.
    #[default]
    None,
    /// A whole number.
    Num(u64),
    /// A number in millionths (a decimal, or a number below zero), written with the places it
    /// needs.
    Decimal(i64),
    /// A calendar date.
    Date(Date),
    /// A time of day.
    Time(TimeOfDay),
    /// The value given at the issue's cell, quoted as the person gave it (read when the issue is
    /// rendered, so the issue itself stays a small copyable value).
    Given,
}

/// What is wrong, with the values its message needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// The stable code.
    pub code: Code,
    /// Up to two message arguments.
    pub args: [Arg; 2],
    /// 0 for a code of [`CODES`]; `n` for the `n`-th of the form definition's own codes
    /// ([`OwnCode`]), whose name, severity and messages the form holds (`code` is then
    /// [`Code::InvalidValue`], what a reader that does not know the form's codes falls back to).
    pub own: u8,
}

/// A code a form definition declares itself (docs/definitions.md, `codes`) with its messages, for
/// a rule the code table has no wording for. Its name never clashes with one of [`CODES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnCode {
    /// The stable snake_case code portals match on.
    pub code: String,
    /// The severity unless the rule says otherwise.
    pub severity: Severity,
    /// Simplified Chinese message template (`{label}`, `{0}`, `{1}` as in [`CODES`]).
    pub zh: String,
    /// English message template.
    pub en: String,
}

impl Kind {
    /// A kind with no arguments.
    pub const fn bare(code: Code) -> Kind {
        Kind { code, args: [Arg::None, Arg::None], own: 0 }
    }

    /// The `n`-th (from 1) of the form's own codes, with no arguments.
    pub const fn own(n: u8) -> Kind {
        Kind { code: Code::InvalidValue, args: [Arg::None, Arg::None], own: n }
    }

    /// This kind with the message arguments `a` and `b`.
    pub const fn with_args(self, a: Arg, b: Arg) -> Kind {
        Kind { args: [a, b], ..self }
    }

    /// A kind with one argument.
    pub const fn with(code: Code, a: Arg) -> Kind {
        Kind { code, args: [a, Arg::None], own: 0 }
    }

    /// A kind with two arguments.
    pub const fn with2(code: Code, a: Arg, b: Arg) -> Kind {
        Kind { code, args: [a, b], own: 0 }
    }

    /// The stable code portals match on.
    pub fn code(&self) -> &'static str {
        self.code.as_str()
    }

    /// Whether its message quotes the value given ([`Arg::Given`]).
    pub fn quotes(&self) -> bool {
        self.args.iter().any(|a| matches!(a, Arg::Given))
    }
}

impl From<Code> for Kind {
    fn from(code: Code) -> Kind {
        Kind::bare(code)
    }
}

impl From<Rejection> for Kind {
    fn from(r: Rejection) -> Kind {
        match r {
            Rejection::NotANumber => Kind::bare(Code::NotANumber),
            Rejection::NotWhole => Kind::bare(Code::NotWholeNumber),
            Rejection::Negative => Kind::bare(Code::NegativeNumber),
            Rejection::TooLarge => Kind::with(Code::NumberTooLarge, Arg::Num(crate::input::normalise::MAX_COUNT)),
            Rejection::NotADate => Kind::bare(Code::InvalidDate),
            Rejection::NotACalendarDate => Kind::bare(Code::NotCalendarDate),
            Rejection::NotAValue => Kind::bare(Code::InvalidValue),
            Rejection::NotAChoice => Kind::with(Code::InvalidChoice, Arg::Given),
        }
    }
}

/// One finding at one cell. The path and message are rendered when it leaves the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Issue {
    /// The cell the issue is about.
    pub at: Cell,
    /// What is wrong.
    pub kind: Kind,
    /// Error or warning, after the profile's overrides.
    pub severity: Severity,
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_row_with_both_messages() {
        assert_eq!(Code::ALL.len(), CODES.len());
        for (i, code) in Code::ALL.iter().enumerate() {
            assert_eq!(*code as usize, i);
            let info = code.info();
            assert!(!info.zh.is_empty() && !info.en.is_empty(), "{}", info.code);
            assert_eq!(Code::parse(info.code), Some(*code));
        }
        let mut seen: Vec<&str> = CODES.iter().map(|c| c.code).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), CODES.len(), "codes are unique");
    }
}
