import { Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { withTimeout } from '@insurer/platform-config';

export interface ReadinessCheck {
  readonly name: string;
  /** Resolves when the dependency is usable (optionally with details to show); rejects with the reason otherwise. */
  check(): Promise<void | Record<string, unknown>>;
}

export interface ComponentState {
  readonly status: 'up' | 'down';
  readonly [detail: string]: unknown;
}

/** What `/ready` answers, in the shape health-check tools know (Terminus): status, info, error, details. */
export interface ReadinessReport {
  readonly status: 'ok' | 'error';
  readonly info: Record<string, ComponentState>;
  readonly error: Record<string, ComponentState>;
  readonly details: Record<string, ComponentState>;
}

const CHECK_TIMEOUT_MS = 2_500;

/**
 * What `/ready` answers. Modules register their dependencies (Postgres, Kafka, consumers); a monitor runs every check
 * in the background and keeps the last result, so a probe is answered at once even while a dependency hangs (a probe
 * waiting on a dead broker would itself time out). A failure that cannot heal (a consumer that crashed too often) or a
 * shutdown in progress marks the process not ready. Each change of state is logged once, not every probe.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();
  private readonly results = new Map<string, ComponentState>();
  private fatal: string | undefined;
  private draining = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastStatus: ReadinessReport['status'] | undefined;
  private logger: Logger | undefined;

  register(check: ReadinessCheck): void {
    this.checks.set(check.name, check);
  }

  all(): ReadinessCheck[] {
    return [...this.checks.values()];
  }

  markFatal(reason: string): void {
    this.fatal ??= reason;
    this.report();
  }

  markDraining(): void {
    this.draining = true;
    this.report();
  }

  /** Checks at once, then every `intervalMs` until stopped. */
  start(intervalMs: number, logger?: Logger): Promise<void> {
    this.logger = logger;
    const first = this.refresh();
    this.timer ??= setInterval(() => void this.refresh(), intervalMs);
    this.timer.unref();
    return first;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Runs every check once (a run already under way is awaited instead of started twice). */
  refresh(): Promise<void> {
    this.running ??= (async () => {
      await Promise.all(
        this.all().map(async (dep) => {
          try {
            const details = await withTimeout(dep.check(), CHECK_TIMEOUT_MS);
            this.results.set(dep.name, { status: 'up', ...(details ?? {}) });
          } catch (err) {
            this.results.set(dep.name, {
              status: 'down',
              reason: err instanceof Error ? err.message : String(err),
            });
          }
        }),
      );
      this.report();
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** The last known state; a dependency not checked yet counts as down. */
  current(): ReadinessReport {
    const details: Record<string, ComponentState> = {};
    details.lifecycle = this.fatal
      ? { status: 'down', reason: this.fatal }
      : this.draining
        ? { status: 'down', reason: 'shutting down' }
        : { status: 'up' };
    for (const dep of this.all())
      details[dep.name] = this.results.get(dep.name) ?? { status: 'down', reason: 'not checked yet' };
    const info: Record<string, ComponentState> = {};
    const error: Record<string, ComponentState> = {};
    for (const [name, state] of Object.entries(details)) (state.status === 'up' ? info : error)[name] = state;
    return { status: Object.keys(error).length ? 'error' : 'ok', info, error, details };
  }

  private report(): void {
    const now = this.current();
    if (now.status === this.lastStatus) return;
    this.lastStatus = now.status;
    if (now.status === 'ok') this.logger?.info('ready');
    else this.logger?.warn({ notReady: now.error }, 'not ready');
  }
}
