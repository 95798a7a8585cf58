// A legacy portal that cannot touch its form markup: one import and a field map from the
// portal's own names to the engine's paths (CONTRACT.md "Drop-in").
import { attach } from "/static/ssf/attach.js";

const fields = {
  "xsaq_fxs": "rows.school_buildings.found",
  "xsaq_yzz": "rows.school_buildings.fixed",
  "xsaq_wzz": "rows.school_buildings.unfixed",
  "xsaq_fkcs": "rows.school_buildings.measures",
  "rqaq_fxs": "rows.gas.found",
  "rqaq_yzz": "rows.gas.fixed",
  "rqaq_wzz": "rows.gas.unfixed",
  "rqaq_fkcs": "rows.gas.measures",
  "xyaf_fxs": "rows.campus_security.found",
  "xyaf_yzz": "rows.campus_security.fixed",
  "xyaf_wzz": "rows.campus_security.unfixed",
  "xyaf_fkcs": "rows.campus_security.measures",
  "xfaq_fxs": "rows.fire.found",
  "xfaq_yzz": "rows.fire.fixed",
  "xfaq_wzz": "rows.fire.unfixed",
  "xfaq_fkcs": "rows.fire.measures",
  "jtaq_fxs": "rows.traffic.found",
  "jtaq_yzz": "rows.traffic.fixed",
  "jtaq_wzz": "rows.traffic.unfixed",
  "jtaq_fkcs": "rows.traffic.measures",
  "spaq_fxs": "rows.food_hygiene.found",
  "spaq_yzz": "rows.food_hygiene.fixed",
  "spaq_wzz": "rows.food_hygiene.unfixed",
  "spaq_fkcs": "rows.food_hygiene.measures",
  "sysaq_fxs": "rows.laboratory.found",
  "sysaq_yzz": "rows.laboratory.fixed",
  "sysaq_wzz": "rows.laboratory.unfixed",
  "sysaq_fkcs": "rows.laboratory.measures",
  "zbhj_fxs": "rows.surroundings.found",
  "zbhj_yzz": "rows.surroundings.fixed",
  "zbhj_wzz": "rows.surroundings.unfixed",
  "zbhj_fkcs": "rows.surroundings.measures",
  "dwmc": "unit",
  "tbrq": "report_date",
  "tbr": "filled_by",
  "shr": "reviewed_by",
  "fgld": "leader",
  "hj_fxs": "totals.found",
  "hj_yzz": "totals.fixed",
  "hj_wzz": "totals.unfixed",
  "zzl": "totals.fix_rate"
};

attach(document.querySelector("#report"), {
  kind: "daily-report",
  profile: "zhejiang-wenzhou-2021",
  now: document.querySelector("#server-now").textContent,
  user: document.querySelector("#report").dataset.user, // drafts are kept per portal user on a shared office PC
  draftKey: new URLSearchParams(location.search).get("key") ?? undefined, // the session's draft key (www/draft-key.js)
  // This portal's backend reads ASCII digits and ISO dates only: what the officer types (１２,
  // 2021年6月22日) is written back in that form when a field is left.
  normalise: { date: "YYYY-MM-DD" },
  fields,
});
