//! `data`: any bytes as a form's JSON text. Byte 0 picks the kind, byte 1 the profile (low 4 bits),
//! the locale (0x20) and whether the options fix `now` (0x10 clear) or the clock is read (byte 2 moves it by hours); the
//! rest is the JSON text. Validating must never panic, and what comes back must hold together.

use school_safety_forms_fuzz::{
    assert_json, clock_at, kind_index, options_json, profile_now, validator, Bytes, PROFILES,
};

fn run(data: &[u8]) {
    let mut input = Bytes::new(data);
    let kind = kind_index(input.byte());
    let setting = input.byte();
    let profile = usize::from(setting & 0x0f) % (PROFILES.len() + 1);
    let fixed_now = setting & 0x10 == 0;
    let english = setting & 0x20 != 0;
    let hours = i64::from(input.byte() as i8);
    let text = String::from_utf8_lossy(input.rest());
    let Some(v) = validator(kind, &options_json(profile, fixed_now, english)) else { return };
    let report = v.validate_json_at(&text, || clock_at(profile_now(profile), hours));
    assert_eq!(
        report.valid,
        report.issues.iter().all(|i| i.severity == "warning"),
        "valid must mean no errors: {report:?}"
    );
    assert_json(&report.to_json(), "Report::to_json");
}

fn main() {
    afl::fuzz!(|data: &[u8]| run(data));
}
