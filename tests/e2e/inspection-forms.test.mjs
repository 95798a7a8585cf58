// The supervision checklist (data-ssf-* markup, campus rows from the page's own buttons) and the
// security check-up (a legacy field map with guard[i][…] names) on the demo portal, in Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, attached, messages, residentId } from "./browser.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.stop());

const field = (page, name, nth = 0) => page.locator(`[name="${name}"]`).nth(nth);
const output = (page, name) => page.locator(`[name="${name}"]`).evaluate((el) => el.value);
const answer = (page, name, value) => page.locator(`[name="${name}"][value="${value}"]`).check();


// ---------------------------------------------------------------- 督查工作清单 (seed 000 附件5)

test("checklist: a day school of 1501 needs 4 guards (seed 000 附件5 第4项: 超过1000人的，每增加500人增配1名)", async () => {
  const { page, problems } = await open(env, "/checklist.html");
  await attached(page);
  await page.selectOption('[name="bxlx"]', "走读");
  await field(page, "xq_rs[]").fill("1501");
  assert.equal(await field(page, "xq_yp[]").inputValue(), "4");
  await field(page, "xq_rs[]").fill("1500");
  assert.equal(await field(page, "xq_yp[]").inputValue(), "3");
  assert.equal(await field(page, "yphj").inputValue(), "3");
  assert.deepEqual(problems, []);
  await page.close();
});

test("checklist: 3 guards where 4 are required, answered 是, shows the contradiction beside item 4", async () => {
  const { page } = await open(env, "/checklist.html");
  await attached(page);
  await page.selectOption('[name="bxlx"]', "走读");
  await field(page, "xq_rs[]").fill("1501");
  await field(page, "xq_ba[]").fill("3");
  await answer(page, "x4", "是");
  const shown = await messages(page.locator('[name="x4"][value="否"]'));
  assert.ok(shown.some((m) => m.severity === "error"), JSON.stringify(shown));
  assert.equal(await output(page, "jy4"), "否", "the suggested answer");
  assert.equal(await page.locator('[name="x4"][value="否"]').getAttribute("aria-invalid"), "true");
  await field(page, "xq_ba[]").fill("4");
  assert.deepEqual(await messages(page.locator('[name="x4"][value="否"]')), [], "enough guards: the 是 stands");
  assert.equal(await output(page, "jy4"), "是");
  await page.close();
});

test("checklist: the failed items (针对以上第…条) follow the answers as they change", async () => {
  const { page } = await open(env, "/checklist.html");
  await attached(page);
  await answer(page, "x12", "否");
  await answer(page, "x4", "否");
  assert.equal(await field(page, "wtxh").inputValue(), "4、12");
  await answer(page, "x7", "否");
  assert.equal(await field(page, "wtxh").inputValue(), "4、7、12");
  await answer(page, "x4", "是");
  assert.equal(await field(page, "wtxh").inputValue(), "7、12");
  await page.close();
});

test("checklist: a campus added with the page's own button is validated at once, and removing one keeps the others' typing", async () => {
  const { page, problems } = await open(env, "/checklist.html");
  await attached(page);
  await page.selectOption('[name="bxlx"]', "寄宿");
  await field(page, "xq_rs[]").fill("401");
  await page.click("#add-campus");
  await field(page, "xq_mc[]", 1).fill("东校区");
  await field(page, "xq_rs[]", 1).fill("１０１"); // full-width, from an IME
  assert.equal(await field(page, "xq_yp[]", 1).inputValue(), "3", "seed 000 附件5: 寄宿制…100人以下的至少配2名，每增加300名师生增配1名");
  assert.equal(await field(page, "yphj").inputValue(), "7");
  await field(page, "xq_ba[]", 1).fill("两名");
  assert.equal((await messages(field(page, "xq_ba[]", 1)))[0]?.severity, "error");
  await page.click("#add-campus");
  await field(page, "xq_rs[]", 2).fill("50");
  await page.locator(".remove-campus").nth(1).click(); // the page removes 东校区
  assert.equal(await page.locator('[name="xq_rs[]"]').count(), 2);
  assert.equal(await field(page, "xq_yp[]", 1).inputValue(), "2", "the third campus moved up with its own headcount");
  assert.equal(await field(page, "yphj").inputValue(), "6");
  assert.deepEqual(problems, []);
  await page.close();
});

test("checklist: switching the page from Wenzhou to Jizhou changes the video and guard rules without a reload", async () => {
  const { page } = await open(env, "/checklist.html");
  await attached(page);
  await page.selectOption('[name="bxlx"]', "走读");
  await field(page, "xq_rs[]").fill("50");
  await field(page, "xq_ba[]").fill("1");
  assert.equal(await field(page, "xq_yp[]").inputValue(), "1", "Wenzhou: 少于100人的至少配1名");
  await field(page, "spbc").fill("60");
  await field(page, "spwc").fill("10");
  await answer(page, "x10", "是");
  assert.equal(await output(page, "jy10"), "是", "Wenzhou: 保存30天以上");
  await page.selectOption("#profile-switch", "tianjin-jizhou-2021");
  await page.waitForFunction(() => document.querySelector('[name="jy10"]').value === "否");
  const shown = await messages(page.locator('[name="x10"][value="否"]'));
  assert.ok(shown.some((m) => m.severity === "error"), "Jizhou keeps 90 days: the 是 is contradicted");
  assert.equal(await field(page, "xq_yp[]").inputValue(), "2", "seed 002: 校园保安不少于2人, whatever the headcount");
  assert.equal(await output(page, "jy4"), "否");
  assert.equal(await field(page, "spbc").inputValue(), "60", "nothing typed is lost");
  await page.close();
});

// ---------------------------------------------------------------- 安防体检表 (seed 004 附件1)

// The same page runs the check-up from its definition (pkg/forms/security-checkup.json, issue 22)
// as from the built-in kind: the same tests hold for both.
for (const [how, url] of [["", "/checkup.html"], [" (from its definition)", "/checkup.html?definition=security-checkup"]]) {
  test(`check-up${how}: a guard's resident ID fills birth date and age, and over 50 warns under Jiangsu without blocking`, async () => {
    const { page, problems } = await open(env, url);
    await page.waitForSelector("#checkup[data-ssf-initialised]");
    await field(page, "guard[0][xm]").fill("李建国");
    await field(page, "guard[0][sfz]").fill(residentId("32010219650301123").toLowerCase());
    assert.equal(await field(page, "guard[0][csrq]").inputValue(), "1965-03-01");
    assert.equal(await field(page, "guard[0][nl]").inputValue(), "56");
    // Shown beside the ID number, where the age came from (seed 004: 原则上年龄不高于50周岁).
    const shown = await messages(field(page, "guard[0][sfz]"));
    assert.deepEqual(shown.map((m) => [m.code, m.severity]), [["guard_over_age", "warning"]], JSON.stringify(shown));
    assert.equal(await field(page, "guard[0][sfz]").getAttribute("aria-invalid"), null, "a warning never blocks");
    assert.equal(await field(page, "guard[0][sfz]").evaluate((el) => el.validity.valid), true);
    assert.equal(await field(page, "ba_cl").inputValue(), "1");
    assert.deepEqual(problems, []);
    await page.close();
  });

  test(`check-up${how}: guards added and removed by the page's buttons (names renumbered) keep their own typing`, async () => {
    const { page, problems } = await open(env, url);
    await page.waitForSelector("#checkup[data-ssf-initialised]");
    await field(page, "guard[0][xm]").fill("甲");
    await page.selectOption('[name="guard[0][cz]"]', "是");
    await page.click("#add-guard");
    await field(page, "guard[1][xm]").fill("乙");
    await page.selectOption('[name="guard[1][cz]"]', "否");
    assert.equal((await messages(field(page, "guard[1][cz]")))[0]?.severity, "error", "持证上岗: unlicensed is an error");
    await page.click("#add-guard");
    await field(page, "guard[2][xm]").fill("丙");
    await page.selectOption('[name="guard[2][cz]"]', "是");
    assert.equal(await field(page, "ba_zs").inputValue(), "3");
    assert.equal(await field(page, "ba_cz").inputValue(), "2");
    await page.locator(".remove-guard").nth(1).click(); // 乙 goes; 丙 becomes guard[1]
    assert.equal(await field(page, "guard[1][xm]").inputValue(), "丙");
    assert.equal(await field(page, "ba_zs").inputValue(), "2");
    assert.equal(await field(page, "ba_cz").inputValue(), "2");
    assert.deepEqual(await messages(field(page, "guard[1][cz]")), [], "乙's error went with 乙");
    assert.deepEqual(problems, []);
    await page.close();
  });

}

test("check-up: without the module the page's own buttons work and the form posts what it always did", async () => {
  const { page } = await open(env, "/checkup.html", { block: "**/static/ssf/**" });
  await page.click("#add-guard");
  await field(page, "guard[1][xm]").fill("乙");
  await field(page, "xxmc").fill("测试小学");
  await Promise.all([page.waitForURL("**/submit"), page.click('button[type="submit"]')]);
  const posted = await page.locator("#posted td:first-child").allTextContents();
  assert.ok(posted.includes("guard[1][xm]"));
  assert.ok(!posted.some((n) => n.startsWith("ssf")));
  await page.close();
});

test("check-up: a guard row the page copies from a row with messages starts clean", async () => {
  const { page } = await open(env, "/checkup.html");
  await page.waitForSelector("#checkup[data-ssf-initialised]");
  await field(page, "guard[0][sfz]").fill("32010219650301123"); // 17 digits: an error on row 0
  await field(page, "guard[0][xm]").focus();
  assert.equal((await messages(field(page, "guard[0][sfz]")))[0]?.severity, "error");
  await page.click("#add-guard"); // the page clones row 0, message box and aria-* included
  await field(page, "guard[1][xm]").fill("赵磊");
  assert.deepEqual(await messages(field(page, "guard[1][sfz]")), []);
  assert.equal(await field(page, "guard[1][sfz]").getAttribute("aria-invalid"), null);
  const shownInRow = await page.locator("#guards tr").nth(1).locator(".ssf-message:not([hidden])").allTextContents();
  assert.deepEqual(shownInRow, ["第2行：请填写年龄或身份证号码"], "only the new guard's own message (its row named, as the official forms do): a name without an age or ID");
  assert.equal((await messages(field(page, "guard[0][sfz]")))[0]?.severity, "error", "row 0 keeps its own message");
  await page.close();
});

test("drop-in: rows numbered by the portal's record ids take their places in page order; attach(null) resolves to null", async () => {
  const { page } = await open(env, "/checkup.html");
  const out = await page.evaluate(async () => {
    const form = document.createElement("form");
    form.innerHTML = '<input name="guard[48213][xm]" value="甲"><input name="guard[48213][nl]" value="40"><input name="guard[7][xm]" value="乙"><input name="guard[7][nl]" value="41"><input name="ba_zs">';
    document.body.append(form);
    const { attach } = await import("/static/ssf/attach.js");
    const errors = [];
    const nothing = await attach(null, { onError: (e) => errors.push(e.message) });
    const c = await attach(form, { kind: "security-checkup", fields: { "guard[i][xm]": "guards[i].name", "guard[i][nl]": "guards[i].age", ba_zs: "guards_total" } });
    const r = c.result();
    return { nothing, errors, total: form.querySelector('[name="ba_zs"]').value, tooMany: r.issues.some((i) => i.code === "too_many_rows") };
  });
  assert.equal(out.nothing, null);
  assert.equal(out.errors.length, 1);
  assert.equal(out.total, "2");
  assert.equal(out.tooMany, false);
  await page.close();
});
