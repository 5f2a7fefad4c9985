import { Client } from 'pg';
import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';
import { StartupError } from '@insurer/platform-config';
import { preparingClient } from './prepared-statements';

/** What a service declares about its own database: one schema, its entities and its migrations. */
export interface ServiceDatabase {
  readonly schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function | string>;
}

export interface ConnectionSettings {
  readonly url: string;
  readonly poolMax: number;
  readonly applicationName: string;
  /** How long an unused connection stays open (DB_POOL_IDLE_MS); node-postgres' 10 s when not given. */
  readonly idleMs?: number;
  /** How many statements each connection prepares (DB_PREPARED_STATEMENTS); none when not given. */
  readonly preparedPerConnection?: number;
}

/** TypeORM options for one service: its own schema and migrations table, and never `synchronize`. */
export function serviceDataSourceOptions(db: ServiceDatabase, conn: ConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: conn.url,
    schema: db.schema,
    entities: db.entities,
    migrations: db.migrations,
    migrationsTableName: `${db.schema}_migrations`,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    extra: {
      max: conn.poolMax,
      application_name: conn.applicationName,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: conn.idleMs, // undefined: node-postgres' own default
      Client: preparingClient(conn.preparedPerConnection ?? 0),
      // Statements a transaction issues together (independent reads in a Promise.all) go out at once, each with its
      // own Sync, instead of each waiting in node-postgres' queue for the one before it to be answered.
      pipeline: true,
    },
  };
}

/** Creates the schema if needed and applies pending migrations; returns the names of those applied. */
export async function runServiceMigrations(db: ServiceDatabase, conn: ConnectionSettings): Promise<string[]> {
  const dataSource = new DataSource(serviceDataSourceOptions(db, { ...conn, poolMax: 2 }));
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${db.schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Fails fast, with a message naming the variable, when Postgres cannot be reached. */
export async function probePostgres(url: string, timeoutMs: number): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new StartupError(
      `cannot reach Postgres at ${describeUrl(url)} (DATABASE_URL): ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Postgres returns bigint as a string so large values survive; fen amounts stay far below 2^53, so they map to numbers.
 */
export const bigintAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
