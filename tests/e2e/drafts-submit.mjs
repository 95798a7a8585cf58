// Shared by the draft tests: completing and submitting a restored form the way an officer does.

/** Clicks `selector`; resolves to the demo server's echo of what was posted (`{posted}`), or to the
 *  error summary's text when the form is held back by an error (`{held}`). Warnings are seen once,
 *  then the form goes, as the drop-in asks them. */
export async function submit(page, selector) {
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.click(selector);
    const outcome = await Promise.race([
      page.waitForURL("**/submit").then(() => "posted"),
      page.locator(".ssf-summary:not([hidden])").waitFor().then(() => "held"),
    ]);
    if (outcome === "posted") return { posted: await page.locator("#posted").textContent() };
    if (!(await page.locator(".ssf-summary").evaluate((s) => s.classList.contains("ssf-summary-warnings")))) return { held: await page.locator(".ssf-summary").textContent() };
  }
  await page.waitForURL("**/submit");
  return { posted: await page.locator("#posted").textContent() };
}

/** Fills the daily report's empty fields validly (the demo's names; every other row 0 found, 0
 *  fixed). */
export async function completeDaily(page) {
  const blank = async (name) => !(await page.locator(`[name="${name}"]`).inputValue());
  for (const [n, v] of [["dwmc", "温州市第八高级中学"], ["tbrq", "2021-06-22"], ["tbr", "张小玲"], ["shr", "方文跃"], ["fgld", "王剑波"]]) if (await blank(n)) await page.fill(`[name="${n}"]`, v);
  for (const c of ["xsaq", "rqaq", "xyaf", "xfaq", "jtaq", "spaq", "sysaq", "zbhj"]) for (const n of [`${c}_fxs`, `${c}_yzz`]) if (await blank(n)) await page.fill(`[name="${n}"]`, "0");
}

/** Whether a request is a form's post to the demo server (a browser submit, fetch or $.ajax). */
const toServer = (r) => r.method() === "POST" && new URL(r.url()).pathname === "/submit";

/** Presses `selector` on a page that may send by the browser's submit or by script (fetch, $.ajax,
 *  layui): resolves to `{pairs}`, what reached the demo server, or to `{held}`, the error summary's
 *  text once the drop-in holds the form back (the summary takes the focus). Warnings are seen once,
 *  then sent, as the officer would. */
export async function send(page, selector) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const request = page.waitForRequest(toServer, { timeout: 20000 });
    await page.click(selector); // the focus leaves a summary an earlier attempt showed
    const summary = page.waitForFunction(() => document.activeElement?.closest(".ssf-summary:not([hidden])"), null, { timeout: 20000 });
    for (const p of [request, summary]) p.catch(() => {}); // the one that loses the race times out
    const outcome = await Promise.race([request, summary.then(() => null)]);
    if (outcome) return { pairs: [...new URLSearchParams(outcome.postData() ?? "")] };
    const shown = page.locator(".ssf-summary:not([hidden])").first();
    if (!(await shown.evaluate((s) => s.classList.contains("ssf-summary-warnings")))) return { held: await shown.textContent() };
  }
  return { warned: "the warnings were asked about twice" };
}
