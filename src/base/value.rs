//! The input data model: a JSON-like value (options, profiles, and data given natively) and the
//! scalar a field holds. Data is read into a form's cells by [`crate::input::cells::Loader`].

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

use crate::base::limits::MAX_DEPTH;

/// A JSON-like value as a portal hands it over.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// `null` or `undefined`.
    #[default]
    Null,
    /// Not read: nested past [`MAX_DEPTH`] (or cyclic). Data holding it answers `nesting_too_deep`.
    Cut,
    /// A checkbox or typed boolean.
    Bool(bool),
    /// A typed number.
    Number(f64),
    /// A string as typed into a field.
    Text(String),
    /// An array (rows, campuses).
    List(Vec<Value>),
    /// An object, keys in their given order.
    Map(Vec<(String, Value)>),
}

impl Value {
    /// The value under `key` when this is an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The leaf value, if this is a scalar.
    pub fn as_scalar(&self) -> Option<Scalar> {
        match self {
            Value::Null | Value::Cut => Some(Scalar::Empty),
            Value::Bool(b) => Some(Scalar::Bool(*b)),
            Value::Number(n) => Some(Scalar::Number(*n)),
            Value::Text(s) => Some(Scalar::Text(s.clone())),
            Value::List(_) | Value::Map(_) => None,
        }
    }

    /// A short name of the value's type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null | Value::Cut => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::Text(_) => "a string",
            Value::List(_) => "an array",
            Value::Map(_) => "an object",
        }
    }
}

/// One field's raw value: what the browser gave, before normalisation.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Scalar {
    /// Missing, `null` or `undefined`.
    #[default]
    Empty,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    Text(String),
    /// A list or an object where a single value belongs.
    Invalid,
}

impl<'de> serde::Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Depth(0).deserialize(deserializer)
    }
}

/// Deserialises a [`Value`] at a given nesting depth; a list or object past [`MAX_DEPTH`] is
/// [`Value::Cut`], as the JSON reader cuts it.
#[derive(Clone, Copy)]
struct Depth(usize);

impl<'de> DeserializeSeed<'de> for Depth {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Depth {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON-like value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Text(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Text(v))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        if self.0 > MAX_DEPTH {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(Value::Cut);
        }
        let mut items = Vec::new();
        let mut skipped = 0;
        loop {
            let item = match seq.next_element_seed(Depth(self.0 + 1)) {
                Ok(Some(item)) => item,
                Ok(None) => break,
                Err(e) => skip(e, &mut skipped)?,
            };
            items.push(item);
        }
        Ok(Value::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        if self.0 > MAX_DEPTH {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(Value::Cut);
        }
        let mut entries: Vec<(String, Value)> = Vec::new();
        let mut skipped = 0;
        while let Some(key) = map.next_key::<KeyString>()? {
            let value = match map.next_value_seed(Depth(self.0 + 1)) {
                Ok(value) => value,
                Err(e) => skip(e, &mut skipped)?,
            };
            entries.push((key.0, value));
        }
        Ok(Value::Map(entries))
    }
}

/// A leaf that cannot be read (a JS function, symbol or set) becomes `Null`, as a field the
/// portal left empty; past a few such leaves in one container the error stands, so a reader that
/// cannot move past it (a syntax error) stops instead of looping.
fn skip<E>(error: E, skipped: &mut usize) -> Result<Value, E> {
    *skipped += 1;
    if *skipped > 64 {
        return Err(error);
    }
    Ok(Value::Null)
}

/// An object key; JS keys are strings, but a number key is accepted too.
struct KeyString(String);

impl<'de> serde::Deserialize<'de> for KeyString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = KeyString;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyString, E> {
                Ok(KeyString(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<KeyString, E> {
                Ok(KeyString(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KeyString, E> {
                Ok(KeyString(crate::base::value::number_text(v)))
            }
        }
        d.deserialize_any(KeyVisitor)
    }
}

/// A typed number as text: whole numbers exactly, others to six decimals (no float formatter in wasm).
pub fn number_text(n: f64) -> String {
    if !n.is_finite() {
        return String::new();
    }
    let sign = if n < 0.0 { "-" } else { "" };
    let abs = n.abs();
    if abs >= 1e15 {
        return format!("{sign}{}", abs as u64);
    }
    let micros = (abs * 1e6).round() as u64;
    let (int, frac) = (micros / 1_000_000, micros % 1_000_000);
    if frac == 0 {
        return format!("{sign}{int}");
    }
    let frac = format!("{frac:06}");
    format!("{sign}{int}.{}", frac.trim_end_matches('0'))
}
