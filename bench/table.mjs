// One markdown table from the Node and Chromium results: median (p95) per call, engine ÷ Ajv.

export function time(ms) {
  if (ms == null || Number.isNaN(ms)) return "–";
  if (ms < 0.001) return `${(ms * 1e6).toFixed(0)} ns`;
  if (ms < 0.01) return `${(ms * 1000).toFixed(2)} µs`;
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.1 ? 1 : 0)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(0)} ms`;
}

const ratio = (r) => (r >= 10 ? `${r.toFixed(0)}×` : r >= 1 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`);
const cell = (s) => (!s ? "–" : s.na ? "n/a" : `${time(s.median)} (p95 ${time(s.p95)})`);
const quotient = (e, a) => (!e || !a || e.na || a.na ? "n/a" : ratio(e.median / a.median));

/** @param {{ env: string, runtime: string, lines: object[], checks: object[] }[]} results */
export function table(results) {
  const envs = results.map((r) => ({ ...r, byId: new Map(r.lines.map((l) => [l.id, l])) }));
  const ids = [];
  for (const r of results) for (const l of r.lines) if (!ids.some((x) => x.id === l.id)) ids.push(l);
  const name = { node: "Node", chromium: "Chromium" };
  const out = [];
  out.push(`| measure | ${envs.map((e) => `${name[e.env]} engine | ${name[e.env]} Ajv + JS | engine ÷ Ajv`).join(" | ")} |`);
  out.push(`|---|${envs.map(() => "---|---|---").join("|")}|`);
  for (const { id, label } of ids) {
    out.push(`| ${label} | ${envs.map((e) => {
      const l = e.byId.get(id);
      return `${cell(l?.engine)} | ${cell(l?.ajv)} | ${quotient(l?.engine, l?.ajv)}`;
    }).join(" | ")} |`);
  }
  const scaling = (e, side) => {
    const big = e.byId.get("register.10000.key.5000")?.[side];
    const small = e.byId.get("register.10.key.5")?.[side];
    return quotient(big, small);
  };
  out.push(`| keystroke row 5,000 of 10,000 ÷ row 5 of 10 | ${envs.map((e) => `${scaling(e, "engine")} | ${scaling(e, "ajv")} | `).join(" | ")} |`);
  out.push("");
  out.push("Each cell: median (p95) per call. " + envs.map((e) => `${name[e.env]}: ${e.runtime}.`).join(" "));
  const apis = new Set(results.flatMap((r) => r.lines.filter((l) => l.api && !l.engine?.na).map((l) => l.api)));
  if (apis.size) out.push(`Engine calls timed: ${[...apis].map((a) => `\`${a}\``).join(", ")}.`);
  const missing = new Map();
  for (const r of results) for (const l of r.lines) if (l.engine?.na) missing.set(l.engine.na, (missing.get(l.engine.na) ?? 0) + 1);
  for (const [why, n] of missing) out.push(`n/a (${n} cells): ${why}`);
  out.push("");
  out.push("Same data, same verdict? (issue counts; path:code pairs only one side reports)");
  out.push("");
  for (const c of results[0].checks) {
    const side = (s) => (typeof s === "string" ? `n/a` : `${s.valid ? "valid" : "invalid"}, ${s.errors} errors, ${s.warnings} warnings`);
    const diff = c.onlyEngine ? `${c.onlyEngine.length ? ` only engine: ${c.onlyEngine.join(", ")};` : ""}${c.onlyAjv.length ? ` only Ajv: ${c.onlyAjv.join(", ")}` : ""}` : "";
    out.push(`- ${c.form}: engine ${side(c.engine)}; Ajv ${side(c.ajv)}.${diff}`);
  }
  for (const r of results.flatMap((x) => x.agreement ?? [])) {
    if (r.na) out.push(`- ${r.form}, variants of bench/agreement.mjs: engine n/a`);
    else if (!r.differences.length) out.push(`- ${r.form}: all ${r.total} variants of bench/agreement.mjs agree (issues and computed values).`);
    else out.push(`- ${r.form}: ${r.differences.length} of ${r.total} variants of bench/agreement.mjs differ, e.g. ${[...new Set(r.differences)].slice(0, 3).join(" | ")}`);
  }
  return out.join("\n");
}
