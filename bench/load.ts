/** Load generators: closed loop (workers send the next request when the last one answered) and open loop. */
export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  /** The serving process's CPU (user + system) a request, in microseconds, where the bench reads it. */
  readonly serverCpuUs?: number;
  /** The first failure, so errors in a run can be explained. */
  readonly firstError?: string;
}

/** A request's outcome: success, or success with the latency that matters (a flow's own inner span). */
export type Outcome = boolean | { readonly latencyMs: number };

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)] * 100) / 100;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

class Recorder {
  private readonly latencies: number[] = [];
  private errors = 0;
  private firstError: string | undefined;

  async run(request: Promise<Outcome>, since: number): Promise<void> {
    const outcome = await request.catch((err: unknown) => {
      this.firstError ??= err instanceof Error ? err.message : String(err);
      return false as const;
    });
    if (outcome === false) this.errors += 1;
    else this.latencies.push(typeof outcome === 'object' ? outcome.latencyMs : performance.now() - since);
  }

  result(started: number): LoadResult {
    const seconds = (performance.now() - started) / 1000;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      requests: sorted.length + this.errors,
      errors: this.errors,
      seconds: Math.round(seconds * 100) / 100,
      rps: Math.round((sorted.length / seconds) * 10) / 10,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      p99Ms: percentile(sorted, 99),
      ...(this.firstError ? { firstError: this.firstError.slice(0, 500) } : {}),
    };
  }
}

export async function closedLoop(
  request: (i: number) => Promise<Outcome>,
  options: { concurrency: number; seconds: number },
): Promise<LoadResult> {
  const recorder = new Recorder();
  let counter = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) await recorder.run(request(counter++), performance.now());
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return recorder.result(started);
}

/**
 * Constant arrival rate: request i starts at i / rate seconds whether or not earlier ones answered, and its latency
 * counts from that scheduled instant, so a slow system cannot hide its queueing (no coordinated omission).
 */
export async function openLoop(
  request: (i: number) => Promise<Outcome>,
  options: { ratePerSecond: number; seconds: number },
): Promise<LoadResult> {
  const recorder = new Recorder();
  const started = performance.now();
  const total = Math.round(options.ratePerSecond * options.seconds);
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / options.ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(recorder.run(request(i), due));
  }
  await Promise.all(inFlight);
  return recorder.result(started);
}
