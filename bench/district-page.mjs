// The district page with a folder of schools' .xlsx (bench/district.sh makes 1,000 daily reports):
// time from picking the folder to the first school's result and to the roll-up, and the page's
// longest task (PerformanceObserver 'longtask': the worker reads, the page only draws). Chromium
// as the end-to-end tests launch it.
//
//   node bench/district-page.mjs DIR      (after bash scripts/build)
import { readdirSync } from "node:fs";
import { start, open } from "../tests/e2e/browser.mjs";

const folder = process.argv[2];
const count = readdirSync(folder).filter((f) => f.endsWith(".xlsx")).length;
const env = await start();
try {
  const { page } = await open(env, "/district.html", {
    // The bench's own probes (not the page's): when the folder was picked, the first result row,
    // the roll-up, and every long task.
    init: () => {
      const t = (window.__bench = { longest: 0, tasks: 0 });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          t.longest = Math.max(t.longest, e.duration);
          t.tasks += 1;
        }
      }).observe({ type: "longtask", buffered: true });
      document.addEventListener("change", () => (t.picked = performance.now()), true);
      new MutationObserver(() => {
        if (!t.first && document.querySelector("#schools tr")) t.first = performance.now();
        if (!t.done && document.querySelector("#rollup-area:not([hidden])")) t.done = performance.now();
      }).observe(document, { subtree: true, childList: true, attributes: true });
    },
  });
  await page.selectOption("#kind", "daily-report");
  await page.fill("#now", "2021-06-22T15:40:00+08:00");
  await page.evaluate(() => { window.__bench.longest = 0; window.__bench.tasks = 0; });
  await page.setInputFiles("#folder", folder);
  await page.waitForSelector("#rollup-area:not([hidden])", { timeout: 600_000 });
  const t = await page.evaluate(() => window.__bench);
  const summary = await page.textContent("#schools-summary");
  console.log("| district page, Chromium | files | first result | roll-up shown | longest task (long tasks) |");
  console.log("|---|---|---|---|---|");
  console.log(`| ${summary.trim()} | ${count} .xlsx | ${(t.first - t.picked).toFixed(0)} ms | ${((t.done - t.picked) / 1000).toFixed(1)} s | ${t.longest.toFixed(0)} ms (${t.tasks}) |`);
} finally {
  await env.stop();
}
