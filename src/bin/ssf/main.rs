//! `ssf`: the engine on the command line, for a district office's files and for backends in any
//! language (JSON in, JSON out). The same rules as the WebAssembly module, run natively.
//!
//!   ssf check   --kind daily-report [--profile ID] [--now TIME] [--json] FILE...
//!   ssf roll-up --kind daily-report [--profile ID] [--now TIME] [--unit NAME] [--out FILE.json|.csv] FILE...
//!
//! FILE is a portal's JSON export (a report, an array of reports, or `{ data, submitted_at }`) or
//! a CSV with a header row of field ids or official titles; `-` reads JSON from standard input.
//! `check` exits with status 1 when any report has an error, 2 when a file or an option cannot be
//! used. Many files are read and checked on every core.

mod input;

use clap::{Parser, Subcommand};
use input::{FileError, Source};
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::Value;
use school_safety_forms::engine::report::{FieldSpec, Report};
use school_safety_forms::{aggregate_at, describe, system_now as clock, validate_at};
use serde_json::{json, Value as Json};
use std::io::{Read, Write};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "ssf", version, about = "School-safety forms: check schools' reports and roll them up")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Form {
    /// The form: daily-report, risk-register, security-checkup, inspection-checklist, campaign-statistics.
    #[arg(long)]
    kind: String,
    /// The issuer's profile id (see `profiles()`), or a profile as a JSON file.
    #[arg(long)]
    profile: Option<String>,
    /// The time reports are judged at (ISO 8601); this computer's clock when not given.
    #[arg(long)]
    now: Option<String>,
    /// Messages in English instead of Chinese.
    #[arg(long)]
    en: bool,
    /// Files to read (`-`: JSON on standard input).
    #[arg(required = true)]
    files: Vec<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Checks every report; prints each one's issues (a table, or JSON with --json).
    Check {
        #[command(flatten)]
        form: Form,
        /// JSON on standard output: one `{file, item, valid, issues, computed}` per report.
        #[arg(long)]
        json: bool,
    },
    /// Rolls the reports up into the district's (daily reports summed, check-ups' rates, the
    /// campaign statistics from risk registers).
    RollUp {
        #[command(flatten)]
        form: Form,
        /// The district's own unit name.
        #[arg(long)]
        unit: Option<String>,
        /// Where to write the roll-up: .json, or .csv (path, title, value); standard output if not given (JSON).
        #[arg(long)]
        out: Option<String>,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("ssf: {message}");
            ExitCode::from(2)
        }
    }
}

/// The engine's options as the form flags give them.
fn options(form: &Form, unit: Option<&String>) -> Result<Value, String> {
    let mut o = serde_json::Map::new();
    if let Some(p) = &form.profile {
        let profile = if p.ends_with(".json") {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"))?;
            serde_json::from_str(&text).map_err(|e| format!("{p}: not JSON ({e})"))?
        } else {
            Json::String(p.clone())
        };
        o.insert("profile".into(), profile);
    }
    if let Some(now) = &form.now {
        o.insert("now".into(), Json::String(now.clone()));
    }
    if form.en {
        o.insert("locale".into(), Json::String("en".into()));
    }
    if let Some(u) = unit {
        o.insert("unit".into(), Json::String(u.clone()));
    }
    to_value(&Json::Object(o))
}

fn to_value(json: &Json) -> Result<Value, String> {
    serde_json::from_value(json.clone()).map_err(|e| e.to_string())
}

/// Every report of every file, files read on every core.
fn sources(form: &Form, fields: &[FieldSpec]) -> Result<Vec<Source>, String> {
    let read = |file: &String| -> Result<Vec<Source>, FileError> {
        let text = if file == "-" {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s).map_err(|e| FileError(format!("standard input: {e}")))?;
            s
        } else {
            std::fs::read_to_string(file).map_err(|e| FileError(format!("{file}: {e}")))?
        };
        input::read(file, &text, fields)
    };
    let per_file = parallel(&form.files, read);
    let mut out = Vec::new();
    for result in per_file {
        out.extend(result.map_err(|FileError(m)| m)?);
    }
    Ok(out)
}

/// `f` over `items` on every core, results in the items' order.
fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len().max(1));
    let chunk = items.len().div_ceil(cores).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            items.chunks(chunk).map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>())).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    })
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check { form, json } => check(&form, json),
        Command::RollUp { form, unit, out } => roll_up(&form, unit.as_ref(), out.as_deref()),
    }
}

fn report_json(report: &Report) -> Json {
    serde_json::from_str(&report.to_json()).unwrap_or(Json::Null)
}

fn check(form: &Form, as_json: bool) -> Result<ExitCode, String> {
    let options = options(form, None)?;
    let fields = describe(&form.kind, options.get("profile").unwrap_or(&Value::Null)).map_err(|e| e.to_string())?;
    let sources = sources(form, &fields)?;
    // Options are checked once, before the reports (a mistake there is the caller's).
    validate_at(&form.kind, &Value::Null, &options, clock).map_err(|e| e.to_string())?;
    let now = clock();
    let results = parallel(&sources, |s| {
        // A report as received is judged at its arrival, as a roll-up judges it.
        let received = s.report.get("data").zip(s.report.get("submitted_at").and_then(Json::as_str));
        let (data, at) = match received {
            Some((data, at)) => (data, Instant::parse_iso(at)),
            None => (&s.report, None),
        };
        let value = to_value(data).unwrap_or(Value::Null);
        validate_at(&form.kind, &value, &options, || at.unwrap_or(now)).map(|r| report_json(&r)).unwrap_or(Json::Null)
    });
    let mut any_error = false;
    let mut out = std::io::stdout().lock();
    let mut listed = Vec::new();
    for (s, r) in sources.iter().zip(results) {
        let valid = r.get("valid").and_then(Json::as_bool).unwrap_or(false);
        any_error |= !valid;
        if as_json {
            listed.push(json!({"file": s.file, "item": s.item, "valid": valid, "issues": r.get("issues"), "computed": r.get("computed")}));
            continue;
        }
        for issue in r.get("issues").and_then(Json::as_array).into_iter().flatten() {
            let field = |k: &str| issue.get(k).and_then(Json::as_str).unwrap_or("").to_owned();
            let line = format!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                s.file,
                s.item,
                field("severity"),
                field("path"),
                field("code"),
                field("message")
            );
            writeln!(out, "{line}").map_err(|e| e.to_string())?;
        }
    }
    if as_json {
        writeln!(out, "{}", Json::Array(listed)).map_err(|e| e.to_string())?;
    } else {
        let errors = if any_error { "errors stand" } else { "no errors" };
        eprintln!("ssf: {} report(s) checked, {errors}", sources.len());
    }
    Ok(if any_error { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn roll_up(form: &Form, unit: Option<&String>, out: Option<&str>) -> Result<ExitCode, String> {
    let options = options(form, unit)?;
    let fields = describe(&form.kind, options.get("profile").unwrap_or(&Value::Null)).map_err(|e| e.to_string())?;
    let sources = sources(form, &fields)?;
    let reports = Json::Array(sources.into_iter().map(|s| s.report).collect());
    let agg = aggregate_at(&form.kind, &to_value(&reports)?, &options, clock).map_err(|e| e.to_string())?;
    match out {
        Some(path) if path.to_ascii_lowercase().ends_with(".csv") => {
            // The district's figures, a line each with the official title where the form has one.
            let titled = if form.kind == "risk-register" { "campaign-statistics" } else { form.kind.as_str() };
            let titles = describe(titled, options.get("profile").unwrap_or(&Value::Null)).unwrap_or_default();
            let mut w = csv::Writer::from_path(path).map_err(|e| format!("{path}: {e}"))?;
            w.write_record(["path", "title", "value"]).map_err(|e| e.to_string())?;
            let mut lines = Vec::new();
            flatten("", &agg.data, &mut lines);
            // Then the figures the engine computed that the data does not hold (totals, rates).
            for (path, figure) in &agg.computed {
                if !lines.iter().any(|(p, _)| p == path) {
                    let text = serde_json::to_value(figure).map_or(String::new(), |v| match v {
                        Json::Null => String::new(),
                        Json::Number(n) if n.as_f64().is_some_and(|x| x.fract() == 0.0) => {
                            format!("{}", n.as_f64().unwrap_or(0.0) as i64)
                        }
                        other => other.to_string(),
                    });
                    lines.push((path.clone(), text));
                }
            }
            for (path, value) in lines {
                let title = titles.iter().find(|f| f.path == path).map_or("", |f| f.label.zh.as_str());
                w.write_record([path.as_str(), title, value.as_str()]).map_err(|e| e.to_string())?;
            }
            w.flush().map_err(|e| e.to_string())?;
        }
        Some(path) => {
            let json = serde_json::to_string(&agg).map_err(|e| e.to_string())?;
            std::fs::write(path, format!("{json}\n")).map_err(|e| format!("{path}: {e}"))?;
        }
        None => println!("{}", serde_json::to_string(&agg).map_err(|e| e.to_string())?),
    }
    Ok(if agg.valid { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `(path, value)` of every leaf in the data's own order, `null` as an empty cell.
fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    let join = |k: &str| if prefix.is_empty() { k.to_owned() } else { format!("{prefix}.{k}") };
    match value {
        Value::Map(entries) => entries.iter().for_each(|(k, v)| flatten(&join(k), v, out)),
        Value::List(items) => items.iter().enumerate().for_each(|(i, v)| flatten(&format!("{prefix}[{i}]"), v, out)),
        Value::Null | Value::Cut => out.push((prefix.to_owned(), String::new())),
        Value::Text(s) => out.push((prefix.to_owned(), s.clone())),
        Value::Bool(b) => out.push((prefix.to_owned(), b.to_string())),
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
            out.push((prefix.to_owned(), format!("{}", *n as i64)))
        }
        Value::Number(n) => out.push((prefix.to_owned(), n.to_string())),
    }
}
