// The React portal (www/react/app.jsx, bundled by scripts/build-demo.mjs): a controlled form in the
// portal's own names and state, keyed guard rows, a fetch() submit gated by controller.validate();
// the drop-in attached afterwards with a field map. Every test also checks the console: React's
// development warnings (DOM nesting, controlled inputs) and DOM exceptions count as failures.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { start, open, messages, residentId } from "./browser.mjs";

let env;
before(async () => {
  execFileSync(process.execPath, [fileURLToPath(new URL("../../scripts/build-demo.mjs", import.meta.url))], { stdio: "ignore" });
  env = await start();
});
after(async () => env?.stop());

const field = (page, name) => page.locator(`[name="${name}"]`);


async function openReact() {
  const opened = await open(env, "/react.html");
  await opened.page.waitForSelector("#checkup[data-ssf-initialised]");
  const posts = [];
  opened.page.on("request", (r) => r.method() === "POST" && posts.push([...new URLSearchParams(r.postData() ?? "")]));
  return { ...opened, posts };
}

/** Fills every head field with an acceptable answer. */
async function fillHead(page) {
  await field(page, "tbdw").fill("南京市玄武区教育局");
  await field(page, "tbsj").fill("2021-06-22");
  await field(page, "xxmc").fill("玄武区测试小学");
  await field(page, "pcs").fill("梅园新村派出所");
  await page.selectOption('[name="szqy"]', "城区");
  for (const name of ["fbgl", "bjjr", "spjr", "fcz"]) await page.check(`[name="${name}"][value="是"]`);
  await page.selectOption('[name="bjan"]', "有效");
  await page.selectOption('[name="hxg"]', "治安岗");
}

/** Submits with the page's own button and waits for the handler's answer. */
async function submit(page) {
  await page.click("#submit");
  await page.waitForFunction(() => /错误|已报送|失败/.test(document.querySelector("#status").textContent));
  return page.textContent("#status");
}

test("react: a guard's ID number fills birth date and age, and React's state holds them (they are posted)", async () => {
  const { page, problems, posts } = await openReact();
  await fillHead(page);
  await field(page, "guard[0][xm]").fill("李建国");
  await page.selectOption('[name="guard[0][cz]"]', "是");
  await field(page, "guard[0][sfz]").fill(residentId("32010219650301123"));
  assert.equal(await field(page, "guard[0][csrq]").inputValue(), "1965-03-01");
  assert.equal(await field(page, "guard[0][nl]").inputValue(), "56");
  assert.deepEqual((await messages(field(page, "guard[0][sfz]"))).map((m) => [m.code, m.severity]), [["guard_over_age", "warning"]]);
  assert.equal(await submit(page), "已报送", "a warning never blocks");
  assert.equal(posts.length, 1);
  const posted = Object.fromEntries(posts[0]);
  // Posted from React's state, not read from the DOM: the drop-in's writes reached onChange.
  assert.equal(posted["guard[0][csrq]"], "1965-03-01");
  assert.equal(posted["guard[0][nl]"], "56");
  assert.equal(posted.ba_zs, "1");
  assert.equal(posted.ba_cz, "1");
  assert.equal(posted.ba_cl, "1");
  assert.equal(await page.locator("#answer tr", { hasText: "guard[0][csrq]" }).locator("td").nth(1).textContent(), "1965-03-01", "the server's answer is shown");
  assert.deepEqual(problems, []);
  await page.close();
});

test("react: a guard added with the page's button is validated at once", async () => {
  const { page, problems } = await openReact();
  await field(page, "guard[0][xm]").fill("甲");
  await page.click("#add-guard");
  await field(page, "guard[1][xm]").fill("乙");
  await page.selectOption('[name="guard[1][cz]"]', "否");
  const shown = await messages(field(page, "guard[1][cz]"));
  assert.equal(shown[0]?.severity, "error", JSON.stringify(shown));
  assert.equal(await field(page, "guard[1][cz]").getAttribute("aria-invalid"), "true");
  assert.equal(await field(page, "ba_zs").inputValue(), "2");
  assert.deepEqual(problems, []);
  await page.close();
});

test("react: removing a guard (React drops its keyed row, renames the rest) keeps the others' values and messages", async () => {
  const { page, problems } = await openReact();
  await field(page, "guard[0][xm]").fill("甲");
  await page.selectOption('[name="guard[0][cz]"]', "是");
  await page.click("#add-guard");
  await field(page, "guard[1][xm]").fill("乙");
  await page.selectOption('[name="guard[1][cz]"]', "是");
  await page.click("#add-guard");
  await field(page, "guard[2][xm]").fill("丙");
  await page.selectOption('[name="guard[2][cz]"]', "否");
  await field(page, "guard[2][sfz]").fill(residentId("32010219900101123"));
  assert.equal(await field(page, "guard[2][nl]").inputValue(), "31");
  assert.equal(await field(page, "ba_cz").inputValue(), "2");
  await page.locator(".remove-guard").nth(1).click(); // 乙 goes; 丙 becomes guard[1]
  assert.equal(await page.locator("#guards tr").count(), 2);
  assert.equal(await field(page, "guard[1][xm]").inputValue(), "丙");
  assert.equal(await field(page, "guard[1][nl]").inputValue(), "31");
  assert.equal(await field(page, "guard[1][csrq]").inputValue(), "1990-01-01");
  assert.equal((await messages(field(page, "guard[1][cz]")))[0]?.severity, "error", "丙's error moved with 丙");
  assert.deepEqual(await messages(field(page, "guard[0][cz]")), [], "甲 stays clean");
  assert.equal(await field(page, "ba_zs").inputValue(), "2");
  assert.equal(await field(page, "ba_cz").inputValue(), "1");
  const shownIn = (row) => page.locator("#guards tr").nth(row).locator(".ssf-message:not([hidden])").allTextContents();
  assert.deepEqual(await shownIn(0), ["第1行：请填写年龄或身份证号码"], "甲's own message (a name without age or ID), its row named");
  assert.deepEqual(await shownIn(1), [(await messages(field(page, "guard[1][cz]")))[0].text], "丙's own; nothing of 乙's row");
  // Fix 丙, remove 甲 (the first row): 丙 is guard[0] now and still clean.
  await page.selectOption('[name="guard[1][cz]"]', "是");
  await page.locator(".remove-guard").nth(0).click();
  assert.equal(await field(page, "guard[0][xm]").inputValue(), "丙");
  assert.equal(await field(page, "ba_zs").inputValue(), "1");
  assert.deepEqual(await messages(field(page, "guard[0][cz]")), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test("react: the portal's submit handler is held back by controller.validate() while an error stands, then posts exactly its own names", async () => {
  const { page, problems, posts } = await openReact();
  await fillHead(page);
  await field(page, "guard[0][xm]").fill("张伟");
  await page.selectOption('[name="guard[0][cz]"]', "否");
  await field(page, "guard[0][sfz]").fill(residentId("32010219850715123"));
  assert.match(await submit(page), /错误/);
  assert.equal(posts.length, 0, "nothing posted while 持证上岗 否 stands");
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains("ssf-summary")), "validate() focused the error summary");
  await page.locator('.ssf-summary a[data-ssf-path="guards[0].licensed"]').click();
  assert.equal(await page.evaluate(() => document.activeElement.name), "guard[0][cz]", "its link takes the officer to the field");
  await page.selectOption('[name="guard[0][cz]"]', "是");
  await Promise.all([page.waitForResponse("**/submit"), page.click("#submit")]);
  await page.waitForFunction(() => document.querySelector("#status").textContent === "已报送");
  assert.equal(posts.length, 1);
  const names = posts[0].map(([k]) => k);
  assert.deepEqual(names, [
    "tbdw", "tbsj", "xxmc", "pcs", "szqy", "fbgl", "bjan", "bjjr", "spjr", "fcz", "hxg",
    "guard[0][xm]", "guard[0][cz]", "guard[0][nl]", "guard[0][sfz]", "guard[0][csrq]",
    "ba_zs", "ba_cz", "ba_cl",
  ]);
  assert.equal(Object.fromEntries(posts[0])["guard[0][nl]"], "35");
  assert.deepEqual(problems, []);
  await page.close();
});

test("react: without the module the React form still works and posts", async () => {
  const { page, problems } = await open(env, "/react.html", { block: "**/static/ssf/**" });
  await page.waitForSelector("#checkup");
  await page.click("#add-guard");
  await field(page, "guard[1][xm]").fill("乙");
  assert.equal(await submit(page), "已报送");
  assert.equal(await page.locator("#answer tr", { hasText: "guard[1][xm]" }).locator("td").nth(1).textContent(), "乙");
  assert.equal(await page.locator("#checkup[data-ssf-initialised]").count(), 0);
  // The blocked request itself is the only console error.
  assert.ok(problems.every((p) => /Failed to load resource|Failed to fetch dynamically imported module/.test(p)), JSON.stringify(problems));
  await page.close();
});
