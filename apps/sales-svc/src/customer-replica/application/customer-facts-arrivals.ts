import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HeldReads } from '@insurer/platform-database';
import { MetricsRegistry } from '@insurer/platform-observability';

/**
 * Requests waiting for sales-svc's copy of a customer's facts to change (a needs analysis asked with
 * `Prefer: wait` right after the customer registered or was assessed at customer-svc): the consumer that applies the
 * customer's events wakes them once its transaction has committed.
 */
@Injectable()
export class CustomerFactsArrivals implements BeforeApplicationShutdown {
  private readonly held: HeldReads;

  constructor(metrics: MetricsRegistry) {
    this.held = new HeldReads(metrics, 'customer_facts');
  }

  /** Wakes the reads waiting for the customer once `m`'s transaction commits. */
  changed(m: EntityManager, customerId: string): void {
    this.held.wakeAfterCommit(m, customerId);
  }

  /** Reads with `read` until it finds something, again whenever the customer's facts change, for at most `waitMs`. */
  read<T>(customerId: string, waitMs: number, read: () => Promise<T | undefined>): Promise<T | undefined> {
    return this.held.read(customerId, waitMs, read);
  }

  beforeApplicationShutdown(): void {
    this.held.close();
  }
}
