// Engine cost in Node on the release pkg/: one keystroke (FormSession.set) and one full validate,
// for the 8-row Wenzhou form and a 100-row portal profile.   node bench/engine.mjs
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { wideProfile, NOW } from "./profiles.mjs";

const t0 = performance.now();
const { initSync, validate, FormSession } = await import("../pkg/school_safety_forms.js");
initSync({ module: readFileSync(new URL("../pkg/school_safety_forms_bg.wasm", import.meta.url)) });
console.log(`instantiate: ${(performance.now() - t0).toFixed(1)} ms`);

function stats(samples) {
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return `median ${(at(0.5) * 1000).toFixed(1)} µs, p99 ${(at(0.99) * 1000).toFixed(1)} µs`;
}

for (const [name, profile, rows] of [["wenzhou (8 rows)", "zhejiang-wenzhou-2021", 8], ["portal profile (100 rows)", wideProfile(100), 100]]) {
  const ids = rows === 8 ? ["school_buildings", "gas", "campus_security", "fire", "traffic", "food_hygiene", "laboratory", "surroundings"] : Array.from({ length: rows }, (_, i) => `c${i}`);
  const session = new FormSession("daily-report", { profile, now: NOW });
  const keystrokes = [];
  for (let i = 0; i < 20000; i++) {
    const id = ids[i % ids.length];
    const path = i % 2 ? `rows.${id}.fixed` : `rows.${id}.found`;
    const value = String((i * 7) % 13); // sometimes fixed > found: errors appear and clear
    const s = performance.now();
    session.set(path, value);
    keystrokes.push(performance.now() - s);
  }
  const data = { unit: "温州中学", report_date: "2021-06-22", filled_by: "甲", reviewed_by: "乙", leader: "丙", rows: {} };
  for (const id of ids) data.rows[id] = { found: "5", fixed: "3", measures: "专人看护" };
  const full = [];
  for (let i = 0; i < 500; i++) {
    const s = performance.now();
    validate("daily-report", data, { profile, now: NOW });
    full.push(performance.now() - s);
  }
  console.log(`${name.padEnd(26)} keystroke (set): ${stats(keystrokes)} | full validate: ${stats(full)}`);
}
