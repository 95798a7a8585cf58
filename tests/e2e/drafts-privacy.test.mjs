// Drafts that a stranger at the same PC cannot read (issue 24): personal values (names, resident
// IDs, phone numbers) never reach any storage in readable or decodable form, sealed with the
// portal's per-session key when it gives one and left out when it does not; drafts expire and go at
// logout; a draft that does not open is discarded with one onError, never shown.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { submit as submitBy, completeDaily } from "./drafts-submit.mjs";
import { start, open, attached, residentId } from "./browser.mjs";
import { everyStorage, readings } from "./storage.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.stop());

const KEY_ZHANG = "sess-zhang-7c1f9a2e4b6d8035"; // what a portal's server derives per login session
const KEY_ZHANG_NEXT = "sess-zhang-0d3b5e7f9a1c2468"; // zhang's next session
const KEY_LI = "sess-li-5a7c9e1b3d5f7092a4";
const GUARD = "王建国";
const ID = residentId("33030219880512301");
const SECRETS = [GUARD, ID];

const field = (page, name) => page.locator(`[name="${name}"]`);
const notice = (page) => page.locator(".ssf-draft");
const draftKeys = (page) => page.evaluate(() => [localStorage, sessionStorage].flatMap((s) => Object.keys(s).filter((k) => k.startsWith("ssf-draft:"))));
/** Waits until a draft is written (sealing is asynchronous, so for a value to be in it, wait for the
 *  record to change after typing). */
const savedAfter = async (page, before) =>
  page.waitForFunction((old) => {
    const all = [localStorage, sessionStorage].flatMap((s) => Object.keys(s).filter((k) => k.startsWith("ssf-draft:")).map((k) => s.getItem(k)));
    return all.length > 0 && all.join("\n") !== old;
  }, before ?? "");
const records = (page) => page.evaluate(() => [localStorage, sessionStorage].flatMap((s) => Object.keys(s).filter((k) => k.startsWith("ssf-draft:")).map((k) => s.getItem(k))).join("\n"));
/** Right after the last keystroke: waits for the save it schedules (half a second later), so a
 *  sealed draft holds that keystroke too (sealing is asynchronous, and may not finish on the way
 *  out of a page). */
const saved = async (page) => savedAfter(page, await records(page));

function assertNoSecret(text, where) {
  for (const secret of SECRETS) for (const reading of readings(text)) assert.ok(!reading.includes(secret), `${where} holds ${secret === ID ? "the resident ID" : "the guard's name"}`);
}

/** Fills the check-up validly, one guard with a name and resident ID. */
async function fillCheckup(page) {
  await field(page, "tbdw").fill("温州市鹿城区教育局");
  await field(page, "tbsj").fill("2021-06-22");
  await field(page, "xxmc").fill("温州市第八高级中学");
  await field(page, "pcs").fill("五马派出所");
  await page.selectOption('[name="szqy"]', "城区");
  for (const name of ["fbgl", "bjjr", "spjr", "fcz"]) await page.check(`[name="${name}"][value="是"]`);
  await page.selectOption('[name="bjan"]', "有效");
  await page.selectOption('[name="hxg"]', "治安岗");
  await field(page, "guard[0][xm]").fill(GUARD);
  await page.selectOption('[name="guard[0][cz]"]', "是");
  await field(page, "guard[0][sfz]").fill(ID);
}

/** Submits by the form's own button: `{posted}` or `{held}` (drafts-submit.mjs). */
const submit = (page, selector = 'button[type="submit"]') => submitBy(page, selector);

test("drafts without a key: the next user finds no personal value of the first in any storage, and the first is told what to type again", async () => {
  const { page, problems } = await open(env, "/checkup.html?user=zhang");
  await attached(page);
  await fillCheckup(page);
  await field(page, "tbdw").fill(""); // a failed submit: 填报单位 is required
  const held = await submit(page);
  assert.match(held.held ?? "", /填报单位/);
  await savedAfter(page); // a draft without a key is written at once when the page goes
  assertNoSecret(await everyStorage(page), "zhang's own storage");
  await page.reload();
  await attached(page);
  await notice(page).waitFor();
  assertNoSecret(await everyStorage(page), "storage after a reload");
  // Another portal user at the same browser.
  await page.goto(env.base + "/checkup.html?user=li");
  await attached(page);
  await field(page, "xxmc").fill("李四的学校");
  await saved(page);
  assertNoSecret(await everyStorage(page), "li's view of the storage");
  assert.equal(await notice(page).count(), 0, "li is offered nothing of zhang's");
  // zhang again: every value but the personal ones, and the notice names those.
  await page.goto(env.base + "/checkup.html?user=zhang");
  await attached(page);
  await notice(page).waitFor();
  const text = await notice(page).textContent();
  assert.match(text, /请重新填写：保安员姓名（第1行）、身份证号码（第1行）/);
  assertNoSecret(text, "the notice");
  await notice(page).getByRole("button", { name: "恢复草稿" }).click();
  await page.waitForFunction(() => document.querySelector('[name="xxmc"]').value === "温州市第八高级中学");
  assert.equal(await field(page, "pcs").inputValue(), "五马派出所");
  assert.equal(await field(page, "guard[0][cz]").inputValue(), "是");
  assert.equal(await field(page, "guard[0][xm]").inputValue(), "", "the name was never stored");
  assert.equal(await field(page, "guard[0][sfz]").inputValue(), "");
  assert.match(await notice(page).textContent(), /草稿已恢复。请重新填写未随草稿保存的个人信息：保安员姓名（第1行）、身份证号码（第1行）/);
  assert.equal(await page.evaluate(() => document.activeElement?.name), "guard[0][xm]", "the focus is in the first field to type again");
  // Restored and retyped, the form is held back only by what is still wrong, then posts.
  const again = await submit(page);
  assert.match(again.held ?? "", /填报单位/, "the restored form is checked as it stands");
  await field(page, "tbdw").fill("温州市鹿城区教育局");
  await field(page, "guard[0][xm]").fill(GUARD);
  await field(page, "guard[0][sfz]").fill(ID);
  const sent = await submit(page);
  assert.ok(sent.posted, JSON.stringify(sent));
  assert.ok(sent.posted.includes(ID) && sent.posted.includes("五马派出所"));
  assert.ok(!SECRETS.some((s) => page.url().includes(s) || page.url().includes(encodeURIComponent(s))), "nothing in the URL");
  for (const p of problems) assertNoSecret(p, "the console");
  await page.close();
});

test("drafts with the session's key: sealed whole, unreadable to the next user, every value back for the user whose key is supplied", async () => {
  const { page, problems } = await open(env, `/checkup.html?user=zhang&key=${KEY_ZHANG}`);
  await attached(page);
  await fillCheckup(page);
  await saved(page);
  const stored = await everyStorage(page);
  assertNoSecret(stored, "the sealed draft");
  assert.ok(!stored.includes("温州市第八高级中学"), "with a key nothing of the draft is readable, not only the personal fields");
  assert.ok(!stored.includes(KEY_ZHANG), "the key itself is never stored");
  await page.goto(env.base + `/checkup.html?user=li&key=${KEY_LI}`);
  await attached(page);
  await field(page, "xxmc").fill("李四的学校");
  await saved(page);
  assertNoSecret(await everyStorage(page), "li's view of the storage");
  assert.equal(await notice(page).count(), 0);
  await page.goto(env.base + `/checkup.html?user=zhang&key=${KEY_ZHANG}`);
  await attached(page);
  await notice(page).waitFor();
  assert.doesNotMatch(await notice(page).textContent(), /重新填写/, "nothing was left out");
  await notice(page).getByRole("button", { name: "恢复草稿" }).click();
  await page.waitForFunction((id) => document.querySelector('[name="guard[0][sfz]"]').value === id, ID);
  assert.equal(await field(page, "guard[0][xm]").inputValue(), GUARD);
  assert.equal(await field(page, "xxmc").inputValue(), "温州市第八高级中学");
  assert.equal(await field(page, "guard[0][csrq]").inputValue(), "1988-05-12", "computed again from the restored ID");
  assert.equal(await page.locator('[name="fbgl"][value="是"]').isChecked(), true);
  assert.deepEqual(problems, []); // before the post: the demo's echo page has no icon, Chromium asks for one
  const sent = await submit(page);
  assert.ok(sent.posted?.includes(ID), JSON.stringify(sent));
  await page.close();
});

test("drafts: a draft under another session's key, or altered, is discarded with one onError and never shown", async () => {
  const { page, problems } = await open(env, `/checkup.html?user=zhang&key=${KEY_ZHANG}`);
  await attached(page);
  await fillCheckup(page);
  await saved(page);
  // zhang's next login session: another key.
  const heard = page.waitForEvent("console", (m) => /drafts:/.test(m.text()));
  await page.goto(env.base + `/checkup.html?user=zhang&key=${KEY_ZHANG_NEXT}`);
  await attached(page);
  assert.match((await heard).text(), /discarded unread: it does not open with this session's draft key/);
  await page.waitForFunction(() => Object.keys(localStorage).every((k) => !k.startsWith("ssf-draft:")));
  // The officer types on: a fresh draft under the new key, and no second word about the old one.
  await field(page, "guard[0][xm]").fill(GUARD);
  await saved(page);
  assert.equal(await notice(page).count(), 0, "never shown");
  assert.equal(await field(page, "xxmc").inputValue(), "", "nothing of it put back");
  assert.equal(problems.filter((p) => /drafts:/.test(p)).length, 1, JSON.stringify(problems));
  for (const p of problems) assertNoSecret(p, "the onError message");
  // Altered: one byte of the sealed text changed.
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("ssf-draft:"));
    const record = JSON.parse(localStorage.getItem(key));
    const at = record.data.length >> 1;
    record.data = record.data.slice(0, at) + (record.data[at] === "A" ? "B" : "A") + record.data.slice(at + 1);
    localStorage.setItem(key, JSON.stringify(record));
  });
  const heardAgain = page.waitForEvent("console", (m) => /drafts:/.test(m.text()));
  await page.goto(env.base + `/checkup.html?user=zhang&key=${KEY_ZHANG_NEXT}`);
  await attached(page);
  assert.match((await heardAgain).text(), /discarded unread/);
  await page.waitForFunction(() => Object.keys(localStorage).every((k) => !k.startsWith("ssf-draft:")));
  // A plain draft put where this session's drafts are sealed (by a script on the origin, say).
  await field(page, "pcs").fill("五马派出所");
  await saved(page);
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("ssf-draft:"));
    const { exp } = JSON.parse(localStorage.getItem(key));
    localStorage.setItem(key, JSON.stringify({ v: 2, exp, savedAt: "2021-06-22T07:40:00.000Z", values: { school: "假的学校" }, rows: {} }));
  });
  const planted = page.waitForEvent("console", (m) => /drafts:/.test(m.text()));
  await page.reload();
  await attached(page);
  assert.match((await planted).text(), /not sealed with this session's draft key/);
  await field(page, "pcs").fill("五马派出所");
  await saved(page);
  assert.equal(await notice(page).count(), 0);
  await page.close();
});

test("drafts with a key: a native post that arrived removes the sealed draft when the officer next opens the form afresh", async () => {
  const { page } = await open(env, `/legacy.html?key=${KEY_ZHANG}`);
  await attached(page);
  await page.fill('[name="dwmc"]', "温州市第八高级中学");
  await page.fill('[name="tbr"]', "张小玲");
  await saved(page);
  await completeDaily(page);
  const sent = await submit(page);
  assert.ok(sent.posted?.includes("tbr张小玲"), JSON.stringify(sent));
  await page.goto(env.base + `/legacy.html?key=${KEY_ZHANG}`); // a fresh visit: the post arrived
  await attached(page);
  await page.waitForFunction(() => Object.keys(localStorage).every((k) => !k.startsWith("ssf-draft:")));
  assert.equal(await notice(page).count(), 0);
  await page.close();
});

test("drafts expire: a check-up's after a week, a daily report's at the end of its day, by the portal's server time", async () => {
  const { page } = await open(env, "/checkup.html?user=zhang&now=2021-06-22T15:40:00%2B08:00");
  await attached(page);
  await field(page, "xxmc").fill("温州市第八高级中学");
  await saved(page);
  await page.goto(env.base + "/checkup.html?user=zhang&now=2021-06-29T15:30:00%2B08:00"); // within the week
  await attached(page);
  await notice(page).waitFor();
  await page.goto(env.base + "/checkup.html?user=zhang&now=2021-06-29T15:41:00%2B08:00"); // a week and a minute on
  await attached(page);
  await page.waitForFunction(() => Object.keys(localStorage).every((k) => !k.startsWith("ssf-draft:")));
  assert.equal(await notice(page).count(), 0);
  // The daily report: the day's report only.
  await page.goto(env.base + "/?user=zhang&now=2021-06-22T15:40:00%2B08:00");
  await attached(page);
  await field(page, "dwmc").fill("温州市第八高级中学");
  await saved(page);
  await page.goto(env.base + "/?user=zhang&now=2021-06-22T23:59:00%2B08:00");
  await attached(page);
  await notice(page).waitFor();
  await page.goto(env.base + "/?user=zhang&now=2021-06-23T00:00:00%2B08:00");
  await attached(page);
  await page.waitForFunction(() => Object.keys(localStorage).every((k) => !k.startsWith("ssf-draft:")));
  assert.equal(await notice(page).count(), 0);
  await page.close();
});

test("drafts: clearDrafts({ user }) at logout removes that user's drafts at once, and the page writes none again", async () => {
  const { page } = await open(env, `/checkup.html?user=li&key=${KEY_LI}`);
  await attached(page);
  await field(page, "xxmc").fill("李四的学校");
  await saved(page);
  await page.goto(env.base + `/checkup.html?user=zhang&key=${KEY_ZHANG}`);
  await attached(page);
  await fillCheckup(page);
  await saved(page);
  assert.equal((await draftKeys(page)).length, 2);
  // The portal's logout link: one line in its own script.
  const removed = await page.evaluate(() => import("/static/ssf/attach.js").then(({ clearDrafts }) => clearDrafts({ user: "zhang" })));
  assert.equal(removed, 1);
  await field(page, "pcs").fill("五马派出所"); // typing after the logout is not saved
  await page.goto(env.base + `/checkup.html?user=zhang&key=${KEY_ZHANG}`); // the page goes: no draft written on the way out
  await attached(page);
  assert.equal((await draftKeys(page)).length, 1, "li's draft stays");
  await page.goto(env.base + `/checkup.html?user=li&key=${KEY_LI}`);
  await attached(page);
  await notice(page).waitFor();
  await page.goto(env.base + `/checkup.html?user=zhang&key=${KEY_ZHANG}`);
  await attached(page);
  await field(page, "xxmc").fill("x"); // a save after attach: the offer, had there been one, came first
  await saved(page);
  assert.equal(await notice(page).count(), 0);
  await page.close();
});

test("drafts: a form without a user keeps its draft for the tab only (sessionStorage)", async () => {
  const context = await env.browser.newContext(); // one browser profile, two tabs
  const page = await context.newPage();
  await page.goto(env.base + "/register.html");
  await attached(page);
  // A form attached without a user, as a portal that gives none.
  await page.evaluate(async () => {
    const form = document.createElement("form");
    form.id = "anonymous";
    form.innerHTML = '<input name="dw">';
    document.querySelector("main").append(form);
    const { attach } = await import("/static/ssf/attach.js");
    await attach(form, { kind: "risk-register", fields: { dw: "unit" } });
  });
  await page.locator("#anonymous input").fill("某某学校");
  await page.waitForFunction(() => Object.keys(sessionStorage).some((k) => k.startsWith("ssf-draft:")));
  const local = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("ssf-draft:")).map((k) => localStorage.getItem(k)).join());
  assert.ok(!local.includes("某某学校"), "not in localStorage");
  // A new tab of the same browser (a new session storage) is offered nothing.
  const other = await context.newPage();
  await other.goto(env.base + "/register.html");
  assert.equal(await other.evaluate(() => Object.keys(sessionStorage).length), 0);
  await context.close();
});

test("drafts: forms whose controls are named id, name, action, method, elements and submit keep a draft each, restored and posted", async () => {
  const { page, problems } = await open(env, `/named-controls.html?user=zhang&key=${KEY_ZHANG}`);
  await page.waitForFunction(() => document.querySelectorAll("form[data-ssf-initialised]").length === 2);
  const a = page.locator("#report-a");
  const b = page.locator('form[name="report-b"]');
  await a.locator('[name="name"]').fill("温州市第八高级中学");
  await a.locator('[name="tbr"]').fill("张小玲");
  await saved(page);
  await b.locator('[name="name"]').fill("温州市第九高级中学");
  // One draft per form, not one shared by every form with an `id` control.
  await page.waitForFunction(() => Object.keys(localStorage).filter((k) => k.startsWith("ssf-draft:")).length === 2);
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll("form[data-ssf-initialised]").length === 2);
  await a.locator(".ssf-draft").waitFor();
  await b.locator(".ssf-draft").waitFor();
  await a.locator(".ssf-draft").getByRole("button", { name: "恢复草稿" }).click();
  await page.waitForFunction(() => document.querySelector('#report-a [name="tbr"]').value === "张小玲");
  assert.equal(await a.locator('[name="name"]').inputValue(), "温州市第八高级中学");
  assert.equal(await b.locator('[name="name"]').inputValue(), "", "the other form's draft stays on offer, not restored");
  // Completed and sent: the portal's own hidden controls go with it, untouched.
  await a.locator('[name="tbrq"]').fill("2021-06-22");
  for (const c of ["xsaq", "rqaq", "xyaf", "xfaq", "jtaq", "spaq", "sysaq", "zbhj"]) {
    await a.locator(`[name="${c}_fxs"]`).fill("0");
    await a.locator(`[name="${c}_yzz"]`).fill("0");
  }
  await a.locator('[name="shr"]').fill("方文跃");
  await a.locator('[name="fgld"]').fill("王剑波");
  assert.deepEqual(problems, []); // before the post: the demo's echo page has no icon, Chromium asks for one
  const sent = await submit(page, '#report-a button[name="submit"]');
  assert.ok(sent.posted, JSON.stringify(sent));
  for (const part of ["id1001", "actionsave", "methodreport", "elementsall", "name温州市第八高级中学", "tbr张小玲"]) assert.ok(sent.posted.includes(part), `${part} posted`);
  await page.close();
});
