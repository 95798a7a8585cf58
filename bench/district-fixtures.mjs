// Schools' filled templates for the district page's test and the scale benchmark: seeded, so every
// run makes the same files. Writes each school's report as JSON, then `ssf template` fills the
// official template with each (one .xlsx per school, as a school sends it).
//
//   node bench/district-fixtures.mjs --kind risk-register --schools 30 [--rows 12] [--errors 5] --out DIR [--ssf PATH]
//
// --errors N: the first N schools each carry one mistake a school makes (a blank responsible
// person, 已整治 above 发现, a category not on the list, text where a count goes) for the page to
// point at. The JSON stays in DIR/json/, the .xlsx in DIR/xlsx/.
import { mkdirSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

/** A small seeded generator (mulberry32), so the files are the same on every machine. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAILY = ["school_buildings", "gas", "campus_security", "fire", "traffic", "food_hygiene", "laboratory", "surroundings"];
const CATEGORIES = ["校舍安全", "燃气安全", "校园安防", "消防安全", "交通安全", "食品安全与卫生", "实验室安全", "校园周边环境", "学校搬迁改造", "教职工待遇", "入学入园", "师生心理疾病", "易肇事肇祸精神障碍患者", "吸毒人员", "刑满释放人员", "心态失衡、扬言报复社会人员", "其他"];
const pad = (n, w = 4) => String(n).padStart(w, "0");

/** One school's daily report (Wenzhou 2021, 2021-06-22); `mistake` picks one error to carry. */
export function dailyReport(i, mistake) {
  const r = random(1000 + i);
  const rows = {};
  for (const c of DAILY) {
    const found = Math.floor(r() * 6);
    const fixed = Math.floor(r() * (found + 1));
    rows[c] = { found: String(found), fixed: String(fixed), unfixed: String(found - fixed), ...(found > fixed ? { measures: "专人看护，限期整改" } : {}) };
  }
  if (mistake === 1) rows.fire = { found: "2", fixed: "3", unfixed: "" };
  if (mistake === 2) rows.gas.found = "两个";
  if (mistake === 3) delete rows.traffic.fixed;
  const data = { unit: `第${i + 1}中学`, report_date: "2021-06-22", rows, filled_by: "王填表", reviewed_by: "李审核", leader: "赵分管" };
  if (mistake === 4) delete data.leader;
  return data;
}

/** One school's risk register (Jiangsu 2019, September 2019) of `count` rows. */
export function register(i, count, mistake) {
  const r = random(5000 + i);
  const rows = [];
  for (let k = 0; k < count; k++) {
    const done = r() < 0.6;
    const day = 1 + Math.floor(r() * 15);
    rows.push({
      police_station: "城东派出所",
      description: `隐患${pad(k + 1)}：${["围墙破损", "消防通道堵塞", "监控盲区", "门卫值守不到位", "周边摊贩聚集"][k % 5]}`,
      place: `${["南门", "北门", "教学楼", "食堂", "操场"][Math.floor(r() * 5)]}${k + 1}号`,
      category: CATEGORIES[Math.floor(r() * CATEGORIES.length)],
      found_on: `2019-09-${pad(day, 2)}`,
      measures: "限期整改，专人负责",
      responsible: "王建国",
      deadline: `2019-09-${pad(day + 10, 2)}`,
      supervisor: "李明",
      status: done ? "已完成" : "正在整改中",
      ...(done ? { completed_on: `2019-09-${pad(day + 3, 2)}` } : { interim_measures: "加强巡查" }),
    });
  }
  if (mistake === 1 && rows[1]) delete rows[1].responsible;
  if (mistake === 2 && rows[2]) rows[2].category = "燃气泄漏";
  if (mistake === 3 && rows[0]) rows[0].found_on = "2019-02-30";
  if (mistake === 4 && rows[3]) rows[3].status = "整改完毕";
  return { unit: `江苏省某市第${i + 1}小学`, report_date: "2019-09-24", inspected_by: "赵检查", signed_by: "钱校长", rows };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kind = arg("kind", "risk-register");
  const schools = Number(arg("schools", "30"));
  const count = Number(arg("rows", "12"));
  const errors = Number(arg("errors", "0"));
  const out = arg("out", "target/district-fixtures");
  const ssf = arg("ssf", fileURLToPath(new URL("../target/release/ssf", import.meta.url)));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, "json"), { recursive: true });
  const files = [];
  for (let i = 0; i < schools; i++) {
    const mistake = i < errors ? (i % 4) + 1 : 0;
    const data = kind === "daily-report" ? dailyReport(i, mistake) : register(i, count, mistake);
    const file = join(out, "json", `school-${pad(i + 1, 5)}.json`);
    writeFileSync(file, JSON.stringify(data));
    files.push(file);
  }
  // ssf template, in chunks of files (a command line has a length limit).
  for (let at = 0; at < files.length; at += 2000) {
    const run = spawnSync(ssf, ["template", "--kind", kind, "--out", join(out, "xlsx"), ...files.slice(at, at + 2000)], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`ssf template: ${run.stderr}`);
  }
  console.error(`${schools} ${kind} .xlsx in ${join(out, "xlsx")}`);
}
