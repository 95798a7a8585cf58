// The jQuery 3 + Bootstrap 3 + jquery-validation portal (www/jquery.html + www/jquery-page.js): a
// page that already validates with jquery-validation (its rules on some fields, run when a field is
// left and on submit; it writes aria-invalid="false" on every field it looks at), guard rows copied
// with jQuery's .clone() and renumbered, the form sent with $.ajax from jquery-validation's
// submitHandler. The drop-in comes in with a field map. Coexistence: the drop-in's aria-invalid
// survives jquery-validation's, a field shows one message, a submit posts once. Every test fails on
// a console error or a CSP violation (the demo's strict CSP), and every test that fills the form
// submits it and checks what the demo server received.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, messages, residentId } from "./browser.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.stop());

const field = (page, name) => page.locator(`[name="${name}"]`);

async function openPage() {
  const opened = await open(env, "/jquery.html");
  await opened.page.waitForSelector("#checkup[data-ssf-initialised]");
  const posts = [];
  opened.page.on("request", (r) => r.method() === "POST" && posts.push([...new URLSearchParams(r.postData() ?? "")]));
  return { ...opened, posts };
}

/** Resolves after two animation frames: whatever a blur's handlers (jquery-validation's, the
 *  drop-in's) and the microtasks and tasks they queued have done is done by then. */
const settled = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(done), 0))));

async function fillHead(page) {
  await field(page, "tbdw").fill("南京市玄武区教育局");
  await field(page, "tbsj").fill("2021-06-22");
  await field(page, "xxmc").fill("玄武区测试小学");
  await field(page, "pcs").fill("梅园新村派出所");
  await field(page, "szqy").selectOption("城区");
  await field(page, "bjan").selectOption("有效");
  // Leaving a field may remove a message above the radios (jquery-validation's, once it has shown
  // its own): the radios are clicked once the page has stopped moving.
  await page.evaluate(() => document.activeElement?.blur());
  await settled(page);
  for (const name of ["fbgl", "bjjr", "spjr", "fcz"]) await page.locator(`[name="${name}"][value="是"]`).check();
  await field(page, "hxg").selectOption("治安岗");
}

async function fillGuard(page, i, name, id) {
  await field(page, `guard[${i}][xm]`).fill(name);
  await field(page, `guard[${i}][cz]`).selectOption("是");
  await field(page, `guard[${i}][sfz]`).fill(id);
}

/** Presses the page's submit button; resolves to the status line once this attempt has an outcome
 *  (posted, failed), or to "held" once the drop-in or jquery-validation stopped the submit. */
async function submit(page) {
  await page.evaluate(() => {
    const status = document.querySelector("#status");
    status.textContent = "";
    window.__outcome = new Promise((done) => {
      setTimeout(() => done(`no outcome in 10 s: "${status.textContent}"`), 10000);
      const observer = new MutationObserver(() => {
        if (!/已报送|失败/.test(status.textContent)) return;
        observer.disconnect();
        done(status.textContent);
      });
      observer.observe(status, { childList: true, characterData: true, subtree: true });
      // A submit stopped (by the drop-in or by jquery-validation) before the portal's submitHandler
      // ran: prevented, and no status line. (Capture on the window: first to hear it.)
      window.addEventListener("submit", (e) => setTimeout(() => e.defaultPrevented && !status.textContent && done("held"), 0), { once: true, capture: true });
    });
  });
  await page.click("#tijiao");
  return page.evaluate(() => window.__outcome);
}

/** The messages shown for a control: the drop-in's lines and jquery-validation's visible label. */
const shownFor = (locator) =>
  locator.evaluate((el) => {
    const ours = (el.getAttribute("aria-describedby") || "")
      .split(" ")
      .map((id) => document.getElementById(id))
      .filter((box) => box?.classList.contains("ssf-message") && box.checkVisibility())
      .flatMap((box) => [...box.querySelectorAll("[data-ssf-code]")].map((l) => l.textContent));
    const theirs = [...el.closest("td, .form-group").querySelectorAll(".help-block")].filter((l) => l.checkVisibility() && l.textContent.trim()).map((l) => l.textContent);
    return [...ours, ...theirs];
  });

const BAD_CHECK_DIGIT = (id) => id.slice(0, 17) + (id[17] === "1" ? "2" : "1");

test("jquery-validation: a bad ID check digit in a guard row copied with .clone() keeps aria-invalid=\"true\" after blur (jquery-validation writes \"false\"), the red outline and one message; fixed, the form posts once", async () => {
  const { page, problems, posts } = await openPage();
  await fillHead(page);
  await fillGuard(page, 0, "李建国", residentId("32010219750301123"));
  await page.click("#add-guard");
  await page.waitForSelector('[name="guard[1][xm]"]');
  const id = residentId("32010219850715123");
  await fillGuard(page, 1, "张伟", BAD_CHECK_DIGIT(id));
  const sfz = field(page, "guard[1][sfz]");
  await sfz.press("Tab"); // jquery-validation checks the field it leaves and marks it aria-invalid="false"
  await settled(page);
  assert.equal(await sfz.getAttribute("aria-invalid"), "true", "announced as invalid after jquery-validation's blur");
  assert.deepEqual((await messages(sfz)).map((m) => [m.code, m.severity]), [["bad_check_digit", "error"]]);
  assert.equal((await shownFor(sfz)).length, 1, `one message: ${JSON.stringify(await shownFor(sfz))}`);
  const outline = await sfz.evaluate((el) => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineColor];
  });
  assert.deepEqual(outline, ["solid", "rgb(176, 0, 32)"], "the drop-in's red outline on the unfocused field");
  assert.equal(await submit(page), "held");
  assert.equal(posts.length, 0, "held back while the check digit is wrong");
  // Put right: the message goes, the form posts once, through jquery-validation's submitHandler.
  await sfz.fill(id);
  await sfz.press("Tab");
  await page.waitForFunction(() => document.querySelector('[name="guard[1][sfz]"]').getAttribute("aria-invalid") !== "true");
  assert.deepEqual(await messages(sfz), []);
  assert.equal(await field(page, "guard[1][csrq]").inputValue(), "1985-07-15");
  assert.equal(await submit(page), "已报送");
  assert.equal(posts.length, 1, "one submit, one post");
  const posted = Object.fromEntries(posts[0]);
  assert.equal(posted["guard[1][sfz]"], id);
  assert.equal(posted["guard[1][nl]"], "35");
  assert.equal(posted["guard[0][nl]"], "46");
  assert.equal(posted.ba_zs, "2");
  assert.equal(posted.ba_cz, "2");
  assert.equal(await page.locator("#answer tr", { hasText: "guard[1][csrq]" }).locator("td").nth(1).textContent(), "1985-07-15");
  assert.deepEqual(problems, []);
  await page.close();
});

test("jquery-validation: aria-invalid set by the drop-in survives every blur jquery-validation runs, on its own ruled fields too, and clears only when the value is right", async () => {
  const { page, problems, posts } = await openPage();
  await fillHead(page);
  // 2021-02-30 passes jquery-validation's dateISO (a pattern), not the calendar: the drop-in's error.
  const tbsj = field(page, "tbsj");
  await tbsj.fill("2021-02-30");
  await tbsj.press("Tab");
  await settled(page);
  assert.equal(await tbsj.getAttribute("aria-invalid"), "true");
  assert.equal((await shownFor(tbsj)).length, 1);
  // Focused and left again without a change: jquery-validation runs again, the drop-in's state stays.
  await tbsj.focus();
  await tbsj.press("Tab");
  await settled(page);
  assert.equal(await tbsj.getAttribute("aria-invalid"), "true");
  await tbsj.fill("2021-06-22");
  await tbsj.press("Tab");
  await page.waitForFunction(() => document.querySelector('[name="tbsj"]').getAttribute("aria-invalid") !== "true");
  await fillGuard(page, 0, "李建国", residentId("32010219750301123"));
  assert.equal(await submit(page), "已报送");
  assert.equal(posts.length, 1);
  assert.equal(Object.fromEntries(posts[0]).tbsj, "2021-06-22");
  assert.deepEqual(problems, []);
  await page.close();
});

// The "no double messages" where the page's own rule and the drop-in's refuse the same value
// (jquery-validation's 只能输入数字 and the drop-in's 年龄须填写数字): while the page's message shows,
// the drop-in's box stays hidden; its custom validity and aria-invalid stay.
test("jquery-validation: a value both validators refuse (an age that is not a number) shows one message, and a blank required field one message after a submit", async () => {
  const { page, problems, posts } = await openPage();
  assert.equal(await submit(page), "held");
  assert.equal(posts.length, 0);
  for (const name of ["tbdw", "xxmc", "pcs"]) assert.equal((await shownFor(field(page, name))).length, 1, `${name}: ${JSON.stringify(await shownFor(field(page, name)))}`);
  await fillHead(page);
  await field(page, "guard[0][xm]").fill("李建国");
  await field(page, "guard[0][cz]").selectOption("是");
  const age = field(page, "guard[0][nl]");
  await age.fill("四十");
  await age.press("Tab");
  await settled(page);
  assert.equal(await age.getAttribute("aria-invalid"), "true");
  assert.equal((await shownFor(age)).length, 1, `one message: ${JSON.stringify(await shownFor(age))}`);
  assert.equal(await submit(page), "held");
  assert.equal(posts.length, 0);
  await age.fill("40");
  await age.press("Tab");
  await page.waitForFunction(() => document.querySelector('[name="guard[0][nl]"]').getAttribute("aria-invalid") !== "true");
  assert.equal(await submit(page), "已报送");
  assert.equal(posts.length, 1);
  assert.equal(Object.fromEntries(posts[0])["guard[0][nl]"], "40");
  assert.deepEqual(problems, []);
  await page.close();
});

test("jquery-validation: a restored draft (guard rows made by the page's .clone() button) is checked and posts once", async () => {
  const { page, problems, posts } = await openPage();
  await fillHead(page);
  await fillGuard(page, 0, "李建国", residentId("32010219750301123"));
  await page.click("#add-guard");
  await page.waitForSelector('[name="guard[1][xm]"]');
  await fillGuard(page, 1, "张伟", residentId("32010219850715123"));
  await page.reload(); // the draft is saved as the page is left
  await page.waitForSelector("#checkup[data-ssf-initialised]");
  await page.locator(".ssf-draft").getByRole("button", { name: "恢复草稿" }).click();
  await page.waitForSelector('[name="guard[1][cz]"]');
  await page.waitForFunction(() => document.querySelector('[name="guard[1][cz]"]').value === "是");
  assert.equal(await field(page, "xxmc").inputValue(), "玄武区测试小学");
  assert.equal(await page.locator('[name="fcz"][value="是"]').isChecked(), true);
  // Names and ID numbers are personal information, kept out of a draft without the portal's draft key: typed again.
  await fillGuard(page, 0, "李建国", residentId("32010219750301123"));
  await fillGuard(page, 1, "张伟", BAD_CHECK_DIGIT(residentId("32010219850715123")));
  assert.equal(await submit(page), "held");
  assert.equal(posts.length, 0, "a wrong check digit typed after the restore is held back");
  assert.deepEqual((await messages(field(page, "guard[1][sfz]"))).map((m) => m.code), ["bad_check_digit"]);
  await field(page, "guard[1][sfz]").fill(residentId("32010219850715123"));
  await page.waitForFunction(() => document.querySelector('[name="guard[1][sfz]"]').getAttribute("aria-invalid") !== "true");
  assert.equal(await submit(page), "已报送");
  assert.equal(posts.length, 1);
  const posted = Object.fromEntries(posts[0]);
  assert.deepEqual([posted.xxmc, posted.fcz, posted["guard[0][nl]"], posted["guard[1][nl]"], posted["guard[1][cz]"], posted.ba_zs], ["玄武区测试小学", "是", "46", "35", "是", "2"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("jquery-validation: without the module the page works as before: jquery-validation's rules, then one $.ajax post", async () => {
  const { page, problems, posts } = await open(env, "/jquery.html", { block: "**/static/ssf/**" }).then(async (o) => {
    const posts = [];
    o.page.on("request", (r) => r.method() === "POST" && posts.push([...new URLSearchParams(r.postData() ?? "")]));
    await o.page.waitForFunction(() => "validator" in (window.jQuery ?? {}));
    return { ...o, posts };
  });
  assert.equal(await submit(page), "held");
  assert.ok(await page.locator("#f-tbdw ~ .help-block:visible").count(), "jquery-validation's own message");
  await fillHead(page);
  assert.equal(await submit(page), "已报送");
  assert.equal(posts.length, 1);
  assert.equal(Object.fromEntries(posts[0]).xxmc, "玄武区测试小学");
  assert.equal(await page.locator("#checkup[data-ssf-initialised]").count(), 0);
  assert.ok(problems.every((p) => /Failed to load resource|Failed to fetch dynamically imported module/.test(p)), JSON.stringify(problems));
  await page.close();
});
