//! A choice among a form's options, each `(id, zh)`: the English id of CONTRACT.md
//! (`"effective"`), its Chinese wording (`有效`), or a piece of that wording that names it
//! unambiguously (`燃气` for 燃气安全) as input, the option's index as output.
//!
//! ```
//! use school_safety_forms::input::types::choice;
//! use school_safety_forms::base::value::Scalar;
//! const ALARM: [(&str, &str); 3] = [("effective", "有效"), ("ineffective", "无效"), ("none", "无")];
//! assert_eq!(choice(&Scalar::Text("ＮＯＮＥ".into()), &ALARM), Ok(Some(2)));
//! assert_eq!(choice(&Scalar::Text("无 效".into()), &ALARM), Ok(Some(1)));
//! assert!(choice(&Scalar::Text("无效的".into()), &ALARM).is_err());
//! const POST: [(&str, &str); 2] = [("public_security", "治安岗"), ("community", "群防群治")];
//! assert_eq!(choice(&Scalar::Text("群防".into()), &POST), Ok(Some(1)));
//! ```
//!
//! Read in this order:
//! 1. The id, case-insensitively after the full-width fold.
//! 2. The wording, exactly once the fold is done and every blank and invisible mark is removed (an
//!    IME often leaves a space inside).
//! 3. A piece of one option's wording ([`Pick::Wording`]), when the text (read as in 2) has at
//!    least two Chinese characters, is a contiguous part of that option's wording, at least half
//!    as long as it, and no other option's wording either contains the text or lies inside it.
//!    `燃气` is 燃气安全 and `消防` 消防安全; `安全` and `校园` are in several options' wording
//!    ([`Pick::Several`]); `走读寄宿` lies inside 走读寄宿混合 but holds 走读 and 寄宿 whole
//!    ([`Pick::Several`]); `学校` is a third of 学校搬迁改造, `燃气气` and `无效的` are in no
//!    wording, and `燃` is one character ([`Pick::None`]).
//!
//! Nothing else is matched: no synonyms, no option numbers, no text longer than the wording.

use super::TypeRejection;
use crate::base::value::Scalar;
use crate::input::normalise::{fold_char, folded, is_invisible};

/// How a value names one of a field's options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Blank.
    Blank,
    /// The option's id or its whole wording.
    Exact(usize),
    /// A piece of exactly one option's wording (rule 3 of the module docs).
    Wording(usize),
    /// A piece of several options' wording, or a piece of one that holds another whole.
    Several,
    /// No option (a boolean or a number included).
    None,
    /// A list or an object where one value belongs.
    NotAValue,
}

/// The index in `options` of the chosen option; `Ok(None)` when blank, and
/// [`TypeRejection::NotAChoice`] for anything else (booleans and numbers included).
/// When two options would match exactly, the first wins.
pub fn choice(raw: &Scalar, options: &[(&str, &str)]) -> Result<Option<usize>, TypeRejection> {
    match pick(raw, options) {
        Pick::Blank => Ok(None),
        Pick::Exact(i) | Pick::Wording(i) => Ok(Some(i)),
        Pick::NotAValue => Err(TypeRejection::NotAValue),
        Pick::Several | Pick::None => Err(TypeRejection::NotAChoice),
    }
}

/// How `raw` names one of `options` (the rules of the module docs).
/// (Generic over how the options are held: a built-in form's static wording, a definition's own.)
pub fn pick<A: AsRef<str>, B: AsRef<str>>(raw: &Scalar, options: &[(A, B)]) -> Pick {
    let text = match raw {
        Scalar::Empty => return Pick::Blank,
        Scalar::Invalid => return Pick::NotAValue,
        Scalar::Bool(_) | Scalar::Number(_) => return Pick::None,
        Scalar::Text(s) => folded(s, false),
    };
    if text.is_empty() {
        return Pick::Blank;
    }
    // Most input is an id or the exact wording (a portal's <select>): no copy, no allocation.
    if let Some(i) = options.iter().position(|(id, zh)| text.eq_ignore_ascii_case(id.as_ref()) || zh.as_ref() == text) {
        return Pick::Exact(i);
    }
    let words: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if words.is_empty() {
        return Pick::None;
    }
    if let Some(i) = options.iter().position(|(_, zh)| words.iter().copied().eq(wording(zh.as_ref()))) {
        return Pick::Exact(i);
    }
    // A piece is no longer than the longest wording (in bytes at least as long as in characters):
    // a long text is never scanned for the options inside it.
    let longest = options.iter().map(|o| o.1.as_ref().len()).max().unwrap_or(0);
    if words.len() > longest || words.iter().filter(|c| is_chinese(**c)).count() < 2 {
        return Pick::None;
    }
    // The options whose wording holds the text (the last one, and whether the text is half of
    // it), and those whose wording lies inside the text.
    let (mut holders, mut inside, mut half) = (0usize, 0usize, None);
    for (i, (_, zh)) in options.iter().enumerate() {
        let w: Vec<char> = wording(zh.as_ref()).collect();
        if contains(&w, &words) {
            holders += 1;
            half = (words.len() * 2 >= w.len()).then_some(i);
        } else if contains(&words, &w) {
            inside += 1;
        }
    }
    match (holders, inside, half) {
        (1, 0, Some(i)) => Pick::Wording(i),
        (0, _, _) | (1, 0, None) => Pick::None,
        _ => Pick::Several,
    }
}

/// An option's wording as typed input is compared: folded, without blanks or invisible marks.
fn wording(zh: &str) -> impl Iterator<Item = char> + '_ {
    zh.chars().filter(|c| !is_invisible(*c)).map(fold_char).filter(|c| !c.is_whitespace())
}

/// Whether `part` is a non-empty contiguous run of `whole`.
fn contains(whole: &[char], part: &[char]) -> bool {
    !part.is_empty() && whole.windows(part.len()).any(|w| w == part)
}

/// A Chinese character: the CJK unified ideographs (basic, extension A, compatibility, and the
/// supplementary planes' extensions).
fn is_chinese(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
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

    /// RULES.md Conventions: "Never guess": no synonyms, ids with other separators, indices, text
    /// longer than a wording, pieces under two Chinese characters or under half a wording.
    #[test]
    fn choice_rejects_anything_else() {
        for s in ["走", "寄宿制", "混合", "da", "days", "public security", "public-security", "0", "1", "治", "岗"]
        {
            let options: &[(&str, &str)] =
                if s.contains("public") || s == "治" || s == "岗" { &GUARD_POST } else { &BOARDING };
            assert_eq!(choice(&t(s), options), Err(TypeRejection::NotAChoice), "{s}");
        }
        assert_eq!(choice(&Scalar::Bool(true), &BOARDING), Err(TypeRejection::NotAChoice));
        assert_eq!(choice(&Scalar::Number(0.0), &BOARDING), Err(TypeRejection::NotAChoice));
        assert_eq!(choice(&t("day"), &[]), Err(TypeRejection::NotAChoice));
    }

    /// The risk register's categories (CONTRACT.md; seed 004 §三(三)), abridged.
    const CATEGORIES: [(&str, &str); 8] = [
        ("school_buildings", "校舍安全"),
        ("gas", "燃气安全"),
        ("campus_security", "校园安防"),
        ("fire", "消防安全"),
        ("food_hygiene", "食品安全与卫生"),
        ("surroundings", "校园周边环境"),
        ("relocation", "学校搬迁改造"),
        ("revenge_threat", "心态失衡、扬言报复社会人员"),
    ];

    /// Issue 20: a pasted "燃气" is 燃气安全. One match, two matches, no match, one character.
    #[test]
    fn choice_takes_a_piece_of_one_wording() {
        use Pick::{Exact, None as No, Several, Wording};
        type Options<'a> = &'a [(&'a str, &'a str)];
        let cases: &[(&str, Options, Pick)] = &[
            // One match: a prefix, a middle or an end of one wording, at least half of it.
            ("燃气", &CATEGORIES, Wording(1)),
            (" 消 防\u{3000}", &CATEGORIES, Wording(3)),
            ("周边环境", &CATEGORIES, Wording(5)),
            ("食品安全", &CATEGORIES, Wording(4)),
            ("扬言报复社会人员", &CATEGORIES, Wording(7)),
            ("治安", &GUARD_POST, Wording(0)),
            ("群防", &GUARD_POST, Wording(3)),
            // Exactly half is enough; one character under half is not.
            ("学校搬迁", &CATEGORIES, Wording(6)),
            ("学校搬", &CATEGORIES, Wording(6)),
            ("学校", &CATEGORIES, No),
            // Two matches: pieces of several wordings, or one that holds another option whole.
            ("安全", &CATEGORIES, Several),
            ("校园", &CATEGORIES, Several),
            ("走读寄宿", &BOARDING, Several),
            ("寄宿混合", &BOARDING, Several),
            // No match: in no wording, longer than the wording, wordings with more text around them.
            ("燃气气", &CATEGORIES, No),
            ("燃气安全隐患", &CATEGORIES, No),
            ("消防安全和燃气安全", &CATEGORIES, No),
            ("毒品", &CATEGORIES, No),
            // One Chinese character, or letters with one: never a piece.
            ("燃", &CATEGORIES, No),
            ("g燃", &CATEGORIES, No),
            ("、扬", &CATEGORIES, No),
            ("ga", &CATEGORIES, No),
            // The exact wording and the id still come first (无 is not a piece of 无效).
            ("燃气安全", &CATEGORIES, Exact(1)),
            ("燃气 安全", &CATEGORIES, Exact(1)),
            ("GAS", &CATEGORIES, Exact(1)),
            ("\u{200B} ", &CATEGORIES, Pick::Blank),
        ];
        for (text, options, want) in cases {
            assert_eq!(pick(&t(text), options), *want, "{text}");
        }
        assert_eq!(choice(&t("燃气"), &CATEGORIES), Ok(Some(1)));
        assert_eq!(pick(&Scalar::Invalid, &CATEGORIES), Pick::NotAValue);
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
