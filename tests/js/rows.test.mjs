// rowOps (js/rows.js): which earlier row each row on the page is, by its elements and by what it
// holds, and the session operations that follow. Elements are stand-in objects: the function only
// compares identities.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rowOps, sameRows } from "../../js/rows.js";

const row = (...els) => new Set(els);
/** Applies `ops` to a copy of `rows` (labels), as the session would. */
function apply(rows, ops, inserted) {
  const out = [...rows];
  for (const op of ops) {
    if (op.op === "remove") out.splice(op.index, 1);
    else if (op.op === "insert") out.splice(op.index, 0, inserted(op.index));
    else out.splice(op.to, 0, out.splice(op.from, 1)[0]);
  }
  return out;
}

test("a row removed in the middle by element identity: one remove", () => {
  const [a, b, c] = [{}, {}, {}];
  const { ops } = rowOps([row(a), row(b), row(c)], [row(a), row(c)]);
  assert.deepEqual(ops, [{ op: "remove", index: 1 }]);
});

test("elements re-used in place (Vue without row-key): the first row's removal, found by what the rows hold", () => {
  const [e0, e1, e2] = [{}, {}, {}];
  // Before: rows A, B, C in e0, e1, e2. Vue deletes A: e0 now holds B, e1 holds C, e2 is gone.
  const keys = { before: ["A", "B", "C"], after: ["B", "C"] };
  const { ops } = rowOps([row(e0), row(e1), row(e2)], [row(e0), row(e1)], keys);
  assert.deepEqual(apply(["A", "B", "C"], ops, () => "new"), ["B", "C"]);
  assert.deepEqual(ops, [{ op: "remove", index: 0 }]);
});

test("without what the rows hold, the same change reads as the last row removed (today's element identity)", () => {
  const [e0, e1, e2] = [{}, {}, {}];
  const { ops } = rowOps([row(e0), row(e1), row(e2)], [row(e0), row(e1)]);
  assert.deepEqual(ops, [{ op: "remove", index: 2 }]);
});

test("an edited row keeps its identity by its elements", () => {
  const [e0, e1] = [{}, {}];
  const keys = { before: ["A", "B"], after: ["A2", "B"] };
  const { ops } = rowOps([row(e0), row(e1)], [row(e0), row(e1)], keys);
  assert.deepEqual(ops, []);
});

test("a new row appended beside in-place re-use is an insert where it stands", () => {
  const [e0, e1, e2] = [{}, {}, {}];
  const keys = { before: ["A", "B"], after: ["B", "A", ""] };
  const { ops } = rowOps([row(e0), row(e1)], [row(e0), row(e1), row(e2)], keys);
  assert.deepEqual(apply(["A", "B"], ops, (i) => `new${i}`), ["B", "A", "new2"]);
});

test("random in-place re-use: the operations always give the rows the page now holds", () => {
  let seed = 7;
  const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let round = 0; round < 500; round++) {
    const n = rand(6) + 1;
    const labels = Array.from({ length: n }, (_, i) => `r${round}-${i}`);
    const els = labels.map(() => ({}));
    // A random new order of a random subset, plus new rows; elements re-used in place (by position).
    const kept = labels.filter(() => rand(3) > 0).sort(() => rand(3) - 1);
    const extra = rand(3);
    const after = [...kept, ...Array.from({ length: extra }, (_, i) => `new-${round}-${i}`)];
    const afterEls = after.map((_, i) => els[i] ?? {});
    const { ops } = rowOps(els.map((e) => row(e)), afterEls.map((e) => row(e)), { before: labels, after });
    const result = apply(labels, ops, (i) => after[i]);
    assert.equal(result.length, after.length, `round ${round}`);
    after.forEach((label, i) => {
      // A row that held what an earlier row held is that row; a new one is new, or an earlier row
      // that went whose elements it re-uses (edited in place: the values are read next).
      if (kept.includes(label)) assert.equal(result[i], label, `round ${round}, row ${i}`);
      else assert.ok(result[i] === label || (labels.includes(result[i]) && !kept.includes(result[i])), `round ${round}, row ${i}`);
    });
  }
});

test("sameRows compares rows by their elements", () => {
  const [a, b] = [{}, {}];
  assert.equal(sameRows([row(a), row(b)], [row(a), row(b)]), true);
  assert.equal(sameRows([row(a), row(b)], [row(b), row(a)]), false);
});
