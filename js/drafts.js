// Nothing typed is lost, and nobody else at the same browser reads it: every attached form's fields
// are saved as the officer types (half a second after the last keystroke, and when the page goes
// away), offered back after a reload, a crash or a failed submit, and removed after a successful
// submit, a reset, their expiry, or the portal's logout (clearDrafts).
//
// What a draft holds and where (README "Drafts: what is stored, where, for how long"):
// - With a portal-supplied key (`draftKey` / data-ssf-draft-key: a secret the portal's server derives
//   from the login session), the whole draft is sealed with AES-GCM (Web Crypto) under a key derived
//   from it; the string itself is never stored. Only that session can open it; a draft that does
//   not open (another session's key, an altered byte) is discarded unread, with one onError.
// - Without one, values of personal fields (describe()'s `personal`: names, resident IDs, phone
//   numbers; a profile's or the `personal` option's paths) stay out of the draft, kept only in this
//   page's memory; the notice names the fields to type again.
// - Per portal user (`user` / data-ssf-user) in localStorage; without a user in sessionStorage (the
//   tab's life) unless the portal opts in with `drafts: "local"`. Storage key names carry a hash of
//   the scope, never the user id or a value as given.
// - Expiry: `draftHours` if the portal sets it; else a week, or for the daily report the end of its
//   day (China time): tomorrow's report is a new one.
//
// A storage failure (private mode, quota, a sandboxed frame) is reported once through onError and
// never stops validation. No message, onError text or URL ever holds a draft's content.
//
// When is a submit "successful"? A portal that posts by script (fetch, layui's AJAX) says so:
// `controller.submitted()`. A native form post leaves the page, so the draft is kept, marked
// sent: coming back to the form afresh (a link, the address bar) means the post arrived and the
// draft goes; coming back by the Back button or a reload (the post failed on a slow network, the
// server's error page) offers it again.
import { readValue } from "./fields.js";
import { report } from "./errors.js";

const VERSION = 2;
const PREFIX = "ssf-draft:";
const SLOT = `${PREFIX}${VERSION}:`; // ssf-draft:2:<user tag>:<scope tag>
const DELAY_MS = 500;
const HOUR_MS = 3600 * 1000;
const WEEK_HOURS = 7 * 24;

/** Drafts of the forms attached on this page, so clearDrafts() stops them writing again. */
const attached = new Set();
/** Personal values left out of unsealed drafts, by storage key: this page's memory only, so a form
 *  attached again on the same page (a single-page portal's route) gets them back. */
const memory = new Map();

// The form's own attributes and members, read through the prototypes: a portal's control named
// `id`, `name`, `getAttribute` or `prepend` shadows the form's property of that name.
const attr = (el, name) => Element.prototype.getAttribute.call(el, name);

export class Drafts {
  /** @param {import("./view.js").FormView} view */
  constructor(view) {
    this.view = view;
    this.enabled = view.config.drafts !== false;
    this.timer = 0;
    this.dirty = false;
    this.offer = null;
    this.seq = 0; // each write's number: a sealing that finishes after a newer write is dropped
    this.prepared = false;
  }

  /** The storage key: one per portal user, page and form; hashed so no user id or page text is
   *  written as given (a portal may log in by resident ID). */
  key() {
    const { form, config, doc } = this.view;
    return `${SLOT}${tag(String(config.user ?? ""))}:${tag(JSON.stringify(scope(form, config, doc)))}`;
  }

  /** localStorage for a portal user's drafts, sessionStorage (the tab's life) without a user unless
   *  the portal opts in; null when the browser refuses storage (reported once). */
  storage() {
    const { drafts, user } = this.view.config;
    const local = drafts === "local" || (drafts !== "session" && user !== undefined && user !== null && user !== "");
    try {
      const win = this.view.doc.defaultView;
      return (local ? win?.localStorage : win?.sessionStorage) ?? null;
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  fail(error) {
    if (this.failed) return;
    this.failed = true;
    report(this.view.config, new Error(`drafts: storage refused (${error?.name}: ${error?.message}); no draft is kept, validation goes on`));
  }

  /** The time drafts are judged by: the portal's server time when it gave one, else this PC's. */
  nowMs() {
    const t = Date.parse(this.view.clock.now() ?? "");
    return Number.isNaN(t) ? Date.now() : t;
  }

  /** When a draft saved now expires (ms). */
  expiry(now) {
    const hours = Number(this.view.config.draftHours);
    if (hours > 0) return now + hours * HOUR_MS;
    const week = now + WEEK_HOURS * HOUR_MS;
    // A daily report (or a variant of one) is the day's: the end of that day in China time (UTC+8),
    // whatever the PC's zone.
    const { kind, definition } = this.view.config;
    if (kind === "daily-report" || definition?.based_on === "daily-report") return Math.min(week, (Math.floor((now + 8 * HOUR_MS) / (24 * HOUR_MS)) + 1) * 24 * HOUR_MS - 8 * HOUR_MS);
    return week;
  }

  /** Whether `path` holds personal information: describe()'s flag (the form's marks and the
   *  profile's `personal` list), or the portal's `personal` option (paths or row patterns). */
  personal(path) {
    const v = this.view;
    if (v.describe(path)?.personal === true) return true;
    const more = v.config.personal;
    if (!Array.isArray(more) || !more.length) return false;
    return more.includes(path) || more.includes(path.replace(/\[\d+\]/g, "[i]"));
  }

  write(draft, sent = false) {
    const seq = ++this.seq;
    const store = this.storage();
    if (!store) return;
    const name = this.key();
    if (!draft) {
      memory.delete(name);
      return this.put(store, name, null);
    }
    const body = { ...draft, sent };
    const exp = new Date(this.expiry(this.nowMs())).toISOString();
    if (this.cryptoKey) {
      // Web Crypto is asynchronous: the sealed text is written when it is ready, unless a newer
      // write (or a clear) came first.
      this.sealer
        .seal(this.cryptoKey, name, exp, body)
        .then((sealed) => seq === this.seq && this.enabled && this.put(store, name, JSON.stringify(sealed)))
        .catch((error) => report(this.view.config, new Error(`drafts: the draft could not be sealed (${error?.name}); it is not saved`)));
      return;
    }
    // Unsealed: personal values stay in this page's memory, the draft names their fields only.
    const values = {};
    const kept = {};
    const omitted = [];
    for (const [path, value] of Object.entries(body.values)) {
      if (this.personal(path)) {
        kept[path] = value;
        omitted.push(path);
      } else values[path] = value;
    }
    if (omitted.length) memory.set(name, { savedAt: body.savedAt, values: kept });
    else memory.delete(name);
    this.put(store, name, JSON.stringify({ v: VERSION, exp, ...body, values, omitted }));
  }

  put(store, name, text) {
    try {
      if (text) store.setItem(name, text);
      else store.removeItem(name);
      this.wrote = true;
    } catch (error) {
      this.fail(error);
    }
  }

  /** At attach: the portal's key made an AES key, expired and old plain-text drafts swept, and a
   *  draft left from before offered back (or dropped, when its post arrived). */
  start() {
    if (!this.enabled) return;
    attached.add(this);
    const win = this.view.doc.defaultView;
    this.onPageHide = () => this.flush();
    win?.addEventListener("pagehide", this.onPageHide);
    this.prepare()
      .then(() => this.resume())
      .catch((e) => report(this.view.config, e));
  }

  async prepare() {
    const config = this.view.config;
    const secret = config.draftKey;
    config.draftKey = undefined; // not kept: the AES key made from it cannot be read back out
    if (secret !== undefined && secret !== null && secret !== "") {
      // The sealing lives in the part loaded on demand (drafts-offer.js): pages without a key do
      // without its bytes. It reports a key it cannot use, and gives null; without that part
      // (not copied, a network gone) drafts go on without personal values.
      try {
        this.sealer = await import("./drafts-offer.js");
        this.cryptoKey = await this.sealer.deriveKey(this.view, String(secret));
      } catch (error) {
        report(config, error);
      }
    }
    sweep(this.view.doc.defaultView, this.nowMs());
    this.prepared = true;
  }

  async resume() {
    if (!this.enabled || !this.view.session) return;
    // What the officer typed while the key was being made is saved as usual.
    if (this.dirty) this.changed();
    const store = this.storage();
    let text = null;
    try {
      text = store?.getItem(this.key());
    } catch (error) {
      this.fail(error);
    }
    if (!text) return;
    // Reading, opening and offering the draft are loaded only when there is one.
    const part = await import("./drafts-offer.js");
    const draft = await part.load(this, store, this.key(), text, memory);
    if (!draft || !this.view.session || !this.enabled) return;
    const win = this.view.doc.defaultView;
    const arrival = win?.performance?.getEntriesByType?.("navigation")?.[0]?.type ?? "navigate";
    if (draft.sent && arrival === "navigate") return this.write(null);
    if (part.sameValues(draft, this.snapshot())) return; // the page holds it already
    part.offer(this, draft);
  }

  /** What the officer has typed: path → value, and how many rows each group has. */
  snapshot() {
    const v = this.view;
    const values = {};
    let any = false;
    for (const [path, els] of v.fields) {
      if (v.isComputed(path) && !v.userOwned.has(els[0])) continue; // the engine fills it again
      const value = readValue(els);
      if (value === "" || value === false) continue;
      values[path] = value;
      any = true;
    }
    if (!any) return null;
    const rows = {};
    for (const [group, list] of v.rows) rows[group] = list.length;
    return { savedAt: v.clock.now() ?? new Date().toISOString(), values, rows };
  }

  /** The officer typed: saved shortly, once typing pauses. */
  changed() {
    if (!this.enabled || !this.view.session) return;
    this.dirty = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), DELAY_MS);
  }

  flush() {
    clearTimeout(this.timer);
    // Before the key is ready nothing is written: resume() saves what is pending.
    if (!this.dirty || !this.enabled || !this.prepared) return;
    this.dirty = false;
    this.write(this.snapshot());
  }

  /** A native submit is on its way: kept, marked sent, until the officer is seen coming back. */
  sent() {
    if (!this.enabled || !this.prepared) return;
    clearTimeout(this.timer);
    this.dirty = false;
    const draft = this.snapshot();
    if (!draft) return;
    // A sealed draft is written when its encryption finishes, which a page being left may not
    // wait for: the stored one is marked sent at once, outside its sealed part (a mark that, if
    // altered, can only drop a draft or offer it again).
    const store = this.cryptoKey && this.storage();
    if (store) {
      try {
        const record = JSON.parse(store.getItem(this.key()) ?? "null");
        if (record) this.put(store, this.key(), JSON.stringify({ ...record, sent: true }));
      } catch {
        // nothing stored, or not ours: the sealed draft below says it
      }
    }
    this.write(draft, true);
  }

  /** The submit succeeded, or the officer reset the form: no draft any more. */
  clear() {
    clearTimeout(this.timer);
    this.dirty = false;
    this.hide();
    if (this.enabled) this.write(null);
  }

  /** The portal's user logged out (clearDrafts): nothing of this form is written again. */
  close() {
    clearTimeout(this.timer);
    this.dirty = false;
    this.enabled = false;
    this.seq++;
    this.hide();
  }

  stop() {
    this.flush();
    this.view.doc.defaultView?.removeEventListener("pagehide", this.onPageHide);
    attached.delete(this);
    this.hide();
  }

  hide() {
    this.offer?.remove();
    this.offer = null;
  }
}

/**
 * Removes the drafts of one portal user from this browser, for a logout:
 * `clearDrafts({ user: "zhangxl" })`. `clearDrafts()` removes those kept without a user,
 * `clearDrafts({ all: true })` every draft of every user. Forms of that user attached on this
 * page write no draft again. Returns how many drafts were removed.
 */
export function clearDrafts({ user, all = false } = {}) {
  const name = String(user ?? "");
  const mine = `${SLOT}${tag(name)}:`;
  for (const d of [...attached]) if (all || String(d.view.config.user ?? "") === name) d.close();
  for (const key of [...memory.keys()]) if (all || key.startsWith(mine)) memory.delete(key);
  let removed = 0;
  const win = typeof window === "undefined" ? undefined : window;
  for (const store of stores(win)) {
    for (const key of keys(store)) {
      // Plain-text drafts of an earlier version go whoever they belonged to.
      if (key.startsWith(all ? PREFIX : mine) || key.startsWith(`${PREFIX}[`)) {
        store.removeItem(key);
        memory.delete(key);
        removed++;
      }
    }
  }
  return removed;
}

/** What identifies a form's draft: the page, the form (its own id or name attribute, read through
 *  the prototype since a control named `id` or `name` shadows the property; else its position) and
 *  the kind. */
function scope(form, config, doc) {
  const where = doc.defaultView?.location?.pathname ?? "";
  const which = attr(form, "id") || attr(form, "name") || String([...doc.forms].indexOf(form));
  return [where, which, config.kind];
}

/** A 64-bit hash of a text as 16 hex digits: names a storage slot, keeping a user id (which may be
 *  a resident ID) or a page path out of the key names. It hides nothing from whoever can guess the
 *  text: it is a name, not a secret. */
function tag(text) {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  b = Math.imul(b ^ (a >>> 13), 0x85ebca6b);
  return (a >>> 0).toString(16).padStart(8, "0") + ((b ^ (b >>> 16)) >>> 0).toString(16).padStart(8, "0");
}

function stores(win) {
  const out = [];
  for (const which of ["localStorage", "sessionStorage"]) {
    try {
      if (win?.[which]) out.push(win[which]);
    } catch {
      // a refused storage holds no draft of ours
    }
  }
  return out;
}

function keys(store) {
  try {
    return Object.keys(store).filter((k) => k.startsWith(PREFIX));
  } catch {
    return [];
  }
}

/** Removes expired drafts of every form and user (their expiry is readable without a key), and
 *  every plain-text draft an earlier version left. */
function sweep(win, now) {
  for (const store of stores(win)) {
    for (const key of keys(store)) {
      try {
        if (key.startsWith(SLOT)) {
          const exp = Date.parse(JSON.parse(store.getItem(key) ?? "null")?.exp);
          if (!(exp > now)) store.removeItem(key);
        } else store.removeItem(key);
      } catch {
        // unreadable: its own form discards it with a word to its portal
      }
    }
  }
}
