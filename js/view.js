// One attached form: its lifecycle and events, and the values its controls hold read into the engine's
// session (messages.js shows what the session says, gate.js decides what may be sent).
import { mapFields, readFieldMap, rowsOf, readValue, writeValue, patternOf, groupOf, elementsOf, SUBMITTER } from "./fields.js";
import { follow, unfollow } from "./follow.js";
import { report } from "./errors.js";
import { Drafts } from "./drafts.js";
import { ErrorSummary } from "./summary.js";
import { Messages } from "./messages.js";
import { SubmitGate } from "./gate.js";
import { rowOps, sameRows } from "./rows.js";
import { foreignOwner, FOREIGN } from "./place.js"; // a page validator's own messages
import { watchWidgets } from "./adapters/index.js"; // widgets that set controls without events

const INITIALISED = "data-ssf-initialised";
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
    this.issues = new Map(); // path → issues
    this.touched = new WeakSet(); // elements the officer has been in
    this.revealed = false;
    this.userOwned = new WeakSet(); // computed fields' elements the officer typed into
    this.written = new Map(); // computed path → the text last written into its fields
    // A form element answers every property read with a search of its controls by name first
    // (Chromium: 0.17 ms with a 1,000-row register), so the document is read from it once.
    this.doc = form.ownerDocument;
    this.messages = new Messages(this); // boxes, aria, custom validities, the live region (messages.js)
    this.summary = new ErrorSummary(this); // the error summary at the top (summary.js)
    this.gate = new SubmitGate(this); // what may be sent (gate.js)
    this.listeners = [];
    // The portal's field map, checked once: a malformed entry is reported and left out.
    const map = readFieldMap(config.fields, (e) => report(config, e));
    this.names = map.names; // portal name → engine path
    this.codes = map.codes; // engine path pattern → the portal's option codes for its choices
    // What each path's first control held when the session was last given it: a control whose value
    // differs from this was changed by something the drop-in has not read yet.
    this.given = new WeakMap();
    this.pending = new Set(); // controls a script wrote since the last read (js/follow.js)
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
    const { kind, definition, profile, locale, previous } = this.config;
    // A definition compiles where a built-in kind is named (the package's engine reads it).
    if (definition) {
      const v = this.m.Validator.fromDefinition(definition, { profile, locale });
      this.described = new Map(v.describe().map((f) => [f.path, f]));
      v.free?.();
    } else {
      this.described = new Map(this.m.describe(kind, profile).map((f) => [f.path, f]));
    }
    this.session?.free?.();
    const options = { profile, locale, previous, now: this.clock.now() };
    this.session = definition ? this.m.FormSession.fromDefinition(definition, options) : new this.m.FormSession(kind, options);
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
    if (this.config.styles) this.messages.style();
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
    this.on(this.form, "focusout", (event) => this.touch(event.target, event.relatedTarget));
    this.on(this.form, "focusin", (event) => (this.focused = event.target)); // for refocus()
    // A value the officer leaves is written back in its canonical form, if the portal asked.
    // (normalise.js, loaded only on the pages that ask for it).
    if (this.config.normalise) {
      const canonicalise = import("./normalise.js");
      this.on(this.form, "change", (event) => canonicalise.then((m) => this.guard(() => m.canonicalise(this, event.target))).catch((e) => report(this.config, e)));
    }
    this.gate.listen((...args) => this.on(...args)); // click and Enter, invalid, submit
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
        this.summary.open = false;
        this.messages.clear();
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
    if (raw !== "" && this.messages.unplaced.size) this.messages.unplaced.delete(els[0]); // chosen now
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
    this.messages.renderAll(before);
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
    this.messages.announce(path);
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

  /** The officer left a field: its waiting messages may show now. Not when the focus went to a
   *  submit button being pressed: a box appearing between the press and the release would move the
   *  button from under the pointer, and the click would be lost; the submit shows them all anyway. */
  touch(el, next) {
    const path = this.pathOf.get(el);
    if (path === undefined || this.touched.has(el)) return;
    for (const e of this.fields.get(path)) this.touched.add(e);
    if (next?.closest?.(SUBMITTER) && this.form.contains(next)) return;
    this.messages.render(path);
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
        this.messages.keepInvalid(r.target);
        continue;
      }
      if (r.type === "attributes") {
        if (r.target === this.form && (r.attributeName === "data-ssf-profile" || r.attributeName === "data-ssf-locale")) options = true;
        else if (r.target !== this.form) rows = true;
      } else if ([...r.addedNodes, ...r.removedNodes].some(structural)) rows = true;
    }
    for (const path of yielded) this.messages.render(path);
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
    this.messages.clear();
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
    this.messages.cleanCopies(known);
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
    if (path === undefined) {
      for (const [el, p] of known) {
        if (el.isConnected || !groupOf(p) || el.tagName === "OUTPUT") continue;
        path = p; // the row's first field
        break;
      }
    }
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
      if (this.fields.has(path)) this.messages.render(path);
      else orphans = true;
    }
    if (orphans || this.summary.open) this.summary.render(); // only then: the summary walks every issue
    this.messages.hint();
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
    this.messages.hint();
  }

  reveal() {
    if (this.revealed) return;
    this.revealed = true;
    this.messages.renderAll();
  }

  /** Takes back everything this module added; the officer's values stay. */
  detach() {
    this.observer?.disconnect();
    for (const [target, type, handler, capture] of this.listeners) target.removeEventListener(type, handler, capture);
    this.listeners = [];
    clearTimeout(this.resetTimer);
    this.messages.remove();
    this.summary.remove();
    this.following = false;
    for (const el of this.pathOf.keys()) unfollow(el);
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
      const decided = this.guard(() => this.gate.check());
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
        this.summary.open = !result.valid;
        this.messages.renderAll();
        if (!result.valid) this.summary.focus();
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


/** Whether an exception is the engine trapping (wasm's RuntimeError; wasm2js throws an Error
 *  saying "unreachable"), rather than a misuse the engine reports with an Error of its own. */
function isTrap(error) {
  if (typeof WebAssembly !== "undefined" && error instanceof WebAssembly.RuntimeError) return true;
  return error instanceof Error && /^(unreachable|abort|RuntimeError)/i.test(error.message);
}
