//! One guard entered twice in the security check-up (issue 20: "duplicate 身份证号 among guards is a
//! warning, as duplicate hazards are"). Seed 004 (/work/shared/seeds/004_4c23429c738e4a75.txt)
//! counts guards person by person: "城市中小学专职保安员配备率达到100%"; "特别要督促学校按标准配备
//! 专职治安保卫人员 … 保安员必须持证上岗，原则上年龄不高于50周岁"; and the form is "各校安防措施情况由
//! 学校、派出所共同填写《中小学幼儿园安防体检表》（附件1）". A resident ID names one person (GB 11643),
//! so two rows with one ID are one guard counted twice: a warning (`duplicate_resident_id`) at each
//! row's `guards[i].id_number`, naming the first other row with that ID (第N行), never an error
//! (the officer may be half-way through correcting a row).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::value;
use school_safety_forms::base::date::Instant;
use school_safety_forms::base::value::{Scalar, Value};
use school_safety_forms::engine::report::{Changes, RenderedIssue, Report};
use school_safety_forms::engine::session::Session;
use school_safety_forms::{session, validate_at};
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;

const NOW: &str = "2019-09-25T10:00:00+08:00";
const JIANGSU: &str = "jiangsu-2019";
const CODE: &str = "duplicate_resident_id";

use common::resident_id as id;

/// A valid ID of someone born in 1980 whose check character is X.
fn id_with_x() -> String {
    (100..1000).map(|serial| id(&format!("32010219800101{serial}"))).find(|i| i.ends_with('X')).unwrap()
}

fn full_width(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() { char::from_u32(c as u32 + 0xFEE0).unwrap() } else { c }).collect()
}

fn guard(name: &str, id_number: &str) -> Json {
    json!({"name": name, "licensed": "是", "id_number": id_number})
}

use common::checkup;

fn check_with(guards: Vec<Json>, options: Json) -> Report {
    validate_at("security-checkup", &value(checkup(guards)), &value(options), || Instant { unix_ms: 0 }).unwrap()
}

fn check(guards: Vec<Json>) -> Report {
    check_with(guards, json!({"profile": JIANGSU, "now": NOW}))
}

/// The duplicate messages, row by row (`None` where a row has none).
fn duplicates(r: &Report, rows: usize) -> Vec<Option<String>> {
    (0..rows)
        .map(|i| {
            let path = format!("guards[{i}].id_number");
            r.issues.iter().find(|x| x.path == path && x.code == CODE).map(|x| x.message.clone())
        })
        .collect()
}

fn names(row: usize) -> Option<String> {
    Some(format!("身份证号码与第{row}行保安员相同，同一人请勿重复填报"))
}

/// n − 1, n, n + 1 around "two rows hold one ID": one row with it, two, three.
#[test]
fn one_two_and_three_rows_with_one_id() {
    let a = id("32010219800101123");
    let r = check(vec![guard("张三", &a), guard("李四", &id("32010219810202123"))]);
    assert_eq!(duplicates(&r, 2), [None, None]);
    assert!(r.valid);

    let r = check(vec![guard("张三", &a), guard("张三", &a)]);
    assert_eq!(duplicates(&r, 2), [names(2), names(1)], "each names the other row");
    let issue = r.issues.iter().find(|i| i.code == CODE).unwrap();
    assert_eq!(issue.severity, "warning");
    assert!(r.valid, "a warning never blocks");
    assert_eq!(r.computed("guards_total"), Some(&school_safety_forms::forms::Computed::Count(2)));

    let r =
        check(vec![guard("张三", &a), guard("李四", &id("32010219810202123")), guard("张三", &a), guard("张三", &a)]);
    assert_eq!(duplicates(&r, 4), [names(3), None, names(1), names(1)], "each names the first other row");
}

/// Two IDs one digit apart are two IDs: no duplicate (the changed one fails its check digit, as
/// GB 11643's MOD 11-2 catches any single changed digit); two valid neighbours are two people.
#[test]
fn ids_one_digit_apart_are_not_duplicates() {
    let a = id("32010219800101123");
    let (body, rest) = a.split_at(16);
    let one_off = format!("{body}{}{}", if rest.starts_with('9') { '8' } else { '9' }, &rest[1..]);
    let r = check(vec![guard("张三", &a), guard("李四", &one_off)]);
    assert_eq!(duplicates(&r, 2), [None, None]);
    assert_eq!(r.codes_at("guards[1].id_number"), ["bad_check_digit"]);

    let neighbour = id("32010219800101124");
    let r = check(vec![guard("张三", &a), guard("李四", &neighbour)]);
    assert_eq!(duplicates(&r, 2), [None, None]);
    assert!(r.valid);
}

/// A blank ID is nobody's: two guards without IDs, or one ID and a blank, are no duplicate; a
/// blank spare row among two equal IDs takes no part.
#[test]
fn blank_ids_are_not_duplicates() {
    let a = id("32010219800101123");
    let aged = |name: &str| json!({"name": name, "licensed": "是", "age": "40"});
    let r = check(vec![aged("张三"), aged("李四")]);
    assert_eq!(duplicates(&r, 2), [None, None]);
    let r = check(vec![guard("张三", &a), aged("李四")]);
    assert_eq!(duplicates(&r, 2), [None, None]);
    let r = check(vec![guard("张三", &a), json!({}), guard("张三", &a)]);
    assert_eq!(duplicates(&r, 3), [names(3), None, names(1)]);
}

/// The ID as the resident-ID rule reads it: blanks, full-width digits and a lower-case x folded.
#[test]
fn ids_are_compared_after_normalising() {
    let a = id("32010219800101123");
    let spaced = format!("{} {} {}", &a[..6], &a[6..14], &a[14..]);
    for variant in [full_width(&a), spaced, format!("\u{3000}{a}\u{200B}")] {
        let r = check(vec![guard("张三", &a), guard("张三", &variant)]);
        assert_eq!(duplicates(&r, 2), [names(2), names(1)], "{variant}");
    }
    let x = id_with_x();
    let r = check(vec![guard("张三", &x), guard("张三", &x.to_lowercase())]);
    assert_eq!(duplicates(&r, 2), [names(2), names(1)]);
    let r = check(vec![guard("张三", &full_width(&x.to_lowercase())), guard("张三", &x)]);
    assert_eq!(duplicates(&r, 2), [names(2), names(1)]);
}

/// An invalid ID is not compared (it has its own error): two copies of one wrong number.
#[test]
fn invalid_ids_are_not_compared() {
    let a = id("32010219800101123");
    let wrong = format!("{}{}", &a[..17], if a.ends_with('0') { '1' } else { '0' });
    let r = check(vec![guard("张三", &wrong), guard("张三", &wrong)]);
    assert_eq!(duplicates(&r, 2), [None, None]);
    assert_eq!(r.codes_at("guards[0].id_number"), ["bad_check_digit"]);
}

#[test]
fn english_message_and_profile_severities() {
    let a = id("32010219800101123");
    let r =
        check_with(vec![guard("张三", &a), guard("张三", &a)], json!({"profile": JIANGSU, "now": NOW, "locale": "en"}));
    assert_eq!(
        duplicates(&r, 2)[0].as_deref(),
        Some("Resident ID number is the same as the guard's in row 2: do not enter one person twice")
    );
    let off = json!({"id": "x", "extends": JIANGSU, "severities": {"duplicate_resident_id": "off"}});
    let r = check_with(vec![guard("张三", &a), guard("张三", &a)], json!({"profile": off, "now": NOW}));
    assert_eq!(duplicates(&r, 2), [None, None]);
    let error = json!({"id": "x", "extends": JIANGSU, "severities": {"duplicate_resident_id": "error"}});
    let r = check_with(vec![guard("张三", &a), guard("张三", &a)], json!({"profile": error, "now": NOW}));
    assert!(!r.valid);
}

// ---- the session: an index, and messages that follow the rows ----

fn blank_session() -> Session {
    session("security-checkup", &value(json!({"profile": JIANGSU, "now": NOW})), || Instant { unix_ms: 0 }).unwrap()
}

/// What a client holds after applying every change it was sent: splices first (later rows shift,
/// removed rows' paths go), then each changed path's whole list. Issues by path, in order.
#[derive(Default, Debug)]
struct Client {
    issues: BTreeMap<String, Vec<RenderedIssue>>,
}

/// `group[k].rest` → `(group, k, rest)`.
fn row_path(path: &str) -> Option<(&str, usize, &str)> {
    let (group, rest) = path.split_once('[')?;
    let (k, rest) = rest.split_once(']')?;
    Some((group, k.parse().ok()?, rest))
}

impl Client {
    fn apply(&mut self, changes: &Changes) {
        for splice in &changes.rows {
            let old = std::mem::take(&mut self.issues);
            for (path, mut list) in old {
                let moved = match row_path(&path) {
                    Some((group, k, rest)) if group == splice.group && k >= splice.index => {
                        if k < splice.index + splice.removed {
                            continue;
                        }
                        format!("{group}[{}]{rest}", k + splice.inserted - splice.removed)
                    }
                    _ => path,
                };
                for issue in &mut list {
                    issue.path.clone_from(&moved);
                }
                self.issues.insert(moved, list);
            }
        }
        for (path, list) in &changes.issues {
            if list.is_empty() {
                self.issues.remove(path);
            } else {
                self.issues.insert(path.clone(), list.clone());
            }
        }
    }

    fn from(report: &Report) -> BTreeMap<String, Vec<RenderedIssue>> {
        let mut out: BTreeMap<String, Vec<RenderedIssue>> = BTreeMap::new();
        for issue in &report.issues {
            out.entry(issue.path.clone()).or_default().push(issue.clone());
        }
        out
    }
}

/// Rows move: the messages naming them are sent again, with the other row's new number.
#[test]
fn row_operations_renumber_the_named_row() {
    let a = id("32010219800101123");
    let mut s = blank_session();
    let mut client = Client { issues: Client::from(&s.result()) };
    let rows: Vec<Value> = vec![value(guard("张三", &a)), value(guard("李四", "")), value(guard("张三", &a))];
    client.apply(&s.insert_rows("guards", 0, &rows).unwrap());
    assert_eq!(duplicates(&s.result(), 3), [names(3), None, names(1)]);
    // A row inserted above both: every number moves.
    let changes = s.insert_rows("guards", 0, &[value(guard("王五", ""))]).unwrap();
    client.apply(&changes);
    assert_eq!(duplicates(&s.result(), 4), [None, names(4), None, names(2)]);
    assert_eq!(client.issues, Client::from(&s.result()));
    // The row between them removed.
    client.apply(&s.remove_row("guards", 2).unwrap());
    assert_eq!(duplicates(&s.result(), 3), [None, names(3), names(2)]);
    assert_eq!(client.issues, Client::from(&s.result()));
    // Moved to the top.
    client.apply(&s.move_row("guards", 2, 0).unwrap());
    assert_eq!(duplicates(&s.result(), 3), [names(3), None, names(1)]);
    assert_eq!(client.issues, Client::from(&s.result()));
    // A third copy typed in: the first now names the second row it met.
    client.apply(&s.set("guards[1].id_number", Scalar::Text(full_width(&a))));
    assert_eq!(duplicates(&s.result(), 3), [names(2), names(1), names(1)]);
    assert_eq!(client.issues, Client::from(&s.result()));
    // One copy corrected: the others still pair; then another: nobody is left twice.
    client.apply(&s.set("guards[0].id_number", Scalar::Text(id("32010219810202123"))));
    assert_eq!(duplicates(&s.result(), 3), [None, names(3), names(2)]);
    client.apply(&s.set("guards[2].id_number", Scalar::Text(String::new())));
    assert_eq!(duplicates(&s.result(), 3), [None, None, None]);
    assert_eq!(client.issues, Client::from(&s.result()));
}

/// A keystroke in one row of many touches that row and its twins, not every row.
#[test]
fn a_keystroke_touches_only_the_rows_it_pairs() {
    let mut s = blank_session();
    let rows: Vec<Value> =
        (0..500).map(|i| value(guard(&format!("保安{i}"), &id(&format!("32010219800101{}", i + 100))))).collect();
    s.insert_rows("guards", 0, &rows).unwrap();
    assert!(s.result().issues.iter().all(|i| i.code != CODE));
    let twin = id(&format!("32010219800101{}", 123 + 100));
    let changes = s.set("guards[400].id_number", Scalar::Text(twin));
    let paths: Vec<&str> = changes.issues.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["guards[400].id_number", "guards[123].id_number"]);
    assert_eq!(changes.issues[0].1.iter().find(|i| i.code == CODE).unwrap().message, names(124).unwrap());
    // Typing on in another row touches nothing of theirs.
    let changes = s.set("guards[10].name", Scalar::Text("赵六".into()));
    assert!(changes.issues.iter().all(|(p, _)| p.starts_with("guards[10].")), "{changes:?}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Set(usize, usize),
        Insert(usize, Vec<usize>),
        Remove(usize),
        Move(usize, usize),
        Clock(i64),
    }

    /// ID texts: one person in four spellings, a second person, that one's check digit wrong,
    /// a third, a blank, a birth date in the future that the clock makes valid.
    fn ids() -> Vec<String> {
        let a = id("32010219800101123");
        let x = id_with_x();
        vec![
            a.clone(),
            full_width(&a),
            format!(" {} {}", &a[..9], &a[9..]),
            x.clone(),
            x.to_lowercase(),
            format!("{}{}", &x[..17], '0'),
            id("32010219810202123"),
            String::new(),
            id("32010220190926123"),
        ]
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0usize..6, 0usize..9).prop_map(|(r, v)| Op::Set(r, v)),
            2 => (0usize..6, prop::collection::vec(0usize..9, 1..3)).prop_map(|(at, v)| Op::Insert(at, v)),
            1 => (0usize..6).prop_map(Op::Remove),
            1 => (0usize..6, 0usize..6).prop_map(|(a, b)| Op::Move(a, b)),
            1 => (-2i64..3).prop_map(Op::Clock),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// After any sequence of set, insertRow, removeRow, moveRow and clock moves, the result
        /// equals validate() of the same data, and a client that applied every change holds the
        /// same issues, duplicate messages naming their rows included.
        #[test]
        fn session_result_and_changes_equal_validate(ops in prop::collection::vec(op(), 0..40)) {
            let ids = ids();
            let base = Instant::parse_iso(NOW).unwrap();
            let mut s = blank_session();
            let mut client = Client { issues: Client::from(&s.result()) };
            let mut rows: Vec<serde_json::Map<String, Json>> = Vec::new();
            let mut now = base;
            for op in ops {
                match op {
                    Op::Set(r, v) => {
                        client.apply(&s.set(&format!("guards[{r}].id_number"), Scalar::Text(ids[v].clone())));
                        while rows.len() <= r { rows.push(serde_json::Map::new()); }
                        rows[r].insert("id_number".into(), json!(ids[v]));
                    }
                    Op::Insert(at, vs) => {
                        let at = at.min(rows.len());
                        let new: Vec<Json> = vs.iter().map(|v| guard("张三", &ids[*v])).collect();
                        let values: Vec<Value> = new.iter().map(|r| value(r.clone())).collect();
                        client.apply(&s.insert_rows("guards", at, &values).unwrap());
                        for (i, r) in new.into_iter().enumerate() { rows.insert(at + i, r.as_object().unwrap().clone()); }
                    }
                    Op::Remove(at) => {
                        if at < rows.len() { client.apply(&s.remove_row("guards", at).unwrap()); rows.remove(at); }
                    }
                    Op::Move(a, b) => {
                        if a < rows.len() && b < rows.len() {
                            client.apply(&s.move_row("guards", a, b).unwrap());
                            let r = rows.remove(a);
                            rows.insert(b, r);
                        }
                    }
                    Op::Clock(days) => {
                        now = Instant { unix_ms: base.unix_ms + days * 86_400_000 };
                        client.apply(&s.set_now(now));
                    }
                }
            }
            let result = s.result();
            let data = json!({"guards": rows.into_iter().map(Json::Object).collect::<Vec<_>>()});
            let options = value(json!({"profile": JIANGSU, "now": now.unix_ms as f64}));
            let want = validate_at("security-checkup", &value(data), &options, || now).unwrap();
            prop_assert_eq!(&result.issues, &want.issues);
            prop_assert_eq!(&result.computed, &want.computed);
            prop_assert_eq!(&client.issues, &Client::from(&result));
        }
    }
}
