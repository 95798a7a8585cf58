// school-safety-forms drop-in: turns an existing portal form into a validated one.
//
//   <form data-ssf-form="daily-report" data-ssf-profile="zhejiang-wenzhou-2021" data-ssf-now="…">
//     <input name="portal_name" data-ssf-field="rows.fire.found"> …
//     <tr data-ssf-row="campuses"><td><input name="xq_rs" data-ssf-field="campuses[].headcount"> …
//   </form>
//   <script type="module" src="/static/ssf/attach.js"></script>
//
// or, with no edit to the markup: attach(form, { kind, fields: { portal_name: "rows.fire.found",
// "campus[i][headcount]": "campuses[i].headcount" } }).
//
// Promises kept to the host portal: if the engine cannot load, nothing is changed; user text is
// only ever set as textContent; no eval; nothing is added to window; no named element is added,
// so the form posts exactly the fields it posted before (computed values fill the portal's own).
//
// Source modules: this entry (attach, the server clock), config.js (defaults and data-ssf-* options),
// engine.js (loading the wasm engine, or its JS build where WebAssembly is missing or refused),
// view.js (one attached form: its lifecycle, its events, reading the controls into the session),
// follow.js (script writes to the controls), messages.js (boxes beside fields, aria, custom
// validities, the live region), summary.js (the error summary), gate.js (what may be sent),
// fields.js (which element holds which path, reading and writing values), rows.js (the page's row
// changes as row operations), place.js (where a box goes among widgets), drafts.js (saving as the
// officer types), and parts loaded on demand: paste.js (a spreadsheet block) and drafts-offer.js
// (offering a draft back, sealing and opening drafts under a draft key). scripts/build bundles
// the eager ones into the one pkg/attach.js a portal loads; the engine stays beside it.
import { FormView } from "./view.js";
import { report } from "./errors.js";
import { DEFAULTS, dataOptions } from "./config.js";
import { loadEngine } from "./engine.js";
export { clearDrafts } from "./drafts.js"; // for a portal's logout: clearDrafts({ user })

/** Where a form keeps its attachment: a property keyed by a registered symbol, so every copy of
 *  this script on the page (a second one loaded under another URL, say) finds the first copy's
 *  attachment and does nothing twice; nothing is added to window. */
const ATTACHMENT = Symbol.for("school-safety-forms.attachment");

/**
 * Attaches validation to `form`. Config: defaults ← `options` ← the form's data-ssf-* attributes.
 * Resolves to a controller, or to null when the engine could not load (the form is then untouched).
 * Attaching the same form twice returns the first attachment, even from another copy of this script.
 */
export function attach(form, options = {}) {
  if (!form || typeof form.querySelectorAll !== "function" || form.tagName !== "FORM") {
    report({ ...DEFAULTS, ...options }, new Error(`attach() needs a <form> element, got ${form === null ? "null" : typeof form}`));
    return Promise.resolve(null);
  }
  if (form[ATTACHMENT]) return form[ATTACHMENT];
  const config = { ...DEFAULTS, ...options, ...dataOptions(form) };
  const pending = start(form, config).catch((error) => {
    report(config, error);
    return null;
  });
  form[ATTACHMENT] = pending;
  return pending;
}

async function start(form, config) {
  const defined = config.definition !== undefined;
  if (defined) {
    config.definition = await definitionOf(config.definition);
    config.kind ??= config.definition?.id;
  }
  if (!config.kind) throw new Error("no form kind: set data-ssf-form or options.kind, or give a definition");
  const m = await loadEngine(false, defined);
  const view = new FormView(form, m, config, serverClock(config.now, (e) => report(config, e)), () => loadEngine(true, defined));
  // Only now that everything is ready does the form change behaviour.
  view.start();
  return view.controller(() => delete form[ATTACHMENT]);
}

/** A definition given as an object, or fetched from the URL given (same origin or allowed by the
 *  page's CSP connect-src); JSON only, never evaluated. */
async function definitionOf(given) {
  if (typeof given !== "string") return given;
  const url = new URL(given, document.baseURI);
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`form definition ${url} could not be fetched (HTTP ${response.status})`);
  return response.json();
}

/** The portal's server time advanced by this page's monotonic clock; the PC clock is not trusted.
 *  Floored to the minute: deadlines are whole minutes, and an unchanged minute needs no re-check.
 *  A time without an offset (`2021-06-22 15:40:00`, as Java and PHP print it) is China time. */
function serverClock(now, onError) {
  if (now === undefined || now === "") return { now: () => undefined };
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(String(now).trim());
  const base = Date.parse(local ? `${local[1]}T${local[2]}+08:00` : now);
  if (Number.isNaN(base)) {
    onError(new Error(`server time "${now}" is not a date and time (use ISO 8601, e.g. 2021-06-22T15:40:00+08:00): the engine uses this PC's clock`));
    return { now: () => undefined };
  }
  const t0 = performance.now();
  return { now: () => new Date(Math.floor((base + (performance.now() - t0)) / 60000) * 60000).toISOString() };
}

/** Attaches every form marked with data-ssf-form, each on its own so one failure spares the rest. */
export function attachAll(root = document) {
  return Promise.all([...root.querySelectorAll("form[data-ssf-form], form[data-ssf-definition]")].map((form) => attach(form)));
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => attachAll());
  else attachAll();
}
