import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

type ColumnMetadata = EntityMetadata['columns'][number];

/** The part of TypeORM's Postgres driver this reader uses: its pool and its own value hydration. */
interface PostgresDriverLike {
  readonly master: { query(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };
  prepareHydratedValue(value: unknown, column: ColumnMetadata): unknown;
}

/**
 * Reads one row by primary key without TypeORM's query builder. On a GET by id, building the SELECT from find
 * options and turning the aliased result back into an entity cost more CPU than the round trip to Postgres (the read
 * benchmark's profile). Here the statement is made once from the entity's metadata, each read is one query on the
 * same pool, and every value goes through the driver's own hydration (types and column transformers), so the entity
 * is the one `findOne` would return. Only flat entities: no relations, no embedded columns.
 */
export class PrimaryKeyReader<T extends ObjectLiteral> {
  private readonly metadata: EntityMetadata;
  private readonly columns: readonly ColumnMetadata[];
  private readonly sql: string;

  constructor(
    private readonly dataSource: DataSource,
    target: EntityTarget<T>,
  ) {
    const metadata = dataSource.getMetadata(target);
    if (metadata.primaryColumns.length !== 1) {
      throw new Error(`${metadata.name}: a primary-key reader needs exactly one primary column`);
    }
    if (metadata.relations.length > 0 || metadata.embeddeds.length > 0) {
      throw new Error(`${metadata.name}: a primary-key reader reads flat entities only`);
    }
    this.metadata = metadata;
    this.columns = metadata.columns.filter((c) => c.isSelect && !c.isVirtualProperty);
    const list = this.columns.map((c) => `"${c.databaseName}"`).join(', ');
    const table = metadata.schema
      ? `"${metadata.schema}"."${metadata.tableName}"`
      : `"${metadata.tableName}"`;
    this.sql = `SELECT ${list} FROM ${table} WHERE "${metadata.primaryColumns[0].databaseName}" = $1`;
  }

  async find(id: unknown): Promise<T | null> {
    const driver = this.dataSource.driver as unknown as PostgresDriverLike;
    const { rows } = await driver.master.query(this.sql, [id]);
    if (rows.length === 0) return null;
    const row = rows[0];
    const entity = this.metadata.create() as T;
    for (const column of this.columns) {
      column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    }
    return entity;
  }
}
