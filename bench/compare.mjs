// Engine vs Ajv 8 + ajv-errors (+ the JavaScript for computed fields), in Node and in Chromium, one
// markdown table.   node bench/compare.mjs   (after scripts/build; scripts/bench runs it)
//   --node-only / --chromium-only   one half;  BENCH_SCALE=0.3 shortens every time budget (noisier)
//   BENCH_ONLY=daily (an id prefix: daily, register.1000) runs only those lines, without module starts
import { loadavg, cpus } from "node:os";
import { table } from "./table.mjs";

const load = () => loadavg()[0].toFixed(1);
const loadBefore = load();

const results = [];
const progress = (env) => (s) => process.stderr.write(`  ${env}: ${s}\n`);
if (!process.argv.includes("--chromium-only")) {
  const { runNode } = await import("./node.mjs");
  results.push(await runNode({ progress: progress("node") }));
}
if (!process.argv.includes("--node-only")) {
  const { runChromium } = await import("./chromium.mjs");
  results.push(await runChromium({ progress: progress("chromium") }));
}
console.log(table(results));
console.log(`\nLoad average (1 min) before ${loadBefore}, after ${load()}, on ${cpus().length} cores: anything near the core count means other work shared the machine, so rerun before quoting.`);
