// Every timed line of the comparison, engine and Ajv side by side; runs unchanged in Node and in
// Chromium (bundled). The engine is whatever pkg/ was built: an API that is missing (a kind that
// throws "not available in this version", a method a FormSession does not have) is reported as n/a,
// so the same harness runs on today's pkg and on the new core.
import { measure, measureTogether } from "./measure.mjs";
import DAILY_DEFINITION from "../forms/daily-report-wenzhou.json" with { type: "json" };
import REGISTER_DEFINITION from "../forms/risk-register.json" with { type: "json" };
import { NOW, NEXT_DAY, DAILY_OPTIONS, REGISTER_OPTIONS, CHECKLIST_OPTIONS, CHECKUP_OPTIONS, dailyReport, register, registerRow, pasteRows, descriptionCycle, inspectionChecklist, GUARDS_CYCLE, securityCheckup, idCycle } from "./data.mjs";

export const SIZES = [10, 100, 1000, 10000];
const BATCH = 500;
/** The engine's row limit (src/base/limits.rs MAX_ROWS). */
const ROW_LIMIT = 10000;
const has = (obj, name) => obj != null && typeof obj[name] === "function";

/** The engine's compiled validator for a kind: `new Validator` when the pkg has it, else `validate`. */
export function engineForm(engine, kind, options) {
  if (typeof kind === "object") {
    // A form definition: the package's engine compiles it (a pkg without definitions throws: n/a).
    const v = engine.Validator.fromDefinition(kind, options);
    return { api: "Validator.validate", validate: (d) => v.validate(d), session: () => v.session() };
  }
  if (has(engine, "Validator")) {
    const v = new engine.Validator(kind, options);
    return { api: "Validator.validate", validate: (d) => v.validate(d), session: () => (has(v, "session") ? v.session() : new engine.FormSession(kind, options)) };
  }
  return { api: "validate", validate: (d) => engine.validate(kind, d, options), session: () => new engine.FormSession(kind, options) };
}

/** A session of `form` holding `data` (untimed), or `form`'s own n/a. */
const filled = (form, data) =>
  form.na
    ? form
    : tryEngine(() => {
        const s = form.session();
        fill(s, data);
        return s;
      });

/** Loads a report into a session the fastest way the session offers (untimed): lists as rows of their group, objects field by field. */
function fill(session, data, prefix = "") {
  for (const [k, v] of Object.entries(data)) {
    const path = prefix + k;
    if (Array.isArray(v)) {
      if (has(session, "insertRows")) session.insertRows(path, 0, v);
      else if (has(session, "insertRow")) v.forEach((row, i) => session.insertRow(path, i, row));
      else v.forEach((row, i) => Object.entries(row).forEach(([f, x]) => session.set(`${path}[${i}].${f}`, x)));
    } else if (v !== null && typeof v === "object") fill(session, v, `${path}.`);
    else session.set(path, v);
  }
}

const na = (why) => ({ na: String(why?.message ?? why).split("\n")[0] });

/** Runs `fn`, turning "not available" (a throw, a missing method) into n/a. */
function tryEngine(fn) {
  try {
    return fn();
  } catch (e) {
    return na(e);
  }
}

/** Issue counts and the path:code pairs only one side reports, for the same data. */
function agreement(form, engineResult, ajvResult) {
  const count = (r) => ({ valid: r.valid, errors: r.issues.filter((i) => i.severity === "error").length, warnings: r.issues.filter((i) => i.severity === "warning").length });
  const keys = (r) => new Set(r.issues.map((i) => `${i.path}:${i.code}`));
  if (!engineResult || engineResult.na) return { form, engine: engineResult?.na ?? "n/a", ajv: count(ajvResult) };
  const e = keys(engineResult);
  const a = keys(ajvResult);
  return { form, engine: count(engineResult), ajv: count(ajvResult), onlyEngine: [...e].filter((k) => !a.has(k)).slice(0, 8), onlyAjv: [...a].filter((k) => !e.has(k)).slice(0, 8) };
}

/**
 * @param {object} engine the initialised pkg module namespace
 * @param {{ daily, register, checklist, checkup, makeClock }} forms the Ajv side (bench/ajv-forms.mjs)
 * @param {{ minBatchMs: number, budgetScale?: number, only?: string, progress?: (s: string) => void }} env
 *   `only`: an id prefix (`daily`, `checklist`, `checkup.key`, `register.1000`); the other lines are skipped
 */
export async function runCases(engine, forms, { minBatchMs, budgetScale = 1, only = "", progress = () => {} }) {
  const wanted = (id) => !only || id.startsWith(only) || only.startsWith(id);
  const lines = [];
  const checks = [];
  let sink = 0;
  const budget = (ms) => ms * budgetScale;
  const line = async (id, label, engineOp, ajvOp, opts = {}) => {
    if (!wanted(id)) return;
    progress(label);
    await new Promise((r) => setTimeout(r, 0)); // lets the page flush its console
    const o = { minBatchMs, budgetMs: budget(opts.budgetMs ?? 250), minSamples: opts.minSamples ?? 5 };
    // Both sides sample in turn; an engine that throws mid-way (a method that exists but is not
    // implemented for this kind) is n/a and the Ajv side is timed alone.
    const both = engineOp.na ? null : tryEngine(() => measureTogether([engineOp, ajvOp], o));
    const [e, a] = both && !both.na ? both : [engineOp.na ? engineOp : both, measure(ajvOp.op, { ...o, cleanup: ajvOp.cleanup })];
    lines.push({ id, label, engine: e, ajv: a, api: engineOp.api });
  };
  const clock = forms.makeClock(NOW);
  const nextClock = forms.makeClock(NEXT_DAY);

  // ------------------------------------------------------------ daily report (Wenzhou, 8 rows)
  const daily = tryEngine(() => engineForm(engine, "daily-report", DAILY_OPTIONS));
  const report = dailyReport();
  checks.push(agreement("daily report (valid)", tryEngine(() => daily.validate(report)), forms.daily(report, clock)));
  const wrong = { ...dailyReport(), unit: " ", report_date: "2021年6月31日", reviewed_by: "林晓燕" };
  wrong.rows.fire = { found: "3", fixed: "5", measures: "" };
  wrong.rows.gas = { found: "1２a", fixed: "", unfixed: "2", measures: "" };
  wrong.rows.traffic = { found: "4", fixed: "1", unfixed: "2", measures: "" };
  checks.push(agreement("daily report (errors)", tryEngine(() => daily.validate(wrong)), forms.daily(wrong, clock)));
  // Both sides warm up together before the first line: V8 runs wasm first from its baseline
  // compiler (Liftoff) and tiers hot functions up to TurboFan in the background, as it does JS;
  // measured on the first line in Chromium, that left the engine at 2-3x its steady speed for the
  // first half second of calls. An officer's page reaches the steady state within its first form.
  {
    const warmForms = [daily, tryEngine(() => engineForm(engine, "risk-register", REGISTER_OPTIONS))];
    const small = register(24, { errors: true });
    const end = performance.now() + Math.max(300, 1000 * budgetScale);
    for (let i = 0; performance.now() < end; i++) {
      if (!daily.na) sink ^= daily.validate(i % 2 ? report : wrong).valid;
      if (!warmForms[1].na) sink ^= tryEngine(() => warmForms[1].validate(small).valid);
      sink ^= forms.daily(i % 2 ? report : wrong, clock).valid ^ forms.register(small, clock).valid;
    }
  }
  await line("daily.full", "daily report: full validation", daily.na ? daily : { api: daily.api, op: () => (sink ^= daily.validate(report).valid) }, { op: () => (sink ^= forms.daily(report, clock).valid) });

  const fixedValues = ["2", "9", "6"]; // found is 8: "9" makes fixed_exceeds_found appear, the next value clears it
  const dailySession = tryEngine(() => {
    const s = daily.session();
    fill(s, report);
    return s;
  });
  const live = dailyReport();
  await line(
    "daily.key",
    "daily report: keystroke (rows.fire.fixed)",
    dailySession.na ? dailySession : { api: "FormSession.set", op: (i) => (sink ^= dailySession.set("rows.fire.fixed", fixedValues[i % 3]) ? 1 : 0) },
    {
      op: (i) => {
        live.rows.fire.fixed = fixedValues[i % 3];
        sink ^= forms.daily(live, clock).valid;
      },
    },
  );

  // ------------------------------------------------------------ the daily report as a definition (forms as data)
  // The same form read from forms/daily-report-wenzhou.json instead of built in: the same data,
  // the same Ajv side. A pkg without definitions reports n/a.
  const definedDaily = tryEngine(() => engineForm(engine, DAILY_DEFINITION, DAILY_OPTIONS));
  await line("daily.def.full", "daily report from its definition: full validation", definedDaily.na ? definedDaily : { api: definedDaily.api, op: () => (sink ^= definedDaily.validate(report).valid) }, { op: () => (sink ^= forms.daily(report, clock).valid) });
  const definedSession = filled(definedDaily, report);
  const liveDefined = dailyReport();
  await line(
    "daily.def.key",
    "daily report from its definition: keystroke (rows.fire.fixed)",
    definedSession.na ? definedSession : { api: "FormSession.set", op: (i) => (sink ^= definedSession.set("rows.fire.fixed", fixedValues[i % 3]) ? 1 : 0) },
    {
      op: (i) => {
        liveDefined.rows.fire.fixed = fixedValues[i % 3];
        sink ^= forms.daily(liveDefined, clock).valid;
      },
    },
  );

  // ------------------------------------------------------------ inspection checklist (Wenzhou, 3 campuses)
  const checklist = tryEngine(() => engineForm(engine, "inspection-checklist", CHECKLIST_OPTIONS));
  const inspection = inspectionChecklist();
  checks.push(agreement("checklist (valid)", tryEngine(() => checklist.validate(inspection)), forms.checklist(inspection, clock)));
  const wrongList = { ...inspectionChecklist(), phone: "88631011", rectification_deadline: "", video_retention_days: "15" };
  wrongList.campuses[0] = { name: "本部", headcount: "1２00", guards: "6" };
  wrongList.campuses[1] = { name: "南校区", headcount: "８００", guards: "3" };
  wrongList.items[9].steel_fork = "是";
  wrongList.items[3] = "对";
  checks.push(agreement("checklist (errors)", tryEngine(() => checklist.validate(wrongList)), forms.checklist(wrongList, clock)));
  await line("checklist.full", "inspection checklist: full validation", checklist.na ? checklist : { api: checklist.api, op: () => (sink ^= checklist.validate(inspection).valid) }, { op: () => (sink ^= forms.checklist(inspection, clock).valid) });

  const checklistSession = filled(checklist, inspection);
  const liveList = inspectionChecklist();
  await line(
    "checklist.key",
    "inspection checklist: keystroke (campuses[1].guards)",
    checklistSession.na ? checklistSession : { api: "FormSession.set", op: (i) => (sink ^= checklistSession.set("campuses[1].guards", GUARDS_CYCLE[i % 3]) ? 1 : 0) },
    {
      op: (i) => {
        liveList.campuses[1].guards = GUARDS_CYCLE[i % 3];
        sink ^= forms.checklist(liveList, clock).valid;
      },
    },
  );

  // ------------------------------------------------------------ security check-up (Jiangsu, 6 guards)
  const checkup = tryEngine(() => engineForm(engine, "security-checkup", CHECKUP_OPTIONS));
  const health = securityCheckup();
  checks.push(agreement("check-up (valid, 1 guard over 50)", tryEngine(() => checkup.validate(health)), forms.checkup(health, clock)));
  const wrongCheckup = { ...securityCheckup(), alarm_button: "坏了", guard_post: "", report_date: "2021-06-23" };
  wrongCheckup.guards[0] = { name: "张伟", licensed: "否", age: "51" };
  wrongCheckup.guards[1] = { ...wrongCheckup.guards[1], age: "40" };
  wrongCheckup.guards[2] = { name: "李军", licensed: "是", id_number: idCycle()[1] };
  wrongCheckup.guards[3] = { name: "", licensed: "是" };
  checks.push(agreement("check-up (errors)", tryEngine(() => checkup.validate(wrongCheckup)), forms.checkup(wrongCheckup, clock)));
  await line("checkup.full", "security check-up: full validation", checkup.na ? checkup : { api: checkup.api, op: () => (sink ^= checkup.validate(health).valid) }, { op: () => (sink ^= forms.checkup(health, clock).valid) });

  const ids = idCycle(); // valid, wrong check digit (bad_check_digit, age gone), another valid one
  const checkupSession = filled(checkup, health);
  const liveCheckup = securityCheckup();
  await line(
    "checkup.key",
    "security check-up: keystroke (guards[2].id_number)",
    checkupSession.na ? checkupSession : { api: "FormSession.set", op: (i) => (sink ^= checkupSession.set("guards[2].id_number", ids[i % 3]) ? 1 : 0) },
    {
      op: (i) => {
        liveCheckup.guards[2].id_number = ids[i % 3];
        sink ^= forms.checkup(liveCheckup, clock).valid;
      },
    },
  );
  for (const s of [checklistSession, checkupSession]) if (!s.na && has(s, "free")) s.free();

  // ------------------------------------------------------------ risk register, 10 … 10,000 rows
  const reg = tryEngine(() => {
    const f = engineForm(engine, "risk-register", REGISTER_OPTIONS);
    f.validate(register(1)); // today's pkg throws "not available in this version" here
    return f;
  });
  {
    const r = register(24, { errors: true });
    checks.push(agreement("register 24 rows (2 wrong)", tryEngine(() => reg.validate(r)), forms.register(r, clock)));
  }
  const inserted = registerRow(30000);
  const paste = pasteRows(BATCH);
  for (const n of SIZES) {
    if (!wanted(`register.${n}`)) continue;
    const big = n >= 10000;
    const budgetMs = big ? 400 : n >= 1000 ? 300 : 250;
    const clean = register(n);
    const faulty = register(n, { errors: true });
    const data = register(n); // the Ajv side's live form
    const session = filled(reg, data);
    const method = (name) => (session.na ? session : has(session, name) ? null : na(`FormSession.${name} is missing`));
    const prefix = `register ${n.toLocaleString("en")} rows`;

    for (const row of n > 10 ? [5, n / 2] : [5]) {
      const values = descriptionCycle(row); // clean, blank (required), the neighbour's (duplicate_hazard on both)
      const path = `rows[${row}].description`;
      await line(
        `register.${n}.key.${row}`,
        `${prefix}: keystroke ${path}`,
        method("set") ?? { api: "FormSession.set", op: (i) => (sink ^= session.set(path, values[i % 3]) ? 1 : 0) },
        {
          op: (i) => {
            data.rows[row].description = values[i % 3];
            sink ^= forms.register(data, clock).valid;
          },
          cleanup: null,
        },
        { budgetMs },
      );
      data.rows[row].description = values[0];
      if (!session.na) tryEngine(() => session.set(path, values[0]));
    }
    for (const [what, form] of [["clean", clean], ["1 row in 12 wrong", faulty]]) {
      await line(
        `register.${n}.full.${what === "clean" ? "clean" : "faulty"}`,
        `${prefix}: full validation, ${what}`,
        reg.na ? reg : { api: reg.api, op: () => (sink ^= reg.validate(form).valid) },
        { op: () => (sink ^= forms.register(form, clock).valid) },
        { budgetMs },
      );
    }
    // A register at the row limit (10,000) takes no more rows (the engine answers too_many_rows
    // and inserts nothing): the insert lines start one row below it, untimed, so an insert is one.
    const atLimit = n >= ROW_LIMIT;
    const last = atLimit ? data.rows.pop() : null;
    if (atLimit && !session.na) tryEngine(() => session.removeRow("rows", n - 1));
    const len = data.rows.length;
    await line(
      `register.${n}.insert0`,
      `${prefix}: insertRow at 0 (removed untimed)${atLimit ? ", into 9,999 rows" : ""}`,
      method("insertRow") ?? { api: "FormSession.insertRow", op: () => (sink ^= session.insertRow("rows", 0, inserted) ? 1 : 0), cleanup: () => session.removeRow("rows", 0) },
      {
        op: () => {
          data.rows.unshift(inserted);
          sink ^= forms.register(data, clock).valid;
        },
        cleanup: () => data.rows.shift(),
      },
      { budgetMs },
    );
    await line(
      `register.${n}.paste`,
      `${prefix}: insertRows of ${BATCH} at the end (removed untimed)`,
      (atLimit ? na(`past the ${ROW_LIMIT.toLocaleString("en")}-row limit the engine takes no more rows (too_many_rows)`) : null) ??
        method("insertRows") ?? {
          api: "FormSession.insertRows",
          op: () => (sink ^= session.insertRows("rows", len, paste) ? 1 : 0),
          cleanup: () => {
            for (let j = BATCH - 1; j >= 0; j--) session.removeRow("rows", len + j);
          },
        },
      {
        op: () => {
          data.rows.push(...paste);
          sink ^= forms.register(data, clock).valid;
        },
        cleanup: () => (data.rows.length = len),
      },
      { budgetMs, minSamples: big ? 4 : 5 },
    );
    if (atLimit) {
      data.rows.push(last);
      if (!session.na) tryEngine(() => session.insertRow("rows", n - 1, last));
    }
    await line(
      `register.${n}.day`,
      `${prefix}: day change (setNow next day / back)`,
      method("setNow") ?? { api: "FormSession.setNow", op: (i) => (sink ^= session.setNow(i % 2 ? NOW : NEXT_DAY) ? 1 : 0) },
      { op: (i) => (sink ^= forms.register(data, i % 2 ? clock : nextClock).valid) },
      { budgetMs },
    );
    if (!session.na && has(session, "free")) session.free();
  }
  // ------------------------------------------------------------ the register as a definition, 10 and 10,000 rows
  // The same register read from forms/risk-register.json: whether its keystroke stays flat from 10
  // to 10,000 rows when the form is data (issue 22), beside the same Ajv side.
  const definedReg = wanted("register.def") ? tryEngine(() => engineForm(engine, REGISTER_DEFINITION, REGISTER_OPTIONS)) : null;
  for (const n of definedReg ? [10, 10000] : []) {
    const budgetMs = n >= 10000 ? 400 : 250;
    const clean = register(n);
    const data = register(n);
    const session = filled(definedReg, data);
    const row = n / 2;
    const values = descriptionCycle(row);
    const path = `rows[${row}].description`;
    const prefix = `register ${n.toLocaleString("en")} rows from its definition`;
    await line(
      `register.def.${n}.key`,
      `${prefix}: keystroke ${path}`,
      session.na ? session : { api: "FormSession.set", op: (i) => (sink ^= session.set(path, values[i % 3]) ? 1 : 0) },
      {
        op: (i) => {
          data.rows[row].description = values[i % 3];
          sink ^= forms.register(data, clock).valid;
        },
      },
      { budgetMs },
    );
    await line(
      `register.def.${n}.full`,
      `${prefix}: full validation, clean`,
      definedReg.na ? definedReg : { api: definedReg.api, op: () => (sink ^= definedReg.validate(clean).valid) },
      { op: () => (sink ^= forms.register(clean, clock).valid) },
      { budgetMs },
    );
    if (!session.na && has(session, "free")) session.free();
  }
  if (!dailySession.na && has(dailySession, "free")) dailySession.free();
  return { lines, checks, sink };
}
