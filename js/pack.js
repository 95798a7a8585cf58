// The data's one crossing into the engine (src/wasm.rs calls this): one JSON array of cells
// instead of the object JSON.stringify gives. Each fixed field's value sits at its slot (null where
// the data has none), then each group's rows, each row an array of its cells in column order:
// `["温州中学", "2021-06-22", …, [["鹿城派出所", …], …]]`. No key is spelled out, so a daily report
// is less than half the text to make, copy into WebAssembly memory and read, a 1,000-row register
// half (BENCHMARKS.md). The engine reads it (src/json.rs `load_positional`) through the same steps
// as the object form, so the result is the same.
//
// The data is walked by the form's key tree (src/schema.rs `Layout`), so every cell is reached by
// exactly one key path. Whatever this cannot pack exactly gives undefined, and the engine
// stringifies the data as it is:
// - an object that is not plain (an array, a Date, a class instance) or has a `toJSON`;
// - a key the tree does not hold at that level: a path key (`rows.fire.found`, `rows[3].place`), a
//   key the form does not have (its value could be any size, and the engine bounds the object
//   form's size by the packed text's), a row key that is not a column;
// - an object or BigInt where the tree has a field, a scalar where it has only sub-keys, rows that
//   are not an array or are past the most a group holds;
// - a getter that throws.
// Values are read once each, in the order JSON.stringify reads them. When it gives up after
// reading, the engine's JSON.stringify reads the data again: a getter with side effects would see
// both reads.

/** The most rows a group holds (src/limits.rs MAX_ROWS): past it the object form is read. */
const MAX_ROWS = 10000;

const plain = (o) => {
  const proto = Object.getPrototypeOf(o);
  return (proto === Object.prototype || proto === null) && typeof o.toJSON !== "function";
};

/** The key tree of `text` (src/schema.rs `Layout::text`) as maps, made once per compiled form. */
export function layout(text) {
  const { slots, tree, groups } = JSON.parse(text);
  const node = (child) => {
    if (typeof child === "number") return { slot: child };
    if (Array.isArray(child)) return { keys: keys(child) };
    if (child.group !== undefined) return { group: child.group };
    return { slot: child.slot, keys: keys(child.tree) };
  };
  const keys = (entries) => new Map(entries.map(([name, child]) => [name, node(child)]));
  const columns = (names) => {
    const index = new Map();
    names.forEach((name, at) => index.has(name) || index.set(name, at));
    return { width: names.length, index };
  };
  return { slots, keys: keys(tree), groups: groups.map(columns) };
}

/** `data` packed by `layout` (from {@link layout}), as JSON text, or undefined. */
export function pack(data, layout) {
  try {
    if (data === null || typeof data !== "object" || !plain(data)) return;
    const cells = new Array(layout.slots + layout.groups.length).fill(null);
    return fill(data, layout.keys, cells, layout) ? JSON.stringify(cells) : undefined;
  } catch {
    return undefined;
  }
}

/** Puts the values of `object` under `keys` into `cells`; false where it cannot. */
function fill(object, keys, cells, layout) {
  for (const key of Object.keys(object)) {
    const node = keys.get(key);
    if (node === undefined) return false;
    const value = object[key];
    const type = typeof value;
    // JSON.stringify leaves these out, and a null reads as an absent value.
    if (value === null || type === "undefined" || type === "function" || type === "symbol") continue;
    if (node.group !== undefined) {
      const rows = Array.isArray(value) && packRows(value, layout.groups[node.group]);
      if (!rows) return false;
      cells[layout.slots + node.group] = rows;
    } else if (type === "object") {
      if (node.keys === undefined || !plain(value) || !fill(value, node.keys, cells, layout)) return false;
    } else if (type === "bigint" || node.slot === undefined) {
      return false;
    } else {
      cells[node.slot] = value;
    }
  }
  return true;
}

/** A group's rows packed, or undefined. */
function packRows(rows, { width, index }) {
  if (rows.length > MAX_ROWS || typeof rows.toJSON === "function") return;
  const packed = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row === null || typeof row !== "object" || !plain(row)) return;
    const cells = new Array(width).fill(null);
    for (const key of Object.keys(row)) {
      const at = index.get(key);
      if (at === undefined) return;
      const value = row[key];
      const type = typeof value;
      if ((type === "object" && value !== null) || type === "bigint") return;
      if (type === "undefined" || type === "function" || type === "symbol") continue; // JSON.stringify leaves these out
      cells[at] = value;
    }
    packed[i] = cells;
  }
  return packed;
}
