/**
 * How many crashes a consumer may have within a sliding window before a restart of the process is the better cure.
 * Only crashes while the broker answers are recorded: an outage is waited out, however long, never counted.
 */
export class RestartBudget {
  private crashes: number[] = [];

  constructor(
    private readonly maxRestarts: number,
    private readonly windowMs: number,
  ) {}

  /** Records a crash at `now` (ms); true while the crashes inside the window stay within the budget. */
  allow(now: number): boolean {
    this.crashes = this.crashes.filter((at) => now - at < this.windowMs);
    this.crashes.push(now);
    return this.crashes.length <= this.maxRestarts;
  }

  /** Crashes counted inside the window ending at `now`. */
  recent(now: number): number {
    return this.crashes.filter((at) => now - at < this.windowMs).length;
  }
}

const UNREACHABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSBrokerNotFound',
  'KafkaJSRequestTimeoutError',
  'KafkaJSLockTimeout',
]);

/** True when a kafkajs error, or any error it wraps, says the broker could not be reached. */
export function isBrokerUnreachable(err: unknown): boolean {
  for (let e = err as { name?: string; cause?: unknown; originalError?: unknown } | undefined; e;) {
    if (typeof e.name === 'string' && UNREACHABLE.has(e.name)) return true;
    e = (e.cause ?? e.originalError) as typeof e | undefined;
  }
  return false;
}
