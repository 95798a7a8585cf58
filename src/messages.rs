//! Messages: every issue rendered in zh-CN (default) or en, naming the field by its form label.

use crate::issue::{Issue, Kind};
use crate::profile::Localized;

/// A message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// Simplified Chinese, the default.
    #[default]
    ZhCn,
    /// English.
    En,
}

impl Locale {
    /// `zh-CN`, `zh` and `zh-*` are Chinese; `en` and `en-*` English; anything else is `None`.
    pub fn parse(tag: &str) -> Option<Locale> {
        let lower = tag.trim().to_ascii_lowercase();
        let lang = lower.split(['-', '_']).next().unwrap_or("");
        match lang {
            "zh" => Some(Locale::ZhCn),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Picks this locale's text.
    pub fn pick(self, text: &Localized) -> &str {
        match self {
            Locale::ZhCn => &text.zh,
            Locale::En => &text.en,
        }
    }
}

/// The message for `issue` in `locale`, with `label` the field's official label.
pub fn render(issue: &Issue, label: &Localized, locale: Locale) -> String {
    match locale {
        Locale::ZhCn => zh(&issue.kind, &label.zh),
        Locale::En => en(&issue.kind, &label.en),
    }
}

fn zh(kind: &Kind, label: &str) -> String {
    match kind {
        Kind::Required => format!("请填写{label}"),
        Kind::NotANumber => format!("{label}须填写数字，如 12"),
        Kind::NotWholeNumber => format!("{label}须为整数，不能有小数"),
        Kind::NegativeNumber => format!("{label}不能为负数"),
        Kind::NumberTooLarge { max } => format!("{label}不能超过{max}"),
        Kind::TextTooLong { max } => format!("{label}不能超过{max}个字"),
        Kind::InvalidDate => format!("{label}无法识别，请按 2021-06-22 或 2021年6月22日 填写"),
        Kind::NotCalendarDate => format!("{label}不是有效的日期"),
        Kind::DateInFuture { today } => format!("{label}不能晚于今天（{today}）"),
        Kind::OutsideKeyPeriod { start, end } => format!("{label}须在重点时段 {start} 至 {end} 之内"),
        Kind::FixedExceedsFound { found } => format!("{label}不能多于发现隐患数（{found}）"),
        Kind::UnfixedMismatch { expected } => format!("{label}应等于发现隐患数减已整治隐患数，即 {expected}"),
        Kind::MeasuresRequired { unfixed } => format!("尚有 {unfixed} 个隐患未整治，请填写{label}"),
        Kind::CountDecreased { previous } => format!("{label}按重点时段累计报送，不能少于上次报送的 {previous}"),
        Kind::LateSubmission { deadline, due } => format!("{due} 的报表应于 {deadline} 前报送，现已逾时，按迟报处理"),
        Kind::ReviewerIsFiller => format!("{label}与填表人为同一人，请由他人审核"),
        Kind::DuplicateUnit { first } => format!("{label}与第 {} 份报表为同一单位", first + 1),
        Kind::MixedReportDates => format!("汇总的报表{label}不一致"),
    }
}

fn en(kind: &Kind, label: &str) -> String {
    match kind {
        Kind::Required => format!("{label} is required"),
        Kind::NotANumber => format!("{label} must be a number such as 12"),
        Kind::NotWholeNumber => format!("{label} must be a whole number"),
        Kind::NegativeNumber => format!("{label} cannot be negative"),
        Kind::NumberTooLarge { max } => format!("{label} cannot be more than {max}"),
        Kind::TextTooLong { max } => format!("{label} cannot be longer than {max} characters"),
        Kind::InvalidDate => format!("{label} is not a date: write it as 2021-06-22 or 2021年6月22日"),
        Kind::NotCalendarDate => format!("{label} is not a real calendar date"),
        Kind::DateInFuture { today } => format!("{label} cannot be after today ({today})"),
        Kind::OutsideKeyPeriod { start, end } => format!("{label} must fall in the key period {start} to {end}"),
        Kind::FixedExceedsFound { found } => format!("{label} cannot be more than hazards found ({found})"),
        Kind::UnfixedMismatch { expected } => {
            format!("{label} must be hazards found minus hazards fixed, i.e. {expected}")
        }
        Kind::MeasuresRequired { unfixed } => format!("{unfixed} hazards remain unfixed: fill in {label}"),
        Kind::CountDecreased { previous } => {
            format!(
                "{label} is cumulative over the key period and cannot be lower than the previous report's {previous}"
            )
        }
        Kind::LateSubmission { deadline, due } => format!("The report for {due} was due before {deadline}: it is late"),
        Kind::ReviewerIsFiller => {
            format!("{label} is the same person who filled in the form; someone else should review it")
        }
        Kind::DuplicateUnit { first } => format!("{label} is the same unit as report {}", first + 1),
        Kind::MixedReportDates => format!("The reports being summed have different values for {label}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::Severity;

    #[test]
    fn every_message_names_the_field_in_both_languages() {
        let label = Localized::new("消防安全·已整治隐患数", "Fire safety: hazards fixed");
        let issue = Issue {
            path: "rows.fire.fixed".into(),
            kind: Kind::FixedExceedsFound { found: 3 },
            severity: Severity::Error,
        };
        assert_eq!(render(&issue, &label, Locale::ZhCn), "消防安全·已整治隐患数不能多于发现隐患数（3）");
        assert_eq!(
            render(&issue, &label, Locale::En),
            "Fire safety: hazards fixed cannot be more than hazards found (3)"
        );
    }

    #[test]
    fn locale_tags() {
        assert_eq!(Locale::parse("zh-CN"), Some(Locale::ZhCn));
        assert_eq!(Locale::parse("zh"), Some(Locale::ZhCn));
        assert_eq!(Locale::parse("en"), Some(Locale::En));
        assert_eq!(Locale::parse("en-GB"), Some(Locale::En));
        assert_eq!(Locale::parse("fr"), None);
    }
}
