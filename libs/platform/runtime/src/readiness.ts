import { Injectable } from '@nestjs/common';

export interface ReadinessCheck {
  readonly name: string;
  /** Resolves when the dependency is usable; rejects with the reason otherwise. */
  check(): Promise<void>;
}

/**
 * What `/ready` asks. Modules register their dependencies (Postgres, Kafka, consumers); a failure that cannot heal
 * (a consumer that crashed too often) or a shutdown in progress marks the process not ready.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();
  private fatal: string | undefined;
  private draining = false;

  register(check: ReadinessCheck): void {
    this.checks.set(check.name, check);
  }

  all(): ReadinessCheck[] {
    return [...this.checks.values()];
  }

  markFatal(reason: string): void {
    this.fatal ??= reason;
  }

  fatalReason(): string | undefined {
    return this.fatal;
  }

  markDraining(): void {
    this.draining = true;
  }

  isDraining(): boolean {
    return this.draining;
  }
}
