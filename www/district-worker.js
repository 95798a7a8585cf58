// The district page's worker (a module worker: nothing runs on the page but drawing). It loads the
// district module (/static/ssf/district.js: the engine with the schools' files and the roll-ups),
// reads each dropped file into it one at a time and posts each file's checks as they come, then
// the roll-up; on request, the roll-up's table as .xlsx or CSV bytes. Cancelling is the page
// terminating this worker: nothing here needs to stop halfway.
import init, { District } from "/static/ssf/district.js";

const ready = init();
/** The district being read: its module object, the files still to read, how many were sent. */
let district = null;
let queue = [];
let total = 0;
let read = 0;
let ended = false;
let reading = false;

/** How many files' results go in one message: fewer messages, and the page draws each batch at once. */
const BATCH = 25;

// The page sends the files in small batches ("more"), each cloned in its own task (cloning 1,000
// File objects in one message holds the page for half a second), and this worker reads them as
// they come.
self.onmessage = async ({ data: msg }) => {
  try {
    await ready;
    if (msg.type === "start") {
      district = new District(msg.kind, msg.options);
      [queue, total, read, ended] = [[], msg.total, 0, false];
    } else if (msg.type === "more") {
      queue.push(...msg.files);
      await pump();
    } else if (msg.type === "end") {
      ended = true;
      await pump();
    } else if (msg.type === "table") {
      const bytes = district.table(msg.format);
      self.postMessage({ type: "table", format: msg.format, bytes }, [bytes.buffer]);
    }
  } catch (e) {
    self.postMessage({ type: "error", message: String(e?.message ?? e) });
  }
};

/** Reads the queued files, posting their checks; after the last one, the roll-up. */
async function pump() {
  if (reading) return;
  reading = true;
  let batch = [];
  let sent = Date.now();
  while (queue.length) {
    const { file, path } = queue.shift();
    const bytes = new Uint8Array(await file.arrayBuffer());
    batch.push(JSON.parse(district.add(path, bytes)));
    read += 1;
    // The first file alone, so the officer sees a result at once; then in batches.
    if (read === 1 || batch.length >= BATCH || Date.now() - sent > 200) {
      self.postMessage({ type: "files", results: batch, done: read });
      [batch, sent] = [[], Date.now()];
    }
  }
  if (batch.length) self.postMessage({ type: "files", results: batch, done: read });
  reading = false;
  if (ended && read === total) {
    const rollUp = JSON.parse(district.rollUp());
    self.postMessage({ type: "rollup", rollUp, lines: JSON.parse(district.lines()), reports: district.reports });
  }
}
