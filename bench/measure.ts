// Small measuring helpers shared by the sections: percentiles, medians, a pool of concurrent
// clients, and progress lines.
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * p) - 1))];
}
export const median = (xs: number[]) => percentile(xs, 0.5);

/** Runs `total` jobs with `concurrency` of them at a time; returns the wall time in seconds. */
export async function pool(total: number, concurrency: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) await job(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

/** Polls `read` every `everyMs` until it answers `status` (or throws after `timeoutMs`). */
export async function until(read: () => Promise<string>, status: string, everyMs = 50, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await read();
    if (s === status) return;
    if (Date.now() > deadline) throw new Error(`still ${s} after ${timeoutMs / 1000} s, waiting for ${status}`);
    await sleep(everyMs);
  }
}

const t0 = Date.now();
export const say = (m: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${m}`);
