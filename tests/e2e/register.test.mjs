// The risk register page (seed 004 附件2) in Chromium: rows from the page's own buttons, a paste
// from a spreadsheet, duplicates and the live totals.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, attached } from "./browser.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.stop());

const cell = (page, name, row) => page.locator(`[name="${name}[]"]`).nth(row);
const output = (page, name) => page.locator(`output[name="${name}"]`).evaluate((el) => el.value);
/** The codes of the messages a field's aria-describedby names. */
const codes = (locator) =>
  locator.evaluate((el) =>
    (el.getAttribute("aria-describedby") || "")
      .split(" ")
      .filter(Boolean)
      .flatMap((id) => [...(document.getElementById(id)?.querySelectorAll("[data-ssf-code]") ?? [])].map((m) => m.dataset.ssfCode)),
  );
/** Pastes `text` into a field as the browser does for a copy from Excel (text/plain). */
const paste = (locator, text) =>
  locator.evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    el.focus();
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);

async function fillRow(page, i, { description = "围墙开裂", place = "北门", status = "正在整改中" } = {}) {
  await cell(page, "pcs", i).fill("城东派出所");
  await cell(page, "yhms", i).fill(description);
  await cell(page, "dd", i).fill(place);
  await cell(page, "lb", i).selectOption("校舍安全");
  await cell(page, "fxrq", i).fill("2021-06-01");
  await cell(page, "zgcs", i).fill("加固");
  await cell(page, "zrr", i).fill("王建国");
  await cell(page, "zgsx", i).fill("2021-06-30");
  await cell(page, "dbr", i).fill("李明");
  await cell(page, "zgqk", i).selectOption(status);
  if (status === "正在整改中") await cell(page, "lsfs", i).fill("设置围挡");
}

test("register: three rows from the page's button; 已完成 without a completion date is an error at once (seed 004 附件2)", async () => {
  const { page, problems } = await open(env, "/register.html");
  await attached(page);
  await page.click("#add-row");
  await page.click("#add-row");
  assert.equal(await page.locator('[name="yhms[]"]').count(), 3);
  await fillRow(page, 0, { description: "灭火器过期" });
  await fillRow(page, 1, { description: "电线老化", status: "已完成" });
  await fillRow(page, 2, { description: "护栏松动" });
  assert.deepEqual(await codes(cell(page, "wcrq", 1)), ["completion_date_required"]);
  assert.equal(await output(page, "hj_fx"), "3");
  assert.equal(await output(page, "hj_wc"), "1");
  await cell(page, "wcrq", 1).fill("2021-06-20");
  assert.deepEqual(await codes(cell(page, "wcrq", 1)), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test("register: a 50-row block with a header row, columns in another order, makes its rows and updates the totals", async () => {
  const { page, problems } = await open(env, "/register.html");
  await attached(page);
  const header = ["责任人", "隐患描述", "地点", "隐患类别", "发现日期", "整改措施", "整改时限", "督办人", "隐患整改情况", "完成日期", "派出所"];
  const lines = [header.join("\t")];
  for (let i = 0; i < 50; i++) {
    const done = i % 5 !== 0;
    lines.push(["王建国", `"第${i + 1}处""围墙""\t开裂"`, `教学楼${i + 1}`, "校舍安全", "2021/6/1", "加固", "2021年6月30日", "李明", done ? "已完成" : "正在整改中", done ? "2021-06-10" : "", "城东派出所"].join("\t"));
  }
  await paste(cell(page, "yhms", 0), lines.join("\r\n") + "\r\n");
  await page.waitForFunction(() => document.querySelectorAll('[name="yhms[]"]').length === 50);
  assert.equal(await cell(page, "yhms", 0).inputValue(), '第1处"围墙"\t开裂', "a quoted cell keeps its tab and quotes");
  assert.equal(await cell(page, "zrr", 49).inputValue(), "王建国");
  assert.equal(await cell(page, "lb", 49).inputValue(), "校舍安全");
  assert.equal(await output(page, "hj_fx"), "50");
  assert.equal(await output(page, "hj_wc"), "40");
  assert.equal(await output(page, "hj_zg"), "10");
  // The ten in progress have no interim measures: each row says so, beside its own field.
  assert.deepEqual(await codes(cell(page, "lsfs", 0)), ["interim_measures_required"]);
  assert.deepEqual(await codes(cell(page, "lsfs", 1)), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test("register: removing one of two identical hazards clears its twin's duplicate warning", async () => {
  const { page } = await open(env, "/register.html");
  await attached(page);
  await page.click("#add-row");
  await page.click("#add-row");
  await fillRow(page, 0, { description: "燃气管道锈蚀", place: "食堂" });
  await fillRow(page, 1, { description: "电线老化", place: "宿舍楼" });
  await fillRow(page, 2, { description: "燃气管道 锈蚀", place: "食堂" }); // the same hazard, a stray space
  assert.deepEqual(await codes(cell(page, "yhms", 0)), ["duplicate_hazard"]);
  assert.deepEqual(await codes(cell(page, "yhms", 2)), ["duplicate_hazard"]);
  await page.locator(".remove-row").nth(2).click();
  await page.waitForFunction(() => document.querySelectorAll('[name="yhms[]"]').length === 2);
  assert.deepEqual(await codes(cell(page, "yhms", 0)), []);
  assert.equal(await output(page, "hj_fx"), "2");
  await page.close();
});

test("register: 1,000 rows generated by the page are validated and counted; typing in row 900 is checked at once", async () => {
  const { page, problems } = await open(env, "/register.html");
  await attached(page);
  await page.click("#generate"); // after the page's one blank row
  await page.waitForFunction(() => document.querySelector('output[name="hj_fx"]').value === "1001", null, { timeout: 60000 });
  await cell(page, "yhms", 900).fill("");
  assert.deepEqual(await codes(cell(page, "yhms", 900)), ["required"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("register: lines of text pasted into a text area stay in that cell; a block that does not fit is reported, never half-pasted silently", async () => {
  const { page, problems } = await open(env, "/register.html");
  await attached(page);
  await page.click("#add-row");
  await cell(page, "zgcs", 1).fill("更换管道");
  await paste(cell(page, "zgcs", 0), "1. 立即更换过期灭火器；\n2. 建立每月检查台账。");
  assert.equal(await cell(page, "zgcs", 1).inputValue(), "更换管道", "the next row is untouched");
  assert.equal(await page.locator('[name="yhms[]"]').count(), 2);
  assert.deepEqual(problems, []);
  await page.close();
});
