import type { ChildProcess } from 'node:child_process';

export interface SupervisorOptions {
  /** Starts the child (again). */
  readonly spawn: () => ChildProcess;
  readonly say: (line: string) => void;
  readonly name: string;
  /** First wait before a restart; doubled on each exit that follows a short run, up to `maxBackoffMs`. */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A run at least this long counts as healthy: the next restart waits `initialBackoffMs` again. */
  readonly healthyAfterMs?: number;
}

/** The wait before restart number `failuresInRow` (1 for the first exit after a healthy run). */
export function restartBackoff(failuresInRow: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, failuresInRow - 1));
}

/**
 * Restarts a child that exits on its own, with a growing backoff, the way an orchestrator restarts a container, and
 * says so in the console. `stop()` ends it for good.
 */
export class Supervisor {
  private child: ChildProcess | undefined;
  private failuresInRow = 0;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  restarts = 0;

  constructor(private readonly options: SupervisorOptions) {}

  start(): this {
    this.startedAt = Date.now();
    const child = this.options.spawn();
    this.child = child;
    child.once('exit', (code, signal) => this.exited(code, signal));
    return this;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Stops supervising and the child with `signal`; resolves when it has exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  private exited(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopped) return;
    const { name, say } = this.options;
    const ranMs = Date.now() - this.startedAt;
    this.failuresInRow = ranMs >= (this.options.healthyAfterMs ?? 60_000) ? 1 : this.failuresInRow + 1;
    const wait = restartBackoff(
      this.failuresInRow,
      this.options.initialBackoffMs ?? 1_000,
      this.options.maxBackoffMs ?? 30_000,
    );
    say(
      `${name} exited (${signal ?? `code ${code}`}) after ${Math.round(ranMs / 1000)} s; restarting in ${wait} ms`,
    );
    this.timer = setTimeout(() => {
      if (this.stopped) return;
      this.restarts += 1;
      this.start();
      say(`${name} restarted (restart ${this.restarts})`);
    }, wait);
  }
}
