// Ajv in Node, as a portal's Node code would use it: `new Ajv` + ajv-errors, compile both schemas.
// Also generates the standalone module (no `new Function` at run time) that Chromium runs.
import Ajv from "ajv";
import ajvErrors from "ajv-errors";
import { AJV_OPTIONS, dailySchema, registerSchema, registerRowSchema, makeForms } from "./ajv-forms.mjs";

/** Compiles the schemas: `{ daily, register, makeClock }`, each form `(data, clock) → { valid, issues, computed }`. */
export function compileForms() {
  const ajv = new Ajv(AJV_OPTIONS);
  ajvErrors(ajv);
  return makeForms({ daily: ajv.compile(dailySchema), register: ajv.compile(registerSchema), registerRow: ajv.compile(registerRowSchema) });
}

/** The ES module source of the validators (`export const daily`, `register`, `registerRow`), for the browser. */
export async function standaloneSource() {
  const { default: standaloneCode } = await import("ajv/dist/standalone/index.js"); // not part of the timed Node start
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true } });
  ajvErrors(ajv);
  ajv.addSchema(dailySchema).addSchema(registerSchema).addSchema(registerRowSchema);
  return standaloneCode(ajv, { daily: "daily-report", register: "risk-register", registerRow: "risk-register-row" });
}
