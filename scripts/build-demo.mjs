// Bundles the demo pages written for a portal stack (www/react/app.jsx → www/build/react.js) with
// esbuild, as a portal's own build would. React is the development build, so its warnings (DOM
// nesting, controlled inputs) reach the console, where the end-to-end tests treat them as failures.
// The drop-in stays outside the bundle: the page loads /static/ssf/attach.js itself, failing open.
//
//   node scripts/build-demo.mjs
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: { react: "www/react/app.jsx" },
  outdir: "www/build",
  bundle: true,
  format: "esm",
  target: "es2020",
  jsx: "automatic",
  jsxDev: true,
  define: { "process.env.NODE_ENV": '"development"' },
  external: ["/static/ssf/*"],
  logLevel: "warning",
});
console.log("demo pages bundled into www/build/");
