import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export interface DueRows<T extends ObjectLiteral> {
  readonly entity: EntityTarget<T>;
  readonly alias: string;
  /** The rows whose deadline has come, e.g. `q.where('t.due_on < :today', { today })`. */
  readonly due: (q: SelectQueryBuilder<T>) => SelectQueryBuilder<T>;
  /** Oldest deadline first, so a backlog drains in the order the law counts it. */
  readonly orderBy: string;
  readonly limit: number;
}

/**
 * One pass of a deadline sweep: in one transaction, claim the due rows FOR UPDATE SKIP LOCKED (replicas sweeping at
 * the same moment each take different rows, so every transition is announced once) and apply `each` to every row,
 * whose writes and outbox rows commit with the claim. Returns how many rows `each` changed (a row it leaves alone
 * returns false).
 */
export async function sweepDue<T extends ObjectLiteral>(
  dataSource: DataSource,
  rows: DueRows<T>,
  each: (m: EntityManager, row: T) => Promise<boolean | void>,
): Promise<number> {
  return dataSource.transaction(async (m) => {
    const claimed = await rows
      .due(m.createQueryBuilder(rows.entity, rows.alias))
      .orderBy(rows.orderBy)
      .limit(rows.limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    let changed = 0;
    for (const row of claimed) if ((await each(m, row)) !== false) changed += 1;
    return changed;
  });
}
