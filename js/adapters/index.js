// Widget libraries whose widgets set a native control by script, firing no event (layui's select and
// radio, a hidden input bound to Element Plus's el-select). After a click or a key inside such a
// widget, once the library has done its work (the next task: after its handler, and after a Vue
// render, a microtask), the controls it may have changed are read again, and those that did change
// are passed to `changed` as if the browser had fired `change` on them.
//
// Each adapter recognises its library by the classes the library gives its widgets, not by a global,
// so it works whatever order the scripts load in and does nothing on a page without that library.
import { layuiControls } from "./layui.js";
import { elementPlusControls } from "./element-plus.js";
import { elementUiControls } from "./element-ui.js"; // Element UI 2 (Vue 2): el-cascader, el-date-picker

const ADAPTERS = [layuiControls, elementPlusControls, elementUiControls];

const state = (el) => (el.type === "radio" || el.type === "checkbox" ? el.checked : el.value);

/**
 * @param {HTMLFormElement} form
 * @param {(target: EventTarget, type: string, handler: (e: Event) => void, capture: boolean) => void} on
 *   registers a listener the caller removes again on detach
 * @param {(control: Element) => void} changed
 */
export function watchWidgets(form, on, changed) {
  const look = (event) => {
    const target = event.target;
    if (!target || target.nodeType !== 1) return;
    let controls = null;
    for (const adapter of ADAPTERS) if ((controls = adapter(target, form))) break;
    if (!controls?.length) return;
    const before = controls.map(state);
    setTimeout(() => controls.forEach((el, i) => state(el) !== before[i] && changed(el)), 0);
  };
  // Capture, on the document: layui's handlers stop the click, and option lists live in <body>.
  const doc = form.ownerDocument;
  on(doc, "click", look, true);
  on(doc, "keydown", look, true);
}
