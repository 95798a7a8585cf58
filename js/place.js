// Where a field's message box goes: after what the officer sees and uses for the field, which is
// not always the field's own element. view.js inserts the box after the element returned here.
//
//   <label><input> 姓名</label>          after the wrapping <label>: inside it, a screen reader
//                                         would read the message twice (name and description)
//   <select hidden><div layui-form-select>
//                                         after layui's widget: layui finds it again with
//                                         $(select).next('.layui-form-select') when form.render()
//                                         runs (after a reset, say); a box in between leaves two
//   <div el-input><div wrapper><input>    after the Element Plus component's root: inside its
//                                         bordered wrapper (a flex box) the box squeezes the input
//   anything else                         after the element itself
//
// `anchor` is a field's last element (for a radio group, its last radio).

/** Roots of Element Plus components holding a native control; the outermost one counts (an
 *  el-input-number or el-autocomplete holds an el-input). layui's affix wrapper (lay-affix) too. */
const ROOTS = ".el-input, .el-textarea, .el-input-number, .el-autocomplete, .el-select, .el-select-v2, .el-cascader, .el-date-editor, .el-radio-group, .el-checkbox-group, .el-switch, .el-slider, .el-rate, .el-color-picker, .layui-input-wrap";

/** The widgets layui draws right after a hidden select, radio or checkbox (form.render()). */
const LAYUI = /^layui-form-(select|radio|checkbox|switch)$/;
const isLayuiWidget = (el) => el !== null && [...el.classList].some((c) => LAYUI.test(c));

/**
 * Whether `control` is hidden under a widget drawn over it (layui's select, radio, checkbox). The
 * browser cannot focus such a control, so a custom validity on it would make a native submit fail
 * with nothing to show ("An invalid form control … is not focusable"); view.js gives it none, and
 * the drop-in's own submit check blocks that submit instead, its message beside the widget.
 * @param {Element} control
 */
export const drawnOver = (control) => isLayuiWidget(control.nextElementSibling);

/**
 * The element after which the message box for a field ending in `anchor` is inserted.
 * @param {Element} anchor the field's last element
 * @param {HTMLFormElement} form the attached form (nothing outside it is used)
 * @returns {Element}
 */
export function placeAfter(anchor, form) {
  let root = null;
  for (let el = anchor.parentElement; el && el !== form; el = el.parentElement) if (el.matches(ROOTS)) root = el;
  if (root) return root;
  // A field inside a sentence of the official form (请贵校（单位）于 [ ] 前整改完毕): after the
  // sentence, which a box in its middle would split.
  const sentence = anchor.closest("p");
  if (sentence && form.contains(sentence)) return sentence;
  const label = anchor.closest("label");
  if (label && label.closest("form") === form) return label;
  // layui: the hidden control, then its widget (a radio's title template, lay-radio, may follow).
  let after = anchor;
  while (isLayuiWidget(after.nextElementSibling)) after = after.nextElementSibling;
  return after;
}

/**
 * Puts a field's message box where it reads as the field's: after what placeAfter() names, or, for
 * a wrapping <label> that is one item of a row laid out by flex or grid (填表人 审核人 分管领导 side
 * by side), at the end inside that label, so the box stays under its own field instead of becoming
 * an item of the row and wrapping to its far left. Inside a label the box is aria-hidden, so the
 * field's name (the label's text) does not take the message in; aria-describedby still reads it.
 * @param {Element} box
 * @param {Element} anchor the field's last element
 * @param {HTMLFormElement} form
 */
export function placeBox(box, anchor, form) {
  const after = placeAfter(anchor, form);
  const row = after.tagName === "LABEL" && after.parentElement ? getComputedStyle(after.parentElement) : null;
  if (row && /flex|grid/.test(row.display) && !/column/.test(row.flexDirection)) {
    box.setAttribute("aria-hidden", "true");
    after.append(box);
  } else after.insertAdjacentElement("afterend", box);
}

/**
 * What the officer is taken to for a field's control (the error summary's links): the control, or,
 * for one a widget stands in for, the widget's own input (layui's select title, an el-select's
 * combobox before its hidden input). A layui radio widget has nothing focusable: the control itself
 * is returned, and the caller scrolls its widget into view.
 * @param {Element} control
 * @returns {{ focus: Element, show: Element }}
 */
export function focusTarget(control) {
  const widget = drawnOver(control) ? control.nextElementSibling : control.type === "hidden" && control.previousElementSibling?.matches(".el-select, .el-select-v2") ? control.previousElementSibling : null;
  if (!widget) return { focus: control, show: control };
  return { focus: widget.querySelector("input:not([type=hidden])") ?? control, show: widget };
}

/** Messages the page's own validator shows: Element's el-form rules (Element UI 2 and Element
 *  Plus) and jquery-validation's error element (a label, or whatever errorElement the page set,
 *  always with the id `<name>-error` that the field's aria-describedby names). */
export const FOREIGN = ".el-form-item__error, label.error, [id$='-error']";

const visible = (el) => el.isConnected && (el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0) && el.textContent.trim() !== "";

/**
 * Whether the page's own validator shows a message for `control` now: its el-form-item's error, or
 * an error label its aria-describedby names (jquery-validation links its label so). Where it does,
 * the drop-in's box for that field stays hidden (its custom validity and aria-invalid stay), so the
 * officer reads one message, not two.
 * @param {Element} control
 */
export function foreignShown(control) {
  const item = control.closest(".el-form-item")?.querySelector(".el-form-item__error");
  if (item && visible(item)) return true;
  for (const id of (control.getAttribute("aria-describedby") || "").split(/\s+/)) {
    if (!id || id.startsWith("ssf-msg-")) continue;
    const label = control.ownerDocument.getElementById(id);
    if (label?.matches(FOREIGN) && visible(label)) return true;
  }
  return false;
}

/**
 * The control a message of the page's own validator is about, inside `form`, or null.
 * @param {Element} message
 * @param {HTMLFormElement} form
 */
export function foreignOwner(message, form) {
  const item = message.closest(".el-form-item");
  if (item) return item.querySelector("input:not([type=hidden]), select, textarea, input[type=hidden]");
  const doc = form.ownerDocument;
  const byFor = message.getAttribute("for") && doc.getElementById(message.getAttribute("for"));
  if (byFor && form.contains(byFor)) return byFor;
  return message.id ? form.querySelector(`[aria-describedby~="${CSS.escape(message.id)}"]`) : null;
}
