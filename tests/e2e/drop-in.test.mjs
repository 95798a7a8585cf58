// The drop-in on the demo portal, in Debian's Chromium: what a school safety officer sees.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, attached } from "./browser.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.stop());

const value = (page, name) => page.locator(`[name="${name}"]`).inputValue();
const attr = (page, name, a) => page.locator(`[name="${name}"]`).getAttribute(a);
/** The text of the message elements a field's aria-describedby names. */
const described = (page, name) =>
  page.locator(`[name="${name}"]`).evaluate((el) =>
    (el.getAttribute("aria-describedby") || "").split(" ").filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? "").join(" "),
  );
const names = (page) => page.locator("#report").evaluate((f) => [...f.elements].filter((e) => e.name && e.tagName !== "BUTTON").map((e) => e.name));

const CATEGORIES = ["xsaq", "rqaq", "xyaf", "xfaq", "jtaq", "spaq", "sysaq", "zbhj"];

/** Fills a complete, valid report of 2021-06-22 (every row 0/0 but fire 5/2 with measures). */
async function fillValid(page) {
  await page.fill('[name="dwmc"]', "温州市第八高级中学");
  await page.fill('[name="tbrq"]', "2021年6月22日");
  for (const c of CATEGORIES) {
    await page.fill(`[name="${c}_fxs"]`, "0");
    await page.fill(`[name="${c}_yzz"]`, "0");
  }
  await page.fill('[name="xfaq_fxs"]', "５");
  await page.fill('[name="xfaq_yzz"]', "2");
  await page.fill('[name="xfaq_fkcs"]', "设置警示标志，专人看护");
  await page.fill('[name="tbr"]', "张小玲");
  await page.fill('[name="shr"]', "方文跃");
  await page.fill('[name="fgld"]', "王剑波");
}

test("typing found and fixed fills unfixed and the totals at once", async () => {
  const { page, problems } = await open(env, "/");
  await attached(page);
  await page.fill('[name="xfaq_fxs"]', "5");
  await page.fill('[name="xfaq_yzz"]', "2");
  assert.equal(await value(page, "xfaq_wzz"), "3");
  assert.equal(await value(page, "hj_fxs"), "5");
  assert.equal(await value(page, "hj_yzz"), "2");
  assert.equal(await value(page, "hj_wzz"), "3");
  assert.equal(await value(page, "zzl"), "40");
  await page.fill('[name="xsaq_fxs"]', "１２"); // full-width digits from a Chinese IME
  assert.equal(await value(page, "hj_fxs"), "", "a half-filled row leaves the totals unknown, never contradictory");
  await page.fill('[name="xsaq_yzz"]', "０");
  assert.equal(await value(page, "hj_fxs"), "17");
  assert.deepEqual(problems, []);
  await page.close();
});

test("fixed above found shows the message beside the field and marks it invalid", async () => {
  const { page } = await open(env, "/");
  await attached(page);
  await page.fill('[name="xfaq_fxs"]', "2");
  await page.fill('[name="xfaq_yzz"]', "3");
  assert.equal(await attr(page, "xfaq_yzz", "aria-invalid"), "true");
  const message = "消防安全·已整治隐患数不能多于发现隐患数（2）";
  assert.equal(await described(page, "xfaq_yzz"), message);
  assert.equal(await page.locator('[name="xfaq_yzz"]').evaluate((el) => el.validationMessage), message);
  // The message element follows the field and holds text, not markup.
  const id = await attr(page, "xfaq_yzz", "aria-describedby");
  assert.equal(await page.locator(`#${id}`).evaluate((el) => el.children.length && el.querySelector("*:not(span)") === null), true);
  await page.fill('[name="xfaq_yzz"]', "2");
  assert.equal(await attr(page, "xfaq_yzz", "aria-invalid"), null);
  assert.equal(await described(page, "xfaq_yzz"), "");
  await page.close();
});

test("submit is blocked while errors remain, then posts the page's own field names", async () => {
  const { page, problems } = await open(env, "/");
  await attached(page);
  const before = await names(page);
  await fillValid(page);
  await page.fill('[name="xfaq_yzz"]', "6");
  await page.click('button[type="submit"]');
  await page.waitForTimeout(300);
  assert.equal(new URL(page.url()).pathname, "/", "blocked: still on the form");
  assert.equal(await attr(page, "xfaq_yzz", "aria-invalid"), "true");

  await page.fill('[name="xfaq_yzz"]', "2");
  const posted = page.waitForRequest((r) => r.method() === "POST");
  await page.click('button[type="submit"]');
  const body = new URLSearchParams((await posted).postData());
  await page.waitForURL("**/submit");
  assert.deepEqual([...body.keys()], before, "exactly the fields the portal posted before");
  assert.equal(body.get("xfaq_wzz"), "3", "computed value in the portal's own field");
  assert.equal(body.get("hj_fxs"), "5");
  assert.equal(body.get("zzl"), "40");
  assert.deepEqual(problems, []);
  await page.close();
});

test("required fields wait for the officer: no message until touched or submitted", async () => {
  const { page } = await open(env, "/");
  await attached(page);
  assert.equal(await page.locator(".ssf-message").count(), 0, "a blank form starts quiet");
  await page.click('button[type="submit"]');
  await page.waitForTimeout(200);
  assert.equal(new URL(page.url()).pathname, "/");
  assert.match(await described(page, "dwmc"), /请填写学校（单位）/);
  await page.close();
});

test("a late report is a warning beside the date and does not block", async () => {
  const { page } = await open(env, "/?now=2021-06-22T16:30:00%2B08:00");
  await attached(page);
  await fillValid(page);
  assert.match(await described(page, "tbrq"), /应于 16:00 前报送/);
  assert.equal(await attr(page, "tbrq", "aria-invalid"), null);
  assert.equal(await page.locator('[name="tbrq"]').evaluate((el) => el.validationMessage), "");
  // A warning asks once: the first submit lists it in the summary (focused), the second sends.
  await page.click('button[type="submit"]');
  const summary = page.locator(".ssf-summary");
  await page.waitForFunction(() => document.activeElement?.classList.contains("ssf-summary"));
  assert.match(await summary.textContent(), /请核对以下提示，无误后再次报送/);
  assert.match(await summary.textContent(), /应于 16:00 前报送/);
  assert.equal(new URL(page.url()).pathname, "/");
  await page.click('button[type="submit"]');
  await page.waitForURL("**/submit");
  await page.close();
});

test("a late report submitted with Enter asks once too, and Enter again sends it", async () => {
  const { page } = await open(env, "/?now=2021-06-22T16:30:00%2B08:00");
  await attached(page);
  await fillValid(page);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.classList.contains("ssf-summary"));
  await page.focus('[name="fgld"]');
  await Promise.all([page.waitForURL("**/submit"), page.keyboard.press("Enter")]);
  await page.close();
});

test("the server time, not the office PC's clock, decides lateness", async () => {
  // Ten seconds before the deadline: room for filling the form on a loaded machine.
  const { page } = await open(env, "/?now=2021-06-22T15:59:50%2B08:00");
  await page.clock.setFixedTime(new Date("2030-01-01T12:00:00Z")); // a badly wrong PC clock
  await attached(page);
  const start = Date.now(); // the drop-in's clock starts at 15:59:50 about now
  await fillValid(page);
  await page.keyboard.press("Tab"); // leave the last field, as an officer does before reaching 报送
  assert.ok(Date.now() - start < 9000, "filled before 16:00 server time");
  assert.doesNotMatch(await described(page, "tbrq"), /逾时/);
  await page.waitForTimeout(Math.max(0, 11000 - (Date.now() - start))); // the page's monotonic clock passes 16:00 server time
  // Late is a warning: asked once (the summary says it), then the report goes (the page arrives
  // at the demo server's answer).
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => /逾时|应于 16:00 前报送/.test(document.querySelector(".ssf-summary")?.textContent ?? ""));
  await Promise.all([page.waitForURL("**/submit", { timeout: 15000 }), page.click('button[type="submit"]')]);
  await page.close();
});

test("IME composition is not validated until the characters are committed", async () => {
  const { page } = await open(env, "/");
  await attached(page);
  const field = page.locator('[name="xfaq_fxs"]');
  await field.evaluate((el) => {
    el.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true }));
    el.value = "shi'er";
    el.dispatchEvent(new InputEvent("input", { bubbles: true, isComposing: true }));
  });
  assert.equal(await described(page, "xfaq_fxs"), "", "pinyin being composed is not an error");
  await field.evaluate((el) => {
    el.value = "１２";
    el.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, data: "１２" }));
  });
  await page.fill('[name="xfaq_yzz"]', "0");
  assert.equal(await value(page, "hj_fxs"), "12");
  await page.close();
});

test("with the engine unreachable the form behaves exactly as before and still submits", async () => {
  // Without the .wasm alone the drop-in uses the engine's JavaScript build (fallback.test.mjs).
  const { page } = await open(env, "/", { block: /\.wasm$|\/js\/school_safety_forms\.js$/ });
  await page.waitForTimeout(500);
  assert.equal(await page.locator("form[data-ssf-initialised]").count(), 0);
  await page.fill('[name="xfaq_fxs"]', "2");
  await page.fill('[name="xfaq_yzz"]', "3");
  assert.equal(await value(page, "xfaq_wzz"), "");
  assert.equal(await page.locator(".ssf-message").count(), 0);
  const posted = page.waitForRequest((r) => r.method() === "POST");
  await page.click('button[type="submit"]');
  const body = new URLSearchParams((await posted).postData());
  assert.equal(body.get("xfaq_yzz"), "3");
  await page.close();
});

test("the drop-in adds nothing to window", async () => {
  const globals = async (options) => {
    const { page } = await open(env, "/", options);
    await page.waitForTimeout(500);
    const keys = await page.evaluate(() => Object.getOwnPropertyNames(window).sort());
    await page.close();
    return keys;
  };
  const without = await globals({ block: "**/attach.js" });
  const withDropIn = await globals();
  assert.deepEqual(withDropIn.filter((k) => !without.includes(k)), []);
});

test("a legacy portal with its own field names works with one script and a field map", async () => {
  const { page, problems } = await open(env, "/legacy.html");
  await attached(page);
  await page.fill('[name="xfaq_fxs"]', "5");
  await page.fill('[name="xfaq_yzz"]', "1");
  assert.equal(await value(page, "xfaq_wzz"), "4");
  // This portal lets the officer type the unfixed count: a wrong one is an error.
  await page.fill('[name="xfaq_wzz"]', "3");
  assert.equal(await attr(page, "xfaq_wzz", "aria-invalid"), "true");
  assert.match(await described(page, "xfaq_wzz"), /即 4/);
  // Attaching again returns the first attachment and adds no second set of messages.
  const same = await page.evaluate(async () => {
    const { attach } = await import("/static/ssf/attach.js");
    const form = document.querySelector("#report");
    return (await attach(form, { kind: "daily-report" })) === (await attach(form, { kind: "daily-report" }));
  });
  assert.equal(same, true);
  await page.fill('[name="xfaq_wzz"]', "4");
  assert.equal(await page.locator('[data-ssf-code="unfixed_mismatch"]').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a report that crosses 16:00 while being filled shows the late warning as the officer types", async () => {
  const { page } = await open(env, "/?now=2021-06-22T15:59:59%2B08:00");
  await attached(page);
  await page.fill('[name="tbrq"]', "2021-06-22");
  assert.doesNotMatch(await described(page, "tbrq"), /逾时/);
  await page.waitForTimeout(1500);
  await page.fill('[name="dwmc"]', "温州中学");
  assert.match(await described(page, "tbrq"), /逾时/);
  await page.close();
});

test("a draft restored by the portal's script, and a form reset, are picked up with sync", async () => {
  const { page } = await open(env, "/");
  await attached(page);
  await page.evaluate(async () => {
    const form = document.querySelector("#report");
    form.elements.xfaq_fxs.value = "4";
    form.elements.xfaq_yzz.value = "1";
    const { attach } = await import("/static/ssf/attach.js");
    (await attach(form)).sync();
  });
  assert.equal(await value(page, "xfaq_wzz"), "3");
  assert.equal(await value(page, "hj_fxs"), "4");
  await page.evaluate(() => document.querySelector("#report").reset());
  await page.waitForFunction(() => document.querySelector('[name="hj_fxs"]').value === "0");
  assert.equal(await value(page, "xfaq_wzz"), "");
  await page.close();
});

// ---------------------------------------------------------------- defects found by trying the pages

test("a save-draft button (暂存, formnovalidate) posts as it always did, errors or not", async () => {
  const { page } = await open(env, "/");
  await attached(page);
  await page.fill('[name="xfaq_fxs"]', "2");
  await page.fill('[name="xfaq_yzz"]', "3"); // an error
  await Promise.all([page.waitForURL("**/submit"), page.click('button[name="zc"]')]);
  const posted = await page.locator("#posted td:first-child").allTextContents();
  assert.ok(posted.includes("zc") && posted.includes("xfaq_yzz"));
  await page.close();
});

test("an editable computed field the officer empties and leaves shows the computed value again (legacy page)", async () => {
  const { page } = await open(env, "/legacy.html");
  await page.waitForSelector("#report[data-ssf-initialised]");
  await page.fill('[name="xfaq_fxs"]', "8");
  await page.fill('[name="xfaq_yzz"]', "5");
  await page.fill('[name="xfaq_wzz"]', "4");
  assert.match(await described(page, "xfaq_wzz"), /3/, "a typed 未整治 that is not 8 − 5 is an error");
  await page.fill('[name="xfaq_wzz"]', "");
  await page.locator('[name="xfaq_fkcs"]').focus(); // leaving the field fires change
  assert.equal(await value(page, "xfaq_wzz"), "3");
  assert.equal(await attr(page, "xfaq_wzz", "aria-invalid"), null);
  await page.close();
});

test("a field map naming a path the form lacks is reported through onError, and nothing is validated under it", async () => {
  const { page } = await open(env, "/legacy.html");
  const errors = await page.evaluate(async () => {
    const form = document.createElement("form");
    form.innerHTML = '<input name="dwmc"><input name="xfaq_fxs">';
    document.body.append(form);
    const { attach } = await import("/static/ssf/attach.js");
    const seen = [];
    const controller = await attach(form, { kind: "daily-report", fields: { dwmc: "unit", xfaq_fxs: "rows.fire.fond" }, onError: (e) => seen.push(String(e.message)) });
    return { seen, attached: controller !== null, invalid: form.querySelector('[name="xfaq_fxs"]').validationMessage };
  });
  assert.equal(errors.attached, true);
  assert.equal(errors.seen.length, 1);
  assert.match(errors.seen[0], /rows\.fire\.fond/);
  assert.equal(errors.invalid, "");
  await page.close();
});

test("a server time without an offset (as Java and PHP print it) is China time, whatever the PC's zone", async () => {
  const { page } = await open(env, "/?now=2021-06-22%2015:40:00"); // 15:40 in China, before 16:00
  await attached(page);
  await fillValid(page);
  await page.keyboard.press("Tab");
  assert.doesNotMatch(await described(page, "tbrq"), /逾时/);
  await page.close();
});

test("a form reset starts over: no message shows until the officer types or submits again", async () => {
  const { page } = await open(env, "/");
  await attached(page);
  await page.fill('[name="xfaq_fxs"]', "2");
  await page.fill('[name="xfaq_yzz"]', "3");
  await page.fill('[name="dwmc"]', "x");
  await page.fill('[name="dwmc"]', "");
  assert.ok((await page.locator(".ssf-message:not([hidden])").count()) > 0);
  await page.click('button[type="reset"]');
  await page.waitForFunction(() => document.querySelectorAll(".ssf-message:not([hidden])").length === 0);
  assert.equal(await attr(page, "xfaq_yzz", "aria-invalid"), null);
  await page.close();
});

test("computed values reach the page's own listeners (input and change events), as frameworks need", async () => {
  const { page } = await open(env, "/");
  await attached(page);
  await page.evaluate(() => {
    window.__seen = [];
    const el = document.querySelector('[name="xfaq_wzz"]');
    for (const type of ["input", "change"]) el.addEventListener(type, () => window.__seen.push(`${type}:${el.value}`));
  });
  await page.fill('[name="xfaq_fxs"]', "8");
  await page.fill('[name="xfaq_yzz"]', "5");
  assert.deepEqual(await page.evaluate(() => window.__seen), ["input:3", "change:3"]);
  await page.fill('[name="xfaq_yzz"]', "6"); // still the engine's field: it follows
  assert.equal(await value(page, "xfaq_wzz"), "2");
  await page.close();
});

test("a submit attempt with errors opens an error summary at the top, each entry a link to its field", async () => {
  const { page } = await open(env, "/");
  await attached(page);
  await page.fill('[name="xfaq_fxs"]', "2");
  await page.fill('[name="xfaq_yzz"]', "3");
  await page.click('button[type="submit"]');
  const summary = page.locator(".ssf-summary");
  assert.equal(await summary.isVisible(), true);
  // The browser refuses the submit itself (a custom validity stands); the summary takes the focus
  // instead of the browser's bubble on the first field (the GOV.UK pattern).
  await page.waitForFunction(() => document.activeElement?.classList.contains("ssf-summary"));
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.ssfPath), "unit", "Tab from the summary reaches its first link");
  assert.match(await summary.textContent(), /报送前请先修改以下问题/);
  const link = summary.locator('a[data-ssf-path="rows.fire.fixed"]');
  assert.match(await link.textContent(), /不能多于发现隐患数/);
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement.name), "xfaq_yzz");
  assert.equal(await page.locator(".ssf-summary a").count(), await page.locator("[aria-invalid=true]").count(), "one link per field in error");
  await fillValid(page);
  assert.equal(await summary.isVisible(), false, "every error put right: the summary closes");
  await page.close();
});

test("a second copy of the script, loaded under another URL, finds the first attachment and does nothing twice", async () => {
  const { page, problems } = await open(env, "/");
  await attached(page);
  const same = await page.evaluate(async () => {
    const second = await import("/static/ssf/attach.js?copy=2"); // its own module instance: attaches every data-ssf-form again on import
    const form = document.querySelector("#report");
    const a = await second.attach(form);
    const b = await second.attach(form);
    return a !== null && a === b && typeof a.validate === "function";
  });
  assert.equal(same, true);
  await page.fill('[name="xfaq_fxs"]', "2");
  await page.fill('[name="xfaq_yzz"]', "3");
  const boxes = await page.locator('[name="xfaq_yzz"]').evaluate((el) => (el.getAttribute("aria-describedby") || "").split(" ").filter(Boolean).length);
  assert.equal(boxes, 1, "one message box, not one per copy");
  assert.equal(await page.locator(".ssf-message:not([hidden])").count(), 1);
  await page.click('button[type="submit"]:not([formnovalidate])');
  await page.waitForSelector(".ssf-summary:not([hidden])");
  assert.equal(await page.locator(".ssf-summary").count(), 1, "one error summary");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a portal's own submit handler (fetch, jQuery) on a novalidate form never runs while an error stands, and warnings are asked once", async () => {
  const { page, problems } = await open(env, "/legacy.html?now=2021-06-22T16:30:00%2B08:00");
  await attached(page);
  // The portal's own AJAX submit, as legacy portals with jQuery-validate have it: novalidate, preventDefault, post by script.
  await page.evaluate(() => {
    window.__sent = 0;
    const form = document.querySelector("#report");
    form.noValidate = true;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      window.__sent++;
    });
  });
  await fillValid(page);
  await page.fill('[name="xfaq_yzz"]', "9"); // fixed above found
  await page.click('button[type="submit"]:not([formnovalidate])');
  await page.waitForFunction(() => document.activeElement?.classList.contains("ssf-summary"));
  assert.equal(await page.evaluate(() => window.__sent), 0, "held back while the error stands");
  await page.fill('[name="xfaq_yzz"]', "2");
  await page.click('button[type="submit"]:not([formnovalidate])'); // the late warning: asked once
  await page.waitForFunction(() => /请核对以下提示/.test(document.querySelector(".ssf-summary")?.textContent ?? ""));
  assert.equal(await page.evaluate(() => window.__sent), 0);
  await page.click('button[type="submit"]:not([formnovalidate])');
  assert.equal(await page.evaluate(() => window.__sent), 1, "sent once the warning was seen");
  assert.deepEqual(problems, []);
  await page.close();
});

test("controller.ready() for portals that send by script: false while an error stands, asks once about warnings, then true", async () => {
  const { page } = await open(env, "/?now=2021-06-22T16:30:00%2B08:00");
  await attached(page);
  await fillValid(page);
  await page.fill('[name="xfaq_yzz"]', "9");
  const answers = await page.evaluate(async () => {
    const { attach } = await import("/static/ssf/attach.js?copy=ready"); // the page's own attachment
    const c = await attach(document.querySelector("#report"));
    const out = [await c.ready(), document.activeElement.classList.contains("ssf-summary")];
    const el = document.querySelector('[name="xfaq_yzz"]');
    el.value = "2";
    el.dispatchEvent(new Event("input", { bubbles: true }));
    out.push(await c.ready(), /请核对以下提示/.test(document.querySelector(".ssf-summary").textContent), await c.ready());
    return out;
  });
  assert.deepEqual(answers, [false, true, false, true, true]);
  await page.close();
});
