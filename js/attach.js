// school-safety-forms drop-in: turns an existing portal form into a validated one.
//
//   <form data-ssf-form="daily-report" data-ssf-profile="zhejiang-wenzhou-2021" data-ssf-now="…">
//     <input name="portal_name" data-ssf-field="rows.fire.found"> …
//   </form>
//   <script type="module" src="/static/ssf/attach.js"></script>
//
// or, with no edit to the markup: attach(form, { kind, fields: { portal_name: "rows.fire.found" } }).
//
// Promises kept to the host portal: if the engine cannot load, nothing is changed; user text is
// only ever set as textContent; no eval; nothing is added to window; no named element is added,
// so the form posts exactly the fields it posted before (computed values fill the portal's own).

const ENGINE = new URL("./school_safety_forms.js", import.meta.url).href;
const INITIALISED = "data-ssf-initialised";
const attached = new WeakMap();
const styled = new WeakSet();
const marked = new WeakSet(); // elements whose aria-invalid this module set
let engine = null;
let messageIds = 0;

/** Loads and initialises the engine once; rejects when the JS or the wasm cannot be fetched. */
function loadEngine() {
  engine ??= import(ENGINE).then(async (m) => {
    await m.default();
    return m;
  });
  return engine;
}

/** Options from typed data-* attributes: data-ssf-form, -profile, -locale, -now, -styles. */
function dataOptions(form) {
  const d = form.dataset;
  const out = {};
  if (d.ssfForm) out.kind = d.ssfForm;
  if (d.ssfProfile) out.profile = d.ssfProfile;
  if (d.ssfLocale) out.locale = d.ssfLocale;
  if (d.ssfNow) out.now = d.ssfNow;
  if (d.ssfStyles) out.styles = d.ssfStyles !== "false";
  return out;
}

const DEFAULTS = { kind: undefined, fields: {}, profile: undefined, locale: undefined, now: undefined, previous: undefined, styles: true, onError: (e) => console.error("school-safety-forms:", e) };

/**
 * Attaches validation to `form`. Config: defaults ← `options` ← the form's data-ssf-* attributes.
 * Resolves to a controller, or to null when the engine could not load (the form is then untouched).
 * Attaching the same form twice returns the first attachment.
 */
export function attach(form, options = {}) {
  if (attached.has(form)) return attached.get(form);
  const config = { ...DEFAULTS, ...options, ...dataOptions(form) };
  const pending = start(form, config).catch((error) => {
    try {
      config.onError(error);
    } catch {
      // The portal's own handler failed: nothing more we can do without disturbing the page.
    }
    return null;
  });
  attached.set(form, pending);
  return pending;
}

async function start(form, config) {
  if (!config.kind) throw new Error("no form kind: set data-ssf-form or options.kind");
  const m = await loadEngine();
  const fields = mapFields(form, config.fields);
  const described = new Map(m.describe(config.kind, config.profile).map((f) => [f.path, f]));
  const clock = serverClock(config.now);
  const session = new m.FormSession(config.kind, {
    profile: config.profile,
    locale: config.locale,
    previous: config.previous,
    now: clock.now(),
  });
  const view = new FormView(form, fields, described, config);
  // Only now that everything is ready does the form change behaviour.
  view.start(session, clock);
  form.setAttribute(INITIALISED, "");
  return view.controller();
}

/** The portal's server time advanced by this page's monotonic clock; the PC clock is not trusted.
 *  Floored to the minute: deadlines are whole minutes, and an unchanged minute needs no re-check. */
function serverClock(now) {
  if (now === undefined) return { now: () => undefined };
  const base = Date.parse(now);
  if (Number.isNaN(base)) return { now: () => now }; // the engine says what is wrong with it
  const t0 = performance.now();
  return { now: () => new Date(Math.floor((base + (performance.now() - t0)) / 60000) * 60000).toISOString() };
}

/** path → elements, from data-ssf-field and from the portal-name field map. */
function mapFields(form, fieldMap) {
  const byPath = new Map();
  const add = (path, el) => {
    if (!path || !el || !("value" in el)) return;
    if (!byPath.has(path)) byPath.set(path, []);
    if (!byPath.get(path).includes(el)) byPath.get(path).push(el);
  };
  for (const el of form.querySelectorAll("[data-ssf-field]")) add(el.getAttribute("data-ssf-field"), el);
  for (const [name, path] of Object.entries(fieldMap || {})) {
    const item = form.elements.namedItem(name);
    if (item instanceof Element) add(path, item);
    else if (item) for (const el of item) add(path, el);
  }
  return byPath;
}

function readValue(el) {
  if (el.type === "checkbox") return el.checked;
  return el.value;
}

const STYLES = `.ssf-message{display:block;font-size:.875em;margin-top:.2em}.ssf-message[hidden]{display:none}
.ssf-error{color:#b00020}.ssf-warning{color:#8a5300}.ssf-summary{border:2px solid #b00020;padding:.5em 1em;margin:0 0 1em}
.ssf-summary[hidden]{display:none}form[data-ssf-initialised] [aria-invalid=true]{outline:2px solid #b00020}`;

function installStyles(doc) {
  if (styled.has(doc) || !("adoptedStyleSheets" in doc)) return;
  styled.add(doc);
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES); // constructable sheets need no 'unsafe-inline' style-src
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  } catch {
    // Unstyled messages are still messages.
  }
}

class FormView {
  constructor(form, fields, described, config) {
    this.form = form;
    this.fields = fields; // path → [elements]
    this.pathOf = new Map(); // element → path
    for (const [path, els] of fields) for (const el of els) this.pathOf.set(el, path);
    this.described = described;
    this.config = config;
    this.issues = new Map(); // path → issues
    this.touched = new Set();
    this.revealed = false;
    this.userOwned = new Set(); // computed paths the user typed into
    this.written = new Map(); // computed path → the text last written into its fields
    this.messages = new Map(); // path → message element
    this.summary = null;
  }

  isComputed(path) {
    return this.described.get(path)?.computed === true;
  }

  start(session, clock) {
    this.session = session;
    this.clock = clock;
    if (this.config.styles) installStyles(this.form.ownerDocument);
    this.sync();

    this.onInput = (event) => this.input(event);
    this.form.addEventListener("input", this.onInput);
    this.form.addEventListener("change", this.onInput);
    this.form.addEventListener("compositionend", this.onInput);
    this.form.addEventListener("focusout", (event) => this.touch(event.target));
    this.form.addEventListener("invalid", () => this.reveal(), true);
    this.form.addEventListener("submit", (event) => this.submit(event));
    // After a reset the browser restores the fields' defaults without input events.
    this.form.addEventListener("reset", () => setTimeout(() => this.sync(), 0));
  }

  /** Reads every mapped field into the session: at start, after a reset, or when the portal's
   *  own script has filled fields (a restored draft). Non-empty fields count as touched. */
  sync() {
    for (const [path, els] of this.fields) {
      const el = els[0];
      let value = readValue(el);
      if (this.isComputed(path)) {
        // The officer's if editable and holding something other than what we last wrote there.
        const editable = !el.readOnly && !el.disabled && el.type !== "hidden";
        if (editable && value !== "" && value !== this.written.get(path)) this.userOwned.add(path);
        else {
          this.userOwned.delete(path);
          value = "";
        }
      }
      if (value !== "" && value !== false) this.touched.add(path);
      this.session.set(path, value);
    }
    const result = this.session.result();
    this.issues.clear();
    for (const issue of result.issues) {
      if (!this.issues.has(issue.path)) this.issues.set(issue.path, []);
      this.issues.get(issue.path).push(issue);
    }
    this.fill(result.computed);
    this.renderAll();
  }

  /** Advances the session to the current server time (deadlines move while the officer types). */
  tick() {
    const now = this.clock.now();
    if (now === undefined || now === this.lastNow) return;
    this.lastNow = now;
    this.apply(this.session.setNow(now));
  }

  input(event) {
    if (event.isComposing) return; // pinyin still being composed: wait for compositionend
    const el = event.target;
    const path = this.pathOf.get(el);
    if (path === undefined) return;
    const value = readValue(el);
    if (this.isComputed(path)) {
      if (value === "") this.userOwned.delete(path);
      else this.userOwned.add(path);
    }
    this.touched.add(path);
    this.tick();
    this.apply(this.session.set(path, value));
  }

  touch(el) {
    const path = this.pathOf.get(el);
    if (path === undefined || this.touched.has(path)) return;
    this.touched.add(path);
    this.render(path);
  }

  /** Applies what one set() changed: only those paths are re-rendered. */
  apply(changes) {
    this.fill(changes.computed);
    let orphans = false;
    for (const [path, list] of Object.entries(changes.issues)) {
      if (list.length) this.issues.set(path, list);
      else this.issues.delete(path);
      if (this.fields.has(path)) this.render(path);
      else orphans = true;
    }
    if (orphans) this.renderSummary(); // only then: the summary walks every issue
  }

  /** Writes computed values into the portal's own fields, unless the user typed there. */
  fill(computed) {
    for (const [path, value] of Object.entries(computed)) {
      if (this.userOwned.has(path)) continue;
      const text = value === null ? "" : String(value);
      this.written.set(path, text);
      for (const el of this.fields.get(path) || []) if (el.value !== text) el.value = text;
    }
  }

  reveal() {
    if (this.revealed) return;
    this.revealed = true;
    this.renderAll();
  }

  submit(event) {
    this.tick();
    if (!this.session.hasErrors()) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    this.revealed = true;
    this.renderAll();
    const first = this.form.querySelector("[aria-invalid=true]");
    (first || this.summary)?.focus?.();
  }

  /** Whether an issue is shown: blank-but-required waits until the field is touched or a submit. */
  shown(issue) {
    return issue.code !== "required" || this.revealed || this.touched.has(issue.path);
  }

  renderAll() {
    const paths = new Set([...this.messages.keys(), ...this.issues.keys()]);
    for (const path of paths) this.render(path);
    this.renderSummary();
  }

  render(path) {
    const els = this.fields.get(path);
    if (!els) return; // shown in the summary instead
    const all = this.issues.get(path) || [];
    const visible = all.filter((i) => this.shown(i));
    const firstError = all.find((i) => i.severity === "error");
    const visibleError = visible.some((i) => i.severity === "error");
    for (const el of els) {
      // The browser itself refuses to submit while an error stands, shown yet or not.
      el.setCustomValidity?.(firstError ? firstError.message : "");
      if (visibleError) {
        el.setAttribute("aria-invalid", "true");
        marked.add(el);
      } else if (marked.has(el)) {
        el.removeAttribute("aria-invalid");
        marked.delete(el);
      }
    }
    let box = this.messages.get(path);
    if (!visible.length) {
      if (box) {
        box.hidden = true;
        box.replaceChildren();
        for (const el of els) describedBy(el, box.id, false);
      }
      return;
    }
    if (!box) {
      box = this.form.ownerDocument.createElement("span");
      box.id = `ssf-msg-${++messageIds}`;
      box.className = "ssf-message";
      box.setAttribute("aria-live", "polite");
      els[els.length - 1].insertAdjacentElement("afterend", box);
      this.messages.set(path, box);
    }
    box.hidden = false;
    box.replaceChildren(...visible.map((i) => line(box.ownerDocument, i)));
    for (const el of els) describedBy(el, box.id, true);
  }

  /** Issues at paths the portal has no field for (a form without a measures column, say). */
  renderSummary() {
    const orphans = [];
    for (const [path, list] of this.issues) {
      if (!this.fields.has(path)) orphans.push(...list.filter((i) => this.shown(i)));
    }
    if (!orphans.length && !this.summary) return;
    if (!this.summary) {
      this.summary = this.form.ownerDocument.createElement("div");
      this.summary.className = "ssf-summary";
      this.summary.setAttribute("role", "alert");
      this.summary.tabIndex = -1;
      this.form.prepend(this.summary);
    }
    this.summary.hidden = !orphans.length;
    this.summary.replaceChildren(...orphans.map((i) => line(this.summary.ownerDocument, i)));
  }

  controller() {
    return {
      form: this.form,
      /** The full result, as validate() gives it. */
      result: () => this.session.result(),
      /** Re-reads every field (after the portal's own script changed values). */
      sync: () => this.sync(),
      /** Shows every message, as a submit attempt does. */
      reveal: () => {
        this.revealed = false;
        this.reveal();
      },
    };
  }
}

function line(doc, issue) {
  const span = doc.createElement("span");
  span.className = `ssf-message ssf-${issue.severity}`;
  span.dataset.ssfCode = issue.code;
  span.textContent = issue.message; // never HTML
  return span;
}

function describedBy(el, id, on) {
  const ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
  const has = ids.includes(id);
  if (on && !has) ids.push(id);
  if (!on && has) ids.splice(ids.indexOf(id), 1);
  if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
  else el.removeAttribute("aria-describedby");
}

/** Attaches every form marked with data-ssf-form, each on its own so one failure spares the rest. */
export function attachAll(root = document) {
  return Promise.all([...root.querySelectorAll("form[data-ssf-form]")].map((form) => attach(form)));
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => attachAll());
  else attachAll();
}
