// The error summary (the GOV.UK pattern) at the top of an attached form. Before a submit attempt
// it lists only issues at paths the page has no field for; after one, every error (or, when a
// submit is asked to confirm them, every warning), each a link that moves the focus to its field.

import { focusTarget } from "./place.js";

/** A repeated group's row as the official forms name it, by its current 1-based position:
 *  `rows[2].deadline` → `第3行：` (en `Row 3: `); "" outside the groups. */
export function rowLabel(path, zh) {
  const m = /^[^.[\]]+\[(\d+)\]/.exec(path ?? "");
  if (!m) return "";
  const n = Number(m[1]) + 1;
  return zh ? `第${n}行：` : `Row ${n}: `;
}

/** The error summary of one attached form: its element, and whether it is open for errors
 *  (`true`), for warnings to confirm (`"warnings"`) or closed (`false`). */
export class ErrorSummary {
  /** @param {import("./view.js").FormView} view */
  constructor(view) {
    this.view = view;
    this.open = false;
    this.el = null;
  }

  /** Shows the summary of the view's issues at the top of its form. */
  render() {
    const view = this.view;
    // Before a submit attempt: only issues at paths the page has no field for. After one (the
    // GOV.UK error summary): every error, each a link to its field, until they are put right.
    const items = [];
    for (const [path, list] of view.issues) {
      const onPage = view.fields.has(path);
      for (const issue of list) {
        if (!view.messages.shown(issue)) continue;
        const listed = this.open === "warnings" || (this.open && issue.severity === "error");
        if (!onPage || listed) items.push([onPage ? path : null, issue]);
      }
    }
    // In form order: where each field stands on the page (fields the page lacks last, as the engine
    // lists them).
    items.sort(([a], [b]) => (a === null ? Infinity : view.rank.get(a) ?? Infinity) - (b === null ? Infinity : view.rank.get(b) ?? Infinity) || 0);
    // Once every error (or warning asked about) is put right the summary closes; a later submit
    // attempt opens it again.
    const kind = this.open === "warnings" ? null : "error";
    if (this.open && !items.some(([path, issue]) => path && (!kind || issue.severity === kind))) this.open = false;
    if (!items.length && !this.el) return;
    if (!this.el) {
      this.el = view.doc.createElement("div");
      this.el.className = "ssf-summary";
      this.el.setAttribute("role", "alert");
      this.el.tabIndex = -1;
      this.el.addEventListener("click", (event) => {
        const link = event.target.closest?.("a[data-ssf-path]");
        const el = link && view.fields.get(link.dataset.ssfPath)?.[0];
        if (!el) return;
        event.preventDefault();
        const { focus, show } = focusTarget(el); // a layui or el-select widget's input (js/place.js)
        show.scrollIntoView?.({ block: "center" });
        focus.focus({ preventScroll: true });
      });
      view.form.prepend(this.el);
    }
    this.el.hidden = !items.length;
    const zh = (view.config.locale ?? "zh-CN") === "zh-CN";
    const warnings = this.open === "warnings";
    this.el.classList.toggle("ssf-summary-warnings", warnings);
    const shown = items.slice(0, SUMMARY_MAX).map(([path, issue]) => {
      const entry = line(view.doc, issue, zh);
      if (!path) return entry;
      const link = view.doc.createElement("a");
      link.href = "#";
      link.dataset.ssfPath = path;
      link.textContent = rowLabel(issue.path, zh) + issue.message; // never HTML
      entry.replaceChildren(link);
      return entry;
    });
    // Warnings never block: the officer who has read them sends the form from here.
    const send = warnings ? [sendAnyway(view, zh)] : [];
    const title =
      this.open === "warnings"
        ? [heading(view.doc, zh ? "请核对以下提示，无误后再次报送" : "Check these warnings, then submit again to send the form")]
        : this.open
          ? [heading(view.doc, zh ? "报送前请先修改以下问题" : "There is a problem")]
          : [];
    const more = items.length > SUMMARY_MAX ? [note(view.doc, zh ? `……还有 ${items.length - SUMMARY_MAX} 项` : `… and ${items.length - SUMMARY_MAX} more`)] : [];
    this.el.replaceChildren(...title, ...shown, ...more, ...send);
  }

  /** Moves the focus to the summary (its links take the officer to each field), or, with no
   *  summary shown, to the first field in error. */
  focus() {
    if (this.el && !this.el.hidden) {
      this.el.scrollIntoView?.({ block: "start" });
      this.el.focus({ preventScroll: true });
    } else this.view.form.querySelector("[aria-invalid=true]")?.focus?.();
  }

  /** Takes the summary off the page. */
  remove() {
    this.el?.remove();
    this.el = null;
  }
}

/** How many entries the error summary lists before "… and N more". */
const SUMMARY_MAX = 50;

function heading(doc, text) {
  const h = doc.createElement("strong");
  h.className = "ssf-summary-title";
  h.textContent = text;
  return h;
}

function note(doc, text) {
  const span = doc.createElement("span");
  span.className = "ssf-line";
  span.textContent = text;
  return span;
}

/** A 仍要报送 button: submits again the way the officer last tried (their button, so a portal's
 *  own click handler runs too), the warnings now seen. Of type "button" and unnamed: it posts nothing. */
function sendAnyway(view, zh) {
  const button = view.doc.createElement("button");
  button.type = "button";
  button.className = "ssf-summary-send";
  button.textContent = zh ? "仍要报送" : "Submit anyway";
  button.addEventListener("click", () => view.gate.sendAgain());
  return button;
}

/** One message as a line of text, its row named when it is a repeated group's. */
export function line(doc, issue, zh) {
  const span = doc.createElement("span");
  span.className = `ssf-line ssf-${issue.severity}`;
  span.dataset.ssfCode = issue.code;
  span.textContent = rowLabel(issue.path, zh) + issue.message; // never HTML
  return span;
}
