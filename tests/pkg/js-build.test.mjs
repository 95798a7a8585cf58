// The JavaScript build of the engine (pkg/js/school_safety_forms.js, wasm2js), which the drop-in
// loads where WebAssembly is missing or refused: the same exports, and the same answers as the
// release wasm on the fixtures, the hostile corpus, a typing session, and an input large enough to
// grow the memory (wasm2js's grow is patched by scripts/wasm2js.mjs; without the patch the glue
// would write into the old buffer).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import * as wasm from "../../pkg/school_safety_forms.js";
import * as js from "../../pkg/js/school_safety_forms.js";
import { expandCase, summarise } from "../hostile/expand.mjs";

wasm.initSync({ module: readFileSync(new URL("../../pkg/school_safety_forms_bg.wasm", import.meta.url)) });
await js.default();

const KINDS = ["daily-report", "inspection-checklist", "security-checkup", "risk-register", "campaign-statistics"];
/** Both engines' answer, or the message they throw. */
const both = (fn) =>
  [wasm, js].map((m) => {
    try {
      return fn(m);
    } catch (e) {
      assert.ok(e instanceof Error, "a real Error");
      return { throws: e.message };
    }
  });

test("the JavaScript build has the wasm glue's exports", () => {
  const names = (m) => Object.keys(m).filter((k) => k !== "initSync" && k !== "default").sort();
  assert.deepEqual(names(js), names(wasm));
  assert.equal(typeof js.default, "function");
});

test("the JavaScript build has no eval or Function constructor (a strict CSP refuses them)", () => {
  const code = readFileSync(new URL("../../pkg/js/school_safety_forms.js", import.meta.url), "utf8");
  // A call, not the word inside a string: wasm-bindgen's debug formatting writes `Function(${name})`.
  assert.doesNotMatch(code, /(?<![`"'])\b(eval|Function)\s*\(/);
});

for (const kind of KINDS) {
  test(`fixtures and hostile corpus give the same answers: ${kind}`, () => {
    const dir = new URL(`../fixtures/${kind}/`, import.meta.url);
    for (const f of readdirSync(dir)) {
      const fx = JSON.parse(readFileSync(new URL(f, dir), "utf8"));
      const [a, b] = both((m) => m.validate(fx.kind, fx.data, fx.options));
      assert.deepEqual(b, a, f);
    }
    const file = JSON.parse(readFileSync(new URL(`../hostile/cases/${kind}.json`, import.meta.url), "utf8"));
    for (const c of file.cases) {
      const { options, data } = expandCase(file, c);
      const [a, b] = both((m) => summarise(m.validate(kind, data, options)));
      assert.deepEqual(b, a, c.name);
    }
  });
}

test("a typing session, rows moved and pasted, profiles, describe and aggregate", () => {
  const [a, b] = both((m) => {
    const out = [];
    const s = new m.FormSession("daily-report", { now: "2021-06-22T15:40:00+08:00", locale: "en" });
    for (const [path, v] of [["rows.fire.found", "5"], ["rows.fire.fixed", "6"], ["rows.fire.fixed", "２"], ["report_date", "2021年6月22日"]]) out.push(s.set(path, v));
    out.push(s.result(), s.hasErrors());
    const r = new m.FormSession("risk-register", { profile: "jiangsu-2019", now: "2021-06-22T10:00:00+08:00" });
    out.push(r.insertRows("rows", 0, [{ description: "围墙开裂" }, { description: "电线老化", deadline: "2021-06-21" }]), r.moveRow("rows", 1, 0), r.removeRow("rows", 0));
    out.push(m.pasteRows("risk-register", "rows", "隐患描述\t责任人\r\n围墙开裂\t王\r\n\"电线\t老化\"\t李\r\n"));
    out.push(m.profiles(), ...KINDS.map((k) => m.describe(k)));
    out.push(m.aggregate("daily-report", [{ rows: { fire: { found: 2, fixed: 1 } } }, { rows: { fire: { found: "3", fixed: "3" } } }], {}));
    return out;
  });
  assert.deepEqual(b, a);
});

test("a register that grows the memory to tens of MB gives the same answer", () => {
  const row = (i) => ({ description: `围墙开裂${"，东侧".repeat(40)}${i}`, category: "校舍安全", found_on: "2021-06-01", measures: "加固".repeat(60), responsible: "王", deadline: i % 7 ? "2021-06-30" : "2021-06-01", supervisor: "李", status: "正在整改中", police_station: "城东派出所" });
  const register = { unit: "甲小学", report_date: "2021-06-20", rows: Array.from({ length: 2000 }, (_, i) => row(i)) };
  const [a, b] = both((m) => JSON.stringify(m.validate("risk-register", register, { profile: "jiangsu-2019", now: "2021-06-22T10:00:00+08:00" })));
  assert.ok(a.length > 100000);
  assert.equal(b, a);
  // The glue's views of the grown memory are fresh: a new session after the growth still reads its strings.
  const [c, d] = both((m) => new m.FormSession("daily-report", { locale: "en" }).set("rows.fire.found", "x"));
  assert.deepEqual(d, c);
});
