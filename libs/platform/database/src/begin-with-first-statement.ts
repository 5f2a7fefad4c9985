import { Query, type Client } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * TypeORM opens a transaction with a `START TRANSACTION` round trip of its own, and node-postgres sends one statement
 * at a time, so every transaction paid a round trip (a socket write and read on both sides) before its first statement.
 * With this, a transaction's BEGIN goes to Postgres in the same write as its first statement, over the extended
 * protocol (Parse/Bind/Execute for BEGIN, then the statement's own messages and one Sync): one round trip for both.
 * Postgres runs them in order; should the statement fail, the transaction is open and aborted, as if BEGIN had gone
 * alone, and TypeORM's ROLLBACK ends it. A first statement without parameters (node-postgres would send it over the
 * simple protocol, which may hold several statements) is preceded by its own BEGIN as before; a transaction that
 * sends no statement at all sends neither BEGIN nor COMMIT.
 */
export function sendBeginWithFirstStatement(dataSource: DataSource): void {
  const driver = dataSource.driver as unknown as { createQueryRunner(mode: unknown): QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => deferBegin(create(mode));
}

/** The clients whose next query goes with a BEGIN. */
const beginNext = new WeakSet<object>();
/** The clients whose `query` knows to look there. */
const wrapped = new WeakSet<object>();

interface Connection {
  readonly stream: { cork?(): void; uncork?(): void };
  parse(config: { text: string; types: unknown[] }): void;
  bind(config: { values: unknown[] }): void;
  execute(config: object): void;
}

/** node-postgres' Query as this file uses it: its types leave out the protocol hooks a Query subclass overrides. */
interface ProtocolQuery {
  submit(connection: Connection): Error | null;
  handleCommandComplete(message: unknown, connection: Connection): void;
}
const PgQuery = Query as unknown as new (
  config: { text: string; values: unknown[] },
  values: undefined,
  callback: (err: Error | undefined, result: unknown) => void,
) => ProtocolQuery;

/** A query preceded, in the same write, by an unnamed BEGIN whose completion is not part of its result. */
class BeginThen extends PgQuery {
  private begun = false;

  override submit(connection: Connection): Error | null {
    connection.stream.cork?.();
    try {
      connection.parse({ text: 'BEGIN', types: [] });
      connection.bind({ values: [] });
      connection.execute({});
      return super.submit(connection);
    } finally {
      connection.stream.uncork?.();
    }
  }

  override handleCommandComplete(message: unknown, connection: Connection): void {
    if (!this.begun) {
      this.begun = true;
      return;
    }
    super.handleCommandComplete(message, connection);
  }
}

function wrapClient(client: Client): void {
  if (wrapped.has(client)) return;
  wrapped.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    if (!beginNext.delete(client)) return query(...args);
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && values.length)
      return new Promise((resolve, reject) => {
        query(new BeginThen({ text, values }, undefined, (err, res) => (err ? reject(err) : resolve(res))));
      });
    // Not the call the runner announced (TypeORM always passes text and parameters): BEGIN on its own first.
    return (query('BEGIN') as Promise<unknown>).then(() => query(...args));
  };
}

function deferBegin(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner) as (
    sql: string,
    parameters?: unknown[],
    structured?: boolean,
  ) => Promise<unknown>;
  let pending = false;
  runner.query = (async (sql: string, parameters?: unknown[], structured?: boolean) => {
    if (sql === 'START TRANSACTION' && runner.isTransactionActive) {
      // TypeORM's own BEGIN (a transaction's outermost level): held for the first statement.
      pending = true;
      return undefined;
    }
    if (pending) {
      pending = false;
      if ((sql === 'COMMIT' || sql === 'ROLLBACK') && runner.isTransactionActive) return undefined;
      if (parameters?.length) {
        const client = (await runner.connect()) as Client;
        wrapClient(client);
        beginNext.add(client);
      } else await query('START TRANSACTION');
    }
    return query(sql, parameters, structured);
  }) as QueryRunner['query'];
  return runner;
}
