import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * The column types whose values TypeORM's Postgres driver changes as it hydrates them (`prepareHydratedValue`); a
 * value of any other type, without a transformer, is the one node-postgres parsed. A read skips the driver's chain of
 * type comparisons for those, 30 of a policy's 48 columns (the equivalence with `findOne` is the integration test's).
 */
const CONVERTED_TYPES = new Set<unknown>([
  Boolean,
  Date,
  Number,
  'datetime',
  'timestamp',
  'timestamptz',
  'timestamp with time zone',
  'timestamp without time zone',
  'date',
  'time',
  'vector',
  'halfvec',
  'hstore',
  'simple-array',
  'simple-json',
  'cube',
  'enum',
  'simple-enum',
]);

function hydrationChanges(column: ColumnMetadata): boolean {
  return (
    column.transformer !== undefined || typeof column.type === 'function' || CONVERTED_TYPES.has(column.type)
  );
}

/** The part of TypeORM's Postgres driver this reader uses: its pool and its own value hydration. */
interface PostgresDriverLike {
  readonly master: { query(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };
  prepareHydratedValue(value: unknown, column: ColumnMetadata): unknown;
}

/**
 * Rows of one flat entity (no relations, no embedded columns) read without TypeORM's query builder. On a GET by id,
 * building the SELECT from find options and turning the aliased result back into an entity cost more CPU than the
 * round trip to Postgres (the read benchmark's profile); so did the find options of the flow's hottest reads by other
 * columns. Here the statement is made once from the entity's metadata, each read is one query (on the pool, or in the
 * caller's transaction), and every value goes through the driver's own hydration (types and column transformers), so
 * the entity is the one `findOne` would return.
 */
abstract class EntityRows<T extends ObjectLiteral> {
  protected readonly metadata: EntityMetadata;
  protected readonly table: string;
  private readonly columns: readonly ColumnMetadata[];
  /** Per selected column: the column itself where the driver's hydration changes its value. */
  private readonly converted: readonly (ColumnMetadata | undefined)[];
  protected readonly list: string;

  protected constructor(
    protected readonly dataSource: DataSource,
    target: EntityTarget<T>,
    select?: readonly string[],
  ) {
    const metadata = dataSource.getMetadata(target);
    if (metadata.relations.length > 0 || metadata.embeddeds.length > 0) {
      throw new Error(`${metadata.name}: a reader reads flat entities only`);
    }
    this.metadata = metadata;
    this.columns = select
      ? select.map((name) => this.column(name))
      : metadata.columns.filter((c) => c.isSelect && !c.isVirtualProperty);
    this.converted = this.columns.map((c) => (hydrationChanges(c) ? c : undefined));
    this.list = this.columns.map((c) => `"${c.databaseName}"`).join(', ');
    this.table = metadata.schema ? `"${metadata.schema}"."${metadata.tableName}"` : `"${metadata.tableName}"`;
  }

  protected get driver(): PostgresDriverLike {
    return this.dataSource.driver as unknown as PostgresDriverLike;
  }

  /** The column of an entity property, refused when the entity has none of that name. */
  protected column(property: string): ColumnMetadata {
    const column = this.metadata.columns.find((c) => c.propertyName === property);
    if (!column) throw new Error(`${this.metadata.name} has no column ${property}`);
    return column;
  }

  protected hydrate(row: Record<string, unknown>): T {
    const driver = this.driver;
    const entity = this.metadata.create() as T;
    const { columns, converted } = this;
    for (let i = 0; i < columns.length; i++) {
      const value = row[columns[i].databaseName];
      const column = converted[i];
      // A flat entity's column is its own property (setEntityValue's plain case).
      (entity as Record<string, unknown>)[columns[i].propertyName] = column
        ? driver.prepareHydratedValue(value, column)
        : value;
    }
    return entity;
  }
}

/** Reads one row by primary key; a key is given in the order the entity declares its primary columns. */
export class PrimaryKeyReader<T extends ObjectLiteral> extends EntityRows<T> {
  private readonly sql: string;
  private readonly sqlForUpdate: string;
  private readonly keyLength: number;

  constructor(dataSource: DataSource, target: EntityTarget<T>) {
    super(dataSource, target);
    const where = this.metadata.primaryColumns.map((c, i) => `"${c.databaseName}" = $${i + 1}`).join(' AND ');
    this.sql = `SELECT ${this.list} FROM ${this.table} WHERE ${where}`;
    this.sqlForUpdate = `${this.sql} FOR UPDATE`;
    this.keyLength = this.metadata.primaryColumns.length;
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

  private checked(key: unknown[]): unknown[] {
    if (key.length !== this.keyLength) {
      throw new Error(`${this.metadata.name}: a key has ${this.keyLength} values, not ${key.length}`);
    }
    return key;
  }
}

/**
 * Reads rows by the values of one column (a blind index, a foreign key, or a one-column key given as a list),
 * optionally only some of their columns, as `findOne({ where: { column } })` and
 * `find({ select, where: { column: In(values) } })` would. The entity it gives holds the selected columns only.
 */
export class ColumnReader<T extends ObjectLiteral> extends EntityRows<T> {
  private readonly sqlOne: string;
  private readonly sqlAny: string;

  constructor(
    dataSource: DataSource,
    target: EntityTarget<T>,
    by: keyof T & string,
    select?: readonly (keyof T & string)[],
  ) {
    super(dataSource, target, select);
    const column = `"${this.column(by).databaseName}"`;
    this.sqlOne = `SELECT ${this.list} FROM ${this.table} WHERE ${column} = $1 LIMIT 1`;
    // Postgres takes the array's type from the column's.
    this.sqlAny = `SELECT ${this.list} FROM ${this.table} WHERE ${column} = ANY($1)`;
  }

  /** A row with this value, as the caller's transaction sees it (the first Postgres finds, as findOne's). */
  async findOneIn(manager: EntityManager, value: unknown): Promise<T | null> {
    const rows: Record<string, unknown>[] = await manager.query(this.sqlOne, [value]);
    return rows.length === 0 ? null : this.hydrate(rows[0]);
  }

  /** Every row holding one of these values, in no particular order. */
  async findAllIn(manager: EntityManager, values: readonly unknown[]): Promise<T[]> {
    if (values.length === 0) return [];
    const rows: Record<string, unknown>[] = await manager.query(this.sqlAny, [values]);
    return rows.map((row) => this.hydrate(row));
  }
}
