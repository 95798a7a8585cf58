//! Shared pieces of the fuzz targets: the form kinds, profiles, cached validators and example forms.
//!
//! Every target reads its first byte as the form kind (`byte % 5`, in [`KINDS`] order) unless the
//! environment variable `FUZZ_KIND` names one: then that kind is used whatever the byte says, so
//! `scripts/fuzz` can give each kind its own run while the inputs keep one format.

use school_safety_forms::base::date::Instant;
use school_safety_forms::input::json;
use school_safety_forms::base::value::Value;
use school_safety_forms::Validator;
use std::cell::RefCell;
use std::collections::HashMap;

/// The form kinds, in the order the first input byte picks them.
pub const KINDS: [&str; 5] =
    ["daily-report", "inspection-checklist", "security-checkup", "risk-register", "campaign-statistics"];

/// The built-in profiles, in the order the profile byte picks them; one more index means "none given".
pub const PROFILES: [&str; 4] =
    ["zhejiang-wenzhou-2021", "zhejiang-suichang-2016", "tianjin-jizhou-2021", "jiangsu-2019"];

/// A moment inside each profile's own season (Jiangsu's campaign was in 2019, the others' in 2021).
pub fn profile_now(profile: usize) -> &'static str {
    if profile == 3 {
        "2019-09-25T10:00:00+08:00"
    } else {
        "2021-06-22T15:40:00+08:00"
    }
}

/// The kind to fuzz: `FUZZ_KIND` when set to a known kind, else picked by `byte`.
pub fn kind_index(byte: u8) -> usize {
    thread_local! {
        static FORCED: Option<usize> = std::env::var("FUZZ_KIND").ok().and_then(|k| KINDS.iter().position(|x| *x == k));
    }
    FORCED.with(|f| f.unwrap_or(usize::from(byte) % KINDS.len()))
}

/// The kind's name.
pub fn kind_name(index: usize) -> &'static str {
    KINDS.get(index).copied().unwrap_or("daily-report")
}

/// Options as JSON text: a profile by index (`None` past the list), optionally a fixed `now` and English.
pub fn options_json(profile: usize, fixed_now: bool, english: bool) -> String {
    let mut parts = Vec::new();
    if let Some(p) = PROFILES.get(profile) {
        parts.push(format!("\"profile\":\"{p}\""));
    }
    if fixed_now {
        parts.push(format!("\"now\":\"{}\"", profile_now(profile)));
    }
    if english {
        parts.push("\"locale\":\"en\"".to_owned());
    }
    format!("{{{}}}", parts.join(","))
}

thread_local! {
    static VALIDATORS: RefCell<HashMap<(usize, String), Option<Validator>>> = RefCell::new(HashMap::new());
}

/// A validator of kind `kind` under the options given as JSON text, compiled once per process
/// (AFL runs many inputs in one process). `None` where the options are misuse (for example a
/// profile that lacks the kind).
pub fn validator(kind: usize, options: &str) -> Option<Validator> {
    VALIDATORS.with(|cache| {
        cache
            .borrow_mut()
            .entry((kind, options.to_owned()))
            .or_insert_with(|| Validator::new(kind_name(kind), &json::parse(options, 8)).ok())
            .clone()
    })
}

/// The complete example form of each kind (the `data` of `tests/fixtures/<kind>/complete.json`).
pub fn example(kind: usize) -> Value {
    let text = match kind {
        0 => include_str!("../../tests/fixtures/daily-report/complete.json"),
        1 => include_str!("../../tests/fixtures/inspection-checklist/complete.json"),
        2 => include_str!("../../tests/fixtures/security-checkup/complete.json"),
        3 => include_str!("../../tests/fixtures/risk-register/complete.json"),
        _ => include_str!("../../tests/fixtures/campaign-statistics/complete.json"),
    };
    json::parse(text, 64).get("data").cloned().unwrap_or(Value::Null)
}

/// A fixed moment plus `hours`, for clocks read when the options give no `now`.
pub fn clock_at(base_iso: &str, hours: i64) -> Instant {
    let base = Instant::parse_iso(base_iso).unwrap_or(Instant { unix_ms: 0 });
    Instant { unix_ms: base.unix_ms + hours * 3_600_000 }
}

/// Checks that `text` is one well-formed JSON value (what the drop-in hands to `JSON.parse`).
pub fn assert_json(text: &str, what: &str) {
    if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
        panic!("{what} is not valid JSON ({e}): {text}");
    }
}

/// Takes bytes one at a time; zero once the input runs out.
pub struct Bytes<'a> {
    data: &'a [u8],
}

impl<'a> Bytes<'a> {
    /// Reads `data` from its start.
    pub fn new(data: &'a [u8]) -> Bytes<'a> {
        Bytes { data }
    }

    /// The next byte, or `None` at the end.
    pub fn next(&mut self) -> Option<u8> {
        let (first, rest) = self.data.split_first()?;
        self.data = rest;
        Some(*first)
    }

    /// The next byte, or 0 at the end.
    pub fn byte(&mut self) -> u8 {
        self.next().unwrap_or(0)
    }

    /// What has not been read.
    pub fn rest(&self) -> &'a [u8] {
        self.data
    }
}
