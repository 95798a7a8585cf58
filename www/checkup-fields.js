// The security check-up's field map shared by the demo's React, Vue 3 and jQuery portal pages, which
// post the same names as the legacy page (www/checkup.js, whose map stands inline as a portal's
// would): the portal's names → the engine's paths, `[i]` for every guard row.
export const FIELDS = {
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
};
