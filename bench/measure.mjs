// Timing shared by Node and Chromium. Chromium coarsens performance.now() to 0.1 ms (with a random
// threshold inside each step, so a sum of many readings is unbiased): a sample is the mean of a
// batch of calls long enough for the coarsening not to matter (`minBatchMs`). Where an operation
// needs an untimed undo after each call (`cleanup`), a batch sums the per-call readings instead.
// Reported: median and p95 of the samples (each a per-call mean over its batch).

const now = () => performance.now();

/**
 * @param {(i: number) => void} op one call; `i` counts calls (alternate values with it)
 * @param {{ budgetMs?: number, minBatchMs?: number, minSamples?: number, maxSamples?: number, cleanup?: (i: number) => void }} o
 * @returns {{ median: number, p95: number, samples: number, batch: number }} milliseconds per call
 */
export function measure(op, { budgetMs = 300, minBatchMs = 0.2, minSamples = 5, maxSamples = 150, cleanup } = {}) {
  let i = 0;
  const once = () => {
    const t = now();
    op(i);
    const dt = now() - t;
    if (cleanup) cleanup(i);
    i++;
    return dt;
  };
  // Warm up (JIT, caches) for a fifth of the budget, at least 4 calls; estimate the cost of a call.
  const warmEnd = now() + budgetMs / 5;
  let warmCalls = 0;
  let warmTime = 0;
  while (warmCalls < 4 || (now() < warmEnd && warmCalls < 10000)) {
    warmTime += once();
    warmCalls++;
  }
  const perCall = Math.max(warmTime / warmCalls, 0.0001);
  const batch = Math.max(1, Math.ceil(minBatchMs / perCall));
  const samples = [];
  const end = now() + budgetMs;
  while (samples.length < minSamples || (samples.length < maxSamples && now() < end)) {
    let total = 0;
    if (cleanup) {
      for (let k = 0; k < batch; k++) total += once();
    } else {
      const t = now();
      for (let k = 0; k < batch; k++) op(i++);
      total = now() - t;
    }
    samples.push(total / batch);
  }
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { median: at(0.5), p95: at(0.95), samples: samples.length, batch };
}
