// The release pkg/ (wasm-opt'd, as portals get it) loaded in Node through CONTRACT.md's API alone.
// wasm-bindgen tests build without wasm-opt, so only this catches a broken optimised binary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { initSync, validate, describe, profiles, aggregate, canonical, FormSession } from "../../pkg/school_safety_forms.js";

initSync({ module: readFileSync(new URL("../../pkg/school_safety_forms_bg.wasm", import.meta.url)) });

const fixtures = ["daily-report", "risk-register", "inspection-checklist", "security-checkup", "campaign-statistics"].flatMap((kind) => {
  const dir = new URL(`../fixtures/${kind}/`, import.meta.url);
  return readdirSync(dir).map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")));
});

for (const fx of fixtures) {
  test(`fixture: ${fx.name}`, () => {
    const r = validate(fx.kind, fx.data, fx.options);
    assert.equal(r.valid, fx.expect.valid);
    assert.equal(Object.getPrototypeOf(r.computed), Object.prototype, "computed is a plain object");
    for (const [path, codes] of Object.entries(fx.expect.issues)) {
      assert.deepEqual(r.issues.filter((i) => i.path === path).map((i) => i.code), codes, path);
    }
    for (const [path, v] of Object.entries(fx.expect.computed)) assert.deepEqual(r.computed[path], v, path);
  });
}

test("misuse throws a real Error; bad data never does", () => {
  assert.throws(() => validate("nope", {}, {}), (e) => e instanceof Error && /unknown form kind/.test(e.message));
  assert.throws(() => validate("daily-report", {}, { profile: { id: "x", extends: "jiangsu-2019", daily_report: { dedline: "1" } } }), /daily_report\.dedline/);
  const cyclic = { rows: {} };
  cyclic.rows.self = cyclic;
  cyclic.fn = () => 1;
  for (const data of [cyclic, null, undefined, 42, "x", [], { rows: { fire: { found: "1".repeat(100000) } } }]) {
    assert.equal(typeof validate("daily-report", data, {}).valid, "boolean");
  }
});

test("FormSession, describe, profiles and aggregate", () => {
  const s = new FormSession("daily-report", { now: "2021-06-22T15:40:00+08:00", locale: "en" });
  // A half-filled row cannot be summed: the totals are unknown rather than contradicting each other.
  assert.deepEqual(s.set("rows.fire.found", "5"), { issues: { "rows.fire.found": [] }, computed: { "totals.found": null, "totals.fixed": null, "totals.unfixed": null } });
  const c = s.set("rows.fire.fixed", "6");
  assert.equal(c.issues["rows.fire.fixed"][0].message, "Fire safety: hazards fixed cannot be more than hazards found (5)");
  assert.equal(describe("daily-report").length, 41);
  assert.deepEqual(profiles().map((p) => p.id), ["zhejiang-wenzhou-2021", "zhejiang-suichang-2016", "tianjin-jizhou-2021", "jiangsu-2019"]);
  const agg = aggregate("daily-report", [{ rows: { fire: { found: 2, fixed: 1 } } }, { rows: { fire: { found: "3", fixed: "3" } } }], {});
  assert.equal(agg.data.rows.fire.found, 5);
  assert.equal(agg.computed["rows.fire.unfixed"], 1);
  // The other categories were left blank: the district's totals are not stated (CONTRACT.md "Roll-ups").
  assert.equal(agg.computed["totals.unfixed"], null);
});

test("a province's variant rolls up as its definition declares (整改资金 summed, docs/definitions.md)", () => {
  const definition = JSON.parse(readFileSync(new URL("../../www/forms/daily-report-wenzhou-funds.json", import.meta.url), "utf8"));
  const school = (unit, found, fixed, funds) => ({ unit, report_date: "2021-06-22", rows: { fire: { found, fixed, measures: "围挡", funds } } });
  const agg = aggregate(definition, [school("甲校", "3", "1", "1.1"), { data: school("乙校", "2", 0, "2.2"), submitted_at: "2021-06-22T15:00:00+08:00" }], {
    unit: "鹿城区教育局",
    now: "2021-06-22T15:40:00+08:00",
  });
  assert.equal(agg.data.unit, "鹿城区教育局");
  assert.equal(agg.data.rows.fire.found, 5);
  assert.equal(agg.data.rows.fire.funds, 3.3);
  assert.equal(agg.data.rows.fire.measures, "甲校：围挡；乙校：围挡");
  assert.equal(agg.computed["totals.unfixed"], null, "the other categories were left blank");
  assert.equal(agg.computed["rows.fire.unfixed"], 4);
  const strip = ({ rollup, ...f }) => (f.columns ? { ...f, columns: f.columns.map(strip) } : f);
  assert.throws(() => aggregate({ ...definition, fields: definition.fields.map(strip) }, [], {}), /rollup/);
  assert.throws(() => aggregate(42, [], {}), (e) => e instanceof Error);
});

test("the district's three 100 % rates from its schools' security check-ups (seed 004)", () => {
  const schools = [
    { school: "甲小学", location: "城区", closed_management: "是", alarm_linked: "是", video_linked: "是", guards: [{ name: "王", licensed: "是", age: 40 }] },
    { school: "乙小学", location: "urban", closed_management: "否", alarm_linked: "是", video_linked: "否", guards: [] },
    { school: "丙小学", location: "乡镇农村", closed_management: "yes", alarm_linked: true, video_linked: true, guards: [] },
  ];
  const { data } = aggregate("security-checkup", schools, { profile: "jiangsu-2019", now: "2021-06-22T10:00:00+08:00" });
  assert.equal(data.schools, 3);
  assert.deepEqual([data.rates.closed_management.numerator, data.rates.closed_management.denominator], [2, 3]);
  assert.deepEqual(data.rates.police_linked.short.map((s) => s.school), ["乙小学"]);
  assert.equal(data.rates.urban_guards.denominator, 2, "rural schools are not in the urban rate");
  assert.equal(data.rates.urban_guards.percent, 50);
});

test("a district's registers roll up into the campaign statistics, which validate as their own kind (seed 004 附件3)", () => {
  const row = (status, extra = {}) => ({ description: "围墙开裂", category: "校舍安全", found_on: "2021-06-01", measures: "加固", responsible: "王", deadline: "2021-06-30", supervisor: "李", status, police_station: "城东派出所", ...extra });
  const registers = [
    { unit: "甲小学", report_date: "2021-06-20", rows: [row("已完成", { completed_on: "2021-06-10" }), row("正在整改中", { description: "电线老化", category: "消防安全", interim_measures: "断电", deadline: "2021-06-21" })] },
    { unit: "乙小学", report_date: "2021-06-20", rows: [] },
  ];
  const options = { profile: "jiangsu-2019", now: "2021-06-22T10:00:00+08:00" };
  const stats = aggregate("risk-register", registers, { ...options, unit: "某区教育局" });
  assert.equal(stats.data.schools_inspected, 2);
  assert.equal(stats.data.risks_found, 2);
  assert.equal(stats.data.risks_overdue, 1, "the deadline 06-21 has passed on 06-22");
  assert.equal(stats.computed["by_category.fire.overdue"], 1);
  const checked = validate("campaign-statistics", stats.data, options);
  assert.equal(checked.valid, true, JSON.stringify(checked.issues));
  const late = validate("campaign-statistics", { ...stats.data, report_date: "2021-06-26" }, { ...options, now: "2021-06-26T10:00:00+08:00" });
  assert.deepEqual(late.issues.map((i) => [i.path, i.code, i.severity]), [["report_date", "late_monthly_report", "warning"]]);
});

test("canonical values for the drop-in's normalise option: counts, dates, numbers written as text", () => {
  assert.equal(canonical("count", "１，２００"), "1200");
  assert.equal(canonical("date", "2021年6月22日"), "2021-06-22");
  assert.equal(canonical("text", "１３８００１３８０００"), "13800138000");
  assert.equal(canonical("text", "围墙开裂，已设警示"), undefined);
  assert.equal(canonical("count", "abc"), undefined);
  assert.equal(canonical("yes_no", "是"), undefined);
});
