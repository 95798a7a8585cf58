// The district page's worker (a module worker: nothing runs on the page but drawing). It loads the
// district module (/static/ssf/district.js: the engine with the schools' files and the roll-ups),
// reads each dropped file into it one at a time and posts each file's checks as they come, then
// the roll-up; on request, the roll-up's table as .xlsx or CSV bytes. Cancelling is the page
// terminating this worker: nothing here needs to stop halfway.
import init, { District } from "/static/ssf/district.js";

const ready = init();
let district = null;

/** How many files' results go in one message: fewer messages, and the page draws each batch at once. */
const BATCH = 25;

self.onmessage = async ({ data: msg }) => {
  try {
    await ready;
    if (msg.type === "start") {
      district = new District(msg.kind, msg.options);
      let batch = [];
      let sent = Date.now();
      for (const [index, { file, path }] of msg.files.entries()) {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const result = JSON.parse(district.add(path, bytes));
        batch.push(result);
        // The first file alone, so the officer sees a result at once; then in batches.
        if (index === 0 || batch.length >= BATCH || Date.now() - sent > 200) {
          self.postMessage({ type: "files", results: batch, done: index + 1 });
          batch = [];
          sent = Date.now();
        }
      }
      if (batch.length) self.postMessage({ type: "files", results: batch, done: msg.files.length });
      const rollUp = JSON.parse(district.rollUp());
      self.postMessage({ type: "rollup", rollUp, lines: JSON.parse(district.lines()), reports: district.reports });
    } else if (msg.type === "table") {
      const bytes = district.table(msg.format);
      self.postMessage({ type: "table", format: msg.format, bytes }, [bytes.buffer]);
    }
  } catch (e) {
    self.postMessage({ type: "error", message: String(e?.message ?? e) });
  }
};
