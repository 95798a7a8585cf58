// Adds the drop-in to pkg/package.json so `npm install` of pkg/ ships attach.js with the engine.
import { readFileSync, writeFileSync } from "node:fs";

const path = new URL("../pkg/package.json", import.meta.url);
const pkg = JSON.parse(readFileSync(path, "utf8"));
pkg.files = [...new Set([...(pkg.files || []), "attach.js"])];
pkg.exports = {
  ".": { types: "./school_safety_forms.d.ts", default: "./school_safety_forms.js" },
  "./attach.js": "./attach.js",
  "./school_safety_forms_bg.wasm": "./school_safety_forms_bg.wasm",
};
writeFileSync(path, JSON.stringify(pkg, null, 2) + "\n");
