import type { LoadResult } from './load';
import { quietestRate, withServerCpu } from './measure';

const run = (requests: number, cpuMs: number) => async (): Promise<LoadResult> => {
  // Spins until this process has used `cpuMs` more CPU, whatever else the machine runs meanwhile.
  const start = process.cpuUsage();
  for (;;) {
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= cpuMs) break;
  }
  return { requests, errors: 0, seconds: 1, rps: requests, p50Ms: 1, p95Ms: 1, p99Ms: 1 };
};

describe('the serving process CPU a request', () => {
  it('reads what the process used over the run from /proc and divides it by the requests served', async () => {
    const around = process.cpuUsage();
    const result = await withServerCpu(process.pid, run(100, 300));
    const used = process.cpuUsage(around);
    // 300 ms over 100 requests is 3,000 us each at least. Whatever else this process did around the run (a
    // collection of the test runner's heap once took 150 ms more in CI) is in /proc's figure too, so it is held to
    // what the process used from just before to just after, within /proc's 10 ms ticks (100 us a request) each end.
    expect(result.serverCpuUs).toBeGreaterThanOrEqual(2_800);
    expect(Math.abs((result.serverCpuUs as number) - (used.user + used.system) / 100)).toBeLessThanOrEqual(
      250,
    );
    expect(result.requests).toBe(100);
  });

  it('leaves the run as it is when no process is named or nothing was served', async () => {
    expect((await withServerCpu(undefined, run(10, 1))).serverCpuUs).toBeUndefined();
    expect((await withServerCpu(process.pid, run(0, 1))).serverCpuUs).toBeUndefined();
  });
});

describe('the idle rate taken off a workload', () => {
  it('is the slowest window between the readings, per counter', () => {
    const readings = [
      { at: 0, cpu: 10, polls: 0 },
      { at: 10_000, cpu: 10.5, polls: 4 }, // 50 ms/s: the previous workload's tail
      { at: 30_000, cpu: 10.7, polls: 12 }, // 10 ms/s
    ];
    expect(quietestRate(readings, (r) => r.cpu)).toBeCloseTo(0.01, 6);
    expect(quietestRate(readings, (r) => r.polls)).toBeCloseTo(0.4, 6);
  });

  it('needs two readings', () => {
    expect(() => quietestRate([{ at: 0 }], () => 0)).toThrow(/two readings/);
  });
});
