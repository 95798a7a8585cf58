// A portal's own variant of a form, as data: the daily report with a 整改资金（万元） column
// (www/definition.html, data-ssf-definition naming www/forms/daily-report-wenzhou-funds.json,
// the JSON `ssf define` makes of the spreadsheet forms/variants/daily-report-wenzhou-funds.xlsx
// when it is there). It behaves as a built-in kind does: the message beside the field, the computed
// total, the error summary, the submit gate, and what is posted.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, attached, messages } from "./browser.mjs";
import { send } from "./drafts-submit.mjs";
import { VALID, posted } from "./fills.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.stop());

test("definition: the funds column is required while hazards remain unfixed, summed into 合计, and shown in the summary", async () => {
  const { page, problems } = await open(env, "/definition.html");
  await attached(page);
  // Everything valid except the funds of the row with unfixed hazards (消防 5 found, 2 fixed).
  for (const [name, value] of Object.entries(VALID)) await page.fill(`[name="${name}"]`, value);
  await page.fill('[name="rqaq_fxs"]', "2");
  await page.fill('[name="rqaq_yzz"]', "2");
  await page.fill('[name="rqaq_zgzj"]', "1.5");
  for (const c of ["xsaq", "xyaf", "jtaq", "spaq", "sysaq", "zbhj"]) await page.fill(`[name="${c}_zgzj"]`, "0");
  const fire = page.locator('[name="xfaq_zgzj"]');
  await page.locator('[name="xfaq_fkcs"]').focus();
  await fire.focus();
  await page.locator('[name="tbr"]').focus(); // leaving the blank funds field shows its message
  await page.waitForFunction(() => document.querySelector('[name="xfaq_zgzj"]').getAttribute("aria-invalid") === "true");
  assert.deepEqual(await messages(fire), [{ code: "required", severity: "error", text: "请填写消防安全·整改资金（万元）" }]);
  assert.equal(await page.locator('[name="hj_zgzj"]').inputValue(), "", "no total while a row's funds are missing");

  const held = await send(page, 'button[type="submit"]:not([formnovalidate])');
  assert.ok(held.held?.includes("请填写消防安全·整改资金（万元）"), JSON.stringify(held));

  await fire.fill("2.25");
  await page.waitForFunction(() => document.querySelector('[name="hj_zgzj"]').value === "3.75");
  assert.equal(await fire.getAttribute("aria-invalid"), null);
  assert.equal(await page.locator('[name="xfaq_wzz"]').inputValue(), "3");
  assert.equal(await page.locator('[name="hj_fxs"]').inputValue(), "7");

  const sent = await send(page, 'button[type="submit"]:not([formnovalidate])');
  assert.ok(sent.pairs, JSON.stringify(sent));
  assert.equal(posted(sent.pairs, "xfaq_zgzj"), "2.25");
  assert.equal(posted(sent.pairs, "hj_zgzj"), "3.75");
  assert.equal(posted(sent.pairs, "xfaq_wzz"), "3");
  assert.deepEqual(problems, []);
  await page.close();
});

test("definition: the variant's own rule speaks in its own words, as a warning asked once before sending", async () => {
  const { page, problems } = await open(env, "/definition.html");
  await attached(page);
  for (const [name, value] of Object.entries(VALID)) await page.fill(`[name="${name}"]`, value);
  for (const c of ["xsaq", "rqaq", "xyaf", "jtaq", "spaq", "sysaq", "zbhj"]) await page.fill(`[name="${c}_zgzj"]`, "0");
  // 整改资金 over the variant's cap ($param.funds_cap, 50 万元): its own code funds_over_cap.
  const fire = page.locator('[name="xfaq_zgzj"]');
  await fire.fill("80");
  await page.locator('[name="tbr"]').focus();
  await page.waitForFunction(() => document.querySelector('[name="xfaq_zgzj"]').getAttribute("aria-describedby"));
  assert.deepEqual(await messages(fire), [
    { code: "funds_over_cap", severity: "warning", text: "消防安全·整改资金（万元）超过50万元，请核实金额和单位" },
  ]);
  assert.equal(await fire.getAttribute("aria-invalid"), null, "a warning does not mark the field invalid");
  await page.waitForFunction(() => document.querySelector('[name="hj_zgzj"]').value === "80");

  const sent = await send(page, 'button[type="submit"]:not([formnovalidate])');
  assert.ok(sent.pairs, JSON.stringify(sent));
  assert.equal(posted(sent.pairs, "xfaq_zgzj"), "80");
  assert.deepEqual(problems, []);
  await page.close();
});

test("definition: a daily-report variant's draft ends with its day, as the built-in daily report's does", async () => {
  const draftKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("ssf-draft:")));
  const { page } = await open(env, "/definition.html?user=zhang&now=2021-06-22T15:40:00%2B08:00");
  await attached(page);
  await page.fill('[name="dwmc"]', "温州市第八高级中学");
  await page.locator('[name="tbr"]').focus();
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith("ssf-draft:")));
  await page.goto(env.base + "/definition.html?user=zhang&now=2021-06-22T23:59:00%2B08:00");
  await attached(page);
  await page.locator(".ssf-draft").waitFor();
  await page.goto(env.base + "/definition.html?user=zhang&now=2021-06-23T00:00:00%2B08:00");
  await attached(page);
  await page.waitForFunction(() => Object.keys(localStorage).every((k) => !k.startsWith("ssf-draft:")));
  assert.deepEqual(await draftKeys(page), []);
  assert.equal(await page.locator(".ssf-draft").count(), 0);
  await page.close();
});

test("definition: a definition that cannot be fetched leaves the form as it was", async () => {
  const { page, problems } = await open(env, "/definition.html", { block: "**/forms/*.json" });
  await page.waitForTimeout(500);
  assert.equal(await page.locator("form[data-ssf-initialised]").count(), 0);
  assert.equal(await page.locator(".ssf-summary").count(), 0);
  assert.ok(problems.some((p) => p.includes("school-safety-forms")), JSON.stringify(problems));
  await page.close();
});
