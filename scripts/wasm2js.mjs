// Builds pkg/js/school_safety_forms.js: the same engine as pkg/school_safety_forms_bg.wasm, turned
// into plain JavaScript by binaryen's wasm2js, for pages where WebAssembly is missing or refused (a
// Content-Security-Policy without 'wasm-unsafe-eval', a browser or security mode without it). The
// drop-in loads it only there (js/engine.js); it exports what pkg/school_safety_forms.js exports.
//
//   node scripts/wasm2js.mjs <school_safety_forms.wasm from cargo, built without reference types>
//
// The route is wasm-bindgen's "wasm2js" example: a `--target bundler` glue (school_safety_forms_bg.js
// holds the imports; the wasm imports from "./school_safety_forms_bg.js"), its wasm lowered to what
// wasm2js reads, then one ES module bundled by esbuild. Called by scripts/build with PATH holding
// npm's binaryen (wasm-opt, wasm2js) and esbuild.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const root = fileURLToPath(new URL("..", import.meta.url));
const input = process.argv[2];
if (!input) throw new Error("usage: node scripts/wasm2js.mjs <cargo's school_safety_forms.wasm>");
const work = join(root, "target", "wasm2js", "bindgen");
const out = join(root, "pkg", "js");
const NAME = "school_safety_forms";
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });
const target = join(out, `${NAME}.js`);

// wasm-opt and wasm2js take most of a minute: reuse the last output when neither the wasm nor
// this script changed (wasm-pack leaves pkg/js/ alone, but a clean checkout has none).
const cached = join(root, "target", "wasm2js", `${NAME}.js`);
const stamp = join(root, "target", "wasm2js", "stamp");
const tools = ["binaryen", "esbuild"].map((p) => JSON.parse(readFileSync(join(root, "node_modules", p, "package.json"), "utf8")).version);
const bindgen = execFileSync("wasm-bindgen", ["--version"], { encoding: "utf8" });
const key = createHash("sha256").update(readFileSync(input)).update(readFileSync(fileURLToPath(import.meta.url))).update(`${tools} ${bindgen}`).digest("hex");
if (existsSync(cached) && existsSync(stamp) && readFileSync(stamp, "utf8") === key) {
  mkdirSync(out, { recursive: true });
  copyFileSync(cached, target);
  process.exit(0);
}

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// 1. wasm-bindgen decides from the wasm's target_features section whether to pass JS values
//    through an externref table and return results as multiple values; wasm2js can do neither.
//    Our crate is compiled without them (scripts/build's RUSTFLAGS), but the precompiled standard
//    library marks both as used, so the section says "+". Mark them "-": wasm-bindgen then keeps
//    JS values in its own JS-side heap and returns results through memory, as before Rust 1.82.
const wasm = Buffer.from(readFileSync(input));
const flipped = markFeaturesUnused(wasm, ["reference-types", "multivalue"]);
const linked = join(work, `${NAME}.wasm`);
writeFileSync(linked, wasm);
run("wasm-bindgen", ["--target", "bundler", "--out-dir", work, "--out-name", NAME, "--no-typescript", linked]);
if (flipped === 0) console.warn("wasm2js: no reference-types/multivalue mark to remove (fine if the toolchain stopped adding them)");

// 2. wasm2js's i64 lowering does not handle the saturating float-to-int instructions Rust emits
//    (`as` casts): lower them to MVP code first, then optimise for size (speed is near the same).
const bg = join(work, `${NAME}_bg.wasm`);
const lowered = join(work, "lowered.wasm");
run("wasm-opt", [bg, "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", "--llvm-nontrapping-fptoint-lowering", "-Oz", "-o", lowered]);
const asm = join(work, `${NAME}_bg.wasm.js`);
run("wasm2js", ["-Oz", lowered, "-o", asm]);

// 3. Memory growth. The glue caches views of the memory and renews them when the old buffer is
//    detached (a real WebAssembly.Memory detaches it on grow). wasm2js's grow copies into a new
//    ArrayBuffer and leaves the old one attached, so the glue would go on writing strings into the
//    old memory once a large form grows it. Grow by `transfer` (detaches) where the browser has it,
//    else copy and detach the old buffer by transferring it through a MessageChannel.
let code = readFileSync(asm, "utf8");
const GROW = "var newBuffer = new ArrayBuffer(newPages << 16);\n   var newHEAP8 = new Int8Array(newBuffer);\n   newHEAP8.set(HEAP8);\n";
if (!code.includes(GROW)) throw new Error("wasm2js: its memory.grow code changed; update the patch in scripts/wasm2js.mjs");
code = code.replace(GROW, "var newBuffer = wasm2js_grow_buffer(buffer, newPages << 16);\n");
code = `function wasm2js_grow_buffer(old, length) {
  if (typeof old.transfer === "function") return old.transfer(length);
  var grown = new ArrayBuffer(length);
  new Uint8Array(grown).set(new Uint8Array(old));
  try {
    var channel = new MessageChannel();
    channel.port1.postMessage(null, [old]);
    channel.port1.close();
    channel.port2.close();
  } catch (e) {}
  return grown;
}
${code}`;
writeFileSync(asm, code);

// 4. One module with the glue's exports, whatever they are (and a no-op init, so it can be used
// like the wasm glue).
const entry = join(work, "entry.js");
const exported = [...readFileSync(join(work, `${NAME}.js`), "utf8").matchAll(/export \{([^}]*)\} from/g)].flatMap((m) => m[1].split(",").map((s) => s.trim()).filter(Boolean));
if (!exported.includes("FormSession")) throw new Error(`wasm2js: no FormSession among the glue's exports (${exported}): has wasm-bindgen's output changed?`);
writeFileSync(
  entry,
  `import * as wasm from "./${NAME}_bg.wasm.js";
import { __wbg_set_wasm } from "./${NAME}_bg.js";
__wbg_set_wasm(wasm);
export { ${exported.join(", ")} } from "./${NAME}_bg.js";
/** Nothing to fetch or compile: present so the module is used like the wasm glue. */
export default async function init() {}
export function initSync() {}
`,
);

mkdirSync(out, { recursive: true });
run("esbuild", [entry, "--bundle", "--minify", "--format=esm", "--target=es2020", "--log-level=warning", "--banner:js=// school-safety-forms engine, JavaScript build (wasm2js) for pages without WebAssembly; same exports as ../school_safety_forms.js", `--outfile=${target}`]);

// 5. The strict-CSP page this build exists for refuses eval and the Function constructor. (Text
// that only names it, as wasm-bindgen's debug string `Function(${name})` does, is not a call.)
const built = readFileSync(target, "utf8");
const evalLike = built.match(/\beval\s*\(|(?<![`"'])\bFunction\s*\(|setTimeout\s*\(\s*["'`]/);
if (evalLike) throw new Error(`wasm2js: ${target} contains "${evalLike[0]}", which a strict CSP refuses`);
copyFileSync(target, cached);
writeFileSync(stamp, key);

/** Sets the prefix of each named feature in the wasm's target_features section to "-" (in place). */
function markFeaturesUnused(bytes, names) {
  let p = 8;
  let count = 0;
  const leb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[p++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return value >>> 0;
  };
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = leb();
    const end = p + size;
    if (id === 0) {
      const length = leb();
      const name = bytes.subarray(p, p + length).toString();
      p += length;
      if (name === "target_features") {
        const n = leb();
        for (let i = 0; i < n; i++) {
          const prefix = p++;
          const l = leb();
          if (names.includes(bytes.subarray(p, p + l).toString()) && bytes[prefix] === 0x2b) {
            bytes[prefix] = 0x2d;
            count++;
          }
          p += l;
        }
      }
    }
    p = end;
  }
  return count;
}
