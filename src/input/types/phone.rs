//! Phone numbers (RULES.md Conventions): mainland mobiles, landlines with area code and optional
//! extension, and, where a profile allows them, the 6-digit internal short numbers of seed 000.
//!
//! ```
//! use school_safety_forms::input::types::{phone, PhoneKind};
//! use school_safety_forms::base::value::Scalar;
//! let canonical = |s: &str| phone(&Scalar::Text(s.into()), false).ok().flatten().map(|p| p.canonical);
//! assert_eq!(canonical("139 5882 6553").as_deref(), Some("13958826553"));
//! assert_eq!(canonical("(0577)88631011-123").as_deref(), Some("0577-88631011转123"));
//! assert_eq!(canonical("656789"), None);
//! assert_eq!(phone(&Scalar::Text("656789".into()), true).ok().flatten().map(|p| p.kind), Some(PhoneKind::Short));
//! ```
//!
//! What is accepted, after the full-width fold (`０５７７－…`, `（０５７７）`, `＋８６`):
//! - mobile: 11 digits `1[3-9]` + 9, optionally after `+86`; no extension.
//! - landline: area code `010`, `02x` (then 8 local digits) or `0` + 3 digits starting 3–9 (then
//!   7 or 8 local digits); the local number starts with 2–9. The area code may be in parentheses.
//! - spaces and hyphens between digits group freely (`0577-8863 1011`), never at either end.
//! - extension (landline only, 1–6 digits): after `转`, `分机` or `ext`/`ext.` (any case), or as a
//!   last hyphen group when the digits before it form a landline and all the digits together do
//!   not. When both readings are possible (`0577-8863101-1`), the number is rejected, not guessed.
//! - short: exactly 6 digits starting 2–9, only when `allow_short`.
//! - a typed whole number is read as its digits (a mobile survives; a landline's leading 0 does not).
//!
//! Not accepted: a local number without area code (`85681386`, seed 004 writes one), `86` without
//! `+`, `+86` before a landline, service numbers (`110`, `12345`, `95xxx`), letters.

use super::TypeRejection;
use crate::base::value::{number_text, Scalar};
use crate::input::normalise::fold;

/// Which kind of number a [`Phone`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    /// A mainland mobile, `1[3-9]` + 9 digits.
    Mobile,
    /// A landline with its area code, maybe with an extension.
    Landline,
    /// A 6-digit internal short number (集团短号), where the profile allows it.
    Short,
}

/// A phone number in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// Mobile, landline or short number.
    pub kind: PhoneKind,
    /// Digits only for a mobile or short number (`13958826553`, `656789`); `area-local` for a
    /// landline (`0577-88631011`), followed by `转` and the extension when there is one.
    pub canonical: String,
}

/// Longest extension accepted.
const MAX_EXTENSION: usize = 6;

/// A phone number; `Ok(None)` when blank, [`TypeRejection::NotAPhone`] otherwise.
pub fn phone(raw: &Scalar, allow_short: bool) -> Result<Option<Phone>, TypeRejection> {
    let text = match raw {
        Scalar::Empty => return Ok(None),
        Scalar::Invalid => return Err(TypeRejection::NotAValue),
        Scalar::Bool(_) => return Err(TypeRejection::NotAPhone),
        Scalar::Number(n) if !n.is_finite() => return Err(TypeRejection::NotAPhone),
        Scalar::Number(n) => number_text(*n),
        Scalar::Text(s) => fold(s),
    };
    if text.is_empty() {
        return Ok(None);
    }
    parse(&text, allow_short).map(Some).ok_or(TypeRejection::NotAPhone)
}

fn parse(text: &str, allow_short: bool) -> Option<Phone> {
    if let Some(rest) = text.strip_prefix("+86") {
        let groups = Groups::read(rest.trim_start_matches([' ', '-']))?;
        return mobile(&groups.digits);
    }
    let (main, extension) = split_extension(text)?;
    let (area, main) = match main.strip_prefix('(') {
        Some(rest) => {
            let (area, rest) = rest.split_once(')')?;
            let area = area.trim();
            if area.is_empty() || !area.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            (Some(area), rest.trim_start_matches(|c: char| c == '-' || c.is_whitespace()))
        }
        None => (None, main),
    };
    let groups = Groups::read(main)?;
    let digits = format!("{}{}", area.unwrap_or(""), groups.digits);
    let area_len = area.map(str::len);
    if let Some(extension) = extension {
        return landline(&digits, area_len, Some(extension));
    }
    let whole = landline(&digits, area_len, None).or_else(|| {
        if area.is_some() {
            None
        } else {
            mobile(&digits).or_else(|| short(&digits, allow_short))
        }
    });
    let split = groups.hyphen_tail().and_then(|tail| {
        let head = digits.get(..digits.len().checked_sub(tail.len())?)?;
        landline(head, area_len, Some(tail))
    });
    match (whole, split) {
        (Some(_), Some(_)) => None,
        (one, other) => one.or(other),
    }
}

/// Splits off an extension after `转`, `分机` or `ext`/`ext.`; `None` when the extension is not
/// 1–6 digits.
fn split_extension(text: &str) -> Option<(&str, Option<&str>)> {
    let lower = text.to_ascii_lowercase();
    // Byte windows rather than `str::find`: a whole UTF-8 character only matches at a character
    // boundary, and the std string searcher costs the wasm 1.4 KB with its panic path.
    let find = |m: &str| lower.as_bytes().windows(m.len()).position(|w| w == m.as_bytes()).map(|at| (at, m.len()));
    let found = ["转", "分机", "ext"].into_iter().filter_map(find).min();
    let Some((at, len)) = found else { return Some((text, None)) };
    let main = text.get(..at)?.trim_end();
    let extension = text.get(at + len..)?;
    let extension = extension.strip_prefix('.').unwrap_or(extension).trim();
    let ok = (1..=MAX_EXTENSION).contains(&extension.len()) && extension.bytes().all(|b| b.is_ascii_digit());
    ok.then_some((main, Some(extension)))
}

/// Digits grouped by spaces and hyphens, e.g. `0577-8863 1011`.
struct Groups<'a> {
    /// All the digits, separators removed.
    digits: String,
    /// The last group when a hyphen precedes it, e.g. `123` in `0577-88631011-123`.
    tail: Option<&'a str>,
}

impl<'a> Groups<'a> {
    /// `None` unless `text` is digits with runs of spaces/hyphens between them (not at either end).
    fn read(text: &'a str) -> Option<Groups<'a>> {
        let mut digits = String::new();
        let (mut tail_start, mut hyphen_before_tail) = (None, false);
        let (mut in_separator, mut hyphen) = (false, false);
        for (at, c) in text.char_indices() {
            if c.is_ascii_digit() {
                if in_separator {
                    (tail_start, hyphen_before_tail) = (Some(at), hyphen);
                    (in_separator, hyphen) = (false, false);
                }
                digits.push(c);
            } else if (c == '-' || c.is_whitespace()) && !digits.is_empty() {
                in_separator = true;
                hyphen |= c == '-';
            } else {
                return None;
            }
        }
        if in_separator || digits.is_empty() {
            return None;
        }
        let tail = tail_start.filter(|_| hyphen_before_tail).and_then(|at| text.get(at..));
        Some(Groups { digits, tail })
    }

    /// The last hyphen-separated group, when it could be an extension.
    fn hyphen_tail(&self) -> Option<&'a str> {
        self.tail.filter(|t| t.len() <= MAX_EXTENSION)
    }
}

fn mobile(digits: &str) -> Option<Phone> {
    let b = digits.as_bytes();
    let ok = b.len() == 11 && b.first() == Some(&b'1') && matches!(b.get(1), Some(b'3'..=b'9'));
    ok.then(|| Phone { kind: PhoneKind::Mobile, canonical: digits.to_owned() })
}

fn short(digits: &str, allow_short: bool) -> Option<Phone> {
    let ok = allow_short && digits.len() == 6 && matches!(digits.as_bytes().first(), Some(b'2'..=b'9'));
    ok.then(|| Phone { kind: PhoneKind::Short, canonical: digits.to_owned() })
}

/// A landline from its digits; `area_len`, when given (parentheses), must be the area code's length.
fn landline(digits: &str, area_len: Option<usize>, extension: Option<&str>) -> Option<Phone> {
    let b = digits.as_bytes();
    let (len, local_lengths) = match (b.first(), b.get(1), b.get(2)) {
        (Some(b'0'), Some(b'1'), Some(b'0')) | (Some(b'0'), Some(b'2'), Some(_)) => (3, 8..=8),
        (Some(b'0'), Some(b'3'..=b'9'), Some(_)) => (4, 7..=8),
        _ => return None,
    };
    if area_len.is_some_and(|a| a != len) {
        return None;
    }
    let (area, local) = (digits.get(..len)?, digits.get(len..)?);
    let ok = local_lengths.contains(&local.len()) && matches!(local.as_bytes().first(), Some(b'2'..=b'9'));
    ok.then(|| Phone {
        kind: PhoneKind::Landline,
        canonical: match extension {
            Some(e) => format!("{area}-{local}转{e}"),
            None => format!("{area}-{local}"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Scalar {
        Scalar::Text(s.into())
    }

    fn read(s: &str, allow_short: bool) -> Option<(PhoneKind, String)> {
        phone(&t(s), allow_short).ok().flatten().map(|p| (p.kind, p.canonical))
    }

    fn mobile(s: &str) -> Option<(PhoneKind, String)> {
        Some((PhoneKind::Mobile, s.to_owned()))
    }

    fn landline(s: &str) -> Option<(PhoneKind, String)> {
        Some((PhoneKind::Landline, s.to_owned()))
    }

    /// Seed 000: "联系人：陈华明，联系方式：15958725268"; "夏义雄（13958826553）".
    #[test]
    fn phone_mobile_11_digits_1_3_to_9() {
        for s in [
            "15958725268",
            "159 5872 5268",
            "159-5872-5268",
            "１５９５８７２５２６８",
            "+86 15958725268",
            "+86-159-5872-5268",
        ] {
            assert_eq!(read(s, false), mobile("15958725268"), "{s}");
        }
        assert_eq!(read("13000000000", false), mobile("13000000000"));
        assert_eq!(read("19999999999", false), mobile("19999999999"));
        assert_eq!(
            phone(&Scalar::Number(13958826553.0), false).map(|p| p.map(|p| p.canonical)),
            Ok(Some("13958826553".into()))
        );
    }

    /// Mobile lengths 10 and 12, and the second digit 0–2, are rejected.
    #[test]
    fn phone_mobile_boundaries() {
        for s in [
            "1395882655",
            "139588265530",
            "12958826553",
            "11958826553",
            "10958826553",
            "8613958826553",
            "+86 0577-88631011",
        ] {
            assert_eq!(read(s, false), None, "{s}");
        }
        assert_eq!(read("13958826553-1", false), None, "no extension on a mobile");
        assert_eq!(read("13958826553转1", false), None, "no extension on a mobile");
    }

    /// Seed 000: "联系人：姜建序，联系电话：0577-88631011"; RULES.md: "`0577-88631011`, `057788631011`".
    #[test]
    fn phone_landline_with_area_code() {
        for s in [
            "0577-88631011",
            "057788631011",
            "0577 88631011",
            "0577-8863 1011",
            "(0577)88631011",
            "（０５７７）８８６３１０１１",
            "(0577) 88631011",
            "(0577)-88631011",
            "０５７７－８８６３１０１１",
        ] {
            assert_eq!(read(s, false), landline("0577-88631011"), "{s}");
        }
        assert_eq!(read("010-62345678", false), landline("010-62345678"));
        assert_eq!(read("02162345678", false), landline("021-62345678"));
        assert_eq!(read("0577-8863101", false), landline("0577-8863101"));
    }

    /// Landline lengths: 3-digit area codes (010, 02x) take 8 local digits; 4-digit ones 7 or 8.
    #[test]
    fn phone_landline_length_boundaries() {
        // 10, 11 and 12 digits with a 4-digit area code: 6 local digits too few, 7 and 8 fine.
        assert_eq!(read("0577886310", false), None);
        assert_eq!(read("05778863101", false), landline("0577-8863101"));
        assert_eq!(read("057788631011", false), landline("0577-88631011"));
        assert_eq!(read("0577886310111", false), None, "13 digits, 9 local");
        // 3-digit area codes: 10 and 12 digits rejected, 11 accepted.
        assert_eq!(read("0106234567", false), None);
        assert_eq!(read("01062345678", false), landline("010-62345678"));
        assert_eq!(read("010623456789", false), None);
        assert_eq!(read("02262345678", false), landline("022-62345678"));
    }

    #[test]
    fn phone_landline_area_code_and_local_number_shape() {
        for s in [
            "011-62345678",  // 01x other than 010
            "0012345678",    // 00 is international
            "0577-08631011", // local numbers start 2–9
            "0577-18631011",
            "(057)788631011", // parentheses must hold the area code
            "(05778)8631011",
            "()88631011",
            "(0577",
            "88631011", // no area code (seed 004 writes 85681386 so; RULES.md asks for the area code)
            "85681386",
        ] {
            assert_eq!(read(s, true), None, "{s}");
        }
    }

    /// Extensions: 转 / 分机 / ext, or a last hyphen group; canonical with 转.
    #[test]
    fn phone_landline_extension() {
        for s in [
            "0577-88631011转123",
            "0577-88631011 转 123",
            "0577-88631011分机123",
            "0577-88631011 ext 123",
            "0577-88631011 EXT. 123",
            "0577-88631011ext123",
            "0577-88631011-123",
            "057788631011-123",
            "(0577)88631011-123",
            "０５７７－８８６３１０１１转１２３",
        ] {
            assert_eq!(read(s, false), landline("0577-88631011转123"), "{s}");
        }
        assert_eq!(read("0577-88631011-123456", false), landline("0577-88631011转123456"));
        assert_eq!(read("0577-88631011-1234567", false), None, "extensions have at most 6 digits");
        assert_eq!(read("0577-88631011转1234567", false), None);
        for s in ["0577-88631011转", "0577-88631011转12a", "0577-88631011-", "0577-88631011转1转2", "转123"] {
            assert_eq!(read(s, false), None, "{s}");
        }
    }

    /// RULES.md Conventions: "Never guess": `0577-8863101-1` is 0577-88631011 or 0577-8863101 转 1.
    #[test]
    fn phone_ambiguous_hyphen_extension_is_rejected() {
        assert_eq!(read("0577-8863101-1", false), None);
        assert_eq!(read("0577-8863101转1", false), landline("0577-8863101转1"));
        // Grouping alone is not an extension: `0577-8863-1011` has one reading.
        assert_eq!(read("0577-8863-1011", false), landline("0577-88631011"));
    }

    /// Seed 000: "王传旺（656789）", "丁林东（677107）": 6-digit short numbers, only where allowed.
    #[test]
    fn phone_short_six_digits_only_when_allowed() {
        assert_eq!(read("656789", true), Some((PhoneKind::Short, "656789".into())));
        assert_eq!(read("６６５８８９", true), Some((PhoneKind::Short, "665889".into())));
        assert_eq!(read("656789", false), None);
        for s in ["65678", "6567890", "056789", "156789", "656789-1", "656789转1"] {
            assert_eq!(read(s, true), None, "{s}");
        }
    }

    #[test]
    fn phone_canonical_reads_back_as_itself() {
        for s in ["13958826553", "0577-88631011", "0577-8863101转1", "010-62345678转8", "656789"] {
            let once = read(s, true);
            assert_eq!(once.as_ref().map(|(_, c)| c.as_str()), Some(s));
            assert_eq!(once.and_then(|(_, c)| read(&c, true)).map(|(_, c)| c).as_deref(), Some(s));
        }
    }

    #[test]
    fn phone_blank_is_none_and_other_values_rejected() {
        for raw in [Scalar::Empty, t(""), t("\u{3000} ")] {
            assert_eq!(phone(&raw, true), Ok(None));
        }
        for raw in [
            Scalar::Bool(true),
            Scalar::Number(f64::NAN),
            Scalar::Number(-13958826553.0),
            Scalar::Number(1395882655.3),
            Scalar::Number(57788631011.0), // 0577 88631011 typed into a number field loses its 0
            t("-13958826553"),
            t("13958826553-"),
            t("139 5882 655a"),
            t("139.5882.6553"),
            t("110"),
            t("12345"),
            t("95555"),
            t("tel:13958826553"),
            t("13958826553 / 13676777017"),
        ] {
            assert_eq!(phone(&raw, true), Err(TypeRejection::NotAPhone), "{raw:?}");
        }
    }

    #[test]
    fn phone_never_panics_on_long_or_odd_text() {
        for s in
            ["1".repeat(100_000), "转".repeat(1000), "(".repeat(1000), "-".repeat(10), "+86".into(), "+86转".into()]
        {
            assert_eq!(phone(&t(&s), true), Err(TypeRejection::NotAPhone));
        }
        assert_eq!(phone(&t("(\u{10FFFF})1"), true), Err(TypeRejection::NotAPhone));
        assert_eq!(phone(&t("ext"), true), Err(TypeRejection::NotAPhone));
    }
}
