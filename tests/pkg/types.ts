// Compiled with `tsc --noEmit --strict` against the generated pkg/ declarations: the public API's
// types are precise enough to catch a portal's mistakes (no `any`).
import init, { validate, describe, profiles, aggregate, FormSession, Validator } from "../../pkg/school_safety_forms.js";
import type { ValidationResult, SessionChanges, Issue, FieldDescription, ProfileData, ComputedValue, RowSplice, FormDefinition, AggregateResult } from "../../pkg/school_safety_forms.js";

await init();
const r: ValidationResult = validate("daily-report", { rows: { fire: { found: "3" } } });
const valid: boolean = r.valid;
const first: Issue | undefined = r.issues[0];
const code: string | undefined = first?.code;
const severity: "error" | "warning" | undefined = first?.severity;
const total: ComputedValue | undefined = r.computed["totals.found"];

const register = new Validator("risk-register", { profile: "jiangsu-2019" });
const checked: ValidationResult = register.validate({ rows: [{ description: "围墙开裂" }] });
const rows = register.session();
const inserted: RowSplice[] | undefined = rows.insertRow("rows", 0, { description: "围墙开裂" }).rows;
rows.insertRows("rows", 1, [{ place: "北门" }]);
rows.moveRow("rows", 0, 1);
rows.removeRow("rows", 0);

const wenzhou2026: ProfileData = { id: "wenzhou-2026", extends: "zhejiang-wenzhou-2021", daily_report: { key_period: { start: "2026-06-21", end: "2026-07-05" } } };
validate("daily-report", {}, { profile: wenzhou2026, locale: "en", now: "2026-06-22T15:40:00+08:00" });

const session = new FormSession("daily-report", { profile: "jiangsu-2019" });
const changes: SessionChanges = session.set("rows.fire.found", "５");
const cleared: Issue[] | undefined = changes.issues["rows.fire.found"];
const fields: FieldDescription[] = describe("daily-report");
const label: string | undefined = fields[0]?.label["zh-CN"];
const ids: string[] = profiles().map((p) => p.id);
const district = aggregate("daily-report", [{ unit: "甲校" }], { unit: "鹿城区教育局" });
const summed: unknown = district.data;
declare const variant: FormDefinition;
const variantDistrict: AggregateResult = aggregate(variant, [], { unit: "鹿城区教育局" });

// @ts-expect-error: not a form kind of the contract
validate("daily-reports", {});
// @ts-expect-error: locale is "zh-CN" or "en"
validate("daily-report", {}, { locale: "fr" });
// @ts-expect-error: a profile's deadline is a string
validate("daily-report", {}, { profile: { id: "x", daily_report: { deadline: 16 } } });

export { valid, code, severity, total, cleared, label, ids, summed, checked, inserted };
