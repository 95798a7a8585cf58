// The district page (/district.html, issue 23): an officer picks the folder of 30 schools' filled
// 风险隐患排查表 templates (.xlsx, made by bench/district-fixtures.mjs), sees which schools must
// correct what (each at its sheet!cell), and downloads the 战果统计表 as .xlsx and as CSV; the same
// files through `ssf roll-up` (target/debug/ssf, built by scripts/test) give the same table, read
// back by `ssf check --kind campaign-statistics`. Also: cancelling, user text never HTML, axe.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { start, open } from "./browser.mjs";

const SSF = fileURLToPath(new URL("../../target/debug/ssf", import.meta.url));
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const NOW = "2019-09-25T10:00:00+08:00";
const dir = mkdtempSync(join(tmpdir(), "ssf-district-"));
const folder = join(dir, "xlsx");
let env;

before(async () => {
  const made = spawnSync(process.execPath, [fileURLToPath(new URL("../../bench/district-fixtures.mjs", import.meta.url)), "--kind", "risk-register", "--schools", "30", "--rows", "12", "--errors", "5", "--out", dir, "--ssf", SSF], { encoding: "utf8" });
  assert.equal(made.status, 0, made.stderr);
  env = await start();
});
after(async () => env?.stop());

/** The page set up for the registers of September 2019 (Jiangsu's profile). */
async function district(path = "/district.html") {
  const opened = await open(env, path);
  const { page } = opened;
  await page.selectOption("#kind", "risk-register");
  await page.selectOption("#profile", "jiangsu-2019");
  await page.fill("#unit", "某区教育局");
  await page.fill("#now", NOW);
  return opened;
}

const ssf = (...args) => spawnSync(SSF, args, { encoding: "utf8" });
/** The figures of a 战果统计表 .xlsx, as `ssf check` reads them back. */
function statistics(file) {
  const run = ssf("check", "--json", "--kind", "campaign-statistics", "--profile", "jiangsu-2019", "--now", NOW, file);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return JSON.parse(run.stdout)[0].computed;
}

test("an officer drops 30 schools' registers, sees who must correct what at which cell, and downloads the 战果统计表 the command also gives", async () => {
  const { page, problems } = await district();
  await page.setInputFiles("#folder", folder);
  await page.waitForSelector("#rollup-area:not([hidden])", { timeout: 60_000 });
  assert.match(await page.textContent("#schools-summary"), /已校验 30 个文件：5 个须更正，0 个无法读取/);
  const rows = await page.$$eval("#schools tr", (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  assert.equal(rows.length, 30);
  // School 1's register lost row 2's 责任人: column G of the sheet's row 5 (rows start at row 4).
  const first = rows.find((r) => r[1] === "江苏省某市第1小学");
  assert.match(first[2], /须更正 1 处错误/);
  assert.match(first[3], /风险隐患排查表!G5：/);
  // School 2 typed a category that is not on the list: row 3's 隐患类别 is D6.
  assert.match(rows.find((r) => r[1] === "江苏省某市第2小学")[3], /风险隐患排查表!D6：/);
  assert.ok(rows.filter((r) => r[2] === "通过" || r[2].startsWith("通过")).length === 25);

  const saved = async (button) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    return file;
  };
  const pageXlsx = await saved("#download-xlsx");
  assert.match(pageXlsx, /战果统计表\.xlsx$/);
  const pageCsv = await saved("#download-csv");

  const files = readdirSync(folder).map((f) => join(folder, f));
  const cliXlsx = join(dir, "cli.xlsx");
  const cliCsv = join(dir, "cli.csv");
  for (const out of [cliXlsx, cliCsv]) {
    const run = ssf("roll-up", "--kind", "risk-register", "--profile", "jiangsu-2019", "--now", NOW, "--unit", "某区教育局", "--out", out, ...files);
    assert.equal(run.status, 1, run.stderr); // five schools' errors stand
  }
  const fromPage = statistics(pageXlsx);
  assert.deepEqual(fromPage, statistics(cliXlsx));
  assert.equal(fromPage.schools_inspected, 30);
  assert.equal(readFileSync(pageCsv, "utf8"), readFileSync(cliCsv, "utf8"));
  assert.deepEqual(problems, []);
  await page.close();
});

test("cancel stops the reading: nothing is rolled up", async () => {
  const { page, problems } = await district();
  // The module is held back until the officer has pressed cancel, so the reading is under way.
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route("**/static/ssf/district_bg.wasm", async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  await page.setInputFiles("#folder", folder);
  await page.waitForSelector("#progress-area:not([hidden])");
  await page.click("#cancel");
  release();
  assert.match(await page.textContent("#progress-label"), /已取消/);
  await page.waitForTimeout(500);
  assert.equal(await page.isHidden("#rollup-area"), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a file's own text is shown as text, never HTML, and the page passes axe with results showing", async () => {
  const { page, problems } = await district();
  const hostile = '<img src=x onerror="document.title=1">';
  await page.setInputFiles("#files", [
    { name: `${hostile}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ unit: `<b>${hostile}</b>`, rows: [] })) },
    { name: "broken.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("not a workbook") },
  ]);
  await page.waitForSelector("#rollup-area:not([hidden])");
  assert.equal(await page.locator("#schools img, #schools b").count(), 0);
  assert.match(await page.textContent("#schools"), /<b><img src=x/);
  assert.match(await page.textContent("#schools"), /broken\.xlsx: not an \.xlsx workbook/);
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a check-up's row names its school, not the district office it reports to", async () => {
  const { page, problems } = await district();
  await page.selectOption("#kind", "security-checkup");
  const { data } = JSON.parse(readFileSync(new URL("../fixtures/security-checkup/complete.json", import.meta.url), "utf8"));
  await page.setInputFiles("#files", [{ name: "实验小学.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(data)) }]);
  await page.waitForSelector("#rollup-area:not([hidden])");
  const [row] = await page.$$eval("#schools tr", (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  assert.equal(row[1], data.school);
  assert.deepEqual(problems, []);
  await page.close();
});
