import { Query, type Client } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import {
  forgetIfStale,
  forgetParsed,
  forgetUncertain,
  isPrepared,
  markPrepared,
  markSubmitted,
  nameFor,
  oneStatement,
} from './prepared-statements';
import { prepareValue } from './pg-value';
import { BEGIN, namedAfter, type Statement } from './held-statement';

/**
 * node-postgres sends one statement at a time and waits for its answer, so every statement of a transaction was a
 * round trip (a socket write and read on both sides; in the profiles, the costliest thing a service does), BEGIN and
 * COMMIT included. With this, statements whose answer nobody waits for go to Postgres in the same write as the
 * transaction's next statement, over the extended protocol (Parse/Bind/Execute for each, then the next statement's
 * own messages and one Sync): TypeORM's BEGIN, and the writes a caller hands to `queueWrite` (an outbox row, a
 * replica's upsert), which ride with the next statement or with the COMMIT. Postgres runs them in order and stops at
 * the first that fails: the transaction is then aborted, that failure is the next statement's (or the COMMIT's), and
 * TypeORM's ROLLBACK ends it, as if each had gone alone. A transaction that sends nothing sends neither BEGIN nor
 * COMMIT; one rolled back drops what it had not sent yet.
 */
export function sendStatementsAhead(dataSource: DataSource): void {
  const driver = dataSource.driver as unknown as { createQueryRunner(mode: unknown): QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => holdStatements(create(mode));
}

/**
 * Calls `roundTrip` each time Postgres answers a round trip on one of the data source's connections, for the
 * service's metrics: what sending statements together saves shows there. A round trip ends with a ReadyForQuery
 * that leaves nothing else sent and unanswered: on a pipelined connection, statements sent together (each with its
 * own Sync) are one. Call it once the data source is initialized.
 */
export function countRoundTrips(dataSource: DataSource, roundTrip: () => void): void {
  const pool = (dataSource.driver as unknown as { master?: NodeJS.EventEmitter }).master;
  const counted = new WeakSet<object>();
  pool?.on('acquire', (client: object) => {
    if (counted.has(client)) return;
    counted.add(client);
    onRoundTrip(client, roundTrip);
  });
}

/**
 * Calls `roundTrip` each time Postgres answers a round trip on one node-postgres client (as `countRoundTrips`
 * counts them); returns what stops it. For a test that counts one transaction's round trips on its connection.
 */
export function onRoundTrip(client: object, roundTrip: () => void): () => void {
  const pg = client as PipelinedClient;
  const answered = () => {
    if (!pg._sentQueryQueue?.length) roundTrip();
  };
  const { connection } = pg;
  // Ahead of node-postgres' own listener, which moves on to the next query sent.
  connection.prependListener('readyForQuery', answered);
  return () => connection.off('readyForQuery', answered);
}

/**
 * Runs `work` in a transaction of its own and counts that transaction's round trips on its connection (as
 * `countRoundTrips` counts them), COMMIT included: for tests of a write path's round trips.
 */
export async function countedTransaction<T>(
  dataSource: DataSource,
  work: (m: EntityManager) => Promise<T>,
): Promise<[T, number]> {
  let roundTrips = 0;
  let stop = () => undefined as void;
  try {
    const result = await dataSource.transaction(async (m) => {
      // The transaction's connection, taken before anything is sent on it.
      const client = (await m.queryRunner?.connect()) as object;
      stop = onRoundTrip(client, () => (roundTrips += 1));
      return work(m);
    });
    return [result, roundTrips];
  } finally {
    stop();
  }
}

/** node-postgres' client as `onRoundTrip` reads it: the queries pipelined behind the one being answered. */
interface PipelinedClient {
  readonly connection: NodeJS.EventEmitter;
  readonly _sentQueryQueue?: readonly unknown[];
}

/**
 * A write the transaction needs but whose result the caller does not: sent in the same round trip as the
 * transaction's next statement, or its COMMIT. Its failure fails that statement (the error names the write), so the
 * transaction fails as a whole either way. Outside a transaction, or on a data source without `sendStatementsAhead`,
 * it runs at once. Statements still run in the order they were issued, so the transaction sees what it would have;
 * only a failure is reported later, by the statement the write went with.
 */
export async function queueWrite(m: EntityManager, text: string, values: readonly unknown[]): Promise<void> {
  const runner = m.queryRunner;
  const queue = runner && runner.isTransactionActive ? held.get(runner) : undefined;
  if (!queue) {
    await m.query(text, [...values]);
    return;
  }
  // Mapped now, as node-postgres would at the statement's turn: a value it cannot send fails here, in the caller.
  queue.push({ text, values: values.map((v) => prepareValue(v)) });
}

/**
 * Calls `signal` once the manager's transaction has committed, and drops it if the transaction rolls back: for a
 * signal within the process about what the transaction wrote (the outbox relay's wake-up), which then need not go
 * through Postgres. False, and nothing registered, outside a transaction or on a data source without
 * `sendStatementsAhead`: the caller signals another way. A savepoint rolled back does not drop what was registered
 * inside it, so a signal must be harmless when it finds nothing new.
 */
export function afterCommit(m: EntityManager, signal: () => void): boolean {
  const runner = m.queryRunner;
  const signals = runner && runner.isTransactionActive ? onCommit.get(runner) : undefined;
  if (!signals) return false;
  signals.push(signal);
  return true;
}

/** Each wrapped runner's statements not sent yet, in order. */
const held = new WeakMap<QueryRunner, Statement[]>();
/** Each wrapped runner's signals for the commit of its current transaction (`afterCommit`). */
const onCommit = new WeakMap<QueryRunner, (() => void)[]>();
/**
 * A client's next query, as the runner's wrapper announced it: the statements it sends ahead (if any), and whom to
 * tell once the query is in node-postgres' queue (the runner's next statement waits for that).
 */
const nextOn = new WeakMap<object, { readonly statements: Statement[]; readonly queued: () => void }>();
/** The clients whose `query` knows to look there. */
const wrapped = new WeakSet<object>();

interface Connection {
  readonly stream: { cork?(): void; uncork?(): void };
  readonly submittedNamedStatements: Record<string, string>;
  parse(config: { text: string; name?: string; types: unknown[] }): void;
  bind(config: { statement?: string; values: unknown[]; valueMapper?: unknown }): void;
  execute(config: object): void;
}

/** A statement as sent ahead: under its prepared name when the connection prepares it (`prepared-statements.ts`). */
interface Outgoing extends Statement {
  readonly name?: string;
  /** Whether its Parse goes out with it (not when the connection holds it parsed already). */
  readonly parse: boolean;
}

/** node-postgres' Query as this file uses it: its types leave out the protocol hooks a Query subclass overrides. */
interface ProtocolQuery {
  submit(connection: Connection): Error | null;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: Connection): void;
  handleError(error: Error, connection: Connection): void;
}
const PgQuery = Query as unknown as new (
  config: { text: string; values: unknown[]; name?: string; queryMode?: 'extended' },
  values: undefined,
  callback: (err: Error | undefined, result: unknown) => void,
) => ProtocolQuery;

/** A query preceded, in the same write, by statements whose completions are not part of its result. */
class AfterStatements extends PgQuery {
  /** Completions still owed by the statements ahead; rows they return are dropped. */
  private ahead: number;

  constructor(
    private readonly client: object,
    private readonly statements: readonly Outgoing[],
    private readonly main: Outgoing,
    callback: (err: Error | undefined, result: unknown) => void,
  ) {
    super(
      { text: main.text, values: main.values, name: main.name, queryMode: 'extended' },
      undefined,
      callback,
    );
    this.ahead = statements.length;
  }

  override submit(connection: Connection): Error | null {
    connection.stream.cork?.();
    try {
      for (const s of this.statements) {
        if (s.parse) connection.parse({ text: s.text, name: s.name, types: [] });
        if (s.parse && s.name) markSubmitted(this.client, s.name, s.text);
        connection.bind({ statement: s.name, values: s.values, valueMapper: prepareValue });
        connection.execute({});
      }
      return super.submit(connection);
    } finally {
      connection.stream.uncork?.();
    }
  }

  override handleDataRow(message: unknown): void {
    if (this.ahead === 0) super.handleDataRow(message);
  }

  override handleCommandComplete(message: unknown, connection: Connection): void {
    if (this.ahead === 0) return super.handleCommandComplete(message, connection);
    const done = this.statements[this.statements.length - this.ahead];
    if (done.name && done.parse) markPrepared(this.client, done.name, done.text);
    this.ahead -= 1;
  }

  override handleError(error: Error, connection: Connection): void {
    const at = this.statements.length - this.ahead;
    const failed = this.statements[at];
    // Its Parse may have succeeded (and its execution failed) or not; those after it were not run at all.
    if (failed?.name && failed.parse) forgetUncertain(this.client, failed.name);
    for (const s of this.statements.slice(at)) if (s.name && s.parse) forgetParsed(this.client, s.name);
    const culprit = failed ?? this.main;
    if (culprit.name && !culprit.parse) forgetIfStale(this.client, culprit.name, error);
    // node-postgres took the batch's first ParseComplete for the query's own: undone unless the query's Parse ran.
    if (this.main.name && this.main.parse) {
      forgetParsed(this.client, this.main.name);
      if (!failed) forgetUncertain(this.client, this.main.name);
    }
    super.handleError(failed ? namedAfter(error, failed) : error, connection);
  }
}

/**
 * The batch as sent: each statement under its prepared name where the connection prepares it, parsed only the first
 * time in the batch; the query itself unnamed when a statement ahead of it has its text (node-postgres would parse it
 * a second time under the same name).
 */
function outgoing(client: object, ahead: readonly Statement[], main: Statement): [Outgoing[], Outgoing] {
  // The names parsed in this batch so far. A batch is a few statements (BEGIN and a request's held writes): an
  // array, made at the first named one, costs less than a Set made for every query.
  let inBatch: string[] | undefined;
  const statements: Outgoing[] = [];
  for (const s of ahead) {
    const name = nameFor(client, s.text, s.values);
    if (!name) {
      statements.push(sent(s, undefined, true));
      continue;
    }
    statements.push(sent(s, name, !isPrepared(client, name) && !inBatch?.includes(name)));
    (inBatch ??= []).push(name);
  }
  const name = nameFor(client, main.text, main.values);
  if (!name || inBatch?.includes(name)) return [statements, sent(main, undefined, true)];
  return [statements, sent(main, name, !isPrepared(client, name))];
}

/** A statement as it goes out: a copy of the one held, under its prepared name if it has one. */
function sent(s: Statement, name: string | undefined, parse: boolean): Outgoing {
  return { text: s.text, values: s.values, name, parse };
}

function wrapClient(client: Client): void {
  if (wrapped.has(client)) return;
  wrapped.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const next = nextOn.get(client);
    if (!next) return query(...args);
    nextOn.delete(client);
    const { statements, queued } = next;
    if (!statements.length) {
      const result = query(...args);
      queued();
      return result;
    }
    const [text, values] = args;
    const send = (ahead: readonly Statement[], main: Statement) =>
      new Promise((resolve, reject) => {
        const done = (err: Error | undefined, res: unknown) => (err ? reject(err) : resolve(res));
        query(new AfterStatements(client, ...outgoing(client, ahead, main), done));
      });
    if (
      args.length <= 2 &&
      typeof text === 'string' &&
      (values === undefined || Array.isArray(values)) &&
      (values?.length || oneStatement(text))
    ) {
      const result = send(statements, { text, values: values ?? [] });
      queued();
      return result;
    }
    // Text without parameters that may hold several statements, which the extended protocol refuses, or a COPY:
    // what is held goes first, in a round trip of its own.
    const last = statements[statements.length - 1];
    return send(statements.slice(0, -1), last).then(
      () => {
        const result = query(...args);
        queued();
        return result;
      },
      (error: Error) => {
        throw namedAfter(error, last);
      },
    );
  };
}

function holdStatements(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner) as (
    sql: string,
    parameters?: unknown[],
    structured?: boolean,
  ) => Promise<unknown>;
  // TypeORM's BEGIN, when held, is the queue's first statement: nothing of the transaction has reached Postgres yet.
  const queue: Statement[] = [];
  held.set(runner, queue);
  const signals: (() => void)[] = [];
  onCommit.set(runner, signals);
  // Statements issued together (a Promise.all of reads) reach node-postgres after a few awaits of TypeORM's own, not
  // always as many for each; each waits until the one issued before it is queued there, so they go out (pipelined)
  // in the order they were issued, the first carrying what was held. A read issued after a lock is then sent after
  // it and sees what the lock waited for, as if it had waited for the lock's answer.
  // Unset once the last statement issued is queued: a statement issued alone does not wait at all.
  let lastQueued: Promise<void> | undefined;
  const send = async (sql: string, parameters?: unknown[], structured?: boolean) => {
    if (runner.isReleased) return query(sql, parameters, structured); // TypeORM's own error
    const statements = queue.splice(0);
    const previous = lastQueued;
    let queued!: () => void;
    const gate = new Promise<void>(
      (resolve) =>
        (queued = () => {
          resolve();
          if (lastQueued === gate) lastQueued = undefined;
        }),
    );
    lastQueued = gate;
    let client: Client | undefined;
    try {
      if (previous) await previous;
      client = (await runner.connect()) as Client;
      wrapClient(client);
      nextOn.set(client, { statements, queued });
      return await query(sql, parameters, structured);
    } finally {
      // Also when TypeORM failed before reaching node-postgres: the next statement does not wait for ever, and what
      // was announced is not left for the connection's next user.
      if (client && nextOn.get(client)?.queued === queued) nextOn.delete(client);
      queued();
    }
  };
  runner.query = (async (sql: string, parameters?: unknown[], structured?: boolean) => {
    if (sql === 'START TRANSACTION' && runner.isTransactionActive) {
      // A transaction's outermost level: held for the first statement.
      signals.length = 0;
      queue.push(BEGIN);
      return undefined;
    }
    const unsent = queue[0] === BEGIN;
    if (sql === 'ROLLBACK' && runner.isTransactionActive) {
      // What is held would be rolled back: dropped, and with BEGIN still held there is nothing to roll back.
      queue.length = 0;
      signals.length = 0;
      if (unsent) return undefined;
      // After every statement issued before it (one that failed may have others still on their way).
      if (lastQueued) await lastQueued;
      return query(sql, parameters, structured);
    }
    if (sql === 'COMMIT' && runner.isTransactionActive) {
      const committed = signals.splice(0);
      let result: unknown;
      if (unsent && queue.length === 1) queue.length = 0;
      else result = await send(sql, parameters, structured);
      for (const signal of committed) {
        try {
          signal();
        } catch {
          // The transaction has committed; a signal's failure is not its failure.
        }
      }
      return result;
    }
    return send(sql, parameters, structured);
  }) as QueryRunner['query'];
  return runner;
}
