// The hostile corpus (tests/hostile/) through the release pkg/ in Node: every case must give the
// result the native engine recorded (tests/hostile/expect/), throw only where that says misuse,
// and pollute no prototype.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { initSync, validate } from "../../pkg/school_safety_forms.js";
import { expandCase, summarise, expected } from "../hostile/expand.mjs";

initSync({ module: readFileSync(new URL("../../pkg/school_safety_forms_bg.wasm", import.meta.url)) });

const KINDS = ["daily-report", "inspection-checklist", "security-checkup", "risk-register", "campaign-statistics"];
const read = (path) => JSON.parse(readFileSync(new URL(`../hostile/${path}`, import.meta.url), "utf8"));

for (const kind of KINDS) {
  test(`hostile corpus: ${kind}`, () => {
    const file = read(`cases/${kind}.json`);
    const expect = read(`expect/${kind}.json`);
    assert.equal(Object.keys(expect).length, file.cases.length, "one expectation per case");
    const failures = [];
    for (const c of file.cases) {
      const { options, data } = expandCase(file, c);
      let got;
      try {
        got = summarise(validate(kind, data, options));
      } catch (e) {
        assert.ok(e instanceof Error, `${c.name}: a real Error`);
        got = { throws: e.message };
      }
      try {
        assert.deepEqual(got, expected(expect.base, expect[c.name]));
      } catch (e) {
        failures.push(`${c.name}: ${e.message.slice(0, 600)}`);
      }
      assert.equal(({}).polluted, undefined, `${c.name}: Object.prototype polluted`);
      assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, "unit"), false, c.name);
    }
    assert.deepEqual(failures, [], `${failures.length} of ${file.cases.length} differ`);
  });
}

test("a __proto__ key in data and in a portal profile pollutes nothing", () => {
  const data = JSON.parse('{"__proto__": {"polluted": 1}, "rows": {"__proto__": {"polluted": 1}}, "constructor": {"prototype": {"polluted": 1}}}');
  validate("daily-report", data, { now: "2021-06-22T15:40:00+08:00" });
  const profile = JSON.parse('{"id": "p", "extends": "jiangsu-2019", "__proto__": {"polluted": 1}, "severities": {"__proto__": {"polluted": 1}}}');
  assert.throws(() => validate("daily-report", {}, { profile }), Error);
  assert.equal(({}).polluted, undefined);
  assert.equal([].polluted, undefined);
});
