//! `profile`: any bytes as a portal-supplied profile. Byte 0 picks the kind; byte 1 whether the
//! rest is the `profile` option alone or the whole options object (`profile`, `locale`, `now`,
//! `previous`). Compiling must answer Ok or Err, never panic; when Ok, the kind's complete
//! example form is validated, as JSON text and as a value, and a blank session is started.

use school_safety_forms::input::json;
use school_safety_forms::base::value::Value;
use school_safety_forms::Validator;
use school_safety_forms_fuzz::{assert_json, clock_at, example, kind_index, kind_name, Bytes};

fn run(data: &[u8]) {
    let mut input = Bytes::new(data);
    let kind = kind_index(input.byte());
    let whole_options = input.byte() & 1 == 1;
    let text = String::from_utf8_lossy(input.rest());
    let parsed = json::parse(&text, 64);
    let options = if whole_options {
        parsed
    } else {
        Value::Map(vec![
            ("profile".to_owned(), parsed),
            ("now".to_owned(), Value::Text("2021-06-22T15:40:00+08:00".into())),
        ])
    };
    let name = kind_name(kind);
    let _ = school_safety_forms::describe(name, options.get("profile").unwrap_or(&Value::Null));
    let Ok(v) = Validator::new(name, &options) else { return };
    let clock = || clock_at("2021-06-22T15:40:00+08:00", 0);
    let form = example(kind);
    let report = v.validate_at(&form, clock);
    assert_json(&report.to_json(), "Report::to_json");
    let _ = v.validate_json_at("{}", clock);
    let s = v.session(clock);
    assert_eq!(s.result(), v.validate_at(&Value::Null, clock), "a blank session is a blank form");
}

fn main() {
    afl::fuzz!(|data: &[u8]| run(data));
}
