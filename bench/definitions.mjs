// Compiling a form definition: `Validator.fromDefinition(definition)` for each of the five seed
// forms written as data (forms/*.json) and for the province's variant with a funds column, beside
// `new Validator(kind)` of the built-in form, in Node on the release pkg/.
//   node bench/definitions.mjs   (after scripts/build; scripts/bench runs it)
import { readFileSync } from "node:fs";
import { measure } from "./measure.mjs";

const pkg = new URL("../pkg/", import.meta.url);
const engine = await import(new URL("school_safety_forms.js", pkg));
await engine.default({ module_or_path: readFileSync(new URL("school_safety_forms_bg.wasm", pkg)) });
const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const options = { profile: "zhejiang-wenzhou-2021", now: "2021-06-22T15:40:00+08:00" };
const defined = (path) => ((d) => () => engine.Validator.fromDefinition(d, options))(read(path));
const cases = [
  ["built-in daily-report", () => new engine.Validator("daily-report", options)],
  ["daily report from its definition (forms/daily-report-wenzhou.json)", defined("../forms/daily-report-wenzhou.json")],
  ["the funds variant (www/forms/daily-report-wenzhou-funds.json)", defined("../www/forms/daily-report-wenzhou-funds.json")],
  ["built-in inspection-checklist", () => new engine.Validator("inspection-checklist", options)],
  ["supervision checklist from its definition (forms/inspection-checklist.json, the largest)", defined("../forms/inspection-checklist.json")],
  ["built-in security-checkup", () => new engine.Validator("security-checkup", options)],
  ["security check-up from its definition (forms/security-checkup.json)", defined("../forms/security-checkup.json")],
  ["built-in risk-register", () => new engine.Validator("risk-register", options)],
  ["risk register from its definition (forms/risk-register.json)", defined("../forms/risk-register.json")],
  ["built-in campaign-statistics", () => new engine.Validator("campaign-statistics", options)],
  ["campaign statistics from its definition (forms/campaign-statistics.json)", defined("../forms/campaign-statistics.json")],
];
console.log("| compile (Node) | median per compile |\n|---|---:|");
for (const [label, make] of cases) {
  const r = measure(() => make().free(), { minBatchMs: 20, budgetMs: 1500, minSamples: 15 });
  console.log(`| ${label} | ${(r.median * 1000).toFixed(0)} µs |`);
}
