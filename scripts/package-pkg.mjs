// Adds the drop-in to pkg/package.json so `npm install` of pkg/ ships attach.js with the engine.
import { readFileSync, writeFileSync } from "node:fs";

// wasm-bindgen declares every parameter as required; the contract's options and profile are optional.
const dts = new URL("../pkg/school_safety_forms.d.ts", import.meta.url);
let types = readFileSync(dts, "utf8");
for (const [from, to] of [
  ["options: ValidateOptions | undefined", "options?: ValidateOptions"],
  ["options: AggregateOptions | undefined", "options?: AggregateOptions"],
  ["profile: string | ProfileData | undefined", "profile?: string | ProfileData"],
]) {
  if (!types.includes(from)) throw new Error(`package-pkg: expected "${from}" in the generated .d.ts`);
  types = types.replaceAll(from, to);
}
writeFileSync(dts, types);
// The JavaScript build (scripts/wasm2js.mjs) has the same exports, so the same declarations.
writeFileSync(new URL("../pkg/js/school_safety_forms.d.ts", import.meta.url), types);

const path = new URL("../pkg/package.json", import.meta.url);
const pkg = JSON.parse(readFileSync(path, "utf8"));
// The drop-in's parts loaded on demand (scripts/build) and the engine's JavaScript build ship with it.
// wasm-bindgen's snippets are bundled into the glue (scripts/build): no snippets/ directory ships.
pkg.files = [...new Set([...(pkg.files || []).filter((f) => f !== "snippets" && !f.startsWith("snippets/")), "attach.js", "forms_engine.js", "forms_engine_bg.wasm", "paste.js", "drafts-offer.js", "engine-js.js", "normalise.js", "js/school_safety_forms.js", "js/school_safety_forms.d.ts", "forms"])];
pkg.exports = {
  ".": { types: "./school_safety_forms.d.ts", default: "./school_safety_forms.js" },
  "./attach.js": "./attach.js",
  "./school_safety_forms_bg.wasm": "./school_safety_forms_bg.wasm",
  "./forms_engine_bg.wasm": "./forms_engine_bg.wasm",
  "./js/school_safety_forms.js": { types: "./js/school_safety_forms.d.ts", default: "./js/school_safety_forms.js" },
};
// attach.js attaches to marked forms when it loads: `import "school-safety-forms/attach.js"` alone
// must not be dropped by a bundler's tree shaking.
pkg.sideEffects = [...new Set([...(pkg.sideEffects || []).filter((f) => !f.startsWith("./snippets/")), "./attach.js"])];
writeFileSync(path, JSON.stringify(pkg, null, 2) + "\n");
