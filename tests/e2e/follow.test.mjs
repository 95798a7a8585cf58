// What is posted is what was checked (issue 20): whatever changed a control — a portal script
// setting `.value` without events, controller.sync() after a script fill, a pasted block, a page's
// own reset — the messages, custom validities, computed values and the submit gate follow what the
// controls hold. Every test that fills a form by such a path also submits it and reads what the
// demo server received (POST /submit echoes the posted fields).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, attached } from "./browser.mjs";
import { posts, posted, VALID, scriptFill, nativeFill } from "./fills.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.stop());

/** Every control the page posts that still carries a custom validity, with its message. */
const stale = (page) =>
  page.evaluate(() => [...document.querySelectorAll("form [name]")].filter((el) => el.validationMessage).map((el) => [el.name, el.validationMessage]));

for (const path of ["/", "/legacy.html"]) {
  test(`${path}: a form filled by a script without events submits, and the totals posted are the engine's`, async () => {
    const { page, problems } = await open(env, path);
    await attached(page);
    const sent = posts(page);
    await scriptFill(page, VALID);
    // Within a microtask the drop-in has read the writes: no 请填写… is left on a filled field.
    await page.waitForFunction(() => document.querySelector('[name="hj_fxs"]').value === "5");
    assert.deepEqual(await stale(page), []);
    await Promise.all([page.waitForURL("**/submit"), page.click('button[type="submit"]:not([formnovalidate])')]);
    const pairs = sent.at(-1);
    assert.equal(posted(pairs, "hj_fxs"), "5");
    assert.equal(posted(pairs, "hj_yzz"), "2");
    assert.equal(posted(pairs, "hj_wzz"), "3");
    assert.equal(posted(pairs, "xfaq_wzz"), "3");
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test("a script that sets an invalid value without events is held back with the engine's message (已整治 9 > 5, a 51-character 审核人)", async () => {
  const { page } = await open(env, "/legacy.html");
  await attached(page);
  const sent = posts(page);
  await scriptFill(page, { ...VALID, xfaq_yzz: "9" });
  await page.click('button[type="submit"]:not([formnovalidate])');
  await page.waitForFunction(() => document.activeElement?.classList.contains("ssf-summary"));
  assert.equal(sent.length, 0, "nothing posted while 已整治 > 发现隐患");
  assert.match(await page.locator(".ssf-summary").textContent(), /已整治隐患数不能多于发现隐患数|不能多于发现隐患数/);
  assert.equal(await page.locator('[name="xfaq_yzz"]').getAttribute("aria-invalid"), "true");
  // Put right by script again, then a 51-character 审核人: still held back, for the name now.
  await scriptFill(page, { xfaq_yzz: "2", shr: "方".repeat(51) });
  await page.click('button[type="submit"]:not([formnovalidate])');
  await page.waitForFunction(() => document.querySelector('[name="shr"]').getAttribute("aria-invalid") === "true");
  assert.equal(sent.length, 0);
  assert.equal(await page.locator('[name="xfaq_yzz"]').getAttribute("aria-invalid"), null, "the 已整治 message went with the value");
  await scriptFill(page, { shr: "方文跃" });
  await Promise.all([page.waitForURL("**/submit"), page.click('button[type="submit"]:not([formnovalidate])')]);
  assert.equal(posted(sent.at(-1), "shr"), "方文跃");
  await page.close();
});

test("the README's route: a portal script fills fields, controller.sync(), and the form is sent with the right totals", async () => {
  const { page } = await open(env, "/legacy.html");
  await attached(page);
  const sent = posts(page);
  // A native-setter write is seen by no accessor: sync() reads it, and the stale 请填写 validities
  // go with it.
  await nativeFill(page, { ...VALID, xfaq_fxs: "8", xfaq_yzz: "5" });
  await page.evaluate(async () => {
    const { attach } = await import("/static/ssf/attach.js");
    (await attach(document.querySelector("#report"))).sync();
  });
  assert.deepEqual(await stale(page), []);
  assert.equal(await page.locator('[name="hj_fxs"]').inputValue(), "8");
  await Promise.all([page.waitForURL("**/submit"), page.click('button[type="submit"]:not([formnovalidate])')]);
  assert.equal(posted(sent.at(-1), "hj_yzz"), "5");
  assert.equal(posted(sent.at(-1), "zzl"), "62.5");
  await page.close();
});

test("a native-setter fill with no sync() is still read before the browser checks the form: it submits", async () => {
  const { page } = await open(env, "/legacy.html");
  await attached(page);
  const sent = posts(page);
  await nativeFill(page, VALID);
  await Promise.all([page.waitForURL("**/submit"), page.click('button[type="submit"]:not([formnovalidate])')]);
  assert.equal(posted(sent.at(-1), "hj_fxs"), "5");
  await page.close();
});

test("controller.check() tells errors from warnings; ready() agrees", async () => {
  const { page } = await open(env, "/?now=2021-06-22T16:30:00%2B08:00"); // after 16:00: the late warning
  await attached(page);
  const out = await page.evaluate(async (values) => {
    for (const [name, value] of Object.entries(values)) document.querySelector(`[name="${name}"]`).value = value;
    const { attach } = await import("/static/ssf/attach.js");
    const c = await attach(document.querySelector("#report"));
    const first = await c.check();
    document.querySelector('[name="xfaq_yzz"]').value = "2";
    const second = await c.check(); // the warning, asked about once
    const third = await c.check();
    return [first, second, third].map((r) => ({ ok: r.ok, errors: r.errors.map((i) => i.code), warnings: r.warnings.map((i) => i.code) }));
  }, { ...VALID, xfaq_yzz: "9" });
  assert.equal(out[0].ok, false);
  assert.ok(out[0].errors.length > 0);
  assert.deepEqual(out[1], { ok: false, errors: [], warnings: out[1].warnings });
  assert.ok(out[1].warnings.length > 0, "the late report is a warning");
  assert.equal(out[2].ok, true, "a warning seen never blocks");
  await page.close();
});

test("the warnings summary looks like a warning and offers 仍要报送, which sends the form", async () => {
  const { page } = await open(env, "/?now=2021-06-22T16:30:00%2B08:00");
  await attached(page);
  const sent = posts(page);
  await scriptFill(page, VALID);
  await page.click('button[type="submit"]:not([formnovalidate])');
  await page.waitForFunction(() => document.querySelector(".ssf-summary.ssf-summary-warnings:not([hidden])"));
  assert.equal(sent.length, 0);
  await Promise.all([page.waitForURL("**/submit"), page.getByRole("button", { name: "仍要报送" }).click()]);
  assert.equal(posted(sent.at(-1), "dwmc"), VALID.dwmc);
  await page.close();
});

test("the error summary lists issues in form order", async () => {
  const { page } = await open(env, "/legacy.html");
  await attached(page);
  // The fire row's error arises first, the header's 请填写 only on the submit attempt.
  await page.fill('[name="xfaq_fxs"]', "2");
  await page.fill('[name="xfaq_yzz"]', "3");
  await page.click('button[type="submit"]:not([formnovalidate])');
  await page.waitForFunction(() => document.activeElement?.classList.contains("ssf-summary"));
  const order = await page.locator(".ssf-summary a").evaluateAll((links) => links.map((a) => a.dataset.ssfPath));
  const rank = await page.evaluate((paths) => {
    const els = [...document.querySelector("#report").elements];
    const fieldOf = { unit: "dwmc", report_date: "tbrq", filled_by: "tbr", reviewed_by: "shr", leader: "fgld" };
    return paths.map((p) => {
      const m = /^rows\.(\w+)\.(found|fixed|measures)$/.exec(p);
      const prefix = { school_buildings: "xsaq", gas: "rqaq", campus_security: "xyaf", fire: "xfaq", traffic: "jtaq", food_hygiene: "spaq", laboratory: "sysaq", surroundings: "zbhj" };
      const name = m ? `${prefix[m[1]]}_${{ found: "fxs", fixed: "yzz", measures: "fkcs" }[m[2]]}` : fieldOf[p];
      return els.findIndex((e) => e.name === name);
    });
  }, order);
  assert.ok(order.length > 5);
  assert.deepEqual(rank, [...rank].sort((a, b) => a - b), `summary in form order: ${order.join(", ")}`);
  await page.close();
});

test("register: a pasted block of valid rows submits, and each row's message names its row (第N行)", async () => {
  const { page } = await open(env, "/register.html");
  await attached(page);
  const sent = posts(page);
  await page.fill('[name="tbdw"]', "南京市第一中学");
  await page.fill('[name="tbsj"]', "2021-06-20");
  await page.fill('[name="jcr"]', "王强");
  await page.fill('[name="qzr"]', "李明");
  const rows = [
    ["城东派出所", "消防通道堆放杂物", "教学楼一楼", "消防安全", "2021-06-10", "清理杂物", "张三", "2021-06-30", "李四", "已完成", "2021-06-12", ""],
    ["城东派出所", "围墙破损", "操场东侧", "校园安防", "2021-06-11", "修补围墙", "王五", "2021-07-30", "李四", "正在整改中", "", "安排人员巡查"],
    ["城东派出所", "燃气管道老化", "食堂", "燃气安全", "2021-06-12", "更换管道", "赵六", "2021-07-15", "李四", "正在整改中", "", "每日检查"],
  ];
  const block = rows.map((r) => r.join("\t")).join("\r\n");
  await page.locator('[name="pcs[]"]').first().evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, block);
  await page.waitForFunction(() => document.querySelectorAll('[name="yhms[]"]').length >= 3 && document.querySelectorAll('[name="yhms[]"]')[2].value === "燃气管道老化");
  assert.deepEqual(await stale(page), [], "no pasted cell keeps a 请填写 of the blank row it was");
  await Promise.all([page.waitForURL("**/submit"), page.click('button[type="submit"]')]);
  const pairs = sent.at(-1);
  assert.deepEqual(pairs.filter(([n]) => n === "yhms[]").map(([, v]) => v), ["消防通道堆放杂物", "围墙破损", "燃气管道老化"]);
  await page.goBack();
  await attached(page);
  // A row's message names the row, beside the field and in the summary.
  await page.locator('[name="yhms[]"]').first().fill("x");
  await page.locator('[name="yhms[]"]').first().fill("");
  await page.locator('[name="pcs[]"]').first().focus();
  const box = await page.locator('[name="yhms[]"]').first().evaluate((el) => document.getElementById((el.getAttribute("aria-describedby") || "").split(" ")[0])?.textContent ?? "");
  assert.match(box, /^第1行：/);
  await page.close();
});

test("a malformed field map reaches onError naming the entry, and never throws inside the page", async () => {
  const { page } = await open(env, "/legacy.html");
  await attached(page);
  const out = await page.evaluate(async () => {
    const errors = [];
    const form = document.createElement("form");
    form.innerHTML = '<input name="a"><input name="b"><select name="zt"><option value="">-</option><option value="0">正在整改中</option><option value="1">已完成</option></select>';
    document.body.append(form);
    const { attach } = await import("/static/ssf/attach.js?copy=fieldmap");
    const c = await attach(form, {
      kind: "risk-register",
      onError: (e) => errors.push(e.message),
      fields: { a: { nope: 1 }, b: 42, zt: { path: "rows[0].status", values: { 0: "in_progress", 1: "done" } } },
    });
    form.querySelector("select").value = "1";
    const result = await c.validate();
    return { errors, attached: c !== null, codes: result.issues.filter((i) => i.path === "rows[0].status").map((i) => i.code) };
  });
  assert.equal(out.attached, true);
  assert.equal(out.errors.length, 2);
  assert.match(out.errors[0], /field map entry "a"/);
  assert.match(out.errors[1], /field map entry "b"/);
  assert.deepEqual(out.codes, [], "the portal's code 1 is read as done");
  await page.close();
});

test("register: a pasted category that names one option by part of its wording is taken (燃气 → 燃气安全); one that names none stays blank, quoted beside the select", async () => {
  const { page, problems } = await open(env, "/register.html");
  await attached(page);
  const row = (category) => ["城东派出所", "燃气管道老化", "食堂", category, "2021-06-12", "更换管道", "赵六", "2021-07-15", "李四", "正在整改中", "", "每日检查"].join("\t");
  await page.locator('[name="pcs[]"]').first().evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, [row("燃气"), row("燃气气")].join("\r\n"));
  await page.waitForFunction(() => document.querySelectorAll('[name="lb[]"]').length >= 2 && document.querySelectorAll('[name="yhms[]"]')[1].value !== "");
  const categories = await page.locator('[name="lb[]"]').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(categories.slice(0, 2), ["燃气安全", ""]);
  const note = await page.locator('[name="lb[]"]').nth(1).evaluate((el) =>
    (el.getAttribute("aria-describedby") || "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" "),
  );
  assert.match(note, /粘贴的“燃气气”不是可选项/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a total the engine cannot state says why beneath it; the measures message waits until the officer leaves 已整治 for it (or submits)", async () => {
  const { page, problems } = await open(env, "/");
  await attached(page);
  await page.fill('[name="xfaq_fxs"]', "5"); // 已整治 still blank: no totals
  const hint = () => page.locator('[name="hj_fxs"]').evaluate((el) => (el.getAttribute("aria-describedby") || "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" "));
  assert.match(await hint(), /有未填或有误的项目，填好后自动计算/);
  await page.locator('[name="xfaq_yzz"]').pressSequentially("2"); // the officer is still in 已整治
  const measures = () => page.locator('[name="xfaq_fkcs"]').evaluate((el) => (el.getAttribute("aria-describedby") || "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" "));
  assert.equal(await measures(), "", "not while the officer types 已整治");
  await page.locator('[name="xfaq_fkcs"]').focus();
  await page.locator('[name="tbr"]').focus(); // left blank
  assert.match(await measures(), /尚有 3 个隐患未整治/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a row removed with Enter on its 删除 button leaves the focus in the rows, not on <body>", async () => {
  const { page } = await open(env, "/register.html");
  await attached(page);
  await page.click("#add-row");
  await page.click("#add-row");
  await page.locator('[name="yhms[]"]').nth(1).fill("第二行");
  await page.locator(".remove-row").nth(1).focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll('[name="yhms[]"]').length === 2);
  const focused = await page.evaluate(() => [document.activeElement?.tagName, document.activeElement?.getAttribute("name")]);
  assert.notEqual(focused[0], "BODY");
  assert.equal(focused[1], "pcs[]", "the same column of the row that took its place");
  await page.close();
});

for (const path of ["/", "/legacy.html"]) {
  test(`${path} at a phone's 390 px does not scroll sideways, messages showing`, async () => {
    const { page } = await open(env, path);
    await page.setViewportSize({ width: 390, height: 800 });
    await attached(page);
    await page.fill('[name="xfaq_fxs"]', "2");
    await page.fill('[name="xfaq_yzz"]', "3"); // a message beside a narrow field
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `page ${scroll} px wide in a ${client} px viewport`);
    await page.close();
  });
}

test("a message stays under its own field: 分管领导's beside 填表人 and 审核人 in a row; the checklist's 整改期限 after its sentence, never inside it", async () => {
  const { page } = await open(env, "/");
  await attached(page);
  await page.locator('[name="fgld"]').focus();
  await page.locator('[name="tbr"]').focus(); // 分管领导 left blank
  const where = await page.locator('[name="fgld"]').evaluate((el) => {
    const box = document.getElementById((el.getAttribute("aria-describedby") || "").split(" ")[0]);
    return { field: el.getBoundingClientRect().left, label: el.closest("label").getBoundingClientRect().left, box: box?.getBoundingClientRect().left, text: box?.textContent, name: el.labels[0].textContent.includes("请填写") };
  });
  assert.match(where.text ?? "", /请填写分管领导/);
  assert.ok(Math.abs(where.box - where.label) < 2, `the box starts under its label (${where.box} vs ${where.label})`);
  assert.equal(where.name, true, "inside the label (aria-hidden), so the field's name is the label's own text");
  const name = await page.locator('[name="fgld"]').evaluate((el) => el.labels[0].querySelector(".ssf-message")?.getAttribute("aria-hidden"));
  assert.equal(name, "true");
  await page.close();
  const checklist = await open(env, "/checklist.html");
  await attached(checklist.page);
  await checklist.page.locator('input[data-ssf-field="items.4"][value="否"]').check();
  await checklist.page.click('button[type="submit"]');
  const sentence = await checklist.page.locator('[name="zgqx"]').evaluate((el) => {
    const box = document.getElementById((el.getAttribute("aria-describedby") || "").split(" ")[0]);
    return { inside: el.closest("p").contains(box), after: el.closest("p").nextElementSibling === box, text: el.closest("p").textContent.replace(/\s+/g, "") };
  });
  assert.equal(sentence.inside, false);
  assert.equal(sentence.after, true);
  assert.match(sentence.text, /请贵校（单位）于前整改完毕/);
  await checklist.page.close();
});
