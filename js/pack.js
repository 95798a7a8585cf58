// The data's one crossing into the engine for a form with repeated groups (src/wasm.rs calls this):
// the text JSON.stringify gives, except that each group's rows are arrays of their cells in column
// order, `[skipped, cell, cell, …]` (null for a cell the row does not have, `skipped` the keys it has
// that the form does not), instead of objects naming every cell: a 1,000-row register is half the
// text to make, copy into WebAssembly memory and read (BENCHMARKS.md). The engine reads it
// (src/json.rs `load_packed`) through the same steps as the object rows, so the result is the same.
// Whatever this cannot pack exactly gives undefined, and the engine stringifies the data as it is:
// a row that is not a plain object, a value that is an object or a BigInt, a `toJSON`, more rows
// than a group may hold, or a getter that throws.

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
    if (!plain(data) || !groups.some(([name]) => data[name]?.length >= FEW)) return;
    const copy = { ...data }; // read once, as JSON.stringify reads it
    for (const [name, columns] of groups) {
      const rows = copy[name];
      if (rows !== null && typeof rows === "object" && typeof rows.toJSON === "function") return;
      if (!Array.isArray(rows)) continue;
      if (rows.length > MAX_ROWS) return;
      const index = new Map();
      columns.forEach((column, at) => index.has(column) || index.set(column, at + 1));
      const packed = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        if (!plain(row)) return;
        const cells = new Array(columns.length + 1).fill(null);
        let skipped = 0;
        for (const key of Object.keys(row)) {
          const value = row[key];
          const type = typeof value;
          if ((type === "object" && value !== null) || type === "bigint") return;
          if (type === "undefined" || type === "function" || type === "symbol") continue; // JSON.stringify leaves these out
          const at = index.get(key);
          if (at === undefined) skipped++;
          else cells[at] = value;
        }
        cells[0] = skipped;
        packed[i] = cells;
      }
      copy[name] = packed;
    }
    return JSON.stringify(copy);
  } catch {
    return undefined;
  }
}
