// The portal's own page script (not part of the drop-in): its buttons add and remove guards and
// renumber the PHP-style names (guard[0][xm], guard[1][xm], …) as legacy portals do.
const body = document.querySelector("#guards");

function renumber() {
  [...body.rows].forEach((row, i) => {
    for (const el of row.querySelectorAll("[name]")) el.name = el.name.replace(/^guard\[\d+\]/, `guard[${i}]`);
  });
}

document.querySelector("#add-guard")?.addEventListener("click", () => {
  const row = body.rows[0].cloneNode(true);
  for (const el of row.querySelectorAll("input, select")) el.value = "";
  body.append(row);
  renumber();
  row.querySelector("input")?.focus();
});

body?.addEventListener("click", (event) => {
  const button = event.target.closest(".remove-guard");
  if (!button) return;
  button.closest("tr").remove();
  renumber();
});

const form = document.querySelector("#checkup");
document.querySelector("#profile-switch")?.addEventListener("change", (event) => {
  form.dataset.ssfProfile = event.target.value;
});
