// The TypeScript declarations of the wasm exports' arguments and results, appended to the
// generated school_safety_forms.d.ts. tests/typescript.rs holds each result type's fields to the
// keys the engine writes, so the two cannot drift apart.
/** A form kind of the public contract. */
export type FormKind = "daily-report" | "inspection-checklist" | "security-checkup" | "risk-register" | "campaign-statistics";
/** A form written as data (docs/definitions.md): fields, tables and groups, expressions over fields. */
export interface FormDefinition {
  id: string;
  title: { zh: string; en?: string };
  source?: string;
  /** The built-in form this is a variant of: a page treats it as that form where the kind matters. */
  based_on?: "daily-report" | "inspection-checklist" | "security-checkup" | "risk-register" | "campaign-statistics";
  params?: Record<string, boolean | number | string | { id: string; zh: string; en?: string }[]>;
  choices?: Record<string, { id: string; zh: string; en?: string }[]>;
  fields: FormDefinitionField[];
  rules?: { field: string; each?: string; constraint: string; code: string; args?: string[]; severity?: "error" | "warning" }[];
  /** The form's own issue codes with their messages (`{label}`, `{0}`, `{1}`). */
  codes?: Record<string, { zh: string; en?: string; severity?: "error" | "warning" }>;
}
/** One field, table (`rows` + `columns`) or repeated group (`columns`) of a definition. */
export interface FormDefinitionField {
  id: string;
  label: { zh: string; en?: string };
  type?: "text" | "count" | "decimal" | "percent" | "date" | "yes_no" | "choice" | "phone" | "resident_id" | "list";
  required?: boolean | string;
  required_code?: string;
  required_args?: string[];
  constraint?: string;
  code?: string;
  args?: string[];
  severity?: "error" | "warning";
  calculate?: string;
  calculate_code?: string;
  choices?: string;
  max_length?: number;
  max?: number;
  checks?: string[];
  personal?: boolean;
  echo?: boolean;
  /** Its part in a district's roll-up (`aggregate(definition, reports)`). */
  rollup?: "sum" | "join" | "school" | "period";
  rows?: string;
  columns?: FormDefinitionField[];
  unique?: string[];
  unique_code?: string;
  relevant?: string;
}
/** Message language; zh-CN is the default. */
export type Locale = "zh-CN" | "en";
/** A field value as the browser gives it, or typed. */
export type FieldValue = string | number | boolean | null | undefined;
/** Form data: nested objects (`{rows: {fire: {found: "3"}}}`) or dotted paths (`{"rows.fire.found": "3"}`). */
export interface FormData { [key: string]: FieldValue | FormData | FormData[] }
/** Both languages of a label or title. */
export interface Localized { "zh-CN": string; en: string }
/** A portal-supplied profile: extends a built-in one and overrides parts of it. */
export interface ProfileData {
  id: string;
  extends?: string;
  title?: string | Localized;
  severities?: { [code: string]: "error" | "warning" | "off" };
  daily_report?: {
    categories?: { id: string; label: string | Localized }[];
    key_period?: { start: string; end: string } | null;
    deadline?: string | null;
    cumulative?: boolean;
  };
  risk_register?: { police_station_required?: boolean };
}
/** Options of validate() and FormSession. */
export interface ValidateOptions {
  /** A built-in profile id (default "zhejiang-wenzhou-2021") or a portal-supplied profile. */
  profile?: string | ProfileData;
  locale?: Locale;
  /** The portal's server time, ISO 8601 with offset ("2021-06-22T15:40:00+08:00"). */
  now?: string;
  /** The same unit's previous report, for cumulative counts. */
  previous?: FormData;
}
/** Options of aggregate(). */
export interface AggregateOptions {
  profile?: string | ProfileData;
  locale?: Locale;
  now?: string;
  /** The district's own unit name for the summed report. */
  unit?: string;
}
/** A school's report as the portal received it: lateness is judged by `submitted_at`. */
export interface ReceivedReport {
  data: FormData;
  /** When the portal received it, ISO 8601 ("2021-06-22T15:30:00+08:00"). */
  submitted_at?: string;
}
export type Severity = "error" | "warning";
export interface Issue { path: string; code: string; severity: Severity; message: string }
/** A computed value: a number, boolean, text or list, or null where not computable yet. */
export type ComputedValue = number | boolean | string | number[] | null;
/** Computed fields by path. */
export interface Computed { [path: string]: ComputedValue }
export interface ValidationResult { valid: boolean; issues: Issue[]; computed: Computed }
/** Rows inserted or removed, as Array.prototype.splice: later rows' paths move by inserted − removed. */
export interface RowSplice { group: string; index: number; removed: number; inserted: number }
/** What one FormSession operation changed: only the affected paths (an empty list means cleared),
 *  numbered after the row splices, which come first when rows moved. */
export interface SessionChanges { issues: { [path: string]: Issue[] }; computed: Computed; rows?: RowSplice[] }
export interface FieldDescription {
  path: string;
  label: Localized;
  type: "text" | "date" | "count" | "percent" | "choice" | "yes_no" | "boolean" | "list";
  required: boolean;
  computed: boolean;
  /** Personal information (a person's name, resident ID, phone number), by the form or the
   *  profile's `personal` list: the drop-in keeps it out of plain-text drafts. Absent when not. */
  personal?: true;
  /** A choice field's options: English id and official Chinese wording. */
  options?: { id: string; label: string }[];
  /** The repeated group a column belongs to ("rows"); its path reads "rows[i].column". */
  group?: string;
}
export interface ProfileInfo { id: string; title: Localized; source: string }
/** A district's roll-up. Daily reports: `data` is one report of the same shape, their sums.
 *  Security check-ups: `data` holds the "three 100 %" rates (closed_management, police_linked,
 *  urban_guards), each with the schools that fall short. Risk registers: `data` is the campaign
 *  statistics (战果统计表), which `validate("campaign-statistics", data)` checks. `computed` has the
 *  same figures flat. */
export interface AggregateResult extends ValidationResult { data: FormData | CheckupRates | CampaignStatistics }
export interface StatusCounts { found: number; done: number; in_progress: number; overdue: number }
export interface CampaignStatistics {
  unit: string | null;
  report_date: string | null;
  schools_inspected: number;
  risks_found: number;
  risks_done: number;
  risks_in_progress: number;
  risks_overdue: number;
  by_category: { [category: string]: StatusCounts };
}
export interface Rate { numerator: number; denominator: number; percent: number | null; short: { index: number; school: string | null }[] }
/** A pasted spreadsheet block: rows of cells; with a header row, the field each column fills. */
export interface PastedRows { columns: (string | null)[] | null; rows: string[][] }
export interface CheckupRates {
  unit: string | null;
  report_date: string | null;
  schools: number;
  rates: { closed_management: Rate; police_linked: Rate; urban_guards: Rate };
}
