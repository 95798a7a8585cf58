// messages.js: the box beside a field, aria-invalid and the custom validity, which must never
// outlive the issue that set them (issue 20: a restored draft that could not be sent).
import { test } from "node:test";
import assert from "node:assert/strict";
import { document, form } from "./dom.mjs";

const { Messages } = await import("../../js/messages.js");

/** The parts of a FormView that Messages reads, for the fields of `f` named in `paths`. */
function view(f, paths) {
  const fields = new Map(Object.entries(paths).map(([path, name]) => [path, [f.querySelector(`[name="${name}"]`)]]));
  const pathOf = new Map([...fields].map(([path, [el]]) => [el, path]));
  const v = { doc: document, form: f, fields, pathOf, issues: new Map(), touched: new WeakSet(), revealed: true, config: {}, written: new Map(), userOwned: new WeakSet(), totals: [], session: { hasErrors: () => false }, summary: { render() {} } };
  v.messages = new Messages(v);
  return v;
}
const issue = (path, message, severity = "error", code = "x") => ({ path, code, severity, message });
const described = (el) => (el.getAttribute("aria-describedby") || "").split(" ").filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? "").join(" ");

test("an error shows beside its field, marks it and sets the custom validity; a row's message names its row", () => {
  const f = form('<input name="zrr">');
  const v = view(f, { "rows[2].responsible": "zrr" });
  const el = f.querySelector("input");
  v.issues.set("rows[2].responsible", [issue("rows[2].responsible", "请填写责任人", "error", "required")]);
  v.messages.render("rows[2].responsible");
  assert.equal(el.getAttribute("aria-invalid"), "true");
  assert.equal(el.validationMessage, "请填写责任人");
  assert.equal(described(el), "第3行：请填写责任人");
});

test("a validity whose issue went is cleared by renderAll given the paths that had issues (the restored-draft case)", () => {
  const f = form('<input name="dwmc">');
  const v = view(f, { unit: "dwmc" });
  const el = f.querySelector("input");
  v.issues.set("unit", [issue("unit", "请填写学校（单位）", "error", "required")]);
  v.messages.render("unit");
  assert.equal(el.validationMessage, "请填写学校（单位）");
  const before = [...v.issues.keys()];
  v.issues.clear(); // the restored value is valid
  v.messages.renderAll(before);
  assert.equal(el.validationMessage, "");
  assert.equal(el.getAttribute("aria-invalid"), null);
});

test("a control holding our validity for a path it no longer has is cleared by renderAll", () => {
  const f = form('<input name="a">');
  const v = view(f, { unit: "a" });
  const el = f.querySelector("input");
  v.issues.set("unit", [issue("unit", "错")]);
  v.messages.render("unit");
  v.fields.clear();
  v.pathOf.clear(); // the page took the field away from the form's mapping
  v.issues.clear();
  v.messages.renderAll();
  assert.equal(el.validationMessage, "");
});

test("where the page's own validator shows a message (jquery-validation's, named by aria-describedby), the drop-in's box stays hidden; its validity and aria-invalid stay", () => {
  const f = form('<input name="nl" aria-describedby="nl-error"><span id="nl-error" class="help-block">只能输入数字</span>');
  const v = view(f, { "guards[0].age": "nl" });
  const el = f.querySelector("input");
  // happy-dom lays nothing out: a message counts as shown when it has text and is not hidden.
  f.querySelector("#nl-error").checkVisibility = () => true;
  v.issues.set("guards[0].age", [issue("guards[0].age", "年龄须填写数字")]);
  v.messages.render("guards[0].age");
  assert.equal(el.getAttribute("aria-invalid"), "true");
  assert.equal(el.validationMessage, "年龄须填写数字");
  assert.equal(f.querySelectorAll(".ssf-message:not([hidden])").length, 0);
  v.messages.keepInvalid(el);
  el.setAttribute("aria-invalid", "false"); // jquery-validation on blur
  v.messages.keepInvalid(el);
  assert.equal(el.getAttribute("aria-invalid"), "true");
});

test("a blank required field waits until it is touched, unless the form was submitted", () => {
  const f = form('<input name="tbr">');
  const v = view(f, { filled_by: "tbr" });
  v.revealed = false;
  const required = issue("filled_by", "请填写填表人", "error", "required");
  assert.equal(v.messages.shown(required), false);
  v.touched.add(f.querySelector("input"));
  assert.equal(v.messages.shown(required), true);
  assert.equal(v.messages.shown(issue("filled_by", "x", "error", "too_long")), true);
});

test("remove() takes back every box, validity and aria-invalid", () => {
  const f = form('<input name="a">');
  const v = view(f, { unit: "a" });
  const el = f.querySelector("input");
  v.issues.set("unit", [issue("unit", "错")]);
  v.messages.render("unit");
  v.messages.remove();
  assert.equal(el.validationMessage, "");
  assert.equal(el.getAttribute("aria-invalid"), null);
  assert.equal(el.getAttribute("aria-describedby"), null);
  assert.equal(f.querySelectorAll(".ssf-message").length, 0);
});
