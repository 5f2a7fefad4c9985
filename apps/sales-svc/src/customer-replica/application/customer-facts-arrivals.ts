import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { afterCommit } from '@insurer/platform-database';
import { Arrivals } from '@insurer/platform-http';
import { MetricsRegistry } from '@insurer/platform-observability';

/**
 * Requests waiting for sales-svc's copy of a customer's facts to change (a needs analysis asked with
 * `Prefer: wait` right after the customer registered or was assessed at customer-svc): the consumer that applies the
 * customer's events wakes them once its transaction has committed.
 */
@Injectable()
export class CustomerFactsArrivals implements BeforeApplicationShutdown {
  private readonly arrivals = new Arrivals();

  constructor(metrics: MetricsRegistry) {
    metrics.watchHeldRequests('customer_facts', () => this.arrivals.size);
  }

  /** Wakes the reads waiting for the customer once `m`'s transaction commits. */
  changed(m: EntityManager, customerId: string): void {
    afterCommit(m, () => this.arrivals.arrive(customerId.toLowerCase()));
  }

  /** Reads with `read` until it finds something, again whenever the customer's facts change, for at most `waitMs`. */
  read<T>(customerId: string, waitMs: number, read: () => Promise<T | undefined>): Promise<T | undefined> {
    // Keyed as Postgres compares uuids, whatever the case the request gave.
    return this.arrivals.read(customerId.toLowerCase(), waitMs, read);
  }

  beforeApplicationShutdown(): void {
    this.arrivals.close();
  }
}
