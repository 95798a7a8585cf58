// Writes the hostile corpus, tests/hostile/cases/<kind>.json, deterministically (run it again and
// git shows no change): `node tests/hostile/generate.mjs`. The expectations beside it
// (tests/hostile/expect/<kind>.json) are NOT written here: the native engine records them
// (`HOSTILE_RECORD=1 cargo test --test hostile`), and tests/hostile.rs, tests/pkg/hostile.test.mjs
// and tests/e2e/hostile.test.mjs compare every case with them. See tests/hostile/README.md.
import { readFileSync, writeFileSync } from "node:fs";

const KINDS = ["daily-report", "inspection-checklist", "security-checkup", "risk-register", "campaign-statistics"];
const fixture = (kind) => JSON.parse(readFileSync(new URL(`../fixtures/${kind}/complete.json`, import.meta.url), "utf8"));

// ---- every field of every kind (CONTRACT.md's ids), rows at index 0 ----
const WENZHOU = ["school_buildings", "gas", "campus_security", "fire", "traffic", "food_hygiene", "laboratory", "surroundings"];
const CATEGORIES = [...WENZHOU, "relocation", "staff_pay", "admission", "mental_health", "mental_disorder_person", "drug_user", "released_prisoner", "revenge_threat", "other"];
const NINE = ["helmet", "shield", "stab_vest", "cut_gloves", "baton", "flashlight", "spray", "steel_fork"];
const FIELDS = {
  "daily-report": ["unit", "report_date", "filled_by", "reviewed_by", "leader", ...WENZHOU.flatMap((c) => ["found", "fixed", "unfixed", "measures"].map((f) => `rows.${c}.${f}`))],
  "inspection-checklist": [
    "school", "principal", "address", "phone", "boarding",
    "campuses[0].name", "campuses[0].headcount", "campuses[0].guards", "campuses[0].boarding",
    ...Array.from({ length: 18 }, (_, i) => `items.${i + 1}`), ...NINE.map((s) => `items.9.${s}`),
    "on_duty", ...NINE.map((s) => `equipment.${s}`), "video_retention_days", "clock_error_seconds", "fault_restore_hours",
    "inspection_date", "inspectors", "signatory", "rectification_deadline",
  ],
  "security-checkup": [
    "unit", "report_date", "school", "police_station", "location", "closed_management", "alarm_linked", "video_linked", "anti_ramming", "alarm_button", "guard_post",
    "guards[0].name", "guards[0].licensed", "guards[0].age", "guards[0].id_number",
  ],
  "risk-register": [
    "unit", "report_date", "inspected_by", "signed_by",
    ...["police_station", "description", "place", "category", "found_on", "measures", "responsible", "deadline", "supervisor", "status", "completed_on", "interim_measures"].map((f) => `rows[0].${f}`),
  ],
  "campaign-statistics": [
    "unit", "report_date", "schools_inspected", "risks_found", "risks_done", "risks_in_progress", "risks_overdue",
    ...CATEGORIES.flatMap((c) => ["found", "done", "in_progress", "overdue"].map((f) => `by_category.${c}.${f}`)),
  ],
};

/** "rows[0].description" → ["rows", 0, "description"]; "items.9.helmet" → ["items", "9", "helmet"]. */
const steps = (path) => path.split(".").flatMap((p) => { const m = /^(.*)\[(\d+)\]$/.exec(p); return m ? [m[1], Number(m[2])] : [p]; });

// ---- hostile values: [label, value]; markers ($number, $repeat, $deep…) are expanded by each runner ----
const num = (text) => ({ $number: text });
const rep = (s, times) => ({ $repeat: s, times });
/** Given to every field of every kind. */
const EVERY_FIELD = [
  ["2^53+1", num("9007199254740993")],
  ["-2^53-1", num("-9007199254740993")],
  ["1e309 (Infinity in JS)", num("1e309")],
  ["-1e309", num("-1e309")],
  ["'NaN'", "NaN"],
  ["'Infinity'", "Infinity"],
  ["1e21", 1e21],
  ["true", true],
  ["false", false],
  ["[]", []],
  ["['1']", ["1"]],
  ["{}", {}],
  ["{__proto__}", JSON.parse('{"__proto__": {"polluted": 1}, "value": "1"}')],
  ["null", null],
  ["lone high surrogate", "\ud800"],
  ["lone low surrogate", "1\udc00"],
  ["NUL", "1\u00002"],
  ["bidi override", "\u202e12\u202c"],
  ["zero-width", "\u200b\u200d\ufeff"],
  ["full-width digits", "１２３"],
  ["malformed date", "2021-02-30"],
  ["img onerror", "<img src=x onerror=alert(1)>"],
  ["template injection", "{{constructor.constructor('alert(1)')()}}"],
  ["100 KB", rep("a", 102400)],
  ["'__proto__'", "__proto__"],
];
/** Given to the first, a count, a date and a row field of each kind (the rest is the same class). */
const SOME_FIELDS = [
  ["-0", num("-0")],
  ["1e-400", num("1e-400")],
  ["0.1+0.2", 0.1 + 0.2],
  ["5e-324", 5e-324],
  ["1.7976931348623157e308", 1.7976931348623157e308],
  ["'1e3'", "1e3"],
  ["'0x10'", "0x10"],
  ["'1,00'", "1,00"],
  ["'-9999999999999999999'", "-9999999999999999999"],
  ["'99999999999999999999999'", "99999999999999999999999"],
  ["'+7'", "+7"],
  ["'constructor'", "constructor"],
  ["'prototype'", "prototype"],
  ["{constructor: {prototype}}", { constructor: { prototype: { polluted: 1 } } }],
  ["NUL only", "\u0000"],
  ["C0 controls", "\u0001\u0007\u001b\u007f"],
  ["lone surrogates reversed", "\udc00\ud800x"],
  ["astral emoji", "😀👨‍👩‍👧"],
  ["ideographic space", "\u3000"],
  ["tabs and newlines", "\t\n\r"],
  ["isolates", "\u2066１\u2069"],
  ["soft hyphen", "1\u00ad2"],
  ["full-width minus", "－１"],
  ["full-width decimal", "１２．５"],
  ["full-width date", "２０２１年６月２２日"],
  ["year 0", "0000-01-01"],
  ["year 99999", "99999-01-01"],
  ["month 13", "2021-13-01"],
  ["date with time", "2021-06-22T25:61:00+08:00"],
  ["2021/6/31", "2021/6/31"],
  ["script tag", "<script>alert(1)</script>"],
  ["javascript: url", "javascript:alert(1)"],
  ["svg onload", "\"><svg onload=alert(1)>"],
  ["SQL", "'; DROP TABLE forms; --"],
  ["format string", "%s%n{0}{}$1"],
  ["是", "是"],
  ["YES", "YES"],
  ["array of objects", [{ a: 1 }, { b: [2] }]],
  ["nested 40 arrays", { $deepArray: 40 }],
  ["nested 100000 arrays", { $deepArray: 100000 }],
  ["nested 100000 objects", { $deep: 100000, key: "value" }],
  ["1 MB of full-width digits", rep("１", 1 << 20)],
  ["10 MB", rep("a", 10 << 20)],
];

const cases = {};
for (const kind of KINDS) cases[kind] = [{ name: "base", data: { $base: [] } }];
const add = (kind, name, data, options) => cases[kind].push(options === undefined ? { name, data } : { name, options, data });
const set = (path, value) => ({ $base: [[steps(path), value]] });

for (const kind of KINDS) {
  const fields = FIELDS[kind];
  for (const field of fields) for (const [label, value] of EVERY_FIELD) add(kind, `${field} = ${label}`, set(field, value));
  const sample = [fields[0], fields.find((f) => /found|headcount|on_duty|age|schools_inspected/.test(f)), fields.find((f) => /date|found_on/.test(f)), fields.find((f) => f.includes("["))].filter(Boolean);
  for (const field of new Set(sample)) for (const [label, value] of SOME_FIELDS) add(kind, `${field} = ${label}`, set(field, value));
}

// ---- the shape of the data itself ----
const group = { "daily-report": "rows", "inspection-checklist": "campuses", "security-checkup": "guards", "risk-register": "rows", "campaign-statistics": "by_category" };
const distinctRow = {
  "daily-report": { found: "1", fixed: "1" },
  "inspection-checklist": { name: "校区{i}", headcount: "{i}", guards: "1" },
  "security-checkup": { name: "保安{i}", licensed: "是", age: "40" },
  "risk-register": { police_station: "城东派出所", description: "隐患{i}", place: "地点{i}", category: "other", found_on: "2019-09-02", measures: "整改", responsible: "王", deadline: "2019-09-30", supervisor: "李", status: "done", completed_on: "2019-09-18" },
  "campaign-statistics": { found: 1, done: 1, in_progress: 0, overdue: 0 },
};
for (const kind of KINDS) {
  for (const [label, data] of [["null", null], ["number", 42], ["string", "<img src=x onerror=alert(1)>"], ["array", []], ["true", true], ["array of forms", [{ unit: "x" }]], ["{}", {}]]) {
    add(kind, `data = ${label}`, data);
  }
  const g = group[kind];
  add(kind, "top-level __proto__", { $base: [[["__proto__"], { polluted: 1, unit: "x" }], [["__proto__", "rows"], []]] });
  add(kind, "top-level constructor.prototype", { $base: [[["constructor"], { prototype: { polluted: 1 } }], [["prototype"], { polluted: 1 }]] });
  add(kind, "only __proto__ keys", JSON.parse('{"__proto__": {"unit": "x", "rows": [{"description": "y"}]}, "constructor": {"prototype": {"polluted": 1}}}'));
  const row = g === "rows" && kind === "daily-report" || g === "by_category" ? [g] : [g, 0];
  add(kind, `${row.join(".")}.__proto__`, { $base: [[[...row, "__proto__"], { polluted: 1, found: "1", description: "x" }]] });
  add(kind, `${row.join(".")}.constructor`, { $base: [[[...row, "constructor"], { prototype: { polluted: 1 } }]] });
  add(kind, `${g} = {__proto__: row}`, { $base: [[[g], JSON.parse('{"__proto__": {"found": "1", "description": "x"}}')]] });
  add(kind, `${g} = [{__proto__: row}]`, { $base: [[[g], [JSON.parse('{"__proto__": {"name": "x", "description": "x", "found": "1"}, "constructor": "y"}')]]] });
  add(kind, `${g} = 10,001 rows`, { $base: [[[g], { $rows: 10001, item: distinctRow[kind] }]] });
  add(kind, `${g} = 10,001 object keys`, { $base: [[[g], { $keys: 10001, value: distinctRow[kind] }]] });
  add(kind, `${g} = 100 rows`, { $base: [[[g], { $rows: 100, item: distinctRow[kind] }]] });
  add(kind, `${g} = '<script>'`, { $base: [[[g], "<script>alert(1)</script>"]] });
  add(kind, "400,001 junk keys", { $base: [[["junk"], { $keys: 400001, value: 1 }]] });
  add(kind, "200,000 junk keys", { $base: [[["junk"], { $keys: 200000, value: "x" }]] });
  add(kind, "data nested 100000 objects", { $deep: 100000, key: g });
  add(kind, "data nested 33 objects", { $deep: 33, key: g });
  add(kind, "data nested 32 objects", { $deep: 32, key: g });
  add(kind, "junk nested 100000 arrays", { $base: [[["junk"], { $deepArray: 100000 }]] });
  add(kind, "17 MB string (input_too_large)", { $base: [[["junk"], rep("a", 17 << 20)]] });
  add(kind, "17 MB of NUL escapes", { $base: [[["junk"], rep("\u0000", 3 << 20)]] });
  add(kind, "every header field 10 MB", { $base: FIELDS[kind].filter((f) => !/[.[]/.test(f)).slice(0, 2).map((f) => [steps(f), rep("x", 5 << 20)]) });
  add(kind, "dotted keys at top level", { $base: [[[FIELDS[kind][FIELDS[kind].length - 1]], "<img src=x onerror=alert(1)>"], [["rows.fire.found"], num("1e309")]] });
  add(kind, "every field the template injection", { $base: FIELDS[kind].map((f) => [steps(f), "{{constructor.constructor('alert(1)')()}}"]) });
  add(kind, "every field a lone surrogate", { $base: FIELDS[kind].map((f) => [steps(f), "\udfff"]) });
  add(kind, "every field an object", { $base: FIELDS[kind].map((f) => [steps(f), { toString: "1", valueOf: 1 }]) });
  add(kind, "every field 2^53+1", { $base: FIELDS[kind].map((f) => [steps(f), num("9007199254740993")]) });
  // options: a portal profile carrying prototype keys is misuse (unknown keys); nothing may be polluted.
  const base = fixture(kind);
  const profile = (extra) => ({ ...base.options, profile: { id: "portal", extends: base.options.profile, ...extra } });
  add(kind, "profile with __proto__", { $base: [] }, { ...base.options, profile: JSON.parse(`{"id": "portal", "extends": "${base.options.profile}", "__proto__": {"polluted": 1}}`) });
  add(kind, "profile with constructor.prototype", { $base: [] }, profile({ constructor: { prototype: { polluted: 1 } } }));
  add(kind, "profile.severities.__proto__", { $base: [] }, profile({ severities: JSON.parse('{"__proto__": {"required": "off"}}') }));
  add(kind, "profile.severities = {constructor: off}", { $base: [] }, profile({ severities: { constructor: "off" } }));
  add(kind, "profile id __proto__", { $base: [] }, { ...base.options, profile: "__proto__" });
  add(kind, "profile id <img>", { $base: [] }, { ...base.options, profile: "<img src=x onerror=alert(1)>" });
  add(kind, "profile title <script>", { $base: [] }, profile({ title: { "zh-CN": "<script>alert(1)</script>", en: "\ud800" } }));
  add(kind, "locale __proto__", { $base: [] }, { ...base.options, locale: "__proto__" });
  add(kind, "now NaN", { $base: [] }, { ...base.options, now: "NaN" });
  add(kind, "previous = {__proto__}", { $base: [] }, { ...base.options, previous: JSON.parse('{"__proto__": {"rows": {"fire": {"found": 99}}}}') });
}

// ---- a few more per kind where the rules meet hostile text ----
add("security-checkup", "guards[0].id_number = full-width ID", set("guards[0].id_number", "３２０１０２１９７００１０１１２３３"));
add("security-checkup", "guards[0].id_number = ID with zero-width", set("guards[0].id_number", "3201021970\u200b01011233"));
add("security-checkup", "guards[0].id_number = lower x", set("guards[0].id_number", "11010519491231002x"));
add("security-checkup", "guards[0].id_number = 18 NULs", set("guards[0].id_number", "\u0000".repeat(18)));
add("risk-register", "duplicate rows differing by bidi marks", { $base: [[["rows", 1, "description"], "\u202e校门口无硬质防冲撞设施\u202c"], [["rows", 1, "place"], "南\u200b门"]] });
add("risk-register", "duplicate rows differing by full width", { $base: [[["rows", 1, "description"], "校门口无硬质防冲撞设施"], [["rows", 1, "place"], "南门　"]] });
add("daily-report", "previous report 2^53+1", { $base: [] }, { ...fixture("daily-report").options, previous: { rows: { fire: { found: num("9007199254740993") } } } });

for (const kind of KINDS) {
  const names = new Set();
  for (const c of cases[kind]) {
    if (names.has(c.name)) throw new Error(`duplicate case name ${kind}: ${c.name}`);
    names.add(c.name);
  }
  const base = fixture(kind);
  const text = `{"kind":${JSON.stringify(kind)},\n"base":${JSON.stringify({ options: base.options, data: base.data })},\n"cases":[\n${cases[kind].map((c) => JSON.stringify(c)).join(",\n")}\n]}\n`;
  writeFileSync(new URL(`cases/${kind}.json`, import.meta.url), text);
  console.log(`${kind}: ${cases[kind].length} cases`);
}
