//! A choice among a form's options, each `(id, zh)`: the English id of CONTRACT.md
//! (`"effective"`) or its Chinese wording (`有效`) as input, the option's index as output.
//!
//! ```
//! use school_safety_forms::types::choice;
//! use school_safety_forms::value::Scalar;
//! const ALARM: [(&str, &str); 3] = [("effective", "有效"), ("ineffective", "无效"), ("none", "无")];
//! assert_eq!(choice(&Scalar::Text("ＮＯＮＥ".into()), &ALARM), Ok(Some(2)));
//! assert_eq!(choice(&Scalar::Text("无 效".into()), &ALARM), Ok(Some(1)));
//! assert!(choice(&Scalar::Text("无效的".into()), &ALARM).is_err());
//! ```
//!
//! The id matches case-insensitively after the full-width fold; the wording matches exactly once
//! the fold is done and every blank is removed (an IME often leaves a space inside). Nothing else
//! is matched: no prefixes, no synonyms, no option numbers.

use super::TypeRejection;
use crate::normalise::{fold_char, folded, is_invisible};
use crate::value::Scalar;

/// The index in `options` of the chosen option; `Ok(None)` when blank, and
/// [`TypeRejection::NotAChoice`] for anything else (booleans and numbers included).
/// When two options would match, the first wins.
pub fn choice(raw: &Scalar, options: &[(&str, &str)]) -> Result<Option<usize>, TypeRejection> {
    let text = match raw {
        Scalar::Empty => return Ok(None),
        Scalar::Invalid => return Err(TypeRejection::NotAValue),
        Scalar::Bool(_) | Scalar::Number(_) => return Err(TypeRejection::NotAChoice),
        Scalar::Text(s) => folded(s, false),
    };
    if text.is_empty() {
        return Ok(None);
    }
    // Most input is an id or the exact wording (a portal's <select>): no copy, no allocation.
    if let Some(i) = options.iter().position(|(id, zh)| text.eq_ignore_ascii_case(id) || *zh == text) {
        return Ok(Some(i));
    }
    let words = unblanked(&text);
    options
        .iter()
        .position(|(_, zh)| !words.is_empty() && words.chars().eq(wording(zh)))
        .map(Some)
        .ok_or(TypeRejection::NotAChoice)
}

/// An option's wording as typed input is compared: folded, without blanks or invisible marks.
fn wording(zh: &str) -> impl Iterator<Item = char> + '_ {
    zh.chars().filter(|c| !is_invisible(*c)).map(fold_char).filter(|c| !c.is_whitespace())
}

fn unblanked(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Scalar {
        Scalar::Text(s.into())
    }

    /// CONTRACT.md: `boarding`: "day" | "boarding" | "mixed" (走读 / 寄宿 / 走读寄宿混合 accepted).
    const BOARDING: [(&str, &str); 3] = [("day", "走读"), ("boarding", "寄宿"), ("mixed", "走读寄宿混合")];
    /// CONTRACT.md: `guard_post`: 治安岗 / 交警岗 / 巡特警岗 / 群防群治 (seed 004 附件1).
    const GUARD_POST: [(&str, &str); 4] =
        [("public_security", "治安岗"), ("traffic", "交警岗"), ("patrol", "巡特警岗"), ("community", "群防群治")];

    #[test]
    fn choice_accepts_english_id_any_case_full_width_folded() {
        assert_eq!(choice(&t("day"), &BOARDING), Ok(Some(0)));
        assert_eq!(choice(&t("Mixed"), &BOARDING), Ok(Some(2)));
        assert_eq!(choice(&t("ＢＯＡＲＤＩＮＧ"), &BOARDING), Ok(Some(1)));
        assert_eq!(choice(&t("  public_security\u{3000}"), &GUARD_POST), Ok(Some(0)));
        assert_eq!(choice(&t("ｐｕｂｌｉｃ＿ｓｅｃｕｒｉｔｙ"), &GUARD_POST), Ok(Some(0)));
    }

    #[test]
    fn choice_accepts_exact_chinese_wording_without_blanks() {
        assert_eq!(choice(&t("走读"), &BOARDING), Ok(Some(0)));
        assert_eq!(choice(&t("寄宿"), &BOARDING), Ok(Some(1)));
        assert_eq!(choice(&t("走读寄宿混合"), &BOARDING), Ok(Some(2)));
        assert_eq!(choice(&t("走读 寄宿\u{3000}混合"), &BOARDING), Ok(Some(2)));
        assert_eq!(choice(&t("巡特警岗"), &GUARD_POST), Ok(Some(2)));
    }

    /// RULES.md §3: "exactly one of 有效 / 无效 / 无": 无 must not be read as 无效, nor the reverse.
    #[test]
    fn choice_distinguishes_options_that_share_characters() {
        let alarm = [("effective", "有效"), ("ineffective", "无效"), ("none", "无")];
        assert_eq!(choice(&t("无"), &alarm), Ok(Some(2)));
        assert_eq!(choice(&t("无效"), &alarm), Ok(Some(1)));
        assert_eq!(choice(&t("有效"), &alarm), Ok(Some(0)));
    }

    /// RULES.md Conventions: "Never guess": no prefixes, synonyms, ids with other separators, indices.
    #[test]
    fn choice_rejects_anything_else() {
        for s in
            ["走", "寄宿制", "混合", "走读寄宿", "da", "days", "public security", "public-security", "0", "1", "治安"]
        {
            let options: &[(&str, &str)] = if s.contains("public") || s == "治安" { &GUARD_POST } else { &BOARDING };
            assert_eq!(choice(&t(s), options), Err(TypeRejection::NotAChoice), "{s}");
        }
        assert_eq!(choice(&Scalar::Bool(true), &BOARDING), Err(TypeRejection::NotAChoice));
        assert_eq!(choice(&Scalar::Number(0.0), &BOARDING), Err(TypeRejection::NotAChoice));
        assert_eq!(choice(&t("day"), &[]), Err(TypeRejection::NotAChoice));
    }

    #[test]
    fn choice_blank_is_none_even_with_empty_options() {
        for raw in [Scalar::Empty, t(""), t(" \u{3000} ")] {
            assert_eq!(choice(&raw, &BOARDING), Ok(None));
        }
        assert_eq!(choice(&t(""), &[("", "")]), Ok(None));
        // An option with an empty wording is never matched by a non-blank input through the wording.
        assert_eq!(choice(&t("x"), &[("a", "")]), Err(TypeRejection::NotAChoice));
    }

    #[test]
    fn choice_first_of_duplicate_options_wins() {
        assert_eq!(choice(&t("a"), &[("a", "甲"), ("A", "乙")]), Ok(Some(0)));
    }

    #[test]
    fn choice_never_panics_on_long_or_odd_text() {
        assert_eq!(choice(&t(&"走读".repeat(50_000)), &BOARDING), Err(TypeRejection::NotAChoice));
        assert_eq!(choice(&t("\u{0}\u{10FFFF}"), &BOARDING), Err(TypeRejection::NotAChoice));
    }
}
