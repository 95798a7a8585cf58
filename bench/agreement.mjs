// Does the Ajv side give the engine's verdict? The same variants through both (issue path:code:severity
// and the computed values compared), so a speed ratio is never a ratio of different work.
//   node bench/agreement.mjs        (after scripts/build) lists the first differences
import { NOW, NEXT_DAY, DAILY_OPTIONS, REGISTER_OPTIONS, dailyReport, register, registerRow } from "./data.mjs";
import { engineForm } from "./cases.mjs";

const key = (r) => r.issues.map((i) => `${i.path}:${i.code}:${i.severity}`).sort().join(" ");

function* dailyVariants() {
  const counts = ["", " ", "0", "3", "5", "12", "１２", "1,200", "12.0", "2.5", "-1", "1000001", "abc", "1２a"];
  for (const found of counts)
    for (const fixed of counts)
      for (const unfixed of [undefined, "", "2", "0"])
        for (const measures of ["", "措施"]) {
          const data = dailyReport();
          data.rows.fire = { found, fixed, measures };
          if (unfixed !== undefined) data.rows.fire.unfixed = unfixed;
          yield [data, NOW];
        }
  const texts = [undefined, "", " ", "　", "林晓燕", " 林晓燕 ", "甲".repeat(50), "甲".repeat(51), "甲".repeat(101)];
  for (const field of ["unit", "filled_by", "reviewed_by", "leader"])
    for (const v of texts) {
      const data = dailyReport();
      if (v === undefined) delete data[field];
      else data[field] = v;
      yield [data, NOW];
    }
  const dates = [undefined, "", "2021-06-22", "2021/6/21", "2021.6.22", "2021年6月22日", "2021-6-22", "２０２１-０６-２２", "2021-06-23", "2021-02-30", "2021-07-06", "2021-06-20", "22/06/2021", "2020-06-22"];
  for (const v of dates)
    for (const now of [NOW, "2021-06-22T16:00:00+08:00", "2021-06-22T07:59:00Z", "2021-06-21T23:30:00Z"]) {
      const data = dailyReport();
      if (v === undefined) delete data.report_date;
      else data.report_date = v;
      yield [data, now];
    }
}

function* registerVariants() {
  const fields = { description: ["", " ", "楼梯扶手松动", "甲".repeat(501)], category: ["", "fire", "消防安全", "火灾", "other"], found_on: ["", "2021-06-22", "2021-06-23", "2021-02-30", "2021年6月1日", "x"], deadline: ["", "2021-05-01", "2021-06-21", "2021-06-22", "2021-07-01", "2021-02-30"], status: ["", "done", "已完成", "in_progress", "正在整改中", "finished"], completed_on: ["", "2021-04-01", "2021-06-10", "2021-06-23"], interim_measures: ["", "专人看护"], place: ["", "教学楼1层1000室", "甲".repeat(201)], responsible: ["", "张伟", "甲".repeat(51)] };
  for (const [field, values] of Object.entries(fields))
    for (const v of values)
      for (const base of [0, 3]) {
        const data = register(6);
        data.rows[base][field] = v;
        for (const now of [NOW, NEXT_DAY]) yield [data, now];
      }
  const dup = register(6);
  dup.rows[3] = { ...registerRow(2), description: ` ${registerRow(2).description.replace("楼梯", "楼　梯")} ` };
  yield [dup, NOW];
  yield [register(48, { errors: true }), NOW];
  yield [register(48, { errors: true }), NEXT_DAY];
}

function compare(engineForm, ajvForm, clock, variants, computedOf) {
  let total = 0;
  const differences = [];
  for (const [data, now] of variants) {
    total++;
    const e = engineForm(now).validate(data);
    const a = ajvForm(data, clock(now));
    const [ek, ak] = [key(e), key(a)];
    const [ec, ac] = computedOf(e, a);
    if (ek !== ak || ec !== ac) {
      const only = (x, y) => x.split(" ").filter((k) => k && !y.split(" ").includes(k)).join(" ");
      differences.push(`only engine: ${only(ek, ak) || "–"}; only Ajv: ${only(ak, ek) || "–"}${ec !== ac ? `; computed ${ec} vs ${ac}` : ""}`);
    }
  }
  return { total, differences };
}

/** `[{ form, total, differences }]`; `differences` holds one line per differing variant. */
export function agreement(engine, forms) {
  const cached = (kind, options) => {
    const byNow = new Map();
    return (now) => byNow.get(now) ?? byNow.set(now, engineForm(engine, kind, { ...options, now })).get(now);
  };
  const out = [];
  const daily = cached("daily-report", DAILY_OPTIONS);
  const dailyComputed = (e, a) => [
    ["found", "fixed", "unfixed", "fix_rate"].map((t) => e.computed[`totals.${t}`]).concat(Object.keys(a.computed.rows).map((id) => e.computed[`rows.${id}.unfixed`])).join(","),
    ["found", "fixed", "unfixed", "fix_rate"].map((t) => a.computed.totals[t]).concat(Object.values(a.computed.rows)).join(","),
  ];
  try {
    out.push({ form: "daily report", ...compare(daily, forms.daily, forms.makeClock, dailyVariants(), dailyComputed) });
  } catch (e) {
    out.push({ form: "daily report", na: String(e.message) });
  }
  const reg = cached("risk-register", REGISTER_OPTIONS);
  const registerComputed = (e, a) => [
    ["found", "done", "in_progress", "overdue"].map((t) => e.computed[`totals.${t}`]).concat(a.computed.overdue.map((_, i) => e.computed[`rows[${i}].overdue`])).join(","),
    ["found", "done", "in_progress", "overdue"].map((t) => a.computed.totals[t]).concat(a.computed.overdue).join(","),
  ];
  try {
    out.push({ form: "risk register", ...compare(reg, forms.register, forms.makeClock, registerVariants(), registerComputed) });
  } catch (e) {
    out.push({ form: "risk register", na: String(e.message) });
  }
  return out;
}

if (typeof process !== "undefined" && process.argv[1] === new URL(import.meta.url).pathname) {
  const { readFileSync } = await import("node:fs");
  const engine = await import("../pkg/school_safety_forms.js");
  engine.initSync({ module: readFileSync(new URL("../pkg/school_safety_forms_bg.wasm", import.meta.url)) });
  const { compileForms } = await import("./ajv-node.mjs");
  for (const r of agreement(engine, compileForms())) {
    if (r.na) console.log(`${r.form}: n/a (${r.na})`);
    else {
      console.log(`${r.form}: ${r.total - r.differences.length} of ${r.total} variants agree`);
      for (const d of [...new Set(r.differences)].slice(0, 20)) console.log(`  ${d}`);
    }
  }
}
