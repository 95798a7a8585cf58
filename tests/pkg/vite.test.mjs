// The npm package as a portal's developers get it: `npm pack` of the release pkg/, installed into
// a fresh project from the tarball (no network), then used both ways README.md shows:
//   - through a bundler: Vite builds a page that does `import { attach } from "school-safety-forms/attach.js"`;
//   - as static files: the installed package folder copied under /ssf/, attach.js loaded by
//     <script type="module" integrity="sha384-…">.
// Each page is checked in Debian's Chromium (playwright-core): typing gives the message and the
// computed value. Vite is this repository's devDependency, run through its JavaScript API.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build } from "vite";
import { CHROMIUM_ARGS } from "../e2e/browser.mjs";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const NAME = JSON.parse(readFileSync(join(repo, "pkg", "package.json"), "utf8")).name;
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
/** The fields of the daily report's fire row, by the portal's own names. */
const FIELDS = { xfaq_fxs: "rows.fire.found", xfaq_yzz: "rows.fire.fixed", xfaq_wzz: "rows.fire.unfixed" };
const FORM = `<form id="report" method="post" action="/submit">
  <label>发现 <input name="xfaq_fxs"></label> <label>已整治 <input name="xfaq_yzz"></label> <label>未整治 <input name="xfaq_wzz" readonly></label>
  <button type="submit">报送</button>
</form>`;

let tmp;
let browser;
const servers = [];

/** Serves `dir` with a strict CSP (plus 'wasm-unsafe-eval' unless ?csp=strict), as a portal would. */
async function serveDir(dir) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    const file = normalize(join(dir, decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname)));
    let body;
    try {
      if (!file.startsWith(dir)) throw new Error("outside");
      body = readFileSync(file);
    } catch {
      res.writeHead(404).end("not found");
      return;
    }
    const csp = url.searchParams.get("csp") === "strict" ? CSP.replace(" 'wasm-unsafe-eval'", "") : CSP;
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream", "content-security-policy": csp });
    res.end(body);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}`;
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), "ssf-install-"));
  const npm = (args, cwd) => execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });
  const tarball = npm(["pack", join(repo, "pkg"), "--pack-destination", tmp, "--silent"], tmp).trim().split("\n").pop();

  // A fresh project that installs the package from the tarball alone (it has no dependencies).
  const app = join(tmp, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "portal", private: true, type: "module" }));
  npm(["install", join(tmp, tarball), "--offline"], app);

  // Through a bundler: the README's three lines.
  writeFileSync(join(app, "index.html"), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Vite</title></head>
<body>${FORM}<script type="module" src="./main.js"></script></body></html>`);
  writeFileSync(
    join(app, "main.js"),
    `import { attach } from "${NAME}/attach.js";
attach(document.querySelector("#report"), { kind: "daily-report", profile: "zhejiang-wenzhou-2021", fields: ${JSON.stringify(FIELDS)} });
`,
  );
  await build({ root: app, configFile: false, logLevel: "silent", build: { outDir: "dist", emptyOutDir: true } });

  // As static files: the installed package copied as it is, the markup carrying the field paths.
  const site = join(tmp, "site");
  cpSync(join(app, "node_modules", NAME), join(site, "ssf"), { recursive: true });
  const integrity = "sha384-" + createHash("sha384").update(readFileSync(join(site, "ssf", "attach.js"))).digest("base64");
  const marked = FORM.replace('<form id="report"', '<form id="report" data-ssf-form="daily-report" data-ssf-profile="zhejiang-wenzhou-2021"').replace(/name="(\w+)"/g, (m, n) => `${m} data-ssf-field="${FIELDS[n]}"`);
  writeFileSync(join(site, "index.html"), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>static</title></head>
<body>${marked}<script type="module" src="/ssf/attach.js" integrity="${integrity}" crossorigin="anonymous"></script></body></html>`);
  // The same page expecting other bytes (a tampered or half-updated copy): the browser refuses it.
  const other = "sha384-" + createHash("sha384").update("another attach.js").digest("base64");
  writeFileSync(join(site, "tampered.html"), readFileSync(join(site, "index.html"), "utf8").replace(integrity, other));
  // The engine glue checked too, through a modulepreload with its hash (README.md, SRI).
  const glue = "sha384-" + createHash("sha384").update(readFileSync(join(site, "ssf", "forms_engine.js"))).digest("base64");
  const preload = (hash) => readFileSync(join(site, "index.html"), "utf8").replace("<title>", `<link rel="modulepreload" href="/ssf/forms_engine.js" integrity="${hash}" crossorigin="anonymous"><title>`);
  writeFileSync(join(site, "preload.html"), preload(glue));
  writeFileSync(join(site, "preload-tampered.html"), preload(other));

  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  for (const s of servers) await new Promise((done) => s.close(done));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Opens `url`, types fixed > found, then a valid pair; returns what was fetched and logged. */
async function typeInto(url) {
  const page = await browser.newPage();
  const fetched = [];
  const errors = [];
  page.on("requestfinished", (r) => fetched.push(new URL(r.url()).pathname));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector("form[data-ssf-initialised]");
  await page.fill('[name="xfaq_fxs"]', "5");
  await page.fill('[name="xfaq_yzz"]', "6");
  const message = await page.locator('[name="xfaq_yzz"]').evaluate((el) => el.validationMessage);
  const shown = await page.locator(".ssf-message").allTextContents();
  await page.fill('[name="xfaq_yzz"]', "2");
  const unfixed = await page.locator('[name="xfaq_wzz"]').inputValue();
  await page.close();
  return { fetched, errors, message, shown, unfixed };
}

const MESSAGE = "消防安全·已整治隐患数不能多于发现隐患数（5）";

test(`the package is named "${NAME}" and exports attach.js, the engine and its JavaScript build`, () => {
  const pkg = JSON.parse(readFileSync(join(tmp, "app", "node_modules", NAME, "package.json"), "utf8"));
  assert.equal(pkg.name, "school-safety-forms", "README.md tells portals this name");
  for (const path of ["./attach.js", ".", "./js/school_safety_forms.js"]) assert.ok(pkg.exports[path], path);
  assert.ok(pkg.sideEffects.includes("./attach.js"), "a bare import of attach.js is not tree-shaken away");
});

test("Vite: the bundled page validates through the wasm, the JavaScript build left unloaded", async () => {
  const base = await serveDir(join(tmp, "app", "dist"));
  const r = await typeInto(base + "/");
  assert.equal(r.message, MESSAGE);
  assert.ok(r.shown.some((t) => t.includes(MESSAGE)), JSON.stringify(r.shown));
  assert.equal(r.unfixed, "3");
  const assets = readdirSync(join(tmp, "app", "dist", "assets"));
  const wasm = assets.find((f) => f.endsWith(".wasm"));
  assert.ok(wasm, "Vite emitted the wasm the glue refers to with new URL(…, import.meta.url)");
  assert.ok(r.fetched.includes(`/assets/${wasm}`));
  // forms_engine (the drop-in's glue), school_safety_forms (the glue of the engine a form given a
  // definition loads) and the JS build.
  assert.equal(assets.filter((f) => /^(forms_engine|school_safety_forms)-.*\.js$/.test(f)).length, 3, "the glues and the JS build are chunks of their own");
  assert.ok(r.fetched.filter((p) => /^\/assets\/(forms_engine|school_safety_forms)-/.test(p)).length === 1, `only the glue chunk is loaded: ${r.fetched}`);
  assert.deepEqual(r.errors, []);
});

test("Vite: under a CSP without 'wasm-unsafe-eval' the bundled page falls back to the JavaScript build chunk", async () => {
  const base = await serveDir(join(tmp, "app", "dist"));
  const r = await typeInto(base + "/?csp=strict");
  assert.equal(r.message, MESSAGE);
  assert.equal(r.unfixed, "3");
  assert.ok(!r.fetched.some((p) => p.endsWith(".wasm")));
  assert.deepEqual(r.errors, [], "the refused probe compile is the browser's own report, not a console error");
});

test("static copy: the installed files under /ssf/, attach.js with its SRI hash", async () => {
  const base = await serveDir(join(tmp, "site"));
  const r = await typeInto(base + "/");
  assert.equal(r.message, MESSAGE);
  assert.equal(r.unfixed, "3");
  assert.ok(r.fetched.includes("/ssf/forms_engine_bg.wasm"));
  assert.deepEqual(r.errors, []);
});

test("static copy: attach.js whose bytes do not match the page's integrity is refused and the form left alone", async () => {
  const base = await serveDir(join(tmp, "site"));
  const page = await browser.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(base + "/tampered.html");
  await page.waitForTimeout(500);
  assert.equal(await page.locator("form[data-ssf-initialised]").count(), 0);
  await page.fill('[name="xfaq_fxs"]', "5");
  await page.fill('[name="xfaq_yzz"]', "6");
  assert.equal(await page.locator('[name="xfaq_yzz"]').evaluate((el) => el.validationMessage), "");
  assert.ok(errors.some((e) => /integrity/i.test(e)), JSON.stringify(errors));
  await page.close();
});

test("static copy: the glue checked by a modulepreload integrity is used; one that does not match stops the drop-in, with no fallback", async () => {
  const base = await serveDir(join(tmp, "site"));
  const r = await typeInto(base + "/preload.html");
  assert.equal(r.message, MESSAGE);
  assert.deepEqual(r.errors, []);
  const page = await browser.newPage();
  const errors = [];
  const fetched = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("requestfinished", (req) => fetched.push(new URL(req.url()).pathname));
  await page.goto(base + "/preload-tampered.html");
  await page.waitForTimeout(800);
  assert.equal(await page.locator("form[data-ssf-initialised]").count(), 0);
  assert.ok(errors.some((e) => /integrity/i.test(e)), JSON.stringify(errors));
  assert.ok(errors.some((e) => /^school-safety-forms:/.test(e)), "onError says the engine did not load");
  assert.ok(!fetched.some((p) => p.startsWith("/ssf/js/")), "the JS build is not tried in its place");
  await page.close();
});
