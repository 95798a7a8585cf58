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
      const t = (window.__bench = { longest: 0, tasks: 0, list: [] });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) t.list.push([e.startTime, e.duration]);
      }).observe({ type: "longtask", buffered: true });
      // The page's change handler runs between these two (capture on document, bubble on window).
      document.addEventListener("change", () => (t.picked = performance.now()), true);
      window.addEventListener("change", () => (t.handled = performance.now()));
      new MutationObserver(() => {
        if (!t.first && document.querySelector("#schools tr")) t.first = performance.now();
        if (!t.done && document.querySelector("#rollup-area:not([hidden])")) t.done = performance.now();
      }).observe(document, { subtree: true, childList: true, attributes: true });
    },
  });
  await page.selectOption("#kind", "daily-report");
  await page.fill("#now", "2021-06-22T15:40:00+08:00");
  await page.setInputFiles("#folder", folder);
  await page.waitForSelector("#rollup-area:not([hidden])", { timeout: 600_000 });
  const t = await page.evaluate(() => window.__bench);
  // The page's own long tasks: from the folder's change event on. Before it, the browser is
  // taking the picked files into the input (Playwright's setInputFiles here, the file dialog for
  // an officer), which no page script runs in.
  const own = t.list.filter(([start]) => start >= t.picked);
  t.longest = Math.max(0, t.handled - t.picked, ...own.map(([, d]) => d));
  t.tasks = own.length;
  const before = t.list.filter(([start]) => start < t.picked);
  if (before.length) console.error(`taking the files in, before the change event (no page script): ${before.map(([s, d]) => `${Math.min(d, t.picked - s).toFixed(0)} ms of a ${d.toFixed(0)} ms task`).join(", ")}; the page's change handler ${(t.handled - t.picked).toFixed(0)} ms`);
  const summary = await page.textContent("#schools-summary");
  console.log("| district page, Chromium | files | first result | roll-up shown | longest task (long tasks) |");
  console.log("|---|---|---|---|---|");
  console.log(`| ${summary.trim()} | ${count} .xlsx | ${(t.first - t.picked).toFixed(0)} ms | ${((t.done - t.picked) / 1000).toFixed(1)} s | ${t.longest.toFixed(0)} ms (${t.tasks}) |`);
} finally {
  await env.stop();
}
