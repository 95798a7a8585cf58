// An attachment's configuration: defaults ← the options given to attach() ← the form's typed
// data-ssf-* attributes (as govuk-frontend merges its components' config).

/** Options from typed data-* attributes: data-ssf-form, -profile, -locale, -now, -styles, -user,
 *  -definition (a URL), -drafts ("false", "local", "session"), -draft-key, -draft-hours, -confirm-warnings ("false"
 *  turns them off) and -normalise ("true", or a date format). */
export function dataOptions(form) {
  const d = form.dataset;
  const out = {};
  if (d.ssfForm) out.kind = d.ssfForm;
  if (d.ssfDefinition) out.definition = d.ssfDefinition;
  if (d.ssfProfile) out.profile = d.ssfProfile;
  if (d.ssfLocale) out.locale = d.ssfLocale;
  if (d.ssfNow) out.now = d.ssfNow;
  if (d.ssfStyles) out.styles = d.ssfStyles !== "false";
  if (d.ssfUser) out.user = d.ssfUser;
  if (d.ssfDrafts) out.drafts = d.ssfDrafts === "local" || d.ssfDrafts === "session" ? d.ssfDrafts : d.ssfDrafts !== "false";
  // Read through the prototype: a portal's control named `getAttribute` would shadow the method.
  const draftKey = Element.prototype.getAttribute.call(form, "data-ssf-draft-key");
  if (draftKey) out.draftKey = draftKey;
  const draftHours = Element.prototype.getAttribute.call(form, "data-ssf-draft-hours");
  if (draftHours) out.draftHours = Number(draftHours);
  if (d.ssfConfirmWarnings) out.confirmWarnings = d.ssfConfirmWarnings !== "false";
  if (d.ssfNormalise) out.normalise = d.ssfNormalise === "false" ? false : d.ssfNormalise === "true" || d.ssfNormalise === "" ? true : { date: d.ssfNormalise };
  return out;
}

export const DEFAULTS = {
  kind: undefined,
  // A form written as data (docs/definitions.md): the definition object, or the URL of its JSON
  // (data-ssf-definition). The page then loads the package's engine, which reads definitions.
  definition: undefined,
  fields: {},
  profile: undefined,
  locale: undefined,
  now: undefined,
  previous: undefined,
  styles: true,
  user: undefined, // the portal's user: drafts are per user on a shared PC
  // true: kept in localStorage per `user`, in sessionStorage (the tab's life) without one;
  // "local": localStorage even without a user (shared by everyone on the browser); "session":
  // sessionStorage always; false: no drafts.
  drafts: true,
  // The portal's per-session secret (its server derives it from the login session): drafts are
  // sealed with AES-GCM under a key derived from it; the string itself is never stored.
  draftKey: undefined,
  draftHours: undefined, // how long a draft is kept; default a week (a daily report: its day)
  personal: [], // more paths to treat as personal information (`rows[i].description`)
  confirmWarnings: true, // a submit with new warnings shows them once before it sends
  normalise: false, // true, or { date: "YYYY/MM/DD" }: canonical values written back on leaving a field
  onError: (e) => console.error("school-safety-forms:", e),
};
