import { setFlagsFromString } from 'node:v8';

/**
 * How every service process runs Node, wherever it is started (npm start, tests, benchmarks, the Dockerfile, the
 * Kubernetes manifests; a test keeps the last two equal to this). A capped old generation makes V8 collect before it
 * grows, and two malloc arenas stop glibc keeping one per thread: under load each process then stays well inside the
 * 256 MiB the manifests allow.
 *
 * The young generation's semi-spaces are 8 MB. At 2 MB a consumer's fetched run (its parsed events, their audit
 * entries and row sets, some 4 KB an event) was still live at the next scavenge, which came every few milliseconds:
 * it was copied, promoted, and marked again by the mark-compacts it brought on: the collector took two-fifths of
 * compliance-svc's busy time in a burst. At 8 MB the run dies young; a service alone took 20-30% less CPU an event
 * of a burst, for 0-10 MB more resident (bench/README.md).
 */
export const SERVICE_RUNTIME_ENV = {
  NODE_OPTIONS: '--max-semi-space-size=8 --max-old-space-size=160',
  MALLOC_ARENA_MAX: '2',
} as const;

/**
 * V8 flags every service sets on itself as it starts (`applyServiceV8Flags`): Node refuses them in NODE_OPTIONS.
 *
 * After a mark-compact V8 lets the old generation grow by a factor it scales with the heap's cap: under the 160 MB
 * above it is held at about 1.3, so a service whose live heap is some 40 MB ran a full mark-compact every dozen MB
 * a burst of events promoted (each fetched batch outlives a few scavenges). At 1.7 it marks well under half as
 * often and the cap stays the bound. A factor of 2 cut every service's CPU an event in bench bursts by 10 to 23%,
 * but the six services then peaked at 1,018 MB under load (781 before); 1.7 kept the throughput of the quick runs
 * (POST /claims with everything up 36% of the bare route against 33%) at 857 MB against 930.
 */
export const SERVICE_V8_FLAGS = ['--heap-growing-percent=70'] as const;

/**
 * Sets SERVICE_V8_FLAGS on this process; called first thing by a service's entry point (`runService`). A flag the
 * process was started with on its command line (`node --heap-growing-percent=50 main.js`) is left as given.
 */
export function applyServiceV8Flags(execArgv: readonly string[] = process.execArgv): void {
  // V8 reads `_` and `-` in a flag's name alike.
  const given = execArgv.map((arg) => arg.replace(/_/g, '-'));
  for (const flag of SERVICE_V8_FLAGS) {
    const name = flag.split('=')[0];
    if (!given.some((arg) => arg === name || arg.startsWith(`${name}=`))) setFlagsFromString(flag);
  }
}
