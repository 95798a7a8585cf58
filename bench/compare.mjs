// Engine vs Ajv 8 + ajv-errors (+ the JavaScript for computed fields), in Node and in Chromium, one
// markdown table.   node bench/compare.mjs   (after scripts/build; scripts/bench runs it)
//   --node-only / --chromium-only   one half;  BENCH_SCALE=0.3 shortens every time budget (noisier)
import { table } from "./table.mjs";

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
