// Shared by the draft privacy tests (issue 24): everything a page's origin stores in the browser,
// and every reading of it a reader at the same PC could try.

/** Everything this origin stores in the browser, part by part: cookies, both storages (keys and
 *  values), every IndexedDB database's records and the Cache Storage's request URLs, as
 *  `[{where, text}]`. */
export async function storageParts(page) {
  return page.evaluate(async () => {
    const parts = [{ where: "document.cookie", text: document.cookie }];
    for (const [name, s] of [["localStorage", localStorage], ["sessionStorage", sessionStorage]]) for (const k of Object.keys(s)) parts.push({ where: `${name} ${k}`, text: `${k}\n${s.getItem(k)}` });
    for (const info of (await indexedDB.databases?.()) ?? []) {
      const db = await new Promise((ok, fail) => Object.assign(indexedDB.open(info.name), { onsuccess: (e) => ok(e.target.result), onerror: fail }));
      for (const store of db.objectStoreNames) {
        const all = await new Promise((ok) => (db.transaction(store).objectStore(store).getAll().onsuccess = (e) => ok(e.target.result)));
        parts.push({ where: `IndexedDB ${info.name}/${store}`, text: `${info.name}\n${JSON.stringify(all)}` });
      }
      db.close();
    }
    if (globalThis.caches) for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) parts.push({ where: `Cache Storage ${name}`, text: r.url });
    return parts;
  });
}

/** Everything this origin stores in the browser (storageParts), as one text. */
export async function everyStorage(page) {
  return (await storageParts(page)).map((p) => p.text).join("\n");
}

/** Every reading of `text` a reader could try: as is, JSON and URL escapes undone, and each run of
 *  base64 (standard or URL-safe) or hex decoded as UTF-8, UTF-16 and Latin-1. */
export function readings(text) {
  const out = [text];
  try {
    out.push(decodeURIComponent(text));
  } catch {
    // not URL-encoded
  }
  out.push(text.replace(/\\u([0-9a-fA-F]{4})/g, (_, h) => String.fromCharCode(parseInt(h, 16))));
  const decode = (bytes) => [new TextDecoder().decode(bytes), new TextDecoder("utf-16le").decode(bytes), Buffer.from(bytes).toString("latin1")];
  for (const run of text.match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? []) out.push(...decode(Buffer.from(run.replace(/-/g, "+").replace(/_/g, "/"), "base64")));
  for (const run of text.match(/(?:[0-9a-fA-F]{2}){6,}/g) ?? []) out.push(...decode(Buffer.from(run, "hex")));
  return out;
}

/** Whether `secret` can be read in `text` in any of its readings. */
export const readable = (text, secret) => readings(text).some((r) => r.includes(secret));
