// Two builds of the engine side by side in Node, every line of bench/cases.mjs: a change's cost,
// before and after, in one run (issue 21: no figure more than 5 % slower).
//   node bench/before-after.mjs <before pkg/ dir> [<after pkg/ dir>, default pkg/]
// Each build runs `node bench/node.mjs --json` in turn, twice (before, after, after, before), so a
// machine whose load drifts slows both alike; a line's figure is the lower of its two medians.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const [before, after = fileURLToPath(new URL("../pkg/", import.meta.url))] = process.argv.slice(2).map((d) => resolve(d));
if (!before) throw new Error("usage: node bench/before-after.mjs <before pkg/ dir> [<after pkg/ dir>]");
const node = fileURLToPath(new URL("./node.mjs", import.meta.url));

function run(pkg) {
  process.stderr.write(`  before-after: ${pkg}\n`);
  const r = spawnSync(process.execPath, [node, "--json"], { env: { ...process.env, BENCH_PKG: pkg }, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`bench/node.mjs on ${pkg}: ${r.stderr}`);
  return JSON.parse(r.stdout).lines;
}

const runs = { before: [], after: [] };
for (const side of ["before", "after", "after", "before"]) runs[side].push(run(side === "before" ? before : after));

const best = (side, id) => {
  const medians = runs[side].map((lines) => lines.find((l) => l.id === id)?.engine?.median).filter((m) => typeof m === "number");
  return medians.length ? Math.min(...medians) : undefined;
};
const fmt = (ms) => (ms === undefined ? "n/a" : ms < 1 ? `${(ms * 1000).toFixed(2)} µs` : `${ms.toFixed(2)} ms`);
console.log(`| line | before | after | after ÷ before |\n|---|---|---|---|`);
let worst = 0;
for (const line of runs.after[0]) {
  const [b, a] = [best("before", line.id), best("after", line.id)];
  const ratio = b && a ? a / b : undefined;
  if (ratio) worst = Math.max(worst, ratio);
  console.log(`| ${line.label} | ${fmt(b)} | ${fmt(a)} | ${ratio ? ratio.toFixed(3) + (ratio > 1.05 ? " **slower**" : "") : "n/a"} |`);
}
console.log(`\nbefore: ${before}\nafter: ${after}\nworst after ÷ before: ${worst.toFixed(3)}`);
