// Expands a hostile case into the data and options a portal would pass (tests/hostile/README.md):
// the markers keep the committed files small and JSON-parseable. tests/hostile.rs expands the same
// markers natively into the JSON text JavaScript's JSON.stringify would give the engine.
// Self-contained (no imports): the Chromium test serves this file to the page as a module.

const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
/** Sets an own data property, even one named "__proto__" (as JSON.parse does). */
const put = (o, k, v) => Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
const MARKERS = ["$number", "$repeat", "$deep", "$deepArray", "$rows", "$keys", "$base"];

export function expandValue(v, i) {
  if (Array.isArray(v)) return v.map((x) => expandValue(x, i));
  if (typeof v === "string") return i === undefined ? v : v.replaceAll("{i}", String(i));
  if (v === null || typeof v !== "object") return v;
  const marker = Object.keys(v)[0];
  if (MARKERS.includes(marker) && marker !== "$base") {
    if (marker === "$number") return Number(v.$number);
    if (marker === "$repeat") return v.$repeat.repeat(v.times);
    if (marker === "$deep") {
      let o = {};
      for (let j = 1; j < v.$deep; j++) o = put({}, v.key, o);
      return o;
    }
    if (marker === "$deepArray") {
      let a = [];
      for (let j = 1; j < v.$deepArray; j++) a = [a];
      return a;
    }
    if (marker === "$rows") return Array.from({ length: v.$rows }, (_, j) => expandValue(v.item, j));
    if (marker === "$keys") {
      const o = {};
      for (let j = 0; j < v.$keys; j++) put(o, `k${j}`, expandValue(v.value, j));
      return o;
    }
  }
  const out = {};
  for (const k of Object.keys(v)) put(out, k, expandValue(v[k], i));
  return out;
}

const container = (x) => x !== null && typeof x === "object";

/** The case's data: `{"$base": [[steps, value], …]}` is the kind's base form with those fields set. */
export function expandData(data, base) {
  if (!container(data) || Array.isArray(data) || Object.keys(data)[0] !== "$base") return expandValue(data);
  const out = expandValue(base);
  for (const [steps, value] of data.$base) {
    let at = out;
    steps.forEach((step, n) => {
      if (n === steps.length - 1) {
        put(at, step, expandValue(value));
      } else {
        if (!own(at, step) || !container(at[step])) put(at, step, {});
        at = at[step];
      }
    });
  }
  return out;
}

/** `{kind, options, data}` ready for `validate(kind, data, options)`. */
export function expandCase(file, c) {
  return { kind: file.kind, options: expandValue(own(c, "options") ? c.options : file.base.options), data: expandData(c.data, file.base.data) };
}

/** A result as the expectations record it: validity, the codes at each path, and every computed value. */
export function summarise(r) {
  const issues = {};
  for (const i of r.issues) (own(issues, i.path) ? issues[i.path] : put(issues, i.path, [])[i.path]).push(i.code);
  return { valid: r.valid, issues, computed: r.computed };
}

/** The full expectation of a case: its computed values are recorded as changes from the base case's. */
export function expected(baseExpect, e) {
  if (own(e, "throws")) return e;
  const computed = {};
  for (const k of Object.keys(baseExpect.computed)) if (!(e.computed_removed || []).includes(k)) put(computed, k, baseExpect.computed[k]);
  for (const k of Object.keys(e.computed)) put(computed, k, e.computed[k]);
  return { valid: e.valid, issues: e.issues, computed };
}
