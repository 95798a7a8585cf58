// An attachment's configuration: defaults ← the options given to attach() ← the form's typed
// data-ssf-* attributes (as govuk-frontend merges its components' config).

/** Options from typed data-* attributes: data-ssf-form, -profile, -locale, -now, -styles, -user,
 *  -drafts, -confirm-warnings ("false" turns them off) and -normalise ("true", or a date format). */
export function dataOptions(form) {
  const d = form.dataset;
  const out = {};
  if (d.ssfForm) out.kind = d.ssfForm;
  if (d.ssfProfile) out.profile = d.ssfProfile;
  if (d.ssfLocale) out.locale = d.ssfLocale;
  if (d.ssfNow) out.now = d.ssfNow;
  if (d.ssfStyles) out.styles = d.ssfStyles !== "false";
  if (d.ssfUser) out.user = d.ssfUser;
  if (d.ssfDrafts) out.drafts = d.ssfDrafts !== "false";
  if (d.ssfConfirmWarnings) out.confirmWarnings = d.ssfConfirmWarnings !== "false";
  if (d.ssfNormalise) out.normalise = d.ssfNormalise === "false" ? false : d.ssfNormalise === "true" || d.ssfNormalise === "" ? true : { date: d.ssfNormalise };
  return out;
}

export const DEFAULTS = {
  kind: undefined,
  fields: {},
  profile: undefined,
  locale: undefined,
  now: undefined,
  previous: undefined,
  styles: true,
  user: undefined, // the portal's user: drafts are per user on a shared PC
  drafts: true,
  confirmWarnings: true, // a submit with new warnings shows them once before it sends
  normalise: false, // true, or { date: "YYYY/MM/DD" }: canonical values written back on leaving a field
  onError: (e) => console.error("school-safety-forms:", e),
};
