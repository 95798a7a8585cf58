// The data's one crossing into the engine (src/wasm/crossing.rs calls this): one JSON array of cells
// instead of the object JSON.stringify gives. Each fixed field's value sits at its slot (null where
// the data has none), then each group's rows, each row an array of its cells in column order:
// `["温州中学", "2021-06-22", …, [["鹿城派出所", …], …]]`. No key is spelled out, so a daily report
// is less than half the text to make, copy into WebAssembly memory and read, a 1,000-row register
// half (BENCHMARKS.md). The engine reads it (src/wire, the only Rust that knows this format)
// through the same steps as the object form, so the result is the same.
//
// The data is walked by the form's key tree (src/wire/layout.rs `Layout`), so every cell is
// reached by exactly one key path. Whatever this cannot pack exactly, `pack` answers -1 for, and the engine
// stringifies the data as it is:
// - an object JSON.stringify reads otherwise than by its own keys (an array or a boxed primitive,
//   whatever its prototype; a Date, a class instance) or that has a `toJSON`;
// - a function anywhere (one may carry a `toJSON`) or a BigInt;
// - a key the tree does not hold at that level: a path key (`rows.fire.found`, `rows[3].place`), a
//   key the form does not have (its value could be any size, and the engine bounds the object
//   form's size by the packed text's), a row key that is not a column;
// - an object where the tree has a field, a scalar where it has only sub-keys, rows that are not an
//   array or are past the most a group holds;
// - a getter that throws; and, in `write`, text whose escapes outgrow the room `pack` counted.
// Values are read once each, in the order JSON.stringify reads them. When it gives up after
// reading, the engine's JSON.stringify reads the data again: a getter with side effects would see
// both reads.

const toString = Object.prototype.toString;
/**
 * An object JSON.stringify writes as its own keys and values, as the walk here reads it: not an
 * array or a boxed primitive (told by their internal slots, as JSON.stringify tells them), with a
 * prototype of Object's or none, and no `toJSON`.
 */
const plain = (o) => {
  const proto = Object.getPrototypeOf(o);
  return (
    (proto === Object.prototype || proto === null) &&
    typeof o.toJSON !== "function" &&
    !Array.isArray(o) &&
    o[Symbol.toStringTag] === undefined &&
    toString.call(o) === "[object Object]"
  );
};
/**
 * The key tree of `text` (src/wire/layout.rs `Layout::text`) as maps, made once per compiled form;
 * with `rows`, the most rows a group holds (the engine's MAX_ROWS: past it the object form is read,
 * so that the engine answers as it would for the data as it is).
 */
export function layout(text) {
  const { slots, rows = Infinity, tree, groups } = JSON.parse(text);
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
  return { slots, rows, keys: keys(tree), groups: groups.map(columns) };
}

/** The cells {@link pack} gathered, until {@link write} writes them. */
let pending;
/** The room their JSON text takes at most, counted as {@link pack} gathers them. */
let room = 0;

/** Room for a value's JSON text and a comma: 3 bytes a UTF-16 code unit of text. */
const NUMBER = 26; // a number (at most 25 characters), a yes/no or null, and a comma
const roomFor = (value) => (typeof value === "string" ? 3 * value.length + 3 : NUMBER);

/**
 * Packs `data` by `layout` (from {@link layout}) and returns at least how many bytes its JSON text
 * takes in UTF-8, or -1 where it cannot be packed exactly. {@link write} then writes the text.
 */
export function pack(data, layout) {
  pending = undefined;
  try {
    if (data === null || typeof data !== "object" || !plain(data)) return -1;
    const cells = new Array(layout.slots + layout.groups.length).fill(null);
    room = 2 + NUMBER * cells.length;
    if (!fill(data, layout.keys, cells, layout)) return -1;
    pending = cells;
    return room;
  } catch {
    return -1;
  }
}

/**
 * Writes the JSON text of the cells {@link pack} gathered into `into` (a view of WebAssembly
 * memory, as long as pack said), as `JSON.stringify` would write it, in UTF-8; returns how many
 * bytes it took, or -1 where it did not fit (escapes of control characters and lone surrogates
 * take 6 bytes: the engine then stringifies the data as it is). One pass from the cells to wasm
 * memory, without the text JSON.stringify would make and the glue would copy again
 * (BENCHMARKS.md).
 */
export function write(into) {
  const cells = pending;
  pending = undefined;
  if (cells === undefined) return -1;
  const at = writeValue(cells, into, 0);
  return at <= into.length ? at : -1;
}

const HEX = "0123456789abcdef";
/** The letter of a two-character escape (`\n`), or 0: a switch, not a table a polluted prototype could answer. */
function short(c) {
  switch (c) {
    case 8: return 98; // \b
    case 9: return 116; // \t
    case 10: return 110; // \n
    case 12: return 102; // \f
    case 13: return 114; // \r
    case 34: return 34; // \"
    case 92: return 92; // \\
    default: return 0;
  }
}

function writeAscii(text, into, at) {
  for (let i = 0; i < text.length; i++) into[at++] = text.charCodeAt(i);
  return at;
}

function writeValue(value, into, at) {
  if (typeof value === "string") return writeString(value, into, at);
  if (typeof value === "number") return writeAscii(Number.isFinite(value) ? String(value) : "null", into, at);
  if (typeof value === "boolean") return writeAscii(value ? "true" : "false", into, at);
  if (!Array.isArray(value)) return writeAscii("null", into, at);
  into[at++] = 91; // [
  for (let i = 0; i < value.length; i++) {
    if (i > 0) into[at++] = 44; // ,
    at = writeValue(value[i], into, at);
  }
  into[at++] = 93; // ]
  return at;
}

function writeString(text, into, at) {
  into[at++] = 34;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 34 && c !== 92) {
        into[at++] = c;
        continue;
      }
      into[at++] = 92;
      const letter = short(c);
      if (letter !== 0) {
        into[at++] = letter;
        continue;
      }
      at = writeAscii(`u00${HEX[c >> 4]}${HEX[c & 15]}`, into, at);
      continue;
    }
    if (c < 0x800) {
      into[at++] = 0xc0 | (c >> 6);
      into[at++] = 0x80 | (c & 63);
      continue;
    }
    if (c >= 0xd800 && c < 0xe000) {
      const low = text.charCodeAt(i + 1); // NaN past the end
      if (c < 0xdc00 && low >= 0xdc00 && low < 0xe000) {
        i++;
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        into[at++] = 0xf0 | (c >> 18);
        into[at++] = 0x80 | ((c >> 12) & 63);
        into[at++] = 0x80 | ((c >> 6) & 63);
        into[at++] = 0x80 | (c & 63);
        continue;
      }
      at = writeAscii(`\\u${HEX[c >> 12]}${HEX[(c >> 8) & 15]}${HEX[(c >> 4) & 15]}${HEX[c & 15]}`, into, at); // a lone surrogate, escaped as JSON.stringify does
      continue;
    }
    into[at++] = 0xe0 | (c >> 12);
    into[at++] = 0x80 | ((c >> 6) & 63);
    into[at++] = 0x80 | (c & 63);
  }
  into[at++] = 34;
  return at;
}

/** Puts the values of `object` under `keys` into `cells`; false where it cannot. */
function fill(object, keys, cells, layout) {
  for (const key of Object.keys(object)) {
    const node = keys.get(key);
    if (node === undefined) return false;
    const value = object[key];
    const type = typeof value;
    // JSON.stringify leaves these out, and a null reads as an absent value. A function is left
    // out too unless it has a `toJSON`: given up on, as any function.
    if (type === "function") return false;
    if (value === null || type === "undefined" || type === "symbol") continue;
    if (node.group !== undefined) {
      const rows = Array.isArray(value) && packRows(value, layout.groups[node.group], layout.rows);
      if (!rows) return false;
      cells[layout.slots + node.group] = rows;
    } else if (type === "object") {
      if (node.keys === undefined || !plain(value) || !fill(value, node.keys, cells, layout)) return false;
    } else if (type === "bigint" || node.slot === undefined) {
      return false;
    } else {
      cells[node.slot] = value;
      room += roomFor(value);
    }
  }
  return true;
}

/** A group's rows packed, or undefined (past `most` rows, among others). */
function packRows(rows, { width, index }, most) {
  if (rows.length > most || typeof rows.toJSON === "function") return;
  const packed = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row === null || typeof row !== "object" || !plain(row)) return;
    const cells = new Array(width).fill(null);
    room += 2 + NUMBER * width;
    for (const key of Object.keys(row)) {
      const at = index.get(key);
      if (at === undefined) return;
      const value = row[key];
      const type = typeof value;
      if ((type === "object" && value !== null) || type === "bigint" || type === "function") return;
      if (type === "undefined" || type === "symbol") continue; // JSON.stringify leaves these out
      cells[at] = value;
      room += roomFor(value);
    }
    packed[i] = cells;
  }
  return packed;
}
