// The district page: the officer picks or drops the schools' files (JSON exports, CSV, the filled
// .xlsx templates, a whole folder), a worker reads and checks them (www/district-worker.js) while a
// progress bar and a cancel button show, and the page lists each school's file with what it must
// correct (sheet!cell, or the field), then the district's roll-up with its downloads. Every text a
// file brings is set as textContent, never as HTML; nothing is added to window.
const $ = (id) => document.getElementById(id);
const TITLES = { "daily-report": "日报表汇总", "risk-register": "战果统计表", "security-checkup": "“三个100%”" };
const FILE_NAMES = { "daily-report": "日报表汇总", "risk-register": "战果统计表", "security-checkup": "安防体检汇总" };
let worker = null;
let kindShown = "daily-report";

/** An element with text (never HTML) and children. */
function el(tag, text, ...children) {
  const node = document.createElement(tag);
  if (text != null) node.textContent = text;
  for (const child of children) node.append(child);
  return node;
}

/** Files from a drop: folders walked (webkitGetAsEntry), each file with its path in the folder. */
async function dropped(items) {
  const out = [];
  const walk = async (entry, prefix) => {
    if (entry.isFile) {
      const file = await new Promise((ok, fail) => entry.file(ok, fail));
      out.push({ file, path: prefix + file.name });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
        if (!batch.length) break;
        for (const e of batch) await walk(e, `${prefix}${entry.name}/`);
      }
    }
  };
  for (const entry of [...items].map((i) => i.webkitGetAsEntry?.()).filter(Boolean)) await walk(entry, "");
  return out;
}

/** One collator for every comparison: localeCompare with a locale builds one per call (0.5 s for 1,000 files). */
const byPath = new Intl.Collator("zh-CN", { numeric: true });
const wanted = (path) => /\.(xlsx|csv|json)$/i.test(path) && !/(^|\/)~\$/.test(path); // not Excel's lock files

function start(picked) {
  const files = picked.filter((f) => wanted(f.path)).sort((a, b) => byPath.compare(a.path, b.path));
  if (!files.length) return;
  worker?.terminate();
  kindShown = $("kind").value;
  const options = { profile: $("profile").value, unit: $("unit").value.trim() || undefined, now: $("now").value.trim() || undefined };
  $("schools").replaceChildren();
  $("rollup").replaceChildren();
  $("rollup-area").hidden = true;
  $("schools-area").hidden = false;
  $("progress-area").hidden = false;
  $("cancel").disabled = false;
  $("progress").max = files.length;
  $("progress").value = 0;
  $("progress-label").textContent = `正在读取 0 / ${files.length} 个文件……`;
  const tally = { files: 0, bad: 0, unreadable: 0 };
  worker = new Worker(new URL("/district-worker.js", location.href), { type: "module" });
  worker.onmessage = ({ data: msg }) => {
    if (msg.type === "files") {
      const rows = document.createDocumentFragment();
      for (const result of msg.results) rows.append(...schoolRows(result, tally));
      $("schools").append(rows);
      $("progress").value = msg.done;
      $("progress-label").textContent = `正在读取 ${msg.done} / ${files.length} 个文件……`;
      summary(tally);
    } else if (msg.type === "rollup") {
      showRollUp(msg);
      $("progress-label").textContent = `已读取 ${files.length} 个文件，共 ${msg.reports} 份报表。`;
      $("cancel").disabled = true;
    } else if (msg.type === "table") {
      download(msg);
    } else if (msg.type === "error") {
      $("progress-label").textContent = `出错：${msg.message}`;
      $("cancel").disabled = true;
    }
  };
  send(worker, files, options);
}

/** Each File with its path in the dropped folder (a File's own name has none), a few at a time,
 *  each batch in its own task: cloning 1,000 Files into one message holds the page for 0.5 s. */
async function send(to, files, options) {
  to.postMessage({ type: "start", kind: kindShown, options, total: files.length });
  for (let at = 0; at < files.length; at += 40) {
    if (worker !== to) return; // cancelled, or another folder picked
    to.postMessage({ type: "more", files: files.slice(at, at + 40) });
    await new Promise((next) => setTimeout(next, 0));
  }
  if (worker === to) to.postMessage({ type: "end" });
}

function summary(tally) {
  $("schools-summary").textContent = `已校验 ${tally.files} 个文件：${tally.bad} 个须更正，${tally.unreadable} 个无法读取。`;
}

/** A file's rows: one per report in it (one per school), or one saying why it cannot be read. */
function schoolRows(result, tally) {
  tally.files += 1;
  if (result.error) {
    tally.unreadable += 1;
    const tr = el("tr", null, el("td", result.file), el("td", "—"), el("td", "无法读取"), el("td", result.error));
    tr.cells[2].className = "bad";
    return [tr];
  }
  let bad = false;
  const rows = result.reports.map((report) => {
    const errors = report.issues.filter((i) => i.severity === "error");
    const warnings = report.issues.filter((i) => i.severity !== "error");
    bad ||= errors.length > 0;
    const verdict = errors.length ? `须更正 ${errors.length} 处错误` : warnings.length ? `通过（${warnings.length} 处提示）` : "通过";
    const list = el("ul");
    for (const issue of report.issues) {
      const item = el("li", `${issue.cell ?? issue.path}：${issue.message}`);
      if (issue.severity !== "error") item.className = "warn";
      list.append(item);
    }
    const school = typeof report.school === "string" && report.school.trim() ? report.school : "（未填单位）";
    const name = result.reports.length > 1 ? `${result.file}（第 ${report.item} 份）` : result.file;
    const tr = el("tr", null, el("td", name), el("td", school), el("td", verdict), el("td", null, list));
    tr.cells[2].className = errors.length ? "bad" : "ok";
    return tr;
  });
  if (bad) tally.bad += 1;
  return rows;
}

function showRollUp({ rollUp, lines }) {
  $("rollup-title").textContent = `汇总：${TITLES[kindShown]}${rollUp.valid ? "" : "（有学校报表须更正：受影响的数字不予汇总，显示为空）"}`;
  const rows = document.createDocumentFragment();
  for (const [path, title, value] of lines) rows.append(el("tr", null, el("td", title || path), el("td", path), el("td", value === "" ? "—" : value)));
  $("rollup").replaceChildren(rows);
  $("rollup-area").hidden = false;
}

function download({ format, bytes }) {
  const type = format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv;charset=utf-8";
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = el("a");
  a.href = url;
  a.download = `${FILE_NAMES[kindShown]}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

$("cancel").addEventListener("click", () => {
  worker?.terminate();
  worker = null;
  $("cancel").disabled = true;
  $("progress-label").textContent = `已取消：已读取 ${$("progress").value} / ${$("progress").max} 个文件，未汇总。`;
});
for (const format of ["xlsx", "csv"]) $(`download-${format}`).addEventListener("click", () => worker?.postMessage({ type: "table", format }));
for (const id of ["files", "folder"]) {
  $(id).addEventListener("change", (e) => {
    start([...e.target.files].map((file) => ({ file, path: file.webkitRelativePath || file.name })));
    e.target.value = "";
  });
}
const drop = $("drop");
drop.addEventListener("dragover", (e) => {
  e.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", async (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  start(await dropped(e.dataTransfer.items));
});
