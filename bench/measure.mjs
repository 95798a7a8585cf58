// Timing shared by Node and Chromium. Chromium coarsens performance.now() to 0.1 ms (with a random
// threshold inside each step, so a sum of many readings is unbiased): a sample is the mean of a
// batch of calls long enough for the coarsening not to matter (`minBatchMs`). Where an operation
// needs an untimed undo after each call (`cleanup`), a batch sums the per-call readings instead.
// The sides of a comparison take their samples in turn, so a busy machine (2 shared cores) slows
// both alike. Reported: median and p95 of the samples (each a per-call mean over its batch).

const now = () => performance.now();

/** One side's sampler: warms up, sizes its batch, then `sample()` takes one batch. */
function sampler(op, cleanup, { budgetMs, minBatchMs }) {
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
  const batch = Math.max(1, Math.ceil(minBatchMs / Math.max(warmTime / warmCalls, 0.0001)));
  const samples = [];
  return {
    batch,
    samples,
    sample() {
      let total = 0;
      if (cleanup) {
        for (let k = 0; k < batch; k++) total += once();
      } else {
        const t = now();
        for (let k = 0; k < batch; k++) op(i++);
        total = now() - t;
      }
      samples.push(total / batch);
    },
  };
}

function stats({ samples, batch }) {
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { median: at(0.5), p95: at(0.95), samples: samples.length, batch };
}

/**
 * Times one or more operations, sampling them in turn.
 * @param {{ op: (i: number) => void, cleanup?: (i: number) => void }[]} sides `i` counts calls (alternate values with it)
 * @param {{ budgetMs?: number, minBatchMs?: number, minSamples?: number, maxSamples?: number }} o budget per side
 * @returns {{ median: number, p95: number, samples: number, batch: number }[]} milliseconds per call, per side
 */
export function measureTogether(sides, { budgetMs = 300, minBatchMs = 0.2, minSamples = 5, maxSamples = 150 } = {}) {
  const samplers = sides.map((s) => sampler(s.op, s.cleanup, { budgetMs, minBatchMs }));
  const end = now() + budgetMs * sides.length;
  let n = 0;
  while (n < minSamples || (n < maxSamples && now() < end)) {
    for (const s of samplers) s.sample();
    n++;
  }
  return samplers.map(stats);
}

/** Times one operation (see measureTogether). */
export function measure(op, { cleanup, ...o } = {}) {
  return measureTogether([{ op, cleanup }], o)[0];
}
