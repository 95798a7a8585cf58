// The engine's two builds side by side in Debian's Chromium (playwright-core, the demo server):
// the WebAssembly build every browser with WebAssembly loads, and the JavaScript build (wasm2js,
// pkg/js/) loaded where WebAssembly is missing or refused (a CSP without 'wasm-unsafe-eval').
//   node bench/engines.mjs       (after scripts/build; about 1 minute)
// Engine: module start (import + init, fresh page each), a full validate of the daily-report
// fixture tests/fixtures/daily-report/complete.json, a keystroke (FormSession.set), a 1,000-row
// risk register. Drop-in: keystroke-to-message on the daily report page, `/` (wasm) and
// `/?csp=strict` (the JS build), as bench/keystroke.mjs times it.
import { readFileSync } from "node:fs";
import { start } from "../tests/e2e/browser.mjs";
import { register, REGISTER_OPTIONS } from "./data.mjs";

const fixture = JSON.parse(readFileSync(new URL("../tests/fixtures/daily-report/complete.json", import.meta.url), "utf8"));
const ENGINES = { wasm: "/static/ssf/school_safety_forms.js", js: "/static/ssf/js/school_safety_forms.js" };
const STARTS = 7;
const ROUNDS = 3;
const env = await start();
const results = {};

/** An empty page of the demo origin and its CSP (www/engines.html), to time the engine alone.
 *  (Not a page.route() on a form page: Playwright would then intercept every request, the engine's too.) */
async function bare() {
  const page = await env.browser.newPage();
  await page.goto(env.base + "/engines.html");
  await page.waitForTimeout(300); // let the page's own start settle before timing
  return page;
}

// Module start, cold: a fresh page each time, the two builds alternating (this machine's load varies).
const starts = { wasm: [], js: [] };
for (let i = 0; i < STARTS; i++) {
  for (const [name, url] of Object.entries(ENGINES)) {
    process.stderr.write(`${name}: module start ${i + 1}/${STARTS}\n`);
    const page = await bare();
    starts[name].push(await page.evaluate(async (url) => {
      const t = performance.now();
      const m = await import(url);
      await m.default();
      return performance.now() - t;
    }, url));
    await page.close();
  }
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

for (const [name, url] of Object.entries(ENGINES)) {
  process.stderr.write(`${name}: validate, keystrokes, register\n`);
  const page = await bare();
  const r = await page.evaluate(
    async ({ url, fixture, registerData, registerOptions }) => {
      const m = await import(url);
      await m.default();
      /** Calls fn until `budget` ms have passed (at least `min` times): median and mean, in ms. */
      const time = (fn, budget, min = 5) => {
        for (let i = 0; i < 3; i++) fn(i);
        const samples = [];
        const t0 = performance.now();
        for (let i = 0; samples.length < min || performance.now() - t0 < budget; i++) {
          const t = performance.now();
          fn(i);
          samples.push(performance.now() - t);
        }
        const mean = (performance.now() - t0) / samples.length;
        samples.sort((a, b) => a - b);
        return { median: samples[samples.length >> 1], mean, n: samples.length };
      };
      const valid = m.validate(fixture.kind, fixture.data, fixture.options).valid;
      const validate = time(() => m.validate(fixture.kind, fixture.data, fixture.options), 3000);
      const session = new m.FormSession("daily-report", fixture.options);
      const ids = Object.keys(fixture.data.rows);
      // One keystroke ≈ 0.1 ms is below Chromium's timer resolution: time batches of 100.
      const keystroke = time((i) => {
        for (let k = 0; k < 100; k++) {
          const n = i * 100 + k;
          session.set(`rows.${ids[n % ids.length]}.${n % 2 ? "fixed" : "found"}`, String((n * 7) % 13));
        }
      }, 3000);
      const registerRun = time(() => m.validate("risk-register", registerData, registerOptions), 5000, 3);
      return { valid, validate, keystroke: { median: keystroke.median / 100, mean: keystroke.mean / 100, n: keystroke.n * 100 }, register: registerRun };
    },
    { url, fixture, registerData: register(1000), registerOptions: REGISTER_OPTIONS },
  );
  await page.close();
  results[name] = { start: median(starts[name]), ...r };
}

// The drop-in on the daily report page, the two builds alternating, median of the rounds' means.
const dropIn = { wasm: [], js: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, path] of [["wasm", "/"], ["js", "/?csp=strict"]]) {
    process.stderr.write(`${name}: drop-in keystrokes on ${path}, round ${round + 1}/${ROUNDS}\n`);
    const page = await env.browser.newPage();
    await page.goto(env.base + path);
    await page.waitForSelector("form[data-ssf-initialised]");
    dropIn[name].push(await page.evaluate(() => {
      const form = document.querySelector("#report");
      const found = [...form.querySelectorAll('[data-ssf-field$=".found"]')];
      const fixed = [...form.querySelectorAll('[data-ssf-field$=".fixed"]')];
      const t0 = performance.now();
      const N = 2000;
      for (let i = 0; i < N; i++) {
        const row = i % found.length;
        const el = i % 2 ? fixed[row] : found[row];
        el.value = String((i * 7) % 13);
        el.dispatchEvent(new Event("input", { bubbles: true }));
      }
      return (performance.now() - t0) / N;
    }));
    await page.close();
  }
}
for (const name of ["wasm", "js"]) results[name].dropIn = median(dropIn[name]);
await env.stop();

const ms = (x) => (x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2)) + " ms";
const us = (x) => (x * 1000).toFixed(1) + " µs";
const ratio = (k, f = (r) => r) => `${(f(results.js[k]) / f(results.wasm[k])).toFixed(1)}×`;
const row = (label, k, fmt, f = (r) => r) => `| ${label} | ${fmt(f(results.wasm[k]))} | ${fmt(f(results.js[k]))} | ${ratio(k, f)} |`;
console.log("| in Chromium | WebAssembly build | JavaScript build (wasm2js) | JS ÷ wasm |");
console.log("|---|---|---|---|");
console.log(row(`module start (import + init, median of ${STARTS} fresh pages)`, "start", ms));
console.log(row(`full validate, daily-report fixture complete.json (mean of ${results.js.validate.n.toLocaleString("en")})`, "validate", us, (r) => r.mean));
console.log(row("keystroke, FormSession.set (mean)", "keystroke", us, (r) => r.mean));
console.log(row("full validate, 1,000-row risk register (median)", "register", ms, (r) => r.median));
console.log(row(`drop-in keystroke-to-message, daily report page (mean of 2,000, median of ${ROUNDS} pages)`, "dropIn", ms));
if (!results.wasm.valid || !results.js.valid) console.log("\n(the fixture did not validate as valid: check the engines)");
