// Shared by the draft tests: submitting a restored form the way an officer does.

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
