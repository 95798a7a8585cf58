// follow.js (a control's script writes reported, whatever accessor it had) and fields.js (the field
// map read once, a form's controls found whatever they are named).
import { test } from "node:test";
import assert from "node:assert/strict";
import { form } from "./dom.mjs";

const { follow, unfollow } = await import("../../js/follow.js");
const { readFieldMap, mapFields, elementsOf } = await import("../../js/fields.js");

test("a script's `.value =` is reported after the native setter ran; unfollow gives the property back", () => {
  const el = form('<input name="a">').querySelector("input");
  const seen = [];
  follow(el, (e) => seen.push(e.value));
  el.value = "12";
  assert.deepEqual(seen, ["12"]);
  assert.equal(el.value, "12");
  unfollow(el);
  el.value = "13";
  assert.deepEqual(seen, ["12"]);
  assert.equal(Object.getOwnPropertyDescriptor(el, "value"), undefined);
});

test("an accessor a framework put on the control first (React's value tracker) still runs, and stays after unfollow", () => {
  const el = form('<input name="a">').querySelector("input");
  const native = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), "value");
  const tracked = [];
  const tracker = { configurable: true, get() { return native.get.call(this); }, set(v) { tracked.push(v); native.set.call(this, v); } };
  Object.defineProperty(el, "value", tracker);
  const seen = [];
  follow(el, () => seen.push(el.value));
  el.value = "x";
  assert.deepEqual(tracked, ["x"]);
  assert.deepEqual(seen, ["x"]);
  unfollow(el);
  assert.equal(Object.getOwnPropertyDescriptor(el, "value").set, tracker.set);
});

test("a radio's `checked = true` is reported", () => {
  const f = form('<input type="radio" name="r" value="是"><input type="radio" name="r" value="否">');
  const [yes] = f.querySelectorAll("input");
  let n = 0;
  follow(yes, () => n++);
  yes.checked = true;
  assert.equal(n, 1);
});

test("the field map: paths, { path, values } with the portal's codes both ways, malformed entries reported and left out", () => {
  const errors = [];
  const { names, codes } = readFieldMap({ a: "unit", "yh[i].zt": { path: "rows[i].status", values: { 0: "in_progress", 1: "done" } }, b: 42, c: { path: "x", values: { 1: 2 } } }, (e) => errors.push(e.message));
  assert.deepEqual(names, { a: "unit", "yh[i].zt": "rows[i].status" });
  assert.equal(codes.get("rows[i].status").toEngine.get("1"), "done");
  assert.equal(codes.get("rows[i].status").toPortal.get("in_progress"), "0");
  assert.equal(errors.length, 2);
  assert.match(errors[0], /field map entry "b"/);
  assert.match(errors[1], /field map entry "c"/);
  assert.deepEqual(readFieldMap(["a"], (e) => errors.push(e.message)).names, {});
});

test("a form whose controls are named elements and id is still read by its own members", () => {
  const f = form('<input name="elements" value="1"><input name="id" value="2"><input name="dwmc">');
  assert.equal(elementsOf(f).length, 3);
  const fields = mapFields(f, { dwmc: "unit", id: "report_date" });
  assert.equal(fields.get("unit")[0].name, "dwmc");
  assert.equal(fields.get("report_date")[0].name, "id");
});
