// A form's messages: the box beside each field (its text, aria-describedby, aria-invalid and the
// custom validity that makes the browser itself refuse to submit), the one polite live region, the
// hint beneath a total that cannot be stated yet, and the styles they share. It reads the form view's
// state (which controls hold which path, the issues, what the officer has touched) and owns nothing
// of the engine's.
import { placeBox, drawnOver, foreignShown } from "./place.js"; // where a box goes (labels, layui, Element)
import { line, rowLabel } from "./summary.js";

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
export const WAITS = new Set(["required", "measures_required"]);


export class Messages {
  /** @param {import("./view.js").FormView} view */
  constructor(view) {
    this.view = view;
    this.boxes = new Map(); // the element a message follows → its message box (survives renumbering)
    this.hints = new Map(); // a total's last element → the hint saying why it is blank
    this.flagged = new Set(); // controls that hold a custom validity of ours
    this.unplaced = new Map(); // a select → the pasted text it has no option for (js/paste.js)
  }

  /** Adopts the styles into the form's document (once per document). */
  style() {
    installStyles(this.view.doc);
  }

  /** Whether an issue is shown: blank-but-required waits until the field is touched or a submit. */
  shown(issue) {
    if (!WAITS.has(issue.code) || this.view.revealed) return true;
    return (this.view.fields.get(issue.path) ?? []).some((el) => this.view.touched.has(el));
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
    const paths = new Set(this.view.issues.keys());
    for (const path of also) paths.add(path);
    for (const el of this.flagged) {
      const path = this.view.pathOf.get(el);
      if (path !== undefined) paths.add(path);
      else {
        this.setValidity(el, "");
        if (marked.delete(el)) el.removeAttribute("aria-invalid");
      }
    }
    for (const [anchor, box] of this.boxes) {
      const path = this.view.pathOf.get(anchor);
      if (!anchor.isConnected || path === undefined || this.view.fields.get(path)?.at(-1) !== anchor) {
        this.dropBox(anchor, box); // its row went, or its element holds another path's last place now
      } else if (!box.hidden) paths.add(path);
    }
    for (const path of paths) this.render(path);
    this.view.summary.render();
  }

  /** Removes a message box and every reference to it. */
  dropBox(anchor, box) {
    for (const el of this.view.fields.get(this.view.pathOf.get(anchor)) ?? [anchor]) describedBy(el, box.id, false);
    box.remove();
    this.boxes.delete(anchor);
  }

  clear() {
    for (const [anchor, box] of [...this.boxes]) this.dropBox(anchor, box);
  }

  /** Rows the page made by copying a row carry copies of that row's message boxes and aria-*: those
   *  are not this form's messages, so they go. */
  cleanCopies(before) {
    const ours = new Set(this.boxes.values());
    for (const [el] of this.view.pathOf) {
      if (before.has(el)) continue;
      // A new element has no message yet: whatever it points at or is marked with came with a copy.
      if (!marked.has(el) && el.getAttribute("aria-invalid") === "true") el.removeAttribute("aria-invalid");
      const ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
      for (const id of ids) if (/^ssf-msg-\d+$/.test(id)) describedBy(el, id, false);
    }
    for (const box of this.view.form.querySelectorAll(".ssf-message")) if (!ours.has(box)) box.remove();
  }

  render(path) {
    const els = this.view.fields.get(path);
    if (!els) return; // shown in the summary instead
    const all = this.view.issues.get(path) || [];
    const zh = (this.view.config.locale ?? "zh-CN") === "zh-CN";
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
      box = this.view.doc.createElement("span");
      box.id = `ssf-msg-${++messageIds}`;
      box.className = "ssf-message";
      // After a wrapping <label>, a layui widget, an Element Plus component: js/place.js.
      placeBox(box, anchor, this.view.form);
      this.boxes.set(anchor, box);
    }
    if (box.hidden) box.hidden = false;
    if (shownText.get(box) !== text) {
      shownText.set(box, text);
      box.replaceChildren(...visible.map((i) => line(this.view.doc, i, zh)));
    }
    for (const el of els) describedBy(el, box.id, true);
  }

  /** A total the engine cannot state yet says why beneath it, once the officer has begun: a blank
   *  合计 or 整治率 with no word reads as a fault. Only the form's totals (a handful of fields), so a
   *  keystroke pays for them alone; none while no error stands (a rate with nothing found is blank
   *  by the rules, not for want of a figure). */
  hint() {
    if (!this.view.totals.length) return;
    const zh = (this.view.config.locale ?? "zh-CN") === "zh-CN";
    const wanted = (this.view.revealed || this.view.begun) && this.view.session.hasErrors();
    for (const path of this.view.totals) {
      const els = this.view.fields.get(path);
      const anchor = els.at(-1);
      let box = this.hints.get(anchor);
      const on = wanted && (this.view.written.get(path) ?? "") === "" && !this.view.userOwned.has(els[0]);
      if (!on) {
        if (box && !box.hidden) {
          box.hidden = true;
          for (const el of els) describedBy(el, box.id, false);
        }
        continue;
      }
      if (!box?.isConnected) {
        box = this.view.doc.createElement("span");
        box.id = `ssf-msg-${++messageIds}`;
        box.className = "ssf-hint";
        placeBox(box, anchor, this.view.form);
        this.hints.set(anchor, box);
      }
      box.textContent = zh ? "有未填或有误的项目，填好后自动计算" : "Computed once the fields it needs are filled in and correct";
      box.hidden = false;
      for (const el of els) describedBy(el, box.id, true);
    }
  }

  /** Says the field's new messages once, through one polite live region for the whole form. */
  announce(path) {
    const zh = (this.view.config.locale ?? "zh-CN") === "zh-CN";
    const text = (this.view.issues.get(path) ?? []).filter((i) => this.shown(i)).map((i) => rowLabel(i.path, zh) + i.message).join("；");
    if (text === this.announced) return;
    this.announced = text;
    if (!this.live) {
      this.live = this.view.doc.createElement("span");
      this.live.className = "ssf-live";
      this.live.setAttribute("aria-live", "polite");
      this.view.form.append(this.live);
    }
    this.live.textContent = text;
  }

  /** Another validator set aria-invalid on a control whose error the drop-in shows: set it back. */
  keepInvalid(el) {
    if (marked.has(el) && el.getAttribute("aria-invalid") !== "true") el.setAttribute("aria-invalid", "true");
  }

  /** Whether the browser's refusal of `el` is the drop-in's own custom validity. */
  ours(el) {
    return Boolean(validity.get(el));
  }

  /** Takes back every box, hint, validity and aria-invalid of ours, and the live region. */
  remove() {
    this.clear();
    for (const [anchor, box] of this.hints) {
      for (const el of this.view.fields.get(this.view.pathOf.get(anchor)) ?? [anchor]) describedBy(el, box.id, false);
      box.remove();
    }
    this.hints.clear();
    this.live?.remove();
    for (const el of new Set([...this.view.pathOf.keys(), ...this.flagged])) {
      this.setValidity(el, "");
      if (marked.has(el)) {
        el.removeAttribute("aria-invalid");
        marked.delete(el);
      }
    }
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
