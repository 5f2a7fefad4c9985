import { closedLoop, type LoadResult, type Outcome } from './load';
import { CONCURRENCY, RUNS, SECONDS, say } from './settings';
import { cpuSeconds } from './resources';

export interface Hop {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** The run whose `key` is the median of the runs'. */
export function medianBy<T>(runs: readonly T[], key: (run: T) => number): T {
  return [...runs].sort((a, b) => key(a) - key(b))[Math.floor((runs.length - 1) / 2)];
}

/**
 * What a counter grows by a second on an idle platform, from readings taken one after the other: the slowest of the
 * windows between them. A window right after heavy load can hold that load's tail (a collection, a compilation, a
 * sweep it left due), which is not idle work, and taking it off a workload's figures would flatter them; the slowest
 * window takes off the least, so what is left over for the workload errs high.
 */
export function quietestRate<R extends { readonly at: number }>(
  readings: readonly R[],
  value: (reading: R) => number,
): number {
  if (readings.length < 2) throw new Error('an idle rate needs two readings at least');
  let slowest = Infinity;
  for (let i = 1; i < readings.length; i++) {
    const seconds = (readings[i].at - readings[i - 1].at) / 1000;
    slowest = Math.min(slowest, (value(readings[i]) - value(readings[i - 1])) / seconds);
  }
  return slowest;
}

/** The median run (by rps) of `runs` closed-loop runs, after a warm-up (discarded) unless the caller ran one. */
export async function measure(
  name: string,
  request: (i: number) => Promise<Outcome>,
  seconds = SECONDS,
  warmUpSeconds = Math.max(1, seconds / 5),
): Promise<LoadResult> {
  const results: LoadResult[] = [];
  if (warmUpSeconds > 0) await closedLoop(request, { concurrency: CONCURRENCY, seconds: warmUpSeconds });
  for (let r = 0; r < RUNS; r += 1) {
    results.push(await closedLoop(request, { concurrency: CONCURRENCY, seconds }));
    if (RUNS > 1) say(`  run ${r + 1}: ${name} ${results[r].rps}/s`);
  }
  const chosen = medianBy(results, (x) => x.rps);
  sayResult(name, chosen);
  return chosen;
}

export function sayResult(name: string, r: LoadResult): void {
  say(
    `${name}: ${r.rps}/s, p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, p99 ${r.p99Ms} ms${r.serverCpuUs === undefined ? '' : `, server CPU ${r.serverCpuUs} us a request`} (${r.errors} errors${r.firstError ? `; first: ${r.firstError}` : ''})`,
  );
}

/**
 * A run with the CPU its serving process used a request: the work each side of a ratio does, apart from what the
 * driver, Postgres and the machine's drift add to its throughput.
 */
export async function withServerCpu(
  pid: number | undefined,
  run: () => Promise<LoadResult>,
): Promise<LoadResult> {
  if (pid === undefined) return run();
  const before = cpuSeconds(pid);
  const result = await run();
  const used = cpuSeconds(pid) - before;
  return result.requests ? { ...result, serverCpuUs: Math.round((used * 1e6) / result.requests) } : result;
}

/**
 * A platform endpoint against its bare baseline, run in turn (bare, platform, bare, platform, ...) after a discarded
 * warm-up of each, every run starting once the outboxes are drained and no consumer lags. The two medians then
 * come from the same stretch of the machine's time, so a noisy minute cannot favour one side of the ratio.
 */
export async function compare(
  names: { bare: string; platform: string },
  bare: (i: number) => Promise<Outcome>,
  platform: (i: number) => Promise<Outcome>,
  quiet: () => Promise<unknown>,
  /** Each side's serving process, whose CPU a request each run then reports (`serverCpuUs`). */
  servers?: { bare: number | undefined; platform: number | undefined },
): Promise<{ bare: LoadResult; platform: LoadResult }> {
  const warmUp = { concurrency: CONCURRENCY, seconds: Math.max(1, SECONDS / 5) };
  await closedLoop(bare, warmUp);
  await closedLoop(platform, warmUp);
  const runs: { bare: LoadResult[]; platform: LoadResult[] } = { bare: [], platform: [] };
  const load = { concurrency: CONCURRENCY, seconds: SECONDS };
  for (let r = 0; r < RUNS; r += 1) {
    await quiet();
    runs.bare.push(await withServerCpu(servers?.bare, () => closedLoop(bare, load)));
    await quiet();
    runs.platform.push(await withServerCpu(servers?.platform, () => closedLoop(platform, load)));
    say(`  run ${r + 1}: ${names.bare} ${runs.bare[r].rps}/s, ${names.platform} ${runs.platform[r].rps}/s`);
  }
  const chosen = {
    bare: medianBy(runs.bare, (x) => x.rps),
    platform: medianBy(runs.platform, (x) => x.rps),
  };
  sayResult(names.bare, chosen.bare);
  sayResult(names.platform, chosen.platform);
  return chosen;
}
