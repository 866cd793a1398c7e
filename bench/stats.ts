/** Small statistics for benchmark figures. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

/** Median wall time of `fn` in ms over `runs` runs, after `warmup` unmeasured ones. */
export function timeMs(fn: () => void, runs = 7, warmup = 2): number {
  return timeRuns(fn, runs, warmup).median;
}

/** Wall times of `fn` in ms over `runs` runs after `warmup` unmeasured ones: the median, and the fastest (the least disturbed on a shared machine). */
export function timeRuns(fn: () => void, runs = 7, warmup = 2): { median: number; min: number } {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { median: median(times), min: Math.min(...times) };
}
