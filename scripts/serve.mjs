// Serves the demo portal on localhost: www/ at /, the built pkg/ at /static/ssf/ (wasm as
// application/wasm), with a strict CSP (no 'unsafe-eval', no inline script or style) so the demo
// proves the drop-in needs nothing more. POST /submit echoes the fields the form posted.
// Any page with `?csp=strict` is served without 'wasm-unsafe-eval' (script-src 'self' only), as a
// portal with a strict CSP would: WebAssembly is refused there and the drop-in uses its JS build.
//
//   node scripts/serve.mjs [--port 8080]     PORT=0 picks a free port (printed)
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
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
};
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'";
/** `?csp=strict`: the same policy without 'wasm-unsafe-eval', so WebAssembly cannot compile. */
const STRICT_CSP = CSP.replace(" 'wasm-unsafe-eval'", "");
/** The demo's simulated server time: inside Wenzhou's 2021 key period, before the 16:00 deadline. */
const DEMO_NOW = "2021-06-22T15:40:00+08:00";

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function resolve(pathname) {
  if (pathname.startsWith("/static/ssf/")) return join(root, "pkg", pathname.slice("/static/ssf/".length));
  return join(root, "www", pathname === "/" ? "index.html" : pathname);
}

async function handle(req, res) {
  const url = new URL(req.url, "http://localhost");
  if (req.method === "POST" && url.pathname === "/submit") {
    let body = "";
    for await (const chunk of req) body += chunk;
    const pairs = [...new URLSearchParams(body)];
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": CSP });
    res.end(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>已报送</title><link rel="stylesheet" href="/demo.css">
<main><h1>已报送（演示服务器收到的字段）</h1><table id="posted"><tr><th>name</th><th>value</th></tr>${pairs
      .map(([k, v]) => `<tr><td>${escape(k)}</td><td>${escape(v)}</td></tr>`)
      .join("")}</table><p><a href="/">返回</a></p></main></html>`);
    return;
  }
  const file = normalize(resolve(decodeURIComponent(url.pathname)));
  if (!file.startsWith(root) || !(await stat(file).catch(() => null))?.isFile()) {
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
  const csp = url.searchParams.get("csp") === "strict" ? STRICT_CSP : CSP;
  res.writeHead(200, { "content-type": type, "content-security-policy": csp, "cache-control": "no-store" });
  res.end(body);
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
  console.log(`demo portal: http://localhost:${server.address().port}/  (legacy field-map page: /legacy.html, React portal: /react.html; any page with ?csp=strict: no 'wasm-unsafe-eval', the JS build)`);
}
