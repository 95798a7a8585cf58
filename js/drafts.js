// Nothing typed is lost: every attached form's fields are saved in the browser's local storage as
// the officer types (half a second after the last keystroke, and when the page goes away), offered
// back after a reload, a crash or a failed submit, and removed after a successful submit.
//
// A draft belongs to one portal user, page and form (`data-ssf-user` / the `user` option), so a
// shared office PC never offers one user's draft to another. `drafts: false` or
// data-ssf-drafts="false" turns them off. A storage failure (private mode, quota, a sandboxed
// frame) is reported once through onError and never stops validation.
//
// When is a submit "successful"? A portal that posts by script (fetch, layui's AJAX) says so:
// `controller.submitted()`. A native form post leaves the page, so the draft is kept, marked
// sent: coming back to the form afresh (a link, the address bar) means the post arrived and the
// draft goes; coming back by the Back button or a reload (the post failed on a slow network, the
// server's error page) offers it again.
import { readValue } from "./fields.js";
import { report } from "./errors.js";

const VERSION = 1;
const DELAY_MS = 500;

export class Drafts {
  /** @param {import("./view.js").FormView} view */
  constructor(view) {
    this.view = view;
    this.enabled = view.config.drafts !== false;
    this.timer = 0;
    this.dirty = false;
    this.offer = null;
  }

  /** One key per page, form and user; the parts JSON-encoded so no two scopes can collide. */
  key() {
    const { form, config, doc } = this.view;
    const where = doc.defaultView?.location?.pathname ?? "";
    const which = form.id || form.getAttribute("name") || String([...doc.forms].indexOf(form));
    return `ssf-draft:${JSON.stringify([where, which, config.kind, config.user ?? ""])}`;
  }

  /** The storage, or null when the browser refuses it (reported once). */
  storage() {
    try {
      return this.view.doc.defaultView?.localStorage ?? null;
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  fail(error) {
    if (this.failed) return;
    this.failed = true;
    report(this.view.config, new Error(`drafts: local storage refused (${error?.name}: ${error?.message}); no draft is kept, validation goes on`));
  }

  load() {
    try {
      const text = this.storage()?.getItem(this.key());
      const draft = text ? JSON.parse(text) : null;
      return draft && draft.v === VERSION && draft.values && typeof draft.values === "object" ? draft : null;
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  write(draft) {
    try {
      const store = this.storage();
      if (!store) return;
      if (draft) store.setItem(this.key(), JSON.stringify(draft));
      else store.removeItem(this.key());
      this.wrote = true;
    } catch (error) {
      this.fail(error);
    }
  }

  /** At attach: a draft left from before is offered back (or dropped, when its post arrived). */
  start() {
    if (!this.enabled) return;
    const win = this.view.doc.defaultView;
    this.onPageHide = () => this.flush();
    win?.addEventListener("pagehide", this.onPageHide);
    const draft = this.load();
    if (!draft) return;
    const arrival = win?.performance?.getEntriesByType?.("navigation")?.[0]?.type ?? "navigate";
    if (draft.sent && arrival === "navigate") return this.write(null);
    if (sameValues(draft, this.snapshot())) return; // the page holds it already
    // The notice and the restoring are loaded only when there is a draft to offer.
    import("./drafts-offer.js")
      .then(({ offer }) => this.view.session && offer(this, draft))
      .catch((e) => report(this.view.config, e));
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
    return { v: VERSION, savedAt: v.clock.now() ?? new Date().toISOString(), values, rows };
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
    if (!this.dirty || !this.enabled) return;
    this.dirty = false;
    this.write(this.snapshot());
  }

  /** A native submit is on its way: kept, marked sent, until the officer is seen coming back. */
  sent() {
    if (!this.enabled) return;
    clearTimeout(this.timer);
    this.dirty = false;
    const draft = this.snapshot();
    if (draft) this.write({ ...draft, sent: true });
  }

  /** The submit succeeded, or the officer reset the form: no draft any more. */
  clear() {
    clearTimeout(this.timer);
    this.dirty = false;
    this.hide();
    if (this.enabled) this.write(null);
  }

  stop() {
    this.flush();
    this.view.doc.defaultView?.removeEventListener("pagehide", this.onPageHide);
    this.hide();
  }

  hide() {
    this.offer?.remove();
    this.offer = null;
  }
}

function sameValues(draft, now) {
  const a = draft.values ?? {};
  const b = now?.values ?? {};
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
