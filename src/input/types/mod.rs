//! Field types shared by every form (yes/no, choices, phone numbers, resident IDs): normalised
//! from what an IME and a browser produce, or rejected with a reason. Pure functions: no form,
//! session or issue is involved; blank input is `Ok(None)` everywhere.
//!
//! ```
//! use school_safety_forms::input::types::{choice, phone, yes_no, PhoneKind, TypeRejection};
//! use school_safety_forms::base::value::Scalar;
//! let t = |s: &str| Scalar::Text(s.into());
//! assert_eq!(yes_no(&t("是")), Ok(Some(true)));
//! assert_eq!(yes_no(&t("√")), Err(TypeRejection::NotYesNo));
//! assert_eq!(choice(&t("寄宿"), &[("day", "走读"), ("boarding", "寄宿")]), Ok(Some(1)));
//! let p = phone(&t("０５７７－８８６３１０１１"), false).ok().flatten();
//! assert_eq!(p.map(|p| (p.kind, p.canonical)), Some((PhoneKind::Landline, "0577-88631011".into())));
//! ```

mod choice;
mod phone;
mod resident_id;
mod yes_no;

pub use choice::{choice, pick, Pick};
pub use phone::{phone, Phone, PhoneKind};
pub use resident_id::{age_on, resident_id, ResidentId};
pub use yes_no::yes_no;

/// Why a raw value is not a usable yes/no, choice, phone number or resident ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeRejection {
    /// Not `yes`/`no`, 是/否, `true`/`false` or a boolean.
    NotYesNo,
    /// Neither an option's English id nor its Chinese wording.
    NotAChoice,
    /// Not a mainland mobile, a landline with area code, or (where allowed) a 6-digit short number.
    NotAPhone,
    /// Not 18 characters of 17 digits and a digit or `X` (nor 15 digits).
    NotAnId,
    /// A 15-digit first-generation ID, replaced by the 18-digit one since 2004–2013.
    OldFifteenDigitId,
    /// The 18th character is not the ISO 7064 MOD 11-2 check character of the first 17.
    BadCheckDigit,
    /// The birth date (characters 7–14) is no calendar day, or before 1900.
    BadBirthDate,
    /// The birth date is after today.
    BirthDateInFuture,
    /// A list or an object where one value belongs.
    NotAValue,
}

impl TypeRejection {
    /// A stable snake_case code, for issue codes.
    pub fn code(self) -> &'static str {
        match self {
            TypeRejection::NotYesNo => "not_yes_no",
            TypeRejection::NotAChoice => "not_a_choice",
            TypeRejection::NotAPhone => "not_a_phone",
            TypeRejection::NotAnId => "not_an_id",
            TypeRejection::OldFifteenDigitId => "old_fifteen_digit_id",
            TypeRejection::BadCheckDigit => "bad_check_digit",
            TypeRejection::BadBirthDate => "bad_birth_date",
            TypeRejection::BirthDateInFuture => "birth_date_in_future",
            TypeRejection::NotAValue => "invalid_value",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TypeRejection;

    #[test]
    fn rejection_codes_are_distinct_snake_case() {
        let all = [
            TypeRejection::NotYesNo,
            TypeRejection::NotAChoice,
            TypeRejection::NotAPhone,
            TypeRejection::NotAnId,
            TypeRejection::OldFifteenDigitId,
            TypeRejection::BadCheckDigit,
            TypeRejection::BadBirthDate,
            TypeRejection::BirthDateInFuture,
        ];
        let mut codes: Vec<&str> = all.iter().map(|r| r.code()).collect();
        assert!(codes.iter().all(|c| c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')));
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
    }

    /// Every function is total: any text, of any length and any characters, gives a result.
    #[cfg(not(target_arch = "wasm32"))]
    mod never_panics {
        use super::super::*;
        use crate::base::date::Date;
        use crate::base::value::Scalar;
        use proptest::prelude::*;

        /// Text built from the characters these parsers look at, so that near-misses are common.
        fn near_miss() -> impl Strategy<Value = String> {
            let pieces = prop::sample::select(vec![
                "0",
                "1",
                "2",
                "5",
                "9",
                "X",
                "x",
                "-",
                " ",
                "(",
                ")",
                "+86",
                "转",
                "分机",
                "ext",
                ".",
                "是",
                "否",
                "yes",
                "０",
                "（",
                "\u{3000}",
                "é",
                "\u{10FFFF}",
                "寄宿",
                "day",
            ]);
            prop::collection::vec(pieces, 0..24).prop_map(|p| p.concat())
        }

        /// Mostly digits with the odd separator or marker: valid numbers turn up often.
        fn phone_like() -> impl Strategy<Value = String> {
            let pieces = prop::sample::select(vec!["0", "1", "3", "5", "6", "7", "8", "-", " ", "转", "(0577)"]);
            prop::collection::vec(pieces, 6..16).prop_map(|p| p.concat())
        }

        fn all(raw: &Scalar) {
            let today = Date { year: 2021, month: 6, day: 22 };
            let _ = yes_no(raw);
            let _ = choice(raw, &[("day", "走读"), ("boarding", "寄宿"), ("", "")]);
            let _ = phone(raw, true);
            let _ = phone(raw, false);
            if let Ok(Some(id)) = resident_id(raw, today) {
                assert_eq!(id.canonical.len(), 18);
                assert!(id.birth <= today);
                let _ = age_on(id.birth, today);
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

            #[test]
            fn types_never_panic_on_any_text(s in any::<String>()) {
                all(&Scalar::Text(s));
            }

            #[test]
            fn types_never_panic_on_near_misses(s in near_miss()) {
                all(&Scalar::Text(s));
            }

            #[test]
            fn types_never_panic_on_any_number(n in any::<f64>(), b in any::<bool>()) {
                all(&Scalar::Number(n));
                all(&Scalar::Bool(b));
            }

            #[test]
            fn phone_canonical_reads_back_as_itself(s in phone_like()) {
                if let Ok(Some(p)) = phone(&Scalar::Text(s), true) {
                    let again = phone(&Scalar::Text(p.canonical.clone()), true);
                    prop_assert_eq!(again, Ok(Some(p)));
                }
            }
        }
    }
}
