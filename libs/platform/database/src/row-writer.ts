import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { queueWrite } from './statements-ahead';
import { rowSetInsert, type RowSetColumn } from './row-set';

type ColumnMetadata = EntityMetadata['columns'][number];

/** The part of TypeORM's Postgres driver this writer uses: its own value preparation. */
interface PostgresDriverLike {
  preparePersistentValue(value: unknown, column: ColumnMetadata): unknown;
}

/**
 * What a row that already exists (by any unique key) does: `fail` is a plain insert, `ignore` keeps the existing row,
 * `update` overwrites it with the new row's columns (on the primary key).
 */
export type OnExisting = 'fail' | 'ignore' | 'update';

/** A set of columns a write gives, as row-set columns, and the statement written for each `OnExisting`. */
interface ColumnSet {
  readonly columns: readonly WrittenColumn[];
  readonly rowSet: readonly RowSetColumn[];
  readonly statements: Partial<Record<OnExisting, string>>;
}

/** More column sets than an entity's callers give in practice. */
const MAX_COLUMN_SETS = 64;

/**
 * Column types whose values TypeORM's Postgres driver passes on as they are when the column has no transformer:
 * its `preparePersistentValue` only changes dates, times, json and the geometric and special types. Their values
 * skip it; it built an array of type names for each of them, a third of what a claim's row writes allocated in
 * TypeORM. row-writer.spec.ts holds the driver to this list.
 */
export const UNCHANGED_BY_DRIVER: ReadonlySet<unknown> = new Set([
  'text',
  'varchar',
  'character varying',
  'uuid',
  'integer',
  'int',
  'int4',
  'smallint',
  'int2',
  'bigint',
  'int8',
  'numeric',
  'decimal',
  'real',
  'double precision',
  'boolean',
  'bytea',
]);

/** A value of a column whose values the driver passes on as they are. */
const asIs = (value: unknown): unknown => value;

/** An insertable column as a write reads it: its property, and its value as the driver would send it. */
interface WrittenColumn {
  readonly metadata: ColumnMetadata;
  readonly property: string;
  readonly prepare: (value: unknown) => unknown;
}

/**
 * Writes many rows of an entity in one INSERT, whose text is the same however many rows (`rowSet`). A consumer
 * applying a run of events at once writes each table once per run instead of once per event; TypeORM's
 * `insert`/`upsert` build their statement from the entity's metadata on every call, which cost more CPU than the
 * round trip. Here the column list is made once from the metadata and every value the driver would change goes
 * through its own preparation (types and column transformers), so a row reads back as the entity `save` would have
 * written. Only flat entities: no relations, no embedded columns (a column's value is then its property's, as
 * TypeORM reads it).
 */
export class RowWriter<T extends ObjectLiteral> {
  private readonly metadata: EntityMetadata;
  private readonly columns: readonly WrittenColumn[];
  /** The properties of the entity's columns, as `EntityManager.create` copies them (`entity`). */
  private readonly properties: readonly string[];
  /** Each insertable column as a row-set column, made once (a write picks those its rows give). */
  private readonly rowSetColumns: ReadonlyMap<WrittenColumn, RowSetColumn>;
  private readonly table: string;
  private readonly keyColumns: readonly WrittenColumn[];
  /** The column sets written so far, by which of `columns` they hold ('1' a column given, '0' one left out). */
  private readonly columnSets = new Map<string, ColumnSet>();

  constructor(dataSource: DataSource, target: EntityTarget<T>) {
    const metadata = dataSource.getMetadata(target);
    if (metadata.relations.length > 0 || metadata.embeddeds.length > 0) {
      throw new Error(`${metadata.name}: a row writer writes flat entities only`);
    }
    this.metadata = metadata;
    this.properties = metadata.nonVirtualColumns.map((c) => c.propertyName);
    const driver = dataSource.driver as unknown as PostgresDriverLike;
    const written = (c: ColumnMetadata): WrittenColumn => ({
      metadata: c,
      property: c.propertyName,
      prepare:
        !c.transformer && UNCHANGED_BY_DRIVER.has(c.type)
          ? asIs
          : (value) => driver.preparePersistentValue(value, c),
    });
    this.columns = metadata.columns.filter((c) => c.isInsert && !c.isVirtualProperty).map(written);
    this.rowSetColumns = new Map(
      this.columns.map((c) => [
        c,
        {
          name: c.metadata.databaseName,
          json: !c.metadata.isArray && (c.metadata.type === 'json' || c.metadata.type === 'jsonb'),
        },
      ]),
    );
    this.table = metadata.schema ? `"${metadata.schema}"."${metadata.tableName}"` : `"${metadata.tableName}"`;
    this.keyColumns = metadata.primaryColumns.map(
      (k) => this.columns.find((c) => c.metadata === k) ?? written(k),
    );
  }

  /**
   * A new entity holding the columns `values` gives (not undefined) and nothing else, as `EntityManager.create`
   * makes one of a flat entity: without its general transformer, which cost a claim 11 us of CPU and 2.8 KB.
   */
  entity(values: Partial<T>): T {
    const entity: ObjectLiteral = this.metadata.create();
    const given: ObjectLiteral = values;
    for (const property of this.properties) {
      const value = given[property];
      if (value !== undefined) entity[property] = value;
    }
    return entity as T;
  }

  /**
   * Writes the rows in the caller's transaction; answers the rows written (with `ignore`, those that did not exist).
   * As with TypeORM's `insert` and `upsert`, the columns written are those the first row gives (not undefined): a
   * column left out takes its default on insert and keeps its value on update; every row gives the same columns.
   * With `update`, a key given twice is written once, with its last row, as writing them in turn would leave it.
   * With `fail` and `update` nothing waits for the statement: it goes with the transaction's next statement or its
   * COMMIT (`queueWrite`), and a refusal (a duplicate key with `fail`) fails that statement, and so the transaction.
   */
  async write<R extends Partial<T>>(
    manager: EntityManager,
    rows: readonly R[],
    onExisting: OnExisting = 'fail',
  ): Promise<R[]> {
    const given = onExisting === 'update' ? [...new Map(rows.map((r) => [this.key(r), r])).values()] : rows;
    if (given.length === 0) return [];
    const { columns, rowSet, statements } = this.columnSet(given[0]);
    const { sql: insert, json } = rowSetInsert(
      this.table,
      rowSet,
      given.map((row: ObjectLiteral) => columns.map((c) => c.prepare(row[c.property]))),
    );
    const sql = (statements[onExisting] ??= `${insert}${this.conflict(onExisting, columns)}`);
    const params = [json];
    if (onExisting !== 'ignore') {
      await queueWrite(manager, sql, params);
      return [...given];
    }
    const result: Record<string, unknown>[] = await manager.query(sql, params);
    const written = new Set(result.map((r) => this.keyOf((c) => r[c.metadata.databaseName])));
    return given.filter((row) => written.has(this.key(row)));
  }

  /**
   * Writes a row back over the one its key names, every column it gives (not undefined), as TypeORM's `save` of a
   * loaded entity would leave it, without `save`'s read of the row first. For a row the transaction holds (read
   * `FOR UPDATE`), or for a few columns of a row (its key and those columns given); like `write`, it goes with the
   * transaction's next statement or its COMMIT.
   */
  async update(manager: EntityManager, row: Partial<T>): Promise<void> {
    const values: ObjectLiteral = row;
    const columns = this.columns.filter((c) => !c.metadata.isPrimary && values[c.property] !== undefined);
    if (columns.length === 0) return;
    const params = [...columns, ...this.keyColumns].map((c) => c.prepare(values[c.property]));
    const set = columns.map((c, i) => `"${c.metadata.databaseName}" = $${i + 1}`).join(', ');
    const where = this.keyColumns
      .map((c, i) => `"${c.metadata.databaseName}" = $${columns.length + i + 1}`)
      .join(' AND ');
    await queueWrite(manager, `UPDATE ${this.table} SET ${set} WHERE ${where}`, params);
  }

  /** The clause that makes an INSERT of these columns `ignore` or `update` a row that exists. */
  private conflict(onExisting: OnExisting, columns: readonly WrittenColumn[]): string {
    const keys = this.keyColumns.map((c) => `"${c.metadata.databaseName}"`).join(', ');
    if (onExisting === 'ignore') return ` ON CONFLICT DO NOTHING RETURNING ${keys}`;
    if (onExisting === 'fail') return '';
    return ` ON CONFLICT (${keys}) DO UPDATE SET ${columns
      .filter((c) => !c.metadata.isPrimary)
      .map((c) => `"${c.metadata.databaseName}" = EXCLUDED."${c.metadata.databaseName}"`)
      .join(', ')}`;
  }

  /**
   * The columns a row gives (not undefined), as row-set columns, with the statements written for them so far: made
   * once for each set of columns a write gives, as the row set's own shape is (see `rowSetInsert`).
   */
  private columnSet(row: ObjectLiteral): ColumnSet {
    let signature = '';
    for (const c of this.columns) signature += row[c.property] === undefined ? '0' : '1';
    const known = this.columnSets.get(signature);
    if (known) return known;
    const columns = this.columns.filter((c) => row[c.property] !== undefined);
    const set: ColumnSet = {
      columns,
      rowSet: columns.map((c) => this.rowSetColumns.get(c) as RowSetColumn),
      statements: {},
    };
    // A caller's column sets are a few fixed shapes; past the bound (a caller giving columns at random) they are
    // made each time, as before.
    if (this.columnSets.size < MAX_COLUMN_SETS) this.columnSets.set(signature, set);
    return set;
  }

  private key(row: ObjectLiteral): string {
    return this.keyOf((c) => row[c.property]);
  }

  /** A key as one string; Postgres answers a uuid in lower case whatever case it was given in. */
  private keyOf(value: (column: WrittenColumn) => unknown): string {
    return this.keyColumns
      .map((c) => (c.metadata.type === 'uuid' ? String(value(c)).toLowerCase() : String(value(c))))
      .join('\u0000');
  }
}
