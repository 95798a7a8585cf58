// No injection on any demo page: script-bearing text typed into every text field (and pasted as a
// spreadsheet block into the register) is validated and shown as text, never run or rendered. The
// portal-stack pages are included: layui (its own templating, laytpl, is in the page) and Vue with
// Element Plus, where a `{{…}}` expression would run if anything compiled user text as a template.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { start, open, attached } from "./browser.mjs";

const PAYLOADS = [
  "<img src=x onerror=window.__pwned=1>",
  "<script>window.__pwned=1</script>",
  "javascript:window.__pwned=1",
  '"><svg onload=window.__pwned=1>',
  "{{constructor.constructor('window.__pwned=1')()}}",
  "{{constructor.constructor('alert(1)')()}}",
  "${alert(1)}{{= alert(1) }}{{ alert(1) }}",
];
const PAGES = ["/", "/legacy.html", "/checklist.html", "/checkup.html", "/register.html", "/react.html", "/layui.html", "/vue.html", "/element-ui.html", "/jquery.html", "/named-controls.html"];

let env;
before(async () => {
  // The React and Vue pages are bundled from www/react/ and www/vue/.
  execFileSync(process.execPath, [fileURLToPath(new URL("../../scripts/build-demo.mjs", import.meta.url))], { stdio: "ignore" });
  env = await start();
});
after(async () => env?.stop());

/** Elements that could run or load something, inside the page's forms. */
const active = (page) => page.evaluate(() => [...document.querySelectorAll("form")].reduce((n, f) => n + f.querySelectorAll("img, svg, script, iframe, object, embed").length, 0));

for (const path of PAGES) {
  test(`no injection through any text field on ${path}`, async () => {
    const { page, problems } = await open(env, path);
    const dialogs = []; // alert(1) run by anything would open one
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    await attached(page);
    const before = await active(page);
    // A submit attempt must not leave the page: the drop-in and browser run their checks, then we stop it.
    await page.evaluate(() => document.addEventListener("submit", (e) => e.preventDefault()));
    const fields = page.locator("form input:not([type]), form input[type=text], form input[type=search], form input[type=tel], form input[type=number], form input[type=date], form textarea");
    const count = await fields.count();
    assert.ok(count > 0, "the page has text fields");
    let typed = 0;
    for (let i = 0; i < count; i++) {
      const field = fields.nth(i);
      if (!(await field.isVisible()) || !(await field.isEditable())) continue;
      const type = await field.getAttribute("type");
      if (type === "number" || type === "date") continue; // the browser refuses text there
      await field.fill(PAYLOADS[i % PAYLOADS.length]);
      await field.blur();
      typed++;
    }
    assert.ok(typed > 0, "typed into some fields");
    if (path === "/register.html") {
      const block = [PAYLOADS.join("\t"), PAYLOADS.slice().reverse().join("\t")].join("\r\n") + "\r\n";
      await page.locator('[name="yhms[]"]').first().evaluate((el, text) => {
        const data = new DataTransfer();
        data.setData("text/plain", text);
        el.focus();
        el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      }, block);
    }
    await page.evaluate(() => {
      for (const form of document.querySelectorAll("form")) form.requestSubmit();
    });
    await page.waitForTimeout(200);
    const state = await page.evaluate(() => ({
      pwned: window.__pwned,
      polluted: ({}).polluted,
      messages: document.querySelectorAll(".ssf-message").length,
      // Message boxes hold text, or the drop-in's own span.ssf-line lines holding only text.
      bad: [...document.querySelectorAll(".ssf-message")].flatMap((box) =>
        [...box.children].filter((c) => !(c.tagName === "SPAN" && c.classList.contains("ssf-line") && c.children.length === 0)).map((c) => c.outerHTML),
      ),
      url: location.pathname,
    }));
    assert.equal(state.pwned, undefined, "window.__pwned was set");
    assert.deepEqual(dialogs, [], "alert() ran");
    assert.equal(state.polluted, undefined);
    assert.deepEqual(state.bad, [], "element children in a message box");
    assert.ok(state.messages > 0, "the hostile text was validated and answered");
    assert.equal(await active(page), before, "img/svg/script added inside a form");
    assert.equal(state.url, path === "/" ? "/" : path, "still on the page");
    assert.deepEqual(problems, []);
    await page.close();
  });
}
