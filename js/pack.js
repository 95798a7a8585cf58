// The data's one crossing into the engine for a form with repeated groups (src/wasm.rs calls this):
// the text JSON.stringify gives, except that each group's rows are arrays of their cells in column
// order, `[cell, cell, …]` (null for a cell the row does not have), instead of objects naming
// every cell: a 1,000-row register is half the text to make, copy into WebAssembly memory and read
// (BENCHMARKS.md). The engine reads it (src/json.rs `load_packed`) through the same steps as the
// object rows, so the result is the same.
//
// Whatever this cannot pack exactly gives undefined, and the engine stringifies the data as it is:
// - a value at the top that is an object (other than a group's rows) or a BigInt, a `toJSON`
//   anywhere, a group's rows behind a getter or past the most a group holds;
// - a row that is not a plain object, or has a key the form does not have (its value could be any
//   size, and the engine bounds the object form's size by the packed text's);
// - a key at the top that reaches into a group's rows by path (`rows[3].place`, `rows.3`): a cell
//   it set would be overwritten by the packed row's null;
// - a value in a row that is an object or a BigInt, or a getter that throws.
// Values are read once each, in the order JSON.stringify reads them (top-level keys in order, a
// group's rows where its key comes). When it gives up after reading, the engine's JSON.stringify
// reads the data again: a getter with side effects would see both reads.

/** Fewer rows than this go as they are: packing them saves less than it costs. */
const FEW = 16;
/** The most rows a group holds (src/limits.rs MAX_ROWS): past it the object form is read. */
const MAX_ROWS = 10000;

const plain = (o) => {
  const proto = o !== null && typeof o === "object" ? Object.getPrototypeOf(o) : undefined;
  return (proto === Object.prototype || proto === null) && typeof o.toJSON !== "function";
};

/** `data` as JSON text with the rows of `groups` (`[name, column names][]`) packed, or undefined. */
export function pack(data, groups) {
  try {
    if (!plain(data)) return;
    const byName = new Map();
    let worth = false;
    for (const [name, columns] of groups) {
      const own = Object.getOwnPropertyDescriptor(data, name);
      if (own && !("value" in own)) return; // a getter: read it only once, in JSON.stringify
      const rows = own?.value;
      if (Array.isArray(rows) && rows.length > MAX_ROWS) return;
      worth ||= Array.isArray(rows) && rows.length >= FEW;
      byName.set(name, columns);
    }
    if (!worth) return;
    const copy = Object.create(null); // `__proto__` stays a key, as in JSON.stringify's output
    for (const key of Object.keys(data)) {
      const value = data[key];
      const columns = byName.get(key);
      if (columns && Array.isArray(value)) {
        const rows = packRows(value, columns);
        if (!rows) return;
        copy[key] = rows;
        continue;
      }
      if ((typeof value === "object" && value !== null) || typeof value === "bigint") return;
      for (const [name] of groups) if (key.startsWith(name) && (key[name.length] === "." || key[name.length] === "[")) return;
      copy[key] = value;
    }
    return JSON.stringify(copy);
  } catch {
    return undefined;
  }
}

/** A group's rows packed, or undefined. */
function packRows(rows, columns) {
  if (typeof rows.toJSON === "function") return;
  const index = new Map();
  columns.forEach((column, at) => index.has(column) || index.set(column, at));
  const packed = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!plain(row)) return;
    const cells = new Array(columns.length).fill(null);
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
