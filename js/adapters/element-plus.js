// Element Plus 2.x: el-input, el-radio-group and el-checkbox-group hold real native controls that
// fire real events, and need nothing here. el-select does not: its only named <input> holds the
// search text, never the chosen value. A portal maps el-select through a hidden input bound to the
// same model, right after it:
//
//   h(ElSelect, { modelValue: m.hxg, "onUpdate:modelValue": (v) => (m.hxg = v) }, options),
//   h("input", { type: "hidden", name: "hxg", value: m.hxg }),
//
// Vue sets that input's value as a property, with no event; so after a click or a key in the select
// (or in its options list, teleported to <body>) the hidden input is read again once Vue has rendered.

const SELECT = ".el-select, .el-select-v2";
const DROPDOWN = ".el-select-dropdown, .el-select__popper";

/** The hidden input a portal bound to the el-select `select`, or null. */
function carrier(select) {
  const next = select.nextElementSibling;
  return next?.tagName === "INPUT" && next.type === "hidden" ? next : null;
}

/**
 * The form's controls an interaction at `target` may have changed, or null if it is not in an el-select.
 * @param {Element} target
 * @param {HTMLFormElement} form
 * @returns {Element[] | null}
 */
export function elementPlusControls(target, form) {
  const select = target.closest(SELECT);
  if (select && form.contains(select)) {
    const input = carrier(select);
    return input ? [input] : [];
  }
  // The options list is teleported to <body> and names no select: every mapped el-select is read.
  if (!target.closest(DROPDOWN)) return null;
  return [...form.querySelectorAll(SELECT)].map(carrier).filter(Boolean);
}
