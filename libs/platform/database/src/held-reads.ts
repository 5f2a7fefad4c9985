import type { EntityManager } from 'typeorm';
import { Arrivals } from '@insurer/platform-http';
import type { MetricsRegistry } from '@insurer/platform-observability';
import { afterCommit } from './statements-ahead';

/**
 * Reads held (RFC 7240 `Prefer: wait`) until a transaction of this process commits what they look for, keyed by a
 * uuid (`Arrivals` from `@insurer/platform-http`): the writer calls `wakeAfterCommit` in its transaction, and the
 * waiting reads look again once it has committed. Keys are compared as Postgres compares uuids, whatever the case a
 * request gave. The held reads are counted at every scrape (`http_requests_held{resource}`); `close` at shutdown
 * answers them as they stand.
 */
export class HeldReads {
  private readonly arrivals = new Arrivals();

  constructor(metrics: MetricsRegistry, resource: string) {
    metrics.watchHeldRequests(resource, () => this.arrivals.size);
  }

  /** Wakes the reads waiting for `id` once `m`'s transaction commits. */
  wakeAfterCommit(m: EntityManager, id: string): void {
    afterCommit(m, () => this.arrivals.arrive(id.toLowerCase()));
  }

  /** Reads with `read` until it finds something, again whenever `id` is woken, for at most `waitMs` (`Arrivals.read`). */
  read<T>(id: string, waitMs: number, read: () => Promise<T | undefined>): Promise<T | undefined> {
    return this.arrivals.read(id.toLowerCase(), waitMs, read);
  }

  close(): void {
    this.arrivals.close();
  }
}
