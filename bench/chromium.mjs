// The comparison in Debian's Chromium (playwright-core, tests/e2e/browser.mjs), on the demo server
// and its strict CSP. At bench time it writes Ajv's standalone code for both schemas and bundles it
// (esbuild) with the page script into www/bench-build/ (ignored by git), then loads
// /bench-compare.html: module starts first (fresh page each), then every line of bench/cases.mjs.
//   node bench/chromium.mjs          prints the Chromium half of the table (after scripts/build)
//   node bench/chromium.mjs --json   the raw results, as bench/compare.mjs reads them
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { standaloneSource } from "./ajv-node.mjs";

const OUT = fileURLToPath(new URL("../www/bench-build/", import.meta.url));
const START_RUNS = 5;

/** Writes www/bench-build/{ajv.js, bench-compare.js}. */
export async function bundle() {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(OUT + "ajv-validators.mjs", await standaloneSource());
  const common = { bundle: true, format: "esm", platform: "browser", target: "es2022", logLevel: "warning", minify: true };
  await build({
    ...common,
    stdin: {
      contents: `import * as validators from "./ajv-validators.mjs";\nimport { makeForms } from "../../bench/ajv-forms.mjs";\nexport const forms = makeForms(validators);\n`,
      resolveDir: OUT,
      sourcefile: "ajv-entry.mjs",
    },
    outfile: OUT + "ajv.js",
  });
  await build({ ...common, entryPoints: [fileURLToPath(new URL("./browser.mjs", import.meta.url))], outfile: OUT + "bench-compare.js", external: ["/static/ssf/*", "/bench-build/*"] });
  const ajv = readFileSync(OUT + "ajv.js");
  return `${(ajv.length / 1024).toFixed(0)} KB, ${(gzipSync(ajv).length / 1024).toFixed(0)} KB gzip`;
}

export async function runChromium({ progress = () => {} } = {}) {
  const ajvSize = await bundle();
  const { start, open } = await import("../tests/e2e/browser.mjs");
  const env = await start();
  try {
    const load = async (query, timeout) => {
      const { page, problems } = await open(env, `/bench-compare.html${query}`);
      page.on("console", (m) => m.type() === "log" && m.text().startsWith("progress: ") && progress(m.text().slice(10)));
      await page.waitForFunction(() => window.__bench, null, { timeout, polling: 500 });
      const result = await page.evaluate(() => window.__bench);
      await page.close();
      if (result.error || problems.length) throw new Error(`bench-compare.html${query}: ${result.error ?? ""} ${problems.join("; ")}`);
      return result;
    };
    progress("module start");
    const samples = { engine: [], ajv: [] };
    const only = process.env.BENCH_ONLY || "";
    for (let i = 0; i < (only ? 0 : START_RUNS); i++)
      for (const side of i % 2 ? ["ajv", "engine"] : ["engine", "ajv"]) samples[side].push((await load(`?start=${side}`, 30000)).ms);
    const stat = (s) => {
      s.sort((a, b) => a - b);
      return { median: s[Math.floor(s.length / 2)], p95: s[s.length - 1], samples: s.length, batch: 1 };
    };
    const result = await load(`?scale=${Number(process.env.BENCH_SCALE || 1)}&only=${encodeURIComponent(only)}`, 600000);
    const ajvVersion = JSON.parse(readFileSync(new URL("../node_modules/ajv/package.json", import.meta.url), "utf8")).version;
    const startLine = only ? null : { id: "start", label: "module start (cold, see below)", engine: stat(samples.engine), ajv: stat(samples.ajv) };
    return { env: "chromium", runtime: `Chromium ${env.browser.version()}, Ajv ${ajvVersion} as standalone code (compiled at bench time, no eval, strict CSP); module start on a fresh page each (engine: import + init() fetching and compiling the wasm + new Validator when present; Ajv: import of its bundle, ${ajvSize}; the engine pkg is in scripts/build\'s size table)`, lines: [startLine, ...result.lines].filter(Boolean), checks: result.checks };
  } finally {
    await env.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runChromium({ progress: (s) => process.stderr.write(`  chromium: ${s}\n`) });
  if (process.argv.includes("--json")) console.log(JSON.stringify(result));
  else {
    const { table } = await import("./table.mjs");
    console.log(table([result]));
  }
}
