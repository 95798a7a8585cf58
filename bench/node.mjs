// The comparison in Node: module start (fresh processes) and every line of bench/cases.mjs.
//   node bench/node.mjs            prints the Node half of the table (after scripts/build)
//   node bench/node.mjs --json     the raw results, as bench/compare.mjs reads them
//   node bench/node.mjs --start engine|ajv    one cold start in this process, as JSON (internal)
//   BENCH_SCALE=0.3 …                         shorter time budgets (a quick look; noisier)
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { compileValidators } from "./data.mjs";

const ENGINE = new URL("../pkg/school_safety_forms.js", import.meta.url);
const WASM = new URL("../pkg/school_safety_forms_bg.wasm", import.meta.url);
const START_RUNS = 5;

/** Engine start: import + initSync, then the compiled validators when the pkg has `Validator`. */
async function startEngine() {
  const t = performance.now();
  const engine = await import(ENGINE);
  engine.initSync({ module: readFileSync(WASM) });
  compileValidators(engine);
  return performance.now() - t;
}

/** Ajv start: import Ajv, ajv-errors and the forms, `new Ajv`, compile every schema. */
async function startAjv() {
  const t = performance.now();
  const { compileForms } = await import("./ajv-node.mjs");
  compileForms();
  return performance.now() - t;
}

/** Median and p95 of cold starts, each in a fresh `node` process. */
function coldStarts() {
  const samples = { engine: [], ajv: [] };
  for (let i = 0; i < START_RUNS; i++) {
    for (const side of i % 2 ? ["ajv", "engine"] : ["engine", "ajv"]) {
      const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--start", side], { encoding: "utf8" });
      if (run.status !== 0) throw new Error(`start ${side}: ${run.stderr}`);
      samples[side].push(JSON.parse(run.stdout).ms);
    }
  }
  const stat = (s) => {
    s.sort((a, b) => a - b);
    return { median: s[Math.floor(s.length / 2)], p95: s[s.length - 1], samples: s.length, batch: 1 };
  };
  return { id: "start", label: "module start (cold, see below)", engine: stat(samples.engine), ajv: stat(samples.ajv) };
}

export async function runNode({ progress = () => {} } = {}) {
  progress("module start");
  const start = coldStarts();
  const engine = await import(ENGINE);
  engine.initSync({ module: readFileSync(WASM) });
  const { compileForms } = await import("./ajv-node.mjs");
  const { runCases } = await import("./cases.mjs");
  const result = await runCases(engine, compileForms(), { minBatchMs: 0.2, budgetScale: Number(process.env.BENCH_SCALE || 1), only: process.env.BENCH_ONLY || "", progress });
  const ajvVersion = JSON.parse(readFileSync(new URL("../node_modules/ajv/package.json", import.meta.url), "utf8")).version;
  progress("agreement of verdicts");
  const { agreement } = await import("./agreement.mjs");
  const agreed = agreement(engine, compileForms());
  return { env: "node", agreement: agreed, runtime: `Node ${process.versions.node}, Ajv ${ajvVersion} compiled with new Ajv; module start in a fresh process each (engine: import + initSync + new Validator when present; Ajv: import ajv + ajv-errors + the forms, new Ajv, compile 7 schemas)`, lines: [start, ...result.lines], checks: result.checks };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf("--start");
  if (flag > 0) {
    const ms = process.argv[flag + 1] === "engine" ? await startEngine() : await startAjv();
    console.log(JSON.stringify({ ms }));
  } else {
    const result = await runNode({ progress: (s) => process.stderr.write(`  node: ${s}\n`) });
    if (process.argv.includes("--json")) console.log(JSON.stringify(result));
    else {
      const { table } = await import("./table.mjs");
      console.log(table([result]));
    }
  }
}
