// Test data shared by every benchmark side (engine and Ajv, Node and Chromium): a valid Wenzhou daily
// report, risk registers of any size, a Wenzhou inspection checklist and a Jiangsu security check-up, deterministic (no randomness), values as strings, as a
// browser's fields give them.

/** The simulated server time: inside Wenzhou's 2021 key period, before the 16:00 deadline. */
export const NOW = "2021-06-22T15:40:00+08:00";
/** The same minute one day later (a day change moves `rows[i].overdue`). */
export const NEXT_DAY = "2021-06-23T15:40:00+08:00";
export const DAILY_OPTIONS = { profile: "zhejiang-wenzhou-2021", now: NOW };
export const REGISTER_OPTIONS = { profile: "jiangsu-2019", now: NOW };
export const CHECKLIST_OPTIONS = { profile: "zhejiang-wenzhou-2021", now: NOW };
export const CHECKUP_OPTIONS = { profile: "jiangsu-2019", now: NOW };

/** Wenzhou's eight categories (CONTRACT.md), in the form's order. */
export const DAILY_CATEGORIES = [
  ["school_buildings", "校舍安全"],
  ["gas", "燃气安全"],
  ["campus_security", "校园安防"],
  ["fire", "消防安全"],
  ["traffic", "交通安全"],
  ["food_hygiene", "食品安全与卫生"],
  ["laboratory", "实验室安全"],
  ["surroundings", "校园周边环境"],
];

/** The risk register's categories: the daily report's eight plus seed 004's kinds. */
export const REGISTER_CATEGORIES = [
  ...DAILY_CATEGORIES,
  ["relocation", "学校搬迁改造"],
  ["staff_pay", "教职工待遇"],
  ["admission", "入学入园"],
  ["mental_health", "师生心理疾病"],
  ["mental_disorder_person", "易肇事肇祸精神障碍患者"],
  ["drug_user", "吸毒人员"],
  ["released_prisoner", "刑满释放人员"],
  ["revenge_threat", "心态失衡、扬言报复社会人员"],
  ["other", "其他"],
];

/** A valid daily report of a Wenzhou school on 2021-06-22 (cumulative counts, some hazards open). */
export function dailyReport() {
  const counts = [
    ["12", "10", "已设置警示标识，专人每日巡查，暑期安排加固"],
    ["3", "3", ""],
    ["5", "4", "门卫室增派保安一名，加强上下学时段巡逻"],
    ["8", "6", "灭火器已报修，临时调配邻近楼层器材"],
    ["2", "2", ""],
    ["4", "3", "食堂冷库温控器待更换，每日两次人工记录温度"],
    ["6", "6", ""],
    ["7", "5", "已函告属地派出所和城管，上下学时段联合值守"],
  ];
  const rows = {};
  DAILY_CATEGORIES.forEach(([id], i) => {
    const [found, fixed, measures] = counts[i];
    rows[id] = { found, fixed, measures };
  });
  rows.gas.unfixed = "0"; // a portal that lets the officer type 未整治 (checked, not overwritten)
  return { unit: "温州市第二十一中学", report_date: "2021-06-22", filled_by: "林晓燕", reviewed_by: "陈建国", leader: "王立新", rows };
}

const HAZARDS = [
  "教学楼楼梯扶手松动，存在坠落隐患",
  "食堂燃气管道接口老化，有轻微漏气",
  "校门口缺少硬质防冲撞设施",
  "消防通道堆放杂物，影响疏散",
  "上下学时段校门口交通拥堵，无交警值守",
  "食堂冷库温控失灵，食材存放超温",
  "化学实验室危化品未双人双锁管理",
  "校园周边有无证流动摊贩",
  "宿舍楼部分灭火器过期未更换",
  "监控摄像头夜间画面不清，存储不足30天",
  "围墙局部破损，夜间可翻越进入",
  "配电房门锁损坏，无警示标识",
  "学生心理辅导室无专职教师",
  "周边网吧接纳未成年人",
  "校车座位安全带损坏",
  "体育器材室单杠底座锈蚀",
];
const MEASURES = [
  "设置警示标识，落实专人巡查，限期维修加固",
  "关闭阀门停用，联系燃气公司更换管件",
  "申请专项经费，安装升降式防冲撞柱",
  "清理杂物，划定禁放区域并每日检查",
  "函告交警大队，上下学时段安排护学岗",
  "更换温控器，临时改用冷柜分存并记录温度",
  "落实双人双锁，建立领用登记台账",
  "联合城管、市场监管部门开展清理整治",
];
const INTERIM = ["专人看护，每日两次巡查记录", "临时封闭区域，设置警戒线", "增派保安值守，夜间加密巡逻", "张贴警示，暂停使用"];
const PEOPLE = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周涛", "吴霞", "徐明", "孙丽", "马超", "朱红", "胡军", "郭晶"];
const BUILDINGS = ["教学楼", "实验楼", "综合楼", "学生宿舍", "食堂", "体育馆", "行政楼", "图书馆"];
const STATIONS = ["鹿城派出所", "南郊派出所", "五马派出所", "滨江派出所", ""];

const DAY = 86400000;
const BASE = Date.UTC(2021, 5, 22); // 2021-06-22, the benchmark's today
function isoDay(offset) {
  return new Date(BASE + offset * DAY).toISOString().slice(0, 10);
}
function chineseDay(offset) {
  const d = new Date(BASE + offset * DAY);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/**
 * Row `i` of a register. Rows 2k and 2k+1 share a place (two hazards in one room), so setting row
 * i's description to row (i ^ 1)'s makes a duplicate pair appear; descriptions of neighbours differ.
 */
export function registerRow(i) {
  const foundOffset = -((i * 7) % 50) - 1; // found between 2021-05-03 and 2021-06-21
  const done = i % 3 !== 0;
  const deadlineOffset = done ? foundOffset + 15 + (i % 20) : i % 9 === 0 ? 0 : foundOffset + 10 + ((i * 5) % 60); // some in progress are due today: a day change makes them overdue
  const [category, wording] = REGISTER_CATEGORIES[i % REGISTER_CATEGORIES.length];
  const row = {
    police_station: STATIONS[i % STATIONS.length],
    description: HAZARDS[i % HAZARDS.length],
    place: `${BUILDINGS[(i >> 1) % BUILDINGS.length]}${((i >> 4) % 6) + 1}层${1000 + (i >> 1)}室`,
    category: i % 5 === 4 ? wording : category,
    found_on: i % 4 === 1 ? chineseDay(foundOffset) : isoDay(foundOffset),
    measures: MEASURES[i % MEASURES.length],
    responsible: PEOPLE[i % PEOPLE.length],
    deadline: isoDay(deadlineOffset),
    supervisor: PEOPLE[(i + 5) % PEOPLE.length],
    status: done ? (i % 2 ? "done" : "已完成") : i % 2 ? "in_progress" : "正在整改中",
    completed_on: done ? isoDay(Math.min(foundOffset + 3 + (i % 10), 0)) : "",
    interim_measures: done ? "" : INTERIM[i % INTERIM.length],
  };
  return row;
}

/** The kinds of mistake spread over a register, one row in 12. */
const MISTAKES = [
  (r) => (r.description = ""), // required
  (r) => (r.deadline = "2021-04-01"), // before found_on
  (r) => ((r.status = "done"), (r.completed_on = ""), (r.interim_measures = "")), // done without a completion date
  (r) => ((r.status = "in_progress"), (r.completed_on = ""), (r.interim_measures = "")), // no interim measures
  (r) => (r.category = "火灾"), // not a category
  (r) => (r.found_on = "2021-06-30"), // in the future
  (r) => (r.found_on = "2021-02-30"), // no such day
  (r) => (r.responsible = ""), // required
  (r) => (r.measures = "加强管理".repeat(130)), // 520 characters, over 500
  (r) => ((r.status = "done"), (r.completed_on = "2021/4/1")), // completed before found
];

/** A register of `n` rows: clean, or with one row in 12 wrong (`errors: true`). */
export function register(n, { errors = false } = {}) {
  const rows = [];
  for (let i = 0; i < n; i++) {
    const row = registerRow(i);
    if (errors && i % 12 === 11) MISTAKES[((i / 12) | 0) % MISTAKES.length](row);
    rows.push(row);
  }
  return { unit: "温州市第二十一中学", report_date: "2021-06-22", inspected_by: "陈建国", signed_by: "王立新", rows };
}

/** Rows to paste (a batch insert), distinct from every row of `register(n)` for n ≤ 20,000. */
export function pasteRows(count, from = 20000) {
  return Array.from({ length: count }, (_, j) => registerRow(from + j));
}

/** The values a keystroke alternates between on `rows[i].description`: clean, blank (error), duplicate of the neighbour (warning). */
export function descriptionCycle(i) {
  return [registerRow(i).description, "", registerRow(i ^ 1).description];
}

/** Item 9's equipment (CONTRACT.md), sub-answer ids and the checklist's wording: 1 per person on duty, steel forks 2 sets. */
export const EQUIPMENT = [
  ["helmet", "防暴头盔（1顶/人）"],
  ["shield", "防护盾牌（1副/人）"],
  ["stab_vest", "防刺背心（1套/人）"],
  ["cut_gloves", "防割手套（1副/人）"],
  ["baton", "橡胶警棍（1支/人）"],
  ["flashlight", "强光电筒（1只/人）"],
  ["spray", "自卫喷雾剂（1支/人）"],
  ["steel_fork", "安全钢叉2套"],
];

/**
 * A Wenzhou school's supervision checklist, inspected on 2021-06-22: three campuses of a mixed
 * boarding/day school (required guards 6 + 5 + 4 = 15, all staffed), items 9 (one steel fork of two),
 * 12 and 16 answered 否, so a rectification deadline is given. Valid, with nothing to warn about.
 */
export function inspectionChecklist() {
  const items = {};
  for (let n = 1; n <= 18; n++) items[n] = "是";
  items[12] = "否";
  items[16] = "否";
  items[9] = { helmet: "是", shield: "是", stab_vest: "是", cut_gloves: "是", baton: "是", flashlight: "是", spray: "是", steel_fork: "否" };
  return {
    school: "温州市第二十一中学",
    principal: "王立新",
    address: "温州市鹿城区学院中路2号",
    phone: "0577-88631011",
    boarding: "走读寄宿混合",
    campuses: [
      { name: "本部", headcount: "1,200", guards: "6" }, // 2 + ⌈1100 / 300⌉ = 6
      { name: "南校区", headcount: "８００", guards: "5" }, // full-width digits: 2 + ⌈700 / 300⌉ = 5
      { name: "初中部", headcount: 450, guards: "4" }, // typed: 2 + ⌈350 / 300⌉ = 4
    ],
    items,
    on_duty: "3",
    equipment: { helmet: "3", shield: "3", stab_vest: "3", cut_gloves: "4", baton: "3", flashlight: "3", spray: "3", steel_fork: "1" },
    video_retention_days: "30",
    clock_error_seconds: "10",
    inspection_date: "2021年6月22日",
    rectification_deadline: "2021-07-15",
    inspectors: "陈建国、林晓燕",
    signatory: "王立新",
  };
}

/** The values a keystroke alternates between on `campuses[1].guards` (5 required): short (suggested.4 "no", item 4 contradicted), enough, exact. */
export const GUARDS_CYCLE = ["4", "6", "5"];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A resident ID (GB 11643): the 17 digits given plus their MOD 11-2 check digit. */
export function residentId(digits17) {
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += +digits17[k] * ID_WEIGHTS[k];
  return digits17 + "10X98765432"[sum % 11];
}

/** A Jiangsu school's security check-up (2021-06-22), six licensed guards: three by age, three by ID, one of them 53 (a warning). */
export function securityCheckup() {
  return {
    unit: "南京市玄武区教育局",
    report_date: "2021-06-22",
    school: "南京市玄武区第一中学",
    police_station: "玄武门派出所",
    location: "城区",
    closed_management: "是",
    alarm_linked: "是",
    video_linked: "yes",
    anti_ramming: "是",
    alarm_button: "有效",
    guard_post: "治安岗",
    guards: [
      { name: "张伟", licensed: "是", age: "45" },
      { name: "王强", licensed: "是", id_number: residentId("32010219750312031") }, // 46
      { name: "李军", licensed: "是", id_number: residentId("32010419800815123") }, // 40
      { name: "赵刚", licensed: "是", age: "38" },
      { name: "刘明", licensed: "是", id_number: residentId("32011319680405201") }, // 53: over 50, a warning
      { name: "陈华", licensed: true, age: 29 },
    ],
  };
}

/** The values a keystroke alternates between on `guards[2].id_number`: valid, wrong check digit (error, age gone), another valid one (age 29). */
export function idCycle() {
  const valid = residentId("32010419800815123");
  const wrong = valid.slice(0, 17) + String((+valid[17] + 1) % 10);
  return [valid, wrong, residentId("32010519920228002")];
}

/** Compiles every form's validators, as a portal does once at start (part of "module start"). */
export function compileValidators(engine) {
  if (typeof engine.Validator !== "function") return;
  new engine.Validator("daily-report", DAILY_OPTIONS);
  for (const [kind, options] of [["risk-register", REGISTER_OPTIONS], ["inspection-checklist", CHECKLIST_OPTIONS], ["security-checkup", CHECKUP_OPTIONS]]) {
    try {
      new engine.Validator(kind, options);
    } catch {
      // not available in this version: the start covers what exists
    }
  }
}
