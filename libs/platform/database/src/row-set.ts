import { prepareValue } from './pg-value';

/** A column of a row set: its name in the table, and whether it is a json or jsonb column (its values JSON text). */
export interface RowSetColumn {
  readonly name: string;
  readonly json?: boolean;
}

/**
 * Many rows of a table as one parameter, for `INSERT INTO <table> (<columns>) <select>`: the rows go as one JSON
 * array and Postgres reads them back as the table's own row type (`json_populate_recordset`), each value through its
 * column type's input, as a text parameter would be. The statement's text is the same however many rows there are,
 * so it is prepared once per connection like any other. A VALUES list with a parameter per value made a new text for
 * every row count: a consumer's runs of 1 to 200 events each went out as a statement Postgres had never seen, parsed
 * and planned in full (about 6 ms of its CPU for 200 rows of 14 columns, against 3.5 ms this way, and as cheap as
 * a prepared VALUES row for one row), and they filled the connections' quota of prepared statements.
 *
 * `table` is the qualified, quoted name; `param` the parameter's number in the statement.
 */
export function rowSet(
  table: string,
  columns: readonly RowSetColumn[],
  rows: readonly (readonly unknown[])[],
  param = 1,
): { select: string; json: Buffer } {
  const { select, json } = build(table, columns, rows, param);
  return { select, json };
}

/**
 * An INSERT of the rows into `table`, its column list the row set's own (so the two cannot disagree), for the caller
 * to end with a conflict clause if it needs one; `json` is its parameter `$param`.
 */
export function rowSetInsert(
  table: string,
  columns: readonly RowSetColumn[],
  rows: readonly (readonly unknown[])[],
  param = 1,
): { sql: string; json: Buffer } {
  const { insert, json } = build(table, columns, rows, param);
  return { sql: insert, json };
}

/** What a row set's statement needs of its columns, the same for every write of them. */
interface Shape {
  readonly keys: readonly string[];
  readonly select: string;
  readonly insert: string;
}

/**
 * Each column list's shape, by table and parameter number, kept as long as the list itself: a caller that passes
 * the same array (a module's constant; RowWriter's per column set) has it made once. Made for every write, the column
 * list, the keys and the SELECT were a third of what a claim's row sets allocated (a heap profile of POST /claims).
 * The arrays are read-only by type; one changed after use would keep its first shape.
 */
const shapes = new WeakMap<readonly RowSetColumn[], Map<string, Shape[]>>();

function shapeOf(table: string, columns: readonly RowSetColumn[], param: number): Shape {
  let byTable = shapes.get(columns);
  if (!byTable) shapes.set(columns, (byTable = new Map()));
  let byParam = byTable.get(table);
  if (!byParam) byTable.set(table, (byParam = []));
  let shape = byParam[param];
  if (!shape) {
    const list = columns.map((c) => `"${c.name}"`).join(', ');
    const select = `SELECT ${list} FROM json_populate_recordset(NULL::${table}, $${param})`;
    shape = byParam[param] = {
      keys: columns.map((c) => `${JSON.stringify(c.name)}:`),
      select,
      insert: `INSERT INTO ${table} (${list}) ${select}`,
    };
  }
  return shape;
}

/**
 * The row set's SELECT, its INSERT and its JSON as UTF-8 bytes, which node-postgres sends as they are (a binary
 * parameter; json's binary form is its text). Built as one string, a consumer's run of 200 events (audit entries,
 * outbox rows: some 300 KB) was a rope that node-postgres flattened to measure: a string that size is a large object
 * to V8, each in fresh pages, and the flattening cost some 1.2 ms a run, 4-6% of the slowest consumers' CPU (perf,
 * in `SlowByteLengthUtf8`). Each row's text is small; they are measured and written into one buffer instead.
 */
function build(
  table: string,
  columns: readonly RowSetColumn[],
  rows: readonly (readonly unknown[])[],
  param: number,
): { select: string; insert: string; json: Buffer } {
  const { keys, select, insert } = shapeOf(table, columns, param);
  const texts: string[] = new Array<string>(rows.length);
  // '[' and ']', and a comma before every row but the first.
  let bytes = rows.length ? rows.length + 1 : 2;
  for (let r = 0; r < rows.length; r += 1) {
    const row = rows[r];
    let text = '{';
    for (let i = 0; i < columns.length; i += 1) {
      text += (i ? ',' : '') + keys[i] + jsonValue(row[i], columns[i].json === true);
    }
    text += '}';
    texts[r] = text;
    bytes += Buffer.byteLength(text);
  }
  const json = Buffer.allocUnsafe(bytes);
  let at = 0;
  json[at++] = 0x5b; // [
  for (let r = 0; r < texts.length; r += 1) {
    if (r) json[at++] = 0x2c; // ,
    at += json.write(texts[r], at);
  }
  json[at++] = 0x5d; // ]
  return { select, insert, json };
}

/**
 * A value as the JSON that makes Postgres read it as node-postgres would send it as a parameter: its text as a JSON
 * string (the column's input reads it), a json column's JSON text as it is, a buffer in bytea's hex form.
 */
function jsonValue(value: unknown, json: boolean): string {
  const text = prepareValue(value);
  if (text === null || text === undefined) return 'null';
  if (Buffer.isBuffer(text)) return `"\\\\x${text.toString('hex')}"`;
  const s = String(text);
  if (json) return s;
  // A lone surrogate reaches Postgres as U+FFFD when node-postgres encodes a text parameter in UTF-8; in JSON it
  // would be an escape Postgres refuses.
  const string = s as unknown as WellFormed;
  return JSON.stringify(string.isWellFormed() ? s : string.toWellFormed());
}

/** ES2024's string methods, in Node.js 20 but not in this project's TypeScript library. */
interface WellFormed {
  isWellFormed(): boolean;
  toWellFormed(): string;
}
