// Keystroke-to-message in Debian Chromium (Playwright) on www/bench.html, 8 and 100 rows.
//   node bench/keystroke.mjs      (after scripts/build)
import { start, open } from "../tests/e2e/browser.mjs";

const env = await start();
for (const rows of [8, 100]) {
  const { page, problems } = await open(env, `/bench.html?rows=${rows}`);
  await page.waitForFunction(() => document.querySelector("#out").textContent !== "", null, { timeout: 60000 });
  const r = JSON.parse(await page.textContent("#out"));
  const ms = (x) => `${(x * 1000).toFixed(0)} µs`;
  console.log(`${String(rows).padStart(3)} rows, ${r.fields} fields: keystroke-to-message mean ${ms(r.mean_ms)}, median ${ms(r.median_ms)}, p95 ${ms(r.p95_ms)}, p99 ${ms(r.p99_ms)}, max ${ms(r.max_ms)}${problems.length ? "  problems: " + problems : ""}`);
  await page.close();
}
await env.stop();
