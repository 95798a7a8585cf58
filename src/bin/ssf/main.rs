//! `ssf`: the engine on the command line, for a district office's files and for backends in any
//! language (JSON in, JSON out). The same rules as the WebAssembly module, run natively.
//!
//!   ssf check    --kind daily-report [--profile ID] [--now TIME] [--json] FILE...
//!   ssf roll-up  --kind daily-report [--profile ID] [--now TIME] [--unit NAME] [--out FILE.json|.csv|.xlsx] FILE...
//!   ssf template --kind risk-register --out blank.xlsx [FILE.json...]
//!   ssf define   variant.xlsx [--out variant.json]
//!
//! FILE is a portal's JSON export (a report, an array of reports, or `{ data, submitted_at }`), a
//! CSV with a header row of field ids or official titles, or the form's official template filled
//! in as `.xlsx`; `-` reads JSON from standard input. `check` exits with status 1 when any report
//! has an error, 2 when a file or an option cannot be used. Many files are read and checked on
//! every core. The reading and the tables are `school_safety_forms::files`, which the district
//! page's module shares.

use clap::{Parser, Subcommand};
use school_safety_forms::base::value::Value;
use school_safety_forms::engine::report::FieldSpec;
use school_safety_forms::files;
use school_safety_forms::files::layout::Layout;
use school_safety_forms::files::read::{self as input, FileError, Source};
use school_safety_forms::{aggregate_at, aggregate_defined_at, describe, system_now as clock, validate_at};
use serde_json::Value as Json;
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
    #[arg(long, required_unless_present = "definition")]
    kind: Option<String>,
    /// Instead of a kind, a form variant: its definition (.json, docs/definitions.md) or the
    /// workbook `ssf define` reads (.xlsx). Its reports are read from JSON or CSV (or an .xlsx
    /// laid out by --template), and it rolls up as its fields' `rollup` declare.
    #[arg(long, conflicts_with = "kind")]
    definition: Option<String>,
    /// The issuer's profile id (see `profiles()`), or a profile as a JSON file.
    #[arg(long)]
    profile: Option<String>,
    /// The time reports are judged at (ISO 8601); this computer's clock when not given.
    #[arg(long)]
    now: Option<String>,
    /// Messages in English instead of Chinese.
    #[arg(long)]
    en: bool,
    /// The .xlsx template's layout as a JSON file (forms/templates/*.json shows the shape), for a
    /// variant of the official table; the form's built-in template when not given.
    #[arg(long)]
    template: Option<String>,
    /// Files to read (`-`: JSON on standard input; a folder: its .xlsx, .csv and .json files).
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
        /// Where to write the roll-up: .json; .csv (path, title, value); .xlsx, the official table
        /// (a daily report for daily reports, the 战果统计表 for registers); standard output if not
        /// given (JSON).
        #[arg(long)]
        out: Option<String>,
    },
    /// Writes the form's official template as .xlsx: blank, or filled with each JSON report given
    /// (one workbook each, named after its file, into --out as a folder).
    Template {
        /// The form.
        #[arg(long)]
        kind: String,
        /// The layout as a JSON file instead of the form's built-in one.
        #[arg(long)]
        template: Option<String>,
        /// The .xlsx to write; with reports, the folder to write them into.
        #[arg(long)]
        out: String,
        /// JSON reports to fill the template with.
        files: Vec<String>,
    },
    /// Turns a form variant written as a spreadsheet (sheets survey/表单, choices/选项,
    /// params/参数, rules/规则, settings/设置; docs/definitions.md) into its JSON definition, for
    /// `data-ssf-definition` or `Validator.fromDefinition`; a mistake names its sheet, row and column.
    Define {
        /// The workbook (.xlsx).
        file: String,
        /// The .json to write; standard output if not given.
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

/// The form the reports are of: a built-in kind, or a variant read from its definition.
enum Which {
    Kind(String),
    Defined(Box<school_safety_forms::define::Definition>),
}

impl Which {
    fn of(form: &Form) -> Result<Which, String> {
        let Some(file) = &form.definition else { return Ok(Which::Kind(form.kind.clone().unwrap_or_default())) };
        let text = if file.to_ascii_lowercase().ends_with(".xlsx") {
            let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
            files::definition::definition(file, &bytes)?.to_string()
        } else {
            std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?
        };
        let def = school_safety_forms::define::parse_json(&text).map_err(|e| format!("{file}: {e}"))?;
        Ok(Which::Defined(Box::new(def)))
    }

    /// The kind's name, for what only a built-in kind has (its template, its official roll-up table).
    fn kind(&self) -> Option<&str> {
        match self {
            Which::Kind(k) => Some(k),
            Which::Defined(_) => None,
        }
    }

    fn describe(&self, options: &Value) -> Result<Vec<FieldSpec>, String> {
        match self {
            Which::Kind(k) => describe(k, options.get("profile").unwrap_or(&Value::Null)).map_err(|e| e.to_string()),
            Which::Defined(def) => Ok(self.validator(def, options)?.describe()),
        }
    }

    fn validator(
        &self,
        def: &school_safety_forms::define::Definition,
        options: &Value,
    ) -> Result<school_safety_forms::Validator, String> {
        // The district's own name is the roll-up's option, not the form's.
        let form_options = match options {
            Value::Map(entries) => Value::Map(entries.iter().filter(|(k, _)| k != "unit").cloned().collect()),
            other => other.clone(),
        };
        school_safety_forms::Validator::from_parsed(def.clone(), &form_options).map_err(|e| e.to_string())
    }
}

fn to_value(json: &Json) -> Result<Value, String> {
    serde_json::from_value(json.clone()).map_err(|e| e.to_string())
}

/// The template layout: `--template`'s file, else the form's own.
fn layout(kind: &str, template: Option<&String>) -> Result<Option<Layout>, String> {
    match template {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            Layout::from_json(&text).map(Some).map_err(|e| format!("{path}: {e}"))
        }
        None => Ok(Layout::built_in(kind)),
    }
}

/// Every report of every file, each passed through `then` on the core that read it (checked, or
/// made the engine's value), files read on every core.
fn sources<T: Send>(form: &Form, fields: &[FieldSpec], then: impl Fn(Source) -> T + Sync) -> Result<Vec<T>, String> {
    let template = match &form.kind {
        Some(kind) => layout(kind, form.template.as_ref())?,
        // A variant's workbooks are laid out by the template given; without one it has none.
        None => form.template.as_ref().map(|t| layout("", Some(t))).transpose()?.flatten(),
    };
    let read = |file: &String| -> Result<Vec<T>, FileError> {
        let bytes = if file == "-" {
            let mut s = Vec::new();
            std::io::stdin().read_to_end(&mut s).map_err(|e| FileError(format!("standard input: {e}")))?;
            s
        } else {
            std::fs::read(file).map_err(|e| FileError(format!("{file}: {e}")))?
        };
        Ok(input::read(file, &bytes, fields, template.as_ref())?.into_iter().map(&then).collect::<Vec<T>>())
    };
    let per_file = parallel(&expand(&form.files)?, read);
    let mut out = Vec::new();
    for result in per_file {
        out.extend(result.map_err(|FileError(m)| m)?);
    }
    Ok(out)
}

/// The files named, a folder standing for its .xlsx, .csv and .json files (by name; not Excel's
/// `~$` lock files), as a district keeps its schools' files.
fn expand(files: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for file in files {
        if file != "-" && std::path::Path::new(file).is_dir() {
            let mut inner: Vec<String> = std::fs::read_dir(file)
                .map_err(|e| format!("{file}: {e}"))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let name = p.file_name().map_or(String::new(), |n| n.to_string_lossy().to_lowercase());
                    !name.starts_with("~$") && [".xlsx", ".csv", ".json"].iter().any(|x| name.ends_with(x))
                })
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            inner.sort();
            out.extend(inner);
        } else {
            out.push(file.clone());
        }
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
        Command::Template { kind, template, out, files } => write_templates(&kind, template.as_ref(), &out, &files),
        Command::Define { file, out } => define(&file, out.as_deref()),
    }
}

fn define(file: &str, out: Option<&str>) -> Result<ExitCode, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
    let definition = files::definition::definition(file, &bytes)?;
    let text = serde_json::to_string_pretty(&definition).map_err(|e| e.to_string())? + "\n";
    match out {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("{path}: {e}"))?,
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn check(form: &Form, as_json: bool) -> Result<ExitCode, String> {
    let options = options(form, None)?;
    let which = Which::of(form)?;
    // Options (and a variant's definition) are checked once, before the reports (a mistake there
    // is the caller's).
    let fields = which.describe(&options)?;
    if let Which::Kind(kind) = &which {
        validate_at(kind, &Value::Null, &options, clock).map_err(|e| e.to_string())?;
    }
    let now = clock();
    let checked = |s: &Source| match &which {
        Which::Kind(kind) => files::check(kind, s, &options, now),
        Which::Defined(def) => {
            files::check_by(s, now, |data, at| which.validator(def, &options).ok().map(|v| v.validate_at(data, || at)))
        }
    };
    let results = sources(form, &fields, |s| (s.file.clone(), s.item, checked(&s)))?;
    let count = results.len();
    let mut any_error = false;
    let mut out = std::io::stdout().lock();
    let mut listed = Vec::new();
    for (file, item, r) in results {
        let valid = r.get("valid").and_then(Json::as_bool).unwrap_or(false);
        any_error |= !valid;
        if as_json {
            listed.push(r);
            continue;
        }
        for issue in r.get("issues").and_then(Json::as_array).into_iter().flatten() {
            let field = |k: &str| issue.get(k).and_then(Json::as_str).unwrap_or("").to_owned();
            // Where to correct it: the cell of a table (日报表!B7), else the field's path.
            let place = if field("cell").is_empty() { field("path") } else { field("cell") };
            let line =
                format!("{}\t{}\t{}\t{place}\t{}\t{}", file, item, field("severity"), field("code"), field("message"));
            writeln!(out, "{line}").map_err(|e| e.to_string())?;
        }
    }
    if as_json {
        writeln!(out, "{}", Json::Array(listed)).map_err(|e| e.to_string())?;
    } else {
        let errors = if any_error { "errors stand" } else { "no errors" };
        eprintln!("ssf: {count} report(s) checked, {errors}");
    }
    Ok(if any_error { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn roll_up(form: &Form, unit: Option<&String>, out: Option<&str>) -> Result<ExitCode, String> {
    let options = options(form, unit)?;
    let profile = options.get("profile").unwrap_or(&Value::Null);
    let which = Which::of(form)?;
    let fields = which.describe(&options)?;
    // Each report made the engine's value as soon as it is read, so the district's reports are
    // held once (a thousand registers of 1,000 rows), the file and cells kept for its issues.
    let (reports, sources): (Vec<Value>, Vec<Source>) =
        sources(form, &fields, |mut s| (files::to_value_owned(std::mem::take(&mut s.report)), s))?.into_iter().unzip();
    let agg = match &which {
        Which::Kind(kind) => aggregate_at(kind, &Value::List(reports), &options, clock),
        Which::Defined(def) => aggregate_defined_at((**def).clone(), &Value::List(reports), &options, clock),
    }
    .map_err(|e| e.to_string())?;
    let json = files::roll_up_json(&agg, &sources);
    let write = |path: &str, bytes: &[u8]| std::fs::write(path, bytes).map_err(|e| format!("{path}: {e}"));
    let lines = || match which.kind() {
        Some(kind) => files::roll_up_lines(kind, &json, profile),
        None => files::titled_lines(&fields, &json),
    };
    match out {
        Some(path) if path.to_ascii_lowercase().ends_with(".csv") => {
            write(path, files::csv_text(&lines())?.as_bytes())?
        }
        Some(path) if path.to_ascii_lowercase().ends_with(".xlsx") => match (which.kind(), &form.template) {
            (Some(kind), _) => write(path, &files::roll_up_xlsx(kind, &json, profile)?)?,
            // A variant's roll-up is written into the template given, else as its lines.
            (None, Some(t)) => {
                let layout = layout("", Some(t))?.ok_or_else(|| format!("{t}: no layout"))?;
                let cells = |k: &str| json.get(k).cloned().unwrap_or(Json::Null);
                write(path, &files::xlsx::write(&layout, &cells("data"), &cells("computed"))?)?
            }
            (None, None) => write(path, &files::xlsx::write_lines("汇总", &lines())?)?,
        },
        Some(path) => write(path, format!("{json}\n").as_bytes())?,
        None => println!("{json}"),
    }
    Ok(if agg.valid { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `ssf template`: the blank template, or each JSON report written into it.
fn write_templates(kind: &str, template: Option<&String>, out: &str, reports: &[String]) -> Result<ExitCode, String> {
    let layout = layout(kind, template)?.ok_or_else(|| format!("{kind} has no .xlsx template"))?;
    if reports.is_empty() {
        let bytes = files::xlsx::write(&layout, &Json::Null, &Json::Null)?;
        std::fs::write(out, bytes).map_err(|e| format!("{out}: {e}"))?;
        return Ok(ExitCode::SUCCESS);
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{out}: {e}"))?;
    let written = parallel(reports, |file| -> Result<(), String> {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
        let json: Json = serde_json::from_str(&text).map_err(|e| format!("{file}: not JSON ({e})"))?;
        // A report as received is written as its data.
        let data = json.get("data").filter(|_| json.get("submitted_at").is_some()).unwrap_or(&json);
        let stem = std::path::Path::new(file).file_stem().map_or_else(|| "report".into(), |s| s.to_string_lossy());
        let bytes = files::xlsx::write(&layout, data, &Json::Null)?;
        let path = std::path::Path::new(out).join(format!("{stem}.xlsx"));
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    });
    written.into_iter().collect::<Result<Vec<()>, String>>()?;
    Ok(ExitCode::SUCCESS)
}
