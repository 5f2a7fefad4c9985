import { closedLoop, median, openLoop, percentile } from './load';

/** A service whose answers take `ms`, serving one request at a time (a queue), so load shows up as latency. */
function serialService(ms: number) {
  let free = 0;
  return async (): Promise<boolean> => {
    const start = Math.max(performance.now(), free);
    free = start + ms;
    await new Promise((resolve) => setTimeout(resolve, free - performance.now()));
    return true;
  };
}

describe('load generators', () => {
  it('percentile and median', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([], 99)).toBe(0);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('closed loop counts errors apart and uses a flow’s own latency when it reports one', async () => {
    let n = 0;
    const result = await closedLoop(
      async () => {
        n += 1;
        return n % 2 === 0 ? false : { latencyMs: 7 };
      },
      { concurrency: 2, seconds: 0.05 },
    );
    expect(result.errors).toBeGreaterThan(0);
    expect(result.requests).toBe(n);
    expect(result.p50Ms).toBe(7);
    expect(result.p99Ms).toBe(7);
  });

  it('open loop keeps the arrival rate when the service falls behind, and the queueing shows in latency', async () => {
    // 20 ms per request served one at a time, offered 100 per second: the queue grows by about 10 ms per request.
    const result = await openLoop(serialService(20), { ratePerSecond: 100, seconds: 0.3 });
    expect(result.requests).toBe(30);
    expect(result.errors).toBe(0);
    // A closed loop would report about 20 ms; counted from the scheduled start, the last ones waited far longer.
    expect(result.p99Ms).toBeGreaterThan(200);
    expect(result.p50Ms).toBeGreaterThan(100);
  });
});
