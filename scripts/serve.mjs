// Serves the demo portal on localhost: www/ at /, the built pkg/ at /static/ssf/ (wasm as
// application/wasm), with a strict CSP (no 'unsafe-eval', no inline script or style) so the demo
// proves the drop-in needs nothing more. POST /submit echoes the fields the form posted.
// Any page with `?csp=strict` is served without 'wasm-unsafe-eval' (script-src 'self' only), as a
// portal with a strict CSP would: WebAssembly is refused there and the drop-in uses its JS build.
// The portal stacks' own files come from node_modules, read-only: /vendor/layui/ (layui's dist/),
// /vendor/element-plus/ (Element Plus's dist/, for its CSS), /vendor/element-ui/ (Element UI 2's
// CSS and icon fonts), /vendor/jquery/, /vendor/jquery-validation/ and /vendor/bootstrap/ (their
// dist/ folders: jQuery 3, jquery-validation and its Chinese messages, Bootstrap 3's CSS). One
// page, /layui.html, is served with the CSP layui itself needs ('unsafe-eval': layui's form module
// reads lay-* options with `new Function`); that is the portal's choice for its own library, the
// drop-in needs no more there.
//
//   node scripts/serve.mjs [--port 8080]     PORT=0 picks a free port (printed)
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".eot": "application/vnd.ms-fontobject",
};
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'";
/** `?csp=strict`: the same policy without 'wasm-unsafe-eval', so WebAssembly cannot compile. */
const STRICT_CSP = CSP.replace(" 'wasm-unsafe-eval'", "");
/** Pages whose portal library needs more than the drop-in does, and what it needs (see above). */
const PAGE_CSP = { "/layui.html": CSP.replace("'wasm-unsafe-eval'", "'unsafe-eval' 'wasm-unsafe-eval'") };
/** URL prefix → a package's folder in node_modules, served read-only. */
const VENDOR = {
  "/vendor/layui/": "node_modules/layui/dist",
  "/vendor/element-plus/": "node_modules/element-plus/dist",
  "/vendor/element-ui/": "node_modules/element-ui/lib/theme-chalk",
  "/vendor/jquery/": "node_modules/jquery/dist",
  "/vendor/jquery-validation/": "node_modules/jquery-validation/dist",
  "/vendor/bootstrap/": "node_modules/bootstrap/dist",
};
/** The demo's simulated server time: inside Wenzhou's 2021 key period, before the 16:00 deadline. */
const DEMO_NOW = "2021-06-22T15:40:00+08:00";

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The file a URL path names, or null when it would leave the folder it is served from. */
function resolve(pathname) {
  let base = join(root, "www");
  let rest = pathname === "/" ? "index.html" : pathname;
  if (pathname.startsWith("/static/ssf/")) [base, rest] = [join(root, "pkg"), pathname.slice("/static/ssf/".length)];
  for (const [prefix, dir] of Object.entries(VENDOR)) if (pathname.startsWith(prefix)) [base, rest] = [join(root, dir), pathname.slice(prefix.length)];
  const file = normalize(join(base, rest));
  return file.startsWith(base + sep) ? file : null;
}

async function handle(req, res) {
  const url = new URL(req.url, "http://localhost");
  if (req.method === "POST" && url.pathname === "/submit") {
    let body = "";
    for await (const chunk of req) body += chunk;
    const pairs = [...new URLSearchParams(body)];
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": CSP });
    res.end(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>已报送</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/demo.css">
<main><h1>已报送（演示服务器收到的字段）</h1><table id="posted"><tr><th>name</th><th>value</th></tr>${pairs
      .map(([k, v]) => `<tr><td>${escape(k)}</td><td>${escape(v)}</td></tr>`)
      .join("")}</table><p><a href="/">返回</a></p></main></html>`);
    return;
  }
  let file = null;
  try {
    file = resolve(decodeURIComponent(url.pathname));
  } catch {
    // a malformed %-escape: not found
  }
  if ((req.method !== "GET" && req.method !== "HEAD") || !file || !(await stat(file).catch(() => null))?.isFile()) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
    return;
  }
  let body = await readFile(file);
  const type = TYPES[extname(file)] || "application/octet-stream";
  if (extname(file) === ".html") {
    const now = url.searchParams.get("now") || DEMO_NOW;
    // The portal's logged-in user (drafts are kept per user on a shared office PC): ?user= stands in for a login.
    const user = url.searchParams.get("user") || "zhangxl";
    body = body.toString("utf8").replaceAll("{{SERVER_NOW}}", escape(now)).replaceAll("{{SERVER_USER}}", escape(user));
  }
  const csp = url.searchParams.get("csp") === "strict" ? STRICT_CSP : PAGE_CSP[url.pathname] ?? CSP;
  res.writeHead(200, { "content-type": type, "content-security-policy": csp, "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : body);
}

export function serve(port = 0) {
  const server = createServer((req, res) =>
    handle(req, res).catch((e) => {
      res.writeHead(500);
      res.end(String(e));
    }),
  );
  return new Promise((done) => server.listen(port, "127.0.0.1", () => done(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf("--port");
  const port = Number(flag > 0 ? process.argv[flag + 1] : process.env.PORT ?? 8080);
  const server = await serve(port);
  console.log(`demo portal: http://localhost:${server.address().port}/  (legacy field-map page: /legacy.html, React portal: /react.html, layui portal: /layui.html, Vue + Element Plus portal: /vue.html, Vue 2 + Element UI portal: /element-ui.html, jQuery + jquery-validation portal: /jquery.html; any page with ?csp=strict: no 'wasm-unsafe-eval', the JS build)`);
}
