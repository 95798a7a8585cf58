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

// The 1,000-row example is a register as a school keeps it, valid on the server's day whatever
// that day is (dates counted back from data-ssf-now): every hazard found one to three months ago,
// two in three done (completed before today, after they were found), one in three in progress with
// its interim measures and a deadline still ahead. Three are deliberate examples of the one
// warning a real register has: in progress past their deadline (第5、500、998行 of the page, after
// its own first row; 逾期, counted in 逾期未完成). No row holds an error.
const OVERDUE = new Set([3, 498, 996]);
const DAY = 86400000;
/** The server's date (the portal's clock, not the PC's), one day back: no generated date is after
 *  today in China, whatever offset the server time was written with. */
function serverYesterday() {
  const now = document.querySelector("form[data-ssf-now]")?.getAttribute("data-ssf-now") ?? "";
  const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(now);
  const today = ymd ? Date.UTC(+ymd[1], +ymd[2] - 1, +ymd[3]) : Date.now() - (Date.now() % DAY);
  return today - DAY;
}
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

document.querySelector("#generate")?.addEventListener("click", () => {
  const fragment = document.createDocumentFragment();
  const yesterday = serverYesterday();
  for (let i = 0; i < 1000; i++) {
    const row = template.content.cloneNode(true);
    const set = (name, value) => (row.querySelector(`[name="${name}[]"]`).value = value);
    const found = yesterday - (30 + (i % 60)) * DAY; // 31 to 90 days before today
    set("pcs", "城东派出所");
    set("yhms", `${WHAT[i % WHAT.length]}（第${i + 1}处）`);
    set("dd", PLACES[i % PLACES.length]);
    set("lb", CATEGORIES[i % CATEGORIES.length]);
    set("fxrq", iso(found));
    set("zgcs", "限期整改，专人负责");
    set("zrr", "王建国");
    set("dbr", "李明");
    if (i % 3) {
      set("zgqk", "已完成");
      set("zgsx", iso(found + 30 * DAY));
      set("wcrq", iso(found + (1 + (i % 20)) * DAY)); // at most 21 days after found: before today
    } else {
      set("zgqk", "正在整改中");
      set("zgsx", iso(OVERDUE.has(i) ? found + 20 * DAY : yesterday + (11 + (i % 50)) * DAY));
      set("lsfs", "设置围挡和警示标志");
    }
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
