// summary.js (ErrorSummary: its open state, form order, row names, the warnings' 仍要报送) and
// gate.js (SubmitGate: errors hold a form back, warnings are asked about once, check()'s shape).
import { test } from "node:test";
import assert from "node:assert/strict";
import { document, form } from "./dom.mjs";

const { ErrorSummary } = await import("../../js/summary.js");
const { SubmitGate } = await import("../../js/gate.js");
const { Messages } = await import("../../js/messages.js");

/** A FormView's parts these modules read: fields by path in page order, issues, a stub session. */
function view(f, paths, issues = []) {
  const fields = new Map(Object.entries(paths).map(([path, name]) => [path, [f.querySelector(`[name="${name}"]`)]]));
  const v = {
    doc: document,
    form: f,
    fields,
    pathOf: new Map([...fields].map(([path, [el]]) => [el, path])),
    rank: new Map([...fields.keys()].map((p, i) => [p, i])),
    issues: new Map(),
    touched: new WeakSet(),
    revealed: false,
    config: {},
    written: new Map(),
    userOwned: new WeakSet(),
    totals: [],
    settled: 0,
    settle() {
      v.settled++;
    },
    tick() {},
    session: { hasErrors: () => issues.some((i) => i.severity === "error"), result: () => ({ valid: !issues.some((i) => i.severity === "error"), issues, computed: {} }) },
  };
  for (const i of issues) v.issues.set(i.path, [...(v.issues.get(i.path) ?? []), i]);
  v.messages = new Messages(v);
  v.summary = new ErrorSummary(v);
  v.gate = new SubmitGate(v);
  return v;
}
const issue = (path, message, severity = "error", code = "x") => ({ path, code, severity, message });

test("the summary lists errors in form order, whatever order the engine gave, each row named", () => {
  const f = form('<input name="a"><input name="b"><input name="c">');
  const v = view(f, { unit: "a", "rows[1].place": "b", leader: "c" }, [issue("leader", "请填写分管领导"), issue("unit", "请填写学校"), issue("rows[1].place", "请填写地点")]);
  v.revealed = true;
  v.summary.open = true;
  v.summary.render();
  const links = [...f.querySelectorAll(".ssf-summary a")].map((a) => a.textContent);
  assert.deepEqual(links, ["请填写学校", "第2行：请填写地点", "请填写分管领导"]);
});

test("an error holds the form back and opens the summary; a warning is asked about once, then the form goes", () => {
  const f = form('<input name="a"><input name="b">');
  const err = view(f, { unit: "a", report_date: "b" }, [issue("unit", "请填写学校")]);
  assert.equal(err.gate.mayGo(), false);
  assert.equal(err.summary.open, true);
  assert.equal(err.gate.mayGo(), false, "an error never goes");
  const warn = view(form('<input name="a">'), { report_date: "a" }, [issue("report_date", "已过报送时间", "warning", "late_report")]);
  assert.equal(warn.gate.mayGo(), false);
  assert.equal(warn.summary.open, "warnings");
  assert.ok(warn.summary.el.classList.contains("ssf-summary-warnings"), "a warning looks like a warning");
  assert.ok([...warn.summary.el.querySelectorAll("button")].some((b) => b.textContent === "仍要报送"));
  assert.equal(warn.gate.mayGo(), true, "seen once, it never blocks");
});

test("check() reads every control first and tells errors from warnings", () => {
  const f = form('<input name="a"><input name="b">');
  const v = view(f, { unit: "a", report_date: "b" }, [issue("unit", "请填写学校"), issue("report_date", "已过报送时间", "warning")]);
  const answer = v.gate.check();
  assert.equal(v.settled, 1);
  assert.equal(answer.ok, false);
  assert.deepEqual(answer.errors.map((i) => i.path), ["unit"]);
  assert.deepEqual(answer.warnings.map((i) => i.path), ["report_date"]);
});

test("仍要报送 presses the officer's own button again", () => {
  const f = form('<input name="a"><button type="submit">报送</button>');
  const v = view(f, { report_date: "a" }, [issue("report_date", "已过报送时间", "warning")]);
  let pressed = 0;
  f.querySelector("button").addEventListener("click", (e) => {
    e.preventDefault();
    pressed++;
  });
  v.gate.submitter = f.querySelector("button");
  v.gate.mayGo();
  [...v.summary.el.querySelectorAll("button")].find((b) => b.textContent === "仍要报送").click();
  assert.equal(pressed, 1);
});
