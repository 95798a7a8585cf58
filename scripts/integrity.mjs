// Prints Subresource Integrity hashes (sha384, base64) of the files a portal copies from pkg/.
// Only attach.js can carry one in the page (<script type="module" integrity>); README.md says what
// the others' hashes are for and what SRI does not cover.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";

const files = ["attach.js", "paste.js", "drafts-offer.js", "normalise.js", "engine-js.js", "forms_engine.js", "forms_engine_bg.wasm", "school_safety_forms.js", "school_safety_forms_bg.wasm", "js/school_safety_forms.js"];
console.log("Subresource Integrity (sha384) of the files a portal copies:");
for (const f of files) {
  const hash = createHash("sha384").update(readFileSync(new URL(`../pkg/${f}`, import.meta.url))).digest("base64");
  console.log(`${f.padEnd(30)} integrity="sha384-${hash}"`);
}
