// Rows the page's own buttons add, remove or reorder, turned into the session's row operations.
//
// A row is known by its elements and by what it holds, not its number: a page that deletes campus
// 2 of 3 and renumbers campus 3's names to [1] still has campus 3's inputs, so the engine removes
// row 1 and keeps the officer's typing (and its findings) on the row that moved up; a framework that
// re-uses the inputs in place and shifts the values up is followed by the values.

/**
 * The operations that turn the rows the session had (`before`) into the rows the page has
 * (`after`), each a list of row element sets by position, for one group.
 *
 * Which earlier row each row now on the page is: first, a row whose elements were a row that held
 * just what it holds now; then a row holding what a row not yet placed held (the elements were
 * re-used in place: Vue's el-table without row-key shifts values up after a delete); then a row
 * whose elements were a row not yet placed (edited as well as moved); any other row is new.
 * @param {Set<Element>[]} before
 * @param {Set<Element>[]} after
 * @param {{ before: string[], after: string[] }} [keys] what each row held and holds, as comparable text
 * @returns {{ ops: ({ op: "remove", index: number } | { op: "insert", index: number } | { op: "move", from: number, to: number })[] }}
 *   removals first (from the end), then ascending positions: an insert at `index` puts the new
 *   row where it ends up, so its values are those of `after[index]`
 */
export function rowOps(before, after, keys) {
  const oldIndex = new Map();
  before.forEach((els, i) => els.forEach((el) => oldIndex.set(el, i)));
  const claimed = new Set();
  const source = after.map(() => -1);
  const claim = (i, j) => {
    claimed.add(j);
    source[i] = j;
  };
  /** The first earlier row, not yet placed, that one of `els` belonged to, or -1. */
  const byElements = (els) => {
    for (const el of els) {
      const j = oldIndex.get(el);
      if (j !== undefined && !claimed.has(j)) return j;
    }
    return -1;
  };
  if (keys) {
    after.forEach((els, i) => {
      const j = byElements(els);
      if (j !== -1 && keys.before[j] === keys.after[i]) claim(i, j);
    });
    const unplaced = new Map(); // what a row not yet placed held → those rows, in order
    before.forEach((_, j) => {
      if (claimed.has(j)) return;
      if (!unplaced.has(keys.before[j])) unplaced.set(keys.before[j], []);
      unplaced.get(keys.before[j]).push(j);
    });
    after.forEach((_, i) => {
      if (source[i] !== -1) return;
      const j = unplaced.get(keys.after[i])?.shift();
      if (j !== undefined) claim(i, j);
    });
  }
  after.forEach((els, i) => {
    if (source[i] !== -1) return;
    const j = byElements(els);
    if (j !== -1) claim(i, j);
  });
  const ops = [];
  for (let i = before.length - 1; i >= 0; i--) if (!claimed.has(i)) ops.push({ op: "remove", index: i });
  const current = before.map((_, i) => i).filter((i) => claimed.has(i));
  source.forEach((src, i) => {
    if (src === -1) {
      ops.push({ op: "insert", index: i });
      current.splice(i, 0, -1);
      return;
    }
    const at = current.indexOf(src, i);
    if (at !== i) {
      ops.push({ op: "move", from: at, to: i });
      current.splice(at, 1);
      current.splice(i, 0, src);
    }
  });
  return { ops };
}

/** Whether two row lists hold the same elements in the same rows. */
export function sameRows(a, b) {
  if (a.length !== b.length) return false;
  return a.every((els, i) => els.size === b[i].size && [...els].every((el) => b[i].has(el)));
}
