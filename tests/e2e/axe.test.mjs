// axe-core (npm) on every demo page: zero violations of WCAG 2.1 A and AA, on the blank form and
// again with everything the drop-in adds showing (messages, the error summary, a draft notice).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { start, open, attached } from "./browser.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
export const PAGES = ["/", "/legacy.html", "/checklist.html", "/checkup.html", "/register.html", "/react.html", "/layui.html", "/vue.html", "/element-ui.html", "/jquery.html", "/named-controls.html"];

let env;
before(async () => (env = await start()));
after(async () => env?.stop());

/** Runs axe in the page (evaluated over the DevTools protocol, so the page's CSP is not loosened). */
async function violations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
}

for (const path of PAGES) {
  test(`axe: ${path} has no WCAG 2.1 A/AA violations, blank and with every message, the summary and a draft notice showing`, async () => {
    const { page } = await open(env, path);
    await attached(page);
    assert.deepEqual(await violations(page), [], "blank form");
    // Type into the first plain text field (a draft to offer: not Element UI's cascader, which
    // shows its choice in a read-only input, nor its date picker, which puts back its model's date
    // over text that is none when left), then try to submit: every message and the summary show.
    const first = page.locator("form[data-ssf-initialised] :is(input[type=text], input:not([type])):not([readonly], .el-date-editor input)").first();
    await first.fill("1２a");
    await page.waitForTimeout(700);
    await page.getByRole("button", { name: /^(报送|提交)$/ }).first().click(); // the page's own submit
    await page.waitForSelector(".ssf-summary:not([hidden])");
    assert.deepEqual(await violations(page), [], "after a refused submit");
    await page.reload();
    await attached(page);
    await page.waitForSelector(".ssf-draft", { timeout: 5000 });
    assert.deepEqual(await violations(page), [], "with the draft notice");
    await page.close();
  });
}
