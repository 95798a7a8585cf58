//! JSON text in and out: data enters the engine as one string (the one crossing from JavaScript,
//! made by the engine's own `JSON.stringify`) and results leave as one string (`JSON.parse`d on
//! the other side). Hand-written because it never fails (a malformed input is an empty form),
//! reads numbers without the float parser, and stops at a depth instead of overflowing the stack.
//!
//! ```
//! use school_safety_forms::input::json::parse;
//! use school_safety_forms::base::value::Value;
//! let v = parse(r#"{"rows": [{"found": 3}], "unit": "温州\u4e2d学"}"#, 32);
//! assert_eq!(v.get("unit"), Some(&Value::Text("温州中学".into())));
//! ```

use crate::base::value::{Scalar, Value};
use crate::input::cells::Loader;
use crate::schema::{FieldId, GroupDef};

/// Reads `text` straight into a form's cells through `loader`, building no intermediate value:
/// what the form does not have is skipped unread. Returns whether anything was cut for depth.
pub fn load(text: &str, max_depth: usize, loader: &mut Loader) -> bool {
    let mut p = Parser { text, s: text.as_bytes(), i: 0, max_depth, cut: false };
    p.ws();
    if p.peek() == Some(b'{') {
        p.feed(0, loader, false);
    }
    p.cut
}

/// As [`load`], for data given as one array (the positional crossing, `crate::wire`): the value of
/// each of `slots`' fields at its index (`null` where absent), then each of `groups`' rows, each
/// row an array `[cell, cell, …]` of its cells in column order. Read through the same loader calls
/// as the object form, so the cells are those of the object it was packed from. The object form's
/// `keys` outside rows are counted up front ([`Loader::count_keys`]), and every packed cell counts,
/// so the count is never below the object form's. Fields a short array leaves out are blank,
/// whatever the cells held before.
pub fn load_slots(
    text: &str,
    max_depth: usize,
    loader: &mut Loader,
    slots: &[FieldId],
    keys: usize,
    groups: &[GroupDef],
) -> bool {
    let mut p = Parser { text, s: text.as_bytes(), i: 0, max_depth, cut: false };
    p.ws();
    let mut slot = 0;
    if p.eat(b'[') {
        loader.count_keys(keys);
        slot = read_slots(&mut p, loader, slots, groups);
    }
    for field in slots.iter().skip(slot) {
        loader.fixed_cell(*field, Scalar::Empty);
    }
    p.cut
}

/// The slots of an array after its `[`; how many were read.
fn read_slots(p: &mut Parser, loader: &mut Loader, slots: &[FieldId], groups: &[GroupDef]) -> usize {
    let mut slot = 0;
    loop {
        let before = p.i;
        p.ws();
        match (slots.get(slot), slot.checked_sub(slots.len()).and_then(|g| groups.get(g))) {
            (Some(field), _) => match p.peek() {
                // A field read as an object or array is a wrong value, as [`Loader::container`] says.
                Some(b'{' | b'[') => {
                    loader.fixed_cell(*field, Scalar::Invalid);
                    p.skip_value(1);
                }
                Some(b'"') => match p.plain_string() {
                    Some(text) => loader.fixed_text(*field, text),
                    None => {
                        let value = p.scalar(1);
                        loader.fixed_cell(*field, value);
                    }
                },
                _ => {
                    let value = p.scalar(1);
                    loader.fixed_cell(*field, value);
                }
            },
            (None, Some(group)) => {
                loader.key(&group.name);
                p.feed_or_skip(1, loader, true);
                loader.leave();
            }
            (None, None) => p.skip_value(1),
        }
        slot += 1;
        if !p.eat(b',') || p.i == before {
            return slot;
        }
    }
}

/// Parses `text`; anything past `max_depth` levels becomes [`Value::Cut`]; malformed text
/// yields what was read before the fault (the drop-in's own `JSON.stringify` never makes any).
pub fn parse(text: &str, max_depth: usize) -> Value {
    parse_checked(text, max_depth).0
}

/// As [`parse`], also saying whether anything was cut for depth.
pub fn parse_checked(text: &str, max_depth: usize) -> (Value, bool) {
    let mut p = Parser { text, s: text.as_bytes(), i: 0, max_depth, cut: false };
    let v = p.value(0);
    (v, p.cut)
}

struct Parser<'a> {
    text: &'a str,
    s: &'a [u8],
    i: usize,
    max_depth: usize,
    cut: bool,
}

impl<'a> Parser<'a> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    #[inline(always)]
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.i += 1;
        }
    }

    #[inline(always)]
    fn eat(&mut self, b: u8) -> bool {
        self.ws();
        if self.peek() == Some(b) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Value {
        self.ws();
        match self.peek() {
            Some(b'{') | Some(b'[') if depth >= self.max_depth => {
                self.cut = true;
                self.skip_container_at(depth);
                Value::Cut
            }
            Some(b'{') => {
                self.i += 1;
                let mut entries = Vec::new();
                if self.eat(b'}') {
                    return Value::Map(entries);
                }
                loop {
                    self.ws();
                    if self.peek() != Some(b'"') {
                        break;
                    }
                    let key = self.string();
                    if !self.eat(b':') {
                        break;
                    }
                    let v = self.value(depth + 1);
                    entries.push((key, v));
                    if !self.eat(b',') {
                        self.eat(b'}');
                        break;
                    }
                }
                Value::Map(entries)
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Value::List(items);
                }
                loop {
                    let before = self.i;
                    items.push(self.value(depth + 1));
                    if !self.eat(b',') {
                        self.eat(b']');
                        break;
                    }
                    if self.i == before {
                        break;
                    }
                }
                Value::List(items)
            }
            Some(b'"') => Value::Text(self.string()),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => {
                self.i = self.s.len();
                Value::Null
            }
        }
    }

    /// Reads one value into `loader` at its current position; an array's elements are packed
    /// rows when `rows_packed` ([`load_slots`]).
    fn feed(&mut self, depth: usize, loader: &mut Loader, rows_packed: bool) {
        self.ws();
        match self.peek() {
            Some(b'{') | Some(b'[') if depth >= self.max_depth => self.skip_container_at(depth),
            Some(b'{') => {
                self.i += 1;
                loader.container();
                let mut key = String::new();
                if self.eat(b'}') {
                    return;
                }
                loop {
                    self.ws();
                    if self.peek() != Some(b'"') {
                        break;
                    }
                    let name = match self.plain_string() {
                        Some(plain) => plain,
                        None => {
                            key.clear();
                            self.string_into(&mut key);
                            key.as_str()
                        }
                    };
                    if !self.eat(b':') {
                        break;
                    }
                    loader.key(name);
                    self.feed_or_skip(depth + 1, loader, false);
                    loader.leave();
                    if !self.eat(b',') {
                        self.eat(b'}');
                        break;
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                loader.container();
                if self.eat(b']') {
                    return;
                }
                let mut index = 0;
                loop {
                    let before = self.i;
                    loader.index(index);
                    if rows_packed && loader.wanted() && self.eat(b'[') {
                        self.packed_row(depth + 1, loader);
                    } else {
                        self.feed_or_skip(depth + 1, loader, false);
                    }
                    loader.leave();
                    index += 1;
                    if !self.eat(b',') {
                        self.eat(b']');
                        break;
                    }
                    if self.i == before {
                        break;
                    }
                }
            }
            _ => {
                let scalar = self.scalar(depth);
                loader.scalar(scalar);
            }
        }
    }

    /// Reads a value where a cell's is expected: text, a number or a yes/no; anything else blank.
    fn scalar(&mut self, depth: usize) -> Scalar {
        match self.value(depth) {
            Value::Text(t) => Scalar::Text(t),
            Value::Number(n) => Scalar::Number(n),
            Value::Bool(b) => Scalar::Bool(b),
            _ => Scalar::Empty,
        }
    }

    /// Reads the value at the loader's position, or skips it where the form has nothing.
    fn feed_or_skip(&mut self, depth: usize, loader: &mut Loader, rows_packed: bool) {
        if loader.wanted() {
            self.feed(depth, loader, rows_packed);
        } else {
            self.skip_value(depth);
        }
    }

    /// One packed row's cells, after its `[`: a cell per column.
    #[inline(never)]
    fn packed_row(&mut self, depth: usize, loader: &mut Loader) {
        if self.eat(b']') {
            return;
        }
        let here = loader.row_here();
        let mut column = 0;
        loop {
            self.ws();
            match (here, self.peek()) {
                // A scalar in a row the form keeps: set straight into its cell.
                (Some((group, id)), Some(b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n')) => {
                    let value = self.scalar(depth + 1);
                    loader.packed_cell(group, id, column, value);
                }
                _ => {
                    loader.column(column);
                    self.feed_or_skip(depth + 1, loader, false);
                    loader.leave();
                }
            }
            column += 1;
            if !self.eat(b',') {
                self.eat(b']');
                break;
            }
        }
    }

    /// Skips one value at nesting `depth` without building it (strings honoured, never recursing).
    fn skip_value(&mut self, depth: usize) {
        self.ws();
        match self.peek() {
            Some(b'{') | Some(b'[') => self.skip_container_at(depth),
            Some(b'"') => {
                self.skip_string();
            }
            _ => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace() {
                        break;
                    }
                    self.i += 1;
                }
            }
        }
    }

    fn skip_string(&mut self) {
        self.i += 1;
        while let Some(b) = self.peek() {
            self.i += 1;
            match b {
                b'"' => return,
                b'\\' => self.i += 1,
                _ => {}
            }
        }
    }

    fn word(&mut self, word: &str, v: Value) -> Value {
        if self.s.get(self.i..self.i + word.len()) == Some(word.as_bytes()) {
            self.i += word.len();
            v
        } else {
            self.i = self.s.len();
            Value::Null
        }
    }

    /// Skips a too-deep container without recursion, honouring strings.
    /// Skips a container starting at nesting `at` without recursion, honouring strings; notes a
    /// cut when anything inside lies past the depth limit.
    fn skip_container_at(&mut self, at: usize) {
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    self.skip_string();
                    continue;
                }
                b'{' | b'[' => {
                    depth += 1;
                    if at + depth > self.max_depth {
                        self.cut = true;
                    }
                }
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        self.i += 1;
                        return;
                    }
                }
                _ => {}
            }
            self.i += 1;
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.s.get(self.i..self.i + 4)?;
        let mut n = 0u32;
        for d in digits {
            n = n * 16 + char::from(*d).to_digit(16)?;
        }
        self.i += 4;
        Some(n)
    }

    fn string(&mut self) -> String {
        if let Some(plain) = self.plain_string() {
            return plain.to_owned();
        }
        let mut out = String::new();
        self.string_into(&mut out);
        out
    }

    fn string_into(&mut self, out: &mut String) {
        self.i += 1; // the opening quote
        let mut start = self.i;
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    out.push_str(self.slice(start, self.i));
                    self.i += 1;
                    return;
                }
                b'\\' => {
                    out.push_str(self.slice(start, self.i));
                    self.i += 1;
                    let escape = self.peek();
                    self.i += 1;
                    match escape {
                        Some(b'n') => out.push('\n'),
                        Some(b't') => out.push('\t'),
                        Some(b'r') => out.push('\r'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'u') => out.push(self.unicode_escape()),
                        Some(other) => out.push(char::from(other)),
                        None => {}
                    }
                    start = self.i;
                }
                _ => self.i += 1,
            }
        }
        out.push_str(self.slice(start, self.i.min(self.s.len())));
    }

    /// `\uXXXX`, joining a surrogate pair; a lone surrogate reads as U+FFFD, as a browser's
    /// `TextEncoder` reads it.
    fn unicode_escape(&mut self) -> char {
        let Some(first) = self.hex4() else { return '\u{FFFD}' };
        if (0xD800..0xDC00).contains(&first) && self.s.get(self.i..self.i + 2) == Some(b"\\u") {
            let save = self.i;
            self.i += 2;
            match self.hex4() {
                Some(second) if (0xDC00..0xE000).contains(&second) => {
                    let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                    return char::from_u32(c).unwrap_or('\u{FFFD}');
                }
                _ => self.i = save,
            }
        }
        char::from_u32(first).unwrap_or('\u{FFFD}')
    }

    /// The text between two byte offsets (both at ASCII bytes, so on character boundaries).
    #[inline(always)]
    fn slice(&self, from: usize, to: usize) -> &'a str {
        self.text.get(from..to).unwrap_or("")
    }

    /// A string without escapes, borrowed from the input (most keys and values); `None`, with
    /// nothing consumed, when it has an escape.
    fn plain_string(&mut self) -> Option<&'a str> {
        let start = self.i + 1;
        let rest = self.s.get(start..)?;
        // Eight bytes at a step while none is a quote or a backslash, then a byte at a time.
        let mut skip = 0;
        for chunk in rest.chunks_exact(8) {
            let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
            if has_byte(word, b'"') || has_byte(word, b'\\') {
                break;
            }
            skip += 8;
        }
        let end = skip + rest.get(skip..)?.iter().position(|b| *b == b'"' || *b == b'\\')?;
        if !matches!(rest.get(end), Some(b'"')) {
            return None;
        }
        self.i = start + end + 1;
        Some(self.slice(start, start + end))
    }

    /// A JSON number, read exactly for whole numbers up to 2^53 and decimals of up to 15
    /// significant digits (what a form can hold); beyond that, closely enough to say it is too large.
    fn number(&mut self) -> Value {
        let start = self.i;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        let mut mantissa: u64 = 0;
        let mut exponent: i32 = 0;
        let mut digits = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            if digits < 18 {
                mantissa = mantissa * 10 + u64::from(d - b'0');
                digits += usize::from(mantissa > 0);
            } else {
                exponent = exponent.saturating_add(1);
            }
            self.i += 1;
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                if digits < 18 {
                    mantissa = mantissa * 10 + u64::from(d - b'0');
                    digits += usize::from(mantissa > 0);
                    exponent -= 1;
                }
                self.i += 1;
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            let sign = match self.peek() {
                Some(b'-') => {
                    self.i += 1;
                    -1
                }
                Some(b'+') => {
                    self.i += 1;
                    1
                }
                _ => 1,
            };
            let mut e: i32 = 0;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                e = e.saturating_mul(10).saturating_add(i32::from(d - b'0'));
                self.i += 1;
            }
            exponent = exponent.saturating_add(sign * e);
        }
        if self.i == start + usize::from(negative) {
            self.i = self.s.len();
            return Value::Null;
        }
        let mut x = mantissa as f64;
        let pow = |n: i32| (0..n.min(400)).fold(1.0f64, |acc, _| acc * 10.0);
        if exponent > 0 {
            x *= pow(exponent);
        } else if exponent < 0 {
            // `saturating_neg`: an exponent of -2147483648 (saturated from `1e-99999999999`) has
            // no positive i32; AFL++ found the overflow (tests/fuzz_regressions.rs).
            x /= pow(exponent.saturating_neg());
        }
        Value::Number(if negative { -x } else { x })
    }
}

/// Whether any of the eight bytes of `word` is `byte` (the classic SWAR test: a zero byte of
/// `word ^ byte×8` borrows into its top bit).
#[inline(always)]
fn has_byte(word: u64, byte: u8) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & (ONES << 7) != 0
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_json_stringify_writes() {
        let v = parse(r#" {"a": [1, -2.5, 1e3, true, false, null, "x\"\\\n\u00e9\ud83d\ude00"], "b": {}} "#, 32);
        let Value::Map(entries) = v else { unreachable!() };
        let Some((_, Value::List(items))) = entries.first() else { unreachable!() };
        assert_eq!(items.first(), Some(&Value::Number(1.0)));
        assert_eq!(items.get(1), Some(&Value::Number(-2.5)));
        assert_eq!(items.get(2), Some(&Value::Number(1000.0)));
        assert_eq!(items.get(6), Some(&Value::Text("x\"\\\né😀".into())));
    }

    /// The string scan takes eight bytes at a step: a quote or an escape at any offset of a
    /// long string, after Chinese text whose bytes are all high, ends it exactly there.
    #[test]
    fn a_string_ends_at_its_quote_at_any_offset() {
        for len in 0..40 {
            let body: String = "温a".chars().cycle().take(len).collect();
            assert_eq!(
                parse(&format!(r#"["{body}", 1]"#), 4),
                Value::List(vec![Value::Text(body.clone()), Value::Number(1.0)])
            );
            let escaped = format!(r#"["{body}\"{body}"]"#);
            assert_eq!(parse(&escaped, 4), Value::List(vec![Value::Text(format!("{body}\"{body}"))]));
        }
    }

    #[test]
    fn lone_surrogates_and_garbage_never_fail() {
        assert_eq!(parse(r#""\ud800x""#, 4), Value::Text("\u{FFFD}x".into()));
        for bad in ["", "{", "[1,", "{\"a\":", "nul", "-", "\"abc", "{\"a\" 1}", "[,]", "}{"] {
            let _ = parse(bad, 4);
        }
    }

    #[test]
    fn deep_nesting_is_cut_not_recursed() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let v = parse(&deep, 8);
        let mut depth = 0;
        let mut at = &v;
        while let Value::List(items) = at {
            depth += 1;
            at = items.first().unwrap_or(&Value::Null);
        }
        assert_eq!(depth, 8);
        assert_eq!(*at, Value::Cut);
    }

    #[test]
    fn strings_are_escaped_for_json() {
        let mut out = String::new();
        crate::base::json_write::write_str(&mut out, "a\"b\\c\nd\u{1}e中😀");
        assert_eq!(out, r#""a\"b\\c\nd\u0001e\u4e2d\ud83d\ude00""#);
        assert!(out.is_ascii());
        assert_eq!(parse(&out, 4), Value::Text("a\"b\\c\nd\u{1}e中😀".into()), "reads back");
    }
}
