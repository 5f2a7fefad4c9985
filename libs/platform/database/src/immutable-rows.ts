import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { PrimaryKeyReader } from './primary-key-reader';

/**
 * Rows that never change once written, read by primary key once per process: a published product version, and the
 * replicas other services keep of one. Their terms and rate tables are large JSON, and the hot writes (a quote, an
 * application, a claim) each need one. A missing row, a failed read and a row `keep` refuses (a draft that may still
 * change) are not kept, so they are read again next time. Only for rows whose content is fixed by their key: one
 * read inside a transaction that then rolls back may stay, and is the same row its retry writes again.
 */
export class ImmutableRows<T extends ObjectLiteral> {
  private readonly rows = new Map<string, Promise<T | null>>();

  constructor(
    private readonly reader: PrimaryKeyReader<T>,
    private readonly keep: (row: T) => boolean = () => true,
  ) {}

  /** The entity's rows, read through a primary-key reader of its own. */
  static of<T extends ObjectLiteral>(
    dataSource: DataSource,
    target: EntityTarget<T>,
    keep?: (row: T) => boolean,
  ): ImmutableRows<T> {
    return new ImmutableRows(new PrimaryKeyReader(dataSource, target), keep);
  }

  /** The row by its key (in the order the entity declares its primary columns), as the caller's transaction sees it. */
  get(manager: EntityManager, ...key: (string | number)[]): Promise<T | null> {
    const id = JSON.stringify(key);
    let found = this.rows.get(id);
    if (!found) {
      found = this.reader.findIn(manager, ...key);
      this.rows.set(id, found);
      found.then(
        (row) => (row === null || !this.keep(row)) && this.rows.delete(id),
        () => this.rows.delete(id),
      );
    }
    return found;
  }
}
