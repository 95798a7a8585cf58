//! Input normalisation shared by every form: what a Chinese IME and a browser field produce,
//! folded to one canonical value, or rejected. Unambiguous input is normalised; nothing is guessed.
//!
//! ```
//! use school_safety_forms::input::normalise::{count, fold};
//! use school_safety_forms::base::value::Scalar;
//! assert_eq!(fold("　１２ "), "12");
//! assert_eq!(count(&Scalar::Text("1,200".into())), Ok(Some(1200)));
//! assert!(count(&Scalar::Text("1２a".into())).is_err());
//! ```

use crate::base::date::Date;
use crate::base::value::{number_text, Scalar};
use std::borrow::Cow;
use validator::ValidateRange;

/// The largest count a single field accepts: no school reports a million hazards.
pub const MAX_COUNT: u64 = 1_000_000;

/// Why a raw value is not a usable count, date or choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// Not a number at all (`abc`, `1２a`, `1e3`, a boolean).
    NotANumber,
    /// A number with a fractional part (`2.5`).
    NotWhole,
    /// Below zero.
    Negative,
    /// Above [`MAX_COUNT`].
    TooLarge,
    /// Not in any accepted date notation.
    NotADate,
    /// In a date notation, but no such day (`2021-02-30`).
    NotACalendarDate,
    /// A list or an object where one value belongs.
    NotAValue,
    /// Not one of a choice field's options.
    NotAChoice,
}

/// Folds full-width ASCII (`１２ＡＢ，`) and the ideographic space to ASCII, removes invisible marks
/// pasted from WeChat or Word (zero-width spaces and joiners, direction marks, the BOM, soft
/// hyphens), then trims.
pub fn fold(text: &str) -> String {
    fold_keeping(text, false)
}

/// As [`fold`] for free text, where a zero-width joiner may join an emoji sequence and is kept.
pub fn fold_text(text: &str) -> String {
    fold_keeping(text, true)
}

fn fold_keeping(text: &str, keep_joiner: bool) -> String {
    folded(text, keep_joiner).into_owned()
}

/// [`fold`] without copying text that is already folded (most typed Chinese is): borrowed then.
pub fn folded(text: &str, keep_joiner: bool) -> Cow<'_, str> {
    if !text.bytes().any(may_change) {
        return Cow::Borrowed(text);
    }
    let drop = |c: char| is_invisible(c) && !(keep_joiner && c == '\u{200D}');
    let trimmed = text.trim();
    if !pieces(trimmed).any(|p| matches!(p, Piece::Other(c) if drop(c) || fold_char(c) != c)) {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(text.len());
    for piece in pieces(text) {
        match piece {
            Piece::Plain(run) => out.push_str(run),
            Piece::Other(c) if drop(c) => {}
            Piece::Other(c) => out.push(fold_char(c)),
        }
    }
    match out.trim() {
        t if t.len() == out.len() => Cow::Owned(out),
        t => Cow::Owned(t.to_owned()),
    }
}

/// Whether a byte may start a character that folding, trimming or removing blanks changes: ASCII
/// blanks, and the lead bytes of U+0080–U+00BF (`0xC2`: no-break space, soft hyphen),
/// U+1000–U+3FFF (`0xE1`–`0xE3`: the Unicode spaces, invisible marks, the ideographic space) and
/// U+F000–U+FFFF (`0xEF`: full-width forms, the BOM). Every other character is left as it is.
#[inline(always)]
fn may_change(b: u8) -> bool {
    MAY_CHANGE.get(usize::from(b)).is_some_and(|m| *m)
}

/// [`may_change`] as a table: one load a byte in the scans, where the comparisons were five.
// Built at compile time: an index out of range would fail the build, never panic at run time.
#[allow(clippy::indexing_slicing)]
static MAY_CHANGE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b, 9..=13 | 0x20 | 0xC2 | 0xE1..=0xE3 | 0xEF);
        b += 1;
    }
    table
};

/// A stretch of text as folding sees it.
enum Piece<'a> {
    /// Characters folding leaves as they are, taken as one slice (no per-character work).
    Plain(&'a str),
    /// One character that folding may change, drop or trim.
    Other(char),
}

/// Splits `text` into [`Piece`]s, scanning bytes: Chinese text is mostly plain runs.
fn pieces(text: &str) -> Pieces<'_> {
    Pieces { text, at: 0 }
}

struct Pieces<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let mut end = start;
        while let Some(b) = bytes.get(end) {
            if may_change(*b) {
                break;
            }
            end += 1;
        }
        // `may_change` bytes are ASCII or lead bytes, so both ends are character boundaries.
        if end > start {
            self.at = end;
            return self.text.get(start..end).map(Piece::Plain);
        }
        let c = self.text.get(start..)?.chars().next()?;
        self.at = start + c.len_utf8();
        Some(Piece::Other(c))
    }
}

/// Marks that carry no meaning in a form's value: zero-width space, non-joiner and joiner, the
/// direction marks, embeddings, overrides and isolates, word joiners, the BOM and the soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

/// One character folded: full-width ASCII to ASCII, the ideographic and no-break spaces to a space.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    }
}

/// Normalised free text: folded and trimmed, `None` when blank.
pub fn text(raw: &Scalar) -> Option<String> {
    let s = match raw {
        Scalar::Empty | Scalar::Invalid => return None,
        Scalar::Bool(b) => b.to_string(),
        Scalar::Number(n) => number_text(*n),
        Scalar::Text(s) => fold_text(s),
    };
    (!s.is_empty()).then_some(s)
}

/// Whether [`text`] would give anything: a character that is neither blank nor invisible.
pub fn has_visible(s: &str) -> bool {
    pieces(s).any(|p| match p {
        Piece::Plain(_) => true,
        Piece::Other(c) => !is_invisible(c) && !fold_char(c).is_whitespace(),
    })
}

/// How many characters [`text`] would give, without building it: `None` when blank.
pub fn text_chars(raw: &Scalar) -> Option<usize> {
    let Scalar::Text(s) = raw else { return text(raw).map(|t| t.chars().count()) };
    let (mut count, mut pending_blanks, mut started) = (0usize, 0usize, false);
    for piece in pieces(s) {
        let visible = match piece {
            Piece::Plain(run) => run.chars().count(),
            Piece::Other(c) if is_invisible(c) && c != '\u{200D}' => continue,
            Piece::Other(c) if fold_char(c).is_whitespace() => {
                pending_blanks += usize::from(started);
                continue;
            }
            Piece::Other(_) => 1,
        };
        count += visible + pending_blanks;
        pending_blanks = 0;
        started = true;
    }
    (count > 0).then_some(count)
}

/// Whether [`text`] would be blank: [`text_chars`] finding none, stopping at the first character
/// (a required check on a long text reads only as far as its first letter).
pub fn text_blank(raw: &Scalar) -> bool {
    let Scalar::Text(s) = raw else { return text(raw).is_none() };
    !pieces(s).any(|piece| match piece {
        Piece::Plain(run) => !run.is_empty(),
        Piece::Other(c) if is_invisible(c) && c != '\u{200D}' => false,
        Piece::Other(c) => !fold_char(c).is_whitespace(),
    })
}

/// The most characters of a value a message quotes.
pub const MAX_QUOTED: usize = 20;

/// A value as a message quotes it: [`text`] with every run of blanks and line breaks one space,
/// cut after [`MAX_QUOTED`] characters besides those spaces (then ending in `…`); empty when blank.
pub fn quoted(raw: &Scalar) -> String {
    let text = text(raw).unwrap_or_default();
    let mut out = String::new();
    let (mut n, mut blank) = (0, false);
    for c in text.chars() {
        if c.is_whitespace() {
            blank = true;
        } else if n == MAX_QUOTED {
            out.push('…');
            break;
        } else {
            if blank {
                out.push(' ');
            }
            out.push(c);
            (n, blank) = (n + 1, false);
        }
    }
    out
}

/// A name for comparison: folded, with every space removed (`张　三` equals `张三`).
pub fn name_key(raw: &Scalar) -> Option<String> {
    let mut key = String::new();
    push_name_key(raw, &mut key);
    (!key.is_empty()).then_some(key)
}

/// Appends [`name_key`]'s key (nothing when blank) to `out`: the register's duplicate key joins
/// two of them without a string for each.
pub fn push_name_key(raw: &Scalar, out: &mut String) {
    match raw {
        Scalar::Text(s) => push_text_name_key(s, out),
        other => out.extend(text(other).unwrap_or_default().chars().filter(|c| !c.is_whitespace())),
    }
}

/// [`push_name_key`] of a text already read (a computed value), without wrapping it in a `Scalar`.
pub fn push_text_name_key(s: &str, out: &mut String) {
    // Hazard texts are mostly plain Chinese and ASCII, copied a run at a time; only a blank,
    // an invisible mark or a full-width form (the Chinese comma `，`) is looked at alone.
    for piece in pieces(s) {
        match piece {
            Piece::Plain(run) => out.push_str(run),
            Piece::Other(c) if is_invisible(c) => {}
            Piece::Other(c) => {
                let c = fold_char(c);
                if !c.is_whitespace() {
                    out.push(c);
                }
            }
        }
    }
}

/// A whole, non-negative count; `Ok(None)` when the field is blank.
pub fn count(raw: &Scalar) -> Result<Option<u64>, Rejection> {
    match raw {
        Scalar::Empty => Ok(None),
        Scalar::Invalid => Err(Rejection::NotAValue),
        Scalar::Bool(_) => Err(Rejection::NotANumber),
        Scalar::Number(n) => number_to_count(*n).map(Some),
        Scalar::Text(s) => {
            // What a keyboard types most: plain ASCII digits, read without folding or allocating.
            if !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()) {
                return s.parse::<u64>().map_err(|_| Rejection::NotANumber).and_then(|n| {
                    if n > MAX_COUNT {
                        Err(Rejection::TooLarge)
                    } else {
                        Ok(Some(n))
                    }
                });
            }
            let folded = fold(s);
            if folded.is_empty() {
                return Ok(None);
            }
            parse_decimal(&folded).and_then(number_to_count).map(Some)
        }
    }
}

fn number_to_count(n: f64) -> Result<u64, Rejection> {
    if !n.is_finite() {
        return Err(Rejection::NotANumber);
    }
    if n.fract() != 0.0 {
        return Err(Rejection::NotWhole);
    }
    if !n.validate_range(Some(0.0), None, None, None) {
        return Err(Rejection::Negative);
    }
    if !n.validate_range(None, Some(MAX_COUNT as f64), None, None) {
        return Err(Rejection::TooLarge);
    }
    Ok(n as u64)
}

/// Parses `[+-]digits[.digits]` with optional `,` thousands groups; anything else is rejected.
fn parse_decimal(s: &str) -> Result<f64, Rejection> {
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..).unwrap_or("")),
        Some(b'+') => (false, s.get(1..).unwrap_or("")),
        _ => (false, s),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if int.is_empty() || (body.contains('.') && frac.is_empty()) {
        return Err(Rejection::NotANumber);
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Rejection::NotANumber);
    }
    let int = ungroup(int).ok_or(Rejection::NotANumber)?;
    // Too many digits to be a count: say so rather than lose precision.
    let significant = int.trim_start_matches('0');
    if significant.len() > 15 {
        return Err(if negative { Rejection::Negative } else { Rejection::TooLarge });
    }
    // Integer parsing only: float parsing would add 20 KB of wasm for nothing a count needs.
    let whole =
        if significant.is_empty() { 0 } else { significant.parse::<u64>().map_err(|_| Rejection::NotANumber)? } as f64;
    let fractional = frac.bytes().any(|b| b != b'0');
    let value = if fractional { whole + 0.5 } else { whole };
    Ok(if negative { -value } else { value })
}

/// Removes `,` thousands separators when they group correctly (`1,234,567`); digits only otherwise.
fn ungroup(int: &str) -> Option<String> {
    if !int.contains(',') {
        return int.bytes().all(|b| b.is_ascii_digit()).then(|| int.to_owned());
    }
    let mut groups = int.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out = first.to_owned();
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push_str(g);
    }
    Some(out)
}

/// A number ≥ 0 with up to 6 decimals (`12.5`, `１２.５`, `1,234.56`); `Ok(None)` when blank.
/// Read with integer arithmetic: float parsing would add its tables to the wasm.
pub fn decimal(raw: &Scalar) -> Result<Option<f64>, Rejection> {
    let text = match raw {
        Scalar::Empty => return Ok(None),
        Scalar::Invalid => return Err(Rejection::NotAValue),
        Scalar::Bool(_) => return Err(Rejection::NotANumber),
        Scalar::Number(n) if !n.is_finite() => return Err(Rejection::NotANumber),
        Scalar::Number(n) if *n < 0.0 => return Err(Rejection::Negative),
        Scalar::Number(n) if *n > MAX_COUNT as f64 => return Err(Rejection::TooLarge),
        Scalar::Number(n) => return Ok(Some(*n)),
        Scalar::Text(s) => fold(s),
    };
    if text.is_empty() {
        return Ok(None);
    }
    if text.starts_with('-') {
        return Err(Rejection::Negative);
    }
    let body = text.strip_prefix('+').unwrap_or(&text);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let int: String = int.chars().filter(|c| *c != ',').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(&int) || (body.contains('.') && !digits(frac)) {
        return Err(Rejection::NotANumber);
    }
    let significant = int.trim_start_matches('0');
    if significant.len() > 15 || frac.len() > 6 {
        return Err(Rejection::TooLarge);
    }
    let whole = significant.parse::<u64>().unwrap_or(0) as f64;
    let fraction =
        if frac.is_empty() { 0.0 } else { frac.parse::<u64>().unwrap_or(0) as f64 / 10f64.powi(frac.len() as i32) };
    // As large as a count may be: a sum of a column's decimals then stays exact (SCALE).
    if whole + fraction > MAX_COUNT as f64 {
        return Err(Rejection::TooLarge);
    }
    Ok(Some(whole + fraction))
}

/// A calendar date in any notation of RULES.md: `2021-06-22`, `2021/6/22`, `2021.6.22`, `2021年6月22日`.
pub fn date(raw: &Scalar) -> Result<Option<Date>, Rejection> {
    let s = match raw {
        Scalar::Empty => return Ok(None),
        Scalar::Invalid => return Err(Rejection::NotAValue),
        Scalar::Bool(_) | Scalar::Number(_) => return Err(Rejection::NotADate),
        Scalar::Text(s) => {
            // What a date picker gives: `2021-06-22`, read without folding or splitting.
            if let Some(date) = iso_date(s) {
                return date.map(Some);
            }
            folded(s, false)
        }
    };
    if s.is_empty() {
        return Ok(None);
    }
    parse_date(&s).map(Some)
}

/// `YYYY-MM-DD` in ASCII digits, as [`parse_date`] reads it; `None` for any other shape.
fn iso_date(s: &str) -> Option<Result<Date, Rejection>> {
    let b: &[u8; 10] = s.as_bytes().try_into().ok()?;
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)?.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    if !(1900..=2999).contains(&y) {
        return Some(Err(Rejection::NotACalendarDate));
    }
    Some(Date::new(y as i32, m, d).ok_or(Rejection::NotACalendarDate))
}

/// The canonical text of a value the officer typed, for a portal whose backend expects plain
/// ASCII (the drop-in's `normalise` option writes it back into the field): a count in ASCII digits
/// (`１，２００` → `1200`), a date as ISO 8601 (`2021年6月22日` → `2021-06-22`), a number-like text
/// such as a phone or an ID number folded (`１３８ ００１３` → `138 0013`). `None` when the value
/// is blank, unreadable (it stays as typed, and the engine says why) or already free text.
///
/// ```
/// use school_safety_forms::input::normalise::canonical;
/// assert_eq!(canonical("count", "１２"), Some("12".into()));
/// assert_eq!(canonical("date", "2021/6/2"), Some("2021-06-02".into()));
/// assert_eq!(canonical("text", "１１０１０５１９９００３０７１２３４"), Some("110105199003071234".into()));
/// assert_eq!(canonical("text", "楼梯扶手松动，已报修"), None);
/// ```
pub fn canonical(field_type: &str, text: &str) -> Option<String> {
    let raw = Scalar::Text(text.into());
    match field_type {
        "count" => count(&raw).ok().flatten().map(|n| n.to_string()),
        "date" => date(&raw).ok().flatten().map(|d| d.to_string()),
        "text" => {
            let folded = fold(text);
            let numberish = !folded.is_empty()
                && folded.bytes().any(|b| b.is_ascii_digit())
                && folded.bytes().all(|b| b.is_ascii_alphanumeric() || b" -+()".contains(&b));
            numberish.then_some(folded)
        }
        _ => None,
    }
}

/// Parses one date notation (already folded).
pub fn parse_date(s: &str) -> Result<Date, Rejection> {
    let (y, m, d) = if let Some(rest) = s.strip_suffix('日') {
        let (y, md) = rest.split_once('年').ok_or(Rejection::NotADate)?;
        let (m, d) = md.split_once('月').ok_or(Rejection::NotADate)?;
        (y.trim(), m.trim(), d.trim())
    } else {
        // Bytes: `str::contains` with a `char` the compiler cannot see is ASCII brings in the std
        // string searcher (1.4 KB of wasm with its panic path).
        let sep = [b'-', b'/', b'.'].into_iter().find(|c| s.as_bytes().contains(c)).ok_or(Rejection::NotADate)?;
        let mut parts = s.split(char::from(sep));
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(y), Some(m), Some(d), None) => (y, m, d),
            _ => return Err(Rejection::NotADate),
        }
    };
    let ok = |p: &str, max: usize| !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit());
    if y.len() != 4 || !ok(y, 4) || !ok(m, 2) || !ok(d, 2) {
        return Err(Rejection::NotADate);
    }
    let (y, m, d): (i32, u32, u32) = (
        y.parse().map_err(|_| Rejection::NotADate)?,
        m.parse().map_err(|_| Rejection::NotADate)?,
        d.parse().map_err(|_| Rejection::NotADate)?,
    );
    if !(1900..=2999).contains(&y) {
        return Err(Rejection::NotACalendarDate);
    }
    Date::new(y, m, d).ok_or(Rejection::NotACalendarDate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_read_as_typed() {
        let d = |s: &str| decimal(&Scalar::Text(s.into()));
        assert_eq!(d("12.5"), Ok(Some(12.5)));
        assert_eq!(d("１２.５"), Ok(Some(12.5)));
        assert_eq!(d("1,234.56"), Ok(Some(1234.56)));
        assert_eq!(d(""), Ok(None));
        assert_eq!(d("-1"), Err(Rejection::Negative));
        assert_eq!(d("1.2.3"), Err(Rejection::NotANumber));
        assert_eq!(d("abc"), Err(Rejection::NotANumber));
        assert_eq!(d("1."), Err(Rejection::NotANumber));
        // At most a count's largest (1,000,000), so a column's sum stays exact.
        assert_eq!(d("1000000"), Ok(Some(1e6)));
        assert_eq!(d("1000000.000001"), Err(Rejection::TooLarge));
        assert_eq!(decimal(&Scalar::Number(1e300)), Err(Rejection::TooLarge));
    }

    fn t(s: &str) -> Scalar {
        Scalar::Text(s.into())
    }

    /// A message quotes what was given: folded, blanks and line breaks one space, at most 20
    /// characters (19, 20, 21).
    #[test]
    fn quoted_values_are_folded_and_cut() {
        assert_eq!(quoted(&t("　燃气气\u{200B} ")), "燃气气");
        assert_eq!(quoted(&t("燃气\n\t 安全")), "燃气 安全");
        assert_eq!(quoted(&t(&"燃".repeat(19))), "燃".repeat(19));
        assert_eq!(quoted(&t(&"燃".repeat(20))), "燃".repeat(20));
        assert_eq!(quoted(&t(&"燃".repeat(21))), format!("{}…", "燃".repeat(20)));
        assert_eq!(quoted(&Scalar::Number(1.5)), "1.5");
        assert_eq!(quoted(&Scalar::Bool(true)), "true");
        assert_eq!(quoted(&Scalar::Empty), "");
        assert_eq!(quoted(&Scalar::Invalid), "");
    }

    #[test]
    fn canonical_values_for_a_strict_backend() {
        // Counts: ASCII digits, thousands groups gone, up to the largest count a field accepts.
        assert_eq!(canonical("count", "１，０００，０００"), Some("1000000".into()));
        assert_eq!(canonical("count", "999999"), Some("999999".into()));
        assert_eq!(canonical("count", "1000001"), None, "past the limit: left as typed, the engine says why");
        assert_eq!(canonical("count", "２.５"), None);
        assert_eq!(canonical("count", "　"), None);
        // Dates: every notation of RULES.md to ISO; a day that does not exist stays as typed.
        assert_eq!(canonical("date", "2021年6月22日"), Some("2021-06-22".into()));
        assert_eq!(canonical("date", "２０２１.６.２２"), Some("2021-06-22".into()));
        assert_eq!(canonical("date", "2021-02-29"), None);
        // Text: only what reads as a number (a phone, an ID number) is folded; Chinese text, with
        // its full-width punctuation, is the officer's own.
        assert_eq!(canonical("text", "（０５７７）８８８８８８８８"), Some("(0577)88888888".into()));
        assert_eq!(canonical("text", "１１０１０５１９９００３０７１２３Ｘ"), Some("11010519900307123X".into()));
        assert_eq!(canonical("text", "北门，２处"), None);
        assert_eq!(canonical("choice", "１"), None);
    }

    #[test]
    fn full_width_digits_letters_and_spaces_fold() {
        assert_eq!(fold("１２"), "12");
        assert_eq!(fold("ＡＢ"), "AB");
        assert_eq!(fold("\u{3000}12\u{3000}"), "12");
        assert_eq!(count(&t("１２")), Ok(Some(12)));
        assert_eq!(count(&t("　１２　")), Ok(Some(12)));
    }

    #[test]
    fn invisible_marks_pasted_from_wechat_or_word_are_removed() {
        for mark in ['\u{200B}', '\u{200E}', '\u{200F}', '\u{FEFF}', '\u{2060}', '\u{00AD}', '\u{202E}'] {
            assert_eq!(count(&t(&format!("{mark}1{mark}2{mark}"))), Ok(Some(12)), "{mark:?}");
            assert_eq!(date(&t(&format!("{mark}2021-06-22"))).ok().flatten(), Date::new(2021, 6, 22));
            assert_eq!(text(&t(&format!("{mark}温州{mark}"))).as_deref(), Some("温州"));
        }
        assert_eq!(text(&t("\u{200B}\u{FEFF}")), None, "only marks is blank");
        assert_eq!(text(&t("👩\u{200D}🔧")).as_deref(), Some("👩\u{200D}🔧"), "an emoji joiner stays in text");
        for s in ["", "  ", "\u{200B}", "a", " 温州 中学 ", "\u{3000}ＡＢ\u{200B}\u{3000}", "👩\u{200D}🔧", "a\u{200D}"]
        {
            assert_eq!(text_chars(&t(s)), text(&t(s)).map(|x| x.chars().count()), "{s:?}");
            assert_eq!(text_blank(&t(s)), text_chars(&t(s)).is_none(), "{s:?}");
        }
    }

    #[test]
    fn counts_accept_unambiguous_forms() {
        assert_eq!(count(&t("12.0")), Ok(Some(12)));
        assert_eq!(count(&t("12.00")), Ok(Some(12)));
        assert_eq!(count(&t("0")), Ok(Some(0)));
        assert_eq!(count(&t("-0")), Ok(Some(0)));
        assert_eq!(count(&t("+7")), Ok(Some(7)));
        assert_eq!(count(&t("007")), Ok(Some(7)));
        assert_eq!(count(&t("1,000")), Ok(Some(1000)));
        assert_eq!(count(&t("１，０００")), Ok(Some(1000)));
        assert_eq!(count(&Scalar::Number(12.0)), Ok(Some(12)));
        assert_eq!(count(&Scalar::Number(-0.0)), Ok(Some(0)));
        assert_eq!(count(&t("")), Ok(None));
        assert_eq!(count(&t("  ")), Ok(None));
        assert_eq!(count(&Scalar::Empty), Ok(None));
    }

    #[test]
    fn counts_reject_what_would_need_a_guess() {
        assert_eq!(count(&t("1２a")), Err(Rejection::NotANumber));
        assert_eq!(count(&t("1e3")), Err(Rejection::NotANumber));
        assert_eq!(count(&t("十二")), Err(Rejection::NotANumber));
        assert_eq!(count(&t("1 2")), Err(Rejection::NotANumber));
        assert_eq!(count(&t("12.")), Err(Rejection::NotANumber));
        assert_eq!(count(&t(".5")), Err(Rejection::NotANumber));
        assert_eq!(count(&t("1,00")), Err(Rejection::NotANumber));
        assert_eq!(count(&t("1,0000")), Err(Rejection::NotANumber));
        assert_eq!(count(&t(",100")), Err(Rejection::NotANumber));
        assert_eq!(count(&t("0x10")), Err(Rejection::NotANumber));
        assert_eq!(count(&t("NaN")), Err(Rejection::NotANumber));
        assert_eq!(count(&t("Infinity")), Err(Rejection::NotANumber));
        assert_eq!(count(&Scalar::Bool(true)), Err(Rejection::NotANumber));
        assert_eq!(count(&Scalar::Number(f64::NAN)), Err(Rejection::NotANumber));
    }

    #[test]
    fn counts_reject_fractions_negatives_and_huge_numbers() {
        assert_eq!(count(&t("2.5")), Err(Rejection::NotWhole));
        assert_eq!(count(&t("2.0001")), Err(Rejection::NotWhole));
        assert_eq!(count(&Scalar::Number(2.5)), Err(Rejection::NotWhole));
        assert_eq!(count(&t("-1")), Err(Rejection::Negative));
        assert_eq!(count(&t("-2.5")), Err(Rejection::NotWhole));
        assert_eq!(count(&t("1000000")), Ok(Some(MAX_COUNT)));
        assert_eq!(count(&t("1000001")), Err(Rejection::TooLarge));
        assert_eq!(count(&t("1000000000000")), Err(Rejection::TooLarge));
        assert_eq!(count(&t(&"9".repeat(400))), Err(Rejection::TooLarge));
        assert_eq!(count(&t(&format!("-{}", "9".repeat(400)))), Err(Rejection::Negative));
        assert_eq!(count(&Scalar::Number(1e300)), Err(Rejection::TooLarge));
        assert_eq!(count(&Scalar::Number(f64::INFINITY)), Err(Rejection::NotANumber));
    }

    #[test]
    fn typed_numbers_become_text_without_a_float_formatter() {
        assert_eq!(text(&Scalar::Number(12.0)).as_deref(), Some("12"));
        assert_eq!(text(&Scalar::Number(-2.5)).as_deref(), Some("-2.5"));
        assert_eq!(number_text(0.125), "0.125");
        assert_eq!(number_text(f64::NAN), "");
    }

    #[test]
    fn dates_in_every_notation_are_the_same_day() {
        let want = Date::new(2021, 6, 22);
        for s in [
            "2021-06-22",
            "2021/6/22",
            "2021.6.22",
            "2021年6月22日",
            "２０２１年６月２２日",
            " 2021-6-22 ",
            "2021 年 6 月 22 日",
        ] {
            assert_eq!(date(&t(s)).ok().flatten(), want, "{s}");
        }
    }

    #[test]
    fn the_iso_date_shortcut_agrees_with_the_general_reader() {
        // Years 1899/1900 and 2999/3000, months 00/01, 12/13, days 00/01, 28-32: each side of
        // every bound the general reader draws.
        for y in [1899, 1900, 2021, 2024, 2999, 3000] {
            for m in [0, 1, 2, 12, 13] {
                for d in [0, 1, 28, 29, 30, 31, 32] {
                    let text = format!("{y:04}-{m:02}-{d:02}");
                    assert_eq!(date(&t(&text)), parse_date(&text).map(Some), "{text}");
                }
            }
        }
        // Not the shortcut's shape: the general reader decides.
        assert_eq!(date(&t("2021-6-22")), parse_date("2021-6-22").map(Some));
        assert_eq!(date(&t("２０２１-06-22")), parse_date("2021-06-22").map(Some));
        assert_eq!(date(&t("2021/06/22")), parse_date("2021/06/22").map(Some));
    }

    #[test]
    fn the_plain_name_key_shortcut_agrees_with_folding() {
        let folded = |s: &str| -> String {
            s.chars().filter(|c| !is_invisible(*c)).map(fold_char).filter(|c| !c.is_whitespace()).collect()
        };
        for s in [
            "教学楼三楼东侧楼梯扶手松动",
            "食堂 后厨",
            "实验室\u{3000}通风",
            "ＡＢ１",
            "a\u{200B}b",
            "x\u{00A0}y",
            "门卫室\u{FEFF}",
            "Ωmega",
            "é",
        ] {
            assert_eq!(name_key(&t(s)).unwrap_or_default(), folded(s), "{s:?}");
        }
    }

    #[test]
    fn invalid_dates_are_errors() {
        assert_eq!(date(&t("2021-02-30")), Err(Rejection::NotACalendarDate));
        assert_eq!(date(&t("2021-13-01")), Err(Rejection::NotACalendarDate));
        assert_eq!(date(&t("0021-01-01")), Err(Rejection::NotACalendarDate));
        for bad in
            ["2021-06", "21-6-22", "2021-06-22-1", "2021/06-22", "6月22日", "2021年6月", "yesterday", "2021-6-22x"]
        {
            assert_eq!(date(&t(bad)), Err(Rejection::NotADate), "{bad}");
        }
        assert_eq!(date(&Scalar::Number(20210622.0)), Err(Rejection::NotADate));
        assert_eq!(date(&t("")), Ok(None));
    }
}
