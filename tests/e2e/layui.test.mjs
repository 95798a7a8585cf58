// The layui portal (www/layui.html + www/layui-page.js): layui 2.x from node_modules draws its own
// select and radio widgets over hidden native controls (a select changed with jQuery's .val(), no
// native event), campus rows come and go with the page's own buttons, and the form is sent with
// $.ajax from form.on('submit(tijiao)'), which returns false. The drop-in comes in with a field map.
// Every test also fails on a console error or a CSP violation (the page's CSP adds 'unsafe-eval'
// for layui itself, see scripts/serve.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, messages } from "./browser.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.stop());

const field = (page, name) => page.locator(`[name="${name}"]`);
/** layui's widget for a select: the element layui put right after it. */
const widget = (page, name) => page.locator(`[name="${name}"] + .layui-form-select`);

async function openLayui() {
  const opened = await open(env, "/layui.html");
  await opened.page.waitForSelector("#jcqd[data-ssf-initialised]");
  const posts = [];
  opened.page.on("request", (r) => r.method() === "POST" && posts.push([...new URLSearchParams(r.postData() ?? "")]));
  return { ...opened, posts };
}

/** Chooses an option the way an officer does: opens layui's select widget and clicks the option. */
async function choose(page, name, value) {
  await widget(page, name).locator(".layui-select-title").click();
  await widget(page, name).locator(`dd[lay-value="${value}"]`).click();
}

/** Answers a yes/no item through layui's radio widget. */
const answer = (page, name, value) => page.locator(`[name="${name}"][value="${value}"] + .layui-form-radio`).click();

/** Everything an acceptable checklist needs, through the widgets (but the names in `skip`). */
async function fillAll(page, skip = []) {
  await field(page, "xxmc").fill("鹿城区测试小学");
  await field(page, "zyfzr").fill("王建国");
  await field(page, "dz").fill("温州市鹿城区学院中路1号");
  await field(page, "lxdh").fill("0577-88880000");
  if (!skip.includes("bxlx")) await choose(page, "bxlx", "走读");
  await field(page, "xq[0][rs]").fill("800");
  await field(page, "xq[0][ba]").fill("2");
  for (let n = 1; n <= 18; n++) if (!skip.includes(`x${n}`)) await answer(page, `x${n}`, "是");
  await field(page, "bjcdw").fill("王建国");
  await field(page, "jcry").fill("张三、李四");
  await field(page, "jcrq").fill("2021-06-22");
}

/** Presses layui's submit button and waits for its status line to give this attempt's outcome. */
async function submit(page) {
  await page.evaluate(() => {
    const status = document.querySelector("#status");
    window.__outcome = new Promise((done) => {
      setTimeout(() => done(`no outcome in 10 s: "${status.textContent}"`), 10000);
      const observer = new MutationObserver(() => {
        if (!/错误|已报送|失败/.test(status.textContent)) return;
        observer.disconnect();
        done(status.textContent);
      });
      observer.observe(status, { childList: true, characterData: true, subtree: true });
    });
  });
  await page.click("#tijiao");
  return page.evaluate(() => window.__outcome);
}

/** The shown message box following `el` (as [code…]), or null when the next element is not one. */
const boxAfter = (locator) =>
  locator.evaluate((el) => {
    const next = el.nextElementSibling;
    return next?.classList.contains("ssf-message") && !next.hidden ? [...next.querySelectorAll("[data-ssf-code]")].map((l) => l.dataset.ssfCode) : null;
  });

test("layui: a select chosen through layui's widget reaches the engine, by mouse and by keyboard (its required message clears)", async () => {
  const { page, problems } = await openLayui();
  await submit(page); // every required message shows
  assert.deepEqual(await boxAfter(widget(page, "bxlx")), ["required"], "请填写学校类型 beside the widget");
  await choose(page, "bxlx", "寄宿");
  assert.equal(await field(page, "bxlx").inputValue(), "寄宿", "layui set the hidden select");
  await page.waitForFunction(() => !document.querySelector('[name="bxlx"]').hasAttribute("aria-invalid"));
  assert.deepEqual(await messages(field(page, "bxlx")), [], "the engine has the choice: no message");
  assert.equal(await boxAfter(widget(page, "bxlx")), null);
  // The engine uses it: a boarding school of 500 needs more guards than a day school.
  await field(page, "xq[0][rs]").fill("500");
  assert.equal(await field(page, "xq[0][yp]").inputValue(), "4");
  await choose(page, "bxlx", "走读");
  await page.waitForFunction(() => document.querySelector('[name="xq[0][yp]"]').value === "2");
  // Keyboard: the widget's own input, arrow to an option, Enter (a jQuery-triggered click: no DOM event).
  await page.evaluate(() => document.querySelector("#jcqd").reset());
  await page.waitForTimeout(100);
  await submit(page);
  assert.deepEqual(await boxAfter(widget(page, "bxlx")), ["required"]);
  await widget(page, "bxlx").locator(".layui-select-title input").focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !document.querySelector('[name="bxlx"]').hasAttribute("aria-invalid"));
  assert.notEqual(await field(page, "bxlx").inputValue(), "");
  assert.equal(await boxAfter(widget(page, "bxlx")), null);
  assert.deepEqual(problems, []);
  await page.close();
});

test("layui: messages sit after the widget the officer sees (a select's, a radio group's last), never inside it; every error has a visible one", async () => {
  const { page, problems } = await openLayui();
  await submit(page);
  // The select: hidden control, then layui's widget, then the message.
  const select = await page.evaluate(() => {
    const s = document.querySelector('[name="bxlx"]');
    const box = document.getElementById(s.getAttribute("aria-describedby"));
    return { widgetFirst: s.nextElementSibling.classList.contains("layui-form-select"), boxAfterWidget: s.nextElementSibling.nextElementSibling === box, insideWidget: !!box.closest(".layui-form-select") };
  });
  assert.deepEqual(select, { widgetFirst: true, boxAfterWidget: true, insideWidget: false });
  // A radio group: 是 widget, 否 radio, 否 widget, then the message (after the group's last widget).
  const radios = await page.evaluate(() => {
    const [yes, no] = document.querySelectorAll('[name="x2"]');
    const box = document.getElementById(no.getAttribute("aria-describedby"));
    return {
      sameBox: yes.getAttribute("aria-describedby") === no.getAttribute("aria-describedby"),
      order: [yes, yes.nextElementSibling, no, no.nextElementSibling, box].map((e) => e.className || e.value),
    };
  });
  assert.equal(radios.sameBox, true);
  assert.deepEqual(radios.order, ["是", "layui-unselect layui-form-radio", "否", "layui-unselect layui-form-radio", "ssf-message"]);
  // A hidden control never blocks without a message the officer can see.
  const unseen = await page.evaluate(() =>
    [...document.querySelectorAll("#jcqd [name]")]
      .filter((el) => el.validationMessage || el.getAttribute("aria-invalid") === "true")
      .filter((el) => !(el.getAttribute("aria-describedby") || "").split(" ").some((id) => document.getElementById(id)?.checkVisibility()))
      .map((el) => el.name),
  );
  assert.deepEqual(unseen, []);
  assert.ok(await page.locator(".ssf-message:not([hidden])").count() > 20);
  assert.deepEqual(problems, []);
  await page.close();
});

test("layui: a browser submit (requestSubmit, a plain submit button) with only widget-covered controls unanswered is stopped by the drop-in, messages beside the widgets, no 'not focusable' failure", async () => {
  const { page, problems, posts } = await openLayui();
  await fillAll(page, ["bxlx", "x5"]); // a select and a radio group left unanswered; every text field right
  await page.evaluate(() => document.querySelector("#jcqd").requestSubmit()); // not layui's button: a real submit
  await page.waitForSelector(".ssf-summary:not([hidden])");
  assert.equal(posts.length, 0, "the browser did not post");
  assert.equal(new URL(page.url()).pathname, "/layui.html");
  assert.deepEqual(await boxAfter(widget(page, "bxlx")), ["required"]);
  assert.deepEqual(await boxAfter(page.locator('[name="x5"][value="否"] + .layui-form-radio')), ["required"]);
  assert.equal(await page.locator(".ssf-summary a").count(), 2, "the summary lists both, as links");
  // The link to the select takes the officer to layui's widget (its input), not the hidden select.
  await page.locator(".ssf-summary a", { hasText: "学校类型" }).click();
  assert.equal(await page.evaluate(() => document.activeElement.closest(".layui-form-select")?.previousElementSibling?.name), "bxlx");
  assert.deepEqual(problems, [], "no console error (Chromium logs one for each invalid control it cannot focus)");
  await page.close();
});

test("layui: form.render() (the portal's, or layui's own after a reset) leaves exactly one widget per select and radio while messages show", async () => {
  const { page, problems } = await openLayui();
  const counts = () =>
    page.evaluate(() => {
      const controls = [...document.querySelectorAll("#jcqd select, #jcqd input[type=radio]")];
      return {
        controls: controls.length,
        widgets: document.querySelectorAll("#jcqd .layui-form-select, #jcqd .layui-form-radio").length,
        eachFollowed: controls.every((c) => /layui-form-(select|radio)/.test(c.nextElementSibling?.className) && !/layui-form-(select|radio)/.test(c.nextElementSibling.nextElementSibling?.className)),
      };
    });
  const initial = await counts();
  assert.equal(initial.widgets, initial.controls);
  await page.click("#add-campus"); // a second campus row: its select drawn by the page's form.render(select)
  await submit(page);
  assert.ok(await page.locator('[name="xq[1][lx]"] + .layui-form-select + .ssf-message, [name="bxlx"] + .layui-form-select + .ssf-message').count() > 0);
  await page.evaluate(() => layui.form.render()); // a portal redraws (after loading options, say)
  assert.deepEqual(await counts(), { controls: initial.controls + 1, widgets: initial.controls + 1, eachFollowed: true });
  assert.deepEqual(await boxAfter(widget(page, "bxlx")), ["required"], "the message is still beside the new widget");
  // The redrawn widget still reaches the engine.
  await choose(page, "bxlx", "寄宿");
  await page.waitForFunction(() => !document.querySelector('[name="bxlx"]').hasAttribute("aria-invalid"));
  // Reset: layui redraws 50 ms later, the drop-in clears its messages.
  await page.click("#chongzhi");
  await page.waitForTimeout(150);
  assert.deepEqual(await counts(), { controls: initial.controls + 1, widgets: initial.controls + 1, eachFollowed: true });
  await submit(page);
  await page.evaluate(() => layui.form.render());
  assert.deepEqual(await counts(), { controls: initial.controls + 1, widgets: initial.controls + 1, eachFollowed: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test("layui: form.on('submit') is held back by controller.validate() while an error stands, then $.ajax posts exactly the portal's names with the computed values", async () => {
  const { page, problems, posts } = await openLayui();
  await fillAll(page);
  await answer(page, "x7", "否"); // 防冲撞设施 not in place: item 7 goes into 第…条
  await field(page, "lxdh").fill("12345"); // not a phone number
  assert.match(await submit(page), /错误/);
  assert.equal(posts.length, 0, "nothing posted while an error stands");
  assert.equal((await messages(field(page, "lxdh")))[0]?.severity, "error");
  await field(page, "lxdh").fill("0577-88880000");
  await field(page, "zgqx").fill("2021-07-05");
  assert.equal(await submit(page), "已报送");
  assert.equal(posts.length, 1);
  const names = posts[0].map(([k]) => k);
  // layui's own form.getValue(): every named control in page order, unchecked radios left out.
  assert.deepEqual(names, [
    "xxmc", "zyfzr", "dz", "lxdh", "x1", "x2", "x3", "bxlx",
    "xq[0][mc]", "xq[0][rs]", "xq[0][ba]", "xq[0][lx]", "xq[0][yp]", "yphj", "x4", "x5", "x6", "x7", "x8",
    "zqrs", "zb_tk", "zb_dp", "zb_bx", "zb_st", "zb_jg", "zb_dt", "zb_pw", "zb_gc", "x9",
    "spbc", "spwc", "gzhf", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18",
    "wtxh", "zgqx", "bjcdw", "jcry", "jcrq",
  ]);
  const posted = Object.fromEntries(posts[0]);
  assert.equal(posted["xq[0][yp]"], "2", "computed: guards required for 800 at a day school");
  assert.equal(posted.yphj, "2");
  assert.equal(posted.wtxh, "7", "computed: the items with problems");
  assert.equal(posted.x7, "否");
  assert.equal(posted.bxlx, "走读");
  assert.equal(await page.locator("#answer tr", { hasText: "wtxh" }).locator("td").nth(1).textContent(), "7", "the server's answer is shown");
  assert.deepEqual(problems, []);
  await page.close();
});

test("layui: a campus row added with the page's button is validated, its layui select reaches the engine, and removal renumbers", async () => {
  const { page, problems, posts } = await openLayui();
  await fillAll(page);
  await page.click("#add-campus");
  assert.equal(await page.locator("#campuses tr").count(), 2);
  await field(page, "xq[1][mc]").fill("分校");
  await field(page, "xq[1][rs]").fill("300");
  await field(page, "xq[1][ba]").fill("1"); // a day campus of 300 needs 2
  assert.equal(await field(page, "xq[1][yp]").inputValue(), "2");
  assert.equal(await field(page, "yphj").inputValue(), "4");
  // The new row's layui select: a boarding campus of 300 needs 3.
  await choose(page, "xq[1][lx]", "寄宿");
  await page.waitForFunction(() => document.querySelector('[name="xq[1][yp]"]').value === "3");
  assert.equal(await field(page, "yphj").inputValue(), "5");
  assert.equal(await field(page, "jy4").evaluate((o) => o.value), "否", "suggested answer for item 4: too few guards");
  await field(page, "xq[1][rs]").fill("");
  assert.match(await submit(page), /错误/);
  assert.deepEqual((await messages(field(page, "xq[1][rs]"))).map((m) => m.code), ["required"]);
  assert.equal(posts.length, 0);
  // Remove the first campus: the page renumbers, 分校 becomes xq[0] with its own message.
  await page.locator(".remove-campus").first().click();
  assert.equal(await field(page, "xq[0][mc]").inputValue(), "分校");
  assert.deepEqual((await messages(field(page, "xq[0][rs]"))).map((m) => m.code), ["required"]);
  await field(page, "xq[0][rs]").fill("300");
  await field(page, "xq[0][ba]").fill("3");
  assert.equal(await field(page, "yphj").inputValue(), "3");
  assert.equal(await submit(page), "已报送");
  const posted = Object.fromEntries(posts[0]);
  assert.equal(posted["xq[0][lx]"], "寄宿");
  assert.equal(posted["xq[0][yp]"], "3");
  assert.equal(posted["xq[1][mc]"], undefined);
  assert.deepEqual(problems, []);
  await page.close();
});

test("layui: without the module the layui form still works and posts", async () => {
  const { page, problems } = await open(env, "/layui.html", { block: "**/static/ssf/**" });
  await page.waitForSelector("#jcqd .layui-form-select");
  await field(page, "xxmc").fill("无校验模块小学");
  await choose(page, "bxlx", "走读");
  assert.equal(await submit(page), "已报送");
  assert.equal(await page.locator("#answer tr", { hasText: "bxlx" }).locator("td").nth(1).textContent(), "走读");
  assert.equal(await page.locator("#jcqd[data-ssf-initialised]").count(), 0);
  assert.ok(problems.every((p) => /Failed to load resource|Failed to fetch dynamically imported module/.test(p)), JSON.stringify(problems));
  await page.close();
});
