// The register page's 1,000-row example (生成 1000 行示例, www/register.js) in Chromium, issue 20: "a
// demo's own sample should not drown the officer in errors" (it made 116). On the demo's day and on
// another, the generated rows hold no error and exactly the three documented overdue warnings; the
// totals count them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, attached } from "./browser.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.stop());

const output = (page, name) => page.locator(`output[name="${name}"]`).evaluate((el) => el.value);

/** The engine's verdict on the page's generated rows (every row after the page's own first one),
 *  read from the controls as the portal would post them, at the page's server time. */
const verdict = (page) =>
  page.evaluate(async () => {
    const { default: init, validate } = await import("/static/ssf/school_safety_forms.js");
    await init();
    const form = document.querySelector("#register");
    const columns = [...form.querySelectorAll("#rows tr")[0].querySelectorAll("[data-ssf-field^='rows[]']")].map((el) => [
      el.name,
      el.dataset.ssfField.slice("rows[].".length),
    ]);
    const rows = [...form.querySelectorAll("#rows tr")].slice(1).map((tr) =>
      Object.fromEntries(columns.filter(([name]) => name).map(([name, path]) => [path, tr.querySelector(`[name="${name}"]`).value])),
    );
    const now = form.getAttribute("data-ssf-now");
    const result = validate("risk-register", { rows }, { profile: form.getAttribute("data-ssf-profile"), now });
    const rowIssues = result.issues.filter((i) => i.path.startsWith("rows["));
    return {
      rows: rows.length,
      errors: rowIssues.filter((i) => i.severity === "error").map((i) => `${i.path} ${i.code}`),
      warnings: rowIssues.filter((i) => i.severity === "warning").map((i) => `${i.path} ${i.code}`),
    };
  });

for (const query of ["", "?now=2019-09-25T10:00:00%2B08:00"]) {
  test(`register: the 1,000-row example is valid but for its three documented overdue rows (${query || "the demo's day"})`, async () => {
    const { page, problems } = await open(env, `/register.html${query}`);
    await attached(page);
    await page.click("#generate");
    await page.waitForFunction(() => document.querySelector('output[name="hj_fx"]').value === "1001", null, { timeout: 60000 });
    const { rows, errors, warnings } = await verdict(page);
    assert.equal(rows, 1000);
    assert.deepEqual(errors, []);
    // www/register.js: OVERDUE = {3, 498, 996}, the page's rows 5, 500 and 998.
    assert.deepEqual(warnings, ["rows[3].deadline overdue", "rows[498].deadline overdue", "rows[996].deadline overdue"]);
    assert.equal(await output(page, "hj_yq"), "3");
    assert.equal(await output(page, "hj_zg"), "334");
    assert.equal(await output(page, "hj_wc"), "666");
    assert.deepEqual(problems, []);
    await page.close();
  });
}
