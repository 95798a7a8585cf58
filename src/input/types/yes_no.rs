//! Yes/no answers (是□ 否□ on the paper forms): `yes`/`no`, 是/否, `true`/`false`, booleans.
//!
//! ```
//! use school_safety_forms::input::types::yes_no;
//! use school_safety_forms::base::value::Scalar;
//! assert_eq!(yes_no(&Scalar::Text("ＹＥＳ".into())), Ok(Some(true)));
//! assert_eq!(yes_no(&Scalar::Bool(false)), Ok(Some(false)));
//! assert_eq!(yes_no(&Scalar::Text(" ".into())), Ok(None));
//! assert!(yes_no(&Scalar::Text("有".into())).is_err());
//! ```
//!
//! Deliberately conservative: 有/无, 对/错, √/×, `y`/`n` and the numbers 1/0 are rejected. 无 is
//! an option of its own on the security check-up (alarm button: 有效 / 无效 / 无), a tick may
//! have been meant for either box, and a number is more likely a count typed in the wrong field.
//! `true`/`false` as text are accepted: a script or hidden input stringifies a boolean that way.

use super::TypeRejection;
use crate::base::value::Scalar;
use crate::input::normalise::fold;

/// A yes/no answer; `Ok(None)` when blank, [`TypeRejection::NotYesNo`] for anything else.
pub fn yes_no(raw: &Scalar) -> Result<Option<bool>, TypeRejection> {
    let text = match raw {
        Scalar::Empty => return Ok(None),
        Scalar::Invalid => return Err(TypeRejection::NotAValue),
        Scalar::Bool(b) => return Ok(Some(*b)),
        Scalar::Number(_) => return Err(TypeRejection::NotYesNo),
        Scalar::Text(s) => fold(s),
    };
    let is = |word: &str| text.eq_ignore_ascii_case(word);
    if text.is_empty() {
        Ok(None)
    } else if text == "是" || is("yes") || is("true") {
        Ok(Some(true))
    } else if text == "否" || is("no") || is("false") {
        Ok(Some(false))
    } else {
        Err(TypeRejection::NotYesNo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Scalar {
        Scalar::Text(s.into())
    }

    /// CONTRACT.md: "a yes/no answer is "yes" / "no" (是 / 否 and booleans accepted)".
    #[test]
    fn yes_no_accepts_contract_spellings() {
        for s in ["yes", "YES", "Yes", "ｙｅｓ", " yes ", "\u{3000}是\u{3000}", "是", "true", "TRUE"] {
            assert_eq!(yes_no(&t(s)), Ok(Some(true)), "{s}");
        }
        for s in ["no", "NO", "Ｎｏ", "否", " 否 ", "false", "False"] {
            assert_eq!(yes_no(&t(s)), Ok(Some(false)), "{s}");
        }
        assert_eq!(yes_no(&Scalar::Bool(true)), Ok(Some(true)));
        assert_eq!(yes_no(&Scalar::Bool(false)), Ok(Some(false)));
    }

    /// RULES.md Conventions: leading/trailing blanks and full-width spaces normalise away.
    #[test]
    fn yes_no_blank_is_none() {
        for raw in [Scalar::Empty, t(""), t(" "), t("\u{3000}"), t("\u{00A0} \t")] {
            assert_eq!(yes_no(&raw), Ok(None), "{raw:?}");
        }
    }

    /// RULES.md Conventions: "Never guess". Near-synonyms and ticks are rejected, not read.
    #[test]
    fn yes_no_rejects_what_would_need_a_guess() {
        for s in [
            "有", "无", "对", "错", "√", "×", "✓", "y", "n", "1", "0", "是否", "是□", "不是", "yes!", "ye s", "no no",
            "是 否",
        ] {
            assert_eq!(yes_no(&t(s)), Err(TypeRejection::NotYesNo), "{s}");
        }
        for n in [0.0, 1.0, f64::NAN] {
            assert_eq!(yes_no(&Scalar::Number(n)), Err(TypeRejection::NotYesNo));
        }
    }

    #[test]
    fn yes_no_never_panics_on_long_or_odd_text() {
        assert_eq!(yes_no(&t(&"是".repeat(100_000))), Err(TypeRejection::NotYesNo));
        assert_eq!(yes_no(&t("\u{0}\u{FFFF}\u{10FFFF}")), Err(TypeRejection::NotYesNo));
    }
}
