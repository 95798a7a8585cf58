// The positional crossing (js/pack.js) through the release pkg/: data the binding packs gives the
// same result as the same data read as it is. The oracle: data behind a `toJSON`, which js/pack.js
// never packs, so the engine reads `JSON.stringify(data)`. tests/packed.rs holds the reader to the
// object form natively; this holds js/pack.js, in the pkg as portals get it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { initSync, validate, Validator } from "../../pkg/school_safety_forms.js";
import { layout, pack as packInto, write } from "../../js/pack.js";
import { register, REGISTER_OPTIONS, NOW, dailyReport, DAILY_OPTIONS, inspectionChecklist, CHECKLIST_OPTIONS, securityCheckup, CHECKUP_OPTIONS } from "../../bench/data.mjs";

initSync({ module: readFileSync(new URL("../../pkg/school_safety_forms_bg.wasm", import.meta.url)) });

const asIs = (data) => ({ toJSON: () => data });
/** js/pack.js's text for `data`, as the engine gets it, or undefined where it gives up. */
const pack = (data, tree) => {
  const bound = packInto(data, tree);
  const bytes = new Uint8Array(Math.max(bound, 0));
  const written = write(bytes);
  return bound < 0 || written < 0 ? undefined : new TextDecoder().decode(bytes.subarray(0, written));
};
const same = (kind, data, options, why) => assert.deepEqual(validate(kind, data, options), validate(kind, asIs(data), options), why);
const columns = ["police_station", "description", "place", "category", "found_on", "measures", "responsible", "deadline", "supervisor", "status", "completed_on", "interim_measures"];
// A key tree as src/wire/layout.rs `Layout::text` writes it: the register's fields, a branch, a field
// with sub-fields, and the rows.
const tree = layout(JSON.stringify({
  slots: 6,
  tree: [["meta", [["by", 2]]], ["report_date", 1], ["rows", { group: 0 }], ["unit", 0], ["nine", { slot: 3, tree: [["x", 2]] }], ["inspected_by", 4], ["signed_by", 5]],
  groups: [columns],
}));

test("pack: fields at their slots, rows as arrays of cells in column order, or undefined where it cannot be exact", () => {
  const data = register(16);
  const packed = JSON.parse(pack(data, tree));
  assert.equal(packed.length, 7);
  assert.deepEqual(packed.slice(0, 6), [data.unit, data.report_date, null, null, data.inspected_by, data.signed_by]);
  assert.equal(packed[6].length, 16);
  assert.deepEqual(packed[6][1], columns.map((c) => (c in data.rows[1] ? data.rows[1][c] : null)));
  assert.deepEqual(JSON.parse(pack({ meta: { by: "甲" }, nine: "是" }, tree)), [null, null, "甲", "是", null, null, null]);
  assert.deepEqual(JSON.parse(pack({ nine: { x: "乙" }, unit: null, rows: [] }, tree)), [null, null, "乙", null, null, null, []]);
  const refused = {
    "a row that is null": (d) => (d.rows[2] = null),
    "a row that is an array": (d) => (d.rows[2] = ["x"]),
    "a row with a prototype": (d) => (d.rows[2] = Object.assign(Object.create({ place: "x" }), d.rows[2])),
    "a row with a key the form does not have": (d) => (d.rows[2].id = "r2"),
    "a cell holding an object": (d) => (d.rows[2].place = { text: "x" }),
    "a cell holding a Date": (d) => (d.rows[2].found_on = new Date(0)),
    "a BigInt": (d) => (d.rows[2].place = 1n),
    "a row's toJSON": (d) => (d.rows[2].toJSON = () => ({})),
    "the rows' toJSON": (d) => (d.rows.toJSON = () => []),
    "a toJSON on the data": (d) => (d.toJSON = () => ({})),
    "a getter that throws": (d) => Object.defineProperty(d.rows[2], "place", { get: () => { throw new Error("no"); }, enumerable: true }),
    "a key the form does not have": (d) => (d.extra = "x"),
    "an object the form does not have": (d) => (d.extra = { by: "x" }),
    "an object where a field is": (d) => (d.unit = { name: "x" }),
    "a scalar where only sub-keys are": (d) => (d.meta = "x"),
    "an array where sub-keys are": (d) => (d.meta = ["x"]),
    "rows that are not an array": (d) => (d.rows = { 0: d.rows[0] }),
    "a path key to a field": (d) => (d["meta.by"] = "x"),
    "a path into the rows before them": (d) => { const rows = d.rows; delete d.rows; d["rows[3].place"] = "x"; d.rows = rows; },
    "a path into the rows after them": (d) => (d["rows.3"] = { place: "x" }),
    "more rows than a group holds": (d) => (d.rows.length = 10001),
  };
  for (const [why, change] of Object.entries(refused)) {
    const d = register(16);
    change(d);
    assert.equal(pack(d, tree), undefined, why);
  }
});

test("write: the text JSON.stringify gives for the cells, or -1 where escapes do not fit", () => {
  const one = layout(JSON.stringify({ slots: 2, tree: [["a", 0], ["b", 1]], groups: [] }));
  const values = ["", "温州中学", "引号\"反斜杠\\换行\n回车\r制表\t退格\b换页\f", "\u2028\u2029\u007f\u0080\u07ff\u0800\uffff", "😀🏫", "a\ud83d", "\ude00b",
    0, -0, 1.5, -3, 1e21, 1e-7, 2 ** 53 + 2, NaN, Infinity, true, false];
  for (const a of values) for (const b of [null, "x", 7]) {
    const text = pack({ a, b }, one);
    assert.equal(text, JSON.stringify([a, b]), JSON.stringify(a));
  }
  const control = "\u0001".repeat(100);
  assert.equal(pack({ a: control }, one), undefined, "control characters, 6 bytes each, past the room of 3");
  assert.equal(pack({ a: "\u0001ab" }, one), JSON.stringify(["\u0001ab", null]), "a few fit in the room around them");
  same("daily-report", { ...dailyReport(), unit: control }, DAILY_OPTIONS, "what does not fit is read as it is");
  assert.equal(write(new Uint8Array(10)), -1, "nothing pending");
});

test("validate: packed registers give the result of the data read as it is", () => {
  const options = REGISTER_OPTIONS;
  same("risk-register", register(16), options, "16 rows");
  same("risk-register", register(200, { errors: true }), options, "200 rows, some wrong");
  const odd = register(40, { errors: true });
  odd.rows[0] = Object.assign(Object.create(null), odd.rows[0]);
  odd.rows[1].place = undefined;
  odd.rows[2].measures = () => "x";
  odd.rows[3].deadline = NaN;
  odd.rows[4].responsible = Infinity;
  odd.rows[5].status = true;
  odd.rows[6].description = 12;
  odd.rows[7].found_on = -0;
  odd.rows[8].supervisor = null;
  odd.rows[9] = Object.fromEntries(Object.entries(odd.rows[9]).reverse());
  odd.rows[10].place = "引号\"反斜杠\\换行\n制表\t\u2028\u0000";
  Object.defineProperty(odd.rows[11], "hidden", { value: "x", enumerable: false });
  Object.defineProperty(odd.rows[12], "place", { get: () => "门卫室", enumerable: true });
  odd.unit = "温州中学";
  odd.school_type = undefined;
  same("risk-register", odd, options, "rows with odd values, packed");
  // What pack gives up on is read as it is: the same result either way.
  const made = {
    "a row that is null": (d) => (d.rows[5] = null),
    "a cell holding an object": (d) => (d.rows[5].place = { text: "x" }),
    "a row with a key the form does not have, of any size": (d) => (d.rows[0].attachment = "x".repeat(17 * 2 ** 20)),
    "a path into the rows before them": (d) => { const rows = d.rows; delete d.rows; d["rows[3].police_station"] = "鹿城派出所"; d.rows = rows; delete rows[3].police_station; },
    "a getter that changes the rows once they are read": (d) => Object.defineProperty(d, "signed_by", { get() { this.rows[0].place = "changed"; return "x"; }, enumerable: true }),
    "a key the form does not have": (d) => (d.extra_top = "x"),
    "rows behind a getter, read once where JSON.stringify reads them": (d) => { const rows = d.rows; delete d.rows; Object.defineProperty(d, "rows", { get: () => rows, enumerable: true }); },
    "past the row limit": (d) => { d.rows = register(10001).rows; },
  };
  for (const [why, change] of Object.entries(made)) {
    const make = () => { const d = register(20); change(d); return d; };
    assert.deepEqual(validate("risk-register", make(), options), validate("risk-register", asIs(make()), options), why);
  }
});

test("validate: daily reports packed give the result of the data read as it is", () => {
  same("daily-report", dailyReport(), DAILY_OPTIONS, "the Wenzhou report");
  const wrong = { ...dailyReport(), unit: " ", report_date: "2021年6月31日", reviewed_by: "林晓燕" };
  wrong.rows.fire.fixed = "99";
  wrong.rows.gas = { found: 3, fixed: -1, measures: null, unfixed: "x" };
  same("daily-report", wrong, DAILY_OPTIONS, "errors, numbers and nulls");
  same("daily-report", { ...dailyReport(), "rows.fire.found": "1" }, DAILY_OPTIONS, "a path key: read as it is");
  same("daily-report", { ...dailyReport(), rows: "x" }, DAILY_OPTIONS, "a scalar where the categories are");
  same("daily-report", {}, DAILY_OPTIONS, "blank");
});

// A reviewer's counterexamples: what JSON.stringify reads differently from a walk of own keys, and
// a page's code running inside the engine's calls.
test("validate: objects JSON.stringify reads by their kind, and functions with a toJSON, read as it reads them", () => {
  const withToJSON = (value) => Object.assign(() => {}, { toJSON: () => value });
  const daily = dailyReport();
  daily.unit = withToJSON("某中学");
  same("daily-report", daily, DAILY_OPTIONS, "a field's function with a toJSON");
  const checkup = securityCheckup();
  const guards = checkup.guards;
  checkup.guards = withToJSON(guards);
  same("security-checkup", checkup, CHECKUP_OPTIONS, "the rows behind a function with a toJSON");
  const cell = securityCheckup();
  cell.guards[0].name = withToJSON("张三");
  same("security-checkup", cell, CHECKUP_OPTIONS, "a cell's function with a toJSON");
  same("daily-report", Object.setPrototypeOf(Object.assign([], dailyReport()), null), DAILY_OPTIONS, "an array without a prototype");
  const items = inspectionChecklist();
  const array = [];
  array[1] = "否";
  items.items = Object.setPrototypeOf(array, Object.prototype);
  same("inspection-checklist", items, CHECKLIST_OPTIONS, "an array with Object's prototype where the items are");
  const boxed = inspectionChecklist();
  boxed.items = { ...boxed.items, 9: Object.setPrototypeOf(new Boolean(false), Object.prototype) };
  same("inspection-checklist", boxed, CHECKLIST_OPTIONS, "a boxed false with Object's prototype");
  const tagged = dailyReport();
  tagged.rows = { ...tagged.rows, [Symbol.toStringTag]: "Object" };
  same("daily-report", tagged, DAILY_OPTIONS, "an object with its own toStringTag");
});

test("validate: a polluted Object.prototype changes no escape, and a page's code validating again inside a validation breaks nothing", () => {
  const daily = dailyReport();
  daily.report_date = "2021-06-2\u0001";
  Object.prototype[1] = 50;
  try {
    same("daily-report", daily, DAILY_OPTIONS, "an escape table a polluted prototype could answer");
  } finally {
    delete Object.prototype[1];
  }
  let inner;
  let entered = false;
  Object.defineProperty(Object.prototype, "totals.found", {
    configurable: true,
    set(v) {
      Object.defineProperty(this, "totals.found", { value: v, enumerable: true, writable: true, configurable: true });
      if (!entered) {
        entered = true;
        inner = validate("daily-report", dailyReport(), DAILY_OPTIONS);
      }
    },
  });
  let outer;
  try {
    outer = validate("daily-report", dailyReport(), DAILY_OPTIONS);
  } finally {
    delete Object.prototype["totals.found"];
  }
  assert.deepEqual(inner, outer, "the inner validation's result is the outer's");
  assert.deepEqual(validate("daily-report", dailyReport(), DAILY_OPTIONS), outer, "and the validator works after");
  const now = Date.now;
  let nested;
  let reading = false;
  Date.now = () => {
    if (!reading) {
      reading = true;
      nested = validate("daily-report", dailyReport(), { profile: "zhejiang-wenzhou-2021" });
    }
    return now();
  };
  try {
    validate("daily-report", dailyReport(), { profile: "zhejiang-wenzhou-2021" });
  } finally {
    Date.now = now;
  }
  assert.equal(typeof nested.valid, "boolean", "the clock read inside a check may validate again");
  assert.deepEqual(validate("daily-report", dailyReport(), DAILY_OPTIONS), outer);
});

test("Validator.validate packs as validate() does, on every form", () => {
  const v = new Validator("risk-register", REGISTER_OPTIONS);
  const data = register(300, { errors: true });
  assert.deepEqual(v.validate(data), validate("risk-register", asIs(data), REGISTER_OPTIONS));
  const checklist = { unit: "温州中学", campuses: Array.from({ length: 20 }, (_, i) => ({ name: `校区${i}`, guards: String(i % 4) })) };
  same("inspection-checklist", checklist, { now: NOW }, "a checklist with 20 campuses");
});
