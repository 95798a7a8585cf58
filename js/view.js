// One attached form: reads the officer's typing into the engine's session and shows what it says.
import { mapFields, readFieldMap, rowsOf, readValue, writeValue, patternOf, groupOf, elementsOf } from "./fields.js";
import { follow, unfollow } from "./follow.js";
import { report } from "./errors.js";
import { Drafts } from "./drafts.js";
import { renderSummary, line, rowLabel } from "./summary.js";
import { rowOps, sameRows } from "./rows.js";
import { placeAfter, drawnOver, foreignShown, foreignOwner, FOREIGN } from "./place.js"; // where a message box goes (labels, layui, Element Plus)
import { watchWidgets } from "./adapters/index.js"; // widgets that set controls without events

const INITIALISED = "data-ssf-initialised";
const marked = new WeakSet(); // elements whose aria-invalid this module set
// The custom validity each element was given: Chromium re-checks the whole form's validity on every
// setCustomValidity call (3.6 ms each with 1,000 register rows), so it is called only on a change.
const validity = new WeakMap();
const shownText = new WeakMap(); // message box → what it shows, so an unchanged box is not rewritten
let messageIds = 0;

const STYLES = `.ssf-message{display:block;font-size:.875em;margin-top:.2em}.ssf-message[hidden]{display:none}
.ssf-line{display:block}.ssf-error{color:#b00020}.ssf-warning{color:#8a5300}.ssf-hint{display:block;font-size:.875em;margin-top:.2em;color:#505a5f}.ssf-hint[hidden]{display:none}
.ssf-summary{border:2px solid #b00020;padding:.5em 1em;margin:0 0 1em}.ssf-summary[hidden]{display:none}
.ssf-summary-title{display:block;margin-bottom:.3em}.ssf-summary a{color:#b00020}.ssf-summary:focus{outline:3px solid #ffbf47}
.ssf-summary-warnings{border-color:#8a5300}.ssf-summary-warnings a{color:#8a5300}.ssf-summary-send{margin-top:.5em}
form[data-ssf-initialised] [aria-invalid=true]:not(:focus){outline:2px solid #b00020}
form[data-ssf-initialised] [aria-invalid=true]:focus{outline:2px solid #b00020;outline-offset:2px;box-shadow:0 0 0 4px #ffbf47}
.ssf-live{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;
const styled = new WeakMap(); // document → the sheet this module adopted

function installStyles(doc) {
  if (styled.has(doc) || !("adoptedStyleSheets" in doc)) return;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES); // constructable sheets need no 'unsafe-inline' style-src
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    styled.set(doc, sheet);
  } catch {
    // Unstyled messages are still messages.
  }
}

/** Issues about a field left blank, shown only once the officer has been in that field (or tried
 *  to submit): an officer still typing 已整治 is not yet told to write the measures beside it. */
const WAITS = new Set(["required", "measures_required"]);

/** A row field's column: `rows[3].deadline` → `deadline`. */
const COLUMN = /^[^.[\]]+\[\d+\]\.(.+)$/;

/** Attributes and elements that change which fields a form has. */
const STRUCTURE = ["name", "data-ssf-field", "data-ssf-row"];
const structural = (node) =>
  node.nodeType === 1 &&
  !node.classList.contains("ssf-message") &&
  !node.classList.contains("ssf-summary") &&
  (STRUCTURE.some((a) => node.hasAttribute(a)) || node.querySelector("[name],[data-ssf-field],[data-ssf-row]") !== null);

export class FormView {
  /**
   * @param {HTMLFormElement} form
   * @param {object} m the engine module
   * @param {object} config merged options (kind, fields, profile, locale, previous, styles)
   * @param {{ now(): string | undefined }} clock the portal's server time
   * @param {() => Promise<object>} [reload] a fresh engine instance, after a trap
   */
  constructor(form, m, config, clock, reload) {
    this.form = form;
    this.m = m;
    this.config = config;
    this.clock = clock;
    this.reload = reload;
    this.recoveries = 0;
    this.confirmed = new Set(); // warnings the officer has been asked to confirm (path + code)
    this.issues = new Map(); // path → issues
    this.touched = new WeakSet(); // elements the officer has been in
    this.revealed = false;
    this.userOwned = new WeakSet(); // computed fields' elements the officer typed into
    this.written = new Map(); // computed path → the text last written into its fields
    // A form element answers every property read with a search of its controls by name first
    // (Chromium: 0.17 ms with a 1,000-row register), so the document is read from it once.
    this.doc = form.ownerDocument;
    this.boxes = new Map(); // the element a message follows → its message box (survives renumbering)
    this.hints = new Map(); // a total's last element → the hint saying why it is blank
    this.summary = null;
    this.listeners = [];
    // The portal's field map, checked once: a malformed entry is reported and left out.
    const map = readFieldMap(config.fields, (e) => report(config, e));
    this.names = map.names; // portal name → engine path
    this.codes = map.codes; // engine path pattern → the portal's option codes for its choices
    // What each path's first control held when the session was last given it: a control whose value
    // differs from this was changed by something the drop-in has not read yet.
    this.given = new WeakMap();
    this.pending = new Set(); // controls a script wrote since the last read (js/follow.js)
    this.flagged = new Set(); // controls that hold a custom validity of ours
    this.unplaced = new Map(); // a select → the pasted text it has no option for (js/paste.js)
    this.notice = (el) => {
      if (this.writing || !this.session) return;
      this.pending.add(el);
      if (this.settleQueued) return;
      this.settleQueued = true;
      queueMicrotask(() => {
        this.settleQueued = false;
        this.guard(() => this.settle(false));
      });
    };
    this.drafts = new Drafts(this);
    this.open();
  }

  /** Compiles the form under the current options (again after a profile switch). */
  open() {
    const { kind, profile, locale, previous } = this.config;
    this.described = new Map(this.m.describe(kind, profile).map((f) => [f.path, f]));
    this.session?.free?.();
    this.session = new this.m.FormSession(kind, { profile, locale, previous, now: this.clock.now() });
    this.lastNow = undefined;
    this.remap();
  }

  remap() {
    this.fields = mapFields(this.form, this.names); // path → [elements]
    // A path the form does not have (a typo such as rows.fire.fond) is the portal's mistake: say so
    // once, and leave its element alone rather than validating it as something else.
    for (const path of [...this.fields.keys()]) {
      if (this.describe(path)) continue;
      this.fields.delete(path);
      this.reported ??= new Set();
      if (!this.reported.has(path)) {
        this.reported.add(path);
        report(this.config, new Error(`field "${path}" is not a field of ${this.config.kind}: check data-ssf-field or the field map`));
      }
    }
    this.pathOf = new Map();
    for (const [path, els] of this.fields) for (const el of els) this.pathOf.set(el, path);
    this.rows = rowsOf(this.fields);
    this.totals = [...this.fields.keys()].filter((p) => p.startsWith("totals.") && this.isComputed(p));
    // Form order, for the summary: a path ranks where its first control stands.
    this.rank = new Map();
    for (const el of elementsOf(this.form)) {
      const path = this.pathOf.get(el);
      if (path !== undefined && !this.rank.has(path)) this.rank.set(path, this.rank.size);
    }
    if (this.following) for (const el of this.pathOf.keys()) follow(el, this.notice);
  }

  describe(path) {
    return this.described.get(path) ?? this.described.get(patternOf(path));
  }

  isComputed(path) {
    return this.describe(path)?.computed === true;
  }

  on(target, type, handler, capture = false) {
    const guarded = (event) => this.guard(() => handler(event));
    target.addEventListener(type, guarded, capture);
    this.listeners.push([target, type, guarded, capture]);
  }

  /** Runs `fn`; if the engine traps (a bug of ours, or memory exhausted), restarts it. */
  guard(fn) {
    try {
      return fn();
    } catch (error) {
      if (!isTrap(error)) throw error;
      this.recover(error);
    }
  }

  /** A trapped engine instance is dead: a fresh one reads every field again from the page, so
   *  nothing typed is lost (the values live in the page, and the draft is untouched). */
  recover(error) {
    if (this.recovering || !this.session) return;
    this.session = null; // belongs to the dead instance: never called again, not even free()
    const giveUp = (why) => {
      report(this.config, why);
      this.detach(); // the form goes on as it would without the drop-in
    };
    if (!this.reload || ++this.recoveries > 3) return giveUp(new Error(`the engine stopped again (${error?.message}): validation is off until a reload`));
    report(this.config, new Error(`the engine stopped (${error?.message}): restarting it and reading the form again`));
    this.recovering = this.reload()
      .then((m) => {
        if (!this.form.hasAttribute(INITIALISED)) return; // detached meanwhile
        this.m = m;
        this.open();
        this.sync();
      })
      .catch(giveUp)
      .finally(() => (this.recovering = null));
  }

  start() {
    if (this.config.styles) installStyles(this.doc);
    this.following = true;
    this.sync();
    const onInput = (event) => this.input(event);
    this.on(this.form, "input", onInput);
    this.on(this.form, "change", onInput);
    this.on(this.form, "compositionstart", (event) => (this.composing = event.target));
    this.on(this.form, "compositionend", (event) => {
      this.composing = null;
      onInput(event);
    });
    // layui's select and radio, an el-select's hidden input: set by script, no event (js/adapters/).
    watchWidgets(this.form, (...args) => this.on(...args), (el) => this.session && onInput({ type: "change", target: el }));
    this.on(this.form, "focusout", (event) => this.touch(event.target));
    this.on(this.form, "focusin", (event) => (this.focused = event.target)); // for refocus()
    // A value the officer leaves is written back in its canonical form, if the portal asked.
    // (normalise.js, loaded only on the pages that ask for it).
    if (this.config.normalise) {
      const canonicalise = import("./normalise.js");
      this.on(this.form, "change", (event) => canonicalise.then((m) => this.guard(() => m.canonicalise(this, event.target))).catch((e) => report(this.config, e)));
    }
    // Which submit attempts are the officer's (a click or Enter), not a script's checkValidity().
    // The browser checks the controls' validity before it fires `submit`: every control is read
    // first, so no custom validity left from a value the control no longer holds refuses a valid form.
    this.on(this.form, "click", (event) => {
      const submitter = event.target.closest?.("button:not([type]),button[type=submit],input[type=submit],input[type=image]");
      if (!submitter) return;
      this.attemptAt = performance.now();
      this.submitter = submitter;
      if (!submitter.formNoValidate) this.settle(true);
    }, true);
    this.on(this.form, "keydown", (event) => {
      if (event.key !== "Enter" || event.target.tagName !== "INPUT") return;
      this.attemptAt = performance.now();
      this.settle(true);
    }, true);
    // A block copied from Excel or WPS into a row's field fills the page's own rows.
    this.on(this.form, "paste", (event) => {
      const path = this.pathOf.get(event.target);
      if (path === undefined || !groupOf(path)) return;
      const text = event.clipboardData?.getData("text/plain") ?? "";
      const body = text.replace(/[\r\n]+$/, "");
      // One cell, or lines of text into a text area (a measure written over several lines): the
      // browser pastes it itself. A block has a tab, or is a column of cells pasted into an input.
      if (!body.includes("\t") && (!/[\r\n]/.test(body) || event.target.tagName === "TEXTAREA")) return;
      event.preventDefault(); // the whole block must not land in one input
      const target = event.target;
      import("./paste.js")
        .then(({ pasteInto }) => pasteInto(this, text, path))
        .then(() => this.drafts.changed())
        .catch((e) => {
          if (isTrap(e)) return this.recover(e);
          report(this.config, e);
          // The module could not load (a network gone): the text goes where the officer pasted it.
          if (e instanceof TypeError && typeof target.setRangeText === "function") {
            target.setRangeText(text, target.selectionStart ?? target.value.length, target.selectionEnd ?? target.value.length, "end");
            target.dispatchEvent(new Event("input", { bubbles: true }));
          }
        });
    });
    // The browser refused a submit (a custom validity stands): every message, and the summary.
    this.on(this.form, "invalid", (event) => this.invalid(event), true);
    // In the capture phase: before a portal's own submit handler on the form (a jQuery or fetch
    // handler registered before the drop-in attached), which must not send while an error stands.
    this.on(this.form, "submit", (event) => this.submit(event), true);
    // A submit nobody stopped (ours or the portal's own script) is on its way: the draft knows.
    const win = this.doc.defaultView;
    if (win) this.on(win, "submit", (event) => event.target === this.form && !event.defaultPrevented && this.drafts.sent());
    // After a reset the browser restores the fields' defaults without input events.
    // A reset starts the form over: no message shows until the officer types or submits again.
    this.on(this.form, "reset", () =>
      (this.resetTimer = setTimeout(() => {
        if (!this.session) return;
        this.touched = new WeakSet();
        this.revealed = false;
        this.begun = false;
        this.summaryOpen = false;
        this.clearMessages();
        this.sync(false);
        this.drafts.clear(); // the officer chose to start over
      }, 0)),
    );
    // Rows the page's own buttons add or remove; a profile or locale the page switches.
    this.observer = new MutationObserver((records) => this.guard(() => this.mutated(records)));
    this.observer.observe(this.form, { subtree: true, childList: true, attributes: true, attributeFilter: [...STRUCTURE, "data-ssf-profile", "data-ssf-locale", "aria-invalid", "style"] });
    this.form.setAttribute(INITIALISED, "");
    // Drafts on their own: a failure there never stops validation.
    try {
      this.drafts.start();
    } catch (error) {
      report(this.config, error);
    }
  }

  /** Reads every mapped field into the session: at start, after a reset, a profile switch, a
   *  restored draft. Non-empty fields count as touched. */
  sync(touch = true) {
    if (!this.session) return;
    this.observer?.takeRecords(); // every row is read below as it stands
    this.remap();
    this.pending.clear();
    for (const [path, els] of this.fields) this.feed(path, els, touch);
    this.refresh();
  }

  /**
   * Brings the session to what the controls hold now, whatever changed them: row changes the
   * observer has queued first (so values re-used in place find their rows), then the controls a
   * script wrote (`all` false, js/follow.js), or every control (`all` true: before a submit,
   * `ready()`, `check()` and `validate()`, where a write no accessor saw must not go unchecked).
   * Only what differs from what the session was given is set, and only those paths re-render.
   */
  settle(all) {
    if (!this.session) return;
    const records = this.observer?.takeRecords() ?? [];
    if (records.length) this.mutated(records);
    // Pinyin a control is still composing waits for compositionend, as typed text does.
    const composing = this.composing?.isConnected ? this.composing : null;
    const paths = all ? [...this.fields.keys()] : [...new Set([...this.pending].map((el) => this.pathOf.get(el)))];
    this.pending.clear();
    // Even before a submit: the composed characters are read once committed (compositionend).
    const at = composing ? paths.indexOf(this.pathOf.get(composing)) : -1;
    if (at >= 0) paths.splice(at, 1);
    const computed = {};
    let changed = false;
    for (const path of paths) {
      const els = this.fields.get(path);
      if (!els) continue;
      const raw = readValue(els);
      if (this.given.has(els[0]) && this.given.get(els[0]) === raw) continue;
      if (!changed) this.tick();
      changed = true;
      const changes = this.feed(path, els, true, raw);
      this.apply(changes, false);
      Object.assign(computed, changes.computed);
    }
    if (!changed) return;
    this.begun = true;
    this.fill(computed);
    this.drafts.changed();
  }

  /** Gives the session what a path's controls hold (see read); returns what changed. */
  feed(path, els, fromPage, raw = readValue(els)) {
    this.given.set(els[0], raw);
    if (raw !== "" && this.unplaced.size) this.unplaced.delete(els[0]); // chosen now
    return this.session.set(path, this.read(path, els, fromPage, raw));
  }

  /** The value of a path's elements for the engine; a computed field counts only where the
   *  officer typed into it, and a portal's option code becomes its choice id. `fromPage` true or
   *  false: read from the page (decide that from what the field holds; true also counts a filled
   *  field as touched); null: the officer is typing. */
  read(path, els, fromPage, raw = readValue(els)) {
    let value = raw;
    const codes = this.codes.size ? this.codes.get(patternOf(path)) : undefined;
    if (codes && typeof value === "string" && codes.toEngine.has(value)) value = codes.toEngine.get(value);
    const el = els[0];
    if (this.isComputed(path)) {
      if (fromPage !== null) {
        const editable = !el.readOnly && !el.disabled && el.type !== "hidden" && el.tagName !== "OUTPUT";
        if (editable && value !== "" && value !== this.written.get(path)) this.userOwned.add(el);
        else this.userOwned.delete(el);
      }
      if (!this.userOwned.has(el)) value = "";
    }
    if (fromPage && value !== "" && value !== false) for (const e of els) this.touched.add(e);
    return value;
  }

  /** Takes the full result and shows it (after anything that moved many paths at once). */
  refresh() {
    const result = this.session.result();
    const before = [...this.issues.keys()]; // an issue that went must take its validity with it
    this.issues.clear();
    for (const issue of result.issues) {
      if (!this.issues.has(issue.path)) this.issues.set(issue.path, []);
      this.issues.get(issue.path).push(issue);
    }
    this.fill(result.computed);
    this.renderAll(before);
  }

  /** Advances the session to the current server time (deadlines move while the officer types). */
  tick() {
    const now = this.clock.now();
    if (now === undefined || now === this.lastNow) return;
    this.lastNow = now;
    this.apply(this.session.setNow(now));
  }

  input(event) {
    // Pinyin still being composed waits for compositionend; events the drop-in itself raised (a
    // computed value written, a pasted cell) are for the page's own listeners.
    if (event.isComposing || this.pasting || this.writing || !this.session) return;
    const el = event.target;
    // A choice (select, radio, checkbox) counts once it is made: its `change`. Its `input` comes
    // first, before a framework such as React has taken the choice into its state.
    if (event.type === "input" && (el.tagName === "SELECT" || el.type === "radio" || el.type === "checkbox")) return;
    const path = this.pathOf.get(el);
    if (path === undefined) return;
    const els = this.fields.get(path);
    if (this.isComputed(path)) {
      if (el.value === "") this.userOwned.delete(els[0]);
      else this.userOwned.add(els[0]);
    }
    for (const e of els) this.touched.add(e);
    this.begun = true;
    this.tick();
    const changes = this.feed(path, els, null);
    this.apply(changes, false);
    this.announce(path);
    this.drafts.changed();
    // Computed values are written once this event has reached every listener: a framework whose
    // root is above the form (React) takes the officer's keystroke into its state first, and a
    // re-render our writes cause then keeps it instead of restoring the old value.
    this.afterEvent(event, () => {
      if (!this.session) return;
      this.fill(changes.computed);
      // An editable computed field the officer emptied and left shows the computed value again,
      // so the portal never posts a blank where the engine knows the number.
      if (event.type === "change" && this.isComputed(path) && el.value === "") this.write(els, this.written.get(path) ?? "", this.written.get(path) ?? "");
    });
  }

  /** Runs `then` when `event` has finished propagating (its last stop, the window), or on the next
   *  task if a listener stopped it before that. */
  afterEvent(event, then) {
    const win = this.doc.defaultView;
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      win?.removeEventListener(event.type, run);
      then();
    };
    win?.addEventListener(event.type, run, { once: true });
    setTimeout(run, 0);
  }

  /** Writes a value into page elements, the drop-in's own input events ignored. */
  write(els, text, display) {
    this.writing = true;
    try {
      writeValue(els, text, display);
      if (this.given.has(els[0])) this.given.set(els[0], readValue(els)); // ours: nothing to read back
    } finally {
      this.writing = false;
    }
  }

  /** Says the field's new messages once, through one polite live region for the whole form. */
  announce(path) {
    const zh = (this.config.locale ?? "zh-CN") === "zh-CN";
    const text = (this.issues.get(path) ?? []).filter((i) => this.shown(i)).map((i) => rowLabel(i.path, zh) + i.message).join("；");
    if (text === this.announced) return;
    this.announced = text;
    if (!this.live) {
      this.live = this.doc.createElement("span");
      this.live.className = "ssf-live";
      this.live.setAttribute("aria-live", "polite");
      this.form.append(this.live);
    }
    this.live.textContent = text;
  }

  touch(el) {
    const path = this.pathOf.get(el);
    if (path === undefined || this.touched.has(el)) return;
    for (const e of this.fields.get(path)) this.touched.add(e);
    this.render(path);
  }

  /** The page changed its fields (rows added, removed, renumbered) or its profile. */
  mutated(records) {
    let rows = false;
    let options = false;
    const yielded = new Set(); // fields whose page validator showed or hid a message of its own
    const owner = (node) => {
      if (node.nodeType !== 1 || !node.matches(FOREIGN)) return;
      const path = this.pathOf.get(foreignOwner(node, this.form));
      if (path !== undefined) yielded.add(path);
    };
    for (const r of records) {
      if (r.attributeName === "style") {
        owner(r.target); // jquery-validation shows and hides its label by its style
        continue;
      }
      if (r.type === "childList") [...r.addedNodes, ...r.removedNodes].forEach(owner);
      if (r.attributeName === "aria-invalid") {
        // Another validator on the page (jquery-validation marks every field it checks "false",
        // rules or not) must not announce as valid a field whose error the drop-in shows.
        if (marked.has(r.target) && r.target.getAttribute("aria-invalid") !== "true") r.target.setAttribute("aria-invalid", "true");
        continue;
      }
      if (r.type === "attributes") {
        if (r.target === this.form && (r.attributeName === "data-ssf-profile" || r.attributeName === "data-ssf-locale")) options = true;
        else if (r.target !== this.form) rows = true;
      } else if ([...r.addedNodes, ...r.removedNodes].some(structural)) rows = true;
    }
    for (const path of yielded) this.render(path);
    if (options) {
      const d = this.form.dataset;
      this.reconfigure({ profile: d.ssfProfile || this.config.profile, locale: d.ssfLocale || this.config.locale });
    } else if (rows) this.restructure();
  }

  /** Switches profile or locale without a reload: everything typed is read again under the new rules. */
  reconfigure(options) {
    const before = { ...this.config };
    Object.assign(this.config, options);
    try {
      this.open();
    } catch (error) {
      Object.assign(this.config, before); // a bad profile leaves the form validating as it was
      this.open();
      report(this.config, error);
    }
    this.clearMessages();
    this.sync();
  }

  /** Turns the page's row changes into the session's row operations, then shows the result. */
  restructure() {
    if (!this.session) return;
    const before = this.rows;
    const fields = this.fields;
    const known = this.pathOf;
    this.remap();
    let changed = false;
    for (const group of new Set([...before.keys(), ...this.rows.keys()])) {
      const was = before.get(group) ?? [];
      const now = this.rows.get(group) ?? [];
      if (sameRows(was, now)) continue;
      changed = true;
      // What each row held when the session was last given it, and what it holds now: a framework
      // that re-uses a row's inputs in place (Vue's el-table without row-key, after a delete) moves
      // the values, not the elements, and the row is known by what it holds.
      const held = (row, pathOf, fieldsOf, value) => {
        const parts = [];
        for (const el of row) {
          const path = pathOf.get(el);
          const els = path && fieldsOf.get(path);
          if (!els || els[0] !== el || this.isComputed(path)) continue;
          parts.push(`${COLUMN.exec(path)?.[1]}\u0000${value(els)}`);
        }
        return parts.sort().join("\u0001");
      };
      const keys = {
        before: was.map((row) => held(row, known, fields, (els) => this.given.get(els[0]))),
        after: now.map((row) => held(row, this.pathOf, this.fields, readValue)),
      };
      const { ops } = rowOps(was, now, keys);
      // A new row goes in with what the page holds in it (a cloned row may carry values), and a
      // run of new rows (a page that appends many) in one call.
      const rowData = (i) => {
        const data = {};
        for (const el of now[i] ?? []) {
          const path = this.pathOf.get(el);
          const column = path && COLUMN.exec(path)?.[1];
          if (!column || column in data) continue;
          const els = this.fields.get(path);
          const raw = readValue(els);
          this.given.set(els[0], raw);
          data[column] = this.read(path, els, true, raw);
        }
        return data;
      };
      for (let k = 0; k < ops.length; k++) {
        const op = ops[k];
        if (op.op === "remove") this.session.removeRow(group, op.index);
        else if (op.op === "move") this.session.moveRow(group, op.from, op.to);
        else {
          const rows = [rowData(op.index)];
          while (ops[k + 1]?.op === "insert" && ops[k + 1].index === op.index + rows.length) rows.push(rowData(ops[++k].index));
          this.session.insertRows(group, op.index, rows);
        }
      }
      // Rows that stayed, in their new places: whatever they hold now that the session was not
      // given (a value re-used in place, an edit no event announced).
      for (const row of now) {
        for (const el of row) {
          const path = this.pathOf.get(el);
          const els = this.fields.get(path);
          if (els[0] !== el) continue;
          const raw = readValue(els);
          if (this.given.get(el) !== raw) this.feed(path, els, true, raw);
        }
      }
    }
    // Fields outside the groups that appeared or went (a page that shows a block on demand).
    for (const [path, els] of this.fields) {
      if (!fields.has(path) && !/\[\d+\]/.test(path)) {
        this.feed(path, els, true);
        changed = true;
      }
    }
    if (!changed && [...fields.keys()].every((p) => this.fields.has(p))) return;
    this.cleanCopies(known);
    this.refresh();
    this.refocus(known);
    this.drafts.changed();
  }

  /** The row that held the focus went (its 删除 button pressed with Enter): the focus goes to the
   *  same column of the row that took its place (or the last row), or to the group's add button,
   *  rather than falling to <body>, where a keyboard user would start over from the top. */
  refocus(known) {
    const gone = this.focused;
    if (!gone || gone.isConnected) return;
    const active = this.doc.activeElement;
    if (active && active !== this.doc.body) return;
    // The removed element's own path, or that of a field in the same row (a 删除 button has none).
    let path = known.get(gone);
    if (path === undefined) for (const [el, p] of known) if (!el.isConnected && groupOf(p)) path = p;
    const m = path && /^([^.[\]]+)\[(\d+)\]\.(.+)$/.exec(path);
    if (!m) return;
    const [, group, index, column] = m;
    const rows = this.rows.get(group) ?? [];
    const target = rows.length ? this.fields.get(`${group}[${Math.min(Number(index), rows.length - 1)}].${column}`)?.[0] : this.form.querySelector(`[data-ssf-add="${CSS.escape(group)}"]`);
    target?.focus?.();
  }

  /** Applies what one operation changed: only those paths are re-rendered. */
  apply(changes, withComputed = true) {
    if (withComputed) this.fill(changes.computed);
    let orphans = false;
    for (const [path, list] of Object.entries(changes.issues)) {
      if (list.length) this.issues.set(path, list);
      else this.issues.delete(path);
      if (this.fields.has(path)) this.render(path);
      else orphans = true;
    }
    if (orphans || this.summaryOpen) this.renderSummary(); // only then: the summary walks every issue
    this.hint();
  }

  /** A total the engine cannot state yet says why beneath it, once the officer has begun: a blank
   *  合计 or 整治率 with no word reads as a fault. Only the form's totals (a handful of fields), so a
   *  keystroke pays for them alone; none while no error stands (a rate with nothing found is blank
   *  by the rules, not for want of a figure). */
  hint() {
    if (!this.totals.length) return;
    const zh = (this.config.locale ?? "zh-CN") === "zh-CN";
    const wanted = (this.revealed || this.begun) && this.session.hasErrors();
    for (const path of this.totals) {
      const els = this.fields.get(path);
      const anchor = els.at(-1);
      let box = this.hints.get(anchor);
      const on = wanted && (this.written.get(path) ?? "") === "" && !this.userOwned.has(els[0]);
      if (!on) {
        if (box && !box.hidden) {
          box.hidden = true;
          for (const el of els) describedBy(el, box.id, false);
        }
        continue;
      }
      if (!box?.isConnected) {
        box = this.doc.createElement("span");
        box.id = `ssf-msg-${++messageIds}`;
        box.className = "ssf-hint";
        placeAfter(anchor, this.form).insertAdjacentElement("afterend", box);
        this.hints.set(anchor, box);
      }
      box.textContent = zh ? "有未填或有误的项目，填好后自动计算" : "Computed once the fields it needs are filled in and correct";
      box.hidden = false;
      for (const el of els) describedBy(el, box.id, true);
    }
  }

  /** Writes computed values into the portal's own fields, unless the officer typed there. */
  fill(computed) {
    const zh = (this.config.locale ?? "zh-CN") === "zh-CN";
    for (const [path, value] of Object.entries(computed)) {
      const els = this.fields.get(path);
      if (els && this.userOwned.has(els[0])) continue;
      let text = value === null ? "" : Array.isArray(value) ? value.join(",") : String(value);
      const codes = this.codes.size ? this.codes.get(patternOf(path)) : undefined;
      if (codes?.toPortal.has(text)) text = codes.toPortal.get(text); // the portal's own code
      this.written.set(path, text);
      if (!els) continue;
      const option = this.describe(path)?.options?.find((o) => o.id === value);
      const display = option ? option.label : zh && (value === "yes" || value === true) ? "是" : zh && (value === "no" || value === false) ? "否" : text;
      this.write(els, text, display);
    }
    this.hint();
  }

  /** The browser found a field invalid: a submit attempt it refuses, or a script's checkValidity(). */
  invalid(event) {
    // A script's checkValidity() or requestSubmit(): every control read once for this round of
    // `invalid` events, so the next attempt meets what the controls hold.
    if (!this.settledForInvalid) {
      this.settledForInvalid = true;
      setTimeout(() => (this.settledForInvalid = false), 0);
      this.settle(true);
    }
    // On the officer's own submit attempt, our errors are told by the summary, which takes the
    // focus (the GOV.UK pattern), rather than by the browser's bubble on the first field.
    const bySubmit = this.attemptAt !== undefined && performance.now() - this.attemptAt < 1000;
    if (bySubmit && this.pathOf.has(event.target) && validity.get(event.target)) event.preventDefault();
    else if (bySubmit) this.foreignInvalid = true; // the portal's own constraint: the browser shows it
    this.attempted(bySubmit);
  }

  /** A submit attempt the browser refused: once per attempt, everything shows, summary included. */
  attempted(focus = false) {
    if (!(this.revealed && this.summaryOpen === true)) {
      this.revealed = true;
      this.summaryOpen = true;
      this.renderAll();
    }
    if (focus && !this.focusQueued) {
      this.focusQueued = true;
      setTimeout(() => {
        this.focusQueued = false;
        if (!this.foreignInvalid) this.focusSummary();
        this.foreignInvalid = false;
        this.attemptAt = undefined;
      }, 0);
    }
  }

  focusSummary() {
    const first = this.form.querySelector("[aria-invalid=true]");
    if (this.summary && !this.summary.hidden) {
      this.summary.scrollIntoView?.({ block: "start" });
      this.summary.focus({ preventScroll: true });
    } else first?.focus?.();
  }

  reveal() {
    if (this.revealed) return;
    this.revealed = true;
    this.renderAll();
  }

  /** The warnings summary's 仍要报送: the officer's last submit, again (the warnings now seen). */
  sendAgain() {
    const submitter = this.submitter;
    if (submitter?.isConnected && this.form.contains(submitter)) submitter.click();
    else HTMLFormElement.prototype.requestSubmit.call(this.form);
  }

  submit(event) {
    // A save-draft button (暂存, formnovalidate) posts as it always did, errors or not.
    if (event.submitter?.formNoValidate || !this.session) return;
    this.settle(true);
    if (this.mayGo()) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  /** Whether the form may be sent now. If not (an error stands, or warnings the officer has not
   *  been asked about yet), every message shows and the summary, focused, says why. Warnings
   *  never block: they are asked about once; the next attempt sends. */
  mayGo() {
    this.tick();
    let open = null;
    if (this.session.hasErrors()) open = true;
    else if (this.config.confirmWarnings !== false) {
      const fresh = [];
      for (const list of this.issues.values()) for (const i of list) if (i.severity === "warning" && !this.confirmed.has(`${i.path}\u0000${i.code}`)) fresh.push(i);
      if (fresh.length) {
        for (const i of fresh) this.confirmed.add(`${i.path}\u0000${i.code}`);
        open = "warnings";
      }
    }
    if (!open) return true;
    this.revealed = true;
    this.summaryOpen = open;
    this.renderAll();
    // The summary takes the focus; its links take the officer to each field.
    this.focusSummary();
    return false;
  }

  /** Whether an issue is shown: blank-but-required waits until the field is touched or a submit. */
  shown(issue) {
    if (!WAITS.has(issue.code) || this.revealed) return true;
    return (this.fields.get(issue.path) ?? []).some((el) => this.touched.has(el));
  }

  /** Sets a control's custom validity (only on a change), keeping the set of controls that hold one. */
  setValidity(el, message) {
    if (message) this.flagged.add(el);
    else this.flagged.delete(el);
    if ((validity.get(el) ?? "") === message) return;
    validity.set(el, message);
    el.setCustomValidity?.(message);
  }

  /** Renders every path with an issue or a message shown, and `also` (paths whose issues just
   *  went); a control holding our validity for a path it no longer has, or for none, is cleared. */
  renderAll(also = []) {
    const paths = new Set(this.issues.keys());
    for (const path of also) paths.add(path);
    for (const el of this.flagged) {
      const path = this.pathOf.get(el);
      if (path !== undefined) paths.add(path);
      else {
        this.setValidity(el, "");
        if (marked.delete(el)) el.removeAttribute("aria-invalid");
      }
    }
    for (const [anchor, box] of this.boxes) {
      const path = this.pathOf.get(anchor);
      if (!anchor.isConnected || path === undefined || this.fields.get(path)?.at(-1) !== anchor) {
        this.dropBox(anchor, box); // its row went, or its element holds another path's last place now
      } else if (!box.hidden) paths.add(path);
    }
    for (const path of paths) this.render(path);
    this.renderSummary();
  }

  /** Removes a message box and every reference to it. */
  dropBox(anchor, box) {
    for (const el of this.fields.get(this.pathOf.get(anchor)) ?? [anchor]) describedBy(el, box.id, false);
    box.remove();
    this.boxes.delete(anchor);
  }

  clearMessages() {
    for (const [anchor, box] of [...this.boxes]) this.dropBox(anchor, box);
  }

  /** Rows the page made by copying a row carry copies of that row's message boxes and aria-*: those
   *  are not this form's messages, so they go. */
  cleanCopies(before) {
    const ours = new Set(this.boxes.values());
    for (const [el] of this.pathOf) {
      if (before.has(el)) continue;
      // A new element has no message yet: whatever it points at or is marked with came with a copy.
      if (!marked.has(el) && el.getAttribute("aria-invalid") === "true") el.removeAttribute("aria-invalid");
      const ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
      for (const id of ids) if (/^ssf-msg-\d+$/.test(id)) describedBy(el, id, false);
    }
    for (const box of this.form.querySelectorAll(".ssf-message")) if (!ours.has(box)) box.remove();
  }

  render(path) {
    const els = this.fields.get(path);
    if (!els) return; // shown in the summary instead
    const all = this.issues.get(path) || [];
    const zh = (this.config.locale ?? "zh-CN") === "zh-CN";
    const visible = all.filter((i) => this.shown(i));
    // What was pasted into a select that has no option for it: said beside it, quoted.
    const pasted = this.unplaced.get(els[0]);
    if (pasted !== undefined) {
      visible.push({ path, severity: "error", code: "pasted_not_an_option", message: zh ? `粘贴的“${pasted}”不是可选项，请从列表中选择` : `Pasted “${pasted}” is not one of the options: choose one from the list` });
    }
    const firstError = all.find((i) => i.severity === "error");
    const visibleError = visible.some((i) => i.severity === "error");
    for (const el of els) {
      // The browser itself refuses to submit while an error stands, shown yet or not (not for a
      // control a widget is drawn over: the browser cannot focus it, our submit check blocks instead).
      this.setValidity(el, firstError && !drawnOver(el) ? firstError.message : "");
      if (visibleError) {
        if (!marked.has(el)) el.setAttribute("aria-invalid", "true");
        marked.add(el);
      } else if (marked.has(el)) {
        el.removeAttribute("aria-invalid");
        marked.delete(el);
      }
    }
    const anchor = els[els.length - 1];
    let box = this.boxes.get(anchor);
    if (box && !box.isConnected) {
      this.boxes.delete(anchor);
      box = undefined;
    }
    // The page's own validator already shows a message for this field: one is enough.
    if (visible.length && els.some(foreignShown)) visible.length = 0;
    const text = visible.map((i) => `${i.severity}\u0000${i.code}\u0000${rowLabel(i.path, zh)}${i.message}`).join("\u0001");
    if (!visible.length) {
      if (box && !box.hidden) {
        box.hidden = true;
        box.replaceChildren();
        shownText.delete(box);
        for (const el of els) describedBy(el, box.id, false);
      }
      return;
    }
    if (!box) {
      box = this.doc.createElement("span");
      box.id = `ssf-msg-${++messageIds}`;
      box.className = "ssf-message";
      // After a wrapping <label>, a layui widget, an Element Plus component: js/place.js.
      placeAfter(anchor, this.form).insertAdjacentElement("afterend", box);
      this.boxes.set(anchor, box);
    }
    if (box.hidden) box.hidden = false;
    if (shownText.get(box) !== text) {
      shownText.set(box, text);
      box.replaceChildren(...visible.map((i) => line(this.doc, i, zh)));
    }
    for (const el of els) describedBy(el, box.id, true);
  }

  renderSummary() {
    renderSummary(this);
  }

  /** Takes back everything this module added; the officer's values stay. */
  detach() {
    this.observer?.disconnect();
    for (const [target, type, handler, capture] of this.listeners) target.removeEventListener(type, handler, capture);
    this.listeners = [];
    clearTimeout(this.resetTimer);
    this.clearMessages();
    for (const [anchor, box] of this.hints) {
      for (const el of this.fields.get(this.pathOf.get(anchor)) ?? [anchor]) describedBy(el, box.id, false);
      box.remove();
    }
    this.hints.clear();
    this.summary?.remove();
    this.live?.remove();
    this.following = false;
    for (const el of new Set([...this.pathOf.keys(), ...this.flagged])) {
      unfollow(el);
      this.setValidity(el, "");
      if (marked.has(el)) {
        el.removeAttribute("aria-invalid");
        marked.delete(el);
      }
    }
    this.form.removeAttribute(INITIALISED);
    this.drafts.stop();
    try {
      this.session?.free?.();
    } catch {
      // a trapped instance: nothing to free
    }
    this.session = null;
  }

  controller(onDetach) {
    const check = async () => {
      await this.recovering;
      if (!this.session) throw new Error("the form is detached");
      // The button the portal's handler runs for, so the summary's 仍要报送 can press it again.
      const active = this.doc.activeElement;
      if (active && this.form.contains(active) && (active.tagName === "BUTTON" || /^(submit|button|image)$/.test(active.type))) this.submitter = active;
      const decided = this.guard(() => {
        this.settle(true);
        const ok = this.mayGo();
        const { issues } = this.session.result();
        return { ok, errors: issues.filter((i) => i.severity === "error"), warnings: issues.filter((i) => i.severity === "warning") };
      });
      if (decided) return decided;
      await this.recovering; // the engine was restarted: ask the new one
      // Given up on: the form goes on as it would without the drop-in.
      return this.session ? check() : { ok: true, errors: [], warnings: [] };
    };
    return {
      form: this.form,
      /** The full result, as validate() gives it. */
      result: () => this.session.result(),
      /** Runs every rule, shows every message (as a submit attempt does) and gives the result. */
      validate: async () => {
        await this.recovering;
        if (!this.session) throw new Error("the form is detached");
        const result = this.guard(() => {
          this.settle(true);
          this.tick();
          return this.session.result();
        }) ?? (await this.recovering, this.session.result());
        this.revealed = true;
        this.summaryOpen = !result.valid;
        this.renderAll();
        if (!result.valid) this.focusSummary();
        return result;
      },
      /** For a portal that sends by script (fetch, layui's AJAX): true when the form may be sent
       *  now; false while an error stands, or the first time warnings are there (the summary
       *  lists them, focused, as a submit would), so warnings are asked about once and never block. */
      ready: async () => (await check()).ok,
      /** As ready(), with the issues that decided it: `{ ok, errors, warnings }`, so a portal can
       *  tell an error from a warning the officer has not seen yet. */
      check,
      /** The portal's own submit (fetch, AJAX) succeeded: the local draft is no longer needed. */
      submitted: () => this.drafts.clear(),
      /** Re-reads every field (after the portal's own script changed values or rows); the drop-in
       *  also does so by itself before every submit, ready(), check() and validate(). */
      sync: () => this.guard(() => this.settle(true)),
      /** Shows every message, as a submit attempt does. */
      reveal: () => {
        this.revealed = false;
        this.reveal();
      },
      /** Switches profile or locale without a reload. */
      configure: (options) => this.reconfigure(options),
      /** Restores the form as it was before attach(). */
      detach: () => {
        this.detach();
        onDetach();
      },
    };
  }
}

function describedBy(el, id, on) {
  const ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
  const has = ids.includes(id);
  if (on && !has) ids.push(id);
  if (!on && has) ids.splice(ids.indexOf(id), 1);
  if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
  else el.removeAttribute("aria-describedby");
}

/** Whether an exception is the engine trapping (wasm's RuntimeError; wasm2js throws an Error
 *  saying "unreachable"), rather than a misuse the engine reports with an Error of its own. */
function isTrap(error) {
  if (typeof WebAssembly !== "undefined" && error instanceof WebAssembly.RuntimeError) return true;
  return error instanceof Error && /^(unreachable|abort|RuntimeError)/i.test(error.message);
}
