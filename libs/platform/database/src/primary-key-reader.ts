import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

type ColumnMetadata = EntityMetadata['columns'][number];

/** The part of TypeORM's Postgres driver this reader uses: its pool and its own value hydration. */
interface PostgresDriverLike {
  readonly master: { query(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };
  prepareHydratedValue(value: unknown, column: ColumnMetadata): unknown;
}

/**
 * Reads one row by primary key without TypeORM's query builder. On a GET by id, building the SELECT from find
 * options and turning the aliased result back into an entity cost more CPU than the round trip to Postgres (the read
 * benchmark's profile). Here the statement is made once from the entity's metadata, each read is one query (on the
 * pool, or in the caller's transaction), and every value goes through the driver's own hydration (types and column transformers), so the entity
 * is the one `findOne` would return. A key is given in the order the entity declares its primary columns. Only flat
 * entities: no relations, no embedded columns.
 */
export class PrimaryKeyReader<T extends ObjectLiteral> {
  private readonly metadata: EntityMetadata;
  private readonly columns: readonly ColumnMetadata[];
  private readonly sql: string;
  private readonly sqlForUpdate: string;
  private readonly keyLength: number;

  constructor(
    private readonly dataSource: DataSource,
    target: EntityTarget<T>,
  ) {
    const metadata = dataSource.getMetadata(target);
    if (metadata.relations.length > 0 || metadata.embeddeds.length > 0) {
      throw new Error(`${metadata.name}: a primary-key reader reads flat entities only`);
    }
    this.metadata = metadata;
    this.columns = metadata.columns.filter((c) => c.isSelect && !c.isVirtualProperty);
    const list = this.columns.map((c) => `"${c.databaseName}"`).join(', ');
    const table = metadata.schema
      ? `"${metadata.schema}"."${metadata.tableName}"`
      : `"${metadata.tableName}"`;
    const where = metadata.primaryColumns.map((c, i) => `"${c.databaseName}" = $${i + 1}`).join(' AND ');
    this.sql = `SELECT ${list} FROM ${table} WHERE ${where}`;
    this.sqlForUpdate = `${this.sql} FOR UPDATE`;
    this.keyLength = metadata.primaryColumns.length;
  }

  /** The row on the pool, outside any transaction. */
  async find(...key: unknown[]): Promise<T | null> {
    const { rows } = await this.driver.master.query(this.sql, this.checked(key));
    return rows.length === 0 ? null : this.hydrate(rows[0]);
  }

  /** The row as the caller's transaction sees it. */
  async findIn(manager: EntityManager, ...key: unknown[]): Promise<T | null> {
    const rows: Record<string, unknown>[] = await manager.query(this.sql, this.checked(key));
    return rows.length === 0 ? null : this.hydrate(rows[0]);
  }

  /** The row locked for the rest of the caller's transaction (`FOR UPDATE`), so writers of it go one at a time. */
  async findForUpdateIn(manager: EntityManager, ...key: unknown[]): Promise<T | null> {
    const rows: Record<string, unknown>[] = await manager.query(this.sqlForUpdate, this.checked(key));
    return rows.length === 0 ? null : this.hydrate(rows[0]);
  }

  private get driver(): PostgresDriverLike {
    return this.dataSource.driver as unknown as PostgresDriverLike;
  }

  private checked(key: unknown[]): unknown[] {
    if (key.length !== this.keyLength) {
      throw new Error(`${this.metadata.name}: a key has ${this.keyLength} values, not ${key.length}`);
    }
    return key;
  }

  private hydrate(row: Record<string, unknown>): T {
    const driver = this.driver;
    const entity = this.metadata.create() as T;
    for (const column of this.columns) {
      column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    }
    return entity;
  }
}
