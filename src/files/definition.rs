//! A form variant written in Excel or WPS in XLSForm's manner, turned into the JSON definition the
//! engine compiles (`ssf define form.xlsx`; docs/definitions.md). Sheets `survey` (表单), `choices`
//! (选项), `params` (参数), `rules` (规则), `settings` (设置) and `codes` (代码), each with a header row of English
//! or Chinese column titles. Every mistake names its sheet, row and column (`survey!F7`), those the
//! compiler finds in the definition too: each field remembers the row it came from.

use super::layout::cell_name;
use crate::base::date::Date;
use crate::define::{self, DefinitionError};
use calamine::{Data, Range, Reader, Xlsx};
use serde_json::{json, Map, Value};
use std::io::Cursor;

/// A column title in English (XLSForm's) or Chinese, and the key it fills.
const SURVEY: &[(&[&str], &str)] = &[
    (&["type", "类型"], "type"),
    (&["name", "字段", "字段名"], "id"),
    (&["label", "label::zh", "标签", "名称"], "label"),
    (&["label::en", "英文标签"], "label_en"),
    (&["required", "必填"], "required"),
    (&["required_code", "必填代码"], "required_code"),
    (&["required_args", "必填参数"], "required_args"),
    (&["constraint", "约束"], "constraint"),
    (&["code", "constraint_code", "代码", "约束代码"], "code"),
    (&["args", "constraint_args", "提示参数", "约束参数"], "args"),
    (&["severity", "级别"], "severity"),
    (&["calculate", "计算"], "calculate"),
    (&["calculate_code", "计算代码"], "calculate_code"),
    (&["max_length", "最长", "最多字数"], "max_length"),
    (&["max", "最大", "最大值"], "max"),
    (&["checks", "检查"], "checks"),
    (&["personal", "个人信息"], "personal"),
    (&["echo", "回显"], "echo"),
    (&["rows", "行", "行来源"], "rows"),
    (&["unique", "唯一", "不得重复"], "unique"),
    (&["unique_code", "重复代码"], "unique_code"),
    (&["relevant", "有效条件"], "relevant"),
    (&["rollup", "汇总"], "rollup"),
];
const CHOICES: &[(&[&str], &str)] = &[
    (&["list_name", "选项表"], "list"),
    (&["name", "值", "编号"], "id"),
    (&["label", "label::zh", "标签", "名称"], "zh"),
    (&["label::en", "英文标签"], "en"),
];
const PARAMS: &[(&[&str], &str)] = &[
    (&["name", "参数", "参数名"], "name"),
    (&["value", "值", "编号"], "value"),
    (&["label", "label::zh", "标签", "名称"], "zh"),
    (&["label::en", "英文标签"], "en"),
];
const RULES: &[(&[&str], &str)] = &[
    (&["field", "name", "字段"], "field"),
    (&["each", "逐行"], "each"),
    (&["constraint", "约束"], "constraint"),
    (&["code", "代码"], "code"),
    (&["args", "提示参数"], "args"),
    (&["severity", "级别"], "severity"),
];
const CODES: &[(&[&str], &str)] = &[
    (&["code", "代码"], "code"),
    (&["message", "message::zh", "提示", "中文提示"], "zh"),
    (&["message::en", "英文提示"], "en"),
    (&["severity", "级别"], "severity"),
];
const SETTINGS: &[(&[&str], &str)] = &[
    (&["form_id", "表单编号"], "id"),
    (&["form_title", "title", "标题"], "title"),
    (&["form_title::en", "title::en", "英文标题"], "title_en"),
    (&["source", "来源"], "source"),
    (&["based_on", "基于"], "based_on"),
];

/// One sheet read: its name, the header's keys with their column, and the rows below.
struct Sheet {
    name: String,
    columns: Vec<(String, u32)>,
    /// (1-based row number, cells by key).
    rows: Vec<(u32, Map<String, Value>)>,
}

impl Sheet {
    fn cell(&self, row: u32, key: &str) -> String {
        let col = self.columns.iter().find(|(k, _)| k == key).map_or(0, |c| c.1);
        format!("{}!{}", self.name, cell_name(row.saturating_sub(1), u16::try_from(col).unwrap_or(u16::MAX)))
    }
}

fn text(d: &Data) -> Option<Value> {
    match d {
        Data::Empty => None,
        Data::String(s) if s.trim().is_empty() => None,
        Data::String(s) => Some(Value::String(s.trim().to_owned())),
        // Excel keeps every number as a float: 1 is 1, not 1.0.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(json!(*f as i64)),
        Data::Float(f) => Some(json!(f)),
        Data::DateTime(d) => Some(Value::String(excel_date(d.as_f64()))),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Some(Value::String(s.clone())),
        Data::Int(i) => Some(json!(i)),
        Data::Bool(b) => Some(json!(b)),
        other => Some(Value::String(other.to_string())),
    }
}

/// A cell Excel or WPS turned into a date or time (an officer types 2021-06-21 or 16:00) as the
/// text the definition takes: `2021-06-21`, `16:00`, or both. Excel counts days from 1899-12-30.
fn excel_date(serial: f64) -> String {
    let days = serial.floor();
    let minutes = ((serial - days) * 24.0 * 60.0).round() as i64;
    let time = format!("{:02}:{:02}", minutes / 60 % 24, minutes % 60);
    if days == 0.0 {
        return time;
    }
    let mut date = String::new();
    Date::from_days_since_epoch(days as i64 - 25_569).push_iso(&mut date);
    if minutes == 0 {
        date
    } else {
        format!("{date} {time}")
    }
}

/// Reads one sheet (found by any of its names) with its header row; an unknown title is a mistake.
fn sheet(book: &mut Xlsx<Cursor<&[u8]>>, names: &[&str], titles: &[(&[&str], &str)]) -> Result<Option<Sheet>, String> {
    let Some(name) = book.sheet_names().into_iter().find(|n| names.contains(&n.trim())) else { return Ok(None) };
    let range: Range<Data> = book.worksheet_range(&name).map_err(|e| format!("{name}: {e}"))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows = range.rows();
    let mut columns = Vec::new();
    if let Some(header) = rows.next() {
        for (i, d) in header.iter().enumerate() {
            let Some(Value::String(title)) = text(d) else { continue };
            let col = left + i as u32;
            let key = titles.iter().find(|(t, _)| t.iter().any(|t| t.eq_ignore_ascii_case(&title))).map(|(_, k)| *k);
            let key = key.ok_or_else(|| {
                let known: Vec<String> = titles.iter().map(|(t, _)| t.join(" / ")).collect();
                format!(
                    "{name}!{}: unknown column title \"{title}\" (the columns: {})",
                    cell_name(top, u16::try_from(col).unwrap_or(u16::MAX)),
                    known.join("; ")
                )
            })?;
            columns.push((key.to_owned(), i as u32));
        }
    }
    let mut out = Vec::new();
    for (n, row) in rows.enumerate() {
        // A value under a column without a title would be dropped: say so instead.
        let stray =
            row.iter().enumerate().find(|(i, d)| text(d).is_some() && !columns.iter().any(|(_, c)| *c as usize == *i));
        if let Some((i, _)) = stray {
            let col = u16::try_from(left + i as u32).unwrap_or(u16::MAX);
            return Err(format!(
                "{name}!{}: a value under a column without a title",
                cell_name(top + 1 + n as u32, col)
            ));
        }
        let mut cells = Map::new();
        for (key, i) in &columns {
            if let Some(v) = row.get(*i as usize).and_then(text) {
                cells.insert(key.clone(), v);
            }
        }
        if !cells.is_empty() {
            out.push((top + 2 + n as u32, cells));
        }
    }
    let columns = columns.into_iter().map(|(k, i)| (k, left + i)).collect();
    Ok(Some(Sheet { name, columns, rows: out }))
}

fn string(cells: &Map<String, Value>, key: &str) -> Option<String> {
    match cells.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn yes(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "yes" | "true" | "是" | "必填" | "1" => Some(true),
        "no" | "false" | "否" | "" | "0" => Some(false),
        _ => None,
    }
}

/// Splits a list cell (`args`, `checks`): `;`, `；` or a line break between items.
fn list(s: &str) -> Vec<Value> {
    s.split([';', '；', '\n']).map(str::trim).filter(|x| !x.is_empty()).map(|x| json!(x)).collect()
}

/// A table or repeated group being read: its own keys, its columns so far, its `begin` row, and
/// its index among the fields.
struct Table {
    head: Map<String, Value>,
    columns: Vec<Value>,
    row: u32,
    index: usize,
    /// `begin repeat` (rows the officer adds) rather than `begin table` (rows from a list).
    repeat: bool,
}

/// Where each definition key came from: a key path prefix, and its sheet row.
struct Places {
    entries: Vec<(String, usize, u32)>,
}

/// The JSON definition of the workbook in `bytes`, or the mistakes found, each naming its cell.
pub fn definition(file: &str, bytes: &[u8]) -> Result<Value, String> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("{file}: not an .xlsx workbook ({e})"))?;
    let survey = sheet(&mut book, &["survey", "表单"], SURVEY)?
        .ok_or_else(|| format!("{file}: no sheet named survey (表单)"))?;
    let choices = sheet(&mut book, &["choices", "选项"], CHOICES)?;
    let params = sheet(&mut book, &["params", "参数"], PARAMS)?;
    let rules = sheet(&mut book, &["rules", "规则"], RULES)?;
    let settings = sheet(&mut book, &["settings", "设置"], SETTINGS)?;
    let codes = sheet(&mut book, &["codes", "代码"], CODES)?;
    let known =
        ["survey", "表单", "choices", "选项", "params", "参数", "rules", "规则", "settings", "设置", "codes", "代码"];
    if let Some(other) = book.sheet_names().into_iter().find(|n| !known.contains(&n.trim())) {
        // A misspelt sheet would lose its rules without a word.
        return Err(format!(
            "{file}: unknown sheet \"{other}\" (the sheets: survey / 表单, choices / 选项, params / 参数, rules / 规则, settings / 设置, codes / 代码)"
        ));
    }
    let sheets = [Some(&survey), choices.as_ref(), params.as_ref(), rules.as_ref(), settings.as_ref(), codes.as_ref()];
    let mut places = Places { entries: Vec::new() };

    let mut def = Map::new();
    let first = settings.as_ref().and_then(|s| s.rows.first());
    let setting = |key: &str| first.and_then(|(_, c)| string(c, key));
    // The id names the form to the drop-in and its drafts: two variants must not share one by default.
    let id = setting("id").ok_or_else(|| match (&settings, first) {
        (Some(s), Some((row, _))) => format!("{}: the form's id is missing", s.cell(*row, "id")),
        _ => format!("{file}: no settings (设置) sheet with the form's id (form_id / 表单编号) below its title"),
    })?;
    if let Some((row, _)) = first {
        places.entries.push(("id".into(), 4, *row));
        places.entries.push(("title".into(), 4, *row));
    }
    def.insert("id".into(), json!(id));
    let title = setting("title").unwrap_or_default();
    def.insert("title".into(), json!({"zh": title, "en": setting("title_en").unwrap_or_default()}));
    if let Some(source) = setting("source") {
        def.insert("source".into(), json!(source));
    }
    if let Some(kind) = setting("based_on") {
        places.entries.push(("based_on".into(), 4, first.map_or(0, |(row, _)| *row)));
        def.insert("based_on".into(), json!(kind));
    }

    let mut lists: Map<String, Value> = Map::new();
    for (row, c) in choices.iter().flat_map(|s| &s.rows) {
        let (Some(list), Some(id)) = (string(c, "list"), string(c, "id")) else {
            let at = choices.as_ref().map_or_else(String::new, |s| s.cell(*row, "list"));
            return Err(format!("{at}: a choice needs its list (list_name / 选项表) and its value (name / 值)"));
        };
        let item = json!({"id": id, "zh": string(c, "zh").unwrap_or_else(|| id.clone()), "en": string(c, "en").unwrap_or_default()});
        if let Some(items) = lists.entry(list).or_insert_with(|| json!([])).as_array_mut() {
            items.push(item);
        }
    }
    def.insert("choices".into(), Value::Object(lists));

    let mut ps = Map::new();
    for (row, c) in params.iter().flat_map(|s| &s.rows) {
        let (Some(name), Some(_)) = (string(c, "name"), c.get("value")) else {
            let at = params.as_ref().map_or_else(String::new, |s| s.cell(*row, "name"));
            return Err(format!("{at}: a parameter needs its name (name / 参数名) and its value (value / 值)"));
        };
        // A list's items are params.name[i]; a single value is params.name.
        let index = ps.get(&name).and_then(Value::as_array).map_or(0, Vec::len);
        let key = if string(c, "zh").is_some() { format!("params.{name}[{index}]") } else { format!("params.{name}") };
        places.entries.push((key, 2, *row));
        match (c.get("value"), string(c, "zh")) {
            // A labelled value is one item of a list parameter (the categories).
            (Some(_), Some(zh)) => {
                let item = json!({"id": string(c, "value").unwrap_or_default(), "zh": zh, "en": string(c, "en").unwrap_or_default()});
                if let Some(items) = ps.entry(name).or_insert_with(|| json!([])).as_array_mut() {
                    items.push(item);
                }
            }
            (Some(Value::String(s)), None) => {
                ps.insert(
                    name,
                    yes(s)
                        .filter(|_| matches!(s.to_lowercase().as_str(), "true" | "false" | "yes" | "no" | "是" | "否"))
                        .map_or(json!(s), |b| json!(b)),
                );
            }
            (Some(v), None) => {
                ps.insert(name, v.clone());
            }
            (None, _) => {}
        }
    }
    def.insert("params".into(), Value::Object(ps));

    // The survey: fields, and tables or groups between `begin …` and `end …`.
    let mut fields: Vec<Value> = Vec::new();
    let mut open: Option<Table> = None;
    for (row, c) in &survey.rows {
        let ty = string(c, "type").unwrap_or_default();
        let at = |key: &str| survey.cell(*row, key);
        let words: Vec<&str> = ty.split_whitespace().collect();
        match words.as_slice() {
            ["begin", "table" | "repeat"] | ["begin_table" | "begin_repeat"] | ["开始表格" | "开始重复"] => {
                if open.is_some() {
                    return Err(format!("{}: a table or group cannot begin inside another", at("type")));
                }
                let mut head = Map::new();
                head.insert("id".into(), json!(string(c, "id").unwrap_or_default()));
                head.insert("label".into(), json!({"zh": string(c, "label").unwrap_or_default(), "en": string(c, "label_en").unwrap_or_default()}));
                let repeat = ty.contains("repeat") || ty.contains("重复");
                // A repeat's key; on a table the compiler refuses it at this row.
                if let Some(u) = string(c, "unique") {
                    head.insert("unique".into(), Value::Array(list(&u)));
                }
                if let Some(code) = string(c, "unique_code") {
                    head.insert("unique_code".into(), json!(code));
                }
                // Which of a repeat's rows count (a spare row does not).
                if let Some(relevant) = string(c, "relevant") {
                    head.insert("relevant".into(), json!(relevant));
                }
                // Columns roll up one by one; the compiler refuses it on the table, at this row.
                if let Some(rollup) = string(c, "rollup") {
                    head.insert("rollup".into(), json!(english("rollup", rollup)));
                }
                match (string(c, "rows"), repeat) {
                    (Some(rows), false) => {
                        head.insert("rows".into(), json!(rows));
                    }
                    (None, true) => {}
                    (None, false) => {
                        return Err(format!("{}: a table's rows come from a list: $param.categories", at("rows")));
                    }
                    (Some(_), true) => {
                        return Err(format!("{}: a repeat's rows are added by the person filling it in; use begin table for rows from a list", at("rows")));
                    }
                }
                places.entries.push((format!("fields[{}]", fields.len()), 0, *row));
                open = Some(Table { head, columns: Vec::new(), row: *row, index: fields.len(), repeat });
            }
            ["end", "table" | "repeat"] | ["end_table" | "end_repeat"] | ["结束表格" | "结束重复"] => {
                let Some(Table { mut head, columns, row: begun, repeat, .. }) = open.take() else {
                    return Err(format!("{}: an end without its begin", at("type")));
                };
                if repeat != (ty.contains("repeat") || ty.contains("重复")) {
                    return Err(format!(
                        "{}: \"{ty}\" closes the {} begun at {}",
                        at("type"),
                        if repeat { "repeat" } else { "table" },
                        survey.cell(begun, "type")
                    ));
                }
                head.insert("columns".into(), Value::Array(columns));
                fields.push(Value::Object(head));
            }
            _ => {
                let prefix = match &open {
                    Some(table) => format!("fields[{}].columns[{}]", table.index, table.columns.len()),
                    None => format!("fields[{}]", fields.len()),
                };
                places.entries.push((prefix, 0, *row));
                let field = survey_field(c, &ty, &at)?;
                match &mut open {
                    Some(table) => table.columns.push(field),
                    None => fields.push(field),
                }
            }
        }
    }
    if let Some(Table { row, .. }) = open {
        return Err(format!("{}: a table or group begun here has no end", survey.cell(row, "type")));
    }
    def.insert("fields".into(), Value::Array(fields));

    let mut rs = Vec::new();
    for (row, c) in rules.iter().flat_map(|s| &s.rows) {
        places.entries.push((format!("rules[{}]", rs.len()), 3, *row));
        let mut r = Map::new();
        for key in ["field", "each", "constraint", "code", "severity"] {
            if let Some(v) = string(c, key).map(|v| english(key, v)) {
                r.insert(key.into(), json!(v));
            }
        }
        if let Some(args) = string(c, "args") {
            r.insert("args".into(), Value::Array(list(&args)));
        }
        rs.push(Value::Object(r));
    }
    def.insert("rules".into(), Value::Array(rs));

    // The form's own issue codes, a row each: the code, its messages, its severity.
    let mut own = Map::new();
    for (row, c) in codes.iter().flat_map(|s| &s.rows) {
        let Some(name) = string(c, "code") else {
            let at = codes.as_ref().map_or_else(String::new, |s| s.cell(*row, "code"));
            return Err(format!("{at}: a code row needs its code (code / 代码)"));
        };
        places.entries.push((format!("codes.{name}"), 5, *row));
        if own.len() == define::MAX_OWN_CODES {
            // The first code past the limit is where the limit's mistake is shown.
            places.entries.push(("codes".into(), 5, *row));
        }
        let mut spec = Map::new();
        for key in ["zh", "en", "severity"] {
            if let Some(v) = string(c, key).map(|v| english(key, v)) {
                spec.insert(key.into(), json!(v));
            }
        }
        spec.entry("zh").or_insert_with(|| json!(""));
        if own.insert(name.clone(), Value::Object(spec)).is_some() {
            let at = codes.as_ref().map_or_else(String::new, |s| s.cell(*row, "code"));
            return Err(format!("{at}: the code \"{name}\" is declared twice"));
        }
    }
    if !own.is_empty() {
        def.insert("codes".into(), Value::Object(own));
    }

    let def = Value::Object(def);
    define::from_json(&def.to_string()).map_err(|e| place(file, &e, &places, &sheets))?;
    Ok(def)
}

/// A severity written in Chinese (错误, 警告) as the definition spells it; any other value as written.
fn english(key: &str, value: String) -> String {
    match (key, value.as_str()) {
        ("severity", "错误") => "error".into(),
        ("severity", "警告") => "warning".into(),
        ("rollup", "合计" | "求和") => "sum".into(),
        ("rollup", "汇集" | "列出") => "join".into(),
        ("rollup", "学校" | "单位") => "school".into(),
        ("rollup", "日期" | "期次") => "period".into(),
        _ => value,
    }
}

/// One survey row as a field of the definition.
fn survey_field(c: &Map<String, Value>, ty: &str, at: &dyn Fn(&str) -> String) -> Result<Value, String> {
    let mut f = Map::new();
    f.insert("id".into(), json!(string(c, "id").unwrap_or_default()));
    f.insert(
        "label".into(),
        json!({"zh": string(c, "label").unwrap_or_default(), "en": string(c, "label_en").unwrap_or_default()}),
    );
    let words: Vec<&str> = ty.split_whitespace().collect();
    match words.as_slice() {
        ["select_one" | "choice" | "单选", list] => {
            f.insert("type".into(), json!("choice"));
            f.insert("choices".into(), json!(list));
        }
        [one] => {
            f.insert("type".into(), json!(one));
        }
        _ => {
            return Err(format!(
                "{}: \"{ty}\" is not a type (text, count, decimal, date, select_one <list>…)",
                at("type")
            ))
        }
    }
    if let Some(r) = string(c, "required") {
        f.insert("required".into(), yes(&r).map_or(json!(r), |b| json!(b)));
    }
    for key in [
        "required_code",
        "constraint",
        "code",
        "severity",
        "calculate",
        "calculate_code",
        "unique_code",
        "relevant",
        "rollup",
    ] {
        if let Some(v) = string(c, key).map(|v| english(key, v)) {
            f.insert(key.into(), json!(v));
        }
    }
    for key in ["required_args", "args", "checks", "unique"] {
        if let Some(v) = string(c, key) {
            f.insert(key.into(), Value::Array(list(&v)));
        }
    }
    if let Some(v) = c.get("max_length") {
        let n = v.as_f64().or_else(|| v.as_str().and_then(|s| s.parse().ok()));
        let n = n
            .filter(|n| *n >= 0.0 && n.fract() == 0.0)
            .ok_or_else(|| format!("{}: max_length is a whole number", at("max_length")))?;
        f.insert("max_length".into(), json!(n as u64));
    }
    if let Some(v) = c.get("max") {
        let n = v.as_f64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()));
        let n = n.filter(|n| *n >= 0.0).ok_or_else(|| format!("{}: max is a number, from 0", at("max")))?;
        f.insert("max".into(), json!(n));
    }
    if let Some(e) = string(c, "echo") {
        let echo = yes(&e).ok_or_else(|| format!("{}: echo is 是/否 (yes/no), not \"{e}\"", at("echo")))?;
        f.insert("echo".into(), json!(echo));
    }
    if let Some(p) = string(c, "personal") {
        // A resident ID left out of plain-text drafts by mistake must not pass as "no".
        let personal = yes(&p).ok_or_else(|| format!("{}: personal is 是/否 (yes/no), not \"{p}\"", at("personal")))?;
        f.insert("personal".into(), json!(personal));
    }
    Ok(Value::Object(f))
}

/// A compiler's mistake at its key path, as the cell it came from: the longest recorded prefix
/// gives the row, the key after it the column.
fn place(file: &str, e: &DefinitionError, places: &Places, sheets: &[Option<&Sheet>; 6]) -> String {
    let best = places
        .entries
        .iter()
        .filter(|(prefix, _, _)| {
            e.at == *prefix || e.at.starts_with(&format!("{prefix}.")) || e.at.starts_with(&format!("{prefix}["))
        })
        .max_by_key(|(prefix, _, _)| prefix.len());
    let Some((prefix, sheet, row)) = best else { return format!("{file}: {e}") };
    let Some(Some(sheet)) = sheets.get(*sheet) else { return format!("{file}: {e}") };
    let rest = e.at.get(prefix.len()..).unwrap_or("").trim_start_matches('.');
    let key = rest.split(['.', '[']).next().unwrap_or("");
    let key = match key {
        "label" => "label",
        // A setting is named by its own key (`based_on`), a row by its type.
        "" if sheet.columns.iter().any(|(k, _)| k == prefix) => prefix.as_str(),
        "" => "type",
        k => k,
    };
    let key = if sheet.name == "params" || sheet.name == "参数" { "value" } else { key };
    let key = if sheet.columns.iter().any(|(k, _)| k == key) {
        key
    } else {
        sheet.columns.first().map_or("type", |c| c.0.as_str())
    };
    format!("{}: {} ({})", sheet.cell(*row, key), e.message, e.code)
}
