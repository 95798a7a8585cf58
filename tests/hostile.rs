//! The hostile corpus (tests/hostile/cases/*.json, written by tests/hostile/generate.mjs) run
//! natively. Each case is expanded into the exact JSON text JavaScript's `JSON.stringify` would
//! hand the engine from the wasm binding, validated through the same path (`validate_json_at`, the
//! options through `json::parse`), and compared with tests/hostile/expect/<kind>.json.
//! `HOSTILE_RECORD=1 cargo test --test hostile` records those expectations instead (the native
//! engine is the oracle); tests/pkg/hostile.test.mjs and tests/e2e/hostile.test.mjs compare the
//! release pkg/ in Node and in Chromium with the same files. See tests/hostile/README.md.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use school_safety_forms::base::date::Instant;
use school_safety_forms::base::limits::MAX_DEPTH;
use school_safety_forms::Validator;
use serde_json::{json, Map, Value as Json};
use std::fmt::Write as _;
use std::path::PathBuf;

const KINDS: [&str; 5] =
    ["daily-report", "inspection-checklist", "security-checkup", "risk-register", "campaign-statistics"];

/// JSON kept as its text: strings and numbers are the file's own tokens (the generator wrote them
/// with `JSON.stringify`, so they are already what JavaScript would write), objects keep their
/// order. Expanded markers become `Text`, already serialised (the 100,000-deep ones included).
#[derive(Clone, Debug)]
enum J {
    Obj(Vec<(String, J)>),
    Arr(Vec<J>),
    Raw(String),
    Text(String),
}

struct Parser<'a> {
    s: &'a [u8],
    t: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while matches!(self.s.get(self.i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }
    fn value(&mut self) -> J {
        self.ws();
        match self.s[self.i] {
            b'{' => {
                self.i += 1;
                let mut entries = Vec::new();
                loop {
                    self.ws();
                    if self.s[self.i] == b'}' {
                        self.i += 1;
                        return J::Obj(entries);
                    }
                    if self.s[self.i] == b',' {
                        self.i += 1;
                        self.ws();
                    }
                    let key = self.string();
                    self.ws();
                    assert_eq!(self.s[self.i], b':');
                    self.i += 1;
                    let v = self.value();
                    entries.push((key, v));
                }
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.ws();
                    match self.s[self.i] {
                        b']' => {
                            self.i += 1;
                            return J::Arr(items);
                        }
                        b',' => self.i += 1,
                        _ => items.push(self.value()),
                    }
                }
            }
            b'"' => J::Raw(self.string()),
            _ => {
                let start = self.i;
                while !matches!(self.s.get(self.i), None | Some(b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')) {
                    self.i += 1;
                }
                J::Raw(self.t[start..self.i].to_owned())
            }
        }
    }
    /// A string token, quotes and escapes as written.
    fn string(&mut self) -> String {
        let start = self.i;
        assert_eq!(self.s[self.i], b'"');
        self.i += 1;
        while self.s[self.i] != b'"' {
            self.i += if self.s[self.i] == b'\\' { 2 } else { 1 };
        }
        self.i += 1;
        self.t[start..self.i].to_owned()
    }
}

fn parse(text: &str) -> J {
    Parser { s: text.as_bytes(), t: text, i: 0 }.value()
}

fn write(j: &J, out: &mut String) {
    match j {
        J::Raw(t) | J::Text(t) => out.push_str(t),
        J::Arr(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        J::Obj(entries) => {
            out.push('{');
            for (n, (k, v)) in entries.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                out.push_str(k);
                out.push(':');
                write(v, out);
            }
            out.push('}');
        }
    }
}

fn text(j: &J) -> String {
    let mut out = String::new();
    write(j, &mut out);
    out
}

/// A plain value (no lone surrogates) as serde_json, for numbers and marker arguments.
fn plain(j: &J) -> Json {
    serde_json::from_str(&text(j)).unwrap()
}

fn get<'a>(j: &'a J, key: &str) -> Option<&'a J> {
    let token = serde_json::to_string(key).unwrap();
    match j {
        J::Obj(entries) => entries.iter().find(|(k, _)| *k == token).map(|(_, v)| v),
        _ => None,
    }
}

/// `Number(text)` then `JSON.stringify` of it, as JavaScript does (ECMA-262 Number::toString).
fn js_number(text: &str) -> String {
    let x: f64 = text.trim().parse().unwrap();
    if !x.is_finite() {
        return "null".into();
    }
    if x == 0.0 {
        return "0".into();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let e = format!("{:e}", x.abs()); // shortest round-trip digits: "9.007199254740992e15"
    let (mantissa, exp) = e.split_once('e').unwrap();
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i32;
    let n = exp.parse::<i32>().unwrap() + 1;
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let rest = if k > 1 { format!(".{}", &digits[1..]) } else { String::new() };
        format!("{}{rest}e{}{}", &digits[..1], if n > 0 { "+" } else { "-" }, (n - 1).abs())
    };
    format!("{sign}{body}")
}

/// Replaces `{i}` in string tokens, as a `$rows` / `$keys` item is numbered.
fn numbered(j: &J, i: usize) -> J {
    match j {
        J::Raw(t) if t.starts_with('"') => J::Raw(t.replace("{i}", &i.to_string())),
        J::Arr(items) => J::Arr(items.iter().map(|x| numbered(x, i)).collect()),
        J::Obj(entries) => J::Obj(entries.iter().map(|(k, v)| (k.clone(), numbered(v, i))).collect()),
        other => other.clone(),
    }
}

fn count(j: &J, key: &str) -> usize {
    plain(get(j, key).unwrap()).as_u64().unwrap() as usize
}

/// Expands the markers of tests/hostile/README.md (as tests/hostile/expand.mjs does).
fn expand(j: &J) -> J {
    match j {
        J::Arr(items) => J::Arr(items.iter().map(expand).collect()),
        J::Obj(entries) => {
            let first = entries.first().map(|(k, _)| k.as_str()).unwrap_or("");
            match first {
                "\"$number\"" => J::Text(js_number(plain(&entries[0].1).as_str().unwrap())),
                "\"$repeat\"" => {
                    let J::Raw(s) = &entries[0].1 else { panic!("$repeat of a string") };
                    let inner = &s[1..s.len() - 1];
                    J::Text(format!("\"{}\"", inner.repeat(count(j, "times"))))
                }
                "\"$deep\"" => {
                    let (n, key) = (count(j, "$deep"), get(j, "key").map(text).unwrap());
                    J::Text(format!("{}{{}}{}", format!("{{{key}:").repeat(n - 1), "}".repeat(n - 1)))
                }
                "\"$deepArray\"" => {
                    let n = count(j, "$deepArray");
                    J::Text(format!("{}{}", "[".repeat(n), "]".repeat(n)))
                }
                "\"$rows\"" => {
                    let item = get(j, "item").unwrap();
                    let rows: Vec<String> = (0..count(j, "$rows")).map(|i| text(&expand(&numbered(item, i)))).collect();
                    J::Text(format!("[{}]", rows.join(",")))
                }
                "\"$keys\"" => {
                    let value = get(j, "value").unwrap();
                    let mut out = String::from("{");
                    for i in 0..count(j, "$keys") {
                        if i > 0 {
                            out.push(',');
                        }
                        write!(out, "\"k{i}\":{}", text(&expand(&numbered(value, i)))).unwrap();
                    }
                    out.push('}');
                    J::Text(out)
                }
                _ => J::Obj(entries.iter().map(|(k, v)| (k.clone(), expand(v))).collect()),
            }
        }
        other => other.clone(),
    }
}

/// An array index key ("0", "17"): JavaScript objects list these first, ascending.
fn index_key(token: &str) -> Option<u64> {
    let s = &token[1..token.len() - 1];
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0')))
        .then(|| s.parse().ok())
        .flatten()
}

/// Sets an own property as JavaScript would (a new index key sorted among the index keys).
fn put(entries: &mut Vec<(String, J)>, key: String, v: J) -> usize {
    if let Some(n) = entries.iter().position(|(k, _)| *k == key) {
        entries[n].1 = v;
        return n;
    }
    let at = match index_key(&key) {
        Some(i) => entries.iter().position(|(k, _)| index_key(k).map_or(true, |j| j > i)).unwrap_or(entries.len()),
        None => entries.len(),
    };
    entries.insert(at, (key, v));
    at
}

fn set(at: &mut J, steps: &[J], value: J) {
    let (step, rest) = steps.split_first().unwrap();
    match (at, step) {
        (J::Arr(items), J::Raw(n)) if !n.starts_with('"') => {
            let n: usize = n.parse().unwrap();
            while items.len() <= n {
                items.push(J::Raw("null".into()));
            }
            if rest.is_empty() {
                items[n] = value;
            } else {
                if !matches!(items[n], J::Obj(_) | J::Arr(_)) {
                    items[n] = J::Obj(Vec::new());
                }
                set(&mut items[n], rest, value);
            }
        }
        (J::Obj(entries), J::Raw(key)) => {
            if rest.is_empty() {
                put(entries, key.clone(), value);
            } else {
                let n = match entries.iter().position(|(k, v)| k == key && matches!(v, J::Obj(_) | J::Arr(_))) {
                    Some(n) => n,
                    None => put(entries, key.clone(), J::Obj(Vec::new())),
                };
                set(&mut entries[n].1, rest, value);
            }
        }
        (at, step) => panic!("cannot set {step:?} in {at:?}"),
    }
}

fn expand_data(data: &J, base: &J) -> String {
    match data {
        J::Obj(entries) if entries.first().is_some_and(|(k, _)| k == "\"$base\"") => {
            let mut out = expand(base);
            let J::Arr(sets) = &entries[0].1 else { panic!("$base takes a list") };
            for s in sets {
                let J::Arr(pair) = s else { panic!("[steps, value]") };
                let J::Arr(steps) = &pair[0] else { panic!("steps") };
                set(&mut out, steps, expand(&pair[1]));
            }
            text(&out)
        }
        other => text(&expand(other)),
    }
}

/// What one case gives, in the shape recorded: `{throws}` or `{valid, issues, computed}`.
fn run(kind: &str, options: &str, data: &str) -> Json {
    let options = school_safety_forms::input::json::parse(options, MAX_DEPTH + 1);
    let validator = match Validator::new(kind, &options) {
        Ok(v) => v,
        Err(e) => return json!({ "throws": e.to_string() }),
    };
    let report = validator.validate_json_at(data, || Instant { unix_ms: 1_624_347_600_000 });
    let result: Json = serde_json::from_str(&report.to_json()).expect("the engine writes JSON");
    let mut issues = Map::new();
    for issue in result["issues"].as_array().unwrap() {
        let codes = issues.entry(issue["path"].as_str().unwrap()).or_insert_with(|| json!([]));
        codes.as_array_mut().unwrap().push(issue["code"].clone());
        assert!(!issue["message"].as_str().unwrap().is_empty());
    }
    json!({ "valid": result["valid"], "issues": issues, "computed": result["computed"] })
}

/// Equal JSON, numbers compared by value (`12` and `12.0` are the same number).
fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
        (Json::Array(x), Json::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// The recorded form of a result: computed values as changes from the base case's.
fn recorded(got: &Json, base: &Json) -> Json {
    if got.get("throws").is_some() {
        return got.clone();
    }
    let empty = Map::new();
    let base = base["computed"].as_object().unwrap_or(&empty);
    let computed = got["computed"].as_object().unwrap();
    let changed: Map<String, Json> = computed
        .iter()
        .filter(|(k, v)| !base.get(*k).is_some_and(|b| same(b, v)))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let removed: Vec<&String> = base.keys().filter(|k| !computed.contains_key(*k)).collect();
    let mut out = json!({ "valid": got["valid"], "issues": got["issues"], "computed": changed });
    if !removed.is_empty() {
        out["computed_removed"] = json!(removed);
    }
    out
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

#[test]
fn every_hostile_case_gives_its_recorded_result() {
    let record = std::env::var_os("HOSTILE_RECORD").is_some();
    let mut failures = Vec::new();
    let mut total = 0;
    for kind in KINDS {
        let file = parse(&std::fs::read_to_string(dir().join(format!("cases/{kind}.json"))).unwrap());
        let base = get(&file, "base").unwrap();
        let (base_options, base_data) = (get(base, "options").unwrap(), get(base, "data").unwrap());
        let J::Arr(cases) = get(&file, "cases").unwrap() else { panic!("cases") };
        let expect_path = dir().join(format!("expect/{kind}.json"));
        let expect: Map<String, Json> = if record {
            Map::new()
        } else {
            serde_json::from_str(&std::fs::read_to_string(&expect_path).unwrap()).unwrap()
        };
        let mut lines = Vec::new();
        let mut base_result = Json::Null;
        for case in cases {
            let name = plain(get(case, "name").unwrap()).as_str().unwrap().to_owned();
            let options = text(&expand(get(case, "options").unwrap_or(base_options)));
            let data = expand_data(get(case, "data").unwrap(), base_data);
            let got = run(kind, &options, &data);
            if name == "base" {
                base_result = got.clone();
                assert_eq!(got["valid"], json!(true), "{kind}: the base form is valid");
            }
            let got = if name == "base" { got } else { recorded(&got, &base_result) };
            if record {
                lines.push(format!(
                    "{}: {}",
                    serde_json::to_string(&name).unwrap(),
                    serde_json::to_string(&got).unwrap()
                ));
            } else {
                match expect.get(&name) {
                    Some(want) if same(want, &got) => {}
                    want => failures.push(format!("{kind} / {name}:\n  expected {want:?}\n  got      {got}")),
                }
            }
            total += 1;
        }
        if record {
            std::fs::write(&expect_path, format!("{{\n{}\n}}\n", lines.join(",\n"))).unwrap();
        } else {
            assert_eq!(expect.len(), cases.len(), "{kind}: one expectation per case");
        }
    }
    assert!(total >= 1000, "{total} cases");
    assert!(failures.is_empty(), "{} of {total} cases differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn js_number_formatting_follows_ecma_262() {
    for (input, js) in [
        ("9007199254740993", "9007199254740992"),
        ("1e309", "null"),
        ("-0", "0"),
        ("1e-400", "0"),
        ("1e21", "1e+21"),
        ("123456789012345680000", "123456789012345680000"),
        ("0.1", "0.1"),
        ("0.000001", "0.000001"),
        ("0.0000001", "1e-7"),
        ("-1.5e-10", "-1.5e-10"),
        ("5e-324", "5e-324"),
        ("1.7976931348623157e308", "1.7976931348623157e+308"),
        ("12.5", "12.5"),
    ] {
        assert_eq!(js_number(input), js, "{input}");
    }
}
