// Ajv in Node, as a portal's Node code would use it: `new Ajv` + ajv-errors, compile every schema.
// Also generates the standalone module (no `new Function` at run time) that Chromium runs.
import Ajv from "ajv";
import ajvErrors from "ajv-errors";
import { AJV_OPTIONS, dailySchema, registerSchema, registerRowSchema, checklistSchema, checklistCampusSchema, checkupSchema, checkupGuardSchema, makeForms } from "./ajv-forms.mjs";

/** Export name of each validator (what `makeForms` takes) and its schema. */
const SCHEMAS = { daily: dailySchema, register: registerSchema, registerRow: registerRowSchema, checklist: checklistSchema, checklistCampus: checklistCampusSchema, checkup: checkupSchema, checkupGuard: checkupGuardSchema };

/** Compiles the schemas: `{ daily, register, checklist, checkup, makeClock }`, each form `(data, clock) → { valid, issues, computed }`. */
export function compileForms() {
  const ajv = new Ajv(AJV_OPTIONS);
  ajvErrors(ajv);
  return makeForms(Object.fromEntries(Object.entries(SCHEMAS).map(([name, schema]) => [name, ajv.compile(schema)])));
}

/** The ES module source of the validators (`export const daily`, `register`, `registerRow`, `checklist`, …), for the browser. */
export async function standaloneSource() {
  const { default: standaloneCode } = await import("ajv/dist/standalone/index.js"); // not part of the timed Node start
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true } });
  ajvErrors(ajv);
  for (const schema of Object.values(SCHEMAS)) ajv.addSchema(schema);
  return standaloneCode(ajv, Object.fromEntries(Object.entries(SCHEMAS).map(([name, schema]) => [name, schema.$id])));
}
