import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';

/**
 * Runs a sweep (statutory deadlines, overdue tasks) every `intervalMs`, never two at once, and survives a failed run:
 * the error is logged and the next tick tries again. `stop()` waits for a run in progress.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly run: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Runs once now (after any run in progress); for operators' "sweep now" and for tests. */
  async runNow(): Promise<void> {
    await this.running;
    this.running = this.execute();
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.execute().finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }

  private async execute(): Promise<void> {
    try {
      const result = await this.run();
      if (typeof result === 'number' && result > 0)
        this.logger.info({ job: this.name, handled: result }, 'job ran');
    } catch (err) {
      this.logger.error({ job: this.name, err }, 'job failed; will retry on the next tick');
    }
  }
}

/**
 * A PeriodicJob bound to the application's life: started once the application is up, stopped (waiting for a run in
 * progress) before it shuts down. Each feature's job is a subclass naming its sweep, so Nest can inject it by class.
 */
export abstract class ScheduledJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected constructor(readonly job: PeriodicJob) {}

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }
}
