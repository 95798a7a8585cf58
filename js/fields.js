// Which page elements hold which engine paths, and what they hold.
//
// Three ways a page names its fields, all re-read whenever the page adds or removes rows:
//   data-ssf-field="campuses[2].headcount"         an explicit path
//   data-ssf-field="campuses[].headcount"          inside <tr data-ssf-row="campuses">: the index is
//                                                  the row's position among its group's rows
//   fields: { "campus[i][headcount]": "campuses[i].headcount" }
//                                                  the portal's own names, `[i]` or `{i}` standing for
//                                                  the number in the name (`campus_{i}_rs`); rows are
//                                                  placed in page order, whatever the numbers are

/** Controls that submit a form. */
export const SUBMITTER = "button:not([type]),button[type=submit],input[type=submit],input[type=image]";

/** `campuses[3].headcount` → `campuses[i].headcount`, the form of describe()'s paths. */
export const patternOf = (path) => path.replace(/\[\d+\]/g, "[i]");

/** The repeated group a path is in, or null: `campuses[3].headcount` → "campuses". */
export function groupOf(path) {
  const m = /^([^.[\]]+)\[\d+\]/.exec(path);
  return m ? m[1] : null;
}

/** A form's own members, read through HTMLFormElement's prototype: a form answers a property read
 *  with the control of that name first, so a portal's `<input name="elements">` or `name="id"`
 *  would stand in for the real member. */
const FORM = typeof HTMLFormElement === "undefined" ? null : HTMLFormElement.prototype;
const member = (name) => (FORM ? Object.getOwnPropertyDescriptor(FORM, name)?.get : null);
const ELEMENTS = member("elements");
/** The form's controls in tree order (`form.elements`, whatever the controls are named). */
export const elementsOf = (form) => (ELEMENTS ? ELEMENTS.call(form) : form.elements);

/**
 * Checks a portal's field map once: every entry is `name: "engine.path"` or
 * `name: { path, values: { portalCode: choiceId } }`. A malformed entry is reported (named) and
 * left out, never thrown inside the page.
 * @returns {{ names: Record<string, string>, codes: Map<string, { toEngine: Map<string, string>, toPortal: Map<string, string> }> }}
 *   `names` portal name → engine path; `codes` engine path pattern (`rows[i].status`) → its codes
 */
export function readFieldMap(fieldMap, onError) {
  const names = {};
  const codes = new Map();
  if (fieldMap === undefined || fieldMap === null) return { names, codes };
  if (typeof fieldMap !== "object" || Array.isArray(fieldMap)) {
    onError(new Error(`the field map must be an object of portal name → engine path, got ${Array.isArray(fieldMap) ? "an array" : typeof fieldMap}`));
    return { names, codes };
  }
  for (const [name, entry] of Object.entries(fieldMap)) {
    const bad = (why) => onError(new Error(`field map entry "${name}": ${why}; the entry is left out`));
    if (typeof entry === "string") {
      names[name] = entry;
      continue;
    }
    if (!entry || typeof entry !== "object" || typeof entry.path !== "string" || entry.path === "") {
      bad('must be an engine path ("rows.fire.found") or { path, values }');
      continue;
    }
    if (entry.values !== undefined) {
      const values = entry.values;
      if (!values || typeof values !== "object" || Array.isArray(values) || Object.values(values).some((v) => typeof v !== "string")) {
        bad("values must map the portal's option codes to choice ids, as strings");
        continue;
      }
      const toEngine = new Map(Object.entries(values));
      const toPortal = new Map();
      for (const [code, id] of toEngine) if (!toPortal.has(id)) toPortal.set(id, code);
      codes.set(patternOf(entry.path.replace(/\[i\]|\{i\}/g, "[0]")), { toEngine, toPortal });
    }
    names[name] = entry.path;
  }
  return { names, codes };
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const PLACEHOLDER = /\[i\]|\{i\}/;

/** A field-map key with a row placeholder as a RegExp over element names, or null. */
function namePattern(name) {
  if (!PLACEHOLDER.test(name)) return null;
  const source = name
    .split(/(\[i\]|\{i\})/)
    .map((part) => (part === "[i]" ? "\\[(\\d{1,6})\\]" : part === "{i}" ? "(\\d{1,6})" : escapeRegExp(part)))
    .join("");
  return new RegExp(`^${source}$`);
}

/**
 * path → [elements] for `form`. An element only ever holds one path (the first way that names it).
 * @param {HTMLFormElement} form
 * @param {Record<string, string>} fieldMap portal name → engine path (checked by readFieldMap)
 */
export function mapFields(form, fieldMap) {
  const byPath = new Map();
  const seen = new Set();
  const add = (path, el) => {
    if (!path || !el || !("value" in el) || seen.has(el)) return;
    seen.add(el);
    if (!byPath.has(path)) byPath.set(path, []);
    byPath.get(path).push(el);
  };
  const rowIndex = new Map(); // row element → its position among its group's rows
  const counters = new Map();
  for (const row of form.querySelectorAll("[data-ssf-row]")) {
    const group = row.getAttribute("data-ssf-row");
    const i = counters.get(group) ?? 0;
    counters.set(group, i + 1);
    rowIndex.set(row, i);
  }
  for (const el of form.querySelectorAll("[data-ssf-field]")) {
    let path = el.getAttribute("data-ssf-field");
    if (path.includes("[]")) {
      const row = el.closest("[data-ssf-row]");
      if (!rowIndex.has(row)) continue; // a template row outside the form's rows: not a field yet
      path = path.replace("[]", `[${rowIndex.get(row)}]`);
    }
    add(path, el);
  }
  const patterns = [];
  for (const [name, path] of Object.entries(fieldMap || {})) {
    const pattern = namePattern(name);
    if (pattern) {
      patterns.push([pattern, path]);
      continue;
    }
    const item = elementsOf(form).namedItem(name);
    if (item instanceof Element) add(path, item);
    else if (item) for (const el of item) add(path, el);
  }
  if (patterns.length) {
    // The number in a name is the portal's (a record id such as guard[48213][xm], or numbering
    // from 1), not a position: rows take their places in the order they stand on the page.
    const positions = new Map(); // group + number → row position
    const counts = new Map(); // group → rows so far
    for (const el of elementsOf(form)) {
      if (!el.name) continue;
      for (const [pattern, path] of patterns) {
        const m = pattern.exec(el.name);
        if (!m) continue;
        const group = path.slice(0, path.search(PLACEHOLDER));
        const key = `${group}\u0000${m[1]}`;
        if (!positions.has(key)) {
          positions.set(key, counts.get(group) ?? 0);
          counts.set(group, (counts.get(group) ?? 0) + 1);
        }
        add(path.replace(PLACEHOLDER, `[${positions.get(key)}]`), el);
        break;
      }
    }
  }
  return byPath;
}

/** The rows of each repeated group as the page has them now: group → [Set of elements per row]. */
export function rowsOf(byPath) {
  const groups = new Map();
  for (const [path, els] of byPath) {
    const m = /^([^.[\]]+)\[(\d+)\]/.exec(path);
    if (!m) continue;
    if (!groups.has(m[1])) groups.set(m[1], []);
    const rows = groups.get(m[1]);
    const i = Number(m[2]);
    while (rows.length <= i) rows.push(new Set());
    for (const el of els) rows[i].add(el);
  }
  return groups;
}

/** What a path's elements hold: the checked radio's value, a checkbox's state, or the text. */
export function readValue(els) {
  const el = els[0];
  if (el.type === "radio") return els.find((r) => r.checked)?.value ?? "";
  if (el.type === "checkbox") return el.checked;
  return el.value;
}

/** Shows a computed value in the page's own elements: the value a field posts, or in an
 *  `<output>` (never posted) the wording an officer reads (是 rather than "yes"). A field gets it
 *  through the native value setter followed by `input` and `change` events, as typing would, so a
 *  framework's binding (React's value tracker, Vue's v-model, layui) sees it and submits it.
 *  Returns whether anything changed. */
export function writeValue(els, text, display) {
  let changed = false;
  for (const el of els) {
    if (el.type === "radio" || el.type === "checkbox") continue; // answers are the officer's
    if (el.tagName === "OUTPUT") {
      if (el.value !== display) el.value = display;
      continue;
    }
    if (el.value === text) continue;
    setNative(el, text);
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
    changed = true;
  }
  return changed;
}

/** Sets a field's value through the element's native setter, as typing does, so a framework's value
 *  tracker (React's) sees the change the events announced after it. */
export function setNative(el, text) {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), "value")?.set;
  if (setter) setter.call(el, text);
  else el.value = text;
}
