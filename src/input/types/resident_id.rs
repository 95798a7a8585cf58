//! The 18-character resident identity number (GB 11643-1999, 公民身份号码): 6-digit address code,
//! 8-digit birth date, 3-digit sequence, and a check character (ISO 7064 MOD 11-2).
//!
//! ```
//! use school_safety_forms::base::date::Date;
//! use school_safety_forms::input::types::{age_on, resident_id, TypeRejection};
//! use school_safety_forms::base::value::Scalar;
//! let today = Date::new(2021, 6, 22).unwrap();
//! let id = resident_id(&Scalar::Text("11010519491231002x".into()), today).unwrap().unwrap();
//! assert_eq!(id.canonical, "11010519491231002X");
//! assert_eq!(age_on(id.birth, today), 71);
//! let old = resident_id(&Scalar::Text("110105491231002".into()), today);
//! assert_eq!(old, Err(TypeRejection::OldFifteenDigitId));
//! ```
//!
//! Blanks anywhere (`110105 19491231 002X`) and full-width characters are folded away; a lower-case
//! `x` reads as `X`. Checked: length and characters, the check character, then the birth date (a
//! real day, year 1900 or later, not after today). Not checked: the address code (that needs the
//! GB/T 2260 table) and the sequence code. A typed number is rejected: an 18-digit number does not
//! survive a JavaScript number (2^53), so its digits cannot be trusted.

use super::TypeRejection;
use crate::base::date::Date;
use crate::base::value::Scalar;
use crate::input::normalise::fold;

/// A valid resident ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidentId {
    /// The 18 characters, blanks removed, check character `X` upper-case.
    pub canonical: String,
    /// The birth date in characters 7–14.
    pub birth: Date,
}

/// GB 11643-1999 weights of the first 17 digits (2^(18−i) mod 11).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each remainder 0..=10 of the weighted sum mod 11.
const CHECK: &[u8; 11] = b"10X98765432";

/// A resident ID; `Ok(None)` when blank. Rejections: [`TypeRejection::OldFifteenDigitId`] for 15
/// digits, [`TypeRejection::NotAnId`] for other lengths or characters,
/// [`TypeRejection::BadCheckDigit`], [`TypeRejection::BadBirthDate`] (no such day, or before 1900),
/// [`TypeRejection::BirthDateInFuture`] (after `today`).
pub fn resident_id(raw: &Scalar, today: Date) -> Result<Option<ResidentId>, TypeRejection> {
    let text = match raw {
        Scalar::Empty => return Ok(None),
        Scalar::Invalid => return Err(TypeRejection::NotAValue),
        Scalar::Bool(_) | Scalar::Number(_) => return Err(TypeRejection::NotAnId),
        Scalar::Text(s) => fold(s),
    };
    let id: String = text.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect();
    if id.is_empty() {
        return Ok(None);
    }
    let b = id.as_bytes();
    let digits = |range: std::ops::Range<usize>| b.get(range).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if b.len() == 15 && digits(0..15) {
        return Err(TypeRejection::OldFifteenDigitId);
    }
    let last_ok = matches!(b.get(17), Some(b'0'..=b'9' | b'X'));
    if b.len() != 18 || !digits(0..17) || !last_ok {
        return Err(TypeRejection::NotAnId);
    }
    if check_char(b.get(..17).unwrap_or_default()) != b.get(17).copied() {
        return Err(TypeRejection::BadCheckDigit);
    }
    let number = |range: std::ops::Range<usize>| {
        b.get(range).map_or(0, |d| d.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let year = i32::try_from(number(6..10)).map_err(|_| TypeRejection::BadBirthDate)?;
    let birth =
        Date::new(year, number(10..12), number(12..14)).filter(|_| year >= 1900).ok_or(TypeRejection::BadBirthDate)?;
    if birth > today {
        return Err(TypeRejection::BirthDateInFuture);
    }
    Ok(Some(ResidentId { canonical: id, birth }))
}

/// The check character of the first 17 digits (ASCII), `None` unless given exactly 17 digits.
fn check_char(first17: &[u8]) -> Option<u8> {
    if first17.len() != 17 || !first17.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    CHECK.get((sum % 11) as usize).copied()
}

/// Age in whole years on `day`: the years completed, a birthday counting on the day itself;
/// 0 when `day` is before `birth`. Someone born on 29 February turns a year older on 1 March in
/// a common year (28 February is still before the birthday), as `(month, day)` ordering gives.
pub fn age_on(birth: Date, day: Date) -> u32 {
    let years = i64::from(day.year) - i64::from(birth.year);
    let before_birthday = (day.month, day.day) < (birth.month, birth.day);
    let age = years - i64::from(before_birthday);
    u32::try_from(age.max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Scalar {
        Scalar::Text(s.into())
    }

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap_or(Date { year: 0, month: 1, day: 1 })
    }

    const TODAY: Date = Date { year: 2021, month: 6, day: 22 };

    /// A valid 18-character ID from 17 digits, the check character computed here independently:
    /// GB 11643-1999 §8.2, a_18 = (12 − Σ a_i·W_i mod 11) mod 11, with 10 written `X`.
    fn with_check(first17: &str) -> String {
        let sum: u32 = first17.bytes().enumerate().map(|(i, c)| u32::from(c - b'0') * ((1u32 << (17 - i)) % 11)).sum();
        let a18 = (12 - sum % 11) % 11;
        let c = if a18 == 10 { 'X' } else { char::from_digit(a18, 10).unwrap_or('?') };
        format!("{first17}{c}")
    }

    /// GB 11643-1999 example: 11010519491231002X (Beijing Chaoyang, born 1949-12-31, female).
    #[test]
    fn resident_id_standard_example_is_valid() {
        assert_eq!(with_check("11010519491231002"), "11010519491231002X");
        let id = resident_id(&t("11010519491231002X"), TODAY);
        assert_eq!(id, Ok(Some(ResidentId { canonical: "11010519491231002X".into(), birth: d(1949, 12, 31) })));
        // The second example of the standard: 440524188001010014 (born 1880: valid ID, before 1900).
        assert_eq!(with_check("44052418800101001"), "440524188001010014");
    }

    #[test]
    fn resident_id_check_digit_mod_11_2() {
        // Every remainder 0..=10 occurs over the sequence codes 000..=010 of one prefix.
        let mut seen = std::collections::BTreeSet::new();
        for seq in 0..200 {
            let id = with_check(&format!("33030219900101{seq:03}"));
            seen.insert(id.chars().last());
            assert_eq!(resident_id(&t(&id), TODAY).map(|r| r.map(|r| r.canonical)), Ok(Some(id.clone())), "{id}");
        }
        assert_eq!(seen.len(), 11);
    }

    #[test]
    fn resident_id_wrong_check_digit_is_rejected() {
        let id = with_check("33030219900101123");
        let (body, check) = id.split_at(17);
        for c in "0123456789X".chars().filter(|c| c.to_string() != check) {
            assert_eq!(resident_id(&t(&format!("{body}{c}")), TODAY), Err(TypeRejection::BadCheckDigit));
        }
        // A single-digit typo in the body is caught, as is a swap of two neighbouring digits.
        assert_eq!(resident_id(&t(&format!("43030219900101123{check}")), TODAY), Err(TypeRejection::BadCheckDigit));
        assert_eq!(resident_id(&t(&format!("30330219900101123{check}")), TODAY), Err(TypeRejection::BadCheckDigit));
    }

    /// GB 11643-1999: the check code 10 is written as the Roman numeral X; people type `x`.
    #[test]
    fn resident_id_lower_case_x_reads_as_upper_case() {
        let id = resident_id(&t("11010519491231002x"), TODAY);
        assert_eq!(id.map(|r| r.map(|r| r.canonical)), Ok(Some("11010519491231002X".into())));
    }

    /// RULES.md Conventions: full-width digits and letters, full-width spaces, blanks.
    #[test]
    fn resident_id_full_width_and_blanks_fold() {
        for s in [
            "１１０１０５１９４９１２３１００２Ｘ",
            "１１０１０５１９４９１２３１００２ｘ",
            " 110105 19491231 002X ",
            "110105\u{3000}1949\u{3000}1231\u{3000}002X",
        ] {
            let id = resident_id(&t(s), TODAY);
            assert_eq!(id.map(|r| r.map(|r| r.canonical)), Ok(Some("11010519491231002X".into())), "{s}");
        }
    }

    #[test]
    fn resident_id_blank_is_none() {
        for raw in [Scalar::Empty, t(""), t("  "), t("\u{3000}")] {
            assert_eq!(resident_id(&raw, TODAY), Ok(None));
        }
    }

    /// RULES.md §3: "An 18-digit resident ID"; 15-digit first-generation IDs get their own message.
    #[test]
    fn resident_id_fifteen_digits_is_old_id() {
        assert_eq!(resident_id(&t("110105491231002"), TODAY), Err(TypeRejection::OldFifteenDigitId));
        assert_eq!(resident_id(&t("１１０１０５４９１２３１００２"), TODAY), Err(TypeRejection::OldFifteenDigitId));
        assert_eq!(resident_id(&t("11010549123100X"), TODAY), Err(TypeRejection::NotAnId));
    }

    #[test]
    fn resident_id_wrong_length_or_characters_is_not_an_id() {
        let good = with_check("33030219900101123");
        let cases = [
            good.get(..17).unwrap_or_default().to_owned(),     // 17
            format!("{good}0"),                                // 19
            good.get(..14).unwrap_or_default().to_owned(),     // 14
            good.get(..16).unwrap_or_default().to_owned(),     // 16
            format!("X{}", good.get(1..).unwrap_or_default()), // X not last
            "3303021990010112３Y".to_owned(),
            "33030219900101-123".to_owned(),
            "三三〇三〇二一九九〇〇一〇一一二三四".to_owned(), // 18 chars, Chinese numerals
            "1".to_owned(),
            "X".repeat(18),
        ];
        for s in cases {
            assert_eq!(resident_id(&t(&s), TODAY), Err(TypeRejection::NotAnId), "{s}");
        }
        assert_eq!(resident_id(&Scalar::Number(110105194912310020.0), TODAY), Err(TypeRejection::NotAnId));
        assert_eq!(resident_id(&Scalar::Bool(true), TODAY), Err(TypeRejection::NotAnId));
    }

    #[test]
    fn resident_id_impossible_birth_date_is_rejected() {
        for body in ["33030219990230123", "33030219991301123", "33030219990001123", "33030220210229123"] {
            assert_eq!(resident_id(&t(&with_check(body)), TODAY), Err(TypeRejection::BadBirthDate), "{body}");
        }
        // 29 Feb exists in leap years.
        assert!(resident_id(&t(&with_check("33030220000229123")), TODAY).is_ok_and(|r| r.is_some()));
    }

    /// Year ≥ 1900, tested at 1899-12-31 / 1900-01-01.
    #[test]
    fn resident_id_birth_year_from_1900() {
        assert_eq!(resident_id(&t(&with_check("33030218991231123")), TODAY), Err(TypeRejection::BadBirthDate));
        let id = resident_id(&t(&with_check("33030219000101123")), TODAY);
        assert_eq!(id.map(|r| r.map(|r| r.birth)), Ok(Some(d(1900, 1, 1))));
        assert_eq!(resident_id(&t("440524188001010014"), TODAY), Err(TypeRejection::BadBirthDate));
    }

    /// Birth date not after today, tested at today−1 / today / today+1.
    #[test]
    fn resident_id_birth_date_not_in_future() {
        let yesterday = resident_id(&t(&with_check("33030220210621123")), TODAY);
        assert_eq!(yesterday.map(|r| r.map(|r| r.birth)), Ok(Some(d(2021, 6, 21))));
        let today = resident_id(&t(&with_check("33030220210622123")), TODAY);
        assert_eq!(today.map(|r| r.map(|r| r.birth)), Ok(Some(TODAY)));
        for body in ["33030220210623123", "33030230000101123"] {
            assert_eq!(resident_id(&t(&with_check(body)), TODAY), Err(TypeRejection::BirthDateInFuture));
        }
    }

    #[test]
    fn age_on_counts_birthday_on_the_day_itself() {
        let birth = d(1971, 6, 22);
        assert_eq!(age_on(birth, d(2021, 6, 21)), 49);
        assert_eq!(age_on(birth, d(2021, 6, 22)), 50);
        assert_eq!(age_on(birth, d(2021, 6, 23)), 50);
        assert_eq!(age_on(birth, birth), 0);
        assert_eq!(age_on(birth, d(1971, 6, 21)), 0);
        assert_eq!(age_on(birth, d(1900, 1, 1)), 0);
        assert_eq!(age_on(d(1999, 12, 31), d(2000, 1, 1)), 0);
        assert_eq!(age_on(d(1999, 12, 31), d(2000, 12, 31)), 1);
    }

    /// Seed 004: guards "原则上年龄不高于50周岁": 50 on the 50th birthday, 51 the day after the next one.
    #[test]
    fn age_on_guard_age_threshold() {
        let birth = d(1970, 9, 1);
        assert_eq!(age_on(birth, d(2021, 8, 31)), 50);
        assert_eq!(age_on(birth, d(2021, 9, 1)), 51);
    }

    #[test]
    fn age_on_29_february_birthday_counts_on_1_march_in_common_years() {
        let birth = d(2004, 2, 29);
        assert_eq!(age_on(birth, d(2021, 2, 28)), 16);
        assert_eq!(age_on(birth, d(2021, 3, 1)), 17);
        assert_eq!(age_on(birth, d(2024, 2, 28)), 19);
        assert_eq!(age_on(birth, d(2024, 2, 29)), 20);
    }

    #[test]
    fn age_on_never_overflows() {
        let min = Date { year: i32::MIN, month: 1, day: 1 };
        let max = Date { year: i32::MAX, month: 12, day: 31 };
        assert_eq!(age_on(min, max), u32::MAX);
        assert_eq!(age_on(max, min), 0);
    }

    #[test]
    fn resident_id_never_panics_on_long_or_odd_text() {
        for s in ["\u{10FFFF}".repeat(18), "é".repeat(9), "1".repeat(100_000), "\u{0}".repeat(18)] {
            assert!(resident_id(&t(&s), TODAY).is_err());
        }
        assert!(resident_id(&t(&with_check("33030219900101123")), Date { year: i32::MIN, month: 1, day: 1 }).is_err());
    }
}
