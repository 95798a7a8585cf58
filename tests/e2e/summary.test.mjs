// The error summary (GOV.UK pattern) on every demo page, whatever the stack: a submit attempt with
// errors opens it at the top of the form and focuses it; each link moves the focus to its field.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, attached } from "./browser.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.stop());

/** Each page and its own submit button (the React portal's is a type="button" asking validate()). */
export const STACK_PAGES = [
  ["/", 'button[type="submit"]:not([formnovalidate])'],
  ["/legacy.html", 'button[type="submit"]:not([formnovalidate])'],
  ["/checklist.html", 'button[type="submit"]'],
  ["/checkup.html", 'button[type="submit"]'],
  ["/register.html", 'button[type="submit"]'],
  ["/react.html", "#submit"],
];

for (const [path, submit] of STACK_PAGES) {
  test(`summary: ${path}: a refused submit focuses the error summary, and its links focus their fields`, async () => {
    const { page, problems } = await open(env, path);
    await attached(page);
    await page.click(submit);
    await page.waitForFunction(() => document.activeElement?.classList.contains("ssf-summary"));
    const summary = page.locator(".ssf-summary");
    assert.ok(await summary.evaluate((el) => el === el.closest("form").firstElementChild || el.closest("form").firstElementChild.classList.contains("ssf-draft")), "at the top of the form");
    const links = summary.locator("a[data-ssf-path]");
    assert.ok((await links.count()) > 0);
    for (const i of [0, (await links.count()) - 1]) {
      await links.nth(i).click();
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        const box = el.getBoundingClientRect();
        return { tag: el.tagName, invalid: el.getAttribute("aria-invalid"), visible: box.top >= 0 && box.bottom <= innerHeight };
      });
      assert.match(focused.tag, /^(INPUT|SELECT|TEXTAREA)$/, JSON.stringify(focused));
      assert.equal(focused.invalid, "true");
      assert.equal(focused.visible, true, "scrolled into view");
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
}
