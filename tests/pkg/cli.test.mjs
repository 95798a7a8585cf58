// The `ssf` command (src/bin/ssf, built by scripts/test with `--features cli`) gives what the
// release wasm gives, on every fixture: `check --json` what validate() returns, `roll-up` what
// aggregate() returns (issue 23: "results identical to the wasm's on the fixtures").
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { initSync, validate, aggregate, Validator } from "../../pkg/school_safety_forms.js";

initSync({ module: readFileSync(new URL("../../pkg/school_safety_forms_bg.wasm", import.meta.url)) });
const SSF = fileURLToPath(new URL(`../../target/debug/ssf${process.platform === "win32" ? ".exe" : ""}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "ssf-cli-"));

const flags = (kind, options) => ["--kind", kind, ...(options.profile ? ["--profile", options.profile] : []), ...(options.now ? ["--now", options.now] : []), ...(options.locale === "en" ? ["--en"] : [])];
const fixtures = readdirSync(new URL("../fixtures/", import.meta.url)).flatMap((kind) =>
  readdirSync(new URL(`../fixtures/${kind}/`, import.meta.url)).map((f) => ({ file: `${kind}/${f}`, ...JSON.parse(readFileSync(new URL(`../fixtures/${kind}/${f}`, import.meta.url), "utf8")) })),
);

test("ssf check --json gives validate()'s issues and computed values on every fixture", () => {
  for (const fx of fixtures) {
    const file = join(dir, fx.file.replace("/", "-"));
    writeFileSync(file, JSON.stringify(fx.data));
    const run = spawnSync(SSF, ["check", "--json", ...flags(fx.kind, fx.options ?? {}), file], { encoding: "utf8" });
    assert.ok(run.status === 0 || run.status === 1, `${fx.file}: exit ${run.status}: ${run.stderr}`);
    const [got] = JSON.parse(run.stdout);
    const want = validate(fx.kind, fx.data, fx.options ?? {});
    assert.equal(run.status, want.valid ? 0 : 1, fx.file);
    assert.deepEqual({ valid: got.valid, issues: got.issues, computed: got.computed }, { valid: want.valid, issues: want.issues, computed: want.computed }, fx.file);
  }
});

test("ssf roll-up gives aggregate()'s result: the daily reports, the check-ups and the registers of the fixtures", () => {
  for (const [kind, unit] of [["daily-report", "鹿城区教育局"], ["security-checkup", "某区教育局"], ["risk-register", "某市教育局"]]) {
    const own = fixtures.filter((f) => f.kind === kind);
    const options = { ...own[0].options, unit };
    const files = own.map((fx, i) => {
      const file = join(dir, `${kind}-${i}.json`);
      // One as the portal received it, with its arrival time.
      writeFileSync(file, JSON.stringify(i === 0 ? { data: fx.data, submitted_at: "2021-06-22T15:30:00+08:00" } : fx.data));
      return file;
    });
    const out = join(dir, `${kind}-roll-up.json`);
    const run = spawnSync(SSF, ["roll-up", ...flags(kind, options), "--unit", unit, "--out", out, ...files], { encoding: "utf8" });
    assert.ok(run.status === 0 || run.status === 1, `${kind}: exit ${run.status}: ${run.stderr}`);
    const reports = own.map((fx, i) => (i === 0 ? { data: fx.data, submitted_at: "2021-06-22T15:30:00+08:00" } : fx.data));
    const want = aggregate(kind, reports, options);
    const got = JSON.parse(readFileSync(out, "utf8"));
    // Each school's issue also names the file and the school it came from, which aggregate() is
    // not given: a figure left null names who must correct it.
    for (const issue of got.issues.filter((i) => i.path.startsWith("reports["))) {
      const data = own[Number(issue.path.match(/^reports\[(\d+)\]/)[1])].data;
      assert.equal(issue.file, files[Number(issue.path.match(/^reports\[(\d+)\]/)[1])], issue.path);
      assert.equal(issue.school, [data.school, data.unit].find((v) => typeof v === "string" && v.trim())?.trim(), issue.path);
    }
    got.issues = got.issues.map(({ file, school, cell, ...issue }) => issue);
    assert.deepEqual(got, JSON.parse(JSON.stringify(want)), kind);
  }
});

test("ssf checks and rolls up a form variant from its definition or its workbook, as validate() and aggregate() do", () => {
  const json = fileURLToPath(new URL("../../www/forms/daily-report-wenzhou-funds.json", import.meta.url));
  const xlsx = fileURLToPath(new URL("../../forms/variants/daily-report-wenzhou-funds.xlsx", import.meta.url));
  const definition = JSON.parse(readFileSync(json, "utf8"));
  const school = (unit, found, fixed, funds) => ({ unit, report_date: "2021-06-22", rows: { fire: { found, fixed, measures: "围挡", funds } } });
  const reports = [school("甲校", "3", "1", "1.1"), school("乙校", "2", "0", "2.2")];
  const files = reports.map((r, i) => {
    const file = join(dir, `variant-${i}.json`);
    writeFileSync(file, JSON.stringify(r));
    return file;
  });
  const now = "2021-06-22T15:40:00+08:00";
  const checked = spawnSync(SSF, ["check", "--json", "--definition", json, "--now", now, files[0]], { encoding: "utf8" });
  assert.equal(checked.status, 1, checked.stderr);
  const [got] = JSON.parse(checked.stdout);
  const want = Validator.fromDefinition(definition, { now }).validate(reports[0]);
  assert.deepEqual({ valid: got.valid, issues: got.issues, computed: got.computed }, { valid: want.valid, issues: want.issues, computed: want.computed });
  assert.ok(got.issues.some((i) => i.path === "rows.gas.found" && i.code === "required"));
  for (const source of [json, xlsx]) {
    const out = join(dir, "variant-roll-up.json");
    const run = spawnSync(SSF, ["roll-up", "--definition", source, "--now", now, "--unit", "鹿城区教育局", "--out", out, ...files], { encoding: "utf8" });
    assert.equal(run.status, 1, run.stderr);
    const got = JSON.parse(readFileSync(out, "utf8"));
    got.issues = got.issues.map(({ file, school, cell, ...issue }) => issue);
    assert.deepEqual(got, JSON.parse(JSON.stringify(aggregate(definition, reports, { now, unit: "鹿城区教育局" }))), source);
    assert.equal(got.data.rows.fire.funds, 3.3);
  }
  const both = spawnSync(SSF, ["roll-up", "--kind", "daily-report", "--definition", json, files[0]], { encoding: "utf8" });
  assert.equal(both.status, 2);
});

test("ssf reads CSV by official titles, says which column it cannot place, and exits 2 for the caller's mistakes", () => {
  const csv = join(dir, "daily.csv");
  writeFileSync(csv, "\ufeffunit,report_date,消防安全·发现隐患数,rows.fire.fixed\n甲校,2021-06-22,2,5\n");
  const run = spawnSync(SSF, ["check", "--json", "--kind", "daily-report", "--profile", "zhejiang-wenzhou-2021", "--now", "2021-06-22T15:00:00+08:00", csv], { encoding: "utf8" });
  assert.equal(run.status, 1);
  const [got] = JSON.parse(run.stdout);
  assert.ok(got.issues.some((i) => i.path === "rows.fire.fixed" && i.code === "fixed_exceeds_found"));
  const bad = join(dir, "bad.csv");
  writeFileSync(bad, "unit,整改资金\n甲校,3\n");
  const refused = spawnSync(SSF, ["check", "--kind", "daily-report", bad], { encoding: "utf8" });
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /column "整改资金" is neither a field id nor an official title/);
  assert.equal(spawnSync(SSF, ["check", "--kind", "no-such-form", csv], { encoding: "utf8" }).status, 2);
  // JSON on standard input, JSON on standard output: how a Java or Python backend calls it.
  const piped = spawnSync(SSF, ["check", "--json", "--kind", "daily-report", "-"], { input: JSON.stringify({ unit: "甲校" }), encoding: "utf8" });
  assert.equal(piped.status, 1);
  assert.ok(JSON.parse(piped.stdout)[0].issues.some((i) => i.path === "report_date" && i.code === "required"));
});

/** A sheet has no wholly blank rows: a spare row left blank in the JSON is no row of the template. */
const withoutBlankRows = (data) => Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Array.isArray(v) ? v.filter((row) => Object.values(row).some((x) => x != null && x !== "")) : v]));

test("ssf reads the official templates (.xlsx) as it reads the JSON, each issue at its sheet!cell, and writes the 战果统计表 as .xlsx", () => {
  const xlsx = join(dir, "xlsx");
  for (const fx of fixtures.filter((f) => ["daily-report", "risk-register", "security-checkup"].includes(f.kind))) {
    const json = join(dir, `${fx.file.replace("/", "-").replace(/\.json$/, "")}.json`);
    writeFileSync(json, JSON.stringify(fx.data));
    const made = spawnSync(SSF, ["template", "--kind", fx.kind, "--out", xlsx, json], { encoding: "utf8" });
    assert.equal(made.status, 0, made.stderr);
    const file = join(xlsx, `${fx.file.replace("/", "-").replace(/\.json$/, "")}.xlsx`);
    const run = spawnSync(SSF, ["check", "--json", ...flags(fx.kind, fx.options ?? {}), file], { encoding: "utf8" });
    assert.ok(run.status === 0 || run.status === 1, `${fx.file}: ${run.stderr}`);
    const [got] = JSON.parse(run.stdout);
    const want = validate(fx.kind, withoutBlankRows(fx.data), fx.options ?? {});
    assert.deepEqual({ valid: got.valid, issues: got.issues.map(({ cell, ...i }) => i), computed: got.computed }, { valid: want.valid, issues: want.issues, computed: want.computed }, fx.file);
    for (const issue of got.issues.filter((i) => i.cell)) assert.match(issue.cell, /^(日报表|风险隐患排查表|安防体检表)![A-Z]+\d+$/, fx.file);
  }
  const registers = fixtures.filter((f) => f.kind === "risk-register");
  const files = registers.map((fx) => join(xlsx, `${fx.file.replace("/", "-").replace(/\.json$/, "")}.xlsx`));
  const options = { ...registers[0].options, unit: "某市教育局" };
  const out = join(dir, "战果统计表.xlsx");
  const run = spawnSync(SSF, ["roll-up", ...flags("risk-register", options), "--unit", options.unit, "--out", out, ...files], { encoding: "utf8" });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const want = aggregate("risk-register", registers.map((fx) => fx.data), options);
  const back = spawnSync(SSF, ["check", "--json", ...flags("campaign-statistics", registers[0].options), out], { encoding: "utf8" });
  const [stated] = JSON.parse(back.stdout);
  for (const [path, figure] of Object.entries(want.computed)) if (/^(schools_inspected|risks_|by_category\.)/.test(path)) assert.equal(stated.computed[path], figure, path);
});
