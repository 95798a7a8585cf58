// Prints the release sizes a portal pays for, raw and gzip (level 9), as the README records them:
// what every page loads when the drop-in attaches, and the parts loaded only when a page needs
// them (pasting a block, offering a draft back).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const dir = new URL("../pkg/", import.meta.url);
const eager = ["school_safety_forms_bg.wasm", "school_safety_forms.js", "attach.js"];
const lazy = ["paste.js", "drafts-offer.js"];
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + " KB";
function table(files, total) {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = readFileSync(new URL(f, dir));
    const z = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gz += z;
    console.log(`${f.padEnd(30)} ${kb(bytes.length)} raw ${kb(z)} gzip`);
  }
  console.log(`${total.padEnd(30)} ${kb(raw)} raw ${kb(gz)} gzip`);
}
table(eager, "whole drop-in");
console.log("\nloaded on demand:");
table(lazy, "on demand, all");
