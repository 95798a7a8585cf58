//! `definition`: any bytes as a form definition and data for it. The input up to the first 0xFF
//! byte is the definition's JSON text, the rest the data's. Compiling must answer Ok or Err (a
//! mistake naming its place), never panic, however deep, long or strange the definition or its
//! expressions; when Ok, the data is validated and fed to a session key by key, which must end
//! where `validate()` does.

use school_safety_forms::base::value::{Scalar, Value};
use school_safety_forms::input::json;
use school_safety_forms::Validator;
use school_safety_forms_fuzz::{assert_json, clock_at};

fn run(data: &[u8]) {
    let split = data.iter().position(|b| *b == 0xFF).unwrap_or(data.len());
    let (definition, rest) = data.split_at(split);
    let definition = String::from_utf8_lossy(definition);
    let Ok(v) = Validator::from_definition(&definition, &Value::Null) else { return };
    let text = String::from_utf8_lossy(rest.get(1..).unwrap_or_default());
    let form = json::parse(&text, 64);
    let clock = || clock_at("2021-06-22T15:40:00+08:00", 0);
    let report = v.validate_at(&form, clock);
    assert_json(&report.to_json(), "Report::to_json");
    let _ = v.describe();
    let mut s = v.session(clock);
    let mut flat = Vec::new();
    if let Value::Map(entries) = &form {
        for (key, value) in entries {
            if let Value::Text(t) = value {
                s.set(key, Scalar::Text(t.clone()));
                flat.push((key.clone(), Value::Text(t.clone())));
            }
        }
    }
    assert_eq!(s.result(), v.validate_at(&Value::Map(flat), clock), "a session ends where validate() does");
}

fn main() {
    afl::fuzz!(|data: &[u8]| run(data));
}
