//! The definition compiler and its forms, natively. The daily report written as a definition
//! (forms/daily-report-wenzhou.json) is held to the built-in daily report on the same data.

use crate::base::value::Value;
use crate::engine::report::Report;
use crate::Validator;

const DAILY: &str = include_str!("../../forms/daily-report-wenzhou.json");

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn issues(r: &Report) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = r.issues.iter().map(|i| (i.path.clone(), i.code.to_string(), i.message.clone())).collect();
    v.sort();
    v
}

fn both(data: &str, now: &str) -> (Report, Report) {
    let options = json(&format!(r#"{{"profile": "zhejiang-wenzhou-2021", "now": "{now}"}}"#));
    let built_in = Validator::new("daily-report", &options).unwrap();
    let defined = Validator::from_definition(DAILY, &options).unwrap();
    let data = json(data);
    let now = crate::base::date::Instant::parse_iso(now).unwrap();
    (built_in.validate_at(&data, || now), defined.validate_at(&data, || now))
}

#[test]
fn the_daily_report_as_a_definition_finds_what_the_built_in_form_finds() {
    for name in ["blank", "complete", "late-and-same-reviewer", "row-errors"] {
        let text = std::fs::read_to_string(format!("tests/fixtures/daily-report/{name}.json")).unwrap();
        let fixture: serde_json::Value = serde_json::from_str(&text).unwrap();
        let data = fixture["data"].to_string();
        let (a, b) = both(&data, "2021-06-22T17:00:00+08:00");
        assert_eq!(issues(&a), issues(&b), "{name}");
        eprintln!(
            "{name}: {} issues, {:?} / {:?}",
            a.issues.len(),
            a.computed.iter().take(6).collect::<Vec<_>>(),
            b.computed.iter().take(6).collect::<Vec<_>>()
        );
        for (path, value) in &b.computed {
            let built = a.computed.iter().find(|(p, _)| p == path).map(|(_, v)| v);
            if *value != crate::check::findings::Computed::Unknown {
                assert_eq!(built, Some(value), "{name}: {path}");
            }
        }
    }
}
