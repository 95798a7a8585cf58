// Issue 20's first "Done when", the whole matrix: on every demo page, a form filled by each of three
// paths — a restored draft (typed, the page reloaded, 恢复草稿 pressed), a paste (through the
// clipboard, Ctrl+V: a tab-separated block into a row's first cell where the page has rows, ordinary
// text into each field where it has none) and a script fill (the prototypes' native setters, no
// event; on the React, Vue 3 and Vue 2 pages the framework's own state, which is how a portal built
// on one fills its form) — is held back with the error summary and the engine's message while one
// field is wrong, and once that field is put right by the same path, is posted (the demo server's
// /submit, by the browser's submit or the portal's fetch/$.ajax) with what was filled and the
// engine's computed figures. One browser page per page and path.
//
// Where a framework owns the values (React's controlled inputs, Vue's v-model), a native-setter
// write without events is not a way a portal fills: the framework posts its own state and renders
// it over the write at its next render, so those pages are filled through their state instead.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { start, open, messages, residentId } from "./browser.mjs";
import { PAGES, noteSaves } from "./pages.mjs";
import { VALID, nativeFill } from "./fills.mjs";
import { send } from "./drafts-submit.mjs";

let env;
before(async () => {
  // The React and Vue pages are bundled from www/react/, www/vue/ and www/element-ui/.
  execFileSync(process.execPath, [fileURLToPath(new URL("../../scripts/build-demo.mjs", import.meta.url))], { stdio: "ignore" });
  env = await start();
});
after(async () => env?.stop());

/** The portal's per-session draft key (?key= on every demo page): the draft then keeps the
 *  personal fields too (sealed), so a restored form is whole. */
const KEY = "sess-every-page-5c2e9a71d04b";

// ---- What each page is filled with -------------------------------------------------------------

/** The daily report (附件3): `bad` makes 已整治 more than 发现. */
const DAILY = {
  values: VALID,
  totals: { hj_fxs: "5", hj_yzz: "2", hj_wzz: "3", zzl: "40", xfaq_wzz: "3" },
  bad: { name: "xfaq_yzz", value: "9", code: "fixed_exceeds_found" },
};

/** Two hazards of the risk register (附件2): one done, one in progress, neither overdue. */
const HAZARDS = [
  { pcs: "城东派出所", yhms: "消防通道堆放杂物", dd: "教学楼一楼", lb: "消防安全", fxrq: "2021-06-10", zgcs: "清理杂物", zrr: "张三", zgsx: "2021-06-30", dbr: "李四", zt: "已完成", wcrq: "2021-06-12", lsfs: "" },
  { pcs: "城东派出所", yhms: "围墙破损", dd: "操场东侧", lb: "校园安防", fxrq: "2021-06-11", zgcs: "修补围墙", zrr: "王五", zgsx: "2021-07-30", dbr: "李四", zt: "正在整改中", wcrq: "", lsfs: "安排人员巡查" },
];
/** The Element UI page's dictionary codes for 隐患整改情况 (its field map's values). */
const STATUS_CODE = { 已完成: "1", 正在整改中: "0" };
const FUTURE = "2021-06-25"; // after the demo server's day, 2021-06-22: a completion date cannot be

/** The static register page: repeated names (pcs[] …), the status column named zgqk[]. Its totals
 *  are <output>s, which a form does not post: they are checked on the page. */
const REGISTER = {
  values: {
    tbdw: "南京市第一中学",
    tbsj: "2021-06-20",
    ...Object.fromEntries(Object.keys(HAZARDS[0]).map((c) => [`${c === "zt" ? "zgqk" : c}[]`, HAZARDS.map((h) => h[c])])),
    jcr: "王强",
    qzr: "李明",
  },
  totals: { hj_fx: "2", hj_wc: "1", hj_zg: "1", hj_yq: "0" },
  unposted: true,
  bad: { name: "wcrq[]", value: [FUTURE, ""], code: "date_in_future" },
  rows: { count: 2, add: "#add-row", each: '[name="pcs[]"]' },
  block: Object.keys(HAZARDS[0]).map((c) => `${c === "zt" ? "zgqk" : c}[]`),
};

/** The Vue 2 + Element UI register: Spring-style names (yh[0].zt), the status as the portal's code. */
const ELEMENT = {
  values: {
    tbdw: "南京市玄武区测试小学",
    tbsj: "2021-06-22",
    ...Object.fromEntries(HAZARDS.flatMap((h, i) => Object.entries(h).map(([c, v]) => [`yh[${i}].${c}`, c === "zt" ? STATUS_CODE[v] : v]))),
    jcr: "王建国",
    qzr: "李明",
  },
  totals: { hj_fx: "2", hj_wc: "1", hj_zg: "1", hj_yq: "0", "yh[0].yq": "0", "yh[1].yq": "0" },
  bad: { name: "yh[0].wcrq", value: FUTURE, code: "date_in_future" },
  rows: { count: 2, add: "#add-row", each: '[name$="].pcs"]' },
  block: Object.keys(HAZARDS[0]).map((c) => `yh[i].${c}`),
  /** A pasted status is its wording, as the officer's spreadsheet has it. */
  cell: { "yh[i].zt": (code) => Object.keys(STATUS_CODE).find((w) => STATUS_CODE[w] === code) ?? code },
};

/** The inspection checklist (附件5): every item 是, one campus of 800 with 2 guards (2 required). */
const ITEMS = Object.fromEntries(Array.from({ length: 18 }, (_, i) => [`x${i + 1}`, "是"]));
const SCHOOL = { xxmc: "鹿城区测试小学", zyfzr: "王建国", dz: "温州市鹿城区学院中路1号", lxdh: "0577-88880000", bxlx: "走读" };
const SIGNED = { bjcdw: "王建国", jcry: "张三、李四", jcrq: "2021-06-22" };
const CHECKLIST = {
  values: { ...SCHOOL, "xq_mc[]": ["本部"], "xq_rs[]": ["800"], "xq_ba[]": ["2"], ...ITEMS, ...SIGNED },
  totals: { "xq_yp[]": ["2"], yphj: "2" },
  bad: { name: "xq_ba[]", value: ["2.5"], code: "not_whole_number" },
  block: ["xq_mc[]", "xq_rs[]", "xq_ba[]"],
};
const LAYUI = {
  values: { ...SCHOOL, "xq[0][mc]": "本部", "xq[0][rs]": "800", "xq[0][ba]": "2", ...ITEMS, ...SIGNED },
  totals: { "xq[0][yp]": "2", yphj: "2" },
  bad: { name: "xq[0][ba]", value: "2.5", code: "not_whole_number" },
  block: ["xq[i][mc]", "xq[i][rs]", "xq[i][ba]"],
};

/** The security check-up (附件1), one guard born 1975-03-01 (46 on the server's day). */
const GUARD_ID = residentId("32010219750301123");
const CHECKUP = {
  values: {
    tbdw: "南京市玄武区教育局",
    tbsj: "2021-06-22",
    xxmc: "玄武区测试小学",
    pcs: "梅园新村派出所",
    szqy: "城区",
    fbgl: "是",
    bjan: "有效",
    bjjr: "是",
    spjr: "是",
    fcz: "是",
    hxg: "治安岗",
    "guard[0][xm]": "李建国",
    "guard[0][cz]": "是",
    "guard[0][sfz]": GUARD_ID,
  },
  totals: { "guard[0][csrq]": "1975-03-01", "guard[0][nl]": "46", ba_zs: "1", ba_cz: "1", ba_cl: "0" },
  bad: { name: "guard[0][sfz]", value: GUARD_ID.slice(0, 17) + (GUARD_ID[17] === "1" ? "2" : "1"), code: "bad_check_digit" },
  block: ["guard[i][xm]", "guard[i][cz]", "guard[i][nl]", "guard[i][sfz]"],
};

// ---- The frameworks' own state ------------------------------------------------------------------

/** React: the portal's useState setters (setValues, setGuards), found on the component's hooks, as
 *  the portal's own code calls them when it loads a record. */
const reactState = (page, values) =>
  page.evaluate((values) => {
    const root = document.querySelector("#root");
    const stack = [root[Object.keys(root).find((k) => k.startsWith("__reactContainer$"))]];
    let hooks = [];
    while (stack.length && !hooks.some((h) => h.memoizedState?.tbdw !== undefined)) {
      const fiber = stack.pop();
      if (!fiber) continue;
      hooks = [];
      for (let h = fiber.memoizedState; h && typeof h === "object" && "queue" in h; h = h.next) hooks.push(h);
      stack.push(fiber.sibling, fiber.child);
    }
    const setValues = hooks.find((h) => h.memoizedState?.tbdw !== undefined).queue.dispatch;
    const setGuards = hooks.find((h) => Array.isArray(h.memoizedState) && "xm" in (h.memoizedState[0] ?? {})).queue.dispatch;
    const head = {};
    const guards = [];
    for (const [name, value] of Object.entries(values)) {
      const cell = /^guard\[(\d+)\]\[(\w+)\]$/.exec(name);
      if (cell) (guards[cell[1]] ??= {})[cell[2]] = value;
      else head[name] = value;
    }
    setValues((v) => ({ ...v, ...head }));
    setGuards((list) => list.map((g, i) => ({ ...g, ...guards[i] })));
  }, values);

/** Vue 3: each control's v-model (its `onUpdate:modelValue`, what Element Plus calls when the officer
 *  picks), found by the control's name, or for an el-select by the hidden input after it. */
const vueState = (page, values) =>
  page.evaluate((values) => {
    const models = new Map();
    const walk = (vnode, siblings = [], at = 0) => {
      if (!vnode || typeof vnode !== "object") return;
      const update = vnode.props?.["onUpdate:modelValue"];
      const next = siblings[at + 1];
      const name = vnode.props?.name ?? (next?.type === "input" ? next.props?.name : undefined);
      if (update && name) models.set(name, update);
      if (vnode.component) walk(vnode.component.subTree);
      if (Array.isArray(vnode.children)) vnode.children.forEach((child, i) => walk(child, vnode.children, i));
    };
    walk(document.querySelector("#app").__vue_app__._instance.subTree);
    for (const [name, value] of Object.entries(values)) {
      if (!models.has(name)) throw new Error(`no v-model for ${name}`);
      models.get(name)(value);
    }
  }, values);

/** Vue 2: the page's model (`this.form`, as a RuoYi page sets it from a loaded record); a hazard row
 *  it lacks is pushed, as its 新增隐患 does. */
const elementState = (page, values) =>
  page.evaluate((values) => {
    const { form } = document.querySelector("#register").__vue__.$parent;
    for (const [name, value] of Object.entries(values)) {
      const cell = /^yh\[(\d+)\]\.(\w+)$/.exec(name);
      if (!cell) {
        form[name] = value;
        continue;
      }
      while (form.yh.length <= Number(cell[1])) form.yh.push(Object.fromEntries(Object.keys(form.yh[0]).map((k) => [k, ""])));
      form.yh[cell[1]][cell[2]] = value;
    }
  }, values);

const SPECS = {
  "/": DAILY,
  "/legacy.html": DAILY,
  "/named-controls.html": { ...DAILY, values: Object.fromEntries(Object.entries(VALID).map(([n, v]) => [n === "dwmc" ? "name" : n, v])), totals: { xfaq_wzz: "3" } },
  "/register.html": REGISTER,
  "/element-ui.html": { ...ELEMENT, state: elementState },
  "/checklist.html": CHECKLIST,
  "/layui.html": LAYUI,
  "/checkup.html": CHECKUP,
  "/jquery.html": CHECKUP,
  "/react.html": { ...CHECKUP, state: reactState },
  "/vue.html": { ...CHECKUP, state: vueState },
};

// ---- Filling ------------------------------------------------------------------------------------

/** The values the form's controls hold for `names`: a radio group's checked value, a repeated
 *  name's list (in page order), another control's value. */
const read = (page, form, names) =>
  page.locator(form).evaluate(
    (f, names) =>
      Object.fromEntries(
        names.map((n) => {
          const els = [...f.querySelectorAll(`[name="${CSS.escape(n)}"]`)];
          if (els[0]?.type === "radio") return [n, els.find((e) => e.checked)?.value ?? ""];
          return [n, n.endsWith("[]") ? els.map((e) => e.value) : els[0]?.value];
        }),
      ),
    names,
  );

/** Waits until the controls hold `values` (at most 10 s), then asserts they do. */
async function holds(page, form, values, why) {
  const names = Object.keys(values);
  let now;
  for (let tries = 0; tries < 100; tries++) {
    now = await read(page, form, names);
    if (names.every((n) => JSON.stringify(now[n]) === JSON.stringify(values[n]))) return;
    await page.waitForTimeout(100);
  }
  assert.deepEqual(now, values, why);
}

/** How each named control is filled by hand: `text` typed, `date` typed and confirmed with Enter
 *  (Element UI's date picker), `choice` picked (a select or radio the officer sees), `widget` set as
 *  a portal's own widget sets its hidden control (layui, Element's hidden inputs). */
const kinds = (page, form, names) =>
  page.locator(form).evaluate(
    (f, names) =>
      Object.fromEntries(
        names.map((n) => {
          const el = f.querySelector(`[name="${CSS.escape(n)}"]`);
          if (!el) throw new Error(`no control named ${n}`);
          const seen = el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
          const typed = el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && !["radio", "checkbox", "hidden"].includes(el.type));
          return [n, typed && seen && !el.readOnly ? (el.closest(".el-date-editor") ? "date" : "text") : seen ? "choice" : "widget"];
        }),
      ),
    names,
  );

/** Fills `values` as an officer does: choices first (the page's widget, or on a framework page the
 *  state its widget sets), then text typed, so the last event is a keystroke. */
async function typeIn(page, form, values, state) {
  const how = await kinds(page, form, Object.keys(values));
  const control = (name, i) => page.locator(form).locator(`[name="${name}"]`).nth(i);
  const widgets = Object.fromEntries(Object.entries(values).filter(([n]) => how[n] === "widget"));
  if (state && Object.keys(widgets).length) await state(page, widgets);
  else if (Object.keys(widgets).length)
    await page.locator(form).evaluate((f, widgets) => {
      for (const [name, value] of Object.entries(widgets)) {
        const els = [...f.querySelectorAll(`[name="${CSS.escape(name)}"]`)];
        els.forEach((el, i) => {
          if (el.type === "radio") el.checked = el.value === value;
          else el.value = Array.isArray(value) ? value[i] : value;
          el.dispatchEvent(new Event("input", { bubbles: true }));
          el.dispatchEvent(new Event("change", { bubbles: true }));
        });
      }
    }, widgets);
  for (const [name, value] of Object.entries(values)) {
    if (how[name] !== "choice") continue;
    const radio = page.locator(form).locator(`[name="${name}"][value="${value}"][type="radio"]`);
    if (await radio.count()) await radio.check();
    else for (const [i, v] of [value].flat().entries()) await control(name, i).selectOption(v);
  }
  for (const [name, value] of Object.entries(values)) {
    if (how[name] !== "text" && how[name] !== "date") continue;
    for (const [i, v] of [value].flat().entries()) {
      await control(name, i).fill(v);
      if (how[name] === "date") await control(name, i).press("Enter");
    }
  }
}

/** Adds the rows the values need with the page's own button (as the officer or the portal's script
 *  would before filling them). */
async function ensureRows(page, spec) {
  if (!spec.rows) return;
  const have = await page.locator(spec.rows.each).count();
  for (let r = have; r < spec.rows.count; r++) await page.click(spec.rows.add);
  await page.waitForFunction(([each, n]) => document.querySelectorAll(each).length >= n, [spec.rows.each, spec.rows.count]);
}

/** Pastes `text` into a control through the clipboard (Ctrl+V: a trusted paste event, and the
 *  browser's own insertion when nobody takes it), over what it held. */
async function paste(page, control, text) {
  await control.click();
  await page.keyboard.press("Control+A");
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press("Control+V");
}

/** The names a block's columns stand for (`guard[i][xm]` → guard[0][xm] …; `pcs[]` as it is). */
const blockNames = (spec) => {
  const rows = spec.rows?.count ?? 1;
  return spec.block.flatMap((c) => (c.includes("[i]") ? Array.from({ length: rows }, (_, r) => c.replace("[i]", `[${r}]`)) : [c]));
};

/** Pastes the spec's block, built from `values`, into the first cell of its first row. */
async function pasteBlock(page, form, spec, values) {
  const rows = Array.from({ length: spec.rows?.count ?? 1 }, (_, r) =>
    spec.block
      .map((c) => {
        const v = c.includes("[i]") ? values[c.replace("[i]", `[${r}]`)] : values[c]?.[r];
        return (spec.cell?.[c] ?? String)(v ?? "");
      })
      .join("\t"),
  );
  const first = spec.block[0].replace("[i]", "[0]");
  await paste(page, page.locator(form).locator(`[name="${first}"]`).first(), rows.join("\r\n"));
  const filled = Object.fromEntries(blockNames(spec).filter((n) => n in values).map((n) => [n, values[n]]));
  await holds(page, form, filled, "the pasted block is in the page's rows");
}

// ---- Outcomes -----------------------------------------------------------------------------------

/** The values with the spec's one wrong field. */
const wrong = (spec) => ({ ...spec.values, [spec.bad.name]: spec.bad.value });
/** The wrong field put right. */
const right = (spec) => ({ [spec.bad.name]: spec.values[spec.bad.name] });

/** Asserts the submit was held back: the summary shown, the wrong field's own message (its code),
 *  and nothing posted. */
async function assertHeld(page, spec, s, outcome, sent) {
  assert.ok(outcome.held, `${spec.path}: the form with ${s.bad.name} wrong was not held back: ${JSON.stringify(outcome).slice(0, 300)}`);
  const shown = await messages(page.locator(spec.form).locator(`[name="${s.bad.name}"]`).first());
  const line = shown.find((m) => m.code === s.bad.code && m.severity === "error");
  assert.ok(line, `${spec.path}: ${s.bad.name} shows ${s.bad.code}: ${JSON.stringify(shown)}`);
  assert.ok(outcome.held.includes(line.text.replace(/^第\d+行：/, "")), `${spec.path}: the summary lists "${line.text}": ${outcome.held}`);
  await page.waitForTimeout(300); // a post by script would be on its way by now
  assert.deepEqual(sent, [], `${spec.path}: nothing posted while ${s.bad.name} is wrong`);
}

/** Asserts the submit posted every value filled and the engine's computed figures. */
function assertPosted(spec, s, outcome) {
  assert.ok(outcome.pairs, `${spec.path}: the valid form was not posted: ${JSON.stringify(outcome).slice(0, 500)}`);
  const all = (name) => outcome.pairs.filter(([n]) => n === name).map(([, v]) => v);
  for (const [name, value] of Object.entries({ ...s.values, ...(s.unposted ? {} : s.totals) })) {
    assert.deepEqual(all(name), [value].flat(), `${spec.path}: posted ${name}`);
  }
}

/** Waits until the page shows the engine's figures (the computed fields), then asserts it does. */
const assertFigures = (page, spec, s) => holds(page, spec.form, s.totals, `${spec.path}: the computed figures`);

const attachedAll = (page, spec) => page.waitForFunction((n) => document.querySelectorAll("form[data-ssf-initialised]").length >= n, spec.forms ?? 1);

// ---- The matrix -------------------------------------------------------------------------------

const PATHS = {
  /** Typed (the wrong field too), the draft saved, a reload, 恢复草稿: held. The field typed right,
   *  saved, a reload, 恢复草稿 again: posted. */
  async draft(page, spec, s, outcome) {
    await ensureRows(page, s);
    await typeIn(page, spec.form, wrong(s), s.state);
    const restore = async (values) => {
      await page.waitForFunction(() => window.__lastDraft - window.__lastInput >= 450); // the last keystroke's save
      await page.reload();
      await attachedAll(page, spec);
      await page.locator(spec.form).locator(".ssf-draft").getByRole("button", { name: "恢复草稿" }).click();
      await holds(page, spec.form, values, `${spec.path}: the restored draft`);
    };
    await restore(wrong(s));
    await outcome.held();
    await typeIn(page, spec.form, right(s), s.state);
    await restore(s.values);
    await assertFigures(page, spec, s);
    await outcome.posted();
  },
  /** Pasted (rows as a block, or each field's text), the wrong cell too: held. Pasted again right: posted. */
  async paste(page, spec, s, outcome) {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.base });
    if (s.block) {
      const pasted = new Set(blockNames(s));
      await typeIn(page, spec.form, Object.fromEntries(Object.entries(s.values).filter(([n]) => !pasted.has(n))), s.state);
      await pasteBlock(page, spec.form, s, wrong(s));
    } else for (const [name, value] of Object.entries(wrong(s))) await paste(page, page.locator(spec.form).locator(`[name="${name}"]`), value);
    await outcome.held();
    if (s.block) await pasteBlock(page, spec.form, s, s.values);
    else await paste(page, page.locator(spec.form).locator(`[name="${s.bad.name}"]`), s.values[s.bad.name]);
    await assertFigures(page, spec, s);
    await outcome.posted();
  },
  /** Set by script without an event (or through the framework's state): held. The field set right
   *  the same way: posted. */
  async script(page, spec, s, outcome) {
    await ensureRows(page, s);
    const fill = (values) => (s.state ? s.state(page, values) : nativeFill(page, values, spec.form));
    await fill(wrong(s));
    await outcome.held();
    // Figures a form does not post (<output>s): shown once the held submit's re-read took the fill in.
    if (s.unposted) await assertFigures(page, spec, s);
    await fill(right(s));
    if (s.state) await assertFigures(page, spec, s); // a native write is read at the submit
    await outcome.posted();
  },
};

for (const spec of PAGES) {
  const s = SPECS[spec.path];
  for (const [how, run] of Object.entries(PATHS)) {
    test(`${spec.path}, ${how}: held back with ${s.bad.code} on ${s.bad.name} while wrong, posted with the computed figures once right`, async () => {
      const { page, problems } = await open(env, how === "draft" ? `${spec.path}?key=${KEY}` : spec.path, { init: noteSaves });
      const sent = [];
      page.on("request", (r) => r.method() === "POST" && sent.push(r.url()));
      await attachedAll(page, spec);
      const outcome = {
        held: async () => assertHeld(page, spec, s, await send(page, spec.submit), sent),
        posted: async () => {
          assert.deepEqual(problems, [], `${spec.path}: console errors`); // before the post: the echo page has no icon
          assertPosted(spec, s, await send(page, spec.submit));
        },
      };
      try {
        await run(page, spec, s, outcome);
      } finally {
        await page.close();
      }
    });
  }
}
