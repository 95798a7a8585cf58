// The Vue 2.7 + Element UI 2.15 portal (www/element-ui/app.js, bundled by scripts/build-demo.mjs), a
// RuoYi-style admin page: the risk register as an el-table WITHOUT row-key whose cells hold el-input,
// el-select (the status posting the portal's dictionary codes "0"/"1", mapped by the field map's
// values) and el-date-picker; the unit chosen in an el-cascader; rows added and deleted by the
// page's buttons (a delete splices the model and calls controller.sync() in $nextTick); a fetch of
// the model gated by controller.check(). Every test fails on a console error (Vue 2 prints its
// [Vue warn] there), a CSP violation (the strict demo CSP: no 'unsafe-eval'), and every test that
// fills the form submits it and checks what the demo server received.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { start, open, messages } from "./browser.mjs";

let env;
before(async () => {
  execFileSync(process.execPath, [fileURLToPath(new URL("../../scripts/build-demo.mjs", import.meta.url))], { stdio: "ignore" });
  env = await start();
});
after(async () => env?.stop());

const field = (page, name) => page.locator(`[name="${name}"]`);

async function openPage() {
  const opened = await open(env, "/element-ui.html");
  // Vue 2 prints its warnings with console.error (collected by open()); Element UI's with warn.
  opened.page.on("console", (m) => m.type() === "warning" && /\[Vue warn\]|\[Element/.test(m.text()) && opened.problems.push(m.text()));
  await opened.page.waitForSelector("#register[data-ssf-initialised]");
  const posts = [];
  opened.page.on("request", (r) => r.method() === "POST" && posts.push([...new URLSearchParams(r.postData() ?? "")]));
  return { ...opened, posts };
}

/** Waits until `locator`'s box has stood still for three frames (a row just added, a message
 *  just shown move what follows; a popup opened during that shift may close again). */
const still = (locator) =>
  locator.evaluate(
    (el) =>
      new Promise((settled) => {
        let last = "";
        let count = 0;
        const look = () => {
          const r = el.getBoundingClientRect();
          const now = `${r.x},${r.y},${r.width},${r.height}`;
          count = now === last ? count + 1 : 0;
          last = now;
          if (count >= 3) settled();
          else requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      }),
  );

/** Opens `opener` and clicks `target` in the popup it shows (appended to <body>); an officer whose
 *  popup closed opens it again: so does this, at most three times. */
async function pick(page, opener, target) {
  await page.evaluate(() => document.activeElement?.blur());
  await still(opener);
  for (let attempt = 1; ; attempt++) {
    await opener.click();
    try {
      await target.click({ timeout: 5000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press("Escape");
    }
  }
}

/** Chooses an option of the el-select whose hidden input is `name`, by its label, with the mouse. */
async function choose(page, name, label, value = label) {
  const select = page.locator(`.el-select:has(+ input[name="${name}"])`);
  await pick(page, select, page.locator(".el-select-dropdown:visible .el-select-dropdown__item", { hasText: new RegExp(`^${label}$`) }));
  await page.waitForFunction(([n, v]) => document.querySelector(`input[name="${n}"]`).value === v, [name, value]);
}

/** Clicks day `day` of the month the date picker `name` opens on (the server's: June 2021). */
async function pickDay(page, name, day) {
  const panel = page.locator(".el-picker-panel.el-date-picker:visible");
  await pick(page, field(page, name), panel.locator(".el-date-table td.available", { hasText: new RegExp(`^\\s*${day}\\s*$`) }));
  const want = `2021-06-${String(day).padStart(2, "0")}`;
  await page.waitForFunction(([n, v]) => document.querySelector(`input[name="${n}"]`).value === v, [name, want]);
}

/** Types a date into an el-date-picker's input and confirms it with Enter, as an officer may. */
async function typeDate(page, name, value) {
  await field(page, name).fill(value);
  await field(page, name).press("Enter");
}

/** The unit, through the el-cascader (district, then school). */
async function chooseUnit(page, district, unit) {
  const cascader = page.locator('.el-cascader:has(+ input[name="tbdw"])');
  const menu = page.locator(".el-cascader__dropdown:visible");
  await pick(page, cascader, menu.locator(".el-cascader-node", { hasText: district }));
  await menu.locator(".el-cascader-node", { hasText: unit.slice(6) }).click();
  await page.waitForFunction((v) => document.querySelector('input[name="tbdw"]').value === v, unit);
}

async function fillHead(page) {
  await chooseUnit(page, "玄武区", "南京市玄武区测试小学");
  await typeDate(page, "tbsj", "2021-06-22");
  await field(page, "jcr").fill("王建国");
  await field(page, "qzr").fill("李明");
}

/** One hazard row, every cell but those given as undefined; dates typed. */
async function fillRow(page, i, row) {
  const name = (c) => `yh[${i}].${c}`;
  for (const c of ["pcs", "yhms", "dd"]) if (row[c] !== undefined) await field(page, name(c)).fill(row[c]);
  if (row.lb !== undefined) await choose(page, name("lb"), row.lb);
  if (row.fxrq !== undefined) await typeDate(page, name("fxrq"), row.fxrq);
  for (const c of ["zgcs", "zrr"]) if (row[c] !== undefined) await field(page, name(c)).fill(row[c]);
  if (row.zgsx !== undefined) await typeDate(page, name("zgsx"), row.zgsx);
  if (row.dbr !== undefined) await field(page, name("dbr")).fill(row.dbr);
  if (row.zt !== undefined) await choose(page, name("zt"), row.zt, row.zt === "已完成" ? "1" : "0");
  if (row.wcrq !== undefined) await typeDate(page, name("wcrq"), row.wcrq);
  if (row.lsfs !== undefined) await field(page, name("lsfs")).fill(row.lsfs);
}

const DONE = { pcs: "梅园新村派出所", yhms: "北门围墙开裂", dd: "北门", lb: "校舍安全", fxrq: "2021-06-01", zgcs: "加固围墙", zrr: "王建国", zgsx: "2021-06-30", dbr: "李明", zt: "已完成", wcrq: "2021-06-20" };
const OVERDUE = { pcs: "梅园新村派出所", yhms: "食堂灭火器过期", dd: "食堂", lb: "消防安全", fxrq: "2021-06-01", zgcs: "更换灭火器", zrr: "赵强", zgsx: "2021-06-10", dbr: "李明", zt: "正在整改中", lsfs: "临时增配灭火器" };

/** Adds row `i` with the page's button (新增隐患) and waits for Vue to render it. */
async function addRow(page, i) {
  await page.click("#add-row");
  await page.waitForSelector(`[name="yh[${i}].pcs"]`);
}

/** Presses the page's submit button and waits for its status line to give this attempt's outcome. */
async function submit(page) {
  await page.evaluate(() => {
    const status = document.querySelector("#status");
    window.__outcome = new Promise((done) => {
      setTimeout(() => done(`no outcome in 10 s: "${status.textContent}"`), 10000);
      const observer = new MutationObserver(() => {
        if (!/错误|提示|已报送|失败/.test(status.textContent)) return;
        observer.disconnect();
        done(status.textContent);
      });
      observer.observe(status, { childList: true, characterData: true, subtree: true });
    });
  });
  await page.click("#tijiao");
  return page.evaluate(() => window.__outcome);
}

/** Submits, and once more if the first attempt only asked about warnings (as an officer would). */
async function submitThroughWarnings(page) {
  const first = await submit(page);
  return /提示/.test(first) ? submit(page) : first;
}

const codes = async (page, name) => (await messages(field(page, name))).map((m) => [m.code, m.severity]);

test("element-ui: a date clicked in el-date-picker's panel reaches the drop-in: an invalid row is held back, a valid one posts with the status as the portal's code", async () => {
  const { page, problems, posts } = await openPage();
  await fillHead(page);
  // Being fixed, not yet due (no completion date wanted): only a completion date after today is wrong.
  await fillRow(page, 0, { ...OVERDUE, zgsx: "2021-06-30" });
  assert.equal(await field(page, "yh[0].zt").inputValue(), "0", "正在整改中 is the portal's code 0");
  await pickDay(page, "yh[0].wcrq", 25); // after the server's today, 2021-06-22
  await page.waitForFunction(() => document.querySelector('[name="yh[0].wcrq"]').getAttribute("aria-invalid") === "true");
  assert.deepEqual(await codes(page, "yh[0].wcrq"), [["date_in_future", "error"]]);
  assert.match(await submit(page), /错误/);
  assert.equal(posts.length, 0, "the row with a completion date after today is held back");
  // Done, finished on a day clicked in the panel: the form goes, the status posted as code 1.
  await choose(page, "yh[0].zt", "已完成", "1");
  await pickDay(page, "yh[0].wcrq", 15);
  await page.waitForFunction(() => !document.querySelector('[name="yh[0].wcrq"]').hasAttribute("aria-invalid"));
  assert.deepEqual(await codes(page, "yh[0].wcrq"), []);
  assert.equal(await submitThroughWarnings(page), "已报送");
  assert.equal(posts.length, 1);
  const posted = Object.fromEntries(posts[0]);
  assert.equal(posted.tbdw, "南京市玄武区测试小学", "the unit chosen in el-cascader");
  assert.equal(posted["yh[0].wcrq"], "2021-06-15");
  assert.equal(posted["yh[0].zt"], "1", "已完成 posted as the portal's dictionary code");
  assert.equal(posted["yh[0].yq"], "0", "not overdue, posted as the portal's 0");
  assert.deepEqual([posted.hj_fx, posted.hj_wc, posted.hj_zg, posted.hj_yq], ["1", "1", "0", "0"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("element-ui: deleting the FIRST row of the el-table (no row-key; the page calls sync() in $nextTick) keeps the right row: its overdue warning stays, 逾期 posts 1", async () => {
  const { page, problems, posts } = await openPage();
  await fillHead(page);
  await fillRow(page, 0, DONE);
  await addRow(page, 1);
  await fillRow(page, 1, OVERDUE);
  await page.waitForFunction(() => document.querySelector('[name="yh[1].yq"]').value === "1");
  assert.deepEqual(await codes(page, "yh[1].zgsx"), [["overdue", "warning"]]);
  assert.deepEqual(await codes(page, "yh[0].zgsx"), []);
  // RuoYi's delete: the model is spliced; Vue keeps the first <tr> and rewrites its inputs' values.
  await page.locator("#yh .el-table__body-wrapper .remove-row").first().click();
  await page.waitForFunction(() => document.querySelectorAll("#yh .el-table__body-wrapper tr.el-table__row").length === 1);
  assert.equal(await field(page, "yh[0].yhms").inputValue(), "食堂灭火器过期", "Vue re-used row 0's cells for the second hazard");
  await page.waitForFunction(() => document.querySelector('[name="hj_fx"]').value === "1");
  assert.deepEqual(await codes(page, "yh[0].zgsx"), [["overdue", "warning"]], "the remaining hazard keeps its overdue warning");
  assert.equal(await field(page, "yh[0].yq").inputValue(), "1");
  assert.deepEqual(await Promise.all(["hj_fx", "hj_wc", "hj_zg", "hj_yq"].map((n) => field(page, n).inputValue())), ["1", "0", "1", "1"], "the deleted row is not counted");
  assert.equal(await submitThroughWarnings(page), "已报送");
  assert.equal(posts.length, 1);
  const posted = Object.fromEntries(posts[0]);
  assert.equal(posted["yh[0].yhms"], "食堂灭火器过期");
  assert.equal(posted["yh[0].zt"], "0");
  assert.equal(posted["yh[0].yq"], "1", "逾期 posted as 1");
  assert.ok(!("yh[1].yhms" in posted));
  assert.deepEqual([posted.hj_fx, posted.hj_wc, posted.hj_zg, posted.hj_yq], ["1", "0", "1", "1"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("element-ui: the model spliced by the portal's own code (no sync() call): the drop-in follows the rows Vue re-used in place", async () => {
  const { page, problems, posts } = await openPage();
  await fillHead(page);
  await fillRow(page, 0, OVERDUE);
  await addRow(page, 1);
  await fillRow(page, 1, { ...DONE, wcrq: "2021-06-25" }); // completed after today: an error on row 1
  await page.waitForFunction(() => document.querySelector('[name="yh[1].wcrq"]').getAttribute("aria-invalid") === "true");
  await addRow(page, 2);
  await fillRow(page, 2, { ...DONE, yhms: "操场护栏松动", dd: "操场" });
  // The register's component splices its model, as any of the portal's own methods may.
  await page.evaluate(() => document.querySelector("#register").__vue__.$parent.form.yh.splice(0, 1));
  await page.waitForFunction(() => document.querySelectorAll("#yh .el-table__body-wrapper tr.el-table__row").length === 2);
  await page.waitForFunction(() => document.querySelector('[name="hj_fx"]').value === "2");
  assert.equal(await field(page, "yh[0].wcrq").inputValue(), "2021-06-25");
  assert.deepEqual(await codes(page, "yh[0].wcrq"), [["date_in_future", "error"]], "the error moved up with its row");
  assert.deepEqual(await codes(page, "yh[0].zgsx"), [], "the deleted row's overdue warning went with it");
  assert.deepEqual(await codes(page, "yh[1].wcrq"), []);
  assert.deepEqual(await Promise.all(["hj_fx", "hj_wc", "hj_zg", "hj_yq"].map((n) => field(page, n).inputValue())), ["2", "2", "0", "0"]);
  assert.match(await submit(page), /错误/);
  assert.equal(posts.length, 0);
  await typeDate(page, "yh[0].wcrq", "2021-06-21");
  await page.waitForFunction(() => !document.querySelector('[name="yh[0].wcrq"]').hasAttribute("aria-invalid"));
  assert.equal(await submitThroughWarnings(page), "已报送");
  assert.equal(posts.length, 1);
  const posted = Object.fromEntries(posts[0]);
  assert.deepEqual([posted["yh[0].yhms"], posted["yh[1].yhms"], posted["yh[0].zt"], posted["yh[1].zt"]], ["北门围墙开裂", "操场护栏松动", "1", "1"]);
  assert.deepEqual([posted["yh[0].yq"], posted["yh[1].yq"]], ["0", "0"]);
  assert.deepEqual([posted.hj_fx, posted.hj_wc, posted.hj_zg, posted.hj_yq], ["2", "2", "0", "0"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("element-ui: el-cascader and el-select choices reach the drop-in (their hidden inputs), messages sit after the component, never inside el-table's cell input", async () => {
  const { page, problems, posts } = await openPage();
  assert.match(await submit(page), /错误/); // every required message shows
  assert.equal(posts.length, 0);
  assert.deepEqual(await codes(page, "tbdw"), [["required", "error"]]);
  assert.deepEqual(await codes(page, "yh[0].zt"), [["required", "error"]]);
  const where = await page.evaluate(() =>
    ["tbdw", "yh[0].zt", "yh[0].yhms", "yh[0].fxrq"].map((name) => {
      const box = document.getElementById(document.querySelector(`[name="${name}"]`).getAttribute("aria-describedby").split(" ")[0]);
      return [box.previousElementSibling.className.split(" ")[0], !!box.closest(".el-input, .el-select, .el-cascader"), box.checkVisibility()];
    }),
  );
  assert.deepEqual(where, [
    ["", false, true], // after the cascader's hidden input (an input has no class)
    ["", false, true], // after the select's hidden input
    ["el-input", false, true],
    ["el-date-editor", false, true],
  ]);
  await chooseUnit(page, "秦淮区", "南京市秦淮区教育局");
  await page.waitForFunction(() => !document.querySelector('[name="tbdw"]').hasAttribute("aria-describedby"));
  await choose(page, "yh[0].zt", "正在整改中", "0");
  await page.waitForFunction(() => !document.querySelector('[name="yh[0].zt"]').getAttribute("aria-describedby")?.length);
  // 正在整改中 wants interim measures: the code "0" was read as in_progress.
  assert.deepEqual(await codes(page, "yh[0].lsfs"), [["interim_measures_required", "error"]]);
  await typeDate(page, "tbsj", "2021-06-22");
  await field(page, "jcr").fill("王建国");
  await field(page, "qzr").fill("李明");
  await fillRow(page, 0, { ...OVERDUE, zt: undefined, zgsx: "2021-06-30" });
  assert.equal(await submitThroughWarnings(page), "已报送");
  assert.equal(posts.length, 1);
  const posted = Object.fromEntries(posts[0]);
  assert.equal(posted.tbdw, "南京市秦淮区教育局");
  assert.equal(posted["yh[0].zt"], "0");
  assert.equal(posted["yh[0].lb"], "消防安全");
  assert.deepEqual(problems, []);
  await page.close();
});

test("element-ui: without the module the page works as before: its own el-form rules, then it posts its model", async () => {
  const { page, problems } = await open(env, "/element-ui.html", { block: "**/static/ssf/**" });
  await page.waitForSelector("#register");
  await addRow(page, 1);
  await field(page, "yh[1].yhms").fill("围墙开裂");
  assert.equal(await submit(page), "请更正表单中的错误");
  assert.deepEqual((await page.locator(".el-form-item__error").allTextContents()).map((t) => t.trim()), ["填报单位不能为空", "检查人不能为空", "签字人不能为空"]);
  await chooseUnit(page, "玄武区", "南京市玄武区教育局");
  await field(page, "jcr").fill("王建国");
  await field(page, "qzr").fill("李明");
  assert.equal(await submit(page), "已报送");
  assert.equal(await page.locator("#answer tr", { hasText: "yh[1].yhms" }).locator("td").nth(1).textContent(), "围墙开裂");
  assert.equal(await page.locator("#register[data-ssf-initialised]").count(), 0);
  assert.ok(problems.every((p) => /Failed to load resource|Failed to fetch dynamically imported module/.test(p)), JSON.stringify(problems));
  await page.close();
});

// The "no double messages" beside Element's own rules: RuoYi's el-form rules say 检查人不能为空
// when the field is left blank, where the drop-in would say 请填写检查人: while Element's message
// shows, the drop-in's box stays hidden.
test("element-ui: a required header field left blank shows one message, though the el-form's own rule and the drop-in both want it", async () => {
  const { page, problems, posts } = await openPage();
  const jcr = field(page, "jcr");
  await jcr.focus();
  await jcr.press("Tab"); // Element's blur rule runs; the drop-in shows a blank required field once it is left
  await page.waitForSelector(".el-form-item.is-error");
  const shown = await jcr.evaluate((el) => {
    const item = el.closest(".el-form-item");
    return [...item.querySelectorAll(".el-form-item__error, .ssf-message:not([hidden]) [data-ssf-code]")].filter((m) => m.checkVisibility()).map((m) => m.textContent.trim());
  });
  assert.equal(shown.length, 1, JSON.stringify(shown));
  await fillHead(page);
  await fillRow(page, 0, { ...OVERDUE, zgsx: "2021-06-30" });
  assert.equal(await submitThroughWarnings(page), "已报送");
  assert.equal(posts.length, 1);
  assert.equal(Object.fromEntries(posts[0]).jcr, "王建国");
  assert.deepEqual(problems, []);
  await page.close();
});

test("element-ui: a model the portal's own script fills (a record loaded for editing, no events) is what the drop-in checks: held back while a date is wrong, then posted", async () => {
  const { page, problems, posts } = await openPage();
  // RuoYi's handleUpdate: getRegister(id).then((res) => (this.form = res.data)). Codes, not wording.
  const record = (completed) => ({
    tbdw: "南京市玄武区测试小学", tbsj: "2021-06-22", jcr: "王建国", qzr: "李明", hj_fx: "", hj_wc: "", hj_zg: "", hj_yq: "",
    yh: [
      { pcs: "梅园新村派出所", yhms: "北门围墙开裂", dd: "北门", lb: "校舍安全", fxrq: "2021-06-01", zgcs: "加固围墙", zrr: "王建国", zgsx: "2021-06-30", dbr: "李明", zt: "1", wcrq: completed, lsfs: "", yq: "" },
      { pcs: "梅园新村派出所", yhms: "食堂灭火器过期", dd: "食堂", lb: "消防安全", fxrq: "2021-06-01", zgcs: "更换灭火器", zrr: "赵强", zgsx: "2021-06-10", dbr: "李明", zt: "0", wcrq: "", lsfs: "临时增配灭火器", yq: "" },
    ],
  });
  await page.evaluate((data) => (document.querySelector("#register").__vue__.$parent.form = data), record("2021-05-20")); // completed before it was found
  await page.waitForFunction(() => document.querySelector('[name="yh[1].yq"]')?.value === "1");
  assert.match(await submit(page), /错误/);
  assert.equal(posts.length, 0);
  assert.deepEqual(await codes(page, "yh[0].wcrq"), [["completed_before_found", "error"]]);
  await page.evaluate(() => (document.querySelector("#register").__vue__.$parent.form.yh[0].wcrq = "2021-06-20"));
  await page.waitForFunction(() => !document.querySelector('[name="yh[0].wcrq"]').hasAttribute("aria-invalid"));
  assert.equal(await submitThroughWarnings(page), "已报送");
  assert.equal(posts.length, 1);
  const posted = Object.fromEntries(posts[0]);
  assert.deepEqual([posted["yh[0].wcrq"], posted["yh[0].zt"], posted["yh[1].zt"], posted["yh[1].yq"], posted.hj_fx, posted.hj_wc, posted.hj_zg, posted.hj_yq], ["2021-06-20", "1", "0", "1", "2", "1", "1", "1"]);
  assert.deepEqual(problems, []);
  await page.close();
});

// A restored draft must reach Vue's model, which is what the page posts. el-input, el-select and
// el-cascader (their hidden inputs are bound both ways) take the drop-in's input events; Element UI
// 2's el-date-picker throws on a change event while its panel was never opened (its handleChange
// reads `this.picker`, made on first opening), so the restore opens each picker, tells it, and
// closes it again (js/paste.js, tellPickers).
test("element-ui: a restored draft (rows made by the page's button, cascader, selects and date pickers put back) posts what it shows", async () => {
  const { page, problems, posts } = await openPage();
  await fillHead(page);
  await fillRow(page, 0, DONE);
  await addRow(page, 1);
  await fillRow(page, 1, OVERDUE);
  await page.reload(); // the draft is saved as the page is left
  await page.waitForSelector("#register[data-ssf-initialised]");
  await page.locator(".ssf-draft").getByRole("button", { name: "恢复草稿" }).click();
  await page.waitForFunction(() => document.querySelector('[name="yh[1].yhms"]')?.value === "食堂灭火器过期");
  // Names are personal information, kept out of a draft without the portal's draft key: typed again.
  for (const [name, value] of [["jcr", "王建国"], ["qzr", "李明"], ["yh[0].zrr", DONE.zrr], ["yh[0].dbr", DONE.dbr], ["yh[1].zrr", OVERDUE.zrr], ["yh[1].dbr", OVERDUE.dbr]]) await field(page, name).fill(value);
  assert.equal(await submitThroughWarnings(page), "已报送");
  assert.equal(posts.length, 1);
  const posted = Object.fromEntries(posts[0]);
  assert.deepEqual(
    [posted.tbdw, posted.tbsj, posted["yh[0].lb"], posted["yh[0].fxrq"], posted["yh[0].zgsx"], posted["yh[0].zt"], posted["yh[0].wcrq"], posted["yh[1].zgsx"], posted["yh[1].zt"], posted["yh[1].yq"]],
    ["南京市玄武区测试小学", "2021-06-22", "校舍安全", "2021-06-01", "2021-06-30", "1", "2021-06-20", "2021-06-10", "0", "1"],
  );
  assert.deepEqual(problems, []);
  await page.close();
});

// A block pasted from Excel into a cell makes its rows with the page's 新增隐患 button and fills them:
// the pasted dates reach el-date-picker's model (each picker is opened, told and closed: its change
// handler needs its panel), and the status goes into its hidden input as the portal's code (1) for
// the pasted wording (已完成), as the field map's `{ path, values }` says.
test("element-ui: a block pasted from a spreadsheet fills el-table rows (made by the page's button) and posts what it shows, the status as the portal's codes", async () => {
  const { page, problems, posts } = await openPage();
  const header = ["派出所", "涉校风险隐患", "地点", "类别", "发现日期", "整改措施", "责任人", "整改时限", "督办人", "隐患整改情况", "完成日期", "临时强化防范措施"];
  const cells = (r) => [r.pcs, r.yhms, r.dd, r.lb, r.fxrq, r.zgcs, r.zrr, r.zgsx, r.dbr, r.zt, r.wcrq ?? "", r.lsfs ?? ""];
  const text = [header, cells(DONE), cells(OVERDUE)].map((line) => line.join("\t")).join("\r\n") + "\r\n";
  await field(page, "yh[0].pcs").evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    el.focus();
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await page.waitForFunction(() => document.querySelector('[name="yh[1].yhms"]')?.value === "食堂灭火器过期");
  assert.deepEqual([await field(page, "yh[0].zt").inputValue(), await field(page, "yh[1].zt").inputValue()], ["1", "0"], "the portal's codes");
  await fillHead(page);
  assert.equal(await submitThroughWarnings(page), "已报送");
  assert.equal(posts.length, 1);
  const posted = Object.fromEntries(posts[0]);
  assert.deepEqual(
    [posted["yh[0].fxrq"], posted["yh[0].zgsx"], posted["yh[0].zt"], posted["yh[0].wcrq"], posted["yh[1].zgsx"], posted["yh[1].zt"], posted["yh[1].yq"], posted.hj_fx, posted.hj_yq],
    ["2021-06-01", "2021-06-30", "1", "2021-06-20", "2021-06-10", "0", "1", "2", "1"],
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test("element-ui: destroying the Vue app (beforeDestroy) detaches the drop-in: no message, attribute or validity left", async () => {
  const { page, problems } = await openPage();
  await submit(page);
  assert.ok((await page.locator(".ssf-message:not([hidden])").count()) > 0);
  const left = await page.evaluate(() => {
    const form = document.querySelector("#register");
    const controls = [...form.querySelectorAll("[name]")];
    form.__vue__.$root.$destroy();
    return {
      initialised: form.hasAttribute("data-ssf-initialised"),
      boxes: form.querySelectorAll(".ssf-message, .ssf-summary").length,
      invalid: controls.filter((c) => c.validationMessage || c.hasAttribute("aria-invalid")).length,
    };
  });
  assert.deepEqual(left, { initialised: false, boxes: 0, invalid: 0 });
  assert.deepEqual(problems, []);
  await page.close();
});
