// Two builds of the engine in one Node process, the same operations timed in alternating batches
// (A, B, A, B, …), so drift in the machine's load falls on both alike: a change's cost on the hot
// paths, before and after.   node bench/interleaved.mjs <before pkg/ dir> [<after pkg/ dir>]
// With --definitions: one build, the built-in kind ("before") against the same form compiled from
// its definition in forms/ ("after"): how far the forms are from running from their definitions.
// With --definitions and two builds: the first build's built-in kind against the second's form
// from its definition (issue 22's measure: the release before definitions, and this one running
// the forms from them).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { dailyReport, register, descriptionCycle, DAILY_OPTIONS, REGISTER_OPTIONS } from "./data.mjs";

const args = process.argv.slice(2);
const definitions = args.includes("--definitions");
const dirs = args.filter((a) => a !== "--definitions").map((d) => resolve(d));
const here = fileURLToPath(new URL("../pkg/", import.meta.url));
const [before, after = here] = definitions ? [dirs[0] ?? here, dirs[1] ?? dirs[0] ?? here] : dirs;
async function load(dir) {
  const m = await import(pathToFileURL(`${dir}/school_safety_forms.js`).href);
  m.initSync({ module: readFileSync(`${dir}/school_safety_forms_bg.wasm`) });
  return m;
}
const engine = await load(before);
const definition = (kind) => JSON.parse(readFileSync(new URL(`../forms/${kind === "daily-report" ? "daily-report-wenzhou" : kind}.json`, import.meta.url), "utf8"));
/** Per side, how a kind's validator and session are made: the built-in kind, or its definition. */
const side = (e, fromDefinition) => ({
  validator: (kind, options) => (fromDefinition ? e.Validator.fromDefinition(definition(kind), options) : new e.Validator(kind, options)),
  session: (kind, options) => (fromDefinition ? e.Validator.fromDefinition(definition(kind), options).session() : new e.FormSession(kind, options)),
});
const other = after === before ? engine : await load(after);
const builds = { before: side(engine, false), after: side(other, definitions) };

/** Per build, an operation `op(i)` on state made by `setup(engine)`. */
const CASES = [
  ["daily report: keystroke", (e) => { const s = e.session("daily-report", DAILY_OPTIONS); for (const [k, v] of Object.entries({ "rows.fire.found": "5" })) s.set(k, v); return (i) => s.set("rows.fire.fixed", String(i % 5)); }],
  ["daily report: full validation", (e) => { const v = e.validator("daily-report", DAILY_OPTIONS); const d = dailyReport(); return () => v.validate(d); }],
  ...[10, 100, 1000, 10000].flatMap((n) => [
    [`register ${n} rows: keystroke rows[${n >> 1}].description`, (e) => { const s = e.session("risk-register", REGISTER_OPTIONS); s.insertRows("rows", 0, register(n).rows); return (i) => s.set(`rows[${n >> 1}].description`, descriptionCycle(i)); }],
    [`register ${n} rows: full validation`, (e) => { const v = e.validator("risk-register", REGISTER_OPTIONS); const d = register(n); return () => v.validate(d); }],
  ]),
];

const BATCH_MS = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 51);
console.log("| operation | before (median µs) | after (median µs) | after ÷ before |\n|---|---|---|---|");
let worst = 0;
for (const [label, make] of CASES) {
  const ops = { before: make(builds.before), after: make(builds.after) };
  // Batch size from a warm-up of the before build.
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < BATCH_MS) ops.before(n++);
  for (let k = 0; k < n; k++) ops.after(k);
  const samples = { before: [], after: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const side of r % 2 ? ["after", "before"] : ["before", "after"]) {
      const t = performance.now();
      for (let k = 0; k < n; k++) ops[side](r * n + k);
      samples[side].push(((performance.now() - t) * 1000) / n);
    }
  }
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const [b, a] = [median(samples.before), median(samples.after)];
  worst = Math.max(worst, a / b);
  console.log(`| ${label} | ${b.toFixed(2)} | ${a.toFixed(2)} | ${(a / b).toFixed(3)}${a / b > 1.05 ? " **slower**" : ""} |`);
}
console.log(`\nbefore: ${before}${definitions ? " (built-in kinds)" : ""}\nafter: ${after}${definitions ? " (from forms/*.json)" : ""}\nworst after ÷ before: ${worst.toFixed(3)}`);
