// The demo pages, as the tests that go through every one of them see each: its form, the fields
// typed into it (personal ones apart), its submit button (drafts-every-page.test.mjs,
// every-page-submit.test.mjs).
import { residentId } from "./browser.mjs";

const ID = residentId("33030219880512301");
const BIRTH = "1988-05-12"; // computed from the ID: personal too
const PHONE = "13857760419";

/** Each demo page: its form, the personal fields typed (portal name → a distinctive value), one
 *  plain field typed too (to see the restore has run), and its submit button. `also`: values the
 *  page computes from the typed ones that are personal as well. */
export const PAGES = [
  { path: "/", form: "#report", plain: ["dwmc", "温州市第八高级中学"], personal: { tbr: "欧阳明远", fgld: "东方一鸣" }, submit: 'button[type="submit"]:not([formnovalidate])' },
  { path: "/legacy.html", form: "#report", plain: ["dwmc", "温州市第八高级中学"], personal: { tbr: "欧阳明远", fgld: "东方一鸣" }, submit: 'button[type="submit"]:not([formnovalidate])' },
  { path: "/register.html", form: "#register", plain: ["tbdw", "南京市玄武区教育局"], personal: { "zrr[]": "皇甫晓东", jcr: "上官文博" }, submit: 'button[type="submit"]' },
  { path: "/checklist.html", form: "#checklist", plain: ["xxmc", "温州市第八高级中学"], personal: { zyfzr: "司马静怡", lxdh: PHONE, jcry: "慕容子晴" }, submit: 'button[type="submit"]' },
  { path: "/checkup.html", form: "#checkup", plain: ["xxmc", "温州市第八高级中学"], personal: { "guard[0][xm]": "诸葛光华", "guard[0][sfz]": ID }, also: [BIRTH], submit: 'button[type="submit"]' },
  { path: "/react.html", form: "#checkup", plain: ["xxmc", "玄武区测试小学"], personal: { "guard[0][xm]": "诸葛光华", "guard[0][sfz]": ID }, also: [BIRTH], submit: "#submit" },
  { path: "/vue.html", form: "#checkup", plain: ["xxmc", "玄武区测试小学"], personal: { "guard[0][xm]": "诸葛光华", "guard[0][sfz]": ID }, also: [BIRTH], submit: "#tijiao" },
  { path: "/layui.html", form: "#jcqd", plain: ["xxmc", "温州市第八高级中学"], personal: { zyfzr: "司马静怡", lxdh: PHONE, jcry: "慕容子晴" }, submit: "#tijiao" },
  { path: "/element-ui.html", form: "#register", plain: ["yh[0].yhms", "北门围墙开裂"], personal: { "yh[0].zrr": "皇甫晓东", jcr: "上官文博" }, submit: "#tijiao" },
  { path: "/jquery.html", form: "#checkup", plain: ["xxmc", "玄武区测试小学"], personal: { "guard[0][xm]": "诸葛光华", "guard[0][sfz]": ID }, also: [BIRTH], submit: "#tijiao" },
  { path: "/named-controls.html", form: "#report-a", forms: 2, plain: ["name", "温州市第八高级中学"], personal: { tbr: "欧阳明远", fgld: "东方一鸣" }, submit: '#report-a button[name="submit"]' },
];

/** Run in the page before its own scripts: notes when the last typed input or change event came
 *  (trusted ones: not those the drop-in or the page dispatch for computed fields) and when a draft
 *  was last written, so a test can wait for the debounced save of its last keystroke (half a
 *  second after it) rather than for an earlier one. */
export function noteSaves() {
  const at = () => performance.now();
  for (const type of ["input", "change"]) document.addEventListener(type, (e) => e.isTrusted && (window.__lastInput = at()), true);
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (String(key).startsWith("ssf-draft:")) window.__lastDraft = at();
    return setItem.call(this, key, value);
  };
}
