// Time and memory bounds (the reliability issue): the largest input the engine accepts, validated
// whole, and the wasm memory over 100,000 keystrokes.   node bench/bounds.mjs   (after scripts/build)
import { readFileSync } from "node:fs";
import { registerRow, DAILY_OPTIONS, REGISTER_OPTIONS, dailyReport } from "./data.mjs";

const engine = await import("../pkg/school_safety_forms.js");
const wasm = engine.initSync({ module: readFileSync(new URL("../pkg/school_safety_forms_bg.wasm", import.meta.url)) });
const mb = (n) => (n / 1048576).toFixed(1) + " MB";
const memory = () => wasm.memory.buffer.byteLength;

// 100,000 keystrokes on one session: memory must not grow without bound.
const s = new engine.Validator("daily-report", DAILY_OPTIONS).session();
for (const [k, val] of Object.entries(dailyReport())) if (k !== "rows") s.set(k, val);
const values = ["2", "9", "6", "", "１２", "x"];
const marks = [`start: ${mb(memory())}`];
let t = performance.now();
for (let i = 1; i <= 100000; i++) {
  s.set(i % 2 ? "rows.fire.fixed" : "rows.fire.found", values[i % values.length]);
  if (i % 25000 === 0) marks.push(`${i.toLocaleString("en")}: ${mb(memory())}`);
}
console.log(`100,000 keystrokes (${((performance.now() - t) / 100).toFixed(1)} µs each): wasm memory ${marks.join(", ")}`);

// The largest register accepted: 10,000 rows (the row limit) of long text, just under the 16 MiB
// input limit once stringified.
const long = (s, n) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
const rows = [];
for (let i = 0; i < 10000; i++) {
  const row = registerRow(i);
  row.description = long(`${row.description}，`, 280);
  row.measures = long("设置围挡，专人看护，限期整改完毕；", 110);
  row.interim_measures = long("加强巡查，设置警示标志；", 70);
  rows.push(row);
}
const register = { unit: "某市教育局", report_date: "2021-06-22", inspected_by: "王建国", signed_by: "李明", rows };
const bytes = Buffer.byteLength(JSON.stringify(register));
const v = new engine.Validator("risk-register", REGISTER_OPTIONS);
const before = memory();
const rss0 = process.memoryUsage().rss;
t = performance.now();
const r = v.validate(register);
const first = performance.now() - t;
t = performance.now();
for (let i = 0; i < 3; i++) v.validate(register);
const again = (performance.now() - t) / 3;
console.log(`largest accepted register: 10,000 rows, ${mb(bytes)} of JSON (limit 16 MiB): valid ${r.valid}, ${r.issues.length} issues`);
console.log(`  full validation: first ${first.toFixed(0)} ms, then ${again.toFixed(0)} ms each; wasm memory ${mb(before)} -> ${mb(memory())}; process RSS +${mb(process.memoryUsage().rss - rss0)}`);
