// Issue 24's "Done when", on every demo page: no name, resident ID or phone number (the fields
// describe() marks `personal`) is readable in localStorage, sessionStorage, IndexedDB (or cookies,
// Cache Storage), as is or decoded, after typing, a reload and a failed submit, with and without
// the portal's draft key (`?key=` on the demo pages); and with the key the draft restores every
// personal value. One browser page per demo page: first as user wang without a key, then as zhang
// with one (pages that give the drop-in no user keep their drafts for the tab, in sessionStorage).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { start, open } from "./browser.mjs";
import { storageParts, readable } from "./storage.mjs";
import { PAGES, noteSaves } from "./pages.mjs";

let env;
before(async () => {
  execFileSync(process.execPath, [fileURLToPath(new URL("../../scripts/build-demo.mjs", import.meta.url))], { stdio: "ignore" });
  env = await start();
});
after(async () => env?.stop());

const KEY = "sess-zhang-3e8b1d6f0a2c4957"; // the portal's per-session draft key (≥ 16 characters)

for (const spec of PAGES) {
  test(`drafts on ${spec.path}: no personal value readable in any storage after typing, a reload and a failed submit, with and without a key; with the key every one restored`, async (t) => {
    const secrets = [...Object.entries(spec.personal), ...(spec.also ?? []).map((v) => ["(computed)", v])];
    const join = (url, more) => url + (url.includes("?") ? "&" : "?") + more;
    const { page, problems } = await open(env, join(spec.path, "user=wang"), { init: noteSaves });
    const posts = [];
    page.on("request", (r) => r.method() === "POST" && posts.push(r.url()));
    const form = page.locator(spec.form);
    const field = (name) => form.locator(`[name="${name}"]`);
    const notice = form.locator(".ssf-draft");
    const attached = () => page.waitForFunction((n) => document.querySelectorAll("form[data-ssf-initialised]").length >= n, spec.forms ?? 1);
    const value = (name) => field(name).inputValue();

    /** Fails if any personal value can be read anywhere this origin stores things. */
    const assertUnreadable = async (when) => {
      for (const { where, text } of await storageParts(page))
        for (const [name, secret] of secrets) assert.ok(!readable(text, secret), `${spec.path} ${when}: ${where} holds ${name}'s value ${secret} readably: ${text.slice(0, 400)}`);
    };
    const typePersonal = async () => {
      for (const [name, v] of Object.entries(spec.personal)) await field(name).fill(v);
    };
    /** Fills the plain field and the personal ones, and waits for the debounced save of the last
     *  keystroke (a draft written at least 450 ms after the last input: each keystroke puts the save
     *  off to half a second after it). */
    const typeAll = async () => {
      await field(spec.plain[0]).fill(spec.plain[1]);
      await typePersonal();
      await page.waitForFunction(() => window.__lastDraft - window.__lastInput >= 450);
    };
    /** Restores the draft on offer and waits until the plain field is back; then the personal
     *  fields' values, by name. */
    const restore = async () => {
      await notice.getByRole("button", { name: "恢复草稿" }).click();
      await page.waitForFunction(([sel, name, v]) => document.querySelector(sel)?.querySelector(`[name="${name}"]`)?.value === v, [spec.form, ...spec.plain]);
      return Object.fromEntries(await Promise.all(Object.keys(spec.personal).map(async (name) => [name, await value(name)])));
    };
    /** Presses the page's submit button with the form invalid: held back, nothing posted. */
    const failedSubmit = async () => {
      await page.click(spec.submit);
      await page.waitForFunction(
        (sel) => document.querySelector(`${sel} .ssf-summary:not([hidden])`) || /错误/.test(document.querySelector("#status")?.textContent ?? ""),
        spec.form,
      );
      assert.deepEqual(posts, [], `${spec.path}: the invalid form is not posted`);
      assert.equal(new URL(page.url()).pathname, spec.path, "still on the form");
    };

    // Without a key: personal values are left out of the draft, typed again after the restore.
    await attached();
    await typeAll();
    await assertUnreadable("without a key, after typing");
    assert.ok((await storageParts(page)).some((p) => readable(p.text, spec.plain[1])), "a control: the draft is stored, its plain value readable without a key");
    await page.reload(); // the page going saves too
    await attached();
    await notice.waitFor();
    await assertUnreadable("without a key, after the reload");
    const text = await notice.textContent();
    assert.ok(!secrets.some(([, s]) => text.includes(s)), "the notice names fields, not values");
    assert.match(text, /请重新填写/, "the notice says which fields to type again");
    const plainRestore = await restore();
    assert.deepEqual(Object.values(plainRestore).filter(Boolean), [], "without a key no personal value was stored to restore");
    await typePersonal(); // the officer types them again
    await failedSubmit();
    await assertUnreadable("without a key, after a failed submit");
    await page.reload();
    await attached();
    await assertUnreadable("without a key, after the failed submit and a reload");

    // With the session's key: a fresh start, wang's draft removed (pages that give the drop-in no
    // user keep it for the tab, in the same sessionStorage slot, and offer it: loaded again then),
    // then the same steps.
    await page.goto(env.base + join(spec.path, `user=zhang&key=${KEY}`));
    await attached();
    const tabDraft = await page.evaluate(() => {
      const tab = Object.keys(sessionStorage).some((k) => k.startsWith("ssf-draft:"));
      for (const s of [localStorage, sessionStorage]) for (const k of Object.keys(s)) if (k.startsWith("ssf-draft:")) s.removeItem(k);
      return tab;
    });
    if (tabDraft) {
      await page.reload();
      await attached();
    }
    await typeAll();
    const sealed = await page.evaluate(() => Object.keys(localStorage).concat(Object.keys(sessionStorage)).filter((k) => k.startsWith("ssf-draft:")).map((k) => JSON.parse(localStorage.getItem(k) ?? sessionStorage.getItem(k))).every((r) => typeof r.data === "string" && !("values" in r)));
    await assertUnreadable("with a key, after typing");
    assert.ok(!(await storageParts(page)).some((p) => p.text.includes(KEY)), "the key itself is never stored");
    await page.reload();
    await attached();
    await notice.waitFor();
    await assertUnreadable("with a key, after the reload");
    const first = await restore();
    const firstMissing = Object.entries(spec.personal).filter(([name, v]) => first[name] !== v);
    if (firstMissing.length) await typePersonal(); // so the failed submit below has them in the form either way
    await failedSubmit();
    await assertUnreadable("with a key, after a failed submit");
    await page.reload();
    await attached();
    await notice.waitFor();
    await assertUnreadable("with a key, after the failed submit and a reload");
    const second = await restore();
    await assertUnreadable("with a key, after the restore");
    for (const p of problems) assert.ok(!secrets.some(([, s]) => p.includes(s)), `a personal value in the console: ${p}`);
    assert.deepEqual(problems, []);
    await page.close();

    await t.test(`${spec.path}: with the key supplied, the draft restores every personal value (after the reload, and after the failed submit)`, () => {
      const where = sealed ? "the draft was sealed" : "the draft was NOT sealed (plain JSON with personal values left out): the page does not hand the drop-in its draft key";
      assert.ok(sealed, `${spec.path}: with a key the whole draft is sealed (AES-GCM): ${where}`);
      assert.deepEqual(first, spec.personal, `${spec.path}, first restore with the key: ${where}`);
      assert.deepEqual(second, spec.personal, `${spec.path}, restore after the failed submit with the key: ${where}`);
    });
  });
}
