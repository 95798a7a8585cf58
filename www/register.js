// The portal's own page script (not part of the drop-in): its buttons add and remove hazard rows
// and can generate a 1,000-row register to try the form at scale. The drop-in notices rows by itself
// and, for a paste, presses the add button marked data-ssf-add="rows".
const body = document.querySelector("#rows");
const template = document.querySelector("#row-template");

document.querySelector("#add-row")?.addEventListener("click", () => body.append(template.content.cloneNode(true)));

body?.addEventListener("click", (event) => {
  const button = event.target.closest(".remove-row");
  if (button) button.closest("tr").remove();
});

const PLACES = ["北门", "南门", "食堂", "实验楼", "宿舍楼", "操场", "校门口", "图书馆"];
const WHAT = ["围墙开裂", "灭火器过期", "电线老化", "楼梯扶手松动", "监控盲区", "消防通道堵塞", "燃气管道锈蚀", "护栏高度不足"];
const CATEGORIES = ["校舍安全", "消防安全", "校园安防", "燃气安全", "交通安全", "食品安全与卫生"];

document.querySelector("#generate")?.addEventListener("click", () => {
  const fragment = document.createDocumentFragment();
  for (let i = 0; i < 1000; i++) {
    const row = template.content.cloneNode(true);
    const set = (name, value) => (row.querySelector(`[name="${name}[]"]`).value = value);
    const day = 1 + (i % 28);
    set("pcs", "城东派出所");
    set("yhms", `${WHAT[i % WHAT.length]}（第${i + 1}处）`);
    set("dd", PLACES[i % PLACES.length]);
    set("lb", CATEGORIES[i % CATEGORIES.length]);
    set("fxrq", `2021-05-${String(day).padStart(2, "0")}`);
    set("zgcs", "限期整改，专人负责");
    set("zrr", "王建国");
    set("zgsx", `2021-06-${String(day).padStart(2, "0")}`);
    set("dbr", "李明");
    set("zgqk", i % 3 ? "已完成" : "正在整改中");
    if (i % 3) set("wcrq", `2021-06-${String(Math.max(1, day - 1)).padStart(2, "0")}`);
    else set("lsfs", "设置围挡和警示标志");
    fragment.append(row);
  }
  body.append(fragment);
});

// The portal's per-session draft key, rendered by its server in a real portal; the demo takes ?key=
// (as www/draft-key.js does for the daily report page).
{
  const key = new URLSearchParams(location.search).get("key");
  if (key) document.querySelector("form[data-ssf-form]")?.setAttribute("data-ssf-draft-key", key);
}
