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

/**
 * How long a consumer has stood in a state it should pass through (joining its group, waiting for the broker), so
 * one that never leaves it can be started afresh. Seen under the fault suite: the broker stopped in the middle of a
 * rebalance and kafkajs' consumers of the group never sent another JoinGroup, their state `joining` for good while the
 * broker answered everyone else.
 */
export class StuckWatch<S extends string> {
  private state: S | undefined;
  private since = 0;

  constructor(
    private readonly passing: ReadonlySet<S>,
    private readonly limitMs: number,
  ) {}

  /** The state the consumer is in from `now` (ms); staying in the same one keeps its first time. */
  enter(state: S, now: number): void {
    if (state === this.state) return;
    this.state = state;
    this.since = now;
  }

  /** Starts the time in `state` again at `now`, for a consumer started afresh in the state it was stuck in. */
  reset(state: S, now: number): void {
    this.state = state;
    this.since = now;
  }

  /** True when at `now` the consumer has stood in a passing state longer than the limit. */
  stuck(now: number): boolean {
    return this.state !== undefined && this.passing.has(this.state) && now - this.since > this.limitMs;
  }

  /** How long it has stood in its state at `now`, in ms. */
  standing(now: number): number {
    return now - this.since;
  }
}
