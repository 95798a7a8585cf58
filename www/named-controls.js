// A legacy portal page whose forms hold controls named as the form's own members (id, name,
// action, method, elements, and a submit button named submit): `form.id` is then the hidden record
// id input, not the form's id. Each form is attached with a field map from its own names; the
// drop-in must tell the two forms' drafts apart by their id and name attributes.
import { attach } from "/static/ssf/attach.js";

const fields = { name: "unit", tbrq: "report_date", tbr: "filled_by", shr: "reviewed_by", fgld: "leader" };
const rows = { xsaq: "school_buildings", rqaq: "gas", xyaf: "campus_security", xfaq: "fire", jtaq: "traffic", spaq: "food_hygiene", sysaq: "laboratory", zbhj: "surroundings" };
for (const [p, c] of Object.entries(rows)) Object.assign(fields, { [`${p}_fxs`]: `rows.${c}.found`, [`${p}_yzz`]: `rows.${c}.fixed`, [`${p}_wzz`]: `rows.${c}.unfixed`, [`${p}_fkcs`]: `rows.${c}.measures` });

// The page's second record form, as a portal's record list renders one per record: the same
// controls, its own name attribute (no id) and record id.
const first = document.querySelector("#report-a");
const second = first.cloneNode(true);
second.removeAttribute("id");
second.setAttribute("name", "report-b");
second.querySelector('[name="id"]').value = "1002";
first.after(second);

for (const form of [first, second]) {
  attach(form, {
    kind: "daily-report",
    profile: "zhejiang-wenzhou-2021",
    // The page's own script reads its forms' attributes with getAttribute too: form.name is a control.
    now: form.getAttribute("data-now"),
    user: form.getAttribute("data-user"),
    draftKey: new URLSearchParams(location.search).get("key") ?? undefined, // the session's key (www/draft-key.js)
    fields,
  });
}
