// Rows the page's own buttons add, remove or reorder, turned into the session's row operations.
//
// A row is known by its elements, not its number: a page that deletes campus 2 of 3 and renumbers
// campus 3's names to [1] still has campus 3's inputs, so the engine removes row 1 and keeps the
// officer's typing (and its findings) on the row that moved up.

/**
 * The operations that turn the rows the session had (`before`) into the rows the page has
 * (`after`), each a list of row element sets by position, for one group.
 * @param {Set<Element>[]} before
 * @param {Set<Element>[]} after
 * @returns {{ ops: ({ op: "remove", index: number } | { op: "insert", index: number } | { op: "move", from: number, to: number })[] }}
 *   removals first (from the end), then ascending positions: an insert at `index` puts the new
 *   row where it ends up, so its values are those of `after[index]`
 */
export function rowOps(before, after) {
  const oldIndex = new Map();
  before.forEach((els, i) => els.forEach((el) => oldIndex.set(el, i)));
  const claimed = new Set();
  // For each row now on the page, the row it was (the first of its elements that was somewhere).
  const source = after.map((els) => {
    for (const el of els) {
      const i = oldIndex.get(el);
      if (i !== undefined && !claimed.has(i)) {
        claimed.add(i);
        return i;
      }
    }
    return -1;
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
