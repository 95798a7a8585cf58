// The page side of the Chromium comparison (www/bench-compare.html), bundled with bench/cases.mjs
// and bench/data.mjs by bench/chromium.mjs. The engine comes from the served pkg/ (/static/ssf/), the
// Ajv side from the bundled standalone validators (/bench-build/ajv.js): the page keeps the demo's
// strict CSP (script-src 'self' 'wasm-unsafe-eval'), which Ajv's `new Function` compile would break.
import { runCases } from "./cases.mjs";
import { compileValidators } from "./data.mjs";

const ENGINE = "/static/ssf/school_safety_forms.js";
const AJV = "/bench-build/ajv.js";

function done(result) {
  document.querySelector("#out").textContent = JSON.stringify(result);
  window.__bench = result;
}

async function startEngine() {
  const t = performance.now();
  const engine = await import(ENGINE);
  await engine.default();
  compileValidators(engine);
  return performance.now() - t;
}

async function startAjv() {
  const t = performance.now();
  const { forms } = await import(AJV);
  if (typeof forms.daily !== "function") throw new Error("no forms");
  return performance.now() - t;
}

try {
  const params = new URLSearchParams(location.search);
  const start = params.get("start");
  if (start) done({ ms: start === "engine" ? await startEngine() : await startAjv() });
  else {
    const engine = await import(ENGINE);
    await engine.default();
    const { forms } = await import(AJV);
    const result = await runCases(engine, forms, { minBatchMs: 3, budgetScale: Number(params.get("scale") || 1), only: params.get("only") || "", progress: (s) => console.log(`progress: ${s}`) });
    done({ ...result, userAgent: navigator.userAgent });
  }
} catch (e) {
  done({ error: String(e?.stack ?? e) });
}
