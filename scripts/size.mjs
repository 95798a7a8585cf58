// Prints the release sizes a portal pays for, raw and gzip (level 9), as the README records them:
// what a browser with WebAssembly loads when the drop-in attaches, the parts loaded only when a page
// needs them (pasting a block, offering a draft back), and what a page without WebAssembly loads
// instead of the wasm (js/, only there).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const kb = (n) => (n / 1024).toFixed(1).padStart(7) + " KB";
const measure = (f) => {
  const bytes = readFileSync(new URL(`../pkg/${f}`, import.meta.url));
  return { f, raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
};
function print(title, files) {
  const sizes = files.map(measure);
  for (const s of sizes) console.log(`${s.f.padEnd(30)} ${kb(s.raw)} raw ${kb(s.gz)} gzip`);
  const sum = (k) => sizes.reduce((t, s) => t + s[k], 0);
  console.log(`${title.padEnd(30)} ${kb(sum("raw"))} raw ${kb(sum("gz"))} gzip`);
}
print("whole drop-in", ["forms_engine_bg.wasm", "forms_engine.js", "attach.js"]);
console.log("\nloaded on demand:");
print("on demand, all", ["paste.js", "drafts-offer.js", "engine-js.js", "normalise.js"]);
console.log("\nthe package's engine (with the district roll-ups; not loaded by the drop-in):");
print("package engine", ["school_safety_forms_bg.wasm", "school_safety_forms.js"]);
console.log("\nwhere WebAssembly is missing or refused (a CSP without 'wasm-unsafe-eval'), instead:");
print("whole drop-in, JS build", ["js/school_safety_forms.js", "attach.js", "engine-js.js"]);
