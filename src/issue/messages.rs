//! Messages: every issue rendered in zh-CN (default) or en from the code table
//! ([`crate::issue::CODES`]), naming the field by its official label.

use crate::base::text::{Locale, Localized};
use crate::issue::{Arg, Kind};
use std::fmt::Write;

/// The message for `kind` in `locale`, with `label` the field's official label.
pub fn render(kind: &Kind, label: &Localized, locale: Locale) -> String {
    render_quoting(kind, label, "", locale)
}

/// As [`render`], `given` being the value an [`Arg::Given`] quotes ([`crate::input::normalise::quoted`]).
pub fn render_quoting(kind: &Kind, label: &Localized, given: &str, locale: Locale) -> String {
    let info = kind.code.info();
    let template = match locale {
        Locale::ZhCn => info.zh,
        Locale::En => info.en,
    };
    fill(template, kind, label, given, locale)
}

/// The message `template` (from the code table, or a form's own code) with `{label}`, `{0}` and
/// `{1}` filled in.
pub fn fill(template: &str, kind: &Kind, label: &Localized, given: &str, locale: Locale) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open..).unwrap_or("");
        let Some(close) = after.find('}') else { break };
        match after.get(1..close).unwrap_or("") {
            "label" => out.push_str(locale.pick(label)),
            "0" => arg(&mut out, kind.args[0], given),
            "1" => arg(&mut out, kind.args[1], given),
            other => out.push_str(other),
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

fn arg(out: &mut String, a: Arg, given: &str) {
    let _ = match a {
        Arg::None => Ok(()),
        Arg::Given => {
            out.push_str(given);
            Ok(())
        }
        Arg::Num(n) => {
            crate::base::json_write::write_u64(out, n);
            Ok(())
        }
        Arg::Decimal(m) => {
            crate::base::json_write::write_millionths(out, m);
            Ok(())
        }
        Arg::Date(d) => {
            d.push_iso(out);
            Ok(())
        }
        Arg::Time(t) => write!(out, "{t}"),
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::Code;

    #[test]
    fn every_message_names_the_field_in_both_languages() {
        let label = Localized::new("消防安全·已整治隐患数", "Fire safety: hazards fixed");
        let kind = Kind::with(Code::FixedExceedsFound, Arg::Num(3));
        assert_eq!(render(&kind, &label, Locale::ZhCn), "消防安全·已整治隐患数不能多于发现隐患数（3）");
        assert_eq!(
            render(&kind, &label, Locale::En),
            "Fire safety: hazards fixed cannot be more than hazards found (3)"
        );
    }

    #[test]
    fn every_code_renders_without_placeholders_left() {
        let label = Localized::new("标签", "Label");
        for code in Code::ALL {
            let kind = Kind::with2(*code, Arg::Num(7), Arg::Num(8));
            for locale in [Locale::ZhCn, Locale::En] {
                let text = render(&kind, &label, locale);
                assert!(!text.contains('{') && !text.contains('}'), "{text}");
            }
        }
    }

    /// Issue 20: a choice that is not an option quotes the text given, in both languages.
    #[test]
    fn a_choice_message_quotes_the_text_given() {
        let label = Localized::new("隐患类别", "Category");
        let kind = Kind::with(Code::InvalidChoice, Arg::Given);
        assert_eq!(
            render_quoting(&kind, &label, "燃气气", Locale::ZhCn),
            "隐患类别“燃气气”不是可选项，请从给定选项中选择"
        );
        assert_eq!(
            render_quoting(&kind, &label, "燃气气", Locale::En),
            "Category \"燃气气\" is not one of the options: choose one of them"
        );
        let kind = Kind::with(Code::AmbiguousChoice, Arg::Given);
        assert_eq!(
            render_quoting(&kind, &label, "安全", Locale::ZhCn),
            "隐患类别“安全”可指多个选项，请从给定选项中选择其一"
        );
    }

    /// A decimal argument is written with the places it needs, below zero too.
    #[test]
    fn a_decimal_argument_keeps_its_places() {
        let label = Localized::new("金额", "Amount");
        let at = |m: i64| fill("{0}", &Kind::with(Code::NumberTooLarge, Arg::Decimal(m)), &label, "", Locale::ZhCn);
        assert_eq!(at(12_500_000), "12.5");
        assert_eq!(at(-2_500_000), "-2.5");
        assert_eq!(at(1), "0.000001");
        assert_eq!(at(1_010_000), "1.01");
        assert_eq!(at(3_000_000), "3");
        assert_eq!(at(i64::MIN), "-9223372036854.775808");
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
