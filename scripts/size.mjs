// Prints the release sizes a portal pays for, raw and gzip (level 9), as the README records them.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const files = ["school_safety_forms_bg.wasm", "school_safety_forms.js", "attach.js"];
let raw = 0;
let gz = 0;
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + " KB";
for (const f of files) {
  const bytes = readFileSync(new URL(`../pkg/${f}`, import.meta.url));
  const z = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gz += z;
  console.log(`${f.padEnd(30)} ${kb(bytes.length)} raw ${kb(z)} gzip`);
}
console.log(`${"whole drop-in".padEnd(30)} ${kb(raw)} raw ${kb(gz)} gzip`);
