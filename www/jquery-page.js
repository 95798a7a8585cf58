// A portal page written years ago with jQuery 3, Bootstrap 3 and jquery-validation (its own script,
// not part of the drop-in): jquery-validation checks its own rules when a field is left and on
// submit (and writes aria-invalid="false" on every field it looks at, rules or not), guard rows are
// copied with jQuery's .clone() and their PHP-style names renumbered (guard[0][xm], guard[1][xm] …),
// and a form that passes is sent with $.ajax from jquery-validation's submitHandler.
//
// The drop-in comes in with a field map and a dynamic import that fails open. Nothing else changes:
// the drop-in's own submit check runs first (capture phase) and stops the submit while an error
// stands, so jquery-validation's handler, and the $.ajax, run only for a form the drop-in lets go.
import { FIELDS } from "./checkup-fields.js"; // the portal's names → the engine's paths

const el = document.querySelector("#checkup");
const ready = import("/static/ssf/attach.js")
  .then(({ attach }) => attach(el, { kind: "security-checkup", profile: "jiangsu-2019", now: el.dataset.now, user: el.dataset.user, fields: FIELDS, draftKey: portalSession().draftKey }))
  .catch(() => null); // without the module the form works as it always did

$(function () {
  const $form = $("#checkup");
  const $guards = $("#guards");

  // The portal's own rules, as it had them before the drop-in came: jquery-validation's messages
  // (messages_zh.js) in a Bootstrap help-block, the form group marked has-error.
  $form.validate({
    errorElement: "span",
    errorClass: "help-block",
    highlight: (input) => $(input).closest(".form-group, td").addClass("has-error"),
    unhighlight: (input) => $(input).closest(".form-group, td").removeClass("has-error"),
    errorPlacement: (error, input) => error.insertAfter(input.is(":radio") ? input.closest("fieldset").children().last() : input),
    rules: {
      tbdw: { required: true, maxlength: 100 },
      tbsj: { required: true, dateISO: true },
      xxmc: { required: true, maxlength: 100 },
      pcs: "required",
    },
    submitHandler(form) {
      const $status = $("#status").text("正在提交…");
      $.ajax({ url: form.action, type: "POST", data: $(form).serialize(), dataType: "text" })
        .done((html) => {
          show(html);
          $status.text("已报送");
          ready.then((c) => c?.submitted()); // the draft can go
        })
        .fail((xhr) => $status.text(`提交失败（${xhr.status}）`));
      return false;
    },
  });
  // Guard rows come and go, so their rules go by class: an age is a whole number.
  $.validator.addClassRules("nl", { digits: true });

  // Guard rows, renumbered after every change as the PHP back end expects.
  const renumber = () =>
    $guards.children("tr").each((i, tr) => {
      $(tr).find("[name]").each((_, input) => (input.name = input.name.replace(/^guard\[\d+\]/, `guard[${i}]`)));
    });
  $("#add-guard").on("click", () => {
    const $row = $guards.children("tr").last().clone();
    $row.find("input, select").val("");
    $row.find(".help-block").remove(); // jquery-validation's message of the row copied
    $row.find(".has-error").removeClass("has-error");
    $guards.append($row);
    renumber();
    $row.find("input").first().trigger("focus");
  });
  $guards.on("click", ".remove-guard", function () {
    if ($guards.children("tr").length === 1) return; // the table keeps one row to copy
    $(this).closest("tr").remove();
    renumber();
  });

  function show(html) {
    const page = new DOMParser().parseFromString(html, "text/html");
    const $body = $("#answer tbody").empty();
    for (const tr of [...page.querySelectorAll("#posted tr")].slice(1)) {
      $body.append($("<tr>").append($("<td>").text(tr.cells[0].textContent), $("<td>").text(tr.cells[1].textContent)));
    }
    $("#answer").prop("hidden", false);
  }
});

/** The portal's user and per-session draft key, which a real portal's server renders into the page
 *  from its login session; the demo takes them from ?user= and ?key=. */
function portalSession() {
  const q = new URLSearchParams(location.search);
  return { user: q.get("user") || undefined, draftKey: q.get("key") || undefined };
}
