// The engine's JavaScript build (pkg/js/school_safety_forms.js, binaryen's wasm2js: same exports,
// same rules, slower), for pages where WebAssembly is missing or refused (engine.js). Loaded only
// on those pages.

const describeError = (error) => (error && error.message) || String(error);

/** Loads the JavaScript build; `why` says why the WebAssembly build is not used. */
export async function loadJs(why) {
  console.warn(`school-safety-forms: ${why}; using the JavaScript build of the engine (js/school_safety_forms.js): same rules, slower`);
  try {
    const m = await import("./js/school_safety_forms.js");
    await m.default();
    return m;
  } catch (error) {
    throw new Error(`the engine could not load: ${why}, and its JavaScript build failed too (${describeError(error)})`, { cause: error });
  }
}
