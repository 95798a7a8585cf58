// Shared by the tests that fill a form the ways a portal's script does and read what was posted
// (follow.test.mjs, every-page-submit.test.mjs).

/** Collects the form posts the page makes, as [name, value] pairs. */
export function posts(page) {
  const sent = [];
  page.on("request", (r) => r.method() === "POST" && sent.push([...new URLSearchParams(r.postData() ?? "")]));
  return sent;
}
export const posted = (pairs, name) => pairs.find(([n]) => n === name)?.[1];

// A complete, valid daily report of 2021-06-22 (seed 000 附件3: every row 0/0 but fire 5/2 with
// its measures), by the legacy page's own names.
export const CATEGORIES = ["xsaq", "rqaq", "xyaf", "xfaq", "jtaq", "spaq", "sysaq", "zbhj"];
export const VALID = {
  dwmc: "瑞安市塘下镇第一小学",
  tbrq: "2021-06-22",
  ...Object.fromEntries(CATEGORIES.flatMap((c) => [[`${c}_fxs`, "0"], [`${c}_yzz`, "0"]])),
  xfaq_fxs: "5",
  xfaq_yzz: "2",
  xfaq_fkcs: "设置警示标志，专人看护",
  tbr: "张小玲",
  shr: "方文跃",
  fgld: "王剑波",
};

/** Sets values the way a portal script does: `.value =`, no event at all. */
export const scriptFill = (page, values) =>
  page.evaluate((values) => {
    for (const [name, value] of Object.entries(values)) document.querySelector(`[name="${name}"]`).value = value;
  }, values);

/** Sets values through the prototype's native setter (what React's or a test library's fill
 *  does): no accessor of the drop-in's sees it, so only a full re-read finds it. A radio group is
 *  answered by its value (`checked`, through the native setter too); a name given a list is a
 *  repeated one (`pcs[]`), one value per row in page order. Within `scope` (a form's selector). */
export const nativeFill = (page, values, scope = "body") =>
  page.evaluate(
    ([values, scope]) => {
      const native = (el, prop) => {
        for (let o = Object.getPrototypeOf(el); o; o = Object.getPrototypeOf(o)) {
          const d = Object.getOwnPropertyDescriptor(o, prop);
          if (d?.set) return d.set;
        }
        throw new Error(`no ${prop} setter on ${el.name}`);
      };
      const within = document.querySelector(scope);
      for (const [name, value] of Object.entries(values)) {
        const els = [...within.querySelectorAll(`[name="${CSS.escape(name)}"]`)];
        if (!els.length) throw new Error(`no control named ${name} in ${scope}`);
        if (els[0].type === "radio") els.forEach((el) => native(el, "checked").call(el, el.value === value));
        else if (Array.isArray(value)) value.forEach((v, i) => native(els[i], "value").call(els[i], v));
        else native(els[0], "value").call(els[0], value);
      }
    },
    [values, scope],
  );
