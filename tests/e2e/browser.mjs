// Shared setup for the end-to-end tests: the demo server and Debian's Chromium via playwright-core.
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export async function start() {
  const server = await serve(0);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
  return {
    base,
    browser,
    async stop() {
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}

/** Opens a page, collecting console errors and CSP violations; `block` aborts matching requests;
 *  `init` runs in the page before its own scripts. */
export async function open(env, path, { block, init } = {}) {
  const page = await env.browser.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(String(e)));
  if (block) await page.route(block, (route) => route.abort());
  if (init) await page.addInitScript(init);
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(env.base + path);
  return { page, problems };
}

/** Waits until the drop-in has attached to the form. */
export async function attached(page) {
  await page.waitForSelector("form[data-ssf-initialised]");
}

/** The messages a field's aria-describedby names, as [{code, severity, text}]. */
export const messages = (locator) =>
  locator.evaluate((el) =>
    (el.getAttribute("aria-describedby") || "")
      .split(" ")
      .filter(Boolean)
      .flatMap((id) => [...(document.getElementById(id)?.querySelectorAll("[data-ssf-code]") ?? [])])
      .map((m) => ({ code: m.dataset.ssfCode, severity: m.classList.contains("ssf-error") ? "error" : "warning", text: m.textContent })),
  );

/** GB 11643 check character of the first 17 digits (ISO 7064 MOD 11-2). */
export function residentId(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}
