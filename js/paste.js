// A block copied from Excel or WPS, pasted into a field of a repeated group: the engine reads the
// block (quoted cells, CRLF, a header row of official titles in any order), the page's own
// add-row mechanism makes the rows it lacks, and every cell is filled and validated. Loaded on
// demand (the first block pasted, or a draft restored), so a page that never pastes never pays.
//
// Rows are added by the page's own button marked data-ssf-add="<group>" (clicked once per row),
// or by an `addRow: { <group>: (count) => … }` option. Without a header row, cells fill the page's
// columns from the one pasted into, in the page's order, as a spreadsheet would.
import { groupOf, setNative, patternOf } from "./fields.js";
import { report } from "./errors.js";

const ROW = /^([^.[\]]+)\[(\d+)\]\.(.+)$/;

/** Elements in document order. */
const inOrder = (els) => [...els].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));

/** Puts pasted or restored text into a page element: a select's option by value or wording (or by
 *  `wording`, the official wording the engine found for a part of it: 燃气 → 燃气安全), a radio by
 *  value, a checkbox by yes/no (or a boolean), text through the native value setter (so a
 *  framework's value tracker, React's, sees the change the events then announce). Returns false
 *  when a select has no option for the text: it is left blank. */
export function put(els, text, wording) {
  const value = typeof text === "string" ? text.trim() : text;
  let placed = true;
  for (const el of els) {
    if (el.type === "radio") el.checked = el.value === value || el.labels?.[0]?.textContent.trim() === value;
    else if (el.type === "checkbox") el.checked = value === true || /^(是|yes|true|1|√)$/i.test(String(value));
    else if (el.tagName === "SELECT") {
      const found = option(el, String(value)) ?? (wording ? option(el, wording) : null);
      el.value = found ? found.value : "";
      placed = found !== null || value === "";
    } else setNative(el, String(text));
  }
  return placed;
}

/** A select's option for `text`: by its value, or by its wording. */
function option(select, text) {
  const options = [...select.options].filter((o) => o.value !== "");
  return options.find((o) => o.value === text) ?? options.find((o) => o.text.trim() === text) ?? null;
}

/** The official wording the engine takes `cell` for at `path` (a part of one option's wording that
 *  names it alone: 燃气 → 燃气安全; README "Input normalisation"), or undefined. */
function wordingOf(view, path, cell) {
  try {
    return view.m.choose?.(view.config.kind, path, cell.trim()) ?? undefined;
  } catch {
    return undefined; // not a choice field
  }
}

/** Tells the page's own listeners (a framework's binding) of a value put into `els`, as typing
 *  would: `input`, then `change`. An Element UI 2 date picker's input is told `input` only and put
 *  on `pickers`: its change handler reads the picker's panel, which it makes only when first
 *  opened, and throws before that (tellPickers). */
export function tell(els, pickers) {
  for (const el of els) {
    el.dispatchEvent(new Event("input", { bubbles: true }));
    if (el.tagName === "INPUT" && el.closest(".el-date-editor")) pickers.push(el);
    else el.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

/** Date pickers' inputs, one after another: focused (the picker makes its panel), told `change`
 *  once that is done, then closed (Escape, as the officer would); the focus goes back after. */
export async function tellPickers(pickers) {
  if (!pickers.length) return;
  const doc = pickers[0].ownerDocument;
  const before = doc.activeElement;
  for (const el of pickers) {
    if (!el.isConnected) continue;
    el.focus();
    await new Promise((done) => setTimeout(done, 0)); // Vue's watcher makes the panel in a microtask
    el.dispatchEvent(new Event("change", { bubbles: true }));
    const escape = new KeyboardEvent("keydown", { key: "Escape", bubbles: true });
    Object.defineProperty(escape, "keyCode", { value: 27 }); // Element UI 2 reads keyCode
    el.dispatchEvent(escape);
  }
  if (before?.isConnected && before !== doc.body) before.focus?.();
  else doc.activeElement?.blur?.();
}

/** How the page adds rows of `group`, or null when it has no way the drop-in knows. */
export function rowAdder(view, group) {
  const add = view.config.addRow?.[group];
  if (typeof add === "function") return (count) => add(count);
  const selector = `[data-ssf-add="${CSS.escape(group)}"]`;
  const button = view.form.querySelector(selector) ?? view.doc.querySelector(selector);
  return button ? (count) => { for (let k = 0; k < count; k++) button.click(); } : null;
}

/** Waits (a frame at a time, at most about a second) until the page has `need` rows of `group`:
 *  frameworks render rows after the click that asked for them. */
export async function rowsReady(view, group, need) {
  for (let frame = 0; frame < 60; frame++) {
    if (!view.session) return false; // detached meanwhile
    view.restructure();
    if ((view.rows.get(group)?.length ?? 0) >= need) return true;
    await new Promise((done) => requestAnimationFrame(done));
  }
  return false;
}

/**
 * Fills the page's rows from a block pasted into a field of a repeated group (the paste event
 * itself was handled in view.js, which loads this module the first time a block is pasted).
 * @param {import("./view.js").FormView} view
 * @param {string} text the clipboard's text
 * @param {string} path the field pasted into (`rows[3].description`)
 */
export async function pasteInto(view, text, path) {
  const [, group, index, column] = ROW.exec(path) ?? [];
  if (!group) return;
  const block = view.m.pasteRows(view.config.kind, group, text);
  if (!block.rows.length) return; // blank lines and tabs only
  const start = Number(index);
  const pageColumns = inOrder(view.rows.get(group)?.[start] ?? [])
    .map((el) => ROW.exec(view.pathOf.get(el) ?? "")?.[3])
    .filter((c, i, all) => c && all.indexOf(c) === i);
  const from = Math.max(0, pageColumns.indexOf(column));
  let need = start + block.rows.length;
  const have = view.rows.get(group)?.length ?? 0;
  const add = need > have ? rowAdder(view, group) : null;
  let untaken = 0;
  if (need > have && !add) {
    // The rows that exist are filled; the rest stay on the clipboard, and the portal hears why.
    untaken = need - have;
    need = have;
    report(view.config, new Error(`paste: ${untaken} pasted rows did not fit: the page has no way to add rows to "${group}" (mark its add-row button data-ssf-add="${group}" or pass the addRow option)`));
  } else if (add) add(need - have);
  if (!(await rowsReady(view, group, need))) throw new Error(`paste: the page did not add the ${need - have} rows of "${group}" it was asked for`);
  view.pasting = true; // the page's own listeners hear each pasted value; the drop-in reads them below
  try {
    const pickers = fill(view, block, group, start, pageColumns, from, block.rows.length - untaken);
    await tellPickers(pickers);
  } finally {
    view.pasting = false;
  }
  view.settle(true);
  view.refresh();
}

/** A pasted choice (its wording, 已完成, or its id) as the portal's own code where the field map
 *  gives the field codes (`{ path, values }`); any other text as it is. */
function portalCode(view, path, cell, wording) {
  const codes = view.codes.get(patternOf(path));
  if (!codes) return cell;
  const text = cell.trim();
  const choice = view.describe(path)?.options?.find((o) => o.id === text || o.label === text || o.label === wording);
  return (choice && codes.toPortal.get(choice.id)) ?? cell;
}

function fill(view, block, group, start, pageColumns, from, count) {
  const pickers = [];
  block.rows.slice(0, count).forEach((cells, r) => {
    cells.forEach((cell, c) => {
      const field = block.columns ? block.columns[c] : pageColumns[from + c];
      if (!field) return;
      const p = `${group}[${start + r}].${field}`;
      const els = view.fields.get(p);
      if (!els || groupOf(p) !== group) return;
      const wording = els[0].tagName === "SELECT" || view.codes.size ? wordingOf(view, p, cell) : undefined;
      const placed = put(els, portalCode(view, p, cell, wording), wording);
      tell(els, pickers);
      // A select with no option for the text stays blank, as the engine is told; beside it the
      // officer reads what was pasted, so it can be chosen by hand.
      if (placed) view.messages.unplaced.delete(els[0]);
      else view.messages.unplaced.set(els[0], cell.trim());
      view.feed(p, els, true);
    });
  });
  return pickers;
}
