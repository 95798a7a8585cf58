// The hostile corpus (tests/hostile/) in Chromium: every case expanded in the page (the markers
// turn into 10 MB strings and 100,000-deep objects there, not on the wire), validated by the
// release engine served at /static/ssf/, and compared with what the native engine recorded.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { start, open } from "./browser.mjs";
import { expected } from "../hostile/expand.mjs";

const KINDS = ["daily-report", "inspection-checklist", "security-checkup", "risk-register", "campaign-statistics"];
const read = (path) => JSON.parse(readFileSync(new URL(`../hostile/${path}`, import.meta.url), "utf8"));
const EXPAND = readFileSync(new URL("../hostile/expand.mjs", import.meta.url), "utf8");
const BATCH = 250;

let env, page, problems;
before(async () => {
  env = await start();
  ({ page, problems } = await open(env, "/bench.html", {}));
  // The expander is served to the page as a same-origin module (the CSP allows 'self' scripts only).
  await page.route("**/hostile/expand.mjs", (route) => route.fulfill({ contentType: "text/javascript", body: EXPAND }));
  await page.evaluate(async () => {
    const engine = await import("/static/ssf/school_safety_forms.js");
    await engine.default();
    globalThis.__hostile = { engine, expand: await import("/hostile/expand.mjs") };
  });
});
after(async () => env?.stop());

for (const kind of KINDS) {
  test(`hostile corpus in Chromium: ${kind}`, async () => {
    const file = read(`cases/${kind}.json`);
    const expect = read(`expect/${kind}.json`);
    const failures = [];
    for (let from = 0; from < file.cases.length; from += BATCH) {
      const batch = { kind, base: file.base, cases: file.cases.slice(from, from + BATCH) };
      // As JSON text: Playwright's own argument serialiser would turn an own "__proto__" key into a prototype.
      const results = await page.evaluate((text) => {
        const file = JSON.parse(text);
        const { engine, expand } = globalThis.__hostile;
        return file.cases.map((c) => {
          const { options, data } = expand.expandCase(file, c);
          let got;
          try {
            got = expand.summarise(engine.validate(file.kind, data, options));
          } catch (e) {
            got = e instanceof Error ? { throws: e.message } : { throws: "not an Error", value: String(e) };
          }
          if (({}).polluted !== undefined) got.polluted = true;
          return got;
        });
      }, JSON.stringify(batch));
      batch.cases.forEach((c, n) => {
        try {
          assert.deepEqual(results[n], expected(expect.base, expect[c.name]));
        } catch (e) {
          failures.push(`${c.name}: ${e.message.slice(0, 600)}`);
        }
      });
    }
    assert.deepEqual(failures, [], `${failures.length} of ${file.cases.length} differ`);
    assert.deepEqual(problems, []);
  });
}

test("a __proto__ key in data and in a portal profile pollutes nothing in the page", async () => {
  const polluted = await page.evaluate(() => {
    const { engine } = globalThis.__hostile;
    const data = JSON.parse('{"__proto__": {"polluted": 1}, "rows": {"__proto__": {"polluted": 1}}, "constructor": {"prototype": {"polluted": 1}}}');
    engine.validate("daily-report", data, { now: "2021-06-22T15:40:00+08:00" });
    const profile = JSON.parse('{"id": "p", "extends": "jiangsu-2019", "__proto__": {"polluted": 1}}');
    let threw = false;
    try {
      engine.validate("daily-report", {}, { profile });
    } catch (e) {
      threw = e instanceof Error;
    }
    return { threw, polluted: ({}).polluted, array: [].polluted };
  });
  assert.deepEqual(polluted, { threw: true, polluted: undefined, array: undefined });
});
