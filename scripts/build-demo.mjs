// Bundles the demo pages written for a portal stack (www/react/app.jsx → www/build/react.js,
// www/vue/app.js → www/build/vue.js, www/element-ui/app.js → www/build/element-ui.js) with esbuild,
// as a portal's own build would. React and Vue are
// their development builds, so their warnings (DOM nesting, controlled inputs, [Vue warn]) reach the
// console, where the end-to-end tests treat them as failures. Vue is its runtime-only build (the
// package's default for bundlers): the page uses render functions, since the template compiler
// needs `new Function`, which the demo's CSP forbids.
// The Element UI page is a Vue 2.7 portal: its own build, where `vue` is npm's `vue2` (vue@2.7.16
// under another name, beside the Vue 3 the other page uses), for its imports and Element UI's alike.
// (package.json's override lets element-ui's `vue ^2.5.17` peer rest on the root's Vue 3 for npm's
// check only: nothing resolves element-ui's `vue` to it, the alias below sends it to vue2.)
// The drop-in stays outside the bundle: the page loads /static/ssf/attach.js itself, failing open.
//
//   node scripts/build-demo.mjs
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const common = {
  absWorkingDir: root,
  outdir: "www/build",
  bundle: true,
  format: "esm",
  target: "es2020",
  external: ["/static/ssf/*"],
  logLevel: "warning",
};
await build({
  ...common,
  entryPoints: { react: "www/react/app.jsx", vue: "www/vue/app.js" },
  jsx: "automatic",
  jsxDev: true,
  define: {
    "process.env.NODE_ENV": '"development"',
    // Vue's compile-time flags for bundler builds (left undefined, Vue warns about each).
    __VUE_OPTIONS_API__: "true",
    __VUE_PROD_DEVTOOLS__: "false",
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
  },
});
await build({
  ...common,
  entryPoints: { "element-ui": "www/element-ui/app.js" },
  // One file for every `vue` import: vue2's runtime-only ES build (no template compiler). By its
  // package name alone, the page's `import` and Element UI's CommonJS `require` would get two builds,
  // two Vues, and el-table's store would be reactive in the other one (no columns, no rows).
  alias: { vue: "vue2/dist/vue.runtime.esm.js" },
  define: { "process.env.NODE_ENV": '"development"' },
});
console.log("demo pages bundled into www/build/");
