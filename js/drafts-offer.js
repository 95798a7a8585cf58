// The part of drafts.js loaded on demand: reading and opening a stored draft, the sealing (loaded
// when the portal gives a draft key), the notice offering a draft back, and the restoring. A draft
// saved without the portal's key holds no personal values: the notice names those fields (labels
// and rows only, never a value), before and after restoring.
import { put, tell, tellPickers, rowAdder, rowsReady } from "./paste.js";
import { report } from "./errors.js";

const VERSION = 2; // as drafts.js writes them

/** The stored draft `text` of this form, opened; null when there is none to offer. One that cannot
 *  be read as this session's (altered, another key's, malformed) is removed unread, with one
 *  onError naming why and nothing of what it held; an expired one goes without a word. Personal
 *  values this page still remembers (`memory`: a form attached again without a reload) are put
 *  back in. */
export async function load(drafts, store, name, text, memory) {
  const config = drafts.view.config;
  const discard = (why) => {
    drafts.put(store, name, null);
    memory.delete(name);
    report(config, new Error(`drafts: a saved draft of this form was discarded unread: ${why}`));
    return null;
  };
  let record;
  try {
    record = JSON.parse(text);
  } catch {
    return discard("it is not a draft this drop-in wrote");
  }
  if (!record || typeof record !== "object" || record.v !== VERSION || typeof record.exp !== "string") return discard("it is not a draft this drop-in wrote");
  if (!(Date.parse(record.exp) > drafts.nowMs())) {
    drafts.put(store, name, null);
    memory.delete(name);
    return null;
  }
  let body = record;
  if (record.iv !== undefined || record.data !== undefined) {
    if (!drafts.cryptoKey) {
      // Kept: the session that sealed it may come back with its key.
      report(config, new Error("drafts: a draft sealed with a draft key is saved for this form, but this page gave no key: it is not offered"));
      return null;
    }
    try {
      body = await open(drafts.cryptoKey, name, record);
    } catch {
      return discard("it does not open with this session's draft key (sealed under another key, or altered)");
    }
  } else if (drafts.cryptoKey) {
    // With a key, only a sealed draft is this session's: a plain one may have been put there.
    return discard("it is not sealed with this session's draft key");
  }
  if (!body || typeof body !== "object" || !body.values || typeof body.values !== "object") return discard("it is not a draft this drop-in wrote");
  const draft = {
    savedAt: body.savedAt,
    sent: body.sent === true || record.sent === true, // a sealed draft's mark set as its page was left
    values: { ...body.values },
    rows: body.rows ?? {},
    omitted: Array.isArray(body.omitted) ? body.omitted.filter((p) => typeof p === "string") : [],
  };
  const kept = memory.get(name);
  if (kept && kept.savedAt === draft.savedAt) {
    Object.assign(draft.values, kept.values);
    draft.omitted = draft.omitted.filter((p) => !(p in kept.values));
  }
  return draft;
}

/** Whether the page holds the draft's values already (fields a draft left out do not count). */
export function sameValues(draft, now) {
  const skip = new Set(draft.omitted);
  const a = draft.values;
  const b = Object.fromEntries(Object.entries(now?.values ?? {}).filter(([k]) => !skip.has(k) || k in a));
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

// AES-GCM under a key derived with HKDF-SHA-256 from the portal's string. HKDF, not PBKDF2: the
// portal's key is a high-entropy secret its server derives per session (an HMAC of the session id,
// say), which needs no stretching; PBKDF2's many iterations protect guessable passwords and would
// only cost an old office PC time at every page load. The AES key is not extractable.
const enc = new TextEncoder();

/** The shortest portal key taken: the key must be a server-made secret, not a guessable word. */
const MIN_KEY_LENGTH = 16;

/** The AES key made from the portal's string, or null (reported) where it cannot be used. */
export async function deriveKey(view, secret) {
  const subtle = view.doc.defaultView?.crypto?.subtle;
  const refuse = (why) => {
    report(view.config, new Error(`drafts: the draft key cannot be used: ${why}; personal fields are left out of drafts`));
    return null;
  };
  if (!subtle) return refuse("the page is not a secure context (https, or localhost), so the browser has no Web Crypto");
  if (secret.length < MIN_KEY_LENGTH) return refuse(`it is shorter than ${MIN_KEY_LENGTH} characters (give a secret the server derives per session)`);
  const material = await subtle.importKey("raw", enc.encode(secret), "HKDF", false, ["deriveKey"]);
  return subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: enc.encode("school-safety-forms drafts"), info: enc.encode("ssf-draft v2 AES-256-GCM") },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** The draft's storage key and expiry are authenticated with it: a sealed draft moved to another
 *  slot, or its expiry moved, no longer opens. */
const aad = (name, exp) => enc.encode(`${name}\n${exp}`);

/** The whole draft sealed: `{v, exp, iv, data}`, nothing of it readable. */
export async function seal(key, name, exp, body) {
  const iv = crypto.getRandomValues(new Uint8Array(12)); // fresh for every write: GCM needs it unique
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: aad(name, exp) }, key, enc.encode(JSON.stringify(body)));
  return { v: VERSION, exp, iv: base64(iv), data: base64(new Uint8Array(data)) };
}

async function open(key, name, record) {
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: unbase64(record.iv), additionalData: aad(name, record.exp) }, key, unbase64(record.data));
  return JSON.parse(new TextDecoder().decode(plain));
}

function base64(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function unbase64(text) {
  if (typeof text !== "string") throw new TypeError("not base64");
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** A notice at the top of the form: restore the draft, or put it away. Buttons of type
 *  "button" without a name, so they never submit the form or post anything. */
export function offer(drafts, draft) {
  const doc = drafts.view.doc;
  if (drafts.view.config.styles) style(doc);
  const zh = (drafts.view.config.locale ?? "zh-CN") === "zh-CN";
  const when = chinaTime(draft.savedAt, zh);
  const box = doc.createElement("div");
  box.className = "ssf-draft";
  box.setAttribute("role", "status");
  const text = doc.createElement("span");
  const missing = fieldNames(drafts.view, draft.omitted ?? [], zh);
  text.textContent =
    (zh
      ? `有一份${when ? ` ${when} ` : ""}保存的草稿${draft.sent ? "（报送时保存；如报送未成功，可恢复）" : "尚未报送"}。`
      : `A draft saved${when ? ` at ${when}` : ""} ${draft.sent ? "when the form was sent (restore it if sending failed)" : "has not been sent"}.`) +
    (missing
      ? zh
        ? `为保护个人信息，草稿未保存以下内容，恢复后请重新填写：${missing}。`
        : ` To protect personal information it does not hold these fields; type them again after restoring: ${missing}.`
      : "");
  const restoreButton = button(doc, zh ? "恢复草稿" : "Restore the draft");
  const discard = button(doc, zh ? "不用了" : "Discard it");
  restoreButton.addEventListener("click", () => {
    drafts.hide();
    restore(drafts.view, draft)
      .then(() => {
        drafts.changed();
        if (missing) retype(drafts, draft.omitted, missing, zh);
      })
      .catch((e) => report(drafts.view.config, e));
  });
  discard.addEventListener("click", () => {
    drafts.hide();
    if (!drafts.wrote) drafts.write(null); // what was typed since the notice is a draft of its own
  });
  box.append(text, " ", restoreButton, " ", discard);
  show(drafts, box);
}

/** After restoring a draft without personal values: which fields to type again, and the focus in
 *  the first of them. */
function retype(drafts, omitted, missing, zh) {
  const v = drafts.view;
  const box = v.doc.createElement("div");
  box.className = "ssf-draft";
  box.setAttribute("role", "status");
  const text = v.doc.createElement("span");
  text.textContent = zh ? `草稿已恢复。请重新填写未随草稿保存的个人信息：${missing}。` : `The draft is restored. Type again the personal information it did not hold: ${missing}.`;
  const done = button(v.doc, zh ? "知道了" : "OK");
  done.addEventListener("click", () => drafts.hide());
  box.append(text, " ", done);
  show(drafts, box);
  const first = omitted.map((p) => v.fields.get(p)?.[0]).find(Boolean);
  first?.focus?.();
}

/** The notice goes first in the form (through the prototype: a control named `prepend` would
 *  shadow the form's method). */
function show(drafts, box) {
  drafts.hide();
  drafts.offer = box;
  Element.prototype.prepend.call(drafts.view.form, box);
}

/** `保安员姓名（第1行）、身份证号码（第1行）`: the fields' labels, a row's by its 1-based position. */
function fieldNames(v, paths, zh) {
  return paths
    .map((path) => {
      const label = v.describe(path)?.label?.[zh ? "zh-CN" : "en"] ?? path;
      const row = /\[(\d+)\]/.exec(path);
      return row ? (zh ? `${label}（第${Number(row[1]) + 1}行）` : `${label} (row ${Number(row[1]) + 1})`) : label;
    })
    .join(zh ? "、" : ", ");
}

/** Puts the draft back: the page's own add-row mechanism makes the rows, every value goes in as
 *  typing would (events for the page's framework), and the form is read again. */
async function restore(v, draft) {
  for (const [group, count] of Object.entries(draft.rows ?? {})) {
    const have = v.rows.get(group)?.length ?? 0;
    if (!(count > have)) continue;
    const add = rowAdder(v, group);
    if (!add) {
      report(v.config, new Error(`drafts: ${count - have} rows of "${group}" could not be restored: the page has no way to add rows the drop-in knows (data-ssf-add="${group}" or the addRow option)`));
      continue;
    }
    add(count - have);
    await rowsReady(v, group, count);
  }
  if (!v.session) return;
  v.pasting = true; // the page's own listeners hear each value; the drop-in reads them all below
  const pickers = []; // date pickers told once their panels exist (paste.js)
  try {
    for (const [path, value] of Object.entries(draft.values)) {
      const els = v.fields.get(path);
      if (!els) continue;
      const choice = els[0].type === "radio" || els[0].type === "checkbox";
      if (choice) {
        // A click, as the officer's own: frameworks (React) take radios and checkboxes from it.
        for (const el of els) if (el.type === "radio" ? el.value === value && !el.checked : el.checked !== (value === true)) el.click();
        continue;
      }
      put(els, value);
      tell(els, pickers);
    }
    await tellPickers(pickers);
  } finally {
    v.pasting = false;
  }
  v.guard(() => v.sync());
}

function button(doc, text) {
  const b = doc.createElement("button");
  b.type = "button";
  b.className = "ssf-draft-action";
  b.textContent = text;
  return b;
}

/** `2021-06-22T07:40:00.000Z` → `6月22日 15:40` (en: `06-22 15:40`) in China time, whatever the
 *  PC's time zone. */
function chinaTime(iso, zh) {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  const d = new Date(t + 8 * 3600 * 1000);
  const pad = (n) => String(n).padStart(2, "0");
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return zh ? `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${time}` : `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${time}`;
}

/** The notice's own small style, adopted with the first notice (a constructable sheet: no
 *  'unsafe-inline' style-src needed). */
let styled = false;
function style(doc) {
  if (styled || !("adoptedStyleSheets" in doc)) return;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(".ssf-draft{display:block;border:1px solid #1d70b8;background:#f0f6fb;padding:.5em 1em;margin:0 0 1em}");
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    styled = true;
  } catch {
    // An unstyled notice is still a notice.
  }
}
