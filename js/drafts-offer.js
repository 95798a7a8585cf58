// The notice offering a saved draft back, and the restoring (drafts.js; loaded only when a draft
// is there to offer).
import { put, rowAdder, rowsReady } from "./paste.js";
import { report } from "./errors.js";

/** A notice at the top of the form: restore the draft, or put it away. Buttons of type
 *  "button" without a name, so they never submit the form or post anything. */
export function offer(drafts, draft) {
  const doc = drafts.view.doc;
  if (drafts.view.config.styles) style(doc);
  const zh = (drafts.view.config.locale ?? "zh-CN") === "zh-CN";
  const when = chinaTime(draft.savedAt, zh);
  const box = doc.createElement("div");
  box.className = "ssf-draft";
  box.setAttribute("role", "status");
  const text = doc.createElement("span");
  text.textContent = zh
    ? `有一份${when ? ` ${when} ` : ""}保存的草稿${draft.sent ? "（报送时保存；如报送未成功，可恢复）" : "尚未报送"}。`
    : `A draft saved${when ? ` at ${when}` : ""} ${draft.sent ? "when the form was sent (restore it if sending failed)" : "has not been sent"}.`;
  const restoreButton = button(doc, zh ? "恢复草稿" : "Restore the draft");
  const discard = button(doc, zh ? "不用了" : "Discard it");
  restoreButton.addEventListener("click", () => {
    drafts.hide();
    restore(drafts.view, draft).then(() => drafts.changed()).catch((e) => report(drafts.view.config, e));
  });
  discard.addEventListener("click", () => {
    drafts.hide();
    if (!drafts.wrote) drafts.write(null); // what was typed since the notice is a draft of its own
  });
  box.append(text, " ", restoreButton, " ", discard);
  drafts.offer = box;
  drafts.view.form.prepend(box);
}

/** Puts the draft back: the page's own add-row mechanism makes the rows, every value goes in as
 *  typing would (events for the page's framework), and the form is read again. */
async function restore(v, draft) {
  for (const [group, count] of Object.entries(draft.rows ?? {})) {
    const have = v.rows.get(group)?.length ?? 0;
    if (!(count > have)) continue;
    const add = rowAdder(v, group);
    if (!add) {
      report(v.config, new Error(`drafts: ${count - have} rows of "${group}" could not be restored: the page has no way to add rows the drop-in knows (data-ssf-add="${group}" or the addRow option)`));
      continue;
    }
    add(count - have);
    await rowsReady(v, group, count);
  }
  if (!v.session) return;
  v.pasting = true; // the page's own listeners hear each value; the drop-in reads them all below
  try {
    for (const [path, value] of Object.entries(draft.values)) {
      const els = v.fields.get(path);
      if (!els) continue;
      const choice = els[0].type === "radio" || els[0].type === "checkbox";
      if (choice) {
        // A click, as the officer's own: frameworks (React) take radios and checkboxes from it.
        for (const el of els) if (el.type === "radio" ? el.value === value && !el.checked : el.checked !== (value === true)) el.click();
        continue;
      }
      put(els, value);
      for (const el of els) {
        el.dispatchEvent(new Event("input", { bubbles: true }));
        el.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
  } finally {
    v.pasting = false;
  }
  v.guard(() => v.sync());
}

function button(doc, text) {
  const b = doc.createElement("button");
  b.type = "button";
  b.className = "ssf-draft-action";
  b.textContent = text;
  return b;
}

/** `2021-06-22T07:40:00.000Z` → `6月22日 15:40` (en: `06-22 15:40`) in China time, whatever the
 *  PC's time zone. */
function chinaTime(iso, zh) {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  const d = new Date(t + 8 * 3600 * 1000);
  const pad = (n) => String(n).padStart(2, "0");
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return zh ? `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${time}` : `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${time}`;
}

/** The notice's own small style, adopted with the first notice (a constructable sheet: no
 *  'unsafe-inline' style-src needed). */
let styled = false;
function style(doc) {
  if (styled || !("adoptedStyleSheets" in doc)) return;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(".ssf-draft{display:block;border:1px solid #1d70b8;background:#f0f6fb;padding:.5em 1em;margin:0 0 1em}");
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    styled = true;
  } catch {
    // An unstyled notice is still a notice.
  }
}
