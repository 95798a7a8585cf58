// The portal's own page script (not part of the drop-in): its buttons add and remove campus rows,
// and its select switches the rule set. The drop-in notices both by itself.
const form = document.querySelector("form[data-ssf-form]");
const rows = document.querySelector("#campuses");
const template = document.querySelector("#campus-row");

document.querySelector("#add-campus")?.addEventListener("click", () => {
  rows.append(template.content.cloneNode(true));
  rows.lastElementChild.querySelector("input")?.focus();
});

rows?.addEventListener("click", (event) => {
  const button = event.target.closest(".remove-campus");
  if (button) button.closest("tr").remove();
});

document.querySelector("#profile-switch")?.addEventListener("change", (event) => {
  form.dataset.ssfProfile = event.target.value;
});

// The portal's per-session draft key, rendered by its server in a real portal; the demo takes ?key=
// (as www/draft-key.js does for the daily report page).
{
  const key = new URLSearchParams(location.search).get("key");
  if (key) document.querySelector("form[data-ssf-form]")?.setAttribute("data-ssf-draft-key", key);
}
