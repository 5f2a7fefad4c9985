import { repoRoot } from '@insurer/platform-testing';
import { SERVICE_NAMES } from '@insurer/platform-scenarios';

/** How long and how hard the bench runs; BENCH_QUICK=1 tries every workload once, briefly, and writes nothing. */
export const root = repoRoot();
export const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);
export const NAMES = SERVICE_NAMES;
export const port = (i: number) => 15001 + i;
export const BARE = 15100;
/** BENCH_QUICK=1: one short run of everything, to try the workloads out; it prints and writes nothing. */
export const QUICK = process.env.BENCH_QUICK === '1';
/** Runs per measure; BENCH_RUNS=3 with BENCH_QUICK=1 repeats a quick run's, to see how the runs move. */
export const RUNS = QUICK ? Number(process.env.BENCH_RUNS ?? 1) : 3;
/**
 * BENCH_ONLY=consumers,flows,...: with BENCH_QUICK=1, only these workloads (and what they need) run, to measure one
 * change quickly. A full run ignores it, so the table is always written from every workload.
 */
const ONLY = QUICK ? (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean) : [];
export const runs = (workload: string): boolean => ONLY.length === 0 || ONLY.includes(workload);
/** A request run's length; BENCH_SECONDS=20 with BENCH_QUICK=1 lengthens a quick run's, for a profile of one endpoint. */
export const SECONDS = QUICK ? Number(process.env.BENCH_SECONDS ?? 2) : 5;
export const CONCURRENCY = 10;
/** Whole policy-issue flows take seconds each, so their runs are longer; BENCH_FLOW_SECONDS=40 with BENCH_QUICK=1
 * lengthens a quick run's, for a profile of the flows. */
export const FLOW_SECONDS = QUICK ? Number(process.env.BENCH_FLOW_SECONDS ?? 5) : 20;
/**
 * Flows run this long, discarded, before their measured runs. The flow's routes and handlers first run here (the
 * fixtures' three stories aside), and V8 goes on optimising them for about a minute: in a quick run's 60 s of flows,
 * its log showed some 100 TurboFan compilations per 10 s in customer-svc for the first 50 s, falling to about 10 by
 * 80 s, and perf put the compiler threads at about a fifth of customer-, sales- and contract-svc's CPU 30-70 s in.
 * The measured runs are then of services in their steady state, as in production.
 */
export const FLOW_WARMUP_SECONDS = QUICK ? Math.max(1, FLOW_SECONDS / 5) : 60;
/** BENCH_OPEN_LOOP_SECONDS=20 with BENCH_QUICK=1 lengthens a quick run's open loop, enough events for a p99. */
export const OPEN_LOOP_SECONDS = QUICK ? Number(process.env.BENCH_OPEN_LOOP_SECONDS ?? 5) : 20;
/**
 * BENCH_OPEN_LOOP_RATE=15 with BENCH_QUICK=1 runs the open loop at that many flows a second instead of half the
 * closed loop's rate: runs of two builds then compare their hops at the same load.
 */
export const OPEN_LOOP_RATE =
  QUICK && process.env.BENCH_OPEN_LOOP_RATE ? Number(process.env.BENCH_OPEN_LOOP_RATE) : undefined;
export const BURST_SECONDS = QUICK ? 5 : 60;
/** Quotes made before the application runs: each application needs a quote of its own. */
export const QUOTE_SECONDS = QUICK ? 10 : 40;
/** Outbox rows made pending at once for the relay's ceiling. */
export const RELAY_EVENTS = QUICK ? Number(process.env.BENCH_RELAY_EVENTS ?? 2_000) : 20_000;
/** Distinct policy-issued events in each consumer burst. */
export const CONSUMER_EVENTS = QUICK ? Number(process.env.BENCH_CONSUMER_EVENTS ?? 500) : 3_000;

/**
 * The variables BENCH_SERVICE_ENV gives one service: `NAME=value` for every service, `<service>:NAME=value` for that
 * one (space-separated; a value has no spaces).
 */
export function serviceEnvFrom(spec: string): (service: string) => Record<string, string> {
  const settings = spec
    .split(' ')
    .filter(Boolean)
    .map((item) => {
      const scoped = /^([a-z-]+):(.*)$/.exec(item);
      const pair = scoped ? scoped[2] : item;
      const eq = pair.indexOf('=');
      if (eq < 1) throw new Error(`BENCH_SERVICE_ENV: "${item}" is not NAME=value or <service>:NAME=value`);
      return { service: scoped?.[1], name: pair.slice(0, eq), value: pair.slice(eq + 1) };
    });
  return (service) =>
    Object.fromEntries(
      settings.filter((s) => s.service === undefined || s.service === service).map((s) => [s.name, s.value]),
    );
}
