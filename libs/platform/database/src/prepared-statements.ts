import { Client, Query } from 'pg';
import { prepareValue } from './pg-value';

// node-postgres' own query, called directly: no bound copy of it per statement.
const pgQuery = Client.prototype.query;

/**
 * node-postgres sends a statement with parameters as an unnamed statement, which Postgres parses, analyses and plans
 * again on every execution. The platform runs the same few hundred statements all day, so its connections prepare
 * the ones they see again: from a text's second use in the process, it goes out as a named statement, parsed once per
 * connection and from then on executed with only Bind and Execute (Postgres keeps the analysed statement and, once it
 * finds its generic plan as good as a custom one, the plan). On the bench machine pgbench ran its select-only script
 * 50% faster prepared than over the same extended protocol unprepared, and its update script 20% faster.
 *
 * Bounded both ways, since a text that varies (a multi-row VALUES list) would otherwise fill a backend's memory: a
 * connection prepares at most `perConnection` statements and runs any other unnamed, and the process names at most
 * `NAMES_MAX` texts. `perConnection` 0 turns it off: a PgBouncer in transaction mode without its own support for
 * prepared statements cannot keep a named statement from one transaction to the next.
 */
export function preparingClient(perConnection: number): typeof Client {
  if (perConnection <= 0) return Client;
  return class PreparingClient extends Client {
    constructor(...args: ConstructorParameters<typeof Client>) {
      super(...args);
      quotas.set(this, perConnection);
    }

    override query(...args: unknown[]): never {
      const [text, values, callback] = args;
      const named =
        typeof text === 'string' && args.length <= 3 && (values === undefined || Array.isArray(values))
          ? nameFor(this, text, values)
          : undefined;
      if (!named) return (pgQuery as (...a: unknown[]) => never).apply(this, args);
      const submit = (done: (err: Error | undefined, res: unknown) => void) =>
        (pgQuery as (q: unknown) => never).call(
          this,
          new NamedQuery(
            { name: named, text: text as string, values: (values ?? []) as unknown[] },
            (err, res) => {
              if (err) forgetIfStale(this, named, err);
              done(err, res);
            },
          ),
        );
      if (typeof callback === 'function')
        return submit(callback as (e: Error | undefined, r: unknown) => void);
      return new Promise((resolve, reject) =>
        submit((err, res) => {
          if (!err) return resolve(res);
          // As node-postgres does for its own promise: a stack that leads back to the caller, not the socket.
          Error.captureStackTrace(err);
          reject(err);
        }),
      ) as never;
    }
  };
}

/** Transaction control, never prepared: TypeORM sends a handful of such texts, each run once a transaction. */
const TRANSACTION_CONTROL = /^\s*(BEGIN|START|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE)\b/i;

/**
 * Whether a text without parameters is one statement that the extended protocol runs as the simple one would: no
 * semicolon (a text with one inside a literal is taken for several, which only costs) and not a COPY.
 */
export function oneStatement(text: string): boolean {
  return !text.includes(';') && !/^\s*COPY\b/i.test(text);
}

/**
 * Whether a statement may run under a prepared name. Without parameters node-postgres sends a text by the simple
 * protocol, which Postgres parses, analyses and plans on every execution; a read that locks the audit chain's tip,
 * run in every compliance transaction, was planned each time (64 us, twice its execution). Such a text is prepared too
 * when it is `oneStatement` and not transaction control.
 */
export function preparable(text: string, values: readonly unknown[] | undefined): boolean {
  if (values !== undefined && values.length > 0) return true;
  return oneStatement(text) && !TRANSACTION_CONTROL.test(text);
}

/** What node-postgres makes of a statement's RowDescription: the fields, a parser each, the row they fill. */
interface ResultShape {
  readonly fields: unknown[];
  readonly parsers: unknown[];
  readonly emptyRow: object;
}

/** node-postgres' Query and Result as `NamedQuery` uses them: its types leave out the protocol hooks. */
interface NamedProtocolQuery {
  readonly name: string;
  readonly portal: string;
  readonly rows: number | undefined;
  readonly values: unknown[];
  readonly binary: boolean | undefined;
  readonly callback: unknown;
  readonly _result: { fields: unknown[]; _parsers: unknown[]; _prebuiltEmptyResultObject: object | null };
  _accumulateRows: boolean;
  listeners(event: string): unknown[];
  hasBeenParsed(connection: object): boolean;
  prepare(connection: object): void;
  handleRowDescription(message: unknown): void;
  handleError(error: Error, connection: object): void;
  _getRows(connection: object, rows: number | undefined): void;
}
interface Wire {
  readonly parsedStatements: Record<string, string>;
  bind(config: object): void;
  close(config: object): void;
  sync(): void;
}
const PgQuery = Query as unknown as new (
  config: { name: string; text: string; values: unknown[] },
  values: undefined,
  callback: (err: Error | undefined, result: unknown) => void,
) => NamedProtocolQuery;

/**
 * Each connection's prepared statements' result shapes, learnt from their first RowDescription. A prepared
 * statement's columns cannot change while it exists (Postgres refuses to run it then: `forgetIfStale`), so the shape
 * is as lasting as the statement, and is dropped whenever a Parse for its name goes out again.
 */
const shapes = new WeakMap<object, Map<string, ResultShape>>();

/**
 * A named statement that asks Postgres to describe its result only the first time on a connection. node-postgres
 * sends a Describe with every execution, and builds the answer's field list, a parser per column and an empty row
 * again each time: for a wide row (a policy's 60-odd columns) that was a fifth of what a read by id allocated, and
 * the RowDescription 1.4 KB of its 2 KB answer. Later executions reuse the shape, read-only, as node-postgres would
 * have rebuilt it.
 */
class NamedQuery extends PgQuery {
  private connection: object | undefined;

  constructor(
    config: { name: string; text: string; values: unknown[] },
    callback: (err: Error | undefined, result: unknown) => void,
  ) {
    super(config, undefined, callback);
  }

  override prepare(connection: Wire): void {
    this.connection = connection;
    const known = connection.parsedStatements[this.name] !== undefined;
    const shape = known ? shapes.get(connection)?.get(this.name) : undefined;
    if (!shape) {
      if (!this.hasBeenParsed(connection)) forgetShape(connection, this.name);
      super.prepare(connection);
      return;
    }
    try {
      connection.bind({
        portal: this.portal,
        statement: this.name,
        values: this.values,
        binary: this.binary,
        valueMapper: prepareValue,
      });
    } catch (err) {
      // As node-postgres does when a value cannot be mapped.
      connection.close({ type: 'S', name: this.name });
      connection.sync();
      this.handleError(err as Error, connection);
      return;
    }
    const result = this._result;
    result.fields = shape.fields;
    result._parsers = shape.parsers;
    result._prebuiltEmptyResultObject = shape.emptyRow;
    this._accumulateRows = Boolean(this.callback) || this.listeners('row').length === 0;
    this._getRows(connection, this.rows);
  }

  override handleRowDescription(message: unknown): void {
    super.handleRowDescription(message);
    const connection = this.connection;
    const { fields, _parsers, _prebuiltEmptyResultObject } = this._result;
    if (!connection || !_prebuiltEmptyResultObject || this.binary) return;
    let known = shapes.get(connection);
    if (!known) shapes.set(connection, (known = new Map()));
    known.set(this.name, { fields, parsers: _parsers, emptyRow: _prebuiltEmptyResultObject });
  }
}

function forgetShape(connection: object, name: string): void {
  shapes.get(connection)?.delete(name);
}

const NAMES_MAX = 1_000;
const SEEN_MAX = 2_000;
/** Each text named so far, and its name: one name per text for the whole process. */
const names = new Map<string, string>();
/** Texts seen once and not named yet: a statement run only once (a migration's, an operator's) is not prepared. */
const seen = new Set<string>();
/** How many statements each preparing client may prepare. */
const quotas = new WeakMap<object, number>();
/** Names a connection must not use: Postgres may or may not hold them (see `forgetUncertain`), or holds them stale. */
const unusable = new WeakMap<object, Set<string>>();

interface ProtocolState {
  readonly connection: {
    readonly parsedStatements: Record<string, string>;
    /** Parses on the wire, not answered yet: a statement pipelined behind one binds to it without its own Parse. */
    readonly submittedNamedStatements: Record<string, string>;
  };
}
const parsedOn = (client: object) => (client as ProtocolState).connection.parsedStatements;
const submittedOn = (client: object) => (client as ProtocolState).connection.submittedNamedStatements;

/** Texts without parameters each preparing connection has run once. */
const ranOn = new WeakMap<object, Set<string>>();

/**
 * The name `text` is to run under on `client`, or undefined to run it unnamed: the client does not prepare, the text
 * is not `preparable` or new to the process, or the connection holds its quota of other statements. A text without
 * parameters is named from its second use on the connection instead, so what a connection runs once as it opens
 * (TypeORM asks the server's version and schema) never takes its slots.
 */
export function nameFor(
  client: object,
  text: string,
  values: readonly unknown[] | undefined,
): string | undefined {
  const quota = quotas.get(client);
  if (quota === undefined || !preparable(text, values)) return undefined;
  if (!values?.length) {
    let ran = ranOn.get(client);
    if (!ran) ranOn.set(client, (ran = new Set()));
    if (!ran.has(text)) {
      if (ran.size < SEEN_MAX) ran.add(text);
      return undefined;
    }
  }
  let name = names.get(text);
  if (name === undefined) {
    // A text without parameters passed the connection's own count above: its second use already.
    if (values?.length && !seen.has(text)) {
      if (seen.size >= SEEN_MAX) seen.clear();
      seen.add(text);
      return undefined;
    }
    if (names.size >= NAMES_MAX) return undefined;
    seen.delete(text);
    name = `p${names.size + 1}`;
    names.set(text, name);
  }
  const parsed = parsedOn(client);
  if (parsed[name] !== undefined) return name;
  if (unusable.get(client)?.has(name)) return undefined;
  return Object.keys(parsed).length < quota ? name : undefined;
}

/**
 * Whether `client` holds `name` parsed already, or has its Parse on the wire ahead of what is sent now (a pipelined
 * connection): either way its Parse must not be sent again.
 */
export function isPrepared(client: object, name: string): boolean {
  return parsedOn(client)[name] !== undefined || submittedOn(client)[name] !== undefined;
}

/**
 * Records a Parse sent outside node-postgres' own bookkeeping (a statement sent ahead of another), as node-postgres
 * records its own: statements pipelined behind it then bind to it.
 */
export function markSubmitted(client: object, name: string, text: string): void {
  forgetShape((client as ProtocolState).connection, name);
  submittedOn(client)[name] = text;
}

/** Records a statement parsed outside node-postgres' own bookkeeping (a statement sent ahead of another). */
export function markPrepared(client: object, name: string, text: string): void {
  parsedOn(client)[name] = text;
  delete submittedOn(client)[name];
}

/** Undoes a record of `name` as parsed or on its way: its Parse never ran (a statement ahead of it failed). */
export function forgetParsed(client: object, name: string): void {
  forgetShape((client as ProtocolState).connection, name);
  delete parsedOn(client)[name];
  delete submittedOn(client)[name];
}

/**
 * A named statement whose Parse went out in a batch that failed at that statement: Postgres may have created it (the
 * failure was in its execution) or not, so the connection runs that text unnamed from now on rather than risk
 * binding a statement that does not exist or parsing one that does.
 */
export function forgetUncertain(client: object, name: string): void {
  let names = unusable.get(client);
  if (!names) unusable.set(client, (names = new Set()));
  names.add(name);
}

/** After a schema change, Postgres refuses a prepared statement whose result columns changed; it is not used again. */
export function forgetIfStale(client: object, name: string, err: unknown): void {
  if ((err as { code?: string } | null)?.code !== '0A000') return;
  forgetParsed(client, name);
  forgetUncertain(client, name);
}
