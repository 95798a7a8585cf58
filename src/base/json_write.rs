//! JSON text out: the writers of string literals and whole numbers that results, layouts and
//! paste blocks are rendered with. Leaves: they know nothing of what they write.

/// Writes a whole number without the formatting machinery (this runs for every computed value).
pub fn write_u64(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    for d in digits.iter().skip(at) {
        out.push(char::from(*d));
    }
}

/// `\uXXXX` for one UTF-16 unit, in lower-case hexadecimal: six bytes pushed at once, without the
/// formatting machinery (which is larger and slower in wasm).
fn write_unit(out: &mut String, unit: u16) {
    let hex = |shift: u16| b"0123456789abcdef".get(usize::from((unit >> shift) & 0xf)).copied().unwrap_or(b'0');
    let escape = [b'\\', b'u', hex(12), hex(8), hex(4), hex(0)];
    out.push_str(std::str::from_utf8(&escape).unwrap_or(""));
}

/// Writes millionths as a decimal with the places it needs (`-2.5`, `0.000001`, `3`): a computed
/// number as JSON, and a decimal in a message.
pub fn write_millionths(out: &mut String, m: i64) {
    if m < 0 {
        out.push('-');
    }
    write_u64(out, m.unsigned_abs() / 1_000_000);
    let mut fraction = m.unsigned_abs() % 1_000_000;
    if fraction != 0 {
        out.push('.');
        let mut places = 6;
        while fraction % 10 == 0 {
            fraction /= 10;
            places -= 1;
        }
        let start = out.len();
        write_u64(out, fraction);
        let leading = places - (out.len() - start);
        for _ in 0..leading {
            out.insert(start, '0');
        }
    }
}

/// Writes `s` as a JSON string literal in ASCII: every other character as `\uXXXX` (surrogate
/// pairs beyond the BMP). The result crosses into JavaScript through `TextDecoder`, whose
/// all-ASCII path is cheaper than decoding UTF-8 (the figures are in BENCHMARKS.md).
pub fn write_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\' || b >= 0x80) {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let escaped = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            _ => None,
        };
        if escaped.is_none() && (' '..='\u{7f}').contains(&c) {
            continue;
        }
        out.push_str(s.get(start..i).unwrap_or(""));
        match escaped {
            Some(e) => out.push_str(e),
            None => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write_unit(out, *unit);
                }
            }
        }
        start = i + c.len_utf8();
    }
    out.push_str(s.get(start..).unwrap_or(""));
    out.push('"');
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_written_in_full() {
        for n in [0, 9, 10, 4_294_967_296, u64::MAX] {
            let mut out = String::new();
            write_u64(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
