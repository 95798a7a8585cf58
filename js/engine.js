// Loading the engine, once per page: the WebAssembly build (pkg/forms_engine.js and its .wasm: the
// package's engine without the district roll-ups, which no form page calls), or, where WebAssembly
// is missing or refused, the JavaScript build of the engine (pkg/js/school_safety_forms.js, made by
// binaryen's wasm2js; the same rules, slower).
//
// WebAssembly is refused by a Content-Security-Policy without 'wasm-unsafe-eval', and missing in
// a browser, or a hardened mode of one, that turns it off. The JS build is also used when the .wasm
// itself cannot be fetched or compiled: a proxy that blocks .wasm, or an engine older than the
// features the module uses (reference types: Chromium before 96, as in some 360 and QQ browser
// cores). It is not used when the wasm glue module cannot load: that file sits beside this one,
// so the copy is broken (or, with a modulepreload integrity, tampered with), and the page is
// better left as it was.
//
// The import paths are literal and relative, so that browsers (beside pkg/attach.js) and bundlers
// (Vite, rollup, webpack: beside node_modules/school-safety-forms/attach.js) both follow them;
// scripts/build keeps them out of the attach.js bundle.

let engine = null;
let full = null; // the package's engine, loaded for a form given a definition
let build = "./forms_engine.js"; // the glue that loaded: the wasm's, or the JS build
let instances = 0;

/** The JavaScript build, through engine-js.js (loaded only here, where it is needed). */
async function loadJs(why) {
  const fallback = await import("./engine-js.js").catch((error) => {
    throw new Error(`the engine could not load: ${why}, and engine-js.js failed too (${error?.message ?? error})`, { cause: error });
  });
  const m = await fallback.loadJs(why);
  build = "./js/school_safety_forms.js";
  return m;
}

/** The package's whole engine (school_safety_forms.js): the form engine plus the definition
 *  compiler, which a page pays for only when one of its forms is given a definition. */
async function loadFull() {
  if (typeof WebAssembly !== "object" || typeof WebAssembly?.Module !== "function") return loadJs("this browser has no WebAssembly");
  const m = await import("./school_safety_forms.js");
  try {
    await m.default();
  } catch (error) {
    return loadJs(`the WebAssembly engine (school_safety_forms_bg.wasm) could not load (${error?.message ?? error})`);
  }
  build = "./school_safety_forms.js";
  return m;
}

async function load() {
  // Compiling is refused where the page refuses WebAssembly: then no 240 KB .wasm is fetched.
  if (typeof WebAssembly !== "object" || typeof WebAssembly?.Module !== "function") return loadJs("this browser has no WebAssembly");
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); // the smallest valid module
  } catch (error) {
    return loadJs(`WebAssembly is refused on this page (${error?.message ?? error})`);
  }
  const m = await import("./forms_engine.js");
  try {
    await m.default();
  } catch (error) {
    return loadJs(`the WebAssembly engine (forms_engine_bg.wasm) could not load (${error?.message ?? error})`);
  }
  return m;
}

/** A fresh instance, with memory of its own, of the build that loaded, after one trapped: the glue
 *  module keeps its instance, so it is imported again under another URL. (Inside a bundler's
 *  output that URL may not exist: then the drop-in detaches and the form goes on without it.) */
async function reload() {
  const url = new URL(`${build}?instance=${++instances}`, import.meta.url).href;
  const m = await import(/* @vite-ignore */ url);
  await m.default();
  return m;
}

/** The engine module, loaded and initialised once; rejects, saying why, when neither build loads.
 *  `fresh`: a new instance after a trap (view.js recover()). */
export function loadEngine(fresh = false, definitions = false) {
  if (definitions) {
    if (fresh) return (full = reload());
    full ??= loadFull();
    return full;
  }
  if (fresh) return (engine = reload());
  engine ??= load();
  return engine;
}
