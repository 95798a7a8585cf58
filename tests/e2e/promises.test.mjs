// The module's promises to a portal (README "What the module promises"): no network access beyond
// its own files, no storage beyond the local draft.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, attached } from "./browser.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.stop());

test("promises: no request but the page's and the drop-in's own files; no storage but ssf-draft keys", async () => {
  const { page, problems } = await open(env, "/register.html");
  const requests = [];
  page.on("request", (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
  await page.reload();
  await attached(page);
  const row = (name, i) => page.locator(`[name="${name}[]"]`).nth(i);
  await row("yhms", 0).fill("围墙开裂");
  await page.click("#add-row");
  // A spreadsheet block (loads paste.js), then a reload with a draft to offer (loads drafts-offer.js).
  await row("yhms", 1).evaluate((el) => {
    const data = new DataTransfer();
    data.setData("text/plain", "消防通道堵塞\t北门\n灭火器过期\t食堂");
    el.focus();
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelectorAll('[name="yhms[]"]')[2]?.value === "灭火器过期");
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith("ssf-draft:")));
  await page.reload();
  await attached(page);
  await page.locator(".ssf-draft button").first().click();
  await page.waitForFunction(() => document.querySelectorAll('[name="yhms[]"]')[2]?.value === "灭火器过期");
  const own = /^GET \/(register\.html|register\.js|demo\.css|favicon\.ico|static\/ssf\/(attach\.js|paste\.js|drafts-offer\.js|forms_engine\.js|forms_engine_bg\.wasm))$/;
  assert.deepEqual(requests.filter((r) => !own.test(r)), [], "no other request");
  assert.ok(requests.includes("GET /static/ssf/paste.js") && requests.includes("GET /static/ssf/drafts-offer.js"), "the parts on demand loaded when needed");
  const storage = await page.evaluate(async () => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    cookies: document.cookie,
    databases: (await indexedDB.databases?.())?.length ?? 0,
  }));
  assert.ok(storage.local.length > 0 && storage.local.every((k) => k.startsWith("ssf-draft:")), JSON.stringify(storage));
  assert.deepEqual([storage.session, storage.cookies, storage.databases], [[], "", 0]);
  assert.deepEqual(problems, []);
  await page.close();
});
