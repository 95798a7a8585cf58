// A legacy portal that cannot touch its form markup: one import and a field map from the
// portal's own names to the engine's paths; `[i]` claims every row's field (CONTRACT.md "Drop-in").
import { attach } from "/static/ssf/attach.js";

const form = document.querySelector("#checkup");
// ?definition=security-checkup runs the same form from its definition (pkg/forms/, the package's
// engine) instead of the built-in kind: the same messages, totals and rows.
const definition = new URLSearchParams(location.search).get("definition");
attach(form, {
  ...(definition ? { definition: `/static/ssf/forms/${definition}.json` } : { kind: "security-checkup" }),
  profile: "jiangsu-2019",
  now: form.dataset.now,
  user: form.dataset.user, // drafts are kept per portal user on a shared office PC
  // The portal's per-session draft key (the demo takes it from ?key=, see www/draft-key.js): drafts
  // are then sealed, personal fields included; without it, names and ID numbers stay out of them.
  draftKey: new URLSearchParams(location.search).get("key") ?? undefined,
  fields: {
    tbdw: "unit",
    tbsj: "report_date",
    xxmc: "school",
    pcs: "police_station",
    szqy: "location",
    fbgl: "closed_management",
    bjan: "alarm_button",
    bjjr: "alarm_linked",
    spjr: "video_linked",
    fcz: "anti_ramming",
    hxg: "guard_post",
    "guard[i][xm]": "guards[i].name",
    "guard[i][cz]": "guards[i].licensed",
    "guard[i][nl]": "guards[i].age",
    "guard[i][sfz]": "guards[i].id_number",
    "guard[i][csrq]": "guards[i].birth_date",
    ba_zs: "guards_total",
    ba_cz: "guards_licensed",
    ba_cl: "guards_over_age",
  },
});
