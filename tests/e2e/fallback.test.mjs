// The JavaScript build of the engine (pkg/js/, wasm2js) where WebAssembly is refused or missing,
// and the form left as it was when neither build can load. `?csp=strict` serves a page without
// 'wasm-unsafe-eval' (scripts/serve.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, attached } from "./browser.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.stop());

const WASM = "/static/ssf/forms_engine_bg.wasm"; // the drop-in's engine
const GLUE = "/static/ssf/forms_engine.js";
const JS_BUILD = "/static/ssf/js/school_safety_forms.js";

/** Opens `path` recording what the page asked for, its console and its CSP violations. */
async function load(path, { block, init } = {}) {
  const page = await env.browser.newPage();
  const requested = [];
  const loaded = [];
  const consoled = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  page.on("requestfinished", (r) => loaded.push(new URL(r.url()).pathname));
  page.on("console", (m) => consoled.push({ type: m.type(), text: m.text() }));
  page.on("pageerror", (e) => consoled.push({ type: "pageerror", text: String(e) }));
  if (block) await page.route(block, (route) => route.abort());
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  if (init) await page.addInitScript(init);
  await page.goto(env.base + path);
  return { page, requested, loaded, consoled };
}

const value = (page, name) => page.locator(`[name="${name}"]`).inputValue();
const validity = (page, name) => page.locator(`[name="${name}"]`).evaluate((el) => el.validationMessage);
const errors = (consoled) => consoled.filter((m) => m.type === "error" || m.type === "pageerror").map((m) => m.text);

/** The daily report validates and computes: what an officer sees, whichever engine runs. */
async function validates(page) {
  await attached(page);
  await page.fill('[name="xfaq_fxs"]', "5");
  await page.fill('[name="xfaq_yzz"]', "6");
  assert.equal(await validity(page, "xfaq_yzz"), "消防安全·已整治隐患数不能多于发现隐患数（5）");
  assert.equal(await page.locator('[name="xfaq_yzz"]').getAttribute("aria-invalid"), "true");
  await page.fill('[name="xfaq_yzz"]', "2");
  assert.equal(await value(page, "xfaq_wzz"), "3", "unfixed is computed");
  assert.equal(await validity(page, "xfaq_yzz"), "");
}

test("under a CSP without 'wasm-unsafe-eval' the daily report validates through the JavaScript build", async () => {
  const { page, requested, loaded, consoled } = await load("/?csp=strict");
  await validates(page);
  assert.ok(loaded.includes(JS_BUILD), "the JS build was loaded");
  assert.ok(!requested.includes(WASM) && !requested.includes(GLUE), "the refused wasm is not even downloaded");
  const warning = consoled.find((m) => m.type === "warning" && /school-safety-forms/.test(m.text));
  assert.match(warning?.text ?? "", /WebAssembly is refused on this page .*JavaScript build/);
  // The only error is the browser's own report of the refused WebAssembly compile (the probe).
  assert.deepEqual(errors(consoled), ["CSP violation: script-src wasm-eval"]);
  await page.close();
});

test("under the strict CSP a full submit attempt lists every error, as with WebAssembly", async () => {
  const { page } = await load("/?csp=strict");
  await attached(page);
  await page.fill('[name="xfaq_fxs"]', "2");
  await page.fill('[name="xfaq_yzz"]', "3");
  await page.click('button[type="submit"]');
  await page.waitForTimeout(200);
  assert.equal(new URL(page.url()).pathname, "/", "blocked: still on the form");
  assert.ok((await page.locator("[data-ssf-code]").count()) > 3, "the required fields left blank are reported too");
  await page.close();
});

test("in a browser without WebAssembly the JavaScript build is used", async () => {
  const { page, requested, loaded, consoled } = await load("/", { init: () => delete globalThis.WebAssembly });
  await validates(page);
  assert.ok(loaded.includes(JS_BUILD));
  assert.ok(!requested.includes(WASM));
  assert.match(consoled.find((m) => m.type === "warning")?.text ?? "", /this browser has no WebAssembly/);
  assert.deepEqual(errors(consoled), []);
  await page.close();
});

test("an engine that cannot compile this wasm (an older Chromium, before reference types) gets the JavaScript build", async () => {
  // As such an engine answers: the empty probe module compiles, the real module does not.
  const init = () => {
    const refuse = () => Promise.reject(new WebAssembly.CompileError("invalid value type 'externref' (simulated: an engine before reference types)"));
    for (const f of ["instantiateStreaming", "instantiate", "compile", "compileStreaming"]) WebAssembly[f] = refuse;
  };
  const { page, loaded, consoled } = await load("/", { init });
  await validates(page);
  assert.ok(loaded.includes(JS_BUILD));
  assert.match(consoled.find((m) => m.type === "warning")?.text ?? "", /could not load \(invalid value type 'externref'/);
  assert.deepEqual(errors(consoled), []);
  await page.close();
});

test("when only the engine's .wasm is blocked, the JavaScript build takes over", async () => {
  const { page, requested, loaded, consoled } = await load("/", { block: `**${WASM}` });
  await validates(page);
  assert.ok(requested.includes(WASM), "the wasm was tried first");
  assert.ok(loaded.includes(JS_BUILD));
  assert.match(consoled.find((m) => m.type === "warning")?.text ?? "", /forms_engine_bg\.wasm\) could not load/);
  assert.ok(errors(consoled).every((e) => /Failed to load resource/.test(e)), JSON.stringify(errors(consoled)));
  await page.close();
});

for (const [name, path, block] of [
  ["the wasm and the JavaScript build are both blocked", "/", /forms_engine_bg\.wasm$|\/js\/school_safety_forms\.js$/],
  ["WebAssembly is refused by the CSP and the JavaScript build is blocked", "/?csp=strict", /\/js\/school_safety_forms\.js$/],
]) {
  test(`when ${name}, the form submits as it always did and the console says why`, async () => {
    const { page, consoled } = await load(path, { block });
    await page.waitForTimeout(500);
    assert.equal(await page.locator("form[data-ssf-initialised]").count(), 0);
    await page.fill('[name="xfaq_fxs"]', "2");
    await page.fill('[name="xfaq_yzz"]', "3");
    assert.equal(await value(page, "xfaq_wzz"), "", "nothing computed");
    assert.equal(await page.locator(".ssf-message, [data-ssf-code]").count(), 0, "no message");
    assert.equal(await validity(page, "xfaq_yzz"), "");
    const why = errors(consoled).find((e) => e.startsWith("school-safety-forms:"));
    assert.match(why ?? "", /the engine could not load: .*and its JavaScript build failed too/, JSON.stringify(consoled));
    const posted = page.waitForRequest((r) => r.method() === "POST");
    await page.click('button[type="submit"]');
    const body = new URLSearchParams((await posted).postData());
    assert.equal(body.get("xfaq_yzz"), "3");
    await page.waitForURL("**/submit");
    await page.close();
  });
}

test("the JavaScript build adds nothing to window either", async () => {
  const globals = async (path, block) => {
    const { page } = await load(path, { block });
    await page.waitForTimeout(500);
    const keys = await page.evaluate(() => Object.getOwnPropertyNames(window).sort());
    await page.close();
    return keys;
  };
  const without = await globals("/?csp=strict", "**/attach.js");
  const { page } = await load("/?csp=strict");
  await attached(page);
  const keys = await page.evaluate(() => Object.getOwnPropertyNames(window).sort());
  await page.close();
  assert.deepEqual(keys.filter((k) => !without.includes(k)), []);
});
