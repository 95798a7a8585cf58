// Bundles the demo pages written for a portal stack (www/react/app.jsx → www/build/react.js,
// www/vue/app.js → www/build/vue.js) with esbuild, as a portal's own build would. React and Vue are
// their development builds, so their warnings (DOM nesting, controlled inputs, [Vue warn]) reach the
// console, where the end-to-end tests treat them as failures. Vue is its runtime-only build (the
// package's default for bundlers): the page uses render functions, since the template compiler
// needs `new Function`, which the demo's CSP forbids.
// The drop-in stays outside the bundle: the page loads /static/ssf/attach.js itself, failing open.
//
//   node scripts/build-demo.mjs
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: { react: "www/react/app.jsx", vue: "www/vue/app.js" },
  outdir: "www/build",
  bundle: true,
  format: "esm",
  target: "es2020",
  jsx: "automatic",
  jsxDev: true,
  define: {
    "process.env.NODE_ENV": '"development"',
    // Vue's compile-time flags for bundler builds (left undefined, Vue warns about each).
    __VUE_OPTIONS_API__: "true",
    __VUE_PROD_DEVTOOLS__: "false",
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
  },
  external: ["/static/ssf/*"],
  logLevel: "warning",
});
console.log("demo pages bundled into www/build/");
