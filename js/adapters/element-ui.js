// Element UI 2.x (Vue 2): el-input, el-radio-group and el-checkbox-group hold real native controls
// that fire real events, and el-select shares Element Plus's classes and its hidden-input rule
// (element-plus.js, registered first, reads that input again after a click or key in the select or
// its list). What Element UI 2 adds:
//
// - el-cascader holds its value in Vue alone (its input shows the labels, "玄武区 / …"), so a portal
//   maps it, as an el-select, through a hidden input bound to the same model right after it.
// - el-date-picker's own input (named by its `name` prop) does hold the date, but a day clicked in
//   its panel is written there by Vue as a property, with no event.
//
// Both widgets' panels are appended to <body> and name no widget: a click or key there reads every
// such control of the form again, once Vue has rendered (watchWidgets waits a task). The core itself
// follows a value a script sets through the `value` property of a mapped control; this adapter also
// catches what sets no property: a hidden input whose `value` attribute is written (a render
// function's `attrs: { value }`, jQuery's `.attr("value", …)`), which changes what it holds and posts.
// el-table cells need nothing of their own: they hold the widgets above, and rows re-used in place
// by Vue (an el-table without row-key) are the core's to follow, by the values the controls hold.

const CASCADER = ".el-cascader";
const PICKER = ".el-date-editor";
const PANELS = ".el-cascader__dropdown, .el-cascader-panel, .el-picker-panel";

/** The hidden input a portal bound to the el-cascader `cascader`, or null. */
function carrier(cascader) {
  const next = cascader.nextElementSibling;
  return next?.tagName === "INPUT" && next.type === "hidden" ? next : null;
}

/** Every control of the form that a cascader or date panel may have set. */
const panelControls = (form) => [...[...form.querySelectorAll(CASCADER)].map(carrier).filter(Boolean), ...form.querySelectorAll(`${PICKER} input`)];

/**
 * The form's controls an interaction at `target` may have changed, or null if it is in no
 * Element UI 2 cascader, date picker or their panels.
 * @param {Element} target
 * @param {HTMLFormElement} form
 * @returns {Element[] | null}
 */
export function elementUiControls(target, form) {
  const widget = target.closest(`${CASCADER}, ${PICKER}`);
  if (widget && form.contains(widget)) return widget.matches(PICKER) ? [...widget.querySelectorAll("input")] : [carrier(widget)].filter(Boolean);
  return target.closest(PANELS) ? panelControls(form) : null;
}
