// A portal page written the layui 2.x way (its own script, as provincial and district portals
// write them): layui's form module renders the selects and radios as its own widgets, the page's
// buttons add and remove campus rows, and the form is sent with $.ajax from form.on('submit(…)'),
// which returns false, so the browser never submits the form and no submit listener can stop it.
//
// The drop-in comes in with a field map (the portal's names → the engine's paths) and a dynamic
// import that fails open; the submit callback asks its controller before sending.
const FIELDS = {
  xxmc: "school",
  zyfzr: "principal",
  dz: "address",
  lxdh: "phone",
  bxlx: "boarding",
  "xq[i][mc]": "campuses[i].name",
  "xq[i][rs]": "campuses[i].headcount",
  "xq[i][ba]": "campuses[i].guards",
  "xq[i][lx]": "campuses[i].boarding",
  "xq[i][yp]": "campuses[i].required_guards",
  yphj: "required_guards_total",
  jy4: "suggested.4",
  zqrs: "on_duty",
  jy9: "suggested.9",
  spbc: "video_retention_days",
  spwc: "clock_error_seconds",
  gzhf: "fault_restore_hours",
  jy10: "suggested.10",
  wtxh: "failed_items_text",
  zgqx: "rectification_deadline",
  bjcdw: "signatory",
  jcry: "inspectors",
  jcrq: "inspection_date",
};
for (let n = 1; n <= 18; n++) FIELDS[`x${n}`] = `items.${n}`;
const EQUIPMENT = { tk: "helmet", dp: "shield", bx: "stab_vest", st: "cut_gloves", jg: "baton", dt: "flashlight", pw: "spray", gc: "steel_fork" };
for (const [k, path] of Object.entries(EQUIPMENT)) {
  FIELDS[`zb_${k}`] = `equipment.${path}`;
  FIELDS[`x9_${k}`] = `items.9.${path}`;
}

const el = document.querySelector("#jcqd");

// The drop-in: a failed import leaves the page exactly as it was.
const ready = import("/static/ssf/attach.js")
  .then(({ attach }) => attach(el, { kind: "inspection-checklist", profile: "zhejiang-wenzhou-2021", now: el.dataset.now, fields: FIELDS, ...portalSession() }))
  .catch(() => null);

layui.use(["form", "jquery"], () => {
  const form = layui.form;
  const $ = layui.$;
  const rows = $("#campuses");

  // Campus rows, renumbered after every change as a PHP back end expects (xq[0][…], xq[1][…] …).
  const renumber = () =>
    rows.children("tr").each((i, tr) => {
      $(tr).find("[name]").each((_, input) => (input.name = input.name.replace(/^xq\[\d+\]/, `xq[${i}]`)));
    });
  $("#add-campus").on("click", () => {
    const row = $(document.querySelector("#campus-row").content.cloneNode(true).firstElementChild);
    row.find("[name$='[mc]']").val("");
    rows.append(row);
    renumber();
    form.render(row.find("select")); // layui draws the new row's select
    row.find("input").first().trigger("focus");
  });
  rows.on("click", ".remove-campus", function () {
    $(this).closest("tr").remove();
    renumber();
  });

  const status = $("#status");
  const show = (html) => {
    const page = new DOMParser().parseFromString(html, "text/html");
    const body = $("#answer tbody").empty();
    for (const tr of [...page.querySelectorAll("#posted tr")].slice(1)) {
      body.append($("<tr>").append($("<td>").text(tr.cells[0].textContent), $("<td>").text(tr.cells[1].textContent)));
    }
    $("#answer").prop("hidden", false);
  };
  const send = (field) =>
    $.ajax({ url: "/submit", type: "POST", data: field, dataType: "text" })
      .done((html) => {
        show(html);
        status.text("已报送");
      })
      .fail((xhr) => status.text(`提交失败（${xhr.status}）`));

  // layui's own submit: it runs from the button's click and returns false (no browser submit), so
  // the portal asks the drop-in first.
  form.on("submit(tijiao)", (data) => {
    ready.then(async (controller) => {
      if (controller) {
        const result = await controller.validate();
        if (!result.valid) {
          status.text(`有 ${result.issues.filter((i) => i.severity === "error").length} 处错误，请更正后再提交`);
          return;
        }
      }
      status.text("正在提交…");
      send(data.field);
    });
    return false;
  });
});

/** The portal's user and per-session draft key, which a real portal's server renders into the page
 *  from its login session; the demo takes them from ?user= and ?key=. */
function portalSession() {
  const q = new URLSearchParams(location.search);
  return { user: q.get("user") || undefined, draftKey: q.get("key") || undefined };
}
