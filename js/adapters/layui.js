// layui 2.x (form module): its widgets set the hidden native control by script and fire no native
// event. A school chosen in a layui select is `$(select).val(value)`; a choice made with the
// keyboard (Enter) is a jQuery-triggered click that never reaches the DOM. So after a click or a key
// in one of its widgets, the control the widget drives is read again (adapters/index.js).
//
// Nothing here needs window.layui: a widget is known by the classes layui gives it, and its control
// by where layui puts it (`$(control).after(widget)`). On a page without layui nothing matches.

const WIDGET = ".layui-form-select, .layui-form-radio, .layui-form-checkbox, .layui-form-switch";

/**
 * The form's controls an interaction at `target` may have changed, or null if it is not in a layui widget.
 * @param {Element} target
 * @param {HTMLFormElement} form
 * @returns {Element[] | null}
 */
export function layuiControls(target, form) {
  const widget = target.closest(WIDGET);
  if (!widget) return null;
  if (form.contains(widget)) {
    const control = widget.previousElementSibling;
    return control && (control.tagName === "SELECT" || control.tagName === "INPUT") ? [control] : [];
  }
  // A select's options panel appended to <body> (lay-append-to="body"): it names no select, so
  // every layui select of the form is read again.
  return [...form.querySelectorAll("select")].filter((s) => s.nextElementSibling?.classList.contains("layui-form-select"));
}
