import type { EntityManager } from 'typeorm';

/**
 * A value read once per transaction and reused for the rest of it. A consumer applies a fetched run of events in one
 * transaction; lookups every event needs (rule tables, projection generations) are then one statement per run
 * instead of one per event, each statement being a round trip. The run sees the value as it stood at its first read.
 * Keyed by the transaction's manager, so a new transaction, also a retry after a rollback, reads it afresh.
 */
/** Whether the manager runs inside an open transaction (the data source's own manager never does). */
export function isInTransaction(manager: EntityManager): boolean {
  return manager.queryRunner?.isTransactionActive === true;
}

export class PerTransaction<T> {
  private readonly values = new WeakMap<EntityManager, Promise<T>>();

  constructor(private readonly load: (manager: EntityManager) => Promise<T>) {}

  get(manager: EntityManager): Promise<T> {
    // Outside a transaction (the data source's own manager lives as long as the process) nothing is kept.
    if (!isInTransaction(manager)) return this.load(manager);
    let value = this.values.get(manager);
    if (!value) {
      value = this.load(manager);
      this.values.set(manager, value);
    }
    return value;
  }

  /** The value if this transaction has read it already, without reading it. */
  peek(manager: EntityManager): Promise<T> | undefined {
    return isInTransaction(manager) ? this.values.get(manager) : undefined;
  }
}
